// webapi.cpp - the JavaScript side of webapi.h (EM_JS), no-ops natively.
#include "platform/webapi.h"

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#include <emscripten/html5.h>

// clang-format off
EM_JS(void, js_frame_drawn, (int frames, const char* isa), {
  const state = globalThis.__convscope || (globalThis.__convscope = {});
  state.frames = frames;
  state.isa = UTF8ToString(isa);
  if (frames === 1 && typeof Module.onFirstFrame === 'function') Module.onFirstFrame();
});
EM_JS(void, js_copy_to_clipboard, (const char* text), {
  const s = UTF8ToString(text);
  if (navigator.clipboard) navigator.clipboard.writeText(s).catch(() => {});
});
EM_JS(float, js_device_pixel_ratio, (), { return globalThis.devicePixelRatio || 1; });
// clang-format on

namespace cs::webapi {

bool canvas_css_size(int* w, int* h, float* dpr) {
  double cw = 0, ch = 0;
  if (emscripten_get_element_css_size("#canvas", &cw, &ch) != EMSCRIPTEN_RESULT_SUCCESS) return false;
  *w = static_cast<int>(cw);
  *h = static_cast<int>(ch);
  *dpr = js_device_pixel_ratio();
  return true;
}
void frame_drawn(int frame_count, const char* isa) { js_frame_drawn(frame_count, isa); }
void copy_to_clipboard(const char* text) { js_copy_to_clipboard(text); }

}  // namespace cs::webapi

#else

namespace cs::webapi {
bool canvas_css_size(int*, int*, float*) { return false; }
void frame_drawn(int, const char*) {}
void copy_to_clipboard(const char*) {}
}  // namespace cs::webapi

#endif
