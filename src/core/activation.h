// activation.h - Keras' activation functions by name, and the softmax that
// the kernels leave to the core (it is not elementwise: it normalises over
// the last axis, the channels of an HWC tensor or the units of a vector).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/layer.h"

namespace cs {

// The activations a layer's `activation` key accepts, in Keras' spelling.
inline constexpr Activation kActivations[] = {Activation::kLinear, Activation::kRelu,
                                              Activation::kSigmoid, Activation::kTanh,
                                              Activation::kSoftmax};

// "relu" -> kRelu; false for a name ConvScope does not compute.
bool parse_activation(std::string_view name, Activation* out);
// "\"linear\", \"relu\", ...": the accepted names for messages.
std::string activation_list();
// The PyTorch module after a layer: "\nnn.ReLU()", or "" for linear.
std::string torch_activation(Activation act);

// Softmax of n logits, the way the engine computes it everywhere (the walk
// shows these exact floats): m = max, e_i = exp(z_i - m), s = sum of e_i in
// order, p_i = e_i / s. Subtracting the max keeps exp from overflowing and
// changes nothing mathematically (TensorFlow does the same).
struct SoftmaxStats {
  std::vector<float> logits, exps, probabilities;
  float max = 0.0f, sum = 0.0f;
};
SoftmaxStats softmax_stats(const float* z, int n, int stride = 1);
void softmax(const float* z, int n, float* out);

// After a kernel applied `act`'s elementwise part: softmax normalises every
// position's channels of the output (nothing to do for the others).
void finish_activation(Activation act, const TensorShape& shape, float* out);

// The chain rule through `act` for n values whose output is `out` (and
// input `pre`): grad_pre = grad_out * act'(pre). Softmax normalises groups
// of `channels` values: grad_pre = out * (grad_out - sum(grad_out * out)).
// grad_pre must not overlap the others.
void activation_backward(Activation act, std::size_t n, int channels, const float* pre,
                         const float* out, const float* grad_out, float* grad_pre);

}  // namespace cs
