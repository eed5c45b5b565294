// f32-scalar.h - the vector helpers over a single float, one lane wide.
// Lets the kernels in src/kernels/*.inc compile with no instruction set at
// all (the WASM build without -msimd128, non-x86 native builds).
// Include exactly one simd/f32-*.h per translation unit.
#pragma once

namespace cs {
namespace {

using v_f32 = float;
constexpr int kLanes = 1;
// Vector registers the register tiles may assume (x86-64 has 16 xmm).
constexpr int kVectorRegisters = 16;

inline v_f32 v_load(const float* p) { return *p; }
inline void v_store(float* p, v_f32 v) { *p = v; }
inline v_f32 v_zero() { return 0.0f; }
inline v_f32 v_set1(float x) { return x; }
inline v_f32 v_load_splat(const float* p) { return *p; }
inline v_f32 v_add(v_f32 a, v_f32 b) { return a + b; }
inline v_f32 v_mul(v_f32 a, v_f32 b) { return a * b; }
// acc + a * b, rounded twice (no contraction intended).
inline v_f32 v_muladd(v_f32 acc, v_f32 a, v_f32 b) { return acc + a * b; }
// max that returns NaN if either input is NaN.
inline v_f32 v_max_nan(v_f32 a, v_f32 b) { return (a > b || a != a) ? a : b; }
// max(x, 0) that lets NaN through.
inline v_f32 v_relu(v_f32 x) { return x < 0.0f ? 0.0f : x; }

}  // namespace
}  // namespace cs
