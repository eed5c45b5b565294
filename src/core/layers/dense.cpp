// dense.cpp - the dense family: Dense.
// out[u] = activation(sum over i of in[i] * kernel[i, u] + bias[u]): every
// input reaches every unit. The kernel is Keras' [inputs, units]. Keras
// applies Dense to the last axis only, so a rank-3 input would get one
// Dense per position; ConvScope asks for Flatten first and says why.
//
// [SECTION] Table row
// [SECTION] Shape and forward
// [SECTION] Trace and explain
// [SECTION] Code lines

#include <cmath>

#include "core/activation.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/layers/family.h"
#include "core/reference.h"
#include "core/reference_grad.h"
#include "core/validate.h"
#include "kernels/kernels.h"

namespace cs {

namespace {

class DenseFamily final : public Family {
 public:
  std::vector<int> weight_dims(const Layer& l, int index, int in_c) const override {
    if (index == 1) return {l.units};
    return {in_c, l.units};
  }
  std::vector<const char*> weight_axis_names(const Layer&, int index) const override {
    if (index == 1) return {"units"};
    return {"inputs", "units"};
  }
  WeightLayout weight_layout(const Layer&, int index) const override {
    if (index == 1) return {"per_unit", "one per unit"};
    return {"dense_kernel", "inputs x units"};
  }
  Result<LayerPlan> plan(const Layer& l, const TensorShape& in, const std::string& at) const override;
  void forward(const Layer& l, const LayerPlan& p, Backend b, const float* in, float* pre,
               float* out) const override;
  bool has_pre_activation(const Layer&) const override { return true; }
  void forward_batch(Layer& l, const LayerPlan& p, const BatchPass& b) const override;
  void backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                      const BatchGrad& g) const override;
  bool softmax_logits(const Layer& l, const BatchPass& b, const float** logits) const override {
    *logits = b.pre;
    return l.activation == Activation::kSoftmax;
  }
  std::int64_t macs(const Layer& l, const LayerPlan& p) const override {
    return std::int64_t{p.in.c} * l.units;
  }
  Result<ElementTrace> trace(const Layer& l, const LayerPlan& p, const Tensor& in, int y, int x,
                             int c) const override;
  std::string explain(const ElementTrace& t) const override;
  // A unit reads every input, and every input feeds every unit.
  void field_down(const Layer&, const LayerPlan&, const CellMask& above,
                  CellMask* below) const override {
    if (above.count == 0) return;
    for (int y = 0; y < below->h; ++y)
      for (int x = 0; x < below->w; ++x) below->mark(y, x);
  }
  void field_up(const Layer& l, const LayerPlan& p, const CellMask& below,
                CellMask* above) const override {
    field_down(l, p, below, above);
  }
  std::string keras_line(const Layer& l) const override;
  std::string pytorch_line(const Layer& l, const LayerPlan& p) const override;
  TorchWeights torch_weights(const Layer& l, const LayerPlan& p) const override {
    return {"nn.Linear", {{0, "weight", ".reshape(" + istr(p.in.c) + ", " + istr(l.units) + ").T"}, {1, "bias", ""}}};
  }
};

const DenseFamily kDenseFamily;

// [SECTION] Table row

constexpr KeyDef kDenseKeys[] = {
    int_key("units", &Layer::units, nullptr, 1, limits::kMaxUnits, "10"),
    activation_key("null"),
    bool_key("use_bias", &Layer::use_bias, "true"),
};
const WeightDef kDenseWeights[] = {
    {"kernel", &Layer::kernel, nullptr, Initializer::kGlorotUniform},
    {"bias", &Layer::bias, &Layer::use_bias, Initializer::kZeros},
};

}  // namespace

extern const LayerInfo kDenseInfo = {LayerType::kDense, "Dense", "dense", 1, 0,
                                     kDenseKeys, kDenseWeights, &kDenseFamily};

namespace {

// [SECTION] Shape and forward

Result<LayerPlan> DenseFamily::plan(const Layer& l, const TensorShape& in,
                                    const std::string& at) const {
  (void)at;  // the rank rule (a vector) is the table's, checked before
  LayerPlan p{in, vector_shape(l.units), {}};
  p.g.in_h = 1, p.g.in_w = in.c, p.g.in_c = 1;
  p.g.out_h = 1, p.g.out_w = l.units, p.g.filters = 1;
  return p;
}

void DenseFamily::forward(const Layer& l, const LayerPlan& p, Backend b, const float* in, float* pre,
                          float* out) const {
  const float* bias = l.use_bias ? l.bias.data() : nullptr;
  if (b == Backend::kReference) {
    ref::dense(1, p.in.c, l.units, in, l.kernel.data(), bias, l.activation, pre, out);
  } else {
    dense_f32(1, p.in.c, l.units, in, l.kernel.data(), bias, l.activation, pre, out);
  }
  finish_activation(l.activation, p.out, out);
}

// A batch is one matrix product (x [n, in] times kernel [in, units]).
void DenseFamily::forward_batch(Layer& l, const LayerPlan& p, const BatchPass& b) const {
  const float* bias = l.use_bias ? l.bias.data() : nullptr;
  dense_f32(b.n, p.in.c, l.units, b.in, l.kernel.data(), bias, l.activation, b.pre, b.out);
  for (int i = 0; i < b.n; ++i)
    finish_activation(l.activation, p.out, b.out + static_cast<std::size_t>(i) * static_cast<std::size_t>(l.units));
}

// dY = dL/d pre [n, units]; dK = X^T dY, db = column sums of dY, dX = dY K^T.
void DenseFamily::backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                                 const BatchGrad& g) const {
  const int in = p.in.c, units = l.units;
  const std::size_t count = static_cast<std::size_t>(b.n) * static_cast<std::size_t>(units);
  std::vector<float>& dy = *g.scratch;
  dy.resize(count);
  pre_activation_grad(l.activation, g, b, 0, count, units, dy.data());
  gemm_f32(true, false, in, units, b.n, b.in, in, dy.data(), units, false, (*g.grads)[0].data(), units);
  if (l.use_bias) dense_backward_bias_f32(b.n, units, dy.data(), (*g.grads)[1].data(), false);
  if (g.grad_in != nullptr)
    gemm_f32(false, true, b.n, in, units, dy.data(), units, l.kernel.data(), units, false, g.grad_in, in);
}

// [SECTION] Trace and explain

// Unit u's sum in input order, the order the walk shows.
float unit_sum(const Layer& l, const Tensor& in, int u, std::vector<TraceTap>* taps) {
  float running = 0.0f;
  for (int i = 0; i < in.shape.c; ++i) {
    const float w = l.kernel[static_cast<std::size_t>(i) * static_cast<std::size_t>(l.units) +
                             static_cast<std::size_t>(u)];
    const float product = in.data[static_cast<std::size_t>(i)] * w;
    running += product;
    if (!taps) continue;
    TraceTap t;
    t.kx = t.px = t.ix = i;
    t.iy = t.py = 0;
    t.input = in.data[static_cast<std::size_t>(i)];
    t.weight = w;
    t.product = product;
    t.running = running;
    taps->push_back(t);
  }
  return running;
}

Result<ElementTrace> DenseFamily::trace(const Layer& l, const LayerPlan& p, const Tensor& in, int y,
                                        int x, int c) const {
  ElementTrace t;
  t.type = l.type;
  t.y = y, t.x = x, t.c = c;
  t.geometry = p.g;
  t.step = x;
  SumDetail d;
  d.sum = unit_sum(l, in, x, &t.taps);
  d.has_bias = l.use_bias;
  d.bias = l.use_bias ? l.bias[static_cast<std::size_t>(x)] : 0.0f;
  d.pre_activation = d.sum + d.bias;
  d.activation = l.activation;
  t.value = ref::activate(d.pre_activation, l.activation);
  if (l.activation == Activation::kSoftmax) {
    std::vector<float> logits(static_cast<std::size_t>(l.units));
    for (int u = 0; u < l.units; ++u) {
      logits[static_cast<std::size_t>(u)] =
          unit_sum(l, in, u, nullptr) + (l.use_bias ? l.bias[static_cast<std::size_t>(u)] : 0.0f);
    }
    d.softmax = softmax_stats(logits.data(), l.units);
    d.index = x;
    t.value = d.softmax.probabilities[static_cast<std::size_t>(x)];
  }
  t.detail = std::move(d);
  return t;
}

std::string DenseFamily::explain(const ElementTrace& t) const {
  const SumDetail& d = *t.sum();
  std::string s = "Dense layers[" + istr(t.layer) + "], unit " + istr(t.x) + " (step " +
                  istr(t.step + 1) + " of " + istr(t.geometry.out_w) + ")\n";
  s += "unit " + istr(t.x) + " reads all " + istr(static_cast<std::int64_t>(t.taps.size())) +
       " inputs, each times its own weight (kernel[i, " + istr(t.x) + "])\n";
  // Long sums: the first and last terms, with the running sum between.
  const std::size_t n = t.taps.size();
  std::string line;
  for (std::size_t i = 0; i < n; ++i) {
    if (n > 12 && i == 6) {
      line += " + ... (" + istr(static_cast<std::int64_t>(n - 12)) + " more terms; running " +
              number_text(t.taps[n - 7].running) + ")";
      i = n - 6;
    }
    const TraceTap& p = t.taps[i];
    line += (i ? " + " : "") + std::string("(") + number_text(p.input) + "x" + number_text(p.weight) + ")";
  }
  s += line + " = " + number_text(d.sum) + "\n";
  s += "sum " + number_text(d.sum);
  if (d.has_bias) s += " + bias " + number_text(d.bias);
  s += " = " + number_text(d.pre_activation);
  if (d.activation == Activation::kSoftmax) {
    const SoftmaxStats& m = d.softmax;
    s += " -> softmax over the " + istr(static_cast<std::int64_t>(m.logits.size())) + " units:\n";
    s += "  max " + number_text(m.max) + "; exp(z - max) for each unit, sum " + number_text(m.sum) + "\n";
    for (std::size_t u = 0; u < m.logits.size(); ++u) {
      s += "  unit " + istr(static_cast<std::int64_t>(u)) + ": exp(" + number_text(m.logits[u]) +
           " - " + number_text(m.max) + ") = " + number_text(m.exps[u]) + ", / " +
           number_text(m.sum) + " = " + number_text(m.probabilities[u]) +
           (static_cast<int>(u) == t.x ? "   <- this unit" : "") + "\n";
    }
    return s;
  }
  if (d.activation != Activation::kLinear) {
    s += std::string(" -> ") + activation_label(d.activation) + " -> " + number_text(t.value);
  }
  return s + "\n";
}

// [SECTION] Code lines

std::string DenseFamily::keras_line(const Layer& l) const {
  std::string out = "keras.layers.Dense(" + istr(l.units);
  if (l.activation != Activation::kLinear) {
    out += std::string(", activation='") + activation_name(l.activation) + "'";
  }
  if (!l.use_bias) out += ", use_bias=False";
  return out + ")";
}

std::string DenseFamily::pytorch_line(const Layer& l, const LayerPlan& p) const {
  std::string out = "# weights: linear.weight = keras_kernel.T (PyTorch stores [units, inputs])\n";
  out += "nn.Linear(" + istr(p.in.c) + ", " + istr(l.units) + (l.use_bias ? "" : ", bias=False") + ")";
  return out + torch_activation(l.activation);
}

}  // namespace

}  // namespace cs
