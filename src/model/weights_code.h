// weights_code.h - the lines after the exported Keras and PyTorch models
// that give them ConvScope's weights, so the code computes the same numbers
// the app shows: layer.set_weights(...) for Keras, weight.copy_(...) for
// PyTorch, in each framework's layout. Small weights are written out; large
// ones are read from the scene JSON (the Copy scene JSON button).
#pragma once

#include <string>

#include "core/scene.h"
#include "core/validate.h"

namespace cs {

// At most this many numbers of one weight are written into the code.
inline constexpr std::size_t kMaxInlineWeights = 600;

std::string keras_weights_code(const Scene& scene, const ScenePlan& plan);
std::string pytorch_weights_code(const Scene& scene, const ScenePlan& plan);

}  // namespace cs
