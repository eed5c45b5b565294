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

}  // namespace

bool operator==(const Layer& a, const Layer& b) {
  return a.type == b.type && a.name == b.name && a.filters == b.filters &&
         a.kernel_size == b.kernel_size && a.strides == b.strides &&
         a.dilation_rate == b.dilation_rate && a.padding == b.padding && a.pads == b.pads &&
         a.activation == b.activation && a.use_bias == b.use_bias &&
         a.count_include_pad == b.count_include_pad && same_floats(a.kernel, b.kernel) &&
         same_floats(a.bias, b.bias);
}

}  // namespace cs
