// train_panel.h - the Train part of the Network tab: the settings (epochs,
// batch size, optimizer, learning rate, seed), Train / Pause / Stop /
// Reset weights, progress with examples per second and time left, the
// history charts (loss and accuracy per batch and per epoch, training and
// validation, as the book plots model.fit's history), the confusion matrix,
// a gallery of validation digits and of the ones the model gets wrong (a
// click puts one on the pad), and the first Conv2D's filters and the weight
// histograms before and after training, side by side.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/feature_mosaic.h"
#include "model/session.h"
#include "model/training_run.h"
#include "render/texture.h"

namespace cs {

struct TrainPanelState {
  TrainingRun* run = nullptr;        // the app's (null: no Train part)
  void (*request_data)() = nullptr;  // the platform loads the digits (then App::set_training_data)
  void (*open_data)() = nullptr;     // the student's own data (web: a picker; null: drop files)
  std::string data_name;             // "" the bundled digits
  bool not_for_digits = false;       // the model's classes are not digits (Fashion-MNIST): no Train on the digits
  int train_size = 0, validation_size = 0;
  TrainSettings settings;
  bool start_when_loaded = false;  // Train was pressed before the digits arrived
  bool scroll_to = false;  // a run started or data arrived: bring the progress and charts into view
  int export_request = 0;  // the app saves: 1 the model (ConvScope JSON), 2 the filters (PNG), 3 the charts (PNG)
  float data_progress = -1.0f;     // 0..1 while the digits load
  std::string data_error, start_error;
  float button_x = 0, button_y = 0, button_w = 0, button_h = 0;  // Train / Pause on screen (tests)
  // Pictures, remade when what they show changes.
  std::uint64_t gallery_key = ~std::uint64_t{0}, filters_key = ~std::uint64_t{0};
  std::vector<std::size_t> gallery_items;
  long long picked = -1;  // the validation example on the pad (framed in the gallery)
  bool scroll_to_pad = false;  // a gallery click: bring the pad into view
  Mosaic gallery, filters_before, filters_now;
  std::unique_ptr<RgbTexture> gallery_tex, before_tex, now_tex;
  void drop_gl_objects();
};

// Draws the Train part; returns the validation example the student
// clicked (to show on the pad), or -1.
long long draw_train_panel(const Session& s, TrainPanelState* st, float width, CommandQueue& q);

// Starts a run of the session's model with the panel's settings (the
// digits must be there); false with st->start_error set.
bool start_training(const Session& s, TrainPanelState* st);

}  // namespace cs
