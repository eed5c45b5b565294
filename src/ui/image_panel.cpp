// image_panel.cpp - picture, feature-map heatmaps, kernel sliders, lens.
#include "ui/image_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "core/scene_edit.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "ui/format.h"
#include "ui/grid_view.h"
#include "ui/theme.h"

namespace cs {

namespace {

ImTextureID tex_id(std::uint32_t t) { return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(t)); }

// Channel `c` of an HWC tensor into a contiguous plane.
void extract_channel(const Tensor& t, int c, std::vector<float>* out) {
  const std::size_t n = static_cast<std::size_t>(t.shape.h) * static_cast<std::size_t>(t.shape.w);
  out->resize(n);
  for (std::size_t i = 0; i < n; ++i) (*out)[i] = t.data[i * static_cast<std::size_t>(t.shape.c) + static_cast<std::size_t>(c)];
}

// A 9x9 neighbourhood of one map around (y, x), numbers printed.
void draw_lens(const Tensor& t, int c, int y, int x, const char* what) {
  const int r = 4, n = 2 * r + 1;
  std::vector<float> v(static_cast<std::size_t>(n * n), NAN);
  for (int dy = -r; dy <= r; ++dy)
    for (int dx = -r; dx <= r; ++dx) {
      const int yy = y + dy, xx = x + dx;
      if (yy >= 0 && yy < t.shape.h && xx >= 0 && xx < t.shape.w)
        v[static_cast<std::size_t>((dy + r) * n + dx + r)] = t.at(yy, xx, c);
    }
  GridStyle st;
  st.cell = 34;
  float lo = 0, hi = 0;
  for (float f : v)
    if (std::isfinite(f)) lo = std::min(lo, f), hi = std::max(hi, f);
  st.lo = lo, st.hi = hi > lo ? hi : lo + 1;
  const GridMark centre{r, r, 1, 1, palette::kWindow, 2.5f};
  ImGui::BeginTooltip();
  ImGui::Text(tr("image.lens"), what, y, x);
  draw_grid("##lens", v.data(), n, n, 1, st, &centre, 1);
  ImGui::EndTooltip();
}

}  // namespace

void ImagePanelState::drop_gl_objects() {
  picture.drop_gl_objects();
  for (auto& m : maps) m->drop_gl_objects();
  revision = 0;
}

void load_image_scene(const Image& img, ImagePanelState* st, Session* s) {
  st->image = downscale_to_fit(img, kImageModeMaxSide);
  Scene sc = make_image_scene(st->image, st->grayscale, st->filters);
  s->apply(std::move(sc), "load image");
  s->set_layer(0);
  st->revision = 0;
  st->message = i18n::trf("image.picture", img.w, img.h) +
                (img.w != st->image.w || img.h != st->image.h
                     ? i18n::trf("image.downscaled", st->image.w, st->image.h)
                     : std::string());
}

void draw_image_panel(const Session& s, ImagePanelState* st, float width, CommandQueue& q) {
  if (ImGui::Button(lbl("image.sample", "sample").c_str())) {
    Result<Image> img = sample_image();
    if (img) {
      const Image copy = *img;
      q.push_back([st, copy](Session& ss) { load_image_scene(copy, st, &ss); });
    } else {
      st->message = to_string(img.error());
    }
  }
  if (st->open_picker) {
    ImGui::SameLine();
    if (ImGui::Button(lbl("image.open", "open").c_str())) st->open_picker();
  }
  ImGui::SameLine();
  ImGui::TextDisabled("%s", tr("image.drop"));
  if (ImGui::Checkbox(lbl("image.grayscale", "gray").c_str(), &st->grayscale) && !st->image.rgb.empty()) {
    const Image copy = st->image;
    q.push_back([st, copy](Session& ss) { load_image_scene(copy, st, &ss); });
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140);
  if (ImGui::SliderInt("filters", &st->filters, 1, 8) && !st->image.rgb.empty()) {
    const Image copy = st->image;
    q.push_back([st, copy](Session& ss) { load_image_scene(copy, st, &ss); });
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(130);
  static const char* const maps[] = {"viridis", "cividis", "diverging"};
  ImGui::Combo(lbl("image.colours", "colours").c_str(), &st->colormap, maps, 3);
  if (!st->message.empty()) ImGui::TextDisabled("%s", st->message.c_str());

  const Scene& sc = s.scene();
  if (st->image.rgb.empty() || sc.input.shape.w != st->image.w || sc.input.shape.h != st->image.h ||
      sc.layers.empty() || !is_conv(sc.layers[0].type)) {
    ImGui::TextWrapped("%s", tr("image.load_hint"));
    return;
  }
  if (!s.valid()) return;
  const Tensor& out = s.run().outputs[0];
  const Layer& layer = sc.layers[0];
  const int in_c = sc.input.shape.c;
  ImGui::Text(tr("image.summary"), sc.input.shape.h,
              sc.input.shape.w, in_c, out.shape.c, out.shape.h, out.shape.w, s.last_run_ms());

  // Refresh GPU copies when the run changed.
  if (st->revision != s.revision() || st->rendered_colormap != st->colormap) {
    st->rendered_colormap = st->colormap;
    st->picture.upload(st->image.rgb.data(), st->image.w, st->image.h);
    st->maps.resize(static_cast<std::size_t>(out.shape.c));
    for (int f = 0; f < out.shape.c; ++f) {
      if (!st->maps[static_cast<std::size_t>(f)]) st->maps[static_cast<std::size_t>(f)] = std::make_unique<Heatmap>();
      extract_channel(out, f, &st->scratch);
      float lo = 0, hi = 0;
      for (float v : st->scratch)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
      if (st->colormap == 2) hi = std::max(hi, -lo), lo = -hi;
      st->maps[static_cast<std::size_t>(f)]->update(st->scratch.data(), out.shape.w, out.shape.h, lo, hi > lo ? hi : lo + 1,
                                                    static_cast<Colormap>(st->colormap));
    }
    st->revision = s.revision();
  }

  const int cols = std::max(1, static_cast<int>(width / 250.0f));
  const float side = std::min(256.0f, width / static_cast<float>(cols) - 12.0f);
  const float scale = side / static_cast<float>(std::max(out.shape.w, out.shape.h));
  const ImVec2 size(static_cast<float>(out.shape.w) * scale, static_cast<float>(out.shape.h) * scale);
  int shown = 0;
  auto lens_at = [&](const Tensor& t, int c, ImVec2 origin, const std::string& what) {
    if (!ImGui::IsItemHovered()) return;
    const ImVec2 m = ImGui::GetMousePos();
    const int x = static_cast<int>((m.x - origin.x) / scale), y = static_cast<int>((m.y - origin.y) / scale);
    if (x >= 0 && x < t.shape.w && y >= 0 && y < t.shape.h) draw_lens(t, c, y, x, what.c_str());
  };
  ImGui::BeginGroup();
  ImGui::TextUnformatted(tr("stack.input"));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Image(tex_id(st->picture.id()), size);
  lens_at(sc.input, 0, p0, tr(in_c == 3 ? "image.input_red" : "stack.input"));
  ImGui::EndGroup();
  ++shown;
  for (int f = 0; f < out.shape.c; ++f) {
    if (shown % cols != 0) ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushID(f);
    if (ImGui::Selectable(i18n::trf("image.filter_n", f + 1).c_str(), st->selected == f, 0, ImVec2(size.x, 0)))
      st->selected = f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Image(tex_id(st->maps[static_cast<std::size_t>(f)]->texture()), size);
    lens_at(out, f, p, i18n::trf("image.fmap_n", f + 1));
    ImGui::PopID();
    ImGui::EndGroup();
    ++shown;
  }

  // The selected filter's kernel, one slider per tap (applied to every channel).
  st->selected = std::clamp(st->selected, 0, layer.filters - 1);
  const int f = st->selected;
  theme_heading(i18n::trf("image.kernel_of", f + 1).c_str());
  const int kh = layer.kernel_size[0], kw = layer.kernel_size[1];
  for (int ky = 0; ky < kh; ++ky) {
    for (int kx = 0; kx < kw; ++kx) {
      if (kx) ImGui::SameLine();
      float v = layer.kernel[hwio_index(layer, in_c, ky, kx, 0, f)] * static_cast<float>(in_c);
      ImGui::PushID(ky * 64 + kx);
      ImGui::SetNextItemWidth(70);
      if (ImGui::DragFloat("##w", &v, 0.02f, -20.0f, 20.0f, "%.2f")) {
        q.push_back([=](Session& ss) {
          Scene x = ss.scene();
          Layer& l = x.layers[0];
          for (int ci = 0; ci < in_c; ++ci) l.kernel[hwio_index(l, in_c, ky, kx, ci, f)] = v / static_cast<float>(in_c);
          ss.apply(std::move(x), "image kernel", true);
        });
      }
      ImGui::PopID();
    }
  }
  if (in_c > 1) ImGui::TextDisabled(tr("image.split"), in_c);
}

}  // namespace cs
