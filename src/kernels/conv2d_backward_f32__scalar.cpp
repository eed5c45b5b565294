// conv2d_backward_f32__scalar.cpp - conv2d_backward_f32.inc (the convolution's
// backward passes (input, filter)) over the one-lane helpers: the portable
// variant, and a second opinion for the vector builds in tests.
#include "kernels/simd/f32-scalar.h"
#include "kernels/variants.h"

#define CS_VARIANT(base) base##__scalar
#include "kernels/conv2d_backward_f32.inc"
