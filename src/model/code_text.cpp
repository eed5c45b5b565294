// code_text.cpp - Keras / PyTorch code, summary table and formulas as text.
#include "model/code_text.h"

#include <cstdio>
#include <map>

#include "core/trace.h"
#include "i18n/i18n.h"
#include "model/weights_code.h"

namespace cs {

namespace {

std::string indent(const std::string& lines, const char* prefix, const char* suffix) {
  std::string out, line;
  for (std::size_t i = 0; i <= lines.size(); ++i) {
    if (i == lines.size() || lines[i] == '\n') {
      const bool comment = !line.empty() && line[0] == '#';
      out += prefix + line + (comment ? "" : suffix) + "\n";
      line.clear();
    } else {
      line += lines[i];
    }
  }
  return out;
}

std::string dims_text(const TensorShape& s, bool batch) {
  std::string out = batch ? "(None" : "(";
  const std::vector<int> d = s.dims();
  for (std::size_t i = 0; i < d.size(); ++i) out += (batch || i ? ", " : "") + std::to_string(d[i]);
  if (!batch && d.size() == 1) out += ",";
  return out + ")";
}

std::string with_commas(std::int64_t v) {
  std::string s = std::to_string(v), out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return out;
}

}  // namespace

std::string keras_model_code(const Scene& scene, const ScenePlan* plan) {
  std::string out = "import keras\n\nmodel = keras.Sequential([\n";
  out += "    keras.Input(shape=" + dims_text(scene.input.shape, false) + "),\n";
  for (const Layer& l : scene.layers) {
    if (l.type != LayerType::kInputLayer) out += indent(keras_line(l), "    ", ",");  // keras.Input is it
  }
  out += "])\nmodel.summary()\n";
  return plan ? out + keras_weights_code(scene, *plan) : out;
}

std::string pytorch_model_code(const Scene& scene, const ScenePlan& plan) {
  std::string out = "import torch\nfrom torch import nn\n\n# PyTorch tensors are channels-first: (N, C, H, W)\nmodel = nn.Sequential(\n";
  for (std::size_t i = 0; i < scene.layers.size(); ++i) {
    out += indent(pytorch_line(scene.layers[i], plan.shapes[i]), "    ", ",");
  }
  return out + ")\nmodel.eval()\n" + pytorch_weights_code(scene, plan);
}

std::vector<SummaryRow> model_summary_rows(const Scene& scene, const ScenePlan& plan) {
  std::vector<SummaryRow> rows;
  const std::vector<std::string> names = keras_layer_names(scene);
  std::int64_t total = 0;
  for (std::size_t i = 0; i < scene.layers.size(); ++i) {
    const Layer& l = scene.layers[i];
    const std::int64_t p = layer_param_count(l, plan.layer(i));
    total += p;
    rows.push_back({names[i] + " (" + layer_type_name(l.type) + ")", dims_text(plan.shapes[i + 1], true), with_commas(p)});
  }
  rows.push_back({"Total params:", "", with_commas(total)});
  return rows;
}

std::string model_summary_table(const Scene& scene, const ScenePlan& plan) {
  char line[160];
  std::string out;
  std::snprintf(line, sizeof line, "%-28s %-22s %10s\n", "Layer (type)", "Output Shape", "Param #");
  out += line;
  out += std::string(62, '=') + "\n";
  const std::vector<SummaryRow> rows = model_summary_rows(scene, plan);
  for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
    std::snprintf(line, sizeof line, "%-28s %-22s %10s\n", rows[i].layer.c_str(), rows[i].shape.c_str(), rows[i].params.c_str());
    out += line;
  }
  out += std::string(62, '=') + "\n";
  out += "Total params: " + rows.back().params + "\n";
  return out;
}

std::string output_size_formula(const Layer& l, const Geometry2D& g, bool rows) {
  const int n = rows ? g.in_h : g.in_w, k = rows ? g.kh : g.kw, s = rows ? g.sh : g.sw;
  const int d = rows ? g.dh : g.dw;
  const int pb = rows ? g.pad_top : g.pad_left, pa = rows ? g.pad_bottom : g.pad_right;
  const int eff = effective_kernel(k, d);
  const int out = rows ? g.out_h : g.out_w;
  std::string t;
  if (l.padding == PaddingMode::kSame) {
    t = "'same': out = ceil(" + std::to_string(n) + " / " + std::to_string(s) + ") = " + std::to_string(out) +
        "; padding total = max((" + std::to_string(out) + " - 1) \xC3\x97 " + std::to_string(s) + " + " +
        std::to_string(eff) + " - " + std::to_string(n) + ", 0) = " + std::to_string(pb + pa) + " \xE2\x86\x92 " +
        i18n::tr(rows ? "code.side.top" : "code.side.left") + " " + std::to_string(pb) + ", " +
        i18n::tr(rows ? "code.side.bottom" : "code.side.right") + " " + std::to_string(pa) + "\n";
  }
  t += "out = floor((" + std::to_string(n) + " + " + std::to_string(pb) + " + " + std::to_string(pa) + " - " +
       std::to_string(eff) + ") / " + std::to_string(s) + ") + 1 = " + std::to_string(out);
  if (d > 1) t += "   (dilated kernel spans (" + std::to_string(k) + " - 1) \xC3\x97 " + std::to_string(d) + " + 1 = " + std::to_string(eff) + ")";
  const int dropped = uncovered_tail(n, pb, pa, k, s, d);
  if (dropped > 0) {
    t += "\n  (" + std::to_string(n + pb + pa - eff) + " is not a multiple of " + std::to_string(s) + ": the last " +
         std::to_string(dropped) + (rows ? " row(s)" : " column(s)") + " are never reached by the window)";
  }
  return t;
}

namespace {

// One axis in the walk's words: "7 → 5: 'valid' padding, (7 - 3) / 1 + 1 = 5".
std::string axis_reason(const Layer& l, int n, int k, int s, int d, int pb, int pa, int out) {
  if (l.padding == PaddingMode::kSame) return i18n::trf("walk.size_same", n, out, n, s, out);
  const int eff = effective_kernel(k, d);
  const std::string pads = pb + pa > 0 ? " + " + std::to_string(pb + pa) : std::string();
  std::string e = "(" + std::to_string(n) + pads + " - " + std::to_string(eff) + ") / " + std::to_string(s);
  if ((n + pb + pa - eff) % s != 0) e = "floor(" + e + ")";  // the window's last stride does not fit
  return i18n::trf("walk.size_formula", n, out, padding_mode_name(l.padding), (e + " + 1").c_str(), out);
}

}  // namespace

std::string output_size_reason(const Layer& l, const Geometry2D& g) {
  const std::string rows = axis_reason(l, g.in_h, g.kh, g.sh, g.dh, g.pad_top, g.pad_bottom, g.out_h);
  const std::string cols = axis_reason(l, g.in_w, g.kw, g.sw, g.dw, g.pad_left, g.pad_right, g.out_w);
  return i18n::trf("walk.size_why", rows == cols ? rows.c_str() : i18n::trf("walk.size_axes", rows.c_str(), cols.c_str()).c_str());
}

}  // namespace cs
