// element_view.h - what the walk views of the element families share: the
// walked layer's input with the cells the current element reads marked,
// its output filling in with the current cell framed, and the element's
// rule written out with the numbers. Families without a sliding window
// (Dense, reshaping, normalisation, elementwise, global pooling) draw
// themselves from these pieces plus their own extras.
#pragma once

#include <string>

#include "ui/walk_panel.h"

namespace cs {

// Grids wider or taller than this show a window of cells around the action.
inline constexpr int kElementMaxCells = 32;

// How input and output share the width: side by side when both fit with
// cells big enough for their numbers, else one above the other.
struct ElementLayout {
  bool stacked = false;
  float in_cell = 40.0f, out_cell = 40.0f;
};
ElementLayout element_layout(const Session& s, const WalkPanelOptions& o, bool all_slices);

// The input of the walked layer: the channel slice the element reads (all
// slices when `all_slices`, e.g. to show Flatten's HWC order; softmax's one
// row of channels), its taps outlined. Hovering a cell reports it, with its
// index in the flattened vector when `all_slices`; `title` above it.
void draw_element_input(const Session& s, const WalkPanelOptions& o, float cell, const char* title,
                        bool all_slices = false);
// The output: cells up to the current step shown, the current one framed;
// clicking a cell jumps the walk there.
void draw_element_output(const Session& s, const WalkPanelOptions& o, float cell, CommandQueue& q,
                         const char* title);
// Input and output, laid out by element_layout.
void draw_element_io(const Session& s, const WalkPanelOptions& o, CommandQueue& q,
                     const char* input_title, const char* output_title, bool all_slices = false);
// The element's rule, as the trace writes it, under a heading.
void draw_element_formula(const Session& s, const std::string& caption);
// "output[y, x, c]" or "output[i]" for a vector: which element this step is.
std::string element_name(const Session& s);

}  // namespace cs
