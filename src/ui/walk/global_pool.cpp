// global_pool.cpp - the walk view of the global pooling family: one
// channel's whole map reduced to one number (its mean or its maximum).
#include "i18n/i18n.h"
#include "imgui.h"
#include "ui/format.h"
#include "ui/theme.h"
#include "ui/walk/element_view.h"
#include "ui/walk/walk_view.h"

namespace cs {

void walk_global_pool(const Session& s, const WalkPanelOptions& o, CommandQueue& q) {
  const ElementTrace* t = s.trace();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr(t && t->max() ? "walk.rule.global_max" : "walk.rule.global_average"));
  ImGui::PopTextWrapPos();
  draw_element_io(s, o, q, tr("walk.layer_input"), tr("walk.layer_output"));
  if (!t) return;
  theme_heading(tr("walk.arithmetic"));
  ImGui::PushTextWrapPos(0.0f);
  if (const AverageDetail* a = t->average()) {
    ImGui::Text(tr("walk.global_average_eq"), static_cast<int>(t->taps.size()), num(a->sum).c_str(),
                static_cast<int>(t->taps.size()), num(t->value).c_str());
  } else if (t->max() && t->max()->chosen_tap >= 0) {
    const TraceTap& m = t->taps[static_cast<std::size_t>(t->max()->chosen_tap)];
    ImGui::Text(tr("walk.global_max_eq"), static_cast<int>(t->taps.size()), num(t->value).c_str(), m.iy, m.ix);
  }
  ImGui::PopTextWrapPos();
}

}  // namespace cs
