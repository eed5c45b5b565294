// reference_grad.cpp - the plain references for learning (see reference_grad.h).
// Each gradient is written the way the chain rule reads: loop over the
// forward's outputs and taps, add the output's gradient times the tap's other
// factor into a double buffer, round once. Slow on purpose; shares no code
// with src/kernels, so a bug in a fast kernel cannot hide by being copied.
//
// [SECTION] Indexing
// [SECTION] Dense and the matrix product
// [SECTION] Convolution backward
// [SECTION] Pooling backward

#include "core/reference_grad.h"

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "core/reference.h"

namespace cs::ref {

namespace {

// [SECTION] Indexing

using Index = std::ptrdiff_t;

Index in_index(const Geometry2D& g, int y, int x, int c) {
  return (static_cast<Index>(y) * g.in_w + x) * g.in_c + c;
}

Index kernel_index(const Geometry2D& g, int ky, int kx, int ci, int f) {
  return ((static_cast<Index>(ky) * g.kw + kx) * g.in_c + ci) * g.filters + f;
}

Index out_index(const Geometry2D& g, int oy, int ox, int c, int channels) {
  return (static_cast<Index>(oy) * g.out_w + ox) * channels + c;
}

// Input row / column of tap (ky, kx) of output cell (oy, ox); outside
// [0, in_h) x [0, in_w) it is padding.
int tap_row(const Geometry2D& g, int oy, int ky) { return oy * g.sh - g.pad_top + ky * g.dh; }
int tap_col(const Geometry2D& g, int ox, int kx) { return ox * g.sw - g.pad_left + kx * g.dw; }

bool inside(const Geometry2D& g, int y, int x) {
  return y >= 0 && y < g.in_h && x >= 0 && x < g.in_w;
}

Index in_elements(const Geometry2D& g) { return static_cast<Index>(g.in_h) * g.in_w * g.in_c; }

void round_into(const std::vector<double>& sum, float* dst) {
  for (std::size_t i = 0; i < sum.size(); ++i) dst[i] = static_cast<float>(sum[i]);
}

}  // namespace

// [SECTION] Dense and the matrix product

void dense(int batch, int in, int units, const float* x, const float* kernel, const float* bias,
           Activation act, float* pre, float* out) {
  for (int b = 0; b < batch; ++b) {
    for (int u = 0; u < units; ++u) {
      double sum = bias != nullptr ? static_cast<double>(bias[u]) : 0.0;
      for (int i = 0; i < in; ++i) {
        sum += static_cast<double>(x[static_cast<Index>(b) * in + i]) *
               static_cast<double>(kernel[static_cast<Index>(i) * units + u]);
      }
      const float z = static_cast<float>(sum);
      const Index o = static_cast<Index>(b) * units + u;
      if (pre != nullptr) pre[o] = z;
      // activate() returns its argument for anything but relu, sigmoid and
      // tanh: a softmax layer is normalised by the engine afterwards.
      out[o] = activate(z, act);
    }
  }
}

void gemm(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda, const float* b,
          int ldb, bool accumulate, float* c, int ldc) {
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      float* cell = c + static_cast<Index>(i) * ldc + j;
      double sum = accumulate ? static_cast<double>(*cell) : 0.0;
      for (int p = 0; p < k; ++p) {
        const float av =
            trans_a ? a[static_cast<Index>(p) * lda + i] : a[static_cast<Index>(i) * lda + p];
        const float bv =
            trans_b ? b[static_cast<Index>(j) * ldb + p] : b[static_cast<Index>(p) * ldb + j];
        sum += static_cast<double>(av) * static_cast<double>(bv);
      }
      *cell = static_cast<float>(sum);
    }
  }
}

// [SECTION] Convolution backward

// pre[oy, ox, f] = bias[f] + sum over real taps of in[iy, ix, ci] * k[ky, kx, ci, f],
// so d pre / d in[iy, ix, ci] = k[ky, kx, ci, f] for every (output, tap)
// that reads (iy, ix). Padding taps read nothing and receive nothing.
void conv2d_backward_input(const Geometry2D& g, const float* grad_out, const float* kernel,
                           float* grad_in) {
  std::vector<double> sum(static_cast<std::size_t>(in_elements(g)), 0.0);
  for (int oy = 0; oy < g.out_h; ++oy) {
    for (int ox = 0; ox < g.out_w; ++ox) {
      for (int ky = 0; ky < g.kh; ++ky) {
        for (int kx = 0; kx < g.kw; ++kx) {
          const int y = tap_row(g, oy, ky);
          const int x = tap_col(g, ox, kx);
          if (!inside(g, y, x)) continue;
          for (int ci = 0; ci < g.in_c; ++ci) {
            for (int f = 0; f < g.filters; ++f) {
              sum[static_cast<std::size_t>(in_index(g, y, x, ci))] +=
                  static_cast<double>(grad_out[out_index(g, oy, ox, f, g.filters)]) *
                  static_cast<double>(kernel[kernel_index(g, ky, kx, ci, f)]);
            }
          }
        }
      }
    }
  }
  round_into(sum, grad_in);
}

// d pre[oy, ox, f] / d k[ky, kx, ci, f] = in[iy, ix, ci] where the tap is
// real, 0 in the padding; d pre / d bias[f] = 1.
void conv2d_backward_filter(const Geometry2D& g, const float* in, const float* grad_out,
                            float* grad_kernel, float* grad_bias, bool accumulate) {
  const std::size_t k_count = static_cast<std::size_t>(g.kh) * g.kw * g.in_c * g.filters;
  std::vector<double> dk(k_count, 0.0), db(static_cast<std::size_t>(g.filters), 0.0);
  if (accumulate) {
    for (std::size_t i = 0; i < k_count; ++i) dk[i] = grad_kernel[i];
    for (int f = 0; f < g.filters && grad_bias != nullptr; ++f)
      db[static_cast<std::size_t>(f)] = grad_bias[f];
  }
  for (int oy = 0; oy < g.out_h; ++oy) {
    for (int ox = 0; ox < g.out_w; ++ox) {
      for (int f = 0; f < g.filters; ++f) {
        const double go = grad_out[out_index(g, oy, ox, f, g.filters)];
        db[static_cast<std::size_t>(f)] += go;
        for (int ky = 0; ky < g.kh; ++ky) {
          for (int kx = 0; kx < g.kw; ++kx) {
            const int y = tap_row(g, oy, ky);
            const int x = tap_col(g, ox, kx);
            if (!inside(g, y, x)) continue;
            for (int ci = 0; ci < g.in_c; ++ci) {
              dk[static_cast<std::size_t>(kernel_index(g, ky, kx, ci, f))] +=
                  go * static_cast<double>(in[in_index(g, y, x, ci)]);
            }
          }
        }
      }
    }
  }
  round_into(dk, grad_kernel);
  if (grad_bias != nullptr) round_into(db, grad_bias);
}

// [SECTION] Pooling backward

// The forward's rule (core/reference.cpp, core/trace.cpp): taps in window
// order ky, kx; a NaN is sticky, so the first NaN is the maximum; otherwise
// the first cell strictly greater than all before it, i.e. the FIRST of
// equal maxima. A window whose real cells are all -inf has its first real
// cell as maximum (it equals the max, -inf); the trace shows no chosen cell
// there, but the gradient needs a home and TensorFlow gives it the first.
// TensorFlow's MaxPoolGrad (core/kernels/maxpooling_op.cc,
// SpatialMaxPoolWithArgMaxHelper) scans input cells row-major and replaces
// its argmax only when `output < input` (or none is set yet): ties keep the
// first cell in row-major order, which for one window is our ky, kx order.
// It differs on NaN: `max < NaN` is false, so TensorFlow keeps a NaN only
// when it is the window's first cell; we follow our forward, which makes
// any NaN the result.
int max_pool_chosen_tap(const Geometry2D& g, const float* in, int oy, int ox, int c) {
  int chosen = -1;
  float best = -std::numeric_limits<float>::infinity();
  for (int ky = 0; ky < g.kh; ++ky) {
    for (int kx = 0; kx < g.kw; ++kx) {
      const int y = tap_row(g, oy, ky);
      const int x = tap_col(g, ox, kx);
      if (!inside(g, y, x)) continue;
      const float v = in[in_index(g, y, x, c)];
      if (chosen >= 0 && std::isnan(best)) return chosen;
      if (chosen < 0 || std::isnan(v) || v > best) {
        chosen = ky * g.kw + kx;
        best = v;
      }
    }
  }
  return chosen;
}

// Max: d out / d in is 1 at the chosen cell, 0 elsewhere. Average: every
// real cell has weight 1 / divisor, the divisor being Keras' real-cell count
// or kh*kw with count_include_pad. Windows overlap when strides are smaller
// than the window, so contributions add up.
void pool2d_backward(const Geometry2D& g, PoolKind kind, bool count_include_pad, const float* in,
                     const float* grad_out, float* grad_in) {
  const int channels = g.in_c;
  std::vector<double> sum(static_cast<std::size_t>(in_elements(g)), 0.0);
  for (int oy = 0; oy < g.out_h; ++oy) {
    for (int ox = 0; ox < g.out_w; ++ox) {
      for (int c = 0; c < channels; ++c) {
        const double go = grad_out[out_index(g, oy, ox, c, channels)];
        if (kind == PoolKind::kMax) {
          const int t = max_pool_chosen_tap(g, in, oy, ox, c);
          if (t < 0) continue;
          const int y = tap_row(g, oy, t / g.kw);
          const int x = tap_col(g, ox, t % g.kw);
          sum[static_cast<std::size_t>(in_index(g, y, x, c))] += go;
          continue;
        }
        int real_cells = 0;
        for (int ky = 0; ky < g.kh; ++ky) {
          for (int kx = 0; kx < g.kw; ++kx) {
            if (inside(g, tap_row(g, oy, ky), tap_col(g, ox, kx))) ++real_cells;
          }
        }
        const int divisor = count_include_pad ? g.kh * g.kw : real_cells;
        if (real_cells == 0) continue;
        for (int ky = 0; ky < g.kh; ++ky) {
          for (int kx = 0; kx < g.kw; ++kx) {
            const int y = tap_row(g, oy, ky);
            const int x = tap_col(g, ox, kx);
            if (!inside(g, y, x)) continue;
            sum[static_cast<std::size_t>(in_index(g, y, x, c))] += go / divisor;
          }
        }
      }
    }
  }
  round_into(sum, grad_in);
}

}  // namespace cs::ref
