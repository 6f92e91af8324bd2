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
)
