// reference.h - the plain reference convolution and pooling: the oracle.
// Written for clarity with explicit bounds checks, in double accumulation,
// sharing no code with src/kernels. Every kernel test compares against it.
#pragma once

#include "core/shape.h"

namespace cs::ref {

float activate(float x, Activation act);

// Same contract as cs::conv2d_f32 (kernels/kernels.h).
void conv2d(const Geometry2D& g, const float* in, const float* kernel,
            const float* bias, Activation act, float* pre, float* out);

// Same contract as cs::pool2d_f32.
void pool2d(const Geometry2D& g, PoolKind kind, bool count_include_pad,
            const float* in, float* out);

}  // namespace cs::ref
