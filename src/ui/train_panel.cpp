// train_panel.cpp - the Train part of the Network tab (train_panel.h).
// [SECTION] Settings and buttons
// [SECTION] Progress and charts
// [SECTION] Confusion matrix and gallery
// [SECTION] Before and after
// [SECTION] The panel

#include "ui/train_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "i18n/error_text.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "model/history_chart.h"
#include "model/picture_input.h"
#include "model/train_pictures.h"
#include "ui/format.h"
#include "ui/theme.h"

namespace cs {

namespace {

ImTextureID tex_id(std::uint32_t t) { return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(t)); }

void upload(const Mosaic& m, std::unique_ptr<RgbTexture>* tex) {
  if (!*tex) *tex = std::make_unique<RgbTexture>();
  if (m.w > 0) (*tex)->upload(m.rgb.data(), m.w, m.h);
}

constexpr int kBatchSizes[] = {8, 16, 32, 64, 128};
constexpr float kRates[] = {0.0001f, 0.0003f, 0.001f, 0.003f, 0.01f, 0.03f, 0.1f};
constexpr const char* kOptimizers[] = {"SGD", "RMSprop", "Adam"};  // OptimizerKind order

// [SECTION] Settings and buttons

template <typename T, std::size_t N>
int index_of(const T (&list)[N], T v) {
  for (std::size_t i = 0; i < N; ++i)
    if (list[i] == v) return static_cast<int>(i);
  return -1;
}

void draw_settings(TrainPanelState* st, float width) {
  TrainSettings& t = st->settings;
  const float w = std::min(110.0f, width * 0.3f);
  ImGui::SetNextItemWidth(w);
  if (ImGui::InputInt(lbl("train.epochs", "epochs").c_str(), &t.epochs)) t.epochs = std::clamp(t.epochs, 1, 50);
  same_line_if_fits(w + 120.0f);
  char text[32];
  std::snprintf(text, sizeof text, "%d", t.batch_size);
  ImGui::SetNextItemWidth(w);
  if (ImGui::BeginCombo(lbl("train.batch_size", "batch").c_str(), text)) {
    for (int b : kBatchSizes)
      if (ImGui::Selectable(std::to_string(b).c_str(), b == t.batch_size)) t.batch_size = b;
    ImGui::EndCombo();
  }
  int opt = static_cast<int>(t.optimizer);
  ImGui::SetNextItemWidth(w);
  if (ImGui::Combo(lbl("train.optimizer", "optimizer").c_str(), &opt, kOptimizers, 3)) {
    t.optimizer = static_cast<OptimizerKind>(opt);
    t.learning_rate = t.optimizer == OptimizerKind::kSgd ? 0.01f : 0.001f;  // Keras' defaults
  }
  same_line_if_fits(w + 120.0f);
  std::snprintf(text, sizeof text, "%g", static_cast<double>(t.learning_rate));
  ImGui::SetNextItemWidth(w);
  if (ImGui::BeginCombo(lbl("train.learning_rate", "rate").c_str(), text)) {
    for (float r : kRates) {
      std::snprintf(text, sizeof text, "%g", static_cast<double>(r));
      if (ImGui::Selectable(text, index_of(kRates, t.learning_rate) == index_of(kRates, r))) t.learning_rate = r;
    }
    ImGui::EndCombo();
  }
  same_line_if_fits(w + 120.0f);
  ImGui::SetNextItemWidth(w);
  if (ImGui::InputInt(lbl("train.seed", "seed").c_str(), &t.seed)) t.seed = std::max(0, t.seed);
}

// Which data the model learns from, and the way to bring one's own.
void draw_data_line(TrainPanelState* st) {
  if (st->run->has_data()) {
    const std::string name = st->data_name.empty() ? tr("train.data_digits") : st->data_name;
    ImGui::Text(tr("train.data"), name.c_str(), st->train_size, st->validation_size);
  } else {
    ImGui::TextUnformatted(tr("train.data_none"));
  }
  if (st->open_data) {
    const std::string open = lbl("train.open_data", "opendata");
    same_line_if_fits(button_width(open.c_str()));
    if (ImGui::Button(open.c_str())) st->open_data();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("train.open_data_tip"));
  } else {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", tr("train.drop_data"));
    ImGui::PopTextWrapPos();
  }
}

void draw_buttons(const Session& s, TrainPanelState* st, CommandQueue& q) {
  TrainingRun& run = *st->run;
  const TrainState state = run.state();
  if (state == TrainState::kPaused) {
    if (ImGui::Button(lbl("train.resume", "resume").c_str())) run.resume();
  } else if (state == TrainState::kRunning) {
    if (ImGui::Button(lbl("train.pause", "pause").c_str())) run.pause();
  } else {
    const bool wrong_data = st->not_for_digits && st->data_name.empty();  // the bundled digits
    ImGui::BeginDisabled(st->start_when_loaded || wrong_data);
    if (ImGui::Button(lbl("train.train", "train").c_str())) {
      if (run.has_data()) start_training(s, st);
      else if (st->request_data) st->start_when_loaded = true, st->data_error.clear(), st->request_data();
    }
    ImGui::EndDisabled();
  }
  const ImVec2 b0 = ImGui::GetItemRectMin(), b1 = ImGui::GetItemRectMax();
  st->button_x = b0.x, st->button_y = b0.y, st->button_w = b1.x - b0.x, st->button_h = b1.y - b0.y;
  ImGui::SameLine();
  ImGui::BeginDisabled(!run.active());
  if (ImGui::Button(lbl("train.stop", "stop").c_str())) run.stop();
  ImGui::EndDisabled();
  const std::string reset = lbl("train.reset", "reset");
  same_line_if_fits(button_width(reset.c_str()));
  ImGui::BeginDisabled(run.active());
  if (ImGui::Button(reset.c_str())) {
    Scene fresh = s.scene();
    reset_weights(&fresh, static_cast<std::uint64_t>(st->settings.seed));
    q.push_back([f = std::move(fresh)](Session& ss) mutable { ss.apply(std::move(f), "reset weights"); });
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tr("train.reset_tip"));
  const std::string save_model = lbl("train.save_model", "savemodel"), save_filters = lbl("train.save_filters", "savefilters");
  same_line_if_fits(button_width(save_model.c_str()));
  if (ImGui::Button(save_model.c_str())) st->export_request = 1;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("train.save_model_tip"));
  same_line_if_fits(button_width(save_filters.c_str()));
  if (ImGui::Button(save_filters.c_str())) st->export_request = 2;
  const std::string save_charts = lbl("train.save_charts", "savecharts");
  same_line_if_fits(button_width(save_charts.c_str()));
  ImGui::BeginDisabled(st->run->view().batches_seen.empty());
  if (ImGui::Button(save_charts.c_str())) st->export_request = 3;
  ImGui::EndDisabled();
}

// [SECTION] Progress and charts

void draw_progress(const TrainView& v, const TrainPanelState& st, float width) {
  if (st.data_progress >= 0.0f && st.data_progress < 1.0f) {
    ImGui::ProgressBar(st.data_progress, ImVec2(std::min(width, 420.0f), 0), tr("train.loading"));
  }
  if (v.state == TrainState::kIdle) return;
  const float done = v.epochs > 0 && v.batches > 0
                         ? (static_cast<float>(v.epoch) + static_cast<float>(v.batch) / static_cast<float>(v.batches)) /
                               static_cast<float>(v.epochs)
                         : 0.0f;
  const bool over = v.state == TrainState::kDone || v.state == TrainState::kStopped;
  const std::string line = i18n::trf("train.progress", std::min(v.epoch + 1, v.epochs), v.epochs, v.batch, v.batches,
                                     static_cast<int>(v.examples_per_second + 0.5));
  ImGui::ProgressBar(over && v.state == TrainState::kDone ? 1.0f : std::clamp(done, 0.0f, 1.0f),
                     ImVec2(std::min(width, 420.0f), 0), line.c_str());
  if (v.state == TrainState::kRunning) {
    ImGui::SameLine();
    ImGui::Text(tr("train.left"), static_cast<int>(std::ceil(v.seconds_left)));
  } else if (v.state == TrainState::kPaused) {
    ImGui::SameLine();
    ImGui::TextUnformatted(tr("train.paused"));
  } else if (v.state == TrainState::kDone) {
    ImGui::SameLine();
    ImGui::Text(tr("train.finished"), static_cast<int>(v.history.loss.size()));
  } else if (v.state == TrainState::kStopped) {
    ImGui::SameLine();
    ImGui::Text(tr("train.stopped"), std::min(v.epoch + 1, v.epochs), v.batch);
  }
}

constexpr ImU32 kTrainColour = IM_COL32(60, 110, 170, 255), kValColour = IM_COL32(230, 120, 25, 255);

// The y range at the top and bottom right (the curves start at the left),
// and the epoch numbers under the boundaries.
void draw_axis_labels(ImDrawList* dl, ImVec2 p0, ImVec2 size, float top, float bottom, int epochs) {
  const ImU32 grey = IM_COL32(120, 120, 120, 255);
  const float line = ImGui::GetTextLineHeight();
  char text[32];
  for (const float y : {top, bottom}) {
    std::snprintf(text, sizeof text, "%.2f", static_cast<double>(y));
    const float tx = p0.x + size.x - ImGui::CalcTextSize(text).x - 6;
    dl->AddText(ImVec2(tx, y == top ? p0.y + 4 : p0.y + size.y - line - 4), grey, text);
  }
  for (int e = 0; e <= epochs; ++e) {
    std::snprintf(text, sizeof text, "%d", e);
    const float x = p0.x + 4 + (size.x - 8) * static_cast<float>(e) / static_cast<float>(std::max(1, epochs));
    const float w = ImGui::CalcTextSize(text).x;
    dl->AddText(ImVec2(std::clamp(x - w / 2, p0.x, p0.x + size.x - w), p0.y + size.y + 1), grey, text);
  }
}

// One history chart: training per batch (a thin line), per epoch (dots),
// validation per epoch (orange dots joined). `loss` picks the series.
void draw_chart(const TrainView& v, bool loss, ImVec2 size) {
  ImGui::BeginGroup();
  ImGui::TextUnformatted(tr(loss ? "train.chart_loss" : "train.chart_accuracy"));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(size.x, size.y + ImGui::GetTextLineHeight() + 2));  // the epoch numbers below
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(250, 250, 250, 255));
  dl->AddRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(180, 180, 180, 255));
  const ChartRange range = chart_range(v, loss);  // the saved picture's range too
  const float top = range.top, bottom = range.bottom;
  const float epochs = static_cast<float>(std::max(1, v.epochs));
  auto at = [&](float x, float y) {
    return ImVec2(p0.x + 4 + (size.x - 8) * x / epochs, p0.y + 4 + (size.y - 8) * (top - y) / (top - bottom));
  };
  for (int e = 1; e < v.epochs; ++e)  // epoch boundaries
    dl->AddLine(at(static_cast<float>(e), top), at(static_cast<float>(e), bottom), IM_COL32(225, 225, 225, 255));
  for (std::size_t i = 1; i < v.batches_seen.size(); ++i) {
    const TrainPoint& a = v.batches_seen[i - 1];
    const TrainPoint& b = v.batches_seen[i];
    if (b.epochs - a.epochs > 0.5f) continue;
    dl->AddLine(at(a.epochs, loss ? a.loss : a.accuracy), at(b.epochs, loss ? b.loss : b.accuracy), kTrainColour, 1.5f);
  }
  const std::vector<double>& val = loss ? v.history.val_loss : v.history.val_accuracy;
  for (std::size_t e = 0; e < val.size(); ++e) {
    if (!std::isfinite(val[e])) continue;
    const ImVec2 q = at(static_cast<float>(e + 1), static_cast<float>(val[e]));
    dl->AddCircleFilled(q, 4.0f, kValColour);
    if (e > 0 && std::isfinite(val[e - 1]))
      dl->AddLine(at(static_cast<float>(e), static_cast<float>(val[e - 1])), q, kValColour, 2.0f);
  }
  draw_axis_labels(dl, p0, size, top, bottom, v.epochs);
  ImGui::EndGroup();
}

void draw_charts(const TrainView& v, float width) {
  if (v.batches_seen.empty()) return;
  const bool side = width > 560.0f;
  const ImVec2 size(side ? (width - 16.0f) / 2.0f : width, 150.0f);
  draw_chart(v, true, size);
  if (side) ImGui::SameLine(0, 16);
  draw_chart(v, false, size);
  ImGui::TextColored(ImColor(kTrainColour), "%s", tr("train.legend_train"));
  same_line_if_fits(ImGui::CalcTextSize(tr("train.legend_val")).x);
  ImGui::TextColored(ImColor(kValColour), "%s", tr("train.legend_val"));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr("train.chart_hint"));  // why the line jumps at an epoch, and the axes
  ImGui::PopTextWrapPos();
  if (!v.history.loss.empty()) {
    const std::size_t e = v.history.loss.size() - 1;
    ImGui::Text(tr("train.epoch_line"), static_cast<int>(e + 1), v.history.loss[e], v.history.accuracy[e],
                v.history.val_loss[e], v.history.val_accuracy[e]);
  }
}

// [SECTION] Confusion matrix and gallery

void draw_confusion(const ValidationDetail& d, float width) {
  if (d.classes < 2 || d.classes > 20) return;
  const int n = d.classes;
  const float cell = std::clamp((std::min(width, 420.0f) - 24.0f) / static_cast<float>(n + 1), 14.0f, 34.0f);
  ImGui::TextUnformatted(tr("train.confusion"));
  ImGui::TextDisabled("%s", tr("train.confusion_hint"));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(cell * static_cast<float>(n + 1), cell * static_cast<float>(n + 1)));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  int most = 1;
  for (int v : d.confusion) most = std::max(most, v);
  const bool small = cell < 24.0f;
  for (int r = -1; r < n; ++r) {
    for (int c = -1; c < n; ++c) {
      const ImVec2 a(p0.x + cell * static_cast<float>(c + 1), p0.y + cell * static_cast<float>(r + 1));
      const ImVec2 b(a.x + cell - 1, a.y + cell - 1);
      std::string text;
      ImU32 fg = IM_COL32(90, 90, 90, 255);
      if (r < 0 || c < 0) {
        if (r >= 0 || c >= 0) text = std::to_string(r < 0 ? c : r);
      } else {
        const int v = d.confusion[static_cast<std::size_t>(r * n + c)];
        const float k = std::sqrt(static_cast<float>(v) / static_cast<float>(most));
        const ImU32 bg = r == c ? IM_COL32(static_cast<int>(255 - 200 * k), static_cast<int>(255 - 120 * k),
                                           static_cast<int>(255 - 60 * k), 255)
                                : IM_COL32(255, static_cast<int>(255 - 150 * k), static_cast<int>(255 - 200 * k), 255);
        dl->AddRectFilled(a, b, v > 0 ? bg : IM_COL32(245, 245, 245, 255));
        if (v > 0) text = std::to_string(v);
        fg = k > 0.6f ? IM_COL32(255, 255, 255, 255) : IM_COL32(30, 30, 30, 255);
        if (ImGui::IsMouseHoveringRect(a, b))
          ImGui::SetTooltip(tr("train.confusion_tip"), v, r, c);
      }
      if (text.empty() || (small && text.size() > 2)) continue;
      const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
      dl->AddText(ImVec2(a.x + (cell - ts.x) / 2, a.y + (cell - ts.y) / 2), fg, text.c_str());
    }
  }
}

// Each tile's label on it (touch has no hover): "7" or, for a mistake,
// "7→1" (the label, then what the model says); the picked one framed.
void label_tiles(const TrainView& v, const TrainPanelState& st, const Dataset& val, bool mistakes, ImVec2 p0,
                 float scale) {
  const Mosaic& m = st.gallery;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float tw = static_cast<float>(m.tile_w + 1) * scale, th = static_cast<float>(m.tile_h + 1) * scale;
  for (std::size_t i = 0; i < st.gallery_items.size(); ++i) {
    const ImVec2 a(p0.x + tw * static_cast<float>(static_cast<int>(i) % m.cols),
                   p0.y + th * static_cast<float>(static_cast<int>(i) / m.cols));
    char text[32];
    if (mistakes) {
      const Mistake& k = v.detail.mistakes[i];
      std::snprintf(text, sizeof text, "%d\xE2\x86\x92%d", k.label, k.predicted);
    } else {
      std::snprintf(text, sizeof text, "%d", val.y[st.gallery_items[i]]);
    }
    const ImVec2 ts = ImGui::CalcTextSize(text);
    if (ts.x > tw - 2) continue;  // too small to label: the tooltip still tells
    dl->AddRectFilled(a, ImVec2(a.x + ts.x + 4, a.y + ts.y), IM_COL32(0, 0, 0, 170));
    dl->AddText(ImVec2(a.x + 2, a.y), mistakes ? IM_COL32(255, 170, 90, 255) : IM_COL32(230, 230, 230, 255), text);
    if (static_cast<long long>(st.gallery_items[i]) == st.picked)
      dl->AddRect(a, ImVec2(a.x + tw - scale, a.y + th - scale), IM_COL32(230, 120, 25, 255), 0.0f, 0, 3.0f);
  }
}

// The gallery: the mistakes of the last epoch, else the first validation digits.
long long draw_gallery(const Session& s, const TrainView& v, TrainPanelState* st, float width) {
  const Dataset* val = st->run->validation();
  if (!val || val->size() == 0 || val->shape != s.scene().input.shape) return -1;
  const bool mistakes = !v.detail.mistakes.empty();
  const int cols = std::max(4, std::min(16, static_cast<int>(width / 58.0f)));
  const std::uint64_t key = (mistakes ? v.history.loss.size() * 2 + 1 : 0) + static_cast<std::uint64_t>(cols) * 1000;
  if (st->gallery_key != key || !st->gallery_tex || !st->gallery_tex->id()) {
    st->gallery_key = key;
    st->gallery_items.clear();
    if (mistakes) {
      for (const Mistake& m : v.detail.mistakes) st->gallery_items.push_back(m.index);
    } else {
      for (std::size_t i = 0; i < std::min<std::size_t>(val->size(), 32); ++i) st->gallery_items.push_back(i);
    }
    st->gallery = example_gallery(*val, st->gallery_items, cols, model_white(s.scene()));
    upload(st->gallery, &st->gallery_tex);
  }
  int wrong = 0;
  for (int r = 0; r < v.detail.classes; ++r)
    for (int c = 0; c < v.detail.classes; ++c)
      wrong += r == c ? 0 : v.detail.confusion[static_cast<std::size_t>(r * v.detail.classes + c)];
  ImGui::TextUnformatted(tr(mistakes ? "train.mistakes" : "train.gallery"));
  ImGui::TextDisabled(tr("train.gallery_count"), static_cast<int>(st->gallery_items.size()),
                      mistakes ? wrong : static_cast<int>(val->size()));
  ImGui::TextDisabled("%s", tr("train.gallery_hint"));
  const Mosaic& m = st->gallery;
  if (m.w <= 0) return -1;
  const float scale = std::clamp(width / static_cast<float>(m.w), 1.0f, 2.0f);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Image(tex_id(st->gallery_tex->id()), ImVec2(m.w * scale, m.h * scale));
  const bool hovered = ImGui::IsItemHovered();
  label_tiles(v, *st, *val, mistakes, p0, scale);
  if (!hovered) return -1;
  const ImVec2 mp = ImGui::GetIO().MousePos;
  int c = 0, y = 0, x = 0;
  if (!m.cell_at(static_cast<int>((mp.x - p0.x) / scale), static_cast<int>((mp.y - p0.y) / scale), &c, &y, &x))
    return -1;
  const std::size_t index = st->gallery_items[static_cast<std::size_t>(c)];
  if (mistakes) {
    const Mistake& k = v.detail.mistakes[static_cast<std::size_t>(c)];
    ImGui::SetTooltip(tr("train.mistake_tip"), k.label, k.predicted, static_cast<double>(k.confidence) * 100.0);
  } else {
    ImGui::SetTooltip(tr("train.digit_tip"), val->y[index]);
  }
  if (!ImGui::IsMouseClicked(ImGuiMouseButton_Left)) return -1;
  st->picked = static_cast<long long>(index);
  return st->picked;
}

// [SECTION] Before and after

int first_filter_layer(const std::vector<Layer>& layers) {
  for (std::size_t i = 0; i < layers.size(); ++i)
    if (has_filter_pictures(layers[i])) return static_cast<int>(i);
  return -1;
}

void draw_histogram(const char* id, const std::vector<float>& values, float lo, float hi, ImVec2 size) {
  const Histogram h = histogram(values, 40, lo, hi);
  ImGui::PlotHistogram(id, h.counts.data(), static_cast<int>(h.counts.size()), 0, nullptr, 0.0f, FLT_MAX, size);
}

void draw_before_after(const Session& s, TrainPanelState* st, float width) {
  const std::vector<Layer>& before = st->run->start_layers();
  const int li = first_filter_layer(s.scene().layers);
  if (before.size() != s.scene().layers.size() || li < 0 || first_filter_layer(before) != li) return;
  const int in_c = s.run().plan.shapes[static_cast<std::size_t>(li)].c;
  if (st->filters_key != s.revision() || !st->now_tex || !st->now_tex->id()) {
    st->filters_key = s.revision();
    const int cols = std::min(16, std::max(1, before[static_cast<std::size_t>(li)].filters));
    st->filters_before = make_mosaic(filter_tensor(before[static_cast<std::size_t>(li)], in_c), 64, cols);
    st->filters_now = make_mosaic(filter_tensor(s.scene().layers[static_cast<std::size_t>(li)], in_c), 64, cols);
    upload(st->filters_before, &st->before_tex);
    upload(st->filters_now, &st->now_tex);
  }
  ImGui::TextDisabled("%s", tr("train.before_after_hint"));
  const bool side = width > 560.0f;
  const float w = side ? (width - 16.0f) / 2.0f : width;
  const Layer& a = before[static_cast<std::size_t>(li)];
  const Layer& b = s.scene().layers[static_cast<std::size_t>(li)];
  float lo = 0.0f, hi = 0.0f;
  for (const std::vector<float>* k : {&a.kernel, &b.kernel})
    for (float x : *k) lo = std::min(lo, x), hi = std::max(hi, x);
  for (int which = 0; which < 2; ++which) {
    const Mosaic& m = which == 0 ? st->filters_before : st->filters_now;
    RgbTexture* tex = (which == 0 ? st->before_tex : st->now_tex).get();
    if (which == 1 && side) ImGui::SameLine(0, 16);
    ImGui::BeginGroup();
    ImGui::TextUnformatted(tr(which == 0 ? "train.before" : "train.now"));
    const float scale = std::clamp(w / static_cast<float>(std::max(1, m.w)), 1.0f, 12.0f);
    if (m.w > 0 && tex) ImGui::Image(tex_id(tex->id()), ImVec2(m.w * scale, m.h * scale));
    draw_histogram(which == 0 ? "##hist_before" : "##hist_now", which == 0 ? a.kernel : b.kernel, lo, hi,
                   ImVec2(w, 60.0f));
    ImGui::TextDisabled(tr("train.hist_range"), static_cast<double>(lo), static_cast<double>(hi));
    ImGui::EndGroup();
  }
}

}  // namespace

// [SECTION] The panel

void TrainPanelState::drop_gl_objects() {
  for (auto* t : {&gallery_tex, &before_tex, &now_tex})
    if (*t) (*t)->drop_gl_objects();
  gallery_key = filters_key = ~std::uint64_t{0};
}

bool start_training(const Session& s, TrainPanelState* st) {
  st->start_when_loaded = false;
  st->start_error.clear();
  Error e;
  if (st->run->start(s.scene(), st->settings, &e)) return st->scroll_to = true;
  st->start_error = i18n::error_line(e);
  return false;
}

long long draw_train_panel(const Session& s, TrainPanelState* st, float width, CommandQueue& q) {
  if (!st->run) return -1;
  ImGui::PushID("train");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr("train.hint"));
  ImGui::PopTextWrapPos();
  const TrainView v = st->run->view();
  ImGui::BeginDisabled(st->run->active());
  draw_data_line(st);
  if (st->not_for_digits && st->data_name.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(0.75f, 0.35f, 0.0f, 1.0f), "%s", tr("train.not_digits"));
    ImGui::PopTextWrapPos();
  }
  draw_settings(st, width);
  ImGui::EndDisabled();
  draw_buttons(s, st, q);
  ImGui::PushTextWrapPos(0.0f);
  for (const std::string* e : {&st->data_error, &st->start_error})
    if (!e->empty()) ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1.0f), "%s", e->c_str());
  ImGui::PopTextWrapPos();
  if (std::exchange(st->scroll_to, false)) ImGui::SetScrollHereY(0.1f);  // a run started: its charts in view
  draw_progress(v, *st, width);
  draw_charts(v, width);
  long long picked = -1;
  if (st->run->has_data()) {
    const bool side = width > 640.0f;
    ImGui::BeginGroup();
    draw_confusion(v.detail, side ? width * 0.4f : width);
    ImGui::EndGroup();
    if (side && v.detail.classes > 0) ImGui::SameLine(0, 24);
    ImGui::BeginGroup();
    picked = draw_gallery(s, v, st, side && v.detail.classes > 0 ? width * 0.6f - 24.0f : width);
    ImGui::EndGroup();
  }
  draw_before_after(s, st, width);
  ImGui::PopID();
  return picked;
}

}  // namespace cs
