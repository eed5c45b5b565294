/* wasm_peak.c - the ceiling of WebAssembly SIMD arithmetic on this machine,
 * for bench/bench_web.mjs: twelve independent f32x4 multiply-add chains (wasm
 * SIMD has no fused multiply-add), no memory traffic. No convolution can go
 * faster than this under the same engine; the benchmark quotes every
 * GFLOP/s figure, and every speed target, as a share of it. Built by the
 * wasm preset as a standalone module (wasm_peak.wasm, no JS glue). */
#include <wasm_simd128.h>

__attribute__((export_name("peak"))) float peak(int iters, float seed) {
  v128_t a[12];
  v128_t x = wasm_f32x4_splat(seed);
  const v128_t y = wasm_f32x4_splat(0.999f);
  for (int i = 0; i < 12; ++i) a[i] = wasm_f32x4_splat(seed * (float)i);
  for (int n = 0; n < iters; ++n) {
#pragma unroll
    for (int i = 0; i < 12; ++i) a[i] = wasm_f32x4_add(a[i], wasm_f32x4_mul(x, y));
    x = wasm_f32x4_add(x, y);
  }
  v128_t s = a[0];
  for (int i = 1; i < 12; ++i) s = wasm_f32x4_add(s, a[i]);
  return wasm_f32x4_extract_lane(s, 0);
}
