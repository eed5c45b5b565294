// layer.h - tensors and layers as the engine holds them.
// A Layer is one Keras layer, already normalised: every key of its type has
// a value (defaults filled, shorthands expanded) and its weights are flat
// row-major arrays in Keras' own shapes. Which keys and weights a type has,
// and what they mean, is said once, in the layer table (core/layers/table.h).
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/shape.h"

namespace cs {

// [SECTION] Tensors

// Keras layout without the batch: HWC for 2D layers, (steps, channels) for
// 1D layers, (units) for vectors. A 1D tensor is kept as h == 1, w == L and
// a vector as h == w == 1, c == units, so every tensor is HWC in memory and
// flattening is free.
struct TensorShape {
  int h = 1, w = 0, c = 0;
  bool one_d = false;
  bool flat = false;  // a vector [c] (after Flatten, Dense, global pooling)

  std::int64_t elements() const { return std::int64_t{h} * std::int64_t{w} * std::int64_t{c}; }
  // Keras' rank without the batch: 3 (HWC), 2 (steps, channels), 1 (units).
  int rank() const { return flat ? 1 : one_d ? 2 : 3; }
  // The shape as Keras prints it (without the batch): [h, w, c], [w, c] or [c].
  std::vector<int> dims() const {
    if (flat) return {c};
    return one_d ? std::vector<int>{w, c} : std::vector<int>{h, w, c};
  }
  friend bool operator==(const TensorShape& a, const TensorShape& b) {
    return a.h == b.h && a.w == b.w && a.c == b.c && a.one_d == b.one_d && a.flat == b.flat;
  }
  friend bool operator!=(const TensorShape& a, const TensorShape& b) { return !(a == b); }
};

inline TensorShape vector_shape(int n) { return TensorShape{1, 1, n, false, true}; }

// "[28, 28, 1]": a shape in messages, reports and the UI.
std::string shape_text(const TensorShape& s);

// How a tensor is drawn as grids: rows x cols cells per channel slice. A
// vector is one row of `c` cells with a single slice.
struct DisplayDims {
  int rows = 0, cols = 0, channels = 0;
};
inline DisplayDims display_dims(const TensorShape& s) {
  return s.flat ? DisplayDims{1, s.c, 1} : DisplayDims{s.h, s.w, s.c};
}

// Row-major HWC data.
struct Tensor {
  TensorShape shape;
  std::vector<float> data;

  float at(int y, int x, int c) const {
    return data[(static_cast<std::size_t>(y) * static_cast<std::size_t>(shape.w) +
                 static_cast<std::size_t>(x)) *
                    static_cast<std::size_t>(shape.c) +
                static_cast<std::size_t>(c)];
  }
  // The value at display cell (y, x) of slice c (display_dims): for a
  // vector, x is the index and y == c == 0.
  float at_display(int y, int x, int c) const {
    return shape.flat ? data[static_cast<std::size_t>(x)] : at(y, x, c);
  }
};

// [SECTION] Layers

// One enumerator per row of the layer table, named after the Keras class.
enum class LayerType : std::uint8_t {
#define LAYER(name, family) k##name,
#include "core/layers/layers.inc"
#undef LAYER
};

enum class Interpolation : std::uint8_t { kNearest, kBilinear };

// A size key set to Keras' None (pool strides: pool_size; output_padding: none).
inline constexpr std::array<int, 2> kSizeNone{-1, -1};

const char* padding_mode_name(PaddingMode mode);  // "valid", "same", ...
const char* activation_name(Activation act);      // "linear", "relu", ...
const char* activation_label(Activation act);     // as written in equations: "ReLU", ...

// One layer, normalised. A field belongs to the layer types whose table row
// names it as a Keras key; the others keep their defaults (so two layers
// compare equal exactly when they compute the same thing). Sizes are
// (rows, cols); 1D layers store (1, k) so they run as 2D with H == 1.
struct Layer {
  LayerType type = LayerType::kConv2D;
  std::string name;  // optional label shown by the UI; "" when absent

  // Windows: convolution and pooling.
  int filters = 0;
  std::array<int, 2> kernel_size{1, 1};  // pool_size for pooling layers
  std::array<int, 2> strides{1, 1};
  std::array<int, 2> dilation_rate{1, 1};
  PaddingMode padding = PaddingMode::kValid;
  std::array<int, 4> pads{0, 0, 0, 0};  // top, bottom, left, right; kExplicit
  std::array<int, 2> output_padding = kSizeNone;  // Conv2DTranspose; None
  Activation activation = Activation::kLinear;
  bool use_bias = true;
  bool count_include_pad = false;  // average pooling: ConvScope's PyTorch contrast
  bool keepdims = false;           // global pooling

  int units = 0;  // Dense

  // Elementwise layers.
  float rate = 0.0f;  // Dropout
  float max_value = std::numeric_limits<float>::infinity();  // ReLU; Keras' None
  float negative_slope = 0.0f;                               // ReLU, LeakyReLU
  float threshold = 0.0f;                                    // ReLU
  float scale = 1.0f, offset = 0.0f;                         // Rescaling

  // BatchNormalization.
  float epsilon = 0.001f;
  float momentum = 0.99f;
  bool center = true;     // has beta
  bool use_gamma = true;  // Keras' `scale`: has gamma
  int axis = -1;          // only the last (channel) axis is computed

  // Reshaping.
  std::array<int, 2> size{2, 2};  // UpSampling2D
  Interpolation interpolation = Interpolation::kNearest;
  std::vector<int> batch_shape;  // InputLayer: the shape without the batch

  // Weights in Keras order (the order of layer.get_weights()): conv kernels
  // are HWIO (kernel_size + [in, filters]), Dense kernels [in, units]; bias
  // has one entry per filter or unit when use_bias, else none.
  std::vector<float> kernel;
  std::vector<float> bias;
  std::vector<float> gamma, beta, moving_mean, moving_variance;  // BatchNormalization

  friend bool operator==(const Layer& a, const Layer& b);
  friend bool operator!=(const Layer& a, const Layer& b) { return !(a == b); }
};

}  // namespace cs
