// trace.cpp - element traces, the stride walk, receptive fields, code lines.
// Each family computes its own traces and fields (core/layers/family.h);
// this file checks positions, walks the stack and asks each layer's family.
// Tests check traces agree with the engine within tolerance.
//
// [SECTION] Element traces
// [SECTION] Stride walk
// [SECTION] Receptive fields
// [SECTION] Keras and PyTorch lines

#include "core/trace.h"

#include <algorithm>

#include "core/errors.h"
#include "core/validate.h"

namespace cs {

// [SECTION] Element traces

Result<ElementTrace> trace_element(const Layer& layer, const LayerPlan& plan, const Tensor& in,
                                   int y, int x, int c, int index) {
  const Geometry2D& g = plan.g;
  if (y < 0 || y >= g.out_h || x < 0 || x >= g.out_w || c < 0 || c >= g.filters) {
    return make_error(layer_path(index), "output position (" + istr(y) + ", " + istr(x) + ", " +
                                             istr(c) + ") is outside the output of shape " +
                                             shape_text(plan.out));
  }
  if (in.shape != plan.in || in.data.size() != static_cast<std::size_t>(in.shape.elements())) {
    return make_error(layer_path(index), "the input tensor does not match the layer's plan");
  }
  Result<ElementTrace> t = layer_family(layer.type).trace(layer, plan, in, y, x, c);
  if (t) t->layer = index;
  return t;
}

namespace {

Error no_such_layer(const Scene& scene, int layer) {
  return make_error("layers", "layer " + istr(layer) + " does not exist; the scene has " +
                                  istr(static_cast<std::int64_t>(scene.layers.size())) +
                                  " (counted from 0)");
}

}  // namespace

Result<ElementTrace> trace_scene_element(const Scene& scene, const SceneRun& run, int layer, int y,
                                         int x, int c) {
  if (layer < 0 || layer >= static_cast<int>(scene.layers.size()) ||
      layer >= static_cast<int>(run.plan.geometry.size())) {
    return no_such_layer(scene, layer);
  }
  const std::size_t l = static_cast<std::size_t>(layer);
  return trace_element(scene.layers[l], run.plan.layer(l), layer_input(scene, run, layer), y, x, c,
                       layer);
}

// [SECTION] Stride walk

namespace {

// Fills uncovered/skipped lists for one axis, in input coordinates.
void walk_axis(int n, int before, int k, int s, int d, int out, std::vector<int>& uncovered,
               std::vector<int>& skipped) {
  std::vector<std::uint8_t> in_span(static_cast<std::size_t>(n), 0);
  std::vector<std::uint8_t> read(static_cast<std::size_t>(n), 0);
  const int eff = effective_kernel(k, d);
  for (int o = 0; o < out; ++o) {
    const int start = o * s - before;
    for (int i = 0; i < eff; ++i) {
      const int v = start + i;
      if (v < 0 || v >= n) continue;
      in_span[static_cast<std::size_t>(v)] = 1;
      if (i % d == 0) read[static_cast<std::size_t>(v)] = 1;
    }
  }
  for (int v = 0; v < n; ++v) {
    if (!in_span[static_cast<std::size_t>(v)]) {
      uncovered.push_back(v);
    } else if (!read[static_cast<std::size_t>(v)]) {
      skipped.push_back(v);
    }
  }
}

}  // namespace

StrideWalk stride_walk(const Geometry2D& g) {
  StrideWalk w;
  const int total = g.out_h * g.out_w;
  w.steps.reserve(static_cast<std::size_t>(total > 0 ? total : 0));
  for (int k = 0; k < total; ++k) w.steps.push_back(window_at_step(g, k));
  walk_axis(g.in_h, g.pad_top, g.kh, g.sh, g.dh, g.out_h, w.uncovered_rows, w.skipped_rows);
  walk_axis(g.in_w, g.pad_left, g.kw, g.sw, g.dw, g.out_w, w.uncovered_cols, w.skipped_cols);
  w.dropped_rows = uncovered_tail(g.in_h, g.pad_top, g.pad_bottom, g.kh, g.sh, g.dh);
  w.dropped_cols = uncovered_tail(g.in_w, g.pad_left, g.pad_right, g.kw, g.sw, g.dw);
  return w;
}

// [SECTION] Receptive fields

void CellMask::mark(int y, int x) {
  std::uint8_t& cell =
      on[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)];
  if (cell) return;
  cell = 1;
  if (count == 0) {
    y0 = y1 = y;
    x0 = x1 = x;
  } else {
    y0 = std::min(y0, y);
    y1 = std::max(y1, y);
    x0 = std::min(x0, x);
    x1 = std::max(x1, x);
  }
  ++count;
}

CellMask empty_mask(const TensorShape& s, int channel) {
  const DisplayDims d = display_dims(s);
  CellMask m;
  m.h = d.rows;
  m.w = d.cols;
  m.channel = channel;
  m.on.assign(static_cast<std::size_t>(d.rows) * static_cast<std::size_t>(d.cols), 0);
  return m;
}

namespace {

Result<ScenePlan> plan_for_field(const Scene& scene, int layer) {
  Result<ScenePlan> plan = validate_scene(scene);
  if (!plan) return plan;
  if (layer < 0 || layer >= static_cast<int>(scene.layers.size())) {
    return no_such_layer(scene, layer);
  }
  return plan;
}

Result<bool> check_cell(const ScenePlan& plan, int level, int layer, int y, int x, int c) {
  const TensorShape& s = plan.shapes[static_cast<std::size_t>(level)];
  const DisplayDims d = display_dims(s);
  if (y >= 0 && y < d.rows && x >= 0 && x < d.cols && c >= 0 && c < d.channels) return true;
  return make_error(level == 0 ? std::string("input") : layer_path(layer),
                    "position (" + istr(y) + ", " + istr(x) + ", " + istr(c) +
                        ") is outside the tensor of shape " + shape_text(s));
}

}  // namespace

Result<FieldStack> receptive_field(const Scene& scene, int layer, int y, int x, int c) {
  Result<ScenePlan> plan = plan_for_field(scene, layer);
  if (!plan) return plan.error();
  Result<bool> ok = check_cell(*plan, layer + 1, layer, y, x, c);
  if (!ok) return ok.error();
  FieldStack f;
  f.masks.resize(static_cast<std::size_t>(layer) + 2);
  f.masks.back() = empty_mask(plan->shapes[static_cast<std::size_t>(layer) + 1], c);
  f.masks.back().mark(y, x);
  // Walk down: each family marks the input cells its marked outputs read.
  for (int l = layer; l >= 0; --l) {
    const std::size_t i = static_cast<std::size_t>(l);
    const Layer& lay = scene.layers[i];
    CellMask below = empty_mask(plan->shapes[i], -1);
    layer_family(lay.type).field_down(lay, plan->layer(i), f.masks[i + 1], &below);
    f.masks[i] = std::move(below);
  }
  return f;
}

Result<FieldStack> projective_field(const Scene& scene, int layer, int y, int x, int c) {
  Result<ScenePlan> plan = plan_for_field(scene, layer);
  if (!plan) return plan.error();
  Result<bool> ok = check_cell(*plan, 0, 0, y, x, c);
  if (!ok) return ok.error();
  FieldStack f;
  f.masks.resize(static_cast<std::size_t>(layer) + 2);
  f.masks[0] = empty_mask(plan->shapes[0], c);
  f.masks[0].mark(y, x);
  // Walk up: each family marks the output cells its marked inputs feed.
  for (int l = 0; l <= layer; ++l) {
    const std::size_t i = static_cast<std::size_t>(l);
    const Layer& lay = scene.layers[i];
    CellMask above = empty_mask(plan->shapes[i + 1], -1);
    layer_family(lay.type).field_up(lay, plan->layer(i), f.masks[i], &above);
    f.masks[i + 1] = std::move(above);
  }
  return f;
}

// [SECTION] Keras and PyTorch lines

std::string keras_line(const Layer& l) { return layer_family(l.type).keras_line(l); }

std::string pytorch_line(const Layer& l, const TensorShape& in) {
  Result<LayerPlan> p = layer_plan(l, in);
  if (!p) return "# " + to_string(p.error());
  return layer_family(l.type).pytorch_line(l, *p);
}

}  // namespace cs
