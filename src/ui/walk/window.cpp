// window.cpp - the walk views of the sliding-window families, convolution
// and pooling: the heart of the canvas, one layer's walk, step by step.
// [SECTION] Layout helpers
// [SECTION] Input (padded) with window, trail, jump, uncovered cells
// [SECTION] Kernel slices
// [SECTION] Arithmetic of the current step
// [SECTION] Output map
#include "ui/walk/walk_view.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/scene_edit.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "model/code_text.h"
#include "model/presets.h"
#include "ui/format.h"
#include "ui/grid_view.h"
#include "ui/theme.h"
#include "ui/walk/motion.h"

namespace cs {

namespace {

// [SECTION] Layout helpers

// UI-only state of this panel (which kernel weight is being edited).
struct KernelCursor {
  int ky = -1, kx = -1, ci = 0;
};
KernelCursor g_kernel_cursor;
// Grids wider or taller than this show a window of cells around the action.
constexpr int kMaxGridCells = 32;
CellRef g_input_cursor;

float range_lo(const float* d, std::size_t n, std::size_t step) {
  float lo = 0;
  for (std::size_t i = 0; i < n; i += step)
    if (std::isfinite(d[i])) lo = std::min(lo, d[i]);
  return lo;
}
float range_hi(const float* d, std::size_t n, std::size_t step) {
  float hi = 0;
  for (std::size_t i = 0; i < n; i += step)
    if (std::isfinite(d[i])) hi = std::max(hi, d[i]);
  return hi > 0 ? hi : 1.0f;
}

const char* channel_name(int c, int channels) {
  static const char* rgb[3] = {"R", "G", "B"};
  static char buf[16];
  if (channels == 3) return rgb[c];
  std::snprintf(buf, sizeof buf, "ch%d", c);
  return buf;
}

const uint8_t* field_at(const Session& s, int level, int h, int w) {
  const FieldStack* f = s.field();
  if (!f || level < 0 || level >= static_cast<int>(f->masks.size())) return nullptr;
  const CellMask& m = f->masks[static_cast<std::size_t>(level)];
  return m.h == h && m.w == w && m.count > 0 ? m.on.data() : nullptr;
}

// [SECTION] Input (padded) with window, trail, jump, uncovered cells

void window_marks(const Geometry2D& g, int oy, int ox, ImU32 color, float thick,
                  std::vector<GridMark>* marks) {
  if (g.dh == 1 && g.dw == 1) {
    marks->push_back({oy, ox, g.kh, g.kw, color, thick});
    return;
  }
  for (int ky = 0; ky < g.kh; ++ky)  // dilated: mark each tap
    for (int kx = 0; kx < g.kw; ++kx) marks->push_back({oy + ky * g.dh, ox + kx * g.dw, 1, 1, color, thick});
}

void draw_input(const Session& s, const Geometry2D& g, bool conv, float cell,
                const WalkPanelOptions& o, const WalkMotion& m, CommandQueue& q) {
  const Tensor& in = *s.walk_input();
  const int level = s.layer();  // level of the walked layer's input
  const ElementTrace* t = s.trace();
  const bool maxpool = t && t->max();

  std::vector<GridMark> marks;
  for (const WindowStep& w : s.trail(3)) window_marks(g, w.origin_y, w.origin_x, palette::kTrail, 2.0f, &marks);
  if (t) {  // the window, drawn where its glide has got to
    const std::size_t first_tap = marks.size();
    window_marks(g, t->origin_y, t->origin_x, palette::kWindow, 3.0f, &marks);
    for (std::size_t i = first_tap; i < marks.size(); ++i) marks[i].dy = m.window_dy, marks[i].dx = m.window_dx;
  }
  if (maxpool && t->max()->chosen_tap >= 0) {  // the cell max pooling keeps
    const TraceTap& best = t->taps[static_cast<std::size_t>(t->max()->chosen_tap)];
    marks.push_back({best.py, best.px, 1, 1, palette::kMaxCell, 3.0f});
  }

  GridStyle st;
  st.cell = cell;
  st.lo = range_lo(in.data.data(), in.data.size(), 1);
  st.hi = range_hi(in.data.data(), in.data.size(), 1);
  st.pad_top = g.pad_top, st.pad_bottom = g.pad_bottom;
  st.pad_left = g.pad_left, st.pad_right = g.pad_right;
  st.pad_value = maxpool ? -INFINITY : 0.0f;

  if (t && (in.shape.w + g.pad_left + g.pad_right > kMaxGridCells || in.shape.h + g.pad_top + g.pad_bottom > kMaxGridCells)) {
    // Large input (a picture): show the neighbourhood of the window.
    st.view_h = st.view_w = kMaxGridCells;
    st.view_y0 = t->origin_y + effective_kernel(g.kh, g.dh) / 2 - kMaxGridCells / 2;
    st.view_x0 = t->origin_x + effective_kernel(g.kw, g.dw) / 2 - kMaxGridCells / 2;
  }
  GridOverlay ov;
  ov.field = field_at(s, level, in.shape.h, in.shape.w);
  ov.uncovered_rows = &s.stride_walk().uncovered_rows;
  ov.uncovered_cols = &s.stride_walk().uncovered_cols;

  const int first = conv ? 0 : s.filter();
  const int last = conv ? std::min(in.shape.c, 8) : s.filter() + 1;
  for (int ci = first; ci < last; ++ci) {
    if (ci > first) ImGui::SameLine(0, cell * 0.6f);
    ImGui::BeginGroup();
    if (in.shape.c > 1) ImGui::Text("%s", channel_name(ci, in.shape.c));
    ov.selected_y = g_input_cursor.level == level && g_input_cursor.c == ci ? g_input_cursor.y : -1;
    ov.selected_x = g_input_cursor.level == level && g_input_cursor.c == ci ? g_input_cursor.x : -1;
    ImGui::PushID(ci);
    const GridInput gi = draw_grid("##in", in.data.data() + ci, in.shape.h, in.shape.w, in.shape.c,
                                   st, marks.data(), static_cast<int>(marks.size()), ov);
    if (level == 0 && o.paint) touch_drag_item(TouchDrag::kAny);  // a finger paints rather than scrolls
    ImGui::PopID();
    const bool inside = gi.hovered && gi.y >= 0 && gi.y < in.shape.h && gi.x >= 0 && gi.x < in.shape.w;
    if (inside) {
      if (o.hover) *o.hover = {level, gi.y, gi.x, ci};
      ImGui::SetTooltip("%s[%d, %d, %d] = %s", tr(level == 0 ? "walk.input_word" : "walk.map_word"), gi.y, gi.x, ci,
                        num(in.at(gi.y, gi.x, ci)).c_str());
    }
    if (inside && level == 0 && o.paint && gi.held) {
      const float brush = o.brush;
      const int y = gi.y, x = gi.x, c = ci;
      if (in.at(y, x, c) != brush) {
        q.push_back([=](Session& ss) {
          Scene sc = ss.scene();
          sc.input.data[(static_cast<std::size_t>(y) * static_cast<std::size_t>(sc.input.shape.w) +
                         static_cast<std::size_t>(x)) * static_cast<std::size_t>(sc.input.shape.c) +
                        static_cast<std::size_t>(c)] = brush;
          ss.apply(std::move(sc), "paint input", true);
        });
      }
    } else if (inside && gi.clicked && !o.paint) {
      g_input_cursor = {level, gi.y, gi.x, ci};
      const CellRef cell_ref{level, gi.y, gi.x, ci};
      q.push_back([=](Session& ss) { ss.pin(cell_ref); });
    }
    ImGui::EndGroup();
  }
}

void draw_input_editor(const Session& s, CommandQueue& q) {
  // Typing a value into the selected cell of the scene input; the cell is
  // clicked, or chosen here with the keyboard.
  if (s.layer() != 0) return;
  const Tensor& in = s.scene().input;
  if (in.shape.h > kMaxGridCells || in.shape.w > kMaxGridCells) return;
  int at[3] = {g_input_cursor.level == 0 ? g_input_cursor.y : 0, g_input_cursor.level == 0 ? g_input_cursor.x : 0,
               g_input_cursor.level == 0 ? g_input_cursor.c : 0};
  ImGui::SetNextItemWidth(150);
  if (ImGui::InputInt3(lbl("walk.cell_at", "incur").c_str(), at))
    g_input_cursor = {0, std::clamp(at[0], 0, in.shape.h - 1), std::clamp(at[1], 0, in.shape.w - 1),
                      std::clamp(at[2], 0, in.shape.c - 1)};
  if (g_input_cursor.level != 0) return;
  ImGui::SameLine();
  const CellRef c = g_input_cursor;
  if (c.y < 0 || c.y >= in.shape.h || c.x < 0 || c.x >= in.shape.w || c.c >= in.shape.c) return;
  float v = in.at(c.y, c.x, c.c);
  ImGui::Text("%s[%d, %d, %d] =", tr("walk.input_word"), c.y, c.x, c.c);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110);
  if (ImGui::InputFloat("##cell", &v, 0.0f, 0.0f, "%g", ImGuiInputTextFlags_EnterReturnsTrue)) {
    q.push_back([=](Session& ss) {
      Scene sc = ss.scene();
      sc.input.data[(static_cast<std::size_t>(c.y) * static_cast<std::size_t>(sc.input.shape.w) +
                     static_cast<std::size_t>(c.x)) * static_cast<std::size_t>(sc.input.shape.c) +
                    static_cast<std::size_t>(c.c)] = v;
      ss.apply(std::move(sc), "type input value");
    });
  }
  ImGui::SameLine();
  ImGui::TextDisabled("%s", tr("walk.type_value"));
}

// [SECTION] Kernel slices

void draw_kernel(const Session& s, const Geometry2D& g, const Layer& layer, float cell, CommandQueue& q) {
  const int f = s.filter();
  const int in_c = g.in_c;
  float kmax = 0;
  for (float v : layer.kernel)
    if (std::isfinite(v)) kmax = std::max(kmax, std::fabs(v));
  GridStyle st;
  st.cell = cell;
  st.diverging = true;
  st.lo = -kmax, st.hi = kmax;
  for (int ci = 0; ci < std::min(in_c, 8); ++ci) {
    if (ci > 0) ImGui::SameLine(0, cell * 0.6f);
    ImGui::BeginGroup();
    if (in_c > 1) ImGui::Text("%s", channel_name(ci, in_c));
    GridOverlay ov;
    if (g_kernel_cursor.ci == ci) ov.selected_y = g_kernel_cursor.ky, ov.selected_x = g_kernel_cursor.kx;
    ImGui::PushID(100 + ci);
    const GridInput gi = draw_grid("##k", layer.kernel.data() + ci * g.filters + f, g.kh, g.kw,
                                   in_c * g.filters, st, nullptr, 0, ov);
    ImGui::PopID();
    if (gi.hovered && gi.y >= 0 && gi.x >= 0) {
      ImGui::SetTooltip(tr("walk.weight_tip"), gi.y, gi.x, ci, f,
                        num(layer.kernel[hwio_index(layer, in_c, gi.y, gi.x, ci, f)]).c_str());
      if (gi.clicked) g_kernel_cursor = {gi.y, gi.x, ci};
    }
    ImGui::EndGroup();
  }
  // Editing: the selected weight, the bias, a preset for this filter.
  const int li = s.layer();
  {  // Keyboard route to a weight (clicking a cell does the same).
    int kc3[3] = {std::max(0, g_kernel_cursor.ky), std::max(0, g_kernel_cursor.kx), g_kernel_cursor.ci};
    ImGui::TextDisabled("%s", tr("walk.weight_pick"));
    ImGui::SetNextItemWidth(std::min(200.0f, cell * 4.5f));
    if (ImGui::InputInt3("##kcur", kc3))
      g_kernel_cursor = {std::clamp(kc3[0], 0, g.kh - 1), std::clamp(kc3[1], 0, g.kw - 1), std::clamp(kc3[2], 0, in_c - 1)};
    if (ImGui::IsItemHovered() || ImGui::IsItemFocused()) ImGui::SetTooltip("%s", tr("walk.weight_at"));
  }
  if (g_kernel_cursor.ky >= 0 && g_kernel_cursor.ky < g.kh && g_kernel_cursor.kx < g.kw &&
      g_kernel_cursor.ci < in_c) {
    const KernelCursor kc = g_kernel_cursor;
    float w = layer.kernel[hwio_index(layer, in_c, kc.ky, kc.kx, kc.ci, f)];
    ImGui::SetNextItemWidth(cell * 3.5f);
    if (touch_slides(ImGui::DragFloat(lbl("walk.weight", "weight").c_str(), &w, 0.05f, -100.0f, 100.0f,
                         num(w).c_str()))) {
      q.push_back([=](Session& ss) {
        Scene sc = ss.scene();
        Layer& l = sc.layers[static_cast<std::size_t>(li)];
        l.kernel[hwio_index(l, in_c, kc.ky, kc.kx, kc.ci, f)] = w;
        ss.apply(std::move(sc), "edit weight", true);
      });
    }
    ImGui::SameLine();
    ImGui::TextDisabled("[%d,%d,%d,%d]", kc.ky, kc.kx, kc.ci, f);
  } else {
    ImGui::TextDisabled("%s", tr("walk.click_weight"));
  }
  if (layer.use_bias) {
    float b = layer.bias[static_cast<std::size_t>(f)];
    ImGui::SetNextItemWidth(cell * 3.5f);
    if (touch_slides(ImGui::DragFloat(lbl("walk.bias", "bias").c_str(), &b, 0.05f, -100.0f, 100.0f, num(b).c_str()))) {
      q.push_back([=](Session& ss) {
        Scene sc = ss.scene();
        sc.layers[static_cast<std::size_t>(li)].bias[static_cast<std::size_t>(f)] = b;
        ss.apply(std::move(sc), "edit bias", true);
      });
    }
  }
  ImGui::SetNextItemWidth(cell * 5.0f);
  if (ImGui::BeginCombo("##kpreset", tr("walk.kernel_preset"))) {
    for (int p = 0; p < static_cast<int>(KernelPreset::kCount); ++p) {
      if (ImGui::Selectable(tr(kernel_preset_key(p).c_str()))) {
        q.push_back([=](Session& ss) {
          Scene sc = ss.scene();
          Layer& l = sc.layers[static_cast<std::size_t>(li)];
          const std::vector<float> k =
              make_kernel(static_cast<KernelPreset>(p), l.kernel_size[0], l.kernel_size[1],
                          static_cast<std::uint32_t>(1000 + f));
          for (int ky = 0; ky < l.kernel_size[0]; ++ky)
            for (int kx = 0; kx < l.kernel_size[1]; ++kx)
              for (int ci = 0; ci < in_c; ++ci)
                l.kernel[hwio_index(l, in_c, ky, kx, ci, f)] =
                    k[static_cast<std::size_t>(ky * l.kernel_size[1] + kx)];
          ss.apply(std::move(sc), std::string("kernel preset: ") + kernel_preset_name(static_cast<KernelPreset>(p)));
        });
      }
    }
    ImGui::EndCombo();
  }
}

// [SECTION] Arithmetic of the current step

// The products fly from their cells into the sum while the window glides.
void draw_flying_products(const ElementTrace& t, const std::vector<ImVec2>& grid_min, int first_ch, float mc,
                          ImVec2 sum_at, float progress) {
  if (progress >= 1.0f) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text);
  for (const TraceTap& tap : t.taps) {
    const int slot = tap.ci - first_ch;
    if (slot < 0 || slot >= static_cast<int>(grid_min.size())) continue;
    const ImVec2 a = grid_min[static_cast<std::size_t>(slot)];
    const ImVec2 from(a.x + (static_cast<float>(tap.kx) + 0.5f) * mc, a.y + (static_cast<float>(tap.ky) + 0.5f) * mc);
    const ImVec2 at(from.x + (sum_at.x - from.x) * progress, from.y + (sum_at.y - from.y) * progress);
    const std::string v = num(tap.product);
    const ImVec2 ts = ImGui::CalcTextSize(v.c_str());
    const float fade = 1.0f - progress * progress;  // gone as it lands
    dl->AddText(ImVec2(at.x - ts.x * 0.5f, at.y - ts.y * 0.5f),
                (ink & ~IM_COL32_A_MASK) | (static_cast<ImU32>(255.0f * fade) << IM_COL32_A_SHIFT), v.c_str());
  }
}

void draw_arithmetic(const Session& s, bool conv, const Geometry2D& g, float cell, const WalkMotion& m) {
  const ElementTrace* t = s.trace();
  if (!t) return;
  theme_heading(tr("walk.arithmetic"));
  // Mini grids: the window's values, the kernel, and their products.
  const float mc = std::min(cell, 30.0f);
  const int ch_first = conv ? 0 : t->c, ch_last = conv ? std::min(g.in_c, 4) : t->c + 1;
  std::vector<ImVec2> products_at;  // each channel's products grid on screen
  for (int ch = ch_first; ch < ch_last; ++ch) {
    std::vector<float> win(static_cast<std::size_t>(g.kh * g.kw)), wts(win.size()), prod(win.size());
    for (const TraceTap& tap : t->taps) {
      if (tap.ci != ch && conv) continue;
      const std::size_t i = static_cast<std::size_t>(tap.ky * g.kw + tap.kx);
      win[i] = tap.input, wts[i] = tap.weight, prod[i] = tap.product;
    }
    GridStyle st;
    st.cell = mc;
    st.lo = range_lo(win.data(), win.size(), 1), st.hi = range_hi(win.data(), win.size(), 1);
    ImGui::PushID(200 + ch);
    ImGui::BeginGroup();
    ImGui::TextDisabled(conv && g.in_c > 1 ? tr("walk.window_ch") : "%s", conv && g.in_c > 1 ? channel_name(ch, g.in_c) : tr("walk.window"));
    draw_grid("##w", win.data(), g.kh, g.kw, 1, st, nullptr, 0);
    ImGui::EndGroup();
    if (conv) {
      ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeightWithSpacing() + mc * static_cast<float>(g.kh) * 0.5f - 10));
      ImGui::TextUnformatted("x");
      ImGui::EndGroup();
      ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::TextDisabled("%s", tr("walk.kernel"));
      GridStyle ks = st;
      float km = 0;
      for (float v : wts) km = std::max(km, std::fabs(v));
      ks.diverging = true, ks.lo = -km, ks.hi = km;
      draw_grid("##kw", wts.data(), g.kh, g.kw, 1, ks, nullptr, 0);
      ImGui::EndGroup();
      ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeightWithSpacing() + mc * static_cast<float>(g.kh) * 0.5f - 10));
      ImGui::TextUnformatted("=");
      ImGui::EndGroup();
      ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::TextDisabled("%s", tr("walk.products"));
      GridStyle ps = st;
      float pm = 0;
      for (float v : prod) if (std::isfinite(v)) pm = std::max(pm, std::fabs(v));
      ps.diverging = true, ps.lo = -pm, ps.hi = pm;
      products_at.push_back(ImGui::GetCursorScreenPos());
      draw_grid("##p", prod.data(), g.kh, g.kw, 1, ps, nullptr, 0);
      ImGui::EndGroup();
    }
    ImGui::PopID();
    if (ch + 1 < ch_last) ImGui::SameLine(0, 24);
  }

  // The equation, the way a teacher writes it on the board.
  std::string eq;
  if (const SumDetail* d = t->sum()) {
    for (std::size_t i = 0; i < t->taps.size(); ++i) {
      const TraceTap& tap = t->taps[i];
      if (i) eq += " + ";
      eq += "(" + num(tap.input) + "\xC3\x97" + num(tap.weight) + ")";  // U+00D7
    }
    if (d->has_bias) eq += " + " + std::string(tr("walk.bias_word")) + " " + num(d->bias);
    eq += " = " + num(d->pre_activation);
    if (d->activation != Activation::kLinear) {
      eq += "  \xE2\x86\x92 " + std::string(activation_label(d->activation)) +
            " \xE2\x86\x92 " + num(t->value);  // U+2192
    }
  } else if (t->max()) {
    eq = "max(";
    for (std::size_t i = 0; i < t->taps.size(); ++i) eq += (i ? ", " : "") + num(t->taps[i].input);
    eq += ") = " + num(t->value);
    int pads = 0;
    for (const TraceTap& tap : t->taps) pads += tap.padding;
    if (pads) eq += std::string("   ") + tr("walk.max_pad_note");
  } else {
    eq = "(";
    bool first = true;
    for (const TraceTap& tap : t->taps) {
      if (tap.padding) continue;
      eq += (first ? "" : " + ") + num(tap.input);
      first = false;
    }
    const AverageDetail& a = *t->average();
    eq += ") / " + std::to_string(a.count_include_pad ? a.count_window : a.count_real) + " = " + num(t->value);
    if (a.count_real != a.count_window) {
      eq += "   " + i18n::trf("walk.avg_note", a.count_real, a.count_window, num(a.value_include_pad).c_str());
    }
  }
  int pads = 0;
  for (const TraceTap& tap : t->taps) pads += tap.padding;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(eq.c_str());
  ImGui::PopTextWrapPos();
  if (conv && t->sum()) {  // the sum is written at the equation's end
    const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
    draw_flying_products(*t, products_at, ch_first, mc, ImVec2(hi.x - 24.0f, hi.y - (hi.y - lo.y > 30 ? 10.0f : (hi.y - lo.y) * 0.5f)),
                         m.progress);
  }
  if (pads && conv) ImGui::TextDisabled(tr("walk.pad_taps"), pads,
                                        static_cast<int>(t->taps.size()));
  if (conv && pads == static_cast<int>(t->taps.size())) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kUncovered);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(tr("walk.all_padding"));
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
}

// [SECTION] Output map

void draw_output(const Session& s, const Geometry2D& g, const Layer& layer, float cell,
                 const WalkPanelOptions& o, const WalkMotion& m, CommandQueue& q) {
  const Tensor* pre = s.walk_pre_activation();
  const Tensor& out = (s.show_pre_activation() && pre) ? *pre : *s.walk_output();
  const int f = s.filter();
  GridStyle st;
  st.cell = cell;
  st.lo = range_lo(out.data.data() + f, out.data.size() - static_cast<std::size_t>(f), static_cast<std::size_t>(out.shape.c));
  st.hi = range_hi(out.data.data() + f, out.data.size() - static_cast<std::size_t>(f), static_cast<std::size_t>(out.shape.c));
  st.diverging = st.lo < 0;
  if (st.diverging) st.lo = -std::max(-st.lo, st.hi), st.hi = -st.lo;
  st.filled = s.step() + 1;
  if (m.forward) st.fresh_alpha = m.progress;  // the cell just written fades in
  const ElementTrace* t = s.trace();
  if (t && (out.shape.w > kMaxGridCells || out.shape.h > kMaxGridCells)) {
    st.view_h = st.view_w = kMaxGridCells;
    st.view_y0 = t->y - kMaxGridCells / 2;
    st.view_x0 = t->x - kMaxGridCells / 2;
  }
  GridMark here{t ? t->y : 0, t ? t->x : 0, 1, 1, palette::kOutputCell, 3.0f};
  GridOverlay ov;
  ov.field = field_at(s, s.layer() + 1, out.shape.h, out.shape.w);
  const GridInput gi = draw_grid("##out", out.data.data() + f, out.shape.h, out.shape.w, out.shape.c,
                                 st, t ? &here : nullptr, t ? 1 : 0, ov);
  if (gi.hovered && gi.y >= 0 && gi.y < out.shape.h && gi.x >= 0 && gi.x < out.shape.w) {
    if (o.hover) *o.hover = {s.layer() + 1, gi.y, gi.x, f};
    const int step = gi.y * g.out_w + gi.x;
    ImGui::SetTooltip(tr("walk.output_tip"), gi.y, gi.x, f,
                      step <= s.step() ? (" = " + num(out.at(gi.y, gi.x, f))).c_str() : "", step + 1);
    if (gi.clicked) q.push_back([=](Session& ss) { ss.set_step(step); });
  }
  if (s.walk_pre_activation() && layer.activation != Activation::kLinear) {
    bool pre_on = s.show_pre_activation();
    if (ImGui::Checkbox(lbl("walk.show_pre", "pre").c_str(), &pre_on)) {
      q.push_back([=](Session& ss) { ss.set_show_pre_activation(pre_on); });
    }
  }
}

void draw_window_walk(const Session& s, const WalkPanelOptions& o, CommandQueue& q, bool conv) {
  const Geometry2D* gp = s.geometry();
  if (!gp) return;
  const Geometry2D& g = *gp;
  const Layer& layer = s.scene().layers[static_cast<std::size_t>(s.layer())];
  WalkPlace place;
  place.revision = s.revision(), place.layer = s.layer(), place.filter = s.filter(), place.step = s.step();
  if (const ElementTrace* t = s.trace()) place.origin_y = t->origin_y, place.origin_x = t->origin_x;
  place.playing = s.playing(), place.speed = s.speed();
  const WalkMotion m = walk_motion_update(place, o.reduced_motion);
  // Phones, and 1D layers (one long row each), stack input, kernel and output.
  const bool stacked = o.narrow || is_1d(layer.type);
  const int shown_c = conv ? std::min(g.in_c, 8) : 1;
  const int pw = std::min(kMaxGridCells, g.in_w + g.pad_left + g.pad_right);
  // Cell size: input channels, kernel and output side by side on wide
  // screens, each on its own row on narrow ones.
  const float gap = 32.0f;
  const float kernel_min = 230.0f;  // the kernel column also holds its editors
  float cell = 44.0f;
  for (; cell > 14.0f; cell -= 1.0f) {
    const float in_w = cell * (static_cast<float>(pw * shown_c) + 0.6f * static_cast<float>(shown_c - 1));
    const float k_w = conv ? std::max(kernel_min, cell * (static_cast<float>(g.kw * shown_c) +
                                                          0.6f * static_cast<float>(shown_c - 1)))
                           : 0.0f;
    const float out_w = std::max(160.0f, cell * static_cast<float>(std::min(kMaxGridCells, g.out_w)));
    const float total = stacked ? std::max(in_w, std::max(k_w, out_w)) : in_w + k_w + out_w + 2 * gap;
    if (total <= o.width - 8.0f) break;
  }

  const std::string title =
      i18n::trf("walk.title", tr(s.layer() == 0 ? "walk.input" : "walk.input_to_layer"), conv ? "" : tr("walk.fmap_prefix"),
                g.in_h, g.in_w, g.in_c, padding_mode_name(layer.padding), g.pad_top, g.pad_bottom, g.pad_left, g.pad_right);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr(conv ? "walk.intro_conv" : "walk.intro_pool"));
  ImGui::PopTextWrapPos();
  ImGui::BeginGroup();
  // Side by side, the title wraps over the grid's width: a wider title would
  // push the kernel and the feature map past the right edge.
  const float in_box = cell * (static_cast<float>(pw * shown_c) + 0.6f * static_cast<float>(shown_c - 1));
  ImGui::PushTextWrapPos(stacked ? o.width : ImGui::GetCursorPosX() + std::max(200.0f, in_box));
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopTextWrapPos();
  draw_input(s, g, conv, cell, o, m, q);
  const StrideWalk& w = s.stride_walk();
  if (!w.uncovered_rows.empty() || !w.uncovered_cols.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kUncovered);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(260.0f, cell * static_cast<float>(pw)));
    ImGui::Text(tr("walk.uncovered"),
                static_cast<int>(w.uncovered_rows.size()), static_cast<int>(w.uncovered_cols.size()));
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  if (s.trail(1).size() == 1 && s.trace()) {
    const WindowStep prev = s.trail(1)[0];
    const ElementTrace* t = s.trace();
    const int dy = t->origin_y - prev.origin_y, dx = t->origin_x - prev.origin_x;
    if (dy == 0) {
      ImGui::TextDisabled(tr("walk.moved_right"), dx, g.sw);
    } else {
      ImGui::TextDisabled(tr("walk.moved_down"), dy, g.sh);
    }
  }
  ImGui::EndGroup();

  if (conv) {
    if (!stacked) ImGui::SameLine(0, gap);
    ImGui::BeginGroup();
    ImGui::Text(tr("walk.kernel_of"), s.filter() + 1, g.kh, g.kw, g.in_c > 1 ? tr("walk.slice_per_channel") : "");
    draw_kernel(s, g, layer, cell, q);
    ImGui::EndGroup();
  }
  if (!stacked) ImGui::SameLine(0, gap);
  ImGui::BeginGroup();
  ImGui::Text("%s %d: %dx%d", tr(conv ? "walk.feature_map" : "walk.pooled_map"), s.filter() + 1, g.out_h, g.out_w);
  // Why it has that size, where the size is seen (the Formulas tab has every step).
  const float out_box = cell * static_cast<float>(std::min(kMaxGridCells, g.out_w));
  ImGui::PushTextWrapPos(stacked ? 0.0f : ImGui::GetCursorPosX() + std::max(220.0f, out_box));
  ImGui::TextDisabled("%s", output_size_reason(layer, g).c_str());
  ImGui::PopTextWrapPos();
  draw_output(s, g, layer, cell, o, m, q);
  ImGui::EndGroup();

  draw_input_editor(s, q);
  draw_arithmetic(s, conv, g, cell, m);
}

}  // namespace

void walk_conv(const Session& s, const WalkPanelOptions& o, CommandQueue& q) {
  draw_window_walk(s, o, q, true);
}

void walk_pool(const Session& s, const WalkPanelOptions& o, CommandQueue& q) {
  draw_window_walk(s, o, q, false);
}

}  // namespace cs
