// f32-wasmsimd.h - the vector helpers on WebAssembly SIMD128, four lanes.
// Used by the *__simd.cpp files when built with -msimd128. Only standard
// SIMD128 (no relaxed-simd): results must not depend on the engine.
// Include exactly one simd/f32-*.h per translation unit.
#pragma once

#include <wasm_simd128.h>

namespace cs {
namespace {

using v_f32 = v128_t;
constexpr int kLanes = 4;

inline v_f32 v_load(const float* p) { return wasm_v128_load(p); }
inline void v_store(float* p, v_f32 v) { wasm_v128_store(p, v); }
// Stores lanes [0, n) for 0 < n < kLanes: a filter block's last vector.
inline void v_store_partial(float* p, v_f32 v, int n) {
  if (n & 2) {
    wasm_v128_store64_lane(p, v, 0);
    v = wasm_i64x2_shuffle(v, v, 1, 1);
    p += 2;
  }
  if (n & 1) wasm_v128_store32_lane(p, v, 0);
}
inline v_f32 v_zero() { return wasm_f32x4_splat(0.0f); }
inline v_f32 v_set1(float x) { return wasm_f32x4_splat(x); }
inline v_f32 v_load_splat(const float* p) { return wasm_v128_load32_splat(p); }
inline v_f32 v_add(v_f32 a, v_f32 b) { return wasm_f32x4_add(a, b); }
inline v_f32 v_mul(v_f32 a, v_f32 b) { return wasm_f32x4_mul(a, b); }
inline v_f32 v_muladd(v_f32 acc, v_f32 a, v_f32 b) {
  return wasm_f32x4_add(acc, wasm_f32x4_mul(a, b));
}
inline v_f32 v_or(v_f32 a, v_f32 b) { return wasm_v128_or(a, b); }
// "a < b ? b : a": one maxps in engines on x86, where the NaN-propagating
// f32x4.max costs a sequence. A NaN in a survives, one in b does not.
inline v_f32 v_pmax(v_f32 a, v_f32 b) { return wasm_f32x4_pmax(a, b); }
// All-ones lanes where x is NaN (all-ones is itself a NaN), zero elsewhere.
inline v_f32 v_nan_mask(v_f32 x) { return wasm_f32x4_ne(x, x); }
// max(x, 0) that lets NaN through: NaN fails x < 0.
inline v_f32 v_relu(v_f32 x) { return v_pmax(x, wasm_f32x4_splat(0.0f)); }

// For the activations' exp (see tile_f32.inc): masks are all-ones or
// all-zero lanes, as comparisons return them.
inline v_f32 v_sub(v_f32 a, v_f32 b) { return wasm_f32x4_sub(a, b); }
inline v_f32 v_div(v_f32 a, v_f32 b) { return wasm_f32x4_div(a, b); }
inline v_f32 v_abs(v_f32 x) { return wasm_f32x4_abs(x); }
inline v_f32 v_sign_bit(v_f32 x) { return wasm_v128_and(wasm_f32x4_splat(-0.0f), x); }
inline v_f32 v_lt(v_f32 a, v_f32 b) { return wasm_f32x4_lt(a, b); }
// mask ? a : b, lane by lane.
inline v_f32 v_select(v_f32 mask, v_f32 a, v_f32 b) { return wasm_v128_bitselect(a, b, mask); }
// Shifts each lane's bits left by 23: moves a small integer held in the
// low mantissa bits into the exponent field, i.e. builds 2^n.
inline v_f32 v_shl23(v_f32 x) { return wasm_i32x4_shl(x, 23); }

// For the learning kernels (dense_f32.inc, pool2d_backward_f32.inc).
inline v_f32 v_and(v_f32 a, v_f32 b) { return wasm_v128_and(a, b); }
// a & ~b.
inline v_f32 v_andnot(v_f32 a, v_f32 b) { return wasm_v128_andnot(a, b); }
inline v_f32 v_eq(v_f32 a, v_f32 b) { return wasm_f32x4_eq(a, b); }
// The sum of the lanes, in a fixed order: (0 + 2) + (1 + 3).
inline float v_reduce_add(v_f32 v) {
  const v_f32 h = wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 2, 3, 2, 3));
  return wasm_f32x4_extract_lane(h, 0) + wasm_f32x4_extract_lane(h, 1);
}

}  // namespace
}  // namespace cs
