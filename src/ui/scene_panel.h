// scene_panel.h - the sidebar: the input (presets, size, channels, paint
// brush) and the layer stack with each layer's parameters under their Keras
// names. Reads the Session, queues commands.
#pragma once

#include "model/session.h"

namespace cs {

struct ScenePanelState {
  bool paint = false;  // input grid paints with `brush` instead of selecting
  float brush = 9.0f;
  int preset = 0;      // InputPreset
};

void draw_scene_panel(const Session& s, ScenePanelState* st, CommandQueue& q);

}  // namespace cs
