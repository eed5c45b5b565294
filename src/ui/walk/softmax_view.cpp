// softmax_view.cpp - the softmax table with probability bars.
#include "ui/walk/softmax_view.h"

#include <algorithm>

#include "i18n/i18n.h"
#include "imgui.h"
#include "ui/format.h"
#include "ui/theme.h"

namespace cs {

void draw_softmax_table(const SoftmaxStats& s, int current, float width) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::Text(tr("walk.softmax_sum"), num(s.max).c_str(), num(s.sum).c_str());
  ImGui::PopTextWrapPos();
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##softmax", 5, flags)) return;
  ImGui::TableSetupColumn("#");
  ImGui::TableSetupColumn("z");
  ImGui::TableSetupColumn("exp(z - max)");
  ImGui::TableSetupColumn(tr("walk.probability"));
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  const float bar_w = std::max(60.0f, width * 0.25f);
  for (std::size_t i = 0; i < s.logits.size(); ++i) {
    ImGui::TableNextRow();
    if (static_cast<int>(i) == current) {
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(255, 226, 214, 255));
    }
    ImGui::TableNextColumn();
    ImGui::Text("%d", static_cast<int>(i));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(num(s.logits[i]).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(num(s.exps[i]).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(num(s.probabilities[i]).c_str());
    ImGui::TableNextColumn();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + bar_w, p.y + h), IM_COL32(235, 235, 240, 255));
    dl->AddRectFilled(p, ImVec2(p.x + bar_w * s.probabilities[i], p.y + h),
                      static_cast<int>(i) == current ? palette::kWindow : IM_COL32(90, 120, 180, 255));
    ImGui::Dummy(ImVec2(bar_w, h));
  }
  ImGui::EndTable();
}

}  // namespace cs
