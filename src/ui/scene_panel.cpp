// scene_panel.cpp - input and layer editors with Keras parameter names.
// [SECTION] Input
// [SECTION] Layer stack
// [SECTION] Layer parameters
#include "ui/scene_panel.h"

#include <algorithm>
#include <string>

#include "core/trace.h"
#include "i18n/i18n.h"
#include "ui/format.h"
#include "imgui.h"
#include "model/presets.h"
#include "ui/theme.h"

namespace cs {

namespace {

// Queues "apply this edit to a copy of the scene".
template <typename F>
void edit(CommandQueue& q, const std::string& label, F f, bool merge = false) {
  q.push_back([=](Session& s) {
    Scene sc = s.scene();
    f(sc);
    s.apply(std::move(sc), label, merge);
  });
}

// [SECTION] Input

void draw_input_section(const Session& s, ScenePanelState* st, CommandQueue& q) {
  const TensorShape& sh = s.scene().input.shape;
  theme_heading(tr("scene.input"));
  if (sh.h > 32 || sh.w > 32) {  // a picture (image mode): no cell editing here
    ImGui::TextWrapped(tr("scene.picture"), sh.h, sh.w, sh.c);
    if (ImGui::Button(lbl("scene.small_grid", "smallgrid").c_str())) {
      edit(q, "small grid", [](Scene& sc) {
        sc.input.shape = {7, 7, 1, false};
        sc.input.data = make_input(InputPreset::kDigit, 7, 7, 1, 7u);
      });
    }
    return;
  }
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##preset", tr(input_preset_key(st->preset).c_str()))) {
    for (int p = 0; p < static_cast<int>(InputPreset::kCount); ++p) {
      if (ImGui::Selectable(tr(input_preset_key(p).c_str()), p == st->preset)) {
        st->preset = p;
        edit(q, std::string("input preset: ") + input_preset_name(static_cast<InputPreset>(p)), [=](Scene& sc) {
          sc.input.data = make_input(static_cast<InputPreset>(p), sc.input.shape.h, sc.input.shape.w,
                                     sc.input.shape.c, 7u + static_cast<std::uint32_t>(sc.input.data.size()));
        });
      }
    }
    ImGui::EndCombo();
  }
  if (!sh.one_d) {
    int hw[2] = {sh.h, sh.w};
    ImGui::SetNextItemWidth(-90);
    if (ImGui::SliderInt2(lbl("scene.height_width", "hw").c_str(), hw, 2, 32, "%d", ImGuiSliderFlags_AlwaysClamp)) {
      const int p = st->preset;
      edit(q, "resize input", [=](Scene& sc) {
        sc.input.shape.h = hw[0], sc.input.shape.w = hw[1];
        sc.input.data = make_input(static_cast<InputPreset>(p), hw[0], hw[1], sc.input.shape.c, 7u);
      }, true);
    }
  }
  int c = sh.c;
  ImGui::SetNextItemWidth(-90);
  if (ImGui::SliderInt(lbl("scene.channels", "channels").c_str(), &c, 1, 4, "%d", ImGuiSliderFlags_AlwaysClamp) && c != sh.c) {
    const int p = st->preset;
    edit(q, "input channels", [=](Scene& sc) {
      sc.input.shape.c = c;
      sc.input.data = make_input(static_cast<InputPreset>(p), sc.input.shape.h, sc.input.shape.w, c, 7u);
    }, true);
  }
  ImGui::Checkbox(lbl("scene.paint", "paint").c_str(), &st->paint);
  if (st->paint) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderFloat("##brush", &st->brush, -9.0f, 9.0f, tr("scene.brush"));
  }
  ImGui::TextDisabled("%s", tr(st->paint ? "scene.paint_hint" : "scene.type_hint"));
}

// [SECTION] Layer stack

Layer default_conv() {
  Layer l;
  l.type = LayerType::kConv2D;
  l.filters = 1;
  l.kernel_size = {3, 3};
  l.padding = PaddingMode::kSame;
  l.activation = Activation::kRelu;
  return l;
}

Layer default_pool(LayerType t) {
  Layer l;
  l.type = t;
  l.kernel_size = {2, 2};
  l.strides = {2, 2};
  return l;
}

void draw_stack_section(const Session& s, CommandQueue& q) {
  theme_heading(tr("scene.layers"));
  const Scene& sc = s.scene();
  for (int i = 0; i < static_cast<int>(sc.layers.size()); ++i) {
    const Layer& l = sc.layers[static_cast<std::size_t>(i)];
    std::string label = std::to_string(i + 1) + ". " + layer_type_name(l.type);
    if (s.valid()) {
      const std::vector<int> d = s.run().plan.shapes[static_cast<std::size_t>(i + 1)].dims();
      label += "  \xE2\x86\x92 (";  // arrow
      for (std::size_t k = 0; k < d.size(); ++k) label += (k ? ", " : "") + std::to_string(d[k]);
      label += ")";
    }
    ImGui::PushID(i);
    if (ImGui::Selectable(label.c_str(), i == s.layer())) q.push_back([=](Session& ss) { ss.set_layer(i); });
    ImGui::PopID();
  }
  const bool one_d = sc.input.shape.one_d;
  const bool full = sc.layers.size() >= 16;
  ImGui::BeginDisabled(full);
  if (ImGui::SmallButton(one_d ? "+ Conv1D" : "+ Conv2D")) {
    edit(q, "add conv layer", [=](Scene& x) {
      Layer l = default_conv();
      if (one_d) l.type = LayerType::kConv1D, l.kernel_size = {1, 3};
      x.layers.push_back(l);
    });
    q.push_back([](Session& ss) { ss.set_layer(static_cast<int>(ss.scene().layers.size()) - 1); });
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("+ MaxPooling")) {
    edit(q, "add max pooling", [=](Scene& x) {
      Layer l = default_pool(one_d ? LayerType::kMaxPooling1D : LayerType::kMaxPooling2D);
      if (one_d) l.kernel_size = {1, 2}, l.strides = {1, 2};
      x.layers.push_back(l);
    });
    q.push_back([](Session& ss) { ss.set_layer(static_cast<int>(ss.scene().layers.size()) - 1); });
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("+ AvgPooling")) {
    edit(q, "add average pooling", [=](Scene& x) {
      Layer l = default_pool(one_d ? LayerType::kAveragePooling1D : LayerType::kAveragePooling2D);
      if (one_d) l.kernel_size = {1, 2}, l.strides = {1, 2};
      x.layers.push_back(l);
    });
    q.push_back([](Session& ss) { ss.set_layer(static_cast<int>(ss.scene().layers.size()) - 1); });
  }
  ImGui::EndDisabled();
  const int cur = s.layer();
  ImGui::BeginDisabled(sc.layers.size() <= 1);
  if (ImGui::SmallButton(lbl("scene.remove_layer", "rmlayer").c_str())) {
    edit(q, "remove layer", [=](Scene& x) { x.layers.erase(x.layers.begin() + cur); });
  }
  ImGui::EndDisabled();
}

// [SECTION] Layer parameters

const char* const kPaddingNames[] = {"valid", "same", "full", "explicit"};
const char* const kActivationNames[] = {"linear", "relu", "sigmoid", "tanh"};

void draw_layer_section(const Session& s, CommandQueue& q) {
  const Scene& sc = s.scene();
  if (sc.layers.empty()) return;
  const int i = s.layer();
  const Layer& l = sc.layers[static_cast<std::size_t>(i)];
  const bool conv = is_conv(l.type), one_d = is_1d(l.type);
  theme_heading(i18n::trf("scene.layer_n", i + 1, layer_type_name(l.type)).c_str());
  auto set = [&](const std::string& label, auto f, bool merge = true) {
    edit(q, label, [=](Scene& x) { f(x.layers[static_cast<std::size_t>(i)]); }, merge);
  };
  const float w = -110;
  if (conv) {
    int filters = l.filters;
    ImGui::SetNextItemWidth(w);
    if (ImGui::SliderInt("filters", &filters, 1, 16, "%d", ImGuiSliderFlags_AlwaysClamp) && filters != l.filters)
      set("filters", [=](Layer& x) { x.filters = filters; });
  }
  const char* size_name = conv ? "kernel_size" : "pool_size";
  if (one_d) {
    int k = l.kernel_size[1];
    ImGui::SetNextItemWidth(w);
    if (ImGui::SliderInt(size_name, &k, 1, 9, "%d", ImGuiSliderFlags_AlwaysClamp) && k != l.kernel_size[1])
      set(size_name, [=](Layer& x) { x.kernel_size = {1, k}; });
    int st = l.strides[1];
    ImGui::SetNextItemWidth(w);
    if (ImGui::SliderInt("strides", &st, 1, 4, "%d", ImGuiSliderFlags_AlwaysClamp) && st != l.strides[1])
      set("strides", [=](Layer& x) { x.strides = {1, st}; });
  } else {
    int k[2] = {l.kernel_size[0], l.kernel_size[1]};
    ImGui::SetNextItemWidth(w);
    if (ImGui::SliderInt2(size_name, k, 1, 9, "%d", ImGuiSliderFlags_AlwaysClamp) &&
        (k[0] != l.kernel_size[0] || k[1] != l.kernel_size[1]))
      set(size_name, [=](Layer& x) { x.kernel_size = {k[0], k[1]}; });
    int st[2] = {l.strides[0], l.strides[1]};
    ImGui::SetNextItemWidth(w);
    if (ImGui::SliderInt2("strides", st, 1, 4, "%d", ImGuiSliderFlags_AlwaysClamp) &&
        (st[0] != l.strides[0] || st[1] != l.strides[1]))
      set("strides", [=](Layer& x) { x.strides = {st[0], st[1]}; });
  }
  int pm = static_cast<int>(l.padding);
  ImGui::SetNextItemWidth(w);
  if (ImGui::Combo("padding", &pm, kPaddingNames, 4) && pm != static_cast<int>(l.padding)) {
    set("padding", [=](Layer& x) { x.padding = static_cast<PaddingMode>(pm); }, false);
  }
  if (l.padding == PaddingMode::kExplicit) {
    int p[4] = {l.pads[0], l.pads[1], l.pads[2], l.pads[3]};
    ImGui::SetNextItemWidth(w);
    if (ImGui::SliderInt4("top,bottom,left,right", p, 0, 4, "%d", ImGuiSliderFlags_AlwaysClamp))
      set("explicit padding", [=](Layer& x) { x.pads = {p[0], p[1], p[2], p[3]}; });
  }
  if (conv) {
    int d = l.dilation_rate[1];
    ImGui::SetNextItemWidth(w);
    if (ImGui::SliderInt("dilation_rate", &d, 1, 3, "%d", ImGuiSliderFlags_AlwaysClamp) && d != l.dilation_rate[1])
      set("dilation_rate", [=](Layer& x) { x.dilation_rate = {one_d ? 1 : d, d}; });
    int a = static_cast<int>(l.activation);
    ImGui::SetNextItemWidth(w);
    if (ImGui::Combo("activation", &a, kActivationNames, 4) && a != static_cast<int>(l.activation))
      set("activation", [=](Layer& x) { x.activation = static_cast<Activation>(a); }, false);
    bool b = l.use_bias;
    if (ImGui::Checkbox("use_bias", &b)) set("use_bias", [=](Layer& x) { x.use_bias = b; }, false);
  } else if (pool_kind(l.type) == PoolKind::kAverage) {
    bool c = l.count_include_pad;
    if (ImGui::Checkbox("count_include_pad (PyTorch)", &c))
      set("count_include_pad", [=](Layer& x) { x.count_include_pad = c; }, false);
    ImGui::TextDisabled("%s", tr("scene.keras_real_cells"));
  }
  ImGui::Spacing();
  ImGui::TextDisabled("Keras:");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(keras_line(l).c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace

void draw_scene_panel(const Session& s, ScenePanelState* st, CommandQueue& q) {
  draw_input_section(s, st, q);
  draw_stack_section(s, q);
  draw_layer_section(s, q);
}

}  // namespace cs
