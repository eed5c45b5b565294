// webapi.cpp - the JavaScript side of webapi.h (EM_JS), no-ops natively.
#include "platform/webapi.h"

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#include <emscripten/html5.h>

// clang-format off
EM_JS(void, js_frame_drawn, (int frames, const char* isa, const char* summary, double run_ms), {
  const state = globalThis.__convscope || (globalThis.__convscope = {});
  state.frames = frames;
  state.isa = UTF8ToString(isa);
  state.scene = UTF8ToString(summary);
  state.runMs = run_ms;
  state.deliverFile = Module.convscopeDeliverFile;
  state.benchRecompute = (n) => _convscope_bench_recompute(n);
  if (frames === 1 && typeof Module.onFirstFrame === 'function') Module.onFirstFrame();
});
EM_JS(void, js_copy_to_clipboard, (const char* text), {
  const s = UTF8ToString(text);
  if (navigator.clipboard) navigator.clipboard.writeText(s).catch(() => {});
});
EM_JS(float, js_device_pixel_ratio, (), { return globalThis.devicePixelRatio || 1; });

// Files reach the app the same way from the picker and from a drop: pictures
// are decoded by the browser (any format it knows) and passed as RGBA;
// text files are passed as scene JSON.
EM_JS(void, js_install_file_input, (), {
  async function deliver(file) {
    const name = file.name || "file";
    try {
      if (name.toLowerCase().endsWith(".json") || file.type === "application/json") {
        const text = await file.text();
        const n = lengthBytesUTF8(text) + 1, p = _malloc(n), q = _malloc(lengthBytesUTF8(name) + 1);
        stringToUTF8(text, p, n);
        stringToUTF8(name, q, lengthBytesUTF8(name) + 1);
        _convscope_scene_json(p, q);
        _free(p); _free(q);
        return;
      }
      const bmp = await createImageBitmap(file);
      const w = bmp.width, h = bmp.height;
      if (w * h > 50 * 1024 * 1024) throw new Error(w + "x" + h + " is too large: at most 50 M pixels are accepted");
      const c = new OffscreenCanvas(w, h), g = c.getContext("2d");
      g.drawImage(bmp, 0, 0);
      const px = g.getImageData(0, 0, w, h).data;
      const p = _malloc(px.length), q = _malloc(lengthBytesUTF8(name) + 1);
      HEAPU8.set(px, p);
      stringToUTF8(name, q, lengthBytesUTF8(name) + 1);
      _convscope_rgba(p, w, h, q);
      _free(p); _free(q);
    } catch (e) {
      const msg = name + ": cannot open this file (" + (e && e.message ? e.message : e) + ")";
      const n = lengthBytesUTF8(msg) + 1, p = _malloc(n);
      stringToUTF8(msg, p, n);
      _convscope_file_error(p);
      _free(p);
    }
  }
  const input = document.createElement("input");
  input.type = "file";
  input.accept = "image/*,.json,application/json";
  input.style.display = "none";
  input.addEventListener("change", () => { if (input.files[0]) deliver(input.files[0]); input.value = null; });
  document.body.appendChild(input);
  Module.__convscopeFileInput = input;
  const canvas = Module.canvas;
  canvas.addEventListener("dragover", (e) => { e.preventDefault(); e.dataTransfer.dropEffect = "copy"; });
  canvas.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer.files && e.dataTransfer.files[0]) deliver(e.dataTransfer.files[0]);
  });
  Module.convscopeDeliverFile = deliver;  // tests hand files in through this
});
EM_JS(void, js_open_file_picker, (), { if (Module.__convscopeFileInput) Module.__convscopeFileInput.click(); });
// clang-format on

namespace {
cs::webapi::Handlers g_handlers;
}

extern "C" {
EMSCRIPTEN_KEEPALIVE void convscope_rgba(const unsigned char* rgba, int w, int h, const char* name) {
  if (g_handlers.rgba) g_handlers.rgba(rgba, w, h, name);
}
EMSCRIPTEN_KEEPALIVE void convscope_scene_json(const char* json, const char* name) {
  if (g_handlers.scene_json) g_handlers.scene_json(json, name);
}
EMSCRIPTEN_KEEPALIVE void convscope_file_error(const char* message) {
  if (g_handlers.error) g_handlers.error(message);
}
EMSCRIPTEN_KEEPALIVE double convscope_bench_recompute(int n) {
  return g_handlers.bench_recompute ? g_handlers.bench_recompute(n) : -1.0;
}
}

namespace cs::webapi {

bool canvas_css_size(int* w, int* h, float* dpr) {
  double cw = 0, ch = 0;
  if (emscripten_get_element_css_size("#canvas", &cw, &ch) != EMSCRIPTEN_RESULT_SUCCESS) return false;
  *w = static_cast<int>(cw);
  *h = static_cast<int>(ch);
  *dpr = js_device_pixel_ratio();
  return true;
}
void frame_drawn(int frame_count, const char* isa, const char* scene_summary, double run_ms) {
  js_frame_drawn(frame_count, isa, scene_summary, run_ms);
}
void copy_to_clipboard(const char* text) { js_copy_to_clipboard(text); }
void open_file_picker() { js_open_file_picker(); }
bool has_file_picker() { return true; }
void set_handlers(const Handlers& h) {
  g_handlers = h;
  js_install_file_input();
}

}  // namespace cs::webapi

#else

namespace cs::webapi {
bool canvas_css_size(int*, int*, float*) { return false; }
void frame_drawn(int, const char*, const char*, double) {}
void copy_to_clipboard(const char*) {}
void open_file_picker() {}
bool has_file_picker() { return false; }
void set_handlers(const Handlers&) {}
}  // namespace cs::webapi

#endif
