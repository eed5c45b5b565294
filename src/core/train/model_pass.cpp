// model_pass.cpp - the whole-model mini-batch pass (see model_pass.h).

#include "core/train/model_pass.h"

#include <algorithm>

#include "core/layers/table.h"

namespace cs {

namespace {

std::size_t elements(const TensorShape& s) { return static_cast<std::size_t>(s.elements()); }

bool weight_on(const Layer& l, const WeightDef& w) { return w.present == nullptr || l.*w.present; }

// Each layer's dropout masks differ, and each batch's.
std::uint64_t layer_seed(std::uint64_t seed, std::size_t layer) {
  return seed * 0x9E3779B97F4A7C15ull + (layer + 1) * 0xBF58476D1CE4E5B9ull;
}

}  // namespace

Result<ModelPass> ModelPass::create(const Scene& scene, int capacity) {
  Result<ScenePlan> plan = validate_scene(scene);
  if (!plan) return plan.error();
  ModelPass m;
  m.plan_ = *plan;
  m.capacity_ = capacity;
  const std::size_t cap = static_cast<std::size_t>(capacity);
  std::size_t widest = 0;
  for (std::size_t i = 0; i < scene.layers.size(); ++i) {
    const Layer& l = scene.layers[i];
    const std::size_t out = elements(m.plan_.shapes[i + 1]) * cap;
    widest = std::max({widest, out, elements(m.plan_.shapes[i]) * cap});
    m.acts_.emplace_back(out);
    m.pres_.emplace_back(layer_family(l.type).has_pre_activation(l) ? out : 0);
    m.saved_.emplace_back();
    m.scratch_.emplace_back();
    std::vector<std::vector<float>> g;
    for (const WeightDef& w : layer_info(l.type).weights)
      g.emplace_back(weight_on(l, w) ? (l.*w.field).size() : 0);
    m.grads_.push_back(std::move(g));
  }
  m.grad_a_.resize(widest);
  m.grad_b_.resize(widest);
  return m;
}

BatchPass ModelPass::pass(std::size_t i) {
  BatchPass b;
  b.n = n_;
  b.in = i == 0 ? x_ : acts_[i - 1].data();
  b.pre = pres_[i].empty() ? nullptr : pres_[i].data();
  b.out = acts_[i].data();
  b.training = training_;
  b.seed = layer_seed(seed_, i);
  b.saved = &saved_[i];
  return b;
}

void ModelPass::forward(Scene* scene, const float* x, int n, bool training, std::uint64_t seed) {
  n_ = n, x_ = x, training_ = training, seed_ = seed;
  for (std::size_t i = 0; i < scene->layers.size(); ++i) {
    Layer& l = scene->layers[i];
    layer_family(l.type).forward_batch(l, plan_.layer(i), pass(i));
  }
}

void ModelPass::backward(const Scene& scene, const float* grad_last, bool from_logits) {
  const float* grad_out = grad_last;
  for (std::size_t i = scene.layers.size(); i-- > 0;) {
    const Layer& l = scene.layers[i];
    BatchGrad g;
    g.grad_out = grad_out;
    g.from_logits = from_logits && i + 1 == scene.layers.size();
    g.grad_in = i == 0 ? nullptr : (i % 2 == 0 ? grad_a_ : grad_b_).data();
    g.grads = &grads_[i];
    g.scratch = &scratch_[i];
    layer_family(l.type).backward_batch(l, plan_.layer(i), pass(i), g);
    grad_out = g.grad_in;
  }
}

std::vector<Param> trainable_params(Scene* scene, ModelGrads& grads) {
  std::vector<Param> params;
  for (std::size_t i = 0; i < scene->layers.size(); ++i) {
    Layer& l = scene->layers[i];
    const LayerInfo& info = layer_info(l.type);
    for (std::size_t w = 0; w < info.weights.size(); ++w) {
      if (!weight_on(l, info.weights[w]) || !layer_family(l.type).trainable(l, static_cast<int>(w)))
        continue;
      params.push_back({&(l.*info.weights[w].field), &grads[i][w]});
    }
  }
  return params;
}

}  // namespace cs
