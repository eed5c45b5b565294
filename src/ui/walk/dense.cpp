// dense.cpp - the walk view of the dense family (Dense): the input vector
// as a strip beside the weight column of the walked unit and their
// products, the sum plus bias through the activation; softmax shows every
// unit's exp, the sum and each probability. Long inputs (a flattened
// 7x7x64 map has 3136 cells) show 32 at a time with a slider.
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
#include "ui/walk/softmax_view.h"
#include "ui/walk/walk_view.h"

namespace cs {

namespace {

// UI-only state: the first input shown when the input is long.
int g_first_input = 0;

GridStyle strip_style(float cell, const std::vector<float>& v, bool diverging) {
  GridStyle st;
  st.cell = cell;
  float m = 0.0f;
  for (float x : v) m = std::isfinite(x) ? std::max(m, std::fabs(x)) : m;
  st.diverging = diverging;
  st.lo = diverging ? -std::max(m, 1e-6f) : 0.0f;
  st.hi = std::max(m, 1e-6f);
  return st;
}

void draw_strip(const char* id, const char* title, const std::vector<float>& v, float cell,
                bool diverging) {
  ImGui::TextDisabled("%s", title);
  draw_grid(id, v.data(), 1, static_cast<int>(v.size()), 1, strip_style(cell, v, diverging), nullptr, 0);
}

// The shown window's products summed, as written on a board.
std::string window_sum(const ElementTrace& t, int first, int shown) {
  std::string eq;
  float part = 0.0f;
  for (int i = first; i < first + shown; ++i) {
    const TraceTap& tap = t.taps[static_cast<std::size_t>(i)];
    eq += (i > first ? " + " : "") + std::string("(") + num(tap.input) + "\xC3\x97" + num(tap.weight) + ")";
    part += tap.product;
  }
  return eq + " = " + num(part);
}

// Sum of every product, bias, activation: the unit's value.
std::string unit_total(const ElementTrace& t, const SumDetail& d) {
  std::string eq = i18n::trf("walk.dense_total", static_cast<int>(t.taps.size()), num(d.sum).c_str());
  if (d.has_bias) eq += " + " + std::string(tr("walk.bias_word")) + " " + num(d.bias);
  eq += " = " + num(d.pre_activation);
  if (d.activation != Activation::kLinear) {
    eq += "  \xE2\x86\x92 " + std::string(activation_label(d.activation)) + " \xE2\x86\x92 " + num(t.value);
  }
  return eq;
}

}  // namespace

void walk_dense(const Session& s, const WalkPanelOptions& o, CommandQueue& q) {
  const ElementTrace* t = s.trace();
  if (!t || !t->sum()) return;
  const SumDetail& d = *t->sum();
  const int n = static_cast<int>(t->taps.size());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(tr("walk.rule.dense"), n, t->x);
  ImGui::PopTextWrapPos();
  // Cells big enough for a number each: as many inputs as fit the width.
  const int fit = std::clamp(static_cast<int>((o.width - 16.0f) / 46.0f), 4, kElementMaxCells);
  const int shown = std::min(n, fit);
  g_first_input = std::clamp(g_first_input, 0, n - shown);
  if (n > shown) {
    int first = g_first_input + 1;
    ImGui::SetNextItemWidth(std::min(o.width - 160.0f, 420.0f));
    if (touch_slides(ImGui::SliderInt(lbl("walk.inputs_from", "inputs_from").c_str(), &first, 1, n - shown + 1))) {
      g_first_input = first - 1;
    }
  }
  std::vector<float> in, w, prod;
  for (int i = g_first_input; i < g_first_input + shown; ++i) {
    const TraceTap& tap = t->taps[static_cast<std::size_t>(i)];
    in.push_back(tap.input), w.push_back(tap.weight), prod.push_back(tap.product);
  }
  const float cell = std::clamp((o.width - 16.0f) / static_cast<float>(shown), 14.0f, 46.0f);
  ImGui::PushID("dense");
  draw_strip("##in", i18n::trf("walk.dense_inputs", g_first_input, g_first_input + shown - 1).c_str(), in,
             cell, false);
  draw_strip("##w", i18n::trf("walk.dense_weights", t->x, t->x).c_str(), w, cell, true);
  draw_strip("##p", tr("walk.products"), prod, cell, true);
  ImGui::PopID();
  theme_heading(tr("walk.arithmetic"));
  ImGui::PushTextWrapPos(0.0f);
  if (n > shown) {
    ImGui::TextDisabled(tr("walk.dense_window"), g_first_input, g_first_input + shown - 1);
  }
  ImGui::TextUnformatted(window_sum(*t, g_first_input, shown).c_str());
  ImGui::TextUnformatted(unit_total(*t, d).c_str());
  ImGui::PopTextWrapPos();
  draw_element_output(s, o, std::clamp(o.width / static_cast<float>(std::max(1, t->geometry.out_w)), 36.0f, 46.0f),
                      q, tr("walk.units"));
  if (d.activation == Activation::kSoftmax) draw_softmax_table(d.softmax, d.index, o.width);
}

}  // namespace cs
