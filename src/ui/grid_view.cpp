// grid_view.cpp - cell colours (viridis / diverging), numbers, hatched padding;
// zoom and pan by pinch or Ctrl + wheel; the keyboard cursor.
// [SECTION] Colours
// [SECTION] Grids
// [SECTION] Touch and keyboard reach
#include "ui/grid_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>

#include "core/json.h"
#include "core/palette.h"
#include "imgui_internal.h"  // key ownership, nav state (keyboard reach)

namespace cs {

// [SECTION] Colours

namespace {

ImVec4 viridis(float t) {
  const Rgb c = viridis_rgb(t);
  return ImVec4(c.r, c.g, c.b, 1.0f);
}

ImVec4 diverging(float t) {  // core/palette.h: blue < 0 < orange, as figures and shaders
  const Rgb c = diverging_rgb(t);
  return ImVec4(c.r, c.g, c.b, 1.0f);
}

float normalised(float v, const GridStyle& s) {
  if (s.diverging) {
    const float m = std::fmax(std::fabs(s.lo), std::fabs(s.hi));
    return m > 0 ? 0.5f + 0.5f * v / m : 0.5f;
  }
  return s.hi > s.lo ? (v - s.lo) / (s.hi - s.lo) : 0.5f;
}

// The one number format (core/json.h number_text), fitted to a cell: the
// exact shortest text when it fits in `room` pixels, else the value rounded
// to as many significant digits as fit, marked "~" (hovering, the lens and
// the equations give it exactly). docs/teaching.md, "Numbers on screen".
void format_value(char* buf, std::size_t n, float v, float room) {
  const std::string s =
      fitted_number_text(v, [&](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x <= room; });
  std::snprintf(buf, n, "%s", s.c_str());
}

// c with its opacity scaled by alpha (0 .. 1): a cell fading in.
ImU32 with_alpha(ImU32 c, float alpha) {
  const float a = static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF) * std::clamp(alpha, 0.0f, 1.0f);
  return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(a + 0.5f) << IM_COL32_A_SHIFT);
}

}  // namespace

ImU32 grid_cell_color(float v, const GridStyle& s) {
  if (std::isnan(v)) return IM_COL32(230, 0, 230, 255);
  const float t = normalised(v, s);
  return ImGui::ColorConvertFloat4ToU32(s.diverging ? diverging(t) : viridis(t));
}

ImU32 grid_text_color(float v, const GridStyle& s) {
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(grid_cell_color(v, s));
  const float luma = 0.299f * c.x + 0.587f * c.y + 0.114f * c.z;
  return luma > 0.55f ? IM_COL32(20, 20, 20, 255) : IM_COL32(250, 250, 250, 255);
}

// [SECTION] Grids

void trace_grid_cells(float cell, bool numbers, float visible_w);  // the last traced grid (below)

GridInput draw_grid(const char* id, const float* data, int rows, int cols, int step,
                    const GridStyle& s, const GridMark* marks, int mark_count,
                    const GridOverlay& overlay) {
  GridInput input;
  // The viewport: all padded cells, or the window of them the style asks for.
  const int full_rows = rows + s.pad_top + s.pad_bottom;
  const int full_cols = cols + s.pad_left + s.pad_right;
  const int vy0 = s.view_h > 0 ? std::clamp(s.view_y0, 0, std::max(0, full_rows - s.view_h)) : 0;
  const int vx0 = s.view_w > 0 ? std::clamp(s.view_x0, 0, std::max(0, full_cols - s.view_w)) : 0;
  const int prow = s.view_h > 0 ? std::min(s.view_h, full_rows) : full_rows;
  const int pcol = s.view_w > 0 ? std::min(s.view_w, full_cols) : full_cols;
  const ImVec2 cursor = ImGui::GetCursorScreenPos();
  // The box keeps its size; a zoom draws bigger cells inside it, clipped.
  const ImVec2 size(s.cell * static_cast<float>(pcol), s.cell * static_cast<float>(prow));
  ImGui::InvisibleButton(id, size);
  GridZoom zoom = s.zoomable ? grid_zoom_item(id, std::clamp(72.0f / s.cell, 2.0f, 64.0f)) : GridZoom{};
  if (overlay.cursor) grid_keyboard_cursor(rows, cols, overlay.cursor, &input);
  if (input.focused && zoom.scale > 1.0f) {  // keep the cursor in sight
    const float cy = s.cell * static_cast<float>(overlay.cursor->y + s.pad_top - vy0);
    const float cx = s.cell * static_cast<float>(overlay.cursor->x + s.pad_left - vx0);
    zoom = grid_zoom_reveal(ImVec2(cx, cy), ImVec2(cx + s.cell, cy + s.cell));
  }
  const float cell = s.cell * zoom.scale;
  // Everything below is drawn in padded coordinates shifted by the viewport.
  const ImVec2 origin(cursor.x - zoom.pan.x - cell * static_cast<float>(vx0),
                      cursor.y - zoom.pan.y - cell * static_cast<float>(vy0));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float font = ImGui::GetFontSize();
  if (s.zoomable) {
    const float clip_l = dl->GetClipRectMin().x, clip_r = dl->GetClipRectMax().x;  // its window's visible part
    trace_grid_cells(cell, s.show_numbers && cell >= font * 1.4f,
                     std::max(0.0f, std::min(cursor.x + size.x, clip_r) - std::max(cursor.x, clip_l)));
  }
  char text[32];
  // The pointer: not while the keyboard cursor stands in for it.
  if (!input.focused && (ImGui::IsItemHovered() || ImGui::IsItemActive()) && ImGui::IsMousePosValid()) {
    const ImVec2 m = ImGui::GetMousePos();
    const int hx = static_cast<int>(std::floor((m.x - origin.x) / cell));
    const int hy = static_cast<int>(std::floor((m.y - origin.y) / cell));
    if (hx >= vx0 && hx < vx0 + pcol && hy >= vy0 && hy < vy0 + prow) {
      input.y = hy - s.pad_top;
      input.x = hx - s.pad_left;
      input.hovered = true;
      input.held = ImGui::IsItemActive();
      input.clicked = ImGui::IsItemDeactivated() && ImGui::IsItemHovered() &&
                      ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&  // not Space on a focused grid
                      ImGui::GetIO().MouseDragMaxDistanceSqr[0] <
                          ImGui::GetIO().MouseDragThreshold * ImGui::GetIO().MouseDragThreshold;
    }
  }
  // Only the cells inside the box are drawn (a zoomed grid shows a few).
  const int px0 = vx0 + std::max(0, static_cast<int>(std::floor(zoom.pan.x / cell)));
  const int py0 = vy0 + std::max(0, static_cast<int>(std::floor(zoom.pan.y / cell)));
  const int px1 = std::min(vx0 + pcol, vx0 + static_cast<int>(std::ceil((zoom.pan.x + size.x) / cell)));
  const int py1 = std::min(vy0 + prow, vy0 + static_cast<int>(std::ceil((zoom.pan.y + size.y) / cell)));
  dl->PushClipRect(cursor, ImVec2(cursor.x + size.x, cursor.y + size.y), true);
  for (int py = py0; py < py1; ++py) {
    for (int px = px0; px < px1; ++px) {
      const ImVec2 a(origin.x + cell * static_cast<float>(px), origin.y + cell * static_cast<float>(py));
      const ImVec2 b(a.x + cell, a.y + cell);
      const int y = py - s.pad_top, x = px - s.pad_left;
      const bool pad = y < 0 || y >= rows || x < 0 || x >= cols;
      float v = s.pad_value;
      bool fresh = false;
      if (pad) {
        // Padding: pale, hatched, clearly not part of the input.
        dl->AddRectFilled(a, b, IM_COL32(236, 232, 222, 255));
        for (float d = 4; d < cell * 2; d += 6) {
          const ImVec2 p0(a.x + (d < cell ? d : cell), a.y + (d < cell ? 0 : d - cell));
          const ImVec2 p1(a.x + (d < cell ? 0 : d - cell), a.y + (d < cell ? d : cell));
          dl->AddLine(p0, p1, IM_COL32(205, 198, 180, 255));
        }
      } else {
        const int idx = y * cols + x;
        if (s.filled >= 0 && idx >= s.filled) {
          dl->AddRectFilled(a, b, IM_COL32(250, 250, 248, 255));
          dl->AddRect(a, b, IM_COL32(200, 200, 200, 255));
          continue;
        }
        v = data[static_cast<std::size_t>(idx) * static_cast<std::size_t>(step)];
        fresh = idx == s.filled - 1 && s.fresh_alpha < 1.0f;
        if (fresh) dl->AddRectFilled(a, b, IM_COL32(250, 250, 248, 255));
        dl->AddRectFilled(a, b, fresh ? with_alpha(grid_cell_color(v, s), s.fresh_alpha) : grid_cell_color(v, s));
      }
      dl->AddRect(a, b, IM_COL32(255, 255, 255, 120));
      if (!pad) {
        const bool dropped =
            (overlay.uncovered_rows &&
             std::find(overlay.uncovered_rows->begin(), overlay.uncovered_rows->end(), y) !=
                 overlay.uncovered_rows->end()) ||
            (overlay.uncovered_cols &&
             std::find(overlay.uncovered_cols->begin(), overlay.uncovered_cols->end(), x) !=
                 overlay.uncovered_cols->end());
        if (dropped) {  // never read by any window: crossed out
          dl->AddLine(ImVec2(a.x + 3, a.y + 3), ImVec2(b.x - 3, b.y - 3), IM_COL32(200, 40, 120, 200), 2);
          dl->AddLine(ImVec2(b.x - 3, a.y + 3), ImVec2(a.x + 3, b.y - 3), IM_COL32(200, 40, 120, 200), 2);
        }
        if (overlay.field && overlay.field[static_cast<std::size_t>(y * cols + x)]) {
          dl->AddRectFilled(a, b, IM_COL32(20, 120, 220, 70));
          dl->AddRect(ImVec2(a.x + 1, a.y + 1), ImVec2(b.x - 1, b.y - 1), IM_COL32(20, 120, 220, 255), 0, 0, 2);
        }
        if (y == overlay.selected_y && x == overlay.selected_x) {
          dl->AddRect(ImVec2(a.x + 2, a.y + 2), ImVec2(b.x - 2, b.y - 2), IM_COL32(0, 0, 0, 255), 0, 0, 2.5f);
        }
      }
      if (s.show_numbers && cell >= font * 1.4f) {
        format_value(text, sizeof text, v, cell - 3.0f);
        const ImVec2 ts = ImGui::CalcTextSize(text);
        const ImU32 tc = pad ? IM_COL32(120, 110, 90, 255)
                             : fresh ? with_alpha(grid_text_color(v, s), s.fresh_alpha) : grid_text_color(v, s);
        dl->AddText(ImVec2(a.x + (cell - ts.x) * 0.5f, a.y + (cell - ts.y) * 0.5f), tc, text);
      }
    }
  }
  for (int i = 0; i < mark_count; ++i) {
    const GridMark& m = marks[i];
    const ImVec2 a(origin.x + cell * (static_cast<float>(m.x) + m.dx), origin.y + cell * (static_cast<float>(m.y) + m.dy));
    const ImVec2 b(a.x + cell * static_cast<float>(m.w), a.y + cell * static_cast<float>(m.h));
    dl->AddRect(a, b, m.color, 2.0f, 0, m.thickness);
  }
  if (input.focused) {
    // The keyboard cursor: black and white so it shows on every colour,
    // and a ring round the grid that has the focus.
    const GridCursor& c = *overlay.cursor;
    input.cursor_min = ImVec2(origin.x + cell * static_cast<float>(c.x + s.pad_left),
                              origin.y + cell * static_cast<float>(c.y + s.pad_top));
    input.cursor_max = ImVec2(input.cursor_min.x + cell, input.cursor_min.y + cell);
    dl->AddRect(input.cursor_min, input.cursor_max, IM_COL32(0, 0, 0, 255), 0, 0, 4.0f);
    dl->AddRect(ImVec2(input.cursor_min.x + 2, input.cursor_min.y + 2),
                ImVec2(input.cursor_max.x - 2, input.cursor_max.y - 2), IM_COL32(255, 255, 255, 255), 0, 0, 1.5f);
  }
  if (zoom.scale > 1.0f) {  // say that the grid is zoomed (and how far), in its visible corner
    std::snprintf(text, sizeof text, "\xC3\x97%.1f", static_cast<double>(zoom.scale));  // U+00D7
    const ImVec2 ts = ImGui::CalcTextSize(text);
    const ImVec2 a(dl->GetClipRectMax().x - ts.x - 6, std::max(cursor.y, dl->GetClipRectMin().y) + 2);
    dl->AddRectFilled(ImVec2(a.x - 3, a.y), ImVec2(a.x + ts.x + 3, a.y + ts.y + 2), IM_COL32(255, 255, 255, 210), 3.0f);
    dl->AddText(ImVec2(a.x, a.y + 1), IM_COL32(40, 40, 40, 255), text);
  }
  dl->PopClipRect();
  if (input.focused) {
    dl->AddRect(ImVec2(cursor.x - 2, cursor.y - 2), ImVec2(cursor.x + size.x + 2, cursor.y + size.y + 2),
                ImGui::GetColorU32(ImGuiCol_NavHighlight), 2.0f, 0, 2.0f);
  }
  return input;
}

// [SECTION] Touch and keyboard reach

namespace {

GridPinch g_pinch;            // this frame's gesture (platform)
ImGuiID g_pinch_owner = 0;    // the item the gesture zooms
std::unordered_map<ImGuiID, GridZoom> g_zooms;
std::vector<GridTrace> g_trace;
ImGuiContext* g_trace_context = nullptr;  // the frame g_trace belongs to
int g_trace_frame = -1;
bool trace_is_current() {
  return g_trace_context == ImGui::GetCurrentContext() && g_trace_frame == ImGui::GetFrameCount();
}
ImGuiID g_last_zoom_id = 0;   // the item grid_zoom_item saw last
ImVec2 g_last_zoom_size;

void clamp_pan(GridZoom* z, ImVec2 size) {
  z->pan.x = std::clamp(z->pan.x, 0.0f, size.x * (z->scale - 1.0f));
  z->pan.y = std::clamp(z->pan.y, 0.0f, size.y * (z->scale - 1.0f));
}

// Scales by `factor` about `centre` (screen), which moved by `shift` since
// the last frame: the content under the fingers stays under the fingers.
void zoom_about(GridZoom* z, ImVec2 box_min, ImVec2 size, float factor, ImVec2 centre, ImVec2 shift,
                float max_scale) {
  const ImVec2 before(centre.x - shift.x - box_min.x, centre.y - shift.y - box_min.y);
  const ImVec2 after(centre.x - box_min.x, centre.y - box_min.y);
  const ImVec2 p((before.x + z->pan.x) / z->scale, (before.y + z->pan.y) / z->scale);  // unzoomed content
  float scale = std::clamp(z->scale * factor, 1.0f, std::max(1.0f, max_scale));
  if (scale < 1.02f) scale = 1.0f;  // snaps back to the whole grid
  z->scale = scale;
  z->pan = ImVec2(p.x * scale - after.x, p.y * scale - after.y);
  clamp_pan(z, size);
}

bool contains(ImVec2 a, ImVec2 b, ImVec2 p) { return p.x >= a.x && p.y >= a.y && p.x < b.x && p.y < b.y; }

}  // namespace

void grid_set_pinch(const GridPinch& pinch) {
  g_pinch = pinch;
  if (!pinch.active) g_pinch_owner = 0;
}

GridZoom grid_zoom_item(const char* name, float max_scale) {
  const ImGuiID id = ImGui::GetItemID();
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImVec2 size(b.x - a.x, b.y - a.y);
  auto it = g_zooms.find(id);
  GridZoom z = it != g_zooms.end() ? it->second : GridZoom{};
  ImGuiIO& io = ImGui::GetIO();
  if (g_pinch.active && g_pinch.began && g_pinch_owner == 0) {
    // The gesture belongs to the item under the fingers, where it is seen.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (contains(a, b, g_pinch.centre) && contains(dl->GetClipRectMin(), dl->GetClipRectMax(), g_pinch.centre))
      g_pinch_owner = id;
  }
  if (g_pinch.active && g_pinch_owner == id) {
    zoom_about(&z, a, size, g_pinch.scale, g_pinch.centre, g_pinch.pan, max_scale);
    g_pinch.scale = 1.0f, g_pinch.pan = ImVec2(0, 0);  // once per frame
  }
  if (io.KeyCtrl && io.MouseWheel != 0.0f && ImGui::IsItemHovered() && ImGui::IsMousePosValid()) {
    // Ctrl + wheel, which is also how browsers report a touchpad pinch.
    zoom_about(&z, a, size, std::pow(1.25f, io.MouseWheel), io.MousePos, ImVec2(0, 0), max_scale);
  }
  z.scale = std::clamp(z.scale, 1.0f, std::max(1.0f, max_scale));  // the box may have changed
  clamp_pan(&z, size);
  if (z.scale > 1.0f) {
    g_zooms[id] = z;
  } else if (it != g_zooms.end()) {
    g_zooms.erase(it);  // only zoomed items are remembered
  }
  g_last_zoom_id = id, g_last_zoom_size = size;
  if (!trace_is_current()) {
    g_trace.clear();
    g_trace_context = ImGui::GetCurrentContext(), g_trace_frame = ImGui::GetFrameCount();
  }
  g_trace.push_back({name, a, b, z});
  return z;
}

GridZoom grid_zoom_reveal(ImVec2 a, ImVec2 b) {
  auto it = g_zooms.find(g_last_zoom_id);
  if (it == g_zooms.end() || g_last_zoom_id != ImGui::GetItemID()) return GridZoom{};
  GridZoom& z = it->second;
  const ImVec2 size = g_last_zoom_size;
  // Zoomed coordinates of the rectangle against the visible window [pan, pan + size].
  const float ax = a.x * z.scale, bx = b.x * z.scale, ay = a.y * z.scale, by = b.y * z.scale;
  if (ax < z.pan.x) z.pan.x = ax;
  if (bx > z.pan.x + size.x) z.pan.x = bx - size.x;
  if (ay < z.pan.y) z.pan.y = ay;
  if (by > z.pan.y + size.y) z.pan.y = by - size.y;
  clamp_pan(&z, size);
  if (!g_trace.empty()) g_trace.back().zoom = z;
  return z;
}

void grid_keyboard_cursor(int rows, int cols, GridCursor* c, GridInput* input) {
  if (rows <= 0 || cols <= 0 || !ImGui::IsItemFocused()) return;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g.NavDisableHighlight) return;  // focused by a click: the mouse is in charge
  const ImGuiID id = ImGui::GetItemID();
  if (c->y < 0 || c->x < 0) *c = {rows / 2, cols / 2};
  c->y = std::clamp(c->y, 0, rows - 1);
  c->x = std::clamp(c->x, 0, cols - 1);
  const int n = ImGui::GetIO().KeyShift ? 8 : 1;
  struct Dir {
    ImGuiKey key;
    int dy, dx;
  };
  static const Dir dirs[] = {{ImGuiKey_LeftArrow, 0, -1}, {ImGuiKey_RightArrow, 0, 1},
                             {ImGuiKey_UpArrow, -1, 0}, {ImGuiKey_DownArrow, 1, 0}};
  for (const Dir& d : dirs) {
    const int ty = c->y + d.dy, tx = c->x + d.dx;
    if (ty < 0 || ty >= rows || tx < 0 || tx >= cols) continue;  // at the edge: ImGui's nav leaves the grid
    if (ImGui::IsKeyPressed(d.key, id, ImGuiInputFlags_Repeat)) {
      c->y = std::clamp(c->y + d.dy * n, 0, rows - 1);
      c->x = std::clamp(c->x + d.dx * n, 0, cols - 1);
      g.NavDisableMouseHover = true;  // the keyboard has the cursor again
    }
    // Owned (and locked) from the next frame on: ImGui's nav and the app's
    // arrow shortcuts (step the walk) leave a press of it to this grid.
    ImGui::SetKeyOwner(d.key, id, ImGuiInputFlags_LockUntilRelease);
  }
  input->activated = ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false) ||
                     ImGui::IsKeyPressed(ImGuiKey_Space, false);
  if (input->activated) g.NavDisableMouseHover = true;
  // The cursor shows while the keyboard is in use; moving the mouse hands
  // hovering back to it (as ImGui does) until the next key.
  input->focused = g.NavDisableMouseHover;
}

namespace {
struct DragArea {
  ImVec2 min, max;
  TouchDrag kind;
};
std::vector<DragArea> g_drag_areas;
ImGuiContext* g_drag_context = nullptr;  // the frame g_drag_areas belongs to
int g_drag_frame = -1;
}  // namespace

void touch_drag_area(ImVec2 min, ImVec2 max, TouchDrag kind) {
  if (g_drag_context != ImGui::GetCurrentContext() || g_drag_frame != ImGui::GetFrameCount()) {
    g_drag_areas.clear();
    g_drag_context = ImGui::GetCurrentContext(), g_drag_frame = ImGui::GetFrameCount();
  }
  if (max.x > min.x && max.y > min.y) g_drag_areas.push_back({min, max, kind});
}

void touch_drag_item(TouchDrag kind) {
  const ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImVec2 ca = dl->GetClipRectMin(), cb = dl->GetClipRectMax();
  touch_drag_area(ImVec2(std::max(a.x, ca.x), std::max(a.y, ca.y)), ImVec2(std::min(b.x, cb.x), std::min(b.y, cb.y)),
                  kind);
}

TouchDrag touch_drag_at(ImVec2 p) {
  if (g_drag_context != ImGui::GetCurrentContext() || g_drag_frame != ImGui::GetFrameCount()) return TouchDrag::kNone;
  TouchDrag best = TouchDrag::kNone;
  for (const DragArea& d : g_drag_areas)
    if (contains(d.min, d.max, p) && d.kind > best) best = d.kind;
  return best;
}

void trace_grid_cells(float cell, bool numbers, float visible_w) {
  if (!trace_is_current() || g_trace.empty()) return;
  g_trace.back().cell = cell, g_trace.back().numbers = numbers, g_trace.back().visible_w = visible_w;
}

const std::vector<GridTrace>& grid_frame_trace() {
  static const std::vector<GridTrace> none;
  return trace_is_current() ? g_trace : none;
}

}  // namespace cs
