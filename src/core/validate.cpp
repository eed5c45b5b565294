// validate.cpp - limits, per-layer geometry and shape propagation.
// Every message names the value, the allowed range and what was given, and
// every `where` is the JSON path of the key to fix. Every error also carries
// a code and its arguments (result.h) for the catalogue's "err.<code>".

#include "core/validate.h"

#include <string>

namespace cs {

namespace {

std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string shape_text(const TensorShape& s) {
  std::string t = "[";
  const std::vector<int> d = s.dims();
  for (std::size_t i = 0; i < d.size(); ++i) {
    t += (i ? ", " : "") + std::to_string(d[i]);
  }
  return t + "]";
}

Error make_error(std::string where, std::string message, const char* code,
                 std::vector<std::string> args = {}) {
  Error e;
  e.where = std::move(where);
  e.message = std::move(message);
  e.code = code;
  e.args = std::move(args);
  return e;
}

std::string num(std::int64_t n) { return std::to_string(n); }

// Checks lo <= v[i] <= hi for the axes a layer has; 1D layers have only the
// column axis (index 1), and their row entry must be the neutral 1.
bool check_axes(const std::array<int, 2>& v, bool one_d, int lo, int hi, const std::string& where,
                const char* what, Error& err) {
  if (one_d && v[0] != 1) {
    err = make_error(where,
                     std::string("a 1D layer's ") + what +
                         " has one axis; the row entry must be 1, got " + std::to_string(v[0]),
                     "one_d_row_entry", {what, num(v[0])});
    return false;
  }
  for (int i = one_d ? 1 : 0; i < 2; ++i) {
    if (v[static_cast<std::size_t>(i)] < lo || v[static_cast<std::size_t>(i)] > hi) {
      err = make_error(
          where,
          std::string(what) + " must be between " + std::to_string(lo) + " and " +
              std::to_string(hi) + ", got " + std::to_string(v[static_cast<std::size_t>(i)]),
          "value_out_of_range", {what, num(lo), num(hi), num(v[static_cast<std::size_t>(i)])});
      return false;
    }
  }
  return true;
}

}  // namespace

Result<Geometry2D> layer_geometry(const Layer& layer, const TensorShape& in, int index) {
  const std::string at = "layers[" + std::to_string(index) + "]";
  const auto key = [&](const char* k) { return at + "." + k; };
  const bool one_d = is_1d(layer.type);
  const bool conv = is_conv(layer.type);
  const char* size_key = conv ? "kernel_size" : "pool_size";
  Error err;

  // Keras' rank rule: 1D layers take (steps, channels), 2D layers HWC.
  if (one_d != in.one_d) {
    return make_error(
        key("type"),
        std::string(layer_type_name(layer.type)) + " needs " +
            (one_d ? "a [steps, channels] input" : "a [rows, columns, channels] input") +
            " but receives shape " + shape_text(in) +
            (one_d ? " (use Conv2D/pooling 2D, or a 2-entry input shape)"
                   : " (a 1D tensor; use the 1D layer types)"),
        "layer_rank_mismatch", {layer_type_name(layer.type), one_d ? "1" : "0", shape_text(in)});
  }
  if (in.h < 1 || in.w < 1 || in.c < 1) {
    return make_error(at, "receives an empty tensor " + shape_text(in), "empty_input_tensor",
                      {shape_text(in)});
  }
  if (conv && (layer.filters < 1 || layer.filters > limits::kMaxFilters)) {
    return make_error(key("filters"),
                      "must be between 1 and " + std::to_string(limits::kMaxFilters) + ", got " +
                          std::to_string(layer.filters),
                      "value_out_of_range",
                      {"", "1", num(limits::kMaxFilters), num(layer.filters)});
  }
  if (!check_axes(layer.kernel_size, one_d, 1, limits::kMaxKernel, key(size_key), size_key, err) ||
      !check_axes(layer.strides, one_d, 1, limits::kMaxStride, key("strides"), "strides", err)) {
    return err;
  }
  if (conv) {
    if (!check_axes(layer.dilation_rate, one_d, 1, limits::kMaxDilation, key("dilation_rate"),
                    "dilation_rate", err)) {
      return err;
    }
  } else if (layer.dilation_rate[0] != 1 || layer.dilation_rate[1] != 1) {
    return make_error(key("dilation_rate"), "pooling layers have no dilation", "pool_no_dilation");
  }
  if (layer.count_include_pad && pool_kind(layer.type) != PoolKind::kAverage) {
    return make_error(key("count_include_pad"), "only average pooling has count_include_pad",
                      "count_include_pad_not_average");
  }
  if (!conv && (!layer.bias.empty() || !layer.kernel.empty())) {
    return make_error(key(layer.bias.empty() ? "kernel" : "bias"), "pooling layers have no weights",
                      "pool_no_weights");
  }

  Geometry2D g;
  g.in_h = in.h;
  g.in_w = in.w;
  g.in_c = in.c;
  g.filters = conv ? layer.filters : in.c;
  g.kh = layer.kernel_size[0];
  g.kw = layer.kernel_size[1];
  g.sh = layer.strides[0];
  g.sw = layer.strides[1];
  g.dh = conv ? layer.dilation_rate[0] : 1;
  g.dw = conv ? layer.dilation_rate[1] : 1;
  const int eff_h = effective_kernel(g.kh, g.dh);
  const int eff_w = effective_kernel(g.kw, g.dw);

  if (layer.padding == PaddingMode::kExplicit) {
    // More than eff_k - 1 cells of padding would create windows made only of
    // padding (an average over zero cells), so it is refused.
    static const char* const kSide[4] = {"top", "bottom", "left", "right"};
    for (int i = 0; i < 4; ++i) {
      const int p = layer.pads[static_cast<std::size_t>(i)];
      const bool rows = i < 2;
      if (one_d && rows && p != 0) {
        return make_error(key("padding"), "a 1D layer has no top/bottom padding",
                          "one_d_no_vertical_padding");
      }
      const int eff = rows ? eff_h : eff_w;
      if (p < 0 || p > eff - 1) {
        return make_error(key("padding"),
                          std::string(kSide[i]) + " padding must be between 0 and " +
                              std::to_string(eff - 1) + " (the " +
                              (conv ? "kernel" : "pooling window") + " spans " +
                              plural(eff, rows ? "row" : (one_d ? "step" : "column"),
                                     rows ? "rows" : (one_d ? "steps" : "columns")) +
                              "), got " + std::to_string(p),
                          "pad_out_of_range",
                          {kSide[i], num(eff - 1), conv ? "kernel" : "pool", num(eff),
                           rows ? "row" : (one_d ? "step" : "column"), num(p)});
      }
    }
    g.pad_top = layer.pads[0];
    g.pad_bottom = layer.pads[1];
    g.pad_left = layer.pads[2];
    g.pad_right = layer.pads[3];
  } else if (layer.pads != std::array<int, 4>{0, 0, 0, 0}) {
    return make_error(key("padding"),
                      "explicit pads are set but the mode is \"" +
                          std::string(padding_mode_name(layer.padding)) + "\"",
                      "pads_without_explicit", {padding_mode_name(layer.padding)});
  }
  g = resolve_geometry(g, layer.padding);

  if (conv) {
    // All factors are bounded above, so this cannot overflow.
    const std::int64_t want = std::int64_t{g.kh} * g.kw * g.in_c * g.filters;
    if (want > limits::kMaxElements) {
      return make_error(key("kernel"),
                        std::to_string(want) +
                            " weights; the limit is 67108864 "
                            "(64 M) per tensor",
                        "kernel_too_many_weights", {num(want)});
    }
    if (static_cast<std::int64_t>(layer.kernel.size()) != want) {
      const std::string sizes = one_d
                                    ? std::to_string(g.kw) + "x" + std::to_string(g.in_c) + "x" +
                                          std::to_string(g.filters)
                                    : std::to_string(g.kh) + "x" + std::to_string(g.kw) + "x" +
                                          std::to_string(g.in_c) + "x" + std::to_string(g.filters);
      const std::string dims =
          sizes + (one_d ? ", WIO: kernel width x input "
                           "channels x filters"
                         : ", HWIO: kernel rows x kernel columns x input channels x "
                           "filters");
      return make_error(key("kernel"),
                        "expected " + std::to_string(want) + " numbers (" + dims + "), got " +
                            std::to_string(layer.kernel.size()),
                        "kernel_count",
                        {num(want), sizes, one_d ? "1" : "0",
                         num(static_cast<std::int64_t>(layer.kernel.size()))});
    }
    const std::size_t want_bias = layer.use_bias ? static_cast<std::size_t>(g.filters) : 0;
    if (layer.bias.size() != want_bias) {
      if (!layer.use_bias) {
        return make_error(key("bias"), "given, but use_bias is false", "bias_without_use_bias");
      }
      return make_error(key("bias"),
                        "expected " + std::to_string(want_bias) +
                            " numbers (one per filter), got " + std::to_string(layer.bias.size()),
                        "bias_count",
                        {num(static_cast<std::int64_t>(want_bias)),
                         num(static_cast<std::int64_t>(layer.bias.size()))});
    }
  }

  // The dilated kernel must fit in the padded input on both axes.
  struct Axis {
    int n, before, after, eff, k;
    const char *one, *many;  // the unit in English; `one` is also its code
  };
  const Axis axes[2] = {{g.in_h, g.pad_top, g.pad_bottom, eff_h, g.kh, "row", "rows"},
                        {g.in_w, g.pad_left, g.pad_right, eff_w, g.kw, one_d ? "step" : "column",
                         one_d ? "steps" : "columns"}};
  for (const Axis& a : axes) {
    const int padded = a.n + a.before + a.after;
    if (a.eff <= padded) continue;
    const bool dilated = a.eff != a.k;
    const std::string window =
        conv ? (dilated ? "the dilated kernel" : "the kernel") : "the pooling window";
    const int pad = a.before + a.after;
    return make_error(at,
                      window + " spans " + plural(a.eff, a.one, a.many) +
                          " but the padded input has only " + std::to_string(padded) + " (" +
                          plural(a.n, a.one, a.many) +
                          (pad ? " + " + std::to_string(pad) + " padding" : ", no padding") + ")",
                      "kernel_exceeds_padded_input",
                      {conv ? (dilated ? "dilated_kernel" : "kernel") : "pool", num(a.eff), a.one,
                       num(padded), num(a.n), num(pad)});
  }

  if (g.out_h > limits::kMaxSpatial || g.out_w > limits::kMaxSpatial) {
    return make_error(at,
                      "the output would be " + std::to_string(g.out_h) + "x" +
                          std::to_string(g.out_w) + "; the limit is " +
                          std::to_string(limits::kMaxSpatial) + " per axis",
                      "output_too_large", {num(g.out_h), num(g.out_w), num(limits::kMaxSpatial)});
  }
  const std::int64_t out_elems = std::int64_t{g.out_h} * g.out_w * g.filters;
  if (out_elems > limits::kMaxElements) {
    return make_error(at,
                      "the output would have " + std::to_string(out_elems) +
                          " elements; the limit is 67108864 (64 M) per "
                          "tensor",
                      "output_too_many_elements", {num(out_elems)});
  }
  return g;
}

TensorShape layer_output_shape(const Layer& layer, const Geometry2D& g) {
  return TensorShape{g.out_h, g.out_w, g.filters, is_1d(layer.type)};
}

Result<TensorShape> check_input_shape(const TensorShape& s) {
  const std::vector<int> dims = s.dims();
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const bool channel = i + 1 == dims.size();
    const int hi = channel ? limits::kMaxInputChannels : limits::kMaxSpatial;
    if (dims[i] < 1 || dims[i] > hi) {
      const char* what = channel ? "channels" : s.one_d ? "steps" : i == 0 ? "rows" : "columns";
      return make_error("input.shape[" + std::to_string(i) + "]",
                        std::string(what) + " must be between 1 and " + std::to_string(hi) +
                            ", got " + std::to_string(dims[i]),
                        "input_dim_out_of_range", {what, "1", num(hi), num(dims[i])});
    }
  }
  if (s.one_d && s.h != 1) {
    return make_error("input.shape", "a 1D input has h == 1", "one_d_input_height");
  }
  if (s.elements() > limits::kMaxElements) {
    return make_error("input.shape",
                      std::to_string(s.elements()) +
                          " elements; the limit is 67108864 "
                          "(64 M) per tensor",
                      "input_too_many_elements", {num(s.elements())});
  }
  return s;
}

Result<ScenePlan> validate_scene(const Scene& scene) {
  const TensorShape& s = scene.input.shape;
  Result<TensorShape> checked = check_input_shape(s);
  if (!checked) return checked.error();
  if (static_cast<std::int64_t>(scene.input.data.size()) != s.elements()) {
    return make_error("input.data",
                      "expected " + std::to_string(s.elements()) + " numbers, got " +
                          std::to_string(scene.input.data.size()),
                      "input_data_count",
                      {num(s.elements()), num(static_cast<std::int64_t>(scene.input.data.size()))});
  }
  if (scene.layers.size() > static_cast<std::size_t>(limits::kMaxLayers)) {
    return make_error(
        "layers",
        std::to_string(scene.layers.size()) + " layers; the limit is " +
            std::to_string(limits::kMaxLayers),
        "too_many_layers",
        {num(static_cast<std::int64_t>(scene.layers.size())), num(limits::kMaxLayers)});
  }
  ScenePlan plan;
  plan.shapes.push_back(s);
  for (std::size_t i = 0; i < scene.layers.size(); ++i) {
    const Layer& layer = scene.layers[i];
    Result<Geometry2D> g = layer_geometry(layer, plan.shapes.back(), static_cast<int>(i));
    if (!g) return g.error();
    plan.geometry.push_back(*g);
    plan.shapes.push_back(layer_output_shape(layer, *g));
  }
  return plan;
}

std::int64_t layer_param_count(const Layer& layer, const Geometry2D& g) {
  if (!is_conv(layer.type)) return 0;
  return conv_param_count(g.kh, g.kw, g.in_c, g.filters, layer.use_bias);
}

std::int64_t layer_macs(const Layer& layer, const Geometry2D& g) {
  if (!is_conv(layer.type)) return 0;
  return conv_macs(g.out_h, g.out_w, g.kh, g.kw, g.in_c, g.filters);
}

}  // namespace cs
