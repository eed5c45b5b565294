// webapi.h - every call between C++ and the page's JavaScript, in one place.
// Natively these are no-ops, so the app code never needs an #ifdef.
#pragma once

namespace cs::webapi {

// Size of the canvas element in CSS pixels and the device pixel ratio.
// Natively returns false and leaves the outputs untouched.
bool canvas_css_size(int* w, int* h, float* dpr);
// Tells the page that a frame was drawn (tests wait on window.__convscope).
void frame_drawn(int frame_count, const char* isa);
// Copies text to the browser clipboard (navigator.clipboard).
void copy_to_clipboard(const char* text);

}  // namespace cs::webapi
