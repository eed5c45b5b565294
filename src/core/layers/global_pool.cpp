// global_pool.cpp - the global pooling family: GlobalAveragePooling2D/1D
// and GlobalMaxPooling2D/1D. One number per channel: the mean (or the
// largest) of the whole map. The output is a vector [channels] (Keras'
// keepdims=False), or keeps its rank with size-1 spatial axes.
//
// [SECTION] Table rows
// [SECTION] Shape and forward
// [SECTION] Trace and explain
// [SECTION] Code lines

#include <cmath>
#include <limits>

#include "core/errors.h"
#include "core/json.h"
#include "core/layers/family.h"
#include "core/layers/window.h"
#include "core/reference.h"
#include "core/validate.h"
#include "kernels/kernels.h"

namespace cs {

namespace {

PoolKind kind_of(const Layer& l) { return static_cast<PoolKind>(layer_info(l.type).variant); }

class GlobalPoolFamily final : public Family {
 public:
  Result<LayerPlan> plan(const Layer& l, const TensorShape& in, const std::string& at) const override;
  void forward(const Layer& l, const LayerPlan& p, Backend b, const float* in, float*,
               float* out) const override {
    const Geometry2D g = window_of(p.in);
    if (b == Backend::kReference) {
      ref::pool2d(g, kind_of(l), false, in, out);
    } else {
      pool2d_f32(g, kind_of(l), false, in, out);
    }
  }
  Result<ElementTrace> trace(const Layer& l, const LayerPlan& p, const Tensor& in, int y, int x,
                             int c) const override;
  std::string explain(const ElementTrace& t) const override;
  void backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                      const BatchGrad& g) const override {
    // One window over the whole map: max to its chosen cell, average to all.
    window::pool_backward_batch(window_of(p.in), kind_of(l), false, p, b, g);
  }
  // Channel c of the output reads every cell of channel c.
  void field_down(const Layer&, const LayerPlan& p, const CellMask& above,
                  CellMask* below) const override {
    const int c = channel_marked(p, above);
    if (c < 0) return;
    below->channel = c;
    for (int y = 0; y < below->h; ++y)
      for (int x = 0; x < below->w; ++x) below->mark(y, x);
  }
  void field_up(const Layer&, const LayerPlan& p, const CellMask& below,
                CellMask* above) const override {
    if (below.count == 0) return;
    for (int c = 0; c < p.in.c; ++c) {
      if (below.channel >= 0 && c != below.channel) continue;
      if (p.out.flat) above->mark(0, c); else above->mark(0, 0);
    }
    above->channel = p.out.flat ? -1 : below.channel;
  }
  std::string keras_line(const Layer& l) const override {
    return std::string("keras.layers.") + layer_type_name(l.type) + "(" +
           (l.keepdims ? "keepdims=True" : "") + ")";
  }
  std::string pytorch_line(const Layer& l, const LayerPlan&) const override {
    const bool one_d = is_1d(l.type);
    const std::string pool = kind_of(l) == PoolKind::kMax ? "nn.AdaptiveMaxPool" : "nn.AdaptiveAvgPool";
    return pool + (one_d ? "1d(1)" : "2d(1)") + (l.keepdims ? "" : "\nnn.Flatten()");
  }

 private:
  // The kernels' view: one window as large as the map.
  static Geometry2D window_of(const TensorShape& in) {
    Geometry2D g;
    g.in_h = g.kh = in.h, g.in_w = g.kw = in.w, g.in_c = g.filters = in.c;
    g.out_h = g.out_w = 1;
    return g;
  }
  // The channel of the first marked output cell, or -1.
  static int channel_marked(const LayerPlan& p, const CellMask& m) {
    for (int y = 0; y < m.h; ++y)
      for (int x = 0; x < m.w; ++x)
        if (m.at(y, x)) return p.out.flat ? x : std::max(0, m.channel);
    return -1;
  }
};

const GlobalPoolFamily kGlobalPoolFamily;

// [SECTION] Table rows

constexpr KeyDef kGlobalKeys[] = {
    scoped(bool_key("keepdims", &Layer::keepdims, "false"), KeyScope::kKerasOnly),
    fixed_key("data_format", KeyKind::kChannelsLast),
};

constexpr int kMax = static_cast<int>(PoolKind::kMax);
constexpr int kAverage = static_cast<int>(PoolKind::kAverage);

}  // namespace

extern const LayerInfo kGlobalAveragePooling2DInfo = {
    LayerType::kGlobalAveragePooling2D, "GlobalAveragePooling2D", "global_average_pooling2d", 3,
    kAverage, kGlobalKeys, {}, &kGlobalPoolFamily};
extern const LayerInfo kGlobalMaxPooling2DInfo = {
    LayerType::kGlobalMaxPooling2D, "GlobalMaxPooling2D", "global_max_pooling2d", 3, kMax,
    kGlobalKeys, {}, &kGlobalPoolFamily};
extern const LayerInfo kGlobalAveragePooling1DInfo = {
    LayerType::kGlobalAveragePooling1D, "GlobalAveragePooling1D", "global_average_pooling1d", 2,
    kAverage, kGlobalKeys, {}, &kGlobalPoolFamily};
extern const LayerInfo kGlobalMaxPooling1DInfo = {
    LayerType::kGlobalMaxPooling1D, "GlobalMaxPooling1D", "global_max_pooling1d", 2, kMax,
    kGlobalKeys, {}, &kGlobalPoolFamily};

namespace {

// [SECTION] Shape and forward

Result<LayerPlan> GlobalPoolFamily::plan(const Layer& l, const TensorShape& in,
                                         const std::string& at) const {
  (void)at;  // the rank rule is the table's, checked before
  LayerPlan p;
  p.in = in;
  p.out = l.keepdims ? TensorShape{1, 1, in.c, in.one_d} : vector_shape(in.c);
  const DisplayDims d = display_dims(p.out);
  p.g.in_h = in.h, p.g.in_w = in.w, p.g.in_c = in.c;
  p.g.kh = in.h, p.g.kw = in.w;
  p.g.out_h = d.rows, p.g.out_w = d.cols, p.g.filters = d.channels;
  return p;
}

// [SECTION] Trace and explain

Result<ElementTrace> GlobalPoolFamily::trace(const Layer& l, const LayerPlan& p, const Tensor& in,
                                             int y, int x, int c) const {
  const int channel = p.out.flat ? x : c;
  ElementTrace t;
  t.type = l.type;
  t.y = y, t.x = x, t.c = c;
  t.geometry = p.g;
  t.step = x;
  const bool max = kind_of(l) == PoolKind::kMax;
  float running = max ? -std::numeric_limits<float>::infinity() : 0.0f;
  MaxDetail m;
  for (int iy = 0; iy < in.shape.h; ++iy) {
    for (int ix = 0; ix < in.shape.w; ++ix) {
      TraceTap tap;
      tap.ky = tap.iy = tap.py = iy;
      tap.kx = tap.ix = tap.px = ix;
      tap.ci = channel;
      tap.input = tap.product = in.at(iy, ix, channel);
      if (max) {
        // NaN is sticky, as in the reference: the first NaN decides.
        if (!std::isnan(running) && (std::isnan(tap.input) || tap.input > running)) {
          running = tap.input;
          m.chosen_tap = static_cast<int>(t.taps.size());
        }
      } else {
        running += tap.input;
      }
      tap.running = running;
      t.taps.push_back(tap);
    }
  }
  if (max) {
    t.value = running;
    t.detail = m;
    return t;
  }
  AverageDetail a;
  a.sum = running;
  a.count_real = a.count_window = static_cast<int>(t.taps.size());
  a.divisor = static_cast<float>(a.count_real);
  a.value_keras = a.value_include_pad = running / a.divisor;
  t.value = a.value_keras;
  t.detail = a;
  return t;
}

std::string GlobalPoolFamily::explain(const ElementTrace& t) const {
  const int channel = t.taps.empty() ? 0 : t.taps[0].ci;
  std::string s = std::string(layer_type_name(t.type)) + " layers[" + istr(t.layer) + "], channel " +
                  istr(channel) + ": every one of the " + istr(static_cast<std::int64_t>(t.taps.size())) +
                  " cells of its map\n";
  std::string terms;
  const std::size_t n = t.taps.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (n > 12 && i == 6) {
      terms += ", ... (" + istr(static_cast<std::int64_t>(n - 12)) + " more)";
      i = n - 6;
    }
    terms += (i ? ", " : "") + number_text(t.taps[i].input);
  }
  if (t.max()) return s + "max(" + terms + ") = " + number_text(t.value) + "\n";
  return s + "(" + terms + ") summed = " + number_text(t.average()->sum) + ", / " + istr(static_cast<std::int64_t>(n)) +
         " = " + number_text(t.value) + "\n";
}

}  // namespace

}  // namespace cs
