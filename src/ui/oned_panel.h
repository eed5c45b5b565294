// oned_panel.h - dense neuron vs 1D convolution, side by side.
#pragma once

#include "model/oned.h"

namespace cs {

struct OneDPanelState {
  int n = 8, k = 3, position = 0;
  std::uint32_t seed = 3;
  OneDDemo demo;
  bool ready = false;
};

void draw_oned_panel(OneDPanelState* st, float width);

}  // namespace cs
