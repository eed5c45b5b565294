// kernels_test.cpp - the fast conv / pool kernels against the plain reference.
// Checks cs::ref against numbers computed by hand, then sweeps geometries
// named in conv-arithmetic vocabulary over every compiled kernel variant
// (scalar, simd, avx2 where the CPU has it, and the dispatcher) with seeded
// random data. Runs natively and as WebAssembly under Node.
//
// Index
// [SECTION] Variants, data, comparison
// [SECTION] Reference against hand-computed numbers
// [SECTION] Convolution sweep
// [SECTION] Pooling sweep
// [SECTION] NaN and infinity
// [SECTION] Activations (sigmoid, tanh)
// [SECTION] Benchmark shapes
// [SECTION] Which instruction set

#include "kernels/kernels.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/reference.h"
#include "core/shape.h"
#include "kernels/variants.h"

namespace cs {
namespace {

// [SECTION] Variants, data, comparison

using ConvFn = void (*)(const Geometry2D&, const float*, const float*, const float*, Activation,
                        float*, float*);
using PoolFn = void (*)(const Geometry2D&, PoolKind, bool, const float*, float*);

struct Variant {
  const char* name;
  ConvFn conv;
  PoolFn pool;
};

// Each build's convolution also runs both of its paths on every shape
// (conv2d_f32.inc, "Choosing the path"), whichever the rule would pick.
std::vector<Variant> variants() {
  std::vector<Variant> v = {
      {"scalar", &conv2d_f32__scalar, &pool2d_f32__scalar},
      {"scalar rows", &conv2d_f32_rows__scalar, &pool2d_f32__scalar},
      {"simd", &conv2d_f32__simd, &pool2d_f32__simd},
      {"simd filters", &conv2d_f32_filters__simd, &pool2d_f32__simd},
      {"simd rows", &conv2d_f32_rows__simd, &pool2d_f32__simd},
  };
#if CS_KERNELS_HAVE_AVX2
  if (kernels_cpu_has_avx2()) {
    v.push_back({"avx2", &conv2d_f32__avx2, &pool2d_f32__avx2});
    v.push_back({"avx2 filters", &conv2d_f32_filters__avx2, &pool2d_f32__avx2});
    v.push_back({"avx2 rows", &conv2d_f32_rows__avx2, &pool2d_f32__avx2});
  }
#endif
  v.push_back({"dispatch", &conv2d_f32, &pool2d_f32});
  return v;
}

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
// Written into output buffers before a kernel runs, and into guard cells
// around them: a cell still holding it was not written, a guard that lost
// it was overrun.
constexpr float kUnwritten = -12345.678f;
constexpr int kGuard = 16;

std::vector<float> random_values(std::size_t n, std::mt19937& gen) {
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = dist(gen);
  return v;
}

std::vector<float> absolute(std::vector<float> v) {
  for (float& x : v) x = std::fabs(x);
  return v;
}

std::size_t out_count(const Geometry2D& g, int channels) {
  return static_cast<std::size_t>(g.out_h) * g.out_w * channels;
}
std::size_t in_count(const Geometry2D& g) {
  return static_cast<std::size_t>(g.in_h) * g.in_w * g.in_c;
}

// An output buffer with kGuard sentinel cells on each side.
struct Guarded {
  explicit Guarded(std::size_t count) : cells(count + 2 * kGuard, kUnwritten), n(count) {}
  float* data() { return cells.data() + kGuard; }
  float at(std::size_t i) const { return cells[kGuard + i]; }
  bool guards_intact() const {
    for (int i = 0; i < kGuard; ++i) {
      if (cells[static_cast<std::size_t>(i)] != kUnwritten) return false;
      if (cells[kGuard + n + static_cast<std::size_t>(i)] != kUnwritten) {
        return false;
      }
    }
    return true;
  }
  std::vector<float> cells;
  std::size_t n;
};

std::string describe(const Geometry2D& g) {
  std::ostringstream s;
  s << g.in_h << "x" << g.in_w << "x" << g.in_c << " -> " << g.out_h << "x" << g.out_w << "x"
    << g.filters << ", k " << g.kh << "x" << g.kw << ", s " << g.sh << "," << g.sw << ", d " << g.dh
    << "," << g.dw << ", pad t" << g.pad_top << " b" << g.pad_bottom << " l" << g.pad_left << " r"
    << g.pad_right;
  return s.str();
}

// NaN must meet NaN and an infinity the same infinity; finite values must
// agree within tol. Reports at most a few cells per buffer.
class CellChecker {
 public:
  explicit CellChecker(const char* what) : what_(what) {}
  void check(std::size_t i, float got, float want, double tol) {
    bool ok;
    if (std::isnan(want)) {
      ok = std::isnan(got);
    } else if (std::isinf(want)) {
      ok = got == want;
    } else {
      ok = std::isfinite(got) &&
           std::fabs(static_cast<double>(got) - static_cast<double>(want)) <= tol;
    }
    if (!ok && ++failures_ <= 5) {
      ADD_FAILURE() << what_ << "[" << i << "]: got " << got << ", want " << want << " (tol " << tol
                    << ")";
    }
  }

 private:
  const char* what_;
  int failures_ = 0;
};

// Why this tolerance: the kernels sum K = kh*kw*in_c products plus the bias
// in float, in their own order; the reference sums in double and rounds
// once. Recursive float summation of n terms errs by at most
// gamma_n * sum|terms| with gamma_n ~ n * FLT_EPSILON (Higham, Accuracy and
// Stability, 3.1), and FMA only removes roundings. sum|x*w| is computed by
// the reference itself on |x|, |w|; the activations are 1-Lipschitz, so
// the bound carries through them. 4 ulps of the result more cover the
// kernels' own sigmoid / tanh (under 2 ulps, see the Activations test).
double conv_tolerance(int k_terms, double magnitude, float want) {
  return (k_terms + 2) * static_cast<double>(FLT_EPSILON) * magnitude +
         4 * static_cast<double>(FLT_EPSILON) * std::fabs(want);
}

// [SECTION] Reference against hand-computed numbers

// 0, 1, 2, ... in row-major order: window sums are easy to do by hand.
std::vector<float> ramp(int n) {
  std::vector<float> v(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = static_cast<float>(i);
  return v;
}

Geometry2D conv_geometry(int h, int w, int c, int f, int kh, int kw, int s, int d,
                         PaddingMode mode) {
  Geometry2D g;
  g.in_h = h, g.in_w = w, g.in_c = c, g.filters = f;
  g.kh = kh, g.kw = kw, g.sh = g.sw = s, g.dh = g.dw = d;
  return resolve_geometry(g, mode);
}

// Runs the reference and every variant on the same data and checks all of
// them against the hand-computed `want` (exact: these sums are small
// integers or halves, representable in float).
void expect_conv_by_hand(const Geometry2D& g, const std::vector<float>& in,
                         const std::vector<float>& kernel, const float* bias, Activation act,
                         const std::vector<float>& want) {
  ASSERT_EQ(out_count(g, g.filters), want.size());
  std::vector<float> out(want.size());
  ref::conv2d(g, in.data(), kernel.data(), bias, act, nullptr, out.data());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(out[i], want[i]) << "reference, cell " << i;
  }
  for (const Variant& v : variants()) {
    std::vector<float> got(want.size(), kUnwritten);
    v.conv(g, in.data(), kernel.data(), bias, act, nullptr, got.data());
    for (std::size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(got[i], want[i]) << v.name << ", cell " << i;
    }
  }
}

void expect_pool_by_hand(const Geometry2D& g, PoolKind kind, bool include_pad,
                         const std::vector<float>& in, const std::vector<float>& want) {
  ASSERT_EQ(out_count(g, g.in_c), want.size());
  std::vector<float> out(want.size());
  ref::pool2d(g, kind, include_pad, in.data(), out.data());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_FLOAT_EQ(out[i], want[i]) << "reference, cell " << i;
  }
  for (const Variant& v : variants()) {
    std::vector<float> got(want.size(), kUnwritten);
    v.pool(g, kind, include_pad, in.data(), got.data());
    for (std::size_t i = 0; i < want.size(); ++i) {
      EXPECT_FLOAT_EQ(got[i], want[i]) << v.name << ", cell " << i;
    }
  }
}

TEST(ReferenceByHand, NoPaddingNoStrides) {
  // 5x5 ramp, 3x3 box: each output is 9 x the window's centre value.
  const Geometry2D g = conv_geometry(5, 5, 1, 1, 3, 3, 1, 1, PaddingMode::kValid);
  expect_conv_by_hand(g, ramp(25), std::vector<float>(9, 1.0f), nullptr, Activation::kLinear,
                      {54, 63, 72, 99, 108, 117, 144, 153, 162});
}

TEST(ReferenceByHand, HalfSamePadding) {
  // Corners see 4 cells, edges 6, the interior 9.
  const Geometry2D g = conv_geometry(5, 5, 1, 1, 3, 3, 1, 1, PaddingMode::kSame);
  expect_conv_by_hand(g, ramp(25), std::vector<float>(9, 1.0f), nullptr, Activation::kLinear,
                      {12, 21,  27,  33,  24,   //
                       33, 54,  63,  72,  51,   //
                       63, 99,  108, 117, 81,   //
                       93, 144, 153, 162, 111,  //
                       72, 111, 117, 123, 84});
}

TEST(ReferenceByHand, LaplacianWithSamePadding) {
  // The discrete Laplacian of a linear ramp is 0 inside; at the borders the
  // missing (padding) neighbours leave the ramp's values behind.
  const Geometry2D g = conv_geometry(5, 5, 1, 1, 3, 3, 1, 1, PaddingMode::kSame);
  const std::vector<float> lap = {0, 1, 0, 1, -4, 1, 0, 1, 0};
  expect_conv_by_hand(g, ramp(25), lap, nullptr, Activation::kLinear, {6,   4,   3,   2,   -4,   //
                                                                       -4,  0,   0,   0,   -10,  //
                                                                       -9,  0,   0,   0,   -15,  //
                                                                       -14, 0,   0,   0,   -20,  //
                                                                       -44, -26, -27, -28, -54});
}

TEST(ReferenceByHand, TfSamePaddingStrides2PadsBottomRight) {
  // 6 cells, k3, s2: out 3, total padding 1, all of it after (TF rule).
  const Geometry2D g = conv_geometry(6, 6, 1, 1, 3, 3, 2, 1, PaddingMode::kSame);
  EXPECT_EQ(g.pad_top, 0);
  EXPECT_EQ(g.pad_bottom, 1);
  EXPECT_EQ(g.pad_left, 0);
  EXPECT_EQ(g.pad_right, 1);
  // out(0,0) = rows 0-2 x cols 0-2 of the ramp; out(2,2) = 28+29+34+35.
  expect_conv_by_hand(g, ramp(36), std::vector<float>(9, 1.0f), nullptr, Activation::kLinear,
                      {63, 81, 63, 171, 189, 135, 168, 180, 126});
}

TEST(ReferenceByHand, DilatedNoPadding) {
  // 2x2 kernel, dilation 2: taps (0,0) (0,2) (2,0) (2,2) of each window.
  const Geometry2D g = conv_geometry(5, 5, 1, 1, 2, 2, 1, 2, PaddingMode::kValid);
  expect_conv_by_hand(g, ramp(25), std::vector<float>(4, 1.0f), nullptr, Activation::kLinear,
                      {24, 28, 32, 44, 48, 52, 64, 68, 72});
}

TEST(ReferenceByHand, PointwiseChannelsFiltersBiasRelu) {
  // 1x2 image, 2 channels, 2 filters, HWIO kernel w[ci][f] = {{1,2},{3,4}}.
  // Pixel (1, 10): 1*1 + 10*3 + 0.5 = 31.5 and 1*2 + 10*4 - 1 = 41.
  // Pixel (-3, 0.5): -3 + 1.5 + 0.5 = -1 and -6 + 2 - 1 = -5, relu -> 0.
  const Geometry2D g = conv_geometry(1, 2, 2, 2, 1, 1, 1, 1, PaddingMode::kValid);
  const std::vector<float> in = {1, 10, -3, 0.5f};
  const std::vector<float> w = {1, 2, 3, 4};
  const float bias[2] = {0.5f, -1.0f};
  expect_conv_by_hand(g, in, w, bias, Activation::kRelu, {31.5f, 41, 0, 0});
  expect_conv_by_hand(g, in, w, bias, Activation::kLinear, {31.5f, 41, -1, -5});
}

TEST(ReferenceByHand, PoolingTwoByTwoStridesTwo) {
  Geometry2D g;
  g.in_h = g.in_w = 4, g.in_c = g.filters = 1, g.kh = g.kw = 2, g.sh = g.sw = 2;
  g = resolve_geometry(g, PaddingMode::kValid);
  std::vector<float> in = ramp(16);
  for (float& x : in) x += 1;  // 1..16
  expect_pool_by_hand(g, PoolKind::kMax, false, in, {6, 8, 14, 16});
  expect_pool_by_hand(g, PoolKind::kAverage, false, in, {3.5f, 5.5f, 11.5f, 13.5f});
}

TEST(ReferenceByHand, AveragePoolingSamePaddingCountModes) {
  // 3x3 of 1..9, 3x3 window, same padding. Corner (0,0) sees 1+2+4+5 = 12:
  // Keras divides by the 4 real cells, count_include_pad by 9.
  Geometry2D g;
  g.in_h = g.in_w = 3, g.in_c = g.filters = 1, g.kh = g.kw = 3;
  g = resolve_geometry(g, PaddingMode::kSame);
  std::vector<float> in = ramp(9);
  for (float& x : in) x += 1;
  expect_pool_by_hand(g, PoolKind::kAverage, false, in, {3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f, 7});
  expect_pool_by_hand(
      g, PoolKind::kAverage, true, in,
      {12 / 9.0f, 21 / 9.0f, 16 / 9.0f, 27 / 9.0f, 5, 33 / 9.0f, 24 / 9.0f, 39 / 9.0f, 28 / 9.0f});
  expect_pool_by_hand(g, PoolKind::kMax, false, in, {5, 6, 6, 8, 9, 9, 8, 9, 9});
}

TEST(ReferenceByHand, Activations) {
  EXPECT_EQ(ref::activate(-2.0f, Activation::kLinear), -2.0f);
  EXPECT_EQ(ref::activate(-2.0f, Activation::kRelu), 0.0f);
  EXPECT_EQ(ref::activate(3.0f, Activation::kRelu), 3.0f);
  EXPECT_TRUE(std::isnan(ref::activate(kNaN, Activation::kRelu)));
  EXPECT_EQ(ref::activate(0.0f, Activation::kSigmoid), 0.5f);
  EXPECT_FLOAT_EQ(ref::activate(2.0f, Activation::kSigmoid), 1.0f / (1.0f + std::exp(-2.0f)));
  EXPECT_EQ(ref::activate(-kInf, Activation::kSigmoid), 0.0f);
  EXPECT_EQ(ref::activate(kInf, Activation::kSigmoid), 1.0f);
  EXPECT_EQ(ref::activate(0.0f, Activation::kTanh), 0.0f);
  EXPECT_EQ(ref::activate(kInf, Activation::kTanh), 1.0f);
  EXPECT_EQ(ref::activate(-kInf, Activation::kTanh), -1.0f);
  for (Activation a :
       {Activation::kLinear, Activation::kRelu, Activation::kSigmoid, Activation::kTanh}) {
    EXPECT_TRUE(std::isnan(ref::activate(kNaN, a)));
  }
}

// [SECTION] Convolution sweep

struct ConvCase {
  std::string name;
  Geometry2D g;
  Activation act = Activation::kLinear;
  bool bias = true;
  bool want_pre = false;
  std::uint32_t seed = 0;
};

// One row of conv_arithmetic's catalogue (Dumoulin & Visin), plus the TF
// 'same' cases that break naive padding code.
struct ConvShape {
  const char* name;
  int kh, kw, sh, sw, dh, dw;
  PaddingMode mode;
  PadSplit pad_y, pad_x;  // kExplicit only
};

const ConvShape kConvShapes[] = {
    {"no padding, no strides", 3, 3, 1, 1, 1, 1, PaddingMode::kValid, {}, {}},
    {"arbitrary padding, no strides", 4, 3, 1, 1, 1, 1, PaddingMode::kExplicit, {2, 1}, {2, 2}},
    {"half (same) padding", 3, 3, 1, 1, 1, 1, PaddingMode::kSame, {}, {}},
    {"half (same) padding, 5x5", 5, 5, 1, 1, 1, 1, PaddingMode::kSame, {}, {}},
    {"full padding", 3, 3, 1, 1, 1, 1, PaddingMode::kFull, {}, {}},
    {"no padding, strides", 3, 3, 2, 2, 1, 1, PaddingMode::kValid, {}, {}},
    {"padding, strides", 3, 3, 2, 2, 1, 1, PaddingMode::kExplicit, {1, 1}, {1, 1}},
    {"padding, strides (odd)", 3, 3, 2, 2, 1, 1, PaddingMode::kExplicit, {1, 1}, {1, 1}},
    {"TF same padding, strides 2", 3, 3, 2, 2, 1, 1, PaddingMode::kSame, {}, {}},
    {"TF same padding, strides 3, 4x4", 4, 4, 3, 3, 1, 1, PaddingMode::kSame, {}, {}},
    {"no padding, strides 3, 5x5", 5, 5, 3, 3, 1, 1, PaddingMode::kValid, {}, {}},
    {"dilation 2, no padding", 3, 3, 1, 1, 2, 2, PaddingMode::kValid, {}, {}},
    {"dilation 3, half (same) padding", 3, 3, 1, 1, 3, 3, PaddingMode::kSame, {}, {}},
    {"dilation 2, strides 2, full padding", 2, 3, 2, 2, 2, 2, PaddingMode::kFull, {}, {}},
    {"1x1 kernel, strides 2", 1, 1, 2, 2, 1, 1, PaddingMode::kValid, {}, {}},
    {"1x5 kernel, half (same) padding", 1, 5, 1, 1, 1, 1, PaddingMode::kSame, {}, {}},
    {"3x2 kernel, strides (1,3), dilation (2,1)", 3, 2, 1, 3, 2, 1, PaddingMode::kSame, {}, {}},
};

// Sizes below, at and above 4 and 8 lanes and the register tiles, odd and
// even (strides 2 leave a cell uncovered on one parity only).
const int kSizes[][2] = {{1, 1}, {4, 4}, {5, 5}, {6, 7}, {3, 9}, {8, 13}, {9, 17}, {7, 33}};
// (channels, filters): filters below / at / above 4, 8, 12, 16 lanes.
const int kChannelsFilters[][2] = {{1, 1},  {1, 4}, {3, 8},  {2, 10}, {5, 3},
                                   {8, 16}, {4, 7}, {1, 12}, {7, 9},  {3, 17}};

std::string test_name(const std::string& text, std::size_t index) {
  std::string out;
  for (char ch : text) {
    const bool alnum =
        (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    if (alnum) {
      out += ch;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out + "_" + std::to_string(index);
}

Geometry2D shape_geometry(const ConvShape& s, int h, int w, int c, int f) {
  Geometry2D g;
  g.in_h = h, g.in_w = w, g.in_c = c, g.filters = f;
  g.kh = s.kh, g.kw = s.kw, g.sh = s.sh, g.sw = s.sw, g.dh = s.dh, g.dw = s.dw;
  g.pad_top = s.pad_y.before, g.pad_bottom = s.pad_y.after;
  g.pad_left = s.pad_x.before, g.pad_right = s.pad_x.after;
  return resolve_geometry(g, s.mode);
}

std::vector<ConvCase> conv_arithmetic_sweep() {
  const Activation acts[] = {Activation::kLinear, Activation::kRelu, Activation::kSigmoid,
                             Activation::kTanh};
  std::vector<ConvCase> cases;
  std::uint32_t n = 0;
  for (const ConvShape& s : kConvShapes) {
    for (const auto& hw : kSizes) {
      for (const auto& cf : kChannelsFilters) {
        ConvCase cc;
        cc.g = shape_geometry(s, hw[0], hw[1], cf[0], cf[1]);
        if (cc.g.out_h <= 0 || cc.g.out_w <= 0) continue;
        cc.act = acts[n % 4];
        cc.bias = n % 3 != 0;
        cc.want_pre = n % 2 == 0;
        cc.seed = 1000 + n;
        std::ostringstream name;
        name << s.name << " " << hw[0] << "x" << hw[1] << "x" << cf[0] << " f" << cf[1];
        cc.name = test_name(name.str(), cases.size());
        cases.push_back(cc);
        ++n;
      }
    }
  }
  return cases;
}

// Random geometries: whatever the catalogue forgot.
std::vector<ConvCase> conv_random_sweep() {
  std::vector<ConvCase> cases;
  std::mt19937 pick(20240611u);
  auto in_range = [&pick](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(pick);
  };
  while (cases.size() < 200) {
    Geometry2D g;
    g.in_h = in_range(1, 20), g.in_w = in_range(1, 40);
    g.in_c = in_range(1, 8), g.filters = in_range(1, 20);
    g.kh = in_range(1, 5), g.kw = in_range(1, 5);
    g.sh = in_range(1, 3), g.sw = in_range(1, 3);
    g.dh = in_range(1, 3), g.dw = in_range(1, 3);
    g.pad_top = in_range(0, 4), g.pad_bottom = in_range(0, 4);
    g.pad_left = in_range(0, 4), g.pad_right = in_range(0, 4);
    const PaddingMode mode = static_cast<PaddingMode>(in_range(0, 3));
    g = resolve_geometry(g, mode);
    if (g.out_h <= 0 || g.out_w <= 0) continue;
    ConvCase cc;
    cc.g = g;
    cc.act = static_cast<Activation>(in_range(0, 3));
    cc.bias = in_range(0, 1) == 1;
    cc.want_pre = in_range(0, 1) == 1;
    cc.seed = static_cast<std::uint32_t>(5000 + cases.size());
    cc.name = test_name("random", cases.size());
    cases.push_back(cc);
  }
  return cases;
}

// Runs every variant on one case's seeded data and compares each output
// (and pre-activation) cell with the reference.
void expect_conv_matches_reference(const ConvCase& cc,
                                   const std::vector<float>* in_override = nullptr) {
  const Geometry2D& g = cc.g;
  SCOPED_TRACE("seed " + std::to_string(cc.seed) + ", " + describe(g));
  std::mt19937 gen(cc.seed);
  std::vector<float> in = random_values(in_count(g), gen);
  if (in_override != nullptr) in = *in_override;
  const std::size_t k_size = static_cast<std::size_t>(g.kh) * g.kw * g.in_c * g.filters;
  const std::vector<float> kernel = random_values(k_size, gen);
  const std::vector<float> bias = random_values(static_cast<std::size_t>(g.filters), gen);
  const float* b = cc.bias ? bias.data() : nullptr;
  const std::size_t n = out_count(g, g.filters);

  std::vector<float> want(n), want_pre(n), magnitude(n);
  ref::conv2d(g, in.data(), kernel.data(), b, cc.act, want_pre.data(), want.data());
  const std::vector<float> abs_in = absolute(in), abs_k = absolute(kernel);
  ref::conv2d(g, abs_in.data(), abs_k.data(), nullptr, Activation::kLinear, nullptr,
              magnitude.data());
  const int k_terms = g.kh * g.kw * g.in_c + 1;

  for (const Variant& v : variants()) {
    SCOPED_TRACE(v.name);
    Guarded out(n), pre(n);
    v.conv(g, in.data(), kernel.data(), b, cc.act, cc.want_pre ? pre.data() : nullptr, out.data());
    EXPECT_TRUE(out.guards_intact()) << "wrote outside out";
    EXPECT_TRUE(pre.guards_intact()) << "wrote outside pre";
    CellChecker out_check("out"), pre_check("pre");
    for (std::size_t i = 0; i < n; ++i) {
      const int f = static_cast<int>(i % static_cast<std::size_t>(g.filters));
      const double mag = static_cast<double>(magnitude[i]) +
                         (b != nullptr ? std::fabs(static_cast<double>(b[f])) : 0.0);
      out_check.check(i, out.at(i), want[i], conv_tolerance(k_terms, mag, want[i]));
      if (cc.want_pre) {
        pre_check.check(i, pre.at(i), want_pre[i], conv_tolerance(k_terms, mag, want_pre[i]));
      } else if (pre.at(i) != kUnwritten) {
        ADD_FAILURE() << "pre written although null";
        break;
      }
    }
  }
}

class ConvSweep : public testing::TestWithParam<ConvCase> {};

TEST_P(ConvSweep, MatchesReference) { expect_conv_matches_reference(GetParam()); }

std::string conv_case_name(const testing::TestParamInfo<ConvCase>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(ConvArithmetic, ConvSweep, testing::ValuesIn(conv_arithmetic_sweep()),
                         conv_case_name);
INSTANTIATE_TEST_SUITE_P(Random, ConvSweep, testing::ValuesIn(conv_random_sweep()), conv_case_name);

// [SECTION] Pooling sweep

struct PoolCase {
  std::string name;
  Geometry2D g;
  PoolKind kind = PoolKind::kMax;
  bool include_pad = false;
  std::uint32_t seed = 0;
};

const ConvShape kPoolShapes[] = {
    {"2x2, strides 2, no padding", 2, 2, 2, 2, 1, 1, PaddingMode::kValid, {}, {}},
    {"3x3, no strides, half (same) padding", 3, 3, 1, 1, 1, 1, PaddingMode::kSame, {}, {}},
    {"3x3, strides 2, TF same padding", 3, 3, 2, 2, 1, 1, PaddingMode::kSame, {}, {}},
    {"2x2, strides 2, TF same padding", 2, 2, 2, 2, 1, 1, PaddingMode::kSame, {}, {}},
    {"3x3, padding, strides (odd)", 3, 3, 2, 2, 1, 1, PaddingMode::kExplicit, {1, 1}, {1, 1}},
    {"3x2, strides (1,3), dilation 2, same", 3, 2, 1, 3, 2, 2, PaddingMode::kSame, {}, {}},
    {"2x2, full padding", 2, 2, 1, 1, 1, 1, PaddingMode::kFull, {}, {}},
    {"5x5, no padding, no strides", 5, 5, 1, 1, 1, 1, PaddingMode::kValid, {}, {}},
};
const int kPoolSizes[][2] = {{1, 1}, {4, 4}, {5, 7}, {9, 9}, {2, 13}, {16, 3}};
const int kPoolChannels[] = {1, 3, 4, 5, 8, 16, 17, 33, 40};

std::vector<PoolCase> pool_sweep() {
  std::vector<PoolCase> cases;
  std::uint32_t n = 0;
  for (const ConvShape& s : kPoolShapes) {
    for (const auto& hw : kPoolSizes) {
      for (int c : kPoolChannels) {
        for (int mode = 0; mode < 3; ++mode) {
          PoolCase pc;
          pc.g = shape_geometry(s, hw[0], hw[1], c, c);
          if (pc.g.out_h <= 0 || pc.g.out_w <= 0) continue;
          pc.kind = mode == 0 ? PoolKind::kMax : PoolKind::kAverage;
          pc.include_pad = mode == 2;
          pc.seed = 9000 + n++;
          std::ostringstream name;
          name << (mode == 0   ? "max "
                   : mode == 1 ? "avg "
                               : "avg incl pad ")
               << s.name << " " << hw[0] << "x" << hw[1] << "x" << c;
          pc.name = test_name(name.str(), cases.size());
          cases.push_back(pc);
        }
      }
    }
  }
  return cases;
}

// Max pooling only selects, so it must be exact. Average sums up to kh*kw
// values in float and scales by a rounded 1/count: the same summation bound
// as conv, on the mean of |x| (the reference's average of |x|).
void expect_pool_matches_reference(const PoolCase& pc,
                                   const std::vector<float>* in_override = nullptr) {
  const Geometry2D& g = pc.g;
  SCOPED_TRACE("seed " + std::to_string(pc.seed) + ", " + describe(g));
  std::mt19937 gen(pc.seed);
  std::vector<float> in = random_values(in_count(g), gen);
  if (in_override != nullptr) in = *in_override;
  const std::size_t n = out_count(g, g.in_c);
  std::vector<float> want(n), magnitude(n);
  ref::pool2d(g, pc.kind, pc.include_pad, in.data(), want.data());
  const std::vector<float> abs_in = absolute(in);
  ref::pool2d(g, PoolKind::kAverage, pc.include_pad, abs_in.data(), magnitude.data());
  for (const Variant& v : variants()) {
    SCOPED_TRACE(v.name);
    Guarded out(n);
    v.pool(g, pc.kind, pc.include_pad, in.data(), out.data());
    EXPECT_TRUE(out.guards_intact()) << "wrote outside out";
    CellChecker check("out");
    for (std::size_t i = 0; i < n; ++i) {
      const double tol = pc.kind == PoolKind::kMax
                             ? 0.0
                             : (g.kh * g.kw + 2) * static_cast<double>(FLT_EPSILON) *
                                   static_cast<double>(magnitude[i]);
      check.check(i, out.at(i), want[i], tol);
    }
  }
}

class PoolSweep : public testing::TestWithParam<PoolCase> {};

TEST_P(PoolSweep, MatchesReference) { expect_pool_matches_reference(GetParam()); }

std::string pool_case_name(const testing::TestParamInfo<PoolCase>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Pooling, PoolSweep, testing::ValuesIn(pool_sweep()), pool_case_name);

// [SECTION] NaN and infinity

TEST(NonFinite, NaNInputSpreadsToItsWindowsOnly) {
  // 5x5 zeros with NaN in the centre, 3x3 box, same padding: exactly the 3x3
  // outputs whose windows contain the centre are NaN, and relu keeps them.
  const Geometry2D g = conv_geometry(5, 5, 1, 1, 3, 3, 1, 1, PaddingMode::kSame);
  std::vector<float> in(25, 0.0f);
  in[12] = kNaN;
  const std::vector<float> box(9, 1.0f);
  std::vector<float> want(25, 0.0f);
  for (int y = 1; y <= 3; ++y) {
    for (int x = 1; x <= 3; ++x) want[static_cast<std::size_t>(y * 5 + x)] = kNaN;
  }
  std::vector<float> out(25), pre(25);
  ref::conv2d(g, in.data(), box.data(), nullptr, Activation::kRelu, pre.data(), out.data());
  for (std::size_t i = 0; i < 25; ++i) {
    EXPECT_EQ(std::isnan(out[i]), std::isnan(want[i])) << "reference " << i;
    EXPECT_EQ(std::isnan(pre[i]), std::isnan(want[i])) << "reference pre " << i;
  }
  for (const Variant& v : variants()) {
    v.conv(g, in.data(), box.data(), nullptr, Activation::kRelu, pre.data(), out.data());
    for (std::size_t i = 0; i < 25; ++i) {
      EXPECT_EQ(std::isnan(out[i]), std::isnan(want[i])) << v.name << " " << i;
      EXPECT_EQ(std::isnan(pre[i]), std::isnan(want[i])) << v.name << " pre " << i;
      if (!std::isnan(want[i])) {
        EXPECT_EQ(out[i], 0.0f) << v.name << " " << i;
      }
    }
  }
}

TEST(NonFinite, InfinityThroughConvAndActivations) {
  // +inf at (0,0) with a positive box gives +inf in the four windows that
  // hold it; sigmoid maps it to 1 and tanh to 1.
  const Geometry2D g = conv_geometry(4, 4, 1, 1, 3, 3, 1, 1, PaddingMode::kSame);
  std::vector<float> in(16, 0.25f);
  in[0] = kInf;
  const std::vector<float> box(9, 1.0f);
  for (const Variant& v : variants()) {
    std::vector<float> out(16), pre(16);
    v.conv(g, in.data(), box.data(), nullptr, Activation::kSigmoid, pre.data(), out.data());
    for (int i : {0, 1, 4, 5}) {
      EXPECT_EQ(pre[static_cast<std::size_t>(i)], kInf) << v.name << " " << i;
      EXPECT_EQ(out[static_cast<std::size_t>(i)], 1.0f) << v.name << " " << i;
    }
    EXPECT_TRUE(std::isfinite(pre[10])) << v.name;
    v.conv(g, in.data(), box.data(), nullptr, Activation::kTanh, nullptr, out.data());
    EXPECT_EQ(out[0], 1.0f) << v.name;
  }
  // -inf and +inf in one window make NaN (inf - inf), as IEEE says.
  in[1] = -kInf;
  std::vector<float> out(16);
  for (const Variant& v : variants()) {
    v.conv(g, in.data(), box.data(), nullptr, Activation::kLinear, nullptr, out.data());
    EXPECT_TRUE(std::isnan(out[0])) << v.name;
    EXPECT_EQ(out[2], -kInf) << v.name;  // sees -inf only
  }
}

std::vector<float> with_non_finite(const Geometry2D& g, std::uint32_t seed) {
  std::mt19937 gen(seed);
  std::vector<float> in = random_values(in_count(g), gen);
  std::uniform_int_distribution<std::size_t> where(0, in.size() - 1);
  const float specials[] = {kNaN, kInf, -kInf, kInf};
  for (float s : specials) in[where(gen)] = s;
  return in;
}

TEST(NonFinite, RandomConvWithNaNAndInfMatchesReference) {
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    ConvCase cc;
    cc.g = conv_geometry(9, 11, 1 + static_cast<int>(seed % 5), 1 + static_cast<int>(seed % 13), 3,
                         3, 1 + static_cast<int>(seed % 2), 1, PaddingMode::kSame);
    cc.act = static_cast<Activation>(seed % 4);
    cc.want_pre = true;
    cc.seed = seed;
    const std::vector<float> in = with_non_finite(cc.g, seed);
    expect_conv_matches_reference(cc, &in);
  }
}

TEST(NonFinite, PoolingWithNaNAndInfMatchesReference) {
  for (std::uint32_t seed = 1; seed <= 60; ++seed) {
    PoolCase pc;
    Geometry2D g;
    g.in_h = 7, g.in_w = 9, g.in_c = g.filters = 1 + static_cast<int>(seed % 20);
    g.kh = g.kw = 2 + static_cast<int>(seed % 2);
    g.sh = g.sw = 2;
    pc.g = resolve_geometry(g, PaddingMode::kSame);
    pc.kind = seed % 3 == 0 ? PoolKind::kAverage : PoolKind::kMax;
    pc.include_pad = seed % 2 == 0;
    pc.seed = seed;
    const std::vector<float> in = with_non_finite(pc.g, seed);
    expect_pool_matches_reference(pc, &in);
  }
}

TEST(NonFinite, MaxPoolNaNAnywhereInTheWindowWins) {
  // NaN first, last, and between finite values; every vector lane and the
  // scalar tail (17 channels) must propagate it.
  Geometry2D g;
  g.in_h = 1, g.in_w = 3, g.in_c = g.filters = 17, g.kh = 1, g.kw = 3;
  g = resolve_geometry(g, PaddingMode::kValid);
  for (int pos = 0; pos < 3; ++pos) {
    std::vector<float> in(51, 1.0f);
    for (int c = 0; c < 17; ++c) {
      in[static_cast<std::size_t>(pos * 17 + c)] = kNaN;
    }
    for (const Variant& v : variants()) {
      std::vector<float> out(17);
      v.pool(g, PoolKind::kMax, false, in.data(), out.data());
      for (int c = 0; c < 17; ++c) {
        EXPECT_TRUE(std::isnan(out[static_cast<std::size_t>(c)]))
            << v.name << " NaN at tap " << pos << ", channel " << c;
      }
    }
  }
  // All -inf stays -inf (not NaN, not the padding's -inf by accident).
  std::vector<float> in(51, -kInf);
  for (const Variant& v : variants()) {
    std::vector<float> out(17);
    v.pool(g, PoolKind::kMax, false, in.data(), out.data());
    for (float x : out) EXPECT_EQ(x, -kInf) << v.name;
  }
}

// [SECTION] Activations (sigmoid, tanh)

// The kernels compute sigmoid and tanh with their own vector exp; check
// them alone across the float range with a 1x1 conv of weight 1 (so the
// pre-activation is x exactly), on 9 filters to cover every vector lane
// and the partial last vector. Allowed: 4 ulps of the result, or FLT_MIN
// absolute where sigmoid underflows (the kernels flush e^x to 0 below
// x = -87.3; the true value there is a denormal).
TEST(Activations, SigmoidAndTanhWithinFourUlps) {
  std::vector<float> xs = {0.0f,  -0.0f,  1e-38f, -1e-38f, 1e-30f, 1e-10f, -1e-5f, 0.1f,
                           0.24f, 0.26f,  -0.35f, 0.5f,    0.9f,   1.0f,   2.0f,   5.0f,
                           8.9f,  9.1f,   15.0f,  20.0f,   44.0f,  87.0f,  87.4f,  88.0f,
                           89.0f, 100.0f, 1e10f,  3e38f,   kInf};
  for (int i = -4000; i <= 4000; ++i) xs.push_back(static_cast<float>(i) * 0.0123f);
  const std::size_t fixed = xs.size();
  for (std::size_t i = 0; i < fixed; ++i) xs.push_back(-xs[i]);
  const int filters = 9;
  Geometry2D g =
      conv_geometry(1, static_cast<int>(xs.size()), 1, filters, 1, 1, 1, 1, PaddingMode::kValid);
  const std::vector<float> ones(filters, 1.0f);
  for (Activation act : {Activation::kSigmoid, Activation::kTanh}) {
    std::vector<float> want(xs.size() * filters);
    ref::conv2d(g, xs.data(), ones.data(), nullptr, act, nullptr, want.data());
    for (const Variant& v : variants()) {
      SCOPED_TRACE(v.name);
      std::vector<float> got(want.size());
      v.conv(g, xs.data(), ones.data(), nullptr, act, nullptr, got.data());
      double worst_ulps = 0;
      for (std::size_t i = 0; i < want.size(); ++i) {
        const float x = xs[i / filters];
        const double err = std::fabs(static_cast<double>(got[i]) - want[i]);
        const double ulp = std::max(std::fabs(static_cast<double>(want[i])) * FLT_EPSILON,
                                    static_cast<double>(FLT_MIN));
        worst_ulps = std::max(worst_ulps, err / ulp);
        ASSERT_LE(err, 4 * ulp) << (act == Activation::kTanh ? "tanh(" : "sigmoid(") << x
                                << "): got " << got[i] << ", want " << want[i];
      }
      std::cout << "[   ulps   ] " << (act == Activation::kTanh ? "tanh" : "sigmoid") << " on "
                << v.name << ": worst " << worst_ulps << " ulp\n";
    }
  }
}

// [SECTION] Benchmark shapes
// The shapes the benchmarks time, at full size: the long interior runs and
// big filter blocks the small sweeps only touch briefly.

TEST(BenchmarkShapes, Conv28x28x1To10Same) {
  ConvCase cc;
  cc.g = conv_geometry(28, 28, 1, 10, 3, 3, 1, 1, PaddingMode::kSame);
  cc.act = Activation::kRelu;
  cc.seed = 28;
  expect_conv_matches_reference(cc);
}

TEST(BenchmarkShapes, Conv256x256x3To16Same) {
  ConvCase cc;
  cc.g = conv_geometry(256, 256, 3, 16, 3, 3, 1, 1, PaddingMode::kSame);
  cc.seed = 256;
  expect_conv_matches_reference(cc);
}

TEST(BenchmarkShapes, Conv512x512x1To8ValidStrides2) {
  ConvCase cc;
  cc.g = conv_geometry(512, 512, 1, 8, 5, 5, 2, 1, PaddingMode::kValid);
  cc.act = Activation::kRelu;
  cc.seed = 512;
  expect_conv_matches_reference(cc);
}

TEST(BenchmarkShapes, MaxPool2x2Of256x256x16) {
  PoolCase pc;
  Geometry2D g;
  g.in_h = g.in_w = 256, g.in_c = g.filters = 16, g.kh = g.kw = 2;
  g.sh = g.sw = 2;
  pc.g = resolve_geometry(g, PaddingMode::kValid);
  pc.seed = 16;
  expect_pool_matches_reference(pc);
}

// [SECTION] Which instruction set

TEST(KernelsIsa, ReportsTheDispatchedVariant) {
  const std::string isa = kernels_isa_name();
  std::cout << "[   ISA    ] conv2d_f32 / pool2d_f32 run on " << isa << " (the __simd variant is "
            << kernels_simd_isa() << ")\n";
  RecordProperty("kernels_isa", isa);
  EXPECT_TRUE(isa == "wasmsimd" || isa == "avx2" || isa == "sse2" || isa == "scalar") << isa;
#if CS_KERNELS_HAVE_AVX2
  EXPECT_EQ(std::string(kernels_simd_isa()), "sse2");
#endif
  // The build can insist, e.g. -DCONVSCOPE_EXPECT_ISA="wasmsimd" for the
  // -msimd128 WebAssembly test run, so a lost flag fails loudly.
#if defined(CONVSCOPE_EXPECT_ISA)
  EXPECT_EQ(isa, std::string(CONVSCOPE_EXPECT_ISA));
#endif
}

}  // namespace
}  // namespace cs
