// geometry.h - what a kernel is told about one layer: the geometry of a
// window sliding over an HWC tensor, and the elementwise activation applied
// to its result. Owned by the kernels (they include nothing of the core);
// the core's shape maths (core/shape.h) fills it in.
#pragma once

#include <cstdint>

namespace cs {

// Activations the kernels apply after a convolution. kSoftmax is not
// elementwise: the kernels leave it linear and the core normalises over the
// channel axis afterwards (core/activation.h).
enum class Activation : std::uint8_t { kLinear, kRelu, kSigmoid, kTanh, kSoftmax };
enum class PoolKind : std::uint8_t { kMax, kAverage };

// Geometry of one 2D layer, everything a kernel needs. 1D layers are 2D
// layers with in_h == kh == sh == dh == 1 and no vertical padding.
// Tensors are HWC row-major; conv kernels are HWIO (kh, kw, in_c, filters).
// For pooling, filters == in_c and the window is kh x kw.
struct Geometry2D {
  int in_h = 0, in_w = 0, in_c = 0;
  int filters = 0;
  int kh = 1, kw = 1;
  int sh = 1, sw = 1;
  int dh = 1, dw = 1;
  int pad_top = 0, pad_bottom = 0, pad_left = 0, pad_right = 0;
  int out_h = 0, out_w = 0;
};

// A dilated kernel of size k covers (k-1)*d+1 input cells.
constexpr int effective_kernel(int k, int d) { return (k - 1) * d + 1; }

}  // namespace cs
