// walk_panel.h - the stride walk of one layer: padded input with the window,
// its trail and the stride jump; the kernel; the products and the equation;
// the feature map filling in. Reads the Session, queues commands.
#pragma once

#include "model/session.h"

namespace cs {

struct WalkPanelOptions {
  float width = 800.0f;   // space available
  bool narrow = false;    // phone layout: stack vertically
  bool paint = false;     // input grid paints instead of selecting
  float brush = 1.0f;     // value painted
  CellRef* hover = nullptr;  // set to the cell under the pointer, if any
  bool reduced_motion = false;  // prefers-reduced-motion: no glide, the end state at once
};

void draw_walk_panel(const Session& s, const WalkPanelOptions& o, CommandQueue& q);

}  // namespace cs
