// norm.cpp - the walk view of the normalisation family
// (BatchNormalization): the element, its channel's four numbers and the
// per-channel affine map with the numbers in.
#include "i18n/i18n.h"
#include "imgui.h"
#include "ui/format.h"
#include "ui/theme.h"
#include "ui/walk/element_view.h"
#include "ui/walk/walk_view.h"

namespace cs {

void walk_norm(const Session& s, const WalkPanelOptions& o, CommandQueue& q) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr("walk.rule.batch_normalization"));
  ImGui::PopTextWrapPos();
  draw_element_io(s, o, q, tr("walk.layer_input"), tr("walk.layer_output"));
  const ElementTrace* t = s.trace();
  if (!t || !t->norm()) return;
  const NormDetail& d = *t->norm();
  theme_heading(tr("walk.arithmetic"));
  if (ImGui::BeginTable("##bn", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
    for (const char* h : {"moving_mean", "moving_variance", "epsilon", "gamma", "beta"}) {
      ImGui::TableSetupColumn(h);
    }
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    for (float v : {d.mean, d.variance, d.epsilon, d.gamma, d.beta}) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(num(v).c_str());
    }
    ImGui::EndTable();
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr("walk.bn_order"));
  ImGui::Text("%s = %s", element_name(s).c_str(), num(t->value).c_str());
  ImGui::TextUnformatted(d.formula.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace cs
