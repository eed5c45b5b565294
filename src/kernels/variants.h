// variants.h - the kernel variants kernels.h does not name: what the
// *__simd.cpp files were built with, and the AVX2 + FMA builds that
// dispatch.cpp picks at run time on x86-64. For the dispatcher, the kernel
// tests and benchmarks; app code calls conv2d_f32 / pool2d_f32 only.
#pragma once

#include "kernels/geometry.h"

// Native x86-64 builds compile the *__avx2.cpp files (with -mavx2 -mfma);
// WebAssembly and other targets do not.
#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
#define CS_KERNELS_HAVE_AVX2 1
#else
#define CS_KERNELS_HAVE_AVX2 0
#endif

namespace cs {

// "wasmsimd", "sse2" or "scalar": the helpers conv2d_f32__simd was built on.
const char* kernels_simd_isa();

#if CS_KERNELS_HAVE_AVX2
void conv2d_f32__avx2(const Geometry2D& g, const float* in, const float* kernel, const float* bias,
                      Activation act, float* pre, float* out);
void pool2d_f32__avx2(const Geometry2D& g, PoolKind kind, bool count_include_pad, const float* in,
                      float* out);
// Whether this CPU (and OS) can run the AVX2 + FMA variants.
bool kernels_cpu_has_avx2();
#endif

}  // namespace cs
