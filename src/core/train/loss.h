// loss.h - the losses training minimises and the accuracy it reports, with
// Keras' names: sparse_categorical_crossentropy and categorical_crossentropy
// on a softmax output (computed from its logits, as Keras does when the
// output layer is a softmax: stable for confident predictions), and
// mean_squared_error against one-hot targets. Labels are class indices.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "core/scene.h"
#include "core/train/model_pass.h"

namespace cs {

enum class LossKind : std::uint8_t { kSparseCategoricalCrossentropy, kCategoricalCrossentropy, kMse };

// "sparse_categorical_crossentropy", "categorical_crossentropy", "mse" or
// "mean_squared_error".
Result<LossKind> parse_loss(const std::string& name);
const char* loss_name(LossKind kind);

// Whether the scene can be trained with the loss: its output is a vector of
// classes, and for the cross-entropies its last layer ends in a softmax.
// Returns the number of classes.
Result<int> check_trainable(const Scene& scene, const ScenePlan& plan, LossKind kind);

// Sums over a batch the last forward ran.
struct BatchLoss {
  double loss_sum = 0.0;
  int correct = 0;  // argmax of the output == label
};

// The loss of the batch in `pass` (mean over its examples) and its gradient
// into grad (batch x classes): dL/d logits for the cross-entropies
// (*from_logits = true), dL/d output for mse.
BatchLoss loss_and_grad(LossKind kind, ModelPass& pass, const Scene& scene, const std::int32_t* y,
                        float* grad, bool* from_logits);

}  // namespace cs
