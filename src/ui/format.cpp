// format.cpp - number and label formatting for the views.
#include "ui/format.h"

#include <cmath>

#include "core/json.h"
#include "core/shape.h"

namespace cs {

std::string num(float v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return format_float(v);
}

const char* activation_label(int activation) {
  switch (static_cast<Activation>(activation)) {
    case Activation::kRelu: return "ReLU";
    case Activation::kSigmoid: return "sigmoid";
    case Activation::kTanh: return "tanh";
    default: return "linear";
  }
}

}  // namespace cs
