// report.cpp - renders runs, traces and shape tables as text or JSON.
// Numbers print in their shortest round-trip form (core/json.h), so what the
// text shows is exactly the float the engine holds.
//
// [SECTION] Run output and errors
// [SECTION] Trace JSON
// [SECTION] Explain text
// [SECTION] Shape report

#include "core/report.h"

#include <variant>

#include "core/activation.h"
#include "core/engine.h"
#include "core/json.h"
#include "core/layer_json.h"

namespace cs {

namespace {

void append_int_array(std::string& out, std::initializer_list<int> v) {
  out += '[';
  bool first = true;
  for (int x : v) {
    if (!first) out += ", ";
    first = false;
    out += std::to_string(x);
  }
  out += ']';
}

void append_key(std::string& out, const char* key) {
  out += '"';
  out += key;
  out += "\": ";
}

}  // namespace

// [SECTION] Run output and errors

std::string outputs_to_json(const std::vector<Tensor>& outputs) {
  std::string out = "{\"outputs\": [";
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    out += i ? ",\n  " : "\n  ";
    append_tensor_json(out, outputs[i]);
  }
  out += outputs.empty() ? "]}\n" : "\n]}\n";
  return out;
}

std::string error_to_json(const Error& error) {
  std::string out = "{\"error\": {\"where\": ";
  append_json_string(out, error.where);
  out += ", \"message\": ";
  append_json_string(out, error.message);
  out += ", \"line\": " + std::to_string(error.line) +
         ", \"column\": " + std::to_string(error.column) + "}}\n";
  return out;
}

std::string run_scene_json(std::string_view scene_json) {
  Result<Scene> scene = parse_scene(scene_json);
  if (!scene) return error_to_json(scene.error());
  Result<std::vector<Tensor>> outputs = run_scene(*scene);
  if (!outputs) return error_to_json(outputs.error());
  return outputs_to_json(*outputs);
}

// [SECTION] Trace JSON

namespace {

void append_softmax(std::string& out, const SoftmaxStats& s) {
  out += "{\"logits\": ";
  append_floats(out, s.logits);
  out += ", \"max\": ";
  append_float(out, s.max);
  out += ", \"exps\": ";
  append_floats(out, s.exps);
  out += ", \"sum\": ";
  append_float(out, s.sum);
  out += ", \"probabilities\": ";
  append_floats(out, s.probabilities);
  out += "}";
}

void append_detail(std::string& out, const SumDetail& d) {
  append_key(out, "sum");
  append_float(out, d.sum);
  out += ", ";
  append_key(out, "bias");
  if (d.has_bias) {
    append_float(out, d.bias);
  } else {
    out += "null";
  }
  out += ", ";
  append_key(out, "pre_activation");
  append_float(out, d.pre_activation);
  out += ", ";
  append_key(out, "activation");
  append_json_string(out, activation_name(d.activation));
  out += ", ";
  if (d.activation == Activation::kSoftmax) {
    append_key(out, "softmax");
    append_softmax(out, d.softmax);
    out += ", ";
  }
}

void append_detail(std::string& out, const SoftmaxDetail& d) {
  append_key(out, "softmax");
  append_softmax(out, d.stats);
  out += ", ";
}

void append_detail(std::string& out, const FormulaDetail& d) {
  append_key(out, "formula");
  append_json_string(out, d.formula);
  out += ", ";
}

void append_detail(std::string& out, const NormDetail& d) {
  const std::pair<const char*, float> nums[] = {{"moving_mean", d.mean},   {"moving_variance", d.variance},
                                                {"epsilon", d.epsilon},    {"gamma", d.gamma},
                                                {"beta", d.beta},          {"inv", d.inv}};
  for (const auto& [key, v] : nums) {
    append_key(out, key);
    append_float(out, v);
    out += ", ";
  }
  append_key(out, "formula");
  append_json_string(out, d.formula);
  out += ", ";
}

void append_detail(std::string& out, const MaxDetail& d) {
  append_key(out, "chosen_tap");
  out += std::to_string(d.chosen_tap) + ", ";
}

void append_detail(std::string& out, const AverageDetail& d) {
  append_key(out, "sum");
  append_float(out, d.sum);
  out += ", ";
  append_key(out, "count_real");
  out += std::to_string(d.count_real) + ", ";
  append_key(out, "count_window");
  out += std::to_string(d.count_window) + ", ";
  append_key(out, "count_include_pad");
  out += d.count_include_pad ? "true, " : "false, ";
  append_key(out, "divisor");
  append_float(out, d.divisor);
  out += ", ";
  append_key(out, "value_keras");
  append_float(out, d.value_keras);
  out += ", ";
  append_key(out, "value_include_pad");
  append_float(out, d.value_include_pad);
  out += ", ";
}

void append_tap(std::string& out, const TraceTap& p, bool weighted) {
  out += "{\"k\": ";
  append_int_array(out, {p.ky, p.kx, p.ci});
  out += ", \"padded\": ";
  append_int_array(out, {p.py, p.px});
  out += ", \"input_at\": ";
  if (p.padding) {
    out += "null";
  } else {
    append_int_array(out, {p.iy, p.ix, p.ci});
  }
  out += p.padding ? ", \"padding\": true" : ", \"padding\": false";
  out += ", \"input\": ";
  append_float(out, p.input);
  if (weighted) {
    out += ", \"weight\": ";
    append_float(out, p.weight);
    out += ", \"product\": ";
    append_float(out, p.product);
  }
  out += ", \"running\": ";
  append_float(out, p.running);
  out += '}';
}

}  // namespace

std::string trace_to_json(const ElementTrace& t) {
  const Geometry2D& g = t.geometry;
  std::string out = "{";
  append_key(out, "layer");
  out += std::to_string(t.layer) + ", ";
  append_key(out, "type");
  append_json_string(out, layer_type_name(t.type));
  out += ", ";
  append_key(out, "output");
  append_int_array(out, {t.y, t.x, t.c});
  out += ", ";
  append_key(out, "step");
  out += std::to_string(t.step) + ", ";
  append_key(out, "window_origin");
  append_int_array(out, {t.origin_y, t.origin_x});
  out += ", ";
  append_key(out, "padding");
  out += "{\"top\": " + std::to_string(g.pad_top) + ", \"bottom\": " + std::to_string(g.pad_bottom) +
         ", \"left\": " + std::to_string(g.pad_left) + ", \"right\": " + std::to_string(g.pad_right) +
         "}, ";
  append_key(out, "kernel");
  append_int_array(out, {g.kh, g.kw});
  out += ", ";
  append_key(out, "strides");
  append_int_array(out, {g.sh, g.sw});
  out += ", ";
  append_key(out, "dilation");
  append_int_array(out, {g.dh, g.dw});
  out += ",\n ";
  append_key(out, "taps");
  out += '[';
  for (std::size_t i = 0; i < t.taps.size(); ++i) {
    out += i ? ",\n  " : "\n  ";
    append_tap(out, t.taps[i], t.sum() != nullptr);
  }
  out += "],\n ";
  std::visit([&](const auto& d) { append_detail(out, d); }, t.detail);
  append_key(out, "value");
  append_float(out, t.value);
  out += "}\n";
  return out;
}

// [SECTION] Explain text

std::string explain_text(const ElementTrace& t) { return layer_family(t.type).explain(t); }

// [SECTION] Shape report

std::string shape_report_text(const Scene& scene, const ScenePlan& plan) {
  std::string s = "input: " + shape_text(plan.shapes[0]) + "\n";
  std::int64_t params = 0, macs = 0;
  for (std::size_t i = 0; i < scene.layers.size(); ++i) {
    const Layer& l = scene.layers[i];
    const Geometry2D& g = plan.geometry[i];
    const std::int64_t p = layer_param_count(l, plan.layer(i));
    const std::int64_t m = layer_macs(l, plan.layer(i));
    params += p;
    macs += m;
    s += "layers[" + std::to_string(i) + "] " + layer_type_name(l.type) + ": output " +
         shape_text(plan.shapes[i + 1]) + ", ";
    // Padding means something for the layers that slide a window.
    if (layer_family(l.type).slides_window()) {
      s += "padding ";
      if (!is_1d(l.type)) {
        s += "top " + std::to_string(g.pad_top) + " bottom " + std::to_string(g.pad_bottom) + " ";
      }
      s += "left " + std::to_string(g.pad_left) + " right " + std::to_string(g.pad_right) + ", ";
    }
    s += "params " + std::to_string(p) + ", MACs " + std::to_string(m) + "\n";
    std::string keras = keras_line(l);
    std::string indented = "  ";
    for (char ch : keras) {
      indented += ch;
      if (ch == '\n') indented += "  ";
    }
    s += indented + "\n";
  }
  s += "total: params " + std::to_string(params) + ", MACs " + std::to_string(macs) + "\n";
  return s;
}

std::string shape_report_json(const Scene& scene, const ScenePlan& plan) {
  std::string out = "{\"input\": ";
  const std::vector<int> in = plan.shapes[0].dims();
  out += '[';
  for (std::size_t i = 0; i < in.size(); ++i) out += (i ? ", " : "") + std::to_string(in[i]);
  out += "], \"layers\": [";
  for (std::size_t i = 0; i < scene.layers.size(); ++i) {
    const Layer& l = scene.layers[i];
    const Geometry2D& g = plan.geometry[i];
    out += i ? ",\n  " : "\n  ";
    out += "{\"type\": ";
    append_json_string(out, layer_type_name(l.type));
    out += ", \"output_shape\": [";
    const std::vector<int> d = plan.shapes[i + 1].dims();
    for (std::size_t k = 0; k < d.size(); ++k) out += (k ? ", " : "") + std::to_string(d[k]);
    out += "], \"padding\": {\"top\": " + std::to_string(g.pad_top) +
           ", \"bottom\": " + std::to_string(g.pad_bottom) +
           ", \"left\": " + std::to_string(g.pad_left) +
           ", \"right\": " + std::to_string(g.pad_right) +
           "}, \"params\": " + std::to_string(layer_param_count(l, plan.layer(i))) +
           ", \"macs\": " + std::to_string(layer_macs(l, plan.layer(i))) + ", \"keras\": ";
    append_json_string(out, keras_line(l));
    out += ", \"pytorch\": ";
    append_json_string(out, pytorch_line(l, plan.shapes[i]));
    out += '}';
  }
  out += scene.layers.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace cs
