// dense_f32__simd.cpp - dense_f32.inc (Dense and the matrix products of its
// backward passes) over this target's vector helpers: WebAssembly SIMD128 with
// -msimd128, SSE2 on x86-64, else scalar (see simd/f32-target.h).
#include "kernels/simd/f32-target.h"
#include "kernels/variants.h"

#define CS_VARIANT(base) base##__simd
#include "kernels/dense_f32.inc"
