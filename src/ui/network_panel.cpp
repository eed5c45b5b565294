// network_panel.cpp - the Network view (network_panel.h).
// [SECTION] Pictures of the run
// [SECTION] Summary and probabilities
// [SECTION] Drawing pad
// [SECTION] Feature maps and filters
// [SECTION] The panel

#include "ui/network_panel.h"

#include <algorithm>
#include <cstdio>
#include <cstdint>
#include <string>
#include <utility>

#include "core/keras_model.h"
#include "core/layers/table.h"
#include "core/validate.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "model/picture_input.h"
#include "ui/camera_controls.h"
#include "ui/format.h"
#include "ui/theme.h"

namespace cs {

namespace {

ImTextureID tex_id(std::uint32_t t) { return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(t)); }

const Tensor& level_tensor(const Session& s, int level) {
  return level == 0 ? s.scene().input : s.run().outputs[static_cast<std::size_t>(level - 1)];
}

// [SECTION] Pictures of the run

// Tiles of about `kTilePx` pixels, as many a row as `width` holds.
constexpr float kTilePx = 64.0f;

int tiles_per_row(const Tensor& t, float width) {
  if (t.shape.flat || t.shape.w <= 0) return 0;
  const float scale = std::max(1.0f, kTilePx / static_cast<float>(std::max(t.shape.w, t.shape.h)));
  return std::max(1, static_cast<int>(width / ((t.shape.w + 1) * scale)));
}

void refresh(const Session& s, NetworkPanelState* st, float width) {
  const int width_key = static_cast<int>(width / 16);
  if (st->revision == s.revision() && st->width_key == width_key &&
      st->maps.size() == s.scene().layers.size() + 1) {
    return;
  }
  st->revision = s.revision();
  st->width_key = width_key;
  const std::size_t levels = s.scene().layers.size() + 1;
  st->maps.assign(levels, Mosaic{});
  st->filters.assign(levels - 1, Mosaic{});
  for (std::size_t l = 0; l < levels; ++l) {
    const Tensor& t = level_tensor(s, static_cast<int>(l));
    st->maps[l] = make_mosaic(t, 64, tiles_per_row(t, width));
  }
  for (std::size_t i = 0; i + 1 < levels; ++i) {
    const Layer& layer = s.scene().layers[i];
    if (!has_filter_pictures(layer)) continue;
    const Tensor f = filter_tensor(layer, s.run().plan.shapes[i].c);
    st->filters[i] = make_mosaic(f, 64, std::min(16, std::max(1, layer.filters)));
  }
  st->map_tex.resize(levels);
  st->filter_tex.resize(levels - 1);
  for (auto* list : {&st->map_tex, &st->filter_tex}) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (!(*list)[i]) (*list)[i] = std::make_unique<RgbTexture>();
      const Mosaic& m = list == &st->map_tex ? st->maps[i] : st->filters[i];
      if (m.w > 0) (*list)[i]->upload(m.rgb.data(), m.w, m.h);
    }
  }
}

// [SECTION] Summary and probabilities

void draw_summary(const Session& s) {
  const Scene& sc = s.scene();
  const ScenePlan& plan = s.run().plan;
  const std::vector<std::string> names = keras_layer_names(sc);
  std::int64_t total = 0;
  if (!ImGui::BeginTable("summary", 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn(tr("network.col_layer"));
  ImGui::TableSetupColumn(tr("network.col_shape"));
  ImGui::TableSetupColumn(tr("network.col_params"));
  ImGui::TableHeadersRow();
  for (std::size_t i = 0; i < sc.layers.size(); ++i) {
    const std::int64_t p = layer_param_count(sc.layers[i], plan.layer(i));
    total += p;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%s (%s)", names[i].c_str(), layer_type_name(sc.layers[i].type));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(shape_text(plan.shapes[i + 1]).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%lld", static_cast<long long>(p));
  }
  ImGui::EndTable();
  ImGui::Text(tr("network.total_params"), static_cast<long long>(total));
}

// A probability as students read it ("98.5%"); the exact float is in the tooltip.
std::string percent(float p) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", static_cast<double>(p) * 100.0);
  return text;
}

int class_set_of(const Session& s, const NetworkPanelState& st) {
  return st.class_set >= 0 ? st.class_set : static_cast<int>(guess_class_set(s.scene()));
}

void draw_probabilities(const Session& s, NetworkPanelState* st, float width) {
  const Tensor& out = s.run().outputs.back();
  if (!out.shape.flat || out.shape.c < 2 || out.shape.c > 100) return;
  const bool ko = i18n::language() == i18n::Lang::kKo;
  const int set = class_set_of(s, *st);
  const std::vector<std::string> names = class_names(static_cast<ClassSet>(set), out.shape.c, ko, st->typed);
  int best = 0;
  for (int i = 1; i < out.shape.c; ++i) best = out.data[i] > out.data[best] ? i : best;
  const bool blank = st->pad_size > 0 && st->pad.empty() && st->picture_steps.empty();
  if (blank) {
    best = -1;  // a blank input's answer means nothing: no bar is "the answer"
    ImGui::TextDisabled("%s", tr("network.draw_first"));
  } else {
    ImGui::Text(tr("network.says"), names[static_cast<std::size_t>(best)].c_str(),
                percent(out.data[static_cast<std::size_t>(best)]).c_str());
  }
  const float label_w = 96.0f, bar_w = std::max(80.0f, std::min(width, 420.0f) - label_w - 90.0f);
  for (int i = 0; i < out.shape.c; ++i) {
    const float p = out.data[static_cast<std::size_t>(i)];
    ImGui::TextUnformatted(names[static_cast<std::size_t>(i)].c_str());
    ImGui::SameLine(label_w);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, i == best ? IM_COL32(230, 120, 25, 255) : IM_COL32(60, 110, 170, 255));
    ImGui::ProgressBar(std::clamp(p, 0.0f, 1.0f), ImVec2(bar_w, 0), percent(p).c_str());
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", num(p).c_str());  // the exact value
  }
  const char* sets[] = {tr("network.classes_numbers"), tr("network.classes_digits"), tr("network.classes_fashion"),
                        tr("network.classes_typed")};
  // The box leaves room for its label on the right (a narrow column clipped it).
  const std::string class_label = lbl("network.class_names", "classnames");
  const float label_room = ImGui::CalcTextSize(tr("network.class_names")).x + ImGui::GetStyle().ItemInnerSpacing.x + 8.0f;
  ImGui::SetNextItemWidth(std::max(100.0f, std::min(width - label_room, 260.0f)));
  int chosen = set;
  if (ImGui::Combo(class_label.c_str(), &chosen, sets, 4)) st->class_set = chosen;
  if (chosen == static_cast<int>(ClassSet::kTyped)) {
    ImGui::SetNextItemWidth(std::min(width, 420.0f));
    ImGui::InputTextWithHint("##typed", tr("network.typed_hint"), st->typed, sizeof st->typed);
  }
}

// [SECTION] Drawing pad

bool pad_fits(const Scene& sc) {
  const TensorShape& in = sc.input.shape;
  return !in.flat && !in.one_d && in.c == 1 && in.h == in.w && in.h >= 8 && in.h <= 64;
}

// The pad's drawing as the model's input, one undoable edit per stroke.
void send_pad(const Session& s, const NetworkPanelState& st, CommandQueue& q) {
  Scene edited = s.scene();
  const int side = edited.input.shape.h;
  const bool fills = class_set_of(s, st) == static_cast<int>(ClassSet::kFashion);  // Fashion-MNIST fills the frame
  const std::vector<float> digit = st.pad.to_mnist(side, fills ? side : 0);
  const float white = model_white(edited);
  for (std::size_t i = 0; i < digit.size(); ++i) edited.input.data[i] = digit[i] * white;
  q.push_back([e = std::move(edited)](Session& ss) mutable { ss.apply(std::move(e), "draw on the pad"); });
}

void draw_pad(const Session& s, NetworkPanelState* st, float size, CommandQueue& q) {
  ImGui::BeginGroup();
  ImGui::TextUnformatted(tr("network.pad"));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##pad", ImVec2(size, size));
  st->pad_x = p0.x, st->pad_y = p0.y, st->pad_size = size;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // One texture, not a rectangle per cell: the draw list stays small (WebGL
  // has 16-bit indices only).
  if (!st->pad_tex) st->pad_tex = std::make_unique<RgbTexture>();
  if (st->pad_revision != st->pad.revision() || !st->pad_tex->id()) {
    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(DigitPad::kSide) * DigitPad::kSide * 3);
    for (std::size_t i = 0; i < rgb.size(); ++i) rgb[i] = static_cast<std::uint8_t>(st->pad.canvas()[i / 3] * 255.0f);
    st->pad_tex->upload(rgb.data(), DigitPad::kSide, DigitPad::kSide);
    st->pad_revision = st->pad.revision();
  }
  dl->AddImage(tex_id(st->pad_tex->id()), p0, ImVec2(p0.x + size, p0.y + size));
  const float k = size / DigitPad::kSide;
  if (ImGui::IsItemActive()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const float x = (m.x - p0.x) / k, y = (m.y - p0.y) / k;
    if (!st->stroking) st->last_x = x, st->last_y = y;
    st->pad.stroke(st->last_x, st->last_y, x, y, st->brush);
    st->picture_steps.clear();
    st->train.picked = -1;
    st->last_x = x, st->last_y = y;
    st->stroking = true;
  } else if (st->stroking) {  // the stroke ended: the model sees it
    st->stroking = false;
    send_pad(s, *st, q);
  }
  if (st->pad.empty()) {
    const char* hint = tr("network.pad_hint");
    const ImVec2 ts = ImGui::CalcTextSize(hint);
    dl->AddText(ImVec2(p0.x + (size - ts.x) / 2, p0.y + (size - ts.y) / 2), IM_COL32(200, 200, 200, 255), hint);
  }
  if (ImGui::Button(lbl("network.clear", "clear").c_str())) {
    st->pad.clear();
    send_pad(s, *st, q);
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::max(60.0f, size - ImGui::GetItemRectSize().x - 8.0f - ImGui::CalcTextSize(tr("network.brush")).x));
  ImGui::SliderFloat(lbl("network.brush", "brush").c_str(), &st->brush, 2.0f, 14.0f, "%.0f");
  if (class_set_of(s, *st) == static_cast<int>(ClassSet::kFashion)) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + size);
    ImGui::TextDisabled("%s", tr("network.pad_tip"));
    ImGui::PopTextWrapPos();
  }
  if (!st->picture_steps.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + size);
    ImGui::TextDisabled("%s", st->picture_steps.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::EndGroup();
}

// A validation digit the student picked: exactly that example is the
// model's input (a redrawn copy would differ), shown on the pad.
void show_example(const Session& s, NetworkPanelState* st, std::size_t index, CommandQueue& q) {
  const Dataset* val = st->train.run ? st->train.run->validation() : nullptr;
  if (!val || index >= val->size() || val->shape != s.scene().input.shape) return;
  const float* px = val->example(index);
  const std::size_t n = static_cast<std::size_t>(val->shape.elements());
  const float white = model_white(s.scene());
  st->pad.show(std::vector<float>(px, px + n), val->shape.h);
  st->picture_steps = i18n::trf("network.example_steps", static_cast<int>(index), val->y[index]);
  Scene edited = s.scene();
  for (std::size_t i = 0; i < n; ++i) edited.input.data[i] = px[i] * white;
  q.push_back([e = std::move(edited)](Session& ss) mutable { ss.apply(std::move(e), "validation digit"); });
}

// [SECTION] Feature maps and filters

// One tiled picture scaled to fit `width`; a click on an element points the
// Walk at it (returns true).
bool draw_mosaic(const Session& s, const Mosaic& m, RgbTexture* tex, int level, float width, CommandQueue& q) {
  if (m.w <= 0 || !tex) return false;
  const float tile = m.vector ? 16.0f : kTilePx / static_cast<float>(std::max(m.tile_w, m.tile_h));
  const float scale = std::clamp(std::min(width / m.w, std::max(1.0f, tile)), 1.0f, 16.0f);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Image(tex_id(tex->id()), ImVec2(m.w * scale, m.h * scale));
  if (!ImGui::IsItemHovered() || level == 0) return false;
  const ImVec2 mp = ImGui::GetIO().MousePos;
  int c = 0, y = 0, x = 0;
  if (!m.cell_at(static_cast<int>((mp.x - p0.x) / scale), static_cast<int>((mp.y - p0.y) / scale), &c, &y, &x)) {
    return false;
  }
  const Tensor& t = level_tensor(s, level);
  const float v = m.vector ? t.data[static_cast<std::size_t>(x)] : t.at(y, x, c);
  if (m.vector) {
    ImGui::SetTooltip(tr("network.unit_tip"), x, num(v).c_str());
  } else {
    ImGui::SetTooltip(tr("network.cell_tip"), c + 1, y, x, num(v).c_str());
  }
  if (!ImGui::IsMouseClicked(ImGuiMouseButton_Left)) return false;
  const int layer = level - 1;
  const int step = y * (m.vector ? t.shape.c : t.shape.w) + x;
  q.push_back([=](Session& ss) {
    ss.set_layer(layer);
    ss.set_filter(c);
    ss.set_step(step);
  });
  return true;
}

bool draw_levels(const Session& s, NetworkPanelState* st, float width, CommandQueue& q) {
  const Scene& sc = s.scene();
  const std::vector<std::string> names = keras_layer_names(sc);
  bool to_walk = false;
  if (!pad_fits(sc)) {  // the pad shows a one-channel input; others are pictures here
    ImGui::SeparatorText((std::string(tr("stack.input")) + "  " + shape_text(sc.input.shape)).c_str());
    draw_mosaic(s, st->maps[0], st->map_tex[0].get(), 0, std::min(width, 320.0f), q);
    if (!st->picture_steps.empty()) ImGui::TextDisabled("%s", st->picture_steps.c_str());
  }
  for (std::size_t l = 1; l < st->maps.size(); ++l) {
    const Layer& layer = sc.layers[l - 1];
    const Tensor& t = level_tensor(s, static_cast<int>(l));
    ImGui::PushID(static_cast<int>(l));
    ImGui::SeparatorText((std::to_string(l) + ". " + names[l - 1] + " (" + layer_type_name(layer.type) + ")  " +
                          shape_text(t.shape))
                             .c_str());
    const Mosaic& m = st->maps[l];
    if (!m.vector && m.channels < t.shape.c) ImGui::TextDisabled(tr("network.first_maps"), m.channels, t.shape.c);
    to_walk |= draw_mosaic(s, m, st->map_tex[l].get(), static_cast<int>(l), width, q);
    ImGui::TextDisabled(tr("network.range"), static_cast<double>(m.lo), static_cast<double>(m.hi));
    const Mosaic& f = st->filters[l - 1];
    if (f.w > 0 && ImGui::TreeNode(lbl("network.filters", "filters").c_str())) {
      ImGui::TextDisabled(tr("network.filters_hint"), layer.filters, layer.kernel_size[0], layer.kernel_size[1]);
      draw_mosaic(s, f, st->filter_tex[l - 1].get(), 0, std::min(width, 16.0f * (f.tile_w + 1) * 8.0f), q);
      ImGui::TextDisabled(tr("network.range"), static_cast<double>(f.lo), static_cast<double>(f.hi));
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
  return to_walk;
}

}  // namespace

void NetworkPanelState::drop_gl_objects() {
  if (pad_tex) pad_tex->drop_gl_objects();
  train.drop_gl_objects();
  for (auto& t : map_tex) if (t) t->drop_gl_objects();
  for (auto& t : filter_tex) if (t) t->drop_gl_objects();
  revision = ~std::uint64_t{0};
}

// [SECTION] The panel

bool network_camera_frame(const Image& frame, Session* s, NetworkPanelState* st, Error* error) {
  PictureSteps steps;
  Result<Tensor> t = picture_to_input(frame, s->scene(), PictureOptions{}, &steps);
  if (!t) {
    *error = t.error();
    return false;
  }
  s->set_live_input(std::move(t).value());
  st->pad.clear();
  st->picture_steps = i18n::trf("network.camera_steps", steps.out_w, steps.out_h,
                                tr(steps.channels == 1 ? "network.grey" : "network.rgb"),
                                tr(steps.inverted ? "network.inverted" : "network.not_inverted"));
  return true;
}

bool network_picture_input(const Image& img, Session* s, NetworkPanelState* st, Error* error) {
  PictureSteps steps;
  Result<Tensor> t = picture_to_input(img, s->scene(), PictureOptions{}, &steps);
  if (!t) {
    *error = t.error();
    return false;
  }
  Scene edited = s->scene();
  edited.input = std::move(t).value();
  s->apply(std::move(edited), "open picture");
  st->pad.clear();
  st->picture_steps = i18n::trf("network.picture_steps", img.w, img.h, steps.crop_w, steps.crop_h, steps.out_w,
                                steps.out_h, tr(steps.channels == 1 ? "network.grey" : "network.rgb"),
                                tr(steps.inverted ? "network.inverted" : "network.not_inverted"),
                                steps.white == 255.0f ? "0-255" : "0-1");
  return true;
}


// Save the model shown as a .keras or a TensorFlow.js model.json (the
// platform writes them; the scene JSON is the Train part's Save model).
void draw_export_buttons(NetworkPanelState* st) {
  if (!st->can_export) return;
  const std::string keras = lbl("network.export_keras", "exportkeras");
  const std::string tfjs = lbl("network.export_tfjs", "exporttfjs");
  if (ImGui::Button(keras.c_str())) st->export_request = 1;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("network.export_keras_tip"));
  same_line_if_fits(button_width(tfjs.c_str()));
  if (ImGui::Button(tfjs.c_str())) st->export_request = 2;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("network.export_tfjs_tip"));
}

bool draw_network_panel(const Session& s, NetworkPanelState* st, float width, CommandQueue& q) {
  st->pad_size = 0;
  if (st->open_model || st->open_bundled) {
    for (int i = 0; st->open_bundled && i < kBundledModelCount; ++i) {
      const std::string label = lbl(kBundledModels[i].label_key, kBundledModels[i].file);
      if (i > 0) same_line_if_fits(button_width(label.c_str()));
      if (ImGui::Button(label.c_str())) st->open_bundled(i);
    }
    if (st->open_model) {
      const std::string label = lbl("network.open_model", "openmodel");
      same_line_if_fits(button_width(label.c_str()));
      if (ImGui::Button(label.c_str())) st->open_model();
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", tr("network.open_hint"));
    ImGui::PopTextWrapPos();
  }
  if (!s.valid() || s.scene().layers.empty()) return false;
  refresh(s, st, width);
  draw_export_buttons(st);
  if (ImGui::CollapsingHeader(lbl("network.summary", "summary").c_str())) draw_summary(s);
  const bool pad = pad_fits(s.scene());
  if (st->camera) draw_camera_controls(st->camera, st->camera_buttons);  // the camera as the model's input
  const float pad_size = std::clamp(width * 0.4f, 140.0f, 224.0f);
  if (pad) {
    if (std::exchange(st->train.scroll_to_pad, false)) ImGui::SetScrollHereY(0.0f);  // a gallery pick: see it
    draw_pad(s, st, pad_size, q);
    if (width > 520.0f) ImGui::SameLine(0, 24);
  }
  ImGui::BeginGroup();
  draw_probabilities(s, st, pad && width > 520.0f ? width - pad_size - 24 : width);
  ImGui::EndGroup();
  st->train.not_for_digits = class_set_of(s, *st) == static_cast<int>(ClassSet::kFashion);
  if (st->train.run && pad &&
      ImGui::CollapsingHeader(lbl("network.train", "train").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
    const long long picked = draw_train_panel(s, &st->train, width, q);
    if (picked >= 0) show_example(s, st, static_cast<std::size_t>(picked), q), st->train.scroll_to_pad = true;
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr("network.maps_hint"));
  ImGui::PopTextWrapPos();
  return draw_levels(s, st, width, q);
}

}  // namespace cs
