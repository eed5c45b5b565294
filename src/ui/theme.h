// theme.h - the look: a light ImGui style, the embedded UI font rasterised
// at the display's pixel density (crisp on high-DPI screens), shared colours.
#pragma once

#include "imgui.h"

namespace cs {

// Colours with a meaning, used by every view so a student learns them once.
namespace palette {
inline constexpr ImU32 kWindow = IM_COL32(226, 74, 51, 255);       // current window
inline constexpr ImU32 kTrail = IM_COL32(226, 74, 51, 70);         // earlier windows
inline constexpr ImU32 kOutputCell = IM_COL32(226, 74, 51, 255);   // cell being written
inline constexpr ImU32 kField = IM_COL32(20, 120, 220, 255);       // receptive field
inline constexpr ImU32 kUncovered = IM_COL32(200, 40, 120, 255);   // never covered
inline constexpr ImU32 kMaxCell = IM_COL32(255, 200, 0, 255);      // chosen max
inline constexpr ImU32 kMuted = IM_COL32(110, 110, 110, 255);
}  // namespace palette

// Sets the style and loads the font at size_px * dpr; call once at start and
// again when the pixel ratio changes. Returns the scale the UI should use.
// The Korean glyphs are merged in only while i18n::language() is Korean;
// call again after a language change (App::font_dirty()).
void theme_apply(float size_px, float dpr);
// Size of the font atlas texture built by the last theme_apply, in pixels.
ImVec2 theme_atlas_size();

// Puts the next item on the current line if `width` pixels still fit in
// the window, else starts a new line (toolbars on phones wrap, not clip).
void same_line_if_fits(float width);
// Width of a button with this label.
float button_width(const char* label);

// Section title with a rule under it.
void theme_heading(const char* text);
// A check mark (a finished task) as an item one text line high, drawn in
// the text colour; put ImGui::SameLine() after it for its words.
void theme_check_mark();
// One of a few choices (EN / KO) as a small button: the chosen one filled
// in the accent colour, clearly selected rather than greyed out. True when
// an unchosen one was clicked.
bool theme_choice_button(const char* label, bool chosen);

}  // namespace cs
