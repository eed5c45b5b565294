// conv2d_f32__avx2.cpp - conv2d_f32.inc over AVX2 + FMA, eight lanes.
// Native x86-64 only, built with -mavx2 -mfma (CMake sets the flags on
// *__avx2.cpp files) and called only when kernels_cpu_has_avx2().
#include "kernels/variants.h"

#if CS_KERNELS_HAVE_AVX2
#if !defined(__AVX2__) || !defined(__FMA__)
#error "conv2d_f32__avx2.cpp must be compiled with -mavx2 -mfma"
#endif
#include "kernels/simd/f32-avx2.h"

#define CS_VARIANT(base) base##__avx2
#include "kernels/conv2d_f32.inc"
#endif
