// norm.cpp - the normalisation family: BatchNormalization, at inference.
// Each channel c is scaled and shifted with its moving statistics:
// y = (x - moving_mean[c]) / sqrt(moving_variance[c] + epsilon) * gamma[c] + beta[c],
// computed in TensorFlow's order (tf.nn.batch_normalization): inv = gamma *
// 1/sqrt(variance + epsilon), y = x * inv + (beta - mean * inv). Training
// (batch statistics, moving averages with `momentum`) belongs to training.
//
// [SECTION] Table row
// [SECTION] Shape and forward
// [SECTION] Trace and explain
// [SECTION] Code lines

#include <cmath>

#include "core/errors.h"
#include "core/json.h"
#include "core/layers/family.h"

namespace cs {

namespace {

struct Affine {
  float inv = 1.0f, shift = 0.0f;
};

// TensorFlow's two numbers per channel (see the banner).
Affine affine(const Layer& l, int c) {
  const std::size_t i = static_cast<std::size_t>(c);
  Affine a;
  a.inv = 1.0f / std::sqrt(l.moving_variance[i] + l.epsilon);
  if (l.use_gamma) a.inv *= l.gamma[i];
  a.shift = (l.center ? l.beta[i] : 0.0f) - l.moving_mean[i] * a.inv;
  return a;
}

class NormFamily final : public Family {
 public:
  std::vector<int> weight_dims(const Layer&, int, int in_c) const override { return {in_c}; }
  std::vector<const char*> weight_axis_names(const Layer&, int) const override { return {"channels"}; }
  WeightLayout weight_layout(const Layer&, int) const override {
    return {"per_channel", "one per channel"};
  }
  // Keras counts the moving statistics as (non-trainable) parameters.
  Result<LayerPlan> plan(const Layer& l, const TensorShape& in, const std::string& at) const override;
  void forward(const Layer& l, const LayerPlan& p, Backend, const float* in, float*,
               float* out) const override {
    const int c = p.in.c;
    std::vector<Affine> a(static_cast<std::size_t>(c));
    for (int k = 0; k < c; ++k) a[static_cast<std::size_t>(k)] = affine(l, k);
    const std::size_t n = static_cast<std::size_t>(p.in.elements());
    for (std::size_t i = 0; i < n; ++i) {
      const Affine& f = a[i % static_cast<std::size_t>(c)];
      out[i] = in[i] * f.inv + f.shift;
    }
  }
  Result<ElementTrace> trace(const Layer& l, const LayerPlan& p, const Tensor& in, int y, int x,
                             int c) const override;
  void forward_batch(Layer& l, const LayerPlan& p, const BatchPass& b) const override;
  void backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                      const BatchGrad& g) const override;
  bool trainable(const Layer&, int index) const override { return index < 2; }
  std::string explain(const ElementTrace& t) const override;
  void field_down(const Layer&, const LayerPlan&, const CellMask& above,
                  CellMask* below) const override {
    copy(above, below);
  }
  void field_up(const Layer&, const LayerPlan&, const CellMask& below,
                CellMask* above) const override {
    copy(below, above);
  }
  std::string keras_line(const Layer& l) const override;
  std::string pytorch_line(const Layer& l, const LayerPlan& p) const override;
  TorchWeights torch_weights(const Layer&, const LayerPlan&) const override {
    return {"nn.BatchNorm", {{0, "weight", ""}, {1, "bias", ""}, {2, "running_mean", ""}, {3, "running_var", ""}}};
  }

 private:
  static void copy(const CellMask& from, CellMask* to) {
    to->channel = from.channel;
    for (int y = 0; y < from.h; ++y)
      for (int x = 0; x < from.w; ++x)
        if (from.at(y, x)) to->mark(y, x);
  }
};

const NormFamily kNormFamily;

// [SECTION] Table row

constexpr KeyDef kBatchNormKeys[] = {
    {"axis", KeyKind::kAxis, "-1"},
    float_key("momentum", &Layer::momentum, "0.99", 0.0f, 1.0f),
    float_key("epsilon", &Layer::epsilon, "0.001", 1e-12f, 1.0f),
    bool_key("center", &Layer::center, "true"),
    bool_key("scale", &Layer::use_gamma, "true"),
    {"synchronized", KeyKind::kIgnored, "null"},
};
const WeightDef kBatchNormWeights[] = {
    {"gamma", &Layer::gamma, &Layer::use_gamma, Initializer::kOnes},
    {"beta", &Layer::beta, &Layer::center, Initializer::kZeros},
    {"moving_mean", &Layer::moving_mean, nullptr, Initializer::kZeros},
    {"moving_variance", &Layer::moving_variance, nullptr, Initializer::kOnes},
};

}  // namespace

extern const LayerInfo kBatchNormalizationInfo = {
    LayerType::kBatchNormalization, "BatchNormalization", "batch_normalization", 0, 0,
    kBatchNormKeys, kBatchNormWeights, &kNormFamily};

namespace {

// [SECTION] Shape and forward

Result<LayerPlan> NormFamily::plan(const Layer& l, const TensorShape& in,
                                   const std::string& at) const {
  if (l.axis != -1 && l.axis != in.rank()) {
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
// In training each channel is normalised with the batch's mean and (biased)
// variance over every example and position, and the moving statistics move
// towards them: moving = moving * momentum + batch * (1 - momentum), as
// Keras does. `saved` keeps the normalised values x^ and, after them, one
// 1/sqrt(var + epsilon) per channel.

struct ChannelStats {
  std::vector<double> mean, var;
};

ChannelStats batch_stats(const float* x, std::size_t count, int channels) {
  const std::size_t c = static_cast<std::size_t>(channels);
  ChannelStats s{std::vector<double>(c, 0.0), std::vector<double>(c, 0.0)};
  const double m = static_cast<double>(count / c);
  for (std::size_t i = 0; i < count; ++i) s.mean[i % c] += x[i];
  for (double& v : s.mean) v /= m;
  for (std::size_t i = 0; i < count; ++i) {
    const double d = x[i] - s.mean[i % c];
    s.var[i % c] += d * d;
  }
  for (double& v : s.var) v /= m;
  return s;
}

void NormFamily::forward_batch(Layer& l, const LayerPlan& p, const BatchPass& b) const {
  if (!b.training) {
    Family::forward_batch(l, p, b);
    return;
  }
  const std::size_t c = static_cast<std::size_t>(p.in.c);
  const std::size_t count = static_cast<std::size_t>(b.n) * static_cast<std::size_t>(p.in.elements());
  const ChannelStats s = batch_stats(b.in, count, p.in.c);
  std::vector<float>& saved = *b.saved;
  saved.resize(count + c);
  float* inv_std = saved.data() + count;
  for (std::size_t k = 0; k < c; ++k) {
    inv_std[k] = static_cast<float>(1.0 / std::sqrt(s.var[k] + static_cast<double>(l.epsilon)));
    const float keep = l.momentum, move = 1.0f - l.momentum;
    l.moving_mean[k] = l.moving_mean[k] * keep + static_cast<float>(s.mean[k]) * move;
    l.moving_variance[k] = l.moving_variance[k] * keep + static_cast<float>(s.var[k]) * move;
  }
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t k = i % c;
    saved[i] = static_cast<float>(b.in[i] - s.mean[k]) * inv_std[k];
    b.out[i] = saved[i] * (l.use_gamma ? l.gamma[k] : 1.0f) + (l.center ? l.beta[k] : 0.0f);
  }
}

// With batch statistics the mean and variance depend on every input:
// dx = gamma * inv_std / m * (m * dy - sum(dy) - x^ * sum(dy * x^)).
// With moving statistics (inference) the layer is affine per channel.
void NormFamily::backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                                const BatchGrad& g) const {
  const std::size_t c = static_cast<std::size_t>(p.in.c);
  const std::size_t count = static_cast<std::size_t>(b.n) * static_cast<std::size_t>(p.in.elements());
  std::vector<float> xhat_inf, inv_inf(c);
  const float* xhat = nullptr;
  const float* inv_std = nullptr;
  if (b.training) {
    xhat = b.saved->data(), inv_std = b.saved->data() + count;
  } else {
    xhat_inf.resize(count);
    for (std::size_t k = 0; k < c; ++k) inv_inf[k] = 1.0f / std::sqrt(l.moving_variance[k] + l.epsilon);
    for (std::size_t i = 0; i < count; ++i)
      xhat_inf[i] = (b.in[i] - l.moving_mean[i % c]) * inv_inf[i % c];
    xhat = xhat_inf.data(), inv_std = inv_inf.data();
  }
  std::vector<double> sum_dy(c, 0.0), sum_dy_xhat(c, 0.0);
  for (std::size_t i = 0; i < count; ++i) {
    sum_dy[i % c] += g.grad_out[i];
    sum_dy_xhat[i % c] += static_cast<double>(g.grad_out[i]) * xhat[i];
  }
  for (std::size_t k = 0; k < c; ++k) {
    if (l.use_gamma) (*g.grads)[0][k] = static_cast<float>(sum_dy_xhat[k]);
    if (l.center) (*g.grads)[1][k] = static_cast<float>(sum_dy[k]);
  }
  if (g.grad_in == nullptr) return;
  const double m = static_cast<double>(count / c);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t k = i % c;
    const double scale = (l.use_gamma ? l.gamma[k] : 1.0f) * static_cast<double>(inv_std[k]);
    const double dy = g.grad_out[i];
    g.grad_in[i] = static_cast<float>(
        b.training ? scale * (dy - sum_dy[k] / m - xhat[i] * sum_dy_xhat[k] / m) : scale * dy);
  }
}

// [SECTION] Trace and explain

Result<ElementTrace> NormFamily::trace(const Layer& l, const LayerPlan& p, const Tensor& in, int y,
                                       int x, int c) const {
  const int channel = p.in.flat ? x : c;
  ElementTrace t;
  t.type = l.type;
  t.y = y, t.x = x, t.c = c;
  t.geometry = p.g;
  t.step = y * p.g.out_w + x;
  t.origin_y = y, t.origin_x = x;
  TraceTap tap;
  tap.iy = tap.py = y, tap.ix = tap.px = x, tap.ci = c;
  tap.input = tap.product = tap.running = in.at_display(y, x, c);
  t.taps.push_back(tap);
  const std::size_t i = static_cast<std::size_t>(channel);
  const Affine a = affine(l, channel);
  NormDetail d;
  d.mean = l.moving_mean[i];
  d.variance = l.moving_variance[i];
  d.epsilon = l.epsilon;
  d.has_gamma = l.use_gamma;
  d.has_beta = l.center;
  d.gamma = l.use_gamma ? l.gamma[i] : 1.0f;
  d.beta = l.center ? l.beta[i] : 0.0f;
  d.inv = a.inv;
  t.value = tap.input * a.inv + a.shift;
  const std::string x_text = number_text(tap.input);
  d.formula = "inv = " + std::string(d.has_gamma ? number_text(d.gamma) + " x " : "") + "1/sqrt(" +
              number_text(d.variance) + " + " + number_text(d.epsilon) + ") = " + number_text(a.inv) +
              "; " + x_text + " x " + number_text(a.inv) + " + (" + number_text(d.beta) + " - " +
              number_text(d.mean) + " x " + number_text(a.inv) + ") = " + number_text(t.value);
  t.detail = std::move(d);
  return t;
}

std::string NormFamily::explain(const ElementTrace& t) const {
  const NormDetail& d = *t.norm();
  const int channel = t.taps[0].ci + (t.geometry.filters == 1 ? t.x : 0);
  return "BatchNormalization layers[" + istr(t.layer) + "] (inference), channel " + istr(channel) +
         ": (x - moving_mean) / sqrt(moving_variance + epsilon) x gamma + beta\nmoving_mean " +
         number_text(d.mean) + ", moving_variance " + number_text(d.variance) + ", epsilon " +
         number_text(d.epsilon) + ", gamma " + number_text(d.gamma) + ", beta " + number_text(d.beta) +
         "\n" + d.formula + "\n";
}

// [SECTION] Code lines

std::string NormFamily::keras_line(const Layer& l) const {
  std::string args;
  const auto add = [&](const std::string& a) { args += (args.empty() ? "" : ", ") + a; };
  if (l.momentum != 0.99f) add("momentum=" + number_text(l.momentum));
  if (l.epsilon != 0.001f) add("epsilon=" + number_text(l.epsilon));
  if (!l.center) add("center=False");
  if (!l.use_gamma) add("scale=False");
  return "keras.layers.BatchNormalization(" + args + ")";
}

std::string NormFamily::pytorch_line(const Layer& l, const LayerPlan& p) const {
  // PyTorch's momentum weighs the new batch: 1 - Keras' momentum.
  return "# model.eval() uses the moving statistics, as Keras does at inference\nnn.BatchNorm" +
         std::string(p.in.flat || p.in.one_d ? "1d(" : "2d(") + istr(p.in.c) + ", eps=" +
         number_text(l.epsilon) + ", momentum=" + number_text(1.0f - l.momentum) +
         (l.center || l.use_gamma ? "" : ", affine=False") + ")";
}

}  // namespace

}  // namespace cs
