// app.h - the application: a Session (the state) and the ImGui views over
// it, laid out for a laptop or a phone. Knows nothing of SDL, GL contexts
// or the browser: the platform layer calls frame() once per frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "data/load.h"
#include "model/exercises.h"
#include "model/lessons.h"
#include "model/training_run.h"
#include "model/session.h"
#include "model/url_state.h"
#include "ui/exercise_panel.h"
#include "ui/grid_view.h"
#include "ui/walk/motion.h"
#include "ui/image_panel.h"
#include "ui/network_panel.h"
#include "ui/oned_panel.h"
#include "ui/scene_panel.h"

namespace cs {

// The layout for a container this wide (CSS px: the canvas, which is the
// iframe on a course page, not the browser window): a phone's one column;
// a compact one for course-page columns and small laptops (600-1100 px:
// no side panel, the input and layers fold into a header above the tabs,
// so the grids get the width their numbers need); the laptop's side panel.
enum class AppLayout { kPhone, kCompact, kWide };
AppLayout layout_for_width(float width);

class App {
 public:
  App() { network_ui_.train.run = &train_run_; }
  App(const App&) = delete;
  App& operator=(const App&) = delete;
  void init() {}
  // Builds this frame's UI (between ImGui::NewFrame and ImGui::Render).
  void frame(float dt);
  // Opens a scene file (desktop --scene, dropped files). Errors are shown.
  void open_file(const char* path);
  bool load_scene_json(const std::string& json);
  // A picture (desktop path / drop, or RGBA pixels decoded by the browser).
  void load_image(const Image& img);
  void set_file_picker(void (*open_picker)()) { image_ui_.open_picker = open_picker; }
  // [SECTION] Camera (image mode; the web build)
  // The platform's camera (web: getUserMedia, asked when Camera is
  // pressed); without it image mode says the camera is a web feature.
  void set_camera(void (*start)(), void (*hold)(bool held), void (*stop)()) {
    image_ui_.camera.start = start;
    image_ui_.camera.hold = hold;
    image_ui_.camera.stop = stop;
    network_ui_.camera = &image_ui_.camera;  // one camera: image mode's and the Network tab's
  }
  // A camera frame (RGBA, t_ms on the page's clock) through image mode.
  void camera_frame(const std::uint8_t* rgba, int w, int h, double t_ms);
  void camera_failed(CameraFeed::Failure f, const std::string& detail) { image_ui_.camera.failed(f, detail); }
  const CameraFeed& camera() const { return image_ui_.camera; }
  // Where the camera buttons of the tab shown were drawn (browser tests).
  const float (*camera_buttons() const)[4] { return tab_ == 7 ? network_ui_.camera_buttons : image_ui_.camera_buttons; }
  const ImagePanelState& image_view() const { return image_ui_; }  // tests: where its buttons are
  // [SECTION] Models (the Network tab)
  // Model files (.keras, .h5, model.json) are read outside the app (the
  // desktop links src/modelio; the web reads them in a Worker): the
  // platform turns one into a scene document, or says what was wrong.
  using ModelReader = bool (*)(const char* path, std::string* scene_json, std::string* error);
  void set_model_reader(ModelReader r) { model_reader_ = r; }
  // A model as a scene document (what the reader or the web Worker made):
  // loaded, and the Network tab opens on it.
  bool load_model_scene(const std::string& json, const std::string& name);
  // Buttons of the Network tab: the platform's file picker for models,
  // and the bundled models (model/bundled_models.h).
  void set_model_buttons(void (*open_model)(), void (*open_bundled)(int which)) {
    network_ui_.open_model = open_model;
    network_ui_.open_bundled = open_bundled;
  }
  // Class names from a sidecar labels.txt / labels.json (model/class_names.h)
  // for the model shown: they become the Network tab's typed names (still
  // editable). A wrong count or an unreadable file: a notice naming it.
  bool load_class_names(const std::string& name, std::string_view bytes);
  // Export (the Network tab's Save .keras / Save model.json): the platform
  // writes the model shown, as the scene JSON handed over, as model files
  // (desktop: src/modelio, files in the working directory; web: the
  // Worker, then downloads) and reports back through model_exported.
  enum ModelExport : int { kExportKeras = 1, kExportTfjs = 2 };
  using ModelWriter = void (*)(const std::string& scene_json, int format);  // ModelExport
  void set_model_writer(ModelWriter w) {
    model_writer_ = w;
    network_ui_.can_export = w != nullptr;
  }
  // The Save buttons' request (also the tests' way in): nothing without a
  // writer or a model; a notice says so.
  void export_model(int format);
  // The files written ("model.json, group1-shard1of1.bin", n bytes in
  // all), or why none were; shown as a notice.
  void model_exported(const std::string& names, std::size_t bytes);
  void model_export_failed(const std::string& why);
  // [SECTION] Training (the Network tab's Train part, ui/train_panel.h)
  // The platform loads the digits when the student first presses Train:
  // `request` starts it (web: a fetch with progress), then it reports
  // progress and hands over the sets, or says what went wrong.
  // `open_data` (web: a file picker; null on the desktop, where files are
  // dropped) lets the student train on their own data instead.
  void set_data_request(void (*request)(), void (*open_data)() = nullptr) {
    network_ui_.train.request_data = request;
    network_ui_.train.open_data = open_data;
  }
  void set_data_progress(float share) { network_ui_.train.data_progress = share; }
  // `name`: what the panel calls the data ("" the bundled digits).
  void set_training_data(Dataset train, Dataset validation, const std::string& name = "");
  // The student's own data: a path (desktop: a dropped folder, idx file or
  // .zip; false when the path is not data) or files as bytes, one call each
  // (the web page), read when the last arrives. Errors are shown.
  bool open_training_data(const std::string& path);
  void training_data_file(std::string name, std::vector<std::uint8_t> bytes, bool last);
  void data_failed(const std::string& message);
  const TrainingRun& training() const { return train_run_; }
  // Without a training thread (the page) training runs between frames:
  // while this is true the platform calls background_work in short tasks;
  // it returns whether work is left.
  bool wants_background_work() const {
    return !train_run_.threaded() && train_run_.state() == TrainState::kRunning;
  }
  bool background_work(double seconds);
  void show_notice(const std::string& text) { notice_ = text; }
  const std::string& notice() const { return notice_; }
  // The notice reports a failure (drawn red), not a saved file (green).
  bool notice_is_error() const { return !notice_.empty() && notice_ != info_notice_; }
  // The Network tab's pad on screen this frame (tests; pad_size 0: not shown).
  const NetworkPanelState& network_view() const { return network_ui_; }
  // GL objects are gone (WebGL context lost): forget them, remake lazily.
  void drop_gl_objects() {
    image_ui_.drop_gl_objects();
    network_ui_.drop_gl_objects();
  }
  // Two fingers on a touch screen, before each frame (platform/touch.cpp):
  // the grid or picture under them zooms and pans (ui/grid_view.h).
  void set_pinch(const GridPinch& pinch) { grid_set_pinch(pinch); }
  // True while something moves (autoplay), or for the frame after a command
  // changed the run (the frame that built the UI still showed the old one):
  // the platform keeps drawing.
  bool animating() const {
    return session_.playing() || run_changed_ || train_run_.state() == TrainState::kRunning ||
           network_ui_.train.start_when_loaded || train_run_.newer_than(train_weights_revision_) ||
           walk_motion_active();  // the Walk's glide (ui/walk/motion.h)
  }

  const Session& session() const { return session_; }
  Session& session() { return session_; }

  // [SECTION] Teaching: lessons, exercises, language, figures, accessibility
  // Opens lesson `id` (dense-vs-conv, filter, feature-maps, conv2d-line,
  // padding, stride, pooling, channels): loads its scene, shows its panel.
  // False (and nothing changes) for an unknown id.
  bool open_lesson(std::string_view id);
  const LessonTrack& lessons() const { return lessons_; }
  // Progress as a short string ("padding:tq,stride:t"): the web layer keeps
  // it in localStorage; natively it is saved under ~/.config/convscope.
  // The first visit's "Start the first lesson", once taken or dismissed, is
  // remembered there too ("start:seen", an item LessonTrack skips).
  std::string progress_string() const {
    const std::string p = lessons_.progress_string();
    return start_seen_ ? p + (p.empty() ? "" : ",") + kStartSeen : p;
  }
  void set_progress_string(std::string_view text) {
    lessons_.load_progress(text);
    start_seen_ = text.find(kStartSeen) != std::string_view::npos;
  }
  // The first screen's call to action is shown (a first visit, no lesson yet).
  bool start_offered() const {
    return !start_seen_ && !start_offer_hidden_ && !minimal_ && !read_only_ && lessons_.current() < 0;
  }
  // Called after progress changes (web: persist it). Native default: a file.
  void set_progress_sink(void (*sink)(const char* progress)) { progress_sink_ = sink; }
  void load_native_progress();
  // The exercise set: the same seed gives every student the same problems.
  void set_exercise_seed(std::uint32_t seed);
  std::uint32_t exercise_seed() const { return exercises_.seed(); }
  // Current language (cs::i18n); the Korean glyphs load on first use.
  void set_language(std::string_view code);
  // True once the font atlas must be rebuilt (language changed to Korean);
  // the platform calls theme_apply() again and clears it.
  bool font_dirty() const { return font_dirty_; }
  void clear_font_dirty() { font_dirty_ = false; }
  // The current step's arithmetic in words (for an aria-live region).
  std::string step_description() const;
  // prefers-reduced-motion: lessons never start the walk playing, and a
  // walk already playing stops (Play still works when pressed).
  void set_reduced_motion(bool on) {
    reduced_motion_ = on;
    if (on) session_.set_playing(false), autoplay_pending_ = false;
  }
  // A lesson about movement waits for the Walk tab to start playing.
  bool autoplay_pending() const { return autoplay_pending_; }
  bool reduced_motion() const { return reduced_motion_; }
  // Figures of the walked layer, drawn without the GPU (core/figure.h):
  // the current step as PNG, the whole stride walk as an animated GIF.
  std::vector<std::uint8_t> figure_png() const;
  std::vector<std::uint8_t> figure_gif() const;
  // Where Save PNG / Save GIF send the bytes (web: a download). Native
  // default: a file in the working directory, named in a notice.
  using FigureSink = void (*)(const char* filename, const std::uint8_t* bytes, std::size_t size);
  void set_figure_sink(FigureSink sink) { figure_sink_ = sink; }
  // "Save view": the whole window as drawn, which only the platform can
  // read back (GL). The toolbar asks; after rendering, the platform takes
  // the request, saves the PNG to `filename` and reports back.
  bool take_view_request(std::string* filename);
  void view_saved(const std::string& filename, bool ok);

  // [SECTION] Shareable state: links, embeds, the JS API
  // Implemented in app_share.cpp. The state a link carries: scene, tab,
  // walked layer, step, filter, language, lesson (model/url_state.h).
  // with_scene=false leaves the scene out (cheap; used to detect changes).
  UrlState shareable_state(bool with_scene = true) const;
  // Checks everything first (the scene parses; layer, filter and step exist
  // in it; the lesson is known) on a copy, then applies all of it; on any
  // error nothing changes and the Error says what was wrong. allow_undo
  // (the JS API's setState(state, {allowUndo: true})): the new scene is an
  // undoable edit instead of a fresh start with an empty history.
  Result<bool> apply_shareable_state(const UrlState& s, bool allow_undo = false);
  // A figure of the walked layer for the JS API (exportFigure): the bytes,
  // or why there is none (the scene's error, no layer, too large).
  Result<std::vector<std::uint8_t>> figure(bool gif) const;
  // Embeds: read_only hides editing (scene panel, undo); minimal hides the
  // side panel and the share buttons.
  void set_presentation(bool read_only, bool minimal) { read_only_ = read_only; minimal_ = minimal; }
  bool read_only() const { return read_only_; }
  bool minimal() const { return minimal_; }
  // "Copy link" / "Copy embed code": the platform turns the fragment into
  // a URL or an <iframe> snippet (kind 0 = link, 1 = embed code).
  void set_share_sink(void (*sink)(int kind, const char* fragment)) { share_sink_ = sink; }

 private:
  void draw_toolbar(CommandQueue& q);
  void draw_timeline(CommandQueue& q);
  void draw_timeline_row(CommandQueue& q, bool show);
  float timeline_h_ = 0.0f;  // the timeline row as last drawn
  void handle_shortcuts(CommandQueue& q);

  Session session_;
  ScenePanelState scene_ui_;
  OneDPanelState oned_ui_;
  ImagePanelState image_ui_;
  bool open_image_tab_ = false;
  NetworkPanelState network_ui_;
  bool open_network_tab_ = false;
  bool run_changed_ = false;  // the last frame's commands changed the session's run
  // Training: the desktop trains on a thread, the page between its frames.
  TrainingRun train_run_{kHasThreads};
  std::uint64_t train_weights_revision_ = 0;
  bool train_live_ = false;      // this run's undo entry is recorded
  void update_training();
  void export_training(int what);  // TrainPanelState::export_request
  ModelReader model_reader_ = nullptr;
  ModelWriter model_writer_ = nullptr;
  bool is_model_path(const std::string& path) const;
  void use_data_split(Result<DataSplit> d, const std::string& name);
  std::vector<DataFile> data_files_;  // of the page, until the last one arrives
  void open_sidecar_class_names(const std::string& model_path);
  std::string notice_;       // last message (an error, or what was saved), shown until dismissed
  std::string info_notice_;  // notice_ when it reports success: drawn calm, not red
  ImVec2 notice_pos_{};      // under the toolbar, where the notice floats over the page
  void inform(std::string text) { notice_ = std::move(text); info_notice_ = notice_; }
  void draw_notice();

  // Teaching state (see the Teaching section above; app_teach.cpp).
  void draw_teaching_toolbar();
  void draw_lesson_strip();  // the open lesson's task, above the tabs
  void draw_toolbar_title();
  void draw_lessons_tab(float width);
  void draw_exercises_tab(float width);
  void update_teaching();  // after the frame's commands: lesson tasks
  void save_figure(bool gif);
  void progress_changed();
  static constexpr const char* kStartSeen = "start:seen";
  bool start_seen_ = false;  // the first-visit call to action was taken or dismissed
  bool start_offer_hidden_ = false;  // opened on a shared scene or step: not this visit
  void draw_start_offer();
  LessonTrack lessons_;
  ExerciseSet exercises_;
  ExercisePanelState exercise_ui_;
  bool open_lessons_tab_ = false, open_exercises_tab_ = false;
  bool view_requested_ = false;
  bool reduced_motion_ = false;
  bool autoplay_pending_ = false;  // the open lesson plays once the Walk is seen
  int walk_frames_ = 0;            // frames in a row the Walk tab was shown
  bool font_dirty_ = false;
  void (*progress_sink_)(const char*) = nullptr;
  FigureSink figure_sink_ = nullptr;

  // Shareable state (see the Shareable state section above).
  void draw_share_items();  // Copy link, Copy embed code (the toolbar's menu)
  void draw_figure_items();  // Save PNG / GIF / view (the toolbar's menu)
  void draw_tools_menu();    // one toolbar button: share, figures, about
  int tab_flags(int tab);  // selects `tab` once after apply_shareable_state
  void adopt_as_edit(const Session& plan);
  void set_view(int layer, int filter, int step);  // -1: keep
  void sync_image_panel(bool grayscale);
  int tab_ = 0, requested_tab_ = -1;
  AppLayout layout_ = AppLayout::kWide;  // this frame's, from the viewport's width
  std::string lesson_;
  bool read_only_ = false, minimal_ = false;
  void (*share_sink_)(int kind, const char* fragment) = nullptr;
  mutable std::uint64_t share_scene_revision_ = ~std::uint64_t{0};
  mutable std::string share_scene_json_;
  // Scenes too big for a link (image mode): the link names the sample photo
  // and carries the layers; `share_own_picture_` when the picture was not
  // the sample (the link then shows the sample, and the button says so).
  mutable std::string share_image_, share_layers_json_;
  mutable bool share_own_picture_ = false;
};

}  // namespace cs
