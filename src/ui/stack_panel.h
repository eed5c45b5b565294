// stack_panel.h - every tensor of the stack side by side (input, each
// layer's output), with receptive fields: hover or tap an output cell to see
// every cell it reads, through all layers; an input cell to see all it feeds.
#pragma once

#include "model/session.h"

namespace cs {

void draw_stack_panel(const Session& s, float width, CellRef* hover, CommandQueue& q);

}  // namespace cs
