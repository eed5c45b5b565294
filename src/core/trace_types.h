// trace_types.h - the numbers behind one output element, as plain data.
// A trace lists the input cells the element reads (taps, with weights and
// products where there are any) and the rule that combines them: a
// weighted sum, a maximum, an average, a softmax, a normalisation or a
// single input through a function. Families fill traces
// (core/layers/family.h); the walk, the explain text and the trace JSON
// read them. Masks of cells are the receptive fields.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/activation.h"
#include "core/layer.h"

namespace cs {

// [SECTION] Taps

enum class TapKind : std::uint8_t {
  kInput,    // a real cell of the layer's input
  kPadding,  // padding around it (reads 0, or -inf for max pooling)
};

// One input cell read by the element. Window families order taps ky, kx, ci
// (the HWIO order of the kernel), which is also the order of the running
// sum; a Dense unit's taps are the input vector in order.
struct TraceTap {
  int ky = 0, kx = 0, ci = 0;  // kernel row, column, input channel
  int py = 0, px = 0;          // coordinates in the padded input
  int iy = -1, ix = -1;        // input cell in display coordinates; -1 for padding
  bool padding = false;        // kind != kInput
  TapKind kind = TapKind::kInput;
  float input = 0.0f;    // padding reads 0 (conv, average) or -inf (max)
  float weight = 0.0f;   // weighted sums only
  float product = 0.0f;  // weighted sum: input * weight (0 for padding); else input
  // After this tap: weighted sum - the float sum so far (padding adds
  // nothing); max - the max so far; average - the sum of real cells so far.
  float running = 0.0f;
};

// [SECTION] How the taps combine

// value = activation(sum of products + bias)
struct SumDetail {
  float sum = 0.0f;
  bool has_bias = false;
  float bias = 0.0f;
  float pre_activation = 0.0f;
  Activation activation = Activation::kLinear;
  // Softmax only: every channel's pre-activation at this position and their
  // normalisation; this element is softmax.probabilities[index].
  SoftmaxStats softmax;
  int index = 0;
};

// value = the largest tap. chosen_tap: the first tap holding it (-1 if none
// was larger than -inf); a NaN read decides (NaN propagates).
struct MaxDetail {
  int chosen_tap = -1;
};

// value = sum of real cells / count_real (Keras), or / count_window when
// count_include_pad (PyTorch's default). Both results are given so the UI
// can contrast them.
struct AverageDetail {
  float sum = 0.0f;
  int count_real = 0;
  int count_window = 0;
  bool count_include_pad = false;
  float divisor = 0.0f;
  float value_keras = 0.0f;
  float value_include_pad = 0.0f;
};

// value = softmax over the taps (every channel of one position):
// stats.probabilities[index].
struct SoftmaxDetail {
  SoftmaxStats stats;
  int index = 0;
};

// One input through a rule: the rule with the numbers in, as plain maths
// ("max(0, -0.5) = 0", "i = (2 x 7 + 3) x 64 + 5 = 1093"); the taps hold
// the input(s) it reads.
struct FormulaDetail {
  std::string formula;
};

// BatchNormalization at inference, in TensorFlow's order of operations:
// inv = gamma / sqrt(variance + epsilon), value = x * inv + (beta - mean * inv).
struct NormDetail {
  float mean = 0.0f, variance = 1.0f, epsilon = 0.001f;
  float gamma = 1.0f, beta = 0.0f;
  bool has_gamma = true, has_beta = true;
  float inv = 1.0f;
  std::string formula;  // the steps with the numbers in
};

using TraceDetail =
    std::variant<SumDetail, MaxDetail, AverageDetail, SoftmaxDetail, FormulaDetail, NormDetail>;

// [SECTION] The trace

struct ElementTrace {
  LayerType type = LayerType::kConv2D;
  int layer = 0;
  int y = 0, x = 0, c = 0;  // output position, display coordinates
  Geometry2D geometry;
  int step = 0;                    // index in the walk: y * cols + x
  int origin_y = 0, origin_x = 0;  // window top-left, padded coordinates
  std::vector<TraceTap> taps;
  TraceDetail detail;
  float value = 0.0f;  // the output element

  const SumDetail* sum() const { return std::get_if<SumDetail>(&detail); }
  const MaxDetail* max() const { return std::get_if<MaxDetail>(&detail); }
  const AverageDetail* average() const { return std::get_if<AverageDetail>(&detail); }
  const SoftmaxDetail* softmax() const { return std::get_if<SoftmaxDetail>(&detail); }
  const FormulaDetail* formula() const { return std::get_if<FormulaDetail>(&detail); }
  const NormDetail* norm() const { return std::get_if<NormDetail>(&detail); }
};

// [SECTION] Cell masks (receptive fields)

// A set of cells of one tensor in display coordinates (display_dims);
// channel -1 means every channel.
struct CellMask {
  int h = 0, w = 0;
  int channel = -1;
  std::vector<std::uint8_t> on;  // h * w, row-major
  int count = 0;
  int y0 = 0, x0 = 0, y1 = -1, x1 = -1;  // bounding box (inclusive), if any

  bool at(int y, int x) const {
    return on[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) +
              static_cast<std::size_t>(x)] != 0;
  }
  void mark(int y, int x);
};

CellMask empty_mask(const TensorShape& s, int channel);

}  // namespace cs
