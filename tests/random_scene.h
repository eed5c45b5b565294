// random_scene.h - seeded random scenes for the engine and trace tests.
// Small inputs, 1-3 layers, every padding mode, strides 1-3, dilation 1-3,
// all activations, with and without bias; always valid (checked with
// layer_geometry, retried with a smaller window when the kernel is too big).
#pragma once

#include <random>

#include "core/scene.h"
#include "core/validate.h"
#include "layer_kinds.h"

namespace cs::testing {

inline float random_value(std::mt19937& gen) {
  return std::uniform_real_distribution<float>(-1.0f, 1.0f)(gen);
}

inline int random_int(std::mt19937& gen, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(gen);
}

// One layer for an input of shape `in`; false if no valid one was found.
inline bool random_layer(std::mt19937& gen, const TensorShape& in, Layer& out) {
  const bool one_d = in.one_d;
  for (int attempt = 0; attempt < 20; ++attempt) {
    Layer l;
    const int kind = random_int(gen, 0, 2);
    if (one_d) {
      l.type = kind == 0   ? LayerType::kConv1D
               : kind == 1 ? LayerType::kMaxPooling1D
                           : LayerType::kAveragePooling1D;
    } else {
      l.type = kind == 0   ? LayerType::kConv2D
               : kind == 1 ? LayerType::kMaxPooling2D
                           : LayerType::kAveragePooling2D;
    }
    const bool conv = kind == 0;
    const int kmax = attempt < 10 ? 4 : 2;
    const int kh = one_d ? 1 : random_int(gen, 1, kmax);
    const int kw = random_int(gen, 1, kmax);
    l.kernel_size = {kh, kw};
    l.strides = {one_d ? 1 : random_int(gen, 1, 3), random_int(gen, 1, 3)};
    if (conv) {
      l.filters = random_int(gen, 1, 5);
      l.dilation_rate = {one_d ? 1 : random_int(gen, 1, 3), random_int(gen, 1, 3)};
      l.activation = static_cast<Activation>(random_int(gen, 0, 3));
      l.use_bias = random_int(gen, 0, 1) == 1;
    } else {
      l.use_bias = false;
      l.count_include_pad = kind == 2 && random_int(gen, 0, 1) == 1;
    }
    // Conv1D may be causal; a convolution's explicit padding may pass the
    // kernel's reach (windows of padding only hold the bias).
    l.padding = static_cast<PaddingMode>(random_int(gen, 0, conv && one_d ? 4 : 3));
    if (l.padding == PaddingMode::kExplicit) {
      const int eh = effective_kernel(kh, l.dilation_rate[0]) + (conv ? 1 : 0);
      const int ew = effective_kernel(kw, l.dilation_rate[1]) + (conv ? 1 : 0);
      l.pads = {one_d ? 0 : random_int(gen, 0, eh - 1), one_d ? 0 : random_int(gen, 0, eh - 1),
                random_int(gen, 0, ew - 1), random_int(gen, 0, ew - 1)};
    }
    if (conv) {
      l.kernel.resize(static_cast<std::size_t>(kh) * kw * in.c * l.filters);
      for (float& w : l.kernel) w = random_value(gen);
      if (l.use_bias) {
        l.bias.resize(static_cast<std::size_t>(l.filters));
        for (float& b : l.bias) b = random_value(gen);
      }
    }
    if (layer_plan(l, in).ok()) {
      out = std::move(l);
      return true;
    }
  }
  return false;
}

// A valid scene: input up to 12x12 (1D: up to 24 steps), 1-4 channels.
inline Scene random_scene(std::mt19937& gen, bool one_d, int max_layers = 3) {
  Scene s;
  s.input.shape = one_d ? TensorShape{1, random_int(gen, 1, 24), random_int(gen, 1, 4), true}
                        : TensorShape{random_int(gen, 1, 12), random_int(gen, 1, 12),
                                      random_int(gen, 1, 4), false};
  s.input.data.resize(static_cast<std::size_t>(s.input.shape.elements()));
  for (float& v : s.input.data) v = random_value(gen);
  TensorShape shape = s.input.shape;
  const int n = random_int(gen, 1, max_layers);
  for (int i = 0; i < n; ++i) {
    Layer l;
    if (!random_layer(gen, shape, l)) break;
    shape = layer_plan(l, shape)->out;
    s.layers.push_back(std::move(l));
  }
  return s;
}

}  // namespace cs::testing
