// grid_view.h - draws a small grid of numbers with ImGui draw lists.
// A view only: it reads values and returns which cell the pointer is on;
// the caller decides what a click or a hover means. Large grids zoom and
// pan inside their box (two-finger pinch, Ctrl + wheel); a grid given a
// cursor takes keyboard focus (arrow keys move it, Enter/Space act on it).
// [SECTION] Grids
// [SECTION] Touch and keyboard reach
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "imgui.h"

namespace cs {

// [SECTION] Grids

struct GridStyle {
  float cell = 34.0f;          // cell size in pixels
  float lo = 0.0f, hi = 1.0f;  // value range for the colour
  bool diverging = false;      // signed values: blue < 0 < orange
  bool show_numbers = true;
  int pad_top = 0, pad_bottom = 0, pad_left = 0, pad_right = 0;
  float pad_value = 0.0f;      // shown in padding cells (0, or -inf)
  int filled = -1;             // cells [0, filled) in row-major order drawn; -1 all
  // Optional viewport in padded coordinates (large grids show a window of
  // cells around the action); view_h/view_w <= 0 draws everything.
  int view_y0 = 0, view_x0 = 0, view_h = 0, view_w = 0;
  bool zoomable = true;        // pinch / Ctrl + wheel zoom inside the box
  float fresh_alpha = 1.0f;    // opacity of cell filled-1, the one just written (it fades in)
};

// A rectangle of cells in padded coordinates, outlined on top of the grid.
struct GridMark {
  int y = 0, x = 0, h = 0, w = 0;
  ImU32 color = 0;
  float thickness = 2.0f;
  float dy = 0.0f, dx = 0.0f;  // drawn this far (cells) from y, x: the window gliding
};

// A cell chosen with the keyboard, in unpadded coordinates; the caller keeps
// it between frames (y, x < 0: not placed yet, starts in the middle).
struct GridCursor {
  int y = -1, x = -1;
};

// Extra layers drawn over the cells (all optional).
struct GridOverlay {
  const std::uint8_t* field = nullptr;  // rows*cols mask (unpadded): receptive field
  const std::vector<int>* uncovered_rows = nullptr;  // unpadded rows no window reads
  const std::vector<int>* uncovered_cols = nullptr;
  int selected_y = -1, selected_x = -1;  // unpadded cell being edited
  GridCursor* cursor = nullptr;  // set: the grid is reachable by keyboard
};

// What the pointer did on the grid this frame, in unpadded coordinates
// (y, x may be outside [0, rows) x [0, cols) on padding; -1000 if none).
struct GridInput {
  int y = -1000, x = -1000;
  bool hovered = false;
  bool clicked = false;   // released without dragging
  bool held = false;      // pressed (painting)
  // Keyboard (with GridOverlay::cursor): the grid has keyboard focus and
  // shows the cursor, which the caller treats as hovered; Enter or Space
  // was pressed on it. cursor_min/max: its cell on screen (for a tooltip).
  bool focused = false;
  bool activated = false;
  ImVec2 cursor_min, cursor_max;
  bool on_cell() const { return hovered; }
};

// Draws rows x cols values (value(y,x) = data[(y*cols + x)*step]) with the
// padding as a hatched border; marks are in padded coordinates. Advances
// the ImGui cursor.
GridInput draw_grid(const char* id, const float* data, int rows, int cols, int step,
                    const GridStyle& style, const GridMark* marks, int mark_count,
                    const GridOverlay& overlay = {});

// Background and text colours for a value under a style.
ImU32 grid_cell_color(float v, const GridStyle& style);
ImU32 grid_text_color(float v, const GridStyle& style);

// [SECTION] Touch and keyboard reach

// This frame's two-finger gesture in ImGui pixels. The platform layer reads
// the fingers (platform/touch.cpp) and hands it over before each frame
// (App::set_pinch); the grid under the fingers when the second one lands
// takes the whole gesture.
struct GridPinch {
  bool active = false;  // two fingers are down
  bool began = false;   // the second finger landed since the last frame
  float scale = 1.0f;   // finger spread now / at the last frame
  ImVec2 centre;        // midpoint of the fingers now
  ImVec2 pan;           // how far the midpoint moved since the last frame
};
void grid_set_pinch(const GridPinch& pinch);

// The zoom of one item's content inside its fixed box: the point p of the
// unzoomed content is drawn at box_min + p * scale - pan.
struct GridZoom {
  float scale = 1.0f;
  ImVec2 pan;
};
// For the item just submitted (a grid, a picture): applies this frame's
// pinch and Ctrl + mouse wheel to it and returns its zoom (kept per item
// id). `name` only labels it in grid_frame_trace().
GridZoom grid_zoom_item(const char* name, float max_scale);
// Pans the last item's zoom so the rectangle [a, b] (unzoomed content,
// relative to the box) is in sight, and returns the zoom: the keyboard
// cursor never walks out of a zoomed box.
GridZoom grid_zoom_reveal(ImVec2 a, ImVec2 b);

// For the item just submitted, covering rows x cols cells: while it has
// keyboard focus, the arrow keys move `cursor` (Shift: 8 cells; at an
// edge the key leaves the grid as usual) and Enter or Space activate it.
// Sets GridInput's focused and activated (cursor_min/max are left alone).
void grid_keyboard_cursor(int rows, int cols, GridCursor* cursor, GridInput* input);

// One finger on a touch screen scrolls the panel under it (platform/
// touch.cpp), except where a drag edits: items that paint, draw or scrub
// under a drag mark themselves each frame. kAny takes a drag in every
// direction (a grid being painted, the drawing pad); kHorizontal only a
// sideways one (sliders: a vertical swipe over them still scrolls).
enum class TouchDrag { kNone, kHorizontal, kAny };
void touch_drag_area(ImVec2 min, ImVec2 max, TouchDrag kind);
// The item just submitted (its part inside the window's clip rectangle).
void touch_drag_item(TouchDrag kind = TouchDrag::kHorizontal);
// For sliders, around the call: `if (touch_slides(ImGui::SliderInt(...)))`.
inline bool touch_slides(bool edited) {
  touch_drag_item(TouchDrag::kHorizontal);
  return edited;
}
// What a finger landing at p (screen) would drag in the last frame built.
TouchDrag touch_drag_at(ImVec2 p);

// What the zoomable items drew this frame: the web build shows it to tests
// (globalThis.__convscope.grids).
struct GridTrace {
  std::string name;
  ImVec2 min, max;  // the box on screen
  GridZoom zoom;
  float cell = 0.0f;      // a cell's side on screen (zoom included), 0 for pictures
  bool numbers = false;   // its cells are big enough to print their numbers
  float visible_w = 0.0f; // the part of the box's width its window does not clip
};
const std::vector<GridTrace>& grid_frame_trace();

}  // namespace cs
