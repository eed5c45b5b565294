// desktop_models.cpp - model files on the desktop (desktop_models.h).
#include "platform/desktop_models.h"

#if !defined(__EMSCRIPTEN__)
#include <fstream>
#include <sstream>
#include <string>

#include "core/gif_writer.h"
#include "core/scene.h"
#include "data/load.h"
#include "model/bundled_models.h"
#include "i18n/error_text.h"
#include "modelio/model_scene.h"
#endif

namespace cs {

#if defined(__EMSCRIPTEN__)

void install_desktop_models(App*) {}

#else

namespace {

App* g_app = nullptr;

bool read_model(const char* path, std::string* scene_json, std::string* error) {
  Result<Scene> s = modelio::open_model_path(path);
  if (!s) {
    *error = i18n::error_line(s.error());
    return false;
  }
  *scene_json = scene_to_json(*s);
  return true;
}

// Export: the model files beside the working directory, as Save PNG and
// the Train part's Save model write theirs; the notice names them.
void write_model(const std::string& scene_json, int format) {
  const auto f = format == App::kExportTfjs ? modelio::SaveFormat::kTfjs : modelio::SaveFormat::kKeras;
  Result<std::vector<modelio::InputFile>> files = modelio::export_scene_json(scene_json, f);
  if (!files) {
    g_app->model_export_failed(i18n::error_line(files.error()));
    return;
  }
  std::string names;
  std::size_t total = 0;
  for (const modelio::InputFile& file : *files) {
    std::string why;
    if (!write_file_bytes(file.name, file.bytes, &why)) {
      g_app->model_export_failed(file.name + ": " + why);
      return;
    }
    names += (names.empty() ? "" : ", ") + file.name;
    total += file.bytes.size();
  }
  g_app->model_exported(names, total);
}

// The bundled models (model/bundled_models.h): the .keras is read by the
// importer like any student's file (source tree's models/); the digits
// models are the build's own training (the build folder's models/).
void open_bundled(int which) {
  const std::string file = kBundledModels[which].file;
  if (file.size() > 6 && file.compare(file.size() - 6, 6, ".keras") == 0) {
    g_app->open_file((std::string(CONVSCOPE_MODEL_DIR) + "/" + file).c_str());
    return;
  }
  const std::string path = std::string(CONVSCOPE_TRAINED_DIR) + "/" + file;
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    g_app->show_notice(path + ": not found; build the trained_models target (scripts/build.sh native)");
    return;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  g_app->load_model_scene(ss.str(), path);
}

// Train's digits: data/digits.bin beside the program (or $CONVSCOPE_DATA),
// read at once (8 MB from disk).
void load_digits() {
  Result<DataSplit> d = load_data("mnist");
  if (!d) {
    g_app->data_failed(i18n::error_line(d.error()));
    return;
  }
  g_app->set_training_data(std::move(d->train), std::move(d->validation));
}

}  // namespace

void install_desktop_models(App* app) {
  g_app = app;
  app->set_model_reader(&read_model);
  app->set_model_writer(&write_model);
  app->set_model_buttons(nullptr, &open_bundled);
  app->set_data_request(&load_digits);
}

#endif

}  // namespace cs
