// reshape.cpp - the reshaping family: Flatten, ZeroPadding2D, UpSampling2D
// and InputLayer. Each output element is one input element moved (or a
// padding zero), except bilinear upsampling, which mixes four neighbours
// exactly as TensorFlow's resize does.
//
// [SECTION] Table rows
// [SECTION] Shapes
// [SECTION] Where an output element comes from
// [SECTION] Forward, trace and explain
// [SECTION] Receptive fields
// [SECTION] Code lines

#include <algorithm>
#include <cmath>

#include "core/errors.h"
#include "core/json.h"
#include "core/layers/family.h"
#include "core/validate.h"

namespace cs {

namespace {

enum class Op { kFlatten, kZeroPadding, kUpSampling, kInput };

Op op_of(const Layer& l) { return static_cast<Op>(layer_info(l.type).variant); }

class ReshapeFamily final : public Family {
 public:
  Result<LayerPlan> plan(const Layer& l, const TensorShape& in, const std::string& at) const override;
  void forward(const Layer& l, const LayerPlan& p, Backend, const float* in, float*,
               float* out) const override;
  void backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                      const BatchGrad& g) const override;
  Result<ElementTrace> trace(const Layer& l, const LayerPlan& p, const Tensor& in, int y, int x,
                             int c) const override;
  std::string explain(const ElementTrace& t) const override;
  void field_down(const Layer& l, const LayerPlan& p, const CellMask& above,
                  CellMask* below) const override;
  void field_up(const Layer& l, const LayerPlan& p, const CellMask& below,
                CellMask* above) const override;
  std::string keras_line(const Layer& l) const override;
  std::string pytorch_line(const Layer& l, const LayerPlan& p) const override;
};

const ReshapeFamily kReshapeFamily;

// [SECTION] Table rows

constexpr KeyDef kFlattenKeys[] = {
    fixed_key("data_format", KeyKind::kChannelsLast),
};
constexpr KeyDef kZeroPaddingKeys[] = {
    {"padding", KeyKind::kZeroPadding, "1"},
    fixed_key("data_format", KeyKind::kChannelsLast),
};
constexpr KeyDef kUpSamplingKeys[] = {
    size_key("size", &Layer::size, "2", 1, limits::kMaxStride),
    {"interpolation", KeyKind::kInterpolation, "\"nearest\""},
    fixed_key("data_format", KeyKind::kChannelsLast),
};
constexpr KeyDef kInputKeys[] = {
    {"batch_shape", KeyKind::kShape, "null"},
    {"batch_input_shape", KeyKind::kShapeAlias, "null"},
    {"sparse", KeyKind::kIgnored, "null"},
    {"ragged", KeyKind::kIgnored, "null"},
};

constexpr int variant(Op o) { return static_cast<int>(o); }

}  // namespace

extern const LayerInfo kFlattenInfo = {LayerType::kFlatten, "Flatten", "flatten", 0,
                                       variant(Op::kFlatten), kFlattenKeys, {}, &kReshapeFamily};
extern const LayerInfo kZeroPadding2DInfo = {LayerType::kZeroPadding2D, "ZeroPadding2D",
                                             "zero_padding2d", 3, variant(Op::kZeroPadding),
                                             kZeroPaddingKeys, {}, &kReshapeFamily};
extern const LayerInfo kUpSampling2DInfo = {LayerType::kUpSampling2D, "UpSampling2D",
                                            "up_sampling2d", 3, variant(Op::kUpSampling),
                                            kUpSamplingKeys, {}, &kReshapeFamily};
extern const LayerInfo kInputLayerInfo = {LayerType::kInputLayer, "InputLayer", "input_layer", 0,
                                          variant(Op::kInput), kInputKeys, {}, &kReshapeFamily};

namespace {

// [SECTION] Shapes

Result<TensorShape> output_of(const Layer& l, const TensorShape& in, const std::string& at) {
  switch (op_of(l)) {
    case Op::kFlatten:
      return vector_shape(static_cast<int>(in.elements()));
    case Op::kZeroPadding:
      for (std::size_t i = 0; i < 4; ++i) {
        if (l.pads[i] < 0 || l.pads[i] > limits::kMaxSpatial) {
          static const char* const kSide[4] = {"top", "bottom", "left", "right"};
          return make_error(at + ".padding",
                            std::string(kSide[i]) + " padding must be between 0 and " +
                                istr(limits::kMaxSpatial) + ", got " + istr(l.pads[i]),
                            "zero_padding_out_of_range",
                            {kSide[i], istr(limits::kMaxSpatial), istr(l.pads[i])});
        }
      }
      return TensorShape{in.h + l.pads[0] + l.pads[1], in.w + l.pads[2] + l.pads[3], in.c, false};
    case Op::kUpSampling:
      return TensorShape{in.h * l.size[0], in.w * l.size[1], in.c, false};
    case Op::kInput:
      if (!l.batch_shape.empty() && l.batch_shape != in.dims()) {
        std::string declared = "[";
        for (std::size_t i = 0; i < l.batch_shape.size(); ++i) {
          declared += (i ? ", " : "") + istr(l.batch_shape[i]);
        }
        declared += "]";
        return make_error(at + ".batch_shape",
                          "declares the input shape " + declared + " but the scene's input is " +
                              shape_text(in),
                          "input_layer_shape_mismatch", {declared, shape_text(in)});
      }
      return in;
  }
  return in;
}

Result<LayerPlan> ReshapeFamily::plan(const Layer& l, const TensorShape& in,
                                      const std::string& at) const {
  Result<TensorShape> out = output_of(l, in, at);
  if (!out) return out.error();
  Result<bool> size = check_output_size(out->h, out->w, out->c, at);
  if (!size) return size.error();
  LayerPlan p{in, *out, {}};
  const DisplayDims di = display_dims(in), d = display_dims(*out);
  p.g.in_h = di.rows, p.g.in_w = di.cols, p.g.in_c = di.channels;
  p.g.out_h = d.rows, p.g.out_w = d.cols, p.g.filters = d.channels;
  if (op_of(l) == Op::kZeroPadding) {
    p.g.pad_top = l.pads[0], p.g.pad_bottom = l.pads[1];
    p.g.pad_left = l.pads[2], p.g.pad_right = l.pads[3];
  }
  return p;
}

// [SECTION] Where an output element comes from

// The input cell (display coordinates) of output (y, x, c) for the copying
// operations, or false for a padding zero.
bool source_cell(const Layer& l, const LayerPlan& p, int y, int x, int c, int* iy, int* ix, int* ic) {
  switch (op_of(l)) {
    case Op::kFlatten: {  // index x of the vector: HWC row-major
      const int i = x;
      const DisplayDims d = display_dims(p.in);
      *ic = i % d.channels;
      *ix = (i / d.channels) % d.cols;
      *iy = i / (d.channels * d.cols);
      return true;
    }
    case Op::kZeroPadding:
      *iy = y - l.pads[0], *ix = x - l.pads[2], *ic = c;
      return *iy >= 0 && *iy < p.in.h && *ix >= 0 && *ix < p.in.w;
    case Op::kUpSampling:  // nearest: Keras repeats each row and column `size` times
      *iy = y / l.size[0], *ix = x / l.size[1], *ic = c;
      return true;
    case Op::kInput:
      *iy = y, *ix = x, *ic = c;
      return true;
  }
  return false;
}

// One axis of TensorFlow's bilinear resize with half-pixel centres (what
// Keras 3's UpSampling2D calls): the source position, its two neighbours
// and the fraction between them.
struct Lerp {
  int lo = 0, hi = 0;
  float frac = 0.0f;
};
Lerp lerp_axis(int o, int in_size, int out_size) {
  const float scale = static_cast<float>(in_size) / static_cast<float>(out_size);
  const float pos = (static_cast<float>(o) + 0.5f) * scale - 0.5f;
  const float floor_pos = std::floor(pos);
  Lerp r;
  r.lo = std::max(static_cast<int>(floor_pos), 0);
  r.hi = std::min(static_cast<int>(std::ceil(pos)), in_size - 1);
  r.frac = pos - floor_pos;
  return r;
}

// TensorFlow's order of operations: the top and bottom rows are mixed
// along x, then those two along y.
float bilinear(const float* in, const TensorShape& s, const Lerp& ly, const Lerp& lx, int c) {
  const auto at = [&](int y, int x) {
    return in[(static_cast<std::size_t>(y) * static_cast<std::size_t>(s.w) + static_cast<std::size_t>(x)) *
                  static_cast<std::size_t>(s.c) +
              static_cast<std::size_t>(c)];
  };
  const float top = at(ly.lo, lx.lo) + (at(ly.lo, lx.hi) - at(ly.lo, lx.lo)) * lx.frac;
  const float bottom = at(ly.hi, lx.lo) + (at(ly.hi, lx.hi) - at(ly.hi, lx.lo)) * lx.frac;
  return top + (bottom - top) * ly.frac;
}

bool is_bilinear(const Layer& l) {
  return op_of(l) == Op::kUpSampling && l.interpolation == Interpolation::kBilinear;
}

// [SECTION] Forward, trace and explain

void ReshapeFamily::forward(const Layer& l, const LayerPlan& p, Backend, const float* in, float*,
                            float* out) const {
  if (op_of(l) == Op::kFlatten || op_of(l) == Op::kInput) {
    std::copy(in, in + p.in.elements(), out);  // HWC row-major is already flat
    return;
  }
  const TensorShape& o = p.out;
  float* dst = out;
  for (int y = 0; y < o.h; ++y) {
    const Lerp ly = lerp_axis(y, p.in.h, o.h);
    for (int x = 0; x < o.w; ++x) {
      const Lerp lx = lerp_axis(x, p.in.w, o.w);
      for (int c = 0; c < o.c; ++c) {
        int iy = 0, ix = 0, ic = 0;
        if (is_bilinear(l)) {
          *dst++ = bilinear(in, p.in, ly, lx, c);
        } else if (source_cell(l, p, y, x, c, &iy, &ix, &ic)) {
          *dst++ = in[(static_cast<std::size_t>(iy) * static_cast<std::size_t>(p.in.w) +
                       static_cast<std::size_t>(ix)) *
                          static_cast<std::size_t>(p.in.c) +
                      static_cast<std::size_t>(ic)];
        } else {
          *dst++ = 0.0f;
        }
      }
    }
  }
}

// [SECTION] Backward

// Bilinear: each output's gradient goes to its four source cells with the
// weights the forward mixed them by (the same Lerp, expanded).
void bilinear_backward(const TensorShape& s, const Lerp& ly, const Lerp& lx, int c, float g,
                       float* grad_in) {
  const auto add = [&](int y, int x, float w) {
    grad_in[(static_cast<std::size_t>(y) * static_cast<std::size_t>(s.w) + static_cast<std::size_t>(x)) *
                static_cast<std::size_t>(s.c) +
            static_cast<std::size_t>(c)] += g * w;
  };
  add(ly.lo, lx.lo, (1.0f - ly.frac) * (1.0f - lx.frac));
  add(ly.lo, lx.hi, (1.0f - ly.frac) * lx.frac);
  add(ly.hi, lx.lo, ly.frac * (1.0f - lx.frac));
  add(ly.hi, lx.hi, ly.frac * lx.frac);
}

// One example: every output cell's gradient back to the cell(s) it came
// from (padding zeros send nothing; repeated cells add up).
void backward_one(const Layer& l, const LayerPlan& p, const float* grad_out, float* grad_in) {
  const TensorShape& o = p.out;
  std::fill(grad_in, grad_in + p.in.elements(), 0.0f);
  for (int y = 0; y < o.h; ++y) {
    const Lerp ly = lerp_axis(y, p.in.h, o.h);
    for (int x = 0; x < o.w; ++x) {
      const Lerp lx = lerp_axis(x, p.in.w, o.w);
      for (int c = 0; c < o.c; ++c) {
        const float g = *grad_out++;
        int iy = 0, ix = 0, ic = 0;
        if (is_bilinear(l)) {
          bilinear_backward(p.in, ly, lx, c, g, grad_in);
        } else if (source_cell(l, p, y, x, c, &iy, &ix, &ic)) {
          grad_in[(static_cast<std::size_t>(iy) * static_cast<std::size_t>(p.in.w) +
                   static_cast<std::size_t>(ix)) *
                      static_cast<std::size_t>(p.in.c) +
                  static_cast<std::size_t>(ic)] += g;
        }
      }
    }
  }
}

void ReshapeFamily::backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                                   const BatchGrad& g) const {
  if (g.grad_in == nullptr) return;
  const std::size_t in_n = static_cast<std::size_t>(p.in.elements());
  const std::size_t out_n = static_cast<std::size_t>(p.out.elements());
  if (op_of(l) == Op::kFlatten || op_of(l) == Op::kInput) {
    std::copy(g.grad_out, g.grad_out + in_n * static_cast<std::size_t>(b.n), g.grad_in);
    return;
  }
  for (std::size_t i = 0; i < static_cast<std::size_t>(b.n); ++i)
    backward_one(l, p, g.grad_out + i * out_n, g.grad_in + i * in_n);
}

TraceTap tap_at(const Tensor& in, int iy, int ix, int ic) {
  TraceTap t;
  t.iy = t.py = iy, t.ix = t.px = ix, t.ci = ic;
  t.input = t.product = t.running = in.at_display(iy, ix, ic);
  return t;
}

std::string bilinear_formula(const ElementTrace& t, const Lerp& ly, const Lerp& lx) {
  const auto v = [&](int k) { return number_text(t.taps[static_cast<std::size_t>(k)].input); };
  const float top = t.taps[0].input + (t.taps[1].input - t.taps[0].input) * lx.frac;
  const float bottom = t.taps[2].input + (t.taps[3].input - t.taps[2].input) * lx.frac;
  return "top = " + v(0) + " + (" + v(1) + " - " + v(0) + ") x " + number_text(lx.frac) + " = " +
         number_text(top) + "; bottom = " + v(2) + " + (" + v(3) + " - " + v(2) + ") x " +
         number_text(lx.frac) + " = " + number_text(bottom) + "; top + (bottom - top) x " +
         number_text(ly.frac) + " = " + number_text(t.value);
}

Result<ElementTrace> ReshapeFamily::trace(const Layer& l, const LayerPlan& p, const Tensor& in, int y,
                                          int x, int c) const {
  ElementTrace t;
  t.type = l.type;
  t.y = y, t.x = x, t.c = c;
  t.geometry = p.g;
  t.step = y * p.g.out_w + x;
  t.origin_y = y, t.origin_x = x;
  if (is_bilinear(l)) {
    const Lerp ly = lerp_axis(y, p.in.h, p.out.h), lx = lerp_axis(x, p.in.w, p.out.w);
    for (int r : {ly.lo, ly.hi})
      for (int s : {lx.lo, lx.hi}) t.taps.push_back(tap_at(in, r, s, c));
    t.value = bilinear(in.data.data(), p.in, ly, lx, c);
    t.detail = FormulaDetail{bilinear_formula(t, ly, lx)};
    return t;
  }
  int iy = 0, ix = 0, ic = 0;
  if (!source_cell(l, p, y, x, c, &iy, &ix, &ic)) {
    TraceTap pad;
    pad.padding = true;
    pad.kind = TapKind::kPadding;
    pad.py = y, pad.px = x, pad.ci = c;
    t.taps.push_back(pad);
    t.value = 0.0f;
    t.detail = FormulaDetail{"0 (padding)"};
    return t;
  }
  t.taps.push_back(tap_at(in, iy, ix, ic));
  t.value = t.taps[0].input;
  std::string f;
  if (op_of(l) == Op::kFlatten) {
    const DisplayDims d = display_dims(p.in);
    f = "i = (" + istr(iy) + " x " + istr(d.cols) + " + " + istr(ix) + ") x " + istr(d.channels) +
        " + " + istr(ic) + " = " + istr(x) + ": ";
  }
  t.detail = FormulaDetail{f + number_text(t.value)};
  return t;
}

std::string ReshapeFamily::explain(const ElementTrace& t) const {
  const bool vector = t.geometry.out_h == 1 && t.geometry.filters == 1;
  std::string s = std::string(layer_type_name(t.type)) + " layers[" + istr(t.layer) + "], output " +
                  (vector ? "[" + istr(t.x) + "]"
                          : "y=" + istr(t.y) + " x=" + istr(t.x) + " channel=" + istr(t.c)) +
                  "\n";
  const TraceTap& first = t.taps[0];
  if (first.padding) return s + "a padding cell: " + t.formula()->formula + "\n";
  if (t.taps.size() == 1) {
    s += "copies input (" + istr(first.iy) + ", " + istr(first.ix) + ", " + istr(first.ci) + ")";
    return s + ": " + t.formula()->formula + "\n";
  }
  s += "bilinear, half-pixel centres (tf.image.resize): the four neighbours (" +
       istr(t.taps[0].iy) + ", " + istr(t.taps[0].ix) + ") to (" + istr(t.taps[3].iy) + ", " +
       istr(t.taps[3].ix) + ")\n";
  return s + t.formula()->formula + "\n";
}

// [SECTION] Receptive fields

void ReshapeFamily::field_down(const Layer& l, const LayerPlan& p, const CellMask& above,
                               CellMask* below) const {
  int channel = -2;
  for (int y = 0; y < above.h; ++y) {
    for (int x = 0; x < above.w; ++x) {
      if (!above.at(y, x)) continue;
      const int c = std::max(0, above.channel);
      if (is_bilinear(l)) {
        const Lerp ly = lerp_axis(y, p.in.h, p.out.h), lx = lerp_axis(x, p.in.w, p.out.w);
        for (int r : {ly.lo, ly.hi})
          for (int s : {lx.lo, lx.hi}) below->mark(r, s);
        channel = above.channel;
        continue;
      }
      int iy = 0, ix = 0, ic = 0;
      if (!source_cell(l, p, y, x, c, &iy, &ix, &ic)) continue;
      below->mark(iy, ix);
      const int shown = op_of(l) == Op::kFlatten ? ic : above.channel;
      channel = channel == -2 || channel == shown ? shown : -1;
    }
  }
  below->channel = channel == -2 ? above.channel : channel;
}

void ReshapeFamily::field_up(const Layer& l, const LayerPlan& p, const CellMask& below,
                             CellMask* above) const {
  // Every output cell whose source is marked (outputs are few in a scene).
  const DisplayDims d = display_dims(p.out);
  const int c = std::max(0, below.channel);
  for (int y = 0; y < d.rows; ++y) {
    for (int x = 0; x < d.cols; ++x) {
      CellMask one = empty_mask(p.out, below.channel);
      one.mark(y, x);
      CellMask src = empty_mask(p.in, -1);
      field_down(l, p, one, &src);
      bool hit = false;
      for (int r = 0; r < src.h && !hit; ++r)
        for (int s = 0; s < src.w && !hit; ++s) hit = src.at(r, s) && below.at(r, s);
      if (op_of(l) == Op::kFlatten && hit && below.channel >= 0) {
        hit = x % display_dims(p.in).channels == c;  // only the marked channel's indices
      }
      if (hit) above->mark(y, x);
    }
  }
  above->channel = op_of(l) == Op::kFlatten ? -1 : below.channel;
}

// [SECTION] Code lines

std::string ReshapeFamily::keras_line(const Layer& l) const {
  switch (op_of(l)) {
    case Op::kFlatten:
      return "keras.layers.Flatten()";
    case Op::kZeroPadding:
      return "keras.layers.ZeroPadding2D(padding=((" + istr(l.pads[0]) + ", " + istr(l.pads[1]) +
             "), (" + istr(l.pads[2]) + ", " + istr(l.pads[3]) + ")))";
    case Op::kUpSampling:
      return "keras.layers.UpSampling2D(size=" +
             (l.size[0] == l.size[1] ? istr(l.size[0])
                                     : "(" + istr(l.size[0]) + ", " + istr(l.size[1]) + ")") +
             (l.interpolation == Interpolation::kBilinear ? ", interpolation='bilinear'" : "") + ")";
    case Op::kInput: {
      std::string s = "keras.Input(shape=(";
      for (std::size_t i = 0; i < l.batch_shape.size(); ++i) s += (i ? ", " : "") + istr(l.batch_shape[i]);
      return s + (l.batch_shape.size() == 1 ? ",))" : "))");
    }
  }
  return "";
}

std::string ReshapeFamily::pytorch_line(const Layer& l, const LayerPlan& p) const {
  switch (op_of(l)) {
    case Op::kFlatten:
      if (p.in.flat) return "nn.Flatten()";
      return "# Keras flattens HWC, PyTorch's NCHW tensors flatten C first: for Keras' order\n"
             "# permute first, x.permute(0, 2, 3, 1), then flatten\nnn.Flatten()";
    case Op::kZeroPadding:
      return "nn.ZeroPad2d((" + istr(l.pads[2]) + ", " + istr(l.pads[3]) + ", " + istr(l.pads[0]) +
             ", " + istr(l.pads[1]) + "))";
    case Op::kUpSampling:
      return "nn.Upsample(scale_factor=(" + istr(l.size[0]) + ", " + istr(l.size[1]) + "), mode='" +
             (l.interpolation == Interpolation::kBilinear ? "bilinear', align_corners=False" : "nearest'") + ")";
    case Op::kInput:
      return "# the input: tensors of shape (N, C, H, W) in PyTorch";
  }
  return "";
}

}  // namespace

}  // namespace cs
