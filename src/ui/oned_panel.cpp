// oned_panel.cpp - draws the dense/conv contrast with lines for connections:
// the dense neuron has n differently coloured weights, the convolution the
// same k colours at every position.
#include "ui/oned_panel.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "i18n/i18n.h"
#include "imgui.h"
#include "ui/format.h"
#include "ui/grid_view.h"
#include "ui/theme.h"

namespace cs {

namespace {

ImU32 weight_color(int i) {
  static const ImU32 k[] = {IM_COL32(230, 97, 1, 255),  IM_COL32(94, 60, 153, 255), IM_COL32(27, 158, 119, 255),
                            IM_COL32(217, 95, 2, 255),  IM_COL32(117, 112, 179, 255), IM_COL32(231, 41, 138, 255),
                            IM_COL32(102, 166, 30, 255), IM_COL32(166, 118, 29, 255)};
  return k[i % 8];
}

void cell_row(ImDrawList* dl, ImVec2 at, float cell, const std::vector<float>& v, ImU32 fill,
              int hi_from, int hi_to) {
  for (int i = 0; i < static_cast<int>(v.size()); ++i) {
    const ImVec2 a(at.x + cell * static_cast<float>(i), at.y), b(a.x + cell, a.y + cell);
    const bool hi = i >= hi_from && i < hi_to;
    dl->AddRectFilled(a, b, hi ? IM_COL32(255, 226, 200, 255) : fill);
    dl->AddRect(a, b, hi ? palette::kWindow : IM_COL32(150, 150, 150, 255), 0, 0, hi ? 2.5f : 1.0f);
    const std::string t = num(v[static_cast<std::size_t>(i)]);
    const ImVec2 ts = ImGui::CalcTextSize(t.c_str());
    dl->AddText(ImVec2(a.x + (cell - ts.x) / 2, a.y + (cell - ts.y) / 2), IM_COL32(20, 20, 20, 255), t.c_str());
  }
}

}  // namespace

void draw_oned_panel(OneDPanelState* st, float width) {
  bool regen = !st->ready;
  ImGui::SetNextItemWidth(150);
  regen |= touch_slides(ImGui::SliderInt(lbl("oned.inputs", "n").c_str(), &st->n, 4, 12));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(150);
  regen |= touch_slides(ImGui::SliderInt("kernel_size k", &st->k, 2, 5));
  ImGui::SameLine();
  if (ImGui::Button(lbl("oned.new_numbers", "newnum").c_str())) ++st->seed, regen = true;
  if (regen) {
    st->k = std::min(st->k, st->n);
    st->demo = make_oned_demo(st->n, st->k, st->seed);
    st->ready = true;
  }
  const OneDDemo& d = st->demo;
  if (!d.error.empty()) {
    ImGui::TextUnformatted(d.error.c_str());
    return;
  }
  const int outs = static_cast<int>(d.conv_out.size());
  st->position = std::clamp(st->position, 0, std::max(0, outs - 1));
  ImGui::SetNextItemWidth(std::min(400.0f, width * 0.5f));
  touch_slides(ImGui::SliderInt(lbl("oned.position", "pos").c_str(), &st->position, 0, outs - 1));

  const bool side_by_side = width > 700;
  const float half = side_by_side ? (width - 24) / 2 : width;
  const float cell = std::clamp(half / static_cast<float>(st->n + 1), 22.0f, 44.0f);
  const float h = cell * 7.0f;
  ImDrawList* dl = ImGui::GetWindowDrawList();

  // Dense: every input has its own weight into the single neuron.
  ImGui::BeginGroup();
  theme_heading(tr("oned.dense"));
  ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(half, h));
  cell_row(dl, o, cell, d.x, IM_COL32(235, 240, 250, 255), -1, -1);
  const ImVec2 neuron(o.x + cell * static_cast<float>(st->n) / 2, o.y + cell * 5.0f);
  for (int i = 0; i < st->n; ++i) {
    const ImVec2 from(o.x + cell * (static_cast<float>(i) + 0.5f), o.y + cell);
    dl->AddLine(from, neuron, weight_color(i), 2.0f);
    const std::string w = num(d.dense_w[static_cast<std::size_t>(i)]);
    const ImVec2 mid(from.x + (neuron.x - from.x) * 0.35f - 6, from.y + (neuron.y - from.y) * 0.35f);
    dl->AddText(mid, weight_color(i), w.c_str());
  }
  dl->AddCircleFilled(neuron, cell * 0.6f, IM_COL32(255, 226, 200, 255));
  dl->AddCircle(neuron, cell * 0.6f, palette::kWindow, 0, 2.5f);
  const std::string out = num(d.dense_out);
  const ImVec2 ts = ImGui::CalcTextSize(out.c_str());
  dl->AddText(ImVec2(neuron.x - ts.x / 2, neuron.y - ts.y / 2), IM_COL32(20, 20, 20, 255), out.c_str());
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + half);
  ImGui::Text(tr("oned.dense_counts"), st->n, st->n);
  std::string eq;
  for (const TraceTap& t : d.dense_trace.taps) eq += (eq.empty() ? "" : " + ") + ("(" + num(t.input) + "\xC3\x97" + num(t.weight) + ")");
  ImGui::TextDisabled("%s = %s", eq.c_str(), out.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();

  if (side_by_side) ImGui::SameLine(0, 24);
  // Conv1D: the same k weights slide; one output per position.
  ImGui::BeginGroup();
  theme_heading(i18n::trf("oned.conv", st->k).c_str());
  o = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(half, h));
  const int p = st->position;
  cell_row(dl, o, cell, d.x, IM_COL32(235, 240, 250, 255), p, p + st->k);
  const float oy = o.y + cell * 5.0f;
  const float ox = o.x + cell * static_cast<float>(st->k - 1) / 2;  // centre outputs under their windows
  cell_row(dl, ImVec2(ox, oy), cell, d.conv_out, IM_COL32(240, 250, 240, 255), p, p + 1);
  for (int j = 0; j < st->k; ++j) {
    const ImVec2 from(o.x + cell * (static_cast<float>(p + j) + 0.5f), o.y + cell);
    const ImVec2 to(ox + cell * (static_cast<float>(p) + 0.5f), oy);
    dl->AddLine(from, to, weight_color(j), 2.5f);
    const std::string w = num(d.kernel[static_cast<std::size_t>(j)]);
    dl->AddText(ImVec2(from.x + (to.x - from.x) * 0.4f - 6, from.y + (to.y - from.y) * 0.4f), weight_color(j), w.c_str());
  }
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + half);
  ImGui::Text(tr("oned.conv_counts"), st->n, st->k, outs,
              st->n, st->k, outs);
  if (p < static_cast<int>(d.conv_traces.size())) {
    std::string ceq;
    for (const TraceTap& t : d.conv_traces[static_cast<std::size_t>(p)].taps)
      ceq += (ceq.empty() ? "" : " + ") + ("(" + num(t.input) + "\xC3\x97" + num(t.weight) + ")");
    ImGui::TextDisabled(tr("oned.output_eq"), p, ceq.c_str(), num(d.conv_out[static_cast<std::size_t>(p)]).c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace cs
