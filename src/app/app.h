// app.h - the application: a Session (the state) and the ImGui views over
// it, laid out for a laptop or a phone. Knows nothing of SDL, GL contexts
// or the browser: the platform layer calls frame() once per frame.
#pragma once

#include <string>

#include "model/session.h"
#include "ui/image_panel.h"
#include "ui/oned_panel.h"
#include "ui/scene_panel.h"

namespace cs {

class App {
 public:
  void init() {}
  // Builds this frame's UI (between ImGui::NewFrame and ImGui::Render).
  void frame(float dt);
  // Opens a scene file (desktop --scene, dropped files). Errors are shown.
  void open_file(const char* path);
  bool load_scene_json(const std::string& json);
  // A picture (desktop path / drop, or RGBA pixels decoded by the browser).
  void load_image(const Image& img);
  void set_file_picker(void (*open_picker)()) { image_ui_.open_picker = open_picker; }
  void show_notice(const std::string& text) { notice_ = text; }
  // GL objects are gone (WebGL context lost): forget them, remake lazily.
  void drop_gl_objects() { image_ui_.drop_gl_objects(); }
  // True while something moves (autoplay): the platform keeps drawing.
  bool animating() const { return session_.playing(); }

  const Session& session() const { return session_; }
  Session& session() { return session_; }

 private:
  void draw_toolbar(CommandQueue& q);
  void draw_timeline(CommandQueue& q);
  void handle_shortcuts(CommandQueue& q);

  Session session_;
  ScenePanelState scene_ui_;
  OneDPanelState oned_ui_;
  ImagePanelState image_ui_;
  bool open_image_tab_ = false;
  std::string notice_;  // last load error, shown until dismissed
};

}  // namespace cs
