// element_view.cpp - input, output and rule of one element, for the walk
// views of the families without a sliding window.
#include "ui/walk/element_view.h"

#include <algorithm>
#include <cmath>

#include "i18n/i18n.h"
#include "imgui.h"
#include "ui/format.h"
#include "ui/grid_view.h"
#include "ui/theme.h"

namespace cs {

namespace {

struct Range {
  float lo = 0.0f, hi = 1.0f;
  bool diverging = false;
};

// The colour range of one slice: signed values diverge around 0.
Range slice_range(const Tensor& t, int c) {
  const DisplayDims d = display_dims(t.shape);
  Range r{0.0f, 0.0f, false};
  for (int y = 0; y < d.rows; ++y) {
    for (int x = 0; x < d.cols; ++x) {
      const float v = t.at_display(y, x, c);
      if (!std::isfinite(v)) continue;
      r.lo = std::min(r.lo, v), r.hi = std::max(r.hi, v);
    }
  }
  r.diverging = r.lo < 0;
  if (r.diverging) r.hi = std::max(-r.lo, r.hi), r.lo = -r.hi;
  if (r.hi <= r.lo) r.hi = r.lo + 1.0f;
  return r;
}

// A grid style showing the neighbourhood of (y, x) when the tensor is
// larger than kElementMaxCells, or than `max_cols` cells of the width.
GridStyle style_around(float cell, const Range& r, int rows, int cols, int y, int x,
                       int max_cols = kElementMaxCells) {
  GridStyle st;
  st.cell = cell;
  st.lo = r.lo, st.hi = r.hi, st.diverging = r.diverging;
  max_cols = std::clamp(max_cols, 1, kElementMaxCells);
  if (rows > kElementMaxCells || cols > max_cols) {
    st.view_h = std::min(rows, kElementMaxCells);
    st.view_w = std::min(cols, max_cols);
    st.view_y0 = y - st.view_h / 2;
    st.view_x0 = x - st.view_w / 2;
  }
  return st;
}

const float* slice_data(const Tensor& t, int c) { return t.data.data() + (t.shape.flat ? 0 : c); }
int slice_step(const Tensor& t) { return t.shape.flat ? 1 : t.shape.c; }

}  // namespace

std::string element_name(const Session& s) {
  const ElementTrace* t = s.trace();
  if (!t) return "";
  const TensorShape& out = s.walk_output()->shape;
  if (out.flat) return i18n::trf("walk.element_index", t->x);
  if (out.one_d) return i18n::trf("walk.element_step", t->x, t->c);
  return i18n::trf("walk.element_cell", t->y, t->x, t->c);
}

namespace {

constexpr int kMaxSlices = 8;
constexpr float kGap = 32.0f;

int slices_shown(const TensorShape& s, bool all_slices) {
  return all_slices ? std::min(display_dims(s).channels, kMaxSlices) : 1;
}

// Width in cells of the input as drawn: its slices with a gap between.
float input_cols(const TensorShape& s, bool all_slices) {
  const int n = slices_shown(s, all_slices);
  return static_cast<float>(std::min(display_dims(s).cols, kElementMaxCells) * n) + 0.6f * static_cast<float>(n - 1);
}

void draw_slice(const Session& s, const WalkPanelOptions& o, const ElementTrace& t, float cell, int c,
                bool index_tip) {
  const Tensor& in = *s.walk_input();
  const DisplayDims d = display_dims(in.shape);
  std::vector<GridMark> marks;
  for (const TraceTap& tap : t.taps) {
    if (!tap.padding && tap.ci == c) marks.push_back({tap.iy, tap.ix, 1, 1, palette::kWindow, 3.0f});
  }
  GridStyle st = style_around(cell, slice_range(in, c), d.rows, d.cols, t.taps[0].iy, t.taps[0].ix);
  ImGui::PushID(c);
  const GridInput gi = draw_grid("##elin", slice_data(in, c), d.rows, d.cols, slice_step(in), st,
                                 marks.data(), static_cast<int>(marks.size()));
  ImGui::PopID();
  if (!gi.hovered || gi.y < 0 || gi.y >= d.rows || gi.x < 0 || gi.x >= d.cols) return;
  if (o.hover) *o.hover = {s.layer(), gi.y, gi.x, c};
  const std::string at = in.shape.flat ? i18n::trf("walk.element_index", gi.x)
                                       : i18n::trf("walk.input_cell", gi.y, gi.x, c);
  const std::string value = num(in.at_display(gi.y, gi.x, c));
  if (index_tip) {
    const int index = (gi.y * d.cols + gi.x) * d.channels + c;
    ImGui::SetTooltip(tr("walk.flat_index_tip"), at.c_str(), value.c_str(), gi.y, d.cols, gi.x, d.channels, c, index);
  } else {
    ImGui::SetTooltip("%s = %s", at.c_str(), value.c_str());
  }
}

}  // namespace

ElementLayout element_layout(const Session& s, const WalkPanelOptions& o, bool all_slices) {
  const float in_cols = input_cols(s.walk_input()->shape, all_slices);
  const float out_cols = static_cast<float>(std::min(display_dims(s.walk_output()->shape).cols, kElementMaxCells));
  const float avail = o.width - 8.0f;
  ElementLayout l;
  const float side = (avail - kGap) / (in_cols + out_cols);
  // Cells under ~34 px cannot hold a number such as -0.27 in a readable size.
  l.stacked = o.narrow || side < 34.0f;
  if (l.stacked) {  // long rows show a window of cells: keep them readable
    l.in_cell = std::clamp(avail / in_cols, 36.0f, 44.0f);
    l.out_cell = std::clamp(avail / out_cols, 36.0f, 44.0f);
  } else {
    l.in_cell = l.out_cell = std::min(side, 44.0f);
  }
  return l;
}

void draw_element_input(const Session& s, const WalkPanelOptions& o, float cell, const char* title,
                        bool all_slices) {
  const ElementTrace* t = s.trace();
  const Tensor& in = *s.walk_input();
  const DisplayDims d = display_dims(in.shape);
  if (!t || t->taps.empty()) return;
  // Softmax reads every channel of one position: show them as a row.
  const bool across = t->taps.size() > 1 && t->taps[0].ci != t->taps[1].ci && !in.shape.flat;
  ImGui::BeginGroup();
  ImGui::TextUnformatted(title);
  if (across) {
    std::vector<float> row;
    for (const TraceTap& tap : t->taps) row.push_back(tap.input);
    GridStyle st = style_around(cell, slice_range(in, 0), 1, static_cast<int>(row.size()), 0, 0);
    const GridMark all{0, 0, 1, static_cast<int>(row.size()), palette::kWindow, 3.0f};
    draw_grid("##elin", row.data(), 1, static_cast<int>(row.size()), 1, st, &all, 1);
    ImGui::TextDisabled(tr("walk.channels_at"), t->taps[0].iy, t->taps[0].ix);
    ImGui::EndGroup();
    return;
  }
  const int shown = slices_shown(in.shape, all_slices);
  const int first = shown > 1 ? 0 : std::clamp(t->taps[0].ci, 0, d.channels - 1);
  for (int c = first; c < first + shown; ++c) {
    if (c > first) ImGui::SameLine(0, cell * 0.6f);
    ImGui::BeginGroup();
    if (shown > 1) ImGui::TextDisabled(tr("walk.slice_of"), c + 1, d.channels);
    draw_slice(s, o, *t, cell, c, all_slices);
    ImGui::EndGroup();
  }
  if (shown == 1 && d.channels > 1) ImGui::TextDisabled(tr("walk.slice_of"), first + 1, d.channels);
  ImGui::EndGroup();
}

void draw_element_output(const Session& s, const WalkPanelOptions& o, float cell, CommandQueue& q,
                         const char* title) {
  const ElementTrace* t = s.trace();
  const Tensor& out = *s.walk_output();
  const DisplayDims d = display_dims(out.shape);
  if (!t) return;
  const int c = std::clamp(t->c, 0, d.channels - 1);
  ImGui::BeginGroup();
  const int fit = static_cast<int>((o.width - 8.0f) / cell);
  GridStyle st = style_around(cell, slice_range(out, c), d.rows, d.cols, t->y, t->x, fit);
  if (out.shape.flat && st.view_w > 0) {  // a window of a long vector: say which cells
    const int x0 = std::clamp(st.view_x0, 0, d.cols - st.view_w);
    ImGui::Text(tr("walk.vector_window"), title, x0, x0 + st.view_w - 1, d.cols);
  } else {
    ImGui::TextUnformatted(title);
  }
  st.filled = s.step() + 1;
  GridMark here{t->y, t->x, 1, 1, palette::kOutputCell, 3.0f};
  const GridInput gi = draw_grid("##elout", slice_data(out, c), d.rows, d.cols, slice_step(out), st,
                                 &here, 1);
  if (gi.hovered && gi.y >= 0 && gi.y < d.rows && gi.x >= 0 && gi.x < d.cols) {
    if (o.hover) *o.hover = {s.layer() + 1, gi.y, gi.x, c};
    const int step = gi.y * d.cols + gi.x;
    const std::string name = out.shape.flat ? i18n::trf("walk.element_index", gi.x)
                                            : i18n::trf("walk.element_cell", gi.y, gi.x, c);
    ImGui::SetTooltip(tr("walk.element_tip"), name.c_str(),
                      step <= s.step() ? (" = " + num(out.at_display(gi.y, gi.x, c))).c_str() : "",
                      step + 1);
    if (gi.clicked) q.push_back([=](Session& ss) { ss.set_step(step); });
  }
  ImGui::EndGroup();
}

void draw_element_io(const Session& s, const WalkPanelOptions& o, CommandQueue& q,
                     const char* input_title, const char* output_title, bool all_slices) {
  const ElementLayout l = element_layout(s, o, all_slices);
  draw_element_input(s, o, l.in_cell, input_title, all_slices);
  if (!l.stacked) ImGui::SameLine(0, kGap);
  draw_element_output(s, o, l.out_cell, q, output_title);
}

void draw_element_formula(const Session& s, const std::string& caption) {
  const ElementTrace* t = s.trace();
  if (!t) return;
  theme_heading(tr("walk.arithmetic"));
  ImGui::PushTextWrapPos(0.0f);
  if (!caption.empty()) ImGui::TextDisabled("%s", caption.c_str());
  ImGui::Text("%s = %s", element_name(s).c_str(), num(t->value).c_str());
  if (const FormulaDetail* f = t->formula()) ImGui::TextUnformatted(f->formula.c_str());
  if (const NormDetail* n = t->norm()) ImGui::TextUnformatted(n->formula.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace cs
