// code_panel.h - the formulas with the current numbers substituted (output
// size, padding per side, dropped rows, parameters, MACs), the Keras code for
// the stack, a model.summary()-style table and the PyTorch equivalent.
#pragma once

#include "model/session.h"

namespace cs {

void draw_code_panel(const Session& s, CommandQueue& q);

}  // namespace cs
