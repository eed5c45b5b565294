// conv_bench.cpp - native Google Benchmark of every kernel: the plain
// reference (forward only), the scalar build, the SSE2 build (*__simd on
// x86-64) and, where the CPU has it, AVX2 + FMA, which is what the plain
// entry points dispatch to there. Forward workloads are those of
// scripts/bench.sh and of issue 14's named sweep cases; the learning
// kernels run on the chapter's CNN. The WebAssembly side is
// bench/bench_web.mjs and bench/sweep_web.mjs.
//   build/native/convscope_bench [--benchmark_filter=...]
//
// [SECTION] Data and variants
// [SECTION] Convolution
// [SECTION] Pooling
// [SECTION] Dense and the matrix product
// [SECTION] Backward passes
// [SECTION] The two convolution paths
// [SECTION] Registration

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/reference.h"
#include "core/shape.h"
#include "kernels/kernels.h"
#include "kernels/variants.h"

namespace {

// [SECTION] Data and variants

// Deterministic values in [-1, 1).
std::vector<float> values(std::size_t n, std::uint32_t seed) {
  std::vector<float> v(n);
  for (float& x : v) {
    seed = seed * 1664525u + 1013904223u;
    x = static_cast<float>(seed) / 2147483648.0f - 1.0f;
  }
  return v;
}

std::size_t in_size(const cs::Geometry2D& g) {
  return static_cast<std::size_t>(g.in_h) * g.in_w * g.in_c;
}
std::size_t out_size(const cs::Geometry2D& g, int channels) {
  return static_cast<std::size_t>(g.out_h) * g.out_w * channels;
}

struct Variant {
  std::string name;
  decltype(&cs::conv2d_f32) conv;
  decltype(&cs::pool2d_f32) pool;
  decltype(&cs::dense_f32) dense;
  decltype(&cs::gemm_f32) gemm;
  decltype(&cs::conv2d_backward_input_f32) conv_input;
  decltype(&cs::conv2d_backward_filter_f32) conv_filter;
  decltype(&cs::pool2d_backward_f32) pool_backward;
};

std::vector<Variant> kernel_variants() {
  std::vector<Variant> v = {
      {"scalar", &cs::conv2d_f32__scalar, &cs::pool2d_f32__scalar, &cs::dense_f32__scalar,
       &cs::gemm_f32__scalar, &cs::conv2d_backward_input_f32__scalar,
       &cs::conv2d_backward_filter_f32__scalar, &cs::pool2d_backward_f32__scalar},
      {cs::kernels_simd_isa(), &cs::conv2d_f32__simd, &cs::pool2d_f32__simd, &cs::dense_f32__simd,
       &cs::gemm_f32__simd, &cs::conv2d_backward_input_f32__simd,
       &cs::conv2d_backward_filter_f32__simd, &cs::pool2d_backward_f32__simd},
  };
#if CS_KERNELS_HAVE_AVX2
  if (cs::kernels_cpu_has_avx2()) {
    v.push_back({"avx2", &cs::conv2d_f32__avx2, &cs::pool2d_f32__avx2, &cs::dense_f32__avx2,
                 &cs::gemm_f32__avx2, &cs::conv2d_backward_input_f32__avx2,
                 &cs::conv2d_backward_filter_f32__avx2, &cs::pool2d_backward_f32__avx2});
  }
#endif
  return v;
}

// Reported per second and scaled by 1000s: "12.8G" is 12.8 GFLOP/s.
void count_flops(benchmark::State& state, double flops) {
  state.counters["FLOP/s"] =
      benchmark::Counter(flops, benchmark::Counter::kIsIterationInvariantRate);
}

// [SECTION] Convolution

struct ConvWorkload {
  const char* name;
  int h, w, c, filters, k, stride;
  cs::PaddingMode padding;
};

constexpr ConvWorkload kConvs[] = {
    {"28x28x1_f10_3x3_same", 28, 28, 1, 10, 3, 1, cs::PaddingMode::kSame},
    {"256x256x3_f16_3x3_same", 256, 256, 3, 16, 3, 1, cs::PaddingMode::kSame},
    {"512x512x1_f8_5x5_valid_s2", 512, 512, 1, 8, 5, 2, cs::PaddingMode::kValid},
    {"512x512x3_f16_3x3_same", 512, 512, 3, 16, 3, 1, cs::PaddingMode::kSame},
    {"14x14x32_f64_3x3_same", 14, 14, 32, 64, 3, 1, cs::PaddingMode::kSame},
    {"28x28x1_f32_3x3_same", 28, 28, 1, 32, 3, 1, cs::PaddingMode::kSame},
    {"28x28x1_f10_5x5_same", 28, 28, 1, 10, 5, 1, cs::PaddingMode::kSame},
    {"224x224x3_f12_3x3_same", 224, 224, 3, 12, 3, 1, cs::PaddingMode::kSame},
    {"200x300x2_f6_3x3_same_s2", 200, 300, 2, 6, 3, 2, cs::PaddingMode::kSame},
    {"56x56x64_f32_1x1", 56, 56, 64, 32, 1, 1, cs::PaddingMode::kValid},
    {"130x135x48_f1_3x3_same", 130, 135, 48, 1, 3, 1, cs::PaddingMode::kSame},
    {"142x258x60_f5_7x7_same_s3", 142, 258, 60, 5, 7, 3, cs::PaddingMode::kSame},
};

cs::Geometry2D conv_geometry(const ConvWorkload& wl) {
  cs::Geometry2D g;
  g.in_h = wl.h, g.in_w = wl.w, g.in_c = wl.c, g.filters = wl.filters;
  g.kh = g.kw = wl.k;
  g.sh = g.sw = wl.stride;
  return cs::resolve_geometry(g, wl.padding);
}

double conv_flops(const cs::Geometry2D& g) {
  return 2.0 * static_cast<double>(cs::conv_macs(g.out_h, g.out_w, g.kh, g.kw, g.in_c, g.filters));
}

void run_conv(benchmark::State& state, const ConvWorkload& wl, decltype(&cs::conv2d_f32) fn) {
  const cs::Geometry2D g = conv_geometry(wl);
  const std::vector<float> in = values(in_size(g), 1);
  const std::vector<float> kernel =
      values(static_cast<std::size_t>(g.kh) * g.kw * g.in_c * g.filters, 2);
  std::vector<float> out(out_size(g, g.filters));
  for (auto _ : state) {
    fn(g, in.data(), kernel.data(), nullptr, cs::Activation::kLinear, nullptr, out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  count_flops(state, conv_flops(g));
}

// [SECTION] Pooling

struct PoolWorkload {
  const char* name;
  int h, w, c, k, stride;
  cs::PaddingMode padding;
};

constexpr PoolWorkload kPools[] = {
    {"256x256x16_2x2", 256, 256, 16, 2, 2, cs::PaddingMode::kValid},
    {"512x512x16_2x2", 512, 512, 16, 2, 2, cs::PaddingMode::kValid},
    {"112x112x16_3x3_s2_same", 112, 112, 16, 3, 2, cs::PaddingMode::kSame},
    {"128x128x3_4x4", 128, 128, 3, 4, 4, cs::PaddingMode::kValid},
    {"64x48x1_2x2_s1", 64, 48, 1, 2, 1, cs::PaddingMode::kValid},
};

cs::Geometry2D pool_geometry(const PoolWorkload& wl) {
  cs::Geometry2D g;
  g.in_h = wl.h, g.in_w = wl.w, g.in_c = g.filters = wl.c;
  g.kh = g.kw = wl.k;
  g.sh = g.sw = wl.stride;
  return cs::resolve_geometry(g, wl.padding);
}

void run_pool(benchmark::State& state, const PoolWorkload& wl, decltype(&cs::pool2d_f32) fn) {
  const cs::Geometry2D g = pool_geometry(wl);
  const std::vector<float> in = values(in_size(g), 1);
  std::vector<float> out(out_size(g, g.in_c));
  for (auto _ : state) {
    fn(g, cs::PoolKind::kMax, false, in.data(), out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(in.size() * sizeof(float)));
}

// [SECTION] Dense and the matrix product

struct DenseWorkload {
  const char* name;
  int batch, in, units;
};

constexpr DenseWorkload kDenses[] = {
    {"1x3136_u100", 1, 3136, 100},
    {"1x784_u128", 1, 784, 128},
    {"32x3136_u100", 32, 3136, 100},
    {"32x784_u128", 32, 784, 128},
};

void run_dense(benchmark::State& state, const DenseWorkload& wl, decltype(&cs::dense_f32) fn) {
  const std::vector<float> x = values(static_cast<std::size_t>(wl.batch) * wl.in, 1);
  const std::vector<float> k = values(static_cast<std::size_t>(wl.in) * wl.units, 2);
  std::vector<float> out(static_cast<std::size_t>(wl.batch) * wl.units);
  for (auto _ : state) {
    fn(wl.batch, wl.in, wl.units, x.data(), k.data(), nullptr, cs::Activation::kLinear, nullptr,
       out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  count_flops(state, 2.0 * wl.batch * wl.in * wl.units);
}

// Dense's backward products: dX = dY K^T (NT) and dK = X^T dY (TN).
void run_gemm(benchmark::State& state, const DenseWorkload& wl, bool input_grad,
              decltype(&cs::gemm_f32) fn) {
  const std::vector<float> x = values(static_cast<std::size_t>(wl.batch) * wl.in, 1);
  const std::vector<float> k = values(static_cast<std::size_t>(wl.in) * wl.units, 2);
  const std::vector<float> dy = values(static_cast<std::size_t>(wl.batch) * wl.units, 3);
  std::vector<float> out(input_grad ? x.size() : k.size());
  for (auto _ : state) {
    if (input_grad) {
      fn(false, true, wl.batch, wl.in, wl.units, dy.data(), wl.units, k.data(), wl.units, false,
         out.data(), wl.in);
    } else {
      fn(true, false, wl.in, wl.units, wl.batch, x.data(), wl.in, dy.data(), wl.units, false,
         out.data(), wl.units);
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  count_flops(state, 2.0 * wl.batch * wl.in * wl.units);
}

// [SECTION] Backward passes

// The chapter's CNN: conv 28x28x1 -> 32, conv 14x14x32 -> 64 (3x3 same).
constexpr ConvWorkload kBackwardConvs[] = {
    {"28x28x1_f32_3x3_same", 28, 28, 1, 32, 3, 1, cs::PaddingMode::kSame},
    {"14x14x32_f64_3x3_same", 14, 14, 32, 64, 3, 1, cs::PaddingMode::kSame},
};

void run_conv_backward(benchmark::State& state, const ConvWorkload& wl, const Variant& v,
                       bool input_grad) {
  const cs::Geometry2D g = conv_geometry(wl);
  const std::vector<float> in = values(in_size(g), 1);
  const std::vector<float> kernel =
      values(static_cast<std::size_t>(g.kh) * g.kw * g.in_c * g.filters, 2);
  const std::vector<float> grad_out = values(out_size(g, g.filters), 3);
  std::vector<float> grad_in(in.size()), grad_k(kernel.size()),
      grad_b(static_cast<std::size_t>(g.filters));
  for (auto _ : state) {
    if (input_grad) {
      v.conv_input(g, grad_out.data(), kernel.data(), grad_in.data());
    } else {
      v.conv_filter(g, in.data(), grad_out.data(), grad_k.data(), grad_b.data(), false);
    }
    benchmark::ClobberMemory();
  }
  count_flops(state, conv_flops(g));
}

void run_pool_backward(benchmark::State& state, decltype(&cs::pool2d_backward_f32) fn) {
  const cs::Geometry2D g = pool_geometry({"", 28, 28, 32, 2, 2, cs::PaddingMode::kValid});
  const std::vector<float> in = values(in_size(g), 1);
  const std::vector<float> grad_out = values(out_size(g, g.in_c), 2);
  std::vector<float> grad_in(in.size());
  for (auto _ : state) {
    fn(g, cs::PoolKind::kMax, false, in.data(), grad_out.data(), grad_in.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(in.size() * sizeof(float)));
}

// [SECTION] The two convolution paths

// The grid bench/conv_paths.mjs measures in WebAssembly, natively: 48x48,
// same, stride 1, each path alone. Run with --benchmark_filter=conv2d_paths
// (scripts/bench.sh leaves them out of the default table).
constexpr int kPathFilters[] = {1, 2, 3, 4, 5, 6, 8, 12};
constexpr int kPathWindows[][2] = {{1, 3},  {3, 3},  {4, 3},  {8, 3},
                                   {16, 3}, {32, 3}, {64, 3}, {64, 1}};

void register_paths(const std::vector<Variant>& variants) {
  struct Path {
    const char* name;
    decltype(&cs::conv2d_f32) fn;
  };
  std::vector<std::pair<std::string, Path>> paths = {
      {cs::kernels_simd_isa(), {"filters", &cs::conv2d_f32_filters__simd}},
      {cs::kernels_simd_isa(), {"rows", &cs::conv2d_f32_rows__simd}},
  };
#if CS_KERNELS_HAVE_AVX2
  if (variants.size() > 2) {
    paths.push_back({"avx2", {"filters", &cs::conv2d_f32_filters__avx2}});
    paths.push_back({"avx2", {"rows", &cs::conv2d_f32_rows__avx2}});
  }
#endif
  for (const auto& window : kPathWindows) {
    for (int f : kPathFilters) {
      for (const auto& [isa, path] : paths) {
        const ConvWorkload wl{"", 48, 48, window[0], f, window[1], 1, cs::PaddingMode::kSame};
        const std::string name = "conv2d_paths/C" + std::to_string(window[0]) + "_k" +
                                 std::to_string(window[1]) + "_f" + std::to_string(f) + "/" + isa +
                                 "_" + path.name;
        benchmark::RegisterBenchmark(name.c_str(), [wl, fn = path.fn](benchmark::State& s) {
          run_conv(s, wl, fn);
        })->Unit(benchmark::kMicrosecond);
      }
    }
  }
}

// [SECTION] Registration

// Registered at start-up so the AVX2 rows appear only on CPUs that run them.
int register_all() {
  static const std::vector<Variant> variants = kernel_variants();
  auto add = [](const std::string& name, auto fn) {
    benchmark::RegisterBenchmark(name.c_str(), fn)->Unit(benchmark::kMillisecond);
  };
  for (const ConvWorkload& wl : kConvs) {
    add(std::string("conv2d/") + wl.name + "/reference",
        [&wl](benchmark::State& s) { run_conv(s, wl, &cs::ref::conv2d); });
    for (const Variant& v : variants) {
      add(std::string("conv2d/") + wl.name + "/" + v.name,
          [&wl, &v](benchmark::State& s) { run_conv(s, wl, v.conv); });
    }
  }
  for (const PoolWorkload& wl : kPools) {
    add(std::string("maxpool2d/") + wl.name + "/reference",
        [&wl](benchmark::State& s) { run_pool(s, wl, &cs::ref::pool2d); });
    for (const Variant& v : variants) {
      add(std::string("maxpool2d/") + wl.name + "/" + v.name,
          [&wl, &v](benchmark::State& s) { run_pool(s, wl, v.pool); });
    }
  }
  for (const DenseWorkload& wl : kDenses) {
    for (const Variant& v : variants) {
      add(std::string("dense/") + wl.name + "/" + v.name,
          [&wl, &v](benchmark::State& s) { run_dense(s, wl, v.dense); });
      add(std::string("dense_dx/") + wl.name + "/" + v.name,
          [&wl, &v](benchmark::State& s) { run_gemm(s, wl, true, v.gemm); });
      add(std::string("dense_dk/") + wl.name + "/" + v.name,
          [&wl, &v](benchmark::State& s) { run_gemm(s, wl, false, v.gemm); });
    }
  }
  for (const ConvWorkload& wl : kBackwardConvs) {
    for (const Variant& v : variants) {
      add(std::string("conv2d_dx/") + wl.name + "/" + v.name,
          [&wl, &v](benchmark::State& s) { run_conv_backward(s, wl, v, true); });
      add(std::string("conv2d_dk/") + wl.name + "/" + v.name,
          [&wl, &v](benchmark::State& s) { run_conv_backward(s, wl, v, false); });
    }
  }
  for (const Variant& v : variants) {
    add("maxpool2d_dx/28x28x32_2x2/" + v.name,
        [&v](benchmark::State& s) { run_pool_backward(s, v.pool_backward); });
  }
  register_paths(variants);
  return 0;
}

[[maybe_unused]] const int kRegistered = register_all();

}  // namespace

BENCHMARK_MAIN();
