// trace.h - the numbers the canvas shows, as plain data.
// "What happens at output cell (y, x, c)": window origin, every tap, products,
// running sums, bias, activation; the stride walk (step k -> window), input
// cells no window reaches, receptive fields through the stack, and the Keras
// and PyTorch lines that build a layer. The UI animates; this file only steps.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/result.h"
#include "core/scene.h"
#include "core/shape.h"

namespace cs {

// [SECTION] Element traces

// One cell read by the window. Taps are ordered ky, kx, ci (the HWIO order
// of the kernel), which is also the order of the running sum.
struct TraceTap {
  int ky = 0, kx = 0, ci = 0;  // kernel row, column, input channel
  int py = 0, px = 0;          // coordinates in the padded input
  int iy = -1, ix = -1;        // coordinates in the input; -1 for padding
  bool padding = false;
  float input = 0.0f;    // padding reads 0 (conv, average) or -inf (max)
  float weight = 0.0f;   // conv only
  float product = 0.0f;  // conv: input * weight (0 for padding); pool: input
  // After this tap: conv - the float sum so far (padding adds nothing);
  // max pool - the max so far; average pool - the sum of real cells so far.
  float running = 0.0f;
};

struct ElementTrace {
  LayerType type = LayerType::kConv2D;
  int layer = 0;
  int y = 0, x = 0, c = 0;  // output position; c is a filter or a channel
  Geometry2D geometry;
  int step = 0;                    // index in the stride walk: y * out_w + x
  int origin_y = 0, origin_x = 0;  // window top-left, padded coordinates
  std::vector<TraceTap> taps;

  // Convolution: value = activation(sum + bias).
  float sum = 0.0f;
  bool has_bias = false;
  float bias = 0.0f;
  float pre_activation = 0.0f;
  Activation activation = Activation::kLinear;

  // Max pooling: the first tap holding the maximum (-1 if none was larger
  // than -inf, or a NaN was read: NaN propagates).
  int chosen_tap = -1;

  // Average pooling: sum of the real cells divided by count_real (Keras) or
  // by count_window (count_include_pad, PyTorch's default). Both results are
  // given so the UI can contrast them.
  float pool_sum = 0.0f;
  int count_real = 0;
  int count_window = 0;
  bool count_include_pad = false;
  float divisor = 0.0f;
  float value_keras = 0.0f;
  float value_include_pad = 0.0f;

  float value = 0.0f;  // the output element
};

// Trace of output element (y, x, c) of one layer whose input is `in`.
// Fails (where = "layers[index]") if the position is outside the output.
Result<ElementTrace> trace_element(const Layer& layer, const Geometry2D& g, const Tensor& in, int y,
                                   int x, int c, int index = 0);

// The same for layer `layer` of a scene already run (run_scene_full).
Result<ElementTrace> trace_scene_element(const Scene& scene, const SceneRun& run, int layer, int y,
                                         int x, int c);

// [SECTION] Stride walk

struct WindowStep {
  int step = 0;
  int out_y = 0, out_x = 0;
  int origin_y = 0, origin_x = 0;  // padded coordinates of the top-left tap
};

// Constant time: window k of the row-major walk (k < out_h * out_w).
constexpr WindowStep window_at_step(const Geometry2D& g, int step) {
  const int oy = g.out_w > 0 ? step / g.out_w : 0;
  const int ox = g.out_w > 0 ? step % g.out_w : 0;
  return {step, oy, ox, oy * g.sh, ox * g.sw};
}

struct StrideWalk {
  std::vector<WindowStep> steps;  // row-major, out_h * out_w entries
  // Input rows/columns (unpadded coordinates) outside every window: those
  // dropped by the floor when (n + pads - eff_k) % stride != 0, and the gaps
  // left when the stride exceeds the effective kernel.
  std::vector<int> uncovered_rows, uncovered_cols;
  // Inside some window but read by no tap: the holes of a dilated kernel.
  std::vector<int> skipped_rows, skipped_cols;
  // Padded cells past the last window on each axis (uncovered_tail).
  int dropped_rows = 0, dropped_cols = 0;
};

// The full walk. Memory grows with out_h * out_w; for large maps use
// window_at_step.
StrideWalk stride_walk(const Geometry2D& g);

// [SECTION] Receptive fields

// A set of spatial cells of one tensor; channel -1 means every channel.
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
};

// masks[0] is the scene input, masks[i] the output of layer i - 1, up to the
// output of `layer` (so layer + 2 masks). Padding is never part of a field.
struct FieldStack {
  std::vector<CellMask> masks;
};

// Every cell, at every level, that output (y, x, c) of `layer` reads.
Result<FieldStack> receptive_field(const Scene& scene, int layer, int y, int x, int c);

// The inverse: every cell, at every level up to the output of `layer`, that
// scene-input cell (y, x, c) feeds.
Result<FieldStack> projective_field(const Scene& scene, int layer, int y, int x, int c);

// [SECTION] Code lines

// The Keras code that builds the layer, e.g.
//   keras.layers.Conv2D(2, kernel_size=(3, 3), strides=1, padding='same', activation='relu')
//   keras.layers.MaxPooling2D(2)
// Padding Keras cannot express ('full', explicit) adds a ZeroPadding line
// before it; lines are separated by '\n', notes start with '#'.
std::string keras_line(const Layer& layer);

// The PyTorch equivalent for an input of shape `in` (needed for in_channels
// and for the padding split), with explicit padding numbers; TF 'same'
// padding that is uneven becomes an nn.ZeroPad2d / nn.ConstantPad2d line
// first. Multi-line like keras_line.
std::string pytorch_line(const Layer& layer, const TensorShape& in);

}  // namespace cs
