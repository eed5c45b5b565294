// error_text_test.cpp - every error a student can meet, in Korean too.
// Seeded sweeps break scenes (edited in code and written as documents) and
// pictures (damaged, huge, noise). Every error must carry a code with a
// Korean template; the Korean text has Hangul, every number of the English
// sentence and no placeholder left; the English template gives back the
// core's message exactly, so the arguments say all the message says.
//
// [SECTION] Checks
// [SECTION] Scenes edited in code
// [SECTION] Scene documents
// [SECTION] Pictures
// [SECTION] Keras models opened and exported
// [SECTION] Coverage, fallbacks and the session

#include "i18n/error_text.h"

#include <gtest/gtest.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/keras_model.h"
#include "core/layer_json.h"
#include "core/png_writer.h"
#include "core/scene.h"
#include "core/train/fit.h"
#include "core/validate.h"
#include "model/image.h"
#include "model/picture_input.h"
#include "model/session.h"
#include "picture_bytes.h"
#include "random_scene.h"
#include "layer_kinds.h"

namespace cs {
namespace {

using testing::is_conv;
using testing::is_pool;
using testing::pool_kind;

using i18n::Lang;

// [SECTION] Checks

struct Case {
  std::string name;  // seed and kind, printed on failure
  Error error;
};

bool has_hangul(const std::string& s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    const unsigned a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]),
                   c = static_cast<unsigned char>(s[i + 2]);
    if ((a & 0xF0u) != 0xE0u || (b & 0xC0u) != 0x80u || (c & 0xC0u) != 0x80u) continue;
    const unsigned cp = (a & 0x0Fu) << 12 | (b & 0x3Fu) << 6 | (c & 0x3Fu);
    if (cp >= 0xAC00u && cp <= 0xD7A3u) return true;
  }
  return false;
}

// Each run of digits, with how often it occurs ("3x3 ... 9" -> 3:2, 9:1).
std::map<std::string, int> digit_runs(const std::string& s) {
  std::map<std::string, int> runs;
  for (std::size_t i = 0; i < s.size();) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    ++runs[s.substr(i, j - i)];
    i = j;
  }
  return runs;
}

void check_error(const Case& c) {
  const Error& e = c.error;
  SCOPED_TRACE(c.name + ": " + to_string(e));
  ASSERT_FALSE(e.code.empty());
  ASSERT_NE(i18n::lookup(("err." + e.code).c_str(), Lang::kKo), nullptr) << "no Korean template";
  std::string en, ko;
  ASSERT_TRUE(i18n::render_error(e, Lang::kEn, &en))
      << "English template does not fit the arguments";
  EXPECT_EQ(en, e.message) << "the arguments do not say what the message says";
  EXPECT_EQ(i18n::error_text(e, Lang::kEn), e.message);
  ASSERT_TRUE(i18n::render_error(e, Lang::kKo, &ko))
      << "Korean template does not fit the arguments";
  EXPECT_EQ(i18n::error_text(e, Lang::kKo), ko);
  EXPECT_TRUE(has_hangul(ko)) << ko;
  std::string left = ko;  // without the arguments: a student's text may hold "{2"
  for (const std::string& arg : e.args) {
    for (std::size_t at; !arg.empty() && (at = left.find(arg)) != std::string::npos;)
      left.erase(at, arg.size());
  }
  EXPECT_FALSE(std::regex_search(left, std::regex("\\{[0-9]"))) << "a placeholder is left: " << ko;
  const std::map<std::string, int> ko_runs = digit_runs(ko);
  for (const auto& [run, n] : digit_runs(e.message)) {
    const auto it = ko_runs.find(run);
    EXPECT_GE(it == ko_runs.end() ? 0 : it->second, n)
        << "the number " << run << " is missing from: " << ko;
  }
}

void check_all(const std::vector<Case>& cases, std::size_t at_least) {
  EXPECT_GE(cases.size(), at_least);
  std::map<std::string, int> per_code;
  for (const Case& c : cases) {
    check_error(c);
    ++per_code[c.error.code];
    if (::testing::Test::HasFatalFailure()) return;
  }
  std::printf("[ errors   ] %zu errors, %zu codes\n", cases.size(), per_code.size());
}

// [SECTION] Scenes edited in code

constexpr std::uint32_t kSceneSeed = 20240611u;
constexpr int kSceneCases = 650;

int pick(std::mt19937& gen, std::initializer_list<int> values) {
  return values.begin()[testing::random_int(gen, 0, static_cast<int>(values.size()) - 1)];
}

LayerType other_rank(LayerType t) {
  switch (t) {
    case LayerType::kConv2D:
      return LayerType::kConv1D;
    case LayerType::kConv1D:
      return LayerType::kConv2D;
    case LayerType::kMaxPooling2D:
      return LayerType::kMaxPooling1D;
    case LayerType::kMaxPooling1D:
      return LayerType::kMaxPooling2D;
    case LayerType::kAveragePooling2D:
      return LayerType::kAveragePooling1D;
    case LayerType::kAveragePooling1D:
      return LayerType::kAveragePooling2D;
    default:  // the random scenes hold convolution and pooling only
      return t;
  }
}

// Breaks a valid random scene in one of 13 ways (kind = case % 13), each a
// rule of validate.cpp: ranges, fit, weights, pads, counts, shapes.
bool break_scene(std::mt19937& gen, int kind, Scene& s) {
  Result<ScenePlan> plan = validate_scene(s);
  if (!plan || s.layers.empty()) return false;
  const std::size_t li =
      static_cast<std::size_t>(testing::random_int(gen, 0, static_cast<int>(s.layers.size()) - 1));
  Layer& l = s.layers[li];
  const TensorShape in = plan->shapes[li];
  const bool one_d = is_1d(l.type), conv = is_conv(l.type);
  const std::size_t ax = one_d ? 1 : static_cast<std::size_t>(testing::random_int(gen, 0, 1));
  switch (kind) {
    case 0:  // strides out of range
      l.strides[ax] = pick(gen, {0, -3, 17, 40});
      return true;
    case 1:  // kernel / pool size out of range
      l.kernel_size[ax] = pick(gen, {0, -1, 32, 99});
      return true;
    case 2:  // dilation: out of range, or on pooling at all
      if (conv) {
        l.dilation_rate[ax] = pick(gen, {0, 17});
      } else {
        l.dilation_rate[ax] = 2;
      }
      return true;
    case 3:  // filters out of range; count_include_pad or weights on the wrong pooling
      if (conv) {
        l.filters = pick(gen, {0, -5, 257});
      } else if (pool_kind(l.type) == PoolKind::kMax) {
        l.count_include_pad = true;
      } else {
        l.kernel = {1.0f};
      }
      return true;
    case 4: {  // the window larger than the padded input
      const int extent = ax == 0 ? in.h : in.w;
      l.padding = PaddingMode::kValid;
      l.pads = {0, 0, 0, 0};
      if (conv && extent <= limits::kMaxDilation && testing::random_int(gen, 0, 1)) {
        l.kernel_size[ax] = 2;
        l.dilation_rate[ax] = extent;  // spans extent + 1
      } else {
        l.kernel_size[ax] = extent + 1;
      }
      if (conv) {
        l.kernel.assign(static_cast<std::size_t>(l.kernel_size[0]) *
                            static_cast<std::size_t>(l.kernel_size[1]) *
                            static_cast<std::size_t>(in.c) * static_cast<std::size_t>(l.filters),
                        0.5f);
      }
      return true;
    }
    case 5:  // one weight too many or too few; weights on pooling
      if (!conv) {
        l.bias = {0.0f};
      } else if (testing::random_int(gen, 0, 1) && !l.kernel.empty()) {
        l.kernel.pop_back();
      } else {
        l.kernel.push_back(0.25f);
      }
      return true;
    case 6:  // bias count, or a bias without use_bias
      if (!conv) {
        l.kernel = {1.0f, 2.0f};
      } else if (l.use_bias) {
        l.bias.push_back(1.0f);
      } else {
        l.bias = {1.0f};
      }
      return true;
    case 7: {  // too many layers
      const std::size_t n =
          static_cast<std::size_t>(testing::random_int(gen, limits::kMaxLayers + 1, 30));
      while (s.layers.size() < n) s.layers.push_back(s.layers.back());
      return true;
    }
    case 8: {  // the input shape out of range
      TensorShape& sh = s.input.shape;
      switch (testing::random_int(gen, 0, 3)) {
        case 0:
          sh.w = 0;
          break;
        case 1:
          sh.w = limits::kMaxSpatial + 1;
          break;
        case 2:
          sh.c = pick(gen, {0, limits::kMaxInputChannels + 1});
          break;
        default:
          if (sh.one_d) {
            sh.h = 2;
          } else {
            sh.h = pick(gen, {-1, limits::kMaxSpatial + 7});
          }
          break;
      }
      return true;
    }
    case 9:  // the input's numbers miscounted
      if (testing::random_int(gen, 0, 1) && !s.input.data.empty()) {
        s.input.data.pop_back();
      } else {
        s.input.data.push_back(0.5f);
      }
      return true;
    case 10:  // 1D/2D: a row entry on a 1D layer, or the other rank's layer type
      if (one_d && testing::random_int(gen, 0, 1)) {
        if (conv && testing::random_int(gen, 0, 1)) {
          l.dilation_rate[0] = 2;
        } else {
          (testing::random_int(gen, 0, 1) ? l.kernel_size : l.strides)[0] = 3;
        }
      } else {
        l.type = other_rank(l.type);
      }
      return true;
    case 11: {  // explicit pads past the window (1D: any top/bottom pad)
      const int side = testing::random_int(gen, 0, 3);
      const bool rows = side < 2;
      const int eff =
          effective_kernel(l.kernel_size[rows ? 0 : 1], conv ? l.dilation_rate[rows ? 0 : 1] : 1);
      l.padding = PaddingMode::kExplicit;
      l.pads = {0, 0, 0, 0};
      // A convolution takes any padding up to limits::kMaxPad; pooling only
      // what its window reaches.
      const int past = conv ? limits::kMaxPad + 1 : eff;
      l.pads[static_cast<std::size_t>(side)] =
          testing::random_int(gen, 0, 1) ? -1 : past + testing::random_int(gen, 0, 2);
      return true;
    }
    default:  // pads given with a named padding mode
      l.padding = static_cast<PaddingMode>(testing::random_int(gen, 0, 2));
      l.pads[one_d ? 2 : static_cast<std::size_t>(testing::random_int(gen, 0, 3))] =
          testing::random_int(gen, 1, 3);
      return true;
  }
}

std::vector<Case> edited_scene_errors() {
  std::vector<Case> out;
  for (int i = 0; i < kSceneCases; ++i) {
    std::mt19937 gen(kSceneSeed + static_cast<std::uint32_t>(i));
    Scene s = testing::random_scene(gen, i % 3 == 0, 3);
    const std::string name = "seed " + std::to_string(kSceneSeed + static_cast<std::uint32_t>(i)) +
                             ", kind " + std::to_string(i % 13);
    if (!break_scene(gen, i % 13, s)) continue;
    Result<ScenePlan> r = validate_scene(s);
    if (r.ok()) {
      ADD_FAILURE() << name << ": the broken scene is still valid";
      continue;
    }
    out.push_back({name, r.error()});
    // The same scene as a document: the reader, then the validator again.
    Result<Scene> p = parse_scene(scene_to_json(s));
    if (!p.ok()) out.push_back({name + " (as JSON)", p.error()});
  }
  // Limits only huge tensors reach, asked of layer_geometry and
  // check_input_shape directly (no data is allocated).
  Layer big;
  big.type = LayerType::kConv2D;
  big.filters = 1;
  big.kernel_size = {3, 3};
  big.padding = PaddingMode::kFull;
  big.kernel.assign(9, 0.0f);
  big.bias.assign(1, 0.0f);
  out.push_back(
      {"output past 4096 per axis", layer_geometry(big, {4096, 4096, 1, false}, 2).error()});
  big.filters = 8;
  big.kernel_size = {1, 1};
  big.padding = PaddingMode::kValid;
  big.kernel.assign(64, 0.0f);
  big.bias.assign(8, 0.0f);
  out.push_back({"output past 64 M elements", layer_geometry(big, {4096, 4096, 8, false}).error()});
  big.filters = 256;
  big.kernel_size = {31, 31};
  out.push_back(
      {"kernel past 64 M weights", layer_geometry(big, {31, 31, 1000, false}, 5).error()});
  Layer pool;
  pool.type = LayerType::kMaxPooling2D;
  pool.kernel_size = pool.strides = {1, 1};
  pool.use_bias = false;
  out.push_back({"empty tensor", layer_geometry(pool, {0, 5, 1, false}, 1).error()});
  out.push_back({"input past 64 M elements", check_input_shape({4096, 4096, 5, false}).error()});
  out.push_back({"1D input with rows", check_input_shape({2, 5, 1, true}).error()});
  return out;
}

TEST(ErrorText, EveryValidationErrorHasKoreanText) {
  check_all(edited_scene_errors(), kSceneCases);
}

// [SECTION] Scene documents

// A document as key -> JSON text, so one value can be swapped for a bad one.
using Fields = std::vector<std::pair<std::string, std::string>>;

std::string object_text(const Fields& f) {
  std::string s = "{";
  for (const auto& [k, v] : f) s += (s.size() > 1 ? ", \"" : "\"") + k + "\": " + v;
  return s + "}";
}

std::string floats_text(const std::vector<float>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + format_float(v[i]);
  return s + "]";
}

std::string size_text(const Layer& l, const std::array<int, 2>& v, bool as_int) {
  if (is_1d(l.type)) return as_int ? std::to_string(v[1]) : "[" + std::to_string(v[1]) + "]";
  return "[" + std::to_string(v[0]) + ", " + std::to_string(v[1]) + "]";
}

struct Doc {
  Fields root, input;
  std::vector<Fields> layers;
  std::string text() const {
    Fields r = root;
    for (auto& [k, v] : r) {
      if (v == "@input") v = object_text(input);
      if (v == "@layers") {
        v = "[";
        for (std::size_t i = 0; i < layers.size(); ++i)
          v += (i ? ", " : "") + object_text(layers[i]);
        v += "]";
      }
    }
    return object_text(r);
  }
};

Doc doc_of(std::mt19937& gen, const Scene& s) {
  Doc d;
  d.root = {{"version", "1"},
            {"title", "\"broken on purpose\""},
            {"input", "@input"},
            {"layers", "@layers"}};
  const std::vector<int> dims = s.input.shape.dims();
  std::string shape = "[";
  for (std::size_t i = 0; i < dims.size(); ++i) shape += (i ? ", " : "") + std::to_string(dims[i]);
  d.input = {{"shape", shape + "]"}, {"data", floats_text(s.input.data)}};
  for (const Layer& l : s.layers) {
    Fields f = {{"type", std::string("\"") + layer_type_name(l.type) + "\""}};
    const bool as_int = testing::random_int(gen, 0, 1) == 1;
    f.push_back(
        {is_conv(l.type) ? "kernel_size" : "pool_size", size_text(l, l.kernel_size, as_int)});
    f.push_back({"strides", size_text(l, l.strides, as_int)});
    if (l.padding == PaddingMode::kExplicit) {
      f.push_back(
          {"padding", is_1d(l.type)
                          ? "[" + std::to_string(l.pads[2]) + ", " + std::to_string(l.pads[3]) + "]"
                          : "[[" + std::to_string(l.pads[0]) + ", " + std::to_string(l.pads[1]) +
                                "], [" + std::to_string(l.pads[2]) + ", " +
                                std::to_string(l.pads[3]) + "]]"});
    } else {
      f.push_back({"padding", std::string("\"") + padding_mode_name(l.padding) + "\""});
    }
    if (is_conv(l.type)) {
      f.push_back({"filters", std::to_string(l.filters)});
      f.push_back({"dilation_rate", size_text(l, l.dilation_rate, as_int)});
      f.push_back({"activation", std::string("\"") + activation_name(l.activation) + "\""});
      f.push_back({"use_bias", l.use_bias ? "true" : "false"});
      f.push_back({"kernel", floats_text(l.kernel)});
      if (l.use_bias) f.push_back({"bias", floats_text(l.bias)});
    } else if (pool_kind(l.type) == PoolKind::kAverage) {
      f.push_back({"count_include_pad", l.count_include_pad ? "true" : "false"});
    }
    d.layers.push_back(f);
  }
  return d;
}

const char* const kBadValues[] = {"\"abc\"",
                                  "\"a long string that the message cuts after 24 characters\"",
                                  "2.5",
                                  "7",
                                  "-3",
                                  "0",
                                  "true",
                                  "false",
                                  "null",
                                  "[]",
                                  "[1, 2, 3]",
                                  "[1, 2]",
                                  "[\"x\", 1]",
                                  "{}",
                                  "{\"a\": 1}",
                                  "1e39",
                                  "-1e12",
                                  "\"NaN\"",
                                  "[[1]]",
                                  "[[[[[1]]]]]",
                                  "[2.5, 1]",
                                  "[[1, 2], 3]",
                                  "[[1, 2], [1]]",
                                  "[1e40]"};

std::string bad_value(std::mt19937& gen) {
  return kBadValues[testing::random_int(gen, 0, static_cast<int>(std::size(kBadValues)) - 1)];
}

std::string typo(std::mt19937& gen, std::string key) {
  switch (testing::random_int(gen, 0, 3)) {
    case 0:
      key.erase(
          static_cast<std::size_t>(testing::random_int(gen, 0, static_cast<int>(key.size()) - 1)),
          1);
      return key;
    case 1:
      return key + "s";
    case 2:
      return "colour";
    default:
      return "Kernel_Size_" + key;
  }
}

void remove_key(Fields& f, const std::string& key) {
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i].first == key) f.erase(f.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

void set_key(Fields& f, const std::string& key, const std::string& value) {
  for (auto& [k, v] : f) {
    if (k == key) {
      v = value;
      return;
    }
  }
  f.push_back({key, value});
}

constexpr std::uint32_t kDocSeed = 424242u;
constexpr int kDocCases = 900;

std::vector<Case> document_errors() {
  std::vector<Case> out;
  int valid = 0;
  for (int i = 0; i < kDocCases; ++i) {
    std::mt19937 gen(kDocSeed + static_cast<std::uint32_t>(i));
    const Scene s = testing::random_scene(gen, i % 3 == 0, 3);
    if (s.layers.empty()) continue;
    Doc d = doc_of(gen, s);
    Fields& layer = d.layers[static_cast<std::size_t>(
        testing::random_int(gen, 0, static_cast<int>(d.layers.size()) - 1))];
    const bool conv = layer[0].second.find("Conv") != std::string::npos;
    const int kind = i % 10;
    switch (kind) {
      case 0:  // any layer value swapped for a bad one
        layer[static_cast<std::size_t>(
                  testing::random_int(gen, 0, static_cast<int>(layer.size()) - 1))]
            .second = bad_value(gen);
        break;
      case 1:  // an input value
        d.input[static_cast<std::size_t>(testing::random_int(gen, 0, 1))].second = bad_value(gen);
        break;
      case 2:  // a root value
        d.root[static_cast<std::size_t>(testing::random_int(gen, 0, 3))].second = bad_value(gen);
        break;
      case 3: {  // a typo in a key
        Fields& f = testing::random_int(gen, 0, 2) == 0 ? d.root
                    : testing::random_int(gen, 0, 1)    ? d.input
                                                        : layer;
        auto& k =
            f[static_cast<std::size_t>(testing::random_int(gen, 0, static_cast<int>(f.size()) - 1))]
                .first;
        k = typo(gen, k);
        break;
      }
      case 4: {  // a required key left out
        const int which = testing::random_int(gen, 0, 3);
        if (which == 0) {
          remove_key(d.root, testing::random_int(gen, 0, 1) ? "version" : "input");
        } else if (which == 1) {
          remove_key(d.input, "shape");  // "data" may be left out: zeros
        } else {
          static const char* const kConvKeys[] = {"type", "filters", "kernel_size", "kernel"};
          remove_key(layer, conv ? kConvKeys[testing::random_int(gen, 0, 3)] : "type");
        }
        break;
      }
      case 5:  // a layer type that does not exist
        layer[0].second = pick(gen, {0, 1, 2}) == 0        ? "\"Conv3D\""
                          : testing::random_int(gen, 0, 1) ? "\"Lambda\""
                                                           : "\"conv2d\"";
        break;
      case 6:  // nested weights of the wrong shape
        if (conv) {
          set_key(layer, "kernel", pick(gen, {0, 1}) ? "[[[[[[1]]]]]]" : "[[1, 2], [3]]");
        } else {
          set_key(layer, "pool_size", "[[2], [2]]");
        }
        break;
      case 7:  // layers as numbers, or too many of them
        if (testing::random_int(gen, 0, 1)) {
          set_key(d.root, "layers", "[1, 2]");
        } else {
          while (d.layers.size() <= static_cast<std::size_t>(limits::kMaxLayers))
            d.layers.push_back(d.layers.back());
        }
        break;
      case 8:  // activation and padding spelled wrong; a Keras key ConvScope cannot compute
        if (conv && testing::random_int(gen, 0, 2) == 0) {
          if (testing::random_int(gen, 0, 1)) {
            set_key(layer, "data_format", "\"channels_first\"");
          } else {
            set_key(layer, "groups", "2");
          }
        } else if (conv && testing::random_int(gen, 0, 1)) {
          set_key(layer, "activation",
                  testing::random_int(gen, 0, 1) ? "\"elu\"" : bad_value(gen));
        } else {
          set_key(layer, "padding", testing::random_int(gen, 0, 1) ? "\"causal\"" : bad_value(gen));
        }
        break;
      default:  // a bias the layer does not take, or numbers out of range
        if (conv && testing::random_int(gen, 0, 1)) {
          set_key(layer, "use_bias", "false");
          set_key(layer, "bias", "[1]");
        } else {
          set_key(d.input, "data", testing::random_int(gen, 0, 1) ? "[1e39]" : "[\"Inf\"]");
        }
        break;
    }
    const std::string text = d.text();
    Result<Scene> r = parse_scene(text);
    if (r.ok()) {
      ++valid;  // e.g. a title swapped for another string
      continue;
    }
    out.push_back({"seed " + std::to_string(kDocSeed + static_cast<std::uint32_t>(i)) + ", kind " +
                       std::to_string(kind) + ": " + text.substr(0, 300),
                   r.error()});
  }
  EXPECT_LT(valid, kDocCases / 5) << "most documents should be broken";
  // Paths a random swap reaches rarely, each named.
  const std::string in = "\"input\": {\"shape\": [2, 2, 1], \"data\": [0, 0, 0, 0]}";
  static const char* const kDocuments[] = {
      "[1, 2]",
      "{\"version\": 2, \"input\": {}}",
      "{\"title\": \"x\"}",
      "{\"version\": 1}",
      "{\"version\": 1, \"input\": {\"data\": []}}",
      "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1, 1], \"data\": []}}",
      "{\"version\": 1, \"input\": {\"shape\": \"2x2\", \"data\": []}}",
      "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [0, 0, 0]}}",
      "{\"version\": 1, \"input\": {\"shape\": [3, 1], \"data\": [0, 0]}}",
      "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [[0, 0], [0]]}}",
      "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [[[[0]]]]}}",
      "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [[0, 0], [0, 0]]}}",
      "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [0, 0, 0, 1e39]}}",
      "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [0, 0, 0, true]}}",
      "{\"version\": 1, \"input\": {\"shape\": [2.5, 2, 1], \"data\": []}}",
      "{\"version\": 1, \"input\": {\"shape\": [2, 5000000000, 1], \"data\": []}}",
      "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [0, 0, 0, 0]}, \"layer\": []}",
      "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [0, 0, 0, 0]}, \"layers\": {}}",
      "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [0, 0, 0, 0]}, \"layers\": "
      "[[]]}",
      "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [0, 0, 0, 0]}, \"layers\": "
      "[{\"type\": 3}]}",
      "{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [0, 0, 0, 0]}, \"layers\": [1, "
      "2]}",
  };
  for (const char* text : kDocuments) {
    Result<Scene> r = parse_scene(text);
    if (r.ok()) {
      ADD_FAILURE() << text << " parsed";
      continue;
    }
    out.push_back({text, r.error()});
  }
  static const char* const kLayers[] = {
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": [1, 1, 1], \"kernel\": [1]}",
      "{\"type\": \"Conv1D\", \"filters\": 1, \"kernel_size\": [1, 1], \"kernel\": [1]}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1e12, \"kernel\": [1]}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": [1, 2.5], \"kernel\": [1]}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": [1, \"1\"], \"kernel\": [1]}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [[[1]]]}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [[[[1, 2]]]]}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 2, \"kernel\": [[1, 2], [3, 4]]}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [1], \"padding\": "
      "[1, 1]}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [1], \"padding\": "
      "[[0, 0], 1]}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [1], \"padding\": "
      "[[0, 0], [0, 0.5]]}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [1], \"padding\": "
      "\"causal\"}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [1], \"padding\": 1}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [1], \"activation\": "
      "\"elu\"}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [1], \"activation\": "
      "1}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [1], \"use_bias\": "
      "1}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [1], \"name\": 1}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [1], \"kernal\": "
      "[1]}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [1], \"weights\": "
      "[1]}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [1], \"bias\": "
      "[[1]]}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 1, \"kernel\": [1], \"use_bias\": "
      "false, \"bias\": [1]}",
      "{\"type\": \"Conv2D\", \"filters\": 1, \"kernel\": [1]}",
      "{\"type\": \"Conv1D\", \"filters\": 1, \"kernel\": [1]}",
      "{\"type\": \"Conv2D\", \"kernel_size\": 1, \"kernel\": [1]}",
      "{\"filters\": 1}",
      "{\"type\": \"Dense\"}",
      "{\"type\": \"MaxPooling2D\", \"pool_size\": 5}",
      "{\"type\": \"MaxPooling2D\", \"count_include_pad\": true}",
      "{\"type\": \"AveragePooling2D\", \"count_include_pad\": 1}",
      "{\"type\": \"MaxPooling1D\", \"pool_size\": 2}",
      // The layers beyond convolution and pooling.
      "{\"type\": \"Dense\", \"units\": 2, \"kernel\": [1, 2]}",
      "{\"type\": \"Flatten\"}, {\"type\": \"Dense\", \"units\": 2, \"kernel\": [1]}",
      "{\"type\": \"Flatten\"}, {\"type\": \"Dense\", \"units\": 2, \"kernel\": [1, 2, 3, 4, 5, 6, 7, 8], "
      "\"bias\": [1]}",
      "{\"type\": \"Dropout\", \"rate\": 1}",
      "{\"type\": \"Dropout\", \"rate\": 0.5, \"noise_shape\": [1, 2]}",
      "{\"type\": \"ReLU\", \"max_value\": \"six\"}",
      "{\"type\": \"Rescaling\", \"scale\": \"1/255\"}",
      "{\"type\": \"UpSampling2D\", \"interpolation\": \"bicubic\"}",
      "{\"type\": \"Softmax\", \"axis\": \"last\"}",
      "{\"type\": \"Softmax\", \"axis\": 1}",
      "{\"type\": \"InputLayer\", \"batch_shape\": 5}",
      "{\"type\": \"InputLayer\", \"batch_shape\": [null, 9, 9, 1]}",
      "{\"type\": \"ZeroPadding2D\", \"padding\": \"same\"}",
      "{\"type\": \"ZeroPadding2D\", \"padding\": -1}",
      "{\"type\": \"BatchNormalization\", \"gamma\": [1, 2, 3]}",
      "{\"type\": \"GlobalMaxPooling1D\"}",
      "{\"type\": \"Conv1D\", \"filters\": 1, \"kernel_size\": 1, \"padding\": [[0, 0], [70, 0]]}",
      "{\"type\": \"MaxPooling2D\", \"padding\": \"causal\"}",
      "{\"type\": \"Conv2DTranspose\", \"filters\": 1, \"kernel_size\": 2, \"padding\": \"full\"}",
      "{\"type\": \"Conv2DTranspose\", \"filters\": 1, \"kernel_size\": 2, \"strides\": 2, "
      "\"output_padding\": 3}",
      "{\"type\": \"Conv2DTranspose\", \"filters\": 1, \"kernel_size\": 2, \"strides\": 2, \"padding\": "
      "\"same\", \"output_padding\": 0}",
      "{\"type\": \"Conv2DTranspose\", \"filters\": 1, \"kernel_size\": 2, \"kernel\": [1]}",
      "{\"type\": \"Conv2DTranspose\", \"filters\": 1, \"kernel_size\": 2, \"dilation_rate\": 2}",
      // Keras' own form.
      "{\"class_name\": \"Conv2D\"}",
      "{\"class_name\": \"Dense\", \"config\": {\"units\": 1, \"dtype\": \"float16\"}}",
      "{\"class_name\": \"Dense\", \"config\": {\"units\": 1, \"lora_rank\": 2}}",
  };
  if (Result<Scene> r = parse_scene("{\"version\": 1, \"seed\": -1, " + in + "}"); !r.ok()) {
    out.push_back({"negative seed", r.error()});
  }
  for (const char* l : kLayers) {
    const std::string text = "{\"version\": 1, " + in + ", \"layers\": [" + l + "]}";
    Result<Scene> r = parse_scene(text);
    if (r.ok()) {
      ADD_FAILURE() << text << " parsed";
      continue;
    }
    out.push_back({l, r.error()});
  }
  return out;
}

TEST(ErrorText, EverySceneDocumentErrorHasKoreanText) {
  check_all(document_errors(), kDocCases * 4 / 5);
}

// Byte-level damage (scene_test.cpp's Robustness sweep, reseeded): the
// errors the reader and validator give all have Korean text; the JSON
// syntax errors before them have no code and stay English (counted).
TEST(ErrorText, DamagedDocumentsGiveKoreanOrSyntaxErrors) {
  const std::string base =
      "{\"version\": 1, \"input\": {\"shape\": [4, 4, 1], \"data\": "
      "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}, "
      "\"layers\": [{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 3, \"padding\": [[1, "
      "1], [0, 2]], "
      "\"strides\": [1, 2], \"activation\": \"relu\", \"kernel\": [0,0,0,0,0,0,0,0,0]}, "
      "{\"type\": \"AveragePooling2D\", \"pool_size\": 2, \"padding\": \"same\"}]}";
  ASSERT_TRUE(parse_scene(base).ok());
  const std::uint32_t seed = 99u;
  std::mt19937 gen(seed);
  const char alphabet[] = "{}[]\",:0123456789.-eE truefalsnul";
  std::vector<Case> coded;
  int syntax = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string s = base;
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
    Result<Scene> r = parse_scene(s);
    if (r.ok()) continue;
    if (r.error().code.empty()) {
      ++syntax;
      ASSERT_EQ(r.error().where.rfind("line ", 0), 0u)
          << "seed " << seed << " case " << i << ": only JSON syntax "
          << "errors may lack a code: " << to_string(r.error());
      continue;
    }
    coded.push_back({"seed " + std::to_string(seed) + " case " + std::to_string(i), r.error()});
  }
  std::printf("[ damaged  ] %zu with Korean text, %d JSON syntax errors (English)\n", coded.size(),
              syntax);
  check_all(coded, 200);
}

// [SECTION] Pictures

using test::png_of;
using test::put_le16;
using test::put_le32;

std::vector<std::uint8_t> bytes_of(std::initializer_list<int> v) {
  std::vector<std::uint8_t> b;
  for (int x : v) b.push_back(static_cast<std::uint8_t>(x));
  return b;
}

// Headers claiming w x h pixels, in each format (as in fault_test.cpp).
std::vector<std::vector<std::uint8_t>> huge_headers(int w, int h) {
  std::vector<std::uint8_t> jpeg =
      bytes_of({0xFF, 0xD8, 0xFF, 0xC0, 0,    17, 8, h >> 8, h & 255, w >> 8, w & 255, 3,
                1,    0x11, 0,    2,    0x11, 1,  3, 0x11,   1,       0xFF,   0xD9});
  std::vector<std::uint8_t> bmp = {'B', 'M'};
  put_le32(bmp, 54 + 3 * 4);
  put_le32(bmp, 0);
  put_le32(bmp, 54);
  put_le32(bmp, 40);
  put_le32(bmp, w);
  put_le32(bmp, h);
  put_le16(bmp, 1);
  put_le16(bmp, 24);
  for (int i = 0; i < 7; ++i) put_le32(bmp, 0);
  std::vector<std::uint8_t> gif = {'G', 'I', 'F', '8', '9', 'a'};
  put_le16(gif, w);
  put_le16(gif, h);
  gif.insert(gif.end(), {0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x3B});
  std::vector<std::uint8_t> png = bytes_of({0x89,
                                            'P',
                                            'N',
                                            'G',
                                            '\r',
                                            '\n',
                                            0x1A,
                                            '\n',
                                            0,
                                            0,
                                            0,
                                            13,
                                            'I',
                                            'H',
                                            'D',
                                            'R',
                                            w >> 24 & 255,
                                            w >> 16 & 255,
                                            w >> 8 & 255,
                                            w & 255,
                                            h >> 24 & 255,
                                            h >> 16 & 255,
                                            h >> 8 & 255,
                                            h & 255,
                                            8,
                                            2,
                                            0,
                                            0,
                                            0,
                                            0,
                                            0,
                                            0,
                                            0});
  return {png, jpeg, bmp, gif};
}

constexpr std::uint32_t kPictureSeed = 31337u;

std::vector<Case> picture_errors() {
  std::vector<Case> out;
  const auto add = [&](const std::string& name, const std::vector<std::uint8_t>& b) {
    Result<Image> r = decode_image(b.data(), b.size());
    if (!r.ok()) out.push_back({name, r.error()});
  };
  out.push_back({"no bytes", decode_image(nullptr, 0).error()});
  add("empty file", {});
  // Refused by its size alone, before a byte is read (so 1 byte of storage).
  const std::uint8_t one = 0;
  out.push_back({"257 MB", decode_image(&one, (std::size_t{256} << 20) + 1).error()});
  for (const auto& [w, h] : {std::pair{20000, 20000}, std::pair{65535, 1000}, std::pair{40000, 2},
                             std::pair{2, 40000}}) {
    for (const auto& b : huge_headers(w, h)) add(std::to_string(w) + "x" + std::to_string(h), b);
  }
  std::vector<std::uint8_t> chunk = png_of(6, 4);
  chunk.resize(33);
  chunk.insert(chunk.end(),
               {0x7F, 0xFF, 0xFF, 0xF0, 'I', 'D', 'A', 'T', 0x78, 0x9C, 1, 2, 3, 4, 5, 6, 7, 8});
  add("PNG chunk past the end", chunk);
  add("PNG header rubbish", bytes_of({0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0, 'I',
                                      'H', 'D', 'R', 0, 0}));
  add("GIF 0x0", bytes_of({'G', 'I', 'F', '8', '9', 'a', 0, 0, 0, 0, 0, 0, 0}));
  add("JPEG without a frame", bytes_of({0xFF, 0xFF, 0xD8, 0xFF, 0xD9}));
  add("BMP rubbish", bytes_of({'B', 'M', 1, 2, 3}));
  const std::string text = "{\"version\": 1} is a scene, not a picture";
  add("text", {text.begin(), text.end()});
  std::vector<std::uint8_t> scribbled = png_of(40, 30);
  for (std::size_t i = 45; i < 90; ++i) scribbled[i] = 0xA5;
  add("PNG pixels scribbled", scribbled);
  const std::vector<std::uint8_t> good = png_of(40, 30);
  for (std::size_t keep :
       {std::size_t{8}, std::size_t{33}, std::size_t{60}, good.size() / 2, good.size() - 13}) {
    add("PNG cut to " + std::to_string(keep),
        {good.begin(), good.begin() + static_cast<std::ptrdiff_t>(keep)});
  }
  // Seeded noise behind each format's magic bytes.
  std::mt19937 gen(kPictureSeed);
  const std::vector<std::vector<std::uint8_t>> magic = {
      {},
      bytes_of({0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
      {0xFF, 0xD8, 0xFF},
      {'B', 'M'},
      {'G', 'I', 'F', '8', '9', 'a'}};
  for (int i = 0; i < 500; ++i) {
    std::vector<std::uint8_t> b = magic[static_cast<std::size_t>(i) % magic.size()];
    const std::size_t n = gen() % 300;
    for (std::size_t k = 0; k < n; ++k) b.push_back(static_cast<std::uint8_t>(gen()));
    add("seed " + std::to_string(kPictureSeed) + " noise " + std::to_string(i), b);
  }
  // Pictures given to models that do not take one.
  const Image small{4, 4, std::vector<std::uint8_t>(48, 200)};
  for (const char* input : {"[8]", "[6, 2]", "[4, 4, 2]", "[4, 4, 4]"}) {
    Scene model = parse_scene(std::string("{\"version\": 1, \"input\": {\"shape\": ") + input +
                              "}, \"layers\": [{\"type\": \"ReLU\"}]}").value();
    out.push_back({std::string("picture for input ") + input,
                   picture_to_input(small, model, PictureOptions{}).error()});
  }
  return out;
}

TEST(ErrorText, EveryPictureErrorHasKoreanText) { check_all(picture_errors(), 400); }

// [SECTION] Keras models opened and exported

// A Sequential of `layers` (Keras' form) after an InputLayer of `shape`.
std::string sequential(const std::string& layers, const std::string& shape = "[null, 4, 4, 1]") {
  return "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"InputLayer\", "
         "\"config\": {\"batch_shape\": " + shape + "}}" + (layers.empty() ? "" : ", " + layers) + "]}}";
}

// A Functional model: (name, class, inbound nodes JSON) per layer after an input "in".
std::string functional(const std::vector<std::array<std::string, 3>>& layers) {
  std::string out = "{\"class_name\": \"Functional\", \"config\": {\"layers\": [{\"class_name\": "
                    "\"InputLayer\", \"name\": \"in\", \"config\": {\"name\": \"in\", \"batch_shape\": "
                    "[null, 4, 4, 1]}, \"inbound_nodes\": []}";
  for (const auto& [name, cls, nodes] : layers) {
    out += ", {\"class_name\": \"" + cls + "\", \"name\": \"" + name + "\", \"config\": {\"name\": \"" + name +
           "\"" + (cls == "Conv2D" ? ", \"filters\": 1, \"kernel_size\": 1" : "") + "}, \"inbound_nodes\": " + nodes + "}";
  }
  return out + "]}}";
}

std::vector<Case> model_errors() {
  std::vector<Case> out;
  const auto add = [&](const std::string& name, const KerasModel& m) {
    Result<Scene> s = scene_from_keras(m, "m.keras");
    EXPECT_FALSE(s.ok()) << name;
    if (!s.ok()) out.push_back({name, s.error()});
  };
  const std::string conv = "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", \"filters\": 1, \"kernel_size\": 1}}";
  const std::string from_in = "[[[\"in\", 0, 0, {}]]]";
  add("shared", {functional({{"a", "Conv2D", "[[[\"in\", 0, 0, {}]], [[\"in\", 0, 0, {}]]]"}}), {}});
  add("joins", {functional({{"a", "Conv2D", from_in}, {"b", "Add", "[[[\"in\", 0, 0, {}], [\"a\", 0, 0, {}]]]"}}), {}});
  add("branches", {functional({{"a", "Conv2D", from_in}, {"b", "Conv2D", from_in}}), {}});
  add("detached", {functional({{"a", "Conv2D", from_in}, {"b", "Conv2D", "[[[\"elsewhere\", 0, 0, {}]]]"}}), {}});
  add("subclassed", {"{\"class_name\": \"MyModel\", \"config\": {\"layers\": []}}", {}});
  add("no input shape", {"{\"class_name\": \"Sequential\", \"config\": {\"layers\": [" + conv + "]}}", {}});
  add("any size", {sequential(conv, "[null, null, null, 1]"), {}});
  add("4D input", {sequential(conv, "[null, 2, 2, 2, 2]"), {}});
  const NamedArray kernel{"kernel", {1, 1, 1, 1}, {1}}, bias{"bias", {1}, {0}};
  add("unknown weight", {sequential(conv), {{}, {"c", "Conv2D", {kernel, bias, {"depthwise_kernel", {1}, {1}}}}}});
  add("weight missing", {sequential(conv), {{}, {"c", "Conv2D", {kernel}}}});
  const auto export_fails = [&](const std::string& name, const std::string& layers, KerasDialect d) {
    Result<Scene> s = parse_scene("{\"version\": 1, \"input\": {\"shape\": [6, 6, 1]}, \"layers\": " + layers + "}");
    ASSERT_TRUE(s.ok()) << name;
    Result<KerasModel> k = keras_from_scene(*s, d);
    EXPECT_FALSE(k.ok()) << name;
    if (!k.ok()) out.push_back({name, k.error()});
  };
  export_fails("explicit padding", "[{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 3, \"padding\": [[1, 0], [0, 1]]}]",
               KerasDialect::kKeras3);
  export_fails("count_include_pad", "[{\"type\": \"AveragePooling2D\", \"padding\": \"same\", \"count_include_pad\": true}]",
               KerasDialect::kKeras3);
  export_fails("tfjs threshold", "[{\"type\": \"ReLU\", \"threshold\": 0.5}]", KerasDialect::kTfjs);
  export_fails("no layers", "[]", KerasDialect::kKeras3);
  return out;
}

TEST(ErrorText, EveryModelErrorHasKoreanText) { check_all(model_errors(), 14); }

// [SECTION] Training errors (core/train/)

std::vector<Case> training_errors() {
  std::vector<Case> out;
  const auto model = [](const std::string& layers) {
    return *parse_scene(R"({"version": 1, "input": {"shape": [4, 4, 1]}, "layers": )" + layers + "}");
  };
  const Scene good = model(R"([{"type": "Flatten"}, {"type": "Dense", "units": 3, "activation": "softmax"}])");
  Dataset d;
  d.shape = TensorShape{4, 4, 1};
  d.x.assign(32, 0.5f);
  d.y = {0, 2};
  const auto fails = [&](const std::string& name, Scene s, const Dataset& data, const FitOptions& o) {
    Result<FitHistory> h = fit(&s, data, Dataset{}, o);
    EXPECT_FALSE(h.ok()) << name;
    if (!h.ok()) out.push_back({name, h.error()});
  };
  FitOptions o;
  fails("no layers", model("[]"), d, o);
  fails("conv output", model(R"([{"type": "Conv2D", "filters": 2, "kernel_size": 3}])"), d, o);
  fails("no softmax", model(R"([{"type": "Flatten"}, {"type": "Dense", "units": 3}])"), d, o);
  o.loss = LossKind::kCategoricalCrossentropy;
  fails("no softmax, categorical", model(R"([{"type": "Flatten"}, {"type": "Dense", "units": 3, "activation": "relu"}])"), d, o);
  o = FitOptions{};
  Dataset bad = d;
  bad.y[1] = 3;
  fails("label", good, bad, o);
  bad = d;
  bad.y[0] = -1;
  fails("negative label", good, bad, o);
  bad = d;
  bad.shape = TensorShape{2, 8, 1};
  fails("shape", good, bad, o);
  bad = d;
  bad.x.resize(20);
  fails("data size", good, bad, o);
  fails("no examples", good, Dataset{d.shape, {}, {}, 3, {}}, o);
  for (int e : {0, -3, 100001}) {
    o = FitOptions{};
    o.epochs = e;
    fails("epochs " + std::to_string(e), good, d, o);
  }
  for (int b : {0, 70000}) {
    o = FitOptions{};
    o.batch_size = b;
    fails("batch size " + std::to_string(b), good, d, o);
  }
  o = FitOptions{};
  o.optimizer.learning_rate = -0.1f;
  fails("learning rate", good, d, o);
  o = FitOptions{};
  o.validation_split = 1.0;
  fails("validation split", good, d, o);
  for (const char* name : {"adagrad", "Nadam", ""}) out.push_back({"optimizer", optimizer_config(name).error()});
  for (const char* name : {"hinge", "binary_crossentropy"}) out.push_back({"loss", parse_loss(name).error()});
  return out;
}

TEST(ErrorText, EveryTrainingErrorHasKoreanText) { check_all(training_errors(), 20); }

// [SECTION] Coverage, fallbacks and the session

// The codes with a template ("err.<code>", not the "err.<part>.<x>" parts).
std::set<std::string> template_codes() {
  std::set<std::string> codes;
  std::size_t n = 0;
  const i18n::Entry* e = i18n::catalogue(&n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string key = e[i].key;
    if (key.rfind("err.", 0) == 0 && key.find('.', 4) == std::string::npos)
      codes.insert(key.substr(4));
  }
  return codes;
}

TEST(ErrorText, TheSweepsReachEveryTemplate) {
  std::set<std::string> reached;
  for (const auto& cases : {edited_scene_errors(), document_errors(), picture_errors(), model_errors(),
                            training_errors()}) {
    for (const Case& c : cases) reached.insert(c.error.code);
  }
  const std::set<std::string> codes = template_codes();
  std::printf("[ codes    ] %zu templates, %zu reached\n", codes.size(), reached.size());
  // Two guards no input reaches today, kept (with their texts) in case the
  // code around them changes: stbi_info ends with "unknown image type" when
  // every format fails, so a format's own "too large" never reaches
  // image.cpp; and read_nested stops at the last level before it could
  // pass the deepest one.
  const std::set<std::string> unreachable = {"image_too_large_to_open", "nested_too_deep"};
  for (const std::string& c : codes) {
    if (!unreachable.count(c)) {
      EXPECT_TRUE(reached.count(c)) << "no sweep case gives err." << c;
    }
  }
  for (const std::string& c : reached) {
    EXPECT_TRUE(codes.count(c)) << c << " has no template";
  }
}

// Every code literal in the three files that make student-visible errors
// has both templates: a new error without Korean text fails here even
// before a sweep reaches it. Snake-case literals that are Keras keys or
// argument codes are listed.
TEST(ErrorText, EveryCodeInTheSourcesHasATemplate) {
  const std::set<std::string> not_codes = {"dilation_rate", "pool_size",      "kernel_size",
                                           "count_include_pad", "use_bias", "dilated_kernel",
                                           "kernel_rows",   "data_format",    "channels_last",
                                           "kernel_columns", "kernel_width", "input_channels",
                                           "running_mean",   "running_var",  // PyTorch's names
                                           "keras_history",  "input_shape",  "build_input_shape",
                                           "input_layer",  // Keras model configs' own keys
                                           "sparse_categorical_crossentropy", "categorical_crossentropy",
                                           "mean_squared_error", "batch_size", "learning_rate",
                                           "validation_split"};  // Keras' loss and fit() names
  std::set<std::string> names = not_codes;  // and every name the layer table holds
  for (const std::string& k : keras_form_keys()) names.insert(k);
  for (const LayerInfo* info : layer_table()) {
    names.insert(info->snake_name);
    for (const KeyDef& k : info->keys) names.insert(k.name);
    for (const WeightDef& w : info->weights) names.insert(w.name);
  }
  const std::regex literal("\"([a-z]+(_[a-z0-9]+)+)\"");
  int codes = 0;
  std::vector<std::string> files = {"src/core/validate.cpp", "src/core/scene.cpp",
                                    "src/core/layer_json.cpp", "src/core/json_reader.cpp",
                                    "src/core/keras_import.cpp", "src/core/keras_export.cpp",
                                    "src/model/image.cpp", "src/model/picture_input.cpp"};
  for (const char* dir : {"src/core/layers", "src/core/train"}) {
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(CONVSCOPE_SOURCE_DIR) / dir)) {
      if (entry.path().extension() == ".cpp") files.push_back(std::string(dir) + "/" + entry.path().filename().string());
    }
  }
  for (const std::string& file : files) {
    std::ifstream f(std::filesystem::path(CONVSCOPE_SOURCE_DIR) / file);
    ASSERT_TRUE(f) << file;
    std::stringstream ss;
    ss << f.rdbuf();
    const std::string text = ss.str();
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
      const std::string code = (*it)[1];
      if (names.count(code)) continue;
      ++codes;
      // Weight layouts are parts of messages: "err.layout.<code>".
      const bool layout = i18n::lookup(("err.layout." + code).c_str(), Lang::kKo) != nullptr;
      const std::string key = (layout ? "err.layout." : "err.") + code;
      EXPECT_NE(i18n::lookup(key.c_str(), Lang::kKo), nullptr) << code << " in " << file;
      EXPECT_NE(i18n::lookup(key.c_str(), Lang::kEn), nullptr) << code << " in " << file;
    }
  }
  EXPECT_GT(codes, 55);
}

TEST(ErrorText, OneErrorInBothLanguages) {
  Error e =
      parse_scene(
          "{\"version\": 1, \"input\": {\"shape\": [3, 3, 1], \"data\": [0,0,0,0,0,0,0,0,0]}, "
          "\"layers\": [{\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": 5, "
          "\"kernel\": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}]}")
          .error();
  EXPECT_EQ(e.code, "kernel_exceeds_padded_input");
  EXPECT_EQ(
      to_string(e),
      "layers[0]: the kernel spans 5 rows but the padded input has only 3 (3 rows, no padding)");
  i18n::set_language(Lang::kKo);
  EXPECT_EQ(i18n::error_line(e),
            "layers[0]: 커널이 5행에 걸치는데 패딩된 입력은 3행뿐입니다 (3행, 패딩 없음)");
  const Error img = decode_image(nullptr, 0).error();
  EXPECT_EQ(i18n::error_line(img), "그림: 파일이 비어 있습니다");
  Error missing = parse_scene("{\"input\": {}}").error();
  EXPECT_EQ(i18n::error_line(missing),
            "version: 빠져 있습니다. 구성은 \"version\": 1로 시작합니다");
  i18n::set_language(Lang::kEn);
  EXPECT_EQ(i18n::error_line(e), to_string(e));
  EXPECT_EQ(i18n::error_line(img), "image: the file is empty");
}

TEST(ErrorText, JsonSyntaxErrorsStayEnglish) {
  const Error e = parse_scene("{\"version\": 1,}").error();
  EXPECT_TRUE(e.code.empty());
  EXPECT_EQ(i18n::error_text(e, Lang::kKo), e.message);
  std::string out;
  EXPECT_FALSE(i18n::render_error(e, Lang::kKo, &out));
}

TEST(ErrorText, TemplatesThatDoNotFitFallBackToEnglish) {
  Error e;
  e.message = "the English sentence";
  e.code = "too_many_layers";
  e.args = {"17"};  // the template also reads {1}
  std::string out;
  EXPECT_FALSE(i18n::render_error(e, Lang::kKo, &out));
  EXPECT_EQ(i18n::error_text(e, Lang::kKo), "the English sentence");
  e.code = "input_dim_out_of_range";  // a choice without '*' and no matching key
  e.args = {"depth", "1", "4", "9"};
  EXPECT_FALSE(i18n::render_error(e, Lang::kKo, &out));
  e.code = "no_such_code";
  EXPECT_EQ(i18n::error_text(e, Lang::kKo), "the English sentence");
  e.code = "image_size_damaged";
  e.args = {"GIF", "0", "0"};
  ASSERT_TRUE(i18n::render_error(e, Lang::kKo, &out));
  EXPECT_EQ(out, "GIF 데이터가 손상되었습니다 (적힌 크기: 0x0)");
}

TEST(ErrorText, SessionKeepsTheErrorBehindItsText) {
  Session s;
  ASSERT_TRUE(s.valid()) << s.error();
  EXPECT_FALSE(
      s.load_json("{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [0, 0, 0, 0]}, "
                  "\"layers\": [{\"type\": \"MaxPooling2D\", \"pool_size\": 3}]}"));
  EXPECT_EQ(s.load_error_detail().code, "kernel_exceeds_padded_input");
  EXPECT_EQ(to_string(s.load_error_detail()), s.load_error());
  Scene bad = s.scene();
  ASSERT_FALSE(bad.layers.empty());
  bad.layers[0].strides = {0, 0};
  s.apply(bad, "strides");
  ASSERT_FALSE(s.valid());
  EXPECT_EQ(s.error_detail().code, "value_out_of_range");
  EXPECT_EQ(to_string(s.error_detail()), s.error());
  ASSERT_TRUE(s.undo());
  EXPECT_TRUE(s.valid());
  EXPECT_TRUE(s.error_detail().code.empty());
  EXPECT_TRUE(
      s.load_json("{\"version\": 1, \"input\": {\"shape\": [2, 2, 1], \"data\": [0, 0, 0, 0]}}"));
  EXPECT_TRUE(s.load_error_detail().code.empty());
}

}  // namespace
}  // namespace cs
