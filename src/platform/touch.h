// touch.h - fingers on the canvas: two fingers zoom and pan the grid under
// them; one finger taps as the mouse clicks, swipes to scroll the panel, and
// drags where a drag edits (sliders, painting, the drawing pad). Desktop and
// web alike (SDL's finger events); platform/main.cpp feeds every event
// through touch_event and calls touch_frame once per frame.
#pragma once

#include <SDL.h>

#include <vector>

#include "imgui.h"
#include "ui/grid_view.h"

namespace cs {

// Two fingers zoom and pan the grid under them. SDL also turns
// the first finger into an emulated mouse (SDL_TOUCH_MOUSEID), which must
// not press, paint or click during a pinch: its press is held back for a
// moment; a second finger in that time drops it, and a move, a lift or the
// time running out delivers it unchanged (one-finger drags work as before).
// From the second finger until the last one lifts the emulated mouse is muted.
// One finger that moves past a few pixels swipes: it scrolls the panel under
// it (the press is dropped, no button fires), unless it landed where a drag
// edits (ui/grid_view.h touch_drag_at: a slider moved sideways, a grid being
// painted, the drawing pad); then it drags as the mouse. When a finger lifts,
// the emulated mouse leaves the window: no hover or tooltip stays behind.
struct TouchState {
  struct Finger {
    SDL_FingerID id;
    float x, y;  // window units (ImGui pixels)
  };
  std::vector<Finger> fingers;
  bool gesture = false;         // two fingers were down in this touch sequence
  bool mouse_down = false;      // ImGui has the emulated press
  std::vector<SDL_Event> held;  // the emulated press, and moves after it
  double held_since = 0.0;
  float spread = 0.0f;          // distance of the two fingers at the last event
  ImVec2 centre;
  GridPinch pinch;              // gathered for the next frame
  // One finger.
  bool dragging = false;        // its press went to ImGui and it drags as the mouse
  bool scrolling = false;       // it swipes: the windows below follow it
  float down_x = 0, down_y = 0;  // where it landed
  ImGuiID scroll_window[2] = {0, 0};  // per axis (x, y): the window it scrolls
  float scroll_start[2] = {0, 0};
};

// Returns true when the event is used up here (not passed to ImGui).
bool touch_event(TouchState* t, SDL_Window* window, SDL_Event* e, double now);
// Before each frame: delivers a held press whose time is up and returns the
// pinch gathered since the last frame (for App::set_pinch).
GridPinch touch_frame(TouchState* t, double now);

}  // namespace cs
