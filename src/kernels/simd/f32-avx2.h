// f32-avx2.h - the vector helpers on AVX2 + FMA, eight lanes.
// Only for files built with -mavx2 -mfma and picked at run time by
// dispatch.cpp. Include exactly one simd/f32-*.h per translation unit.
#pragma once

#include <immintrin.h>

namespace cs {
namespace {

using v_f32 = __m256;
constexpr int kLanes = 8;

inline v_f32 v_load(const float* p) { return _mm256_loadu_ps(p); }
inline void v_store(float* p, v_f32 v) { _mm256_storeu_ps(p, v); }
// Stores lanes [0, n) for 0 < n < kLanes: a filter block's last vector.
inline void v_store_partial(float* p, v_f32 v, int n) {
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(n), lane);
  _mm256_maskstore_ps(p, mask, v);
}
inline v_f32 v_zero() { return _mm256_setzero_ps(); }
inline v_f32 v_set1(float x) { return _mm256_set1_ps(x); }
inline v_f32 v_load_splat(const float* p) { return _mm256_broadcast_ss(p); }
inline v_f32 v_add(v_f32 a, v_f32 b) { return _mm256_add_ps(a, b); }
inline v_f32 v_mul(v_f32 a, v_f32 b) { return _mm256_mul_ps(a, b); }
inline v_f32 v_muladd(v_f32 acc, v_f32 a, v_f32 b) { return _mm256_fmadd_ps(a, b, acc); }
inline v_f32 v_or(v_f32 a, v_f32 b) { return _mm256_or_ps(a, b); }
// "a < b ? b : a", as in f32-sse2.h: a NaN in a survives, one in b not.
inline v_f32 v_pmax(v_f32 a, v_f32 b) { return _mm256_max_ps(b, a); }
// All-ones lanes where x is NaN (all-ones is itself a NaN), zero elsewhere.
inline v_f32 v_nan_mask(v_f32 x) { return _mm256_cmp_ps(x, x, _CMP_UNORD_Q); }
// max(x, 0) that lets NaN through.
inline v_f32 v_relu(v_f32 x) { return v_pmax(x, _mm256_setzero_ps()); }

// For the activations' exp (see tile_f32.inc): masks are all-ones or
// all-zero lanes, as comparisons return them.
inline v_f32 v_sub(v_f32 a, v_f32 b) { return _mm256_sub_ps(a, b); }
inline v_f32 v_div(v_f32 a, v_f32 b) { return _mm256_div_ps(a, b); }
inline v_f32 v_abs(v_f32 x) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), x); }
inline v_f32 v_sign_bit(v_f32 x) { return _mm256_and_ps(_mm256_set1_ps(-0.0f), x); }
inline v_f32 v_lt(v_f32 a, v_f32 b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
// mask ? a : b, lane by lane.
inline v_f32 v_select(v_f32 mask, v_f32 a, v_f32 b) { return _mm256_blendv_ps(b, a, mask); }
// Shifts each lane's bits left by 23: moves a small integer held in the
// low mantissa bits into the exponent field, i.e. builds 2^n.
inline v_f32 v_shl23(v_f32 x) {
  return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_castps_si256(x), 23));
}

// For the learning kernels (dense_f32.inc, pool2d_backward_f32.inc).
inline v_f32 v_and(v_f32 a, v_f32 b) { return _mm256_and_ps(a, b); }
// a & ~b (note: the argument order of _mm256_andnot_ps is the other way).
inline v_f32 v_andnot(v_f32 a, v_f32 b) { return _mm256_andnot_ps(b, a); }
inline v_f32 v_eq(v_f32 a, v_f32 b) { return _mm256_cmp_ps(a, b, _CMP_EQ_OQ); }
// The sum of the lanes: halves first, then as in f32-sse2.h.
inline float v_reduce_add(v_f32 v) {
  __m128 q = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  q = _mm_add_ps(q, _mm_movehl_ps(q, q));
  return _mm_cvtss_f32(_mm_add_ss(q, _mm_shuffle_ps(q, q, 1)));
}

}  // namespace
}  // namespace cs
