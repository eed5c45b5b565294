// scene_edit.cpp - weight and input resizing that preserves what overlaps.
#include "core/scene_edit.h"

#include <algorithm>

#include "core/layers/family.h"
#include "core/validate.h"

namespace cs {

namespace {

std::size_t count_of(const std::vector<int>& dims) {
  std::size_t n = 1;
  for (int d : dims) n *= static_cast<std::size_t>(std::max(0, d));
  return n;
}

// Copies the overlap of two row-major arrays of the same rank: every index
// that exists in both keeps its value.
void copy_overlap(const std::vector<float>& from, const std::vector<int>& from_dims,
                  std::vector<float>* to, const std::vector<int>& to_dims) {
  const std::size_t rank = to_dims.size();
  if (from_dims.size() != rank || from.size() != count_of(from_dims)) return;
  std::vector<int> idx(rank, 0);
  std::vector<int> limit(rank);
  for (std::size_t a = 0; a < rank; ++a) limit[a] = std::min(from_dims[a], to_dims[a]);
  if (count_of(limit) == 0) return;
  for (;;) {
    std::size_t src = 0, dst = 0;
    for (std::size_t a = 0; a < rank; ++a) {
      src = src * static_cast<std::size_t>(from_dims[a]) + static_cast<std::size_t>(idx[a]);
      dst = dst * static_cast<std::size_t>(to_dims[a]) + static_cast<std::size_t>(idx[a]);
    }
    (*to)[dst] = from[src];
    std::size_t a = rank;
    while (a > 0 && ++idx[a - 1] == limit[a - 1]) idx[--a] = 0;
    if (a == 0) return;
  }
}

// The shapes flowing into each layer, by the families' shape rules alone
// (weights are what is being fitted). After a layer whose rule fails, the
// last known shape stands in, so later layers keep their weights.
std::vector<TensorShape> input_shapes(const Scene& scene) {
  std::vector<TensorShape> shapes;
  TensorShape s = scene.input.shape;
  for (const Layer& l : scene.layers) {
    shapes.push_back(s);
    Result<LayerPlan> p = layer_shape_plan(l, s);
    if (p) s = p->out;
  }
  return shapes;
}

}  // namespace

int layer_in_channels(const Scene& scene, int index) {
  if (index <= 0 || scene.layers.empty()) return scene.input.shape.c;
  const std::vector<TensorShape> shapes = input_shapes(scene);
  return shapes[static_cast<std::size_t>(std::min<int>(index, static_cast<int>(shapes.size()) - 1))].c;
}

void fit_weights(const Scene& before, Scene* after, float fill) {
  const std::vector<TensorShape> in_after = input_shapes(*after);
  const std::vector<TensorShape> in_before = input_shapes(before);
  for (std::size_t i = 0; i < after->layers.size(); ++i) {
    Layer& l = after->layers[i];
    const LayerInfo& info = layer_info(l.type);
    const Layer* old = i < before.layers.size() && before.layers[i].type == l.type
                           ? &before.layers[i]
                           : nullptr;
    for (std::size_t w = 0; w < info.weights.size(); ++w) {
      const WeightDef& def = info.weights[w];
      std::vector<float>& data = l.*def.field;
      if (def.present && !(l.*def.present)) {
        data.clear();
        continue;
      }
      const int index = static_cast<int>(w);
      const std::vector<int> dims = info.family->weight_dims(l, index, in_after[i].c);
      const std::size_t want = count_of(dims);
      // A weight of the right size is the editor's own (an edit that set
      // the weights); only one left at the old size is remapped.
      if (data.size() == want) continue;
      const float init = def.init == Initializer::kOnes ? 1.0f
                         : def.init == Initializer::kZeros ? 0.0f
                                                           : fill;
      std::vector<float> fresh(want, init);
      if (old) {
        copy_overlap(old->*def.field, info.family->weight_dims(*old, index, in_before[i].c), &fresh,
                     dims);
      }
      data = std::move(fresh);
    }
  }
}

void resize_input(Scene* scene, int h, int w, int c) {
  Tensor& t = scene->input;
  std::vector<float> fresh(static_cast<std::size_t>(h) * static_cast<std::size_t>(w) *
                               static_cast<std::size_t>(c),
                           0.0f);
  for (int y = 0; y < std::min(h, t.shape.h); ++y)
    for (int x = 0; x < std::min(w, t.shape.w); ++x)
      for (int ch = 0; ch < std::min(c, t.shape.c); ++ch)
        fresh[(static_cast<std::size_t>(y) * static_cast<std::size_t>(w) +
               static_cast<std::size_t>(x)) *
                  static_cast<std::size_t>(c) +
              static_cast<std::size_t>(ch)] = t.at(y, x, ch);
  t.data = std::move(fresh);
  t.shape.h = h, t.shape.w = w, t.shape.c = c;
}

}  // namespace cs
