// activation.cpp - activation names, parsing and their PyTorch modules.
#include "core/activation.h"

namespace cs {

const char* activation_name(Activation act) {
  switch (act) {
    case Activation::kLinear:
      return "linear";
    case Activation::kRelu:
      return "relu";
    case Activation::kSigmoid:
      return "sigmoid";
    case Activation::kTanh:
      return "tanh";
  }
  return "?";
}

const char* activation_label(Activation act) {
  return act == Activation::kRelu ? "ReLU" : activation_name(act);
}

bool parse_activation(std::string_view name, Activation* out) {
  for (Activation a : kActivations) {
    if (name == activation_name(a)) {
      *out = a;
      return true;
    }
  }
  return false;
}

std::string activation_list() {
  std::string s;
  for (Activation a : kActivations) {
    s += (s.empty() ? "\"" : ", \"") + std::string(activation_name(a)) + "\"";
  }
  return s;
}

std::string torch_activation(Activation act) {
  switch (act) {
    case Activation::kLinear:
      return "";
    case Activation::kRelu:
      return "\nnn.ReLU()";
    case Activation::kSigmoid:
      return "\nnn.Sigmoid()";
    case Activation::kTanh:
      return "\nnn.Tanh()";
  }
  return "";
}

}  // namespace cs
