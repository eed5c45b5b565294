// init.cpp - PCG32 and Keras' initialisers.
#include "core/init.h"

#include <cmath>

#include "core/layers/family.h"
#include "core/validate.h"

namespace cs {

// PCG32 (O'Neill, pcg-random.org): 64-bit LCG state, xorshift-rotate output.
Rng32::Rng32(std::uint64_t seed, std::uint64_t stream) : inc_((stream << 1u) | 1u) {
  next();
  state_ += seed;
  next();
}

std::uint32_t Rng32::next() {
  const std::uint64_t old = state_;
  state_ = old * 6364136223846793005ULL + inc_;
  const std::uint32_t xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
  const std::uint32_t rot = static_cast<std::uint32_t>(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

float Rng32::uniform() { return static_cast<float>(next() >> 8) * (1.0f / 16777216.0f); }

std::uint32_t Rng32::below(std::uint32_t n) {
  // Lemire's rejection keeps every value equally likely.
  const std::uint32_t threshold = (0u - n) % n;
  for (;;) {
    const std::uint32_t r = next();
    if (r >= threshold) return r % n;
  }
}

void keras_fans(const std::vector<int>& dims, double* fan_in, double* fan_out) {
  if (dims.empty()) {
    *fan_in = *fan_out = 1;
  } else if (dims.size() == 1) {
    *fan_in = *fan_out = dims[0];
  } else {
    double receptive = 1;
    for (std::size_t i = 0; i + 2 < dims.size(); ++i) receptive *= dims[i];
    *fan_in = dims[dims.size() - 2] * receptive;
    *fan_out = dims[dims.size() - 1] * receptive;
  }
}

std::vector<float> glorot_uniform(const std::vector<int>& dims, std::uint64_t seed) {
  double fan_in = 0, fan_out = 0;
  keras_fans(dims, &fan_in, &fan_out);
  const float limit = static_cast<float>(std::sqrt(6.0 / std::max(1.0, fan_in + fan_out)));
  std::size_t n = 1;
  for (int d : dims) n *= static_cast<std::size_t>(d);
  std::vector<float> w(n);
  Rng32 rng(seed, 0x676c6f726f74ULL);  // "glorot"
  for (float& v : w) v = (rng.uniform() * 2.0f - 1.0f) * limit;
  return w;
}

std::vector<float> initial_weight(const Layer& l, int index, int in_channels, std::uint64_t seed) {
  const LayerInfo& info = layer_info(l.type);
  const WeightDef& w = info.weights[static_cast<std::size_t>(index)];
  const std::vector<int> dims = info.family->weight_dims(l, index, in_channels);
  if (w.init == Initializer::kGlorotUniform) return glorot_uniform(dims, seed);
  std::size_t n = 1;
  for (int d : dims) n *= static_cast<std::size_t>(d);
  return std::vector<float>(n, w.init == Initializer::kOnes ? 1.0f : 0.0f);
}

void init_missing_weights(Scene* scene) {
  TensorShape in = scene->input.shape;
  for (std::size_t i = 0; i < scene->layers.size(); ++i) {
    Layer& l = scene->layers[i];
    Result<LayerPlan> p = layer_shape_plan(l, in, static_cast<int>(i));
    if (!p) return;
    const LayerInfo& info = layer_info(l.type);
    for (std::size_t w = 0; w < info.weights.size(); ++w) {
      const WeightDef& def = info.weights[w];
      std::vector<float>& data = l.*def.field;
      if ((def.present && !(l.*def.present)) || !data.empty()) continue;
      const std::uint64_t seed = (std::uint64_t{scene->seed} << 32) | (i << 8) | w;
      data = initial_weight(l, static_cast<int>(w), in.c, seed);
    }
    in = p->out;
  }
}

}  // namespace cs
