// soak_test.cpp - 10,000 "frames" of what a student does, driving cs::Session
// headless: painting cells (NaN and Infinity too), editing weights, changing
// every layer parameter, adding and removing layers, resizing the input,
// undo/redo/reset, walking, playing, hovering and pinning cells (some outside
// the tensor). Every frame checks the session's invariants; natively the
// resident set (/proc/self/statm) after warm-up must stay flat.
// [SECTION] Random edits
// [SECTION] Invariants
// [SECTION] The soak
#include <gtest/gtest.h>

#include "layer_kinds.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <random>
#include <string>

#include "core/scene.h"
#include "core/scene_edit.h"
#include "core/validate.h"
#include "model/presets.h"
#include "model/session.h"

#if defined(__EMSCRIPTEN__)
#include <emscripten/heap.h>
#elif defined(__linux__)
#include <unistd.h>
#endif

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define CONVSCOPE_SOAK_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define CONVSCOPE_SOAK_SANITIZED 1
#endif

namespace cs {
namespace {

using testing::is_conv;
using testing::is_pool;
using testing::pool_kind;

constexpr int kFrames = 10000;
constexpr int kWarmUpFrames = 1000;

// [SECTION] Random edits

// 2 for average pooling (the only layer with count_include_pad), else 0/1.
int pool_kind_or_none(LayerType t) {
  return !is_pool(t) ? 0 : pool_kind(t) == PoolKind::kAverage ? 2 : 1;
}

class Student {
 public:
  explicit Student(std::uint32_t seed) : gen_(seed) {}

  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen_); }
  bool chance(int percent) { return pick(0, 99) < percent; }
  float value() {
    switch (pick(0, 40)) {
      case 0:
        return std::numeric_limits<float>::quiet_NaN();
      case 1:
        return std::numeric_limits<float>::infinity();
      case 2:
        return -std::numeric_limits<float>::infinity();
      default:
        return static_cast<float>(pick(-9, 9)) * 0.5f;
    }
  }

  // One frame: one edit or walk action, then what the views read.
  void frame(Session& s) {
    Scene sc = s.scene();
    const int layers = static_cast<int>(sc.layers.size());
    Layer* l = layers ? &sc.layers[static_cast<std::size_t>(pick(0, layers - 1))] : nullptr;
    const bool one_d = sc.input.shape.one_d;
    const int action = pick(0, 99);
    if (action < 15) {  // paint a cell: one drag of several frames
      if (!sc.input.data.empty()) {
        sc.input
            .data[static_cast<std::size_t>(pick(0, static_cast<int>(sc.input.data.size()) - 1))] =
            value();
        s.apply(sc, "paint input", true);
        if (chance(30)) s.end_gesture();
      }
    } else if (action < 27) {  // a kernel weight or bias
      if (l && is_conv(l->type) && !l->kernel.empty()) {
        if (chance(80)) {
          l->kernel[static_cast<std::size_t>(pick(0, static_cast<int>(l->kernel.size()) - 1))] =
              value();
        } else if (!l->bias.empty()) {
          l->bias[static_cast<std::size_t>(pick(0, static_cast<int>(l->bias.size()) - 1))] =
              value();
        }
        s.apply(sc, "edit weight", chance(50));
      }
    } else if (action < 45) {  // a layer parameter
      if (!l) return;
      switch (pick(0, 7)) {
        case 0:
          l->kernel_size = {one_d ? 1 : pick(1, 5), pick(1, 5)};
          break;
        case 1:
          l->strides = {one_d ? 1 : pick(1, 3), pick(1, 3)};
          break;
        case 2:
          if (is_conv(l->type)) l->dilation_rate = {one_d ? 1 : pick(1, 3), pick(1, 3)};
          break;
        case 3:
          l->padding = static_cast<PaddingMode>(pick(0, 3));
          l->pads = {0, 0, 0, 0};
          if (l->padding == PaddingMode::kExplicit) {
            l->pads = {one_d ? 0 : pick(0, 2), one_d ? 0 : pick(0, 2), pick(0, 2), pick(0, 2)};
          }
          break;
        case 4:
          if (is_conv(l->type)) l->filters = pick(1, 4);
          break;
        case 5:
          if (is_conv(l->type)) l->activation = static_cast<Activation>(pick(0, 3));
          break;
        case 6:
          if (is_conv(l->type)) {
            l->use_bias = !l->use_bias;
            l->bias.assign(l->use_bias ? static_cast<std::size_t>(l->filters) : 0, 0.0f);
          }
          break;
        default:
          if (pool_kind_or_none(l->type) == 2) l->count_include_pad = !l->count_include_pad;
          break;
      }
      s.apply(sc, "parameter");
    } else if (action < 50) {  // add or remove a layer
      if (layers > 1 && (layers >= 4 || chance(50))) {
        sc.layers.erase(sc.layers.begin() + pick(0, layers - 1));
        s.apply(sc, "remove layer");
      } else {
        Layer n;
        const int kind = pick(0, 2);
        n.type = one_d ? (kind == 0   ? LayerType::kConv1D
                          : kind == 1 ? LayerType::kMaxPooling1D
                                      : LayerType::kAveragePooling1D)
                       : (kind == 0   ? LayerType::kConv2D
                          : kind == 1 ? LayerType::kMaxPooling2D
                                      : LayerType::kAveragePooling2D);
        n.kernel_size = {one_d ? 1 : 2, 2};
        n.strides = kind == 0 ? std::array<int, 2>{1, 1} : n.kernel_size;
        n.padding = PaddingMode::kSame;
        if (kind == 0) n.filters = pick(1, 3);  // weights: fit_weights (in apply) sizes them
        sc.layers.insert(sc.layers.begin() + pick(0, layers), n);
        s.apply(sc, "add layer");
      }
    } else if (action < 54) {  // resize the input
      // One pick per statement: argument order differs between compilers,
      // and a seed must replay the same frames with GCC, clang and emcc.
      const int h = one_d ? 1 : pick(1, 12);
      const int w = pick(1, 12);
      resize_input(&sc, h, w, pick(1, 3));
      s.apply(sc, "input size");
    } else if (action < 57) {  // a kernel preset on one slice
      if (l && is_conv(l->type)) {
        const auto preset = static_cast<KernelPreset>(pick(0, 8));
        const std::vector<float> k = make_kernel(preset, l->kernel_size[0], l->kernel_size[1],
                                                 static_cast<std::uint32_t>(pick(0, 99)));
        const int in_c = layer_in_channels(sc, static_cast<int>(l - sc.layers.data()));
        if (l->kernel.size() ==
            k.size() * static_cast<std::size_t>(in_c) * static_cast<std::size_t>(l->filters)) {
          for (int ky = 0; ky < l->kernel_size[0]; ++ky)
            for (int kx = 0; kx < l->kernel_size[1]; ++kx)
              l->kernel[hwio_index(*l, in_c, ky, kx, 0, 0)] =
                  k[static_cast<std::size_t>(ky * l->kernel_size[1] + kx)];
          s.apply(sc, "kernel preset");
        }
      }
    } else if (action < 67) {
      s.undo();
    } else if (action < 72) {
      s.redo();
    } else if (action < 73) {
      s.reset();
    } else if (action < 85) {  // walk
      switch (pick(0, 5)) {
        case 0:
          s.set_layer(pick(-1, layers));
          break;
        case 1:
          s.set_filter(pick(-1, 4));
          break;
        case 2:
          s.step_by(pick(-3, 3));
          break;
        case 3:
          s.set_step(pick(-5, 200));
          break;
        case 4:
          s.set_playing(!s.playing());
          break;
        default:
          s.set_speed(static_cast<float>(pick(0, 80)));
          break;
      }
    } else if (action < 97) {  // pointer over the stack (sometimes off it)
      const CellRef c{pick(-1, layers + 1), pick(-2, 14), pick(-2, 14), pick(-1, 4)};
      if (chance(70)) {
        s.hover(c);
      } else if (chance(80)) {
        s.pin(c);
      } else {
        s.unpin();
      }
    } else if (action < 98) {  // switch between the 2D and 1D examples
      s.load_json(one_d ? two_d_json_ : one_d_json_);
    } else {  // save and reopen, as a shared link does
      const std::string json = s.to_json();
      if (s.valid()) {
        ASSERT_TRUE(s.load_json(json)) << s.load_error();
      } else if (!s.load_json(json)) {  // refused with the reason, and nothing changes
        ASSERT_FALSE(s.load_error().empty());
        ASSERT_EQ(s.to_json(), json);
      }
    }
    s.tick(1.0f / 60.0f);
    // What the views read every frame.
    (void)s.trail(8);
    (void)s.stride_walk();
    (void)s.walk_pre_activation();
    (void)s.field();
  }

 private:
  std::mt19937 gen_;
  const std::string two_d_json_ = Session().to_json();
  const std::string one_d_json_ =
      R"({"version": 1, "input": {"shape": [10, 1], "data": [0, 1, 2, 3, 4, 5, 4, 3, 2, 1]},
          "layers": [{"type": "Conv1D", "filters": 2, "kernel_size": 3, "padding": "same",
                      "kernel": [1, 0, 0, 1, -1, 0]}, {"type": "MaxPooling1D", "pool_size": 2}]})";
};

// [SECTION] Invariants

bool same_value(float a, float b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  // The trace sums in tap order, the fast kernels in vector order: allow
  // float rounding of a few ulps on sums of up to 5*5*4 products of halves.
  return std::fabs(a - b) <= 1e-4f * std::max(1.0f, std::max(std::fabs(a), std::fabs(b)));
}

void check_invariants(const Session& s, int frame) {
  SCOPED_TRACE("frame " + std::to_string(frame));
  const Scene& sc = s.scene();
  const int layers = static_cast<int>(sc.layers.size());
  ASSERT_EQ(s.valid(), validate_scene(sc).ok()) << s.error();
  ASSERT_LE(s.history().size(), 100u);
  if (!s.valid()) {
    ASSERT_FALSE(s.error().empty());
    ASSERT_EQ(s.geometry(), nullptr);
    ASSERT_EQ(s.trace(), nullptr);
    ASSERT_EQ(s.step_count(), 0);
    return;
  }
  ASSERT_TRUE(s.error().empty());
  ASSERT_EQ(static_cast<int>(s.run().outputs.size()), layers);
  for (const Tensor& t : s.run().outputs)
    ASSERT_EQ(static_cast<std::int64_t>(t.data.size()), t.shape.elements());
  ASSERT_GE(s.layer(), 0);
  ASSERT_LT(s.layer(), layers);
  const Geometry2D* g = s.geometry();
  ASSERT_NE(g, nullptr);
  ASSERT_GE(s.filter(), 0);
  ASSERT_LT(s.filter(), std::max(1, g->filters));
  ASSERT_EQ(s.step_count(), g->out_h * g->out_w);
  if (s.step_count() == 0) return;
  ASSERT_GE(s.step(), 0);
  ASSERT_LT(s.step(), s.step_count());
  const ElementTrace* t = s.trace();
  ASSERT_NE(t, nullptr);
  const WindowStep w = window_at_step(*g, s.step());
  const float shown = s.walk_output()->at(w.out_y, w.out_x, s.filter());
  ASSERT_TRUE(same_value(t->value, shown)) << t->value << " vs " << shown;
}

// Natively the resident set in bytes (/proc/self/statm); in WebAssembly the
// size of the linear memory (it only grows, so growth means the heap needed
// more); -1 if neither is available.
long resident_bytes() {
#if defined(__EMSCRIPTEN__)
  return static_cast<long>(emscripten_get_heap_size());
#else
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return -1;
  long size = 0, resident = 0;
  const int n = std::fscanf(f, "%ld %ld", &size, &resident);
  std::fclose(f);
#ifdef __linux__
  const long page = sysconf(_SC_PAGESIZE);
#else
  const long page = 4096;
#endif
  return n == 2 ? resident * page : -1;
#endif
}

#if defined(__EMSCRIPTEN__)
constexpr const char* kMemoryName = "wasm linear memory";
#else
constexpr const char* kMemoryName = "resident set";
#endif

// [SECTION] The soak

TEST(Soak, TenThousandFramesOfEditsUndoAndWalking) {
  const std::uint32_t seed = 20261130u;
  Student student(seed);
  Session s;
  ASSERT_TRUE(s.valid()) << s.error();
  long warm = -1, peak = -1;
  int invalid_frames = 0, undos = 0;
  for (int frame = 0; frame < kFrames; ++frame) {
    const std::size_t before = s.history().size();
    student.frame(s);
    if (s.history().size() < before) ++undos;
    invalid_frames += !s.valid();
    check_invariants(s, frame);
    if (::testing::Test::HasFatalFailure()) {
      ADD_FAILURE() << "seed " << seed << ", frame " << frame << ", scene: " << s.to_json();
      return;
    }
    if (frame % 500 == 0 && s.valid()) {  // saving a valid scene is lossless
      const std::string json = s.to_json();
      Result<Scene> back = parse_scene(json);
      ASSERT_TRUE(back.ok()) << "seed " << seed << " frame " << frame << ": "
                             << to_string(back.error());
      ASSERT_EQ(scene_to_json(*back), json) << "seed " << seed << " frame " << frame;
    }
    if (frame == kWarmUpFrames) warm = resident_bytes();
    if (frame > kWarmUpFrames) peak = std::max(peak, resident_bytes());
  }
  const long end = resident_bytes();
  std::cout << "soak: " << kFrames << " frames (seed " << seed << "), " << invalid_frames
            << " with an invalid scene, " << undos << " history shrinks\n";
  // Some frames must have been invalid and some undone, or the soak did not
  // explore the error paths.
  EXPECT_GT(invalid_frames, 0);
  EXPECT_GT(undos, 0);
  if (warm < 0) {
    std::cout << "soak: no memory figure on this platform; not measured\n";
    return;
  }
  std::cout << "soak: " << kMemoryName << " after " << kWarmUpFrames << " frames " << warm / 1024
            << " KiB, peak " << peak / 1024 << " KiB, at the end " << end / 1024 << " KiB, growth "
            << (end - warm) / 1024 << " KiB\n";
  ::testing::Test::RecordProperty("rss_growth_kib", static_cast<int>((end - warm) / 1024));
#ifndef CONVSCOPE_SOAK_SANITIZED
  // Undo keeps at most 100 snapshots of scenes of a few KiB, so the steady
  // state is reached well within the warm-up; 4 MiB leaves room for the
  // allocator's own slack without hiding a per-frame leak (10 KiB * 9000).
  EXPECT_LT(peak - warm, 4L << 20) << kMemoryName << " grew after warm-up";
#else
  // ASan's quarantine holds freed memory (up to 256 MiB) on purpose; leaks
  // are LeakSanitizer's job in this build.
#endif
}

}  // namespace
}  // namespace cs
