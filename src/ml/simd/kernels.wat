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
)
