;; Cold-Start Lab's SIMD kernels for tfjs-backend-wasm. They run on the backend's own heap: the
;; module imports tfjs's WebAssembly.Memory (scripts/build-simd.ts compiles this file twice, for
;; the plain and the shared memory of the threaded build), and every pointer below is a byte
;; offset into it, as BackendWasm.getMemoryOffset gives. Loads and stores of v128 need no
;; alignment in WebAssembly; n counts float32 elements. Every operation is one IEEE float32
;; operation in the order the tfjs ops it replaces use, so the results are the ops' bit for bit
;; (WebAssembly has no fused multiply-add, so nothing is contracted).
(module
  (import "env" "memory" (memory 1))

  ;; memmove of `bytes` bytes from src to dst
  (func (export "copy") (param $dst i32) (param $src i32) (param $bytes i32)
    (memory.copy (local.get $dst) (local.get $src) (local.get $bytes)))

  ;; Copies `bytes` bytes from src to dst (not overlapping): 16 at a time, then 4, then 1. For the
  ;; short rows these kernels move (40-600 bytes), an inline loop beats a memory.copy call each.
  (func $copy_row (param $dst i32) (param $src i32) (param $bytes i32)
    (local $i i32) (local $end i32)
    (local.set $end (i32.and (local.get $bytes) (i32.const -16)))
    (block $b16 (loop $l16
      (br_if $b16 (i32.ge_u (local.get $i) (local.get $end)))
      (v128.store (i32.add (local.get $dst) (local.get $i)) (v128.load (i32.add (local.get $src) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $l16)))
    (local.set $end (i32.and (local.get $bytes) (i32.const -4)))
    (block $b4 (loop $l4
      (br_if $b4 (i32.ge_u (local.get $i) (local.get $end)))
      (i32.store (i32.add (local.get $dst) (local.get $i)) (i32.load (i32.add (local.get $src) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $l4)))
    (block $b1 (loop $l1
      (br_if $b1 (i32.ge_u (local.get $i) (local.get $bytes)))
      (i32.store8 (i32.add (local.get $dst) (local.get $i)) (i32.load8_u (i32.add (local.get $src) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l1))))

  ;; A block of `rows` rows of `bytes` bytes each, from src to dst, whose rows start every
  ;; srcStride and dstStride bytes: one part of a column concat or split (column-blocks.ts).
  (func (export "copy_blocks")
    (param $src i32) (param $srcStride i32) (param $dst i32) (param $dstStride i32)
    (param $rows i32) (param $bytes i32)
    (block $done (loop $row
      (br_if $done (i32.eqz (local.get $rows)))
      (call $copy_row (local.get $dst) (local.get $src) (local.get $bytes))
      (local.set $src (i32.add (local.get $src) (local.get $srcStride)))
      (local.set $dst (i32.add (local.get $dst) (local.get $dstStride)))
      (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
      (br $row))))

  ;; dst[i] = src[idx[i]] for i < k, rows of rowBytes bytes, idx int32 (row-gather.ts). Returns -1,
  ;; or the first i whose idx[i] is not in [0, n) (rows from there on are not written).
  (func (export "gather_rows")
    (param $src i32) (param $n i32) (param $rowBytes i32) (param $idx i32) (param $k i32) (param $dst i32)
    (result i32)
    (local $i i32) (local $row i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
      (local.set $row (i32.load (i32.add (local.get $idx) (i32.shl (local.get $i) (i32.const 2)))))
      ;; unsigned: a negative index is a huge one
      (if (i32.ge_u (local.get $row) (local.get $n)) (then (return (local.get $i))))
      (call $copy_row
        (i32.add (local.get $dst) (i32.mul (local.get $i) (local.get $rowBytes)))
        (i32.add (local.get $src) (i32.mul (local.get $row) (local.get $rowBytes)))
        (local.get $rowBytes))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i32.const -1))

  ;; dst = src^T for src [rows, cols] of 4-byte elements (bits copied as is), in 16 x 16 tiles so
  ;; that neither side strides through memory a whole row or column at a time (transpose.ts).
  (func (export "transpose32") (param $src i32) (param $rows i32) (param $cols i32) (param $dst i32)
    (local $rb i32) (local $cb i32) (local $r i32) (local $c i32) (local $rEnd i32) (local $cEnd i32)
    (block $b1 (loop $l1
      (br_if $b1 (i32.ge_u (local.get $rb) (local.get $rows)))
      (local.set $rEnd (i32.add (local.get $rb) (i32.const 16)))
      (if (i32.gt_u (local.get $rEnd) (local.get $rows)) (then (local.set $rEnd (local.get $rows))))
      (local.set $cb (i32.const 0))
      (block $b2 (loop $l2
        (br_if $b2 (i32.ge_u (local.get $cb) (local.get $cols)))
        (local.set $cEnd (i32.add (local.get $cb) (i32.const 16)))
        (if (i32.gt_u (local.get $cEnd) (local.get $cols)) (then (local.set $cEnd (local.get $cols))))
        (local.set $r (local.get $rb))
        (block $b3 (loop $l3
          (br_if $b3 (i32.ge_u (local.get $r) (local.get $rEnd)))
          (local.set $c (local.get $cb))
          (block $b4 (loop $l4
            (br_if $b4 (i32.ge_u (local.get $c) (local.get $cEnd)))
            (i32.store
              (i32.add (local.get $dst)
                (i32.shl (i32.add (i32.mul (local.get $c) (local.get $rows)) (local.get $r)) (i32.const 2)))
              (i32.load
                (i32.add (local.get $src)
                  (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cols)) (local.get $c)) (i32.const 2)))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $l4)))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br $l3)))
        (local.set $cb (i32.add (local.get $cb) (i32.const 16)))
        (br $l2)))
      (local.set $rb (i32.add (local.get $rb) (i32.const 16)))
      (br $l1))))

  ;; Adam over n elements (adam.ts states the maths): with g the gradient,
  ;;   m' = m b1 + g c1,  v' = v b2 + (g g) c2,  p' = p - (m' / (sqrt(v') + eps)) lr,
  ;; c1 = 1 - b1, c2 = 1 - b2, lr and eps already bias-corrected for the step count. Reads
  ;; p, m, v, g; writes po, mo, vo (which must not overlap the inputs).
  (func (export "adam")
    (param $p i32) (param $m i32) (param $v i32) (param $g i32)
    (param $po i32) (param $mo i32) (param $vo i32) (param $n i32)
    (param $b1 f32) (param $c1 f32) (param $b2 f32) (param $c2 f32) (param $lr f32) (param $eps f32)
    (local $i i32) (local $end i32)
    (local $B1 v128) (local $C1 v128) (local $B2 v128) (local $C2 v128) (local $LR v128) (local $EPS v128)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $B1 (f32x4.splat (local.get $b1)))
    (local.set $C1 (f32x4.splat (local.get $c1)))
    (local.set $B2 (f32x4.splat (local.get $b2)))
    (local.set $C2 (f32x4.splat (local.get $c2)))
    (local.set $LR (f32x4.splat (local.get $lr)))
    (local.set $EPS (f32x4.splat (local.get $eps)))
    ;; bytes of the largest multiple of 4 elements
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $vdone
      (loop $vloop
        (br_if $vdone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $i))))
        (local.set $mv
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $i))) (local.get $B1))
            (f32x4.mul (local.get $gv) (local.get $C1))))
        (local.set $vv
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $i))) (local.get $B2))
            (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $C2))))
        (v128.store (i32.add (local.get $mo) (local.get $i)) (local.get $mv))
        (v128.store (i32.add (local.get $vo) (local.get $i)) (local.get $vv))
        (v128.store (i32.add (local.get $po) (local.get $i))
          (f32x4.sub
            (v128.load (i32.add (local.get $p) (local.get $i)))
            (f32x4.mul
              (f32x4.div (local.get $mv) (f32x4.add (f32x4.sqrt (local.get $vv)) (local.get $EPS)))
              (local.get $LR))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vloop)))
    ;; the last n mod 4 elements, one at a time
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $sdone
      (loop $sloop
        (br_if $sdone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $i))))
        (local.set $ms
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $m) (local.get $i))) (local.get $b1))
            (f32.mul (local.get $gs) (local.get $c1))))
        (local.set $vs
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $v) (local.get $i))) (local.get $b2))
            (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $c2))))
        (f32.store (i32.add (local.get $mo) (local.get $i)) (local.get $ms))
        (f32.store (i32.add (local.get $vo) (local.get $i)) (local.get $vs))
        (f32.store (i32.add (local.get $po) (local.get $i))
          (f32.sub
            (f32.load (i32.add (local.get $p) (local.get $i)))
            (f32.mul
              (f32.div (local.get $ms) (f32.add (f32.sqrt (local.get $vs)) (local.get $eps)))
              (local.get $lr))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $sloop)))
  )

  ;; Column loops below walk x [rows, cols] row by row, 4 columns at a time: cols must be a
  ;; multiple of 4 (the callers check; other widths run tfjs ops). $rb is the bytes of one row.

  ;; Training-mode batch norm then relu (fused-ops.ts batchNormRelu states the maths): per column,
  ;; mean = (sum_r x) / N, var = (sum_r (x - mean)^2) / N, inv = 1 / sqrt(var + eps),
  ;; xhat = (x - mean) inv, y = max(xhat gamma + beta, 0). Writes y, xhat (both [rows, cols]),
  ;; mean, var, inv ([cols]); with $update, also the moving statistics
  ;; mmOut = mm mom + mean (1 - mom), mvOut = mv mom + var (1 - mom).
  (func (export "bn_relu_forward")
    (param $x i32) (param $rows i32) (param $cols i32) (param $gamma i32) (param $beta i32)
    (param $eps f32) (param $y i32) (param $xhat i32) (param $mean i32) (param $var i32) (param $inv i32)
    (param $update i32) (param $mm i32) (param $mv i32) (param $mmOut i32) (param $mvOut i32) (param $mom f32)
    (local $rb i32) (local $end i32) (local $r i32) (local $c i32) (local $at i32)
    (local $N v128) (local $d v128) (local $xh v128) (local $M v128) (local $M1 v128)
    (local.set $rb (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $end (i32.mul (local.get $rb) (local.get $rows)))
    (local.set $N (f32x4.splat (f32.convert_i32_u (local.get $rows))))
    (memory.fill (local.get $mean) (i32.const 0) (local.get $rb))
    (memory.fill (local.get $var) (i32.const 0) (local.get $rb))
    ;; mean += x, row by row
    (local.set $r (i32.const 0))
    (block $b1 (loop $l1
      (br_if $b1 (i32.ge_u (local.get $r) (local.get $end)))
      (local.set $c (i32.const 0))
      (block $b2 (loop $l2
        (br_if $b2 (i32.ge_u (local.get $c) (local.get $rb)))
        (local.set $at (i32.add (local.get $mean) (local.get $c)))
        (v128.store (local.get $at)
          (f32x4.add (v128.load (local.get $at))
            (v128.load (i32.add (local.get $x) (i32.add (local.get $r) (local.get $c))))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $l2)))
      (local.set $r (i32.add (local.get $r) (local.get $rb)))
      (br $l1)))
    (local.set $c (i32.const 0))
    (block $b3 (loop $l3
      (br_if $b3 (i32.ge_u (local.get $c) (local.get $rb)))
      (local.set $at (i32.add (local.get $mean) (local.get $c)))
      (v128.store (local.get $at) (f32x4.div (v128.load (local.get $at)) (local.get $N)))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br $l3)))
    ;; var += (x - mean)^2, row by row
    (local.set $r (i32.const 0))
    (block $b4 (loop $l4
      (br_if $b4 (i32.ge_u (local.get $r) (local.get $end)))
      (local.set $c (i32.const 0))
      (block $b5 (loop $l5
        (br_if $b5 (i32.ge_u (local.get $c) (local.get $rb)))
        (local.set $d
          (f32x4.sub (v128.load (i32.add (local.get $x) (i32.add (local.get $r) (local.get $c))))
            (v128.load (i32.add (local.get $mean) (local.get $c)))))
        (local.set $at (i32.add (local.get $var) (local.get $c)))
        (v128.store (local.get $at)
          (f32x4.add (v128.load (local.get $at)) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $l5)))
      (local.set $r (i32.add (local.get $r) (local.get $rb)))
      (br $l4)))
    ;; var /= N; inv = 1 / sqrt(var + eps); the moving statistics
    (local.set $M (f32x4.splat (local.get $mom)))
    (local.set $M1 (f32x4.splat (f32.sub (f32.const 1) (local.get $mom))))
    (local.set $c (i32.const 0))
    (block $b6 (loop $l6
      (br_if $b6 (i32.ge_u (local.get $c) (local.get $rb)))
      (local.set $at (i32.add (local.get $var) (local.get $c)))
      (local.set $d (f32x4.div (v128.load (local.get $at)) (local.get $N)))
      (v128.store (local.get $at) (local.get $d))
      (v128.store (i32.add (local.get $inv) (local.get $c))
        (f32x4.div (f32x4.splat (f32.const 1))
          (f32x4.sqrt (f32x4.add (local.get $d) (f32x4.splat (local.get $eps))))))
      (if (local.get $update)
        (then
          (v128.store (i32.add (local.get $mmOut) (local.get $c))
            (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $mm) (local.get $c))) (local.get $M))
              (f32x4.mul (v128.load (i32.add (local.get $mean) (local.get $c))) (local.get $M1))))
          (v128.store (i32.add (local.get $mvOut) (local.get $c))
            (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $mv) (local.get $c))) (local.get $M))
              (f32x4.mul (local.get $d) (local.get $M1))))))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br $l6)))
    ;; xhat = (x - mean) inv; y = max(xhat gamma + beta, 0)
    (local.set $r (i32.const 0))
    (block $b7 (loop $l7
      (br_if $b7 (i32.ge_u (local.get $r) (local.get $end)))
      (local.set $c (i32.const 0))
      (block $b8 (loop $l8
        (br_if $b8 (i32.ge_u (local.get $c) (local.get $rb)))
        (local.set $at (i32.add (local.get $r) (local.get $c)))
        (local.set $xh
          (f32x4.mul
            (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $at)))
              (v128.load (i32.add (local.get $mean) (local.get $c))))
            (v128.load (i32.add (local.get $inv) (local.get $c)))))
        (v128.store (i32.add (local.get $xhat) (local.get $at)) (local.get $xh))
        (v128.store (i32.add (local.get $y) (local.get $at))
          (f32x4.max
            (f32x4.add (f32x4.mul (local.get $xh) (v128.load (i32.add (local.get $gamma) (local.get $c))))
              (v128.load (i32.add (local.get $beta) (local.get $c))))
            (f32x4.splat (f32.const 0))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $l8)))
      (local.set $r (i32.add (local.get $r) (local.get $rb)))
      (br $l7)))
  )

  ;; Its gradient: with g = dy where y > 0, else 0, per column dbeta = sum_r g,
  ;; dgamma = sum_r g xhat, and dx = ((N g - dbeta) - xhat dgamma) ((gamma inv) / N).
  (func (export "bn_relu_backward")
    (param $dy i32) (param $xhat i32) (param $y i32) (param $gamma i32) (param $inv i32)
    (param $rows i32) (param $cols i32) (param $dx i32) (param $dgamma i32) (param $dbeta i32)
    (local $rb i32) (local $end i32) (local $r i32) (local $c i32) (local $at i32)
    (local $N v128) (local $g v128)
    (local.set $rb (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $end (i32.mul (local.get $rb) (local.get $rows)))
    (local.set $N (f32x4.splat (f32.convert_i32_u (local.get $rows))))
    (memory.fill (local.get $dgamma) (i32.const 0) (local.get $rb))
    (memory.fill (local.get $dbeta) (i32.const 0) (local.get $rb))
    ;; dbeta += g; dgamma += g xhat, row by row
    (local.set $r (i32.const 0))
    (block $b1 (loop $l1
      (br_if $b1 (i32.ge_u (local.get $r) (local.get $end)))
      (local.set $c (i32.const 0))
      (block $b2 (loop $l2
        (br_if $b2 (i32.ge_u (local.get $c) (local.get $rb)))
        (local.set $at (i32.add (local.get $r) (local.get $c)))
        (local.set $g
          (v128.and (v128.load (i32.add (local.get $dy) (local.get $at)))
            (f32x4.gt (v128.load (i32.add (local.get $y) (local.get $at))) (f32x4.splat (f32.const 0)))))
        (v128.store (i32.add (local.get $dbeta) (local.get $c))
          (f32x4.add (v128.load (i32.add (local.get $dbeta) (local.get $c))) (local.get $g)))
        (v128.store (i32.add (local.get $dgamma) (local.get $c))
          (f32x4.add (v128.load (i32.add (local.get $dgamma) (local.get $c)))
            (f32x4.mul (local.get $g) (v128.load (i32.add (local.get $xhat) (local.get $at))))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $l2)))
      (local.set $r (i32.add (local.get $r) (local.get $rb)))
      (br $l1)))
    ;; dx, row by row
    (local.set $r (i32.const 0))
    (block $b3 (loop $l3
      (br_if $b3 (i32.ge_u (local.get $r) (local.get $end)))
      (local.set $c (i32.const 0))
      (block $b4 (loop $l4
        (br_if $b4 (i32.ge_u (local.get $c) (local.get $rb)))
        (local.set $at (i32.add (local.get $r) (local.get $c)))
        (local.set $g
          (v128.and (v128.load (i32.add (local.get $dy) (local.get $at)))
            (f32x4.gt (v128.load (i32.add (local.get $y) (local.get $at))) (f32x4.splat (f32.const 0)))))
        (v128.store (i32.add (local.get $dx) (local.get $at))
          (f32x4.mul
            (f32x4.sub
              (f32x4.sub (f32x4.mul (local.get $g) (local.get $N))
                (v128.load (i32.add (local.get $dbeta) (local.get $c))))
              (f32x4.mul (v128.load (i32.add (local.get $xhat) (local.get $at)))
                (v128.load (i32.add (local.get $dgamma) (local.get $c)))))
            (f32x4.div
              (f32x4.mul (v128.load (i32.add (local.get $gamma) (local.get $c)))
                (v128.load (i32.add (local.get $inv) (local.get $c))))
              (local.get $N))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $l4)))
      (local.set $r (i32.add (local.get $r) (local.get $rb)))
      (br $l3)))
  )

  ;; Packs B (k x n, element (k, j) at src + 4 (k sK + j sJ)) into panels of 8 columns:
  ;; dst[j / 8][k][j mod 8], zero beyond column n. Unit-stride rows copy 8 floats at a time.
  (func $gemm_pack_b (export "gemm_pack_b")
    (param $src i32) (param $sK i32) (param $sJ i32) (param $k i32) (param $n i32) (param $dst i32)
    (local $jb i32) (local $kk i32) (local $r i32) (local $j i32) (local $row i32)
    (block $bj (loop $lj
      (br_if $bj (i32.ge_u (local.get $jb) (local.get $n)))
      (local.set $kk (i32.const 0))
      (block $bk (loop $lk
        (br_if $bk (i32.ge_u (local.get $kk) (local.get $k)))
        (local.set $row (i32.add (local.get $src) (i32.shl (i32.mul (local.get $kk) (local.get $sK)) (i32.const 2))))
        (if (i32.and (i32.eq (local.get $sJ) (i32.const 1))
                     (i32.le_u (i32.add (local.get $jb) (i32.const 8)) (local.get $n)))
          (then
            (v128.store (local.get $dst) (v128.load (i32.add (local.get $row) (i32.shl (local.get $jb) (i32.const 2)))))
            (v128.store offset=16 (local.get $dst)
              (v128.load offset=16 (i32.add (local.get $row) (i32.shl (local.get $jb) (i32.const 2))))))
          (else
            (local.set $r (i32.const 0))
            (block $br (loop $lr
              (br_if $br (i32.ge_u (local.get $r) (i32.const 8)))
              (local.set $j (i32.add (local.get $jb) (local.get $r)))
              (f32.store (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2)))
                (if (result f32) (i32.lt_u (local.get $j) (local.get $n))
                  (then (f32.load (i32.add (local.get $row) (i32.shl (i32.mul (local.get $j) (local.get $sJ)) (i32.const 2)))))
                  (else (f32.const 0))))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br $lr)))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
        (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
        (br $lk)))
      (local.set $jb (i32.add (local.get $jb) (i32.const 8)))
      (br $lj))))

  ;; C = A B (+ bias, then relu) for A m x k (element (i, k) at a + i aRow + k aK, in bytes),
  ;; B packed by gemm_pack_b, C m x n row-major at c. bias: 0, or 8-padded [ceil(n/8) 8].
  ;; tile: 128 bytes of scratch for edge tiles. Each output sums its k products in order k = 0, 1, ...
  ;; from the bias (or 0), one mul and one add per product (WebAssembly has no fused multiply-add).
  (func (export "gemm")
    (param $a i32) (param $aPanel i32) (param $aRow i32) (param $aK i32) (param $m i32) (param $k i32) (param $n i32)
    (param $bp i32) (param $bias i32) (param $relu i32) (param $c i32) (param $tile i32)
    (local $ib i32) (local $jb i32) (local $kk i32) (local $off i32) (local $bq i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $last i32)
    (local $rows i32) (local $cols i32) (local $out i32) (local $ldc i32) (local $r i32) (local $q i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local.set $ldc (i32.shl (local.get $n) (i32.const 2)))
    (local.set $last (i32.add (i32.add (local.get $a) (i32.mul (i32.shr_u (i32.sub (local.get $m) (i32.const 1)) (i32.const 2)) (local.get $aPanel)))
      (i32.mul (i32.and (i32.sub (local.get $m) (i32.const 1)) (i32.const 3)) (local.get $aRow))))
    (block $bj (loop $lj
      (br_if $bj (i32.ge_u (local.get $jb) (local.get $n)))
      (local.set $cols (i32.sub (local.get $n) (local.get $jb)))
      (if (i32.gt_u (local.get $cols) (i32.const 8)) (then (local.set $cols (i32.const 8))))
      (local.set $ib (i32.const 0))
      (block $bi (loop $li
        (br_if $bi (i32.ge_u (local.get $ib) (local.get $m)))
        (local.set $rows (i32.sub (local.get $m) (local.get $ib)))
        (if (i32.gt_u (local.get $rows) (i32.const 4)) (then (local.set $rows (i32.const 4))))
        ;; row pointers; rows past m repeat the last row (computed, never stored)
        (local.set $p0 (i32.add (local.get $a) (i32.mul (i32.shr_u (local.get $ib) (i32.const 2)) (local.get $aPanel))))
        (local.set $p1 (select (i32.add (local.get $p0) (local.get $aRow)) (local.get $last) (i32.gt_u (local.get $rows) (i32.const 1))))
        (local.set $p2 (select (i32.add (local.get $p1) (local.get $aRow)) (local.get $last) (i32.gt_u (local.get $rows) (i32.const 2))))
        (local.set $p3 (select (i32.add (local.get $p2) (local.get $aRow)) (local.get $last) (i32.gt_u (local.get $rows) (i32.const 3))))
        (if (local.get $bias)
          (then
            (local.set $c00 (v128.load (i32.add (local.get $bias) (i32.shl (local.get $jb) (i32.const 2)))))
            (local.set $c01 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $jb) (i32.const 2))))))
          (else
            (local.set $c00 (v128.const i32x4 0 0 0 0))
            (local.set $c01 (v128.const i32x4 0 0 0 0))))
        (local.set $c10 (local.get $c00)) (local.set $c11 (local.get $c01))
        (local.set $c20 (local.get $c00)) (local.set $c21 (local.get $c01))
        (local.set $c30 (local.get $c00)) (local.set $c31 (local.get $c01))
        (local.set $bq (i32.add (local.get $bp) (i32.mul (local.get $jb) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $off (i32.const 0))
        (local.set $kk (local.get $k))
        ;; two k at a time, then the last odd one
        (block $bk2 (loop $lk2
          (br_if $bk2 (i32.lt_u (local.get $kk) (i32.const 2)))
          (local.set $b0 (v128.load (local.get $bq)))
          (local.set $b1 (v128.load offset=16 (local.get $bq)))
          (local.set $x (v128.load32_splat (i32.add (local.get $p0) (local.get $off))))
          (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load32_splat (i32.add (local.get $p1) (local.get $off))))
          (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load32_splat (i32.add (local.get $p2) (local.get $off))))
          (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load32_splat (i32.add (local.get $p3) (local.get $off))))
          (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $off (i32.add (local.get $off) (local.get $aK)))
          (local.set $b0 (v128.load offset=32 (local.get $bq)))
          (local.set $b1 (v128.load offset=48 (local.get $bq)))
          (local.set $x (v128.load32_splat (i32.add (local.get $p0) (local.get $off))))
          (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load32_splat (i32.add (local.get $p1) (local.get $off))))
          (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load32_splat (i32.add (local.get $p2) (local.get $off))))
          (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load32_splat (i32.add (local.get $p3) (local.get $off))))
          (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $off (i32.add (local.get $off) (local.get $aK)))
          (local.set $bq (i32.add (local.get $bq) (i32.const 64)))
          (local.set $kk (i32.sub (local.get $kk) (i32.const 2)))
          (br $lk2)))
        (block $bk (loop $lk
          (br_if $bk (i32.eqz (local.get $kk)))
          (local.set $b0 (v128.load (local.get $bq)))
          (local.set $b1 (v128.load offset=16 (local.get $bq)))
          (local.set $x (v128.load32_splat (i32.add (local.get $p0) (local.get $off))))
          (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load32_splat (i32.add (local.get $p1) (local.get $off))))
          (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load32_splat (i32.add (local.get $p2) (local.get $off))))
          (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load32_splat (i32.add (local.get $p3) (local.get $off))))
          (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $off (i32.add (local.get $off) (local.get $aK)))
          (local.set $bq (i32.add (local.get $bq) (i32.const 32)))
          (local.set $kk (i32.sub (local.get $kk) (i32.const 1)))
          (br $lk)))
        (if (local.get $relu)
          (then
            (local.set $x (v128.const i32x4 0 0 0 0))
            (local.set $c00 (f32x4.max (local.get $c00) (local.get $x)))
            (local.set $c01 (f32x4.max (local.get $c01) (local.get $x)))
            (local.set $c10 (f32x4.max (local.get $c10) (local.get $x)))
            (local.set $c11 (f32x4.max (local.get $c11) (local.get $x)))
            (local.set $c20 (f32x4.max (local.get $c20) (local.get $x)))
            (local.set $c21 (f32x4.max (local.get $c21) (local.get $x)))
            (local.set $c30 (f32x4.max (local.get $c30) (local.get $x)))
            (local.set $c31 (f32x4.max (local.get $c31) (local.get $x)))))
        ;; a full tile goes straight to C; an edge tile through the scratch, element by element
        (local.set $out
          (select
            (i32.add (local.get $c) (i32.add (i32.mul (local.get $ib) (local.get $ldc)) (i32.shl (local.get $jb) (i32.const 2))))
            (local.get $tile)
            (i32.and (i32.eq (local.get $rows) (i32.const 4)) (i32.eq (local.get $cols) (i32.const 8)))))
        (local.set $q (select (local.get $ldc) (i32.const 32) (i32.ne (local.get $out) (local.get $tile))))
        (v128.store (local.get $out) (local.get $c00))
        (v128.store offset=16 (local.get $out) (local.get $c01))
        (v128.store (i32.add (local.get $out) (local.get $q)) (local.get $c10))
        (v128.store offset=16 (i32.add (local.get $out) (local.get $q)) (local.get $c11))
        (local.set $q (i32.shl (local.get $q) (i32.const 1)))
        (v128.store (i32.add (local.get $out) (local.get $q)) (local.get $c20))
        (v128.store offset=16 (i32.add (local.get $out) (local.get $q)) (local.get $c21))
        (local.set $q (i32.add (local.get $q) (i32.shr_u (local.get $q) (i32.const 1))))
        (v128.store (i32.add (local.get $out) (local.get $q)) (local.get $c30))
        (v128.store offset=16 (i32.add (local.get $out) (local.get $q)) (local.get $c31))
        (if (i32.eq (local.get $out) (local.get $tile))
          (then
            (local.set $r (i32.const 0))
            (block $br (loop $lr
              (br_if $br (i32.ge_u (local.get $r) (local.get $rows)))
              (call $copy_row
                (i32.add (local.get $c)
                  (i32.add (i32.mul (i32.add (local.get $ib) (local.get $r)) (local.get $ldc)) (i32.shl (local.get $jb) (i32.const 2))))
                (i32.add (local.get $tile) (i32.shl (local.get $r) (i32.const 5)))
                (i32.shl (local.get $cols) (i32.const 2)))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br $lr)))))
        (local.set $ib (i32.add (local.get $ib) (i32.const 4)))
        (br $li)))
      (local.set $jb (i32.add (local.get $jb) (i32.const 8)))
      (br $lj))))
)
