// model_pass.h - a mini-batch forward and backward through a whole scene:
// the buffers of every layer, allocated once for the largest batch, and the
// weight gradients per layer. Each layer is run by its family
// (Family::forward_batch / backward_batch); nothing here knows layer types.
#pragma once

#include <cstdint>
#include <vector>

#include "core/layers/family.h"
#include "core/result.h"
#include "core/scene.h"
#include "core/validate.h"

namespace cs {

// grads[layer][weight]: one vector per table weight of the layer, sized as
// the weight (empty where the weight is switched off).
using ModelGrads = std::vector<std::vector<std::vector<float>>>;

class ModelPass {
 public:
  // Checks the scene (validate_scene) and sizes the buffers for `capacity`
  // examples per batch.
  static Result<ModelPass> create(const Scene& scene, int capacity);

  int capacity() const { return capacity_; }
  const ScenePlan& plan() const { return plan_; }
  // n <= capacity examples of the scene's input shape, one after another.
  // In training Dropout drops (seeded) and BatchNormalization uses and
  // updates batch statistics (so the scene may change).
  void forward(Scene* scene, const float* x, int n, bool training, std::uint64_t seed);
  // The chain rule back from dL/d(last output), or from dL/d(logits of the
  // last layer's softmax) when from_logits. Fills grads().
  void backward(const Scene& scene, const float* grad_last, bool from_logits);

  int batch() const { return n_; }
  const float* output() const { return acts_.back().data(); }
  // What the last forward ran through layer i (for Family::softmax_logits).
  BatchPass pass(std::size_t i);
  ModelGrads& grads() { return grads_; }

 private:
  ScenePlan plan_;
  int capacity_ = 0, n_ = 0;
  bool training_ = false;
  std::uint64_t seed_ = 0;
  const float* x_ = nullptr;
  std::vector<std::vector<float>> acts_, pres_, saved_, scratch_;
  std::vector<float> grad_a_, grad_b_;  // ping-pong dL/d activations
  ModelGrads grads_;
};

// The scene's weights as the optimizer sees them: one entry per trainable,
// switched-on table weight of each layer, with its gradient.
struct Param {
  std::vector<float>* value;
  const std::vector<float>* grad;
};
std::vector<Param> trainable_params(Scene* scene, ModelGrads& grads);

}  // namespace cs
