// validate.cpp - limits, the checks every layer type shares, and shape
// propagation through the stack. Every message names the value, the
// allowed range and what was given, and every `where` is the JSON path of
// the key to fix. Every error also carries a code and its arguments
// (result.h) for the catalogue's "err.<code>".
//
// [SECTION] Key ranges (from the table)
// [SECTION] Weight counts
// [SECTION] Layers and scenes

#include "core/validate.h"

#include <cstring>
#include <limits>

#include "core/errors.h"
#include "core/json.h"

namespace cs {

namespace {

// [SECTION] Key ranges (from the table)

Error out_of_range(const std::string& where, const char* what, int lo, int hi, int v) {
  const std::string prefix = what[0] ? std::string(what) + " " : "";
  return make_error(where,
                    prefix + "must be between " + istr(lo) + " and " + istr(hi) + ", got " + istr(v),
                    "value_out_of_range", {what, istr(lo), istr(hi), istr(v)});
}

// lo <= v[i] <= hi for the axes a layer has; 1D layers have only the column
// axis (index 1), and their row entry must be the neutral 1.
Result<bool> check_size(const std::array<int, 2>& v, bool one_d, const KeyDef& k,
                        const std::string& where) {
  if (one_d && v[0] != 1) {
    return make_error(where,
                      std::string("a 1D layer's ") + k.name +
                          " has one axis; the row entry must be 1, got " + istr(v[0]),
                      "one_d_row_entry", {k.name, istr(v[0])});
  }
  for (std::size_t i = one_d ? 1 : 0; i < 2; ++i) {
    if (v[i] < k.lo || v[i] > k.hi) return out_of_range(where, k.name, k.lo, k.hi, v[i]);
  }
  return true;
}

Result<bool> check_float(const KeyDef& k, float v, const std::string& where) {
  if (k.kind == KeyKind::kFloatOrNull && v == std::numeric_limits<float>::infinity()) return true;
  if (v >= k.flo && (k.fhi_open ? v < k.fhi : v <= k.fhi)) return true;
  const std::string lo = format_float(k.flo), hi = format_float(k.fhi);
  return make_error(where,
                    std::string(k.name) + " must be at least " + lo + " and " +
                        (k.fhi_open ? "below " : "at most ") + hi + ", got " + number_text(v),
                    "float_key_out_of_range",
                    {k.name, lo, k.fhi_open ? "1" : "0", hi, number_text(v)});
}

// Keras' rank rule, from the table: 2D layers take [rows, columns,
// channels], 1D layers [steps, channels], Dense a vector.
Result<bool> check_rank(const LayerInfo& info, const TensorShape& in, const std::string& at) {
  const int want = info.input_rank;
  if (want == 0 || in.rank() == want) return true;
  static const char* const kNeeds[4] = {"", "a vector", "a [steps, channels] input",
                                        "a [rows, columns, channels] input"};
  std::string hint;
  if (want == 1) {
    hint = " (add Flatten before it; Keras would apply " + std::string(info.keras_name) +
           " to each position's " + istr(in.c) + " channels on its own)";
  } else if (in.flat) {
    hint = " (a vector has no rows and columns)";
  } else if (want == 2) {
    hint = " (use the 2D layer types, or a 2-entry input shape)";
  } else {
    hint = " (a 1D tensor; use the 1D layer types)";
  }
  return make_error(at + ".type",
                    std::string(info.keras_name) + " needs " + kNeeds[want] + " but receives shape " +
                        shape_text(in) + hint,
                    "layer_rank_mismatch",
                    {info.keras_name, istr(want), shape_text(in), istr(in.rank()), istr(in.c)});
}

Result<bool> check_keys(const Layer& l, const LayerInfo& info, const std::string& at) {
  for (const KeyDef& k : info.keys) {
    const std::string where = at + "." + k.name;
    if (k.kind == KeyKind::kFloat || k.kind == KeyKind::kFloatOrNull) {
      Result<bool> ok = check_float(k, l.*k.float_field, where);
      if (!ok) return ok;
    } else if (k.kind == KeyKind::kInt) {
      const int v = l.*k.int_field;
      if (v < k.lo || v > k.hi) return out_of_range(where, "", k.lo, k.hi, v);
    } else if (k.kind == KeyKind::kSize ||
               (k.kind == KeyKind::kSizeOrNull && l.*k.size_field != kSizeNone)) {
      Result<bool> ok = check_size(l.*k.size_field, info.input_rank == 2, k, where);
      if (!ok) return ok;
    }
  }
  return true;
}

// [SECTION] Weight counts

std::string dims_text(const std::vector<int>& d) {
  std::string s;
  for (int x : d) s += (s.empty() ? "" : "x") + istr(x);
  return s;
}

Result<bool> check_weights(const Layer& l, const LayerInfo& info, const LayerPlan& p,
                           const std::string& at) {
  for (std::size_t i = 0; i < info.weights.size(); ++i) {
    const WeightDef& w = info.weights[i];
    const std::vector<float>& data = l.*w.field;
    const std::string where = at + "." + w.name;
    if (w.present && !(l.*w.present)) {
      if (data.empty()) continue;
      const KeyDef* key = nullptr;
      for (const KeyDef& k : info.keys) key = k.bool_field == w.present ? &k : key;
      const char* name = key ? key->name : "?";
      return make_error(where, std::string("given, but ") + name + " is false",
                        "weight_switched_off", {name});
    }
    const int index = static_cast<int>(i);
    const std::vector<int> dims = info.family->weight_dims(l, index, p.in.c);
    std::int64_t want = 1;  // every factor is bounded by the limits: no overflow
    for (int d : dims) want *= d;
    if (want > limits::kMaxElements) {
      return make_error(where, istr(want) + " weights; the limit is 67108864 (64 M) per tensor",
                        "kernel_too_many_weights", {istr(want)});
    }
    if (static_cast<std::int64_t>(data.size()) == want) continue;
    const WeightLayout layout = info.family->weight_layout(l, index);
    const std::string shown = dims.size() > 1 ? dims_text(dims) : "";
    return make_error(where,
                      "expected " + istr(want) + " numbers (" + (shown.empty() ? "" : shown + ", ") +
                          layout.text + "), got " + istr(static_cast<std::int64_t>(data.size())),
                      "weight_count",
                      {istr(want), shown, layout.code, istr(static_cast<std::int64_t>(data.size()))});
  }
  return true;
}

}  // namespace

// [SECTION] Layers and scenes

Result<bool> check_output_size(int rows, int cols, int channels, const std::string& at) {
  if (rows > limits::kMaxSpatial || cols > limits::kMaxSpatial) {
    return make_error(at,
                      "the output would be " + istr(rows) + "x" + istr(cols) + "; the limit is " +
                          istr(limits::kMaxSpatial) + " per axis",
                      "output_too_large", {istr(rows), istr(cols), istr(limits::kMaxSpatial)});
  }
  const std::int64_t elems = std::int64_t{rows} * cols * channels;
  if (elems > limits::kMaxElements) {
    return make_error(at,
                      "the output would have " + istr(elems) +
                          " elements; the limit is 67108864 (64 M) per tensor",
                      "output_too_many_elements", {istr(elems)});
  }
  return true;
}

Result<LayerPlan> layer_shape_plan(const Layer& layer, const TensorShape& in, int index) {
  const std::string at = layer_path(index);
  const LayerInfo& info = layer_info(layer.type);
  if (in.h < 1 || in.w < 1 || in.c < 1) {
    return make_error(at, "receives an empty tensor " + shape_text(in), "empty_input_tensor",
                      {shape_text(in)});
  }
  Result<bool> rank = check_rank(info, in, at);
  if (!rank) return rank.error();
  Result<bool> keys = check_keys(layer, info, at);
  if (!keys) return keys.error();
  return info.family->plan(layer, in, at);
}

Result<LayerPlan> layer_plan(const Layer& layer, const TensorShape& in, int index) {
  Result<LayerPlan> p = layer_shape_plan(layer, in, index);
  if (!p) return p;
  const LayerInfo& info = layer_info(layer.type);
  Result<bool> weights = check_weights(layer, info, *p, layer_path(index));
  if (!weights) return weights.error();
  return p;
}

Result<Geometry2D> layer_geometry(const Layer& layer, const TensorShape& in, int index) {
  Result<LayerPlan> p = layer_plan(layer, in, index);
  if (!p) return p.error();
  return p->g;
}

Result<TensorShape> check_input_shape(const TensorShape& s) {
  const std::vector<int> dims = s.dims();
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const bool channel = i + 1 == dims.size() && !s.flat;
    const int hi = s.flat ? limits::kMaxVector
                          : channel ? limits::kMaxInputChannels : limits::kMaxSpatial;
    if (dims[i] < 1 || dims[i] > hi) {
      const char* what = s.flat ? "units"
                         : channel ? "channels" : s.one_d ? "steps" : i == 0 ? "rows" : "columns";
      return make_error("input.shape[" + istr(static_cast<std::int64_t>(i)) + "]",
                        std::string(what) + " must be between 1 and " + istr(hi) + ", got " +
                            istr(dims[i]),
                        "input_dim_out_of_range", {what, "1", istr(hi), istr(dims[i])});
    }
  }
  if (s.one_d && s.h != 1) {
    return make_error("input.shape", "a 1D input has h == 1", "one_d_input_height");
  }
  if (s.elements() > limits::kMaxElements) {
    return make_error("input.shape",
                      istr(s.elements()) + " elements; the limit is 67108864 (64 M) per tensor",
                      "input_too_many_elements", {istr(s.elements())});
  }
  return s;
}

Result<ScenePlan> validate_scene(const Scene& scene) {
  const TensorShape& s = scene.input.shape;
  Result<TensorShape> checked = check_input_shape(s);
  if (!checked) return checked.error();
  if (static_cast<std::int64_t>(scene.input.data.size()) != s.elements()) {
    return make_error(
        "input.data",
        "expected " + istr(s.elements()) + " numbers, got " +
            istr(static_cast<std::int64_t>(scene.input.data.size())),
        "input_data_count",
        {istr(s.elements()), istr(static_cast<std::int64_t>(scene.input.data.size()))});
  }
  if (scene.layers.size() > static_cast<std::size_t>(limits::kMaxLayers)) {
    return make_error("layers",
                      istr(static_cast<std::int64_t>(scene.layers.size())) +
                          " layers; the limit is " + istr(limits::kMaxLayers),
                      "too_many_layers",
                      {istr(static_cast<std::int64_t>(scene.layers.size())),
                       istr(limits::kMaxLayers)});
  }
  ScenePlan plan;
  plan.shapes.push_back(s);
  for (std::size_t i = 0; i < scene.layers.size(); ++i) {
    Result<LayerPlan> p = layer_plan(scene.layers[i], plan.shapes.back(), static_cast<int>(i));
    if (!p) return p.error();
    plan.geometry.push_back(p->g);
    plan.shapes.push_back(p->out);
  }
  return plan;
}

std::int64_t layer_param_count(const Layer& layer, const LayerPlan& plan) {
  return layer_family(layer.type).param_count(layer, plan);
}

std::int64_t layer_macs(const Layer& layer, const LayerPlan& plan) {
  return layer_family(layer.type).macs(layer, plan);
}

}  // namespace cs
