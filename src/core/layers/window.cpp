// window.cpp - geometry, taps, fields and code text of sliding windows.
// Every message names the value, the allowed range and what was given, and
// every `where` is the JSON path of the key to fix.
//
// [SECTION] Geometry
// [SECTION] Traces
// [SECTION] Receptive fields
// [SECTION] Code text

#include "core/layers/window.h"

#include <algorithm>

#include "core/errors.h"
#include "core/validate.h"
#include "kernels/kernels.h"

namespace cs::window {

// [SECTION] Geometry

namespace {

Result<bool> check_explicit_pads(const Layer& l, int eff_h, int eff_w, What what,
                                 const std::string& at) {
  const bool one_d = is_1d(l.type);
  const bool kernel = what == What::kKernel;
  // Pooling: more than eff_k - 1 cells of padding would create windows made
  // only of padding (an average over zero cells, a max of nothing), so it is
  // refused, as PyTorch refuses it.
  static const char* const kSide[4] = {"top", "bottom", "left", "right"};
  for (int i = 0; i < 4; ++i) {
    const int p = l.pads[static_cast<std::size_t>(i)];
    const bool rows = i < 2;
    if (one_d && rows && p != 0) {
      return make_error(at + ".padding", "a 1D layer has no top/bottom padding",
                        "one_d_no_vertical_padding");
    }
    const int eff = rows ? eff_h : eff_w;
    // A convolution computes any padding as TensorFlow and PyTorch do:
    // windows made only of padding hold the bias (the walk shows it).
    if (kernel && p >= 0 && p <= limits::kMaxPad) continue;
    if (kernel) {
      return make_error(at + ".padding",
                        std::string(kSide[i]) + " padding must be between 0 and " + istr(limits::kMaxPad) +
                            ", got " + istr(p),
                        "conv_pad_out_of_range", {kSide[i], istr(limits::kMaxPad), istr(p)});
    }
    if (p >= 0 && p <= eff - 1) continue;
    const char* unit = rows ? "row" : (one_d ? "step" : "column");
    return make_error(at + ".padding",
                      std::string(kSide[i]) + " padding must be between 0 and " + istr(eff - 1) +
                          " (the " + (kernel ? "kernel" : "pooling window") + " spans " +
                          plural(eff, unit, rows ? "rows" : (one_d ? "steps" : "columns")) +
                          "), got " + istr(p),
                      "pad_out_of_range",
                      {kSide[i], istr(eff - 1), kernel ? "kernel" : "pool", istr(eff), unit, istr(p)});
  }
  return true;
}

// The dilated window must fit in the padded input on both axes.
Result<bool> check_fits(const Geometry2D& g, bool one_d, What what, const std::string& at) {
  struct Axis {
    int n, before, after, k, d;
    const char *one, *many;  // the unit in English; `one` is also its code
  };
  const Axis axes[2] = {{g.in_h, g.pad_top, g.pad_bottom, g.kh, g.dh, "row", "rows"},
                        {g.in_w, g.pad_left, g.pad_right, g.kw, g.dw, one_d ? "step" : "column",
                         one_d ? "steps" : "columns"}};
  for (const Axis& a : axes) {
    const int eff = effective_kernel(a.k, a.d);
    const int padded = a.n + a.before + a.after;
    if (eff <= padded) continue;
    const bool dilated = eff != a.k;
    const bool kernel = what == What::kKernel;
    const std::string name =
        kernel ? (dilated ? "the dilated kernel" : "the kernel") : "the pooling window";
    const int pad = a.before + a.after;
    return make_error(at,
                      name + " spans " + plural(eff, a.one, a.many) +
                          " but the padded input has only " + istr(padded) + " (" +
                          plural(a.n, a.one, a.many) +
                          (pad ? " + " + istr(pad) + " padding" : ", no padding") + ")",
                      "kernel_exceeds_padded_input",
                      {kernel ? (dilated ? "dilated_kernel" : "kernel") : "pool", istr(eff), a.one,
                       istr(padded), istr(a.n), istr(pad)});
  }
  return true;
}

}  // namespace

Result<Geometry2D> geometry(const Layer& l, const TensorShape& in, int channels_out, What what,
                            const std::string& at) {
  Geometry2D g;
  g.in_h = in.h, g.in_w = in.w, g.in_c = in.c;
  g.filters = channels_out;
  g.kh = l.kernel_size[0], g.kw = l.kernel_size[1];
  g.sh = l.strides[0], g.sw = l.strides[1];
  g.dh = l.dilation_rate[0], g.dw = l.dilation_rate[1];
  if (l.padding == PaddingMode::kCausal && (what != What::kKernel || !is_1d(l.type))) {
    return make_error(at + ".padding",
                      std::string("\"causal\" padding is for Conv1D only (") + layer_type_name(l.type) +
                          " has valid, same, full or explicit padding)",
                      "causal_conv1d_only", {layer_type_name(l.type)});
  }
  if (l.padding == PaddingMode::kExplicit) {
    Result<bool> ok = check_explicit_pads(l, effective_kernel(g.kh, g.dh),
                                          effective_kernel(g.kw, g.dw), what, at);
    if (!ok) return ok.error();
    g.pad_top = l.pads[0], g.pad_bottom = l.pads[1];
    g.pad_left = l.pads[2], g.pad_right = l.pads[3];
  } else if (l.pads != std::array<int, 4>{0, 0, 0, 0}) {
    return make_error(at + ".padding",
                      "explicit pads are set but the mode is \"" +
                          std::string(padding_mode_name(l.padding)) + "\"",
                      "pads_without_explicit", {padding_mode_name(l.padding)});
  }
  g = resolve_geometry(g, l.padding);
  Result<bool> fits = check_fits(g, is_1d(l.type), what, at);
  if (!fits) return fits.error();
  Result<bool> size = check_output_size(g.out_h, g.out_w, g.filters, at);
  if (!size) return size.error();
  return g;
}

TensorShape output_shape(const Layer& l, const Geometry2D& g) {
  return TensorShape{g.out_h, g.out_w, g.filters, is_1d(l.type)};
}

// [SECTION] Traces

void pool_backward_batch(const Geometry2D& g, PoolKind kind, bool include_pad, const LayerPlan& p,
                         const BatchPass& b, const BatchGrad& grad) {
  if (grad.grad_in == nullptr) return;
  const std::size_t in_n = static_cast<std::size_t>(p.in.elements());
  const std::size_t out_n = static_cast<std::size_t>(p.out.elements());
  for (std::size_t i = 0; i < static_cast<std::size_t>(b.n); ++i)
    pool2d_backward_f32(g, kind, include_pad, b.in + i * in_n, grad.grad_out + i * out_n, grad.grad_in + i * in_n);
}

int tap_coord(int o, int stride, int k, int dilation, int pad_before, int n) {
  const int v = o * stride + k * dilation - pad_before;
  return (v >= 0 && v < n) ? v : -1;
}

void start_trace(const Layer& l, const Geometry2D& g, int index_channels, int first_channel,
                 int y, int x, int c, ElementTrace* t) {
  t->type = l.type;
  t->y = y, t->x = x, t->c = c;
  t->geometry = g;
  t->step = y * g.out_w + x;
  t->origin_y = y * g.sh;
  t->origin_x = x * g.sw;
  t->taps.clear();
  for (int ky = 0; ky < g.kh; ++ky) {
    for (int kx = 0; kx < g.kw; ++kx) {
      const int iy = tap_coord(y, g.sh, ky, g.dh, g.pad_top, g.in_h);
      const int ix = tap_coord(x, g.sw, kx, g.dw, g.pad_left, g.in_w);
      const bool pad = iy < 0 || ix < 0;
      for (int k = 0; k < index_channels; ++k) {
        TraceTap tap;
        tap.ky = ky, tap.kx = kx, tap.ci = first_channel + k;
        tap.py = t->origin_y + ky * g.dh;
        tap.px = t->origin_x + kx * g.dw;
        tap.padding = pad;
        tap.kind = pad ? TapKind::kPadding : TapKind::kInput;
        tap.iy = pad ? -1 : iy;
        tap.ix = pad ? -1 : ix;
        t->taps.push_back(tap);
      }
    }
  }
}

std::string explain_header(const ElementTrace& t, bool conv, bool max_pool) {
  const Geometry2D& g = t.geometry;
  const bool one_d = is_1d(t.type);
  const auto coord = [&](int y, int x) {
    return one_d ? "(" + istr(x) + ")" : "(" + istr(y) + ", " + istr(x) + ")";
  };
  const auto pair = [&](int a, int b) { return one_d ? istr(b) : istr(a) + "x" + istr(b); };
  std::string s = std::string(layer_type_name(t.type)) + " layers[" + istr(t.layer) + "], output " +
                  (one_d ? "x=" + istr(t.x) : "y=" + istr(t.y) + " x=" + istr(t.x)) +
                  (conv ? " filter=" : " channel=") + istr(t.c) + " (step " + istr(t.step + 1) +
                  " of " + istr(g.out_h * g.out_w) + " of the stride walk, as the app counts)\n";
  s += "window: top-left at padded " + coord(t.origin_y, t.origin_x) + " = input " +
       coord(t.origin_y - g.pad_top, t.origin_x - g.pad_left) + "; " +
       (conv ? "kernel " : "window ") + pair(g.kh, g.kw) + ", stride " + pair(g.sh, g.sw);
  if (g.dh != 1 || g.dw != 1) s += ", dilation " + pair(g.dh, g.dw);
  s += "\n";
  if (pads_are_zero(g)) return s + "padding: none\n";
  s += "padding: ";
  if (!one_d) s += "top " + istr(g.pad_top) + ", bottom " + istr(g.pad_bottom) + ", ";
  return s + "left " + istr(g.pad_left) + ", right " + istr(g.pad_right) +
         "; 'pad' marks a padding cell (reads " + (max_pool ? "-inf" : "0, adds nothing") + ")\n";
}

// [SECTION] Receptive fields

void field_down(const Geometry2D& g, bool per_channel, const CellMask& above, CellMask* below) {
  below->channel = per_channel ? above.channel : -1;
  // A marked output cell marks every real cell its taps read.
  for (int oy = 0; oy < above.h; ++oy) {
    for (int ox = 0; ox < above.w; ++ox) {
      if (!above.at(oy, ox)) continue;
      for (int ky = 0; ky < g.kh; ++ky) {
        const int iy = tap_coord(oy, g.sh, ky, g.dh, g.pad_top, g.in_h);
        if (iy < 0) continue;
        for (int kx = 0; kx < g.kw; ++kx) {
          const int ix = tap_coord(ox, g.sw, kx, g.dw, g.pad_left, g.in_w);
          if (ix >= 0) below->mark(iy, ix);
        }
      }
    }
  }
}

void field_up(const Geometry2D& g, bool per_channel, const CellMask& below, CellMask* above) {
  above->channel = per_channel ? below.channel : -1;
  // Input cell i is read by tap k of window o when o * s + k * d - pad == i,
  // i.e. o = (i + pad - k * d) / s.
  for (int iy = 0; iy < below.h; ++iy) {
    for (int ix = 0; ix < below.w; ++ix) {
      if (!below.at(iy, ix)) continue;
      for (int ky = 0; ky < g.kh; ++ky) {
        const int ny = iy + g.pad_top - ky * g.dh;
        if (ny < 0 || ny % g.sh != 0 || ny / g.sh >= g.out_h) continue;
        for (int kx = 0; kx < g.kw; ++kx) {
          const int nx = ix + g.pad_left - kx * g.dw;
          if (nx < 0 || nx % g.sw != 0 || nx / g.sw >= g.out_w) continue;
          above->mark(ny / g.sh, nx / g.sw);
        }
      }
    }
  }
}

// [SECTION] Code text

std::string pair_text(int a, int b) { return "(" + istr(a) + ", " + istr(b) + ")"; }

std::string keras_size(const Layer& l, const std::array<int, 2>& s) {
  if (is_1d(l.type) || s[0] == s[1]) return istr(s[1]);
  return pair_text(s[0], s[1]);
}

bool pads_are_zero(const Geometry2D& g) {
  return g.pad_top == 0 && g.pad_bottom == 0 && g.pad_left == 0 && g.pad_right == 0;
}

std::array<int, 4> fixed_pads(const Layer& l) {
  if (l.padding == PaddingMode::kExplicit) return l.pads;
  if (l.padding == PaddingMode::kFull) {
    const PadSplit v = full_padding(l.kernel_size[0], l.dilation_rate[0]);
    const PadSplit h = full_padding(l.kernel_size[1], l.dilation_rate[1]);
    return {is_1d(l.type) ? 0 : v.before, is_1d(l.type) ? 0 : v.after, h.before, h.after};
  }
  return {0, 0, 0, 0};
}

bool padded_outside(const Layer& l) {
  return l.padding == PaddingMode::kFull ||
         (l.padding == PaddingMode::kExplicit && l.pads != std::array<int, 4>{0, 0, 0, 0});
}

std::string keras_zero_padding(const Layer& l, const std::array<int, 4>& p) {
  if (is_1d(l.type)) return "keras.layers.ZeroPadding1D(padding=" + pair_text(p[2], p[3]) + ")";
  return "keras.layers.ZeroPadding2D(padding=(" + pair_text(p[0], p[1]) + ", " +
         pair_text(p[2], p[3]) + "))";
}

}  // namespace cs::window
