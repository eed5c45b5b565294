// motion.cpp - the Walk's glide state: one glide at a time, timed by ImGui's
// clock (ImGui::GetTime), eased out so the window settles on its cells.
#include "ui/walk/motion.h"

#include <algorithm>

#include "imgui.h"

namespace cs {

namespace {

constexpr double kGlideSeconds = 0.28;

struct Glide {
  bool placed = false;
  WalkPlace at;                    // where the walk stood last frame
  float from_y = 0, from_x = 0;    // drawn origin when the glide began
  double start = -1.0, seconds = 0.0;
  bool forward = false;
};
Glide g_glide;
WalkMotion g_last;

float raw_progress(double now) {
  if (g_glide.seconds <= 0.0) return 1.0f;
  return static_cast<float>(std::clamp((now - g_glide.start) / g_glide.seconds, 0.0, 1.0));
}

bool same_run(const WalkPlace& a, const WalkPlace& b) {
  return a.revision == b.revision && a.layer == b.layer && a.filter == b.filter;
}

}  // namespace

float ease_out_cubic(float t) {
  const float u = 1.0f - std::clamp(t, 0.0f, 1.0f);
  return 1.0f - u * u * u;
}

WalkMotion walk_motion_update(const WalkPlace& place, bool reduced_motion) {
  const double now = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
  if (reduced_motion || !g_glide.placed || !same_run(place, g_glide.at)) {
    g_glide.seconds = 0.0;  // the end state at once
  } else if (place.step != g_glide.at.step) {
    // From where the window is drawn now (a glide may be under way).
    const float e = ease_out_cubic(raw_progress(now));
    const float drawn_y = g_glide.from_y + (static_cast<float>(g_glide.at.origin_y) - g_glide.from_y) * e;
    const float drawn_x = g_glide.from_x + (static_cast<float>(g_glide.at.origin_x) - g_glide.from_x) * e;
    g_glide.from_y = drawn_y, g_glide.from_x = drawn_x;
    g_glide.start = now;
    g_glide.seconds = place.playing ? std::min(kGlideSeconds, 0.8 / std::max(0.1f, place.speed)) : kGlideSeconds;
    g_glide.forward = place.step == g_glide.at.step + 1;
  }
  g_glide.placed = true;
  g_glide.at = place;
  const float e = ease_out_cubic(raw_progress(now));
  WalkMotion m;
  m.progress = e;
  if (e < 1.0f) {
    m.window_dy = (g_glide.from_y - static_cast<float>(place.origin_y)) * (1.0f - e);
    m.window_dx = (g_glide.from_x - static_cast<float>(place.origin_x)) * (1.0f - e);
    m.forward = g_glide.forward;
  }
  g_last = m;
  return m;
}

bool walk_motion_active() {
  return ImGui::GetCurrentContext() && g_glide.seconds > 0.0 && raw_progress(ImGui::GetTime()) < 1.0f;
}

WalkMotion walk_motion_last() { return g_last; }

}  // namespace cs
