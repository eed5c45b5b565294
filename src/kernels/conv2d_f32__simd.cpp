// conv2d_f32__simd.cpp - conv2d_f32.inc over this target's vector helpers:
// WebAssembly SIMD128 with -msimd128 (CMake sets it on *__simd.cpp files),
// SSE2 on x86-64, else scalar (see simd/f32-target.h).
#include "kernels/kernels.h"
#include "kernels/simd/f32-target.h"
#include "kernels/variants.h"

#define CS_VARIANT(base) base##__simd
#include "kernels/conv2d_f32.inc"

namespace cs {

const char* kernels_simd_isa() { return CS_SIMD_ISA_NAME; }

}  // namespace cs
