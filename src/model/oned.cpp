// oned.cpp - dense vs Conv1D, both computed by the engine's Conv1D.
#include "model/oned.h"

#include <random>

#include "core/engine.h"

namespace cs {

namespace {

Scene conv1d_scene(const std::vector<float>& x, const std::vector<float>& w) {
  Scene s;
  s.input.shape = {1, static_cast<int>(x.size()), 1, true};
  s.input.data = x;
  Layer l;
  l.type = LayerType::kConv1D;
  l.filters = 1;
  l.kernel_size = {1, static_cast<int>(w.size())};
  l.use_bias = false;
  l.kernel = w;
  s.layers.push_back(l);
  return s;
}

}  // namespace

OneDDemo make_oned_demo(int n, int k, std::uint32_t seed) {
  OneDDemo d;
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> in(0, 9), wt(-2, 2);
  for (int i = 0; i < n; ++i) d.x.push_back(static_cast<float>(in(rng)));
  for (int i = 0; i < n; ++i) d.dense_w.push_back(static_cast<float>(wt(rng)));
  for (int i = 0; i < k; ++i) d.kernel.push_back(static_cast<float>(wt(rng)));
  compute_oned(&d);
  return d;
}

void compute_oned(OneDDemo* d) {
  d->error.clear();
  d->conv_out.clear();
  d->conv_traces.clear();
  const Scene dense = conv1d_scene(d->x, d->dense_w);
  const Scene conv = conv1d_scene(d->x, d->kernel);
  Result<SceneRun> rd = run_scene_full(dense);
  Result<SceneRun> rc = run_scene_full(conv);
  if (!rd || !rc) {
    d->error = to_string(!rd ? rd.error() : rc.error());
    return;
  }
  d->dense_out = rd->outputs[0].data[0];
  Result<ElementTrace> td = trace_scene_element(dense, *rd, 0, 0, 0, 0);
  if (td) d->dense_trace = *td;
  d->conv_out = rc->outputs[0].data;
  for (int i = 0; i < static_cast<int>(d->conv_out.size()); ++i) {
    Result<ElementTrace> t = trace_scene_element(conv, *rc, 0, 0, i, 0);
    if (t) d->conv_traces.push_back(*t);
  }
}

}  // namespace cs
