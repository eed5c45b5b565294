// scene_fuzz.cpp - libFuzzer target: any bytes through the scene reader.
// A document that parses is run (fast kernels and the reference), traced at
// its corners, its fields and text reports built, and written back: the
// writer's output must read back to the same scene and re-serialise to the
// same text. Any failure is a crash (abort), which libFuzzer records.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/engine.h"
#include "core/report.h"
#include "core/scene.h"
#include "core/trace.h"
#include "core/validate.h"
#include "model/code_text.h"

namespace {

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "scene_fuzz: invariant broken: %s\n", what);
    std::abort();
  }
}

bool same_tensor(const cs::Tensor& a, const cs::Tensor& b) {
  if (a.shape != b.shape || a.data.size() != b.data.size()) return false;
  for (std::size_t i = 0; i < a.data.size(); ++i) {
    if (!(a.data[i] == b.data[i]) && !(std::isnan(a.data[i]) && std::isnan(b.data[i])))
      return false;
  }
  return true;
}

// The engine work a valid scene asks for. The fuzzer skips running scenes
// above a budget so each input stays in the millisecond range (the limits
// themselves are covered by tests/scene_test.cpp and tests/fault_test.cpp).
std::int64_t work(const cs::Scene& s, const cs::ScenePlan& plan) {
  std::int64_t w = plan.shapes[0].elements();
  for (std::size_t i = 0; i < s.layers.size(); ++i) {
    const cs::Geometry2D& g = plan.geometry[i];
    // Every output cell reads its window (pooling, padding, the trace);
    // the multiplies of the weighted layers are counted on top.
    w += plan.shapes[i + 1].elements() * (1 + std::int64_t{g.kh} * g.kw);
    w += cs::layer_macs(s.layers[i], plan.layer(i));
  }
  return w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  cs::Result<cs::Scene> parsed = cs::parse_scene(text);
  if (!parsed) {
    check(!parsed.error().message.empty(), "an error has a message");
    check(!parsed.error().where.empty(), "an error says where");
    return 0;
  }
  const cs::Scene& scene = *parsed;

  // Round trip: write, read back, write again.
  const std::string json = cs::scene_to_json(scene);
  cs::Result<cs::Scene> again = cs::parse_scene(json);
  check(again.ok(), "the writer's output parses");
  check(again->title == scene.title, "title survives");
  check(same_tensor(again->input, scene.input), "input survives");
  check(again->layers == scene.layers, "layers survive");
  check(cs::scene_to_json(*again) == json, "writing is a fixed point");

  cs::Result<cs::ScenePlan> plan = cs::validate_scene(scene);
  check(plan.ok(), "a parsed scene validates");
  if (work(scene, *plan) > 4'000'000) return 0;

  cs::Result<cs::SceneRun> run = cs::run_scene_full(scene);
  check(run.ok(), "a valid scene runs");
  cs::Result<std::vector<cs::Tensor>> ref = cs::run_scene(scene, cs::Backend::kReference);
  check(ref.ok(), "the reference runs");
  check(ref->size() == run->outputs.size(), "one output per layer");
  for (std::size_t i = 0; i < ref->size(); ++i) {
    check((*ref)[i].shape == run->outputs[i].shape, "reference and fast shapes agree");
    check((*ref)[i].data.size() == static_cast<std::size_t>(run->outputs[i].shape.elements()),
          "output size");
  }

  const int layers = static_cast<int>(scene.layers.size());
  for (int l = 0; l < layers; ++l) {
    const cs::Geometry2D& g = run->plan.geometry[static_cast<std::size_t>(l)];
    const int ys[] = {0, g.out_h - 1, g.out_h / 2, g.out_h};  // the last is one past: must fail
    const int xs[] = {0, g.out_w - 1, g.out_w / 2, g.out_w};
    for (int k = 0; k < 4; ++k) {
      const int c = k == 3 ? 0 : (k * 7) % std::max(1, g.filters);
      cs::Result<cs::ElementTrace> t = cs::trace_scene_element(scene, *run, l, ys[k], xs[k], c);
      if (k == 3) {
        check(!t.ok(), "tracing past the output fails");
        continue;
      }
      check(t.ok(), "every output cell traces");
      (void)cs::explain_text(*t);
      (void)cs::trace_to_json(*t);
      cs::Result<cs::FieldStack> f = cs::receptive_field(scene, l, ys[k], xs[k], c);
      check(f.ok(), "every output cell has a receptive field");
    }
    if (std::int64_t{g.out_h} * g.out_w <= 4096) (void)cs::stride_walk(g);
    (void)cs::keras_line(scene.layers[static_cast<std::size_t>(l)]);
  }
  if (layers > 0) {
    const cs::TensorShape& in = scene.input.shape;
    check(cs::projective_field(scene, layers - 1, in.h - 1, in.w - 1, in.c - 1).ok(),
          "projective field");
  }
  (void)cs::shape_report_text(scene, run->plan);
  (void)cs::shape_report_json(scene, run->plan);
  (void)cs::keras_model_code(scene);
  (void)cs::pytorch_model_code(scene, run->plan);
  (void)cs::model_summary_table(scene, run->plan);
  (void)cs::outputs_to_json(run->outputs);
  return 0;
}
