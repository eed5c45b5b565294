// optimizers.h - Keras' optimizers by name, with Keras 3's defaults and
// update rules (keras/src/optimizers/*.py), so a student's Keras notes
// carry over: SGD (momentum, nesterov), RMSprop, Adam (bias-corrected).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/train/model_pass.h"

namespace cs {

enum class OptimizerKind : std::uint8_t { kSgd, kRmsprop, kAdam };

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::kAdam;
  float learning_rate = 0.001f;
  float momentum = 0.0f;   // SGD, RMSprop
  bool nesterov = false;   // SGD
  float rho = 0.9f;        // RMSprop
  float beta_1 = 0.9f, beta_2 = 0.999f;  // Adam
  float epsilon = 1e-7f;   // RMSprop, Adam
};

// "sgd", "rmsprop" or "adam" (any case) with that optimizer's Keras
// defaults (SGD's learning rate is 0.01, the others' 0.001).
Result<OptimizerConfig> optimizer_config(const std::string& name);

// One optimizer's state (momenta, velocities) for a fixed list of weights.
class Optimizer {
 public:
  explicit Optimizer(const OptimizerConfig& config) : c_(config) {}
  // One update of every parameter from its gradient.
  void step(const std::vector<Param>& params);
  std::int64_t iterations() const { return iterations_; }

 private:
  void sgd(std::vector<float>& w, const std::vector<float>& g, std::vector<float>& v) const;
  void rmsprop(std::vector<float>& w, const std::vector<float>& g, std::vector<float>& v,
               std::vector<float>& m) const;
  void adam(std::vector<float>& w, const std::vector<float>& g, std::vector<float>& m,
            std::vector<float>& v) const;

  OptimizerConfig c_;
  std::int64_t iterations_ = 0;
  std::vector<std::vector<float>> slot_a_, slot_b_;  // per parameter
};

}  // namespace cs
