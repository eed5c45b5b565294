// conv_bench.cpp - native Google Benchmark of the kernels on the workloads of
// scripts/bench.sh: the plain reference, the scalar build, the SSE2 build
// (*__simd on x86-64) and, where the CPU has it, AVX2 + FMA. The WebAssembly
// side of the same table is bench/bench_web.mjs.
//   build/native/convscope_bench [--benchmark_filter=...]
//
// [SECTION] Workloads
// [SECTION] Convolution
// [SECTION] Pooling

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/reference.h"
#include "core/shape.h"
#include "kernels/kernels.h"
#include "kernels/variants.h"

namespace {

// [SECTION] Workloads

struct ConvWorkload {
  const char* name;
  int h, w, c, filters, k, stride;
  cs::PaddingMode padding;
};

constexpr ConvWorkload kConvs[] = {
    {"28x28x1_f10_3x3_same", 28, 28, 1, 10, 3, 1, cs::PaddingMode::kSame},
    {"256x256x3_f16_3x3_same", 256, 256, 3, 16, 3, 1, cs::PaddingMode::kSame},
    {"512x512x1_f8_5x5_valid_s2", 512, 512, 1, 8, 5, 2, cs::PaddingMode::kValid},
};

cs::Geometry2D conv_geometry(const ConvWorkload& wl) {
  cs::Geometry2D g;
  g.in_h = wl.h;
  g.in_w = wl.w;
  g.in_c = wl.c;
  g.filters = wl.filters;
  g.kh = g.kw = wl.k;
  g.sh = g.sw = wl.stride;
  return cs::resolve_geometry(g, wl.padding);
}

// Deterministic values in [-1, 1).
std::vector<float> values(std::size_t n, std::uint32_t seed) {
  std::vector<float> v(n);
  for (float& x : v) {
    seed = seed * 1664525u + 1013904223u;
    x = static_cast<float>(seed) / 2147483648.0f - 1.0f;
  }
  return v;
}

// [SECTION] Convolution

using ConvFn = void (*)(const cs::Geometry2D&, const float*, const float*,
                        const float*, cs::Activation, float*, float*);

void run_conv(benchmark::State& state, const ConvWorkload& wl, ConvFn fn) {
  const cs::Geometry2D g = conv_geometry(wl);
  const std::vector<float> in =
      values(static_cast<std::size_t>(g.in_h) * g.in_w * g.in_c, 1);
  const std::vector<float> kernel =
      values(static_cast<std::size_t>(g.kh) * g.kw * g.in_c * g.filters, 2);
  std::vector<float> out(static_cast<std::size_t>(g.out_h) * g.out_w * g.filters);
  for (auto _ : state) {
    fn(g, in.data(), kernel.data(), nullptr, cs::Activation::kLinear, nullptr,
       out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  const double macs = static_cast<double>(
      cs::conv_macs(g.out_h, g.out_w, g.kh, g.kw, g.in_c, g.filters));
  // Reported per second and scaled by 1000s: "12.8G" is 12.8 GFLOP/s.
  state.counters["FLOP/s"] = benchmark::Counter(
      2.0 * macs, benchmark::Counter::kIsIterationInvariantRate);
}

// [SECTION] Pooling

using PoolFn = void (*)(const cs::Geometry2D&, cs::PoolKind, bool,
                        const float*, float*);

void run_pool(benchmark::State& state, PoolFn fn) {
  cs::Geometry2D g;
  g.in_h = g.in_w = 256;
  g.in_c = g.filters = 16;
  g.kh = g.kw = g.sh = g.sw = 2;
  g = cs::resolve_geometry(g, cs::PaddingMode::kValid);
  const std::vector<float> in =
      values(static_cast<std::size_t>(g.in_h) * g.in_w * g.in_c, 1);
  std::vector<float> out(static_cast<std::size_t>(g.out_h) * g.out_w * g.filters);
  for (auto _ : state) {
    fn(g, cs::PoolKind::kMax, false, in.data(), out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(in.size() * sizeof(float)));
}

// Registered at start-up so the AVX2 rows appear only on CPUs that run them.
int register_all() {
  struct Variant {
    const char* name;
    ConvFn conv;
    PoolFn pool;
  };
  std::vector<Variant> variants = {
      {"reference", &cs::ref::conv2d, &cs::ref::pool2d},
      {"scalar", &cs::conv2d_f32__scalar, &cs::pool2d_f32__scalar},
      {cs::kernels_simd_isa(), &cs::conv2d_f32__simd, &cs::pool2d_f32__simd},
  };
#if CS_KERNELS_HAVE_AVX2
  if (cs::kernels_cpu_has_avx2()) {
    variants.push_back({"avx2", &cs::conv2d_f32__avx2, &cs::pool2d_f32__avx2});
  }
#endif
  for (const ConvWorkload& wl : kConvs) {
    for (const Variant& v : variants) {
      benchmark::RegisterBenchmark(
          (std::string("conv2d/") + wl.name + "/" + v.name).c_str(),
          [&wl, fn = v.conv](benchmark::State& s) { run_conv(s, wl, fn); })
          ->Unit(benchmark::kMillisecond);
    }
  }
  for (const Variant& v : variants) {
    benchmark::RegisterBenchmark(
        (std::string("maxpool2d/256x256x16_2x2/") + v.name).c_str(),
        [fn = v.pool](benchmark::State& s) { run_pool(s, fn); })
        ->Unit(benchmark::kMillisecond);
  }
  return 0;
}

[[maybe_unused]] const int kRegistered = register_all();

}  // namespace

BENCHMARK_MAIN();
