// touch.cpp - see touch.h.
#include "platform/touch.h"

#include <algorithm>
#include <cmath>

#include "imgui_impl_sdl2.h"
#include "imgui_internal.h"  // windows under a point, their scrolling

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

// The emulated mouse leaves the window: nothing stays hovered under a
// finger that lifted (no tooltip covering buttons) or that pinches.
void touch_mouse_away() {
  SDL_Event away{};
  away.type = SDL_MOUSEMOTION;
  away.motion.which = SDL_TOUCH_MOUSEID;
  away.motion.x = away.motion.y = -100000;
  ImGui_ImplSDL2_ProcessEvent(&away);
}

// Releases a press ImGui already has where no item is (a button pressed
// this way does not fire).
void touch_release_away(TouchState* t) {
  if (!t->mouse_down) return;
  SDL_Event up{};
  up.type = SDL_MOUSEBUTTONUP;
  up.button.which = SDL_TOUCH_MOUSEID;
  up.button.button = SDL_BUTTON_LEFT;
  up.button.x = up.button.y = -100000;
  ImGui_ImplSDL2_ProcessEvent(&up);
  t->mouse_down = false;
}

// The window a finger at p is over, front to back as ImGui finds the hovered
// one (after a frame, `Active` still describes that frame).
ImGuiWindow* window_at(ImVec2 p) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  for (int i = g.Windows.Size - 1; i >= 0; --i) {
    ImGuiWindow* w = g.Windows[i];
    if (!w->Active || w->Hidden || (w->Flags & ImGuiWindowFlags_NoMouseInputs)) continue;
    if (w->OuterRectClipped.Contains(p)) return w;
  }
  return nullptr;
}

// A swipe begins at the finger's landing point: per axis, the innermost
// window there that scrolls along it (as ImGui picks one for the wheel).
void touch_begin_scroll(TouchState* t) {
  t->scrolling = true;
  touch_mouse_away();  // nothing under the finger shows hover while the panel moves
  ImGuiWindow* under = window_at(ImVec2(t->down_x, t->down_y));
  for (int axis = 0; axis < 2; ++axis) {
    t->scroll_window[axis] = 0;
    for (ImGuiWindow* w = under; w; w = (w->Flags & ImGuiWindowFlags_ChildWindow) ? w->ParentWindow : nullptr) {
      if (w->ScrollMax[axis] > 0.0f && !(w->Flags & ImGuiWindowFlags_NoScrollWithMouse)) {
        t->scroll_window[axis] = w->ID;
        t->scroll_start[axis] = w->Scroll[axis];
        break;
      }
    }
  }
}

// The content under the finger follows it.
void touch_scroll_to(TouchState* t, float x, float y) {
  const float moved[2] = {x - t->down_x, y - t->down_y};
  for (int axis = 0; axis < 2; ++axis) {
    ImGuiWindow* w = t->scroll_window[axis] ? ImGui::FindWindowByID(t->scroll_window[axis]) : nullptr;
    if (!w) continue;
    const float to = std::clamp(t->scroll_start[axis] - moved[axis], 0.0f, w->ScrollMax[axis]);
    if (axis == 0) ImGui::SetScrollX(w, to);
    else ImGui::SetScrollY(w, to);
  }
}

// A finger moved past the slop from where it landed: does it drag what is
// there, or swipe?
bool touch_drags(const TouchState& t, float x, float y) {
  const TouchDrag kind = touch_drag_at(ImVec2(t.down_x, t.down_y));
  return kind == TouchDrag::kAny ||
         (kind == TouchDrag::kHorizontal && std::fabs(x - t.down_x) > std::fabs(y - t.down_y));
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
        t.scrolling = t.dragging = false;
        touch_mouse_away();    // no hover (tooltip, field) under a finger either
        touch_release_away(&t);  // already delivered: release it where no item is
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
    t.down_x = static_cast<float>(e->button.x), t.down_y = static_cast<float>(e->button.y);
    t.dragging = t.scrolling = false;
    return true;
  }
  if (e->type == SDL_MOUSEMOTION) {
    const float x = static_cast<float>(e->motion.x), y = static_cast<float>(e->motion.y);
    if (t.scrolling) {
      touch_scroll_to(&t, x, y);
      return true;
    }
    const float dx = x - t.down_x, dy = y - t.down_y;
    const bool past_slop = dx * dx + dy * dy > kTouchMoveSlop * kTouchMoveSlop;
    if (!t.held.empty()) {
      t.held.push_back(*e);
      if (!past_slop) return true;
      if (touch_drags(t, x, y)) {
        t.dragging = true;
        touch_flush(&t);  // a one-finger drag: the press and the moves so far
      } else {
        t.held.clear();   // a swipe: the press never reaches ImGui
        touch_begin_scroll(&t);
        touch_scroll_to(&t, x, y);
      }
      return true;
    }
    if (t.mouse_down && !t.dragging && past_slop) {  // pressed by time, now moving
      if (touch_drags(t, x, y)) {
        t.dragging = true;
        return false;
      }
      touch_release_away(&t);
      touch_begin_scroll(&t);
      touch_scroll_to(&t, x, y);
      return true;
    }
    return false;
  }
  // A release (SDL_MOUSEBUTTONUP): after a tap the press comes first; then
  // the mouse leaves, a frame later (ImGui trickles input: the release
  // still lands on the item it was pressed on).
  if (t.scrolling) {
    t.scrolling = false;
  } else {
    touch_flush(&t);
    ImGui_ImplSDL2_ProcessEvent(e);
  }
  t.mouse_down = t.dragging = false;
  touch_mouse_away();
  return true;
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
