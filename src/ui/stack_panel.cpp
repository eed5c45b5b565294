// stack_panel.cpp - the stack as a row of grids with field highlighting.
// Reachable by keyboard: Tab to a grid, arrow keys move its cursor (the
// cursor selects as hovering does), Enter or Space pins and releases.
#include "ui/stack_panel.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "i18n/i18n.h"
#include "imgui.h"
#include "ui/format.h"
#include "ui/grid_view.h"
#include "ui/theme.h"

namespace cs {

namespace {
// UI-only state: each level's keyboard cursor.
std::vector<GridCursor> g_cursors;

constexpr int kMaxDrawn = 64;  // cells a side

// How a level is drawn: rows x cols of one channel slice; a vector is a
// column of its entries (display coordinates (0, i) drawn at (i, 0)).
struct Level {
  int rows = 0, cols = 0;
  bool vector = false, drawn = false;
};

Level level_view(const TensorShape& sh) {
  Level v;
  v.vector = sh.flat;
  v.rows = sh.flat ? sh.c : sh.h;
  v.cols = sh.flat ? 1 : sh.w;
  v.drawn = v.rows <= kMaxDrawn && v.cols <= kMaxDrawn;
  return v;
}

// The display cell (core/layer.h) a drawn cell stands for.
CellRef cell_of(const Level& v, int level, int y, int x, int c) {
  return v.vector ? CellRef{level, 0, y, 0} : CellRef{level, y, x, c};
}

void draw_level(const Session& s, int l, float cell, CellRef* hover, CommandQueue& q) {
  const Scene& sc = s.scene();
  const SceneRun& run = s.run();
  const CellRef sel = s.selection();
  const Tensor& t = l == 0 ? sc.input : run.outputs[static_cast<std::size_t>(l - 1)];
  const Level v = level_view(t.shape);
  const int ch = v.vector ? 0 : std::min(sel.level == l ? std::max(0, sel.c) : 0, t.shape.c - 1);
  ImGui::BeginGroup();
  if (l == 0) {
    ImGui::TextUnformatted(tr("stack.input"));
  } else {
    ImGui::Text("%d. %s", l, layer_type_name(sc.layers[static_cast<std::size_t>(l - 1)].type));
  }
  ImGui::TextDisabled("%s", shape_text(t.shape).c_str());
  if (!v.drawn) {
    ImGui::TextDisabled(tr("stack.level_too_large"), static_cast<long long>(t.shape.elements()));
    ImGui::EndGroup();
    return;
  }
  GridStyle st;
  st.cell = cell;
  float lo = 0, hi = 0;
  const std::size_t step = v.vector ? 1 : static_cast<std::size_t>(t.shape.c);
  for (std::size_t i = static_cast<std::size_t>(ch); i < t.data.size(); i += step)
    if (std::isfinite(t.data[i])) lo = std::min(lo, t.data[i]), hi = std::max(hi, t.data[i]);
  st.lo = lo, st.hi = hi > lo ? hi : lo + 1;
  st.show_numbers = cell >= 24;
  GridOverlay ov;
  const FieldStack* f = s.field();
  if (f && l < static_cast<int>(f->masks.size())) {
    const CellMask& m = f->masks[static_cast<std::size_t>(l)];
    // A vector's mask is one row; the column shows the same cells in order.
    if (static_cast<std::size_t>(m.h) * static_cast<std::size_t>(m.w) ==
        static_cast<std::size_t>(v.rows) * static_cast<std::size_t>(v.cols)) {
      ov.field = m.on.data();
    }
  }
  if (sel.level == l) {
    ov.selected_y = v.vector ? sel.x : sel.y;
    ov.selected_x = v.vector ? 0 : sel.x;
  }
  g_cursors.resize(std::max(g_cursors.size(), static_cast<std::size_t>(l) + 1));
  GridCursor& cur = g_cursors[static_cast<std::size_t>(l)];
  if (cur.y < 0 && sel.level == l) cur = {ov.selected_y, ov.selected_x};  // the keyboard starts at the selection
  ov.cursor = &cur;
  ImGui::PushID(l);
  const GridInput gi = draw_grid("##lvl", t.data.data() + ch, v.rows, v.cols, static_cast<int>(step), st, nullptr, 0, ov);
  ImGui::PopID();
  const auto value_at = [&](int y, int x) { return v.vector ? t.data[static_cast<std::size_t>(y)] : t.at(y, x, ch); };
  if (gi.focused) {  // the keyboard cursor: a hover that Enter or Space pins
    const CellRef c = cell_of(v, l, cur.y, cur.x, ch);
    if (hover) *hover = c;
    ImGui::SetNextWindowPos(ImVec2(gi.cursor_max.x + 6, gi.cursor_min.y));
    ImGui::SetTooltip("(%d, %d, %d) = %s\n%s", c.y, c.x, c.c, num(value_at(cur.y, cur.x)).c_str(),
                      tr(s.pinned() && sel == c ? "stack.key_release" : "stack.key_pin"));
    if (gi.activated) q.push_back([=](Session& ss) { ss.pin(c); });
  } else if (gi.hovered && gi.y >= 0 && gi.y < v.rows && gi.x >= 0 && gi.x < v.cols) {
    const CellRef c = cell_of(v, l, gi.y, gi.x, ch);
    if (hover) *hover = c;
    if (v.vector) {
      ImGui::SetTooltip("[%d] = %s", gi.y, num(value_at(gi.y, gi.x)).c_str());
    } else {
      ImGui::SetTooltip("(%d, %d, %d) = %s", gi.y, gi.x, ch, num(value_at(gi.y, gi.x)).c_str());
    }
    if (gi.clicked) {
      cur = {gi.y, gi.x};  // the keyboard carries on from a click
      q.push_back([=](Session& ss) { ss.pin(c); });
    }
  }
  ImGui::EndGroup();
}

}  // namespace

void draw_stack_panel(const Session& s, float width, CellRef* hover, CommandQueue& q) {
  const Scene& sc = s.scene();
  const SceneRun& run = s.run();
  const int levels = static_cast<int>(sc.layers.size()) + 1;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "%s", tr("stack.intro"));
  ImGui::TextDisabled("%s", tr("stack.keys_hint"));
  ImGui::PopTextWrapPos();
  const CellRef sel = s.selection();
  // The selection's line keeps its room while nothing is hovered: a hover
  // must not push the grids under the pointer down.
  const float line_y = ImGui::GetCursorPosY();
  if (sel.valid()) {
    ImGui::Text(tr("stack.selection"), tr(s.pinned() ? "stack.pinned" : "stack.hovered"), sel.level, sel.y, sel.x,
                s.field() ? "" : tr("stack.no_field"));
    if (s.pinned()) {
      ImGui::SameLine();
      if (ImGui::SmallButton(lbl("stack.release", "release").c_str())) q.push_back([](Session& ss) { ss.unpin(); });
    }
    if (const FieldStack* f = s.field()) {
      ImGui::SameLine();
      ImGui::TextDisabled(tr("stack.field_cells"), f->masks.empty() ? 0 : f->masks[0].count);
    }
  }
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), line_y + ImGui::GetFrameHeightWithSpacing()));
  // One cell size for all levels so sizes compare honestly. Vectors stand
  // as columns (the usual picture of Dense layers); tensors too large to
  // draw are named instead.
  int total_w = 0;
  for (int l = 0; l < levels; ++l) {
    const Level v = level_view(run.plan.shapes[static_cast<std::size_t>(l)]);
    total_w += (v.drawn ? v.cols : 3) + 1;
  }
  const float cell = std::clamp(width / static_cast<float>(std::max(1, total_w)), 8.0f, 36.0f);
  for (int l = 0; l < levels; ++l) {
    if (l > 0) ImGui::SameLine(0, cell);
    draw_level(s, l, cell, hover, q);
  }
}

}  // namespace cs
