// table.h - the layer table: what each layer type is, said once.
// One row per type (core/layers/layers.inc lists them): its Keras class
// name, the family module that computes it, the rank of tensor it takes,
// the Keras config keys it accepts with their defaults, and its weights
// with their Keras names. The scene reader and writer, validation, the
// engine, traces, the code export, the CLI and the UI iterate over rows and
// keys instead of switching on the type.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/layer.h"

namespace cs {

class Family;  // core/layers/family.h

// A constant view of an array, so table rows are plain constant data.
template <typename T>
struct Span {
  const T* items = nullptr;
  std::size_t count = 0;
  constexpr Span() = default;
  template <std::size_t N>
  constexpr Span(const T (&a)[N]) : items(a), count(N) {}  // NOLINT: implicit on purpose
  constexpr const T* begin() const { return items; }
  constexpr const T* end() const { return items + count; }
  constexpr std::size_t size() const { return count; }
  constexpr bool empty() const { return count == 0; }
  constexpr const T& operator[](std::size_t i) const { return items[i]; }
};

// How a key's JSON value is read, checked and written (core/scene.cpp).
enum class KeyKind : std::uint8_t {
  kInt,         // an integer in [lo, hi]
  kSize,        // an integer or a list with one per spatial axis, each in [lo, hi]
  kSizeOrNull,  // the same, or null (Keras' None): stored as kSizeNone
  kPadding,     // "valid", "same", "full" or explicit [[top, bottom], [left, right]]
  kActivation,  // "linear", "relu", "sigmoid", "tanh" or null
  kBool,
  kFloat,         // a number, in [flo, fhi] (fhi_open: below fhi)
  kFloatOrNull,   // the same, or null (Keras' None): stored as +infinity
  kFloatAlias,    // an old name of a kFloat key (Keras 2's alpha): read when given, never written
  kInterpolation, // "nearest" or "bilinear"
  kAxis,          // the channel axis: -1, the last axis' index, or a list of it
  kShape,         // a batch shape: [null, 28, 28, 1] (the batch entry is dropped)
  kShapeAlias,    // read as kShape, never written (Keras 2's batch_input_shape)
  kZeroPadding,   // ZeroPadding2D's int, [rows, cols] or [[top, bottom], [left, right]]
  kChannelsLast,  // Keras' data_format: only "channels_last" (or null)
  kOne,           // only the neutral integer 1 (Keras' groups)
  kNull,          // only null (Keras' noise_shape)
  kIgnored,       // anything: it does not change the numbers (Dropout's seed)
};

// Where a key exists besides ConvScope. Exporting a model (core/keras_model.h)
// leaves a key out where it is at its default and refuses the layer where
// it is not.
enum class KeyScope : std::uint8_t {
  kKerasAndTfjs,  // Keras 3 and TensorFlow.js layers both have it
  kKerasOnly,     // TensorFlow.js layers has no such option (ReLU's threshold)
  kConvScope,     // ConvScope's own (PyTorch's count_include_pad)
};

// One Keras config key of a layer type. The value lives in the Layer field
// the member pointer names (the one matching `kind`).
struct KeyDef {
  const char* name;
  KeyKind kind;
  const char* default_json;  // the Keras default as JSON text; nullptr: required
  int lo = 0, hi = 0;        // range of kInt / kSize values
  int Layer::*int_field = nullptr;
  std::array<int, 2> Layer::*size_field = nullptr;
  bool Layer::*bool_field = nullptr;
  // A required key's value in a layer the editor adds (Keras has none).
  const char* example_json = nullptr;
  float Layer::*float_field = nullptr;
  float flo = 0.0f, fhi = 0.0f;
  bool fhi_open = false;
  KeyScope scope = KeyScope::kKerasAndTfjs;
};

constexpr KeyDef scoped(KeyDef k, KeyScope scope) {
  k.scope = scope;
  return k;
}

constexpr KeyDef int_key(const char* name, int Layer::*f, const char* def, int lo, int hi,
                         const char* example = nullptr) {
  return {name, KeyKind::kInt, def, lo, hi, f, nullptr, nullptr, example};
}
constexpr KeyDef size_key(const char* name, std::array<int, 2> Layer::*f, const char* def, int lo,
                          int hi, KeyKind kind = KeyKind::kSize, const char* example = nullptr) {
  return {name, kind, def, lo, hi, nullptr, f, nullptr, example};
}
constexpr KeyDef bool_key(const char* name, bool Layer::*f, const char* def) {
  return {name, KeyKind::kBool, def, 0, 0, nullptr, nullptr, f};
}
constexpr KeyDef float_key(const char* name, float Layer::*f, const char* def, float lo, float hi,
                           bool hi_open = false, KeyKind kind = KeyKind::kFloat) {
  return {name, kind, def, 0, 0, nullptr, nullptr, nullptr, nullptr, f, lo, hi, hi_open};
}
constexpr KeyDef padding_key(const char* def) { return {"padding", KeyKind::kPadding, def}; }
constexpr KeyDef activation_key(const char* def) {
  return {"activation", KeyKind::kActivation, def};
}
constexpr KeyDef fixed_key(const char* name, KeyKind kind) { return {name, kind, "null"}; }

// One weight array in Keras' get_weights() order. Its shape comes from the
// family (Family::weight_dims); `present` names the bool key that switches
// it off (use_bias), or is null when the weight always exists.
enum class Initializer : std::uint8_t { kGlorotUniform, kZeros, kOnes };
struct WeightDef {
  const char* name;  // the scene key and Keras' variable name: "kernel", "bias"
  std::vector<float> Layer::*field;
  bool Layer::*present = nullptr;
  Initializer init = Initializer::kZeros;
};

// One row of the table.
struct LayerInfo {
  LayerType type;
  const char* keras_name;  // "Conv2D": the scene's "type", Keras' class_name
  const char* snake_name;  // "conv2d": Keras' default layer name
  int input_rank;          // TensorShape::rank() it takes: 3, 2 or 1; 0 for any
  int variant;             // family-specific (the pooling kind, ...)
  Span<KeyDef> keys;       // Keras config keys, besides "name"
  Span<WeightDef> weights;
  const Family* family;
};

// The row of a type; every enumerator has one.
const LayerInfo& layer_info(LayerType type);
const Family& layer_family(LayerType type);
const char* layer_type_name(LayerType type);  // "Conv2D", ...
// The row whose Keras class name is `name`, or null.
const LayerInfo* find_layer_info(std::string_view name);
// Every row, in the order of layers.inc.
Span<const LayerInfo*> layer_table();
// "Conv2D, Conv1D, ... or Dense": the names for an error message.
std::string layer_type_list();
// A key of the row by name, or null.
const KeyDef* find_key(const LayerInfo& info, std::string_view key);
// Whether the type takes a Keras key ("filters": its output channels are
// filters, not the input's channels).
inline bool has_key(LayerType type, std::string_view key) {
  return find_key(layer_info(type), key) != nullptr;
}

bool is_1d(LayerType type);  // the type takes [steps, channels]

}  // namespace cs
