// conv2d_backward_f32__simd.cpp - conv2d_backward_f32.inc (the convolution's
// backward passes (input, filter)) over this target's vector helpers:
// WebAssembly SIMD128 with -msimd128, SSE2 on x86-64, else scalar (see
// simd/f32-target.h).
#include "kernels/simd/f32-target.h"
#include "kernels/variants.h"

#define CS_VARIANT(base) base##__simd
#include "kernels/conv2d_backward_f32.inc"
