// layers_test.cpp - the layers beyond convolution and pooling: Dense,
// Flatten, the elementwise layers, BatchNormalization, global pooling,
// ZeroPadding2D, UpSampling2D and InputLayer. Each is checked against
// numbers worked by hand from Keras' and TensorFlow's own formulas (the
// arithmetic is in the comments), its trace against the engine, the
// reference against the fast path, and its scene round trip.
//
// [SECTION] Helpers
// [SECTION] Dense and Flatten
// [SECTION] Elementwise
// [SECTION] BatchNormalization
// [SECTION] Global pooling, padding, upsampling, input
// [SECTION] Weights left out
// [SECTION] Every type: traces, backends, round trips, fields

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/json.h"
#include "core/report.h"
#include "core/scene.h"
#include "core/trace.h"
#include "model/code_text.h"
#include "random_scene.h"

namespace cs {
namespace {

// [SECTION] Helpers

std::string floats(const std::vector<float>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + format_float(v[i]);
  return s + "]";
}

// A scene of `shape` holding `data`, with the layers given as JSON.
Scene scene_of(std::vector<int> shape, const std::vector<float>& data, const std::string& layers) {
  std::string dims;
  for (int d : shape) dims += (dims.empty() ? "" : ", ") + std::to_string(d);
  const std::string json = "{\"version\": 1, \"input\": {\"shape\": [" + dims + "], \"data\": " +
                           floats(data) + "}, \"layers\": [" + layers + "]}";
  Result<Scene> s = parse_scene(json);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : to_string(s.error())) << "\n" << json;
  return s.ok() ? *s : Scene{};
}

std::vector<float> output_of(const Scene& s, std::size_t layer) {
  Result<std::vector<Tensor>> out = run_scene(s);
  EXPECT_TRUE(out.ok()) << (out.ok() ? "" : to_string(out.error()));
  return out.ok() ? (*out)[layer].data : std::vector<float>{};
}

void expect_near_all(const std::vector<float>& got, const std::vector<float>& want, float tol = 1e-6f) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_NEAR(got[i], want[i], tol * (1.0f + std::fabs(want[i]))) << "element " << i;
  }
}

Error error_of(const std::string& layers, std::vector<int> shape = {2, 2, 1}) {
  std::string dims;
  int n = 1;
  for (int d : shape) dims += (dims.empty() ? "" : ", ") + std::to_string(d), n *= d;
  const std::string json = "{\"version\": 1, \"input\": {\"shape\": [" + dims + "], \"data\": " +
                           floats(std::vector<float>(static_cast<std::size_t>(n), 0.5f)) +
                           "}, \"layers\": [" + layers + "]}";
  Result<Scene> s = parse_scene(json);
  EXPECT_FALSE(s.ok()) << json << " parsed";
  return s.ok() ? Error{} : s.error();
}

// [SECTION] Dense and Flatten

// Input 1x2x2 HWC = [1, 2, 3, 4] flattened in that order; Dense(2) with
// kernel [[1, 0], [0, 1], [1, 1], [-1, 2]] and bias [0.5, -1]:
// unit 0 = 1 + 3 - 4 + 0.5 = 0.5; unit 1 = 2 + 3 + 8 - 1 = 12.
TEST(Dense, FlattenThenDenseByHand) {
  const Scene s = scene_of({1, 2, 2}, {1, 2, 3, 4},
                           "{\"type\": \"Flatten\"}, {\"type\": \"Dense\", \"units\": 2, \"kernel\": "
                           "[[1, 0], [0, 1], [1, 1], [-1, 2]], \"bias\": [0.5, -1]}");
  Result<SceneRun> run = run_scene_full(s);
  ASSERT_TRUE(run.ok()) << to_string(run.error());
  EXPECT_EQ(run->plan.shapes[1], vector_shape(4));
  EXPECT_EQ(run->plan.shapes[2], vector_shape(2));
  EXPECT_EQ(shape_text(run->plan.shapes[2]), "[2]");
  expect_near_all(run->outputs[0].data, {1, 2, 3, 4});
  expect_near_all(run->outputs[1].data, {0.5f, 12.0f});
  Result<ElementTrace> t = trace_scene_element(s, *run, 1, 0, 1, 0);
  ASSERT_TRUE(t.ok()) << to_string(t.error());
  ASSERT_EQ(t->taps.size(), 4u);
  EXPECT_EQ(t->taps[3].weight, 2.0f);  // kernel[3, 1]
  EXPECT_EQ(t->sum()->sum, 13.0f);  // 2 + 3 + 8
  EXPECT_EQ(t->value, 12.0f);
  EXPECT_NE(explain_text(*t).find("unit 1 reads all 4 inputs"), std::string::npos) << explain_text(*t);
}

// Softmax of logits [1, 2, 3]: exp(z - 3) = [e^-2, e^-1, 1], sum 1.5032147,
// p = [0.09003057, 0.24472847, 0.66524096] (Keras' tf.nn.softmax).
TEST(Dense, SoftmaxUnitsSumToOneAndMatchTheFormula) {
  const Scene s = scene_of({3}, {1, 2, 3},
                           "{\"type\": \"Dense\", \"units\": 3, \"activation\": \"softmax\", "
                           "\"kernel\": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}");
  const std::vector<float> p = output_of(s, 0);
  expect_near_all(p, {0.09003057f, 0.24472847f, 0.66524096f}, 1e-6f);
  Result<SceneRun> run = run_scene_full(s);
  ASSERT_TRUE(run.ok());
  for (int u = 0; u < 3; ++u) {
    Result<ElementTrace> t = trace_scene_element(s, *run, 0, 0, u, 0);
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->value, p[static_cast<std::size_t>(u)]) << "the walk shows the engine's float";
    EXPECT_EQ(t->sum()->softmax.max, 3.0f);
  }
}

TEST(Dense, NeedsAVectorAndSaysWhy) {
  const Error e = error_of("{\"type\": \"Dense\", \"units\": 3, \"kernel\": [0]}", {2, 2, 4});
  EXPECT_EQ(e.where, "layers[0].type");
  EXPECT_NE(e.message.find("add Flatten before it"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("each position's 4 channels"), std::string::npos) << e.message;
}

TEST(Dense, ParamsAsKerasCountsThem) {
  // The chapter's Dense(100) after 7x7x64: 3136 * 100 + 100 = 313,700.
  Scene s;
  s.input.shape = vector_shape(3136);
  s.input.data.assign(3136, 0.0f);
  Layer d;
  d.type = LayerType::kDense;
  d.units = 100;
  d.kernel.assign(3136 * 100, 0.0f);
  d.bias.assign(100, 0.0f);
  s.layers.push_back(d);
  Result<ScenePlan> plan = validate_scene(s);
  ASSERT_TRUE(plan.ok()) << to_string(plan.error());
  EXPECT_EQ(layer_param_count(s.layers[0], plan->layer(0)), 313700);
  EXPECT_EQ(layer_macs(s.layers[0], plan->layer(0)), 313600);
}

TEST(Flatten, KeepsHwcOrderAndTellsTheIndex) {
  // 2x2x2: index = (y * 2 + x) * 2 + c, so (1, 0, 1) is index 5.
  const Scene s = scene_of({2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7}, "{\"type\": \"Flatten\"}");
  Result<SceneRun> run = run_scene_full(s);
  ASSERT_TRUE(run.ok());
  Result<ElementTrace> t = trace_scene_element(s, *run, 0, 0, 5, 0);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->taps.size(), 1u);
  EXPECT_EQ(t->taps[0].iy, 1);
  EXPECT_EQ(t->taps[0].ix, 0);
  EXPECT_EQ(t->taps[0].ci, 1);
  EXPECT_EQ(t->value, 5.0f);
  EXPECT_NE(t->formula()->formula.find("(1 x 2 + 0) x 2 + 1 = 5"), std::string::npos)
      << t->formula()->formula;
}

// [SECTION] Elementwise

TEST(Elementwise, ActivationLayers) {
  const std::vector<float> x = {-2, -0.5f, 0, 0.5f, 3};
  const Scene relu = scene_of({5}, x, "{\"type\": \"Activation\", \"activation\": \"relu\"}");
  expect_near_all(output_of(relu, 0), {0, 0, 0, 0.5f, 3});
  const Scene sig = scene_of({5}, x, "{\"type\": \"Activation\", \"activation\": \"sigmoid\"}");
  std::vector<float> want;
  for (float v : x) want.push_back(1.0f / (1.0f + std::exp(-v)));
  expect_near_all(output_of(sig, 0), want, 1e-6f);
  const Scene tanh_ = scene_of({5}, x, "{\"type\": \"Activation\", \"activation\": \"tanh\"}");
  want.clear();
  for (float v : x) want.push_back(std::tanh(v));
  expect_near_all(output_of(tanh_, 0), want, 1e-6f);
}

// keras.activations.relu as Keras 3 computes it: x > threshold passes
// (clipped at max_value), below it negative_slope * (x - threshold).
TEST(Elementwise, KerasReluOptions) {
  const std::vector<float> x = {-2, 0, 0.5f, 1, 2, 7};
  // max_value 6: relu6.
  expect_near_all(output_of(scene_of({6}, x, "{\"type\": \"ReLU\", \"max_value\": 6}"), 0),
                  {0, 0, 0.5f, 1, 2, 6});
  // negative_slope 0.1: -2 -> -0.2 (leaky).
  expect_near_all(output_of(scene_of({6}, x, "{\"type\": \"ReLU\", \"negative_slope\": 0.1}"), 0),
                  {-0.2f, 0, 0.5f, 1, 2, 7});
  // threshold 1: x > 1 passes; x <= 1 gives 0 (no slope).
  expect_near_all(output_of(scene_of({6}, x, "{\"type\": \"ReLU\", \"threshold\": 1}"), 0),
                  {0, 0, 0, 0, 2, 7});
  // threshold 1 with slope 0.5: -2 -> 0.5 * (-2 - 1) = -1.5; 0.5 -> -0.25.
  expect_near_all(
      output_of(scene_of({6}, x, "{\"type\": \"ReLU\", \"threshold\": 1, \"negative_slope\": 0.5}"), 0),
      {-1.5f, -0.5f, -0.25f, 0, 2, 7});
  // LeakyReLU's Keras default slope 0.3.
  expect_near_all(output_of(scene_of({6}, x, "{\"type\": \"LeakyReLU\"}"), 0),
                  {-0.6f, 0, 0.5f, 1, 2, 7});
}

TEST(Elementwise, SoftmaxOverTheChannelsOfEachPosition) {
  // 1x2x3: positions [1, 2, 3] and [0, 0, 0] -> the second is uniform.
  const Scene s = scene_of({1, 2, 3}, {1, 2, 3, 0, 0, 0}, "{\"type\": \"Softmax\"}");
  expect_near_all(output_of(s, 0),
                  {0.09003057f, 0.24472847f, 0.66524096f, 1.0f / 3, 1.0f / 3, 1.0f / 3}, 1e-6f);
  Result<SceneRun> run = run_scene_full(s);
  ASSERT_TRUE(run.ok());
  Result<ElementTrace> t = trace_scene_element(s, *run, 0, 0, 0, 2);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->taps.size(), 3u);
  EXPECT_EQ(t->softmax()->index, 2);
  EXPECT_EQ(t->value, run->outputs[0].data[2]);
  EXPECT_EQ(error_of("{\"type\": \"Softmax\", \"axis\": 1}").code, "axis_not_last");
}

TEST(Elementwise, DropoutIsTheIdentityAtInferenceAndRescalingScales) {
  const std::vector<float> x = {0, 128, 255};
  expect_near_all(output_of(scene_of({3}, x, "{\"type\": \"Dropout\", \"rate\": 0.4}"), 0), x);
  // 255 * (1/255) = 1 in float; 128 * (1/255) - 0.5.
  const Scene r = scene_of({3}, x, "{\"type\": \"Rescaling\", \"scale\": 0.003921569, \"offset\": -0.5}");
  expect_near_all(output_of(r, 0), {-0.5f, 128 * 0.003921569f - 0.5f, 255 * 0.003921569f - 0.5f});
  const Error e = error_of("{\"type\": \"Dropout\", \"rate\": 1}");
  EXPECT_EQ(e.where, "layers[0].rate");
  EXPECT_NE(e.message.find("below 1"), std::string::npos) << e.message;
}

// [SECTION] BatchNormalization

// x = 3, moving_mean 1, moving_variance 3.999 (+ epsilon 0.001 = 4),
// gamma 2, beta 0.5: (3 - 1) / 2 * 2 + 0.5 = 2.5.
TEST(BatchNormalization, InferenceWithTheMovingStatistics) {
  const Scene s = scene_of({1, 1, 2}, {3, 3},
                           "{\"type\": \"BatchNormalization\", \"gamma\": [2, 1], \"beta\": [0.5, 0], "
                           "\"moving_mean\": [1, 0], \"moving_variance\": [3.999, 0.999]}");
  expect_near_all(output_of(s, 0), {2.5f, 3.0f}, 1e-6f);
  Result<SceneRun> run = run_scene_full(s);
  ASSERT_TRUE(run.ok());
  Result<ElementTrace> t = trace_scene_element(s, *run, 0, 0, 0, 0);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->norm()->mean, 1.0f);
  EXPECT_EQ(t->value, run->outputs[0].data[0]);
  // Keras' parameter count includes the moving statistics: 4 per channel.
  EXPECT_EQ(layer_param_count(s.layers[0], run->plan.layer(0)), 8);
}

TEST(BatchNormalization, CenterAndScaleOffDropBetaAndGamma) {
  const Scene s = scene_of({2}, {1, 3},
                           "{\"type\": \"BatchNormalization\", \"center\": false, \"scale\": false, "
                           "\"moving_mean\": [1, 1], \"moving_variance\": [0.999, 0.999]}");
  expect_near_all(output_of(s, 0), {0, 2}, 1e-6f);
  EXPECT_TRUE(s.layers[0].gamma.empty());
  EXPECT_TRUE(s.layers[0].beta.empty());
  EXPECT_EQ(error_of("{\"type\": \"BatchNormalization\", \"center\": false, \"beta\": [1]}").code,
            "weight_switched_off");
}

// [SECTION] Global pooling, padding, upsampling, input

TEST(GlobalPooling, OneNumberPerChannel) {
  // 2x2x2: channel 0 = [1, 2, 3, 4] (mean 2.5, max 4), channel 1 = [-1, -2, -3, -4].
  const std::vector<float> x = {1, -1, 2, -2, 3, -3, 4, -4};
  expect_near_all(output_of(scene_of({2, 2, 2}, x, "{\"type\": \"GlobalAveragePooling2D\"}"), 0),
                  {2.5f, -2.5f});
  expect_near_all(output_of(scene_of({2, 2, 2}, x, "{\"type\": \"GlobalMaxPooling2D\"}"), 0), {4, -1});
  const Scene k = scene_of({2, 2, 2}, x, "{\"type\": \"GlobalMaxPooling2D\", \"keepdims\": true}");
  Result<ScenePlan> plan = validate_scene(k);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(shape_text(plan->shapes[1]), "[1, 1, 2]");
  expect_near_all(output_of(scene_of({3, 2}, {1, 2, 3, 4, 5, 6}, "{\"type\": \"GlobalAveragePooling1D\"}"), 0),
                  {3, 4});
}

TEST(ZeroPadding2D, TheThreeKerasForms) {
  const std::vector<float> x = {1, 2, 3, 4};
  Scene s = scene_of({2, 2, 1}, x, "{\"type\": \"ZeroPadding2D\"}");  // 1 on every side
  Result<ScenePlan> p = validate_scene(s);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(shape_text(p->shapes[1]), "[4, 4, 1]");
  expect_near_all(output_of(s, 0), {0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0});
  s = scene_of({2, 2, 1}, x, "{\"type\": \"ZeroPadding2D\", \"padding\": [1, 0]}");
  expect_near_all(output_of(s, 0), {0, 0, 1, 2, 3, 4, 0, 0});
  s = scene_of({2, 2, 1}, x, "{\"type\": \"ZeroPadding2D\", \"padding\": [[0, 1], [1, 0]]}");
  expect_near_all(output_of(s, 0), {0, 1, 2, 0, 3, 4, 0, 0, 0});
}

// tf.image.resize([[1, 2], [3, 4]], [4, 4], 'bilinear') with half-pixel
// centres (TF 2, what Keras 3's UpSampling2D calls): positions
// (o + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25, clamped at the edges.
TEST(UpSampling2D, NearestRepeatsAndBilinearIsTensorFlowsResize) {
  const std::vector<float> x = {1, 2, 3, 4};
  expect_near_all(output_of(scene_of({2, 2, 1}, x, "{\"type\": \"UpSampling2D\"}"), 0),
                  {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4});
  expect_near_all(
      output_of(scene_of({2, 2, 1}, x, "{\"type\": \"UpSampling2D\", \"interpolation\": \"bilinear\"}"), 0),
      {1, 1.25f, 1.75f, 2, 1.5f, 1.75f, 2.25f, 2.5f, 2.5f, 2.75f, 3.25f, 3.5f, 3, 3.25f, 3.75f, 4});
  const Scene b = scene_of({2, 2, 1}, x, "{\"type\": \"UpSampling2D\", \"interpolation\": \"bilinear\"}");
  Result<SceneRun> run = run_scene_full(b);
  ASSERT_TRUE(run.ok());
  Result<ElementTrace> t = trace_scene_element(b, *run, 0, 1, 2, 0);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->taps.size(), 4u);
  EXPECT_EQ(t->value, 2.25f);
}

TEST(InputLayer, ItsShapeMustBeTheInputs) {
  const Scene s = scene_of({2, 2, 1}, {1, 2, 3, 4}, "{\"type\": \"InputLayer\", \"batch_shape\": [null, 2, 2, 1]}");
  expect_near_all(output_of(s, 0), {1, 2, 3, 4});
  const Error e = error_of("{\"type\": \"InputLayer\", \"batch_shape\": [null, 28, 28, 1]}");
  EXPECT_EQ(e.code, "input_layer_shape_mismatch");
  EXPECT_NE(e.message.find("[28, 28, 1]"), std::string::npos);
}

// Conv1D(padding='causal'): (k - 1) * d zeros on the left only, so output t
// reads inputs t-2..t: with kernel [1, 1, 1], the running sums 1, 3, 6, 9.
TEST(Padding, CausalConv1D) {
  const Scene s = scene_of({4, 1}, {1, 2, 3, 4},
                           "{\"type\": \"Conv1D\", \"filters\": 1, \"kernel_size\": 3, \"padding\": "
                           "\"causal\", \"kernel\": [1, 1, 1]}");
  expect_near_all(output_of(s, 0), {1, 3, 6, 9});
  EXPECT_NE(keras_line(s.layers[0]).find("padding='causal'"), std::string::npos) << keras_line(s.layers[0]);
}

// Padding wider than a 1x1 kernel reaches: the two padded rows see only
// padding and hold the bias, as in TensorFlow and PyTorch.
TEST(Padding, BeyondTheKernelsReachHoldsTheBias) {
  const Scene s = scene_of({1, 2, 1}, {3, 4},
                           "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"padding\": "
                           "[[2, 0], [0, 0]], \"kernel\": [2], \"bias\": [0.5]}");
  expect_near_all(output_of(s, 0), {0.5f, 0.5f, 0.5f, 0.5f, 6.5f, 8.5f});
  Result<SceneRun> run = run_scene_full(s);
  ASSERT_TRUE(run.ok());
  Result<ElementTrace> t = trace_scene_element(s, *run, 0, 0, 1, 0);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->taps[0].padding);
  EXPECT_EQ(t->value, 0.5f);
}

// [SECTION] Keras' own layer configs

// A layer exactly as Keras 3's model.to_json() writes it (copied from the
// textbook's best-cnn-model.keras): keys that do not change the numbers are
// accepted, weights may sit beside "config".
constexpr const char* kKerasConv =
    "{\"module\": \"keras.layers\", \"class_name\": \"Conv2D\", \"config\": {\"name\": \"conv2d\", "
    "\"trainable\": true, \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", "
    "\"config\": {\"name\": \"float32\"}, \"registered_name\": null}, \"filters\": 2, \"kernel_size\": "
    "[3, 3], \"strides\": [1, 1], \"padding\": \"same\", \"data_format\": \"channels_last\", "
    "\"dilation_rate\": [1, 1], \"groups\": 1, \"activation\": \"relu\", \"use_bias\": true, "
    "\"kernel_initializer\": {\"module\": \"keras.initializers\", \"class_name\": \"GlorotUniform\", "
    "\"config\": {\"seed\": null}, \"registered_name\": null}, \"bias_initializer\": {\"module\": "
    "\"keras.initializers\", \"class_name\": \"Zeros\", \"config\": {}, \"registered_name\": null}, "
    "\"kernel_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null, "
    "\"kernel_constraint\": null, \"bias_constraint\": null}, \"registered_name\": null, "
    "\"build_config\": {\"input_shape\": [null, 4, 4, 1]}}";

TEST(KerasConfig, ALayerAsKerasWritesItReadsAsOurOwn) {
  const Scene keras = scene_of({4, 4, 1}, std::vector<float>(16, 1.0f), kKerasConv);
  const Scene ours = scene_of({4, 4, 1}, std::vector<float>(16, 1.0f),
                              "{\"type\": \"Conv2D\", \"name\": \"conv2d\", \"filters\": 2, "
                              "\"kernel_size\": 3, \"padding\": \"same\", \"activation\": \"relu\"}");
  ASSERT_EQ(keras.layers.size(), 1u);
  EXPECT_EQ(keras.layers[0], ours.layers[0]) << "same keys, same seeded weights";
  // Keras 2's LeakyReLU(alpha=...) and weights beside the config.
  const Scene leaky = scene_of({2}, {-1, 1},
                               "{\"class_name\": \"LeakyReLU\", \"config\": {\"name\": \"l\", \"alpha\": 0.5}}");
  expect_near_all(output_of(leaky, 0), {-0.5f, 1});
  const Scene dense = scene_of({2}, {1, 2},
                               "{\"class_name\": \"Dense\", \"config\": {\"units\": 1, \"use_bias\": false}, "
                               "\"kernel\": [[3], [4]]}");
  expect_near_all(output_of(dense, 0), {11});
}

TEST(KerasConfig, KeysThatWouldChangeTheNumbersAreErrors) {
  const std::string base = "{\"class_name\": \"Conv2D\", \"config\": {\"filters\": 1, \"kernel_size\": 1, ";
  EXPECT_EQ(error_of(base + "\"data_format\": \"channels_first\"}}").where, "layers[0].config.data_format");
  EXPECT_EQ(error_of(base + "\"groups\": 2}}").code, "unsupported_value");
  const Error d = error_of(base + "\"dtype\": \"mixed_float16\"}}");
  EXPECT_EQ(d.code, "dtype_not_float32");
  EXPECT_NE(d.message.find("mixed_float16"), std::string::npos);
  EXPECT_EQ(error_of(base + "\"lora_rank\": 4}}").code, "keras_key_not_neutral");
  EXPECT_EQ(error_of(base + "\"depth_multiplier\": 2}}").code, "unknown_key");
  EXPECT_EQ(error_of("{\"class_name\": \"Conv2D\"}").code, "missing_config");
  EXPECT_EQ(error_of("{\"class_name\": \"DepthwiseConv2D\", \"config\": {}}").code, "layer_type_unknown");
}

// [SECTION] Conv2DTranspose

// 2x2 input [[1, 2], [3, 4]], one 2x2 kernel [[1, 2], [3, 4]] (Keras'
// [kh, kw, filters, in] with one filter and one channel).
constexpr const char* kSmallInput = "[1, 2, 3, 4]";

std::string transpose(const std::string& keys, const std::string& kernel = "[1, 2, 3, 4]") {
  return "{\"type\": \"Conv2DTranspose\", \"filters\": 1, " + keys + ", \"kernel\": " + kernel + "}";
}

// Stride 2, 'valid': out = 2 * 2 + max(2 - 2, 0) = 4; each input cell
// stamps value x kernel at (2i, 2j) without overlap.
TEST(Conv2DTranspose, StampsWithoutOverlap) {
  const Scene s = scene_of({2, 2, 1}, {1, 2, 3, 4}, transpose("\"kernel_size\": 2, \"strides\": 2"));
  (void)kSmallInput;
  expect_near_all(output_of(s, 0), {1, 2, 2, 4, 3, 4, 6, 8, 3, 6, 4, 8, 9, 12, 12, 16});
}

// Stride 1, 'valid': 3x3, the stamps overlap: centre = 1*4 + 2*3 + 3*2 + 4*1.
TEST(Conv2DTranspose, OverlappingStampsAddUp) {
  const Scene s = scene_of({2, 2, 1}, {1, 2, 3, 4}, transpose("\"kernel_size\": 2"));
  expect_near_all(output_of(s, 0), {1, 4, 4, 6, 20, 16, 9, 24, 16});
  Result<SceneRun> run = run_scene_full(s);
  ASSERT_TRUE(run.ok());
  Result<ElementTrace> t = trace_scene_element(s, *run, 0, 1, 1, 0);
  ASSERT_TRUE(t.ok());
  int stamps = 0;
  for (const TraceTap& tap : t->taps) stamps += !tap.padding;
  EXPECT_EQ(stamps, 4);
  EXPECT_EQ(t->value, 20.0f);
}

// 'same', 3x3 ones, stride 2: out = 2 * 2 = 4; TensorFlow's forward
// convolution over 4 cells pads 0 before and 1 after, so the full 5x5 sum of
// stamps is cropped at the end: rows 0-3, columns 0-3.
TEST(Conv2DTranspose, SameCropsTheFullResultAsTensorFlow) {
  const Scene s = scene_of({2, 2, 1}, {1, 2, 3, 4},
                           transpose("\"kernel_size\": 3, \"strides\": 2, \"padding\": \"same\"",
                                     "[1, 1, 1, 1, 1, 1, 1, 1, 1]"));
  expect_near_all(output_of(s, 0), {1, 1, 3, 2, 1, 1, 3, 2, 4, 4, 10, 6, 3, 3, 7, 4});
}

// output_padding 1 with 'valid', k 3, s 2: out = (2 - 1) * 2 + 3 + 1 = 6;
// the last row and column no stamp reaches hold only the bias.
TEST(Conv2DTranspose, OutputPaddingCellsHoldTheBias) {
  const Scene s = scene_of({2, 2, 1}, {1, 2, 3, 4},
                           "{\"type\": \"Conv2DTranspose\", \"filters\": 1, \"kernel_size\": 3, "
                           "\"strides\": 2, \"output_padding\": 1, \"kernel\": [1, 1, 1, 1, 1, 1, 1, 1, 1], "
                           "\"bias\": [0.5]}");
  Result<SceneRun> run = run_scene_full(s);
  ASSERT_TRUE(run.ok()) << to_string(run.error());
  const Tensor& out = run->outputs[0];
  ASSERT_EQ(shape_text(out.shape), "[6, 6, 1]");
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(out.at(5, i, 0), 0.5f);
    EXPECT_EQ(out.at(i, 5, 0), 0.5f);
  }
  EXPECT_EQ(out.at(2, 2, 0), 10.5f);  // every stamp: 1 + 2 + 3 + 4, plus the bias
}

TEST(Conv2DTranspose, OutputPaddingTensorFlowRefusesIsAnError) {
  // Even kernel, 'same', output_padding 0: out = (2 - 1) * 2 = 2, and a
  // 'same' convolution over 2 cells with stride 2 gives 1, not 2.
  Error e = error_of(transpose("\"kernel_size\": 2, \"strides\": 2, \"padding\": \"same\", "
                               "\"output_padding\": 0"));
  EXPECT_EQ(e.code, "output_padding_mismatch");
  EXPECT_NE(e.message.find("would give back 1, not the input's 2"), std::string::npos) << e.message;
  e = error_of(transpose("\"kernel_size\": 2, \"strides\": 2, \"output_padding\": 2"));
  EXPECT_EQ(e.code, "output_padding_not_below_stride");
  EXPECT_EQ(error_of(transpose("\"kernel_size\": 2, \"padding\": \"full\"")).code, "transpose_padding");
}

TEST(Conv2DTranspose, KerasKernelOrderAndParams) {
  // 3 input channels, 2 filters: kernel [kh, kw, filters=2, in=3].
  std::vector<float> k(2 * 2 * 2 * 3);
  for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<float>(i);
  const Scene s = scene_of({1, 1, 3}, {1, 10, 100},
                           "{\"type\": \"Conv2DTranspose\", \"filters\": 2, \"kernel_size\": 2, \"kernel\": " +
                               floats(k) + "}");
  Result<SceneRun> run = run_scene_full(s);
  ASSERT_TRUE(run.ok()) << to_string(run.error());
  // out[ky, kx, f] = sum over ci of x[ci] * W[ky, kx, f, ci]; W index ((ky*2+kx)*2+f)*3+ci.
  const Tensor& out = run->outputs[0];
  for (int ky = 0; ky < 2; ++ky)
    for (int kx = 0; kx < 2; ++kx)
      for (int f = 0; f < 2; ++f) {
        const int base = ((ky * 2 + kx) * 2 + f) * 3;
        EXPECT_EQ(out.at(ky, kx, f), static_cast<float>(base * 1 + (base + 1) * 10 + (base + 2) * 100));
      }
  EXPECT_EQ(layer_param_count(s.layers[0], run->plan.layer(0)), 2 * 2 * 2 * 3 + 2);
  EXPECT_NE(keras_line(s.layers[0]).find("Conv2DTranspose(2"), std::string::npos);
}

// [SECTION] Exported code carries the weights

TEST(ExportedCode, KerasSetWeightsAndPyTorchCopyInTheirLayouts) {
  const Scene s = scene_of({4, 4, 1}, std::vector<float>(16, 1.0f),
                           "{\"type\": \"InputLayer\", \"batch_shape\": [null, 4, 4, 1]}, "
                           "{\"type\": \"Conv2D\", \"filters\": 2, \"kernel_size\": 3, \"padding\": [[0, 1], [0, 1]]}, "
                           "{\"type\": \"Flatten\"}, {\"type\": \"Dense\", \"units\": 2}");
  Result<ScenePlan> plan = validate_scene(s);
  ASSERT_TRUE(plan.ok()) << to_string(plan.error());
  const std::string keras = keras_model_code(s, &*plan);
  // keras.Input stands for the InputLayer: the Conv2D is model.layers[0].
  EXPECT_EQ(keras.find("InputLayer"), std::string::npos) << keras;
  EXPECT_NE(keras.find("model.layers[0].set_weights([\n    np.array(["), std::string::npos) << keras;
  EXPECT_NE(keras.find(".reshape(3, 3, 1, 2)"), std::string::npos) << keras;
  EXPECT_NE(keras.find("model.layers[2].set_weights"), std::string::npos) << keras;
  const std::string torch = pytorch_model_code(s, *plan);
  // The uneven padding is a ZeroPad2d module first: the Conv2d is model[1].
  EXPECT_NE(torch.find("model[1].weight.copy_(torch.tensor(["), std::string::npos) << torch;
  EXPECT_NE(torch.find(".reshape(3, 3, 1, 2).permute(3, 2, 0, 1))"), std::string::npos) << torch;
  EXPECT_NE(torch.find(".reshape(18, 2).T)"), std::string::npos) << torch;
}

// [SECTION] Weights left out

// Keras' initialisers from the scene's seed: GlorotUniform kernels within
// sqrt(6 / (fan_in + fan_out)), zero biases, BatchNormalization's ones and
// zeros; the same seed gives the same numbers.
TEST(Initialisers, LeftOutWeightsAreKerasDefaultsFromTheSeed) {
  const std::string layers =
      "{\"type\": \"Conv2D\", \"filters\": 4, \"kernel_size\": 3}, {\"type\": \"BatchNormalization\"}, "
      "{\"type\": \"Flatten\"}, {\"type\": \"Dense\", \"units\": 10}";
  const auto with_seed = [&](int seed) {
    return parse_scene("{\"version\": 1, \"seed\": " + std::to_string(seed) +
                       ", \"input\": {\"shape\": [5, 5, 2], \"data\": " +
                       floats(std::vector<float>(50, 0.5f)) + "}, \"layers\": [" + layers + "]}");
  };
  Result<Scene> a = with_seed(7), b = with_seed(7), c = with_seed(8);
  ASSERT_TRUE(a.ok()) << to_string(a.error());
  ASSERT_TRUE(b.ok() && c.ok());
  EXPECT_EQ(a->layers, b->layers);
  EXPECT_NE(a->layers[0].kernel, c->layers[0].kernel);
  // Conv2D 3x3x2x4: fan_in 18, fan_out 36, limit sqrt(6/54) = 0.3333.
  const Layer& conv = a->layers[0];
  ASSERT_EQ(conv.kernel.size(), 72u);
  float lo = 1, hi = -1;
  for (float w : conv.kernel) lo = std::min(lo, w), hi = std::max(hi, w);
  EXPECT_GE(lo, -0.33334f);
  EXPECT_LE(hi, 0.33334f);
  EXPECT_LT(lo, -0.1f) << "spread over the range";
  EXPECT_GT(hi, 0.1f);
  EXPECT_EQ(conv.bias, std::vector<float>(4, 0.0f));
  EXPECT_EQ(a->layers[1].gamma, std::vector<float>(4, 1.0f));
  EXPECT_EQ(a->layers[1].moving_variance, std::vector<float>(4, 1.0f));
  EXPECT_EQ(a->layers[3].kernel.size(), 36u * 10u);  // 3x3x4 after a valid 3x3
  Result<Scene> back = parse_scene(scene_to_json(*a));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->layers, a->layers);
  EXPECT_EQ(back->seed, 7u);
}

// [SECTION] Every type: traces, backends, round trips, fields

// A seeded stack over a 5x5x2 input reaching every new family: each
// element's trace equals the engine's output, the reference backend
// agrees with the kernels, and the scene survives write -> read.
const char* const kStacks[] = {
    "{\"type\": \"BatchNormalization\", \"gamma\": [1.5, -1], \"beta\": [0.1, 0.2], \"moving_mean\": [0.2, "
    "-0.1], \"moving_variance\": [0.5, 2]}, {\"type\": \"ReLU\", \"max_value\": 0.6}, {\"type\": "
    "\"ZeroPadding2D\", \"padding\": [[1, 0], [0, 2]]}, {\"type\": \"UpSampling2D\", \"interpolation\": "
    "\"bilinear\"}, {\"type\": \"GlobalAveragePooling2D\"}, {\"type\": \"Dense\", \"units\": 3, "
    "\"activation\": \"softmax\", \"kernel\": [0.5, -1, 2, 1, 0.25, -0.5]}",
    "{\"type\": \"Conv2D\", \"filters\": 3, \"kernel_size\": 3, \"padding\": \"same\", \"activation\": "
    "\"softmax\", \"kernel\": @K}, {\"type\": \"Flatten\"}, {\"type\": \"Dropout\", \"rate\": 0.4}, "
    "{\"type\": \"Dense\", \"units\": 4, \"activation\": \"tanh\", \"kernel\": @D, \"bias\": [0.1, 0, -0.1, "
    "0.2]}, {\"type\": \"LeakyReLU\", \"negative_slope\": 0.2}, {\"type\": \"Rescaling\", \"scale\": 2, "
    "\"offset\": -1}, {\"type\": \"Softmax\"}",
    "{\"type\": \"InputLayer\", \"batch_shape\": [null, 5, 5, 2]}, {\"type\": \"UpSampling2D\", \"size\": [1, "
    "2]}, {\"type\": \"GlobalMaxPooling2D\", \"keepdims\": true}, {\"type\": \"Activation\", \"activation\": "
    "\"sigmoid\"}",
    "{\"type\": \"Conv2DTranspose\", \"filters\": 3, \"kernel_size\": 3, \"strides\": 2, \"padding\": "
    "\"same\"}, {\"type\": \"Conv2DTranspose\", \"filters\": 2, \"kernel_size\": [2, 3], \"strides\": [1, 2], "
    "\"output_padding\": [0, 1], \"activation\": \"relu\"}",
};

std::string random_floats(std::mt19937& gen, int n) {
  std::vector<float> v(static_cast<std::size_t>(n));
  for (float& x : v) x = testing::random_value(gen);
  return floats(v);
}

Scene stack_scene(int which, std::uint32_t seed) {
  std::mt19937 gen(seed);
  std::string layers = kStacks[which];
  const auto put = [&](const char* tag, int n) {
    const std::size_t at = layers.find(tag);
    if (at != std::string::npos) layers.replace(at, 2, random_floats(gen, n));
  };
  put("@K", 3 * 3 * 2 * 3);
  put("@D", 75 * 4);
  std::vector<float> in(50);
  for (float& x : in) x = testing::random_value(gen);
  return scene_of({5, 5, 2}, in, layers);
}

TEST(EveryLayerType, TracesEqualTheEngineAndBackendsAgree) {
  for (int which = 0; which < 4; ++which) {
    for (std::uint32_t seed = 1; seed <= 4; ++seed) {
      SCOPED_TRACE("stack " + std::to_string(which) + " seed " + std::to_string(seed));
      const Scene s = stack_scene(which, seed);
      ASSERT_FALSE(s.layers.empty());
      Result<SceneRun> run = run_scene_full(s);
      ASSERT_TRUE(run.ok()) << to_string(run.error());
      RunOptions ref;
      ref.backend = Backend::kReference;
      Result<SceneRun> oracle = run_scene_full(s, ref);
      ASSERT_TRUE(oracle.ok());
      for (std::size_t l = 0; l < s.layers.size(); ++l) {
        const Tensor& out = run->outputs[l];
        const DisplayDims d = display_dims(out.shape);
        for (std::size_t i = 0; i < out.data.size(); ++i) {
          // Float sums in another order: a few ulps of the terms' size.
          ASSERT_NEAR(out.data[i], oracle->outputs[l].data[i], 2e-5f * (1 + std::fabs(out.data[i])))
              << "layer " << l << " element " << i;
        }
        for (int y = 0; y < d.rows; ++y)
          for (int x = 0; x < d.cols; ++x)
            for (int c = 0; c < d.channels; ++c) {
              Result<ElementTrace> t = trace_scene_element(s, *run, static_cast<int>(l), y, x, c);
              ASSERT_TRUE(t.ok()) << to_string(t.error());
              const float want = out.at_display(y, x, c);
              ASSERT_NEAR(t->value, want, 2e-5f * (1 + std::fabs(want)))
                  << layer_type_name(s.layers[l].type) << " at " << y << "," << x << "," << c;
              EXPECT_FALSE(explain_text(*t).empty());
              EXPECT_FALSE(trace_to_json(*t).empty());
            }
      }
      Result<Scene> back = parse_scene(scene_to_json(s));
      ASSERT_TRUE(back.ok()) << to_string(back.error());
      EXPECT_EQ(back->layers, s.layers);
    }
  }
}

TEST(EveryLayerType, FieldsGoThroughTheWholeStack) {
  const Scene s = stack_scene(1, 7);
  const int last = static_cast<int>(s.layers.size()) - 1;
  // The last Softmax unit depends on every input cell (through Dense).
  Result<FieldStack> f = receptive_field(s, last, 0, 2, 0);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  EXPECT_EQ(f->masks[0].count, 25);
  // One input cell feeds, through the 3x3 'same' conv, 9 cells; Flatten
  // maps them to 9 x 3 indices; Dense spreads to all 4 units.
  Result<FieldStack> up = projective_field(s, last, 2, 2, 0);
  ASSERT_TRUE(up.ok()) << to_string(up.error());
  EXPECT_EQ(up->masks[1].count, 9);
  EXPECT_EQ(up->masks[2].count, 27);
  EXPECT_EQ(up->masks[4].count, 4);
}

TEST(EveryLayerType, KerasAndPyTorchLinesForEveryRow) {
  for (int which = 0; which < 4; ++which) {
    const Scene s = stack_scene(which, 3);
    Result<ScenePlan> plan = validate_scene(s);
    ASSERT_TRUE(plan.ok());
    for (std::size_t l = 0; l < s.layers.size(); ++l) {
      const std::string k = keras_line(s.layers[l]);
      EXPECT_NE(k.find("keras."), std::string::npos) << k;
      EXPECT_FALSE(pytorch_line(s.layers[l], plan->shapes[l]).empty());
    }
  }
}

}  // namespace
}  // namespace cs
