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
  for (const TensorShape& sh : run.plan.shapes) {
    if (sh.w > 64 || sh.h > 64) {
      ImGui::TextWrapped(tr("stack.too_large"), sh.h, sh.w);
      return;
    }
  }
  // One cell size for all levels so sizes compare honestly.
  int total_w = 0;
  for (int l = 0; l < levels; ++l) total_w += run.plan.shapes[static_cast<std::size_t>(l)].w + 1;
  const float cell = std::clamp(width / static_cast<float>(std::max(1, total_w)), 8.0f, 36.0f);
  for (int l = 0; l < levels; ++l) {
    const Tensor& t = l == 0 ? sc.input : run.outputs[static_cast<std::size_t>(l - 1)];
    const int ch = std::min(sel.level == l ? std::max(0, sel.c) : 0, t.shape.c - 1);
    if (l > 0) ImGui::SameLine(0, cell);
    ImGui::BeginGroup();
    if (l == 0) {
      ImGui::TextUnformatted(tr("stack.input"));
    } else {
      ImGui::Text("%d. %s", l, layer_type_name(sc.layers[static_cast<std::size_t>(l - 1)].type));
    }
    const std::vector<int> d = t.shape.dims();
    std::string dims = "(";
    for (std::size_t k = 0; k < d.size(); ++k) dims += (k ? ", " : "") + std::to_string(d[k]);
    ImGui::TextDisabled("%s)", dims.c_str());
    GridStyle st;
    st.cell = cell;
    float lo = 0, hi = 0;
    for (std::size_t i = static_cast<std::size_t>(ch); i < t.data.size(); i += static_cast<std::size_t>(t.shape.c))
      if (std::isfinite(t.data[i])) lo = std::min(lo, t.data[i]), hi = std::max(hi, t.data[i]);
    st.lo = lo, st.hi = hi > lo ? hi : lo + 1;
    st.show_numbers = cell >= 24;
    GridOverlay ov;
    const FieldStack* f = s.field();
    if (f && l < static_cast<int>(f->masks.size())) {
      const CellMask& m = f->masks[static_cast<std::size_t>(l)];
      if (m.h == t.shape.h && m.w == t.shape.w) ov.field = m.on.data();
    }
    if (sel.level == l) ov.selected_y = sel.y, ov.selected_x = sel.x;
    g_cursors.resize(static_cast<std::size_t>(levels));
    GridCursor& cur = g_cursors[static_cast<std::size_t>(l)];
    if (cur.y < 0 && sel.level == l) cur = {sel.y, sel.x};  // the keyboard starts where the selection is
    ov.cursor = &cur;
    ImGui::PushID(l);
    const GridInput gi = draw_grid("##lvl", t.data.data() + ch, t.shape.h, t.shape.w, t.shape.c, st, nullptr, 0, ov);
    ImGui::PopID();
    if (gi.focused) {  // the keyboard cursor: a hover that Enter or Space pins
      const CellRef c{l, cur.y, cur.x, ch};
      if (hover) *hover = c;
      ImGui::SetNextWindowPos(ImVec2(gi.cursor_max.x + 6, gi.cursor_min.y));
      ImGui::SetTooltip("(%d, %d, %d) = %s\n%s", cur.y, cur.x, ch, num(t.at(cur.y, cur.x, ch)).c_str(),
                        tr(s.pinned() && sel == c ? "stack.key_release" : "stack.key_pin"));
      if (gi.activated) q.push_back([=](Session& ss) { ss.pin(c); });
    } else if (gi.hovered && gi.y >= 0 && gi.y < t.shape.h && gi.x >= 0 && gi.x < t.shape.w) {
      const CellRef c{l, gi.y, gi.x, ch};
      if (hover) *hover = c;
      ImGui::SetTooltip("(%d, %d, %d) = %s", gi.y, gi.x, ch, num(t.at(gi.y, gi.x, ch)).c_str());
      if (gi.clicked) {
        cur = {gi.y, gi.x};  // the keyboard carries on from a click
        q.push_back([=](Session& ss) { ss.pin(c); });
      }
    }
    ImGui::EndGroup();
  }
}

}  // namespace cs
