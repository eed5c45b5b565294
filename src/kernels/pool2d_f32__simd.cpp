// pool2d_f32__simd.cpp - pool2d_f32.inc over this target's vector helpers:
// WebAssembly SIMD128 with -msimd128, SSE2 on x86-64, else scalar (see
// simd/f32-target.h).
#include "kernels/simd/f32-target.h"
#include "kernels/variants.h"

#define CS_POOL2D_F32_NAME pool2d_f32__simd
#include "kernels/pool2d_f32.inc"
