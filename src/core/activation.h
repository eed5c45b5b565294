// activation.h - Keras' activation functions by name, and the softmax that
// the kernels leave to the engine (it is not elementwise: it normalises
// over the last axis, the channels of an HWC tensor).
#pragma once

#include <string>
#include <string_view>

#include "core/layer.h"

namespace cs {

// The activations a layer's `activation` key accepts, in Keras' spelling.
inline constexpr Activation kActivations[] = {Activation::kLinear, Activation::kRelu,
                                              Activation::kSigmoid, Activation::kTanh};

// "relu" -> kRelu; false for a name ConvScope does not compute.
bool parse_activation(std::string_view name, Activation* out);
// "\"linear\", \"relu\", \"sigmoid\", \"tanh\"": the accepted names for messages.
std::string activation_list();
// The PyTorch module after a layer: "\nnn.ReLU()", or "" for linear.
std::string torch_activation(Activation act);

}  // namespace cs
