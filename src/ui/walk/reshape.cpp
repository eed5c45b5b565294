// reshape.cpp - the walk view of the reshaping family (Flatten,
// ZeroPadding2D, UpSampling2D, InputLayer): where each output element comes
// from in the input, with the index arithmetic or the interpolation.
#include "i18n/i18n.h"
#include "imgui.h"
#include "ui/format.h"
#include "ui/walk/element_view.h"
#include "ui/walk/walk_view.h"

namespace cs {

void walk_reshape(const Session& s, const WalkPanelOptions& o, CommandQueue& q) {
  const Layer& l = s.scene().layers[static_cast<std::size_t>(s.layer())];
  const std::string key = std::string("walk.rule.") + layer_info(l.type).snake_name;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr(key.c_str()));
  ImGui::PopTextWrapPos();
  // Flatten: every channel, so the HWC order of the vector can be followed.
  draw_element_io(s, o, q, tr("walk.layer_input"), tr("walk.layer_output"), l.type == LayerType::kFlatten);
  draw_element_formula(s, "");
}

}  // namespace cs
