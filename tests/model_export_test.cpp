// model_export_test.cpp - the Network tab's Export (issue 12's round trip):
// the bundled .keras opened as the desktop opens it, saved through
// App::export_model with the function the desktop's and the page's writers
// call (modelio::export_scene_json), the files written opened again, and
// run: the same probabilities to 1e-6 (float32 weights are copied exactly,
// so any difference is a wrong or reordered weight, not rounding).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/scene.h"
#include "modelio/model_scene.h"

#if __has_include("imgui.h")
#include "app/app.h"
#define CONVSCOPE_TEST_APP 1
#endif

namespace cs {
namespace {

using modelio::InputFile;
using modelio::SaveFormat;

const std::string kBundled = std::string(CONVSCOPE_SOURCE_DIR) + "/models/best-cnn-model.keras";

// The bundled model with a seeded random picture as input (the seed is
// printed on failure).
Scene bundled_with_input(std::uint32_t seed) {
  Result<Scene> s = modelio::open_model_path(kBundled);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().where + ": " + s.error().message);
  if (!s) return {};
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  for (float& v : s->input.data) v = u(gen);
  return *s;
}

std::vector<float> probabilities(const Scene& s) {
  Result<std::vector<Tensor>> out = run_scene(s);
  EXPECT_TRUE(out.ok());
  return out ? out->back().data : std::vector<float>{};
}

// The files reopened as the app opens dropped files, with the input of `like`.
Scene reopen(const std::vector<InputFile>& files, const Scene& like) {
  Result<Scene> s = modelio::open_model(files);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().where + ": " + s.error().message);
  if (!s) return {};
  EXPECT_EQ(s->input.shape, like.input.shape);
  s->input = like.input;
  return *s;
}

void expect_same(const std::vector<float>& a, const std::vector<float>& b) {
  ASSERT_EQ(a.size(), b.size());
  ASSERT_FALSE(a.empty());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 1e-6) << "class " << i;
}

TEST(ModelExport, NamesTheFilesTheAppWrites) {
  EXPECT_EQ(modelio::export_name(SaveFormat::kKeras), "convscope-model.keras");
  EXPECT_EQ(modelio::export_name(SaveFormat::kTfjs), "model.json");
}

TEST(ModelExport, KerasAndTfjsGiveTheSamePredictions) {
  for (std::uint32_t seed : {20261202u, 7u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Scene original = bundled_with_input(seed);
    const std::vector<float> want = probabilities(original);
    for (SaveFormat f : {SaveFormat::kKeras, SaveFormat::kTfjs}) {
      Result<std::vector<InputFile>> files = modelio::export_scene_json(scene_to_json(original), f);
      ASSERT_TRUE(files.ok()) << files.error().where << ": " << files.error().message;
      ASSERT_EQ(files->size(), f == SaveFormat::kTfjs ? 2u : 1u);
      EXPECT_EQ((*files)[0].name, modelio::export_name(f));
      expect_same(probabilities(reopen(*files, original)), want);
    }
  }
}

TEST(ModelExport, ABrokenSceneIsAMessageNamingTheFile) {
  Result<std::vector<InputFile>> files = modelio::export_scene_json("{\"version\": 1, \"layers\": [", SaveFormat::kKeras);
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.error().where.rfind("convscope-model.keras", 0), 0u) << files.error().where;
  EXPECT_FALSE(files.error().message.empty());
}

#if defined(CONVSCOPE_TEST_APP)

// What the platform's writer got from the app, written as the desktop does
// (without the disk: the files are kept here).
std::vector<InputFile> g_written;
std::string g_write_error;

void keep_files(const std::string& scene_json, int format) {
  Result<std::vector<InputFile>> files = modelio::export_scene_json(
      scene_json, format == App::kExportTfjs ? SaveFormat::kTfjs : SaveFormat::kKeras);
  g_written = files ? *files : std::vector<InputFile>{};
  g_write_error = files ? "" : files.error().message;
}

TEST(ModelExport, TheAppsSaveButtonsRoundTripTheBundledModel) {
  App app;
  app.set_model_writer(&keep_files);
  EXPECT_TRUE(app.network_view().can_export);
  const Scene original = bundled_with_input(99);
  ASSERT_TRUE(app.load_model_scene(scene_to_json(original), kBundled));
  const std::vector<float> want = probabilities(app.session().scene());
  expect_same(want, probabilities(original));
  for (int format : {App::kExportKeras, App::kExportTfjs}) {
    SCOPED_TRACE(format);
    g_written.clear();
    app.export_model(format);
    ASSERT_TRUE(g_write_error.empty()) << g_write_error;
    ASSERT_FALSE(g_written.empty());
    std::size_t bytes = 0;
    for (const InputFile& f : g_written) bytes += f.bytes.size();
    app.model_exported(g_written[0].name, bytes);
    EXPECT_NE(app.notice().find(g_written[0].name), std::string::npos) << app.notice();
    EXPECT_FALSE(app.notice_is_error());  // a saved file is news, not a failure
    // Reopened in the app, as a dropped file would be.
    Result<Scene> back = modelio::open_model(g_written);
    ASSERT_TRUE(back.ok());
    App again;
    ASSERT_TRUE(again.load_model_scene(scene_to_json(reopen(g_written, original)), g_written[0].name));
    expect_same(probabilities(again.session().scene()), want);
  }
}

TEST(ModelExport, AFailedWriteIsANoticeAndOnlyTheTwoFormatsAreAsked) {
  App app;
  app.set_model_writer(&keep_files);
  app.model_export_failed("convscope-model.keras: disk full");
  EXPECT_NE(app.notice().find("disk full"), std::string::npos);
  EXPECT_TRUE(app.notice_is_error());
  g_written.clear();
  g_write_error = "not called";
  app.export_model(7);  // not a format: the writer is not called
  EXPECT_EQ(g_write_error, "not called");
  App none;  // no writer (a build without model files): no button, nothing happens
  EXPECT_FALSE(none.network_view().can_export);
  none.export_model(App::kExportKeras);
  EXPECT_TRUE(none.notice().empty());
}

// A refused labels.txt is an error notice naming it; the right file answers
// it, so the stale refusal goes away.
TEST(ModelExport, ClassNamesThatFitClearTheEarlierRefusal) {
  App app;
  ASSERT_TRUE(app.load_model_scene(scene_to_json(bundled_with_input(3)), kBundled));
  EXPECT_FALSE(app.load_class_names("labels.txt", "a\nb\nc\n"));
  EXPECT_NE(app.notice().find("labels.txt"), std::string::npos) << app.notice();
  EXPECT_TRUE(app.notice_is_error());
  EXPECT_TRUE(app.load_class_names("labels.txt", "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n"));
  EXPECT_TRUE(app.notice().empty()) << app.notice();
}

#endif

}  // namespace
}  // namespace cs
