// theme.cpp - style colours, spacing and the embedded fonts: DejaVu Sans,
// plus the NanumGothic subset (cmake/Fonts.cmake) merged in only while the
// UI is in Korean, with glyph ranges built from the catalogue's Korean texts.
#include "ui/theme.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "i18n/i18n.h"
#include "imgui_internal.h"  // RenderCheckMark

namespace cs {

extern const std::uint8_t kUiFontTtf[];
extern const std::size_t kUiFontTtfSize;
extern const std::uint8_t kKoFontTtf[];
extern const std::size_t kKoFontTtfSize;

namespace {
ImVec2 g_atlas_size;

// Exactly the characters of the Korean column (the subset holds only its
// Hangul; everything else is already in DejaVu and is skipped by the merge).
const ImWchar* korean_ranges() {
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder b;
    std::size_t n = 0;
    const i18n::Entry* e = i18n::catalogue(&n);
    for (std::size_t i = 0; i < n; ++i) b.AddText(e[i].ko);
    b.BuildRanges(&ranges);
  }
  return ranges.Data;
}
}  // namespace

ImVec2 theme_atlas_size() { return g_atlas_size; }

void theme_apply(float size_px, float dpr) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the bytes are static
  cfg.OversampleH = dpr >= 2.0f ? 1 : 2;  // sub-pixel positioning matters at ratio 1; at 2+ it only doubles the atlas
  cfg.OversampleV = 1;
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x2070, 0x209F,
                                   0x2190, 0x21FF, 0x2200, 0x22FF, 0x25A0, 0x25FF, 0};
  io.Fonts->AddFontFromMemoryTTF(const_cast<std::uint8_t*>(kUiFontTtf),
                                 static_cast<int>(kUiFontTtfSize), size_px * dpr, &cfg,
                                 ranges);
  if (i18n::language() == i18n::Lang::kKo) {
    ImFontConfig ko;
    ko.FontDataOwnedByAtlas = false;
    ko.MergeMode = true;
    ko.OversampleH = 1;  // Hangul is dense: 1x keeps the atlas small and stays crisp at dpr
    ko.OversampleV = 1;
    io.Fonts->AddFontFromMemoryTTF(const_cast<std::uint8_t*>(kKoFontTtf), static_cast<int>(kKoFontTtfSize),
                                   size_px * dpr, &ko, korean_ranges());
  }
  io.Fonts->Build();
  g_atlas_size = ImVec2(static_cast<float>(io.Fonts->TexWidth), static_cast<float>(io.Fonts->TexHeight));
  io.FontGlobalScale = 1.0f / dpr;

  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  ImGui::StyleColorsLight(&s);
  s.WindowRounding = 0;
  s.FrameRounding = 4;
  s.GrabRounding = 4;
  s.TabRounding = 4;
  s.FramePadding = ImVec2(8, 5);
  s.ItemSpacing = ImVec2(8, 7);
  s.WindowPadding = ImVec2(12, 10);
  s.ScrollbarSize = 16;
  s.GrabMinSize = 14;
  s.FrameBorderSize = 1;
  ImVec4* c = s.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.975f, 0.972f, 0.962f, 1);
  c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_Border] = ImVec4(0.80f, 0.79f, 0.76f, 1);
  c[ImGuiCol_FrameBg] = ImVec4(0.90f, 0.91f, 0.94f, 1);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.82f, 0.86f, 0.95f, 1);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.74f, 0.80f, 0.95f, 1);
  // Light grabs: a slider's number is drawn over its grab and must stay
  // readable (tests/browser/phone.mjs finds the timeline by this colour).
  c[ImGuiCol_SliderGrab] = ImVec4(0.59f, 0.65f, 0.78f, 1);
  c[ImGuiCol_SliderGrabActive] = ImVec4(0.50f, 0.57f, 0.74f, 1);
  c[ImGuiCol_CheckMark] = ImVec4(0.20f, 0.35f, 0.75f, 1);
  c[ImGuiCol_Button] = ImVec4(0.86f, 0.88f, 0.93f, 1);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.74f, 0.80f, 0.93f, 1);
  c[ImGuiCol_ButtonActive] = ImVec4(0.60f, 0.70f, 0.92f, 1);
  c[ImGuiCol_Header] = ImVec4(0.86f, 0.88f, 0.93f, 1);
  c[ImGuiCol_Tab] = ImVec4(0.88f, 0.88f, 0.86f, 1);
  c[ImGuiCol_TabActive] = ImVec4(0.72f, 0.79f, 0.94f, 1);
  c[ImGuiCol_TabHovered] = ImVec4(0.78f, 0.84f, 0.96f, 1);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.72f, 0.79f, 0.94f, 1);
}

void same_line_if_fits(float width) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + st.ItemSpacing.x + width <= right) ImGui::SameLine();
}

float button_width(const char* label) {
  const char* end = std::strstr(label, "##");  // ImGui hides what follows "##"
  return ImGui::CalcTextSize(label, end).x + ImGui::GetStyle().FramePadding.x * 2;
}

void theme_check_mark() {
  // Drawn, as ImGui draws a checkbox's tick, rather than the glyph U+2713:
  // one more glyph would double the Korean atlas at pixel ratio 2
  // (tests/theme_atlas_test.cpp), and a missing one prints "?".
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(h, h));
  ImGui::RenderCheckMark(ImGui::GetWindowDrawList(), ImVec2(p.x + h * 0.1f, p.y + h * 0.1f),
                         ImGui::GetColorU32(ImGuiCol_Text), h * 0.8f);
}

void theme_heading(const char* text) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(40, 60, 110, 255));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  ImGui::Separator();
}

bool theme_choice_button(const char* label, bool chosen) {
  if (chosen) {
    const ImU32 accent = IM_COL32(40, 60, 110, 255);
    ImGui::PushStyleColor(ImGuiCol_Button, accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, accent);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
  }
  const bool clicked = ImGui::SmallButton(label);
  if (chosen) ImGui::PopStyleColor(4);
  return clicked && !chosen;
}

}  // namespace cs
