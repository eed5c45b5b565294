// reference.cpp - the plain reference convolution and pooling: the oracle.
// One loop per index, one bounds check per tap, double accumulation. Slow on
// purpose and shares no code with src/kernels, so a bug in the fast kernels
// cannot hide by being copied here. Every kernel test compares against it.
#include "core/reference.h"

#include <cmath>
#include <cstddef>
#include <limits>

namespace cs::ref {

namespace {

// Flat offsets; ptrdiff_t so large images cannot overflow int.
std::ptrdiff_t hwc_index(const Geometry2D& g, int y, int x, int c) {
  return (static_cast<std::ptrdiff_t>(y) * g.in_w + x) * g.in_c + c;
}

std::ptrdiff_t hwio_index(const Geometry2D& g, int ky, int kx, int ci, int f) {
  return ((static_cast<std::ptrdiff_t>(ky) * g.kw + kx) * g.in_c + ci) * g.filters + f;
}

std::ptrdiff_t out_index(const Geometry2D& g, int oy, int ox, int f, int channels) {
  return (static_cast<std::ptrdiff_t>(oy) * g.out_w + ox) * channels + f;
}

// Top-left corner of the window of output cell (oy, ox) in input
// coordinates. Negative or past-the-end rows/columns are padding.
int window_row(const Geometry2D& g, int oy, int ky) { return oy * g.sh - g.pad_top + ky * g.dh; }
int window_col(const Geometry2D& g, int ox, int kx) { return ox * g.sw - g.pad_left + kx * g.dw; }

bool inside(const Geometry2D& g, int y, int x) {
  return y >= 0 && y < g.in_h && x >= 0 && x < g.in_w;
}

}  // namespace

float activate(float x, Activation act) {
  switch (act) {
    case Activation::kLinear:
      return x;
    case Activation::kRelu:
      // Written as a comparison that NaN fails, so NaN passes through
      // unchanged as it does in tf.nn.relu; std::max would hide it.
      return x < 0.0f ? 0.0f : x;
    case Activation::kSigmoid:
      // exp(+inf) = inf gives 0 at -inf, exp(-inf) = 0 gives 1 at +inf.
      return static_cast<float>(1.0 / (1.0 + std::exp(-static_cast<double>(x))));
    case Activation::kTanh:
      return static_cast<float>(std::tanh(static_cast<double>(x)));
    case Activation::kSoftmax:  // over channels: the caller normalises afterwards
      return x;
  }
  return x;
}

// Padding taps are skipped, i.e. they contribute exactly 0 whatever the
// weight. (TensorFlow multiplies explicit zeros, so an infinite weight on a
// padding tap would give NaN there; we teach "padding contributes nothing".)
void conv2d(const Geometry2D& g, const float* in, const float* kernel, const float* bias,
            Activation act, float* pre, float* out) {
  for (int oy = 0; oy < g.out_h; ++oy) {
    for (int ox = 0; ox < g.out_w; ++ox) {
      for (int f = 0; f < g.filters; ++f) {
        double sum = bias != nullptr ? static_cast<double>(bias[f]) : 0.0;
        for (int ky = 0; ky < g.kh; ++ky) {
          for (int kx = 0; kx < g.kw; ++kx) {
            const int y = window_row(g, oy, ky);
            const int x = window_col(g, ox, kx);
            if (!inside(g, y, x)) continue;
            for (int ci = 0; ci < g.in_c; ++ci) {
              sum += static_cast<double>(in[hwc_index(g, y, x, ci)]) *
                     static_cast<double>(kernel[hwio_index(g, ky, kx, ci, f)]);
            }
          }
        }
        const float z = static_cast<float>(sum);
        const std::ptrdiff_t o = out_index(g, oy, ox, f, g.filters);
        if (pre != nullptr) pre[o] = z;
        out[o] = activate(z, act);
      }
    }
  }
}

// Max: padding is -inf, and a NaN anywhere in the window makes the output
// NaN (NaN is sticky below). TensorFlow's CPU max pool does not promise
// either way; propagating is the IEEE-honest choice and what XNNPACK's
// wasm max does. A window made only of padding gives -inf.
// Average: Keras divides by the real cells in the window; count_include_pad
// divides by kh*kw (PyTorch's default). A window with no real cell gives 0.
void pool2d(const Geometry2D& g, PoolKind kind, bool count_include_pad, const float* in,
            float* out) {
  const int channels = g.in_c;
  for (int oy = 0; oy < g.out_h; ++oy) {
    for (int ox = 0; ox < g.out_w; ++ox) {
      for (int c = 0; c < channels; ++c) {
        float best = -std::numeric_limits<float>::infinity();
        double sum = 0.0;
        int real_cells = 0;
        for (int ky = 0; ky < g.kh; ++ky) {
          for (int kx = 0; kx < g.kw; ++kx) {
            const int y = window_row(g, oy, ky);
            const int x = window_col(g, ox, kx);
            if (!inside(g, y, x)) continue;
            const float v = in[hwc_index(g, y, x, c)];
            if (std::isnan(v) || v > best) best = v;
            sum += static_cast<double>(v);
            ++real_cells;
          }
        }
        float result = best;
        if (kind == PoolKind::kAverage) {
          const int divisor = count_include_pad ? g.kh * g.kw : real_cells;
          result = divisor == 0 ? 0.0f : static_cast<float>(sum / divisor);
        }
        out[out_index(g, oy, ox, c, channels)] = result;
      }
    }
  }
}

}  // namespace cs::ref
