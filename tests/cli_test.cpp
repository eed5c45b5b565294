// cli_test.cpp - what convscope-cli prints: run JSON, explain text and JSON,
// shape reports (core/report.h), then the real binary when it sits next to
// this test executable (native builds): exit codes and one-line errors.
//
// Index
// [SECTION] Helpers
// [SECTION] Renderings
// [SECTION] The binary

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/engine.h"
#include "core/json.h"
#include "core/png_writer.h"
#include "core/report.h"
#include "core/scene.h"
#include "core/trace.h"

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/wait.h>
#include <unistd.h>
#define CS_CLI_TEST_BINARY 1
#endif

namespace cs {
namespace {

// [SECTION] Helpers

std::string scene_path(const char* name) {
  return std::string(CONVSCOPE_SOURCE_DIR) + "/scenes/" + name;
}

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
  Result<Scene> s = parse_scene(read_text(scene_path(name)));
  EXPECT_TRUE(s.ok());
  return s.ok() ? s.value() : Scene{};
}

ElementTrace trace_of(const Scene& s, int layer, int y, int x, int c) {
  Result<SceneRun> run = run_scene_full(s);
  EXPECT_TRUE(run.ok());
  Result<ElementTrace> t = trace_scene_element(s, *run, layer, y, x, c);
  EXPECT_TRUE(t.ok());
  return t.ok() ? t.value() : ElementTrace{};
}

// [SECTION] Renderings

TEST(Report, RunJsonReadsBackExactly) {
  const Scene s = load("chapter.json");
  Result<std::vector<Tensor>> out = run_scene(s);
  ASSERT_TRUE(out.ok());
  const std::string json = outputs_to_json(*out);
  Result<JsonValue> v = parse_json(json);
  ASSERT_TRUE(v.ok()) << to_string(v.error());
  const JsonValue* outputs = v->find("outputs");
  ASSERT_TRUE(outputs && outputs->items.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    const JsonValue& o = outputs->items[i];
    const std::vector<int> dims = (*out)[i].shape.dims();
    ASSERT_EQ(o.find("shape")->numbers.size(), dims.size());
    for (std::size_t d = 0; d < dims.size(); ++d) {
      EXPECT_EQ(o.find("shape")->numbers[d], dims[d]);
    }
    const std::vector<double>& data = o.find("data")->numbers;
    ASSERT_EQ(data.size(), (*out)[i].data.size());
    for (std::size_t k = 0; k < data.size(); ++k) {
      ASSERT_EQ(static_cast<float>(data[k]), (*out)[i].data[k]) << "shortest text round-trips";
    }
  }
  // The one-call form used by the JS module gives the same text.
  EXPECT_EQ(run_scene_json(read_text(scene_path("chapter.json"))), json);
}

TEST(Report, ErrorsAsJson) {
  const std::string j = run_scene_json("{\"version\": 1,\n \"input\": 3}");
  Result<JsonValue> v = parse_json(j);
  ASSERT_TRUE(v.ok()) << j;
  const JsonValue* e = v->find("error");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->find("where")->text, "input");
  EXPECT_EQ(e->find("message")->text, "expected an object, got the number 3");
  EXPECT_EQ(e->find("line")->number, 2);
  EXPECT_EQ(e->find("column")->number, 11);
}

TEST(Report, ExplainConvLikeOnTheBoard) {
  const Scene s = load("chapter.json");
  // Filter 1 at (2, 1): rows 1..3, cols 0..2 of the 7; bias 0.5; ReLU.
  const std::string text = explain_text(trace_of(s, 0, 2, 1, 1));
  EXPECT_NE(text.find("Conv2D layers[0], output y=2 x=1 filter=1"), std::string::npos) << text;
  EXPECT_NE(text.find("window: top-left at padded (2, 1) = input (1, 0); kernel 3x3, stride 1x1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("(0x1) + (1x1) + (1x1) + (0x0) + (0x0) + (0x0) + (0x-1) + (0x-1) + "
                      "(0x-1) + bias 0.5 = 2.5 -> ReLU -> 2.5\n"),
            std::string::npos)
      << text;
  // A corner: padding taps are marked and add nothing.
  const std::string corner = explain_text(trace_of(s, 0, 0, 0, 1));
  EXPECT_NE(corner.find("(pad x 1) + (pad x 1) + (pad x 1) + (pad x 0) + (0x0) + (0x0) + "
                        "(pad x -1) + (0x-1) + (1x-1) + bias 0.5 = -0.5 -> ReLU -> 0"),
            std::string::npos)
      << corner;
}

TEST(Report, ExplainLongSumsGoRowByRow) {
  Scene s;
  s.input.shape = TensorShape{3, 3, 2, false};
  s.input.data.assign(18, 1.0f);
  Layer l;
  l.filters = 1;
  l.kernel_size = {3, 3};
  l.kernel.assign(18, 0.5f);
  l.bias = {1.0f};
  s.layers.push_back(l);
  const std::string text = explain_text(trace_of(s, 0, 0, 0, 0));
  EXPECT_NE(text.find("row 0: (1x0.5) + (1x0.5) + (1x0.5) + (1x0.5) + (1x0.5) + (1x0.5) = 3"
                      "    running 0 -> 3\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("row 2: "), std::string::npos);
  EXPECT_NE(text.find("running 6 -> 9\nsum 9 + bias 1 = 10\n"), std::string::npos) << text;
}

TEST(Report, ExplainPooling) {
  const Scene s = load("same-stride2.json");
  const std::string avg = explain_text(trace_of(s, 1, 1, 1, 0));
  // The one real cell holds about 30.3 (its last digits depend on the
  // kernel's summation order); Keras divides by 1, PyTorch's default by 4.
  EXPECT_NE(avg.find(" + pad + pad + pad) / 1 real cell = 30.3"), std::string::npos) << avg;
  EXPECT_NE(avg.find("count_include_pad would divide by 4"), std::string::npos) << avg;
  const Scene c = load("chapter.json");
  const std::string max = explain_text(trace_of(c, 1, 1, 0, 1));
  EXPECT_NE(max.find("max(1.5, 2.5, 0.5, 0.5) = 2.5   from input (2, 1)"), std::string::npos)
      << max;
}

TEST(Report, TraceJsonReadsBack) {
  const Scene s = load("same-stride2.json");
  const ElementTrace t = trace_of(s, 0, 2, 2, 0);
  Result<JsonValue> v = parse_json(trace_to_json(t));
  ASSERT_TRUE(v.ok()) << to_string(v.error());
  EXPECT_EQ(v->find("type")->text, "Conv2D");
  EXPECT_EQ(v->find("step")->number, 8);
  EXPECT_EQ(v->find("window_origin")->numbers, (std::vector<double>{4, 4}));
  EXPECT_EQ(v->find("padding")->find("bottom")->number, 1);
  EXPECT_EQ(v->find("padding")->find("top")->number, 0);
  const JsonValue* taps = v->find("taps");
  ASSERT_EQ(taps->items.size(), 9u);
  EXPECT_EQ(taps->items[2].find("input_at")->type, JsonType::kNull);
  EXPECT_TRUE(taps->items[2].find("padding")->boolean);
  EXPECT_EQ(taps->items[4].find("input_at")->numbers, (std::vector<double>{5, 5, 0}));
  EXPECT_EQ(v->find("bias")->type, JsonType::kNull) << "use_bias is false";
  EXPECT_EQ(static_cast<float>(v->find("value")->number), t.value);
}

TEST(Report, ShapeReport) {
  const Scene s = load("chapter.json");
  Result<ScenePlan> plan = validate_scene(s);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(shape_report_text(s, *plan),
            "input: [8, 8, 1]\n"
            "layers[0] Conv2D: output [8, 8, 2], padding top 1 bottom 1 left 1 right 1, "
            "params 20, MACs 1152\n"
            "  keras.layers.Conv2D(2, kernel_size=(3, 3), strides=1, padding='same', "
            "activation='relu')\n"
            "layers[1] MaxPooling2D: output [4, 4, 2], padding top 0 bottom 0 left 0 right 0, "
            "params 0, MACs 0\n"
            "  keras.layers.MaxPooling2D(2)\n"
            "total: params 20, MACs 1152\n");
  Result<JsonValue> j = parse_json(shape_report_json(s, *plan));
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(j->find("layers")->items[0].find("params")->number, 20);
}

// [SECTION] The binary

#ifdef CS_CLI_TEST_BINARY

// convscope-cli next to this test binary (both land in the build root).
std::string cli_path() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "";
  std::string self(buf, static_cast<std::size_t>(n));
  const std::string path = self.substr(0, self.rfind('/') + 1) + "convscope-cli";
  return access(path.c_str(), X_OK) == 0 ? path : "";
}

struct Outcome {
  int code = -1;
  std::string out, err;
};

// Runs the CLI through the shell with stdin from `input`.
Outcome run_cli(const std::string& args, const std::string& input = "") {
  const std::string dir = ::testing::TempDir();
  const std::string in_path = dir + "cs_cli_in.json";
  const std::string out_path = dir + "cs_cli_out.txt";
  const std::string err_path = dir + "cs_cli_err.txt";
  FILE* f = std::fopen(in_path.c_str(), "wb");
  if (f) {
    std::fwrite(input.data(), 1, input.size(), f);
    std::fclose(f);
  }
  const std::string cmd = "'" + cli_path() + "' " + args + " < '" + in_path + "' > '" + out_path +
                          "' 2> '" + err_path + "'";
  Outcome o;
  const int status = std::system(cmd.c_str());
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.out = read_text(out_path);
  o.err = read_text(err_path);
  return o;
}

#define REQUIRE_CLI() \
  if (cli_path().empty()) GTEST_SKIP() << "convscope-cli not built next to the tests"

TEST(CliBinary, RunPrintsOutputs) {
  REQUIRE_CLI();
  const Outcome o = run_cli("run '" + scene_path("chapter.json") + "'");
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_TRUE(o.err.empty());
  Result<std::vector<Tensor>> expected = run_scene(load("chapter.json"));
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(o.out, outputs_to_json(*expected));
  // The same through stdin.
  const Outcome p = run_cli("run -", read_text(scene_path("chapter.json")));
  EXPECT_EQ(p.code, 0);
  EXPECT_EQ(p.out, o.out);
}

TEST(CliBinary, ExplainAndShape) {
  REQUIRE_CLI();
  Outcome o = run_cli("explain '" + scene_path("chapter.json") + "' --layer 0 --at 2,1,1");
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("= 2.5 -> ReLU -> 2.5"), std::string::npos) << o.out;
  o = run_cli("explain - --layer 0 --at 2,1,1 --json", read_text(scene_path("chapter.json")));
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_TRUE(parse_json(o.out).ok()) << o.out;
  o = run_cli("explain '" + scene_path("signal-1d.json") + "' --layer 1 --at 3,0");
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("MaxPooling1D layers[1], output x=3 channel=0"), std::string::npos) << o.out;
  o = run_cli("shape '" + scene_path("same-stride2.json") + "'");
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("padding top 0 bottom 1 left 0 right 1"), std::string::npos) << o.out;
}

// Bad input: exit code 2 and exactly one line, "FILE:LINE:COLUMN: error:
// <where>: <what>" when the error has a position in FILE.
TEST(CliBinary, BadInputIsOneErrorLine) {
  REQUIRE_CLI();
  const std::string chapter = "'" + scene_path("chapter.json") + "'";
  const struct {
    std::string args;
    std::string input;
    std::string line;
  } cases[] = {
      {"run -",
       "{\"version\": 1, \"input\": {\"shape\": [1, 1, 1], \"data\": [0]}, \"layerz\": []}",
       "<stdin>:1:70: error: layerz: unknown key \"layerz\" in the scene (did you mean \"layers\"?)\n"},
      {"run -", "", "<stdin>:1:1: error: expected a value but found end of input\n"},
      {"run -", "\x01\x02\xff", "<stdin>:1:1: error: expected a value but found byte 0x01\n"},
      {"shape -", "[", "<stdin>:1:2: error: expected a value but found end of input\n"},
      {"run /nonexistent/x.json", "", "error: /nonexistent/x.json: cannot open the file: No such file or directory\n"},
      {"explain " + chapter + " --layer 2 --at 0,0,0", "",
       "error: --layer: layer 2 does not exist; the scene has 2 layers (counted from 0)\n"},
      {"explain " + chapter + " --layer 0 --at 1,2", "", "error: --at: a 2D layer needs y,x,c, got \"1,2\"\n"},
      {"explain " + chapter + " --layer 1 --at 4,0,0", "",
       "error: --at: position 4,0,0 is outside the output of layers[1], shape [4, 4, 2]\n"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args);
    const Outcome o = run_cli(c.args, c.input);
    EXPECT_EQ(o.code, 2);
    EXPECT_EQ(o.err, c.line);
    EXPECT_TRUE(o.out.empty()) << o.out;
  }
}

// A scene file's error names the file, line and column, as compilers do
// (editors and CI jump to it); the column is the offending value's.
TEST(CliBinary, SceneErrorsCarryFileLineAndColumn) {
  REQUIRE_CLI();
  const std::string path = ::testing::TempDir() + "cs_cli_positions.json";
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_TRUE(f);
  std::fputs("{\"version\": 1,\n \"input\": {\"shape\": [4, 4, 1]},\n \"layers\": [\n"
             "  {\"type\": \"Conv2D\", \"filters\": 1, \"kernel_size\": \"three\"}]}\n", f);
  std::fclose(f);
  const Outcome o = run_cli("run '" + path + "'");
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err.rfind(path + ":4:51: error: layers[0].kernel_size: ", 0), 0u) << o.err;
  EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << o.err;
}

// Usage errors: exit code 64 (sysexits.h EX_USAGE), one line that says it
// is a usage error and where the command's help is.
TEST(CliBinary, UsageErrorsSaySo) {
  REQUIRE_CLI();
  const std::string chapter = "'" + scene_path("chapter.json") + "'";
  const struct {
    std::string args, line;
  } cases[] = {
      {"", "usage error: missing command (run, explain, shape, render, predict, convert, grad, train or evaluate) "
           "(convscope-cli --help)\n"},
      {"frobnicate x", "usage error: unknown command \"frobnicate\"; expected run, explain, shape, render, predict, "
                       "convert, grad, train or evaluate (convscope-cli --help)\n"},
      {"run", "usage error: run needs a FILE (or - for stdin) (convscope-cli run --help)\n"},
      {"run a b", "usage error: unexpected argument \"b\" for run (convscope-cli run --help)\n"},
      {"explain " + chapter + " --at 0,0,0",
       "usage error: --layer: explain needs --layer L (counted from 0) (convscope-cli explain --help)\n"},
      {"explain " + chapter + " --layer x --at 0,0,0",
       "usage error: --layer: expects a layer index, e.g. --layer 0 (convscope-cli explain --help)\n"},
      {"explain " + chapter + " --layer 0 --at 1,,2",
       "usage error: --at: expected y,x,c (or x,c for 1D layers), got \"1,,2\" (convscope-cli explain --help)\n"},
      {"render " + chapter + " --layer 0 --png", "usage error: --png: expects a value (convscope-cli render --help)\n"},
      {"render " + chapter + " --layer 0 --png x.png --cell big",
       "usage error: --cell: expects a whole number from 0 to 1073741824, got \"big\" (convscope-cli render --help)\n"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args);
    const Outcome o = run_cli(c.args);
    EXPECT_EQ(o.code, 64);
    EXPECT_EQ(o.err, c.line);
    EXPECT_TRUE(o.out.empty()) << o.out;
  }
  // Every option is checked before anything is written.
  const std::string gif = ::testing::TempDir() + "cs_cli_usage.gif";
  std::remove(gif.c_str());
  const Outcome o = run_cli("render " + chapter + " --layer 1 --gif '" + gif + "' --step x");
  EXPECT_EQ(o.code, 64);
  EXPECT_EQ(o.err.rfind("usage error: --step: ", 0), 0u) << o.err;
  EXPECT_NE(access(gif.c_str(), F_OK), 0) << gif << " was written";
}

// --version, --help, and COMMAND --help for every command: exit 0, text on
// stdout, and each command's help names the command and its options.
TEST(CliBinary, VersionAndHelp) {
  REQUIRE_CLI();
  Outcome o = run_cli("--version");
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.out.rfind("convscope-cli ", 0), 0u) << o.out;
  EXPECT_NE(o.out.find("scene format version 1"), std::string::npos) << o.out;
  o = run_cli("--help");
  EXPECT_EQ(o.code, 0);
  EXPECT_NE(o.out.find("Exit codes: 0"), std::string::npos) << o.out;
  const struct {
    const char* command;
    const char* option;
  } commands[] = {{"run", "run FILE"},         {"explain", "--at y,x,c"},  {"shape", "--json"},
                  {"render", "--gif OUT.gif"}, {"predict", "--input"},     {"convert", "-o MODEL.keras"},
                  {"grad", "--batch"},         {"train", "--epochs"},      {"evaluate", "--data"}};
  for (const auto& c : commands) {
    SCOPED_TRACE(c.command);
    o = run_cli(std::string(c.command) + " --help");
    EXPECT_EQ(o.code, 0) << o.err;
    EXPECT_TRUE(o.err.empty()) << o.err;
    EXPECT_NE(o.out.find(std::string("convscope-cli ") + c.command + " "), std::string::npos) << o.out;
    EXPECT_NE(o.out.find(c.option), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("Exit codes"), std::string::npos) << o.out;
    // Only this command's lines (other commands are not listed).
    EXPECT_EQ(o.out.find(std::string("convscope-cli ") + (c.command == std::string("run") ? "shape" : "run") + " "),
              std::string::npos)
        << o.out;
  }
}

// I/O errors name the file and the system's reason.
TEST(CliBinary, IoErrorsNameTheFileAndTheReason) {
  REQUIRE_CLI();
  const std::string chapter = "'" + scene_path("chapter.json") + "'";
  Outcome o = run_cli("render " + chapter + " --layer 1 --png /nonexistent-dir/x.png");
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err, "error: /nonexistent-dir/x.png: cannot open the file for writing: No such file or directory\n");
  o = run_cli("run " + ::testing::TempDir());
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err.rfind("error: " + ::testing::TempDir() + ": cannot ", 0), 0u) << o.err;
  EXPECT_NE(o.err.find("Is a directory"), std::string::npos) << o.err;
}

// [SECTION] Model files

std::string model_path() { return std::string(CONVSCOPE_SOURCE_DIR) + "/models/best-cnn-model.keras"; }

void write_text(const std::string& path, const std::string& text) {
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_TRUE(f) << path;
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
}

// A 28x28 INPUT.json with a seeded pattern.
std::string input_json(unsigned seed) {
  std::string data;
  unsigned v = seed;
  for (int i = 0; i < 28 * 28; ++i) {
    v = v * 1664525u + 1013904223u;
    data += (i ? "," : "") + std::to_string((v >> 24) / 255.0);
  }
  return "{\"shape\": [28, 28, 1], \"data\": [" + data + "]}";
}

std::vector<double> probabilities(const std::string& out) {
  Result<JsonValue> v = parse_json(out);
  EXPECT_TRUE(v.ok()) << out;
  if (!v.ok() || !v->find("probabilities")) return {};
  return v->find("probabilities")->numbers;
}

TEST(CliBinary, ShapeOfAKerasFileIsItsSummary) {
  REQUIRE_CLI();
  const Outcome o = run_cli("shape '" + model_path() + "'");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("conv2d_1 (Conv2D)"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("(None, 7, 7, 64)"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("Total params: 333,526"), std::string::npos) << o.out;
}

// predict on the .keras, then on what convert wrote from it (model.json +
// shard, .keras, scene JSON): the same numbers, and they are probabilities.
TEST(CliBinary, PredictIsTheSameInEveryFormatConvertWrites) {
  REQUIRE_CLI();
  const std::string dir = ::testing::TempDir();
  const std::string input = dir + "cs_input.json";
  write_text(input, input_json(7));
  const Outcome first = run_cli("predict '" + model_path() + "' --input '" + input + "'");
  ASSERT_EQ(first.code, 0) << first.err;
  const std::vector<double> p = probabilities(first.out);
  ASSERT_EQ(p.size(), 10u);
  double sum = 0.0;
  for (double q : p) sum += q;
  EXPECT_NEAR(sum, 1.0, 1e-5);
  for (const std::string& out : {dir + "cs_conv_model.json", dir + "cs_conv.keras", dir + "cs_conv_scene.json"}) {
    SCOPED_TRACE(out);
    const Outcome c = run_cli("convert '" + model_path() + "' -o '" + out + "'");
    ASSERT_EQ(c.code, 0) << c.err;
    const Outcome again = run_cli("predict '" + out + "' --input '" + input + "'");
    ASSERT_EQ(again.code, 0) << again.err;
    EXPECT_EQ(again.out, first.out);
  }
}

TEST(CliBinary, PredictTakesAPicture) {
  REQUIRE_CLI();
  // A dark vertical bar on white paper: inverted (light background) and
  // averaged down to 28x28 before the model sees it.
  const int n = 112;
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(n) * n * 4, 255);
  for (int y = 8; y < n - 8; ++y) {
    for (int x = 48; x < 64; ++x) {
      for (int c = 0; c < 3; ++c) rgba[(static_cast<std::size_t>(y) * n + x) * 4 + c] = 0;
    }
  }
  const std::string png = ::testing::TempDir() + "cs_bar.png";
  ASSERT_TRUE(write_png_file(png, rgba.data(), n, n, nullptr));
  const Outcome o = run_cli("predict '" + model_path() + "' --input '" + png + "'");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(probabilities(o.out).size(), 10u);
  EXPECT_NE(o.out.find("\"class\": "), std::string::npos);
}

TEST(CliBinary, ModelFileRefusalsNameTheFile) {
  REQUIRE_CLI();
  const std::string dir = ::testing::TempDir();
  const std::string small = dir + "cs_small_input.json";
  write_text(small, "{\"shape\": [4, 4, 1]}");
  const std::string lonely = dir + "cs_lonely_model.json";
  write_text(lonely, "{\"modelTopology\": {}, \"weightsManifest\": [{\"paths\": [\"gone.bin\"], \"weights\": []}]}");
  const std::string typo = dir + "cs_typo_input.json";
  write_text(typo, "{\"shape\": [28, 28, 1],\n \"dat\": []}");
  const struct {
    std::string args, start;
    int code;
  } cases[] = {
      {"predict '" + model_path() + "' --input '" + small + "'",
       "error: " + small + ": the input has shape [4, 4, 1] but the model takes [28, 28, 1]", 2},
      // INPUT.json's own positions, not those of the scene the reader wraps it in.
      {"predict '" + model_path() + "' --input '" + typo + "'", typo + ":2:9: error: dat: unknown key \"dat\"", 2},
      {"predict '" + model_path() + "'", "usage error: --input: predict needs --input", 64},
      {"predict '" + lonely + "' --input '" + small + "'",
       "error: " + dir + "gone.bin: cannot open the file: No such file or directory", 2},
      {"convert '" + model_path() + "' -o '" + dir + "x.txt'", "usage error: -o: ", 64},
      {"convert '" + model_path() + "'", "usage error: -o: convert needs -o", 64},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args);
    const Outcome o = run_cli(c.args);
    EXPECT_EQ(o.code, c.code);
    EXPECT_EQ(o.err.rfind(c.start, 0), 0u) << o.err;
    EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << o.err;
  }
}

// [SECTION] Learning commands: grad, train, evaluate, predict

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "cs_train_" + std::to_string(getpid()) + "_" + name;
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f) {
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  return path;
}

const char kTinyModel[] = R"({"version": 1, "seed": 2, "input": {"shape": [4, 4, 1]}, "layers": [
  {"type": "Conv2D", "filters": 2, "kernel_size": 3, "activation": "relu"},
  {"type": "Flatten"},
  {"type": "Dense", "units": 3, "activation": "softmax"}]})";

// n examples of 4x4x1 with labels i % 3.
std::string tiny_batch(int n, int bad_label = -1) {
  std::string x, y;
  for (int i = 0; i < n * 16; ++i) x += (i ? ", " : "") + std::to_string((i * 7 % 11) / 10.0);
  for (int i = 0; i < n; ++i) y += (i ? ", " : "") + std::to_string(i == 1 && bad_label >= 0 ? bad_label : i % 3);
  return R"({"x": {"shape": [)" + std::to_string(n) + R"(, 4, 4, 1], "data": [)" + x + "]}, \"y\": [" + y + "]}";
}

TEST(CliTrain, GradPrintsTheLossAndOneEntryPerLayer) {
  REQUIRE_CLI();
  const std::string model = write_temp("model.json", kTinyModel);
  const std::string batch = write_temp("batch.json", tiny_batch(3));
  const Outcome o = run_cli("grad '" + model + "' --batch '" + batch + "'");
  ASSERT_EQ(o.code, 0) << o.err;
  Result<JsonValue> doc = parse_json(o.out);
  ASSERT_TRUE(doc.ok()) << o.out;
  const JsonValue* grads = doc->find("grads");
  ASSERT_NE(grads, nullptr);
  ASSERT_EQ(grads->items.size(), 3u);
  EXPECT_EQ(grads->items[0].find("kernel")->size(), 18u);
  EXPECT_EQ(grads->items[0].find("bias")->size(), 2u);
  EXPECT_EQ(grads->items[1].size(), 0u);  // Flatten: {}
  EXPECT_EQ(grads->items[2].find("kernel")->size(), 8u * 3u);  // 2x2x2 conv outputs x 3 units
  // The loss is the mean cross-entropy of the engine's own softmax outputs.
  Scene s = *parse_scene(kTinyModel);
  Result<JsonValue> b = parse_json(tiny_batch(3));
  double want = 0.0;
  for (int i = 0; i < 3; ++i) {
    for (int k = 0; k < 16; ++k) s.input.data[static_cast<std::size_t>(k)] =
        static_cast<float>(b->find("x")->find("data")->numbers[static_cast<std::size_t>(i * 16 + k)]);
    want -= std::log(run_scene(s)->back().data[static_cast<std::size_t>(i % 3)]) / 3.0;
  }
  EXPECT_NEAR(doc->find("loss")->number, want, 1e-5);
}

TEST(CliTrain, TrainIsRepeatableAndWritesAModel) {
  REQUIRE_CLI();
  const std::string model = write_temp("model.json", kTinyModel);
  const std::string batch = write_temp("batch.json", tiny_batch(30));
  const std::string out1 = ::testing::TempDir() + "cs_train_out1.json", out2 = ::testing::TempDir() + "cs_train_out2.json";
  const std::string args = " --data '" + batch + "' --epochs 3 --batch-size 4 --optimizer adam --learning-rate 0.01 --seed 9 --validation-split 0.2 -o ";
  const Outcome a = run_cli("train '" + model + "'" + args + "'" + out1 + "'");
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_NE(a.out.find("epoch 3/3 loss "), std::string::npos) << a.out;
  EXPECT_NE(a.out.find(" val_accuracy "), std::string::npos) << a.out;
  ASSERT_EQ(run_cli("train '" + model + "'" + args + "'" + out2 + "'").code, 0);
  EXPECT_EQ(read_text(out1), read_text(out2));
  Result<Scene> trained = parse_scene(read_text(out1));
  ASSERT_TRUE(trained.ok());
  EXPECT_NE(trained->layers[2].kernel, parse_scene(kTinyModel)->layers[2].kernel);
  const Outcome e = run_cli("evaluate '" + out1 + "' --data '" + batch + "'");
  ASSERT_EQ(e.code, 0) << e.err;
  EXPECT_EQ(e.out.rfind("loss ", 0), 0u) << e.out;
  const std::string input = write_temp("input.json", R"({"shape": [4, 4, 1], "data": [0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0]})");
  const Outcome p = run_cli("predict '" + out1 + "' --input '" + input + "'");
  ASSERT_EQ(p.code, 0) << p.err;
  EXPECT_NE(p.out.find("\"class\": "), std::string::npos);
}

// An architecture without weights or "seed": --seed initialises it through
// the same loader as every command (cli/model_load.h), so the same seed
// gives the same gradients and another seed other ones.
TEST(CliTrain, SeedInitialisesAnUntrainedArchitecture) {
  REQUIRE_CLI();
  std::string unseeded = kTinyModel;
  unseeded.replace(unseeded.find("\"seed\": 2, "), 11, "");
  const std::string model = write_temp("unseeded.json", unseeded);
  const std::string batch = write_temp("batch.json", tiny_batch(3));
  const std::string args = "grad '" + model + "' --batch '" + batch + "' --seed ";
  const Outcome a = run_cli(args + "5"), b = run_cli(args + "5"), c = run_cli(args + "6");
  ASSERT_EQ(a.code, 0) << a.err;
  ASSERT_EQ(c.code, 0) << c.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out, c.out);
}

TEST(CliTrain, BadInputIsOneErrorLine) {
  REQUIRE_CLI();
  const std::string model = write_temp("model.json", kTinyModel);
  const std::string bad_label = write_temp("bad.json", tiny_batch(3, 7));
  const std::string bad_syntax = write_temp("syntax.json", "{\"x\": [}");
  const std::string batch = write_temp("batch.json", tiny_batch(3));
  const struct {
    std::string args, line;
    int code;
  } cases[] = {
      {"grad '" + model + "' --batch '" + bad_label + "'",
       "error: batch.y[1]: label 7 is outside 0 .. 2 (the model has 3 outputs)\n", 2},
      {"grad '" + model + "' --batch '" + bad_syntax + "'",
       bad_syntax + ":1:8: error: expected a value but found '}'\n", 2},
      {"train '" + model + "' --data '" + batch + "' --optimizer adagrad",
       "usage error: --optimizer: unknown optimizer \"adagrad\"; ConvScope has sgd, rmsprop and adam "
       "(convscope-cli train --help)\n", 64},
      {"train '" + model + "' --data '" + batch + "' --epochs 0",
       "usage error: --epochs: expects a whole number from 1 to 100000, got \"0\" (convscope-cli train --help)\n", 64},
      {"grad '" + model + "'", "usage error: --batch: grad needs --batch BATCH.json (convscope-cli grad --help)\n", 64},
      {"grad '" + model + "' --batch '" + batch + "' --seed -3",
       "usage error: --seed: expects a whole number from 0 to 2147483647, got \"-3\" (convscope-cli grad --help)\n", 64},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args);
    const Outcome o = run_cli(c.args);
    EXPECT_EQ(o.code, c.code);
    EXPECT_EQ(o.err, c.line);
  }
}

#endif  // CS_CLI_TEST_BINARY

}  // namespace
}  // namespace cs
