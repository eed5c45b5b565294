// shape.h - constexpr shape maths shared by the engine, the kernels and the UI.
// Output sizes, TensorFlow's 'same' padding split, stride leftovers, parameter
// and MAC counts. Pure arithmetic: no allocation, no I/O. The geometry
// struct passed to every kernel lives with the kernels (kernels/geometry.h).
#pragma once

#include <cstdint>

#include "kernels/geometry.h"

namespace cs {

// kCausal is Conv1D's: (k - 1) * d cells on the left only, so output t
// sees inputs up to t and never the future.
enum class PaddingMode : std::uint8_t { kValid, kSame, kFull, kExplicit, kCausal };

struct PadSplit {
  int before = 0;
  int after = 0;
};

constexpr int ceil_div(int a, int b) { return (a + b - 1) / b; }

// TensorFlow 'same': out = ceil(n/s); total = max((out-1)*s + eff_k - n, 0);
// before = floor(total/2), after = the rest. With stride 2 the odd extra cell
// therefore goes to the bottom/right, and sometimes no padding is needed.
constexpr PadSplit same_padding(int n, int k, int s, int d) {
  const int out = ceil_div(n, s);
  int total = (out - 1) * s + effective_kernel(k, d) - n;
  if (total < 0) total = 0;
  return {total / 2, total - total / 2};
}

// 'full' (conv-arithmetic vocabulary): every partial overlap counts, so
// eff_k - 1 padding cells on each side.
constexpr PadSplit full_padding(int k, int d) {
  return {effective_kernel(k, d) - 1, effective_kernel(k, d) - 1};
}

// Number of window positions along one axis; 0 when the dilated kernel does
// not fit in the padded input (callers report that as an error).
constexpr int output_size(int n, int before, int after, int k, int s, int d) {
  const int span = n + before + after - effective_kernel(k, d);
  return span < 0 ? 0 : span / s + 1;
}

// Padded cells at the end of an axis that no window reaches: the floor in
// output_size drops (n + pads - eff_k) mod s cells.
constexpr int uncovered_tail(int n, int before, int after, int k, int s,
                             int d) {
  const int span = n + before + after - effective_kernel(k, d);
  return span < 0 ? 0 : span % s;
}

constexpr std::int64_t conv_param_count(int kh, int kw, int in_c, int filters,
                                        bool use_bias) {
  return (std::int64_t{kh} * kw * in_c + (use_bias ? 1 : 0)) * filters;
}

constexpr std::int64_t conv_macs(int out_h, int out_w, int kh, int kw,
                                 int in_c, int filters) {
  return std::int64_t{out_h} * out_w * kh * kw * in_c * filters;
}

static_assert(same_padding(5, 3, 1, 1).before == 1 &&
              same_padding(5, 3, 1, 1).after == 1);
static_assert(same_padding(6, 3, 2, 1).before == 0 &&
              same_padding(6, 3, 2, 1).after == 1);
static_assert(same_padding(5, 3, 2, 1).before == 1 &&
              same_padding(5, 3, 2, 1).after == 1);
static_assert(same_padding(4, 1, 2, 1).before == 0 &&
              same_padding(4, 1, 2, 1).after == 0);
static_assert(output_size(28, 1, 1, 3, 1, 1) == 28);
static_assert(output_size(5, 0, 0, 3, 2, 1) == 2);
static_assert(uncovered_tail(6, 0, 0, 3, 2, 1) == 1);
static_assert(conv_param_count(3, 3, 1, 10, true) == 100);

// Fills pads and output size from the mode. For kExplicit the pad fields
// must already be set. Does not validate; see core/validate.h for limits.
constexpr Geometry2D resolve_geometry(Geometry2D g, PaddingMode mode) {
  if (mode == PaddingMode::kValid) {
    g.pad_top = g.pad_bottom = g.pad_left = g.pad_right = 0;
  } else if (mode == PaddingMode::kSame) {
    const PadSplit v = same_padding(g.in_h, g.kh, g.sh, g.dh);
    const PadSplit h = same_padding(g.in_w, g.kw, g.sw, g.dw);
    g.pad_top = v.before, g.pad_bottom = v.after;
    g.pad_left = h.before, g.pad_right = h.after;
  } else if (mode == PaddingMode::kCausal) {
    g.pad_top = g.pad_bottom = g.pad_right = 0;
    g.pad_left = effective_kernel(g.kw, g.dw) - 1;
  } else if (mode == PaddingMode::kFull) {
    const PadSplit v = full_padding(g.kh, g.dh);
    const PadSplit h = full_padding(g.kw, g.dw);
    g.pad_top = v.before, g.pad_bottom = v.after;
    g.pad_left = h.before, g.pad_right = h.after;
  }
  g.out_h = output_size(g.in_h, g.pad_top, g.pad_bottom, g.kh, g.sh, g.dh);
  g.out_w = output_size(g.in_w, g.pad_left, g.pad_right, g.kw, g.sw, g.dw);
  return g;
}

}  // namespace cs
