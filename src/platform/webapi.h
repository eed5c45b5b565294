// webapi.h - every call between C++ and the page's JavaScript, in one place.
// Natively these are no-ops, so the app code never needs an #ifdef.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cs::webapi {

// Size of the canvas element in CSS pixels and the device pixel ratio.
// Natively returns false and leaves the outputs untouched.
bool canvas_css_size(int* w, int* h, float* dpr);
// Tells the page that a frame was drawn (tests wait on window.__convscope):
// frame count, kernel instruction set, the scene's input shape and layer
// count, and the last engine recompute time.
void frame_drawn(int frame_count, const char* isa, const char* scene_summary, double run_ms);
// Tests read how the zoomable grids were drawn (pinch zoom): a
// JSON array of {name, x, y, w, h, zoom, panX, panY} in CSS pixels, kept
// as globalThis.__convscope.grids. Read-only: the app never reads it back.
void grids_drawn(const char* json);
// Where the Network tab's drawing pad is (CSS pixels; size 0: not shown),
// as globalThis.__convscope.pad, for browser tests.
void pad_drawn(float x, float y, float size);
// The Train button (CSS pixels) and the training's progress as JSON, kept
// as globalThis.__convscope.train for browser tests.
void train_drawn(const char* json);
// The model's output (JSON array of numbers), kept as
// globalThis.__convscope.probabilities for browser tests.
void probabilities_drawn(const char* json);
// Copies text to the browser clipboard (navigator.clipboard).
void copy_to_clipboard(const char* text);
// Opens the browser's file picker for a picture or a scene file; the result
// arrives through the handlers below. Natively a no-op (use --scene/drop).
void open_file_picker();
// Whether this build can open a file picker (the web build).
bool has_file_picker();
// Fetches bundled model `which` (model/bundled_models.h) from the page's
// models/ folder; a .keras goes through the model reader (the page's
// Worker). The scene arrives through Handlers::model_json.
void open_bundled_model(int which);

// The Network tab's Export (App::ModelExport format: 1 .keras, 2
// model.json): the Worker writes the scene as model files, the page
// downloads them; the outcome arrives through Handlers::model_exported*.
void export_model(const std::string& scene_json, int format);

// Fetches the training digits (digits.bin beside the page, web/digits.mjs)
// with progress; they arrive through Handlers::digits*.
void fetch_digits();
// Opens a file picker for the student's own training data (idx files, a
// .zip of PNGs per class, a BATCH.json); the files arrive through
// Handlers::data_file, one call each, the last one marked.
void open_data_picker();

// Work between frames: while on, the page calls Handlers::background in
// short tasks between animation frames (a MessageChannel loop), so the
// page's training uses the time its main thread would spend waiting for
// the next frame, and a frame is never held up by more than one task.
void set_background_work(bool on);

// What the page hands to the app: pixels the browser decoded (file picker,
// drag and drop) or a scene document. Set once by the platform layer.
struct Handlers {
  void (*rgba)(const unsigned char* rgba, int w, int h, const char* name) = nullptr;
  void (*scene_json)(const char* json, const char* name) = nullptr;
  // A model file made into a scene document by the model reader.
  void (*model_json)(const char* json, const char* name) = nullptr;
  void (*error)(const char* message) = nullptr;
  // A labels.txt / labels.json picked or dropped (with a model or after one).
  void (*class_names)(const char* text, const char* name) = nullptr;
  // Export done: the files' names and their bytes in all, or why not.
  void (*model_exported)(const char* names, std::size_t bytes) = nullptr;
  void (*model_export_failed)(const char* why) = nullptr;
  // The training digits: share loaded so far, the file's bytes, or why not.
  void (*digits_progress)(float share) = nullptr;
  void (*digits)(const unsigned char* bytes, int size) = nullptr;
  void (*digits_error)(const char* message) = nullptr;
  // One file of the student's training data (bytes valid during the call).
  void (*data_file)(const char* name, const unsigned char* bytes, int size, bool last) = nullptr;
  // One task of background work (about `seconds`); false when none is left.
  bool (*background)(double seconds) = nullptr;
  // Median ms of n engine recomputes of the current scene (browser benchmark).
  double (*bench_recompute)(int n) = nullptr;
  // A camera frame (RGBA, valid during the call; t_ms: performance.now()),
  // or why the camera is not there: 0 refused, 1 missing, 2 other.
  void (*camera_frame)(const unsigned char* rgba, int w, int h, double t_ms) = nullptr;
  void (*camera_error)(int kind, const char* detail) = nullptr;
};
void set_handlers(const Handlers& h);

// [SECTION] Camera (getUserMedia)
// Asked for only when camera_start() is called (the student pressed
// Camera); no request leaves the page. Each video frame (640x480 wanted)
// is drawn into a canvas and copied into the heap, then handed to
// Handlers::camera_frame, which wakes the main loop to draw it.
bool has_camera();               // the web build
void camera_start();
void camera_hold(bool held);     // Freeze: no frames are read until released
void camera_stop();              // the stream is closed, the light goes off
// The camera's mode and figures as JSON, kept as globalThis.__convscope.camera
// for browser tests.
void camera_drawn(const char* json);

// [SECTION] Page integration: links, embeds, lifecycle
// The page (web/main.js) owns the URL hash, the embed options and the
// postMessage API; it talks to the app only through Module.convscope (set up
// by install_page) and the Module.onStateChange / Module.onShare callbacks.
// Hooks that can fail return "" when done, otherwise the Error as JSON
// {"code", "where", "message"} (the page hands it to the host as it is).
struct PageHooks {
  // Applies a link's state ("v=1&step=3&...") or, with `message`, the JSON
  // text of a postMessage / JS API state (model/share_state.h); nothing is
  // changed when it is refused. allow_undo: the host's change is an
  // undoable edit (App::apply_shareable_state).
  const char* (*apply_state)(const char* text, bool message, bool allow_undo) = nullptr;
  void (*edit)(int which) = nullptr;  // the JS API's undo (0), redo (1), reset (2)
  void (*export_model)(int format) = nullptr;  // exportModel: App::export_model (1 .keras, 2 model.json)
  // A figure of the walked layer (App::figure): PNG, or the walk as a GIF.
  const char* (*figure)(bool gif, std::vector<std::uint8_t>* bytes) = nullptr;
  void (*set_presentation)(bool read_only, bool minimal) = nullptr;
  // The shareable state now, as a link's fragment: what `ready` reports
  // even while a lesson's walk plays (state changes are not sent then).
  const char* (*state)() = nullptr;
  void (*wake)() = nullptr;              // something outside SDL changed: draw again
  void (*context_lost)() = nullptr;      // webglcontextlost: stop drawing
  void (*context_restored)() = nullptr;  // webglcontextrestored: remake GL objects
  void (*text)(const char* utf8) = nullptr;  // typed on the on-screen keyboard
  void (*key)(int key) = nullptr;            // 0 backspace, 1 enter, 2 escape (press + release)
};
void install_page(const PageHooks& hooks);
// The app's state changed (not sent while the walk plays).
void state_changed(const char* fragment);
// Copy link (kind 0) or embed code (kind 1) for this state.
void share(int kind, const char* fragment);
// The frame is drawn and not yet shown: screenshots the page asked for
// (Module.convscope.screenshot) read the canvas now, since a WebGL canvas
// reads as blank once the browser has shown it.
void frame_rendered();
// True once after the canvas' container changed size (ResizeObserver).
bool take_resized();
// Phones and tablets: while ImGui edits text, a hidden <input> over the
// canvas holds focus so the on-screen keyboard opens; what is typed there
// arrives through PageHooks::text / PageHooks::key. No-op with a mouse.
void set_text_input(bool active);

// [SECTION] Teaching hooks
// The current step's arithmetic in words, for screen readers (#live, an
// aria-live region).
void announce(const char* text);
// The reader asked for less motion (CSS prefers-reduced-motion).
bool prefers_reduced_motion();
// Lesson progress kept in localStorage ("" when none or unavailable).
std::string load_progress();
void save_progress(const char* progress);
// Saves bytes as a download (exported figures).
void download(const char* filename, const std::uint8_t* bytes, std::size_t size);

}  // namespace cs::webapi
