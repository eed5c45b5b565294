// trace_test.cpp - element traces, the stride walk, receptive fields and the
// Keras/PyTorch lines. Traces must agree with the engine on every element of
// seeded random scenes; walks and fields are checked against hand-worked
// geometry (TF 'same' with stride 2, dilation holes, the floor's leftovers).
//
// Index
// [SECTION] Helpers
// [SECTION] Traces agree with the engine
// [SECTION] Hand-worked traces
// [SECTION] Stride walk
// [SECTION] Receptive fields
// [SECTION] Code lines

#include "core/trace.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "core/engine.h"
#include "random_scene.h"
#include "layer_kinds.h"

namespace cs {
namespace {

using testing::is_conv;
using testing::is_pool;
using testing::pool_kind;

// [SECTION] Helpers

Layer conv_layer(int filters, int k, int s, PaddingMode mode, int d = 1) {
  Layer l;
  l.type = LayerType::kConv2D;
  l.filters = filters;
  l.kernel_size = {k, k};
  l.strides = {s, s};
  l.dilation_rate = {d, d};
  l.padding = mode;
  return l;
}

Layer pool_layer(LayerType type, int k, int s, PaddingMode mode) {
  Layer l;
  l.type = type;
  l.kernel_size = {k, k};
  l.strides = {s, s};
  l.padding = mode;
  l.use_bias = false;
  return l;
}

Tensor ramp(int h, int w, int c) {
  Tensor t;
  t.shape = TensorShape{h, w, c, false};
  t.data.resize(static_cast<std::size_t>(h) * w * c);
  for (std::size_t i = 0; i < t.data.size(); ++i) t.data[i] = static_cast<float>(i + 1);
  return t;
}

// Same tolerance argument as engine_test: the trace sums in float in tap
// order, the kernels in their own order; wrong taps are off by O(0.1).
bool close(float a, float b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::fabs(a - b) <= 1e-5f * (1.0f + std::fabs(b));
}

// [SECTION] Traces agree with the engine

void traces_agree(bool one_d, std::uint32_t seed, int scenes) {
  std::mt19937 gen(seed);
  for (int i = 0; i < scenes; ++i) {
    const Scene s = testing::random_scene(gen, one_d);
    Result<SceneRun> run = run_scene_full(s);
    ASSERT_TRUE(run.ok());
    for (std::size_t l = 0; l < s.layers.size(); ++l) {
      const Tensor& out = run->outputs[l];
      const Geometry2D& g = run->plan.geometry[l];
      const bool conv = is_conv(s.layers[l].type);
      for (int y = 0; y < out.shape.h; ++y) {
        for (int x = 0; x < out.shape.w; ++x) {
          for (int c = 0; c < out.shape.c; ++c) {
            Result<ElementTrace> t = trace_scene_element(s, *run, static_cast<int>(l), y, x, c);
            ASSERT_TRUE(t.ok()) << to_string(t.error());
            const std::string at = "seed " + std::to_string(seed) + " scene " + std::to_string(i) +
                                   " layer " + std::to_string(l) + " at " + std::to_string(y) +
                                   "," + std::to_string(x) + "," + std::to_string(c);
            ASSERT_TRUE(close(t->value, out.at(y, x, c)))
                << at << ": trace " << t->value << " engine " << out.at(y, x, c);
            ASSERT_EQ(t->taps.size(), static_cast<std::size_t>(g.kh) * g.kw * (conv ? g.in_c : 1))
                << at;
            if (conv) {
              ASSERT_TRUE(close(t->sum()->pre_activation, run->pre_activation[l].at(y, x, c))) << at;
              ASSERT_EQ(t->sum()->sum, t->taps.back().running) << at;
            }
          }
        }
      }
    }
  }
}

TEST(Trace, AgreesWithEngineOnSeededScenes2D) { traces_agree(false, 2024u, 120); }
TEST(Trace, AgreesWithEngineOnSeededScenes1D) { traces_agree(true, 2025u, 80); }

TEST(Trace, RunningSumIsTheTapOrder) {
  std::mt19937 gen(77u);
  Scene s;
  s.input = ramp(5, 5, 3);
  Layer l = conv_layer(2, 3, 1, PaddingMode::kSame);
  l.kernel.resize(3 * 3 * 3 * 2);
  for (float& w : l.kernel) w = testing::random_value(gen);
  l.bias = {0.25f, -0.5f};
  s.layers.push_back(l);
  Result<SceneRun> run = run_scene_full(s);
  ASSERT_TRUE(run.ok());
  Result<ElementTrace> t = trace_scene_element(s, *run, 0, 0, 4, 1);
  ASSERT_TRUE(t.ok());
  float running = 0.0f;
  int padding = 0;
  for (std::size_t i = 0; i < t->taps.size(); ++i) {
    const TraceTap& p = t->taps[i];
    // Order: ky, kx, ci.
    EXPECT_EQ(static_cast<int>(i), (p.ky * 3 + p.kx) * 3 + p.ci);
    EXPECT_EQ(p.weight, l.kernel[i * 2 + 1]) << "HWIO index of filter 1";
    if (p.padding) {
      ++padding;
      EXPECT_EQ(p.product, 0.0f);
      EXPECT_EQ(p.iy, -1);
    } else {
      EXPECT_EQ(p.input, s.input.at(p.iy, p.ix, p.ci));
      EXPECT_EQ(p.product, p.input * p.weight);
      running += p.product;
    }
    EXPECT_EQ(p.running, running);
  }
  // Top-right corner with 'same' 3x3: the top row and the right column are
  // padding: (3 + 3 - 1) cells x 3 channels.
  EXPECT_EQ(padding, 15);
  EXPECT_EQ(t->sum()->bias, -0.5f);
  EXPECT_EQ(t->sum()->pre_activation, running - 0.5f);
}

// [SECTION] Hand-worked traces

// TF 'same', 6x6 input, 3x3 kernel, stride 2: out 3x3, padding 0 top/left and
// 1 bottom/right (the padded input is 7x7).
TEST(Trace, SameStrideTwoWalk) {
  Scene s;
  s.input = ramp(6, 6, 1);
  Layer l = conv_layer(1, 3, 2, PaddingMode::kSame);
  l.kernel.assign(9, 1.0f);
  l.bias = {0.0f};
  s.layers.push_back(l);
  Result<SceneRun> run = run_scene_full(s);
  ASSERT_TRUE(run.ok());
  const Geometry2D& g = run->plan.geometry[0];
  ASSERT_EQ(g.pad_top, 0);
  ASSERT_EQ(g.pad_bottom, 1);

  // Step 0: the window starts at the real top-left cell; nothing is padding.
  Result<ElementTrace> t0 = trace_scene_element(s, *run, 0, 0, 0, 0);
  ASSERT_TRUE(t0.ok());
  EXPECT_EQ(t0->origin_y, 0);
  EXPECT_EQ(t0->origin_x, 0);
  for (const TraceTap& p : t0->taps) EXPECT_FALSE(p.padding);
  EXPECT_EQ(t0->value, 1 + 2 + 3 + 7 + 8 + 9 + 13 + 14 + 15);

  // Step 4 of the walk is output (1, 1), window origin (2, 2).
  const WindowStep w4 = window_at_step(g, 4);
  EXPECT_EQ(w4.out_y, 1);
  EXPECT_EQ(w4.out_x, 1);
  EXPECT_EQ(w4.origin_y, 2);
  EXPECT_EQ(w4.origin_x, 2);

  // Step 8, output (2, 2): origin (4, 4); the taps in padded row 6 or
  // column 6 (5 of the 9) are padding; the value is 29+30+35+36.
  const WindowStep w8 = window_at_step(g, 8);
  Result<ElementTrace> t8 = trace_scene_element(s, *run, 0, w8.out_y, w8.out_x, 0);
  ASSERT_TRUE(t8.ok());
  EXPECT_EQ(t8->step, 8);
  EXPECT_EQ(t8->origin_y, 4);
  EXPECT_EQ(t8->origin_x, 4);
  int padding = 0;
  for (const TraceTap& p : t8->taps) {
    EXPECT_EQ(p.padding, p.py == 6 || p.px == 6) << p.py << "," << p.px;
    if (!p.padding) {
      EXPECT_EQ(p.iy, p.py);  // no top/left padding: same coordinates
      EXPECT_EQ(p.ix, p.px);
    }
    padding += p.padding;
  }
  EXPECT_EQ(padding, 5);
  EXPECT_EQ(t8->value, 29 + 30 + 35 + 36);
  EXPECT_EQ(t8->value, run->outputs[0].at(2, 2, 0));
}

// 5x5, 3x3, stride 2, 'same': total padding 2, split 1/1; so here the top
// row of the first window *is* padding.
TEST(Trace, SameStrideTwoEvenSplit) {
  Layer l = conv_layer(1, 3, 2, PaddingMode::kSame);
  l.kernel.assign(9, 1.0f);
  l.bias = {0.0f};
  const Tensor in = ramp(5, 5, 1);
  Result<LayerPlan> g = layer_plan(l, in.shape);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->g.pad_top, 1);
  EXPECT_EQ(g->g.pad_bottom, 1);
  Result<ElementTrace> t = trace_element(l, *g, in, 0, 0, 0);
  ASSERT_TRUE(t.ok());
  for (const TraceTap& p : t->taps) {
    EXPECT_EQ(p.padding, p.ky == 0 || p.kx == 0);
    if (!p.padding) {
      EXPECT_EQ(p.iy, p.py - 1);
      EXPECT_EQ(p.ix, p.px - 1);
    }
  }
  EXPECT_EQ(t->value, 1 + 2 + 6 + 7);
}

TEST(Trace, MaxPoolingChoosesTheFirstMaxAndShowsPaddingAsMinusInfinity) {
  // 3x3 input, 2x2 pool, stride 2, 'same': out 2x2, padding bottom/right 1.
  Tensor in = ramp(3, 3, 1);
  in.data[0] = 5.0f;  // ties with (1, 1) = 5: the first one wins
  Layer l = pool_layer(LayerType::kMaxPooling2D, 2, 2, PaddingMode::kSame);
  Result<LayerPlan> g = layer_plan(l, in.shape);
  ASSERT_TRUE(g.ok());
  Result<ElementTrace> t = trace_element(l, *g, in, 0, 0, 0);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->value, 5.0f);
  EXPECT_EQ(t->max()->chosen_tap, 0);
  t = trace_element(l, *g, in, 1, 1, 0);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->taps.size(), 4u);
  EXPECT_FALSE(t->taps[0].padding);
  for (int i = 1; i < 4; ++i) {
    EXPECT_TRUE(t->taps[static_cast<std::size_t>(i)].padding);
    EXPECT_EQ(t->taps[static_cast<std::size_t>(i)].input, -std::numeric_limits<float>::infinity());
  }
  EXPECT_EQ(t->max()->chosen_tap, 0);
  EXPECT_EQ(t->value, 9.0f);
  // A NaN decides the window (it is sticky, as in the engine).
  in.data[4] = std::numeric_limits<float>::quiet_NaN();  // (1, 1)
  t = trace_element(l, *g, in, 0, 0, 0);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(std::isnan(t->value));
  EXPECT_EQ(t->max()->chosen_tap, 3);
}

TEST(Trace, AveragePoolingCountsBothWays) {
  const Tensor in = ramp(3, 3, 1);
  for (bool include : {false, true}) {
    SCOPED_TRACE(include);
    Scene s;
    s.input = in;
    Layer l = pool_layer(LayerType::kAveragePooling2D, 2, 2, PaddingMode::kSame);
    l.count_include_pad = include;
    s.layers.push_back(l);
    Result<SceneRun> run = run_scene_full(s);
    ASSERT_TRUE(run.ok());
    // Window (0, 1): real cells (0, 2) = 3 and (1, 2) = 6, two padding cells.
    Result<ElementTrace> t = trace_scene_element(s, *run, 0, 0, 1, 0);
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->average()->sum, 9.0f);
    EXPECT_EQ(t->average()->count_real, 2);
    EXPECT_EQ(t->average()->count_window, 4);
    EXPECT_EQ(t->average()->value_keras, 4.5f);
    EXPECT_EQ(t->average()->value_include_pad, 2.25f);
    EXPECT_EQ(t->average()->divisor, include ? 4.0f : 2.0f);
    EXPECT_EQ(t->value, include ? 2.25f : 4.5f);
    EXPECT_EQ(t->value, run->outputs[0].at(0, 1, 0));
  }
}

TEST(Trace, PositionOutsideTheOutputIsAnError) {
  Scene s;
  s.input = ramp(4, 4, 1);
  s.layers.push_back(pool_layer(LayerType::kMaxPooling2D, 2, 2, PaddingMode::kValid));
  Result<SceneRun> run = run_scene_full(s);
  ASSERT_TRUE(run.ok());
  Result<ElementTrace> t = trace_scene_element(s, *run, 0, 2, 0, 0);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().where, "layers[0]");
  EXPECT_NE(t.error().message.find("outside the output of shape [2, 2, 1]"), std::string::npos);
  EXPECT_FALSE(trace_scene_element(s, *run, 1, 0, 0, 0).ok());
  EXPECT_FALSE(trace_scene_element(s, *run, 0, 0, 0, 1).ok());
}

// [SECTION] Stride walk

Geometry2D axis_geometry(int n, int k, int s, int d, PaddingMode mode) {
  Geometry2D g;
  g.in_h = g.in_w = n;
  g.in_c = g.filters = 1;
  g.kh = g.kw = k;
  g.sh = g.sw = s;
  g.dh = g.dw = d;
  return resolve_geometry(g, mode);
}

TEST(StrideWalk, StepsAreRowMajor) {
  const Geometry2D g = axis_geometry(6, 3, 2, 1, PaddingMode::kSame);
  const StrideWalk w = stride_walk(g);
  ASSERT_EQ(w.steps.size(), 9u);
  for (int k = 0; k < 9; ++k) {
    const WindowStep& s = w.steps[static_cast<std::size_t>(k)];
    EXPECT_EQ(s.step, k);
    EXPECT_EQ(s.out_y, k / 3);
    EXPECT_EQ(s.out_x, k % 3);
    EXPECT_EQ(s.origin_y, 2 * (k / 3));
    EXPECT_EQ(s.origin_x, 2 * (k % 3));
  }
  EXPECT_TRUE(w.uncovered_rows.empty());
  EXPECT_EQ(w.dropped_rows, 0);
  static_assert(
      window_at_step(Geometry2D{6, 6, 1, 1, 3, 3, 2, 2, 1, 1, 0, 1, 0, 1, 3, 3}, 5).origin_x == 4);
}

TEST(StrideWalk, FloorDropsTheLastRow) {
  // 'valid', n = 6, k = 3, s = 2: windows start at 0 and 2; row 5 is never
  // read because (6 - 3) % 2 = 1.
  const StrideWalk w = stride_walk(axis_geometry(6, 3, 2, 1, PaddingMode::kValid));
  EXPECT_EQ(w.uncovered_rows, (std::vector<int>{5}));
  EXPECT_EQ(w.uncovered_cols, (std::vector<int>{5}));
  EXPECT_EQ(w.dropped_rows, 1);
  EXPECT_TRUE(w.skipped_rows.empty());
}

TEST(StrideWalk, StrideLargerThanKernelLeavesGaps) {
  // n = 7, k = 1, s = 3: windows read rows 0, 3, 6 only.
  const StrideWalk w = stride_walk(axis_geometry(7, 1, 3, 1, PaddingMode::kValid));
  EXPECT_EQ(w.uncovered_rows, (std::vector<int>{1, 2, 4, 5}));
  EXPECT_EQ(w.dropped_rows, 0);
}

TEST(StrideWalk, DilationHolesAreSkippedNotUncovered) {
  // n = 4, k = 2, d = 3: one window spanning rows 0..3, reading 0 and 3.
  const StrideWalk w = stride_walk(axis_geometry(4, 2, 1, 3, PaddingMode::kValid));
  EXPECT_EQ(w.steps.size(), 1u);
  EXPECT_TRUE(w.uncovered_rows.empty());
  EXPECT_EQ(w.skipped_rows, (std::vector<int>{1, 2}));
}

// [SECTION] Receptive fields

Scene conv_pool_scene(int n, const Layer& conv) {
  Scene s;
  s.input = ramp(n, n, 2);
  Layer c = conv;
  c.kernel.assign(static_cast<std::size_t>(c.kernel_size[0]) * c.kernel_size[1] * 2 * c.filters,
                  1.0f);
  c.bias.assign(static_cast<std::size_t>(c.filters), 0.0f);
  s.layers.push_back(c);
  s.layers.push_back(pool_layer(LayerType::kMaxPooling2D, 2, 2, PaddingMode::kValid));
  return s;
}

TEST(ReceptiveField, ThroughConvAndPool) {
  // 8x8 -> conv 3x3 valid -> 6x6 -> max pool 2 -> 3x3.
  const Scene s = conv_pool_scene(8, conv_layer(3, 3, 1, PaddingMode::kValid));
  Result<FieldStack> f = receptive_field(s, 1, 1, 2, 1);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  ASSERT_EQ(f->masks.size(), 3u);
  const CellMask& top = f->masks[2];
  EXPECT_EQ(top.count, 1);
  EXPECT_EQ(top.channel, 1);
  // Pool output (1, 2) reads conv cells rows 2..3, cols 4..5 of channel 1.
  const CellMask& mid = f->masks[1];
  EXPECT_EQ(mid.count, 4);
  EXPECT_EQ(mid.channel, 1);
  EXPECT_EQ(mid.y0, 2);
  EXPECT_EQ(mid.y1, 3);
  EXPECT_EQ(mid.x0, 4);
  EXPECT_EQ(mid.x1, 5);
  // Those read input rows 2..5, cols 4..7, every channel (the conv mixes them).
  const CellMask& in = f->masks[0];
  EXPECT_EQ(in.count, 16);
  EXPECT_EQ(in.channel, -1);
  EXPECT_EQ(in.y0, 2);
  EXPECT_EQ(in.y1, 5);
  EXPECT_EQ(in.x0, 4);
  EXPECT_EQ(in.x1, 7);
  EXPECT_TRUE(in.at(5, 7));
  EXPECT_FALSE(in.at(1, 4));
}

TEST(ReceptiveField, DilationLeavesHolesAndPaddingIsNotPartOfIt) {
  // 3x3 kernel, dilation 2 over 7x7 'valid': reads rows/cols {0, 2, 4}.
  Scene s = conv_pool_scene(7, conv_layer(1, 3, 1, PaddingMode::kValid, 2));
  Result<FieldStack> f = receptive_field(s, 0, 0, 0, 0);
  ASSERT_TRUE(f.ok());
  const CellMask& in = f->masks[0];
  EXPECT_EQ(in.count, 9);
  EXPECT_TRUE(in.at(2, 4));
  EXPECT_FALSE(in.at(1, 1));
  EXPECT_EQ(in.y1, 4);
  // 'same' at a corner: only the 2x2 real cells.
  s = conv_pool_scene(4, conv_layer(1, 3, 1, PaddingMode::kSame));
  f = receptive_field(s, 0, 0, 0, 0);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->masks[0].count, 4);
}

// For every input cell and every output cell of the last layer:
// out in projective_field(in)  <=>  in in receptive_field(out).
TEST(ReceptiveField, ProjectiveFieldIsTheInverse) {
  std::mt19937 gen(31337u);
  for (int i = 0; i < 25; ++i) {
    Scene s = testing::random_scene(gen, i % 4 == 3, 3);
    if (s.layers.empty()) continue;
    const int last = static_cast<int>(s.layers.size()) - 1;
    Result<ScenePlan> plan = validate_scene(s);
    ASSERT_TRUE(plan.ok());
    const TensorShape& in = plan->shapes[0];
    const TensorShape& out = plan->shapes.back();
    for (int iy = 0; iy < in.h; ++iy) {
      for (int ix = 0; ix < in.w; ++ix) {
        Result<FieldStack> fwd = projective_field(s, last, iy, ix, 0);
        ASSERT_TRUE(fwd.ok());
        const CellMask& hit = fwd->masks.back();
        for (int oy = 0; oy < out.h; ++oy) {
          for (int ox = 0; ox < out.w; ++ox) {
            // Channel 0 of the output: reached from input channel 0 unless
            // the path has no conv and the channel differs (it does not here).
            Result<FieldStack> back = receptive_field(s, last, oy, ox, 0);
            ASSERT_TRUE(back.ok());
            ASSERT_EQ(hit.at(oy, ox), back->masks[0].at(iy, ix))
                << "seed 31337 scene " << i << " in " << iy << "," << ix << " out " << oy << ","
                << ox;
          }
        }
      }
    }
  }
}

TEST(ReceptiveField, BadPositionsAreErrors) {
  const Scene s = conv_pool_scene(8, conv_layer(1, 3, 1, PaddingMode::kValid));
  EXPECT_FALSE(receptive_field(s, 1, 3, 0, 0).ok());
  EXPECT_FALSE(receptive_field(s, 2, 0, 0, 0).ok());
  EXPECT_FALSE(projective_field(s, 0, 0, 8, 0).ok());
  EXPECT_FALSE(projective_field(s, 0, 0, 0, 2).ok());
}

// [SECTION] Code lines

TEST(CodeLines, Keras) {
  Layer c = conv_layer(10, 3, 1, PaddingMode::kSame);
  c.activation = Activation::kRelu;
  EXPECT_EQ(keras_line(c),
            "keras.layers.Conv2D(10, kernel_size=(3, 3), strides=1, padding='same', "
            "activation='relu')");
  c = conv_layer(4, 5, 2, PaddingMode::kValid);
  c.strides = {2, 1};
  c.use_bias = false;
  EXPECT_EQ(keras_line(c),
            "keras.layers.Conv2D(4, kernel_size=(5, 5), strides=(2, 1), padding='valid', "
            "use_bias=False)");
  Layer c1;
  c1.type = LayerType::kConv1D;
  c1.filters = 2;
  c1.kernel_size = {1, 3};
  c1.dilation_rate = {1, 2};
  c1.padding = PaddingMode::kSame;
  c1.activation = Activation::kTanh;
  EXPECT_EQ(keras_line(c1),
            "keras.layers.Conv1D(2, kernel_size=3, strides=1, padding='same', "
            "dilation_rate=2, activation='tanh')");
  EXPECT_EQ(keras_line(pool_layer(LayerType::kMaxPooling2D, 2, 2, PaddingMode::kValid)),
            "keras.layers.MaxPooling2D(2)");
  EXPECT_EQ(keras_line(pool_layer(LayerType::kAveragePooling2D, 3, 1, PaddingMode::kSame)),
            "keras.layers.AveragePooling2D(3, strides=1, padding='same')");
  // Explicit padding has no Keras keyword: a ZeroPadding layer first.
  c = conv_layer(1, 3, 1, PaddingMode::kExplicit);
  c.pads = {1, 0, 2, 1};
  EXPECT_EQ(keras_line(c),
            "keras.layers.ZeroPadding2D(padding=((1, 0), (2, 1)))\n"
            "keras.layers.Conv2D(1, kernel_size=(3, 3), strides=1, padding='valid')");
  // Zero padding before a max pool is only right for non-negative inputs.
  const std::string full_max =
      keras_line(pool_layer(LayerType::kMaxPooling2D, 2, 1, PaddingMode::kFull));
  EXPECT_EQ(full_max.rfind('#', 0), 0u) << full_max;
  EXPECT_NE(full_max.find(
                "ZeroPadding2D(padding=((1, 1), (1, 1)))\nkeras.layers.MaxPooling2D(2, strides=1)"),
            std::string::npos)
      << full_max;
}

TEST(CodeLines, PyTorch) {
  Layer c = conv_layer(10, 3, 1, PaddingMode::kSame);
  c.activation = Activation::kRelu;
  c.kernel.assign(90, 0.0f);
  c.bias.assign(10, 0.0f);
  EXPECT_EQ(pytorch_line(c, TensorShape{28, 28, 1, false}),
            "# weights: torch_kernel = keras_kernel.permute(3, 2, 0, 1)\n"
            "nn.Conv2d(1, 10, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))\n"
            "nn.ReLU()");
  // TF 'same' at stride 2 on 6x6 pads only bottom/right: PyTorch needs an
  // explicit ZeroPad2d((left, right, top, bottom)) first.
  c = conv_layer(1, 3, 2, PaddingMode::kSame);
  c.kernel.assign(9, 0.0f);
  c.bias.assign(1, 0.0f);
  EXPECT_EQ(pytorch_line(c, TensorShape{6, 6, 1, false}),
            "nn.ZeroPad2d((0, 1, 0, 1))\n"
            "# weights: torch_kernel = keras_kernel.permute(3, 2, 0, 1)\n"
            "nn.Conv2d(1, 1, kernel_size=(3, 3), stride=(2, 2), padding=0)");
  // Max pooling pads with -inf.
  EXPECT_EQ(pytorch_line(pool_layer(LayerType::kMaxPooling2D, 2, 2, PaddingMode::kSame),
                         TensorShape{3, 3, 4, false}),
            "nn.ConstantPad2d((0, 1, 0, 1), float('-inf'))\n"
            "nn.MaxPool2d(kernel_size=(2, 2), stride=(2, 2), padding=0)");
  // Symmetric 'same' average pooling maps to count_include_pad=False.
  EXPECT_EQ(pytorch_line(pool_layer(LayerType::kAveragePooling2D, 3, 1, PaddingMode::kSame),
                         TensorShape{5, 5, 1, false}),
            "nn.AvgPool2d(kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), "
            "count_include_pad=False)");
}

}  // namespace
}  // namespace cs
