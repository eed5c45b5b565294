// f32-target.h - picks the vector helpers for the *__simd.cpp kernels:
// WebAssembly SIMD128 when built with -msimd128, SSE2 on x86-64, else the
// one-lane scalar helpers. AVX2 is not chosen here: it has its own
// *__avx2.cpp files, picked at run time by dispatch.cpp.
#pragma once

#if defined(__wasm_simd128__)
#include "kernels/simd/f32-wasmsimd.h"
#define CS_SIMD_ISA_NAME "wasmsimd"
#elif defined(__SSE2__)
#include "kernels/simd/f32-sse2.h"
#define CS_SIMD_ISA_NAME "sse2"
#else
#include "kernels/simd/f32-scalar.h"
#define CS_SIMD_ISA_NAME "scalar"
#endif
