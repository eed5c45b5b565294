// f32-avx2.h - the vector helpers on AVX2 + FMA, eight lanes.
// Only for files built with -mavx2 -mfma and picked at run time by
// dispatch.cpp. Include exactly one simd/f32-*.h per translation unit.
#pragma once

#include <immintrin.h>

namespace cs {
namespace {

using v_f32 = __m256;
constexpr int kLanes = 8;
constexpr int kVectorRegisters = 16;

inline v_f32 v_load(const float* p) { return _mm256_loadu_ps(p); }
inline void v_store(float* p, v_f32 v) { _mm256_storeu_ps(p, v); }
inline v_f32 v_zero() { return _mm256_setzero_ps(); }
inline v_f32 v_set1(float x) { return _mm256_set1_ps(x); }
inline v_f32 v_load_splat(const float* p) { return _mm256_broadcast_ss(p); }
inline v_f32 v_add(v_f32 a, v_f32 b) { return _mm256_add_ps(a, b); }
inline v_f32 v_mul(v_f32 a, v_f32 b) { return _mm256_mul_ps(a, b); }
inline v_f32 v_muladd(v_f32 acc, v_f32 a, v_f32 b) {
  return _mm256_fmadd_ps(a, b, acc);
}
// See f32-sse2.h: vmaxps keeps the second operand on NaN, OR restores a.
inline v_f32 v_max_nan(v_f32 a, v_f32 b) {
  const v_f32 a_nan = _mm256_cmp_ps(a, a, _CMP_UNORD_Q);
  return _mm256_or_ps(_mm256_max_ps(a, b), _mm256_and_ps(a_nan, a));
}
inline v_f32 v_relu(v_f32 x) { return _mm256_max_ps(_mm256_setzero_ps(), x); }

}  // namespace
}  // namespace cs
