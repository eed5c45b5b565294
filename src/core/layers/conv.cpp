// conv.cpp - the convolution family: Conv2D and Conv1D.
// out[y, x, f] = activation(sum over (ky, kx, ci) of in[y*s + ky*d - pad,
// x*s + kx*d - pad, ci] * kernel[ky, kx, ci, f] + bias[f]); padding taps
// add nothing. The kernel is Keras' HWIO (1D: WIO).
//
// [SECTION] Table rows
// [SECTION] Shape and forward
// [SECTION] Trace and explain
// [SECTION] Code lines

#include <cmath>

#include "core/activation.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/layers/window.h"
#include "core/reference.h"
#include "core/validate.h"
#include "kernels/kernels.h"

namespace cs {

namespace {

class ConvFamily final : public Family {
 public:
  bool slides_window() const override { return true; }
  bool has_image_filters(const Layer& l) const override { return layer_info(l.type).input_rank == 3; }
  std::vector<int> weight_dims(const Layer& l, int index, int in_c) const override {
    if (index == 1) return {l.filters};
    if (is_1d(l.type)) return {l.kernel_size[1], in_c, l.filters};
    return {l.kernel_size[0], l.kernel_size[1], in_c, l.filters};
  }
  std::vector<const char*> weight_axis_names(const Layer& l, int index) const override {
    if (index == 1) return {"filters"};
    if (is_1d(l.type)) return {"kernel width", "input channels", "filters"};
    return {"kernel rows", "kernel columns", "input channels", "filters"};
  }
  WeightLayout weight_layout(const Layer& l, int index) const override {
    if (index == 1) return {"per_filter", "one per filter"};
    if (is_1d(l.type)) return {"wio", "WIO: kernel width x input channels x filters"};
    return {"hwio", "HWIO: kernel rows x kernel columns x input channels x filters"};
  }
  Result<LayerPlan> plan(const Layer& l, const TensorShape& in, const std::string& at) const override;
  void forward(const Layer& l, const LayerPlan& p, Backend b, const float* in, float* pre,
               float* out) const override;
  bool has_pre_activation(const Layer&) const override { return true; }
  void backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                      const BatchGrad& g) const override;
  bool softmax_logits(const Layer& l, const BatchPass& b, const float** logits) const override {
    *logits = b.pre;
    return l.activation == Activation::kSoftmax;
  }
  std::int64_t macs(const Layer&, const LayerPlan& p) const override {
    const Geometry2D& g = p.g;
    return conv_macs(g.out_h, g.out_w, g.kh, g.kw, g.in_c, g.filters);
  }
  Result<ElementTrace> trace(const Layer& l, const LayerPlan& p, const Tensor& in, int y, int x,
                             int c) const override;
  std::string explain(const ElementTrace& t) const override;
  void field_down(const Layer&, const LayerPlan& p, const CellMask& above,
                  CellMask* below) const override {
    window::field_down(p.g, false, above, below);
  }
  void field_up(const Layer&, const LayerPlan& p, const CellMask& below,
                CellMask* above) const override {
    window::field_up(p.g, false, below, above);
  }
  std::string keras_line(const Layer& l) const override;
  std::string pytorch_line(const Layer& l, const LayerPlan& p) const override;
  TorchWeights torch_weights(const Layer& l, const LayerPlan& p) const override {
    const Geometry2D& g = p.g;
    const std::string shape = is_1d(l.type) ? istr(g.kw) + ", " + istr(g.in_c) + ", " + istr(g.filters)
                                            : istr(g.kh) + ", " + istr(g.kw) + ", " + istr(g.in_c) + ", " + istr(g.filters);
    const std::string order = is_1d(l.type) ? "2, 1, 0" : "3, 2, 0, 1";
    return {"nn.Conv", {{0, "weight", ".reshape(" + shape + ").permute(" + order + ")"}, {1, "bias", ""}}};
  }
};

const ConvFamily kConvFamily;

// [SECTION] Table rows

constexpr KeyDef kConv2DKeys[] = {
    int_key("filters", &Layer::filters, nullptr, 1, limits::kMaxFilters, "2"),
    size_key("kernel_size", &Layer::kernel_size, nullptr, 1, limits::kMaxKernel, KeyKind::kSize,
             "3"),
    size_key("strides", &Layer::strides, "1", 1, limits::kMaxStride),
    padding_key("\"valid\""),
    size_key("dilation_rate", &Layer::dilation_rate, "1", 1, limits::kMaxDilation),
    activation_key("null"),
    bool_key("use_bias", &Layer::use_bias, "true"),
    fixed_key("data_format", KeyKind::kChannelsLast),
    fixed_key("groups", KeyKind::kOne),
};
const WeightDef kConvWeights[] = {
    {"kernel", &Layer::kernel, nullptr, Initializer::kGlorotUniform},
    {"bias", &Layer::bias, &Layer::use_bias, Initializer::kZeros},
};

}  // namespace

extern const LayerInfo kConv2DInfo = {LayerType::kConv2D, "Conv2D", "conv2d", 3, 0,
                                      kConv2DKeys, kConvWeights, &kConvFamily};
extern const LayerInfo kConv1DInfo = {LayerType::kConv1D, "Conv1D", "conv1d", 2, 0,
                                      kConv2DKeys, kConvWeights, &kConvFamily};

namespace {

// [SECTION] Shape and forward

Result<LayerPlan> ConvFamily::plan(const Layer& l, const TensorShape& in,
                                   const std::string& at) const {
  Result<Geometry2D> g = window::geometry(l, in, l.filters, window::What::kKernel, at);
  if (!g) return g.error();
  return LayerPlan{in, window::output_shape(l, *g), *g};
}

void ConvFamily::forward(const Layer& l, const LayerPlan& p, Backend b, const float* in, float* pre,
                         float* out) const {
  const float* bias = l.use_bias ? l.bias.data() : nullptr;
  if (b == Backend::kReference) {
    ref::conv2d(p.g, in, l.kernel.data(), bias, l.activation, pre, out);
  } else {
    conv2d_f32(p.g, in, l.kernel.data(), bias, l.activation, pre, out);
  }
  finish_activation(l.activation, p.out, out);
}

// Per example: dL/d pre through the activation, then the kernels' weight
// gradients (summed over the batch) and input gradient.
void ConvFamily::backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                                const BatchGrad& g) const {
  const std::size_t in_n = static_cast<std::size_t>(p.in.elements());
  const std::size_t out_n = static_cast<std::size_t>(p.out.elements());
  std::vector<float>& grad_pre = *g.scratch;
  grad_pre.resize(out_n);
  std::vector<float>& gk = (*g.grads)[0];
  float* gb = l.use_bias ? (*g.grads)[1].data() : nullptr;
  for (std::size_t i = 0; i < static_cast<std::size_t>(b.n); ++i) {
    pre_activation_grad(l.activation, g, b, i * out_n, out_n, p.out.c, grad_pre.data());
    conv2d_backward_filter_f32(p.g, b.in + i * in_n, grad_pre.data(), gk.data(), gb, i > 0);
    if (g.grad_in != nullptr)
      conv2d_backward_input_f32(p.g, grad_pre.data(), l.kernel.data(), g.grad_in + i * in_n);
  }
}

// [SECTION] Trace and explain

// The taps of filter c at (y, x) with weights, inputs, products and the
// running sum (in tap order, the order the walk shows); returns the sum.
float filter_sum(const Layer& l, const Geometry2D& g, const Tensor& in, int c, ElementTrace* t) {
  float running = 0.0f;
  for (TraceTap& tap : t->taps) {
    const std::size_t w =
        ((static_cast<std::size_t>(tap.ky) * static_cast<std::size_t>(g.kw) +
          static_cast<std::size_t>(tap.kx)) *
             static_cast<std::size_t>(g.in_c) +
         static_cast<std::size_t>(tap.ci)) *
            static_cast<std::size_t>(g.filters) +
        static_cast<std::size_t>(c);
    tap.weight = l.kernel[w];
    // Padding contributes nothing, whatever the weight (as the reference
    // and kernels do; see core/reference.cpp).
    tap.input = tap.padding ? 0.0f : in.at(tap.iy, tap.ix, tap.ci);
    tap.product = tap.padding ? 0.0f : tap.input * tap.weight;
    if (!tap.padding) running += tap.product;
    tap.running = running;
  }
  return running;
}

float bias_of(const Layer& l, int c) { return l.use_bias ? l.bias[static_cast<std::size_t>(c)] : 0.0f; }

Result<ElementTrace> ConvFamily::trace(const Layer& l, const LayerPlan& p, const Tensor& in, int y,
                                       int x, int c) const {
  const Geometry2D& g = p.g;
  ElementTrace t;
  window::start_trace(l, g, g.in_c, 0, y, x, c, &t);
  SumDetail d;
  d.sum = filter_sum(l, g, in, c, &t);
  d.has_bias = l.use_bias;
  d.bias = bias_of(l, c);
  d.pre_activation = d.sum + d.bias;
  d.activation = l.activation;
  t.value = ref::activate(d.pre_activation, l.activation);
  if (l.activation == Activation::kSoftmax) {  // over the filters at this position
    std::vector<float> logits(static_cast<std::size_t>(g.filters));
    ElementTrace other = t;
    for (int f = 0; f < g.filters; ++f) {
      logits[static_cast<std::size_t>(f)] = filter_sum(l, g, in, f, &other) + bias_of(l, f);
    }
    d.softmax = softmax_stats(logits.data(), g.filters);
    d.index = c;
    t.value = d.softmax.probabilities[static_cast<std::size_t>(c)];
  }
  t.detail = std::move(d);
  return t;
}

std::string term(const TraceTap& p) {
  if (p.padding) return "(pad x " + number_text(p.weight) + ")";
  return "(" + number_text(p.input) + "x" + number_text(p.weight) + ")";
}

std::string finish(const ElementTrace& t, const SumDetail& d, const std::string& lhs) {
  std::string s = lhs;
  if (d.has_bias) s += " + bias " + number_text(d.bias);
  s += " = " + number_text(d.pre_activation);
  if (d.activation != Activation::kLinear) {
    s += std::string(" -> ") + activation_label(d.activation) + " -> " + number_text(t.value);
  }
  return s + "\n";
}

std::string ConvFamily::explain(const ElementTrace& t) const {
  const SumDetail& d = *t.sum();
  const Geometry2D& g = t.geometry;
  std::string s = window::explain_header(t, true, false);
  // Short sums fit on one line, as on a board; longer ones get one line per
  // kernel row with the running sum so each line can be checked.
  if (t.taps.size() <= 9) {
    std::string lhs;
    for (std::size_t i = 0; i < t.taps.size(); ++i) lhs += (i ? " + " : "") + term(t.taps[i]);
    return s + finish(t, d, lhs);
  }
  const std::size_t per_row = static_cast<std::size_t>(g.kw) * static_cast<std::size_t>(g.in_c);
  if (g.in_c > 1) {
    s += "each term is (input x weight); within a row the channels of one "
         "column come together (c0, c1, ...)\n";
  }
  float before = 0.0f;
  for (int ky = 0; ky < g.kh; ++ky) {
    const std::size_t begin = static_cast<std::size_t>(ky) * per_row;
    std::string line = is_1d(t.type) ? "taps:" : "row " + istr(ky) + ":";
    float row_sum = 0.0f;
    for (std::size_t i = begin; i < begin + per_row; ++i) {
      line += (i == begin ? " " : " + ") + term(t.taps[i]);
      if (!t.taps[i].padding) row_sum += t.taps[i].product;
    }
    const float after = t.taps[begin + per_row - 1].running;
    s += line + " = " + number_text(row_sum) + "    running " + number_text(before) + " -> " +
         number_text(after) + "\n";
    before = after;
  }
  return s + finish(t, d, "sum " + number_text(d.sum));
}

// [SECTION] Code lines

std::string ConvFamily::keras_line(const Layer& l) const {
  const bool outside = window::padded_outside(l);
  std::string out;
  if (outside) out += window::keras_zero_padding(l, window::fixed_pads(l)) + "\n";
  if ((l.strides[0] > 1 || l.strides[1] > 1) &&
      (l.dilation_rate[0] > 1 || l.dilation_rate[1] > 1)) {
    out += "# Keras refuses strides > 1 together with dilation_rate > 1; PyTorch computes it\n";
  }
  const bool one_d = is_1d(l.type);
  out += std::string("keras.layers.") + layer_type_name(l.type) + "(" + istr(l.filters) +
         ", kernel_size=" +
         (one_d ? istr(l.kernel_size[1]) : window::pair_text(l.kernel_size[0], l.kernel_size[1])) +
         ", strides=" + window::keras_size(l, l.strides) + ", padding='" +
         (outside ? "valid" : padding_mode_name(l.padding)) + "'";
  if (l.dilation_rate[0] != 1 || l.dilation_rate[1] != 1) {
    out += ", dilation_rate=" + window::keras_size(l, l.dilation_rate);
  }
  if (l.activation != Activation::kLinear) {
    out += std::string(", activation='") + activation_name(l.activation) + "'";
  }
  if (!l.use_bias) out += ", use_bias=False";
  return out + ")";
}

std::string ConvFamily::pytorch_line(const Layer& l, const LayerPlan& p) const {
  const Geometry2D& g = p.g;
  const bool one_d = is_1d(l.type);
  const bool symmetric = g.pad_top == g.pad_bottom && g.pad_left == g.pad_right;
  const std::string dim = one_d ? "1d" : "2d";
  const auto axes = [&](int a, int b) { return one_d ? istr(b) : window::pair_text(a, b); };
  std::string out;
  if (!symmetric && !window::pads_are_zero(g)) {
    // nn.ZeroPad1d only exists from PyTorch 2.1; ConstantPad1d always did.
    out += one_d ? "nn.ConstantPad1d(" + window::pair_text(g.pad_left, g.pad_right) + ", 0.0)\n"
                 : "nn.ZeroPad2d((" + istr(g.pad_left) + ", " + istr(g.pad_right) + ", " +
                       istr(g.pad_top) + ", " + istr(g.pad_bottom) + "))\n";
  }
  out += "# weights: torch_kernel = keras_kernel.permute(" +
         std::string(one_d ? "2, 1, 0" : "3, 2, 0, 1") + ")\n";
  out += "nn.Conv" + dim + "(" + istr(g.in_c) + ", " + istr(g.filters) +
         ", kernel_size=" + axes(g.kh, g.kw) + ", stride=" + axes(g.sh, g.sw) +
         ", padding=" + (symmetric ? axes(g.pad_top, g.pad_left) : "0");
  if (g.dh != 1 || g.dw != 1) out += ", dilation=" + axes(g.dh, g.dw);
  if (!l.use_bias) out += ", bias=False";
  return out + ")" + torch_activation(l.activation);
}

}  // namespace

}  // namespace cs
