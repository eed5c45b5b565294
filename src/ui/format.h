// format.h - how numbers are written on screen: the shortest text that
// reads back to the same float (so every number is exactly the engine's),
// with -inf and NaN spelled out.
#pragma once

#include <string>

#include "i18n/i18n.h"

namespace cs {

// The one number format (number_text, core/json.h): the shortest text that
// reads back to the same float. Also usable as an ImGui drag format, which
// shows a format without '%' as it is.
std::string num(float v);

// UI text comes from the catalogue (i18n/i18n.h).
using i18n::tr;
// A translated widget label with a stable ImGui id: "Undo###undo", so
// switching language keeps focus, open tabs and keyboard navigation.
std::string lbl(const char* key, const char* id);
// Catalogue keys of the preset names ("preset.Sobel x (vertical edges)").
std::string kernel_preset_key(int preset);
std::string input_preset_key(int preset);
// An undo/redo label ("add conv layer", "kernel preset: Sharpen") in the UI
// language; Keras parameter names are shown as they are.
std::string history_text(const std::string& label);

}  // namespace cs
