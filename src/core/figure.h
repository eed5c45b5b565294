// figure.h - figures for slides, drawn without a GPU: the walk of one layer
// (padded input with the window, the feature map filling in, a number in
// every cell) as RGBA pixels, one frame per step. The app exports them as
// PNG / animated GIF and convscope-cli renders them from a scene file.
// A tiny built-in bitmap font draws the numbers; no fonts, no GL.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/gif_writer.h"
#include "core/result.h"
#include "core/scene.h"

namespace cs {

struct Pixels {
  int w = 0, h = 0;
  std::vector<std::uint8_t> rgba;  // w * h * 4
};

struct FigureOptions {
  int cell = 44;        // cell size in pixels
  int filter = 0;       // filter (conv) or channel (pooling) walked
  int max_channels = 3; // input channels drawn side by side (conv)
  int trail = 2;        // earlier windows drawn faintly
  int delay_cs = 60;    // GIF frame time, 1/100 s
};

// One frame: layer `layer` of a scene already run, at walk step `step`.
// Fails when the layer/step/filter does not exist or the grid would be
// larger than 64 cells a side (a picture: too big for a slide figure).
Result<Pixels> render_walk_frame(const Scene& scene, const SceneRun& run, int layer, int step,
                                 const FigureOptions& o = {});
// Every step of the walk, then the finished map held three times as long,
// drawn one frame at a time and handed to `frame` (nothing is kept). Large
// walks get smaller cells (down to 20 px); beyond ~48 million pixels in all
// frames it fails (too long to draw). Returns the number of frames.
using WalkFrameFn = std::function<void(const Pixels& frame, int delay_cs)>;
Result<int> for_each_walk_frame(const Scene& scene, const SceneRun& run, int layer, const FigureOptions& o,
                                const WalkFrameFn& frame);
// The walk as an animated GIF, encoded while it is drawn (every frame drawn
// twice: for the palette, then for the pixels), so memory stays one frame
// plus the file however many steps the walk has.
struct WalkGif {
  std::vector<std::uint8_t> bytes;  // the .gif file
  int frames = 0, w = 0, h = 0;
};
Result<WalkGif> render_walk_gif(const Scene& scene, const SceneRun& run, int layer, const FigureOptions& o = {});

// Text drawing with the built-in font (digits, - . / + e x = ( ) and a few
// letters); exposed for tests. Unknown characters draw as a small box.
void draw_text(Pixels* p, int x, int y, const std::string& text, int scale, std::uint32_t rgb);
int text_width(const std::string& text, int scale);

}  // namespace cs
