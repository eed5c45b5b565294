// app.cpp - layout (sidebar + tabs; compact; one column on phones), the toolbar,
// the timeline and keyboard shortcuts. Views queue commands; they are
// applied here after the frame's UI is built.
// [SECTION] Files
// [SECTION] Frame
// [SECTION] Toolbar and timeline
#include "app/app.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <utility>

#include "i18n/error_text.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "ui/grid_view.h"
#include "kernels/kernels.h"
#include "ui/code_panel.h"
#include "ui/format.h"
#include "ui/stack_panel.h"
#include "ui/theme.h"
#include "ui/walk_panel.h"

namespace cs {

// [SECTION] Files

bool App::is_model_path(const std::string& path) const {
  const auto ends = [&](const char* tail) {
    const std::size_t n = std::char_traits<char>::length(tail);
    return path.size() >= n && path.compare(path.size() - n, n, tail) == 0;
  };
  return model_reader_ && (ends(".keras") || ends(".h5") || ends(".hdf5") || ends("model.json"));
}

bool App::load_model_scene(const std::string& json, const std::string& name) {
  train_run_.stop();
  if (!load_scene_json(json)) {
    notice_ = name + ": " + notice_;
    return false;
  }
  network_ui_.pad.clear();
  network_ui_.picture_steps.clear();
  network_ui_.class_set = -1;
  open_network_tab_ = true;
  return true;
}

bool App::load_class_names(const std::string& name, std::string_view bytes) {
  const SceneRun& run = session_.run();
  if (!session_.valid() || run.outputs.empty() || !run.outputs.back().shape.flat) {
    notice_ = i18n::trf("network.labels_failed", (name + ": " + i18n::tr("network.labels_no_model")).c_str());
    return false;
  }
  Result<std::vector<std::string>> names =
      read_class_names_file(name, bytes, run.outputs.back().shape.c);
  std::string joined;
  if (names) {
    for (const std::string& n : *names) joined += (joined.empty() ? "" : "\n") + n;
    if (joined.size() >= sizeof network_ui_.typed) names = Error{name, "the names are too long together"};
  }
  if (!names) {
    notice_ = i18n::trf("network.labels_failed", i18n::error_line(names.error()).c_str());
    return false;
  }
  std::snprintf(network_ui_.typed, sizeof network_ui_.typed, "%s", joined.c_str());
  network_ui_.class_set = static_cast<int>(ClassSet::kTyped);
  if (notice_ != info_notice_) notice_.clear();  // an earlier refusal is answered
  return true;
}

// The class names beside a model file (desktop): labels.txt, else labels.json.
void App::open_sidecar_class_names(const std::string& model_path) {
  const std::size_t slash = model_path.find_last_of("/\\");
  const std::string dir = slash == std::string::npos ? "" : model_path.substr(0, slash + 1);
  for (const char* file : {"labels.txt", "labels.json"}) {
    std::ifstream f(dir + file, std::ios::binary);
    if (!f) continue;
    std::stringstream ss;
    ss << f.rdbuf();
    load_class_names(dir + file, ss.str());
    return;
  }
}

void App::export_model(int format) {
  if (!model_writer_ || (format != kExportKeras && format != kExportTfjs)) return;
  if (!session_.valid() || session_.scene().layers.empty()) {
    notice_ = i18n::tr("network.export_nothing");
    return;
  }
  model_writer_(scene_to_json(session_.scene()), format);
}

void App::model_exported(const std::string& names, std::size_t bytes) {
  inform(i18n::trf("train.saved", names.c_str(), static_cast<int>(bytes)));
}

void App::model_export_failed(const std::string& why) {
  notice_ = i18n::trf("network.export_failed", why.c_str());
}

void App::open_file(const char* path) {
  if (is_model_path(path)) {
    std::string json, error;
    if (!model_reader_(path, &json, &error)) {
      notice_ = error;
      return;
    }
    if (load_model_scene(json, path)) open_sidecar_class_names(path);
    return;
  }
  if (is_class_names_file(path)) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    if (f) ss << f.rdbuf();
    if (!f) notice_ = i18n::trf("app.cannot_open", path);
    else load_class_names(path, ss.str());
    return;
  }
  if (open_training_data(path)) return;  // idx files, a folder or .zip of PNGs per class
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    notice_ = i18n::trf("app.cannot_open", path);
    return;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string bytes = ss.str();
  const std::size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && bytes[first] == '{') {  // a scene document
    if (!load_scene_json(bytes)) notice_ = std::string(path) + ": " + notice_;
    return;
  }
  Result<Image> img = decode_image(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  if (!img) {
    notice_ = i18n::trf("app.not_scene_or_picture", path, i18n::error_text(img.error()).c_str());
    return;
  }
  load_image(*img);
}

void App::load_image(const Image& img) {
  if (tab_ == 7) {  // the Network tab: the picture becomes the model's input
    Error e;
    if (network_picture_input(img, &session_, &network_ui_, &e)) {
      notice_.clear();
    } else {
      notice_ = i18n::error_line(e);
    }
    return;
  }
  image_ui_.sample = false;  // the student's own picture
  load_image_scene(img, &image_ui_, &session_);
  notice_.clear();
  open_image_tab_ = true;
}

void App::camera_frame(const std::uint8_t* rgba, int w, int h, double t_ms) {
  CameraFeed& cam = image_ui_.camera;
  if (!cam.accept(w, h, t_ms)) return;
  const auto t0 = std::chrono::steady_clock::now();
  if (tab_ == 7) {  // the Network tab: the frame becomes the model's input
    Error e;
    if (!network_camera_frame(image_from_rgba(rgba, w, h), &session_, &network_ui_, &e)) {
      cam.press_stop();
      cam.failed(CameraFeed::Failure::kOther, i18n::error_line(e));
      return;
    }
  } else {
    load_camera_frame(image_from_rgba(rgba, w, h), &image_ui_, &session_);
  }
  cam.took(session_.last_run_ms(),
           std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
}

bool App::load_scene_json(const std::string& json) {
  if (session_.load_json(json)) {
    notice_.clear();
    return true;
  }
  notice_ = i18n::trf("app.scene_not_loaded", i18n::error_line(session_.load_error_detail()).c_str());
  return false;
}

// [SECTION] Frame

AppLayout layout_for_width(float width) {
  if (width < 600.0f) return AppLayout::kPhone;
  return width < 1100.0f ? AppLayout::kCompact : AppLayout::kWide;
}

void App::frame(float dt) {
  CommandQueue q;
  session_.tick(dt);
  update_training();
  if (network_ui_.export_request) export_model(std::exchange(network_ui_.export_request, 0));
  handle_shortcuts(q);

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  layout_ = layout_for_width(vp->WorkSize.x);
  const bool narrow = layout_ == AppLayout::kPhone;
  const bool side_panel = layout_ == AppLayout::kWide && !minimal_;
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("ConvScope", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  draw_toolbar(q);
  notice_pos_ = ImGui::GetCursorScreenPos();

  CellRef hover;
  const float side = std::clamp(vp->WorkSize.x * 0.24f, 260.0f, 340.0f);
  if (side_panel) {
    ImGui::BeginChild("side", ImVec2(side, 0), true);
    ImGui::BeginDisabled(read_only_);  // Shareable state: embeds
    draw_scene_panel(session_, &scene_ui_, q);
    ImGui::EndDisabled();
    ImGui::EndChild();
    ImGui::SameLine();
  }
  // Phones: the timeline (Back, Play, Next) stays in view above the part
  // that scrolls, so the window, the feature map and Next can be seen together.
  if (narrow && tab_ != 7) draw_timeline(q);
  ImGui::BeginChild("main", ImVec2(0, 0), false);
  ImGui::PushTextWrapPos(0.0f);  // long lines wrap at the right edge instead of running off it
  if (!side_panel && !minimal_ && ImGui::CollapsingHeader(lbl("app.input_and_layers", "inlayers").c_str())) {
    ImGui::BeginDisabled(read_only_);
    draw_scene_panel(session_, &scene_ui_, q);
    ImGui::EndDisabled();
  }
  if (!session_.valid()) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(170, 20, 20, 255));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text(tr("app.invalid"), i18n::error_line(session_.error_detail()).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::TextDisabled("%s", tr("app.invalid_hint"));
  }
  draw_lesson_strip();
  if (!narrow) draw_timeline_row(q, tab_ != 7);  // the Network tab walks nothing itself
  // Full tab names in a row that scrolls when it is too narrow, not names cut to "Wa...".
  if (ImGui::BeginTabBar("views", ImGuiTabBarFlags_FittingPolicyScroll)) {
    if (ImGui::BeginTabItem(lbl("tab.walk", "walk").c_str(), nullptr, tab_flags(0))) {
      tab_ = 0;  // Shareable state
      WalkPanelOptions o;
      o.width = ImGui::GetContentRegionAvail().x;
      o.narrow = narrow;
      o.paint = scene_ui_.paint;
      o.brush = scene_ui_.brush;
      o.hover = &hover;
      o.reduced_motion = reduced_motion_;
      if (session_.valid()) draw_walk_panel(session_, o, q);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(lbl("tab.stack", "stack").c_str(), nullptr, tab_flags(1))) {
      tab_ = 1;
      if (session_.valid()) draw_stack_panel(session_, ImGui::GetContentRegionAvail().x, &hover, q);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(lbl("tab.code", "code").c_str(), nullptr, tab_flags(2))) {
      tab_ = 2;
      draw_code_panel(session_, q);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(lbl("tab.image", "image").c_str(), nullptr, tab_flags(3) | (open_image_tab_ ? ImGuiTabItemFlags_SetSelected : 0))) {
      tab_ = 3;
      draw_image_panel(session_, &image_ui_, ImGui::GetContentRegionAvail().x, q);
      ImGui::EndTabItem();
    }
    open_image_tab_ = false;
    if (ImGui::BeginTabItem(lbl("tab.oned", "oned").c_str(), nullptr, tab_flags(4))) {
      tab_ = 4;
      draw_oned_panel(&oned_ui_, ImGui::GetContentRegionAvail().x);
      ImGui::EndTabItem();
    }
    // Teaching (app_teach.cpp)
    if (ImGui::BeginTabItem(lbl("tab.lessons", "lessons").c_str(), nullptr,
                            tab_flags(5) | (open_lessons_tab_ ? ImGuiTabItemFlags_SetSelected : 0))) {
      tab_ = 5;  // Shareable state
      draw_lessons_tab(ImGui::GetContentRegionAvail().x);
      ImGui::EndTabItem();
    }
    open_lessons_tab_ = false;
    if (ImGui::BeginTabItem(lbl("tab.exercises", "exercises").c_str(), nullptr,
                            tab_flags(6) | (open_exercises_tab_ ? ImGuiTabItemFlags_SetSelected : 0))) {
      tab_ = 6;  // Shareable state
      draw_exercises_tab(ImGui::GetContentRegionAvail().x);
      ImGui::EndTabItem();
    }
    open_exercises_tab_ = false;
    if (ImGui::BeginTabItem(lbl("tab.network", "network").c_str(), nullptr,
                            tab_flags(7) | (open_network_tab_ ? ImGuiTabItemFlags_SetSelected : 0))) {
      tab_ = 7;  // Models
      if (draw_network_panel(session_, &network_ui_, ImGui::GetContentRegionAvail().x, q)) requested_tab_ = 0;
      if (network_ui_.pad_size > 0) {  // a finger draws on the pad rather than scrolling
        const ImVec2 a(network_ui_.pad_x, network_ui_.pad_y);
        touch_drag_area(a, ImVec2(a.x + network_ui_.pad_size, a.y + network_ui_.pad_size), TouchDrag::kAny);
      }
      ImGui::EndTabItem();
    }
    open_network_tab_ = false;
    ImGui::EndTabBar();
  }
  ImGui::PopTextWrapPos();
  // The lesson's walk plays where it is seen: the Walk shown two frames in a
  // row (a tab chosen by a lesson or a link shows from the next frame on).
  walk_frames_ = tab_ == 0 ? walk_frames_ + 1 : 0;
  if (autoplay_pending_ && walk_frames_ >= 2) {
    autoplay_pending_ = false;
    session_.set_speed(1.5f);
    session_.set_playing(true);
  }
  ImGui::EndChild();
  ImGui::End();
  draw_notice();

  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) session_.end_gesture();
  if (!(hover == session_.selection()) && !session_.pinned()) session_.hover(hover);
  const std::uint64_t revision = session_.revision();
  for (Command& c : q) c(session_);
  run_changed_ = session_.revision() != revision;
  update_teaching();
  // Shareable state: a read-only embed takes back any edit (views queue them).
  while (read_only_ && session_.history().can_undo()) session_.undo();
}

// [SECTION] Toolbar and timeline

// The notice floats under the toolbar over the page, so it never pushes the
// tabs or grids down: an error in red, a saved file in a calm green.
void App::draw_notice() {
  if (notice_.empty()) return;
  const bool info = notice_ == info_notice_;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float pad = ImGui::GetStyle().WindowPadding.x;
  const float w = std::min(vp->WorkSize.x - 2.0f * pad, 36.0f * ImGui::GetFontSize());
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - pad - w, notice_pos_.y));
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0.0f), ImVec2(w, vp->WorkSize.y));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, info ? IM_COL32(226, 244, 228, 250) : IM_COL32(253, 231, 231, 250));
  ImGui::PushStyleColor(ImGuiCol_Border, info ? IM_COL32(60, 140, 80, 255) : IM_COL32(170, 20, 20, 255));
  ImGui::Begin("##notice", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoMove);
  ImGui::PushStyleColor(ImGuiCol_Text, info ? IM_COL32(20, 90, 40, 255) : IM_COL32(170, 20, 20, 255));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(notice_.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  if (ImGui::SmallButton(tr("app.dismiss"))) notice_.clear();
  ImGui::End();
  ImGui::PopStyleColor(2);
}

void App::draw_toolbar(CommandQueue& q) {
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(40, 60, 110, 255));
  ImGui::TextUnformatted("ConvScope");
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) {  // About: which engine computes (students need not see it)
    char engine[64];
    std::snprintf(engine, sizeof engine, tr("toolbar.engine"), kernels_isa_name());
    ImGui::SetTooltip("%s\n%s", tr("toolbar.about"), engine);
  }
  ImGui::SameLine();
  draw_toolbar_title();  // shortened so the toolbar stays one line (app_teach.cpp)
  const History& h = session_.history();
  const std::string undo = lbl("toolbar.undo", "undo"), redo = lbl("toolbar.redo", "redo");
  const std::string reset = lbl("toolbar.reset", "reset");
  same_line_if_fits(button_width(undo.c_str()) + 20);
  ImGui::BeginDisabled(!h.can_undo());
  if (ImGui::Button(undo.c_str())) q.push_back([](Session& s) { s.undo(); });
  if (h.can_undo() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip(tr("toolbar.undo_tip"), history_text(h.undo_label()).c_str());
  ImGui::EndDisabled();
  same_line_if_fits(button_width(redo.c_str()));
  ImGui::BeginDisabled(!h.can_redo());
  if (ImGui::Button(redo.c_str())) q.push_back([](Session& s) { s.redo(); });
  if (h.can_redo() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip(tr("toolbar.redo_tip"), history_text(h.redo_label()).c_str());
  ImGui::EndDisabled();
  same_line_if_fits(button_width(reset.c_str()));
  if (ImGui::Button(reset.c_str())) q.push_back([](Session& s) { s.reset(); });
  if (read_only_) {  // edits are taken back: say so rather than silently
    same_line_if_fits(ImGui::CalcTextSize(tr("app.read_only")).x);
    ImGui::TextDisabled("%s", tr("app.read_only"));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("app.read_only_tip"));
  }
  draw_teaching_toolbar();
  draw_tools_menu();
  draw_start_offer();
}

// Share, figures and about behind one button (keyboard: Enter opens, arrows
// choose), so the toolbar shows what a student uses and fits a phone's row.
void App::draw_tools_menu() {
  const std::string more = lbl("toolbar.more", "more");
  same_line_if_fits(button_width(more.c_str()));
  if (ImGui::SmallButton(more.c_str())) ImGui::OpenPopup("tools");
  if (!ImGui::BeginPopup("tools")) return;
  draw_share_items();  // Shareable state
  draw_figure_items();
  ImGui::Separator();
  ImGui::TextDisabled("%s", tr("toolbar.about"));
  char engine[64];
  std::snprintf(engine, sizeof engine, tr("toolbar.engine"), kernels_isa_name());
  ImGui::TextDisabled("%s", engine);
  ImGui::EndPopup();
}

// First visit: say where to begin. Taken or dismissed, it is remembered
// with the lesson progress (localStorage on the web).
void App::draw_start_offer() {
  if (!start_offered()) return;
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(40, 110, 200, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(60, 130, 220, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(30, 90, 170, 255));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
  const std::string start = lbl("toolbar.start_lesson", "start");
  same_line_if_fits(button_width(start.c_str()) + button_width(tr("toolbar.start_later")));
  const bool go = ImGui::Button(start.c_str());
  ImGui::PopStyleColor(4);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("toolbar.start_tip"));
  ImGui::SameLine(0, 4);
  const bool later = ImGui::SmallButton(lbl("toolbar.start_later", "later").c_str());
  if (!go && !later) return;
  start_seen_ = true;
  progress_changed();
  if (go) open_lesson(all_lessons().front().id);
}

// The timeline's row keeps its height where it is not shown (the Network
// tab, a scene with no steps), so switching tabs never moves the tab row.
void App::draw_timeline_row(CommandQueue& q, bool show) {
  const float y0 = ImGui::GetCursorPosY();
  if (show) draw_timeline(q);
  const float drawn = ImGui::GetCursorPosY() - y0;
  if (drawn > 0.0f) timeline_h_ = drawn;
  else if (timeline_h_ > 0.0f) ImGui::Dummy(ImVec2(1.0f, timeline_h_ - ImGui::GetStyle().ItemSpacing.y));
}

void App::draw_timeline(CommandQueue& q) {
  const int n = session_.step_count();
  if (n == 0) return;
  const int step = session_.step();
  if (ImGui::Button("|<")) q.push_back([](Session& s) { s.set_step(0); });
  ImGui::SameLine();
  if (ImGui::Button(lbl("timeline.back", "back").c_str())) q.push_back([](Session& s) { s.step_by(-1); });
  ImGui::SameLine();
  const bool playing = session_.playing();
  if (ImGui::Button(lbl(playing ? "timeline.pause" : "timeline.play", "play").c_str(), ImVec2(64, 0)))
    q.push_back([=](Session& s) { s.set_playing(!playing); });
  ImGui::SameLine();
  if (ImGui::Button(lbl("timeline.next", "next").c_str())) q.push_back([](Session& s) { s.step_by(1); });
  ImGui::SameLine();
  if (ImGui::Button(">|")) q.push_back([=](Session& s) { s.set_step(n - 1); });
  if (ImGui::GetContentRegionAvail().x > 380.0f) ImGui::SameLine();  // phones: its own line
  int shown = step + 1;
  char fmt[48];
  std::snprintf(fmt, sizeof fmt, tr("timeline.step_of"), n);
  ImGui::SetNextItemWidth(std::max(140.0f, ImGui::GetContentRegionAvail().x - 130.0f));
  if (touch_slides(ImGui::SliderInt("##timeline", &shown, 1, n, fmt, ImGuiSliderFlags_AlwaysClamp)))
    q.push_back([=](Session& s) { s.set_step(shown - 1); });
  ImGui::SameLine();
  float speed = session_.speed();
  ImGui::SetNextItemWidth(110);
  if (touch_slides(ImGui::SliderFloat("##speed", &speed, 0.5f, 20.0f, tr("timeline.speed"), ImGuiSliderFlags_Logarithmic)))
    q.push_back([=](Session& s) { s.set_speed(speed); });
  const Geometry2D* g = session_.geometry();
  if (g && g->filters > 1) {
    int f = session_.filter() + 1;
    ImGui::SetNextItemWidth(200);
    const bool conv = has_key(session_.scene().layers[static_cast<std::size_t>(session_.layer())].type, "filters");
    if (touch_slides(ImGui::SliderInt(lbl(conv ? "timeline.filter" : "timeline.channel", "filter").c_str(), &f, 1, g->filters)))
      q.push_back([=](Session& s) { s.set_filter(f - 1); });
  }
}

void App::handle_shortcuts(CommandQueue& q) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  const bool ctrl = io.KeyCtrl || io.KeySuper;
  if (ctrl && ImGui::IsKeyPressed(ImGuiKey_Z, false)) {
    if (io.KeyShift) {
      q.push_back([](Session& s) { s.redo(); });
    } else {
      q.push_back([](Session& s) { s.undo(); });
    }
  }
  if (ctrl && ImGui::IsKeyPressed(ImGuiKey_Y, false)) q.push_back([](Session& s) { s.redo(); });
  if (!ctrl && ImGui::IsKeyPressed(ImGuiKey_RightArrow)) q.push_back([](Session& s) { s.step_by(1); });
  if (!ctrl && ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) q.push_back([](Session& s) { s.step_by(-1); });
  if (!ctrl && ImGui::IsKeyPressed(ImGuiKey_Space, false) && !ImGui::IsAnyItemActive() &&
      !ImGui::IsAnyItemFocused()) {
    const bool playing = session_.playing();
    q.push_back([=](Session& s) { s.set_playing(!playing); });
  }
}

}  // namespace cs
