// kernels.h - the fast convolution and pooling kernels' entry points.
// Each kernel is written once over the vector helpers in simd/ and compiled
// per instruction set; conv2d_f32 / pool2d_f32 pick the best one built.
// Layouts: input HWC, kernel HWIO, output HWC (out_h, out_w, filters).
#pragma once

#include "kernels/geometry.h"

namespace cs {

// out = activation(conv(in, kernel) + bias). bias may be null (no bias).
// If pre is non-null it receives the values before the activation.
void conv2d_f32(const Geometry2D& g, const float* in, const float* kernel, const float* bias,
                Activation act, float* pre, float* out);

// Max pooling treats padding as -inf. Average pooling divides by the number
// of real cells in the window (Keras/TF), or by kh*kw when
// count_include_pad is set (PyTorch's default), to let the UI contrast them.
void pool2d_f32(const Geometry2D& g, PoolKind kind, bool count_include_pad, const float* in,
                float* out);

// Named variants, for tests and benchmarks.
void conv2d_f32__scalar(const Geometry2D& g, const float* in, const float* kernel,
                        const float* bias, Activation act, float* pre, float* out);
void pool2d_f32__scalar(const Geometry2D& g, PoolKind kind, bool count_include_pad, const float* in,
                        float* out);
// The vector build for this target (wasmsimd, sse2/avx); equals the scalar
// variant where no vector instruction set was compiled in.
void conv2d_f32__simd(const Geometry2D& g, const float* in, const float* kernel, const float* bias,
                      Activation act, float* pre, float* out);
void pool2d_f32__simd(const Geometry2D& g, PoolKind kind, bool count_include_pad, const float* in,
                      float* out);
// Which variant conv2d_f32 dispatches to: "wasmsimd", "sse2", "avx2", "scalar".
const char* kernels_isa_name();

}  // namespace cs
