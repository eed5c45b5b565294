// validate.h - the scene limits and shape propagation through the stack.
// parse_scene() calls validate_scene(); the UI calls it (or layer_geometry)
// after every edit, so a scene built in code gets the same errors, with the
// same JSON paths, as one read from a file.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "core/scene.h"
#include "core/shape.h"

namespace cs {

// The limits of issue 3. Each has its own error message naming the limit.
namespace limits {
inline constexpr int kMaxSpatial = 4096;      // H and W (1D: L)
inline constexpr int kMaxInputChannels = 64;  // channels of the scene input
inline constexpr int kMaxFilters = 256;       // conv filters (so every
                                              // tensor has <= 256 channels)
inline constexpr int kMaxKernel = 31;         // kernel / pool size per axis
inline constexpr int kMaxStride = 16;         // >= 1
inline constexpr int kMaxDilation = 16;       // >= 1
inline constexpr int kMaxLayers = 16;
inline constexpr std::int64_t kMaxElements = std::int64_t{64} << 20;  // 64 M
}  // namespace limits

// The scene input's shape against the limits (where = "input.shape[i]").
Result<TensorShape> check_input_shape(const TensorShape& shape);

// Geometry of layer `index` (used only in error paths) applied to a tensor of
// shape `in`: checks the layer's own fields (ranges, 1D/2D match, explicit
// pads, weight counts against in.c) and that the dilated kernel fits in the
// padded input, then resolves padding and output size.
Result<Geometry2D> layer_geometry(const Layer& layer, const TensorShape& in, int index = 0);

// Output shape of a layer with the given (resolved) geometry.
TensorShape layer_output_shape(const Layer& layer, const Geometry2D& g);

// Shapes and geometry of a whole scene: shapes[0] is the input, shapes[i + 1]
// the output of layer i; geometry[i] drives layer i.
struct ScenePlan {
  std::vector<TensorShape> shapes;
  std::vector<Geometry2D> geometry;
};

Result<ScenePlan> validate_scene(const Scene& scene);

// Parameter count and multiply-accumulates of one layer (pooling: 0 and 0;
// its work is comparisons/additions, not MACs).
std::int64_t layer_param_count(const Layer& layer, const Geometry2D& g);
std::int64_t layer_macs(const Layer& layer, const Geometry2D& g);

}  // namespace cs
