// engine.h - runs a scene: one output tensor per layer.
// Validates the scene, then runs each layer's family (core/layers/family.h)
// through the fast kernels (kernels/kernels.h) or, for tests, the plain
// reference (core/reference.h). Keeps the pre-activation maps too, because
// the UI shows both.
#pragma once

#include <vector>

#include "core/layers/family.h"
#include "core/result.h"
#include "core/scene.h"
#include "core/shape.h"
#include "core/validate.h"

namespace cs {

struct RunOptions {
  Backend backend = Backend::kFast;
  bool keep_pre_activation = true;
};

struct SceneRun {
  ScenePlan plan;               // shapes and geometry per layer
  std::vector<Tensor> outputs;  // outputs[i]: after layer i
  // pre_activation[i]: layer i before its activation (bias included), for
  // families that have one (convolution, Dense). Empty tensors (no data)
  // for the others, or when not kept.
  std::vector<Tensor> pre_activation;
};

// The outputs only, one per layer.
Result<std::vector<Tensor>> run_scene(const Scene& scene, Backend backend = Backend::kFast);

// Outputs, pre-activations and the plan.
Result<SceneRun> run_scene_full(const Scene& scene, const RunOptions& options = {});

// One layer on raw buffers, plan already validated (layer_plan). `in`
// holds in.elements() floats, `out` (and `pre`, which may be null) the
// output's.
void run_layer(const Layer& layer, const LayerPlan& plan, Backend backend, const float* in,
               float* pre, float* out);

// The tensor feeding layer `index`: the scene input or the previous output.
const Tensor& layer_input(const Scene& scene, const SceneRun& run, int index);

}  // namespace cs
