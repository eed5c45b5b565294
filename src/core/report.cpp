// report.cpp - renders runs, traces and shape tables as text or JSON.
// Numbers print in their shortest round-trip form (core/json.h), so what the
// text shows is exactly the float the engine holds.
//
// [SECTION] Run output and errors
// [SECTION] Trace JSON
// [SECTION] Explain text
// [SECTION] Shape report

#include "core/report.h"

#include <cmath>

#include "core/engine.h"
#include "core/json.h"

namespace cs {

namespace {

std::string f2s(float v) {
  // Inside text, non-finite values read better without JSON's quotes.
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return format_float(v);
}

std::string shape_text(const TensorShape& s) {
  std::string t = "[";
  const std::vector<int> d = s.dims();
  for (std::size_t i = 0; i < d.size(); ++i) {
    t += (i ? ", " : "") + std::to_string(d[i]);
  }
  return t + "]";
}

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

std::string trace_to_json(const ElementTrace& t) {
  const Geometry2D& g = t.geometry;
  const bool conv = is_conv(t.type);
  const bool max = !conv && pool_kind(t.type) == PoolKind::kMax;
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
  out += "{\"top\": " + std::to_string(g.pad_top) +
         ", \"bottom\": " + std::to_string(g.pad_bottom) +
         ", \"left\": " + std::to_string(g.pad_left) +
         ", \"right\": " + std::to_string(g.pad_right) + "}, ";
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
    const TraceTap& p = t.taps[i];
    out += i ? ",\n  " : "\n  ";
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
    if (conv) {
      out += ", \"weight\": ";
      append_float(out, p.weight);
      out += ", \"product\": ";
      append_float(out, p.product);
    }
    out += ", \"running\": ";
    append_float(out, p.running);
    out += '}';
  }
  out += "],\n ";
  if (conv) {
    append_key(out, "sum");
    append_float(out, t.sum);
    out += ", ";
    append_key(out, "bias");
    if (t.has_bias) {
      append_float(out, t.bias);
    } else {
      out += "null";
    }
    out += ", ";
    append_key(out, "pre_activation");
    append_float(out, t.pre_activation);
    out += ", ";
    append_key(out, "activation");
    append_json_string(out, activation_name(t.activation));
    out += ", ";
  } else if (max) {
    append_key(out, "chosen_tap");
    out += std::to_string(t.chosen_tap) + ", ";
  } else {
    append_key(out, "sum");
    append_float(out, t.pool_sum);
    out += ", ";
    append_key(out, "count_real");
    out += std::to_string(t.count_real) + ", ";
    append_key(out, "count_window");
    out += std::to_string(t.count_window) + ", ";
    append_key(out, "count_include_pad");
    out += t.count_include_pad ? "true, " : "false, ";
    append_key(out, "divisor");
    append_float(out, t.divisor);
    out += ", ";
    append_key(out, "value_keras");
    append_float(out, t.value_keras);
    out += ", ";
    append_key(out, "value_include_pad");
    append_float(out, t.value_include_pad);
    out += ", ";
  }
  append_key(out, "value");
  append_float(out, t.value);
  out += "}\n";
  return out;
}

// [SECTION] Explain text

namespace {

std::string coord_text(int y, int x, bool one_d) {
  return one_d ? "(" + std::to_string(x) + ")"
               : "(" + std::to_string(y) + ", " + std::to_string(x) + ")";
}

std::string header(const ElementTrace& t) {
  const Geometry2D& g = t.geometry;
  const bool one_d = is_1d(t.type);
  const bool conv = is_conv(t.type);
  std::string s = std::string(layer_type_name(t.type)) + " layers[" + std::to_string(t.layer) +
                  "], output " +
                  (one_d ? "x=" + std::to_string(t.x)
                         : "y=" + std::to_string(t.y) + " x=" + std::to_string(t.x)) +
                  (conv ? " filter=" : " channel=") + std::to_string(t.c) + " (step " +
                  std::to_string(t.step + 1) + " of " + std::to_string(g.out_h * g.out_w) +
                  " of the stride walk, as the app counts)\n";
  const int in_y = t.origin_y - g.pad_top;
  const int in_x = t.origin_x - g.pad_left;
  s += "window: top-left at padded " + coord_text(t.origin_y, t.origin_x, one_d) + " = input " +
       coord_text(in_y, in_x, one_d) + "; " + (conv ? "kernel " : "window ") +
       (one_d ? std::to_string(g.kw) : std::to_string(g.kh) + "x" + std::to_string(g.kw)) +
       ", stride " +
       (one_d ? std::to_string(g.sw) : std::to_string(g.sh) + "x" + std::to_string(g.sw));
  if (g.dh != 1 || g.dw != 1) {
    s += ", dilation " +
         (one_d ? std::to_string(g.dw) : std::to_string(g.dh) + "x" + std::to_string(g.dw));
  }
  s += "\n";
  const bool any_pad = g.pad_top || g.pad_bottom || g.pad_left || g.pad_right;
  if (any_pad) {
    s += "padding: ";
    if (!one_d) {
      s += "top " + std::to_string(g.pad_top) + ", bottom " + std::to_string(g.pad_bottom) + ", ";
    }
    s += "left " + std::to_string(g.pad_left) + ", right " + std::to_string(g.pad_right) +
         "; 'pad' marks a padding cell (reads " +
         (conv || pool_kind(t.type) == PoolKind::kAverage ? "0, adds nothing" : "-inf") + ")\n";
  } else {
    s += "padding: none\n";
  }
  return s;
}

std::string conv_term(const TraceTap& p) {
  if (p.padding) return "(pad x " + f2s(p.weight) + ")";
  return "(" + f2s(p.input) + "x" + f2s(p.weight) + ")";
}

std::string finish_conv(const ElementTrace& t, const std::string& lhs) {
  std::string s = lhs;
  if (t.has_bias) s += " + bias " + f2s(t.bias);
  s += " = " + f2s(t.pre_activation);
  if (t.activation != Activation::kLinear) {
    s += std::string(" -> ") + activation_label(t.activation) + " -> " + f2s(t.value);
  }
  return s + "\n";
}

}  // namespace

std::string explain_text(const ElementTrace& t) {
  std::string s = header(t);
  const Geometry2D& g = t.geometry;
  const bool conv = is_conv(t.type);
  const bool one_d = is_1d(t.type);
  if (conv) {
    // Short sums fit on one line, as on a board; longer ones get one line
    // per kernel row with the running sum so each line can be checked.
    if (t.taps.size() <= 9) {
      std::string lhs;
      for (std::size_t i = 0; i < t.taps.size(); ++i) {
        lhs += (i ? " + " : "") + conv_term(t.taps[i]);
      }
      return s + finish_conv(t, lhs);
    }
    const std::size_t per_row = static_cast<std::size_t>(g.kw) * static_cast<std::size_t>(g.in_c);
    if (g.in_c > 1) {
      s += "each term is (input x weight); within a row the channels of one "
           "column come together (c0, c1, ...)\n";
    }
    float before = 0.0f;
    for (int ky = 0; ky < g.kh; ++ky) {
      const std::size_t begin = static_cast<std::size_t>(ky) * per_row;
      std::string line = one_d ? "taps:" : "row " + std::to_string(ky) + ":";
      float row_sum = 0.0f;
      for (std::size_t i = begin; i < begin + per_row; ++i) {
        line += (i == begin ? " " : " + ") + conv_term(t.taps[i]);
        if (!t.taps[i].padding) row_sum += t.taps[i].product;
      }
      const float after = t.taps[begin + per_row - 1].running;
      line += " = " + f2s(row_sum) + "    running " + f2s(before) + " -> " + f2s(after);
      s += line + "\n";
      before = after;
    }
    return s + finish_conv(t, "sum " + f2s(t.sum));
  }
  std::string terms;
  for (std::size_t i = 0; i < t.taps.size(); ++i) {
    const TraceTap& p = t.taps[i];
    terms += (i ? (pool_kind(t.type) == PoolKind::kMax ? ", " : " + ") : "");
    if (p.padding) {
      terms += pool_kind(t.type) == PoolKind::kMax ? "-inf (pad)" : "pad";
    } else {
      terms += f2s(p.input);
    }
  }
  if (pool_kind(t.type) == PoolKind::kMax) {
    s += "max(" + terms + ") = " + f2s(t.value);
    if (t.chosen_tap >= 0) {
      const TraceTap& c = t.taps[static_cast<std::size_t>(t.chosen_tap)];
      s += "   from input " + coord_text(c.iy, c.ix, one_d);
    }
    return s + "\n";
  }
  s += "(" + terms + ") / ";
  if (t.count_include_pad) {
    s += std::to_string(t.count_window) + " window cells = " + f2s(t.value) +
         "   (count_include_pad; Keras divides by " + std::to_string(t.count_real) +
         (t.count_real == 1 ? " real cell: " : " real cells: ") + f2s(t.value_keras) + ")\n";
  } else {
    s += std::to_string(t.count_real) + (t.count_real == 1 ? " real cell = " : " real cells = ") +
         f2s(t.value);
    if (t.count_real != t.count_window) {
      s += "   (count_include_pad would divide by " + std::to_string(t.count_window) + ": " +
           f2s(t.value_include_pad) + ")";
    }
    s += "\n";
  }
  return s;
}

// [SECTION] Shape report

std::string shape_report_text(const Scene& scene, const ScenePlan& plan) {
  std::string s = "input: " + shape_text(plan.shapes[0]) + "\n";
  std::int64_t params = 0, macs = 0;
  for (std::size_t i = 0; i < scene.layers.size(); ++i) {
    const Layer& l = scene.layers[i];
    const Geometry2D& g = plan.geometry[i];
    const std::int64_t p = layer_param_count(l, g);
    const std::int64_t m = layer_macs(l, g);
    params += p;
    macs += m;
    s += "layers[" + std::to_string(i) + "] " + layer_type_name(l.type) + ": output " +
         shape_text(plan.shapes[i + 1]) + ", padding ";
    if (!is_1d(l.type)) {
      s += "top " + std::to_string(g.pad_top) + " bottom " + std::to_string(g.pad_bottom) + " ";
    }
    s += "left " + std::to_string(g.pad_left) + " right " + std::to_string(g.pad_right) +
         ", params " + std::to_string(p) + ", MACs " + std::to_string(m) + "\n";
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
           "}, \"params\": " + std::to_string(layer_param_count(l, g)) +
           ", \"macs\": " + std::to_string(layer_macs(l, g)) + ", \"keras\": ";
    append_json_string(out, keras_line(l));
    out += ", \"pytorch\": ";
    append_json_string(out, pytorch_line(l, plan.shapes[i]));
    out += '}';
  }
  out += scene.layers.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace cs
