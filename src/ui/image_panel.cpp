// image_panel.cpp - picture, feature-map heatmaps, kernel sliders, lens.
// [SECTION] Lens
// [SECTION] Pictures (zoom, keyboard cursor)
// [SECTION] Camera
// [SECTION] Panel
#include "ui/image_panel.h"
#include "core/layers/family.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "core/scene_edit.h"
#include "i18n/error_text.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "ui/format.h"
#include "ui/camera_controls.h"
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

// [SECTION] Lens

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
  st.zoomable = false;  // it follows the pointer: nothing to pinch
  const GridMark centre{r, r, 1, 1, palette::kWindow, 2.5f};
  ImGui::BeginTooltip();
  ImGui::Text(tr("image.lens"), what, y, x);
  draw_grid("##lens", v.data(), n, n, 1, st, &centre, 1);
  ImGui::EndTooltip();
}

}  // namespace

// [SECTION] Pictures (zoom, keyboard cursor)

LensAt draw_picture(const char* id, ImTextureID tex, ImVec2 size, const Tensor& t, int c, const char* what,
                    GridCursor* cursor) {
  LensAt at;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);  // an item, so the keyboard can reach it
  // Pixels per cell at zoom 1; a pinch zooms until a cell is ~48 px.
  const float sx = size.x / static_cast<float>(std::max(1, t.shape.w));
  const float sy = size.y / static_cast<float>(std::max(1, t.shape.h));
  GridZoom z = grid_zoom_item(id, std::clamp(48.0f / std::min(sx, sy), 2.0f, 64.0f));
  GridInput keys;
  grid_keyboard_cursor(t.shape.h, t.shape.w, cursor, &keys);
  if (keys.focused && z.scale > 1.0f) {
    const ImVec2 a(sx * static_cast<float>(cursor->x), sy * static_cast<float>(cursor->y));
    z = grid_zoom_reveal(a, ImVec2(a.x + sx, a.y + sy));
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p1(p0.x + size.x, p0.y + size.y);
  const float zw = size.x * z.scale, zh = size.y * z.scale;
  if (tex) {
    dl->AddImage(tex, p0, p1, ImVec2(z.pan.x / zw, z.pan.y / zh),
                 ImVec2((z.pan.x + size.x) / zw, (z.pan.y + size.y) / zh));
  }
  const float cx = sx * z.scale, cy = sy * z.scale;  // a cell on screen
  if (keys.focused) {
    at = {cursor->y, cursor->x, true};
    // The cursor cell, at least 8 px so it shows on 1 px cells, and the
    // focus ring round the picture.
    const ImVec2 a(p0.x - z.pan.x + cx * static_cast<float>(cursor->x), p0.y - z.pan.y + cy * static_cast<float>(cursor->y));
    const float gx = std::max(0.0f, (8.0f - cx) * 0.5f), gy = std::max(0.0f, (8.0f - cy) * 0.5f);
    dl->PushClipRect(p0, p1, true);
    dl->AddRect(ImVec2(a.x - gx - 1, a.y - gy - 1), ImVec2(a.x + cx + gx + 1, a.y + cy + gy + 1), IM_COL32(0, 0, 0, 255), 0, 0, 3.0f);
    dl->AddRect(ImVec2(a.x - gx, a.y - gy), ImVec2(a.x + cx + gx, a.y + cy + gy), IM_COL32(255, 255, 255, 255), 0, 0, 1.0f);
    dl->PopClipRect();
    dl->AddRect(ImVec2(p0.x - 2, p0.y - 2), ImVec2(p1.x + 2, p1.y + 2), ImGui::GetColorU32(ImGuiCol_NavHighlight), 2.0f, 0, 2.0f);
    // The lens beside the cursor, on the side with room for it.
    const ImVec2 lens(340, 360), disp = ImGui::GetIO().DisplaySize;
    float lx = a.x + cx + 14;
    if (lx + lens.x > disp.x) lx = a.x - 14 - lens.x;
    lx = std::clamp(lx, 0.0f, std::max(0.0f, disp.x - lens.x));
    const float ly = std::clamp(a.y - lens.y * 0.5f, 0.0f, std::max(0.0f, disp.y - lens.y));
    ImGui::SetNextWindowPos(ImVec2(lx, ly));
    draw_lens(t, c, cursor->y, cursor->x, what);
  } else if (ImGui::IsItemHovered() && ImGui::IsMousePosValid()) {
    const ImVec2 m = ImGui::GetMousePos();
    const int x = static_cast<int>(std::floor((m.x - p0.x + z.pan.x) / cx));
    const int y = static_cast<int>(std::floor((m.y - p0.y + z.pan.y) / cy));
    if (x >= 0 && x < t.shape.w && y >= 0 && y < t.shape.h) {
      at = {y, x, false};
      draw_lens(t, c, y, x, what);
    }
  }
  if (z.scale > 1.0f) {  // say that the picture is zoomed
    char text[16];
    std::snprintf(text, sizeof text, "\xC3\x97%.1f", static_cast<double>(z.scale));  // U+00D7
    const ImVec2 ts = ImGui::CalcTextSize(text);
    dl->PushClipRect(p0, p1, true);
    const ImVec2 a(dl->GetClipRectMax().x - ts.x - 6, std::max(p0.y, dl->GetClipRectMin().y) + 2);
    dl->AddRectFilled(ImVec2(a.x - 3, a.y), ImVec2(a.x + ts.x + 3, a.y + ts.y + 2), IM_COL32(255, 255, 255, 210), 3.0f);
    dl->AddText(ImVec2(a.x, a.y + 1), IM_COL32(40, 40, 40, 255), text);
    dl->PopClipRect();
  }
  return at;
}

// [SECTION] Camera

namespace {

// Whether the session's scene is image mode's for pictures of this size.
bool is_image_scene_for(const Scene& sc, const Image& img, bool grayscale) {
  return sc.input.shape.h == img.h && sc.input.shape.w == img.w && sc.input.shape.c == (grayscale ? 1 : 3) &&
         !sc.layers.empty() && layer_family(sc.layers[0].type).has_image_filters(sc.layers[0]);
}

}  // namespace

void load_camera_frame(const Image& frame, ImagePanelState* st, Session* s) {
  Image small = downscale_to_fit(frame, kImageModeMaxSide);
  if (!is_image_scene_for(s->scene(), small, st->grayscale)) {
    load_image_scene(frame, st, s);
    return;
  }
  st->image = std::move(small);
  s->set_live_input(std::move(make_image_scene(st->image, st->grayscale, st->filters).input));
}

// [SECTION] Panel

void ImagePanelState::drop_gl_objects() {
  picture.drop_gl_objects();
  for (auto& m : maps) m->drop_gl_objects();
  revision = 0;
}

void load_image_scene(const Image& img, ImagePanelState* st, Session* s) {
  st->image = downscale_to_fit(img, kImageModeMaxSide);
  Scene sc = make_image_scene(st->image, st->grayscale, st->filters, st->sample);
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
      q.push_back([st, copy](Session& ss) {
        st->sample = true;
        load_image_scene(copy, st, &ss);
      });
    } else {
      st->message = i18n::error_line(img.error());
    }
  }
  if (st->open_picker) {
    ImGui::SameLine();
    if (ImGui::Button(lbl("image.open", "open").c_str())) st->open_picker();
  }
  ImGui::SameLine();
  ImGui::TextDisabled("%s", tr("image.drop"));
  draw_camera_controls(&st->camera, st->camera_buttons);
  if (ImGui::Checkbox(lbl("image.grayscale", "gray").c_str(), &st->grayscale) && !st->image.rgb.empty()) {
    const Image copy = st->image;
    q.push_back([st, copy](Session& ss) { load_image_scene(copy, st, &ss); });
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140);
  if (touch_slides(ImGui::SliderInt("filters", &st->filters, 1, 8)) && !st->image.rgb.empty()) {
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
      sc.layers.empty() || !layer_family(sc.layers[0].type).has_image_filters(sc.layers[0])) {
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
    // The input as the network sees it (gray when it is one channel), not the photo as loaded.
    const std::size_t pixels = static_cast<std::size_t>(sc.input.shape.h) * static_cast<std::size_t>(sc.input.shape.w);
    std::vector<std::uint8_t> rgb(pixels * 3);
    for (std::size_t i = 0; i < pixels; ++i) {
      for (int k = 0; k < 3; ++k) {
        const float v = sc.input.data[i * static_cast<std::size_t>(in_c) + static_cast<std::size_t>(in_c == 3 ? k : 0)];
        rgb[i * 3 + static_cast<std::size_t>(k)] =
            static_cast<std::uint8_t>(std::lround(std::clamp(std::isfinite(v) ? v : 0.0f, 0.0f, 1.0f) * 255.0f));
      }
    }
    st->picture.upload(rgb.data(), sc.input.shape.w, sc.input.shape.h);
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
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr("image.keys_hint"));
  ImGui::PopTextWrapPos();
  ImGui::BeginGroup();
  ImGui::TextUnformatted(tr("stack.input"));
  draw_picture("##picture", tex_id(st->picture.id()), size, sc.input, 0,
               tr(in_c == 3 ? "image.input_red" : "stack.input"), &st->lens);
  ImGui::EndGroup();
  ++shown;
  for (int f = 0; f < out.shape.c; ++f) {
    if (shown % cols != 0) ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushID(f);
    // What the filter is (Sobel x, blur, ...), as image mode sets it up.
    const std::string name = std::to_string(f + 1) + ". " + tr(kernel_preset_key(static_cast<int>(image_filter_preset(f))).c_str());
    if (ImGui::Selectable(name.c_str(), st->selected == f, 0, ImVec2(size.x, 0)))
      st->selected = f;
    draw_picture("##map", tex_id(st->maps[static_cast<std::size_t>(f)]->texture()), size, out, f,
                 i18n::trf("image.fmap_n", f + 1).c_str(), &st->lens);
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
      if (touch_slides(ImGui::DragFloat("##w", &v, 0.02f, -20.0f, 20.0f, num(v).c_str()))) {
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
