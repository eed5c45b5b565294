// app_train.cpp - the App's part in training (app.h, Training section):
// the digits from the platform, the page's work between frames, and the
// trained weights shown as they change (one undo entry for the whole run).

#include <algorithm>
#include <memory>
#include <utility>

#include "app/app.h"
#include "core/gif_writer.h"
#include "core/png_writer.h"
#include "i18n/i18n.h"

namespace cs {

namespace {

// Training only changes weights: the same layers, the same weight sizes.
bool same_layers(const std::vector<Layer>& a, const std::vector<Layer>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].type != b[i].type || a[i].kernel.size() != b[i].kernel.size() || a[i].bias.size() != b[i].bias.size())
      return false;
  return true;
}

// The first Conv2D's filters, magnified 8 times, as the Network tab shows them.
Mosaic first_filters(const Session& s) {
  const std::vector<Layer>& layers = s.scene().layers;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    if (!has_filter_pictures(layers[i])) continue;
    const Mosaic m = make_mosaic(filter_tensor(layers[i], s.run().plan.shapes[i].c), 64,
                                 std::min(16, std::max(1, layers[i].filters)));
    return magnify(m, 8);
  }
  return {};
}

}  // namespace

void App::set_training_data(Dataset train, Dataset validation) {
  train_run_.set_data(std::make_shared<const Dataset>(std::move(train)),
                      std::make_shared<const Dataset>(std::move(validation)));
  TrainPanelState& t = network_ui_.train;
  t.data_progress = -1.0f;
  t.data_error.clear();
  if (t.start_when_loaded) start_training(session_, &t);
}

void App::data_failed(const std::string& message) {
  TrainPanelState& t = network_ui_.train;
  t.data_progress = -1.0f;
  t.start_when_loaded = false;
  t.data_error = i18n::trf("train.data_failed", message.c_str());
}

// The Train part's Save buttons: through the figure sink (the web: a
// download) or a file in the working directory, named in a notice.
void App::export_training(int what) {
  std::vector<std::uint8_t> bytes;
  std::string name;
  if (what == 1) {
    const std::string json = scene_to_json(session_.scene());
    bytes.assign(json.begin(), json.end());
    name = "convscope-model.json";
  } else {
    const Mosaic m = first_filters(session_);
    if (m.w <= 0) {
      notice_ = i18n::tr("train.no_filters");
      return;
    }
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(m.w) * static_cast<std::size_t>(m.h) * 4, 255);
    for (std::size_t i = 0; i < rgba.size() / 4; ++i)
      for (int k = 0; k < 3; ++k) rgba[i * 4 + static_cast<std::size_t>(k)] = m.rgb[i * 3 + static_cast<std::size_t>(k)];
    bytes = encode_png_rgba(rgba.data(), m.w, m.h);
    name = "convscope-filters.png";
  }
  if (figure_sink_) {
    figure_sink_(name.c_str(), bytes.data(), bytes.size());
    return;
  }
  std::string why;
  notice_ = write_file_bytes(name, bytes, &why) ? i18n::trf("train.saved", name.c_str(), static_cast<int>(bytes.size()))
                                                : i18n::trf("fig.failed", why.c_str());
}

bool App::background_work(double seconds) {
  train_run_.advance(seconds);  // nothing when paused, stopped or threaded
  return wants_background_work();
}

void App::update_training() {
  if (network_ui_.train.export_request) export_training(std::exchange(network_ui_.train.export_request, 0));
  std::vector<Layer> layers;
  if (train_run_.take_weights(&train_weights_revision_, &layers)) {
    if (!same_layers(session_.scene().layers, layers)) {  // the model changed under the run
      train_run_.stop();
      train_live_ = false;
      return;
    }
    if (!train_live_) session_.begin_live("train");
    train_live_ = true;
    session_.set_live_layers(std::move(layers));
    run_changed_ = true;
  }
  if (!train_run_.active()) train_live_ = false;
}

}  // namespace cs
