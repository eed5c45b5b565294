// f32-scalar.h - the vector helpers over a single float, one lane wide.
// Lets the kernels in src/kernels/*.inc compile with no instruction set at
// all (the WASM build without -msimd128, non-x86 native builds).
// Include exactly one simd/f32-*.h per translation unit.
#pragma once

#include <cstdint>
#include <cstring>

namespace cs {
namespace {

using v_f32 = float;
constexpr int kLanes = 1;

inline v_f32 v_load(const float* p) { return *p; }
inline void v_store(float* p, v_f32 v) { *p = v; }
// Stores lanes [0, n) for 0 < n < kLanes; never called with one lane.
inline void v_store_partial(float* p, v_f32 v, int n) {
  if (n > 0) *p = v;
}
inline v_f32 v_zero() { return 0.0f; }
inline v_f32 v_set1(float x) { return x; }
inline v_f32 v_load_splat(const float* p) { return *p; }
inline v_f32 v_add(v_f32 a, v_f32 b) { return a + b; }
inline v_f32 v_mul(v_f32 a, v_f32 b) { return a * b; }
// acc + a * b, rounded twice (no contraction intended).
inline v_f32 v_muladd(v_f32 acc, v_f32 a, v_f32 b) { return acc + a * b; }
// Bit-level helpers: a float's bits as an integer and back.
inline std::uint32_t v_bits(v_f32 x) {
  std::uint32_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}
inline v_f32 v_from_bits(std::uint32_t u) {
  v_f32 x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}
// A one-lane mask: all-ones bits (a NaN) for true, +0.0 for false.
inline v_f32 v_mask(bool b) { return v_from_bits(b ? 0xFFFFFFFFu : 0u); }
inline v_f32 v_or(v_f32 a, v_f32 b) { return v_from_bits(v_bits(a) | v_bits(b)); }
// "a < b ? b : a", as in the vector headers: a NaN in a survives.
inline v_f32 v_pmax(v_f32 a, v_f32 b) { return a < b ? b : a; }
// All-ones bits (a NaN) where x is NaN, zero elsewhere.
inline v_f32 v_nan_mask(v_f32 x) { return v_mask(x != x); }
// max(x, 0) that lets NaN through.
inline v_f32 v_relu(v_f32 x) { return v_pmax(x, 0.0f); }

// For the activations' exp (see tile_f32.inc): masks are all-ones or
// all-zero lanes, as comparisons return them.
inline v_f32 v_sub(v_f32 a, v_f32 b) { return a - b; }
inline v_f32 v_div(v_f32 a, v_f32 b) { return a / b; }
inline v_f32 v_abs(v_f32 x) { return v_from_bits(v_bits(x) & 0x7FFFFFFFu); }
inline v_f32 v_sign_bit(v_f32 x) { return v_from_bits(v_bits(x) & 0x80000000u); }
inline v_f32 v_lt(v_f32 a, v_f32 b) { return v_mask(a < b); }
// mask ? a : b.
inline v_f32 v_select(v_f32 mask, v_f32 a, v_f32 b) { return v_bits(mask) != 0 ? a : b; }
// Shifts the bits left by 23: moves a small integer held in the low
// mantissa bits into the exponent field, i.e. builds 2^n.
inline v_f32 v_shl23(v_f32 x) { return v_from_bits(v_bits(x) << 23); }

// For the learning kernels (dense_f32.inc, pool2d_backward_f32.inc).
inline v_f32 v_and(v_f32 a, v_f32 b) { return v_from_bits(v_bits(a) & v_bits(b)); }
// a & ~b.
inline v_f32 v_andnot(v_f32 a, v_f32 b) { return v_from_bits(v_bits(a) & ~v_bits(b)); }
inline v_f32 v_eq(v_f32 a, v_f32 b) { return v_mask(a == b); }
inline float v_reduce_add(v_f32 v) { return v; }

}  // namespace
}  // namespace cs
