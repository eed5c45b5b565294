// app_train.cpp - the App's part in training (app.h, Training section):
// the digits from the platform, the page's work between frames, and the
// trained weights shown as they change (one undo entry for the whole run).

#include <algorithm>
#include <memory>
#include <utility>

#include <filesystem>
#include <system_error>

#include "app/app.h"
#include "core/gif_writer.h"
#include "core/png_writer.h"
#include "data/load.h"
#include "i18n/error_text.h"
#include "i18n/i18n.h"
#include "model/history_chart.h"

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

void App::set_training_data(Dataset train, Dataset validation, const std::string& name) {
  TrainPanelState& t = network_ui_.train;
  t.data_name = name;
  t.train_size = static_cast<int>(train.size()), t.validation_size = static_cast<int>(validation.size());
  train_run_.set_data(std::make_shared<const Dataset>(std::move(train)),
                      std::make_shared<const Dataset>(std::move(validation)));
  t.data_progress = -1.0f;
  t.data_error.clear();
  t.gallery_key = ~std::uint64_t{0}, t.picked = -1;
  if (t.start_when_loaded) start_training(session_, &t);
}

// [SECTION] The student's own data

void App::use_data_split(Result<DataSplit> d, const std::string& name) {
  if (!d) {
    data_failed(i18n::error_line(d.error()));
    return;
  }
  network_ui_.train.start_when_loaded = false;
  network_ui_.train.scroll_to = true;  // the Train part's data line says what was read
  notice_.clear();
  set_training_data(std::move(d->train), std::move(d->validation), name);
  open_network_tab_ = true;
}

bool App::open_training_data(const std::string& path) {
  const std::string file = std::filesystem::path(path).filename().string();
  std::error_code ec;
  const bool folder = std::filesystem::is_directory(path, ec);
  const bool named = file.find("-idx3-ubyte") != std::string::npos || file.find("-idx1-ubyte") != std::string::npos ||
                     (file.size() > 4 && file.compare(file.size() - 4, 4, ".zip") == 0);
  if (!folder && !named) return false;
  Result<DataSplit> d = load_data(path);
  if (d) keep_validation_share(&*d);
  use_data_split(std::move(d), file.empty() ? path : file);
  return true;
}

void App::training_data_file(std::string name, std::vector<std::uint8_t> bytes, bool last) {
  data_files_.push_back(DataFile{std::move(name), std::move(bytes)});
  if (!last) return;
  std::vector<DataFile> files = std::move(data_files_);
  data_files_.clear();
  std::string names;
  for (const DataFile& f : files) names += (names.empty() ? "" : ", ") + f.name;
  use_data_split(read_data_files(files), names);
}

void App::data_failed(const std::string& message) {
  TrainPanelState& t = network_ui_.train;
  t.data_progress = -1.0f;
  t.start_when_loaded = false;
  t.data_error = i18n::trf("train.data_failed", message.c_str());
}

// The Train part's Save buttons (model, filters, charts): through the figure sink (the web: a
// download) or a file in the working directory, named in a notice.
void App::export_training(int what) {
  std::vector<std::uint8_t> bytes;
  std::string name;
  if (what == 1) {
    const std::string json = scene_to_json(session_.scene());
    bytes.assign(json.begin(), json.end());
    name = "convscope-model.json";
  } else {
    const Mosaic m = what == 2 ? first_filters(session_) : history_chart(train_run_.view());
    if (m.w <= 0) {
      notice_ = i18n::tr(what == 2 ? "train.no_filters" : "train.no_charts");
      return;
    }
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(m.w) * static_cast<std::size_t>(m.h) * 4, 255);
    for (std::size_t i = 0; i < rgba.size() / 4; ++i)
      for (int k = 0; k < 3; ++k) rgba[i * 4 + static_cast<std::size_t>(k)] = m.rgb[i * 3 + static_cast<std::size_t>(k)];
    bytes = encode_png_rgba(rgba.data(), m.w, m.h);
    name = what == 2 ? "convscope-filters.png" : "convscope-charts.png";
  }
  if (figure_sink_) {
    figure_sink_(name.c_str(), bytes.data(), bytes.size());
    inform(i18n::trf("train.saved", name.c_str(), static_cast<int>(bytes.size())));
    return;
  }
  std::string why;
  if (write_file_bytes(name, bytes, &why)) inform(i18n::trf("train.saved", name.c_str(), static_cast<int>(bytes.size())));
  else notice_ = i18n::trf("fig.failed", why.c_str());
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
