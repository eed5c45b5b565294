// motion.h - the Walk's eased motion between steps: the window glides from
// where it was drawn, the products fly into the sum, the written output cell
// fades in. The Session is already at the new step (a click never waits);
// this only eases what is drawn (STYLE.md: the core steps, the UI animates).
#pragma once

#include <cstdint>

namespace cs {

// What one frame of the walk draws.
struct WalkMotion {
  float window_dy = 0.0f, window_dx = 0.0f;  // window drawn this far (cells) from its true place
  float progress = 1.0f;                     // eased 0 .. 1; 1: at rest, the end state
  bool forward = false;                      // the step grew by one: the new output cell fades in
};

// Where the walk stands this frame: which scene run, layer, filter and step,
// and the window's origin (padded cells). A new step of the same run starts a
// glide from the window's drawn place; anything else (a new scene, an edit,
// another layer), or reduced motion, draws the end state at once. While
// playing, a glide lasts at most most of one step so it never lags behind.
struct WalkPlace {
  std::uint64_t revision = 0;
  int layer = 0, filter = 0, step = 0;
  int origin_y = 0, origin_x = 0;
  bool playing = false;
  float speed = 1.0f;  // steps per second while playing
};
WalkMotion walk_motion_update(const WalkPlace& place, bool reduced_motion);

// A glide is under way (the app keeps requesting frames until it ends; the
// clock is ImGui's, so it ends even if the Walk is no longer drawn).
bool walk_motion_active();
// What the last walk_motion_update returned (tests).
WalkMotion walk_motion_last();

// Smoothstep-like ease-out (cubic) of t in [0, 1].
float ease_out_cubic(float t);

}  // namespace cs
