// conv_transpose.cpp - the walk view of the transposed convolution family
// (Conv2DTranspose), in both pictures students meet: the input with zeros
// inserted between its cells and padded, a normal (flipped) kernel sliding
// over it (conv_arithmetic's picture); and the output, where every input
// cell stamps the kernel times its value, the stamps reaching the current
// cell outlined. 'same' and output_padding say what they crop and add.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "i18n/i18n.h"
#include "imgui.h"
#include "ui/format.h"
#include "ui/grid_view.h"
#include "ui/theme.h"
#include "ui/walk/element_view.h"
#include "ui/walk/walk_view.h"

namespace cs {

namespace {

float max_abs(const std::vector<float>& v) {
  float m = 0.0f;
  for (float x : v) m = std::isfinite(x) ? std::max(m, std::fabs(x)) : m;
  return m > 0.0f ? m : 1.0f;
}

// The stretched, padded input of channel `ci` (zeros between the cells),
// the window of the current step on it, the real input cells framed.
void draw_stretched(const Session& s, const ElementTrace& t, const Layer& l, int ci, float cell) {
  const Geometry2D& g = t.geometry;
  const Tensor& in = *s.walk_input();
  std::vector<float> grid(static_cast<std::size_t>(g.in_h) * static_cast<std::size_t>(g.in_w), 0.0f);
  std::vector<GridMark> marks;
  for (int y = 0; y < in.shape.h && y * l.strides[0] < g.in_h; ++y)
    for (int x = 0; x < in.shape.w && x * l.strides[1] < g.in_w; ++x) {
      const int sy = y * l.strides[0], sx = x * l.strides[1];
      grid[static_cast<std::size_t>(sy) * static_cast<std::size_t>(g.in_w) + static_cast<std::size_t>(sx)] =
          in.at(y, x, ci);
      marks.push_back({sy + g.pad_top, sx + g.pad_left, 1, 1, palette::kField, 2.0f});
    }
  marks.push_back({t.y, t.x, g.kh, g.kw, palette::kWindow, 3.0f});
  GridStyle st;
  st.cell = cell;
  st.diverging = true;
  st.hi = max_abs(grid), st.lo = -st.hi;
  st.pad_top = g.pad_top, st.pad_bottom = g.pad_bottom, st.pad_left = g.pad_left, st.pad_right = g.pad_right;
  draw_grid("##stretched", grid.data(), g.in_h, g.in_w, 1, st, marks.data(), static_cast<int>(marks.size()));
}

// The kernel as the sliding picture uses it: flipped in both directions.
void draw_flipped_kernel(const ElementTrace& t, int ci, float cell) {
  const Geometry2D& g = t.geometry;
  std::vector<float> k(static_cast<std::size_t>(g.kh) * static_cast<std::size_t>(g.kw), 0.0f);
  for (const TraceTap& tap : t.taps) {
    if (tap.ci == ci) k[static_cast<std::size_t>(tap.ky * g.kw + tap.kx)] = tap.weight;
  }
  GridStyle st;
  st.cell = cell;
  st.diverging = true;
  st.hi = max_abs(k), st.lo = -st.hi;
  draw_grid("##flipped", k.data(), g.kh, g.kw, 1, st, nullptr, 0);
}

// The output of the walked filter with every stamp that reaches the
// current cell outlined (k x k, placed at input cell * stride - crop).
void draw_stamps(const Session& s, const ElementTrace& t, const Layer& l, float cell, CommandQueue& q) {
  const Tensor& out = *s.walk_output();
  const int f = t.c;
  const int crop_y = l.kernel_size[0] - 1 - t.geometry.pad_top;
  const int crop_x = l.kernel_size[1] - 1 - t.geometry.pad_left;
  std::vector<GridMark> marks;
  for (const TraceTap& tap : t.taps) {
    if (tap.padding || tap.ci != t.taps[0].ci) continue;
    marks.push_back({tap.iy * l.strides[0] - crop_y, tap.ix * l.strides[1] - crop_x, l.kernel_size[0],
                     l.kernel_size[1], palette::kField, 2.0f});
  }
  marks.push_back({t.y, t.x, 1, 1, palette::kOutputCell, 3.0f});
  GridStyle st;
  st.cell = cell;
  float lo = 0, hi = 0;
  for (std::size_t i = static_cast<std::size_t>(f); i < out.data.size(); i += static_cast<std::size_t>(out.shape.c)) {
    if (std::isfinite(out.data[i])) lo = std::min(lo, out.data[i]), hi = std::max(hi, out.data[i]);
  }
  st.diverging = lo < 0;
  st.hi = std::max(hi, -lo), st.lo = st.diverging ? -st.hi : 0.0f;
  if (st.hi <= st.lo) st.hi = st.lo + 1;
  st.filled = s.step() + 1;
  const GridInput gi = draw_grid("##stamps", out.data.data() + f, out.shape.h, out.shape.w, out.shape.c, st,
                                 marks.data(), static_cast<int>(marks.size()));
  if (gi.hovered && gi.y >= 0 && gi.y < out.shape.h && gi.x >= 0 && gi.x < out.shape.w) {
    const int step = gi.y * out.shape.w + gi.x;
    ImGui::SetTooltip(tr("walk.output_tip"), gi.y, gi.x, f,
                      step <= s.step() ? (" = " + num(out.at(gi.y, gi.x, f))).c_str() : "", step + 1);
    if (gi.clicked) q.push_back([=](Session& ss) { ss.set_step(step); });
  }
}

std::string equation(const ElementTrace& t) {
  const SumDetail& d = *t.sum();
  std::string eq;
  for (const TraceTap& tap : t.taps) {
    if (tap.padding) continue;
    eq += (eq.empty() ? "" : " + ") + std::string("(") + num(tap.input) + "\xC3\x97" + num(tap.weight) + ")";
  }
  if (eq.empty()) eq = tr("walk.ct.no_stamp");
  eq += " = " + num(d.sum);
  if (d.has_bias) eq += " + " + std::string(tr("walk.bias_word")) + " " + num(d.bias);
  eq += " = " + num(d.pre_activation);
  if (d.activation != Activation::kLinear) {
    eq += "  \xE2\x86\x92 " + std::string(activation_label(d.activation)) + " \xE2\x86\x92 " + num(t.value);
  }
  return eq;
}

}  // namespace

void walk_conv_transpose(const Session& s, const WalkPanelOptions& o, CommandQueue& q) {
  const ElementTrace* t = s.trace();
  if (!t || !t->sum()) return;
  const Layer& l = s.scene().layers[static_cast<std::size_t>(s.layer())];
  const Geometry2D& g = t->geometry;
  const int ci = 0;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(tr("walk.ct.intro"), l.strides[0] - 1, l.strides[1] - 1);
  ImGui::PopTextWrapPos();
  const int stretched_cols = g.in_w + g.pad_left + g.pad_right;
  const float avail = o.width - 8.0f;
  const float cell = std::clamp(
      o.narrow ? avail / static_cast<float>(std::max(stretched_cols, g.out_w))
               : (avail - 64.0f) / static_cast<float>(stretched_cols + g.kw + g.out_w),
      16.0f, 40.0f);
  ImGui::BeginGroup();
  // Titles wrap at the grid's width beside the other grids, at the screen's
  // when the grids stack (a phone).
  const float title_w = o.narrow ? avail : std::max(200.0f, cell * static_cast<float>(stretched_cols));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + title_w);
  ImGui::Text(tr("walk.ct.stretched"), ci + 1, g.pad_top, g.pad_left);
  draw_stretched(s, *t, l, ci, cell);
  ImGui::TextDisabled("%s", tr("walk.ct.legend"));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  if (!o.narrow) ImGui::SameLine(0, 32);
  ImGui::BeginGroup();
  ImGui::TextUnformatted(tr("walk.ct.flipped"));
  draw_flipped_kernel(*t, ci, cell);
  ImGui::EndGroup();
  if (!o.narrow) ImGui::SameLine(0, 32);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(160.0f, cell * static_cast<float>(g.out_w)));
  ImGui::Text(tr("walk.ct.output"), t->c + 1, g.out_h, g.out_w);
  ImGui::PopTextWrapPos();
  draw_stamps(s, *t, l, cell, q);
  ImGui::EndGroup();
  ImGui::PushTextWrapPos(0.0f);
  // The full sum of stamps is (n - 1) * s + k a side; Keras keeps out_w of it.
  const int full = (s.walk_input()->shape.w - 1) * l.strides[1] + l.kernel_size[1];
  const int start = l.kernel_size[1] - 1 - g.pad_left;
  const int end = full - start - g.out_w;
  if (start != 0 || end != 0) {
    ImGui::TextDisabled(tr(end >= 0 ? "walk.ct.crop" : "walk.ct.grow"), full, g.out_h, g.out_w, start,
                        end >= 0 ? end : -end);
  }
  theme_heading(tr("walk.arithmetic"));
  ImGui::TextDisabled("%s", tr("walk.ct.stamps"));
  ImGui::TextUnformatted(equation(*t).c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace cs
