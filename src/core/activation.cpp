// activation.cpp - activation names, parsing, PyTorch modules and softmax.
#include "core/activation.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

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
    case Activation::kSoftmax:
      return "softmax";
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
    case Activation::kSoftmax:
      return "\nnn.Softmax(dim=1)";  // NCHW / (N, units): the channels are dim 1
  }
  return "";
}

SoftmaxStats softmax_stats(const float* z, int n, int stride) {
  SoftmaxStats s;
  s.logits.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) s.logits[static_cast<std::size_t>(i)] = z[i * stride];
  s.max = n > 0 ? s.logits[0] : 0.0f;
  for (float v : s.logits) s.max = std::fmax(s.max, v);
  s.exps.resize(s.logits.size());
  for (std::size_t i = 0; i < s.logits.size(); ++i) {
    s.exps[i] = std::exp(s.logits[i] - s.max);
    s.sum += s.exps[i];
  }
  s.probabilities.resize(s.logits.size());
  for (std::size_t i = 0; i < s.logits.size(); ++i) s.probabilities[i] = s.exps[i] / s.sum;
  return s;
}

void softmax(const float* z, int n, float* out) {
  float m = n > 0 ? z[0] : 0.0f;
  for (int i = 1; i < n; ++i) m = std::fmax(m, z[i]);
  float sum = 0.0f;
  for (int i = 0; i < n; ++i) {
    out[i] = std::exp(z[i] - m);
    sum += out[i];
  }
  for (int i = 0; i < n; ++i) out[i] /= sum;
}

void finish_activation(Activation act, const TensorShape& shape, float* out) {
  if (act != Activation::kSoftmax) return;
  const std::int64_t positions = shape.elements() / shape.c;
  for (std::int64_t p = 0; p < positions; ++p) {
    float* z = out + p * shape.c;
    softmax(z, shape.c, z);
  }
}

namespace {

// TensorFlow's ReluGrad (0 at 0), without a branch: on real maps half of
// them would mispredict (that was a sixth of a training step). The
// gradient's bits are kept or cleared by a mask from the comparison.
void relu_backward(std::size_t n, const float* pre, const float* grad_out, float* grad_pre) {
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &grad_out[i], sizeof bits);
    bits &= 0u - static_cast<std::uint32_t>(pre[i] > 0.0f);
    std::memcpy(&grad_pre[i], &bits, sizeof bits);
  }
}

void softmax_backward(std::size_t n, int channels, const float* out, const float* grad_out,
                      float* grad_pre) {
  const std::size_t c = static_cast<std::size_t>(channels);
  for (std::size_t p = 0; p < n; p += c) {
    double dot = 0.0;
    for (std::size_t k = 0; k < c; ++k) dot += static_cast<double>(grad_out[p + k]) * out[p + k];
    for (std::size_t k = 0; k < c; ++k)
      grad_pre[p + k] = out[p + k] * (grad_out[p + k] - static_cast<float>(dot));
  }
}

}  // namespace

void activation_backward(Activation act, std::size_t n, int channels, const float* pre,
                         const float* out, const float* grad_out, float* grad_pre) {
  switch (act) {
    case Activation::kLinear:
      if (grad_pre != grad_out) std::copy(grad_out, grad_out + n, grad_pre);
      return;
    case Activation::kRelu:
      relu_backward(n, pre, grad_out, grad_pre);
      return;
    case Activation::kSigmoid:
      for (std::size_t i = 0; i < n; ++i) grad_pre[i] = grad_out[i] * out[i] * (1.0f - out[i]);
      return;
    case Activation::kTanh:
      for (std::size_t i = 0; i < n; ++i) grad_pre[i] = grad_out[i] * (1.0f - out[i] * out[i]);
      return;
    case Activation::kSoftmax:
      softmax_backward(n, channels, out, grad_out, grad_pre);
      return;
  }
}

}  // namespace cs
