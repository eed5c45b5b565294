// grid_view.h - draws a small grid of numbers with ImGui draw lists.
// A view only: it reads values and returns which cell the pointer is on;
// the caller decides what a click or a hover means.
#pragma once

#include <cstdint>
#include <vector>

#include "imgui.h"

namespace cs {

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
};

// A rectangle of cells in padded coordinates, outlined on top of the grid.
struct GridMark {
  int y = 0, x = 0, h = 0, w = 0;
  ImU32 color = 0;
  float thickness = 2.0f;
};

// Extra layers drawn over the cells (all optional).
struct GridOverlay {
  const std::uint8_t* field = nullptr;  // rows*cols mask (unpadded): receptive field
  const std::vector<int>* uncovered_rows = nullptr;  // unpadded rows no window reads
  const std::vector<int>* uncovered_cols = nullptr;
  int selected_y = -1, selected_x = -1;  // unpadded cell being edited
};

// What the pointer did on the grid this frame, in unpadded coordinates
// (y, x may be outside [0, rows) x [0, cols) on padding; -1000 if none).
struct GridInput {
  int y = -1000, x = -1000;
  bool hovered = false;
  bool clicked = false;   // released without dragging
  bool held = false;      // pressed (painting)
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

}  // namespace cs
