// engine.cpp - layer-by-layer execution of a validated scene.
// The engine owns no maths: it sizes buffers and hands each layer to its
// family, so the kernels and the reference can be swapped in tests.

#include "core/engine.h"

namespace cs {

void run_layer(const Layer& layer, const LayerPlan& plan, Backend backend, const float* in,
               float* pre, float* out) {
  layer_family(layer.type).forward(layer, plan, backend, in, pre, out);
}

Result<SceneRun> run_scene_full(const Scene& scene, const RunOptions& options) {
  Result<ScenePlan> plan = validate_scene(scene);
  if (!plan) return plan.error();
  SceneRun run;
  run.plan = std::move(plan).value();
  const std::size_t n = scene.layers.size();
  run.outputs.resize(n);
  run.pre_activation.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Layer& layer = scene.layers[i];
    const LayerPlan p = run.plan.layer(i);
    const std::size_t count = static_cast<std::size_t>(p.out.elements());
    const float* in = i == 0 ? scene.input.data.data() : run.outputs[i - 1].data.data();
    Tensor& out = run.outputs[i];
    out.shape = p.out;
    out.data.assign(count, 0.0f);
    float* pre = nullptr;
    if (options.keep_pre_activation && layer_family(layer.type).has_pre_activation(layer)) {
      Tensor& t = run.pre_activation[i];
      t.shape = p.out;
      t.data.assign(count, 0.0f);
      pre = t.data.data();
    }
    run_layer(layer, p, options.backend, in, pre, out.data.data());
  }
  return run;
}

Result<std::vector<Tensor>> run_scene(const Scene& scene, Backend backend) {
  RunOptions options;
  options.backend = backend;
  options.keep_pre_activation = false;
  Result<SceneRun> run = run_scene_full(scene, options);
  if (!run) return run.error();
  return std::move(run->outputs);
}

const Tensor& layer_input(const Scene& scene, const SceneRun& run, int index) {
  return index == 0 ? scene.input : run.outputs[static_cast<std::size_t>(index - 1)];
}

}  // namespace cs
