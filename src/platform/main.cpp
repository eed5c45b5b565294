// main.cpp - the platform layer: SDL2 window, GL context, ImGui backends and
// the one main-loop body frame(), driven by a native loop or by
// emscripten_set_main_loop_arg. Parses the desktop command line. frame()
// draws only while something changes (idle means idle), survives a lost
// WebGL context, and reports the shareable state to the page.
#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/json.h"
#include "data/readers.h"
#include "core/png_writer.h"
#include "i18n/error_text.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl2.h"
#include "imgui_internal.h"  // which windows were drawn (tests)
#include "kernels/kernels.h"
#include "model/image.h"
#include "model/share_state.h"
#include "model/url_state.h"
#include "platform/desktop_models.h"
#include "platform/touch.h"
#include "platform/webapi.h"
#include "render/gl.h"
#include "ui/grid_view.h"
#include "ui/theme.h"

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#endif

namespace {

struct Options {
  std::string screenshot;  // --screenshot FILE.png: render, save, exit
  std::string scene;       // --scene FILE.json, --image PICTURE or --model MODEL
  std::string state;       // --state "lesson=padding&lang=ko": a link's fragment (screenshots of a lesson, a language)
  int width = 1280, height = 800;
};

struct Platform {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  Options options;
  cs::App app;
  int frame_count = 0;
  float dpr = 1.0f;  // drawable pixels per window unit (high-DPI screens)
  bool quit = false;
  int exit_code = 0;
  // Idle means idle: frames are drawn only while something happens (input,
  // a resize, a page call, autoplay, text entry) and for a short tail after
  // it, so ImGui's hover delays and fades finish.
  double active_until = 0.0;  // seconds (SDL_GetTicks)
  bool wake = true;
  bool page_wake = false;     // the page changed something (file, link, API): a longer tail
  bool idle = false;          // the last frame() drew nothing
  std::string announced;      // last step description sent to the aria-live region
  bool context_lost = false, context_restored = false;
  std::string last_state_key;  // the shareable state last reported
  bool text_input = false;     // ImGui wanted text last frame (phones: on-screen keyboard)
  cs::TouchState touch;
  std::string summary, summary_key;  // report_frame
  std::string probabilities = "[]";  // report_frame: the model's output as JSON
  bool background = false;           // the page runs App::background_work between frames
  double frame_ms = 0.0;             // the last drawn frame's own time (UI, GL calls, swap)
  double next_frame_at = 0.0;        // seconds (SDL_GetTicks): the next frame while training, without input
};

Platform* g_platform = nullptr;

void usage() {
  std::printf(
      "usage: convscope [--scene FILE.json | --image PICTURE | --model MODEL] [--screenshot FILE.png] "
      "[--size WxH] [--state FRAGMENT]\n"
      "  --state takes a link's fragment, e.g. \"lesson=padding&lang=ko\".\n"
      "  A picture (PNG, JPEG, BMP, GIF) opens image mode; a model (.keras, .h5, TensorFlow.js\n"
      "  model.json with its shards) opens the Network tab; files can also be dropped on the window.\n");
}

bool parse_args(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--screenshot" && has_value) {
      o->screenshot = argv[++i];
    } else if ((a == "--scene" || a == "--image" || a == "--model") && has_value) {
      o->scene = argv[++i];
    } else if (a == "--state" && has_value) {
      o->state = argv[++i];
    } else if (a == "--size" && has_value) {
      if (std::sscanf(argv[++i], "%dx%d", &o->width, &o->height) != 2 ||
          o->width < 200 || o->height < 200 || o->width > 8192 ||
          o->height > 8192) {
        std::fprintf(stderr, "error: --size wants WxH between 200x200 and 8192x8192, got '%s'\n", argv[i]);
        return false;
      }
    } else if (a == "--help" || a == "-h") {
      usage();
      std::exit(0);
    } else {
      std::fprintf(stderr, "error: unknown or incomplete argument '%s'\n", a.c_str());
      usage();
      return false;
    }
  }
  return true;
}

bool save_screenshot(SDL_Window* window, const std::string& path) {
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(window, &w, &h);
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(w) * h * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  std::vector<std::uint8_t> flipped(pixels.size());
  const std::size_t row = static_cast<std::size_t>(w) * 4;
  for (int y = 0; y < h; ++y) {
    std::memcpy(&flipped[row * static_cast<std::size_t>(y)],
                &pixels[row * static_cast<std::size_t>(h - 1 - y)], row);
  }
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  std::string error;
  if (!cs::write_png_file(path, flipped.data(), w, h, &error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return false;
  }
  std::printf("screenshot: %s (%dx%d)\n", path.c_str(), w, h);
  return true;
}

constexpr float kFontPx = 15.0f;

float display_scale(SDL_Window* w) {
  int ww = 0, wh = 0, dw = 0, dh = 0;
  SDL_GetWindowSize(w, &ww, &wh);
  SDL_GL_GetDrawableSize(w, &dw, &dh);
  return ww > 0 ? static_cast<float>(dw) / static_cast<float>(ww) : 1.0f;
}

// Follows the canvas' CSS size on the web (the page decides the layout).
void sync_canvas_size(Platform* p) {
  int w = 0, h = 0;
  float dpr = 1;
  if (!cs::webapi::canvas_css_size(&w, &h, &dpr) || w <= 0 || h <= 0) return;
  int cur_w = 0, cur_h = 0;
  SDL_GetWindowSize(p->window, &cur_w, &cur_h);
  if (cur_w != w || cur_h != h) SDL_SetWindowSize(p->window, w, h);
}

// Files and clipboard through the browser (no-ops natively).
void install_web_handlers() {
  if (!cs::webapi::has_file_picker()) return;
  cs::webapi::Handlers h;
  h.rgba = [](const unsigned char* rgba, int w, int h2, const char*) {
    g_platform->app.load_image(cs::image_from_rgba(rgba, w, h2));
  };
  h.scene_json = [](const char* json, const char* name) {
    if (!g_platform->app.load_scene_json(json)) {
      g_platform->app.show_notice(  // in the language shown, as App::open_file says it
          std::string(name) + ": " +
          cs::i18n::trf("app.scene_not_loaded",
                        cs::i18n::error_line(g_platform->app.session().load_error_detail()).c_str()));
    }
  };
  h.model_json = [](const char* json, const char* name) { g_platform->app.load_model_scene(json, name); };
  h.error = [](const char* message) { g_platform->app.show_notice(message); };
  h.class_names = [](const char* text, const char* name) { g_platform->app.load_class_names(name, text); };
  h.model_exported = [](const char* names, std::size_t bytes) { g_platform->app.model_exported(names, bytes); };
  h.model_export_failed = [](const char* why) { g_platform->app.model_export_failed(why); };
  h.bench_recompute = [](int n) { return g_platform->app.session().bench_recompute(n); };
  h.digits_progress = [](float share) { g_platform->app.set_data_progress(share); };
  h.digits = [](const unsigned char* bytes, int size) {
    cs::Result<cs::Dataset> all = cs::read_digits_asset(bytes, static_cast<std::size_t>(size));
    if (!all) return g_platform->app.data_failed(cs::i18n::error_line(all.error()));
    cs::DataSplit d = cs::split_dataset(*all, cs::kDigitsValidation, cs::kDigitsSplitSeed);
    g_platform->app.set_training_data(std::move(d.train), std::move(d.validation));
  };
  h.digits_error = [](const char* message) { g_platform->app.data_failed(message); };
  h.data_file = [](const char* name, const unsigned char* bytes, int size, bool last) {
    g_platform->app.training_data_file(name, std::vector<std::uint8_t>(bytes, bytes + size), last);
  };
  h.background = [](double seconds) { return g_platform->app.background_work(seconds); };
  h.camera_frame = [](const unsigned char* rgba, int w, int h2, double t_ms) {
    g_platform->app.camera_frame(rgba, w, h2, t_ms);
  };
  h.camera_error = [](int kind, const char* detail) {
    static const cs::CameraFeed::Failure kKinds[] = {cs::CameraFeed::Failure::kRefused,
                                                     cs::CameraFeed::Failure::kMissing, cs::CameraFeed::Failure::kOther};
    g_platform->app.camera_failed(kKinds[std::clamp(kind, 0, 2)], detail);
  };
  cs::webapi::set_handlers(h);
  g_platform->app.set_file_picker(&cs::webapi::open_file_picker);
  g_platform->app.set_model_buttons(&cs::webapi::open_file_picker, &cs::webapi::open_bundled_model);
  g_platform->app.set_model_writer(&cs::webapi::export_model);
  g_platform->app.set_data_request(&cs::webapi::fetch_digits, &cs::webapi::open_data_picker);
  if (cs::webapi::has_camera())
    g_platform->app.set_camera(&cs::webapi::camera_start, &cs::webapi::camera_hold, &cs::webapi::camera_stop);
  ImGui::GetIO().SetClipboardTextFn = [](void*, const char* text) { cs::webapi::copy_to_clipboard(text); };
  // Teaching hooks: reduced motion, lesson progress in
  // localStorage, figures as downloads.
  g_platform->app.set_reduced_motion(cs::webapi::prefers_reduced_motion());
  const std::string progress = cs::webapi::load_progress();
  if (!progress.empty()) g_platform->app.set_progress_string(progress);
  g_platform->app.set_progress_sink(&cs::webapi::save_progress);
  g_platform->app.set_figure_sink(&cs::webapi::download);
}

// What tests read after each frame (window.__convscope): the scene's
// shape, the walked layer, the model's answer, a notice; the pad and the
// Train button on screen and the training's progress. Strings are remade
// only when what they say changed.
std::string train_json(const cs::App& app, const cs::TrainPanelState& t, double frame_ms) {
  static const char* const kStates[] = {"idle", "running", "paused", "done", "stopped"};
  const cs::TrainView v = app.training().view();
  char head[512];
  std::snprintf(head, sizeof head,
                "{\"button\": [%.1f, %.1f, %.1f, %.1f], \"state\": \"%s\", \"loading\": %.3f, \"epoch\": %d, "
                "\"batch\": %d, \"batches\": %d, \"examples\": %lld, \"eps\": %.1f, \"points\": %zu, "
                "\"mistakes\": %zu, \"frame_ms\": %.2f, \"val_accuracy\": [",
                t.button_x, t.button_y, t.button_w, t.button_h, kStates[static_cast<int>(v.state)],
                static_cast<double>(t.data_progress), v.epoch, v.batch, v.batches,
                static_cast<long long>(v.examples_seen), v.examples_per_second, v.batches_seen.size(),
                v.detail.mistakes.size(), frame_ms);
  std::string json = head;
  for (std::size_t i = 0; i < v.history.val_accuracy.size(); ++i)
    json += (i ? ", " : "") + std::to_string(v.history.val_accuracy[i]);
  json += "], \"data\": ";
  cs::append_json_string(json, t.data_name);
  json += ", \"train_n\": " + std::to_string(t.train_size) + ", \"val_n\": " + std::to_string(t.validation_size) +
          ", \"error\": ";
  cs::append_json_string(json, t.data_error);
  return json + "}";
}

// The model's last output in full (9 digits: float32 exactly), so a test
// can compare the answers of a model and of its exported copy.
std::string probabilities_json(const std::vector<float>& probs) {
  std::string json = "[";
  char num[32];
  for (std::size_t i = 0; i < probs.size(); ++i) {
    std::snprintf(num, sizeof num, "%s%.9g", i ? ", " : "", static_cast<double>(probs[i]));
    json += std::isfinite(probs[i]) ? num : (i ? ", null" : "null");
  }
  return json + "]";
}

// The camera's mode and figures; `maps` sums a sample of the first layer's
// output, so a test sees the feature maps change from frame to frame.
std::string camera_json(const cs::App& app) {
  static const char* const kModes[] = {"off", "asking", "live", "frozen"};
  static const char* const kFailures[] = {"", "refused", "missing", "other"};
  const cs::CameraFeed& c = app.camera();
  const cs::Session& s = app.session();
  const float(*b)[4] = app.camera_buttons();
  double maps = 0.0;
  if (s.valid() && !s.run().outputs.empty()) {
    const std::vector<float>& d = s.run().outputs[0].data;
    for (std::size_t i = 0; i < d.size(); i += 61) maps += static_cast<double>(d[i]);
  }
  if (!std::isfinite(maps)) maps = 0.0;  // JSON has no NaN (a scene whose maps overflow)
  char json[768];
  int n = std::snprintf(json, sizeof json,
                        "{\"mode\": \"%s\", \"failure\": \"%s\", \"w\": %d, \"h\": %d, \"frames\": %lld, "
                        "\"fps\": %.2f, \"engineMs\": %.3f, \"frameMs\": %.3f, \"maps\": %.6g, \"input\": \"%dx%dx%d\"",
                        kModes[static_cast<int>(c.mode)], kFailures[static_cast<int>(c.failure)], c.width, c.height,
                        c.frames, c.fps, c.engine_ms, c.frame_ms, maps, s.scene().input.shape.h,
                        s.scene().input.shape.w, s.scene().input.shape.c);
  static const char* const kButtons[] = {"start", "freeze", "stop"};
  for (int i = 0; i < 3; ++i)
    n += std::snprintf(json + n, sizeof json - static_cast<std::size_t>(n), ", \"%s\": [%.1f, %.1f, %.1f, %.1f]",
                       kButtons[i], static_cast<double>(b[i][0]), static_cast<double>(b[i][1]),
                       static_cast<double>(b[i][2]), static_cast<double>(b[i][3]));
  return std::string(json) + "}";
}

bool tooltip_shown();

void report_frame(Platform* p) {
  const cs::Session& s = p->app.session();
  const bool tooltip = tooltip_shown();
  const std::string key = std::to_string(s.revision()) + "|" + std::to_string(s.layer()) + "|" +
                          (tooltip ? "t|" : "|") + p->app.notice();
  if (key != p->summary_key) {
    p->summary_key = key;
    const cs::TensorShape& in = s.scene().input.shape;
    p->summary = std::to_string(in.h) + "x" + std::to_string(in.w) + "x" + std::to_string(in.c) + ", " +
                 std::to_string(s.scene().layers.size()) + " layers";
    const cs::Tensor* out = s.walk_output();
    if (out)
      p->summary += ", walked layer -> " + std::to_string(out->shape.h) + "x" + std::to_string(out->shape.w) + "x" +
                    std::to_string(out->shape.c);
    const cs::SceneRun& run = s.run();
    if (s.valid() && !run.outputs.empty() && run.outputs.back().shape.flat) {
      const std::vector<float>& probs = run.outputs.back().data;
      p->summary += ", class " + std::to_string(std::max_element(probs.begin(), probs.end()) - probs.begin());
      p->probabilities = probabilities_json(probs);
    } else {
      p->probabilities = "[]";
    }
    if (tooltip) p->summary += ", tooltip";  // tests: none stays after a tap
    if (!p->app.notice().empty()) p->summary += ", notice: " + p->app.notice();
  }
  const cs::NetworkPanelState& net = p->app.network_view();
  cs::webapi::pad_drawn(net.pad_x, net.pad_y, net.pad_size);
  if (cs::webapi::has_file_picker()) cs::webapi::train_drawn(train_json(p->app, net.train, p->frame_ms).c_str());
  if (cs::webapi::has_camera()) cs::webapi::camera_drawn(camera_json(p->app).c_str());
  cs::webapi::frame_drawn(p->frame_count, cs::kernels_isa_name(), p->summary.c_str(), s.last_run_ms());
  if (cs::webapi::has_file_picker()) cs::webapi::probabilities_drawn(p->probabilities.c_str());
}

// Screen readers hear the current step's arithmetic in words when it
// changes (not while the walk plays: that would be a stream of speech).
void announce_step(Platform* p) {
  if (p->app.animating() || p->app.camera().running()) return;
  std::string text = p->app.step_description();
  if (text == p->announced) return;
  p->announced = std::move(text);
  cs::webapi::announce(p->announced.c_str());
}

// Tells the page when the shareable state changed (not while the walk
// plays, nor for each camera frame: that would be ten links a second). The
// scene JSON is encoded only when the cheap key (view + scene revision) moved.
void report_state(Platform* p) {
  if (p->app.animating() || p->app.camera().running()) return;
  const std::string key = cs::encode_url_state(p->app.shareable_state(false)) + "&rev=" +
                          std::to_string(p->app.session().revision());
  if (key == p->last_state_key) return;
  p->last_state_key = key;
  cs::webapi::state_changed(cs::encode_url_state(p->app.shareable_state()).c_str());
}

// An Error as the page hands it to the host: {"code", "where", "message"};
// `code` is the engine's own when it has one, else `kind`.
const char* error_json(const cs::Error& e, const char* kind) {
  static std::string json;
  json = "{\"code\": ";
  cs::append_json_string(json, e.code.empty() ? kind : e.code);
  json += ", \"where\": ";
  cs::append_json_string(json, e.where);
  json += ", \"message\": ";
  cs::append_json_string(json, e.message);
  json += "}";
  return json.c_str();
}

const char* apply_page_state(const char* text, bool message, bool allow_undo) {
  cs::Result<cs::UrlState> s = message ? cs::url_state_from_message(text) : cs::decode_url_state(text);
  if (!s) return error_json(s.error(), "malformed_state");
  cs::Result<bool> applied = g_platform->app.apply_shareable_state(*s, allow_undo);
  if (!applied) return error_json(applied.error(), "not_applied");
  report_state(g_platform);  // the page learns the new state before the call returns
  return "";
}

// Links, embeds, the JS API and the WebGL lifecycle (no-ops natively).
void install_page_hooks() {
  cs::webapi::PageHooks h;
  h.apply_state = &apply_page_state;
  h.export_model = [](int format) { g_platform->app.export_model(format); };
  h.edit = [](int which) {
    cs::Session& s = g_platform->app.session();
    if (which == 0) s.undo();
    if (which == 1) s.redo();
    if (which == 2) s.reset();
    report_state(g_platform);
  };
  h.figure = [](bool gif, std::vector<std::uint8_t>* bytes) -> const char* {
    cs::Result<std::vector<std::uint8_t>> f = g_platform->app.figure(gif);
    if (!f) return error_json(f.error(), "no_figure");
    *bytes = std::move(*f);
    return "";
  };
  h.set_presentation = [](bool read_only, bool minimal) { g_platform->app.set_presentation(read_only, minimal); };
  h.state = [] {
    static std::string fragment;
    fragment = cs::encode_url_state(g_platform->app.shareable_state());
    return fragment.c_str();
  };
  h.wake = [] {
    g_platform->wake = true;
    g_platform->page_wake = true;
  };
  h.context_lost = [] { g_platform->context_lost = true; };
  h.text = [](const char* utf8) { ImGui::GetIO().AddInputCharactersUTF8(utf8); };
  h.key = [](int key) {
    const ImGuiKey k = key == 0 ? ImGuiKey_Backspace : key == 1 ? ImGuiKey_Enter : ImGuiKey_Escape;
    ImGui::GetIO().AddKeyEvent(k, true);
    ImGui::GetIO().AddKeyEvent(k, false);
  };
  h.context_restored = [] {
    g_platform->context_lost = false;
    g_platform->context_restored = true;
  };
  cs::webapi::install_page(h);
  g_platform->app.set_share_sink(&cs::webapi::share);
}

// The zoomable grids of this frame, for tests (globalThis.__convscope.grids).
void report_grids() {
  std::string json = "[";
  char buf[320];
  for (const cs::GridTrace& g : cs::grid_frame_trace()) {
    std::snprintf(buf, sizeof buf, "%s{\"name\":\"%s\",\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,"
                  "\"zoom\":%.4f,\"panX\":%.1f,\"panY\":%.1f,\"cell\":%.1f,\"numbers\":%s,\"visibleW\":%.1f}",
                  json.size() > 1 ? "," : "",
                  g.name.c_str(), static_cast<double>(g.min.x), static_cast<double>(g.min.y),
                  static_cast<double>(g.max.x - g.min.x), static_cast<double>(g.max.y - g.min.y),
                  static_cast<double>(g.zoom.scale), static_cast<double>(g.zoom.pan.x),
                  static_cast<double>(g.zoom.pan.y), static_cast<double>(g.cell), g.numbers ? "true" : "false",
                  static_cast<double>(g.visible_w));
    json += buf;
  }
  json += "]";
  static std::string last;  // the page parses it only when a box, zoom or pan moved
  if (json == last) return;
  last = json;
  cs::webapi::grids_drawn(json.c_str());
}

// A tooltip was drawn this frame.
bool tooltip_shown() {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  for (const ImGuiWindow* w : g.Windows)
    if (w->Active && (w->Flags & ImGuiWindowFlags_Tooltip)) return true;
  return false;
}

// The one main-loop body.
void frame(void* arg) {
  Platform* p = static_cast<Platform*>(arg);
  p->idle = true;
  if (p->context_lost) return;  // nothing can be drawn until the browser restores it
  if (p->context_restored) {  // every GL object is gone: the backend's and ours
    p->context_restored = false;
    ImGui_ImplOpenGL3_DestroyDeviceObjects();
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    p->app.drop_gl_objects();
    p->wake = true;
  }
  bool active = p->wake;
  p->wake = false;
  if (cs::webapi::take_resized() || active) sync_canvas_size(p);
  SDL_Event e;
  const double polled = SDL_GetTicks() / 1000.0;
  while (SDL_PollEvent(&e)) {
    active = true;
    if (!cs::touch_event(&p->touch, p->window, &e, polled)) ImGui_ImplSDL2_ProcessEvent(&e);
    if (e.type == SDL_QUIT) p->quit = true;
    if (e.type == SDL_DROPFILE) {
      p->app.open_file(e.drop.file);
      SDL_free(e.drop.file);
    }
  }
  const float dpr = display_scale(p->window);
  const bool dpr_changed = dpr != p->dpr && dpr > 0.5f && dpr < 8.0f;  // another screen, or zoomed
  if (dpr_changed || p->app.font_dirty()) {  // font_dirty: the language changed (Korean glyphs)
    if (dpr_changed) p->dpr = dpr;
    p->app.clear_font_dirty();
    cs::theme_apply(kFontPx, p->dpr);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    active = true;
  }
  const double now = SDL_GetTicks() / 1000.0;
  // The tail: ImGui's hover delays and fades after input; after a page call
  // (a picture, a link, the JS API) long enough for slow software GL to
  // draw the new content a few times.
  const double tail = p->page_wake ? 2.0 : 0.75;
  if (active) p->active_until = std::max(p->active_until, now + tail);
  p->page_wake = false;
  const ImGuiIO& io = ImGui::GetIO();
  if (now > p->active_until && !p->app.animating() && !io.WantTextInput && io.MouseDown[0] == false &&
      p->options.screenshot.empty()) {
    return;  // idle: nothing changed since the tail ended
  }
  // While the page trains (between frames), a frame without input waits
  // until training has had 70% of the main thread: on a GPU frames cost a
  // few ms and the page draws 30 a second; where one costs 33 ms (software
  // GL at 1280x800) it draws fewer, and the training keeps its speed.
  if (!active && p->background && now < p->next_frame_at) return;
  p->idle = false;
  const Uint64 drawn_from = SDL_GetPerformanceCounter();
  const double started = SDL_GetTicks() / 1000.0;
  p->app.set_pinch(cs::touch_frame(&p->touch, now));
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  p->app.frame(ImGui::GetIO().DeltaTime);
  ImGui::Render();
  if (cs::webapi::has_file_picker()) announce_step(p);
  if (ImGui::GetIO().WantTextInput != p->text_input) {
    p->text_input = ImGui::GetIO().WantTextInput;
    cs::webapi::set_text_input(p->text_input);
  }
  int fw = 0, fh = 0;
  SDL_GL_GetDrawableSize(p->window, &fw, &fh);
  glViewport(0, 0, fw, fh);
  glClearColor(0.96f, 0.96f, 0.95f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  cs::webapi::frame_rendered();
  ++p->frame_count;
  if (!p->options.screenshot.empty() && p->frame_count == 5) {
    if (!save_screenshot(p->window, p->options.screenshot)) p->exit_code = 1;
    p->quit = true;
  }
  std::string view_png;  // the toolbar's "Save view" (the whole window as drawn)
  if (p->app.take_view_request(&view_png)) p->app.view_saved(view_png, save_screenshot(p->window, view_png));
  SDL_GL_SwapWindow(p->window);
  p->frame_ms = 1000.0 * static_cast<double>(SDL_GetPerformanceCounter() - drawn_from) /
                static_cast<double>(SDL_GetPerformanceFrequency());
  // 30 frames a second (less a quarter of a 60 Hz vsync, so an animation
  // frame that comes a little early is not skipped), and a frame's own time
  // at most 30% of the main thread.
  p->next_frame_at = started + std::max(1.0 / 30.0 - 1.0 / 240.0, p->frame_ms / 1000.0 * 10.0 / 3.0);
  // A frame that took long (a picture decoded, a model run on slow software
  // GL) still gets its whole tail after it: what it changed is drawn.
  if (active) p->active_until = std::max(p->active_until, SDL_GetTicks() / 1000.0 + tail);
  report_frame(p);
  if (cs::webapi::has_file_picker()) report_grids();
  const bool background = p->app.wants_background_work();
  if (background != p->background) cs::webapi::set_background_work(p->background = background);
  report_state(p);
#if defined(__EMSCRIPTEN__)
  if (p->quit) emscripten_cancel_main_loop();
#endif
}

}  // namespace

int main(int argc, char** argv) {
  static Platform p;  // outlives main() under emscripten_set_main_loop_arg
  g_platform = &p;
  if (!parse_args(argc, argv, &p.options)) return 2;
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "error: SDL_Init: %s\n", SDL_GetError());
    return 1;
  }
#if defined(__EMSCRIPTEN__)
  const char* glsl = "#version 300 es";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
#else
  const char* glsl = "#version 330 core";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
#endif
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  const Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  p.window = SDL_CreateWindow("ConvScope", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                              p.options.width, p.options.height, flags);
  if (!p.window) {
    std::fprintf(stderr, "error: SDL_CreateWindow: %s\n", SDL_GetError());
    return 1;
  }
  p.gl = SDL_GL_CreateContext(p.window);
  if (!p.gl) {
    std::fprintf(stderr, "error: no OpenGL 3.3 / WebGL2 context: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(p.window, p.gl);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplSDL2_InitForOpenGL(p.window, p.gl);
  ImGui_ImplOpenGL3_Init(glsl);
  p.dpr = display_scale(p.window);
  cs::theme_apply(kFontPx, p.dpr);
  p.app.init();
  p.app.load_native_progress();  // lessons done (web: the page hands it in)
#if !defined(__EMSCRIPTEN__)
  // The desktop's language (LANG=ko_KR.UTF-8 -> Korean), as the page uses the browser's.
  if (const char* lang = std::getenv("LANG")) p.app.set_language(lang);
#endif
  cs::install_desktop_models(&p.app);
  if (!p.options.scene.empty()) p.app.open_file(p.options.scene.c_str());
  if (!p.options.state.empty()) {
    cs::Result<cs::UrlState> st = cs::decode_url_state(p.options.state);
    cs::Result<bool> applied = st ? p.app.apply_shareable_state(*st) : cs::Result<bool>(st.error());
    if (!applied) std::fprintf(stderr, "error: --state: %s\n", cs::to_string(applied.error()).c_str());
  }
  install_web_handlers();
  install_page_hooks();

#if defined(__EMSCRIPTEN__)
  emscripten_set_main_loop_arg(frame, &p, 0, true);
#else
  while (!p.quit) {
    frame(&p);
    if (p.idle) SDL_WaitEventTimeout(nullptr, 250);  // sleep until input, not spin
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(p.gl);
  SDL_DestroyWindow(p.window);
  SDL_Quit();
#endif
  return p.exit_code;
}
