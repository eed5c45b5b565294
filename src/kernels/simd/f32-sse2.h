// f32-sse2.h - the vector helpers on SSE2 (x86-64 baseline), four lanes.
// Kernels in src/kernels/*.inc are written over these names only.
// Include exactly one simd/f32-*.h per translation unit.
#pragma once

#include <emmintrin.h>

namespace cs {
namespace {

using v_f32 = __m128;
constexpr int kLanes = 4;

inline v_f32 v_load(const float* p) { return _mm_loadu_ps(p); }
inline void v_store(float* p, v_f32 v) { _mm_storeu_ps(p, v); }
// Stores lanes [0, n) for 0 < n < kLanes: a filter block's last vector.
inline void v_store_partial(float* p, v_f32 v, int n) {
  if (n & 2) {
    _mm_storel_pi(reinterpret_cast<__m64*>(p), v);
    v = _mm_movehl_ps(v, v);
    p += 2;
  }
  if (n & 1) _mm_store_ss(p, v);
}
inline v_f32 v_zero() { return _mm_setzero_ps(); }
inline v_f32 v_set1(float x) { return _mm_set1_ps(x); }
inline v_f32 v_load_splat(const float* p) { return _mm_load1_ps(p); }
inline v_f32 v_add(v_f32 a, v_f32 b) { return _mm_add_ps(a, b); }
inline v_f32 v_mul(v_f32 a, v_f32 b) { return _mm_mul_ps(a, b); }
inline v_f32 v_muladd(v_f32 acc, v_f32 a, v_f32 b) { return _mm_add_ps(acc, _mm_mul_ps(a, b)); }
inline v_f32 v_or(v_f32 a, v_f32 b) { return _mm_or_ps(a, b); }
// "a < b ? b : a" (wasm's pmax): one maxps, which returns its second
// operand when either is NaN. So a NaN in a survives, a NaN in b does not.
inline v_f32 v_pmax(v_f32 a, v_f32 b) { return _mm_max_ps(b, a); }
// All-ones lanes where x is NaN (all-ones is itself a NaN), zero elsewhere.
inline v_f32 v_nan_mask(v_f32 x) { return _mm_cmpunord_ps(x, x); }
// max(x, 0) that lets NaN through.
inline v_f32 v_relu(v_f32 x) { return v_pmax(x, _mm_setzero_ps()); }

// For the activations' exp (see tile_f32.inc): masks are all-ones or
// all-zero lanes, as comparisons return them.
inline v_f32 v_sub(v_f32 a, v_f32 b) { return _mm_sub_ps(a, b); }
inline v_f32 v_div(v_f32 a, v_f32 b) { return _mm_div_ps(a, b); }
inline v_f32 v_abs(v_f32 x) { return _mm_andnot_ps(_mm_set1_ps(-0.0f), x); }
inline v_f32 v_sign_bit(v_f32 x) { return _mm_and_ps(_mm_set1_ps(-0.0f), x); }
inline v_f32 v_lt(v_f32 a, v_f32 b) { return _mm_cmplt_ps(a, b); }
// mask ? a : b, lane by lane.
inline v_f32 v_select(v_f32 mask, v_f32 a, v_f32 b) {
  return _mm_or_ps(_mm_and_ps(mask, a), _mm_andnot_ps(mask, b));
}
// Shifts each lane's bits left by 23: moves a small integer held in the
// low mantissa bits into the exponent field, i.e. builds 2^n.
inline v_f32 v_shl23(v_f32 x) { return _mm_castsi128_ps(_mm_slli_epi32(_mm_castps_si128(x), 23)); }

// For the learning kernels (dense_f32.inc, pool2d_backward_f32.inc).
inline v_f32 v_and(v_f32 a, v_f32 b) { return _mm_and_ps(a, b); }
// a & ~b (note: the argument order of _mm_andnot_ps is the other way).
inline v_f32 v_andnot(v_f32 a, v_f32 b) { return _mm_andnot_ps(b, a); }
inline v_f32 v_eq(v_f32 a, v_f32 b) { return _mm_cmpeq_ps(a, b); }
// The sum of the lanes, in a fixed order: (0 + 2) + (1 + 3).
inline float v_reduce_add(v_f32 v) {
  const __m128 h = _mm_add_ps(v, _mm_movehl_ps(v, v));
  return _mm_cvtss_f32(_mm_add_ss(h, _mm_shuffle_ps(h, h, 1)));
}

}  // namespace
}  // namespace cs
