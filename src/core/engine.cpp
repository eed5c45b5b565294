// engine.cpp - layer-by-layer execution of a validated scene.
// The engine owns no maths: it sizes buffers and dispatches to the kernels or
// the reference, so the two can be swapped in tests.

#include "core/engine.h"

#include "core/reference.h"
#include "kernels/kernels.h"

namespace cs {

void run_layer(const Layer& layer, const Geometry2D& g, Backend backend, const float* in,
               float* pre, float* out) {
  if (is_conv(layer.type)) {
    const float* bias = layer.use_bias ? layer.bias.data() : nullptr;
    if (backend == Backend::kReference) {
      ref::conv2d(g, in, layer.kernel.data(), bias, layer.activation, pre, out);
    } else {
      conv2d_f32(g, in, layer.kernel.data(), bias, layer.activation, pre, out);
    }
    return;
  }
  const PoolKind kind = pool_kind(layer.type);
  if (backend == Backend::kReference) {
    ref::pool2d(g, kind, layer.count_include_pad, in, out);
  } else {
    pool2d_f32(g, kind, layer.count_include_pad, in, out);
  }
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
    const Geometry2D& g = run.plan.geometry[i];
    const TensorShape& shape = run.plan.shapes[i + 1];
    const std::size_t count = static_cast<std::size_t>(shape.elements());
    const float* in = i == 0 ? scene.input.data.data() : run.outputs[i - 1].data.data();
    Tensor& out = run.outputs[i];
    out.shape = shape;
    out.data.assign(count, 0.0f);
    float* pre = nullptr;
    if (options.keep_pre_activation && is_conv(layer.type)) {
      Tensor& p = run.pre_activation[i];
      p.shape = shape;
      p.data.assign(count, 0.0f);
      pre = p.data.data();
    }
    run_layer(layer, g, options.backend, in, pre, out.data.data());
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
