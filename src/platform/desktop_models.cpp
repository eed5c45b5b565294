// desktop_models.cpp - model files on the desktop (desktop_models.h).
#include "platform/desktop_models.h"

#if !defined(__EMSCRIPTEN__)
#include "core/scene.h"
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

// The bundled model (models/best-cnn-model.keras, MIT, Haesun Park), read
// by the importer like any student's file.
void open_chapter_model() { g_app->open_file(CONVSCOPE_MODEL_DIR "/best-cnn-model.keras"); }

}  // namespace

void install_desktop_models(App* app) {
  g_app = app;
  app->set_model_reader(&read_model);
  app->set_model_buttons(nullptr, &open_chapter_model);
}

#endif

}  // namespace cs
