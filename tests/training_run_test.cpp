// training_run_test.cpp - training in steps: the Trainer cut into one-batch
// steps, and the Network tab's TrainingRun in frame slices and on its
// thread, give fit()'s weights bit for bit; pause holds, stop keeps the
// weights reached; the confusion matrix and mistakes agree with the
// accuracy; Reset weights is seeded.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <memory>
#include <random>
#include <thread>

#include "core/scene.h"
#include "core/train/fit.h"
#include "core/train/trainer.h"
#include "model/train_pictures.h"
#include "model/training_run.h"

namespace cs {
namespace {

// Three classes of 6x6 pictures: a bright bar on the left, middle or right, with noise.
Dataset bars(int n, std::uint32_t seed) {
  Dataset d;
  d.shape = TensorShape{6, 6, 1};
  d.classes = 3;
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> noise(0.0f, 0.5f);
  for (int i = 0; i < n; ++i) {
    const int label = i % 3;
    for (int y = 0; y < 6; ++y)
      for (int x = 0; x < 6; ++x) d.x.push_back(noise(gen) + (x / 2 == label ? 0.5f : 0.0f));
    d.y.push_back(label);
  }
  return d;
}

Scene model() {
  Result<Scene> s = parse_scene(R"({"version": 1, "seed": 3, "input": {"shape": [6, 6, 1]}, "layers": [
    {"type": "Conv2D", "filters": 4, "kernel_size": 3, "padding": "same", "activation": "relu"},
    {"type": "MaxPooling2D", "pool_size": 2},
    {"type": "BatchNormalization"},
    {"type": "Flatten"},
    {"type": "Dropout", "rate": 0.2},
    {"type": "Dense", "units": 3, "activation": "softmax"}]})");
  EXPECT_TRUE(s.ok());
  return s.ok() ? *s : Scene{};
}

TrainSettings settings() {
  TrainSettings t;
  t.epochs = 3, t.batch_size = 8, t.learning_rate = 0.01f, t.seed = 7;
  return t;
}

FitOptions fit_options() {
  FitOptions o;
  o.epochs = 3, o.batch_size = 8, o.optimizer.learning_rate = 0.01f, o.seed = 7;
  return o;
}

void expect_same_weights(const Scene& a, const std::vector<Layer>& b) {
  ASSERT_EQ(a.layers.size(), b.size());
  for (std::size_t i = 0; i < b.size(); ++i) {
    for (auto field : {&Layer::kernel, &Layer::bias}) {
      const std::vector<float>& x = a.layers[i].*field;
      const std::vector<float>& y = b[i].*field;
      ASSERT_EQ(x.size(), y.size()) << "layer " << i;
      if (x.empty()) continue;
      EXPECT_EQ(0, std::memcmp(x.data(), y.data(), x.size() * sizeof(float))) << "layer " << i;
    }
  }
}

struct Fixture {
  std::shared_ptr<const Dataset> train = std::make_shared<Dataset>(bars(100, 1));
  std::shared_ptr<const Dataset> val = std::make_shared<Dataset>(bars(30, 2));
  Scene fitted = model();
  FitHistory history;
  Fixture() {
    Result<FitHistory> h = fit(&fitted, *train, *val, fit_options());
    EXPECT_TRUE(h.ok());
    if (h.ok()) history = *h;
  }
};

TEST(Trainer, OneBatchStepsGiveFitsWeights) {
  Fixture f;
  Result<Trainer> t = Trainer::create(model(), f.train, f.val, fit_options());
  ASSERT_TRUE(t.ok()) << to_string(t.error());
  int steps = 0;
  while (!t->done()) t->step(1e9, 1), ++steps;
  EXPECT_EQ(steps, 3 * (13 + 4));  // 13 training and 4 validation batches an epoch
  expect_same_weights(f.fitted, t->scene().layers);
  EXPECT_EQ(t->history().val_loss, f.history.val_loss);
  EXPECT_EQ(t->examples_seen(), 300);
  const ValidationDetail& d = t->validation_detail();
  ASSERT_EQ(d.classes, 3);
  int total = 0, right = 0;
  for (int l = 0; l < 3; ++l)
    for (int p = 0; p < 3; ++p) total += d.confusion[l * 3 + p], right += l == p ? d.confusion[l * 3 + p] : 0;
  EXPECT_EQ(total, 30);
  EXPECT_NEAR(right / 30.0, f.history.val_accuracy.back(), 1e-12);
  EXPECT_EQ(d.mistakes.size(), static_cast<std::size_t>(30 - right));
  for (const Mistake& m : d.mistakes) {
    EXPECT_NE(m.label, m.predicted);
    EXPECT_EQ(m.label, f.val->y[m.index]);
  }
}

TEST(TrainingRun, FrameSlicesGiveFitsWeights) {
  Fixture f;
  TrainingRun run(false);
  run.set_data(f.train, f.val);
  Error e;
  ASSERT_TRUE(run.start(model(), settings(), &e)) << to_string(e);
  for (int i = 0; i < 100000 && run.state() == TrainState::kRunning; ++i) run.advance(0.0);
  EXPECT_EQ(run.state(), TrainState::kDone);
  std::uint64_t rev = 0;
  std::vector<Layer> layers;
  ASSERT_TRUE(run.take_weights(&rev, &layers));
  EXPECT_FALSE(run.take_weights(&rev, &layers));  // nothing newer
  expect_same_weights(f.fitted, layers);
  const TrainView v = run.view();
  EXPECT_EQ(v.batches_seen.size(), 3u * 13u);
  EXPECT_FLOAT_EQ(v.batches_seen.back().epochs, 3.0f);
  EXPECT_EQ(v.history.val_accuracy, f.history.val_accuracy);
  EXPECT_EQ(v.seconds_left, 0.0);
  EXPECT_GT(v.examples_per_second, 0.0);
  expect_same_weights(model(), run.start_layers());
}

int progress(const TrainingRun& run) { return run.view().epoch * 1000 + run.view().batch; }

TEST(TrainingRun, PauseHoldsTheSlices) {
  Fixture f;
  TrainingRun run(false);
  run.set_data(f.train, f.val);
  Error e;
  ASSERT_TRUE(run.start(model(), settings(), &e));
  run.advance(0.0);
  run.pause();
  const int at = progress(run);
  for (int i = 0; i < 10; ++i) run.advance(0.0);
  EXPECT_EQ(progress(run), at);
  EXPECT_EQ(run.state(), TrainState::kPaused);
  run.resume();
  run.advance(0.0);
  EXPECT_GT(progress(run), at);
}

TEST(TrainingRun, ThreadGivesFitsWeightsAndPauseHolds) {
  if (!kHasThreads) GTEST_SKIP() << "WebAssembly without threads: the page runs the work itself";
  Fixture f;
  TrainingRun run(true);
  run.set_data(f.train, f.val);
  Error e;
  ASSERT_TRUE(run.start(model(), settings(), &e));
  run.pause();
  if (run.state() == TrainState::kPaused) {  // else the run was already over
    std::this_thread::sleep_for(std::chrono::milliseconds(120));  // the running slice ends (50 ms)
    const int at = progress(run);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(progress(run), at);
    run.resume();
  }
  for (int i = 0; i < 2000 && run.state() != TrainState::kDone; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(run.state(), TrainState::kDone);
  std::uint64_t rev = 0;
  std::vector<Layer> layers;
  ASSERT_TRUE(run.take_weights(&rev, &layers));
  expect_same_weights(f.fitted, layers);
}

TEST(TrainingRun, StopKeepsTheWeightsReachedAndBadInputIsRefused) {
  Fixture f;
  TrainingRun run(false);
  Error e;
  EXPECT_FALSE(run.start(model(), settings(), &e));
  EXPECT_EQ(e.code, "train_no_examples");
  run.set_data(f.train, f.val);
  TrainSettings bad = settings();
  bad.batch_size = 0;
  EXPECT_FALSE(run.start(model(), bad, &e));
  EXPECT_EQ(e.code, "train_bad_batch_size");
  ASSERT_TRUE(run.start(model(), settings(), &e));
  run.advance(0.0);
  run.stop();
  EXPECT_EQ(run.state(), TrainState::kStopped);
  run.advance(0.0);  // stopped: no more work
  std::uint64_t rev = 0;
  std::vector<Layer> layers;
  ASSERT_TRUE(run.take_weights(&rev, &layers));
  EXPECT_EQ(run.view().batch, 1);
  Scene untrained = model();
  EXPECT_NE(0, std::memcmp(untrained.layers[0].kernel.data(), layers[0].kernel.data(), 36 * sizeof(float)));
}

TEST(TrainingRun, ResetWeightsIsSeeded) {
  Fixture f;
  Scene a = f.fitted, b = f.fitted, c = f.fitted;
  reset_weights(&a, 9);
  reset_weights(&b, 9);
  reset_weights(&c, 10);
  expect_same_weights(a, b.layers);
  EXPECT_NE(0, std::memcmp(a.layers[0].kernel.data(), c.layers[0].kernel.data(), 36 * sizeof(float)));
  EXPECT_NE(0, std::memcmp(a.layers[0].kernel.data(), f.fitted.layers[0].kernel.data(), 36 * sizeof(float)));
  for (float v : a.layers[0].bias) EXPECT_EQ(v, 0.0f);  // Keras' zeros
  EXPECT_EQ(a.layers[2].kernel.size(), f.fitted.layers[2].kernel.size());
}

TEST(TrainPictures, GalleryTilesAndHistogramBins) {
  Dataset d = bars(5, 3);
  const Mosaic m = example_gallery(d, {4, 1, 0}, 2);
  EXPECT_EQ(m.cols, 2);
  EXPECT_EQ(m.rows, 2);
  EXPECT_EQ(m.w, 2 * 7 - 1);
  EXPECT_EQ(m.h, 2 * 7 - 1);
  // Tile 0 is example 4, its cell (2, 5) at pixel (5, 2); tile 1 is example 1 at x + 7.
  const auto grey = [&](int x, int y) { return m.rgb[(static_cast<std::size_t>(y) * m.w + x) * 3]; };
  const auto expect = [](float v) { return static_cast<int>(std::lround(std::min(1.0f, v) * 255.0f)); };
  EXPECT_EQ(grey(5, 2), expect(d.example(4)[2 * 6 + 5]));
  EXPECT_EQ(grey(7 + 1, 3), expect(d.example(1)[3 * 6 + 1]));
  int c = -1, y = -1, x = -1;
  ASSERT_TRUE(m.cell_at(8, 3, &c, &y, &x));
  EXPECT_EQ(c, 1);
  EXPECT_TRUE(example_gallery(d, {}, 4).rgb.empty());
  const Histogram h = histogram({-1.0f, -0.5f, 0.0f, 0.49f, 1.0f, 2.0f}, 4, -1.0f, 1.0f);
  ASSERT_EQ(h.counts.size(), 4u);
  EXPECT_EQ(h.counts[0], 1.0f);  // -1
  EXPECT_EQ(h.counts[1], 1.0f);  // -0.5
  EXPECT_EQ(h.counts[2], 2.0f);  // 0, 0.49
  EXPECT_EQ(h.counts[3], 1.0f);  // 1 (2 is outside)
  const Histogram own = histogram({3.0f, 5.0f}, 2);
  EXPECT_EQ(own.lo, 3.0f);
  EXPECT_EQ(own.hi, 5.0f);
}

}  // namespace
}  // namespace cs
