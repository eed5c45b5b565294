// figure.cpp - the software rasteriser behind figure.h: filled rectangles,
// outlines, lines and a 5x7 bitmap font. Colours are few and fixed (an
// 8-level blue/orange ramp that reads for colour-blind viewers, greys, the
// app's red window) so a GIF of the whole walk fits one exact palette.
// [SECTION] Font
// [SECTION] Drawing
// [SECTION] Walk figure
#include "core/figure.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/json.h"
#include "core/palette.h"
#include "core/trace.h"

namespace cs {

namespace {

// [SECTION] Font

struct Glyph {
  char c;
  std::uint8_t rows[7];  // 5 bits per row, bit 4 = leftmost
};

constexpr Glyph kFont[] = {
    {'0', {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}}, {'1', {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E}},
    {'2', {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}}, {'3', {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E}},
    {'4', {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}}, {'5', {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E}},
    {'6', {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}}, {'7', {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}},
    {'8', {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}}, {'9', {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C}},
    {'-', {0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00}}, {'.', {0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C}},
    {'/', {0x01, 0x01, 0x02, 0x04, 0x08, 0x10, 0x10}}, {'+', {0x00, 0x04, 0x04, 0x1F, 0x04, 0x04, 0x00}},
    {'=', {0x00, 0x00, 0x1F, 0x00, 0x1F, 0x00, 0x00}}, {'(', {0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02}},
    {')', {0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08}}, {'x', {0x00, 0x00, 0x11, 0x0A, 0x04, 0x0A, 0x11}},
    {':', {0x00, 0x0C, 0x0C, 0x00, 0x0C, 0x0C, 0x00}}, {',', {0x00, 0x00, 0x00, 0x00, 0x0C, 0x04, 0x08}},
    {' ', {0, 0, 0, 0, 0, 0, 0}},
    {'a', {0x00, 0x00, 0x0E, 0x01, 0x0F, 0x11, 0x0F}}, {'e', {0x00, 0x00, 0x0E, 0x11, 0x1F, 0x10, 0x0E}},
    {'f', {0x06, 0x09, 0x08, 0x1C, 0x08, 0x08, 0x08}}, {'i', {0x04, 0x00, 0x0C, 0x04, 0x04, 0x04, 0x0E}},
    {'l', {0x0C, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E}}, {'n', {0x00, 0x00, 0x16, 0x19, 0x11, 0x11, 0x11}},
    {'o', {0x00, 0x00, 0x0E, 0x11, 0x11, 0x11, 0x0E}}, {'p', {0x00, 0x00, 0x1E, 0x11, 0x1E, 0x10, 0x10}},
    {'r', {0x00, 0x00, 0x16, 0x19, 0x10, 0x10, 0x10}}, {'s', {0x00, 0x00, 0x0E, 0x10, 0x0E, 0x01, 0x1E}},
    {'t', {0x08, 0x08, 0x1C, 0x08, 0x08, 0x09, 0x06}}, {'u', {0x00, 0x00, 0x11, 0x11, 0x11, 0x13, 0x0D}},
    {'N', {0x11, 0x19, 0x15, 0x13, 0x11, 0x11, 0x11}}, {'c', {0x00, 0x00, 0x0E, 0x10, 0x10, 0x11, 0x0E}},
    {'h', {0x10, 0x10, 0x16, 0x19, 0x11, 0x11, 0x11}}, {'d', {0x01, 0x01, 0x0D, 0x13, 0x11, 0x11, 0x0F}},
    {'g', {0x00, 0x0F, 0x11, 0x11, 0x0F, 0x01, 0x0E}}, {'y', {0x00, 0x00, 0x11, 0x11, 0x0F, 0x01, 0x0E}},
    {'m', {0x00, 0x00, 0x1A, 0x15, 0x15, 0x11, 0x11}}, {'v', {0x00, 0x00, 0x11, 0x11, 0x11, 0x0A, 0x04}},
    {'w', {0x00, 0x00, 0x11, 0x11, 0x15, 0x15, 0x0A}}, {'k', {0x10, 0x10, 0x12, 0x14, 0x18, 0x14, 0x12}},
    {'b', {0x10, 0x10, 0x16, 0x19, 0x11, 0x11, 0x1E}}, {'~', {0x00, 0x00, 0x08, 0x15, 0x02, 0x00, 0x00}},
};
constexpr int kGlyphAdvance = 6;  // 5 columns + 1 of spacing

const Glyph* find_glyph(char c) {
  for (const Glyph& g : kFont)
    if (g.c == c) return &g;
  return nullptr;
}

// [SECTION] Drawing

constexpr std::uint32_t kWhite = 0xFFFFFF, kInk = 0x1E2A3C, kGridLine = 0xB4B9C3, kPadFill = 0xE6E6E6,
                        kPadInk = 0x8C8C8C, kWindow = 0xE24A33, kTrail = 0xF2B8AE, kUncovered = 0xC8287A,
                        kPending = 0xF6F6F6, kBackground = 0xFAF9F6;

void put(Pixels* p, int x, int y, std::uint32_t rgb) {
  if (x < 0 || y < 0 || x >= p->w || y >= p->h) return;
  std::uint8_t* d = &p->rgba[(static_cast<std::size_t>(y) * static_cast<std::size_t>(p->w) + static_cast<std::size_t>(x)) * 4];
  d[0] = static_cast<std::uint8_t>(rgb >> 16), d[1] = static_cast<std::uint8_t>((rgb >> 8) & 255);
  d[2] = static_cast<std::uint8_t>(rgb & 255), d[3] = 255;
}

void fill(Pixels* p, int x, int y, int w, int h, std::uint32_t rgb) {
  for (int yy = std::max(0, y); yy < std::min(p->h, y + h); ++yy)
    for (int xx = std::max(0, x); xx < std::min(p->w, x + w); ++xx) put(p, xx, yy, rgb);
}

void outline(Pixels* p, int x, int y, int w, int h, int thick, std::uint32_t rgb) {
  fill(p, x, y, w, thick, rgb);
  fill(p, x, y + h - thick, w, thick, rgb);
  fill(p, x, y, thick, h, rgb);
  fill(p, x + w - thick, y, thick, h, rgb);
}

void line(Pixels* p, int x0, int y0, int x1, int y1, std::uint32_t rgb) {
  const int n = std::max(std::abs(x1 - x0), std::abs(y1 - y0));
  for (int i = 0; i <= n; ++i) {
    const int x = x0 + (n ? (x1 - x0) * i / n : 0), y = y0 + (n ? (y1 - y0) * i / n : 0);
    put(p, x, y, rgb);
    put(p, x + 1, y, rgb);
  }
}

// The screen's colours and rule (core/palette.h, ui/grid_view.cpp): a
// tensor with negative values diverges around 0, one without runs viridis
// from 0 to its largest value (vmax), so a figure reads like the app.
struct ColorScale {
  float vmax = 0.0f;
  bool signed_values = false;
};

ColorScale scale_of(const float* d, std::size_t n, std::size_t step) {
  ColorScale s;
  for (std::size_t i = 0; i < n; i += step) {
    if (!std::isfinite(d[i])) continue;
    s.vmax = std::max(s.vmax, std::fabs(d[i]));
    s.signed_values = s.signed_values || d[i] < 0;
  }
  return s;
}

std::uint32_t value_color(float v, const ColorScale& s) {
  if (!std::isfinite(v) || s.vmax <= 0) return kWhite;
  const float u = std::clamp(v / s.vmax, -1.0f, 1.0f);
  const Rgb c = s.signed_values ? diverging_rgb(0.5f + 0.5f * u) : viridis_rgb(u);
  const auto byte = [](float x) { return static_cast<std::uint32_t>(std::lround(x * 255.0f)); };
  return byte(c.r) << 16 | byte(c.g) << 8 | byte(c.b);
}

// Dark text on light cells, white on dark ones (the screen's rule).
std::uint32_t ink_on(std::uint32_t bg) {
  const float luma = (0.299f * static_cast<float>(bg >> 16 & 0xFF) + 0.587f * static_cast<float>(bg >> 8 & 0xFF) +
                      0.114f * static_cast<float>(bg & 0xFF)) / 255.0f;
  return luma > 0.55f ? 0x1E2A3C : 0xFAFAFA;
}

void draw_number(Pixels* p, int x, int y, int cell, float v, std::uint32_t ink) {
  // Large digits when the exact number fits; otherwise small digits, and
  // only then rounded (7 characters fit a 44-pixel cell).
  int scale = 2;
  const auto fits = [&](const std::string& t) { return text_width(t, scale) <= cell - 4; };
  std::string s = number_text(v);
  if (!fits(s)) {
    scale = 1;
    s = fitted_number_text(v, fits);
  }
  draw_text(p, x + (cell - text_width(s, scale)) / 2, y + (cell - 7 * scale) / 2, s, scale, ink);
}

// [SECTION] Walk figure

struct Layout {
  int margin = 16, label_h = 26, gap = 40;
};

}  // namespace

int text_width(const std::string& text, int scale) {
  return text.empty() ? 0 : (static_cast<int>(text.size()) * kGlyphAdvance - 1) * scale;
}

void draw_text(Pixels* p, int x, int y, const std::string& text, int scale, std::uint32_t rgb) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int gx = x + static_cast<int>(i) * kGlyphAdvance * scale;
    const Glyph* g = find_glyph(text[i]);
    if (!g) {
      outline(p, gx, y, 5 * scale, 7 * scale, 1, rgb);
      continue;
    }
    for (int r = 0; r < 7; ++r)
      for (int c = 0; c < 5; ++c)
        if (g->rows[r] & (0x10 >> c)) fill(p, gx + c * scale, y + r * scale, scale, scale, rgb);
  }
}

Result<Pixels> render_walk_frame(const Scene& scene, const SceneRun& run, int layer, int step,
                                 const FigureOptions& o) {
  const int nl = static_cast<int>(scene.layers.size());
  if (layer < 0 || layer >= nl || layer >= static_cast<int>(run.plan.geometry.size()))
    return Error{"layer", "layer " + std::to_string(layer) + " does not exist (the scene has " +
                              std::to_string(nl) + ")"};
  const Layer& l = scene.layers[static_cast<std::size_t>(layer)];
  const Geometry2D& g = run.plan.geometry[static_cast<std::size_t>(layer)];
  const int steps = g.out_h * g.out_w;
  if (step < 0 || step >= steps) return Error{"step", "step " + std::to_string(step) + " is outside the walk"};
  if (o.filter < 0 || o.filter >= g.filters) return Error{"filter", "filter " + std::to_string(o.filter) + " does not exist"};
  const int ph = g.in_h + g.pad_top + g.pad_bottom, pw = g.in_w + g.pad_left + g.pad_right;
  if (ph > 64 || pw > 64 || g.out_h > 64 || g.out_w > 64)
    return Error{"layer", "the grids are larger than 64 cells; a figure shows small scenes"};

  if (!layer_family(l.type).slides_window())
    return Error{"layer", std::string(layer_type_name(l.type)) +
                              " slides no window; figures show convolution and pooling walks"};
  const Tensor& in = layer_input(scene, run, layer);
  const Tensor& out = run.outputs[static_cast<std::size_t>(layer)];
  // The trace says which input channels the window reads (all of them for a
  // convolution, one for pooling) and what padding reads (-inf for max).
  const WindowStep at = window_at_step(g, step);
  Result<ElementTrace> tr = trace_scene_element(scene, run, layer, at.out_y, at.out_x, o.filter);
  if (!tr) return tr.error();
  const bool maxpool = tr->max() != nullptr;
  int first_c = in.shape.c, last_c = 0;
  for (const TraceTap& tap : tr->taps) first_c = std::min(first_c, tap.ci), last_c = std::max(last_c, tap.ci);
  const int n_c = std::min(last_c - first_c + 1, std::max(1, o.max_channels));
  const int cell = std::max(16, o.cell);
  const Layout lay;

  const int in_panel_w = pw * cell, out_panel_w = g.out_w * cell;
  Pixels p;
  p.w = lay.margin * 2 + n_c * in_panel_w + (n_c - 1) * lay.gap / 2 + lay.gap + out_panel_w;
  p.h = lay.margin * 2 + lay.label_h + std::max(ph, g.out_h) * cell + lay.label_h;
  p.rgba.assign(static_cast<std::size_t>(p.w) * static_cast<std::size_t>(p.h) * 4, 255);
  fill(&p, 0, 0, p.w, p.h, kBackground);

  const WindowStep here = window_at_step(g, step);
  const ColorScale in_max = scale_of(in.data.data(), in.data.size(), 1);
  const ColorScale out_max = scale_of(out.data.data() + o.filter, out.data.size() - static_cast<std::size_t>(o.filter),
                                      static_cast<std::size_t>(out.shape.c));
  const StrideWalk walk = stride_walk(g);

  const int top = lay.margin + lay.label_h;
  // Input channels: padded grid, uncovered cells crossed, trail, window.
  for (int k = 0; k < n_c; ++k) {
    const int ci = first_c + k;
    const int x0 = lay.margin + k * (in_panel_w + lay.gap / 2);
    draw_text(&p, x0, lay.margin, in.shape.c > 1 ? "c" + std::to_string(ci) : std::string("in"), 2, kInk);
    for (int py = 0; py < ph; ++py) {
      for (int px = 0; px < pw; ++px) {
        const int iy = py - g.pad_top, ix = px - g.pad_left;
        const int cx = x0 + px * cell, cy = top + py * cell;
        const bool pad = iy < 0 || ix < 0 || iy >= g.in_h || ix >= g.in_w;
        if (pad) {
          fill(&p, cx, cy, cell, cell, kPadFill);
          for (int d = 0; d < cell; d += 8) line(&p, cx + d, cy + cell - 1, cx + cell - 1, cy + d, 0xD2D2D2);
          draw_text(&p, cx + (cell - (maxpool ? text_width("-inf", 1) : 10)) / 2,
                    cy + (cell - (maxpool ? 7 : 14)) / 2, maxpool ? "-inf" : "0", maxpool ? 1 : 2, kPadInk);
        } else {
          const float v = in.at(iy, ix, ci);
          fill(&p, cx, cy, cell, cell, value_color(v, in_max));
          draw_number(&p, cx, cy, cell, v, ink_on(value_color(v, in_max)));
          const bool lost = std::find(walk.uncovered_rows.begin(), walk.uncovered_rows.end(), iy) !=
                                walk.uncovered_rows.end() ||
                            std::find(walk.uncovered_cols.begin(), walk.uncovered_cols.end(), ix) !=
                                walk.uncovered_cols.end();
          if (lost) {
            line(&p, cx + 3, cy + 3, cx + cell - 4, cy + cell - 4, kUncovered);
            line(&p, cx + cell - 4, cy + 3, cx + 3, cy + cell - 4, kUncovered);
          }
        }
        outline(&p, cx, cy, cell + 1, cell + 1, 1, kGridLine);
      }
    }
    const int ekh = effective_kernel(g.kh, g.dh), ekw = effective_kernel(g.kw, g.dw);
    for (int t = std::max(0, step - o.trail); t < step; ++t) {
      const WindowStep w = window_at_step(g, t);
      outline(&p, x0 + w.origin_x * cell, top + w.origin_y * cell, ekw * cell + 1, ekh * cell + 1, 2, kTrail);
    }
    outline(&p, x0 + here.origin_x * cell - 1, top + here.origin_y * cell - 1, ekw * cell + 3, ekh * cell + 3, 4,
            kWindow);
  }
  // Arrow to the output.
  const int ax = lay.margin + n_c * in_panel_w + (n_c - 1) * lay.gap / 2 + 8, ay = top + g.out_h * cell / 2;
  fill(&p, ax, ay - 1, lay.gap - 16, 3, kInk);
  for (int d = 0; d < 7; ++d) fill(&p, ax + lay.gap - 16 - d, ay - d, 1, 2 * d + 1, kInk);
  // Output map: cells up to this step are written, the current one framed.
  const int ox0 = ax + lay.gap - 8;
  draw_text(&p, ox0, lay.margin, "out", 2, kInk);
  for (int y = 0; y < g.out_h; ++y) {
    for (int x = 0; x < g.out_w; ++x) {
      const int cx = ox0 + x * cell, cy = top + y * cell;
      if (y * g.out_w + x <= step) {
        const float v = out.at(y, x, o.filter);
        fill(&p, cx, cy, cell, cell, value_color(v, out_max));
        draw_number(&p, cx, cy, cell, v, ink_on(value_color(v, out_max)));
      } else {
        fill(&p, cx, cy, cell, cell, kPending);
      }
      outline(&p, cx, cy, cell + 1, cell + 1, 1, kGridLine);
    }
  }
  outline(&p, ox0 + here.out_x * cell - 1, top + here.out_y * cell - 1, cell + 3, cell + 3, 4, kWindow);
  // Caption: the step, counted from 1 as the app does.
  const std::string caption = "step " + std::to_string(step + 1) + "/" + std::to_string(steps);
  draw_text(&p, lay.margin, p.h - lay.margin - 14, caption, 2, kInk);
  return p;
}

Result<int> for_each_walk_frame(const Scene& scene, const SceneRun& run, int layer, const FigureOptions& o,
                                const WalkFrameFn& frame) {
  if (layer < 0 || layer >= static_cast<int>(run.plan.geometry.size()))
    return Error{"layer", "layer " + std::to_string(layer) + " does not exist"};
  const Geometry2D& g = run.plan.geometry[static_cast<std::size_t>(layer)];
  const int steps = g.out_h * g.out_w;
  // Shrink the cells (down to 20 px, still legible) to stay within a pixel
  // budget that bounds the drawing time, else refuse.
  constexpr std::int64_t kBudgetPixels = 48'000'000;
  FigureOptions fo = o;
  std::int64_t total = 0;
  for (;; fo.cell -= 4) {
    Result<Pixels> probe = render_walk_frame(scene, run, layer, 0, fo);
    if (!probe) return probe.error();
    total = std::int64_t{probe->w} * probe->h * steps;
    if (total <= kBudgetPixels || fo.cell <= 20) break;
  }
  if (total > kBudgetPixels)
    return Error{"layer", "the walk has " + std::to_string(steps) +
                              " steps, too many for a GIF of this size; use a smaller input or larger strides"};
  for (int k = 0; k < steps; ++k) {
    Result<Pixels> px = render_walk_frame(scene, run, layer, k, fo);
    if (!px) return px.error();
    frame(*px, k + 1 == steps ? o.delay_cs * 3 : o.delay_cs);
  }
  return steps;
}

Result<WalkGif> render_walk_gif(const Scene& scene, const SceneRun& run, int layer, const FigureOptions& o) {
  GifPalette palette;
  int w = 0, h = 0;
  Result<int> frames = for_each_walk_frame(scene, run, layer, o, [&](const Pixels& p, int) {
    palette.add(p.rgba.data(), p.rgba.size());
    w = p.w, h = p.h;
  });
  if (!frames) return frames.error();
  GifStream gif(w, h, palette, *frames);
  Result<int> again = for_each_walk_frame(scene, run, layer, o, [&](const Pixels& p, int delay_cs) {
    gif.add(p.rgba.data(), p.rgba.size(), delay_cs);
  });
  if (!again) return again.error();
  return WalkGif{gif.finish(), *frames, w, h};
}

}  // namespace cs
