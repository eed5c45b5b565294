// layer.cpp - names and equality of tensors and layers.
#include "core/layer.h"

#include <cmath>

namespace cs {

std::string shape_text(const TensorShape& s) {
  std::string t = "[";
  const std::vector<int> d = s.dims();
  for (std::size_t i = 0; i < d.size(); ++i) t += (i ? ", " : "") + std::to_string(d[i]);
  return t + "]";
}

const char* padding_mode_name(PaddingMode mode) {
  switch (mode) {
    case PaddingMode::kValid:
      return "valid";
    case PaddingMode::kSame:
      return "same";
    case PaddingMode::kFull:
      return "full";
    case PaddingMode::kExplicit:
      return "explicit";
    case PaddingMode::kCausal:
      return "causal";
  }
  return "?";
}

namespace {

// NaN == NaN here: a scene equals its own round trip.
bool same_floats(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(a[i] == b[i]) && !(std::isnan(a[i]) && std::isnan(b[i]))) return false;
  }
  return true;
}

bool same_float(float a, float b) { return a == b || (std::isnan(a) && std::isnan(b)); }

bool same_weights(const Layer& a, const Layer& b) {
  return same_floats(a.kernel, b.kernel) && same_floats(a.bias, b.bias) &&
         same_floats(a.gamma, b.gamma) && same_floats(a.beta, b.beta) &&
         same_floats(a.moving_mean, b.moving_mean) &&
         same_floats(a.moving_variance, b.moving_variance);
}

bool same_floats_fields(const Layer& a, const Layer& b) {
  return same_float(a.rate, b.rate) && same_float(a.max_value, b.max_value) &&
         same_float(a.negative_slope, b.negative_slope) && same_float(a.threshold, b.threshold) &&
         same_float(a.scale, b.scale) && same_float(a.offset, b.offset) &&
         same_float(a.epsilon, b.epsilon) && same_float(a.momentum, b.momentum);
}

}  // namespace

bool operator==(const Layer& a, const Layer& b) {
  return a.type == b.type && a.name == b.name && a.filters == b.filters &&
         a.kernel_size == b.kernel_size && a.strides == b.strides &&
         a.dilation_rate == b.dilation_rate && a.padding == b.padding && a.pads == b.pads &&
         a.activation == b.activation && a.use_bias == b.use_bias &&
         a.count_include_pad == b.count_include_pad && a.keepdims == b.keepdims &&
         a.units == b.units && a.center == b.center && a.use_gamma == b.use_gamma &&
         a.axis == b.axis && a.size == b.size && a.interpolation == b.interpolation &&
         a.batch_shape == b.batch_shape && same_floats_fields(a, b) && same_weights(a, b);
}

}  // namespace cs
