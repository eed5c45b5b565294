// app_teach.cpp - [SECTION] Teaching of App: lessons, exercises,
// the language switch, figures for slides and the step in words. The views
// are ui/lesson_panel and ui/exercise_panel; the state is model/lessons and
// model/exercises; figures are drawn by core/figure without the GPU.
// [SECTION] Lessons and progress
// [SECTION] Exercises and language
// [SECTION] Step in words
// [SECTION] Figures
// [SECTION] Views
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/stat.h>

#include "app/app.h"
#include "core/figure.h"
#include "core/json.h"
#include "core/png_writer.h"
#include "i18n/error_text.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "kernels/kernels.h"
#include "model/default_scene.h"
#include "model/describe.h"
#include "model/image.h"
#include "ui/exercise_panel.h"
#include "ui/format.h"
#include "ui/lesson_panel.h"
#include "ui/theme.h"

namespace cs {

namespace {

// ~/.config/convscope/progress (XDG_CONFIG_HOME respected). Empty on the
// web: there the page keeps the progress string in localStorage.
std::string native_progress_path() {
#if defined(__EMSCRIPTEN__)
  return {};
#else
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  std::string dir = xdg && *xdg ? std::string(xdg) : home && *home ? std::string(home) + "/.config" : std::string();
  return dir.empty() ? std::string() : dir + "/convscope/progress";
#endif
}

}  // namespace

// [SECTION] Lessons and progress

bool App::open_lesson(std::string_view id) {
  const int i = find_lesson(id);
  if (i < 0) return false;
  const Lesson& l = all_lessons()[static_cast<std::size_t>(i)];
  // The scene's title is the lesson's, in the language shown.
  Result<Scene> sc = parse_scene(l.scene_json);
  if (!sc) return false;
  sc->title = i18n::tr(lesson_key(l, "title").c_str());
  if (!session_.load_json(scene_to_json(*sc))) return false;
  session_.set_layer(l.layer);
  lessons_.open(i);
  open_lessons_tab_ = true;
  notice_.clear();
  // Lessons about movement start the walk playing, gently, once the Walk is
  // on screen (the lesson opens on the Lessons tab, where it cannot be seen:
  // App::frame); never with prefers-reduced-motion, and never where the
  // task is to find a step.
  session_.set_playing(false);
  autoplay_pending_ = l.autoplay && !reduced_motion_;
  walk_frames_ = 0;
  return true;
}

void App::load_native_progress() {
  const std::string path = native_progress_path();
  if (path.empty()) return;
  std::ifstream f(path);
  std::string line;
  if (f && std::getline(f, line)) lessons_.load_progress(line);
}

void App::progress_changed() {
  const std::string p = progress_string();
  if (progress_sink_) {
    progress_sink_(p.c_str());
    return;
  }
  const std::string path = native_progress_path();
  if (path.empty()) return;
  // mkdir -p of ~/.config/convscope (one or two levels may be missing).
  const std::string dir = path.substr(0, path.rfind('/'));
  ::mkdir(dir.substr(0, dir.rfind('/')).c_str(), 0755);
  ::mkdir(dir.c_str(), 0755);
  std::ofstream out(path);
  if (out) out << p << "\n";
}

// [SECTION] Exercises and language

void App::set_exercise_seed(std::uint32_t seed) {
  // A teacher's link with a seed lands on the exercises.
  if (seed != exercises_.seed() || exercises_.index() > 0) open_exercises_tab_ = true;
  exercises_.set_seed(seed);
  exercise_ui_.seed_field = static_cast<int>(seed & 0x7FFFFFFF);
}

void App::set_language(std::string_view code) {
  i18n::Lang lang;
  if (!i18n::parse(code, &lang) || lang == i18n::language()) return;
  i18n::set_language(lang);
  font_dirty_ = true;  // the Korean glyphs are added to (or dropped from) the atlas
  // A lesson's scene, still untouched, takes the title in the new language.
  const int i = lessons_.current();
  if (i >= 0 && !session_.history().can_undo()) {
    const Lesson& l = all_lessons()[static_cast<std::size_t>(i)];
    Result<Scene> sc = parse_scene(session_.to_json());
    if (sc) {
      const int layer = session_.layer(), filter = session_.filter(), step = session_.step();
      const bool playing = session_.playing();
      sc->title = i18n::tr(lesson_key(l, "title").c_str());
      session_.load_json(scene_to_json(*sc));
      session_.set_layer(layer), session_.set_filter(filter), session_.set_step(step);
      session_.set_playing(playing);
    }
  }
}

// [SECTION] Step in words

std::string App::step_description() const { return describe_step(session_); }

// [SECTION] Figures

std::vector<std::uint8_t> App::figure_png() const {
  if (!session_.valid() || session_.scene().layers.empty()) return {};
  FigureOptions o;
  o.filter = session_.filter();
  Result<Pixels> px = render_walk_frame(session_.scene(), session_.run(), session_.layer(), session_.step(), o);
  if (!px) return {};
  return encode_png_rgba(px->rgba.data(), px->w, px->h);
}

std::vector<std::uint8_t> App::figure_gif() const {
  if (!session_.valid() || session_.scene().layers.empty()) return {};
  FigureOptions o;
  o.filter = session_.filter();
  Result<WalkGif> gif = render_walk_gif(session_.scene(), session_.run(), session_.layer(), o);
  return gif ? std::move(gif->bytes) : std::vector<std::uint8_t>();
}

Result<std::vector<std::uint8_t>> App::figure(bool gif) const {
  std::vector<std::uint8_t> bytes = gif ? figure_gif() : figure_png();
  if (!bytes.empty()) return bytes;
  if (!session_.valid()) return session_.error_detail();
  const bool no_layer = session_.scene().layers.empty();
  Error e{"figure", i18n::lookup(no_layer ? "fig.no_layer" : "fig.too_large", i18n::Lang::kEn)};
  e.code = no_layer ? "no_layer" : "figure_too_large";
  return e;
}

void App::save_figure(bool gif) {
  const std::vector<std::uint8_t> bytes = gif ? figure_gif() : figure_png();
  if (bytes.empty()) {
    const std::string why = !session_.valid()                ? i18n::error_line(session_.error_detail())
                            : session_.scene().layers.empty() ? i18n::tr("fig.no_layer")
                                                              : i18n::tr("fig.too_large");
    notice_ = i18n::trf("fig.failed", why.c_str());
    return;
  }
  char name[64];
  std::snprintf(name, sizeof name, "convscope-layer%d-%s.%s", session_.layer(),
                gif ? "walk" : ("step" + std::to_string(session_.step() + 1)).c_str(), gif ? "gif" : "png");
  if (figure_sink_) {
    figure_sink_(name, bytes.data(), bytes.size());
    inform(i18n::trf("fig.saved", name, static_cast<int>(bytes.size())));
    return;
  }
  std::string why;
  if (write_file_bytes(name, bytes, &why)) {
    inform(i18n::trf("fig.saved", name, static_cast<int>(bytes.size())));
  } else {
    notice_ = i18n::trf("fig.failed", why.c_str());
  }
}

bool App::take_view_request(std::string* filename) {
  if (!view_requested_) return false;
  view_requested_ = false;
  *filename = "convscope-view-" + std::to_string(session_.revision()) + "-step" + std::to_string(session_.step() + 1) + ".png";
  return true;
}

void App::view_saved(const std::string& filename, bool ok) {
  if (ok) inform(i18n::trf("fig.view_saved", filename.c_str()));
  else notice_ = i18n::trf("fig.failed", filename.c_str());
}

// [SECTION] Views

void App::draw_teaching_toolbar() {
  // Language: two short buttons, readable whichever font is loaded. Phones
  // get these on their own line.
  if (layout_ != AppLayout::kPhone) {
    ImGui::SameLine(0, 16);
    const ImGuiStyle& st = ImGui::GetStyle();
    auto small = [&](const char* s) { return ImGui::CalcTextSize(s).x + st.FramePadding.x * 2 + st.ItemSpacing.x; };
    const float need = small("EN") + small("KO") + 120 + st.ItemSpacing.x + small(tr("toolbar.more"));
    if (ImGui::GetContentRegionAvail().x < need) ImGui::NewLine();  // narrow window: wrap
  }
  const bool ko = i18n::language() == i18n::Lang::kKo;
  if (theme_choice_button("EN", !ko)) set_language("en");  // the active one shows as chosen, not disabled
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("toolbar.lang_tip"));
  ImGui::SameLine(0, 2);
  if (theme_choice_button("KO", ko)) set_language("ko");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("toolbar.lang_tip"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120);
  if (ImGui::BeginCombo("##lessons", tr("toolbar.lessons_menu"))) {
    const std::vector<Lesson>& ls = all_lessons();
    for (std::size_t i = 0; i < ls.size(); ++i) {
      const std::string item = std::to_string(i + 1) + ". " + tr(lesson_key(ls[i], "title").c_str());
      if (ImGui::Selectable(item.c_str(), lessons_.current() == static_cast<int>(i))) open_lesson(ls[i].id);
    }
    ImGui::EndCombo();
  }
}

void App::draw_figure_items() {
  if (ImGui::MenuItem(lbl("toolbar.save_png", "savepng").c_str())) save_figure(false);
  ImGui::TextDisabled("%s", tr("toolbar.save_png_tip"));
  if (ImGui::MenuItem(lbl("toolbar.save_gif", "savegif").c_str())) save_figure(true);
  ImGui::TextDisabled("%s", tr("toolbar.save_gif_tip"));
#if !defined(__EMSCRIPTEN__)  // the web page saves the canvas itself
  if (ImGui::MenuItem(lbl("toolbar.save_view", "saveview").c_str())) view_requested_ = true;
  ImGui::TextDisabled("%s", tr("toolbar.save_view_tip"));
#endif
}

// The scene title, cut with an ellipsis where the rest of the toolbar
// (whose labels depend on the language) would not fit on the same line.
namespace {
// The titles the app itself writes (the opening scene, image mode) in the
// language shown; a scene's own title (a file, a link) is shown as written.
std::string shown_title(const std::string& title) {
  if (title == kDefaultSceneTitle) return tr("scene.default_title");
  static const char* const kKnown[][2] = {  // the bundled models' titles (models/train/*.json), and the lesson's
      {"A small CNN (digits, trained by ConvScope)", "scene.small_cnn_title"},
      {"The chapter's CNN (digits, trained by ConvScope)", "scene.chapter_cnn_title"},
      {"The chapter's CNN, untrained: train it on the Network tab", "scene.untrained_cnn_title"}};
  for (const auto& k : kKnown)
    if (title == k[0]) return tr(k[1]);
  int filters = 0;
  char again[96];
  if (std::sscanf(title.c_str(), "Your picture through Conv2D(%d,", &filters) == 1 && filters > 0 && filters < 1000) {
    std::snprintf(again, sizeof again, kImageSceneTitle, filters);
    if (title == again) return i18n::trf("scene.image_title", filters);
  }
  if (std::sscanf(title.c_str(), "The sample photo through Conv2D(%d,", &filters) == 1 && filters > 0 && filters < 1000) {
    std::snprintf(again, sizeof again, kSampleSceneTitle, filters);
    if (title == again) return i18n::trf("scene.sample_title", filters);
  }
  return title;
}
}  // namespace

void App::draw_toolbar_title() {
  const std::string title = shown_title(session_.scene().title);
  if (layout_ != AppLayout::kWide) {  // phones, course pages: the toolbar wraps anyway, and so does the title
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", title.c_str());
    ImGui::PopTextWrapPos();
    return;
  }
  const ImGuiStyle& st = ImGui::GetStyle();
  auto button = [&](const char* s) { return ImGui::CalcTextSize(s).x + st.FramePadding.x * 2 + st.ItemSpacing.x; };
  auto small = [&](const char* s) { return ImGui::CalcTextSize(s).x + st.FramePadding.x * 2 + st.ItemSpacing.x; };
  float tail = 20 + button(tr("toolbar.undo")) + button(tr("toolbar.redo")) + button(tr("toolbar.reset")) +
               (read_only_ ? ImGui::CalcTextSize(tr("app.read_only")).x + st.ItemSpacing.x : 0.0f) + 16 + small("EN") +
               small("KO") + 120 + st.ItemSpacing.x + small(tr("toolbar.more")) + 12;
  const float room = std::max(60.0f, ImGui::GetContentRegionAvail().x - tail);
  if (ImGui::CalcTextSize(title.c_str()).x <= room) {
    ImGui::TextDisabled("%s", title.c_str());
    return;
  }
  std::string cut = title;
  while (!cut.empty() && ImGui::CalcTextSize((cut + "\xE2\x80\xA6").c_str()).x > room) {
    cut.pop_back();
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();  // UTF-8
    if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0) cut.pop_back();
  }
  ImGui::TextDisabled("%s\xE2\x80\xA6", cut.c_str());  // U+2026
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", title.c_str());
}

// While a lesson is open, its task stays in view above every tab, so the
// student can work in the Walk tab and see the tick appear.
void App::draw_lesson_strip() {
  if (requested_tab_ >= 0) open_lessons_tab_ = false;  // a link's explicit tab wins
  const int i = lessons_.current();
  if (i < 0) return;
  const Lesson& l = all_lessons()[static_cast<std::size_t>(i)];
  const bool done = lessons_.task_done(i);
  ImGui::PushStyleColor(ImGuiCol_Text, done ? IM_COL32(20, 120, 60, 255) : IM_COL32(40, 60, 110, 255));
  if (done) {  // the tick first, where it is seen however the text wraps
    theme_check_mark();
    ImGui::SameLine(0, 4);
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::Text("%s %d/%d \xC2\xB7 %s: %s", tr("lessons.try"), i + 1, static_cast<int>(all_lessons().size()),
              tr(lesson_key(l, "title").c_str()), tr(lesson_key(l, "task").c_str()));
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void App::draw_lessons_tab(float width) {
  const LessonAction a = draw_lesson_panel(lessons_, width);
  if (a.open >= 0) open_lesson(all_lessons()[static_cast<std::size_t>(a.open)].id);
  if (a.list) lessons_.close(), autoplay_pending_ = false;
  if (a.reload && lessons_.current() >= 0) open_lesson(all_lessons()[static_cast<std::size_t>(lessons_.current())].id);
  if (a.answer_choice >= 0 && lessons_.current() >= 0) {
    lessons_.answer_question(lessons_.current(), a.answer_choice);
    progress_changed();
  }
}

void App::draw_exercises_tab(float width) {
  const ExerciseAction a = draw_exercise_panel(exercises_, &exercise_ui_, width);
  if (a.submit) exercises_.submit(a.answer);
  if (a.next) exercises_.next();
  if (a.set_seed) set_exercise_seed(a.seed);
  if (a.open_walk) {
    session_.load_json(scene_to_json(exercises_.current().scene));
    if (exercises_.current().kind == ExerciseKind::kOutputValue || exercises_.current().kind == ExerciseKind::kMaxPool) {
      const Geometry2D* g = session_.geometry();
      if (g) session_.set_step(exercises_.current().y * g->out_w + exercises_.current().x);
    }
    requested_tab_ = 0;  // the Walk tab (Shareable state's tab request)
  }
}

void App::update_teaching() {
  if (lessons_.update(session_, train_run_.view())) progress_changed();
}

}  // namespace cs
