// loss.cpp - losses and accuracy (see loss.h).

#include "core/train/loss.h"

#include <cmath>

#include "core/errors.h"
#include "core/layers/family.h"

namespace cs {

Result<LossKind> parse_loss(const std::string& name) {
  if (name == "sparse_categorical_crossentropy") return LossKind::kSparseCategoricalCrossentropy;
  if (name == "categorical_crossentropy") return LossKind::kCategoricalCrossentropy;
  if (name == "mse" || name == "mean_squared_error") return LossKind::kMse;
  return make_error("loss",
                    "unknown loss \"" + name +
                        "\"; ConvScope trains with sparse_categorical_crossentropy, "
                        "categorical_crossentropy or mse",
                    "unknown_loss", {name});
}

const char* loss_name(LossKind kind) {
  switch (kind) {
    case LossKind::kSparseCategoricalCrossentropy:
      return "sparse_categorical_crossentropy";
    case LossKind::kCategoricalCrossentropy:
      return "categorical_crossentropy";
    case LossKind::kMse:
      break;
  }
  return "mse";
}

Result<int> check_trainable(const Scene& scene, const ScenePlan& plan, LossKind kind) {
  if (scene.layers.empty())
    return make_error("layers", "a model without layers cannot be trained", "train_no_layers");
  const TensorShape& out = plan.shapes.back();
  const std::string at = layer_path(static_cast<int>(scene.layers.size()) - 1);
  if (!out.flat)
    return make_error(at,
                      "the last layer's output is " + shape_text(out) +
                          "; a classifier ends in a vector of classes (Flatten or global pooling, then Dense)",
                      "train_output_not_vector", {shape_text(out)});
  const Layer& last = scene.layers.back();
  BatchPass none;
  const float* logits = nullptr;
  if (kind != LossKind::kMse && !layer_family(last.type).softmax_logits(last, none, &logits))
    return make_error(at,
                      std::string(loss_name(kind)) +
                          " needs a softmax at the end (activation \"softmax\" or a Softmax layer)",
                      "train_needs_softmax", {loss_name(kind)});
  return out.c;
}

namespace {

int argmax(const float* v, int n) {
  int best = 0;
  for (int k = 1; k < n; ++k)
    if (v[k] > v[best]) best = k;
  return best;
}

// -log softmax(z)[label] = log(sum exp(z - max)) - (z[label] - max); the
// gradient is softmax(z) - one_hot(label), over the batch size.
double crossentropy(const float* z, int n, int label, float scale, float* grad) {
  float max = z[0];
  for (int k = 1; k < n; ++k) max = std::fmax(max, z[k]);
  double sum = 0.0;
  for (int k = 0; k < n; ++k) sum += std::exp(static_cast<double>(z[k] - max));
  for (int k = 0; k < n; ++k) {
    const double p = std::exp(static_cast<double>(z[k] - max)) / sum;
    grad[k] = static_cast<float>((p - (k == label ? 1.0 : 0.0)) * scale);
  }
  return std::log(sum) - static_cast<double>(z[label] - max);
}

// Keras' mse: the mean over the outputs, then over the batch.
double squared_error(const float* o, int n, int label, float scale, float* grad) {
  double sum = 0.0;
  for (int k = 0; k < n; ++k) {
    const double d = static_cast<double>(o[k]) - (k == label ? 1.0 : 0.0);
    sum += d * d;
    grad[k] = static_cast<float>(2.0 * d / n * scale);
  }
  return sum / n;
}

}  // namespace

BatchLoss loss_and_grad(LossKind kind, ModelPass& pass, const Scene& scene, const std::int32_t* y,
                        float* grad, bool* from_logits) {
  const std::size_t last = scene.layers.size() - 1;
  const int classes = pass.plan().shapes.back().c;
  const float* logits = nullptr;
  *from_logits = kind != LossKind::kMse &&
                 layer_family(scene.layers[last].type).softmax_logits(scene.layers[last], pass.pass(last), &logits);
  const float scale = 1.0f / static_cast<float>(pass.batch());
  BatchLoss r;
  for (int i = 0; i < pass.batch(); ++i) {
    const std::size_t at = static_cast<std::size_t>(i) * static_cast<std::size_t>(classes);
    r.correct += argmax(pass.output() + at, classes) == y[i] ? 1 : 0;
    r.loss_sum += *from_logits ? crossentropy(logits + at, classes, y[i], scale, grad + at)
                               : squared_error(pass.output() + at, classes, y[i], scale, grad + at);
  }
  return r;
}

}  // namespace cs
