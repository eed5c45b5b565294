// network_panel.h - the Network view: the whole model at once. Its Keras
// summary; a drawing pad (one-channel square inputs) whose every stroke
// re-runs the model; the class probabilities as bars; every layer's
// feature maps as tiled pictures (a click opens the Walk on that element);
// the filters of each Conv2D; training (train_panel.h). Open model and the chapter's trained model
// go through the platform (files differ on the web and the desktop).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/bundled_models.h"
#include "model/camera_feed.h"
#include "model/class_names.h"
#include "model/digit_pad.h"
#include "model/feature_mosaic.h"
#include "model/image.h"
#include "model/session.h"
#include "render/texture.h"
#include "ui/train_panel.h"

namespace cs {

struct NetworkPanelState {
  DigitPad pad;
  bool stroking = false;
  float brush = 5.0f;  // stroke radius in pad cells (4 a pixel)
  float pad_x = 0, pad_y = 0, pad_size = 0;  // where the pad was drawn (0: not shown)
  float last_x = 0, last_y = 0;
  int class_set = -1;  // ClassSet; -1: guessed from the model
  char typed[512] = "";
  std::string picture_steps;  // how an opened picture became the input (shown under it)
  // Pictures of the run, remade when the session's revision changes.
  std::uint64_t revision = ~std::uint64_t{0};
  int width_key = -1;  // the panel width they were laid out for
  std::vector<Mosaic> maps, filters;  // per level (0: input) / per layer (empty: no filters)
  std::vector<std::unique_ptr<RgbTexture>> map_tex, filter_tex;
  std::unique_ptr<RgbTexture> pad_tex;
  int pad_revision = -1;
  // The platform's ways in (null: the button is not shown).
  void (*open_model)() = nullptr;
  void (*open_bundled)(int which) = nullptr;  // kBundledModels[which]
  bool can_export = false;  // the platform writes model files (App::set_model_writer)
  int export_request = 0;   // Save pressed: App::ModelExport (1 .keras, 2 model.json); the app clears it
  TrainPanelState train;  // the Train part (train_panel.h)
  CameraFeed* camera = nullptr;  // image mode's camera, shared (null: no Camera row)
  float camera_buttons[3][4] = {};
  void drop_gl_objects();
};

// True when the user asked to see an element in the Walk (the app then
// selects the Walk tab; the session is already pointed at it).
bool draw_network_panel(const Session& s, NetworkPanelState* st, float width, CommandQueue& q);

// An opened picture as the model's input (model/picture_input.h), one
// undoable edit; false (nothing changes) when the model takes no picture,
// with *error saying why.
bool network_picture_input(const Image& img, Session* s, NetworkPanelState* st, Error* error);
// A camera frame as the model's input, without an undo entry per frame (a
// live edit, as image mode's camera); false with *error as above.
bool network_camera_frame(const Image& frame, Session* s, NetworkPanelState* st, Error* error);

}  // namespace cs
