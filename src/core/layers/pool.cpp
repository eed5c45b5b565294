// pool.cpp - the pooling family: MaxPooling2D/1D and AveragePooling2D/1D.
// Each channel on its own: max pads with -inf (padding never wins), average
// divides the sum of the real cells by their count, as Keras/TF do
// (count_include_pad: by the whole window, PyTorch's default, so the UI can
// contrast them). Keras: pool_size defaults to 2, strides to pool_size.
//
// [SECTION] Table rows
// [SECTION] Shape and forward
// [SECTION] Trace and explain
// [SECTION] Code lines

#include <cmath>
#include <limits>

#include "core/errors.h"
#include "core/json.h"
#include "core/layers/window.h"
#include "core/reference.h"
#include "core/validate.h"
#include "kernels/kernels.h"

namespace cs {

namespace {

PoolKind kind_of(const Layer& l) { return static_cast<PoolKind>(layer_info(l.type).variant); }

class PoolFamily final : public Family {
 public:
  bool slides_window() const override { return true; }
  bool pools() const override { return true; }
  void normalise(Layer& l) const override {
    // Keras' strides=None (or no strides) means pool_size.
    if (l.strides == kSizeNone) l.strides = l.kernel_size;
    l.use_bias = false;
  }
  Result<LayerPlan> plan(const Layer& l, const TensorShape& in, const std::string& at) const override;
  void forward(const Layer& l, const LayerPlan& p, Backend b, const float* in, float*,
               float* out) const override {
    if (b == Backend::kReference) {
      ref::pool2d(p.g, kind_of(l), l.count_include_pad, in, out);
    } else {
      pool2d_f32(p.g, kind_of(l), l.count_include_pad, in, out);
    }
  }
  Result<ElementTrace> trace(const Layer& l, const LayerPlan& p, const Tensor& in, int y, int x,
                             int c) const override;
  std::string explain(const ElementTrace& t) const override;
  void backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                      const BatchGrad& g) const override {
    // Max: to the chosen cell; average: over the real cells (Keras' count).
    window::pool_backward_batch(p.g, kind_of(l), l.count_include_pad, p, b, g);
  }
  void field_down(const Layer&, const LayerPlan& p, const CellMask& above,
                  CellMask* below) const override {
    window::field_down(p.g, true, above, below);
  }
  void field_up(const Layer&, const LayerPlan& p, const CellMask& below,
                CellMask* above) const override {
    window::field_up(p.g, true, below, above);
  }
  std::string keras_line(const Layer& l) const override;
  std::string pytorch_line(const Layer& l, const LayerPlan& p) const override;
};

const PoolFamily kPoolFamily;

// [SECTION] Table rows

constexpr KeyDef kMaxKeys[] = {
    size_key("pool_size", &Layer::kernel_size, "2", 1, limits::kMaxKernel),
    size_key("strides", &Layer::strides, "null", 1, limits::kMaxStride, KeyKind::kSizeOrNull),
    padding_key("\"valid\""),
    fixed_key("data_format", KeyKind::kChannelsLast),
};
constexpr KeyDef kAverageKeys[] = {
    size_key("pool_size", &Layer::kernel_size, "2", 1, limits::kMaxKernel),
    size_key("strides", &Layer::strides, "null", 1, limits::kMaxStride, KeyKind::kSizeOrNull),
    padding_key("\"valid\""),
    scoped(bool_key("count_include_pad", &Layer::count_include_pad, "false"), KeyScope::kConvScope),
    fixed_key("data_format", KeyKind::kChannelsLast),
};

constexpr int kMax = static_cast<int>(PoolKind::kMax);
constexpr int kAverage = static_cast<int>(PoolKind::kAverage);

}  // namespace

extern const LayerInfo kMaxPooling2DInfo = {LayerType::kMaxPooling2D, "MaxPooling2D",
                                            "max_pooling2d", 3, kMax, kMaxKeys, {}, &kPoolFamily};
extern const LayerInfo kAveragePooling2DInfo = {LayerType::kAveragePooling2D, "AveragePooling2D",
                                                "average_pooling2d", 3, kAverage, kAverageKeys, {},
                                                &kPoolFamily};
extern const LayerInfo kMaxPooling1DInfo = {LayerType::kMaxPooling1D, "MaxPooling1D",
                                            "max_pooling1d", 2, kMax, kMaxKeys, {}, &kPoolFamily};
extern const LayerInfo kAveragePooling1DInfo = {LayerType::kAveragePooling1D, "AveragePooling1D",
                                                "average_pooling1d", 2, kAverage, kAverageKeys, {},
                                                &kPoolFamily};

namespace {

// [SECTION] Shape and forward

Result<LayerPlan> PoolFamily::plan(const Layer& l, const TensorShape& in,
                                   const std::string& at) const {
  // Fields of other types, set by code that builds layers by hand.
  if (l.dilation_rate != std::array<int, 2>{1, 1}) {
    return make_error(at + ".dilation_rate", "pooling layers have no dilation", "pool_no_dilation");
  }
  if (l.count_include_pad && kind_of(l) != PoolKind::kAverage) {
    return make_error(at + ".count_include_pad", "only average pooling has count_include_pad",
                      "count_include_pad_not_average");
  }
  if (!l.bias.empty() || !l.kernel.empty()) {
    return make_error(at + (l.bias.empty() ? ".kernel" : ".bias"), "pooling layers have no weights",
                      "pool_no_weights");
  }
  Result<Geometry2D> g = window::geometry(l, in, in.c, window::What::kPool, at);
  if (!g) return g.error();
  return LayerPlan{in, window::output_shape(l, *g), *g};
}

// [SECTION] Trace and explain

Result<ElementTrace> PoolFamily::trace(const Layer& l, const LayerPlan& p, const Tensor& in, int y,
                                       int x, int c) const {
  ElementTrace t;
  window::start_trace(l, p.g, 1, c, y, x, c, &t);
  const bool max = kind_of(l) == PoolKind::kMax;
  const float neg_inf = -std::numeric_limits<float>::infinity();
  float running = max ? neg_inf : 0.0f;
  MaxDetail m;
  AverageDetail a;
  for (std::size_t i = 0; i < t.taps.size(); ++i) {
    TraceTap& tap = t.taps[i];
    tap.input = tap.padding ? (max ? neg_inf : 0.0f) : in.at(tap.iy, tap.ix, tap.ci);
    tap.product = tap.input;
    if (max) {
      // NaN is sticky, as in the reference: the first NaN decides.
      if (!tap.padding && !std::isnan(running) && (std::isnan(tap.input) || tap.input > running)) {
        running = tap.input;
        m.chosen_tap = static_cast<int>(i);
      }
    } else if (!tap.padding) {
      running += tap.input;
      ++a.count_real;
    }
    tap.running = running;
  }
  if (max) {
    t.value = running;
    t.detail = m;
    return t;
  }
  a.sum = running;
  a.count_window = p.g.kh * p.g.kw;
  a.count_include_pad = l.count_include_pad;
  // A window with no real cell cannot occur with validated padding; the
  // reference defines it as 0, and so do we.
  a.value_keras = a.count_real ? running / static_cast<float>(a.count_real) : 0.0f;
  a.value_include_pad = running / static_cast<float>(a.count_window);
  a.divisor = static_cast<float>(l.count_include_pad ? a.count_window : a.count_real);
  t.value = l.count_include_pad ? a.value_include_pad : a.value_keras;
  t.detail = a;
  return t;
}

std::string PoolFamily::explain(const ElementTrace& t) const {
  const bool max = t.max() != nullptr;
  std::string s = window::explain_header(t, false, max);
  std::string terms;
  for (std::size_t i = 0; i < t.taps.size(); ++i) {
    const TraceTap& p = t.taps[i];
    terms += i ? (max ? ", " : " + ") : "";
    terms += p.padding ? (max ? "-inf (pad)" : "pad") : number_text(p.input);
  }
  if (max) {
    s += "max(" + terms + ") = " + number_text(t.value);
    if (t.max()->chosen_tap >= 0) {
      const TraceTap& c = t.taps[static_cast<std::size_t>(t.max()->chosen_tap)];
      s += "   from input " +
           (is_1d(t.type) ? "(" + istr(c.ix) + ")" : "(" + istr(c.iy) + ", " + istr(c.ix) + ")");
    }
    return s + "\n";
  }
  const AverageDetail& a = *t.average();
  s += "(" + terms + ") / ";
  if (a.count_include_pad) {
    return s + istr(a.count_window) + " window cells = " + number_text(t.value) +
           "   (count_include_pad; Keras divides by " + istr(a.count_real) +
           (a.count_real == 1 ? " real cell: " : " real cells: ") + number_text(a.value_keras) + ")\n";
  }
  s += istr(a.count_real) + (a.count_real == 1 ? " real cell = " : " real cells = ") +
       number_text(t.value);
  if (a.count_real != a.count_window) {
    s += "   (count_include_pad would divide by " + istr(a.count_window) + ": " +
         number_text(a.value_include_pad) + ")";
  }
  return s + "\n";
}

// [SECTION] Code lines

std::string PoolFamily::keras_line(const Layer& l) const {
  const bool outside = window::padded_outside(l);
  const bool average = kind_of(l) == PoolKind::kAverage;
  std::string out;
  if (outside) {
    if (!average) {
      out += "# Keras has no -inf padding: ZeroPadding matches only when every input is >= 0\n";
    } else if (!l.count_include_pad) {
      out += "# Keras cannot pad without counting the padding: this line divides by the whole "
             "window (count_include_pad)\n";
    }
    out += window::keras_zero_padding(l, window::fixed_pads(l)) + "\n";
  }
  // Keras has no count_include_pad: 'same' that counts the padding is
  // ZeroPadding with the TF split, then 'valid' (the split depends on the
  // input size, which keras_line does not know; see pytorch_line for numbers).
  if (average && l.count_include_pad && l.padding == PaddingMode::kSame) {
    out += "# Keras divides by the real cells; to count the padding use ZeroPadding" +
           std::string(is_1d(l.type) ? "1D" : "2D") +
           " with the 'same' split, then padding='valid'\n";
  }
  const std::string padding = outside ? "valid" : padding_mode_name(l.padding);
  out += std::string("keras.layers.") + layer_type_name(l.type) + "(" +
         window::keras_size(l, l.kernel_size);
  if (l.strides != l.kernel_size) out += ", strides=" + window::keras_size(l, l.strides);
  if (padding != "valid") out += ", padding='" + padding + "'";
  return out + ")";
}

std::string PoolFamily::pytorch_line(const Layer& l, const LayerPlan& p) const {
  const Geometry2D& g = p.g;
  const bool one_d = is_1d(l.type);
  const bool average = kind_of(l) == PoolKind::kAverage;
  const bool symmetric = g.pad_top == g.pad_bottom && g.pad_left == g.pad_right;
  // PyTorch pooling refuses padding above half the window.
  const bool inline_pad = symmetric && 2 * g.pad_top <= g.kh && 2 * g.pad_left <= g.kw;
  const std::string dim = one_d ? "1d" : "2d";
  const auto axes = [&](int a, int b) { return one_d ? istr(b) : window::pair_text(a, b); };
  const std::string pad_tuple =
      one_d ? window::pair_text(g.pad_left, g.pad_right)
            : "(" + istr(g.pad_left) + ", " + istr(g.pad_right) + ", " + istr(g.pad_top) + ", " +
                  istr(g.pad_bottom) + ")";
  std::string out;
  if (!inline_pad && !window::pads_are_zero(g)) {
    if (!average) {
      out += "nn.ConstantPad" + dim + "(" + pad_tuple + ", float('-inf'))\n";
    } else {
      if (!l.count_include_pad) {
        out += "# PyTorch cannot pad unevenly without counting the padding; Keras divides by "
               "the real cells only\n";
      }
      out += one_d ? "nn.ConstantPad1d(" + pad_tuple + ", 0.0)\n" : "nn.ZeroPad2d(" + pad_tuple + ")\n";
    }
  }
  const std::string args = "(kernel_size=" + axes(g.kh, g.kw) + ", stride=" + axes(g.sh, g.sw) +
                           ", padding=" + (inline_pad ? axes(g.pad_top, g.pad_left) : "0");
  if (!average) return out + "nn.MaxPool" + dim + args + ")";
  return out + "nn.AvgPool" + dim + args +
         ", count_include_pad=" + (l.count_include_pad ? "True" : "False") + ")";
}

}  // namespace

}  // namespace cs
