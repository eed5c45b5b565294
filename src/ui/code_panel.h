// code_panel.h - the formulas with the current numbers substituted (output
// size, padding per side, dropped rows, parameters, MACs), the Keras code for
// the stack, a model.summary()-style table and the PyTorch equivalent.
#pragma once

#include <string>

#include "model/session.h"

namespace cs {

void draw_code_panel(const Session& s, CommandQueue& q);

// The texts, separately so tests and the CLI can check them.
std::string keras_model_code(const Scene& scene);
std::string pytorch_model_code(const Scene& scene, const ScenePlan& plan);
std::string model_summary_table(const Scene& scene, const ScenePlan& plan);
// Output-size formula of one axis with the numbers in, e.g.
// "out = floor((7 + 1 + 1 - 3) / 1) + 1 = 7".
std::string output_size_formula(const Layer& layer, const Geometry2D& g, bool rows);

}  // namespace cs
