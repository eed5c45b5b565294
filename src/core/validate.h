// validate.h - the scene limits and shape propagation through the stack.
// parse_scene() calls validate_scene(); the UI calls it (or layer_plan)
// after every edit, so a scene built in code gets the same errors, with the
// same JSON paths, as one read from a file. The checks that hold for every
// layer type (key ranges from the table, weight counts) live here; each
// family adds its own shape rule (core/layers/family.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/layers/family.h"
#include "core/result.h"
#include "core/scene.h"
#include "core/shape.h"

namespace cs {

// The scene limits. Each has its own error message naming the limit.
namespace limits {
inline constexpr int kMaxSpatial = 4096;      // H and W (1D: L)
inline constexpr int kMaxInputChannels = 64;  // channels of the scene input
inline constexpr int kMaxFilters = 256;       // conv filters (so every
                                              // tensor has <= 256 channels)
inline constexpr int kMaxKernel = 31;         // kernel / pool size per axis
inline constexpr int kMaxStride = 16;         // >= 1
inline constexpr int kMaxDilation = 16;       // >= 1
inline constexpr int kMaxPad = 64;            // explicit convolution padding per side
inline constexpr int kMaxUnits = 4096;        // Dense units
inline constexpr int kMaxVector = 1 << 20;    // a vector input's entries
inline constexpr int kMaxLayers = 16;
inline constexpr std::int64_t kMaxElements = std::int64_t{64} << 20;  // 64 M
}  // namespace limits

// The scene input's shape against the limits (where = "input.shape[i]").
Result<TensorShape> check_input_shape(const TensorShape& shape);

// The limits every layer output obeys: rows and cols per axis, elements.
Result<bool> check_output_size(int rows, int cols, int channels, const std::string& at);

// Layer `index` (used only in error paths) applied to a tensor of shape
// `in`: the table's key ranges, the family's shape rule (which checks the
// rank, padding and that a window fits), then every weight's count.
Result<LayerPlan> layer_plan(const Layer& layer, const TensorShape& in, int index = 0);
// The key ranges and the shape rule only, for code that is about to fit
// the weights to the shapes (core/scene_edit.h).
Result<LayerPlan> layer_shape_plan(const Layer& layer, const TensorShape& in, int index = 0);
// The same as layer_plan, keeping only the geometry the kernels get.
Result<Geometry2D> layer_geometry(const Layer& layer, const TensorShape& in, int index = 0);

// Shapes and geometry of a whole scene: shapes[0] is the input, shapes[i + 1]
// the output of layer i; geometry[i] drives layer i.
struct ScenePlan {
  std::vector<TensorShape> shapes;
  std::vector<Geometry2D> geometry;

  LayerPlan layer(std::size_t i) const { return {shapes[i], shapes[i + 1], geometry[i]}; }
};

Result<ScenePlan> validate_scene(const Scene& scene);

// Parameter count (Keras' model.summary()) and multiply-accumulates of one
// layer (pooling: 0 MACs; its work is comparisons/additions).
std::int64_t layer_param_count(const Layer& layer, const LayerPlan& plan);
std::int64_t layer_macs(const Layer& layer, const LayerPlan& plan);

}  // namespace cs
