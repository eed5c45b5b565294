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
// V8 and other engines map v128 onto the 16 xmm registers of x86-64.
constexpr int kVectorRegisters = 16;

inline v_f32 v_load(const float* p) { return wasm_v128_load(p); }
inline void v_store(float* p, v_f32 v) { wasm_v128_store(p, v); }
inline v_f32 v_zero() { return wasm_f32x4_splat(0.0f); }
inline v_f32 v_set1(float x) { return wasm_f32x4_splat(x); }
inline v_f32 v_load_splat(const float* p) { return wasm_v128_load32_splat(p); }
inline v_f32 v_add(v_f32 a, v_f32 b) { return wasm_f32x4_add(a, b); }
inline v_f32 v_mul(v_f32 a, v_f32 b) { return wasm_f32x4_mul(a, b); }
inline v_f32 v_muladd(v_f32 acc, v_f32 a, v_f32 b) {
  return wasm_f32x4_add(acc, wasm_f32x4_mul(a, b));
}
// f32x4.max is specified to return NaN if either lane is NaN.
inline v_f32 v_max_nan(v_f32 a, v_f32 b) { return wasm_f32x4_max(a, b); }
// pmax(x, 0) is "x < 0 ? 0 : x": one maxps in engines, and NaN fails the
// comparison so it passes through.
inline v_f32 v_relu(v_f32 x) {
  return wasm_f32x4_pmax(x, wasm_f32x4_splat(0.0f));
}

}  // namespace
}  // namespace cs
