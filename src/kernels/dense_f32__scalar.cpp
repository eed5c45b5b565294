// dense_f32__scalar.cpp - dense_f32.inc (Dense and the matrix products of its
// backward passes) over the one-lane helpers: the portable variant, and a
// second opinion for the vector builds in tests.
#include "kernels/simd/f32-scalar.h"
#include "kernels/variants.h"

#define CS_VARIANT(base) base##__scalar
#include "kernels/dense_f32.inc"
