// elementwise.cpp - the elementwise family: Activation, ReLU, LeakyReLU,
// Softmax, Dropout and Rescaling. Each output element is a function of the
// input element at the same place, except softmax, which normalises the
// channels of one position (Keras' last axis).
//
// [SECTION] Functions, as Keras computes them
// [SECTION] Table rows
// [SECTION] Shape and forward
// [SECTION] Trace and explain
// [SECTION] Code lines

#include <cmath>
#include <limits>

#include "core/init.h"
#include "core/activation.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/layers/family.h"
#include "core/reference.h"

namespace cs {

namespace {

// Which function a row computes (LayerInfo::variant).
enum class Fn { kActivation, kRelu, kLeakyRelu, kSoftmax, kDropout, kRescaling };

Fn fn_of(const Layer& l) { return static_cast<Fn>(layer_info(l.type).variant); }

bool is_softmax(const Layer& l) {
  return fn_of(l) == Fn::kSoftmax ||
         (fn_of(l) == Fn::kActivation && l.activation == Activation::kSoftmax);
}

// [SECTION] Functions, as Keras computes them

// keras.activations.relu(x, negative_slope, max_value, threshold), step by
// step as Keras 3 writes it (so the floats agree): the positive part is x
// where x > threshold (ReLU when the threshold is 0), clipped to
// [0, max_value] when there is one; minus negative_slope times the part
// below the threshold.
float keras_relu(float x, const Layer& l) {
  float pos = l.threshold != 0.0f ? (x > l.threshold ? x : 0.0f) : (x < 0.0f ? 0.0f : x);
  if (l.max_value != std::numeric_limits<float>::infinity()) {
    pos = std::fmin(std::fmax(pos, 0.0f), l.max_value);
  }
  if (l.negative_slope == 0.0f) return pos;
  const float below = l.threshold != 0.0f ? std::fmax(l.threshold - x, 0.0f) : std::fmax(-x, 0.0f);
  return pos - l.negative_slope * below;
}

float apply(const Layer& l, float x) {
  switch (fn_of(l)) {
    case Fn::kActivation:
      return ref::activate(x, l.activation);
    case Fn::kRelu:
      return keras_relu(x, l);
    case Fn::kLeakyRelu:  // tf.nn.leaky_relu: x for x >= 0, else slope * x
      return x < 0.0f ? l.negative_slope * x : x;
    case Fn::kDropout:  // at inference Dropout passes every value unchanged
      return x;
    case Fn::kRescaling:
      return x * l.scale + l.offset;
    case Fn::kSoftmax:
      break;
  }
  return x;
}

class ElementwiseFamily final : public Family {
 public:
  Result<LayerPlan> plan(const Layer& l, const TensorShape& in, const std::string& at) const override;
  void forward(const Layer& l, const LayerPlan& p, Backend, const float* in, float*,
               float* out) const override {
    const std::size_t n = static_cast<std::size_t>(p.in.elements());
    if (is_softmax(l)) {
      for (std::size_t i = 0; i < n; i += static_cast<std::size_t>(p.in.c)) {
        softmax(in + i, p.in.c, out + i);
      }
      return;
    }
    for (std::size_t i = 0; i < n; ++i) out[i] = apply(l, in[i]);
  }
  Result<ElementTrace> trace(const Layer& l, const LayerPlan& p, const Tensor& in, int y, int x,
                             int c) const override;
  void forward_batch(Layer& l, const LayerPlan& p, const BatchPass& b) const override;
  void backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                      const BatchGrad& g) const override;
  bool softmax_logits(const Layer& l, const BatchPass& b, const float** logits) const override {
    *logits = b.in;
    return is_softmax(l);
  }
  std::string explain(const ElementTrace& t) const override;
  void field_down(const Layer& l, const LayerPlan& p, const CellMask& above,
                  CellMask* below) const override {
    copy_cells(above, below, is_softmax(l), p.in.flat);
  }
  void field_up(const Layer& l, const LayerPlan& p, const CellMask& below,
                CellMask* above) const override {
    copy_cells(below, above, is_softmax(l), p.in.flat);
  }
  std::string keras_line(const Layer& l) const override;
  std::string pytorch_line(const Layer& l, const LayerPlan& p) const override;

 private:
  // The same cells; softmax mixes every channel of a position (of a
  // vector: every entry).
  static void copy_cells(const CellMask& from, CellMask* to, bool softmax, bool vector) {
    to->channel = softmax ? -1 : from.channel;
    for (int y = 0; y < from.h; ++y)
      for (int x = 0; x < from.w; ++x) {
        if (!from.at(y, x)) continue;
        if (!(softmax && vector)) {
          to->mark(y, x);
          continue;
        }
        for (int k = 0; k < to->w; ++k) to->mark(0, k);
      }
  }
};

const ElementwiseFamily kElementwiseFamily;

// [SECTION] Table rows

constexpr KeyDef kActivationKeys[] = {
    {"activation", KeyKind::kActivation, nullptr, 0, 0, nullptr, nullptr, nullptr, "\"relu\""},
};
constexpr KeyDef kReluKeys[] = {
    float_key("max_value", &Layer::max_value, "null", 0.0f, std::numeric_limits<float>::max(), false,
              KeyKind::kFloatOrNull),
    scoped(float_key("negative_slope", &Layer::negative_slope, "0", 0.0f, std::numeric_limits<float>::max()),
           KeyScope::kKerasOnly),
    scoped(float_key("threshold", &Layer::threshold, "0", -std::numeric_limits<float>::max(),
                     std::numeric_limits<float>::max()),
           KeyScope::kKerasOnly),
};
constexpr KeyDef kLeakyReluKeys[] = {
    float_key("negative_slope", &Layer::negative_slope, "0.3", 0.0f, std::numeric_limits<float>::max()),
    // Keras 2 called it alpha; given, it wins (after negative_slope's default).
    float_key("alpha", &Layer::negative_slope, "null", 0.0f, std::numeric_limits<float>::max(), false,
              KeyKind::kFloatAlias),
};
constexpr KeyDef kSoftmaxKeys[] = {
    {"axis", KeyKind::kAxis, "-1"},
};
constexpr KeyDef kDropoutKeys[] = {
    float_key("rate", &Layer::rate, nullptr, 0.0f, 1.0f, true),
    {"noise_shape", KeyKind::kNull, "null"},
    {"seed", KeyKind::kIgnored, "null"},
};
constexpr KeyDef kRescalingKeys[] = {
    float_key("scale", &Layer::scale, nullptr, -std::numeric_limits<float>::max(),
              std::numeric_limits<float>::max()),
    float_key("offset", &Layer::offset, "0", -std::numeric_limits<float>::max(),
              std::numeric_limits<float>::max()),
};

constexpr int variant(Fn f) { return static_cast<int>(f); }

}  // namespace

extern const LayerInfo kActivationInfo = {LayerType::kActivation, "Activation", "activation", 0,
                                          variant(Fn::kActivation), kActivationKeys, {},
                                          &kElementwiseFamily};
extern const LayerInfo kReLUInfo = {LayerType::kReLU, "ReLU", "re_lu", 0, variant(Fn::kRelu),
                                    kReluKeys, {}, &kElementwiseFamily};
extern const LayerInfo kLeakyReLUInfo = {LayerType::kLeakyReLU, "LeakyReLU", "leaky_re_lu", 0,
                                         variant(Fn::kLeakyRelu), kLeakyReluKeys, {},
                                         &kElementwiseFamily};
extern const LayerInfo kSoftmaxInfo = {LayerType::kSoftmax, "Softmax", "softmax", 0,
                                       variant(Fn::kSoftmax), kSoftmaxKeys, {}, &kElementwiseFamily};
extern const LayerInfo kDropoutInfo = {LayerType::kDropout, "Dropout", "dropout", 0,
                                       variant(Fn::kDropout), kDropoutKeys, {}, &kElementwiseFamily};
extern const LayerInfo kRescalingInfo = {LayerType::kRescaling, "Rescaling", "rescaling", 0,
                                         variant(Fn::kRescaling), kRescalingKeys, {},
                                         &kElementwiseFamily};

namespace {

// [SECTION] Shape and forward

Result<LayerPlan> ElementwiseFamily::plan(const Layer& l, const TensorShape& in,
                                          const std::string& at) const {
  if (fn_of(l) == Fn::kSoftmax && l.axis != -1 && l.axis != in.rank()) {
    return axis_not_last(l.axis, in.rank(), at);
  }
  LayerPlan p{in, in, {}};
  const DisplayDims d = display_dims(in);
  p.g.in_h = p.g.out_h = d.rows;
  p.g.in_w = p.g.out_w = d.cols;
  p.g.in_c = p.g.filters = d.channels;
  return p;
}

// [SECTION] Learning

// Keras' inverted dropout: each value is kept with probability 1 - rate and
// scaled by 1 / (1 - rate), so inference needs no change. The mask (0 or
// the scale) is kept for backward.
void dropout_forward(const Layer& l, std::size_t count, const BatchPass& b) {
  std::vector<float>& mask = *b.saved;
  mask.resize(count);
  Rng32 rng(b.seed, 0x64726f70u);  // "drop"
  const float keep = 1.0f / (1.0f - l.rate);
  for (std::size_t i = 0; i < count; ++i) {
    mask[i] = rng.uniform() < l.rate ? 0.0f : keep;
    b.out[i] = b.in[i] * mask[i];
  }
}

// d relu / dx for keras_relu: the positive part passes where it is above
// the threshold and inside [0, max_value]; below the threshold, the slope.
float relu_slope(const Layer& l, float x) {
  const bool above = l.threshold != 0.0f ? x > l.threshold : x > 0.0f;
  float d = above ? 1.0f : 0.0f;
  if (above && l.max_value != std::numeric_limits<float>::infinity() && !(x > 0.0f && x < l.max_value))
    d = 0.0f;
  const bool below = l.threshold != 0.0f ? x < l.threshold : x < 0.0f;
  return d + (below ? l.negative_slope : 0.0f);
}

float slope(const Layer& l, float x) {
  switch (fn_of(l)) {
    case Fn::kRelu:
      return relu_slope(l, x);
    case Fn::kLeakyRelu:
      return x < 0.0f ? l.negative_slope : 1.0f;
    case Fn::kRescaling:
      return l.scale;
    default:
      return 1.0f;
  }
}

void ElementwiseFamily::forward_batch(Layer& l, const LayerPlan& p, const BatchPass& b) const {
  const std::size_t count = static_cast<std::size_t>(b.n) * static_cast<std::size_t>(p.in.elements());
  if (fn_of(l) == Fn::kDropout && b.training && l.rate > 0.0f) {
    dropout_forward(l, count, b);
    return;
  }
  Family::forward_batch(l, p, b);
}

void ElementwiseFamily::backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                                       const BatchGrad& g) const {
  if (g.grad_in == nullptr) return;
  const std::size_t count = static_cast<std::size_t>(b.n) * static_cast<std::size_t>(p.in.elements());
  if (is_softmax(l) && g.from_logits) {
    std::copy(g.grad_out, g.grad_out + count, g.grad_in);
  } else if (fn_of(l) == Fn::kActivation || is_softmax(l)) {
    const Activation act = is_softmax(l) ? Activation::kSoftmax : l.activation;
    activation_backward(act, count, p.in.c, b.in, b.out, g.grad_out, g.grad_in);
  } else if (fn_of(l) == Fn::kDropout && b.training && l.rate > 0.0f) {
    for (std::size_t i = 0; i < count; ++i) g.grad_in[i] = g.grad_out[i] * (*b.saved)[i];
  } else {
    for (std::size_t i = 0; i < count; ++i) g.grad_in[i] = g.grad_out[i] * slope(l, b.in[i]);
  }
}

// [SECTION] Trace and explain

std::string formula_text(const Layer& l, float x, float y) {
  const std::string xs = number_text(x), ys = number_text(y);
  switch (fn_of(l)) {
    case Fn::kActivation:
      if (l.activation == Activation::kRelu) return "max(0, " + xs + ") = " + ys;
      if (l.activation == Activation::kSigmoid) return "1 / (1 + exp(-(" + xs + "))) = " + ys;
      if (l.activation == Activation::kTanh) return "tanh(" + xs + ") = " + ys;
      return xs;
    case Fn::kRelu: {
      std::string s = "relu(" + xs;
      if (l.negative_slope != 0.0f) s += ", negative_slope=" + number_text(l.negative_slope);
      if (l.max_value != std::numeric_limits<float>::infinity()) s += ", max_value=" + number_text(l.max_value);
      if (l.threshold != 0.0f) s += ", threshold=" + number_text(l.threshold);
      return s + ") = " + ys;
    }
    case Fn::kLeakyRelu:
      return x < 0.0f ? number_text(l.negative_slope) + " x " + xs + " = " + ys : xs + " >= 0: " + ys;
    case Fn::kDropout:
      return ys;
    case Fn::kRescaling:
      return xs + " x " + number_text(l.scale) + " + " + number_text(l.offset) + " = " + ys;
    case Fn::kSoftmax:
      break;
  }
  return ys;
}

Result<ElementTrace> ElementwiseFamily::trace(const Layer& l, const LayerPlan& p, const Tensor& in,
                                              int y, int x, int c) const {
  ElementTrace t;
  t.type = l.type;
  t.y = y, t.x = x, t.c = c;
  t.geometry = p.g;
  t.step = y * p.g.out_w + x;
  t.origin_y = y, t.origin_x = x;
  // Softmax reads the whole last axis: every channel of this position, or
  // the whole vector.
  const bool flat = p.in.flat;
  const int group = !is_softmax(l) ? 1 : flat ? p.in.c : p.g.in_c;
  for (int k = 0; k < group; ++k) {
    TraceTap tap;
    tap.ci = group == 1 || flat ? c : k;
    tap.iy = tap.py = y;
    tap.ix = tap.px = group > 1 && flat ? k : x;
    tap.input = tap.product = tap.running = in.at_display(tap.iy, tap.ix, tap.ci);
    t.taps.push_back(tap);
  }
  if (is_softmax(l)) {
    SoftmaxDetail d;
    std::vector<float> z;
    for (const TraceTap& tap : t.taps) z.push_back(tap.input);
    d.stats = softmax_stats(z.data(), static_cast<int>(z.size()));
    d.index = flat ? x : c;
    t.value = d.stats.probabilities[static_cast<std::size_t>(d.index)];
    t.detail = std::move(d);
    return t;
  }
  t.value = apply(l, t.taps[0].input);
  t.detail = FormulaDetail{formula_text(l, t.taps[0].input, t.value)};
  return t;
}

std::string ElementwiseFamily::explain(const ElementTrace& t) const {
  const bool vector = t.geometry.out_h == 1 && t.geometry.filters == 1;
  std::string s = std::string(layer_type_name(t.type)) + " layers[" + istr(t.layer) + "], output " +
                  (vector ? "[" + istr(t.x) + "]"
                          : "y=" + istr(t.y) + " x=" + istr(t.x) + " channel=" + istr(t.c)) +
                  "\n";
  if (const SoftmaxDetail* d = t.softmax()) {
    s += "softmax over the " + istr(static_cast<std::int64_t>(d->stats.logits.size())) +
         " channels of this position: max " + number_text(d->stats.max) + ", sum of exp(z - max) " +
         number_text(d->stats.sum) + "\n";
    for (std::size_t k = 0; k < d->stats.logits.size(); ++k) {
      s += "  channel " + istr(static_cast<std::int64_t>(k)) + ": exp(" + number_text(d->stats.logits[k]) +
           " - " + number_text(d->stats.max) + ") = " + number_text(d->stats.exps[k]) + ", / " +
           number_text(d->stats.sum) + " = " + number_text(d->stats.probabilities[k]) +
           (static_cast<int>(k) == d->index ? "   <- this element" : "") + "\n";
    }
    return s;
  }
  if (t.type == LayerType::kDropout) s += "at inference Dropout passes the value unchanged: ";
  return s + t.formula()->formula + "\n";
}

// [SECTION] Code lines

std::string ElementwiseFamily::keras_line(const Layer& l) const {
  switch (fn_of(l)) {
    case Fn::kActivation:
      return std::string("keras.layers.Activation('") + activation_name(l.activation) + "')";
    case Fn::kRelu: {
      std::string args;
      if (l.max_value != std::numeric_limits<float>::infinity()) args += "max_value=" + number_text(l.max_value);
      if (l.negative_slope != 0.0f) args += (args.empty() ? "" : ", ") + std::string("negative_slope=") + number_text(l.negative_slope);
      if (l.threshold != 0.0f) args += (args.empty() ? "" : ", ") + std::string("threshold=") + number_text(l.threshold);
      return "keras.layers.ReLU(" + args + ")";
    }
    case Fn::kLeakyRelu:
      return "keras.layers.LeakyReLU(negative_slope=" + number_text(l.negative_slope) + ")";
    case Fn::kSoftmax:
      return "keras.layers.Softmax()";
    case Fn::kDropout:
      return "keras.layers.Dropout(" + number_text(l.rate) + ")";
    case Fn::kRescaling:
      return "keras.layers.Rescaling(" + number_text(l.scale) +
             (l.offset != 0.0f ? ", offset=" + number_text(l.offset) : "") + ")";
  }
  return "";
}

std::string ElementwiseFamily::pytorch_line(const Layer& l, const LayerPlan&) const {
  switch (fn_of(l)) {
    case Fn::kActivation: {
      const std::string a = torch_activation(l.activation);
      return a.empty() ? "nn.Identity()" : a.substr(1);
    }
    case Fn::kRelu:
      if (l.negative_slope == 0.0f && l.threshold == 0.0f) {
        if (l.max_value == std::numeric_limits<float>::infinity()) return "nn.ReLU()";
        return "nn.Hardtanh(0.0, " + number_text(l.max_value) + ")";
      }
      return "# PyTorch has no ReLU with negative_slope and threshold: write it as a function\n"
             "# lambda x: torch.where(x > threshold, x.clamp(max=max_value), negative_slope * (x - threshold))";
    case Fn::kLeakyRelu:
      return "nn.LeakyReLU(" + number_text(l.negative_slope) + ")";
    case Fn::kSoftmax:
      return "nn.Softmax(dim=1)  # Keras' last axis is the channels: dim 1 in NCHW";
    case Fn::kDropout:
      return "nn.Dropout(" + number_text(l.rate) + ")";
    case Fn::kRescaling:
      return "# no Rescaling module: x * " + number_text(l.scale) + " + " + number_text(l.offset) +
             " in forward()";
  }
  return "";
}

}  // namespace

}  // namespace cs
