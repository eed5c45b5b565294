// engine.h - runs a scene: one output tensor per layer.
// Validates the scene, then calls the fast kernels (kernels/kernels.h) or,
// for tests, the plain reference (core/reference.h) layer by layer. Keeps the
// pre-activation maps too, because the UI shows both.
#pragma once

#include <vector>

#include "core/result.h"
#include "core/scene.h"
#include "core/shape.h"
#include "core/validate.h"

namespace cs {

enum class Backend : std::uint8_t {
  kFast,       // cs::conv2d_f32 / pool2d_f32: best instruction set built
  kReference,  // cs::ref::conv2d / pool2d: the oracle, for tests
};

struct RunOptions {
  Backend backend = Backend::kFast;
  bool keep_pre_activation = true;
};

struct SceneRun {
  ScenePlan plan;               // shapes and geometry per layer
  std::vector<Tensor> outputs;  // outputs[i]: after layer i
  // pre_activation[i]: conv layer i before its activation (bias included).
  // Empty tensors (no data) for pooling layers, or when not kept.
  std::vector<Tensor> pre_activation;
};

// The outputs only, one per layer.
Result<std::vector<Tensor>> run_scene(const Scene& scene, Backend backend = Backend::kFast);

// Outputs, pre-activations and the plan.
Result<SceneRun> run_scene_full(const Scene& scene, const RunOptions& options = {});

// One layer on raw buffers, geometry already validated (layer_geometry).
// `in` holds in_h*in_w*in_c floats, `out` out_h*out_w*filters; `pre` may be
// null, and is ignored by pooling layers.
void run_layer(const Layer& layer, const Geometry2D& g, Backend backend, const float* in,
               float* pre, float* out);

// The tensor feeding layer `index`: the scene input or the previous output.
const Tensor& layer_input(const Scene& scene, const SceneRun& run, int index);

}  // namespace cs
