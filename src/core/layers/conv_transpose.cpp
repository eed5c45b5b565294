// conv_transpose.cpp - the transposed convolution family: Conv2DTranspose.
// TensorFlow computes it as the gradient of a forward convolution over the
// output: every input cell stamps the kernel times its value into the
// output at (i * s - pad), and the stamps add up. The same numbers come from
// a normal convolution, which is how it runs here (through the kernels) and
// how the walk shows it: zeros inserted between the input cells (s - 1 of
// them), k - 1 - pad cells of padding around, the kernel flipped, stride 1.
// Keras' kernel is [kh, kw, filters, in_channels] (Conv2D's order, last two
// swapped). Output size as Keras' deconv_output_length (see plan()).
//
// [SECTION] Table row
// [SECTION] Shape
// [SECTION] Forward
// [SECTION] Trace and explain
// [SECTION] Receptive fields
// [SECTION] Code lines

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/activation.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/layers/window.h"
#include "core/reference.h"
#include "core/validate.h"
#include "kernels/kernels.h"

namespace cs {

namespace {

// One axis of the transposed convolution.
struct Axis {
  int n = 0, k = 0, s = 1;  // input size, kernel, stride
  int out = 0;              // output size
  int pad_before = 0;       // the forward convolution's padding before (TF's split)
  // The equivalent direct convolution: the stretched input (zeros inserted)
  // cropped to `stretched` cells, with `before` / `after` cells of padding.
  int stretched = 0, before = 0, after = 0;
};

class ConvTransposeFamily final : public Family {
 public:
  bool slides_window() const override { return false; }  // over the stretched input: its own view
  std::vector<int> weight_dims(const Layer& l, int index, int in_c) const override {
    if (index == 1) return {l.filters};
    return {l.kernel_size[0], l.kernel_size[1], l.filters, in_c};
  }
  std::vector<const char*> weight_axis_names(const Layer&, int index) const override {
    if (index == 1) return {"filters"};
    return {"kernel rows", "kernel columns", "filters", "input channels"};
  }
  WeightLayout weight_layout(const Layer&, int index) const override {
    if (index == 1) return {"per_filter", "one per filter"};
    return {"hwoi", "kernel rows x kernel columns x filters x input channels"};
  }
  Result<LayerPlan> plan(const Layer& l, const TensorShape& in, const std::string& at) const override;
  void backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                      const BatchGrad& g) const override;
  bool softmax_logits(const Layer& l, const BatchPass& b, const float** logits) const override {
    *logits = b.pre;
    return l.activation == Activation::kSoftmax;
  }
  void forward(const Layer& l, const LayerPlan& p, Backend b, const float* in, float* pre,
               float* out) const override;
  bool has_pre_activation(const Layer&) const override { return true; }
  std::int64_t macs(const Layer& l, const LayerPlan& p) const override {
    return p.in.elements() * l.kernel_size[0] * l.kernel_size[1] * l.filters;
  }
  Result<ElementTrace> trace(const Layer& l, const LayerPlan& p, const Tensor& in, int y, int x,
                             int c) const override;
  std::string explain(const ElementTrace& t) const override;
  void field_down(const Layer& l, const LayerPlan& p, const CellMask& above,
                  CellMask* below) const override;
  void field_up(const Layer& l, const LayerPlan& p, const CellMask& below,
                CellMask* above) const override;
  std::string keras_line(const Layer& l) const override;
  std::string pytorch_line(const Layer& l, const LayerPlan& p) const override;
  TorchWeights torch_weights(const Layer& l, const LayerPlan& p) const override {
    const std::string shape = istr(l.kernel_size[0]) + ", " + istr(l.kernel_size[1]) + ", " +
                              istr(l.filters) + ", " + istr(p.in.c);
    return {"nn.ConvTranspose", {{0, "weight", ".reshape(" + shape + ").permute(3, 2, 0, 1)"}, {1, "bias", ""}}};
  }
};

const ConvTransposeFamily kConvTransposeFamily;

// [SECTION] Table row

constexpr KeyDef kConvTransposeKeys[] = {
    int_key("filters", &Layer::filters, nullptr, 1, limits::kMaxFilters, "2"),
    size_key("kernel_size", &Layer::kernel_size, nullptr, 1, limits::kMaxKernel, KeyKind::kSize, "3"),
    size_key("strides", &Layer::strides, "1", 1, limits::kMaxStride),
    padding_key("\"valid\""),
    scoped(size_key("output_padding", &Layer::output_padding, "null", 0, limits::kMaxStride - 1,
                    KeyKind::kSizeOrNull),
           KeyScope::kKerasOnly),
    fixed_key("dilation_rate", KeyKind::kOne),
    activation_key("null"),
    bool_key("use_bias", &Layer::use_bias, "true"),
    fixed_key("data_format", KeyKind::kChannelsLast),
    fixed_key("groups", KeyKind::kOne),
};
const WeightDef kConvTransposeWeights[] = {
    {"kernel", &Layer::kernel, nullptr, Initializer::kGlorotUniform},
    {"bias", &Layer::bias, &Layer::use_bias, Initializer::kZeros},
};

}  // namespace

extern const LayerInfo kConv2DTransposeInfo = {
    LayerType::kConv2DTranspose, "Conv2DTranspose", "conv2d_transpose", 3, 0,
    kConvTransposeKeys, kConvTransposeWeights, &kConvTransposeFamily};

namespace {

// [SECTION] Shape

// Keras' deconv_output_length: without output_padding, valid gives
// n*s + max(k - s, 0) and same n*s; with it, (n - 1)*s + k - 2*pad + op
// (pad = k // 2 for same, 0 for valid).
int output_length(int n, int k, int s, bool same, int op) {
  if (op < 0) return same ? n * s : n * s + std::max(k - s, 0);
  return (n - 1) * s + k - 2 * (same ? k / 2 : 0) + op;
}

// The forward convolution over `out` cells that TensorFlow differentiates:
// it must give back the n input cells.
int forward_length(int out, int k, int s, bool same) {
  return same ? (out + s - 1) / s : (out < k ? 0 : (out - k) / s + 1);
}

Axis axis_of(int n, int k, int s, bool same, int op) {
  Axis a;
  a.n = n, a.k = k, a.s = s;
  a.out = output_length(n, k, s, same, op);
  if (same) a.pad_before = same_padding(a.out, k, s, 1).before;
  a.before = k - 1 - a.pad_before;
  const int full = (n - 1) * s + 1;
  const int after = a.out + k - 1 - full - a.before;  // < 0: the end is never read
  a.stretched = std::min(full, full + after);
  a.after = std::max(after, 0);
  return a;
}

Axis axis(const Layer& l, const TensorShape& in, int i) {
  const bool same = l.padding == PaddingMode::kSame;
  const int op = l.output_padding == kSizeNone ? -1 : l.output_padding[static_cast<std::size_t>(i)];
  return axis_of(i == 0 ? in.h : in.w, l.kernel_size[static_cast<std::size_t>(i)],
                 l.strides[static_cast<std::size_t>(i)], same, op);
}

Result<LayerPlan> ConvTransposeFamily::plan(const Layer& l, const TensorShape& in,
                                            const std::string& at) const {
  if (l.padding != PaddingMode::kValid && l.padding != PaddingMode::kSame) {
    return make_error(at + ".padding",
                      std::string("Conv2DTranspose takes \"valid\" or \"same\" padding, got \"") +
                          padding_mode_name(l.padding) + "\"",
                      "transpose_padding", {padding_mode_name(l.padding)});
  }
  const bool same = l.padding == PaddingMode::kSame;
  for (int i = 0; i < 2; ++i) {
    const std::size_t a = static_cast<std::size_t>(i);
    const int op = l.output_padding == kSizeNone ? -1 : l.output_padding[a];
    if (op >= l.strides[a]) {
      return make_error(at + ".output_padding",
                        "output_padding must be smaller than strides (" + istr(l.strides[a]) +
                            "), got " + istr(op),
                        "output_padding_not_below_stride", {istr(l.strides[a]), istr(op)});
    }
    const Axis x = axis(l, in, i);
    const int back = forward_length(x.out, x.k, x.s, same);
    if (x.out < 1 || back != x.n) {
      return make_error(at + ".output_padding",
                        "gives " + istr(x.out) + " " + (i == 0 ? "rows" : "columns") +
                            ", but a convolution over them (kernel " + istr(x.k) + ", stride " +
                            istr(x.s) + ", '" + padding_mode_name(l.padding) + "') would give back " +
                            istr(back) + ", not the input's " + istr(x.n) +
                            ": TensorFlow refuses this output_padding",
                        "output_padding_mismatch",
                        {istr(x.out), i == 0 ? "rows" : "columns", istr(x.k), istr(x.s),
                         padding_mode_name(l.padding), istr(back), istr(x.n)});
    }
  }
  const Axis r = axis(l, in, 0), c = axis(l, in, 1);
  Result<bool> size = check_output_size(r.out, c.out, l.filters, at);
  if (!size) return size.error();
  LayerPlan p;
  p.in = in;
  p.out = TensorShape{r.out, c.out, l.filters, false};
  p.g.in_h = r.stretched, p.g.in_w = c.stretched, p.g.in_c = in.c;
  p.g.filters = l.filters;
  p.g.kh = r.k, p.g.kw = c.k;
  p.g.pad_top = r.before, p.g.pad_bottom = r.after;
  p.g.pad_left = c.before, p.g.pad_right = c.after;
  p.g.out_h = r.out, p.g.out_w = c.out;
  return p;
}

// [SECTION] Forward

// The input with s - 1 zeros between cells, cropped to the plan's size.
std::vector<float> stretch(const LayerPlan& p, const Layer& l, const float* in) {
  const Geometry2D& g = p.g;
  std::vector<float> out(static_cast<std::size_t>(g.in_h) * static_cast<std::size_t>(g.in_w) *
                             static_cast<std::size_t>(g.in_c),
                         0.0f);
  for (int y = 0; y < p.in.h; ++y) {
    const int sy = y * l.strides[0];
    if (sy >= g.in_h) break;
    for (int x = 0; x < p.in.w; ++x) {
      const int sx = x * l.strides[1];
      if (sx >= g.in_w) break;
      std::copy_n(in + (static_cast<std::size_t>(y) * static_cast<std::size_t>(p.in.w) +
                        static_cast<std::size_t>(x)) *
                           static_cast<std::size_t>(g.in_c),
                  g.in_c,
                  out.data() + (static_cast<std::size_t>(sy) * static_cast<std::size_t>(g.in_w) +
                                static_cast<std::size_t>(sx)) *
                                   static_cast<std::size_t>(g.in_c));
    }
  }
  return out;
}

std::size_t keras_index(const Layer& l, int in_c, int ky, int kx, int f, int ci) {
  return ((static_cast<std::size_t>(ky) * static_cast<std::size_t>(l.kernel_size[1]) +
           static_cast<std::size_t>(kx)) *
              static_cast<std::size_t>(l.filters) +
          static_cast<std::size_t>(f)) *
             static_cast<std::size_t>(in_c) +
         static_cast<std::size_t>(ci);
}

// Keras' [kh, kw, filters, in] flipped in space and turned into the HWIO
// kernel of the direct convolution.
std::vector<float> flipped_kernel(const Layer& l, int in_c) {
  const int kh = l.kernel_size[0], kw = l.kernel_size[1];
  std::vector<float> k(l.kernel.size());
  for (int ky = 0; ky < kh; ++ky)
    for (int kx = 0; kx < kw; ++kx)
      for (int ci = 0; ci < in_c; ++ci)
        for (int f = 0; f < l.filters; ++f) {
          k[((static_cast<std::size_t>(ky) * static_cast<std::size_t>(kw) + static_cast<std::size_t>(kx)) *
                 static_cast<std::size_t>(in_c) +
             static_cast<std::size_t>(ci)) *
                static_cast<std::size_t>(l.filters) +
            static_cast<std::size_t>(f)] = l.kernel[keras_index(l, in_c, kh - 1 - ky, kw - 1 - kx, f, ci)];
        }
  return k;
}

void ConvTransposeFamily::forward(const Layer& l, const LayerPlan& p, Backend b, const float* in,
                                  float* pre, float* out) const {
  const std::vector<float> x = stretch(p, l, in);
  const std::vector<float> k = flipped_kernel(l, p.in.c);
  const float* bias = l.use_bias ? l.bias.data() : nullptr;
  if (b == Backend::kReference) {
    ref::conv2d(p.g, x.data(), k.data(), bias, l.activation, pre, out);
  } else {
    conv2d_f32(p.g, x.data(), k.data(), bias, l.activation, pre, out);
  }
  finish_activation(l.activation, p.out, out);
}

// [SECTION] Backward
// The forward is a direct convolution of the stretched input with the
// flipped kernel, so its backward is that convolution's: the stretched
// input's gradient read back at the real cells, and the flipped kernel's
// gradient flipped back into Keras' layout.

void unstretch(const LayerPlan& p, const Layer& l, const float* grad_stretched, float* grad_in) {
  const Geometry2D& g = p.g;
  std::fill(grad_in, grad_in + p.in.elements(), 0.0f);
  for (int y = 0; y < p.in.h; ++y) {
    const int sy = y * l.strides[0];
    for (int x = 0; x < p.in.w && sy < g.in_h; ++x) {
      const int sx = x * l.strides[1];
      if (sx >= g.in_w) break;
      std::copy_n(grad_stretched + (static_cast<std::size_t>(sy) * static_cast<std::size_t>(g.in_w) +
                                    static_cast<std::size_t>(sx)) *
                                       static_cast<std::size_t>(g.in_c),
                  g.in_c,
                  grad_in + (static_cast<std::size_t>(y) * static_cast<std::size_t>(p.in.w) +
                             static_cast<std::size_t>(x)) *
                                static_cast<std::size_t>(g.in_c));
    }
  }
}

void unflip_kernel(const Layer& l, int in_c, const std::vector<float>& flipped, float* keras) {
  const int kh = l.kernel_size[0], kw = l.kernel_size[1];
  for (int ky = 0; ky < kh; ++ky)
    for (int kx = 0; kx < kw; ++kx)
      for (int ci = 0; ci < in_c; ++ci)
        for (int f = 0; f < l.filters; ++f) {
          keras[keras_index(l, in_c, kh - 1 - ky, kw - 1 - kx, f, ci)] =
              flipped[((static_cast<std::size_t>(ky) * static_cast<std::size_t>(kw) + static_cast<std::size_t>(kx)) *
                           static_cast<std::size_t>(in_c) +
                       static_cast<std::size_t>(ci)) *
                          static_cast<std::size_t>(l.filters) +
                      static_cast<std::size_t>(f)];
        }
}

void ConvTransposeFamily::backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                                         const BatchGrad& g) const {
  const std::size_t in_n = static_cast<std::size_t>(p.in.elements());
  const std::size_t out_n = static_cast<std::size_t>(p.out.elements());
  const std::vector<float> k = flipped_kernel(l, p.in.c);
  std::vector<float> grad_pre(out_n), grad_k(k.size());
  std::vector<float> grad_x(static_cast<std::size_t>(p.g.in_h) * static_cast<std::size_t>(p.g.in_w) *
                            static_cast<std::size_t>(p.g.in_c));
  float* gb = l.use_bias ? (*g.grads)[1].data() : nullptr;
  for (std::size_t i = 0; i < static_cast<std::size_t>(b.n); ++i) {
    pre_activation_grad(l.activation, g, b, i * out_n, out_n, p.out.c, grad_pre.data());
    const std::vector<float> x = stretch(p, l, b.in + i * in_n);
    conv2d_backward_filter_f32(p.g, x.data(), grad_pre.data(), grad_k.data(), gb, i > 0);
    if (g.grad_in == nullptr) continue;
    conv2d_backward_input_f32(p.g, grad_pre.data(), k.data(), grad_x.data());
    unstretch(p, l, grad_x.data(), g.grad_in + i * in_n);
  }
  unflip_kernel(l, p.in.c, grad_k, (*g.grads)[0].data());
}

// [SECTION] Trace and explain

// The taps of output (y, x) of filter f over the stretched, padded input:
// a tap reads a real input cell only where the stretched coordinate is a
// multiple of the stride; padding and inserted zeros add nothing.
float filter_sum(const Layer& l, const LayerPlan& p, const Tensor& in, int y, int x, int f,
                 std::vector<TraceTap>* taps) {
  const Geometry2D& g = p.g;
  float running = 0.0f;
  for (int ky = 0; ky < g.kh; ++ky) {
    for (int kx = 0; kx < g.kw; ++kx) {
      const int sy = y + ky - g.pad_top, sx = x + kx - g.pad_left;  // stretched coordinates
      const bool inside = sy >= 0 && sy < g.in_h && sx >= 0 && sx < g.in_w;
      const bool real = inside && sy % l.strides[0] == 0 && sx % l.strides[1] == 0;
      for (int ci = 0; ci < g.in_c; ++ci) {
        TraceTap t;
        t.ky = ky, t.kx = kx, t.ci = ci;
        t.py = y + ky, t.px = x + kx;
        t.padding = !real;
        t.kind = real ? TapKind::kInput : TapKind::kPadding;
        t.iy = real ? sy / l.strides[0] : -1;
        t.ix = real ? sx / l.strides[1] : -1;
        t.weight = l.kernel[keras_index(l, g.in_c, g.kh - 1 - ky, g.kw - 1 - kx, f, ci)];
        t.input = real ? in.at(t.iy, t.ix, ci) : 0.0f;
        t.product = real ? t.input * t.weight : 0.0f;
        running += t.product;
        t.running = running;
        if (taps) taps->push_back(t);
      }
    }
  }
  return running;
}

Result<ElementTrace> ConvTransposeFamily::trace(const Layer& l, const LayerPlan& p, const Tensor& in,
                                                int y, int x, int c) const {
  ElementTrace t;
  t.type = l.type;
  t.y = y, t.x = x, t.c = c;
  t.geometry = p.g;
  t.step = y * p.g.out_w + x;
  t.origin_y = y, t.origin_x = x;
  SumDetail d;
  d.sum = filter_sum(l, p, in, y, x, c, &t.taps);
  d.has_bias = l.use_bias;
  d.bias = l.use_bias ? l.bias[static_cast<std::size_t>(c)] : 0.0f;
  d.pre_activation = d.sum + d.bias;
  d.activation = l.activation;
  t.value = ref::activate(d.pre_activation, l.activation);
  if (l.activation == Activation::kSoftmax) {
    std::vector<float> logits;
    for (int f = 0; f < l.filters; ++f) {
      logits.push_back(filter_sum(l, p, in, y, x, f, nullptr) +
                       (l.use_bias ? l.bias[static_cast<std::size_t>(f)] : 0.0f));
    }
    d.softmax = softmax_stats(logits.data(), l.filters);
    d.index = c;
    t.value = d.softmax.probabilities[static_cast<std::size_t>(c)];
  }
  t.detail = std::move(d);
  return t;
}

std::string ConvTransposeFamily::explain(const ElementTrace& t) const {
  const SumDetail& d = *t.sum();
  const Geometry2D& g = t.geometry;
  std::string s = "Conv2DTranspose layers[" + istr(t.layer) + "], output y=" + istr(t.y) + " x=" +
                  istr(t.x) + " filter=" + istr(t.c) + " (step " + istr(t.step + 1) + " of " +
                  istr(g.out_h * g.out_w) + ")\n";
  s += "as a convolution: the input with zeros inserted between cells, padded (top " +
       istr(g.pad_top) + ", left " + istr(g.pad_left) + "), the kernel flipped, stride 1\n";
  std::string terms;
  int stamps = 0;
  for (const TraceTap& p : t.taps) {
    if (p.padding) continue;
    ++stamps;
    terms += (terms.empty() ? "" : " + ") + std::string("(") + number_text(p.input) + "x" +
             number_text(p.weight) + ")";
  }
  s += "stamps reaching this cell: " + istr(stamps) + " (each an input cell times one kernel weight)\n";
  s += (terms.empty() ? std::string("no input reaches it") : terms) + " = " + number_text(d.sum);
  if (d.has_bias) s += " + bias " + number_text(d.bias);
  s += " = " + number_text(d.pre_activation);
  if (d.activation != Activation::kLinear) {
    s += std::string(" -> ") + activation_label(d.activation) + " -> " + number_text(t.value);
  }
  return s + "\n";
}

// [SECTION] Receptive fields

void ConvTransposeFamily::field_down(const Layer& l, const LayerPlan& p, const CellMask& above,
                                     CellMask* below) const {
  for (int y = 0; y < above.h; ++y)
    for (int x = 0; x < above.w; ++x) {
      if (!above.at(y, x)) continue;
      std::vector<TraceTap> taps;
      Tensor zero;
      zero.shape = p.in;
      zero.data.assign(static_cast<std::size_t>(p.in.elements()), 0.0f);
      filter_sum(l, p, zero, y, x, 0, &taps);
      for (const TraceTap& t : taps)
        if (!t.padding) below->mark(t.iy, t.ix);
    }
}

void ConvTransposeFamily::field_up(const Layer& l, const LayerPlan& p, const CellMask& below,
                                   CellMask* above) const {
  // Input cell i stamps the output cells i * s + k - pad_before, k < kernel.
  const Axis r = axis(l, p.in, 0), c = axis(l, p.in, 1);
  for (int iy = 0; iy < below.h; ++iy)
    for (int ix = 0; ix < below.w; ++ix) {
      if (!below.at(iy, ix)) continue;
      for (int ky = 0; ky < r.k; ++ky)
        for (int kx = 0; kx < c.k; ++kx) {
          const int oy = iy * r.s + ky - r.pad_before, ox = ix * c.s + kx - c.pad_before;
          if (oy >= 0 && oy < r.out && ox >= 0 && ox < c.out) above->mark(oy, ox);
        }
    }
}

// [SECTION] Code lines

std::string ConvTransposeFamily::keras_line(const Layer& l) const {
  std::string out = "keras.layers.Conv2DTranspose(" + istr(l.filters) + ", kernel_size=" +
                    window::pair_text(l.kernel_size[0], l.kernel_size[1]) + ", strides=" +
                    window::keras_size(l, l.strides) + ", padding='" + padding_mode_name(l.padding) + "'";
  if (l.output_padding != kSizeNone) out += ", output_padding=" + window::keras_size(l, l.output_padding);
  if (l.activation != Activation::kLinear) {
    out += std::string(", activation='") + activation_name(l.activation) + "'";
  }
  if (!l.use_bias) out += ", use_bias=False";
  return out + ")";
}

// PyTorch crops `padding` cells on both sides and adds output_padding at
// the end; TensorFlow crops pad_before at the start. Where they cannot
// agree, the line says to slice.
std::string ConvTransposeFamily::pytorch_line(const Layer& l, const LayerPlan& p) const {
  const Axis r = axis(l, p.in, 0), c = axis(l, p.in, 1);
  const auto torch_op = [](const Axis& a) { return a.out - ((a.n - 1) * a.s - 2 * a.pad_before + a.k); };
  const int opr = torch_op(r), opc = torch_op(c);
  std::string out = "# weights: torch_kernel = keras_kernel.permute(3, 2, 0, 1)  (in, out, kh, kw)\n";
  out += "nn.ConvTranspose2d(" + istr(p.in.c) + ", " + istr(l.filters) + ", kernel_size=" +
         window::pair_text(r.k, c.k) + ", stride=" + window::pair_text(r.s, c.s) + ", padding=" +
         window::pair_text(r.pad_before, c.pad_before) + ", output_padding=" +
         window::pair_text(std::max(opr, 0), std::max(opc, 0)) + (l.use_bias ? "" : ", bias=False") + ")";
  if (opr < 0 || opc < 0) {
    out += "\n# then keep the first " + istr(r.out) + " x " + istr(c.out) + " cells: y = y[:, :, :" +
           istr(r.out) + ", :" + istr(c.out) + "]";
  }
  return out + torch_activation(l.activation);
}

}  // namespace

}  // namespace cs
