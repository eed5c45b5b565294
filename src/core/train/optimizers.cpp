// optimizers.cpp - Keras 3's update rules (see optimizers.h).

#include "core/train/optimizers.h"

#include <cctype>
#include <cmath>

#include "core/errors.h"

namespace cs {

Result<OptimizerConfig> optimizer_config(const std::string& name) {
  std::string lower;
  for (char ch : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  OptimizerConfig c;
  if (lower == "sgd") {
    c.kind = OptimizerKind::kSgd, c.learning_rate = 0.01f;
  } else if (lower == "rmsprop") {
    c.kind = OptimizerKind::kRmsprop;
  } else if (lower == "adam") {
    c.kind = OptimizerKind::kAdam;
  } else {
    return make_error("optimizer", "unknown optimizer \"" + name + "\"; ConvScope has sgd, rmsprop and adam",
                      "unknown_optimizer", {name});
  }
  return c;
}

void Optimizer::step(const std::vector<Param>& params) {
  slot_a_.resize(params.size());
  slot_b_.resize(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    std::vector<float>& w = *params[i].value;
    slot_a_[i].resize(w.size(), 0.0f);
    slot_b_[i].resize(w.size(), 0.0f);
    if (c_.kind == OptimizerKind::kSgd) sgd(w, *params[i].grad, slot_a_[i]);
    if (c_.kind == OptimizerKind::kRmsprop) rmsprop(w, *params[i].grad, slot_a_[i], slot_b_[i]);
    if (c_.kind == OptimizerKind::kAdam) adam(w, *params[i].grad, slot_a_[i], slot_b_[i]);
  }
  ++iterations_;
}

// w -= lr * g; with momentum v = momentum * v - lr * g, then w += v
// (nesterov: w += momentum * v - lr * g).
void Optimizer::sgd(std::vector<float>& w, const std::vector<float>& g, std::vector<float>& v) const {
  const float lr = c_.learning_rate, mu = c_.momentum;
  for (std::size_t k = 0; k < w.size(); ++k) {
    if (mu == 0.0f) {
      w[k] -= lr * g[k];
      continue;
    }
    v[k] = mu * v[k] - lr * g[k];
    w[k] += c_.nesterov ? mu * v[k] - lr * g[k] : v[k];
  }
}

// v = rho * v + (1 - rho) * g^2; step = lr * g / sqrt(v + epsilon)
// (epsilon inside the root, as Keras 3 writes it); with momentum the steps
// accumulate: m = momentum * m + step, w -= m.
void Optimizer::rmsprop(std::vector<float>& w, const std::vector<float>& g, std::vector<float>& v,
                        std::vector<float>& m) const {
  for (std::size_t k = 0; k < w.size(); ++k) {
    v[k] = c_.rho * v[k] + (1.0f - c_.rho) * g[k] * g[k];
    const float step = c_.learning_rate * g[k] / std::sqrt(v[k] + c_.epsilon);
    if (c_.momentum > 0.0f) {
      m[k] = c_.momentum * m[k] + step;
      w[k] -= m[k];
    } else {
      w[k] -= step;
    }
  }
}

// Keras' bias-corrected form: alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t),
// m += (g - m) * (1 - beta_1), v += (g^2 - v) * (1 - beta_2),
// w -= alpha * m / (sqrt(v) + epsilon).
void Optimizer::adam(std::vector<float>& w, const std::vector<float>& g, std::vector<float>& m,
                     std::vector<float>& v) const {
  const double t = static_cast<double>(iterations_ + 1);
  const float alpha = static_cast<float>(c_.learning_rate * std::sqrt(1.0 - std::pow(c_.beta_2, t)) /
                                         (1.0 - std::pow(c_.beta_1, t)));
  for (std::size_t k = 0; k < w.size(); ++k) {
    m[k] += (g[k] - m[k]) * (1.0f - c_.beta_1);
    v[k] += (g[k] * g[k] - v[k]) * (1.0f - c_.beta_2);
    w[k] -= alpha * m[k] / (std::sqrt(v[k]) + c_.epsilon);
  }
}

}  // namespace cs
