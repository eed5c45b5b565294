// init.h - Keras' weight initialisers, seeded: the same seed gives the same
// numbers on every build (our own generator, not std:: distributions,
// whose output the standard leaves to each library).
#pragma once

#include <cstdint>
#include <vector>

#include "core/layer.h"
#include "core/layers/table.h"
#include "core/scene.h"

namespace cs {

// A small seeded generator (PCG32), for initialisers, shuffling, dropout.
class Rng32 {
 public:
  explicit Rng32(std::uint64_t seed, std::uint64_t stream = 0);
  std::uint32_t next();
  float uniform();  // [0, 1), 24 random bits
  // Uniform integer in [0, n).
  std::uint32_t below(std::uint32_t n);

 private:
  std::uint64_t state_ = 0, inc_ = 0;
};

// Keras' fans of a weight of shape `dims`: rank 2 [in, out]; rank > 2 the
// receptive field (product of the leading axes) times the last two axes.
void keras_fans(const std::vector<int>& dims, double* fan_in, double* fan_out);

// GlorotUniform: U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out)).
std::vector<float> glorot_uniform(const std::vector<int>& dims, std::uint64_t seed);

// Every weight of the scene that is switched on but empty gets its
// initialiser's values; GlorotUniform draws from (scene.seed, layer,
// weight). Shapes come from the layers' shape rules; after a layer whose
// rule fails nothing more is filled (validation then names the problem).
void init_missing_weights(Scene* scene);

// The weight `index` of `l` for `in_channels` inputs, as its table row's
// initialiser makes it (zeros, ones, or GlorotUniform from `seed`).
std::vector<float> initial_weight(const Layer& l, int index, int in_channels, std::uint64_t seed);

}  // namespace cs
