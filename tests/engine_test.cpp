// engine_test.cpp - running scenes: fast kernels against the reference,
// hand-computed values from the example scenes, 1D == 2D with H = 1,
// pre-activation maps, and NaN/Inf propagation through a stack.
//
// Index
// [SECTION] Helpers
// [SECTION] Fast against reference
// [SECTION] Hand-computed scenes
// [SECTION] Non-finite values and errors

#include "core/engine.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include "core/reference.h"
#include "core/scene.h"
#include "random_scene.h"
#include "layer_kinds.h"

namespace cs {
namespace {

using testing::is_conv;
using testing::is_pool;
using testing::pool_kind;

// [SECTION] Helpers

std::string read_text(const std::string& path) {
  std::string text;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return text;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  std::fclose(f);
  return text;
}

Scene load(const char* name) {
  const std::string path = std::string(CONVSCOPE_SOURCE_DIR) + "/scenes/" + name;
  Result<Scene> s = parse_scene(read_text(path));
  EXPECT_TRUE(s.ok()) << path << ": " << (s.ok() ? "" : to_string(s.error()));
  return s.ok() ? s.value() : Scene{};
}

// The reference sums in double, the kernels in float (maybe with FMA and a
// different order). For the random scenes (|values| <= 1, at most
// 4*4*5 = 80 taps per layer, three layers) float rounding stays below
// 1e-6 of the magnitude (5.5e-7 measured over 300 scenes); a wrong tap or
// index is off by O(0.1). 1e-5 leaves room for other orders and FMA.
bool close(float a, float b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::fabs(a - b) <= 1e-5f * (1.0f + std::fabs(b));
}

void expect_tensors_close(const Tensor& a, const Tensor& b, const std::string& what) {
  ASSERT_EQ(a.shape, b.shape) << what;
  ASSERT_EQ(a.data.size(), b.data.size()) << what;
  for (std::size_t i = 0; i < a.data.size(); ++i) {
    ASSERT_TRUE(close(a.data[i], b.data[i]))
        << what << " element " << i << ": " << a.data[i] << " vs " << b.data[i];
  }
}

std::string describe(const Scene& s) { return scene_to_json(s).substr(0, 2000); }

// [SECTION] Fast against reference

void fast_matches_reference(bool one_d, std::uint32_t seed, int scenes) {
  std::mt19937 gen(seed);
  for (int i = 0; i < scenes; ++i) {
    const Scene s = testing::random_scene(gen, one_d);
    RunOptions fast_opt;
    RunOptions ref_opt;
    ref_opt.backend = Backend::kReference;
    Result<SceneRun> fast = run_scene_full(s, fast_opt);
    Result<SceneRun> ref = run_scene_full(s, ref_opt);
    ASSERT_TRUE(fast.ok() && ref.ok()) << "seed " << seed << " scene " << i;
    ASSERT_EQ(fast->outputs.size(), s.layers.size());
    for (std::size_t l = 0; l < s.layers.size(); ++l) {
      const std::string what = "seed " + std::to_string(seed) + " scene " + std::to_string(i) +
                               " layer " + std::to_string(l) + "\n" + describe(s);
      expect_tensors_close(fast->outputs[l], ref->outputs[l], what);
      if (is_conv(s.layers[l].type)) {
        expect_tensors_close(fast->pre_activation[l], ref->pre_activation[l], what);
      } else {
        EXPECT_TRUE(fast->pre_activation[l].data.empty());
      }
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

TEST(Engine, FastMatchesReferenceOnSeededScenes2D) { fast_matches_reference(false, 1234u, 300); }

TEST(Engine, FastMatchesReferenceOnSeededScenes1D) { fast_matches_reference(true, 5678u, 150); }

TEST(Engine, OutputIsActivationOfPreActivation) {
  std::mt19937 gen(99u);
  for (int i = 0; i < 50; ++i) {
    const Scene s = testing::random_scene(gen, false);
    RunOptions opt;
    opt.backend = Backend::kReference;
    Result<SceneRun> run = run_scene_full(s, opt);
    ASSERT_TRUE(run.ok());
    for (std::size_t l = 0; l < s.layers.size(); ++l) {
      if (!is_conv(s.layers[l].type)) continue;
      const Tensor& pre = run->pre_activation[l];
      const Tensor& out = run->outputs[l];
      for (std::size_t k = 0; k < pre.data.size(); ++k) {
        ASSERT_EQ(out.data[k], ref::activate(pre.data[k], s.layers[l].activation))
            << "seed 99 scene " << i << " layer " << l;
      }
    }
  }
}

TEST(Engine, RunSceneEqualsFullRunWithoutPreActivation) {
  const Scene s = load("chapter.json");
  Result<std::vector<Tensor>> outs = run_scene(s);
  RunOptions opt;
  opt.keep_pre_activation = false;
  Result<SceneRun> full = run_scene_full(s, opt);
  ASSERT_TRUE(outs.ok() && full.ok());
  ASSERT_EQ(outs->size(), 2u);
  EXPECT_EQ((*outs)[1].data, full->outputs[1].data);
  EXPECT_TRUE(full->pre_activation[0].data.empty());
}

// Keras' Conv1D is Conv2D on (1, L, C) with kernel (1, k, C, F).
TEST(Engine, OneDimensionalEqualsTwoDimensionalWithHeightOne) {
  std::mt19937 gen(4321u);
  for (int i = 0; i < 100; ++i) {
    const Scene s1 = testing::random_scene(gen, true);
    Scene s2 = s1;
    s2.input.shape.one_d = false;
    for (Layer& l : s2.layers) {
      if (l.padding == PaddingMode::kCausal) {  // causal is Conv1D's: the same pads, explicit
        l.padding = PaddingMode::kExplicit;
        l.pads = {0, 0, effective_kernel(l.kernel_size[1], l.dilation_rate[1]) - 1, 0};
      }
      l.type = l.type == LayerType::kConv1D         ? LayerType::kConv2D
               : l.type == LayerType::kMaxPooling1D ? LayerType::kMaxPooling2D
                                                    : LayerType::kAveragePooling2D;
    }
    Result<std::vector<Tensor>> a = run_scene(s1);
    Result<std::vector<Tensor>> b = run_scene(s2);
    ASSERT_TRUE(a.ok()) << to_string(a.error());
    ASSERT_TRUE(b.ok()) << to_string(b.error());
    for (std::size_t l = 0; l < a->size(); ++l) {
      EXPECT_TRUE((*a)[l].shape.one_d);
      EXPECT_EQ((*a)[l].shape.w, (*b)[l].shape.w);
      EXPECT_EQ((*a)[l].data, (*b)[l].data) << "seed 4321 scene " << i;
    }
  }
}

// [SECTION] Hand-computed scenes

TEST(Engine, ChapterSceneByHand) {
  const Scene s = load("chapter.json");
  Result<SceneRun> run = run_scene_full(s);
  ASSERT_TRUE(run.ok());
  const Tensor& conv = run->outputs[0];
  const Tensor& pre = run->pre_activation[0];
  ASSERT_EQ(conv.shape, (TensorShape{8, 8, 2, false}));
  // Filter 1 is a horizontal edge [[1,1,1],[0,0,0],[-1,-1,-1]], bias 0.5.
  // At (2, 1) its window covers input rows 1..3, cols 0..2: row 1 holds
  // 0 1 1 (+2), row 3 holds 0 0 0, so 2 + 0.5.
  EXPECT_FLOAT_EQ(conv.at(2, 1, 1), 2.5f);
  // At (0, 0) the top row is padding; row 1 (weights -1) holds 0 1: -1 + 0.5.
  EXPECT_FLOAT_EQ(pre.at(0, 0, 1), -0.5f);
  EXPECT_FLOAT_EQ(conv.at(0, 0, 1), 0.0f) << "ReLU";
  // Filter 0 (vertical edge, no bias) at (1, 1): cols 0..2 of rows 0..2 give
  // 1*0 + 0*1 + (-1)*1 = -1 from row 1 only.
  EXPECT_FLOAT_EQ(pre.at(1, 1, 0), -1.0f);
  const Tensor& pool = run->outputs[1];
  ASSERT_EQ(pool.shape, (TensorShape{4, 4, 2, false}));
  for (int y = 0; y < 4; ++y) {
    for (int x = 0; x < 4; ++x) {
      for (int c = 0; c < 2; ++c) {
        const float m =
            std::max(std::max(conv.at(2 * y, 2 * x, c), conv.at(2 * y, 2 * x + 1, c)),
                     std::max(conv.at(2 * y + 1, 2 * x, c), conv.at(2 * y + 1, 2 * x + 1, c)));
        EXPECT_EQ(pool.at(y, x, c), m);
      }
    }
  }
}

TEST(Engine, SameStrideTwoSceneByHand) {
  const Scene s = load("same-stride2.json");
  Result<std::vector<Tensor>> out = run_scene(s);
  ASSERT_TRUE(out.ok());
  const Tensor& conv = (*out)[0];
  ASSERT_EQ(conv.shape, (TensorShape{3, 3, 1, false}));
  // TF 'same', n = 6, k = 3, s = 2: no padding top/left, one bottom/right.
  // The kernel sums to 1.6 and is symmetric, so a window inside the input
  // gives 1.6 x its centre value v(r, c) = 6r + c + 1.
  EXPECT_NEAR(conv.at(0, 0, 0), 1.6f * 8, 1e-5);   // centre (1, 1)
  EXPECT_NEAR(conv.at(0, 1, 0), 1.6f * 10, 1e-5);  // centre (1, 3)
  EXPECT_NEAR(conv.at(1, 1, 0), 1.6f * 22, 1e-5);  // centre (3, 3)
  // The last window hangs over the bottom/right padding:
  // 29*0.1 + 30*0.2 + 35*0.2 + 36*0.4.
  EXPECT_NEAR(conv.at(2, 2, 0), 30.3f, 1e-5);
  const Tensor& avg = (*out)[1];
  ASSERT_EQ(avg.shape, (TensorShape{2, 2, 1, false}));
  EXPECT_NEAR(avg.at(0, 0, 0), (12.8f + 16.0f + 32.0f + 35.2f) / 4, 1e-5);
  // Keras divides the corner window by its one real cell, not by 4.
  EXPECT_NEAR(avg.at(1, 1, 0), conv.at(2, 2, 0), 1e-5);
  EXPECT_NEAR(avg.at(0, 1, 0), (conv.at(0, 2, 0) + conv.at(1, 2, 0)) / 2, 1e-5);
}

TEST(Engine, CountIncludePadDividesByTheWindow) {
  Scene s = load("same-stride2.json");
  s.layers[1].count_include_pad = true;
  Result<std::vector<Tensor>> out = run_scene(s);
  ASSERT_TRUE(out.ok());
  EXPECT_NEAR((*out)[1].at(1, 1, 0), (*out)[0].at(2, 2, 0) / 4, 1e-5);
}

TEST(Engine, SignalSceneRuns) {
  const Scene s = load("signal-1d.json");
  Result<std::vector<Tensor>> out = run_scene(s);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ((*out)[0].shape.dims(), (std::vector<int>{16, 2}));
  EXPECT_EQ((*out)[1].shape.dims(), (std::vector<int>{8, 2}));
  // x = 0, filter 1: taps at -2 (padding), 0 and 2: 0*2 + 1*(-1) + 0.1.
  EXPECT_NEAR((*out)[0].at(0, 0, 1), std::tanh(-0.9f), 1e-6);
}

// [SECTION] Non-finite values and errors

TEST(Engine, NanAndInfinityPropagate) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  Scene s;
  s.input.shape = TensorShape{5, 5, 1, false};
  s.input.data.assign(25, 1.0f);
  s.input.data[12] = nan;  // (2, 2): inside every 3x3 'valid' window
  Layer c;
  c.filters = 1;
  c.kernel_size = {3, 3};
  c.kernel.assign(9, 1.0f);
  c.bias = {0.0f};
  c.activation = Activation::kRelu;
  s.layers.push_back(c);
  Result<std::vector<Tensor>> out = run_scene(s);
  ASSERT_TRUE(out.ok());
  for (float v : (*out)[0].data) EXPECT_TRUE(std::isnan(v)) << "ReLU keeps NaN";

  Scene p;
  p.input.shape = TensorShape{4, 4, 1, false};
  p.input.data.assign(16, 2.0f);
  p.input.data[0] = nan;
  p.input.data[15] = inf;
  Layer m;
  m.type = LayerType::kMaxPooling2D;
  m.kernel_size = {2, 2};
  m.strides = {2, 2};
  m.use_bias = false;
  p.layers.push_back(m);
  Layer a = m;
  a.type = LayerType::kAveragePooling2D;
  a.kernel_size = {1, 1};
  a.strides = {1, 1};
  p.layers.push_back(a);
  out = run_scene(p);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(std::isnan((*out)[0].at(0, 0, 0)));
  EXPECT_EQ((*out)[0].at(0, 1, 0), 2.0f);
  EXPECT_EQ((*out)[0].at(1, 1, 0), inf);
  EXPECT_EQ((*out)[1].at(1, 1, 0), inf);
}

TEST(Engine, InvalidSceneIsAnError) {
  Scene s = load("chapter.json");
  s.layers[0].kernel.pop_back();
  Result<std::vector<Tensor>> out = run_scene(s);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().where, "layers[0].kernel");
  s = load("chapter.json");
  s.layers[1].kernel_size = {9, 9};
  out = run_scene(s, Backend::kReference);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().where, "layers[1]");
}

TEST(Engine, EmptyStackHasNoOutputs) {
  Scene s;
  s.input.shape = TensorShape{1, 1, 1, false};
  s.input.data = {1.0f};
  Result<std::vector<Tensor>> out = run_scene(s);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->empty());
}

}  // namespace
}  // namespace cs
