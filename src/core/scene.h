// scene.h - the scene: one input tensor and a stack of Keras-style layers.
// This is the document the app saves, shares in URLs and receives from an
// embedding page, and what convscope-cli reads. The JSON format is specified
// in docs/scene-format.md; parse_scene() also validates (core/validate.h).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/shape.h"

namespace cs {

// [SECTION] Tensors

// Keras layout: HWC for 2D layers, (L, C) for 1D layers. A 1D tensor is kept
// as h == 1, w == L so every layer runs as 2D (see Geometry2D).
struct TensorShape {
  int h = 1, w = 0, c = 0;
  bool one_d = false;

  std::int64_t elements() const { return std::int64_t{h} * std::int64_t{w} * std::int64_t{c}; }
  // The shape as Keras prints it (without the batch): [h, w, c] or [w, c].
  std::vector<int> dims() const {
    return one_d ? std::vector<int>{w, c} : std::vector<int>{h, w, c};
  }
  friend bool operator==(const TensorShape& a, const TensorShape& b) {
    return a.h == b.h && a.w == b.w && a.c == b.c && a.one_d == b.one_d;
  }
  friend bool operator!=(const TensorShape& a, const TensorShape& b) { return !(a == b); }
};

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
};

// [SECTION] Layers

enum class LayerType : std::uint8_t {
  kConv2D,
  kConv1D,
  kMaxPooling2D,
  kAveragePooling2D,
  kMaxPooling1D,
  kAveragePooling1D
};

const char* layer_type_name(LayerType type);  // "Conv2D", ...
bool is_conv(LayerType type);
bool is_pool(LayerType type);
bool is_1d(LayerType type);
PoolKind pool_kind(LayerType type);  // kMax or kAverage; pooling types only

const char* padding_mode_name(PaddingMode mode);  // "valid", "same", ...
const char* activation_name(Activation act);      // "linear", "relu", ...
const char* activation_label(Activation act);     // as written in equations: "ReLU", ...

// One layer, already normalised: shorthands expanded, defaults filled. Sizes
// are (rows, cols); 1D layers store (1, k) so they run as 2D with H == 1.
struct Layer {
  LayerType type = LayerType::kConv2D;
  std::string name;  // optional label shown by the UI; "" when absent

  int filters = 0;                       // conv only
  std::array<int, 2> kernel_size{1, 1};  // pool_size for pooling layers
  std::array<int, 2> strides{1, 1};
  std::array<int, 2> dilation_rate{1, 1};  // conv only (Keras pools have none)
  PaddingMode padding = PaddingMode::kValid;
  std::array<int, 4> pads{0, 0, 0, 0};          // top, bottom, left, right; kExplicit
  Activation activation = Activation::kLinear;  // conv only
  bool use_bias = true;                         // conv only
  bool count_include_pad = false;               // average pooling only

  // Conv weights in Keras order: kernel is HWIO (kernel_size + [in, filters]),
  // the order of layer.get_weights()[0]; bias has `filters` entries when
  // use_bias (parse_scene fills zeros if the document omits it), else empty.
  std::vector<float> kernel;
  std::vector<float> bias;

  friend bool operator==(const Layer& a, const Layer& b);
  friend bool operator!=(const Layer& a, const Layer& b) { return !(a == b); }
};

struct Scene {
  std::string title;  // optional
  Tensor input;
  std::vector<Layer> layers;
};

// [SECTION] Reading and writing

// Reads and fully validates a scene (keys, types, Keras shorthands, limits,
// shape propagation, weight counts). Error.where is a JSON path such as
// "layers[1].kernel_size", with line/column of the offending value.
Result<Scene> parse_scene(std::string_view json);

// Writes the normalised scene (every key explicit, flat HWIO weights, floats
// in shortest round-trip form). parse_scene(scene_to_json(s)) == s.
std::string scene_to_json(const Scene& scene);

// The "layers" array alone, written as scene_to_json writes it.
std::string layers_to_json(const std::vector<Layer>& layers);

// Appends a tensor as {"shape": [...], "data": [...]}.
void append_tensor_json(std::string& out, const Tensor& t);

}  // namespace cs
