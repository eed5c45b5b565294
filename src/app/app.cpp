// app.cpp - App: scene state, recompute through the core, the walk views.
// [SECTION] State and commands
// [SECTION] Frame and views
#include "app/app.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/default_scene.h"
#include "imgui.h"
#include "kernels/kernels.h"
#include "ui/grid_view.h"

namespace cs {

// [SECTION] State and commands

void App::init() {
  if (!set_scene_json(kDefaultSceneJson)) {
    std::fprintf(stderr, "error: built-in scene: %s\n", error_.c_str());
  }
}

void App::open_file(const char* path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    error_ = std::string("cannot open ") + path;
    return;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  set_scene_json(ss.str());
}

bool App::set_scene_json(const std::string& json) {
  Result<Scene> parsed = parse_scene(json);
  if (!parsed) {
    error_ = to_string(parsed.error());
    return false;
  }
  scene_ = std::move(parsed).value();
  error_.clear();
  step_ = 0;
  recompute();
  return error_.empty();
}

int App::step_count() const {
  if (plan_.geometry.empty()) return 0;
  const Geometry2D& g = plan_.geometry[0];
  return g.out_h * g.out_w;
}

void App::recompute() {
  Result<ScenePlan> plan = validate_scene(scene_);
  outputs_.clear();
  if (!plan) {
    error_ = to_string(plan.error());
    plan_ = {};
    return;
  }
  plan_ = std::move(plan).value();
  const Tensor* in = &scene_.input;
  for (std::size_t i = 0; i < scene_.layers.size(); ++i) {
    const Layer& layer = scene_.layers[i];
    const Geometry2D& g = plan_.geometry[i];
    Tensor out;
    out.shape = plan_.shapes[i + 1];
    out.data.assign(static_cast<std::size_t>(out.shape.elements()), 0.0f);
    if (is_conv(layer.type)) {
      conv2d_f32(g, in->data.data(), layer.kernel.data(),
                 layer.use_bias ? layer.bias.data() : nullptr, layer.activation,
                 nullptr, out.data.data());
    } else {
      pool2d_f32(g, pool_kind(layer.type), layer.count_include_pad,
                 in->data.data(), out.data.data());
    }
    outputs_.push_back(std::move(out));
    in = &outputs_.back();
  }
  step_ = std::clamp(step_, 0, std::max(0, step_count() - 1));
}

// [SECTION] Frame and views

void App::frame(float dt) {
  if (playing_ && step_count() > 0) {
    play_clock_ += dt;
    if (play_clock_ > 0.6f) {
      play_clock_ = 0.0f;
      step_ = (step_ + 1) % step_count();
    }
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("ConvScope", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::TextUnformatted("ConvScope");
  ImGui::SameLine();
  ImGui::TextDisabled("%s", scene_.title.c_str());
  if (!error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(170, 20, 20, 255));
    ImGui::TextWrapped("Error: %s", error_.c_str());
    ImGui::PopStyleColor();
  }
  if (!outputs_.empty()) {
    draw_controls();
    draw_walk();
  }
  ImGui::End();
}

void App::draw_controls() {
  const int n = step_count();
  if (ImGui::Button("|<")) step_ = 0;
  ImGui::SameLine();
  if (ImGui::Button("< Back")) step_ = std::max(0, step_ - 1);
  ImGui::SameLine();
  if (ImGui::Button(playing_ ? "Pause" : "Play")) playing_ = !playing_;
  ImGui::SameLine();
  if (ImGui::Button("Next >")) step_ = std::min(n - 1, step_ + 1);
  ImGui::SameLine();
  if (ImGui::Button(">|")) step_ = n - 1;
  ImGui::SameLine();
  ImGui::Text("step %d of %d", step_ + 1, n);
}

void App::draw_walk() {
  const Layer& layer = scene_.layers[0];
  const Geometry2D& g = plan_.geometry[0];
  const Tensor& out = outputs_[0];
  const int oy = step_ / g.out_w, ox = step_ % g.out_w;
  const float cell = 34.0f;

  float lo = 0, hi = 1;
  for (float v : scene_.input.data) lo = std::min(lo, v), hi = std::max(hi, v);
  GridStyle in_style;
  in_style.cell = cell;
  in_style.lo = lo, in_style.hi = hi;
  in_style.pad_top = g.pad_top, in_style.pad_bottom = g.pad_bottom;
  in_style.pad_left = g.pad_left, in_style.pad_right = g.pad_right;
  const GridMark window{oy * g.sh, ox * g.sw, effective_kernel(g.kh, g.dh),
                        effective_kernel(g.kw, g.dw), IM_COL32(230, 60, 30, 255), 3.0f};

  ImGui::BeginGroup();
  ImGui::Text("Input %dx%d, padding '%s' (top %d, bottom %d, left %d, right %d)",
              g.in_h, g.in_w, padding_mode_name(layer.padding), g.pad_top,
              g.pad_bottom, g.pad_left, g.pad_right);
  draw_grid("##input", scene_.input.data.data(), g.in_h, g.in_w, g.in_c, in_style,
            &window, 1, nullptr, nullptr);
  ImGui::EndGroup();
  ImGui::SameLine(0, 28);

  if (is_conv(layer.type)) {
    float kmax = 0;
    for (float v : layer.kernel) kmax = std::max(kmax, std::fabs(v));
    GridStyle k_style;
    k_style.cell = cell;
    k_style.diverging = true;
    k_style.lo = -kmax, k_style.hi = kmax;
    ImGui::BeginGroup();
    ImGui::Text("Kernel %dx%d (filter 1)", g.kh, g.kw);
    draw_grid("##kernel", layer.kernel.data(), g.kh, g.kw, g.in_c * g.filters, k_style,
              nullptr, 0, nullptr, nullptr);
    if (layer.use_bias) ImGui::Text("bias %g", static_cast<double>(layer.bias[0]));
    ImGui::EndGroup();
    ImGui::SameLine(0, 28);
  }

  float olo = 0, ohi = 1;
  for (float v : out.data) olo = std::min(olo, v), ohi = std::max(ohi, v);
  GridStyle o_style;
  o_style.cell = cell;
  o_style.lo = olo, o_style.hi = ohi;
  o_style.filled = step_ + 1;
  const GridMark here{oy, ox, 1, 1, IM_COL32(230, 60, 30, 255), 3.0f};
  ImGui::BeginGroup();
  ImGui::Text("Feature map %dx%d (after %s)", g.out_h, g.out_w,
              activation_name(layer.activation));
  int hy = -1, hx = -1;
  draw_grid("##output", out.data.data(), g.out_h, g.out_w, out.shape.c, o_style, &here,
            1, &hy, &hx);
  if (hy >= 0 && ImGui::IsItemClicked()) step_ = hy * g.out_w + hx;
  ImGui::EndGroup();
}

}  // namespace cs
