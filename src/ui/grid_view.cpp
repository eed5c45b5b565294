// grid_view.cpp - cell colours (viridis / diverging), numbers, hatched padding.
#include "ui/grid_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cs {

namespace {

// Viridis at 9 stops, linearly interpolated: perceptually ordered and safe
// for colour-blind readers; numbers are printed on top anyway.
ImVec4 viridis(float t) {
  static const float k[9][3] = {
      {0.267f, 0.005f, 0.329f}, {0.283f, 0.141f, 0.458f}, {0.254f, 0.265f, 0.530f},
      {0.207f, 0.372f, 0.553f}, {0.164f, 0.471f, 0.558f}, {0.128f, 0.567f, 0.551f},
      {0.135f, 0.659f, 0.518f}, {0.267f, 0.749f, 0.441f}, {0.993f, 0.906f, 0.144f}};
  t = t < 0 ? 0 : (t > 1 ? 1 : t);
  const float f = t * 8.0f;
  const int i = f >= 8.0f ? 7 : static_cast<int>(f);
  const float u = f - static_cast<float>(i);
  return ImVec4(k[i][0] + (k[i + 1][0] - k[i][0]) * u, k[i][1] + (k[i + 1][1] - k[i][1]) * u,
                k[i][2] + (k[i + 1][2] - k[i][2]) * u, 1.0f);
}

ImVec4 diverging(float t) {  // 0 blue (dark), 0.5 white, 1 orange
  const ImVec4 neg(0.13f, 0.40f, 0.67f, 1), mid(0.97f, 0.97f, 0.97f, 1), pos(0.90f, 0.47f, 0.10f, 1);
  t = t < 0 ? 0 : (t > 1 ? 1 : t);
  const ImVec4& a = t < 0.5f ? neg : mid;
  const ImVec4& b = t < 0.5f ? mid : pos;
  const float u = t < 0.5f ? t * 2.0f : (t - 0.5f) * 2.0f;
  return ImVec4(a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u, a.z + (b.z - a.z) * u, 1);
}

float normalised(float v, const GridStyle& s) {
  if (s.diverging) {
    const float m = std::fmax(std::fabs(s.lo), std::fabs(s.hi));
    return m > 0 ? 0.5f + 0.5f * v / m : 0.5f;
  }
  return s.hi > s.lo ? (v - s.lo) / (s.hi - s.lo) : 0.5f;
}

void format_value(char* buf, std::size_t n, float v) {
  if (std::isnan(v)) {
    std::snprintf(buf, n, "NaN");
  } else if (std::isinf(v)) {
    std::snprintf(buf, n, v > 0 ? "inf" : "-inf");
  } else if (v == std::round(v) && std::fabs(v) < 1000) {
    std::snprintf(buf, n, "%d", static_cast<int>(v));
  } else if (std::fabs(v) >= 100) {
    std::snprintf(buf, n, "%.0f", static_cast<double>(v));
  } else if (std::fabs(v) >= 10) {
    std::snprintf(buf, n, "%.1f", static_cast<double>(v));
  } else {
    std::snprintf(buf, n, "%.2f", static_cast<double>(v));
  }
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
  // Everything below is drawn in padded coordinates shifted by the viewport.
  const ImVec2 origin(cursor.x - s.cell * static_cast<float>(vx0), cursor.y - s.cell * static_cast<float>(vy0));
  const ImVec2 size(s.cell * static_cast<float>(pcol), s.cell * static_cast<float>(prow));
  ImGui::InvisibleButton(id, size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float font = ImGui::GetFontSize();
  char text[32];
  if (ImGui::IsItemHovered() || ImGui::IsItemActive()) {
    const ImVec2 m = ImGui::GetMousePos();
    const int hx = static_cast<int>(std::floor((m.x - origin.x) / s.cell));
    const int hy = static_cast<int>(std::floor((m.y - origin.y) / s.cell));
    if (hx >= vx0 && hx < vx0 + pcol && hy >= vy0 && hy < vy0 + prow) {
      input.y = hy - s.pad_top;
      input.x = hx - s.pad_left;
      input.hovered = true;
      input.held = ImGui::IsItemActive();
      input.clicked = ImGui::IsItemDeactivated() && ImGui::IsItemHovered() &&
                      ImGui::GetIO().MouseDragMaxDistanceSqr[0] <
                          ImGui::GetIO().MouseDragThreshold * ImGui::GetIO().MouseDragThreshold;
    }
  }
  for (int py = vy0; py < vy0 + prow; ++py) {
    for (int px = vx0; px < vx0 + pcol; ++px) {
      const ImVec2 a(origin.x + s.cell * static_cast<float>(px), origin.y + s.cell * static_cast<float>(py));
      const ImVec2 b(a.x + s.cell, a.y + s.cell);
      const int y = py - s.pad_top, x = px - s.pad_left;
      const bool pad = y < 0 || y >= rows || x < 0 || x >= cols;
      float v = s.pad_value;
      if (pad) {
        // Padding: pale, hatched, clearly not part of the input.
        dl->AddRectFilled(a, b, IM_COL32(236, 232, 222, 255));
        for (float d = 4; d < s.cell * 2; d += 6) {
          const ImVec2 p0(a.x + (d < s.cell ? d : s.cell), a.y + (d < s.cell ? 0 : d - s.cell));
          const ImVec2 p1(a.x + (d < s.cell ? 0 : d - s.cell), a.y + (d < s.cell ? d : s.cell));
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
        dl->AddRectFilled(a, b, grid_cell_color(v, s));
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
      if (s.show_numbers && s.cell >= font * 1.4f) {
        format_value(text, sizeof text, v);
        const ImVec2 ts = ImGui::CalcTextSize(text);
        const ImU32 tc = pad ? IM_COL32(120, 110, 90, 255) : grid_text_color(v, s);
        dl->AddText(ImVec2(a.x + (s.cell - ts.x) * 0.5f, a.y + (s.cell - ts.y) * 0.5f), tc, text);
      }
    }
  }
  dl->PushClipRect(cursor, ImVec2(cursor.x + size.x, cursor.y + size.y), true);
  for (int i = 0; i < mark_count; ++i) {
    const GridMark& m = marks[i];
    const ImVec2 a(origin.x + s.cell * static_cast<float>(m.x), origin.y + s.cell * static_cast<float>(m.y));
    const ImVec2 b(a.x + s.cell * static_cast<float>(m.w), a.y + s.cell * static_cast<float>(m.h));
    dl->AddRect(a, b, m.color, 2.0f, 0, m.thickness);
  }
  dl->PopClipRect();
  return input;
}

}  // namespace cs
