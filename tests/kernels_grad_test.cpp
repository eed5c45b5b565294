// kernels_grad_test.cpp - the backward passes of convolution and pooling:
// every compiled variant (scalar, simd, avx2 where the CPU has it, and the
// dispatcher) against cs::ref in seeded sweeps named in conv-arithmetic
// vocabulary, the reference against numbers by hand, and the references
// against central finite differences of ref::conv2d / ref::pool2d. Runs
// natively and as WebAssembly under Node.
//
// Index
// [SECTION] Variants, geometries
// [SECTION] By hand
// [SECTION] Convolution backward sweep
// [SECTION] Pooling backward sweep
// [SECTION] Max pooling: ties, NaN, infinity
// [SECTION] The references are the gradients of the forward

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <ostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/reference.h"
#include "core/reference_grad.h"
#include "core/shape.h"
#include "kernel_checks.h"
#include "kernels/kernels.h"
#include "kernels/variants.h"

namespace cs {
namespace {

using checks::CellChecker;
using checks::Guarded;
using checks::random_values;
using checks::sum_tolerance;

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// [SECTION] Variants, geometries

struct GradVariant {
  const char* name;
  decltype(&conv2d_backward_input_f32) input;
  decltype(&conv2d_backward_filter_f32) filter;
  decltype(&pool2d_backward_f32) pool;
};

std::vector<GradVariant> variants() {
  std::vector<GradVariant> v = {
      {"scalar", &conv2d_backward_input_f32__scalar, &conv2d_backward_filter_f32__scalar,
       &pool2d_backward_f32__scalar},
      {"simd", &conv2d_backward_input_f32__simd, &conv2d_backward_filter_f32__simd,
       &pool2d_backward_f32__simd},
  };
#if CS_KERNELS_HAVE_AVX2
  if (kernels_cpu_has_avx2()) {
    v.push_back({"avx2", &conv2d_backward_input_f32__avx2, &conv2d_backward_filter_f32__avx2,
                 &pool2d_backward_f32__avx2});
  }
#endif
  v.push_back(
      {"dispatch", &conv2d_backward_input_f32, &conv2d_backward_filter_f32, &pool2d_backward_f32});
  return v;
}

std::size_t in_count(const Geometry2D& g) {
  return static_cast<std::size_t>(g.in_h) * g.in_w * g.in_c;
}
std::size_t out_count(const Geometry2D& g, int channels) {
  return static_cast<std::size_t>(g.out_h) * g.out_w * channels;
}
std::size_t kernel_count(const Geometry2D& g) {
  return static_cast<std::size_t>(g.kh) * g.kw * g.in_c * g.filters;
}

// One row of conv_arithmetic's catalogue (Dumoulin & Visin), plus the TF
// 'same' cases that break naive padding code.
struct Shape {
  const char* name;
  int kh, kw, sh, sw, dh, dw;
  PaddingMode mode;
  PadSplit pad_y, pad_x;  // kExplicit only
};

Geometry2D geometry(const Shape& s, int h, int w, int c, int f) {
  Geometry2D g;
  g.in_h = h, g.in_w = w, g.in_c = c, g.filters = f;
  g.kh = s.kh, g.kw = s.kw, g.sh = s.sh, g.sw = s.sw, g.dh = s.dh, g.dw = s.dw;
  g.pad_top = s.pad_y.before, g.pad_bottom = s.pad_y.after;
  g.pad_left = s.pad_x.before, g.pad_right = s.pad_x.after;
  return resolve_geometry(g, s.mode);
}

const Shape kConvShapes[] = {
    {"no padding, no strides", 3, 3, 1, 1, 1, 1, PaddingMode::kValid, {}, {}},
    {"arbitrary padding, no strides", 4, 3, 1, 1, 1, 1, PaddingMode::kExplicit, {2, 1}, {2, 2}},
    {"half (same) padding", 3, 3, 1, 1, 1, 1, PaddingMode::kSame, {}, {}},
    {"half (same) padding, 5x5", 5, 5, 1, 1, 1, 1, PaddingMode::kSame, {}, {}},
    {"full padding", 3, 3, 1, 1, 1, 1, PaddingMode::kFull, {}, {}},
    {"padding k-1, 2x2", 2, 2, 1, 1, 1, 1, PaddingMode::kExplicit, {1, 1}, {1, 1}},
    {"no padding, strides", 3, 3, 2, 2, 1, 1, PaddingMode::kValid, {}, {}},
    {"padding, strides (odd)", 3, 3, 2, 2, 1, 1, PaddingMode::kExplicit, {1, 1}, {1, 1}},
    {"TF same padding, strides 2", 3, 3, 2, 2, 1, 1, PaddingMode::kSame, {}, {}},
    {"TF same padding, strides 2, 2x2", 2, 2, 2, 2, 1, 1, PaddingMode::kSame, {}, {}},
    {"TF same padding, strides 3, 4x4", 4, 4, 3, 3, 1, 1, PaddingMode::kSame, {}, {}},
    {"no padding, strides 3, 5x5", 5, 5, 3, 3, 1, 1, PaddingMode::kValid, {}, {}},
    {"dilation 2, no padding", 3, 3, 1, 1, 2, 2, PaddingMode::kValid, {}, {}},
    {"dilation 2, half (same) padding", 3, 3, 1, 1, 2, 2, PaddingMode::kSame, {}, {}},
    {"dilation 2, strides 2, full padding", 2, 3, 2, 2, 2, 2, PaddingMode::kFull, {}, {}},
    {"dilation 2, strides 3", 3, 3, 3, 3, 2, 2, PaddingMode::kSame, {}, {}},
    {"1x1 kernel, strides 2", 1, 1, 2, 2, 1, 1, PaddingMode::kValid, {}, {}},
    {"1x5 kernel, half (same) padding", 1, 5, 1, 1, 1, 1, PaddingMode::kSame, {}, {}},
    {"3x2 kernel, strides (1,3), dilation (2,1)", 3, 2, 1, 3, 2, 1, PaddingMode::kSame, {}, {}},
    {"padding past the window", 2, 2, 1, 2, 1, 1, PaddingMode::kExplicit, {3, 0}, {0, 3}},
};

// Sizes below, at and above 4 and 8 lanes and the register tiles, odd and
// even (strides 2 leave a cell uncovered on one parity only).
const int kSizes[][2] = {{1, 1}, {4, 4}, {5, 5}, {6, 7}, {3, 9}, {8, 13}, {9, 17}, {7, 33}};
// (channels, filters): channels 1..8, filters 1..17, below / at / above
// 4, 8, 12 and 16 lanes on either side.
const int kChannelsFilters[][2] = {{1, 1}, {1, 4},  {3, 8}, {2, 10}, {5, 3}, {8, 16},
                                   {4, 7}, {1, 12}, {7, 9}, {3, 17}, {6, 1}, {8, 5}};

// [SECTION] By hand

TEST(GradByHand, ConvBackwardOfOneHotOutput) {
  // 3x3 input, 2x2 kernel [[1, 2], [3, 4]], valid: output 2x2. A gradient of
  // 1 at output (0, 1) sends the kernel to input cells (0..1, 1..2), and
  // dL/dK = the input window at (0, 1): ramp values [[1, 2], [4, 5]].
  Geometry2D g;
  g.in_h = g.in_w = 3, g.in_c = g.filters = 1, g.kh = g.kw = 2;
  g = resolve_geometry(g, PaddingMode::kValid);
  const std::vector<float> in = {0, 1, 2, 3, 4, 5, 6, 7, 8}, k = {1, 2, 3, 4};
  const std::vector<float> grad_out = {0, 1, 0, 0};
  const std::vector<float> want_in = {0, 1, 2, 0, 3, 4, 0, 0, 0}, want_k = {1, 2, 4, 5};
  std::vector<float> got_in(9), got_k(4), got_b(1);
  ref::conv2d_backward_input(g, grad_out.data(), k.data(), got_in.data());
  ref::conv2d_backward_filter(g, in.data(), grad_out.data(), got_k.data(), got_b.data(), false);
  EXPECT_EQ(got_in, want_in);
  EXPECT_EQ(got_k, want_k);
  EXPECT_EQ(got_b[0], 1.0f);
  for (const GradVariant& v : variants()) {
    v.input(g, grad_out.data(), k.data(), got_in.data());
    v.filter(g, in.data(), grad_out.data(), got_k.data(), got_b.data(), false);
    EXPECT_EQ(got_in, want_in) << v.name;
    EXPECT_EQ(got_k, want_k) << v.name;
    EXPECT_EQ(got_b[0], 1.0f) << v.name;
    // Accumulating a second sample doubles it.
    v.filter(g, in.data(), grad_out.data(), got_k.data(), got_b.data(), true);
    EXPECT_EQ(got_k, (std::vector<float>{2, 4, 8, 10})) << v.name;
    EXPECT_EQ(got_b[0], 2.0f) << v.name;
  }
}

TEST(GradByHand, TfSameStrides2PaddingSendsNothing) {
  // 4x4 input, 3x3 box, TF same with stride 2: pads bottom/right by 1
  // (out 2x2). All-ones gradient: each input cell gets the number of
  // windows that read it; the padding row/column gets nothing anywhere.
  Geometry2D g;
  g.in_h = g.in_w = 4, g.in_c = g.filters = 1, g.kh = g.kw = 3, g.sh = g.sw = 2;
  g = resolve_geometry(g, PaddingMode::kSame);
  ASSERT_EQ(g.pad_top, 0);
  ASSERT_EQ(g.pad_bottom, 1);
  const std::vector<float> k(9, 1.0f), grad_out(4, 1.0f);
  // Rows 0, 1 are read by window row 0; row 2 by both; row 3 by row 1.
  const std::vector<float> want = {1, 1, 2, 1, 1, 1, 2, 1, 2, 2, 4, 2, 1, 1, 2, 1};
  std::vector<float> got(16);
  ref::conv2d_backward_input(g, grad_out.data(), k.data(), got.data());
  EXPECT_EQ(got, want);
  for (const GradVariant& v : variants()) {
    std::fill(got.begin(), got.end(), checks::kUnwritten);
    v.input(g, grad_out.data(), k.data(), got.data());
    EXPECT_EQ(got, want) << v.name;
  }
}

TEST(GradByHand, PoolingBackward) {
  // 4x4 of 1..16 with a tie: 2x2 max pooling, stride 2. The first window
  // becomes {1, 5, 5, 2}: its max 5 twice, the first (row-major) takes it.
  Geometry2D g;
  g.in_h = g.in_w = 4, g.in_c = g.filters = 1, g.kh = g.kw = 2, g.sh = g.sw = 2;
  g = resolve_geometry(g, PaddingMode::kValid);
  std::vector<float> in(16);
  std::iota(in.begin(), in.end(), 1.0f);
  in[1] = 5.0f;  // (0, 1) = 5 = (1, 0)
  in[5] = 2.0f;
  const std::vector<float> grad_out = {10, 20, 30, 40};
  const std::vector<float> want_max = {0, 10, 0, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 30, 0, 40};
  // Average: each cell gets a quarter of its window's gradient.
  const std::vector<float> want_avg = {2.5f, 2.5f, 5,  5,  2.5f, 2.5f, 5,  5,
                                       7.5f, 7.5f, 10, 10, 7.5f, 7.5f, 10, 10};
  std::vector<float> got(16);
  ref::pool2d_backward(g, PoolKind::kMax, false, in.data(), grad_out.data(), got.data());
  EXPECT_EQ(got, want_max);
  ref::pool2d_backward(g, PoolKind::kAverage, false, in.data(), grad_out.data(), got.data());
  EXPECT_EQ(got, want_avg);
  for (const GradVariant& v : variants()) {
    v.pool(g, PoolKind::kMax, false, in.data(), grad_out.data(), got.data());
    EXPECT_EQ(got, want_max) << v.name;
    v.pool(g, PoolKind::kAverage, false, in.data(), grad_out.data(), got.data());
    EXPECT_EQ(got, want_avg) << v.name;
  }
}

TEST(GradByHand, AveragePoolingSamePaddingCountModes) {
  // 3x3 window, same padding, on 3x3: the corner window has 4 real cells
  // (Keras divides by 4) of 9 (count_include_pad divides by 9). A gradient
  // of 36 at output (0, 0) only: 9 or 4 to each of the four cells.
  Geometry2D g;
  g.in_h = g.in_w = 3, g.in_c = g.filters = 1, g.kh = g.kw = 3;
  g = resolve_geometry(g, PaddingMode::kSame);
  const std::vector<float> in(9, 0.0f);
  std::vector<float> grad_out(9, 0.0f);
  grad_out[0] = 36;
  for (bool include_pad : {false, true}) {
    const float share = include_pad ? 4 : 9;
    const std::vector<float> want = {share, share, 0, share, share, 0, 0, 0, 0};
    std::vector<float> got(9);
    ref::pool2d_backward(g, PoolKind::kAverage, include_pad, in.data(), grad_out.data(),
                         got.data());
    EXPECT_EQ(got, want);
    for (const GradVariant& v : variants()) {
      v.pool(g, PoolKind::kAverage, include_pad, in.data(), grad_out.data(), got.data());
      EXPECT_EQ(got, want) << v.name;
    }
  }
}

// [SECTION] Convolution backward sweep

struct ConvGradCase {
  std::string name;
  Geometry2D g;
  bool bias = true;
  bool accumulate = false;
  std::uint32_t seed = 0;
};

// grad_in: each cell sums up to kh*kw*filters products; grad_kernel: each
// weight sums out_h*out_w products (plus the starting value when
// accumulating); grad_bias: out_h*out_w values. sum_tolerance on the
// reference run with |.| of everything.
void expect_conv_grad_matches_reference(const ConvGradCase& cc) {
  const Geometry2D& g = cc.g;
  SCOPED_TRACE("seed " + std::to_string(cc.seed) + ", " + checks::describe(g) +
               (cc.accumulate ? ", accumulate" : ""));
  std::mt19937 gen(cc.seed);
  const auto in = random_values(in_count(g), gen);
  const auto kernel = random_values(kernel_count(g), gen);
  const auto grad_out = random_values(out_count(g, g.filters), gen);
  const auto k_start = random_values(kernel_count(g), gen);
  const auto b_start = random_values(static_cast<std::size_t>(g.filters), gen);
  const auto a_in = checks::absolute(in), a_kernel = checks::absolute(kernel);
  const auto a_grad = checks::absolute(grad_out);

  std::vector<float> want_in(in_count(g)), mag_in(in_count(g));
  ref::conv2d_backward_input(g, grad_out.data(), kernel.data(), want_in.data());
  ref::conv2d_backward_input(g, a_grad.data(), a_kernel.data(), mag_in.data());
  std::vector<float> want_k = k_start, want_b = b_start;
  std::vector<float> mag_k = checks::absolute(k_start), mag_b = checks::absolute(b_start);
  ref::conv2d_backward_filter(g, in.data(), grad_out.data(), want_k.data(), want_b.data(),
                              cc.accumulate);
  ref::conv2d_backward_filter(g, a_in.data(), a_grad.data(), mag_k.data(), mag_b.data(),
                              cc.accumulate);
  const long long in_terms = static_cast<long long>(g.kh) * g.kw * g.filters;
  const long long k_terms = static_cast<long long>(g.out_h) * g.out_w + 1;

  for (const GradVariant& v : variants()) {
    SCOPED_TRACE(v.name);
    Guarded grad_in(in_count(g));
    v.input(g, grad_out.data(), kernel.data(), grad_in.data());
    EXPECT_TRUE(grad_in.guards_intact()) << "wrote outside grad_in";
    CellChecker in_check("grad_in");
    for (std::size_t i = 0; i < want_in.size(); ++i) {
      in_check.check(i, grad_in.at(i), want_in[i], sum_tolerance(in_terms, mag_in[i], want_in[i]));
    }
    Guarded grad_k(k_start), grad_b(b_start);
    v.filter(g, in.data(), grad_out.data(), grad_k.data(), cc.bias ? grad_b.data() : nullptr,
             cc.accumulate);
    EXPECT_TRUE(grad_k.guards_intact()) << "wrote outside grad_kernel";
    EXPECT_TRUE(grad_b.guards_intact()) << "wrote outside grad_bias";
    CellChecker k_check("grad_kernel"), b_check("grad_bias");
    for (std::size_t i = 0; i < want_k.size(); ++i) {
      k_check.check(i, grad_k.at(i), want_k[i], sum_tolerance(k_terms, mag_k[i], want_k[i]));
    }
    for (std::size_t i = 0; i < want_b.size(); ++i) {
      if (cc.bias) {
        b_check.check(i, grad_b.at(i), want_b[i], sum_tolerance(k_terms, mag_b[i], want_b[i]));
      } else {
        b_check.check(i, grad_b.at(i), b_start[i], 0.0);  // null: untouched
      }
    }
  }
}

std::vector<ConvGradCase> conv_grad_catalogue() {
  std::vector<ConvGradCase> cases;
  std::uint32_t n = 0;
  for (const Shape& s : kConvShapes) {
    for (const auto& hw : kSizes) {
      for (const auto& cf : kChannelsFilters) {
        ConvGradCase cc;
        cc.g = geometry(s, hw[0], hw[1], cf[0], cf[1]);
        if (cc.g.out_h <= 0 || cc.g.out_w <= 0) continue;
        cc.bias = n % 3 != 0;
        cc.accumulate = n % 2 == 1;
        cc.seed = 20000 + n++;
        std::ostringstream name;
        name << s.name << " " << hw[0] << "x" << hw[1] << "x" << cf[0] << " f" << cf[1];
        cc.name = checks::test_name(name.str(), cases.size());
        cases.push_back(cc);
      }
    }
  }
  return cases;
}

// Random geometries: whatever the catalogue forgot.
std::vector<ConvGradCase> conv_grad_random() {
  std::vector<ConvGradCase> cases;
  std::mt19937 pick(20261201u);
  auto in_range = [&pick](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(pick);
  };
  while (cases.size() < 300) {
    Geometry2D g;
    g.in_h = in_range(1, 20), g.in_w = in_range(1, 40);
    g.in_c = in_range(1, 8), g.filters = in_range(1, 17);
    g.kh = in_range(1, 5), g.kw = in_range(1, 5);
    g.sh = in_range(1, 3), g.sw = in_range(1, 3);
    g.dh = in_range(1, 2), g.dw = in_range(1, 2);
    g.pad_top = in_range(0, 4), g.pad_bottom = in_range(0, 4);
    g.pad_left = in_range(0, 4), g.pad_right = in_range(0, 4);
    g = resolve_geometry(g, static_cast<PaddingMode>(in_range(0, 3)));
    if (g.out_h <= 0 || g.out_w <= 0) continue;
    ConvGradCase cc;
    cc.g = g;
    cc.bias = in_range(0, 1) == 1;
    cc.accumulate = in_range(0, 1) == 1;
    cc.seed = static_cast<std::uint32_t>(30000 + cases.size());
    cc.name = checks::test_name("random", cases.size());
    cases.push_back(cc);
  }
  return cases;
}

// Failures name the case, not its bytes.
void PrintTo(const ConvGradCase& c, std::ostream* os) { *os << c.name; }

class ConvGradSweep : public testing::TestWithParam<ConvGradCase> {};

TEST_P(ConvGradSweep, MatchesReference) { expect_conv_grad_matches_reference(GetParam()); }

std::string conv_grad_name(const testing::TestParamInfo<ConvGradCase>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(ConvArithmetic, ConvGradSweep, testing::ValuesIn(conv_grad_catalogue()),
                         conv_grad_name);
INSTANTIATE_TEST_SUITE_P(Random, ConvGradSweep, testing::ValuesIn(conv_grad_random()),
                         conv_grad_name);

TEST(ConvGradShapes, ChapterLayers) {
  // The chapter's CNN: 28x28x1 -> 32 3x3 same, 14x14x32 -> 64 3x3 same.
  const Shape same{"same", 3, 3, 1, 1, 1, 1, PaddingMode::kSame, {}, {}};
  ConvGradCase first{"first", geometry(same, 28, 28, 1, 32), true, false, 28u};
  ConvGradCase second{"second", geometry(same, 14, 14, 32, 64), true, true, 14u};
  expect_conv_grad_matches_reference(first);
  expect_conv_grad_matches_reference(second);
}

// [SECTION] Pooling backward sweep

struct PoolGradCase {
  std::string name;
  Geometry2D g;
  PoolKind kind = PoolKind::kMax;
  bool include_pad = false;
  bool ties = false;  // inputs from {-1, 0, 1}: equal maxima everywhere
  std::uint32_t seed = 0;
};

const Shape kPoolShapes[] = {
    {"2x2, strides 2, no padding", 2, 2, 2, 2, 1, 1, PaddingMode::kValid, {}, {}},
    {"3x3, no strides, half (same) padding", 3, 3, 1, 1, 1, 1, PaddingMode::kSame, {}, {}},
    {"3x3, strides 2, TF same padding", 3, 3, 2, 2, 1, 1, PaddingMode::kSame, {}, {}},
    {"2x2, strides 2, TF same padding", 2, 2, 2, 2, 1, 1, PaddingMode::kSame, {}, {}},
    {"3x3, strides 2, overlapping", 3, 3, 2, 2, 1, 1, PaddingMode::kValid, {}, {}},
    {"3x3, padding, strides (odd)", 3, 3, 2, 2, 1, 1, PaddingMode::kExplicit, {1, 1}, {1, 1}},
    {"3x2, strides (1,3), dilation 2, same", 3, 2, 1, 3, 2, 2, PaddingMode::kSame, {}, {}},
    {"2x2, full padding", 2, 2, 1, 1, 1, 1, PaddingMode::kFull, {}, {}},
    {"5x5, no padding, no strides", 5, 5, 1, 1, 1, 1, PaddingMode::kValid, {}, {}},
    {"padding-only windows", 2, 2, 2, 2, 1, 1, PaddingMode::kExplicit, {2, 3}, {3, 2}},
};
const int kPoolSizes[][2] = {{1, 1}, {4, 4}, {5, 7}, {9, 9}, {2, 13}, {16, 3}};
const int kPoolChannels[] = {1, 3, 4, 5, 8, 9, 16, 17};

std::vector<float> tie_values(std::size_t n, std::mt19937& gen) {
  std::uniform_int_distribution<int> level(-1, 1);
  std::vector<float> v(n);
  for (float& x : v) x = static_cast<float>(level(gen));
  return v;
}

// Max pooling routes one gradient per window: a cell's gradient is a sum of
// as many gradients as windows chose it, so the summation bound applies
// with kh*kw terms (at most that many windows overlap a cell); average
// adds gradient * (1/count) from each window, the reciprocal rounded.
void expect_pool_grad_matches_reference(const PoolGradCase& pc,
                                        const std::vector<float>* in_override = nullptr) {
  const Geometry2D& g = pc.g;
  SCOPED_TRACE("seed " + std::to_string(pc.seed) + ", " + checks::describe(g) +
               (pc.kind == PoolKind::kMax ? ", max" : ", average") +
               (pc.include_pad ? ", count_include_pad" : ""));
  std::mt19937 gen(pc.seed);
  auto in = pc.ties ? tie_values(in_count(g), gen) : random_values(in_count(g), gen);
  if (in_override != nullptr) in = *in_override;
  const auto grad_out = random_values(out_count(g, g.in_c), gen);
  std::vector<float> want(in_count(g)), magnitude(in_count(g));
  ref::pool2d_backward(g, pc.kind, pc.include_pad, in.data(), grad_out.data(), want.data());
  const auto a_grad = checks::absolute(grad_out);
  ref::pool2d_backward(g, pc.kind, pc.include_pad, in.data(), a_grad.data(), magnitude.data());
  const long long terms = static_cast<long long>(g.kh) * g.kw;
  for (const GradVariant& v : variants()) {
    SCOPED_TRACE(v.name);
    Guarded grad_in(in_count(g));
    v.pool(g, pc.kind, pc.include_pad, in.data(), grad_out.data(), grad_in.data());
    EXPECT_TRUE(grad_in.guards_intact()) << "wrote outside grad_in";
    CellChecker check("grad_in");
    for (std::size_t i = 0; i < want.size(); ++i) {
      check.check(i, grad_in.at(i), want[i], sum_tolerance(terms, magnitude[i], want[i]));
    }
  }
}

std::vector<PoolGradCase> pool_grad_sweep() {
  std::vector<PoolGradCase> cases;
  std::uint32_t n = 0;
  for (const Shape& s : kPoolShapes) {
    for (const auto& hw : kPoolSizes) {
      for (int c : kPoolChannels) {
        for (int mode = 0; mode < 4; ++mode) {
          PoolGradCase pc;
          pc.g = geometry(s, hw[0], hw[1], c, c);
          if (pc.g.out_h <= 0 || pc.g.out_w <= 0) continue;
          pc.kind = mode <= 1 ? PoolKind::kMax : PoolKind::kAverage;
          pc.ties = mode == 1;
          pc.include_pad = mode == 3;
          pc.seed = 40000 + n++;
          static const char* const kModes[] = {"max ", "max ties ", "avg ", "avg incl pad "};
          std::ostringstream name;
          name << kModes[mode] << s.name << " " << hw[0] << "x" << hw[1] << "x" << c;
          pc.name = checks::test_name(name.str(), cases.size());
          cases.push_back(pc);
        }
      }
    }
  }
  return cases;
}

void PrintTo(const PoolGradCase& c, std::ostream* os) { *os << c.name; }

class PoolGradSweep : public testing::TestWithParam<PoolGradCase> {};

TEST_P(PoolGradSweep, MatchesReference) { expect_pool_grad_matches_reference(GetParam()); }

std::string pool_grad_name(const testing::TestParamInfo<PoolGradCase>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Pooling, PoolGradSweep, testing::ValuesIn(pool_grad_sweep()),
                         pool_grad_name);

// [SECTION] Max pooling: ties, NaN, infinity

TEST(MaxPoolGrad, FirstMaximumInWindowOrder) {
  // One 3x3 window, every channel a different tie pattern; the chosen tap
  // is the reference's, and it is the first (row-major) of the maxima.
  Geometry2D g;
  g.in_h = g.in_w = 3, g.kh = g.kw = 3, g.in_c = g.filters = 9;
  g = resolve_geometry(g, PaddingMode::kValid);
  std::vector<float> in(81, 0.0f);
  for (int c = 0; c < 9; ++c) {
    for (int t = c; t < 9; t += 2)
      in[static_cast<std::size_t>(t * 9 + c)] = 1.0f;  // maxima at c, c+2, ..
  }
  const std::vector<float> grad_out(9, 1.0f);
  for (int c = 0; c < 9; ++c) EXPECT_EQ(ref::max_pool_chosen_tap(g, in.data(), 0, 0, c), c);
  for (const GradVariant& v : variants()) {
    std::vector<float> got(81);
    v.pool(g, PoolKind::kMax, false, in.data(), grad_out.data(), got.data());
    for (int t = 0; t < 9; ++t) {
      for (int c = 0; c < 9; ++c) {
        EXPECT_EQ(got[static_cast<std::size_t>(t * 9 + c)], t == c ? 1.0f : 0.0f)
            << v.name << " tap " << t << " channel " << c;
      }
    }
  }
}

TEST(MaxPoolGrad, FirstNaNTakesTheGradient) {
  // NaN at taps 1 and 2 of a 1x4 window: tap 1 wins, even over a larger
  // value before it (the forward's max is NaN), for every lane and the tail.
  Geometry2D g;
  g.in_h = 1, g.in_w = 4, g.kh = 1, g.kw = 4, g.in_c = g.filters = 11;
  g = resolve_geometry(g, PaddingMode::kValid);
  std::vector<float> in(44, 0.0f);
  for (int c = 0; c < 11; ++c) {
    in[static_cast<std::size_t>(0 * 11 + c)] = 5.0f;
    in[static_cast<std::size_t>(1 * 11 + c)] = kNaN;
    in[static_cast<std::size_t>(2 * 11 + c)] = kNaN;
    in[static_cast<std::size_t>(3 * 11 + c)] = kInf;
  }
  const std::vector<float> grad_out(11, 2.0f);
  for (const GradVariant& v : variants()) {
    std::vector<float> got(44);
    v.pool(g, PoolKind::kMax, false, in.data(), grad_out.data(), got.data());
    for (int t = 0; t < 4; ++t) {
      for (int c = 0; c < 11; ++c) {
        EXPECT_EQ(got[static_cast<std::size_t>(t * 11 + c)], t == 1 ? 2.0f : 0.0f)
            << v.name << " tap " << t << " channel " << c;
      }
    }
  }
}

TEST(MaxPoolGrad, AllMinusInfinityGoesToTheFirstRealCell) {
  // A same-padded window over -inf cells only: the max is -inf, and its
  // first real cell (not a padding tap) takes the gradient.
  Geometry2D g;
  g.in_h = g.in_w = 2, g.kh = g.kw = 3, g.in_c = g.filters = 5;
  g = resolve_geometry(g, PaddingMode::kSame);  // pads 1 before, 1 after
  const std::vector<float> in(20, -kInf);
  std::vector<float> grad_out(20, 0.0f);
  for (int c = 0; c < 5; ++c)
    grad_out[static_cast<std::size_t>(3 * 5 + c)] = 1.0f;  // output (1, 1)
  std::vector<float> want(20, 0.0f);
  for (int c = 0; c < 5; ++c) want[static_cast<std::size_t>(c)] = 1.0f;  // input (0, 0)
  std::vector<float> got(20);
  ref::pool2d_backward(g, PoolKind::kMax, false, in.data(), grad_out.data(), got.data());
  EXPECT_EQ(got, want);
  for (const GradVariant& v : variants()) {
    v.pool(g, PoolKind::kMax, false, in.data(), grad_out.data(), got.data());
    EXPECT_EQ(got, want) << v.name;
  }
}

TEST(MaxPoolGrad, RandomNaNAndInfMatchReference) {
  for (std::uint32_t seed = 1; seed <= 60; ++seed) {
    PoolGradCase pc;
    Geometry2D g;
    g.in_h = 7, g.in_w = 9, g.in_c = g.filters = 1 + static_cast<int>(seed % 20);
    g.kh = g.kw = 2 + static_cast<int>(seed % 2);
    g.sh = g.sw = 1 + static_cast<int>(seed % 3 == 0);
    pc.g = resolve_geometry(g, PaddingMode::kSame);
    pc.ties = seed % 2 == 0;
    pc.seed = seed;
    std::mt19937 gen(seed * 77u);
    std::vector<float> in =
        pc.ties ? tie_values(in_count(pc.g), gen) : random_values(in_count(pc.g), gen);
    std::uniform_int_distribution<std::size_t> where(0, in.size() - 1);
    for (float s : {kNaN, kInf, -kInf, kNaN, -kInf}) in[where(gen)] = s;
    expect_pool_grad_matches_reference(pc, &in);
  }
}

// [SECTION] The references are the gradients of the forward

// L = sum g_o * pre_o over the reference forward's outputs, so dL/d pre =
// g; the backward references must match central differences of L in every
// input, weight and bias. See checks::central_difference for the tolerance.
void expect_slopes(std::vector<float>& param, const std::vector<float>& grad,
                   const std::function<double(double*)>& loss, const char* what) {
  CellChecker check(what);
  for (std::size_t i = 0; i < param.size(); ++i) {
    const checks::Difference d = checks::central_difference(param, i, loss);
    check.check(i, grad[i], static_cast<float>(d.slope),
                d.tolerance + FLT_EPSILON * std::fabs(grad[i]) + 1e-9);
  }
}

double weighted_sum(const std::vector<float>& g, const std::vector<float>& y, double* scale) {
  double l = 0;
  *scale = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    l += static_cast<double>(g[i]) * y[i];
    *scale += std::fabs(static_cast<double>(g[i]) * y[i]);
  }
  return l;
}

TEST(ConvGradients, ReferenceMatchesFiniteDifferences) {
  const Shape shapes[] = {
      {"same", 3, 3, 1, 1, 1, 1, PaddingMode::kSame, {}, {}},
      {"TF same, strides 2", 3, 3, 2, 2, 1, 1, PaddingMode::kSame, {}, {}},
      {"dilation 2, strides (1,2), explicit",
       2,
       3,
       1,
       2,
       2,
       2,
       PaddingMode::kExplicit,
       {1, 0},
       {2, 1}},
      {"full, strides 3", 2, 2, 3, 3, 1, 1, PaddingMode::kFull, {}, {}},
  };
  std::uint32_t seed = 60;
  for (const Shape& s : shapes) {
    const Geometry2D g = geometry(s, 5, 6, 2, 3);
    SCOPED_TRACE(std::string(s.name) + ", seed " + std::to_string(seed) + ", " +
                 checks::describe(g));
    std::mt19937 gen(seed++);
    auto in = random_values(in_count(g), gen);
    auto kernel = random_values(kernel_count(g), gen);
    auto bias = random_values(static_cast<std::size_t>(g.filters), gen);
    const auto grad_out = random_values(out_count(g, g.filters), gen);
    auto loss = [&](double* scale) {
      std::vector<float> pre(grad_out.size()), out(grad_out.size());
      ref::conv2d(g, in.data(), kernel.data(), bias.data(), Activation::kLinear, pre.data(),
                  out.data());
      return weighted_sum(grad_out, pre, scale);
    };
    std::vector<float> d_in(in.size()), d_kernel(kernel.size()), d_bias(bias.size());
    ref::conv2d_backward_input(g, grad_out.data(), kernel.data(), d_in.data());
    ref::conv2d_backward_filter(g, in.data(), grad_out.data(), d_kernel.data(), d_bias.data(),
                                false);
    expect_slopes(in, d_in, loss, "dL/din");
    expect_slopes(kernel, d_kernel, loss, "dL/dkernel");
    expect_slopes(bias, d_bias, loss, "dL/dbias");
  }
}

TEST(PoolGradients, ReferenceMatchesFiniteDifferences) {
  // Max pooling is linear away from ties: distinct inputs 1 apart (a
  // shuffled ramp) cannot change their order under a 0.25 step.
  const Shape shapes[] = {
      {"2x2, strides 2", 2, 2, 2, 2, 1, 1, PaddingMode::kValid, {}, {}},
      {"3x3, strides 1, same (overlapping)", 3, 3, 1, 1, 1, 1, PaddingMode::kSame, {}, {}},
      {"3x3, strides 2, TF same", 3, 3, 2, 2, 1, 1, PaddingMode::kSame, {}, {}},
      {"2x3, dilation 2, explicit", 2, 3, 1, 2, 2, 1, PaddingMode::kExplicit, {1, 2}, {0, 1}},
  };
  std::uint32_t seed = 80;
  for (const Shape& s : shapes) {
    for (int mode = 0; mode < 3; ++mode) {
      const Geometry2D g = geometry(s, 5, 7, 3, 3);
      const PoolKind kind = mode == 0 ? PoolKind::kMax : PoolKind::kAverage;
      const bool include_pad = mode == 2;
      SCOPED_TRACE(std::string(s.name) + " mode " + std::to_string(mode) + ", seed " +
                   std::to_string(seed));
      std::mt19937 gen(seed++);
      std::vector<float> in(in_count(g));
      std::iota(in.begin(), in.end(), -20.0f);
      std::shuffle(in.begin(), in.end(), gen);
      const auto grad_out = random_values(out_count(g, g.in_c), gen);
      auto loss = [&](double* scale) {
        std::vector<float> out(grad_out.size());
        ref::pool2d(g, kind, include_pad, in.data(), out.data());
        return weighted_sum(grad_out, out, scale);
      };
      std::vector<float> d_in(in.size());
      ref::pool2d_backward(g, kind, include_pad, in.data(), grad_out.data(), d_in.data());
      expect_slopes(in, d_in, loss, "dL/din");
    }
  }
}

}  // namespace
}  // namespace cs
