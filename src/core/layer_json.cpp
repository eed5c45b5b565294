// layer_json.cpp - a layer object read and written through the table.
// Reading is two passes: this file checks keys and types and expands Keras
// shorthands into a normalised Layer; core/validate.cpp then checks ranges
// and shapes. Each key kind has one reader and one writer here; nothing
// below names a layer type.
//
// [SECTION] Key kinds
// [SECTION] Weights
// [SECTION] Reading a layer
// [SECTION] Writing a layer

#include "core/layer_json.h"

#include <initializer_list>
#include <iterator>
#include <limits>

#include "core/activation.h"
#include "core/layers/family.h"
#include "core/layers/table.h"
#include "core/validate.h"

namespace cs {

namespace {

// [SECTION] Key kinds

class LayerReader {
 public:
  LayerReader(JsonReader& r, const LayerInfo& info, Layer* layer)
      : r_(r), info_(info), l_(*layer), one_d_(info.input_rank == 2) {}

  // ConvScope's form: {"type": ..., keys..., weights...}.
  bool read(const JsonValue& v, const std::string& path);
  // Keras' own form: {"class_name": ..., "config": {keys...}, weights...}.
  bool read_keras(const JsonValue& v, const std::string& path);

 private:
  bool read_keys(const JsonValue& keys, const std::string& path);
  bool check_neutral(const JsonValue& config, const std::string& path);
  bool read_key(const KeyDef& k, const JsonValue& v, const std::string& path);
  bool read_padding(const JsonValue& v, const std::string& path);
  bool read_activation(const JsonValue& v, const std::string& path);
  bool read_fixed(const KeyDef& k, const JsonValue& v, const std::string& path);
  bool read_float(const KeyDef& k, const JsonValue& v, const std::string& path);
  bool read_interpolation(const JsonValue& v, const std::string& path);
  bool read_axis(const JsonValue& v, const std::string& path);
  bool read_shape(const JsonValue& v, const std::string& path);
  bool read_zero_padding(const JsonValue& v, const std::string& path);
  bool missing(const KeyDef& k, const JsonValue& obj, const std::string& path);
  bool read_weights(const JsonValue& v, const std::string& path);

  JsonReader& r_;
  const LayerInfo& info_;
  Layer& l_;
  bool one_d_;
};

bool LayerReader::read_key(const KeyDef& k, const JsonValue& v, const std::string& path) {
  switch (k.kind) {
    case KeyKind::kInt:
      return r_.read_int(v, path, l_.*k.int_field);
    case KeyKind::kSizeOrNull:
      if (v.type == JsonType::kNull) {
        l_.*k.size_field = kSizeNone;
        return true;
      }
      return r_.read_size(v, path, one_d_, l_.*k.size_field);
    case KeyKind::kSize:
      return r_.read_size(v, path, one_d_, l_.*k.size_field);
    case KeyKind::kPadding:
      return read_padding(v, path);
    case KeyKind::kActivation:
      return read_activation(v, path);
    case KeyKind::kBool:
      return r_.read_bool(v, path, l_.*k.bool_field);
    case KeyKind::kFloatAlias:
      if (v.type == JsonType::kNull) return true;  // not given
      return read_float(k, v, path);
    case KeyKind::kFloat:
    case KeyKind::kFloatOrNull:
      return read_float(k, v, path);
    case KeyKind::kInterpolation:
      return read_interpolation(v, path);
    case KeyKind::kAxis:
      return read_axis(v, path);
    case KeyKind::kShape:
    case KeyKind::kShapeAlias:
      if (v.type == JsonType::kNull) return true;  // the alias left out
      return read_shape(v, path);
    case KeyKind::kZeroPadding:
      return read_zero_padding(v, path);
    case KeyKind::kChannelsLast:
    case KeyKind::kOne:
    case KeyKind::kNull:
      return read_fixed(k, v, path);
    case KeyKind::kIgnored:
      return true;
  }
  return true;
}

bool LayerReader::read_float(const KeyDef& k, const JsonValue& v, const std::string& path) {
  if (k.kind == KeyKind::kFloatOrNull && v.type == JsonType::kNull) {
    l_.*k.float_field = std::numeric_limits<float>::infinity();  // Keras' None: no limit
    return true;
  }
  if (v.type != JsonType::kNumber) {
    return r_.fail(v, path,
                   std::string("expected a number") +
                       (k.kind == KeyKind::kFloatOrNull ? " or null" : "") + ", got " + describe(v),
                   k.kind == KeyKind::kFloatOrNull ? "expected_number_or_null" : "expected_plain_number",
                   described(v));
  }
  return r_.scalar_to_float(v, v.number, path, l_.*k.float_field);
}

bool LayerReader::read_interpolation(const JsonValue& v, const std::string& path) {
  if (v.type == JsonType::kString && (v.text == "nearest" || v.text == "bilinear")) {
    l_.interpolation = v.text == "nearest" ? Interpolation::kNearest : Interpolation::kBilinear;
    return true;
  }
  return r_.fail(v, path, "expected \"nearest\" or \"bilinear\", got " + describe(v),
                 "interpolation_unknown", described(v));
}

// Keras writes a channel axis as -1, as its index (3 for HWC) or as a list
// of one; which index is the last one is checked with the input's rank.
bool LayerReader::read_axis(const JsonValue& v, const std::string& path) {
  if (v.type == JsonType::kArray && v.is_packed() && v.size() == 1) {
    return r_.int_from_double(v, v.numbers[0], index_path(path, 0), l_.axis);
  }
  if (v.type == JsonType::kNumber) return r_.read_int(v, path, l_.axis);
  return r_.fail(v, path, "expected the channel axis (-1), got " + describe(v), "axis_form",
                 described(v));
}

// Keras' ZeroPadding2D: an int (every side), [rows, cols] (symmetric) or
// [[top, bottom], [left, right]].
bool LayerReader::read_zero_padding(const JsonValue& v, const std::string& path) {
  if (v.type == JsonType::kNumber) {
    int p = 0;
    if (!r_.read_int(v, path, p)) return false;
    l_.pads = {p, p, p, p};
    return true;
  }
  if (v.type == JsonType::kArray && v.is_packed() && v.size() == 2) {
    int a = 0, b = 0;
    if (!r_.int_from_double(v, v.numbers[0], index_path(path, 0), a) ||
        !r_.int_from_double(v, v.numbers[1], index_path(path, 1), b)) {
      return false;
    }
    l_.pads = {a, a, b, b};
    return true;
  }
  const bool nested = v.type == JsonType::kArray && !v.is_packed() && v.size() == 2;
  if (!nested) {
    return r_.fail(v, path,
                   "expected an integer, [rows, columns] or [[top, bottom], [left, right]], got " +
                       describe(v),
                   "zero_padding_form", described(v));
  }
  for (std::size_t axis = 0; axis < 2; ++axis) {
    const JsonValue& pair = v.items[axis];
    const std::string p = index_path(path, axis);
    if (pair.type != JsonType::kArray || pair.size() != 2 || !pair.is_packed()) {
      return r_.fail(pair, p,
                     std::string("expected [") + (axis == 0 ? "top, bottom" : "left, right") +
                         "], got " + describe(pair),
                     "padding_pair", Args{axis == 0 ? "0" : "1"} + described(pair));
    }
    if (!r_.int_from_double(pair, pair.numbers[0], index_path(p, 0), l_.pads[axis * 2]) ||
        !r_.int_from_double(pair, pair.numbers[1], index_path(p, 1), l_.pads[axis * 2 + 1])) {
      return false;
    }
  }
  return true;
}

// [null, 28, 28, 1]: Keras' batch shape; the batch entry (null or a size)
// is dropped.
bool LayerReader::read_shape(const JsonValue& v, const std::string& path) {
  l_.batch_shape.clear();
  if (v.type != JsonType::kArray || v.size() < 2 || v.size() > 4) {
    return r_.fail(v, path, "expected a batch shape such as [null, 28, 28, 1], got " + describe(v),
                   "batch_shape_form", described(v));
  }
  const bool packed = v.is_packed();
  for (std::size_t i = 1; i < v.size(); ++i) {
    const JsonValue* item = packed ? nullptr : &v.items[i];
    int d = 0;
    if (item && !r_.read_int(*item, index_path(path, i), d)) return false;
    if (!item && !r_.int_from_double(v, v.numbers[i], index_path(path, i), d)) return false;
    l_.batch_shape.push_back(d);
  }
  if (!packed && v.items[0].type != JsonType::kNull && v.items[0].type != JsonType::kNumber) {
    return r_.fail(v.items[0], index_path(path, 0),
                   "the batch entry is null or a number, got " + describe(v.items[0]),
                   "batch_shape_form", described(v.items[0]));
  }
  return true;
}

bool LayerReader::read_padding(const JsonValue& v, const std::string& path) {
  const Args d = Args{one_d_ ? "1" : "0"} + described(v);
  const char* shape_hint = one_d_ ? "[left, right]" : "[[top, bottom], [left, right]]";
  if (v.type == JsonType::kString) {
    static constexpr PaddingMode kNamed[] = {PaddingMode::kValid, PaddingMode::kSame,
                                             PaddingMode::kFull, PaddingMode::kCausal};
    for (PaddingMode m : kNamed) {
      if (v.text != padding_mode_name(m)) continue;
      l_.padding = m;
      return true;
    }
    return r_.fail(v, path,
                   std::string("expected \"valid\", \"same\", \"full\"") +
                       (one_d_ ? ", \"causal\"" : "") + " or explicit padding " +
                       shape_hint + ", got " + describe(v),
                   "padding_unknown_mode", d);
  }
  if (v.type != JsonType::kArray) {
    return r_.fail(v, path,
                   std::string("expected \"valid\", \"same\", \"full\"") +
                       (one_d_ ? ", \"causal\"" : "") + " or " + shape_hint +
                       ", got " + describe(v),
                   "padding_wrong_type", d);
  }
  l_.padding = PaddingMode::kExplicit;
  l_.pads = {0, 0, 0, 0};
  if (one_d_) {
    if (v.size() != 2 || !v.is_packed()) {
      return r_.fail(v, path, std::string("explicit 1D padding is ") + shape_hint,
                     "padding_explicit_shape", {"1"});
    }
    return r_.int_from_double(v, v.numbers[0], index_path(path, 0), l_.pads[2]) &&
           r_.int_from_double(v, v.numbers[1], index_path(path, 1), l_.pads[3]);
  }
  if (v.size() != 2 || v.is_packed()) {
    return r_.fail(v, path, std::string("explicit 2D padding is ") + shape_hint,
                   "padding_explicit_shape", {"0"});
  }
  for (std::size_t axis = 0; axis < 2; ++axis) {
    const JsonValue& pair = v.items[axis];
    const std::string p = index_path(path, axis);
    if (pair.type != JsonType::kArray || pair.size() != 2 || !pair.is_packed()) {
      return r_.fail(pair, p,
                     std::string("expected [") + (axis == 0 ? "top, bottom" : "left, right") +
                         "], got " + describe(pair),
                     "padding_pair", Args{axis == 0 ? "0" : "1"} + described(pair));
    }
    if (!r_.int_from_double(pair, pair.numbers[0], index_path(p, 0), l_.pads[axis * 2]) ||
        !r_.int_from_double(pair, pair.numbers[1], index_path(p, 1), l_.pads[axis * 2 + 1])) {
      return false;
    }
  }
  return true;
}

bool LayerReader::read_activation(const JsonValue& v, const std::string& path) {
  if (v.type == JsonType::kNull) {
    l_.activation = Activation::kLinear;  // Keras' activation=None
    return true;
  }
  const std::string names = activation_list();
  if (v.type != JsonType::kString) {
    return r_.fail(v, path, "expected " + names + " or null, got " + describe(v),
                   "activation_wrong_type", described(v));
  }
  if (parse_activation(v.text, &l_.activation)) return true;
  return r_.fail(v, path,
                 "unsupported activation \"" + v.text + "\"; expected " + names + " or null",
                 "activation_unknown", {v.text});
}

// 1, or a list of 1s (Keras writes groups as 1, dilation_rate as [1, 1]).
bool is_all_ones(const JsonValue& v) {
  if (v.type == JsonType::kNumber) return v.number == 1.0;
  if (!v.is_packed()) return false;
  for (double d : v.numbers) {
    if (d != 1.0) return false;
  }
  return true;
}

// Keys Keras' configs carry that must keep their neutral value: ConvScope
// computes channels_last tensors and ungrouped convolutions only.
bool LayerReader::read_fixed(const KeyDef& k, const JsonValue& v, const std::string& path) {
  if (v.type == JsonType::kNull) return true;
  if (k.kind == KeyKind::kNull) {
    return r_.fail(v, path, std::string(k.name) + " " + describe(v) + " is not supported; only null",
                   "unsupported_value", Args{k.name} + described(v));
  }
  if (k.kind == KeyKind::kChannelsLast && v.type == JsonType::kString && v.text == "channels_last") {
    return true;
  }
  if (k.kind == KeyKind::kOne && is_all_ones(v)) return true;
  const bool format = k.kind == KeyKind::kChannelsLast;
  return r_.fail(v, path,
                 std::string(k.name) + " " + describe(v) + " is not supported; ConvScope computes " +
                     (format ? "\"channels_last\" (HWC) tensors, as Keras does by default"
                             : std::string(k.name) + "=1" +
                                   (std::string_view(k.name) == "groups"
                                        ? " (every filter sees every input channel)"
                                        : "")),
                 "unsupported_value", Args{k.name} + described(v));
}

bool LayerReader::missing(const KeyDef& k, const JsonValue& obj, const std::string& path) {
  std::string hint;
  const char* hint_code = "other";
  if (k.kind == KeyKind::kInt) {
    hint = " (" + std::to_string(k.lo) + " to " + std::to_string(k.hi) + ")";
    hint_code = "int";
  } else if (k.kind == KeyKind::kSize) {
    hint = one_d_ ? ", e.g. 3" : ", e.g. 3 or [3, 3]";
    hint_code = one_d_ ? "size1" : "size2";
  }
  return r_.fail(obj, join_path(path, k.name),
                 std::string("missing; a ") + info_.keras_name + " needs \"" + k.name + "\"" + hint,
                 "missing_key",
                 {k.name, info_.keras_name, hint_code, std::to_string(k.lo), std::to_string(k.hi)});
}

// [SECTION] Weights

bool LayerReader::read_weights(const JsonValue& v, const std::string& path) {
  const Family& family = *info_.family;
  for (std::size_t i = 0; i < info_.weights.size(); ++i) {
    const WeightDef& w = info_.weights[i];
    const int index = static_cast<int>(i);
    const JsonValue* data = v.find(w.name);
    const std::string p = join_path(path, w.name);
    const bool on = !w.present || l_.*w.present;
    std::vector<float>& field = l_.*w.field;
    field.clear();
    if (data && !on) {
      const KeyDef* key = nullptr;
      for (const KeyDef& k : info_.keys) key = k.bool_field == w.present ? &k : key;
      const char* name = key ? key->name : "?";
      return r_.fail(*data, p, std::string("given, but ") + name + " is false",
                     "weight_switched_off", {name});
    }
    if (data) {
      if (!r_.read_floats(*data, p, family.weight_dims(l_, index, -1),
                          family.weight_axis_names(l_, index), field)) {
        return false;
      }
      continue;
    }
    if (!on || w.init == Initializer::kGlorotUniform) continue;  // initialised later
    // Zeros and ones are filled now when their shape is known here; the
    // validator names a count that does not fit.
    std::int64_t n = 1;
    for (int d : family.weight_dims(l_, index, -1)) n = d < 0 || d > (1 << 20) ? -1 : n * d;
    if (n > 0) field.assign(static_cast<std::size_t>(n), w.init == Initializer::kOnes ? 1.0f : 0.0f);
  }
  return true;
}

// [SECTION] Reading a layer

// The name, then every key of the row from `keys` (defaults for those
// left out), then the family's derived defaults.
bool LayerReader::read_keys(const JsonValue& keys, const std::string& path) {
  if (const JsonValue* name = keys.find("name")) {
    if (!r_.expect_type(*name, join_path(path, "name"), JsonType::kString)) return false;
    l_.name = name->text;
  }
  for (const KeyDef& k : info_.keys) {
    const JsonValue* value = keys.find(k.name);
    Result<JsonValue> def = parse_json(k.default_json ? k.default_json : "null");
    if (!value && !k.default_json) return missing(k, keys, path);
    if (!read_key(k, value ? *value : *def, join_path(path, k.name))) return false;
  }
  info_.family->normalise(l_);
  return true;
}

bool LayerReader::read(const JsonValue& v, const std::string& path) {
  std::vector<std::string_view> allowed = {"type", "name"};
  for (const KeyDef& k : info_.keys) allowed.push_back(k.name);
  for (const WeightDef& w : info_.weights) allowed.push_back(w.name);
  const std::string what = std::string("a ") + info_.keras_name + " layer";
  if (!r_.check_keys(v, path, allowed, what.c_str(), info_.keras_name)) return false;
  return read_keys(v, path) && read_weights(v, path);
}

// [SECTION] Keras' own form

// Keys Keras' get_config() writes that do not change the numbers ConvScope
// computes, and the one value of each that keeps it so (null: any value).
struct NeutralKey {
  const char* name;
  const char* value_json;
};
constexpr NeutralKey kNeutralKeys[] = {
    {"trainable", nullptr},           {"dtype", nullptr},  // float32: checked below
    {"batch_input_shape", nullptr},   {"batch_shape", nullptr},
    {"kernel_initializer", nullptr},  {"bias_initializer", nullptr},
    {"kernel_regularizer", nullptr},  {"bias_regularizer", nullptr},
    {"activity_regularizer", nullptr}, {"kernel_constraint", nullptr},
    {"bias_constraint", nullptr},     {"beta_initializer", nullptr},
    {"gamma_initializer", nullptr},   {"moving_mean_initializer", nullptr},
    {"moving_variance_initializer", nullptr}, {"beta_regularizer", nullptr},
    {"gamma_regularizer", nullptr},   {"beta_constraint", nullptr},
    {"gamma_constraint", nullptr},    {"lora_rank", "null"},
    {"renorm", "false"},              {"fused", nullptr},
    {"virtual_batch_size", "null"},   {"adjustment", "null"},
};

// The keys of a Keras layer object around its "config".
constexpr std::string_view kOuterKeys[] = {"class_name", "config", "module", "registered_name",
                                           "build_config", "name", "inbound_nodes", "compile_config",
                                           "shared_object_id"};

const NeutralKey* find_neutral(std::string_view key) {
  for (const NeutralKey& k : kNeutralKeys) {
    if (key == k.name) return &k;
  }
  return nullptr;
}

// dtype as a string ("float32") or a Keras 3 policy {"config": {"name": ...}}.
std::string dtype_name(const JsonValue& v) {
  if (v.type == JsonType::kString) return v.text;
  const JsonValue* config = v.find("config");
  const JsonValue* name = config ? config->find("name") : nullptr;
  return name && name->type == JsonType::kString ? name->text : "";
}

bool LayerReader::check_neutral(const JsonValue& config, const std::string& path) {
  for (std::size_t i = 0; i < config.keys.size(); ++i) {
    const NeutralKey* n = find_neutral(config.keys[i]);
    if (!n) continue;
    const JsonValue& v = config.items[i];
    const std::string p = join_path(path, n->name);
    if (std::string_view(n->name) == "dtype" && v.type != JsonType::kNull && dtype_name(v) != "float32") {
      return r_.fail(v, p, "dtype \"" + dtype_name(v) + "\" is not supported; ConvScope computes float32",
                     "dtype_not_float32", {dtype_name(v)});
    }
    if (!n->value_json) continue;
    const bool null_ok = std::string_view(n->value_json) == "null";
    if ((null_ok && v.type == JsonType::kNull) || (!null_ok && v.type == JsonType::kBool && !v.boolean)) {
      continue;
    }
    return r_.fail(v, p,
                   std::string(n->name) + " " + describe(v) + " is not supported; only " + n->value_json,
                   "keras_key_not_neutral", Args{n->name} + described(v) + Args{n->value_json});
  }
  return true;
}

bool LayerReader::read_keras(const JsonValue& v, const std::string& path) {
  std::vector<std::string_view> outer(std::begin(kOuterKeys), std::end(kOuterKeys));
  for (const WeightDef& w : info_.weights) outer.push_back(w.name);
  const std::string what = std::string("a Keras ") + info_.keras_name + " layer";
  if (!r_.check_keys(v, path, outer, what.c_str(), info_.keras_name)) return false;
  const JsonValue* config = nullptr;
  if (!r_.require(v, path, "config", "a Keras layer keeps its keys in \"config\"", "missing_config",
                  config)) {
    return false;
  }
  const std::string cpath = join_path(path, "config");
  if (!r_.expect_type(*config, cpath, JsonType::kObject)) return false;
  std::vector<std::string_view> allowed = {"name"};
  for (const KeyDef& k : info_.keys) allowed.push_back(k.name);
  for (const NeutralKey& n : kNeutralKeys) allowed.push_back(n.name);
  if (!r_.check_keys(*config, cpath, allowed, what.c_str(), info_.keras_name)) return false;
  return check_neutral(*config, cpath) && read_keys(*config, cpath) && read_weights(v, path);
}

}  // namespace

std::vector<std::string> keras_form_keys() {
  std::vector<std::string> keys(std::begin(kOuterKeys), std::end(kOuterKeys));
  for (const NeutralKey& k : kNeutralKeys) keys.push_back(k.name);
  return keys;
}

bool read_layer_json(JsonReader& r, const JsonValue& v, const std::string& path, Layer* layer) {
  if (!r.expect_type(v, path, JsonType::kObject)) return false;
  const bool keras = v.find("class_name") && !v.find("type");
  const char* type_key = keras ? "class_name" : "type";
  const JsonValue* type = nullptr;
  if (!r.require(v, path, type_key, "every layer names its type, e.g. \"Conv2D\"", "missing_type",
                 type)) {
    return false;
  }
  const std::string type_path = join_path(path, type_key);
  if (!r.expect_type(*type, type_path, JsonType::kString)) return false;
  const LayerInfo* info = find_layer_info(type->text);
  if (!info) {
    return r.fail(*type, type_path,
                  "unknown layer type \"" + type->text + "\"; expected " + layer_type_list(),
                  "layer_type_unknown", {type->text, layer_type_list()});
  }
  *layer = Layer{};
  layer->type = info->type;
  LayerReader reader(r, *info, layer);
  return keras ? reader.read_keras(v, path) : reader.read(v, path);
}

Layer layer_with_defaults(LayerType type) {
  const LayerInfo& info = layer_info(type);
  std::string json = "{\"type\": \"" + std::string(info.keras_name) + "\"";
  for (const KeyDef& k : info.keys) {
    if (!k.default_json && k.example_json) json += ", \"" + std::string(k.name) + "\": " + k.example_json;
  }
  json += "}";
  Layer l;
  l.type = type;
  Result<JsonValue> v = parse_json(json);
  JsonReader r(json);
  if (v) read_layer_json(r, *v, "", &l);
  return l;
}

// [SECTION] Writing a layer

namespace {

void append_ints(std::string& out, std::initializer_list<int> v) {
  out += '[';
  bool first = true;
  for (int x : v) {
    out += first ? "" : ", ";
    first = false;
    out += std::to_string(x);
  }
  out += ']';
}

void append_padding(std::string& out, const Layer& l, bool one_d) {
  if (l.padding != PaddingMode::kExplicit) {
    append_json_string(out, padding_mode_name(l.padding));
  } else if (one_d) {
    append_ints(out, {l.pads[2], l.pads[3]});
  } else {
    out += '[';
    append_ints(out, {l.pads[0], l.pads[1]});
    out += ", ";
    append_ints(out, {l.pads[2], l.pads[3]});
    out += ']';
  }
}

// Keys the writer leaves out: they hold Keras' neutral value only, or do
// not change the numbers.
bool written(const KeyDef& k) {
  return k.kind != KeyKind::kChannelsLast && k.kind != KeyKind::kOne && k.kind != KeyKind::kNull &&
         k.kind != KeyKind::kIgnored && k.kind != KeyKind::kShapeAlias &&
         k.kind != KeyKind::kFloatAlias;
}

void append_key(std::string& out, const KeyDef& k, const Layer& l, bool one_d) {
  if (!written(k)) return;
  out += ", ";
  append_json_string(out, k.name);
  out += ": ";
  switch (k.kind) {
    case KeyKind::kInt:
      out += std::to_string(l.*k.int_field);
      break;
    case KeyKind::kSize:
    case KeyKind::kSizeOrNull: {
      const std::array<int, 2>& s = l.*k.size_field;
      if (s == kSizeNone) {
        out += "null";
      } else if (one_d) {
        append_ints(out, {s[1]});
      } else {
        append_ints(out, {s[0], s[1]});
      }
      break;
    }
    case KeyKind::kPadding:
      append_padding(out, l, one_d);
      break;
    case KeyKind::kActivation:
      append_json_string(out, activation_name(l.activation));
      break;
    case KeyKind::kBool:
      out += l.*k.bool_field ? "true" : "false";
      break;
    case KeyKind::kFloat:
    case KeyKind::kFloatOrNull: {
      const float v = l.*k.float_field;
      if (k.kind == KeyKind::kFloatOrNull && v == std::numeric_limits<float>::infinity()) {
        out += "null";
      } else {
        append_float(out, v);
      }
      break;
    }
    case KeyKind::kInterpolation:
      append_json_string(out, l.interpolation == Interpolation::kNearest ? "nearest" : "bilinear");
      break;
    case KeyKind::kAxis:
      out += std::to_string(l.axis);
      break;
    case KeyKind::kShape:
      out += "[null";
      for (int d : l.batch_shape) out += ", " + std::to_string(d);
      out += ']';
      break;
    case KeyKind::kZeroPadding:
      out += '[';
      append_ints(out, {l.pads[0], l.pads[1]});
      out += ", ";
      append_ints(out, {l.pads[2], l.pads[3]});
      out += ']';
      break;
    case KeyKind::kChannelsLast:
    case KeyKind::kOne:
    case KeyKind::kNull:
    case KeyKind::kIgnored:
    case KeyKind::kShapeAlias:
    case KeyKind::kFloatAlias:
      break;
  }
}

}  // namespace

void append_floats(std::string& out, const std::vector<float>& v) {
  out += '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ", ";
    append_float(out, v[i]);
  }
  out += ']';
}

void append_layer_json(std::string& out, const Layer& l) {
  const LayerInfo& info = layer_info(l.type);
  out += "{\"type\": ";
  append_json_string(out, info.keras_name);
  if (!l.name.empty()) {
    out += ", \"name\": ";
    append_json_string(out, l.name);
  }
  for (const KeyDef& k : info.keys) append_key(out, k, l, info.input_rank == 2);
  for (const WeightDef& w : info.weights) {
    if (w.present && !(l.*w.present)) continue;
    out += ",\n   ";
    append_json_string(out, w.name);
    out += ": ";
    append_floats(out, l.*w.field);
  }
  out += '}';
}

// [SECTION] Keras' own form, written

namespace {

// The alias key (Keras 2's name) of a float key, if the row has one.
const KeyDef* float_alias(const LayerInfo& info, const KeyDef& k) {
  for (const KeyDef& a : info.keys) {
    if (a.kind == KeyKind::kFloatAlias && a.float_field == k.float_field) return &a;
  }
  return nullptr;
}

Error export_error(const Layer& l, const std::string& name, std::string message, std::string code,
                   Args args) {
  Error e;
  e.where = "layer \"" + name + "\" (" + layer_type_name(l.type) + ")";
  e.message = std::move(message);
  e.code = std::move(code);
  e.args = std::move(args);
  return e;
}

}  // namespace

Result<bool> append_keras_config(std::string& out, const Layer& l, const std::string& name,
                                 bool tfjs) {
  const LayerInfo& info = layer_info(l.type);
  const bool one_d = info.input_rank == 2;
  out += "{\"name\": ";
  append_json_string(out, name);
  out += ", \"trainable\": true, \"dtype\": \"float32\"";
  for (const KeyDef& k : info.keys) {
    if (!written(k) || k.kind == KeyKind::kShape) continue;  // the model writes the input shape
    if (k.kind == KeyKind::kPadding &&
        (l.padding == PaddingMode::kExplicit || l.padding == PaddingMode::kFull)) {
      return export_error(l, name,
                          std::string("padding '") + padding_mode_name(l.padding) +
                              "' has no Keras equivalent; put a ZeroPadding2D before a 'valid' layer",
                          "export_padding", {name, padding_mode_name(l.padding)});
    }
    std::string value;
    append_key(value, k, l, one_d);
    const std::string prefix = ", \"" + std::string(k.name) + "\": ";
    const bool at_default = k.default_json && value == prefix + k.default_json;
    const bool missing = k.scope == KeyScope::kConvScope || (tfjs && k.scope == KeyScope::kKerasOnly);
    if (missing && at_default) continue;
    if (missing) {
      const char* where = k.scope == KeyScope::kConvScope ? "Keras" : "TensorFlow.js";
      return export_error(l, name,
                          std::string(k.name) + " = " + value.substr(prefix.size()) + " has no " + where +
                              " equivalent; set it to " + k.default_json + " to export",
                          "export_key", {name, k.name, where, k.default_json, value.substr(prefix.size())});
    }
    const KeyDef* alias = tfjs && k.kind == KeyKind::kFloat ? float_alias(info, k) : nullptr;
    if (alias) value = ", \"" + std::string(alias->name) + "\": " + value.substr(prefix.size());
    out += value;
  }
  out += '}';
  return true;
}

}  // namespace cs
