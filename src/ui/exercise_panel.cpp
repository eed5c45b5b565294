// exercise_panel.cpp - see exercise_panel.h. The solution is shown only
// after an answer was checked; values are typed, max pooling is a choice.
#include "ui/exercise_panel.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/validate.h"
#include "imgui.h"
#include "ui/format.h"
#include "ui/grid_view.h"
#include "ui/theme.h"

namespace cs {

namespace {

void wrapped(const std::string& text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

// The input (with padding and the highlighted window) and the kernel.
void draw_problem_grids(const Exercise& e, float width) {
  const Layer& l = e.scene.layers[0];
  Result<Geometry2D> gr = layer_geometry(l, e.scene.input.shape);
  if (!gr) return;
  const Geometry2D& g = *gr;
  const Tensor& in = e.scene.input;
  const int pw = in.shape.w + g.pad_left + g.pad_right;
  GridStyle st;
  st.cell = std::clamp((width - 40.0f) / static_cast<float>(pw + (has_key(l.type, "filters") ? l.kernel_size[1] + 1 : 0)), 22.0f, 40.0f);
  float lo = 0, hi = 1;
  for (float v : in.data) lo = std::min(lo, v), hi = std::max(hi, v);
  st.lo = lo, st.hi = hi;
  st.pad_top = g.pad_top, st.pad_bottom = g.pad_bottom, st.pad_left = g.pad_left, st.pad_right = g.pad_right;
  const bool highlight = e.kind == ExerciseKind::kOutputValue || e.kind == ExerciseKind::kMaxPool;
  const GridMark window{e.y * g.sh, e.x * g.sw, g.kh, g.kw, palette::kWindow, 3.0f};
  ImGui::BeginGroup();
  ImGui::TextDisabled("%s", tr("walk.input"));
  draw_grid("##exin", in.data.data(), in.shape.h, in.shape.w, in.shape.c, st, highlight ? &window : nullptr,
            highlight ? 1 : 0);
  ImGui::EndGroup();
  if (has_key(l.type, "filters") && e.kind == ExerciseKind::kOutputValue) {
    ImGui::SameLine(0, 24);
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", tr("walk.kernel"));
    GridStyle ks;
    ks.cell = st.cell;
    ks.diverging = true, ks.lo = -1, ks.hi = 1;
    draw_grid("##exk", l.kernel.data(), l.kernel_size[0], l.kernel_size[1], 1, ks, nullptr, 0);
    if (l.use_bias) ImGui::Text("%s %s", tr("walk.bias"), num(l.bias[0]).c_str());
    ImGui::EndGroup();
  }
}

}  // namespace

ExerciseAction draw_exercise_panel(const ExerciseSet& set, ExercisePanelState* st, float width) {
  ExerciseAction a;
  const Exercise& e = set.current();
  if (st->index != set.index()) {  // a new problem: clear the typed answer
    st->index = set.index();
    st->answer = ExerciseAnswer{};
    st->answer.padding = 0;
    st->answer.params = 0;
  }
  theme_heading(tr("ex.heading"));
  ImGui::Text(tr("ex.score"), set.score(), set.attempted());
  ImGui::SameLine(0, 20);
  ImGui::TextDisabled(tr("ex.set"), set.seed(), set.index() + 1);
  ImGui::SetNextItemWidth(120);
  ImGui::InputInt(lbl("ex.seed", "seed").c_str(), &st->seed_field);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("ex.seed_tip"));
  if (ImGui::IsItemDeactivatedAfterEdit() && st->seed_field >= 0) {
    a.set_seed = true;
    a.seed = static_cast<std::uint32_t>(st->seed_field);
  }
  ImGui::Separator();
  wrapped(exercise_prompt(e));
  if (e.kind == ExerciseKind::kOutputValue || e.kind == ExerciseKind::kMaxPool) draw_problem_grids(e, width);

  ExerciseAnswer& ans = st->answer;
  ImGui::PushID(set.index());
  switch (e.kind) {
    case ExerciseKind::kOutputShape:
      ImGui::SetNextItemWidth(220);
      ImGui::InputInt3(lbl("ex.answer_shape", "shape").c_str(), ans.shape.data());
      break;
    case ExerciseKind::kOutputValue:
      ImGui::SetNextItemWidth(140);
      ImGui::InputFloat(lbl("ex.answer_value", "value").c_str(), &ans.value, 0.0f, 0.0f, "%g");
      break;
    case ExerciseKind::kKeepSize:
      ImGui::SetNextItemWidth(140);
      ImGui::InputInt(lbl("ex.answer_padding", "pad").c_str(), &ans.padding);
      break;
    case ExerciseKind::kMaxPool:
      for (int c = 0; c < static_cast<int>(e.choices.size()); ++c) {
        ImGui::PushID(c);
        if (ImGui::RadioButton(num(e.choices[static_cast<std::size_t>(c)]).c_str(), ans.choice == c)) ans.choice = c;
        ImGui::PopID();
        ImGui::SameLine();
      }
      ImGui::NewLine();
      break;
    default: {
      ImGui::SetNextItemWidth(160);
      ImGui::InputScalar(lbl("ex.answer_params", "params").c_str(), ImGuiDataType_S64, &ans.params);
      break;
    }
  }
  ImGui::PopID();
  if (ImGui::Button(lbl("ex.check", "check").c_str())) {
    a.submit = true;
    a.answer = ans;
  }
  ImGui::SameLine();
  if (ImGui::Button(lbl("ex.next", "nextex").c_str())) a.next = true;
  ImGui::SameLine();
  if (ImGui::Button(lbl("ex.open_walk", "openwalk").c_str())) a.open_walk = true;
  if (set.answered()) {
    const bool right = set.last_correct();
    ImGui::PushStyleColor(ImGuiCol_Text, right ? IM_COL32(20, 120, 60, 255) : IM_COL32(170, 20, 20, 255));
    wrapped(tr(right ? "ex.correct" : "ex.wrong"));
    ImGui::PopStyleColor();
    theme_heading(tr("ex.solution"));
    wrapped(worked_solution(e));
  }
  return a;
}

}  // namespace cs
