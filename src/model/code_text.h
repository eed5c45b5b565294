// code_text.h - the texts of the formulas-and-code panel, without UI:
// the Keras model for the stack, a model.summary()-style table, the PyTorch
// equivalent, and the output-size formula with the numbers substituted.
#pragma once

#include <string>
#include <vector>

#include "core/keras_model.h"  // keras_layer_names
#include "core/scene.h"
#include "core/validate.h"

namespace cs {

// With a plan, followed by the set_weights lines (model/weights_code.h).
std::string keras_model_code(const Scene& scene, const ScenePlan* plan = nullptr);
std::string pytorch_model_code(const Scene& scene, const ScenePlan& plan);
std::string model_summary_table(const Scene& scene, const ScenePlan& plan);
// The same table as cells, for a view that draws it as a table (a
// proportional font cannot line up the text's columns); the last row is
// the total ("Total params:", "", its count).
struct SummaryRow {
  std::string layer, shape, params;  // "conv2d_1 (Conv2D)", "(None, 6, 6, 2)", "20"
};
std::vector<SummaryRow> model_summary_rows(const Scene& scene, const ScenePlan& plan);
// One axis, e.g. "out = floor((7 + 1 + 1 - 3) / 1) + 1 = 7", with the
// 'same' padding split and the dropped rows explained where they apply.
std::string output_size_formula(const Layer& layer, const Geometry2D& g, bool rows);
// Why the output has its size, in one line for the Walk (both axes alike:
// once): "Output size 7 → 5: 'valid' padding, (7 - 3) / 1 + 1 = 5".
std::string output_size_reason(const Layer& layer, const Geometry2D& g);

}  // namespace cs
