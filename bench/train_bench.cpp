// train_bench.cpp - native Google Benchmark of training (core/train/fit.h):
// one epoch of the chapter's CNN (Conv2D 32 3x3 relu same, MaxPooling2D 2,
// Conv2D 64, MaxPooling2D 2, Flatten, Dense 100 relu, Dropout 0.4, Dense 10
// softmax) and of the small one (8 and 16 filters, then Dense 10 softmax:
// models/train/digits-small-cnn.json) on 28x28x1
// examples, batch 32, Adam, one thread, as convscope-cli train runs it.
// Inputs are seeded noise in [0, 1]: the speed does not depend on the values
// beyond ReLU's zeros. items_per_second is examples per second. The
// WebAssembly side is bench/train_web.mjs. CPU time (one thread): on a
// shared machine wall time counts the other processes too.
//   build/native/convscope_bench --benchmark_filter=train_epoch
// forward_one: the chapter's CNN at inference on one digit (the first of
// $CONVSCOPE_DATA, a digits.bin, when set; else noise) through the core's batch
// forward (ModelPass, capacity 1, as predict() runs it); scripts/bench-train.sh
// takes the median of repetitions.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/init.h"
#include "core/scene.h"
#include "core/train/fit.h"
#include "core/train/model_pass.h"
#include "kernels/kernels.h"

namespace {

// units 0: no hidden Dense (and no Dropout), as models/train/digits-small-cnn.json.
std::string cnn(int f1, int f2, int units) {
  const std::string hidden = units == 0 ? std::string() : R"(
    {"type": "Dense", "units": )" + std::to_string(units) + R"(, "activation": "relu"},
    {"type": "Dropout", "rate": 0.4},)";
  return R"({"version": 1, "seed": 1, "input": {"shape": [28, 28, 1]}, "layers": [
    {"type": "Conv2D", "filters": )" + std::to_string(f1) + R"(, "kernel_size": 3, "padding": "same", "activation": "relu"},
    {"type": "MaxPooling2D", "pool_size": 2},
    {"type": "Conv2D", "filters": )" + std::to_string(f2) + R"(, "kernel_size": 3, "padding": "same", "activation": "relu"},
    {"type": "MaxPooling2D", "pool_size": 2},
    {"type": "Flatten"},)" + hidden + R"(
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

// The first digit of a digits.bin (docs/datasets.md: 16-byte header, N labels,
// then the pixels), as k / 255; noise when the file is not there.
std::vector<float> first_digit() {
  std::vector<float> x(784);
  const char* file = std::getenv("CONVSCOPE_DATA");
  unsigned char head[16], px[784];
  std::FILE* f = file ? std::fopen(file, "rb") : nullptr;
  bool ok = false;
  if (f && std::fread(head, 1, 16, f) == 16) {
    const long n = head[8] | head[9] << 8 | head[10] << 16 | static_cast<long>(head[11]) << 24;
    ok = std::fseek(f, 16 + n, SEEK_SET) == 0 && std::fread(px, 1, 784, f) == 784;
  }
  if (f) std::fclose(f);
  cs::Rng32 rng(7);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = ok ? static_cast<float>(px[i]) / 255.0f : rng.uniform();
  return x;
}

void forward_one(benchmark::State& state) {
  cs::Scene s = *cs::parse_scene(cnn(32, 64, 100));
  cs::init_missing_weights(&s);
  cs::ModelPass pass = *cs::ModelPass::create(s, 1);
  const std::vector<float> x = first_digit();
  state.SetLabel(cs::kernels_isa_name());
  for (auto _ : state) {
    pass.forward(&s, x.data(), 1, false, 0);
    benchmark::DoNotOptimize(pass.output());
  }
}

BENCHMARK(forward_one)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(train_epoch, chapter, 32, 64, 100)->Arg(1024)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(train_epoch, small, 8, 16, 0)->Arg(1024)->Unit(benchmark::kMillisecond);

}  // namespace
