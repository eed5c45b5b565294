// keras_model_test.cpp - Keras models as scenes and back (core/keras_model.h,
// modelio/model_scene.h): the book's two real files open as the chapter's
// CNN with their own weights; every layer type survives scene -> Keras 3
// config -> scene and scene -> TensorFlow.js topology -> scene; .keras and
// model.json written and reopened predict the same; Functional chains open,
// graphs that branch or join are refused naming the layer; every setting
// ConvScope does not compute is refused before anything is shown.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/keras_model.h"
#include "core/layer_json.h"
#include "modelio/model_file.h"
#include "modelio/model_scene.h"
#include "random_scene.h"

namespace {

using namespace cs;
using modelio::InputFile;

std::vector<std::uint8_t> read_bytes(const std::string& rel) {
  std::ifstream f(std::string(CONVSCOPE_SOURCE_DIR) + "/" + rel, std::ios::binary);
  EXPECT_TRUE(f.good()) << rel;
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

Scene open_ok(const std::vector<InputFile>& files) {
  Result<Scene> s = modelio::open_model(files);
  EXPECT_TRUE(s.ok()) << (s ? "" : to_string(s.error()));
  return s ? *s : Scene{};
}

std::vector<float> predict(const Scene& s) {
  Result<std::vector<Tensor>> out = run_scene(s);
  EXPECT_TRUE(out.ok()) << (out ? "" : to_string(out.error()));
  return out && !out->empty() ? out->back().data : std::vector<float>{};
}

// A digit-like input: a seeded pattern of strokes in [0, 1].
Scene with_input(Scene s, std::uint32_t seed) {
  std::mt19937 gen(seed);
  for (float& v : s.input.data) v = (gen() % 4 == 0) ? static_cast<float>(gen() % 256) / 255.0f : 0.0f;
  return s;
}

// [SECTION] The book's model

void expect_chapter_model(const Scene& s) {
  ASSERT_EQ(s.layers.size(), 8u);
  const char* types[] = {"Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dropout", "Dense"};
  for (std::size_t i = 0; i < 8; ++i) EXPECT_STREQ(layer_type_name(s.layers[i].type), types[i]) << i;
  EXPECT_EQ(s.input.shape, (TensorShape{28, 28, 1, false}));
  EXPECT_EQ(s.layers[0].kernel.size(), 3u * 3 * 1 * 32);
  EXPECT_EQ(s.layers[2].kernel.size(), 3u * 3 * 32 * 64);
  EXPECT_EQ(s.layers[5].kernel.size(), 3136u * 100);
  EXPECT_EQ(s.layers[7].bias.size(), 10u);
  EXPECT_EQ(s.layers[5].activation, Activation::kRelu);
  EXPECT_EQ(s.layers[7].activation, Activation::kSoftmax);
  const std::vector<float> p = predict(with_input(s, 3));
  ASSERT_EQ(p.size(), 10u);
  float sum = 0;
  for (float v : p) sum += v;
  EXPECT_NEAR(sum, 1.0f, 1e-5f);
}

TEST(KerasModel, TheBooksKerasFileOpensAsTheChaptersCnnWithItsWeights) {
  const std::vector<InputFile> files = {{"best-cnn-model.keras", read_bytes("models/best-cnn-model.keras")}};
  const Scene s = open_ok(files);
  expect_chapter_model(s);
  EXPECT_EQ(s.title, "best-cnn-model");
  EXPECT_EQ(s.layers[0].name, "conv2d");
  EXPECT_EQ(s.layers[7].name, "dense_1");
  // The weights are the file's own, bit for bit.
  Result<modelio::ModelFile> m = modelio::read_model(files);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(s.layers[2].kernel, m->layers[3].arrays[0].data);
  EXPECT_EQ(s.layers[5].bias, m->layers[6].arrays[1].data);
}

TEST(KerasModel, TheLegacyH5OpensTheSameWay) {
  const Scene s = open_ok({{"best-cnn-model.h5", read_bytes("tests/data/best-cnn-model.h5")}});
  expect_chapter_model(s);
  EXPECT_EQ(s.layers[0].name, "conv2d");
}

TEST(KerasModel, TensorFlowJsFixturesOpenWithBatchNormalization) {
  const std::string dir = "tests/data/modelio/tfjs-float32/";
  const Scene s = open_ok({{"model.json", read_bytes(dir + "model.json")},
                           {"group1-shard1of2.bin", read_bytes(dir + "group1-shard1of2.bin")},
                           {"group1-shard2of2.bin", read_bytes(dir + "group1-shard2of2.bin")}});
  ASSERT_EQ(s.layers.size(), 5u);
  EXPECT_EQ(s.layers[1].type, LayerType::kBatchNormalization);
  EXPECT_EQ(s.input.shape, (TensorShape{6, 6, 1, false}));
}

TEST(KerasModel, AFunctionalChainOpens) {
  const Scene s = open_ok({{"functional.keras", read_bytes("tests/data/modelio/functional.keras")}});
  EXPECT_FALSE(s.layers.empty());
  EXPECT_FALSE(predict(s).empty());
}

// [SECTION] Round trips

Scene round_trip(const Scene& s, KerasDialect d) {
  Result<KerasModel> k = keras_from_scene(s, d);
  EXPECT_TRUE(k.ok()) << (k ? "" : to_string(k.error()));
  if (!k) return {};
  Result<Scene> back = scene_from_keras(*k, "model");
  EXPECT_TRUE(back.ok()) << (back ? "" : to_string(back.error())) << "\n" << k->config_json;
  return back ? *back : Scene{};
}

// Names are filled in on export; compare everything else.
void expect_same_layers(const Scene& a, const Scene& b) {
  ASSERT_EQ(a.layers.size(), b.layers.size());
  EXPECT_EQ(a.input.shape, b.input.shape);
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    Layer x = a.layers[i], y = b.layers[i];
    x.name = y.name = "";
    EXPECT_EQ(x, y) << "layer " << i << " " << layer_type_name(x.type);
  }
}

const char* const kEveryType =
    "[{\"type\": \"Conv2D\", \"filters\": 3, \"kernel_size\": [3, 2], \"strides\": [1, 2], \"padding\": \"same\", "
    "\"activation\": \"relu\"}, {\"type\": \"BatchNormalization\", \"momentum\": 0.9, \"epsilon\": 0.01}, "
    "{\"type\": \"MaxPooling2D\", \"pool_size\": 2, \"padding\": \"same\"}, {\"type\": \"ZeroPadding2D\", "
    "\"padding\": [[1, 0], [2, 1]]}, {\"type\": \"AveragePooling2D\", \"pool_size\": [2, 1], \"strides\": 1}, "
    "{\"type\": \"UpSampling2D\", \"size\": [2, 1], \"interpolation\": \"bilinear\"}, {\"type\": "
    "\"Conv2DTranspose\", \"filters\": 2, \"kernel_size\": 3, \"strides\": 2, \"padding\": \"same\", "
    "\"use_bias\": false}, {\"type\": \"LeakyReLU\", \"negative_slope\": 0.2}, {\"type\": \"ReLU\", "
    "\"max_value\": 6}, {\"type\": \"Rescaling\", \"scale\": 0.5, \"offset\": 0.25}, {\"type\": \"Softmax\"}, "
    "{\"type\": \"Activation\", \"activation\": \"tanh\"}, {\"type\": \"Flatten\"}, {\"type\": \"Dropout\", "
    "\"rate\": 0.3}, {\"type\": \"Dense\", \"units\": 4, \"activation\": \"sigmoid\"}, {\"type\": \"Dense\", "
    "\"units\": 3, \"activation\": \"softmax\"}]";

Scene every_type_scene(std::uint32_t seed) {
  const std::string json = "{\"version\": 1, \"seed\": " + std::to_string(seed) +
                           ", \"input\": {\"shape\": [9, 8, 2]}, \"layers\": " + kEveryType + "}";
  Result<Scene> s = parse_scene(json);
  EXPECT_TRUE(s.ok()) << (s ? "" : to_string(s.error()));
  return s ? with_input(*s, seed) : Scene{};
}

TEST(KerasModel, EveryLayerTypeSurvivesBothDialects) {
  for (std::uint32_t seed = 1; seed <= 5; ++seed) {
    const Scene s = every_type_scene(seed);
    for (KerasDialect d : {KerasDialect::kKeras3, KerasDialect::kTfjs}) {
      SCOPED_TRACE("seed " + std::to_string(seed) + (d == KerasDialect::kTfjs ? " tfjs" : " keras3"));
      expect_same_layers(s, round_trip(s, d));
    }
  }
}

TEST(KerasModel, OneDimensionalAndGlobalPoolingLayersSurvive) {
  Result<Scene> s = parse_scene(
      "{\"version\": 1, \"input\": {\"shape\": [12, 2]}, \"layers\": [{\"type\": \"Conv1D\", \"filters\": 3, "
      "\"kernel_size\": 3, \"padding\": \"causal\", \"dilation_rate\": 2}, {\"type\": \"MaxPooling1D\"}, "
      "{\"type\": \"GlobalAveragePooling1D\"}, {\"type\": \"Dense\", \"units\": 2}]}");
  ASSERT_TRUE(s.ok()) << to_string(s.error());
  expect_same_layers(*s, round_trip(*s, KerasDialect::kKeras3));
  expect_same_layers(*s, round_trip(*s, KerasDialect::kTfjs));
}

TEST(KerasModel, RandomScenesSurviveTheKeras3Config) {
  std::mt19937 gen(11);
  int exported = 0;
  for (int n = 0; n < 600; ++n) {
    const Scene s = cs::testing::random_scene(gen, n % 3 == 0);
    Result<KerasModel> k = keras_from_scene(s, KerasDialect::kKeras3);
    if (!k) {
      // Only what Keras cannot express is refused.
      EXPECT_TRUE(k.error().code == "export_padding" || k.error().code == "export_key") << to_string(k.error());
      continue;
    }
    ++exported;
    Result<Scene> back = scene_from_keras(*k, "model");
    ASSERT_TRUE(back.ok()) << to_string(back.error()) << "\n" << k->config_json;
    expect_same_layers(s, *back);
  }
  EXPECT_GT(exported, 90);
}

TEST(KerasModel, WrittenKerasAndTfjsFilesReopenWithTheSamePredictions) {
  const Scene book = open_ok({{"best-cnn-model.keras", read_bytes("models/best-cnn-model.keras")}});
  const Scene s = with_input(book, 5);
  const std::vector<float> want = predict(s);
  for (const char* name : {"again.keras", "model.json", "again.json"}) {
    SCOPED_TRACE(name);
    Result<modelio::SaveFormat> f = modelio::format_for_name(name);
    ASSERT_TRUE(f.ok());
    Result<std::vector<InputFile>> files = modelio::save_model(s, *f, name);
    ASSERT_TRUE(files.ok()) << to_string(files.error());
    Scene back = open_ok(*files);
    back.input = s.input;
    const std::vector<float> got = predict(back);
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], want[i]) << i;
  }
}

// [SECTION] What is refused

KerasModel chapter_model() {
  Result<modelio::ModelFile> m =
      modelio::read_model({{"best-cnn-model.keras", read_bytes("models/best-cnn-model.keras")}});
  EXPECT_TRUE(m.ok());
  return m ? KerasModel{m->model_config_json, m->layers} : KerasModel{};
}

void replace_once(std::string& s, const std::string& from, const std::string& to) {
  const std::size_t at = s.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s.replace(at, from.size(), to);
}

Error import_error(const KerasModel& m) {
  Result<Scene> s = scene_from_keras(m, "m.keras");
  EXPECT_FALSE(s.ok());
  return s ? Error{} : s.error();
}

TEST(KerasModel, SettingsConvScopeDoesNotComputeAreRefusedNamingTheLayer) {
  struct Case {
    const char* from;
    const char* to;
    const char* where;
    const char* says;
  };
  const Case cases[] = {
      {"\"groups\": 1", "\"groups\": 2", "layer \"conv2d\" (Conv2D): groups", "groups"},
      {"\"data_format\": \"channels_last\"", "\"data_format\": \"channels_first\"", "layer \"conv2d\" (Conv2D)",
       "channels_last"},
      {"\"activation\": \"relu\"", "\"activation\": \"elu\"", "layer \"conv2d\" (Conv2D): activation", "elu"},
      {"\"class_name\": \"Flatten\"", "\"class_name\": \"Reshape\"", "layer \"flatten\" (Reshape)", "Reshape"},
      {"\"dtype\": \"float32\", \"sparse\"", "\"dtype\": \"float16\", \"sparse\"", "", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.to);
    KerasModel m = chapter_model();
    replace_once(m.config_json, c.from, c.to);
    const Error e = import_error(m);
    if (*c.where) {
      EXPECT_NE(e.where.find(c.where), std::string::npos) << e.where;
      EXPECT_EQ(e.where.rfind("m.keras", 0), 0u) << e.where;
    }
    EXPECT_NE(to_string(e).find(c.says), std::string::npos) << to_string(e);
  }
}

TEST(KerasModel, AnUnknownClassNamesWhatConvScopeSupports) {
  KerasModel m = chapter_model();
  replace_once(m.config_json, "\"class_name\": \"Dropout\"", "\"class_name\": \"GaussianNoise\"");
  const Error e = import_error(m);
  EXPECT_NE(e.where.find("layer \"dropout\" (GaussianNoise)"), std::string::npos) << e.where;
  EXPECT_NE(e.message.find("Conv2D"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("BatchNormalization"), std::string::npos) << e.message;
}

TEST(KerasModel, WeightsOfTheWrongShapeOrMissingAreRefused) {
  {
    KerasModel m = chapter_model();
    NamedArray& k = m.layers[6].arrays[0];  // dense kernel [3136, 100]
    k.shape = {100, 3136};
    const Error e = import_error(m);
    EXPECT_NE(e.where.find("layer \"dense\" (Dense)"), std::string::npos) << to_string(e);
  }
  {
    KerasModel m = chapter_model();
    m.layers[1].arrays.pop_back();  // conv2d without its bias
    const Error e = import_error(m);
    EXPECT_NE(to_string(e).find("bias"), std::string::npos) << to_string(e);
    EXPECT_NE(e.where.find("conv2d"), std::string::npos) << to_string(e);
  }
  {
    KerasModel m = chapter_model();
    m.layers[1].arrays[0].name = "depthwise_kernel";
    EXPECT_NE(to_string(import_error(m)).find("depthwise_kernel"), std::string::npos);
  }
  {
    KerasModel m = chapter_model();
    m.layers[1].arrays[0].data.pop_back();
    EXPECT_NE(to_string(import_error(m)).find("conv2d"), std::string::npos);
  }
}

const char* const kBranching =
    "{\"class_name\": \"Functional\", \"config\": {\"name\": \"f\", \"layers\": ["
    "{\"class_name\": \"InputLayer\", \"name\": \"in\", \"config\": {\"batch_shape\": [null, 4, 4, 1], \"name\": "
    "\"in\"}, \"inbound_nodes\": []},"
    "{\"class_name\": \"Conv2D\", \"name\": \"a\", \"config\": {\"name\": \"a\", \"filters\": 1, \"kernel_size\": 1}, "
    "\"inbound_nodes\": [[[\"in\", 0, 0, {}]]]},"
    "{\"class_name\": \"Conv2D\", \"name\": \"b\", \"config\": {\"name\": \"b\", \"filters\": 1, \"kernel_size\": 1}, "
    "\"inbound_nodes\": [[[\"in\", 0, 0, {}]]]},"
    "{\"class_name\": \"Add\", \"name\": \"sum\", \"config\": {\"name\": \"sum\"}, "
    "\"inbound_nodes\": [[[\"a\", 0, 0, {}], [\"b\", 0, 0, {}]]]}]}}";

TEST(KerasModel, BranchingAndJoiningGraphsAreRefusedNamingTheLayer) {
  const Error join = import_error(KerasModel{kBranching, {}});
  EXPECT_NE(join.where.find("layer \"sum\" (Add)"), std::string::npos) << to_string(join);
  EXPECT_NE(join.message.find("joins 2"), std::string::npos) << to_string(join);
  std::string branches = kBranching;
  replace_once(branches, "[[[\"a\", 0, 0, {}], [\"b\", 0, 0, {}]]]", "[[[\"a\", 0, 0, {}]]]");
  const Error branch = import_error(KerasModel{branches, {}});
  EXPECT_NE(branch.where.find("layer \"in\" (InputLayer)"), std::string::npos) << to_string(branch);
  EXPECT_NE(branch.message.find("branches"), std::string::npos) << to_string(branch);
}

TEST(KerasModel, AnInputOfAnySizeIsRefused) {
  KerasModel m = chapter_model();
  replace_once(m.config_json, "\"batch_shape\": [null, 28, 28, 1]", "\"batch_shape\": [null, null, null, 1]");
  const Error e = import_error(m);
  EXPECT_NE(e.message.find("fixed sizes"), std::string::npos) << to_string(e);
}

TEST(KerasModel, DamagedConfigTextIsAnErrorNotACrash) {
  KerasModel m = chapter_model();
  m.config_json.resize(m.config_json.size() / 2);
  EXPECT_FALSE(import_error(m).message.empty());
  EXPECT_FALSE(import_error(KerasModel{"{\"class_name\": \"Sequential\"}", {}}).message.empty());
  EXPECT_FALSE(import_error(KerasModel{"[1, 2]", {}}).message.empty());
  EXPECT_NE(import_error(KerasModel{"{\"class_name\": \"MyModel\", \"config\": {}}", {}}).message.find("MyModel"),
            std::string::npos);
}

TEST(KerasModel, ExportRefusesWhatKerasOrTfjsCannotExpress) {
  auto scene = [](const std::string& layer) {
    Result<Scene> s = parse_scene("{\"version\": 1, \"input\": {\"shape\": [6, 6, 1]}, \"layers\": [" + layer + "]}");
    EXPECT_TRUE(s.ok()) << (s ? "" : to_string(s.error()));
    return s ? *s : Scene{};
  };
  const Scene pads = scene("{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 3, \"padding\": [[1, 2], [0, 1]]}");
  Result<KerasModel> a = keras_from_scene(pads, KerasDialect::kKeras3);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().message.find("ZeroPadding2D"), std::string::npos) << to_string(a.error());
  const Scene count = scene("{\"type\": \"AveragePooling2D\", \"padding\": \"same\", \"count_include_pad\": true}");
  Result<KerasModel> b = keras_from_scene(count, KerasDialect::kKeras3);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(to_string(b.error()).find("count_include_pad"), std::string::npos);
  const Scene relu = scene("{\"type\": \"ReLU\", \"threshold\": 0.5}");
  EXPECT_TRUE(keras_from_scene(relu, KerasDialect::kKeras3).ok());
  Result<KerasModel> c = keras_from_scene(relu, KerasDialect::kTfjs);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("TensorFlow.js"), std::string::npos) << to_string(c.error());
}

TEST(KerasModel, ExportedNamesAreUniqueKerasDefaults) {
  Scene s = every_type_scene(1);
  s.layers[0].name = "dense";  // taken by the user: the Dense layers skip it
  Result<KerasModel> k = keras_from_scene(s, KerasDialect::kKeras3);
  ASSERT_TRUE(k.ok());
  std::vector<std::string> names;
  for (const LayerWeights& w : k->layers) names.push_back(w.layer_name);
  EXPECT_EQ(names[0], "input_layer");
  EXPECT_EQ(names[1], "dense");
  EXPECT_EQ(names[2], "batch_normalization");
  EXPECT_EQ(names[15], "dense_1");
  EXPECT_EQ(names[16], "dense_2");
}

}  // namespace
