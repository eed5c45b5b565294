// scene_panel.cpp - input and layer editors with Keras parameter names.
// [SECTION] Input
// [SECTION] Layer stack
// [SECTION] Layer parameters
#include "ui/scene_panel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/activation.h"
#include "core/init.h"
#include "core/layers/family.h"
#include "core/layer_json.h"
#include "core/scene_edit.h"
#include "core/trace.h"
#include "core/validate.h"
#include "i18n/i18n.h"
#include "ui/format.h"
#include "imgui.h"
#include "ui/grid_view.h"
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

// Whether the input is still what the chosen preset makes (with either seed
// the panel uses); drawn, typed, opened or loaded inputs are the student's own.
bool is_preset_input(const Tensor& in, int preset) {
  const TensorShape& sh = in.shape;
  const std::uint32_t size = static_cast<std::uint32_t>(in.data.size());
  for (std::uint32_t seed : {7u, 7u + size})
    if (make_input(static_cast<InputPreset>(preset), sh.h, sh.w, sh.c, seed) == in.data) return true;
  return false;
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
  const char* shown = is_preset_input(s.scene().input, st->preset) ? tr(input_preset_key(st->preset).c_str()) : tr("scene.own_input");
  if (ImGui::BeginCombo("##preset", shown)) {
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
    if (touch_slides(ImGui::SliderInt2(lbl("scene.height_width", "hw").c_str(), hw, 2, 32, "%d", ImGuiSliderFlags_AlwaysClamp))) {
      const int p = st->preset;
      edit(q, "resize input", [=](Scene& sc) {
        sc.input.shape.h = hw[0], sc.input.shape.w = hw[1];
        sc.input.data = make_input(static_cast<InputPreset>(p), hw[0], hw[1], sc.input.shape.c, 7u);
      }, true);
    }
  }
  int c = sh.c;
  ImGui::SetNextItemWidth(-90);
  if (touch_slides(ImGui::SliderInt(lbl("scene.channels", "channels").c_str(), &c, 1, 4, "%d", ImGuiSliderFlags_AlwaysClamp)) && c != sh.c) {
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
    touch_slides(ImGui::SliderFloat("##brush", &st->brush, -9.0f, 9.0f, tr("scene.brush")));
  }
  ImGui::TextDisabled("%s", tr(st->paint ? "scene.paint_hint" : "scene.type_hint"));
}

// [SECTION] Layer stack

// The types that take a tensor of `rank` (TensorShape::rank()).
std::vector<LayerType> addable_types(int rank) {
  std::vector<LayerType> out;
  for (const LayerInfo* info : layer_table()) {
    if (info->input_rank == 0 || info->input_rank == rank) out.push_back(info->type);
  }
  return out;
}

// A new layer of `type` after the stack, with Keras' defaults and weights
// as Keras initialises them (GlorotUniform kernels, zero biases).
void add_layer(CommandQueue& q, LayerType type) {
  q.push_back([=](Session& ss) {
    Scene x = ss.scene();
    Layer l = layer_with_defaults(type);
    const int index = static_cast<int>(x.layers.size());
    const int in_c = index == 0 ? x.input.shape.c
                                : ss.valid() ? ss.run().plan.shapes.back().c : layer_in_channels(x, index);
    const LayerInfo& info = layer_info(type);
    for (std::size_t w = 0; w < info.weights.size(); ++w) {
      const WeightDef& def = info.weights[w];
      if (def.present && !(l.*def.present)) continue;
      l.*def.field = initial_weight(l, static_cast<int>(w), in_c, 1000u + static_cast<unsigned>(index));
    }
    x.layers.push_back(std::move(l));
    ss.apply(std::move(x), std::string("add layer: ") + info.keras_name);
    ss.set_layer(index);
  });
}

void draw_stack_section(const Session& s, CommandQueue& q) {
  theme_heading(tr("scene.layers"));
  const Scene& sc = s.scene();
  for (int i = 0; i < static_cast<int>(sc.layers.size()); ++i) {
    const Layer& l = sc.layers[static_cast<std::size_t>(i)];
    std::string label = std::to_string(i + 1) + ". " + layer_type_name(l.type);
    if (s.valid()) {
      label += "  \xE2\x86\x92 " + shape_text(s.run().plan.shapes[static_cast<std::size_t>(i + 1)]);
    }
    ImGui::PushID(i);
    if (ImGui::Selectable(label.c_str(), i == s.layer())) q.push_back([=](Session& ss) { ss.set_layer(i); });
    ImGui::PopID();
  }
  // New layers take the shape the stack ends with (the input's while the
  // scene is broken, so the student can still add and remove).
  const TensorShape last = s.valid() ? s.run().plan.shapes.back() : sc.input.shape;
  ImGui::BeginDisabled(sc.layers.size() >= static_cast<std::size_t>(limits::kMaxLayers));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##addlayer", tr("scene.add_layer"))) {
    for (LayerType t : addable_types(last.rank())) {
      if (ImGui::Selectable(layer_type_name(t))) add_layer(q, t);
    }
    ImGui::EndCombo();
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

constexpr float kLabelWidth = -110;

// Sliders stop where a teaching scene stops being readable; the engine's
// limits (the table's ranges) are wider, and a scene file may use them.
int slider_max(const KeyDef& k) {
  const std::string_view name = k.name;
  const int ui = name == "strides" ? 4 : name == "dilation_rate" ? 3 : 9;
  return std::min(k.hi, ui);
}

template <typename F>
void set_key(CommandQueue& q, int i, const char* key, F f, bool merge = true) {
  edit(q, key, [=](Scene& x) {
    Layer& l = x.layers[static_cast<std::size_t>(i)];
    f(l);
    layer_family(l.type).normalise(l);  // derived defaults hold after an edit too
  }, merge);
}

void draw_int_key(const Layer& l, const KeyDef& k, int i, CommandQueue& q) {
  int v = l.*k.int_field;
  ImGui::SetNextItemWidth(kLabelWidth);
  if (ImGui::InputInt(k.name, &v) && v != l.*k.int_field) {
    v = std::clamp(v, k.lo, k.hi);
    const auto f = k.int_field;
    set_key(q, i, k.name, [=](Layer& x) { x.*f = v; });
  }
}

// One number by default (Keras' int shorthand: strides=2); rows and cols
// apart only when the student asks for it, each labelled.
void draw_size_key(const Layer& l, const KeyDef& k, int i, CommandQueue& q) {
  const std::array<int, 2> v = l.*k.size_field;
  const auto f = k.size_field;
  if (k.kind == KeyKind::kSizeOrNull) {  // Keras' None, or a value
    bool on = v != kSizeNone;
    if (ImGui::Checkbox(("##on" + std::string(k.name)).c_str(), &on)) {
      const std::array<int, 2> set = on ? std::array<int, 2>{k.lo, k.lo} : kSizeNone;
      set_key(q, i, k.name, [=](Layer& x) { x.*f = set; }, false);
    }
    ImGui::SameLine();
    if (!on) {
      ImGui::TextDisabled("%s = None", k.name);
      return;
    }
  }
  const int hi = std::max(slider_max(k), std::max(v[0], v[1]));
  if (is_1d(l.type)) {
    int x = v[1];
    ImGui::SetNextItemWidth(kLabelWidth);
    if (touch_slides(ImGui::SliderInt(k.name, &x, k.lo, hi, "%d", ImGuiSliderFlags_AlwaysClamp)) && x != v[1])
      set_key(q, i, k.name, [=](Layer& y) { y.*f = {1, x}; });
    return;
  }
  ImGui::PushID(k.name);
  static std::vector<std::string> split_keys;  // keys the student split
  const std::string id = std::to_string(i) + k.name;
  const bool split = v[0] != v[1] ||
                     std::find(split_keys.begin(), split_keys.end(), id) != split_keys.end();
  if (!split) {
    int x = v[0];
    ImGui::SetNextItemWidth(kLabelWidth - 26);
    if (touch_slides(ImGui::SliderInt("##one", &x, k.lo, hi, "%d", ImGuiSliderFlags_AlwaysClamp)) && x != v[0])
      set_key(q, i, k.name, [=](Layer& y) { y.*f = {x, x}; });
    ImGui::SameLine(0, 4);
    if (ImGui::SmallButton("2D")) split_keys.push_back(id);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("scene.split_axes"));
    ImGui::SameLine();
    ImGui::TextUnformatted(k.name);
  } else {
    ImGui::TextUnformatted(k.name);
    ImGui::SameLine();
    if (ImGui::SmallButton("1")) {  // back to one value (the rows' value for both)
      split_keys.erase(std::remove(split_keys.begin(), split_keys.end(), id), split_keys.end());
      const int x = v[0];
      set_key(q, i, k.name, [=](Layer& y) { y.*f = {x, x}; }, false);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("scene.join_axes"));
    for (int a = 0; a < 2; ++a) {
      int x = v[static_cast<std::size_t>(a)];
      ImGui::SetNextItemWidth(kLabelWidth);
      if (touch_slides(ImGui::SliderInt(tr(a == 0 ? "scene.rows" : "scene.cols"), &x, k.lo, hi, "%d",
                           ImGuiSliderFlags_AlwaysClamp)) &&
          x != v[static_cast<std::size_t>(a)]) {
        set_key(q, i, k.name, [=](Layer& y) { (y.*f)[static_cast<std::size_t>(a)] = x; });
      }
    }
  }
  ImGui::PopID();
}

const char* const kPaddingNames[] = {"valid", "same", "full", "explicit"};

void draw_padding_key(const Layer& l, int i, CommandQueue& q) {
  int pm = static_cast<int>(l.padding);
  ImGui::SetNextItemWidth(kLabelWidth);
  if (ImGui::Combo("padding", &pm, kPaddingNames, 4) && pm != static_cast<int>(l.padding)) {
    set_key(q, i, "padding", [=](Layer& x) { x.padding = static_cast<PaddingMode>(pm); }, false);
  }
  if (l.padding != PaddingMode::kExplicit) return;
  int p[4] = {l.pads[0], l.pads[1], l.pads[2], l.pads[3]};
  ImGui::SetNextItemWidth(kLabelWidth);
  if (touch_slides(ImGui::SliderInt4("top,bottom,left,right", p, 0, 4, "%d", ImGuiSliderFlags_AlwaysClamp)))
    set_key(q, i, "explicit padding", [=](Layer& x) { x.pads = {p[0], p[1], p[2], p[3]}; });
}

void draw_activation_key(const Layer& l, int i, CommandQueue& q) {
  const char* current = activation_name(l.activation);
  ImGui::SetNextItemWidth(kLabelWidth);
  if (!ImGui::BeginCombo("activation", current)) return;
  for (Activation a : kActivations) {
    if (ImGui::Selectable(activation_name(a), a == l.activation) && a != l.activation)
      set_key(q, i, "activation", [=](Layer& x) { x.activation = a; }, false);
  }
  ImGui::EndCombo();
}

void draw_bool_key(const Layer& l, const KeyDef& k, int i, CommandQueue& q) {
  bool b = l.*k.bool_field;
  const std::string label = std::string(k.name) + (std::string_view(k.name) == "count_include_pad"
                                                       ? " (PyTorch)" : "");
  if (ImGui::Checkbox(label.c_str(), &b)) {
    const auto f = k.bool_field;
    set_key(q, i, k.name, [=](Layer& x) { x.*f = b; }, false);
  }
  if (std::string_view(k.name) == "count_include_pad") ImGui::TextDisabled("%s", tr("scene.keras_real_cells"));
}

void draw_float_key(const Layer& l, const KeyDef& k, int i, CommandQueue& q) {
  float v = l.*k.float_field;
  const bool none = k.kind == KeyKind::kFloatOrNull && v == std::numeric_limits<float>::infinity();
  const auto f = k.float_field;
  if (k.kind == KeyKind::kFloatOrNull) {
    bool on = !none;
    if (ImGui::Checkbox(("##on" + std::string(k.name)).c_str(), &on)) {
      const float set = on ? 6.0f : std::numeric_limits<float>::infinity();
      set_key(q, i, k.name, [=](Layer& x) { x.*f = set; }, false);
    }
    ImGui::SameLine();
    if (none) {
      ImGui::TextDisabled("%s = None", k.name);
      return;
    }
  }
  ImGui::SetNextItemWidth(kLabelWidth);
  if (ImGui::InputFloat(k.name, &v, 0.0f, 0.0f, "%g", ImGuiInputTextFlags_EnterReturnsTrue) &&
      v != l.*k.float_field) {
    v = std::clamp(v, k.flo, k.fhi_open ? std::nextafter(k.fhi, k.flo) : k.fhi);
    set_key(q, i, k.name, [=](Layer& x) { x.*f = v; }, false);
  }
}

void draw_interpolation_key(const Layer& l, int i, CommandQueue& q) {
  const char* const names[] = {"nearest", "bilinear"};
  int m = static_cast<int>(l.interpolation);
  ImGui::SetNextItemWidth(kLabelWidth);
  if (ImGui::Combo("interpolation", &m, names, 2) && m != static_cast<int>(l.interpolation)) {
    set_key(q, i, "interpolation", [=](Layer& x) { x.interpolation = static_cast<Interpolation>(m); }, false);
  }
}

void draw_zero_padding_key(const Layer& l, int i, CommandQueue& q) {
  int p[4] = {l.pads[0], l.pads[1], l.pads[2], l.pads[3]};
  ImGui::SetNextItemWidth(kLabelWidth);
  if (touch_slides(ImGui::SliderInt4("padding (t,b,l,r)", p, 0, 4, "%d", ImGuiSliderFlags_AlwaysClamp)))
    set_key(q, i, "padding", [=](Layer& x) { x.pads = {p[0], p[1], p[2], p[3]}; });
}

void draw_key(const Layer& l, const KeyDef& k, int i, CommandQueue& q) {
  switch (k.kind) {
    case KeyKind::kInt:
      return draw_int_key(l, k, i, q);
    case KeyKind::kSize:
    case KeyKind::kSizeOrNull:
      return draw_size_key(l, k, i, q);
    case KeyKind::kPadding:
      return draw_padding_key(l, i, q);
    case KeyKind::kActivation:
      return draw_activation_key(l, i, q);
    case KeyKind::kBool:
      return draw_bool_key(l, k, i, q);
    case KeyKind::kFloat:
    case KeyKind::kFloatOrNull:
      return draw_float_key(l, k, i, q);
    case KeyKind::kInterpolation:
      return draw_interpolation_key(l, i, q);
    case KeyKind::kZeroPadding:
      return draw_zero_padding_key(l, i, q);
    case KeyKind::kAxis:           // only the channel axis is computed
    case KeyKind::kShape:          // the input's shape: the input section sets it
    case KeyKind::kShapeAlias:
    case KeyKind::kFloatAlias:     // shown under its current name
    case KeyKind::kChannelsLast:   // only Keras' neutral value: nothing to choose
    case KeyKind::kOne:
    case KeyKind::kNull:
    case KeyKind::kIgnored:
      return;
  }
}

void draw_layer_section(const Session& s, CommandQueue& q) {
  const Scene& sc = s.scene();
  if (sc.layers.empty()) return;
  const int i = s.layer();
  const Layer& l = sc.layers[static_cast<std::size_t>(i)];
  theme_heading(i18n::trf("scene.layer_n", i18n::ordinal(i + 1).c_str(), layer_type_name(l.type)).c_str());
  for (const KeyDef& k : layer_info(l.type).keys) draw_key(l, k, i, q);
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
