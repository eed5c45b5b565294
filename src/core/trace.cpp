// trace.cpp - element traces, the stride walk, receptive fields, code lines.
// Traces recompute one output element tap by tap in float, in the order the
// UI shows them; tests check they agree with the engine within tolerance.
//
// [SECTION] Element traces
// [SECTION] Stride walk
// [SECTION] Receptive fields
// [SECTION] Keras and PyTorch lines

#include "core/trace.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/reference.h"
#include "core/validate.h"

namespace cs {

namespace {

Error make_error(std::string where, std::string message) {
  Error e;
  e.where = std::move(where);
  e.message = std::move(message);
  return e;
}

std::string layer_path(int index) { return "layers[" + std::to_string(index) + "]"; }

std::string shape_text(const std::vector<int>& d) {
  std::string t = "[";
  for (std::size_t i = 0; i < d.size(); ++i) {
    t += (i ? ", " : "") + std::to_string(d[i]);
  }
  return t + "]";
}

// Input coordinate of tap k along one axis of window o, or -1 if padding.
int tap_coord(int o, int stride, int k, int dilation, int pad_before, int n) {
  const int v = o * stride + k * dilation - pad_before;
  return (v >= 0 && v < n) ? v : -1;
}

}  // namespace

// [SECTION] Element traces

Result<ElementTrace> trace_element(const Layer& layer, const Geometry2D& g, const Tensor& in, int y,
                                   int x, int c, int index) {
  if (y < 0 || y >= g.out_h || x < 0 || x >= g.out_w || c < 0 || c >= g.filters) {
    return make_error(layer_path(index), "output position (" + std::to_string(y) + ", " +
                                             std::to_string(x) + ", " + std::to_string(c) +
                                             ") is outside the output of shape " +
                                             shape_text({g.out_h, g.out_w, g.filters}));
  }
  if (in.shape.h != g.in_h || in.shape.w != g.in_w || in.shape.c != g.in_c ||
      in.data.size() != static_cast<std::size_t>(in.shape.elements())) {
    return make_error(layer_path(index), "the input tensor does not match the layer geometry");
  }
  const bool conv = is_conv(layer.type);
  ElementTrace t;
  t.type = layer.type;
  t.layer = index;
  t.y = y;
  t.x = x;
  t.c = c;
  t.geometry = g;
  t.step = y * g.out_w + x;
  t.origin_y = y * g.sh;
  t.origin_x = x * g.sw;
  t.activation = conv ? layer.activation : Activation::kLinear;

  const PoolKind kind = conv ? PoolKind::kMax : pool_kind(layer.type);
  const float neg_inf = -std::numeric_limits<float>::infinity();
  float running = conv ? 0.0f : (kind == PoolKind::kMax ? neg_inf : 0.0f);
  const int channels = conv ? g.in_c : 1;
  for (int ky = 0; ky < g.kh; ++ky) {
    for (int kx = 0; kx < g.kw; ++kx) {
      const int iy = tap_coord(y, g.sh, ky, g.dh, g.pad_top, g.in_h);
      const int ix = tap_coord(x, g.sw, kx, g.dw, g.pad_left, g.in_w);
      const bool pad = iy < 0 || ix < 0;
      for (int k = 0; k < channels; ++k) {
        const int ci = conv ? k : c;
        TraceTap tap;
        tap.ky = ky;
        tap.kx = kx;
        tap.ci = ci;
        tap.py = t.origin_y + ky * g.dh;
        tap.px = t.origin_x + kx * g.dw;
        tap.padding = pad;
        tap.iy = pad ? -1 : iy;
        tap.ix = pad ? -1 : ix;
        if (conv) {
          const std::size_t w_index =
              ((static_cast<std::size_t>(ky) * static_cast<std::size_t>(g.kw) +
                static_cast<std::size_t>(kx)) *
                   static_cast<std::size_t>(g.in_c) +
               static_cast<std::size_t>(ci)) *
                  static_cast<std::size_t>(g.filters) +
              static_cast<std::size_t>(c);
          tap.weight = layer.kernel[w_index];
          // Padding contributes nothing, whatever the weight (as the
          // reference and kernels do; see core/reference.cpp).
          tap.input = pad ? 0.0f : in.at(iy, ix, ci);
          tap.product = pad ? 0.0f : tap.input * tap.weight;
          if (!pad) running += tap.product;
        } else if (kind == PoolKind::kMax) {
          tap.input = pad ? neg_inf : in.at(iy, ix, ci);
          tap.product = tap.input;
          // NaN is sticky, as in the reference: the first NaN decides.
          if (!pad && !std::isnan(running) && (std::isnan(tap.input) || tap.input > running)) {
            running = tap.input;
            t.chosen_tap = static_cast<int>(t.taps.size());
          }
        } else {
          tap.input = pad ? 0.0f : in.at(iy, ix, ci);
          tap.product = tap.input;
          if (!pad) {
            running += tap.input;
            ++t.count_real;
          }
        }
        tap.running = running;
        t.taps.push_back(tap);
      }
    }
  }

  if (conv) {
    t.sum = running;
    t.has_bias = layer.use_bias;
    t.bias = layer.use_bias ? layer.bias[static_cast<std::size_t>(c)] : 0.0f;
    t.pre_activation = t.sum + t.bias;
    t.value = ref::activate(t.pre_activation, layer.activation);
  } else if (kind == PoolKind::kMax) {
    t.value = running;
  } else {
    t.pool_sum = running;
    t.count_window = g.kh * g.kw;
    t.count_include_pad = layer.count_include_pad;
    // A window with no real cell cannot occur with validated padding; the
    // reference defines it as 0, and so do we.
    t.value_keras = t.count_real ? running / static_cast<float>(t.count_real) : 0.0f;
    t.value_include_pad = running / static_cast<float>(t.count_window);
    t.divisor = static_cast<float>(layer.count_include_pad ? t.count_window : t.count_real);
    t.value = layer.count_include_pad ? t.value_include_pad : t.value_keras;
  }
  return t;
}

Result<ElementTrace> trace_scene_element(const Scene& scene, const SceneRun& run, int layer, int y,
                                         int x, int c) {
  if (layer < 0 || layer >= static_cast<int>(scene.layers.size()) ||
      layer >= static_cast<int>(run.plan.geometry.size())) {
    return make_error("layers", "layer " + std::to_string(layer) +
                                    " does not exist; the scene has " +
                                    std::to_string(scene.layers.size()) + " (counted from 0)");
  }
  const std::size_t l = static_cast<std::size_t>(layer);
  return trace_element(scene.layers[l], run.plan.geometry[l], layer_input(scene, run, layer), y, x,
                       c, layer);
}

// [SECTION] Stride walk

namespace {

// Fills uncovered/skipped lists for one axis, in input coordinates.
void walk_axis(int n, int before, int k, int s, int d, int out, std::vector<int>& uncovered,
               std::vector<int>& skipped) {
  std::vector<std::uint8_t> in_span(static_cast<std::size_t>(n), 0);
  std::vector<std::uint8_t> read(static_cast<std::size_t>(n), 0);
  const int eff = effective_kernel(k, d);
  for (int o = 0; o < out; ++o) {
    const int start = o * s - before;
    for (int i = 0; i < eff; ++i) {
      const int v = start + i;
      if (v < 0 || v >= n) continue;
      in_span[static_cast<std::size_t>(v)] = 1;
      if (i % d == 0) read[static_cast<std::size_t>(v)] = 1;
    }
  }
  for (int v = 0; v < n; ++v) {
    if (!in_span[static_cast<std::size_t>(v)]) {
      uncovered.push_back(v);
    } else if (!read[static_cast<std::size_t>(v)]) {
      skipped.push_back(v);
    }
  }
}

}  // namespace

StrideWalk stride_walk(const Geometry2D& g) {
  StrideWalk w;
  const int total = g.out_h * g.out_w;
  w.steps.reserve(static_cast<std::size_t>(total > 0 ? total : 0));
  for (int k = 0; k < total; ++k) w.steps.push_back(window_at_step(g, k));
  walk_axis(g.in_h, g.pad_top, g.kh, g.sh, g.dh, g.out_h, w.uncovered_rows, w.skipped_rows);
  walk_axis(g.in_w, g.pad_left, g.kw, g.sw, g.dw, g.out_w, w.uncovered_cols, w.skipped_cols);
  w.dropped_rows = uncovered_tail(g.in_h, g.pad_top, g.pad_bottom, g.kh, g.sh, g.dh);
  w.dropped_cols = uncovered_tail(g.in_w, g.pad_left, g.pad_right, g.kw, g.sw, g.dw);
  return w;
}

// [SECTION] Receptive fields

namespace {

CellMask empty_mask(const TensorShape& s, int channel) {
  CellMask m;
  m.h = s.h;
  m.w = s.w;
  m.channel = channel;
  m.on.assign(static_cast<std::size_t>(s.h) * static_cast<std::size_t>(s.w), 0);
  return m;
}

void mark(CellMask& m, int y, int x) {
  std::uint8_t& cell = m.on[static_cast<std::size_t>(y) * static_cast<std::size_t>(m.w) +
                            static_cast<std::size_t>(x)];
  if (cell) return;
  cell = 1;
  if (m.count == 0) {
    m.y0 = m.y1 = y;
    m.x0 = m.x1 = x;
  } else {
    m.y0 = std::min(m.y0, y);
    m.y1 = std::max(m.y1, y);
    m.x0 = std::min(m.x0, x);
    m.x1 = std::max(m.x1, x);
  }
  ++m.count;
}

Error check_cell(const ScenePlan& plan, int level, int layer, int y, int x, int c, bool& ok) {
  const TensorShape& s = plan.shapes[static_cast<std::size_t>(level)];
  ok = y >= 0 && y < s.h && x >= 0 && x < s.w && c >= 0 && c < s.c;
  if (ok) return {};
  return make_error(level == 0 ? std::string("input") : layer_path(layer),
                    "position (" + std::to_string(y) + ", " + std::to_string(x) + ", " +
                        std::to_string(c) + ") is outside the tensor of shape " +
                        shape_text({s.h, s.w, s.c}));
}

}  // namespace

Result<FieldStack> receptive_field(const Scene& scene, int layer, int y, int x, int c) {
  Result<ScenePlan> plan = validate_scene(scene);
  if (!plan) return plan.error();
  if (layer < 0 || layer >= static_cast<int>(scene.layers.size())) {
    return make_error("layers", "layer " + std::to_string(layer) +
                                    " does not exist; the scene has " +
                                    std::to_string(scene.layers.size()) + " (counted from 0)");
  }
  bool ok = false;
  Error e = check_cell(*plan, layer + 1, layer, y, x, c, ok);
  if (!ok) return e;
  FieldStack f;
  f.masks.resize(static_cast<std::size_t>(layer) + 2);
  CellMask top = empty_mask(plan->shapes[static_cast<std::size_t>(layer) + 1], c);
  mark(top, y, x);
  f.masks.back() = std::move(top);
  // Walk down: a marked output cell marks every real cell its taps read.
  for (int l = layer; l >= 0; --l) {
    const Geometry2D& g = plan->geometry[static_cast<std::size_t>(l)];
    const CellMask& above = f.masks[static_cast<std::size_t>(l) + 1];
    const bool conv = is_conv(scene.layers[static_cast<std::size_t>(l)].type);
    CellMask below =
        empty_mask(plan->shapes[static_cast<std::size_t>(l)], conv ? -1 : above.channel);
    for (int oy = 0; oy < above.h; ++oy) {
      for (int ox = 0; ox < above.w; ++ox) {
        if (!above.at(oy, ox)) continue;
        for (int ky = 0; ky < g.kh; ++ky) {
          const int iy = tap_coord(oy, g.sh, ky, g.dh, g.pad_top, g.in_h);
          if (iy < 0) continue;
          for (int kx = 0; kx < g.kw; ++kx) {
            const int ix = tap_coord(ox, g.sw, kx, g.dw, g.pad_left, g.in_w);
            if (ix >= 0) mark(below, iy, ix);
          }
        }
      }
    }
    f.masks[static_cast<std::size_t>(l)] = std::move(below);
  }
  return f;
}

Result<FieldStack> projective_field(const Scene& scene, int layer, int y, int x, int c) {
  Result<ScenePlan> plan = validate_scene(scene);
  if (!plan) return plan.error();
  if (layer < 0 || layer >= static_cast<int>(scene.layers.size())) {
    return make_error("layers", "layer " + std::to_string(layer) +
                                    " does not exist; the scene has " +
                                    std::to_string(scene.layers.size()) + " (counted from 0)");
  }
  bool ok = false;
  Error e = check_cell(*plan, 0, 0, y, x, c, ok);
  if (!ok) return e;
  FieldStack f;
  f.masks.resize(static_cast<std::size_t>(layer) + 2);
  f.masks[0] = empty_mask(plan->shapes[0], c);
  mark(f.masks[0], y, x);
  // Walk up: input cell i is read by tap k of window o when
  // o * s + k * d - pad_before == i, i.e. o = (i + pad_before - k * d) / s.
  for (int l = 0; l <= layer; ++l) {
    const Geometry2D& g = plan->geometry[static_cast<std::size_t>(l)];
    const CellMask& below = f.masks[static_cast<std::size_t>(l)];
    const bool conv = is_conv(scene.layers[static_cast<std::size_t>(l)].type);
    CellMask above =
        empty_mask(plan->shapes[static_cast<std::size_t>(l) + 1], conv ? -1 : below.channel);
    for (int iy = 0; iy < below.h; ++iy) {
      for (int ix = 0; ix < below.w; ++ix) {
        if (!below.at(iy, ix)) continue;
        for (int ky = 0; ky < g.kh; ++ky) {
          const int ny = iy + g.pad_top - ky * g.dh;
          if (ny < 0 || ny % g.sh != 0 || ny / g.sh >= g.out_h) continue;
          for (int kx = 0; kx < g.kw; ++kx) {
            const int nx = ix + g.pad_left - kx * g.dw;
            if (nx < 0 || nx % g.sw != 0 || nx / g.sw >= g.out_w) continue;
            mark(above, ny / g.sh, nx / g.sw);
          }
        }
      }
    }
    f.masks[static_cast<std::size_t>(l) + 1] = std::move(above);
  }
  return f;
}

// [SECTION] Keras and PyTorch lines

namespace {

std::string pair_text(int a, int b) {
  return "(" + std::to_string(a) + ", " + std::to_string(b) + ")";
}

// Keras accepts an int for equal sizes; 1D layers take a single int.
std::string keras_size(const Layer& l, const std::array<int, 2>& s) {
  if (is_1d(l.type) || s[0] == s[1]) return std::to_string(s[1]);
  return pair_text(s[0], s[1]);
}

bool pads_are_zero(const Geometry2D& g) {
  return g.pad_top == 0 && g.pad_bottom == 0 && g.pad_left == 0 && g.pad_right == 0;
}

// Pads for modes whose split does not depend on the input size.
std::array<int, 4> fixed_pads(const Layer& l) {
  if (l.padding == PaddingMode::kExplicit) return l.pads;
  if (l.padding == PaddingMode::kFull) {
    const PadSplit v = full_padding(l.kernel_size[0], l.dilation_rate[0]);
    const PadSplit h = full_padding(l.kernel_size[1], l.dilation_rate[1]);
    return {is_1d(l.type) ? 0 : v.before, is_1d(l.type) ? 0 : v.after, h.before, h.after};
  }
  return {0, 0, 0, 0};
}

std::string keras_zero_padding(const Layer& l, const std::array<int, 4>& p) {
  if (is_1d(l.type)) {
    return "keras.layers.ZeroPadding1D(padding=" + pair_text(p[2], p[3]) + ")";
  }
  return "keras.layers.ZeroPadding2D(padding=(" + pair_text(p[0], p[1]) + ", " +
         pair_text(p[2], p[3]) + "))";
}

const char* torch_dim(const Layer& l) { return is_1d(l.type) ? "1d" : "2d"; }

}  // namespace

std::string keras_line(const Layer& l) {
  const bool one_d = is_1d(l.type);
  const bool padded_outside =
      l.padding == PaddingMode::kFull ||
      (l.padding == PaddingMode::kExplicit && l.pads != std::array<int, 4>{0, 0, 0, 0});
  std::string out;
  if (padded_outside) {
    if (!is_conv(l.type)) {
      if (pool_kind(l.type) == PoolKind::kMax) {
        out +=
            "# Keras has no -inf padding: ZeroPadding matches only when "
            "every input is >= 0\n";
      } else if (!l.count_include_pad) {
        out +=
            "# Keras cannot pad without counting the padding: this line "
            "divides by the whole window (count_include_pad)\n";
      }
    }
    out += keras_zero_padding(l, fixed_pads(l)) + "\n";
  }
  const std::string padding = padded_outside ? "valid" : padding_mode_name(l.padding);
  if (is_conv(l.type)) {
    if ((l.strides[0] > 1 || l.strides[1] > 1) &&
        (l.dilation_rate[0] > 1 || l.dilation_rate[1] > 1)) {
      out +=
          "# Keras refuses strides > 1 together with dilation_rate > 1; "
          "PyTorch computes it\n";
    }
    out +=
        std::string("keras.layers.") + layer_type_name(l.type) + "(" + std::to_string(l.filters) +
        ", kernel_size=" +
        (one_d ? std::to_string(l.kernel_size[1]) : pair_text(l.kernel_size[0], l.kernel_size[1])) +
        ", strides=" + keras_size(l, l.strides) + ", padding='" + padding + "'";
    if (l.dilation_rate[0] != 1 || l.dilation_rate[1] != 1) {
      out += ", dilation_rate=" + keras_size(l, l.dilation_rate);
    }
    if (l.activation != Activation::kLinear) {
      out += std::string(", activation='") + activation_name(l.activation) + "'";
    }
    if (!l.use_bias) out += ", use_bias=False";
    return out + ")";
  }
  // Keras has no count_include_pad: 'same' that counts the padding is
  // ZeroPadding with the TF split, then 'valid' (the split depends on the
  // input size, which keras_line does not know; see pytorch_line for numbers).
  if (pool_kind(l.type) == PoolKind::kAverage && l.count_include_pad &&
      l.padding == PaddingMode::kSame) {
    out +=
        "# Keras divides by the real cells; to count the padding use "
        "ZeroPadding" +
        std::string(one_d ? "1D" : "2D") + " with the 'same' split, then padding='valid'\n";
  }
  out +=
      std::string("keras.layers.") + layer_type_name(l.type) + "(" + keras_size(l, l.kernel_size);
  if (l.strides != l.kernel_size) out += ", strides=" + keras_size(l, l.strides);
  if (padding != "valid") out += ", padding='" + padding + "'";
  return out + ")";
}

std::string pytorch_line(const Layer& l, const TensorShape& in) {
  Result<Geometry2D> rg = layer_geometry(l, in);
  if (!rg) return "# " + to_string(rg.error());
  const Geometry2D& g = *rg;
  const bool one_d = is_1d(l.type);
  const bool conv = is_conv(l.type);
  const bool symmetric = g.pad_top == g.pad_bottom && g.pad_left == g.pad_right;
  // PyTorch pooling refuses padding above half the window.
  const bool pool_pad_ok = conv || (2 * g.pad_top <= g.kh && 2 * g.pad_left <= g.kw);
  const bool inline_pad = symmetric && pool_pad_ok;
  const std::string dim = torch_dim(l);
  const std::string size = one_d ? std::to_string(g.kw) : pair_text(g.kh, g.kw);
  const std::string stride = one_d ? std::to_string(g.sw) : pair_text(g.sh, g.sw);
  std::string pad_arg = "0";
  if (inline_pad) pad_arg = one_d ? std::to_string(g.pad_left) : pair_text(g.pad_top, g.pad_left);
  const std::string pad_tuple =
      one_d ? pair_text(g.pad_left, g.pad_right)
            : "(" + std::to_string(g.pad_left) + ", " + std::to_string(g.pad_right) + ", " +
                  std::to_string(g.pad_top) + ", " + std::to_string(g.pad_bottom) + ")";
  std::string out;
  const bool avg = !conv && pool_kind(l.type) == PoolKind::kAverage;
  if (!inline_pad && !pads_are_zero(g)) {
    // nn.ZeroPad1d only exists from PyTorch 2.1; ConstantPad1d always did.
    const std::string zero_pad =
        one_d ? "nn.ConstantPad1d(" + pad_tuple + ", 0.0)\n" : "nn.ZeroPad2d(" + pad_tuple + ")\n";
    if (conv) {
      out += zero_pad;
    } else if (!avg) {
      out += "nn.ConstantPad" + dim + "(" + pad_tuple + ", float('-inf'))\n";
    } else {
      if (!l.count_include_pad) {
        out +=
            "# PyTorch cannot pad unevenly without counting the padding; "
            "Keras divides by the real cells only\n";
      }
      out += zero_pad;
    }
  }
  if (conv) {
    out += "# weights: torch_kernel = keras_kernel.permute(" +
           std::string(one_d ? "2, 1, 0" : "3, 2, 0, 1") + ")\n";
    out += "nn.Conv" + dim + "(" + std::to_string(g.in_c) + ", " + std::to_string(g.filters) +
           ", kernel_size=" + size + ", stride=" + stride + ", padding=" + pad_arg;
    if (g.dh != 1 || g.dw != 1) {
      out += ", dilation=" + (one_d ? std::to_string(g.dw) : pair_text(g.dh, g.dw));
    }
    if (!l.use_bias) out += ", bias=False";
    out += ")";
    switch (l.activation) {
      case Activation::kLinear:
        break;
      case Activation::kRelu:
        out += "\nnn.ReLU()";
        break;
      case Activation::kSigmoid:
        out += "\nnn.Sigmoid()";
        break;
      case Activation::kTanh:
        out += "\nnn.Tanh()";
        break;
    }
    return out;
  }
  if (!avg) {
    return out + "nn.MaxPool" + dim + "(kernel_size=" + size + ", stride=" + stride +
           ", padding=" + pad_arg + ")";
  }
  return out + "nn.AvgPool" + dim + "(kernel_size=" + size + ", stride=" + stride +
         ", padding=" + pad_arg +
         ", count_include_pad=" + (l.count_include_pad ? "True" : "False") + ")";
}

}  // namespace cs
