// train_bench.cpp - native Google Benchmark of training (core/train/fit.h):
// one epoch of the chapter's CNN (Conv2D 32 3x3 relu same, MaxPooling2D 2,
// Conv2D 64, MaxPooling2D 2, Flatten, Dense 100 relu, Dropout 0.4, Dense 10
// softmax) and of the small one (8 and 16 filters, Dense 32) on 28x28x1
// examples, batch 32, Adam, one thread, as convscope-cli train runs it.
// Inputs are seeded noise in [0, 1]: the speed does not depend on the values
// beyond ReLU's zeros. items_per_second is examples per second. The
// WebAssembly side is bench/train_web.mjs. CPU time (one thread): on a
// shared machine wall time counts the other processes too.
//   build/native/convscope_bench --benchmark_filter=train_epoch

#include <benchmark/benchmark.h>

#include <string>

#include "core/init.h"
#include "core/scene.h"
#include "core/train/fit.h"

namespace {

std::string cnn(int f1, int f2, int units) {
  return R"({"version": 1, "seed": 1, "input": {"shape": [28, 28, 1]}, "layers": [
    {"type": "Conv2D", "filters": )" + std::to_string(f1) + R"(, "kernel_size": 3, "padding": "same", "activation": "relu"},
    {"type": "MaxPooling2D", "pool_size": 2},
    {"type": "Conv2D", "filters": )" + std::to_string(f2) + R"(, "kernel_size": 3, "padding": "same", "activation": "relu"},
    {"type": "MaxPooling2D", "pool_size": 2},
    {"type": "Flatten"},
    {"type": "Dense", "units": )" + std::to_string(units) + R"(, "activation": "relu"},
    {"type": "Dropout", "rate": 0.4},
    {"type": "Dense", "units": 10, "activation": "softmax"}]})";
}

cs::Dataset noise(int n) {
  cs::Dataset d;
  d.shape = cs::TensorShape{28, 28, 1};
  d.classes = 10;
  cs::Rng32 rng(7);
  d.x.resize(static_cast<std::size_t>(n) * 784);
  for (float& v : d.x) v = rng.uniform();
  for (int i = 0; i < n; ++i) d.y.push_back(static_cast<std::int32_t>(rng.below(10)));
  return d;
}

void train_epoch(benchmark::State& state, int f1, int f2, int units) {
  const int n = static_cast<int>(state.range(0));
  const cs::Dataset data = noise(n);
  const cs::Scene model = *cs::parse_scene(cnn(f1, f2, units));
  cs::FitOptions o;
  o.batch_size = 32;
  o.seed = 1;
  for (auto _ : state) {
    cs::Scene s = model;
    benchmark::DoNotOptimize(cs::fit(&s, data, cs::Dataset{}, o).ok());
  }
  state.SetItemsProcessed(state.iterations() * n);
}

BENCHMARK_CAPTURE(train_epoch, chapter, 32, 64, 100)->Arg(1024)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(train_epoch, small, 8, 16, 32)->Arg(1024)->Unit(benchmark::kMillisecond);

}  // namespace
