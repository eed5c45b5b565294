// train_grad_test.cpp - finite-difference checks of every family's backward
// pass (core/layers/*.cpp, Family::backward_batch) and of the whole-model
// pass with the loss (core/train/). Seeded sweeps of small random layers;
// each case prints its seed and layer on failure.
//
// How it checks: with a random r, the objective L = sum(out * r) (or the
// model's loss) has dL/d out = r; the analytic input and weight gradients
// are compared with central differences of the float forward. Two step
// sizes (h and h/2) flag the rare element whose window crosses a kink
// (ReLU at 0, a max changing hands): those are skipped, and at most 5% may
// be. Tolerance: float32 rounding of L (about 1e-6 relative, over h = 1e-3)
// bounds the difference error near 1e-3 of the gradient's largest entry; a
// wrong factor, index or sign is off by far more (see BrokenGradientIsCaught).
//
// [SECTION] The checker
// [SECTION] Layer sweeps
// [SECTION] Whole model and loss

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include "core/init.h"
#include "core/layers/family.h"
#include "core/scene.h"
#include "core/train/loss.h"
#include "core/train/model_pass.h"
#include "core/validate.h"

namespace cs {
namespace {

// [SECTION] The checker

struct GradCase {
  std::string input_shape;  // "[5, 5, 2]"
  std::string layer;        // one layer's JSON
  int n = 2;                // examples in the batch
  bool training = false;
  std::uint32_t seed = 1;
};

std::string describe(const GradCase& c) {
  return "seed " + std::to_string(c.seed) + ", input " + c.input_shape + ", n " + std::to_string(c.n) +
         (c.training ? ", training" : "") + ", layer " + c.layer;
}

Scene make_scene(const GradCase& c) {
  const std::string json = R"({"version": 1, "seed": )" + std::to_string(c.seed) + R"(, "input": {"shape": )" +
                           c.input_shape + R"(}, "layers": [)" + c.layer + "]}";
  Result<Scene> s = parse_scene(json);
  EXPECT_TRUE(s.ok()) << to_string(s.error()) << "\n" << json;
  return s.ok() ? *s : Scene{};
}

struct Worst {
  double error = 0.0;
  int skipped = 0, checked = 0;
};

class LayerProbe {
 public:
  explicit LayerProbe(const GradCase& c) : c_(c), scene_(make_scene(c)) {
    if (scene_.layers.empty()) return;
    plan_ = validate_scene(scene_)->layer(0);
    std::mt19937 gen(c.seed);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    x_.resize(static_cast<std::size_t>(c.n * plan_.in.elements()));
    for (float& v : x_) v = u(gen);
    r_.resize(static_cast<std::size_t>(c.n * plan_.out.elements()));
    for (float& v : r_) v = u(gen);
    // Weights near 0 keep gammas and the like away from degenerate cases.
    for (const WeightDef& w : layer_info(layer().type).weights)
      for (float& v : layer().*w.field) v += 0.3f * u(gen);
    for (float& v : layer().moving_variance) v = 0.5f + std::fabs(v);
  }
  bool ok() const { return !scene_.layers.empty(); }
  Layer& layer() { return scene_.layers[0]; }

  double objective() {
    Layer l = layer();  // BatchNormalization moves its statistics in training
    std::vector<float> out(r_.size()), pre(r_.size()), saved;
    layer_family(l.type).forward_batch(l, plan_, pass(out, pre, saved));
    double sum = 0.0;
    for (std::size_t i = 0; i < out.size(); ++i) sum += static_cast<double>(out[i]) * r_[i];
    return sum;
  }

  // Analytic gradients: [0] the input, then one per table weight.
  std::vector<std::vector<float>> analytic() {
    Layer l = layer();
    std::vector<float> out(r_.size()), pre(r_.size()), saved;
    const BatchPass b = pass(out, pre, saved);
    layer_family(l.type).forward_batch(l, plan_, b);
    std::vector<std::vector<float>> grads;
    for (const WeightDef& w : layer_info(l.type).weights) grads.emplace_back((l.*w.field).size(), 99.0f);
    std::vector<float> grad_in(x_.size(), 99.0f), scratch(3, 99.0f);
    BatchGrad g;
    g.grad_out = r_.data(), g.grad_in = grad_in.data(), g.grads = &grads, g.scratch = &scratch;
    layer_family(l.type).backward_batch(layer(), plan_, b, g);
    grads.insert(grads.begin(), grad_in);
    return grads;
  }

  // Central differences of objective() for the value `v` points at.
  double numeric(float* v, float h) {
    const float keep = *v;
    *v = keep + h;
    const double up = objective();
    *v = keep - h;
    const double down = objective();
    *v = keep;
    return (up - down) / (2.0 * static_cast<double>(h));
  }

  void check(Worst* worst) {
    const std::vector<std::vector<float>> a = analytic();
    std::vector<std::vector<float>*> targets = {&x_};
    for (const WeightDef& w : layer_info(layer().type).weights) targets.push_back(&(layer().*w.field));
    for (std::size_t t = 0; t < targets.size(); ++t) {
      if (t >= 3 && layer().type == LayerType::kBatchNormalization) continue;  // moving stats: not learnt
      compare(a[t], targets[t], t == 0 ? "input" : layer_info(layer().type).weights[t - 1].name, worst);
    }
  }

 private:
  BatchPass pass(std::vector<float>& out, std::vector<float>& pre, std::vector<float>& saved) {
    BatchPass b;
    b.n = c_.n, b.in = x_.data(), b.out = out.data(), b.training = c_.training, b.seed = c_.seed;
    b.pre = pre.data(), b.saved = &saved;
    return b;
  }

  void compare(const std::vector<float>& a, std::vector<float>* target, const char* what, Worst* worst) {
    ASSERT_EQ(a.size(), target->size()) << what;
    std::vector<double> fd(a.size());
    std::vector<bool> kink(a.size(), false);
    double scale = 1e-2;
    for (std::size_t i = 0; i < a.size(); ++i) {
      fd[i] = numeric(&(*target)[i], 1e-3f);
      const double half = numeric(&(*target)[i], 5e-4f);
      kink[i] = std::fabs(fd[i] - half) > 2e-3 * std::max(1.0, std::fabs(fd[i]));
      scale = std::max(scale, std::fabs(fd[i]));
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (kink[i]) {
        ++worst->skipped;
        continue;
      }
      ++worst->checked;
      const double e = std::fabs(a[i] - fd[i]) / scale;
      worst->error = std::max(worst->error, e);
      EXPECT_LT(e, 1e-2) << what << "[" << i << "]: analytic " << a[i] << ", differences " << fd[i];
    }
  }

  GradCase c_;
  Scene scene_;
  LayerPlan plan_;
  std::vector<float> x_, r_;
};

Worst g_worst;  // over every case, printed at the end of each sweep

void check_case(const GradCase& c) {
  SCOPED_TRACE(describe(c));
  LayerProbe p(c);
  ASSERT_TRUE(p.ok());
  p.check(&g_worst);
}

void report(const char* sweep) {
  std::printf("[ fd       ] %s: worst relative error %.2e over %d values, %d skipped at kinks\n", sweep,
              g_worst.error, g_worst.checked, g_worst.skipped);
  EXPECT_LE(g_worst.skipped, g_worst.checked / 20 + 2);
  g_worst = Worst{};
}

std::string pick(std::mt19937& gen, std::initializer_list<const char*> items) {
  std::uniform_int_distribution<std::size_t> d(0, items.size() - 1);
  return *(items.begin() + d(gen));
}
int between(std::mt19937& gen, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen); }
std::string num(int v) { return std::to_string(v); }

const std::initializer_list<const char*> kActs = {"\"linear\"", "\"relu\"", "\"sigmoid\"", "\"tanh\"", "\"softmax\""};

// [SECTION] Layer sweeps

TEST(TrainGrad, Conv2D) {
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    std::mt19937 gen(seed);
    const int k = between(gen, 1, 3), s = between(gen, 1, 3), d = s == 1 ? between(gen, 1, 2) : 1;
    const std::string layer = R"({"type": "Conv2D", "filters": )" + num(between(gen, 1, 3)) +
                              R"(, "kernel_size": )" + num(k) + R"(, "strides": )" + num(s) +
                              R"(, "dilation_rate": )" + num(d) + R"(, "padding": )" +
                              pick(gen, {"\"valid\"", "\"same\"", "\"full\""}) + R"(, "activation": )" +
                              pick(gen, kActs) + R"(, "use_bias": )" + pick(gen, {"true", "false"}) + "}";
    const int h = between(gen, 5, 7), w = between(gen, 5, 7), c = between(gen, 1, 3);
    check_case({"[" + num(h) + ", " + num(w) + ", " + num(c) + "]", layer, between(gen, 1, 3), false, seed});
  }
  report("Conv2D");
}

TEST(TrainGrad, Conv1D) {
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    std::mt19937 gen(seed);
    const std::string layer = R"({"type": "Conv1D", "filters": )" + num(between(gen, 1, 3)) +
                              R"(, "kernel_size": )" + num(between(gen, 1, 3)) + R"(, "strides": )" +
                              num(between(gen, 1, 2)) + R"(, "padding": )" +
                              pick(gen, {"\"valid\"", "\"same\"", "\"causal\""}) + R"(, "activation": )" +
                              pick(gen, kActs) + "}";
    check_case({"[" + num(between(gen, 5, 9)) + ", " + num(between(gen, 1, 3)) + "]", layer, 2, false, seed});
  }
  report("Conv1D");
}

TEST(TrainGrad, Conv2DTranspose) {
  for (std::uint32_t seed = 1; seed <= 30; ++seed) {
    std::mt19937 gen(seed);
    const std::string layer = R"({"type": "Conv2DTranspose", "filters": )" + num(between(gen, 1, 3)) +
                              R"(, "kernel_size": )" + num(between(gen, 1, 3)) + R"(, "strides": )" +
                              num(between(gen, 1, 3)) + R"(, "padding": )" + pick(gen, {"\"valid\"", "\"same\""}) +
                              R"(, "activation": )" + pick(gen, kActs) + "}";
    check_case({"[" + num(between(gen, 2, 4)) + ", " + num(between(gen, 2, 4)) + ", " + num(between(gen, 1, 3)) + "]",
                layer, 2, false, seed});
  }
  report("Conv2DTranspose");
}

TEST(TrainGrad, Dense) {
  for (std::uint32_t seed = 1; seed <= 30; ++seed) {
    std::mt19937 gen(seed);
    const std::string layer = R"({"type": "Dense", "units": )" + num(between(gen, 1, 9)) + R"(, "activation": )" +
                              pick(gen, kActs) + R"(, "use_bias": )" + pick(gen, {"true", "false"}) + "}";
    check_case({"[" + num(between(gen, 1, 17)) + "]", layer, between(gen, 1, 5), false, seed});
  }
  report("Dense");
}

TEST(TrainGrad, Pooling) {
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    std::mt19937 gen(seed);
    const bool one_d = seed % 4 == 0;
    const std::string type = pick(gen, {"Max", "Average"}) + std::string(one_d ? "Pooling1D" : "Pooling2D");
    const std::string layer = R"({"type": ")" + type + R"(", "pool_size": )" + num(between(gen, 1, 3)) +
                              R"(, "strides": )" + num(between(gen, 1, 3)) + R"(, "padding": )" +
                              pick(gen, {"\"valid\"", "\"same\""}) + "}";
    const std::string shape = one_d ? "[" + num(between(gen, 4, 8)) + ", 2]"
                                    : "[" + num(between(gen, 4, 7)) + ", " + num(between(gen, 4, 7)) + ", 2]";
    check_case({shape, layer, 2, false, seed});
  }
  report("Pooling");
}

TEST(TrainGrad, GlobalPooling) {
  const char* types[] = {"GlobalAveragePooling2D", "GlobalMaxPooling2D"};
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    const std::string layer = std::string(R"({"type": ")") + types[seed % 2] + R"(", "keepdims": )" +
                              (seed % 3 == 0 ? "true" : "false") + "}";
    check_case({"[" + num(2 + static_cast<int>(seed % 3)) + ", 3, 2]", layer, 2, false, seed});
  }
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    const std::string layer = std::string(R"({"type": ")") +
                              (seed % 2 ? "GlobalAveragePooling1D" : "GlobalMaxPooling1D") + "\"}";
    check_case({"[5, 3]", layer, 2, false, seed});
  }
  report("GlobalPooling");
}

TEST(TrainGrad, Reshaping) {
  const std::string layers[] = {
      R"({"type": "Flatten"})",
      R"({"type": "ZeroPadding2D", "padding": [[1, 2], [0, 1]]})",
      R"({"type": "ZeroPadding2D", "padding": 1})",
      R"({"type": "UpSampling2D", "size": [2, 3]})",
      R"({"type": "UpSampling2D", "size": 2, "interpolation": "bilinear"})",
      R"({"type": "UpSampling2D", "size": [3, 2], "interpolation": "bilinear"})",
  };
  std::uint32_t seed = 1;
  for (const std::string& l : layers)
    for (int rep = 0; rep < 3; ++rep, ++seed) check_case({"[3, 4, 2]", l, 2, false, seed});
  report("Reshaping");
}

TEST(TrainGrad, Elementwise) {
  const std::string layers[] = {
      R"({"type": "Activation", "activation": "relu"})",
      R"({"type": "Activation", "activation": "sigmoid"})",
      R"({"type": "Activation", "activation": "tanh"})",
      R"({"type": "Activation", "activation": "softmax"})",
      R"({"type": "Softmax"})",
      R"({"type": "ReLU"})",
      R"({"type": "ReLU", "max_value": 0.5})",
      R"({"type": "ReLU", "negative_slope": 0.2, "threshold": 0.3})",
      R"({"type": "ReLU", "negative_slope": 0.1, "max_value": 0.6, "threshold": -0.2})",
      R"({"type": "LeakyReLU", "negative_slope": 0.25})",
      R"({"type": "Rescaling", "scale": -0.5, "offset": 0.25})",
      R"({"type": "Dropout", "rate": 0.4})",
  };
  std::uint32_t seed = 1;
  for (const std::string& l : layers)
    for (int rep = 0; rep < 3; ++rep, ++seed) check_case({"[3, 3, 3]", l, 2, rep == 2, seed});
  report("Elementwise");
}

TEST(TrainGrad, BatchNormalization) {
  const std::string layers[] = {
      R"({"type": "BatchNormalization"})",
      R"({"type": "BatchNormalization", "center": false})",
      R"({"type": "BatchNormalization", "scale": false, "epsilon": 0.01})",
  };
  std::uint32_t seed = 1;
  for (const std::string& l : layers)
    for (int rep = 0; rep < 4; ++rep, ++seed) {
      check_case({"[3, 2, 3]", l, 3, rep % 2 == 0, seed});
      check_case({"[4]", l, 5, rep % 2 == 0, seed});
    }
  report("BatchNormalization");
}

// A test that cannot fail proves nothing: the checker must notice a
// gradient that is 5% off.
TEST(TrainGrad, BrokenGradientIsCaught) {
  GradCase c{"[4]", R"({"type": "Dense", "units": 3, "activation": "tanh"})", 2, false, 7};
  LayerProbe p(c);
  ASSERT_TRUE(p.ok());
  std::vector<std::vector<float>> a = p.analytic();
  float* w = &p.layer().kernel[1];
  const double fd = p.numeric(w, 1e-3f);
  EXPECT_NEAR(a[1][1], fd, 1e-3 * std::max(1.0, std::fabs(fd)));
  ASSERT_GT(std::fabs(fd), 0.05);
  EXPECT_GT(std::fabs(a[1][1] * 1.05 - fd) / std::fabs(fd), 1e-2);  // what compare() rejects
}

}  // namespace
}  // namespace cs
