// format.cpp - number and label formatting for the views.
#include "ui/format.h"

#include <cmath>

#include "core/json.h"
#include "core/shape.h"
#include "model/presets.h"

namespace cs {

std::string num(float v) { return number_text(v); }

std::string kernel_preset_key(int preset) {
  return std::string("preset.") + kernel_preset_name(static_cast<KernelPreset>(preset));
}
std::string input_preset_key(int preset) {
  return std::string("preset.") + input_preset_name(static_cast<InputPreset>(preset));
}

std::string history_text(const std::string& label) {
  const std::size_t colon = label.find(": ");
  const std::string head = label.substr(0, colon);
  const char* h = i18n::lookup(("history." + head).c_str(), i18n::language());
  std::string out = h ? h : head;
  if (colon != std::string::npos) {
    const std::string tail = label.substr(colon + 2);
    const char* t = i18n::lookup(("preset." + tail).c_str(), i18n::language());
    out += ": " + std::string(t ? t : tail.c_str());
  }
  return out;
}

std::string lbl(const char* key, const char* id) { return std::string(tr(key)) + "###" + id; }

}  // namespace cs
