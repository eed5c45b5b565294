// elementwise.cpp - the walk view of the elementwise family (Activation,
// ReLU, LeakyReLU, Softmax, Dropout, Rescaling): the element, the input it
// reads and the rule with the numbers; softmax shows every channel's exp,
// their sum and each probability.
#include <algorithm>

#include "i18n/i18n.h"
#include "imgui.h"
#include "ui/format.h"
#include "ui/theme.h"
#include "ui/walk/element_view.h"
#include "ui/walk/softmax_view.h"
#include "ui/walk/walk_view.h"

namespace cs {

void walk_elementwise(const Session& s, const WalkPanelOptions& o, CommandQueue& q) {
  const Layer& l = s.scene().layers[static_cast<std::size_t>(s.layer())];
  const std::string key = std::string("walk.rule.") + layer_info(l.type).snake_name;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr(key.c_str()));
  ImGui::PopTextWrapPos();
  draw_element_io(s, o, q, tr("walk.layer_input"), tr("walk.layer_output"));
  const ElementTrace* t = s.trace();
  if (t && t->softmax()) {
    theme_heading(tr("walk.arithmetic"));
    draw_softmax_table(t->softmax()->stats, t->softmax()->index, o.width);
    return;
  }
  draw_element_formula(s, "");
}

}  // namespace cs
