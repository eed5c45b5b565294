// pool2d_f32__scalar.cpp - pool2d_f32.inc over the one-lane helpers.
// The portable variant: the fallback on any target and a second opinion
// for the vector builds in tests.
#include "kernels/simd/f32-scalar.h"
#include "kernels/variants.h"

#define CS_POOL2D_F32_NAME pool2d_f32__scalar
#include "kernels/pool2d_f32.inc"
