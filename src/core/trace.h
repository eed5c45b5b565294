// trace.h - the numbers the canvas shows, as plain data.
// "What happens at output cell (y, x, c)" (core/trace_types.h: taps,
// products, running sums, how they combine), computed by the layer's family;
// the stride walk (step k -> window), input cells no window reaches,
// receptive fields through the stack, and the Keras and PyTorch lines that
// build a layer. The UI animates; this file only steps.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/result.h"
#include "core/scene.h"
#include "core/shape.h"
#include "core/trace_types.h"

namespace cs {

// [SECTION] Element traces

// Trace of output element (y, x, c) (display coordinates, display_dims) of
// one layer whose input is `in` and plan `plan` (layer_plan). Fails (where =
// "layers[index]") if the position is outside the output.
Result<ElementTrace> trace_element(const Layer& layer, const LayerPlan& plan, const Tensor& in,
                                   int y, int x, int c, int index = 0);

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
