// code_panel.cpp - the formulas-and-code panel over model/code_text.h.
#include "ui/code_panel.h"

#include <algorithm>
#include <cstdio>

#include "core/trace.h"
#include "core/validate.h"
#include "i18n/i18n.h"
#include "ui/format.h"
#include "imgui.h"
#include "model/code_text.h"
#include "ui/theme.h"

namespace cs {

namespace {

void code_block(const char* id, const std::string& text) {
  ImGui::PushID(id);
  if (ImGui::SmallButton(tr("code.copy"))) ImGui::SetClipboardText(text.c_str());
  ImGui::PopID();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(246, 246, 250, 255));
  const float h = ImGui::GetTextLineHeightWithSpacing() *
                  static_cast<float>(std::count(text.begin(), text.end(), '\n') + 1) + 12;
  ImGui::BeginChild(id, ImVec2(0, h), true, ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::TextUnformatted(text.c_str());
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

// model.summary() as a real table: the text's columns only line up in a
// monospace font, and ours is proportional. Copy gives the text.
void summary_table(const Scene& sc, const ScenePlan& plan) {
  if (ImGui::SmallButton(tr("code.copy"))) ImGui::SetClipboardText(model_summary_table(sc, plan).c_str());
  const std::vector<SummaryRow> rows = model_summary_rows(sc, plan);
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("summary", 3, flags)) return;
  ImGui::TableSetupColumn("Layer (type)");
  ImGui::TableSetupColumn("Output Shape");
  ImGui::TableSetupColumn("Param #");
  ImGui::TableHeadersRow();
  for (const SummaryRow& r : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.layer.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.shape.c_str());
    ImGui::TableNextColumn();  // numbers right-aligned, as Keras prints them
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(r.params.c_str()).x);
    ImGui::TextUnformatted(r.params.c_str());
  }
  ImGui::EndTable();
}

}  // namespace

void draw_code_panel(const Session& s, CommandQueue&) {
  const Scene& sc = s.scene();
  if (!s.valid()) {
    ImGui::TextDisabled("%s", tr("code.invalid"));
    code_block("keras", keras_model_code(sc));
    return;
  }
  const SceneRun& run = s.run();
  const int li = s.layer();
  const Layer& l = sc.layers[static_cast<std::size_t>(li)];
  const Geometry2D& g = run.plan.geometry[static_cast<std::size_t>(li)];
  theme_heading(i18n::trf("code.layer_numbers", i18n::ordinal(li + 1).c_str(), layer_type_name(l.type)).c_str());
  ImGui::PushTextWrapPos(0.0f);
  if (!is_1d(l.type)) {
    ImGui::TextUnformatted(tr("code.rows"));
    ImGui::TextUnformatted(output_size_formula(l, g, true).c_str());
    ImGui::TextUnformatted(tr("code.cols"));
  }
  ImGui::TextUnformatted(output_size_formula(l, g, false).c_str());
  ImGui::Text(tr("code.padding"), g.pad_top, g.pad_bottom, g.pad_left, g.pad_right);
  const LayerPlan plan = run.plan.layer(static_cast<std::size_t>(li));
  if (has_key(l.type, "filters")) {
    const std::string bias = l.use_bias ? " + 1" : "";
    ImGui::Text(tr("code.params"), g.kh, g.kw, g.in_c, bias.c_str(),
                g.filters, static_cast<long long>(layer_param_count(l, plan)));
    ImGui::Text(tr("code.macs"),
                g.out_h, g.out_w, g.filters, g.kh, g.kw, g.in_c, static_cast<long long>(layer_macs(l, plan)));
  } else {
    ImGui::TextUnformatted(tr("code.params_pool"));
  }
  ImGui::PopTextWrapPos();
  theme_heading("Keras");
  if (ImGui::SmallButton(tr("code.copy_scene"))) ImGui::SetClipboardText(s.to_json().c_str());
  code_block("keras", keras_model_code(sc, &run.plan));
  theme_heading("model.summary()");
  ImGui::PushID("summary");
  summary_table(sc, run.plan);
  ImGui::PopID();
  theme_heading(tr("code.pytorch"));
  code_block("torch", pytorch_model_code(sc, run.plan));
}

}  // namespace cs
