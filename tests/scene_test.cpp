// scene_test.cpp - the JSON reader, the scene format and its validation.
// Keras shorthands and defaults, every error path with its `where`, limits
// one past each value, shape maths (static_assert and run time), and a
// seeded mutation run showing hostile documents give errors, not crashes.
//
// Index
// [SECTION] Helpers
// [SECTION] JSON reader
// [SECTION] Float writer
// [SECTION] Scene: shorthands and defaults
// [SECTION] Scene: error paths
// [SECTION] Limits
// [SECTION] Shape maths
// [SECTION] Robustness

#include "core/scene.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/shape.h"
#include "core/validate.h"

namespace cs {
namespace {

// [SECTION] Helpers

std::string zeros(std::int64_t n) {
  std::string s = "[";
  for (std::int64_t i = 0; i < n; ++i) s += i ? ",0" : "0";
  return s + "]";
}

// A scene with a zero input of the given shape and the given layers.
std::string scene_json(const std::string& layers, std::vector<int> shape = {4, 4, 1}) {
  std::int64_t n = 1;
  std::string dims;
  for (int d : shape) {
    n *= d;
    dims += (dims.empty() ? "" : ", ") + std::to_string(d);
  }
  return "{\"version\": 1, \"input\": {\"shape\": [" + dims + "], \"data\": " + zeros(n) +
         "}, \"layers\": [" + layers + "]}";
}

// A 3x3 single-filter Conv2D over one channel, with extra keys.
std::string conv(const std::string& extra = "", const std::string& ks = "3", int weights = 9) {
  return "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": " + ks +
         ", \"kernel\": " + zeros(weights) + (extra.empty() ? "" : ", " + extra) + "}";
}

Scene parse_ok(const std::string& json) {
  Result<Scene> r = parse_scene(json);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : to_string(r.error()));
  return r.ok() ? r.value() : Scene{};
}

Error parse_err(const std::string& json) {
  Result<Scene> r = parse_scene(json);
  EXPECT_FALSE(r.ok()) << "parsed, but an error was expected";
  return r.ok() ? Error{} : r.error();
}

// [SECTION] JSON reader

TEST(Json, ParsesEveryKindOfValue) {
  Result<JsonValue> r = parse_json(
      " {\"a\": [1, -2.5e1, 0.125], \"b\": {\"c\": null}, \"d\": [true, false],"
      " \"e\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", \"f\": []} ");
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  const JsonValue& v = *r;
  ASSERT_EQ(v.type, JsonType::kObject);
  ASSERT_EQ(v.size(), 5u);
  const JsonValue* a = v.find("a");
  ASSERT_TRUE(a && a->is_packed());
  EXPECT_EQ(a->numbers, (std::vector<double>{1.0, -25.0, 0.125}));
  EXPECT_EQ(v.find("b")->find("c")->type, JsonType::kNull);
  const JsonValue* d = v.find("d");
  ASSERT_EQ(d->items.size(), 2u);
  EXPECT_TRUE(d->items[0].boolean);
  EXPECT_FALSE(d->items[1].boolean);
  EXPECT_EQ(v.find("e")->text, "x\"\\/\b\f\n\r\t\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(v.find("f")->size(), 0u);
  EXPECT_FALSE(v.find("f")->is_packed());
  EXPECT_EQ(v.find("zz"), nullptr);
}

TEST(Json, MixedArrayIsUnpackedInOrder) {
  Result<JsonValue> r = parse_json("[1, 2, \"NaN\", 3]");
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->is_packed());
  ASSERT_EQ(r->items.size(), 4u);
  EXPECT_EQ(r->items[1].number, 2.0);
  EXPECT_EQ(r->items[2].text, "NaN");
  EXPECT_EQ(r->items[3].number, 3.0);
}

TEST(Json, ErrorsNameLineAndColumn) {
  Result<JsonValue> r = parse_json("{\n  \"a\": 1,\n  \"b\": tru\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where, "line 3, column 8");
  EXPECT_EQ(r.error().line, 3);
  EXPECT_EQ(r.error().column, 8);
}

struct BadJson {
  const char* text;
  const char* message_part;
};

TEST(Json, RejectsWhatStrictJsonRejects) {
  const BadJson cases[] = {
      {"", "end of input"},
      {"[1, 2,]", "expected a value"},
      {"{\"a\": 1,}", "expected a quoted key"},
      {"01", "leading zeros"},
      {"1.", "digit after '.'"},
      {"1e", "exponent"},
      {"-", "expected a digit"},
      {"+1", "expected a value"},
      {"NaN", "bare NaN"},
      {"[Infinity]", "bare NaN/Infinity"},
      {"// c\n1", "expected a value"},
      {"{\"a\": 1, \"a\": 2}", "duplicate key \"a\""},
      {"\"abc", "unterminated string"},
      {"\"a\tb\"", "control character"},
      {"\"\\x\"", "invalid escape"},
      {"\"\\u12\"", "4 hex digits"},
      {"\"\\udc00\"", "lone low surrogate"},
      {"\"\\ud800x\"", "high surrogate"},
      {"\"\xC3\x28\"", "invalid UTF-8"},
      {"\"\xED\xA0\x80\"", "invalid UTF-8"},  // encoded surrogate
      {"\"\xC0\xAF\"", "invalid UTF-8"},      // overlong
      {"1 2", "after the end"},
      {"{\"a\" 1}", "expected ':'"},
      {"[1 2]", "expected ',' or ']'"},
      {"1e999", "out of range"},
  };
  for (const BadJson& c : cases) {
    Result<JsonValue> r = parse_json(c.text);
    ASSERT_FALSE(r.ok()) << "accepted: " << c.text;
    EXPECT_NE(r.error().message.find(c.message_part), std::string::npos)
        << c.text << " -> " << r.error().message;
  }
}

TEST(Json, SkipsByteOrderMark) { EXPECT_TRUE(parse_json("\xEF\xBB\xBF[1]").ok()); }

TEST(Json, DepthLimitStopsDeepNesting) {
  JsonLimits limits;
  limits.max_depth = 8;
  EXPECT_TRUE(parse_json("[[[[[[[[1]]]]]]]]", limits).ok());
  Result<JsonValue> r = parse_json("[[[[[[[[[1]]]]]]]]]", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("deeper than 8"), std::string::npos);
  // A million brackets must be an error, not a stack overflow.
  const std::string deep(1000000, '[');
  EXPECT_FALSE(parse_json(deep).ok());
}

TEST(Json, SizeAndNodeLimits) {
  JsonLimits limits;
  limits.max_bytes = 10;
  EXPECT_FALSE(parse_json("[1, 2, 3, 4, 5]", limits).ok());
  limits = JsonLimits{};
  limits.max_nodes = 3;
  EXPECT_TRUE(parse_json("[1, 2, 3, 4, 5, 6, 7]", limits).ok())
      << "packed numbers do not count as nodes";
  EXPECT_FALSE(parse_json("[[1], [2], [3], [4]]", limits).ok());
  limits = JsonLimits{};
  limits.max_string_bytes = 4;
  EXPECT_FALSE(parse_json("\"abcdefgh\"", limits).ok());
}

// [SECTION] Float writer

TEST(FloatWriter, ShortestText) {
  EXPECT_EQ(format_float(0.1f), "0.1");
  EXPECT_EQ(format_float(3.0f), "3");
  EXPECT_EQ(format_float(-2.5f), "-2.5");
  EXPECT_EQ(format_float(1e-7f), "1e-07");
  EXPECT_EQ(format_float(1e20f), "1e+20");
  EXPECT_EQ(format_float(-0.0f), "-0");
  EXPECT_EQ(format_float(16777216.0f), "16777216");
  EXPECT_EQ(format_float(std::numeric_limits<float>::quiet_NaN()), "\"NaN\"");
  EXPECT_EQ(format_float(std::numeric_limits<float>::infinity()), "\"Infinity\"");
  EXPECT_EQ(format_float(-std::numeric_limits<float>::infinity()), "\"-Infinity\"");
}

TEST(FloatWriter, RoundTripsRandomBitPatterns) {
  const std::uint32_t seed = 20240611u;
  std::mt19937 gen(seed);
  for (int i = 0; i < 20000; ++i) {
    const std::uint32_t bits = gen();
    float v = 0.0f;
    std::memcpy(&v, &bits, sizeof v);
    if (!std::isfinite(v)) continue;
    const std::string s = format_float(v);
    Result<JsonValue> r = parse_json(s);
    ASSERT_TRUE(r.ok()) << "seed " << seed << ": " << s << " is not JSON";
    const float back = static_cast<float>(r->number);
    ASSERT_EQ(std::memcmp(&back, &v, sizeof v), 0)
        << "seed " << seed << ": " << s << " does not read back";
    ASSERT_LE(s.size(), 15u) << s;
  }
}

// The writer binary-searches the precision; it must find what the plain
// linear search (1, 2, ... 9 digits) finds.
std::string linear_shortest(float v) {
  char buf[32];
  for (int p = 1; p <= 9; ++p) {
    std::snprintf(buf, sizeof buf, "%.*g", p, static_cast<double>(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return buf;
}

TEST(FloatWriter, BinarySearchFindsTheShortest) {
  std::vector<float> values;
  for (int e = -149; e <= 127; ++e) {
    values.push_back(std::ldexp(1.0f, e));  // powers of two: uneven gaps
    values.push_back(-std::ldexp(1.0f, e));
  }
  const std::uint32_t seed = 5u;
  std::mt19937 gen(seed);
  for (int i = 0; i < 100000; ++i) {
    const std::uint32_t bits = gen();
    float v = 0.0f;
    std::memcpy(&v, &bits, sizeof v);
    values.push_back(v);
  }
  for (int i = 1; i < 20000; ++i) values.push_back(static_cast<float>(i) * 0.001f);
  for (float v : values) {
    if (!std::isfinite(v) || (v == std::nearbyint(v) && std::fabs(v) < 1e7f)) continue;
    ASSERT_EQ(format_float(v), linear_shortest(v)) << "seed " << seed;
  }
}

TEST(FloatWriter, EscapesStrings) {
  std::string out;
  append_json_string(out, "a\"b\\c\n\x01");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001\"");
  EXPECT_EQ(parse_json(out)->text, "a\"b\\c\n\x01");
}

// [SECTION] Scene: shorthands and defaults

TEST(Scene, ConvShorthandsAndDefaults) {
  const Scene s = parse_ok(scene_json(conv()));
  ASSERT_EQ(s.layers.size(), 1u);
  const Layer& l = s.layers[0];
  EXPECT_EQ(l.type, LayerType::kConv2D);
  EXPECT_EQ(l.kernel_size, (std::array<int, 2>{3, 3}));
  EXPECT_EQ(l.strides, (std::array<int, 2>{1, 1}));
  EXPECT_EQ(l.dilation_rate, (std::array<int, 2>{1, 1}));
  EXPECT_EQ(l.padding, PaddingMode::kValid);
  EXPECT_EQ(l.activation, Activation::kLinear);
  EXPECT_TRUE(l.use_bias);
  EXPECT_EQ(l.bias, std::vector<float>{0.0f}) << "bias defaults to zeros";
  EXPECT_EQ(s.input.shape, (TensorShape{4, 4, 1, false}));
}

TEST(Scene, ConvExplicitKeys) {
  const Scene s = parse_ok(
      scene_json("{\"type\": \"Conv2D\", \"name\": \"c1\", \"filters\": 2, \"kernel_size\": [1, 2],"
                 " \"strides\": [2, 1], \"dilation_rate\": [1, 2], \"padding\": [[0, 0], [1, 1]],"
                 " \"activation\": \"sigmoid\", \"use_bias\": false, \"kernel\": [1, 2, 3, 4]}"));
  const Layer& l = s.layers[0];
  EXPECT_EQ(l.name, "c1");
  EXPECT_EQ(l.filters, 2);
  EXPECT_EQ(l.kernel_size, (std::array<int, 2>{1, 2}));
  EXPECT_EQ(l.strides, (std::array<int, 2>{2, 1}));
  EXPECT_EQ(l.dilation_rate, (std::array<int, 2>{1, 2}));
  EXPECT_EQ(l.padding, PaddingMode::kExplicit);
  EXPECT_EQ(l.pads, (std::array<int, 4>{0, 0, 1, 1}));
  EXPECT_EQ(l.activation, Activation::kSigmoid);
  EXPECT_FALSE(l.use_bias);
  EXPECT_TRUE(l.bias.empty());
  EXPECT_EQ(l.kernel, (std::vector<float>{1, 2, 3, 4}));
}

TEST(Scene, ActivationNullIsLinear) {
  EXPECT_EQ(parse_ok(scene_json(conv("\"activation\": null"))).layers[0].activation,
            Activation::kLinear);
  EXPECT_EQ(parse_ok(scene_json(conv("\"activation\": \"linear\""))).layers[0].activation,
            Activation::kLinear);
  EXPECT_EQ(parse_ok(scene_json(conv("\"activation\": \"tanh\""))).layers[0].activation,
            Activation::kTanh);
}

TEST(Scene, PoolingStridesDefaultToPoolSize) {
  const Scene s = parse_ok(
      scene_json("{\"type\": \"MaxPooling2D\", \"pool_size\": 2},"
                 "{\"type\": \"AveragePooling2D\", \"pool_size\": [1, 2], \"strides\": null},"
                 "{\"type\": \"MaxPooling2D\"},"
                 "{\"type\": \"AveragePooling2D\", \"pool_size\": 1, \"strides\": 1, "
                 "\"count_include_pad\": true}",
                 {8, 8, 3}));
  EXPECT_EQ(s.layers[0].kernel_size, (std::array<int, 2>{2, 2}));
  EXPECT_EQ(s.layers[0].strides, (std::array<int, 2>{2, 2}));
  EXPECT_EQ(s.layers[1].strides, (std::array<int, 2>{1, 2}));
  EXPECT_EQ(s.layers[2].kernel_size, (std::array<int, 2>{2, 2})) << "Keras' default pool_size";
  EXPECT_EQ(s.layers[2].strides, (std::array<int, 2>{2, 2}));
  EXPECT_TRUE(s.layers[3].count_include_pad);
  EXPECT_FALSE(s.layers[1].count_include_pad) << "Keras counts only real cells";
}

TEST(Scene, OneDimensionalLayers) {
  const Scene s =
      parse_ok("{\"version\": 1, \"input\": {\"shape\": [10, 2], \"data\": " + zeros(20) +
               "}, \"layers\": [{\"type\": \"Conv1D\", \"filters\": 3, \"kernel_size\": 3,"
               " \"strides\": 2, \"dilation_rate\": [1], \"padding\": [1, 2], \"kernel\": " +
               zeros(18) +
               "}, {\"type\": \"MaxPooling1D\", \"pool_size\": [2]}, {\"type\": "
               "\"AveragePooling1D\", \"padding\": \"same\"}]}");
  EXPECT_EQ(s.input.shape, (TensorShape{1, 10, 2, true}));
  EXPECT_EQ(s.layers[0].kernel_size, (std::array<int, 2>{1, 3}));
  EXPECT_EQ(s.layers[0].strides, (std::array<int, 2>{1, 2}));
  EXPECT_EQ(s.layers[0].pads, (std::array<int, 4>{0, 0, 1, 2}));
  EXPECT_EQ(s.layers[1].kernel_size, (std::array<int, 2>{1, 2}));
  EXPECT_EQ(s.layers[2].kernel_size, (std::array<int, 2>{1, 2}));
  Result<ScenePlan> plan = validate_scene(s);
  ASSERT_TRUE(plan.ok());
  // (10 + 3 - 3) / 2 + 1 = 6 steps, then 3, then ceil(3 / 2) = 2.
  EXPECT_EQ(plan->shapes[1], (TensorShape{1, 6, 3, true}));
  EXPECT_EQ(plan->shapes[2], (TensorShape{1, 3, 3, true}));
  EXPECT_EQ(plan->shapes[3], (TensorShape{1, 2, 3, true}));
  EXPECT_EQ(plan->shapes[3].dims(), (std::vector<int>{2, 3}));
}

TEST(Scene, NestedWeightsEqualFlatWeights) {
  // get_weights()[0].tolist() of a 2x2 kernel, 2 input channels, 1 filter.
  const std::string nested =
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 2, \"kernel\":"
      " [[[[1], [2]], [[3], [4]]], [[[5], [6]], [[7], [8]]]], \"bias\": [0.5]}";
  const std::string flat =
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 2, \"kernel\":"
      " [1, 2, 3, 4, 5, 6, 7, 8], \"bias\": [0.5]}";
  const Scene a = parse_ok(scene_json(nested, {3, 3, 2}));
  const Scene b = parse_ok(scene_json(flat, {3, 3, 2}));
  ASSERT_EQ(a.layers.size(), 1u);
  ASSERT_EQ(b.layers.size(), 1u);
  EXPECT_EQ(a.layers[0], b.layers[0]);
  EXPECT_EQ(a.layers[0].kernel, (std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8}));
  // Nested input data: x.tolist() of a 2x2x1 image.
  const Scene c = parse_ok(
      "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [[[1], [2]], [[3], [4]]]}}");
  EXPECT_EQ(c.input.data, (std::vector<float>{1, 2, 3, 4}));
  EXPECT_TRUE(c.layers.empty());
}

TEST(Scene, NonFiniteNumbersAsStrings) {
  const Scene s = parse_ok(
      "{\"version\": 1, \"input\": {\"shape\": [1, 3, 1], \"data\": [\"NaN\", \"Infinity\", "
      "\"-Infinity\"]}}");
  EXPECT_TRUE(std::isnan(s.input.data[0]));
  EXPECT_EQ(s.input.data[1], std::numeric_limits<float>::infinity());
  EXPECT_EQ(s.input.data[2], -std::numeric_limits<float>::infinity());
}

TEST(Scene, RoundTripsThroughItsOwnWriter) {
  for (const char* file : {"chapter.json", "same-stride2.json", "signal-1d.json"}) {
    SCOPED_TRACE(file);
    std::string path = std::string(CONVSCOPE_SOURCE_DIR) + "/scenes/" + file;
    FILE* f = std::fopen(path.c_str(), "rb");
    ASSERT_NE(f, nullptr) << path;
    std::string text;
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    std::fclose(f);
    const Scene a = parse_ok(text);
    const std::string written = scene_to_json(a);
    const Scene b = parse_ok(written);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.input.shape, b.input.shape);
    EXPECT_EQ(a.input.data, b.input.data);
    EXPECT_EQ(a.layers, b.layers);
    EXPECT_EQ(scene_to_json(b), written) << "writing is deterministic";
  }
  // Explicit padding, NaN, odd floats and every layer type survive too.
  Scene s = parse_ok(
      "{\"version\": 1, \"input\": {\"shape\": [1, 4, 1], \"data\": [\"NaN\", 0.1, -3e-9, 1e30]},"
      " \"layers\": [{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": [1, 2],"
      " \"padding\": [[0, 0], [1, 0]], \"kernel\": [0.333333343, 2]},"
      " {\"type\": \"AveragePooling2D\", \"pool_size\": [1, 2], \"strides\": 1,"
      " \"padding\": \"full\", \"count_include_pad\": true}]}");
  Scene t = parse_ok(scene_to_json(s));
  EXPECT_EQ(s.layers, t.layers);
  EXPECT_TRUE(std::isnan(t.input.data[0]));
  EXPECT_EQ(t.input.data[2], -3e-9f);
}

// [SECTION] Scene: error paths

struct ErrorCase {
  const char* name;
  std::string json;
  const char* where;
  const char* message_part;
};

TEST(SceneErrors, EveryPathNamesItsKey) {
  const std::string ok_input = "\"input\": {\"shape\": [4, 4, 1], \"data\": " + zeros(16) + "}";
  const ErrorCase cases[] = {
      {"not an object", "[1]", "(document)", "expected an object"},
      {"syntax", "{\"version\": 1,", "line 1, column 15", "expected a quoted key"},
      {"missing version", "{" + ok_input + "}", "version", "missing"},
      {"wrong version", "{\"version\": 2, " + ok_input + "}", "version", "version 1"},
      {"unknown top key", "{\"version\": 1, \"verison\": 1, " + ok_input + "}", "verison",
       "did you mean \"version\""},
      {"unknown far key", "{\"version\": 1, \"zzzzzzz\": 1, " + ok_input + "}", "zzzzzzz",
       "allowed keys: version, title, seed, input, layers"},
      {"missing input", "{\"version\": 1}", "input", "missing"},
      {"input shape rank", "{\"version\": 1, \"input\": {\"shape\": [4, 4, 4, 4], \"data\": [0]}}",
       "input.shape", "expected [rows, columns, channels]"},
      {"input shape not int",
       "{\"version\": 1, \"input\": {\"shape\": [4, 4.5, 1], \"data\": [0]}}", "input.shape[1]",
       "expected an integer"},
      {"input data count",
       "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [1, 2, 3]}}", "input.data",
       "expected 4 numbers (2x2x1, row-major HWC), got 3"},
      {"input data element",
       "{\"version\": 1, \"input\": {\"shape\": [1, 2, 1], \"data\": [1, \"x\"]}}", "input.data[1]",
       "expected a number"},
      {"input data float range",
       "{\"version\": 1, \"input\": {\"shape\": [1, 2, 1], \"data\": [1, 1e39]}}", "input.data[1]",
       "outside the float range"},
      {"input nested ragged",
       "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [[[1], [2]], [[3]]]}}",
       "input.data[1]", "expected 2 entries (columns), got 1"},
      {"input unknown key",
       "{\"version\": 1, \"input\": {\"shape\": [1, 1, 1], \"data\": [1], \"dtype\": 1}}",
       "input.dtype", "unknown key"},
      {"layers not array", "{\"version\": 1, " + ok_input + ", \"layers\": {}}", "layers",
       "expected an array"},
      {"layer not object", scene_json("3"), "layers[0]", "expected an object"},
      {"layer missing type", scene_json("{\"filters\": 1}"), "layers[0].type", "missing"},
      {"layer unknown type", scene_json("{\"type\": \"Conv3D\"}"), "layers[0].type",
       "unknown layer type \"Conv3D\""},
      {"typo key", scene_json(conv("\"kernal_size\": 3")), "layers[0].kernal_size",
       "did you mean \"kernel_size\""},
      {"pool key on conv", scene_json(conv("\"pool_size\": 2")), "layers[0].pool_size",
       "unknown key"},
      {"conv key on pool", scene_json("{\"type\": \"MaxPooling2D\", \"filters\": 2}"),
       "layers[0].filters", "unknown key"},
      {"count_include_pad on max",
       scene_json("{\"type\": \"MaxPooling2D\", \"count_include_pad\": true}"),
       "layers[0].count_include_pad", "unknown key"},
      {"missing filters", scene_json("{\"type\": \"Conv2D\", \"kernel_size\": 3, \"kernel\": []}"),
       "layers[0].filters", "missing"},
      {"missing kernel_size", scene_json("{\"type\": \"Conv2D\", \"filters\": 1, \"kernel\": []}"),
       "layers[0].kernel_size", "missing"},
      {"negative seed",
       "{\"version\": 1, \"seed\": -2, \"input\": {\"shape\": [1, 1, 1], \"data\": [0]}}", "seed",
       "a seed is 0 or more, got -2"},
      {"kernel count", scene_json(conv("", "3", 8)), "layers[0].kernel",
       "expected 9 numbers (3x3x1x1, HWIO"},
      {"kernel nested wrong",
       scene_json("{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [[[[1]], "
                  "[[2]]]]}"),
       "layers[0].kernel[0]", "expected 1 entries (kernel columns), got 2"},
      {"bias count", scene_json(conv("\"bias\": [1, 2]")), "layers[0].bias",
       "expected 1 numbers (one per filter), got 2"},
      {"bias nested", scene_json(conv("\"bias\": [[1, 2]]")), "layers[0].bias[0]",
       "expected a number"},
      {"bias without use_bias", scene_json(conv("\"use_bias\": false, \"bias\": [1]")),
       "layers[0].bias", "use_bias is false"},
      {"kernel_size float", scene_json(conv("", "2.5")), "layers[0].kernel_size",
       "expected an integer, got 2.5"},
      {"kernel_size triple", scene_json(conv("", "[3, 3, 3]")), "layers[0].kernel_size",
       "expected an integer or a list of 2 integers"},
      {"kernel_size string", scene_json(conv("", "\"3\"")), "layers[0].kernel_size",
       "expected an integer or a list"},
      {"strides element", scene_json(conv("\"strides\": [1, true]")), "layers[0].strides[1]",
       "expected an integer, got true"},
      {"padding word", scene_json(conv("\"padding\": \"SAME\"")), "layers[0].padding",
       "expected \"valid\", \"same\", \"full\""},
      {"padding unknown", scene_json(conv("\"padding\": \"reflect\"")), "layers[0].padding",
       "expected \"valid\""},
      {"padding shape", scene_json(conv("\"padding\": [1, 1]")), "layers[0].padding",
       "explicit 2D padding is [[top, bottom], [left, right]]"},
      {"padding pair", scene_json(conv("\"padding\": [[1, 1], [1]]")), "layers[0].padding[1]",
       "expected [left, right]"},
      {"pool padding too big",
       scene_json("{\"type\": \"AveragePooling2D\", \"pool_size\": 3, \"padding\": [[0, 0], [3, 0]]}"),
       "layers[0].padding",
       "left padding must be between 0 and 2 (the pooling window spans 3 columns), got 3"},
      {"padding negative", scene_json(conv("\"padding\": [[-1, 0], [0, 0]]")), "layers[0].padding",
       "top padding must be between 0 and 64, got -1"},
      {"causal on a 2D conv", scene_json(conv("\"padding\": \"causal\"")), "layers[0].padding",
       "\"causal\" padding is for Conv1D only"},
      {"activation unknown", scene_json(conv("\"activation\": \"elu\"")),
       "layers[0].activation", "unsupported activation \"elu\""},
      {"activation type", scene_json(conv("\"activation\": 1")), "layers[0].activation",
       "expected \"linear\""},
      {"use_bias type", scene_json(conv("\"use_bias\": 1")), "layers[0].use_bias",
       "expected a boolean"},
      {"name type", scene_json(conv("\"name\": 1")), "layers[0].name", "expected a string"},
      {"conv1d on 2d input",
       scene_json("{\"type\": \"Conv1D\", \"filters\": 1, \"kernel_size\": 3, \"kernel\": " +
                  zeros(3) + "}"),
       "layers[0].type", "Conv1D needs a [steps, channels] input but receives shape [4, 4, 1]"},
      {"conv2d on 1d input", scene_json(conv(), {4, 1}), "layers[0].type",
       "Conv2D needs a [rows, columns, channels] input"},
      {"second layer kernel count",
       scene_json(
           "{\"type\": \"Conv2D\", \"filters\": 2, \"kernel_size\": 1, \"kernel\": [1, 2]}, " +
           conv()),
       "layers[1].kernel", "expected 18 numbers (3x3x2x1, HWIO"},
      {"kernel too large", scene_json(conv("", "5", 25)), "layers[0]",
       "the kernel spans 5 rows but the padded input has only 4 (4 rows, no padding)"},
      {"pool too large", scene_json("{\"type\": \"MaxPooling2D\", \"pool_size\": [1, 5]}"),
       "layers[0]", "the pooling window spans 5 columns but the padded input has only 4"},
      {"1d explicit padding shape",
       "{\"version\": 1, \"input\": {\"shape\": [4, 1], \"data\": [0, 0, 0, 0]},"
       " \"layers\": [{\"type\": \"MaxPooling1D\", \"padding\": [[0, 0], [1, 1]]}]}",
       "layers[0].padding", "explicit 1D padding is [left, right]"},
      {"1d kernel_size pair",
       "{\"version\": 1, \"input\": {\"shape\": [4, 1], \"data\": [0, 0, 0, 0]},"
       " \"layers\": [{\"type\": \"MaxPooling1D\", \"pool_size\": [2, 2]}]}",
       "layers[0].pool_size", "a list of 1 integer"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    const Error e = parse_err(c.json);
    EXPECT_EQ(e.where, c.where) << e.message;
    EXPECT_NE(e.message.find(c.message_part), std::string::npos)
        << "message: " << e.message << "\nexpected to contain: " << c.message_part;
    EXPECT_EQ(e.message.find('\n'), std::string::npos) << "errors are one line";
  }
}

TEST(SceneErrors, DilatedKernelMessageStatesTheNumbers) {
  // 3 input rows, kernel 3 rows with dilation 2 spans 5, one row of padding.
  const Error e = parse_err(scene_json(
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": [3, 1],"
      " \"dilation_rate\": [2, 1], \"padding\": [[1, 0], [0, 0]], \"kernel\": [1, 1, 1]}",
      {3, 8, 1}));
  EXPECT_EQ(e.where, "layers[0]");
  EXPECT_EQ(e.message,
            "the dilated kernel spans 5 rows but the padded input has only 4 "
            "(3 rows + 1 padding)");
}

TEST(SceneErrors, ValidatorErrorsCarryTheSourcePosition) {
  const std::string json =
      "{\"version\": 1,\n \"input\": {\"shape\": [4, 4, 1], \"data\": " + zeros(16) +
      "},\n \"layers\": [\n  " + conv("\"strides\": 40") + "]}";
  const Error e = parse_err(json);
  EXPECT_EQ(e.where, "layers[0].strides");
  EXPECT_EQ(e.line, 4);
  const std::size_t col = json.substr(json.rfind('\n') + 1).find("40") + 1;
  EXPECT_EQ(e.column, static_cast<int>(col));
}

// [SECTION] Limits

// One value at the limit parses; one past it fails with the limit named.
struct LimitCase {
  const char* name;
  std::string at_limit;
  std::string past_limit;
  const char* where;
  const char* message_part;
};

TEST(Limits, OnePastEachLimit) {
  const auto input_1d = [](int l, int c) {
    return "{\"version\": 1, \"input\": {\"shape\": [" + std::to_string(l) + ", " +
           std::to_string(c) + "], \"data\": " + zeros(std::int64_t{l} * c) + "}}";
  };
  const auto conv_with = [](const std::string& key, const std::string& v) {
    return scene_json(conv("\"" + key + "\": " + v, "1", 1), {1, 1, 1});
  };
  const auto filters = [](int f) {
    return scene_json("{\"type\": \"Conv2D\", \"filters\": " + std::to_string(f) +
                          ", \"kernel_size\": 1, \"kernel\": " + zeros(f) + "}",
                      {1, 1, 1});
  };
  const auto kernel = [](int k) {
    return "{\"version\": 1, \"input\": {\"shape\": [1, " + std::to_string(k) +
           ", 1], \"data\": " + zeros(k) +
           "}, \"layers\": [{\"type\": \"Conv2D\","
           " \"filters\": 1, \"kernel_size\": [1, " +
           std::to_string(k) + "], \"kernel\": " + zeros(k) + "}]}";
  };
  const auto layers = [](int n) {
    std::string l;
    for (int i = 0; i < n; ++i)
      l += (i ? "," : "") + std::string("{\"type\": \"MaxPooling2D\", \"pool_size\": 1}");
    return scene_json(l, {1, 1, 1});
  };
  const LimitCase cases[] = {
      {"width", input_1d(4096, 1), input_1d(4097, 1), "input.shape[0]",
       "steps must be between 1 and 4096, got 4097"},
      {"height", scene_json("", {4096, 1, 1}), scene_json("", {4097, 1, 1}), "input.shape[0]",
       "rows must be between 1 and 4096, got 4097"},
      {"columns", scene_json("", {1, 4096, 1}), scene_json("", {1, 4097, 1}), "input.shape[1]",
       "columns must be between 1 and 4096"},
      {"channels", scene_json("", {1, 1, 64}), scene_json("", {1, 1, 65}), "input.shape[2]",
       "channels must be between 1 and 64, got 65"},
      {"zero size", scene_json("", {1, 1, 1}), scene_json("", {1, 0, 1}), "input.shape[1]",
       "between 1 and 4096, got 0"},
      {"filters", filters(256), filters(257), "layers[0].filters",
       "must be between 1 and 256, got 257"},
      {"kernel", kernel(31), kernel(32), "layers[0].kernel_size",
       "kernel_size must be between 1 and 31, got 32"},
      {"stride", conv_with("strides", "16"), conv_with("strides", "17"), "layers[0].strides",
       "strides must be between 1 and 16, got 17"},
      {"stride zero", conv_with("strides", "1"), conv_with("strides", "0"), "layers[0].strides",
       "between 1 and 16, got 0"},
      {"dilation", conv_with("dilation_rate", "16"), conv_with("dilation_rate", "17"),
       "layers[0].dilation_rate", "dilation_rate must be between 1 and 16, got 17"},
      {"dilation zero", conv_with("dilation_rate", "[1, 1]"), conv_with("dilation_rate", "[1, 0]"),
       "layers[0].dilation_rate", "got 0"},
      {"layers", layers(16), layers(17), "layers", "17 layers; the limit is 16"},
      {"elements", input_1d(16, 64),
       "{\"version\": 1, \"input\": {\"shape\": [4096, 4096, 5], \"data\": []}}", "input.shape",
       "83886080 elements; the limit is 67108864"},
  };
  for (const LimitCase& c : cases) {
    SCOPED_TRACE(c.name);
    parse_ok(c.at_limit);
    const Error e = parse_err(c.past_limit);
    EXPECT_EQ(e.where, c.where) << e.message;
    EXPECT_NE(e.message.find(c.message_part), std::string::npos) << e.message;
  }
}

// Output limits are reached through padding that grows the tensor; checked on
// Scene objects (validate_scene is what the UI calls after an edit).
TEST(Limits, OutputElementsAndSize) {
  const auto full_conv = [](int n) {
    Scene s;
    s.input.shape = TensorShape{n, n, 1, false};
    s.input.data.assign(static_cast<std::size_t>(n) * n, 0.0f);
    Layer l;
    l.type = LayerType::kConv2D;
    l.filters = 256;
    l.kernel_size = {31, 31};
    l.dilation_rate = {16, 16};  // spans 481 cells: 'full' adds 480
    l.padding = PaddingMode::kFull;
    l.kernel.assign(31 * 31 * 256, 0.0f);
    l.bias.assign(256, 0.0f);
    s.layers.push_back(l);
    return s;
  };
  // 32 + 480 = 512; 512 * 512 * 256 is exactly 64 M elements.
  Result<ScenePlan> at = validate_scene(full_conv(32));
  ASSERT_TRUE(at.ok()) << to_string(at.error());
  EXPECT_EQ(at->shapes[1].elements(), limits::kMaxElements);
  Result<ScenePlan> past = validate_scene(full_conv(33));
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().where, "layers[0]");
  // 33 + 480 = 513; 513 * 513 * 256 = 67371264.
  EXPECT_NE(past.error().message.find("67371264 elements; the limit is 67108864"),
            std::string::npos)
      << past.error().message;

  // 'full' padding grows a 4095-step signal past 4096.
  Scene s;
  s.input.shape = TensorShape{1, 4094, 1, true};
  s.input.data.assign(4094, 0.0f);
  Layer l;
  l.type = LayerType::kConv1D;
  l.filters = 1;
  l.kernel_size = {1, 3};
  l.padding = PaddingMode::kFull;
  l.kernel = {1, 1, 1};
  l.bias = {0};
  s.layers.push_back(l);
  EXPECT_TRUE(validate_scene(s).ok()) << "4094 + 2 = 4096";
  s.input.shape.w = 4095;
  s.input.data.push_back(0.0f);
  Result<ScenePlan> r = validate_scene(s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "the output would be 1x4097; the limit is 4096 per axis");
}

TEST(Limits, SceneBuiltInCodeGetsTheSameChecks) {
  Scene s = parse_ok(scene_json(conv()));
  s.layers[0].kernel.pop_back();
  Result<ScenePlan> r = validate_scene(s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where, "layers[0].kernel");
  s = parse_ok(scene_json(conv()));
  s.layers[0].bias.clear();
  r = validate_scene(s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where, "layers[0].bias");
  s = parse_ok(scene_json(conv()));
  s.layers[0].pads = {1, 0, 0, 0};  // pads without the explicit mode
  r = validate_scene(s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where, "layers[0].padding");
  s = parse_ok(scene_json(conv()));
  s.input.data.pop_back();
  r = validate_scene(s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where, "input.data");
}

// [SECTION] Shape maths

// TF 'same' with stride 2: the odd padding cell goes to the bottom/right.
static_assert(same_padding(6, 3, 2, 1).before == 0 && same_padding(6, 3, 2, 1).after == 1);
static_assert(same_padding(5, 2, 2, 1).before == 0 && same_padding(5, 2, 2, 1).after == 1);
static_assert(same_padding(7, 3, 2, 1).before == 1 && same_padding(7, 3, 2, 1).after == 1);
// Sometimes 'same' needs no padding at all.
static_assert(same_padding(8, 2, 2, 1).before == 0 && same_padding(8, 2, 2, 1).after == 0);
// Dilation: a 3-tap kernel with d = 2 spans 5 cells, so 'same' at s = 1 pads 2 + 2.
static_assert(same_padding(10, 3, 1, 2).before == 2 && same_padding(10, 3, 1, 2).after == 2);
static_assert(full_padding(3, 1).before == 2 && full_padding(3, 2).after == 4);
static_assert(output_size(6, 0, 1, 3, 2, 1) == 3);
static_assert(output_size(4, 0, 0, 5, 1, 1) == 0);
static_assert(uncovered_tail(7, 0, 0, 3, 3, 1) == 1);
static_assert(
    resolve_geometry(Geometry2D{6, 6, 1, 1, 3, 3, 2, 2, 1, 1}, PaddingMode::kSame).pad_bottom == 1);
static_assert(
    resolve_geometry(Geometry2D{6, 6, 1, 1, 3, 3, 2, 2, 1, 1}, PaddingMode::kSame).pad_top == 0);
static_assert(
    resolve_geometry(Geometry2D{4, 4, 1, 1, 3, 3, 1, 1, 1, 1}, PaddingMode::kFull).out_h == 6);
static_assert(conv_macs(8, 8, 3, 3, 1, 2) == 1152);

Layer make_conv(int k, int s, PaddingMode mode, int d = 1) {
  Layer l;
  l.filters = 1;
  l.kernel_size = {k, k};
  l.strides = {s, s};
  l.dilation_rate = {d, d};
  l.padding = mode;
  l.kernel.assign(static_cast<std::size_t>(k) * k, 0.0f);
  l.bias = {0.0f};
  return l;
}

struct GeometryCase {
  const char* name;
  int n, k, s, d;
  PaddingMode mode;
  int before, after, out;
};

TEST(ShapeMaths, LayerGeometryAtRunTime) {
  const GeometryCase cases[] = {
      {"no padding, no strides", 5, 3, 1, 1, PaddingMode::kValid, 0, 0, 3},
      {"half (same) padding", 5, 3, 1, 1, PaddingMode::kSame, 1, 1, 5},
      {"full padding", 5, 3, 1, 1, PaddingMode::kFull, 2, 2, 7},
      {"no padding, strides (odd)", 6, 3, 2, 1, PaddingMode::kValid, 0, 0, 2},
      {"same, strides 2, odd total", 6, 3, 2, 1, PaddingMode::kSame, 0, 1, 3},
      {"same, strides 2, even total", 7, 3, 2, 1, PaddingMode::kSame, 1, 1, 4},
      {"same, no padding needed", 8, 2, 2, 1, PaddingMode::kSame, 0, 0, 4},
      {"same, even kernel, stride 1", 5, 4, 1, 1, PaddingMode::kSame, 1, 2, 5},
      {"same, dilated", 10, 3, 1, 2, PaddingMode::kSame, 2, 2, 10},
      {"full, dilated", 5, 3, 1, 2, PaddingMode::kFull, 4, 4, 9},
  };
  for (const GeometryCase& c : cases) {
    SCOPED_TRACE(c.name);
    Result<Geometry2D> g =
        layer_geometry(make_conv(c.k, c.s, c.mode, c.d), TensorShape{c.n, c.n, 1, false});
    ASSERT_TRUE(g.ok()) << to_string(g.error());
    EXPECT_EQ(g->pad_top, c.before);
    EXPECT_EQ(g->pad_bottom, c.after);
    EXPECT_EQ(g->pad_left, c.before);
    EXPECT_EQ(g->pad_right, c.after);
    EXPECT_EQ(g->out_h, c.out);
    EXPECT_EQ(g->out_w, c.out);
  }
  Layer l = make_conv(3, 1, PaddingMode::kExplicit);
  l.pads = {2, 0, 1, 1};
  Result<Geometry2D> g = layer_geometry(l, TensorShape{5, 5, 1, false});
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->out_h, 5);  // 5 + 2 - 3 + 1
  EXPECT_EQ(g->out_w, 5);
  EXPECT_EQ(g->pad_top, 2);
  EXPECT_EQ(g->pad_bottom, 0);
}

TEST(ShapeMaths, ParamsAndMacs) {
  Layer l = make_conv(3, 1, PaddingMode::kSame);
  l.filters = 10;
  l.kernel.assign(90, 0.0f);
  l.bias.assign(10, 0.0f);
  Result<LayerPlan> g = layer_plan(l, TensorShape{28, 28, 1, false});
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(layer_param_count(l, *g), 100);
  EXPECT_EQ(layer_macs(l, *g), 28 * 28 * 9 * 10);
  l.use_bias = false;
  l.bias.clear();
  EXPECT_EQ(layer_param_count(l, *g), 90);
}

// [SECTION] Robustness

// Seeded mutations of a valid scene: every result must be a scene or an
// error with a non-empty where and message. (The fuzzer does this at scale.)
TEST(Robustness, MutatedScenesNeverCrash) {
  const std::string base = scene_json(
      conv("\"padding\": [[1, 1], [0, 2]], \"strides\": [1, 2], \"activation\": \"relu\"") +
          ", {\"type\": \"AveragePooling2D\", \"pool_size\": 2, \"padding\": \"same\"}",
      {4, 4, 1});
  parse_ok(base);
  const std::uint32_t seed = 7u;
  std::mt19937 gen(seed);
  const char alphabet[] = "{}[]\",:0123456789.-eE truefalsnul\\\x01\xC3\xFF";
  for (int i = 0; i < 3000; ++i) {
    std::string s = base;
    const int edits = 1 + static_cast<int>(gen() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = gen() % s.size();
      switch (gen() % 3) {
        case 0:
          s[at] = alphabet[gen() % (sizeof alphabet - 1)];
          break;
        case 1:
          s.erase(at, 1 + gen() % 8);
          break;
        default:
          s.insert(at, 1, alphabet[gen() % (sizeof alphabet - 1)]);
          break;
      }
      if (s.empty()) s = "x";
    }
    Result<Scene> r = parse_scene(s);
    if (!r.ok()) {
      ASSERT_FALSE(r.error().where.empty()) << "seed " << seed << " case " << i;
      ASSERT_FALSE(r.error().message.empty()) << "seed " << seed << " case " << i;
    } else {
      ASSERT_TRUE(validate_scene(*r).ok()) << "seed " << seed << " case " << i;
    }
  }
}

}  // namespace
}  // namespace cs
