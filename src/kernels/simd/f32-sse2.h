// f32-sse2.h - the vector helpers on SSE2 (x86-64 baseline), four lanes.
// Kernels in src/kernels/*.inc are written over these names only.
// Include exactly one simd/f32-*.h per translation unit.
#pragma once

#include <emmintrin.h>

namespace cs {
namespace {

using v_f32 = __m128;
constexpr int kLanes = 4;
constexpr int kVectorRegisters = 16;

inline v_f32 v_load(const float* p) { return _mm_loadu_ps(p); }
inline void v_store(float* p, v_f32 v) { _mm_storeu_ps(p, v); }
inline v_f32 v_zero() { return _mm_setzero_ps(); }
inline v_f32 v_set1(float x) { return _mm_set1_ps(x); }
inline v_f32 v_load_splat(const float* p) { return _mm_load1_ps(p); }
inline v_f32 v_add(v_f32 a, v_f32 b) { return _mm_add_ps(a, b); }
inline v_f32 v_mul(v_f32 a, v_f32 b) { return _mm_mul_ps(a, b); }
inline v_f32 v_muladd(v_f32 acc, v_f32 a, v_f32 b) {
  return _mm_add_ps(acc, _mm_mul_ps(a, b));
}
// maxps returns its second operand when either is NaN, which covers a NaN
// in b; OR-ing a's bits back in where a is NaN covers the other side (NaN
// OR anything is still a NaN: exponent all ones, mantissa non-zero).
inline v_f32 v_max_nan(v_f32 a, v_f32 b) {
  const v_f32 a_nan = _mm_cmpunord_ps(a, a);
  return _mm_or_ps(_mm_max_ps(a, b), _mm_and_ps(a_nan, a));
}
// maxps(0, x) returns x when x is NaN.
inline v_f32 v_relu(v_f32 x) { return _mm_max_ps(_mm_setzero_ps(), x); }

}  // namespace
}  // namespace cs
