// touch.cpp - see touch.h.
#include "platform/touch.h"

#include <algorithm>
#include <cmath>

#include "imgui_impl_sdl2.h"

namespace cs {

namespace {

constexpr double kTouchHoldSeconds = 0.1;
constexpr float kTouchMoveSlop = 10.0f;  // window units a held press may move

// Hands the held-back emulated press to ImGui.
void touch_flush(TouchState* t) {
  for (SDL_Event& e : t->held) {
    if (e.type == SDL_MOUSEBUTTONDOWN) t->mouse_down = true;
    ImGui_ImplSDL2_ProcessEvent(&e);
  }
  t->held.clear();
}

void touch_measure(const TouchState& t, float* spread, ImVec2* centre) {
  const TouchState::Finger& a = t.fingers[0];
  const TouchState::Finger& b = t.fingers[1];
  *spread = std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y));
  *centre = ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
}

}  // namespace

bool touch_event(TouchState* tp, SDL_Window* window, SDL_Event* e, double now) {
  TouchState& t = *tp;
  if (e->type == SDL_FINGERDOWN || e->type == SDL_FINGERMOTION || e->type == SDL_FINGERUP) {
    if (e->tfinger.touchId == SDL_MOUSE_TOUCHID) return true;  // a mouse posing as a finger
    int ww = 0, wh = 0;
    SDL_GetWindowSize(window, &ww, &wh);
    const float x = e->tfinger.x * static_cast<float>(ww), y = e->tfinger.y * static_cast<float>(wh);
    auto it = std::find_if(t.fingers.begin(), t.fingers.end(),
                           [&](const TouchState::Finger& f) { return f.id == e->tfinger.fingerId; });
    if (e->type == SDL_FINGERUP) {
      if (it != t.fingers.end()) t.fingers.erase(it);
      if (t.fingers.empty()) t.gesture = false;
      return true;
    }
    if (it == t.fingers.end()) {
      if (e->type == SDL_FINGERMOTION) return true;
      t.fingers.push_back({e->tfinger.fingerId, x, y});
      if (t.fingers.size() == 2) {  // a pinch begins: no press, no paint, no click
        t.gesture = true;
        t.held.clear();
        SDL_Event away{};  // no hover (tooltip, field) under a finger either
        away.type = SDL_MOUSEMOTION;
        away.motion.which = SDL_TOUCH_MOUSEID;
        away.motion.x = away.motion.y = -100000;
        ImGui_ImplSDL2_ProcessEvent(&away);
        if (t.mouse_down) {  // already delivered: release it where no item is
          SDL_Event up{};
          up.type = SDL_MOUSEBUTTONUP;
          up.button.which = SDL_TOUCH_MOUSEID;
          up.button.button = SDL_BUTTON_LEFT;
          up.button.x = up.button.y = -100000;
          ImGui_ImplSDL2_ProcessEvent(&up);
          t.mouse_down = false;
        }
        touch_measure(t, &t.spread, &t.centre);
        t.pinch.active = t.pinch.began = true;
        t.pinch.centre = t.centre;
      }
      return true;
    }
    it->x = x, it->y = y;
    if (t.gesture && t.fingers.size() >= 2) {
      float spread = 0;
      ImVec2 centre;
      touch_measure(t, &spread, &centre);
      if (t.spread > 1.0f && spread > 1.0f) t.pinch.scale *= spread / t.spread;
      t.pinch.pan = ImVec2(t.pinch.pan.x + centre.x - t.centre.x, t.pinch.pan.y + centre.y - t.centre.y);
      t.pinch.centre = centre;
      t.pinch.active = true;
      t.spread = spread, t.centre = centre;
    }
    return true;
  }
  const bool touch_mouse = (e->type == SDL_MOUSEMOTION && e->motion.which == SDL_TOUCH_MOUSEID) ||
                           ((e->type == SDL_MOUSEBUTTONDOWN || e->type == SDL_MOUSEBUTTONUP) &&
                            e->button.which == SDL_TOUCH_MOUSEID);
  if (!touch_mouse) return false;
  if (t.gesture) return true;  // muted until every finger is up
  if (e->type == SDL_MOUSEBUTTONDOWN) {
    t.held.assign(1, *e);
    t.held_since = now;
    return true;
  }
  if (!t.held.empty()) {
    if (e->type == SDL_MOUSEMOTION) {
      t.held.push_back(*e);
      const SDL_MouseButtonEvent& d = t.held.front().button;
      const float dx = static_cast<float>(e->motion.x - d.x), dy = static_cast<float>(e->motion.y - d.y);
      if (dx * dx + dy * dy > kTouchMoveSlop * kTouchMoveSlop) touch_flush(&t);  // a one-finger drag
      return true;
    }
    touch_flush(&t);  // a tap: the press, then this release
  }
  if (e->type == SDL_MOUSEBUTTONUP) t.mouse_down = false;
  return false;
}

GridPinch touch_frame(TouchState* tp, double now) {
  TouchState& t = *tp;
  if (!t.held.empty() && now - t.held_since >= kTouchHoldSeconds) touch_flush(&t);
  const GridPinch gathered = t.pinch;
  t.pinch.began = false;
  t.pinch.scale = 1.0f;
  t.pinch.pan = ImVec2(0, 0);
  t.pinch.active = t.gesture && t.fingers.size() >= 2;
  return gathered;
}

}  // namespace cs
