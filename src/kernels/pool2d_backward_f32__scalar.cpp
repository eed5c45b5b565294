// pool2d_backward_f32__scalar.cpp - pool2d_backward_f32.inc (the pooling
// backward pass) over the one-lane helpers: the portable variant, and a second
// opinion for the vector builds in tests.
#include "kernels/simd/f32-scalar.h"
#include "kernels/variants.h"

#define CS_VARIANT(base) base##__scalar
#include "kernels/pool2d_backward_f32.inc"
