// app.h - the application: one scene, its computed outputs, the walk state,
// and the ImGui views over them. Knows nothing of SDL, GL contexts or the
// browser: the platform layer calls frame() once per displayed frame.
#pragma once

#include <string>
#include <vector>

#include "core/scene.h"
#include "core/validate.h"

namespace cs {

class App {
 public:
  void init();
  // Builds this frame's UI (between ImGui::NewFrame and ImGui::Render).
  void frame(float dt);
  // Opens a scene file (desktop --scene, dropped files).
  void open_file(const char* path);
  // Replaces the scene; on error keeps the old one and shows the message.
  bool set_scene_json(const std::string& json);

  const Scene& scene() const { return scene_; }
  const std::string& error() const { return error_; }
  int step() const { return step_; }
  int step_count() const;

 private:
  void recompute();
  void draw_controls();
  void draw_walk();

  Scene scene_;
  ScenePlan plan_;
  std::vector<Tensor> outputs_;  // one per layer
  std::string error_;
  int step_ = 0;
  bool playing_ = false;
  float play_clock_ = 0.0f;
};

}  // namespace cs
