// scene.cpp - reading and writing the scene JSON (docs/scene-format.md).
// Reading is two passes: this file checks keys and types and expands Keras
// shorthands into a normalised Scene; validate.cpp then checks ranges and
// shapes. Errors from either pass carry the JSON path and source position,
// and a code with arguments (result.h) so the UI can say them in Korean;
// JSON syntax errors (json.cpp) stay English-only.
//
// [SECTION] Names
// [SECTION] Reader helpers
// [SECTION] Layers and input
// [SECTION] parse_scene
// [SECTION] Writer

#include "core/scene.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <limits>

#include "core/json.h"
#include "core/validate.h"

namespace cs {

// [SECTION] Names

const char* layer_type_name(LayerType type) {
  switch (type) {
    case LayerType::kConv2D:
      return "Conv2D";
    case LayerType::kConv1D:
      return "Conv1D";
    case LayerType::kMaxPooling2D:
      return "MaxPooling2D";
    case LayerType::kAveragePooling2D:
      return "AveragePooling2D";
    case LayerType::kMaxPooling1D:
      return "MaxPooling1D";
    case LayerType::kAveragePooling1D:
      return "AveragePooling1D";
  }
  return "?";
}

bool is_conv(LayerType type) { return type == LayerType::kConv2D || type == LayerType::kConv1D; }
bool is_pool(LayerType type) { return !is_conv(type); }
bool is_1d(LayerType type) {
  return type == LayerType::kConv1D || type == LayerType::kMaxPooling1D ||
         type == LayerType::kAveragePooling1D;
}
PoolKind pool_kind(LayerType type) {
  return (type == LayerType::kAveragePooling2D || type == LayerType::kAveragePooling1D)
             ? PoolKind::kAverage
             : PoolKind::kMax;
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

const char* activation_label(Activation act) {
  return act == Activation::kRelu ? "ReLU" : activation_name(act);
}

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

namespace {

// NaN == NaN here: a scene equals its own round trip.
bool same_floats(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(a[i] == b[i]) && !(std::isnan(a[i]) && std::isnan(b[i]))) {
      return false;
    }
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

// [SECTION] Reader helpers

namespace {

using Args = std::vector<std::string>;

std::string shown_text(const JsonValue& v) {
  return v.text.size() > 24 ? v.text.substr(0, 24) + "..." : v.text;
}

std::string describe(const JsonValue& v) {
  switch (v.type) {
    case JsonType::kString:
      return "the string \"" + shown_text(v) + "\"";
    case JsonType::kNumber:
      return "the number " + format_float(static_cast<float>(v.number));
    case JsonType::kBool:
      return v.boolean ? "true" : "false";
    default:
      return json_type_name(v.type);
  }
}

// describe(v) as two error arguments, a kind and its detail, which the
// catalogue's "{N:json}" renders through "err.json.<kind>".
Args described(const JsonValue& v) {
  switch (v.type) {
    case JsonType::kString:
      return {"string", shown_text(v)};
    case JsonType::kNumber:
      return {"number", format_float(static_cast<float>(v.number))};
    case JsonType::kBool:
      return {v.boolean ? "true" : "false", ""};
    case JsonType::kNull:
      return {"null", ""};
    case JsonType::kArray:
      return {"array", ""};
    case JsonType::kObject:
      return {"object", ""};
  }
  return {"null", ""};
}

Args operator+(Args a, const Args& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// The code of a JSON type for error arguments ("boolean", "array", ...).
const char* type_code(JsonType type) {
  switch (type) {
    case JsonType::kNull:
      return "null";
    case JsonType::kBool:
      return "boolean";
    case JsonType::kNumber:
      return "number";
    case JsonType::kString:
      return "string";
    case JsonType::kArray:
      return "array";
    case JsonType::kObject:
      return "object";
  }
  return "null";
}

// Levenshtein distance, to suggest the key a typo meant.
int edit_distance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diag = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string join_path(const std::string& base, std::string_view key) {
  return base.empty() ? std::string(key) : base + "." + std::string(key);
}

std::string index_path(const std::string& base, std::size_t i) {
  return base + "[" + std::to_string(i) + "]";
}

// "kernel rows" -> "kernel_rows": a nesting level's name as an error argument.
std::string name_code(const char* name) {
  std::string code = name;
  std::replace(code.begin(), code.end(), ' ', '_');
  return code;
}

using Keys = std::initializer_list<std::string_view>;

class SceneReader {
 public:
  explicit SceneReader(std::string_view text) : text_(text) {}

  // An error positioned at `at`; `code` and `args` as in result.h.
  Error error(const JsonValue& at, std::string where, std::string message, std::string code,
              Args args) const {
    Error e;
    e.where = where.empty() ? "(document)" : std::move(where);
    e.message = std::move(message);
    e.code = std::move(code);
    e.args = std::move(args);
    const auto [line, col] = line_column(text_, at.offset);
    e.line = line;
    e.column = col;
    return e;
  }

  bool fail(const JsonValue& at, std::string where, std::string message, const char* code,
            Args args = {}) {
    error_ = error(at, std::move(where), std::move(message), code, std::move(args));
    return false;
  }

  const Error& last_error() const { return error_; }

  bool expect_type(const JsonValue& v, const std::string& path, JsonType type) {
    if (v.type == type) return true;
    return fail(v, path, std::string("expected ") + json_type_name(type) + ", got " + describe(v),
                "wrong_type", Args{type_code(type)} + described(v));
  }

  // `container` is "scene", "input" or a layer type ("Conv2D"), for the
  // error's arguments; `what` says the same in English.
  bool check_keys(const JsonValue& obj, const std::string& path, Keys allowed, const char* what,
                  const char* container) {
    for (std::size_t i = 0; i < obj.keys.size(); ++i) {
      const std::string& key = obj.keys[i];
      bool known = false;
      for (std::string_view a : allowed) known = known || a == key;
      if (known) continue;
      std::string msg = "unknown key \"" + key + "\" in " + what;
      std::string_view best;
      int best_d = 3;  // suggest only close matches
      for (std::string_view a : allowed) {
        const int d = edit_distance(key, a);
        if (d < best_d) best_d = d, best = a;
      }
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      if (!best.empty()) {
        msg += " (did you mean \"" + std::string(best) + "\"?)";
      } else {
        msg += "; allowed keys: " + list;
      }
      return fail(obj.items[i], join_path(path, key), msg, "unknown_key",
                  {key, container, std::string(best), list});
    }
    return true;
  }

  // `code` names the hint ("missing_kernel"); `args` what it mentions.
  bool require(const JsonValue& obj, const std::string& path, std::string_view key,
               const char* hint, const char* code, const JsonValue*& out, Args args = {}) {
    out = obj.find(key);
    if (out) return true;
    return fail(obj, join_path(path, key), std::string("missing; ") + hint, code, std::move(args));
  }

  bool read_int(const JsonValue& v, const std::string& path, int& out) {
    if (v.type != JsonType::kNumber) {
      return fail(v, path, "expected an integer, got " + describe(v), "expected_integer",
                  described(v));
    }
    return int_from_double(v, v.number, path, out);
  }

  bool int_from_double(const JsonValue& at, double d, const std::string& path, int& out) {
    if (d != std::floor(d)) {
      return fail(at, path, "expected an integer, got " + format_float(static_cast<float>(d)),
                  "not_integer", {format_float(static_cast<float>(d))});
    }
    // Ranges are checked by the validator; this only keeps the cast defined.
    if (d < -1e9 || d > 1e9) {
      return fail(at, path,
                  "integer " + format_float(static_cast<float>(d)) + " is far out of range",
                  "integer_far_out_of_range", {format_float(static_cast<float>(d))});
    }
    out = static_cast<int>(d);
    return true;
  }

  bool read_bool(const JsonValue& v, const std::string& path, bool& out) {
    if (!expect_type(v, path, JsonType::kBool)) return false;
    out = v.boolean;
    return true;
  }

  // Keras size arguments: an int, or a list with one entry per spatial axis.
  // 1D layers get (1, k).
  bool read_size(const JsonValue& v, const std::string& path, bool one_d, std::array<int, 2>& out) {
    const std::size_t n = one_d ? 1 : 2;
    if (v.type == JsonType::kNumber) {
      int k = 0;
      if (!read_int(v, path, k)) return false;
      out = one_d ? std::array<int, 2>{1, k} : std::array<int, 2>{k, k};
      return true;
    }
    if (v.type != JsonType::kArray || v.size() != n) {
      const std::string count =
          v.type == JsonType::kArray ? std::to_string(v.size()) : std::string();
      return fail(v, path,
                  std::string("expected an integer or a list of ") +
                      (one_d ? "1 integer" : "2 integers [rows, columns]") + ", got " +
                      describe(v) + (count.empty() ? count : " of " + count),
                  "expected_size", Args{one_d ? "1" : "0"} + described(v) + Args{count});
    }
    int vals[2] = {1, 1};
    for (std::size_t i = 0; i < n; ++i) {
      const std::string p = index_path(path, i);
      if (v.is_packed()) {
        if (!int_from_double(v, v.numbers[i], p, vals[i])) return false;
      } else if (!read_int(v.items[i], p, vals[i])) {
        return false;
      }
    }
    out = one_d ? std::array<int, 2>{1, vals[0]} : std::array<int, 2>{vals[0], vals[1]};
    return true;
  }

  bool scalar_to_float(const JsonValue& at, double d, const std::string& path, float& out) {
    if (std::fabs(d) > static_cast<double>(FLT_MAX)) {
      return fail(at, path,
                  "number is outside the float range (about +-3.4e38); write "
                  "\"Infinity\" or \"-Infinity\" for an infinite value",
                  "float_out_of_range");
    }
    out = static_cast<float>(d);
    return true;
  }

  bool element_to_float(const JsonValue& v, const std::string& path, float& out) {
    if (v.type == JsonType::kNumber) return scalar_to_float(v, v.number, path, out);
    if (v.type == JsonType::kString) {
      if (v.text == "NaN") {
        out = std::numeric_limits<float>::quiet_NaN();
        return true;
      }
      if (v.text == "Infinity") {
        out = std::numeric_limits<float>::infinity();
        return true;
      }
      if (v.text == "-Infinity") {
        out = -std::numeric_limits<float>::infinity();
        return true;
      }
    }
    return fail(v, path,
                "expected a number (or \"NaN\", \"Infinity\", \"-Infinity\"), "
                "got " +
                    describe(v),
                "expected_number", described(v));
  }

  // A tensor's numbers, flat (row-major) or nested as Python's .tolist()
  // prints them. `dims` gives the expected extent of each nesting level
  // (-1: not known here, but must be the same throughout); `names` says what
  // each level is, for error messages ("kernel rows"; the arguments of an
  // error give it with '_' for ' ': "kernel_rows"). Counts of flat arrays are checked by
  // the caller (or the validator), which knows the full shape.
  bool read_floats(const JsonValue& v, const std::string& path, std::vector<int> dims,
                   const std::vector<const char*>& names, std::vector<float>& out) {
    if (!expect_type(v, path, JsonType::kArray)) return false;
    const bool nested = !v.is_packed() && !v.items.empty() && v.items[0].type == JsonType::kArray;
    if (!nested) return read_flat(v, path, out);
    return read_nested(v, path, 0, dims, names, out);
  }

  bool read_flat(const JsonValue& v, const std::string& path, std::vector<float>& out) {
    out.reserve(out.size() + v.size());
    if (v.is_packed()) {
      for (std::size_t i = 0; i < v.numbers.size(); ++i) {
        float f = 0.0f;
        if (!scalar_to_float(v, v.numbers[i], index_path(path, i), f)) return false;
        out.push_back(f);
      }
      return true;
    }
    for (std::size_t i = 0; i < v.items.size(); ++i) {
      float f = 0.0f;
      if (!element_to_float(v.items[i], index_path(path, i), f)) return false;
      out.push_back(f);
    }
    return true;
  }

  bool read_nested(const JsonValue& v, const std::string& path, std::size_t level,
                   std::vector<int>& dims, const std::vector<const char*>& names,
                   std::vector<float>& out) {
    if (level >= dims.size()) {
      return fail(v, path,
                  "nested " + std::to_string(level + 1) + " levels deep; expected at most " +
                      std::to_string(dims.size()) + " (or one flat list)",
                  "nested_too_deep", {std::to_string(level + 1), std::to_string(dims.size())});
    }
    if (!expect_type(v, path, JsonType::kArray)) return false;
    const int n = static_cast<int>(v.size());
    if (dims[level] < 0) dims[level] = n;
    if (n != dims[level]) {
      return fail(v, path,
                  "expected " + std::to_string(dims[level]) + " entries (" + names[level] +
                      "), got " + std::to_string(n),
                  "nested_count",
                  {std::to_string(dims[level]), name_code(names[level]), std::to_string(n)});
    }
    if (level + 1 == dims.size()) return read_flat(v, path, out);
    if (v.is_packed()) {
      return fail(v, index_path(path, 0),
                  std::string("expected a list (") + names[level + 1] + "), got a number",
                  "nested_expected_list", {name_code(names[level + 1])});
    }
    for (std::size_t i = 0; i < v.items.size(); ++i) {
      if (!read_nested(v.items[i], index_path(path, i), level + 1, dims, names, out)) {
        return false;
      }
    }
    return true;
  }

  bool read_padding(const JsonValue& v, const std::string& path, bool one_d, Layer& layer) {
    if (v.type == JsonType::kString) {
      if (v.text == "valid") {
        layer.padding = PaddingMode::kValid;
      } else if (v.text == "same") {
        layer.padding = PaddingMode::kSame;
      } else if (v.text == "full") {
        layer.padding = PaddingMode::kFull;
      } else {
        return fail(v, path,
                    "expected \"valid\", \"same\", \"full\" or explicit "
                    "padding " +
                        std::string(one_d ? "[left, right]" : "[[top, bottom], [left, right]]") +
                        ", got " + describe(v),
                    "padding_unknown_mode", Args{one_d ? "1" : "0"} + described(v));
      }
      return true;
    }
    const char* shape_hint = one_d ? "[left, right]" : "[[top, bottom], [left, right]]";
    if (v.type != JsonType::kArray) {
      return fail(v, path,
                  std::string("expected \"valid\", \"same\", \"full\" or ") + shape_hint +
                      ", got " + describe(v),
                  "padding_wrong_type", Args{one_d ? "1" : "0"} + described(v));
    }
    layer.padding = PaddingMode::kExplicit;
    layer.pads = {0, 0, 0, 0};
    if (one_d) {
      if (v.size() != 2 || !v.is_packed()) {
        return fail(v, path, std::string("explicit 1D padding is ") + shape_hint,
                    "padding_explicit_shape", {"1"});
      }
      return int_from_double(v, v.numbers[0], index_path(path, 0), layer.pads[2]) &&
             int_from_double(v, v.numbers[1], index_path(path, 1), layer.pads[3]);
    }
    if (v.size() != 2 || v.is_packed()) {
      return fail(v, path, std::string("explicit 2D padding is ") + shape_hint,
                  "padding_explicit_shape", {"0"});
    }
    for (std::size_t axis = 0; axis < 2; ++axis) {
      const JsonValue& pair = v.items[axis];
      const std::string p = index_path(path, axis);
      if (pair.type != JsonType::kArray || pair.size() != 2 || !pair.is_packed()) {
        return fail(pair, p,
                    std::string("expected [") + (axis == 0 ? "top, bottom" : "left, right") +
                        "], got " + describe(pair),
                    "padding_pair", Args{axis == 0 ? "0" : "1"} + described(pair));
      }
      if (!int_from_double(pair, pair.numbers[0], index_path(p, 0), layer.pads[axis * 2]) ||
          !int_from_double(pair, pair.numbers[1], index_path(p, 1), layer.pads[axis * 2 + 1])) {
        return false;
      }
    }
    return true;
  }

  // [SECTION] Layers and input

  bool read_layer(const JsonValue& v, const std::string& path, Layer& layer) {
    if (!expect_type(v, path, JsonType::kObject)) return false;
    const JsonValue* type = nullptr;
    if (!require(v, path, "type", "every layer names its type, e.g. \"Conv2D\"", "missing_type",
                 type)) {
      return false;
    }
    const std::string type_path = join_path(path, "type");
    if (!expect_type(*type, type_path, JsonType::kString)) return false;
    static constexpr LayerType kTypes[] = {LayerType::kConv2D,       LayerType::kConv1D,
                                           LayerType::kMaxPooling2D, LayerType::kAveragePooling2D,
                                           LayerType::kMaxPooling1D, LayerType::kAveragePooling1D};
    bool found = false;
    for (LayerType t : kTypes) {
      if (type->text == layer_type_name(t)) layer.type = t, found = true;
    }
    if (!found) {
      return fail(*type, type_path,
                  "unknown layer type \"" + type->text +
                      "\"; expected Conv2D, Conv1D, MaxPooling2D, "
                      "AveragePooling2D, MaxPooling1D or AveragePooling1D",
                  "layer_type_unknown", {type->text});
    }
    const bool one_d = is_1d(layer.type);
    const bool conv = is_conv(layer.type);
    const bool average = !conv && pool_kind(layer.type) == PoolKind::kAverage;
    const std::string type_name = layer_type_name(layer.type);
    const std::string what = "a " + type_name + " layer";
    if (conv) {
      if (!check_keys(v, path,
                      {"type", "name", "filters", "kernel_size", "strides", "padding",
                       "dilation_rate", "activation", "use_bias", "kernel", "bias"},
                      what.c_str(), type_name.c_str())) {
        return false;
      }
    } else if (average) {
      if (!check_keys(v, path,
                      {"type", "name", "pool_size", "strides", "padding", "count_include_pad"},
                      what.c_str(), type_name.c_str())) {
        return false;
      }
    } else if (!check_keys(v, path, {"type", "name", "pool_size", "strides", "padding"},
                           what.c_str(), type_name.c_str())) {
      return false;
    }

    if (const JsonValue* name = v.find("name")) {
      if (!expect_type(*name, join_path(path, "name"), JsonType::kString)) return false;
      layer.name = name->text;
    }
    if (const JsonValue* padding = v.find("padding")) {
      if (!read_padding(*padding, join_path(path, "padding"), one_d, layer)) return false;
    }

    if (!conv) {
      // Keras: pool_size defaults to 2 (per axis); strides default to
      // pool_size, also when given as null (Keras' strides=None).
      layer.kernel_size = one_d ? std::array<int, 2>{1, 2} : std::array<int, 2>{2, 2};
      if (const JsonValue* ps = v.find("pool_size")) {
        if (!read_size(*ps, join_path(path, "pool_size"), one_d, layer.kernel_size)) {
          return false;
        }
      }
      layer.strides = layer.kernel_size;
      const JsonValue* st = v.find("strides");
      if (st && st->type != JsonType::kNull &&
          !read_size(*st, join_path(path, "strides"), one_d, layer.strides)) {
        return false;
      }
      layer.use_bias = false;
      if (const JsonValue* cip = v.find("count_include_pad")) {
        if (!read_bool(*cip, join_path(path, "count_include_pad"), layer.count_include_pad)) {
          return false;
        }
      }
      return true;
    }

    const JsonValue* filters = nullptr;
    if (!require(v, path, "filters", "a convolution needs \"filters\" (1 to 256)",
                 "missing_filters", filters) ||
        !read_int(*filters, join_path(path, "filters"), layer.filters)) {
      return false;
    }
    const JsonValue* ks = nullptr;
    if (!require(v, path, "kernel_size",
                 one_d ? "a Conv1D needs \"kernel_size\", e.g. 3"
                       : "a Conv2D needs \"kernel_size\", e.g. 3 or [3, 3]",
                 "missing_kernel_size", ks, {one_d ? "1" : "0"}) ||
        !read_size(*ks, join_path(path, "kernel_size"), one_d, layer.kernel_size)) {
      return false;
    }
    if (const JsonValue* st = v.find("strides")) {
      if (!read_size(*st, join_path(path, "strides"), one_d, layer.strides)) return false;
    }
    if (const JsonValue* dr = v.find("dilation_rate")) {
      if (!read_size(*dr, join_path(path, "dilation_rate"), one_d, layer.dilation_rate)) {
        return false;
      }
    }
    if (const JsonValue* act = v.find("activation")) {
      const std::string p = join_path(path, "activation");
      if (act->type == JsonType::kNull) {
        layer.activation = Activation::kLinear;  // Keras' activation=None
      } else {
        if (act->type != JsonType::kString) {
          return fail(
              *act, p,
              "expected \"linear\", \"relu\", \"sigmoid\", \"tanh\" or null, got " + describe(*act),
              "activation_wrong_type", described(*act));
        }
        static constexpr Activation kActs[] = {Activation::kLinear, Activation::kRelu,
                                               Activation::kSigmoid, Activation::kTanh};
        bool known = false;
        for (Activation a : kActs) {
          if (act->text == activation_name(a)) layer.activation = a, known = true;
        }
        if (!known) {
          return fail(*act, p,
                      "unsupported activation \"" + act->text +
                          "\"; expected \"linear\", \"relu\", \"sigmoid\", "
                          "\"tanh\" or null",
                      "activation_unknown", {act->text});
        }
      }
    }
    if (const JsonValue* ub = v.find("use_bias")) {
      if (!read_bool(*ub, join_path(path, "use_bias"), layer.use_bias)) return false;
    }

    const JsonValue* kernel = nullptr;
    if (!require(v, path, "kernel",
                 "a convolution needs its weights: \"kernel\" in HWIO order "
                 "(kernel_size + [in_channels, filters])",
                 "missing_kernel", kernel)) {
      return false;
    }
    std::vector<int> kdims;
    std::vector<const char*> knames;
    if (one_d) {
      kdims = {layer.kernel_size[1], -1, layer.filters};
      knames = {"kernel width", "input channels", "filters"};
    } else {
      kdims = {layer.kernel_size[0], layer.kernel_size[1], -1, layer.filters};
      knames = {"kernel rows", "kernel columns", "input channels", "filters"};
    }
    if (!read_floats(*kernel, join_path(path, "kernel"), kdims, knames, layer.kernel)) {
      return false;
    }
    const JsonValue* bias = v.find("bias");
    const std::string bias_path = join_path(path, "bias");
    if (bias && !layer.use_bias) {
      return fail(*bias, bias_path, "given, but use_bias is false", "bias_without_use_bias");
    }
    if (bias) {
      if (!read_floats(*bias, bias_path, {layer.filters}, {"filters"}, layer.bias)) {
        return false;
      }
    } else if (layer.use_bias && layer.filters > 0 && layer.filters <= limits::kMaxFilters) {
      layer.bias.assign(static_cast<std::size_t>(layer.filters), 0.0f);
    }
    return true;
  }

  bool read_input(const JsonValue& v, const std::string& path, Tensor& input) {
    if (!expect_type(v, path, JsonType::kObject)) return false;
    if (!check_keys(v, path, {"shape", "data"}, "the input", "input")) return false;
    const JsonValue* shape = nullptr;
    const std::string shape_path = join_path(path, "shape");
    if (!require(v, path, "shape",
                 "the input needs \"shape\": [rows, columns, channels] (or "
                 "[steps, channels] for 1D layers)",
                 "missing_input_shape", shape)) {
      return false;
    }
    if (shape->type != JsonType::kArray || !shape->is_packed() ||
        (shape->size() != 2 && shape->size() != 3)) {
      const std::string count =
          shape->type == JsonType::kArray ? std::to_string(shape->size()) : std::string();
      return fail(*shape, shape_path,
                  "expected [rows, columns, channels] or [steps, channels], "
                  "got " +
                      describe(*shape) + (count.empty() ? count : " of " + count),
                  "input_shape_form", described(*shape) + Args{count});
    }
    int d[3] = {1, 1, 1};
    for (std::size_t i = 0; i < shape->size(); ++i) {
      if (!int_from_double(*shape, shape->numbers[i], index_path(shape_path, i), d[i])) {
        return false;
      }
    }
    TensorShape& s = input.shape;
    if (shape->size() == 2) {
      s = TensorShape{1, d[0], d[1], true};
    } else {
      s = TensorShape{d[0], d[1], d[2], false};
    }
    // Ranges before the data, so a count is never computed from nonsense.
    Result<TensorShape> checked = check_input_shape(s);
    if (!checked) {
      const Error& e = checked.error();
      error_ = error(*shape, e.where, e.message, e.code, e.args);
      return false;
    }
    const JsonValue* data = nullptr;
    const std::string data_path = join_path(path, "data");
    if (!require(v, path, "data", "the input needs \"data\": its numbers, row-major HWC",
                 "missing_input_data", data)) {
      return false;
    }
    std::vector<int> dims = s.one_d ? std::vector<int>{s.w, s.c} : std::vector<int>{s.h, s.w, s.c};
    std::vector<const char*> names = s.one_d
                                         ? std::vector<const char*>{"steps", "channels"}
                                         : std::vector<const char*>{"rows", "columns", "channels"};
    if (!read_floats(*data, data_path, dims, names, input.data)) return false;
    if (static_cast<std::int64_t>(input.data.size()) != s.elements()) {
      std::string dims_text;
      for (int x : s.dims()) dims_text += (dims_text.empty() ? "" : "x") + std::to_string(x);
      return fail(*data, data_path,
                  "expected " + std::to_string(s.elements()) + " numbers (" + dims_text +
                      (s.one_d ? ", row-major LC" : ", row-major HWC") + "), got " +
                      std::to_string(input.data.size()),
                  "input_data_count_shaped",
                  {std::to_string(s.elements()), dims_text, s.one_d ? "1" : "0",
                   std::to_string(input.data.size())});
    }
    return true;
  }

  bool read_scene(const JsonValue& root, Scene& scene) {
    if (!expect_type(root, "", JsonType::kObject)) return false;
    if (!check_keys(root, "", {"version", "title", "input", "layers"}, "the scene", "scene")) {
      return false;
    }
    const JsonValue* version = nullptr;
    if (!require(root, "", "version", "a scene starts with \"version\": 1", "missing_version",
                 version)) {
      return false;
    }
    if (version->type != JsonType::kNumber || version->number != 1.0) {
      return fail(*version, "version",
                  "this reader understands version 1, got " + describe(*version),
                  "version_unsupported", described(*version));
    }
    if (const JsonValue* title = root.find("title")) {
      if (!expect_type(*title, "title", JsonType::kString)) return false;
      scene.title = title->text;
    }
    const JsonValue* input = nullptr;
    if (!require(root, "", "input", "a scene needs an \"input\" {shape, data}", "missing_input",
                 input) ||
        !read_input(*input, "input", scene.input)) {
      return false;
    }
    const JsonValue* layers = root.find("layers");
    if (!layers) return true;  // just an input: allowed (the app starts so)
    if (!expect_type(*layers, "layers", JsonType::kArray)) return false;
    if (layers->size() > static_cast<std::size_t>(limits::kMaxLayers)) {
      return fail(*layers, "layers",
                  std::to_string(layers->size()) + " layers; the limit is " +
                      std::to_string(limits::kMaxLayers),
                  "too_many_layers",
                  {std::to_string(layers->size()), std::to_string(limits::kMaxLayers)});
    }
    if (layers->is_packed()) {  // e.g. "layers": [1, 2]
      return fail(*layers, "layers[0]", "expected an object, got a number", "layer_not_object");
    }
    scene.layers.resize(layers->items.size());
    for (std::size_t i = 0; i < layers->items.size(); ++i) {
      if (!read_layer(layers->items[i], index_path("layers", i), scene.layers[i])) {
        return false;
      }
    }
    return true;
  }

 private:
  std::string_view text_;
  Error error_;
};

// The value a validator path such as "layers[1].kernel_size" names, or the
// deepest existing ancestor (a defaulted key has no value of its own).
const JsonValue* locate(const JsonValue& root, std::string_view path) {
  const JsonValue* v = &root;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') ++i;
    if (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos) break;
      const std::size_t idx = static_cast<std::size_t>(
          std::strtoul(std::string(path.substr(i + 1, close - i - 1)).c_str(), nullptr, 10));
      if (v->type != JsonType::kArray || v->is_packed() || idx >= v->items.size()) break;
      v = &v->items[idx];
      i = close + 1;
      continue;
    }
    const std::size_t end = path.find_first_of(".[", i);
    const std::string_view key =
        path.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
    const JsonValue* next = v->find(key);
    if (!next) break;
    v = next;
    i = end == std::string_view::npos ? path.size() : end;
  }
  return v;
}

}  // namespace

// [SECTION] parse_scene

Result<Scene> parse_scene(std::string_view json) {
  Result<JsonValue> doc = parse_json(json);
  if (!doc) return doc.error();
  SceneReader reader(json);
  Scene scene;
  if (!reader.read_scene(*doc, scene)) return reader.last_error();
  Result<ScenePlan> plan = validate_scene(scene);
  if (!plan) {
    Error e = plan.error();
    const auto [line, col] = line_column(json, locate(*doc, e.where)->offset);
    e.line = line;
    e.column = col;
    return e;
  }
  return scene;
}

// [SECTION] Writer

namespace {

void append_floats(std::string& out, const std::vector<float>& v) {
  out += '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ", ";
    append_float(out, v[i]);
  }
  out += ']';
}

void append_ints(std::string& out, std::initializer_list<int> v) {
  out += '[';
  bool first = true;
  for (int x : v) {
    if (!first) out += ", ";
    first = false;
    out += std::to_string(x);
  }
  out += ']';
}

void append_size(std::string& out, const Layer& l, const std::array<int, 2>& s) {
  if (is_1d(l.type)) {
    append_ints(out, {s[1]});
  } else {
    append_ints(out, {s[0], s[1]});
  }
}

void append_layer(std::string& out, const Layer& l) {
  out += "{\"type\": ";
  append_json_string(out, layer_type_name(l.type));
  if (!l.name.empty()) {
    out += ", \"name\": ";
    append_json_string(out, l.name);
  }
  if (is_conv(l.type)) {
    out += ", \"filters\": " + std::to_string(l.filters);
    out += ", \"kernel_size\": ";
    append_size(out, l, l.kernel_size);
  } else {
    out += ", \"pool_size\": ";
    append_size(out, l, l.kernel_size);
  }
  out += ", \"strides\": ";
  append_size(out, l, l.strides);
  out += ", \"padding\": ";
  if (l.padding == PaddingMode::kExplicit) {
    if (is_1d(l.type)) {
      append_ints(out, {l.pads[2], l.pads[3]});
    } else {
      out += '[';
      append_ints(out, {l.pads[0], l.pads[1]});
      out += ", ";
      append_ints(out, {l.pads[2], l.pads[3]});
      out += ']';
    }
  } else {
    append_json_string(out, padding_mode_name(l.padding));
  }
  if (is_conv(l.type)) {
    out += ", \"dilation_rate\": ";
    append_size(out, l, l.dilation_rate);
    out += ", \"activation\": ";
    append_json_string(out, activation_name(l.activation));
    out += l.use_bias ? ", \"use_bias\": true" : ", \"use_bias\": false";
    out += ",\n   \"kernel\": ";
    append_floats(out, l.kernel);
    if (l.use_bias) {
      out += ",\n   \"bias\": ";
      append_floats(out, l.bias);
    }
  } else if (pool_kind(l.type) == PoolKind::kAverage) {
    out += l.count_include_pad ? ", \"count_include_pad\": true" : ", \"count_include_pad\": false";
  }
  out += '}';
}

}  // namespace

void append_tensor_json(std::string& out, const Tensor& t) {
  out += "{\"shape\": [";
  const std::vector<int> dims = t.shape.dims();
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (i) out += ", ";
    out += std::to_string(dims[i]);
  }
  out += "], \"data\": ";
  append_floats(out, t.data);
  out += '}';
}

std::string layers_to_json(const std::vector<Layer>& layers) {
  std::string out = "[";
  for (std::size_t i = 0; i < layers.size(); ++i) {
    out += i ? ", " : "";
    append_layer(out, layers[i]);
  }
  return out + "]";
}

std::string scene_to_json(const Scene& scene) {
  std::string out = "{\"version\": 1,\n";
  if (!scene.title.empty()) {
    out += " \"title\": ";
    append_json_string(out, scene.title);
    out += ",\n";
  }
  out += " \"input\": ";
  append_tensor_json(out, scene.input);
  out += ",\n \"layers\": [";
  for (std::size_t i = 0; i < scene.layers.size(); ++i) {
    out += i ? ",\n  " : "\n  ";
    append_layer(out, scene.layers[i]);
  }
  out += scene.layers.empty() ? "]}\n" : "\n ]}\n";
  return out;
}

}  // namespace cs
