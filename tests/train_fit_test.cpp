// train_fit_test.cpp - the trainer (core/train/): the whole-model gradient
// of the loss against finite differences, Keras' optimizer rules by hand,
// the stable cross-entropy, bit-for-bit repeatable seeded training, that a
// small CNN learns, early stopping, and the errors bad input gets.
//
// [SECTION] Whole-model gradients
// [SECTION] Optimizers and loss
// [SECTION] fit

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>

#include "core/scene.h"
#include "core/train/fit.h"
#include "core/train/loss.h"
#include "core/train/model_pass.h"
#include "core/train/optimizers.h"

namespace cs {
namespace {

Scene parse(const std::string& json) {
  Result<Scene> s = parse_scene(json);
  EXPECT_TRUE(s.ok()) << to_string(s.error());
  return s.ok() ? *s : Scene{};
}

// [SECTION] Whole-model gradients

const char* kSmallCnn = R"({"version": 1, "seed": 5, "input": {"shape": [6, 6, 1]}, "layers": [
  {"type": "Conv2D", "filters": 3, "kernel_size": 3, "padding": "same", "activation": "tanh"},
  {"type": "MaxPooling2D", "pool_size": 2},
  {"type": "BatchNormalization"},
  {"type": "Flatten"},
  {"type": "Dense", "units": 8, "activation": "sigmoid"},
  {"type": "Dropout", "rate": 0.3},
  {"type": "Dense", "units": 4, "activation": "softmax"}]})";

double batch_loss(Scene scene, ModelPass& pass, const std::vector<float>& x, const std::vector<std::int32_t>& y,
                  bool training, LossKind kind) {
  pass.forward(&scene, x.data(), static_cast<int>(y.size()), training, 11);
  std::vector<float> grad(y.size() * 4);
  bool from_logits = false;
  return loss_and_grad(kind, pass, scene, y.data(), grad.data(), &from_logits).loss_sum /
         static_cast<double>(y.size());
}

void check_model_grads(bool training, LossKind kind) {
  SCOPED_TRACE(std::string(training ? "training, " : "inference, ") + loss_name(kind));
  Scene scene = parse(kSmallCnn);
  Result<ModelPass> pass = ModelPass::create(scene, 3);
  ASSERT_TRUE(pass.ok());
  std::mt19937 gen(3);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> x(3 * 36);
  for (float& v : x) v = u(gen);
  const std::vector<std::int32_t> y = {2, 0, 3};
  Scene run = scene;
  pass->forward(&run, x.data(), 3, training, 11);
  std::vector<float> grad(12);
  bool from_logits = false;
  loss_and_grad(kind, *pass, run, y.data(), grad.data(), &from_logits);
  EXPECT_EQ(from_logits, kind != LossKind::kMse);
  pass->backward(run, grad.data(), from_logits);
  const std::vector<Param> params = trainable_params(&scene, pass->grads());
  ASSERT_EQ(params.size(), 8u);  // conv 2, BN gamma beta, dense 2 + 2
  double worst = 0.0;
  for (const Param& p : params) {
    const std::vector<float> analytic = *p.grad;
    double scale = 1e-3;
    std::vector<double> fd(analytic.size());
    for (std::size_t i = 0; i < analytic.size(); ++i) {
      float& w = (*p.value)[i];
      const float keep = w;
      w = keep + 1e-3f;
      const double up = batch_loss(scene, *pass, x, y, training, kind);
      w = keep - 1e-3f;
      const double down = batch_loss(scene, *pass, x, y, training, kind);
      w = keep;
      fd[i] = (up - down) / 2e-3;
      scale = std::max(scale, std::fabs(fd[i]));
    }
    for (std::size_t i = 0; i < analytic.size(); ++i) {
      const double e = std::fabs(analytic[i] - fd[i]) / scale;
      worst = std::max(worst, e);
      EXPECT_LT(e, 1e-2) << "param of " << analytic.size() << " [" << i << "]: " << analytic[i] << " vs " << fd[i];
    }
  }
  std::printf("[ fd       ] whole model: worst relative error %.2e\n", worst);
}

TEST(TrainModel, LossGradientMatchesDifferences) {
  check_model_grads(false, LossKind::kSparseCategoricalCrossentropy);
  check_model_grads(true, LossKind::kSparseCategoricalCrossentropy);
  check_model_grads(true, LossKind::kMse);
}

// [SECTION] Optimizers and loss

std::vector<float> one_step(const char* name, int steps, float momentum = 0.0f, bool nesterov = false) {
  Result<OptimizerConfig> c = optimizer_config(name);
  EXPECT_TRUE(c.ok());
  c->momentum = momentum, c->nesterov = nesterov;
  Optimizer opt(*c);
  std::vector<float> w = {1.0f, -2.0f}, g = {0.5f, -4.0f};
  for (int i = 0; i < steps; ++i) opt.step({{&w, &g}});
  return w;
}

TEST(TrainOptimizers, KerasRulesByHand) {
  // SGD, learning rate 0.01: w - lr g.
  EXPECT_FLOAT_EQ(one_step("SGD", 1)[0], 1.0f - 0.01f * 0.5f);
  // Momentum 0.9, two steps: v1 = -lr g, v2 = 0.9 v1 - lr g; w + v1 + v2.
  EXPECT_FLOAT_EQ(one_step("sgd", 2, 0.9f)[1], -2.0f + 0.04f + (0.9f * 0.04f + 0.04f));
  // Nesterov, one step: w + 0.9 v1 - lr g = w - 1.9 lr g.
  EXPECT_FLOAT_EQ(one_step("sgd", 1, 0.9f, true)[0], 1.0f - 1.9f * 0.005f);
  // RMSprop: v = 0.1 g^2, w - 0.001 g / sqrt(v + 1e-7).
  EXPECT_FLOAT_EQ(one_step("RMSprop", 1)[0], 1.0f - 0.001f * 0.5f / std::sqrt(0.1f * 0.25f + 1e-7f));
  // Adam's first step moves each weight by about the learning rate against its gradient.
  const double alpha = 0.001 * std::sqrt(1.0 - 0.999) / (1.0 - 0.9);
  const double m = 0.1 * -4.0, v = 0.001 * 16.0;
  EXPECT_NEAR(one_step("Adam", 1)[1], -2.0 - alpha * m / (std::sqrt(v) + 1e-7), 1e-6);
  EXPECT_FALSE(optimizer_config("adagrad").ok());
  EXPECT_EQ(optimizer_config("adagrad").error().code, "unknown_optimizer");
}

TEST(TrainLoss, CrossEntropyFromLogitsIsStable) {
  // Dense with a huge logit: softmax rounds the losing class to 0, the
  // loss from the logits stays exact (1000).
  Scene s = parse(R"({"version": 1, "input": {"shape": [1]}, "layers": [
    {"type": "Dense", "units": 2, "activation": "softmax", "kernel": [[1000, 0]], "bias": [0, 0]}]})");
  Result<ModelPass> pass = ModelPass::create(s, 1);
  ASSERT_TRUE(pass.ok());
  const float x = 1.0f;
  pass->forward(&s, &x, 1, false, 0);
  const std::int32_t y = 1;
  float grad[2];
  bool from_logits = false;
  const BatchLoss l = loss_and_grad(LossKind::kSparseCategoricalCrossentropy, *pass, s, &y, grad, &from_logits);
  EXPECT_TRUE(from_logits);
  EXPECT_NEAR(l.loss_sum, 1000.0, 1e-3);
  EXPECT_FLOAT_EQ(grad[0], 1.0f);
  EXPECT_FLOAT_EQ(grad[1], -1.0f);
  EXPECT_EQ(l.correct, 0);
}

// [SECTION] fit

// Two classes of 6x6 pictures: a bright bar on the left or on the right, with noise.
Dataset bars(int n, std::uint32_t seed, bool flip_labels = false) {
  Dataset d;
  d.shape = TensorShape{6, 6, 1};
  d.classes = 2;
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> noise(0.0f, 0.4f);
  for (int i = 0; i < n; ++i) {
    const int label = i % 2;
    for (int y = 0; y < 6; ++y)
      for (int x = 0; x < 6; ++x) d.x.push_back(noise(gen) + ((x < 3) == (label == 0) ? 0.6f : 0.0f));
    d.y.push_back(flip_labels ? 1 - label : label);
  }
  return d;
}

const char* kBarsModel = R"({"version": 1, "seed": 3, "input": {"shape": [6, 6, 1]}, "layers": [
  {"type": "Conv2D", "filters": 4, "kernel_size": 3, "activation": "relu"},
  {"type": "MaxPooling2D", "pool_size": 2},
  {"type": "Flatten"},
  {"type": "Dropout", "rate": 0.2},
  {"type": "Dense", "units": 2, "activation": "softmax"}]})";

FitOptions options(int epochs) {
  FitOptions o;
  o.epochs = epochs;
  o.batch_size = 8;
  o.optimizer = *optimizer_config("adam");
  o.optimizer.learning_rate = 0.01f;
  o.seed = 42;
  return o;
}

TEST(TrainFit, LearnsAndIsRepeatable) {
  Scene a = parse(kBarsModel), b = a;
  int batches = 0;
  FitOptions o = options(8);
  o.on_batch = [&](const BatchReport& r) {
    ++batches;
    EXPECT_GT(r.examples_per_second, 0.0);
  };
  Result<FitHistory> h = fit(&a, bars(200, 1), bars(60, 2), o);
  ASSERT_TRUE(h.ok()) << to_string(h.error());
  EXPECT_EQ(batches, 8 * 25);
  ASSERT_EQ(h->val_accuracy.size(), 8u);
  EXPECT_GT(h->val_accuracy.back(), 0.95);
  EXPECT_LT(h->loss.back(), h->loss.front());
  o.on_batch = nullptr;
  ASSERT_TRUE(fit(&b, bars(200, 1), bars(60, 2), o).ok());
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    ASSERT_EQ(a.layers[i].kernel.size(), b.layers[i].kernel.size());
    if (a.layers[i].kernel.empty()) continue;  // no weights (memcmp must not see null)
    EXPECT_EQ(0, std::memcmp(a.layers[i].kernel.data(), b.layers[i].kernel.data(), a.layers[i].kernel.size() * 4));
  }
  Scene c = parse(kBarsModel);
  o.seed = 43;
  ASSERT_TRUE(fit(&c, bars(200, 1), bars(60, 2), o).ok());
  EXPECT_NE(0, std::memcmp(a.layers[0].kernel.data(), c.layers[0].kernel.data(), a.layers[0].kernel.size() * 4));
  Result<Evaluation> e = evaluate(a, bars(60, 2), LossKind::kSparseCategoricalCrossentropy);
  ASSERT_TRUE(e.ok());
  EXPECT_NEAR(e->accuracy, h->val_accuracy.back(), 1e-12);
}

TEST(TrainFit, ValidationSplitAndEarlyStopping) {
  // The validation labels are flipped: the better the model learns, the
  // worse val_loss gets, so patience 2 stops it after epoch 3 and the first
  // epoch's weights come back.
  Dataset train = bars(100, 1), flipped = bars(40, 2, true);
  Dataset all = train;
  all.x.insert(all.x.end(), flipped.x.begin(), flipped.x.end());
  all.y.insert(all.y.end(), flipped.y.begin(), flipped.y.end());
  Scene s = parse(kBarsModel);
  FitOptions o = options(20);
  o.validation_split = 40.0 / 140.0;
  o.patience = 2;
  std::vector<Layer> after_first;
  o.on_epoch = [&](const EpochReport& r) {
    if (r.epoch == 0) after_first = s.layers;
  };
  Result<FitHistory> h = fit(&s, all, Dataset{}, o);
  ASSERT_TRUE(h.ok()) << to_string(h.error());
  EXPECT_TRUE(h->stopped_early);
  EXPECT_EQ(h->best_epoch, 0);
  EXPECT_EQ(h->loss.size(), 3u);
  EXPECT_TRUE(s.layers == after_first);
  EXPECT_GT(h->val_loss[2], h->val_loss[0]);
}

TEST(TrainFit, BadInputIsNamed) {
  Scene s = parse(kBarsModel);
  Dataset d = bars(10, 1);
  d.y[3] = 2;
  Result<FitHistory> h = fit(&s, d, Dataset{}, options(1));
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().code, "train_label_out_of_range");
  EXPECT_EQ(h.error().where, "data.y[3]");
  Dataset wrong = bars(10, 1);
  wrong.shape = TensorShape{6, 3, 2};
  EXPECT_EQ(fit(&s, wrong, Dataset{}, options(1)).error().code, "train_shape_mismatch");
  Scene no_softmax = parse(R"({"version": 1, "input": {"shape": [6, 6, 1]}, "layers": [
    {"type": "Flatten"}, {"type": "Dense", "units": 2}]})");
  EXPECT_EQ(fit(&no_softmax, bars(10, 1), Dataset{}, options(1)).error().code, "train_needs_softmax");
  FitOptions o = options(1);
  o.batch_size = 0;
  EXPECT_EQ(fit(&s, bars(10, 1), Dataset{}, o).error().code, "train_bad_batch_size");
  EXPECT_EQ(fit(&s, Dataset{TensorShape{6, 6, 1}, {}, {}, 2, {}}, Dataset{}, options(1)).error().code,
            "train_no_examples");
}

}  // namespace
}  // namespace cs
