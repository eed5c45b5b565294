// gif_writer_test.cpp - the GIF encoder against stb_image's decoder
// (stbi_load_gif_from_memory, third-party and independent of ours): exact
// colours, frame count, delays, the loop extension, the
// >256-colour fallback, and the stride-walk figure decoding to exactly the
// frames core/figure.h drew, with the window where the walk says it is.
#include "core/gif_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/figure.h"
#include "core/scene.h"
#include "core/trace.h"
#include "stb_image.h"

namespace cs {
namespace {

struct Decoded {
  int w = 0, h = 0;
  std::vector<std::vector<std::uint32_t>> frames;  // RGB per pixel
  std::vector<int> delays;                         // centiseconds
  int loop = -1;
  std::string error;
};

// The NETSCAPE2.0 application extension's loop count (stb_image does not
// report it): -1 when the file has none.
int loop_count(const std::vector<std::uint8_t>& b) {
  const std::string tag = "NETSCAPE2.0";
  const auto at = std::search(b.begin(), b.end(), tag.begin(), tag.end());
  if (at == b.end() || b.end() - at < 15 || at[11] != 3 || at[12] != 1) return -1;
  return at[13] | (at[14] << 8);
}

// stb_image's GIF decoder (third-party, independent of our encoder).
Decoded decode_gif(const std::vector<std::uint8_t>& b) {
  Decoded d;
  int* delays = nullptr;
  int frames = 0, comp = 0;
  stbi_uc* px = stbi_load_gif_from_memory(b.data(), static_cast<int>(b.size()), &delays, &d.w, &d.h, &frames,
                                          &comp, 4);
  if (!px) {
    d.error = stbi_failure_reason();
    return d;
  }
  const std::size_t n = static_cast<std::size_t>(d.w) * static_cast<std::size_t>(d.h);
  for (int f = 0; f < frames; ++f) {
    const stbi_uc* frame = px + static_cast<std::size_t>(f) * n * 4;
    std::vector<std::uint32_t> rgb(n);
    for (std::size_t i = 0; i < n; ++i) {
      rgb[i] = (std::uint32_t{frame[4 * i]} << 16) | (std::uint32_t{frame[4 * i + 1]} << 8) | frame[4 * i + 2];
    }
    d.frames.push_back(std::move(rgb));
    d.delays.push_back(delays[f] / 10);  // stb reports milliseconds
  }
  stbi_image_free(px);
  stbi_image_free(delays);
  d.loop = loop_count(b);
  return d;
}

std::uint32_t rgb_at(const std::vector<std::uint8_t>& rgba, std::size_t i) {
  return (std::uint32_t{rgba[4 * i]} << 16) | (std::uint32_t{rgba[4 * i + 1]} << 8) | rgba[4 * i + 2];
}

// Frames of random pixels drawn from `colors` distinct colours.
std::vector<GifFrame> random_frames(std::mt19937& gen, int w, int h, int frames, int colors) {
  std::vector<std::uint32_t> pal;
  for (int i = 0; i < colors; ++i) pal.push_back(static_cast<std::uint32_t>(i) * 0x010203u + 0x102030u * static_cast<std::uint32_t>(i % 7));
  std::vector<GifFrame> out;
  for (int f = 0; f < frames; ++f) {
    GifFrame fr;
    fr.delay_cs = 10 + f;
    for (int i = 0; i < w * h; ++i) {
      // Runs and noise, so the dictionary both grows long strings and fills.
      const std::uint32_t c = pal[static_cast<std::size_t>((i / 7 + static_cast<int>(gen() % 3)) % colors)];
      fr.rgba.insert(fr.rgba.end(), {static_cast<std::uint8_t>(c >> 16), static_cast<std::uint8_t>((c >> 8) & 255),
                                     static_cast<std::uint8_t>(c & 255), 255});
    }
    out.push_back(fr);
  }
  return out;
}

TEST(GifWriter, RoundTripsExactColoursAcrossSizesAndPaletteWidths) {
  const std::uint32_t seed = 20260;
  std::mt19937 gen(seed);
  struct Case { int w, h, frames, colors; };
  // 1 colour (smallest table), 2, 5, 16, 200, 256; sizes below/above one
  // 255-byte sub-block and past the 4096-code table (clear codes).
  const Case cases[] = {{1, 1, 1, 1}, {3, 2, 2, 2}, {17, 9, 3, 5}, {64, 64, 2, 16}, {200, 150, 2, 200}, {97, 211, 1, 256}};
  for (const Case& c : cases) {
    SCOPED_TRACE("seed " + std::to_string(seed) + ", " + std::to_string(c.w) + "x" + std::to_string(c.h) + ", " +
                 std::to_string(c.colors) + " colours");
    const std::vector<GifFrame> frames = random_frames(gen, c.w, c.h, c.frames, c.colors);
    const Decoded d = decode_gif(encode_gif(frames, c.w, c.h));
    ASSERT_EQ(d.error, "");
    ASSERT_EQ(d.w, c.w);
    ASSERT_EQ(d.h, c.h);
    ASSERT_EQ(d.frames.size(), frames.size());
    EXPECT_EQ(d.loop, c.frames > 1 ? 0 : -1);
    for (std::size_t f = 0; f < frames.size(); ++f) {
      EXPECT_EQ(d.delays[f], frames[f].delay_cs);
      for (std::size_t i = 0; i < d.frames[f].size(); ++i) {
        ASSERT_EQ(d.frames[f][i], rgb_at(frames[f].rgba, i)) << "frame " << f << " pixel " << i;
      }
    }
  }
}

TEST(GifWriter, MoreThan256ColoursMapToTheCube) {
  GifFrame f;
  for (int i = 0; i < 1000; ++i) f.rgba.insert(f.rgba.end(), {static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i / 4), static_cast<std::uint8_t>(255 - i % 256), 255});
  const Decoded d = decode_gif(encode_gif({f}, 1000, 1));
  ASSERT_EQ(d.error, "");
  ASSERT_EQ(d.frames.size(), 1u);
  for (int i = 0; i < 1000; ++i) {
    const std::uint32_t c = d.frames[0][static_cast<std::size_t>(i)];
    // Within one cube step (51 red/blue, 42.5 green) of the original.
    EXPECT_LE(std::abs(static_cast<int>(c >> 16) - (i & 255)), 51);
    EXPECT_LE(std::abs(static_cast<int>((c >> 8) & 255) - (i / 4) % 256), 43);
  }
}

// The figure a teacher exports: the walk of scenes/same-stride2-like scene.
TEST(GifWriter, StrideWalkFigureDecodesToTheDrawnFrames) {
  std::string data;
  for (int i = 1; i <= 36; ++i) data += (i > 1 ? "," : "") + std::to_string(i);
  Result<Scene> sc = parse_scene(R"({"version": 1, "input": {"shape": [6, 6, 1], "data": [)" + data +
                                 R"(]}, "layers": [{"type": "Conv2D", "filters": 1, "kernel_size": 3, "strides": 2,
                                 "padding": "same", "use_bias": false, "kernel": [1,1,1,1,1,1,1,1,1]}]})");
  ASSERT_TRUE(sc.ok()) << to_string(sc.error());
  Result<SceneRun> run = run_scene_full(*sc);
  ASSERT_TRUE(run.ok());
  FigureOptions o;
  std::vector<GifFrame> drawn;  // the frames as drawn, to compare with the decoded file
  Result<int> count = for_each_walk_frame(*sc, *run, 0, o, [&](const Pixels& p, int delay_cs) {
    drawn.push_back({p.rgba, delay_cs});
  });
  ASSERT_TRUE(count.ok());
  const std::vector<GifFrame>* frames = &drawn;
  const Geometry2D& g = run->plan.geometry[0];
  ASSERT_EQ(frames->size(), static_cast<std::size_t>(g.out_h * g.out_w));  // 3x3 = 9 steps
  ASSERT_EQ(*count, g.out_h * g.out_w);
  Result<Pixels> first = render_walk_frame(*sc, *run, 0, 0, o);
  ASSERT_TRUE(first.ok());
  Result<WalkGif> anim = render_walk_gif(*sc, *run, 0, o);  // streamed: no frame kept
  ASSERT_TRUE(anim.ok());
  EXPECT_EQ(anim->w, first->w);
  EXPECT_EQ(anim->h, first->h);
  EXPECT_EQ(anim->frames, *count);
  EXPECT_EQ(anim->bytes, encode_gif(drawn, anim->w, anim->h));  // the same bytes as encoding kept frames
  const Decoded d = decode_gif(anim->bytes);
  ASSERT_EQ(d.error, "");
  ASSERT_EQ(d.frames.size(), frames->size());
  EXPECT_EQ(d.delays.back(), o.delay_cs * 3);  // the finished map is held longer
  const std::uint32_t red = 0xE24A33;
  const int top = 16 + 26;  // margin + label row (figure.cpp's Layout)
  for (std::size_t k = 0; k < frames->size(); ++k) {
    for (std::size_t i = 0; i < d.frames[k].size(); ++i) ASSERT_EQ(d.frames[k][i], rgb_at((*frames)[k].rgba, i)) << k;
    // The window's top-left corner is red where window_at_step puts it.
    const WindowStep w = window_at_step(g, static_cast<int>(k));
    const int x = 16 + w.origin_x * o.cell + 1, y = top + w.origin_y * o.cell + 1;
    EXPECT_EQ(d.frames[k][static_cast<std::size_t>(y * d.w + x)], red) << "step " << k;
  }
  // Frames differ step to step (the walk moves).
  for (std::size_t k = 1; k < d.frames.size(); ++k) EXPECT_NE(d.frames[k], d.frames[k - 1]);
}

// A picture-sized walk (28x28 'same': 784 steps) shrinks its cells, and a
// 64x64 one is refused instead of exhausting memory.
TEST(Figure, LargeWalksShrinkOrAreRefused) {
  auto scene_of = [](int n) {
    std::string data;
    for (int i = 0; i < n * n; ++i) data += (i ? "," : "") + std::to_string(i % 10);
    return parse_scene(R"({"version": 1, "input": {"shape": [)" + std::to_string(n) + ", " + std::to_string(n) +
                       R"(, 1], "data": [)" + data + R"(]}, "layers": [{"type": "Conv2D", "filters": 1,
                       "kernel_size": 3, "padding": "same", "kernel": [0,0,0,0,1,0,0,0,0]}]})");
  };
  Result<Scene> mid = scene_of(12);
  ASSERT_TRUE(mid.ok());
  Result<SceneRun> run = run_scene_full(*mid);
  ASSERT_TRUE(run.ok());
  Result<WalkGif> a = render_walk_gif(*mid, *run, 0);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->frames, 144);
  EXPECT_LE(static_cast<long long>(a->w) * a->h * 144, 48'000'000LL);
  Result<Scene> big = scene_of(48);
  ASSERT_TRUE(big.ok());
  Result<SceneRun> run2 = run_scene_full(*big);
  ASSERT_TRUE(run2.ok());
  EXPECT_FALSE(render_walk_gif(*big, *run2, 0).ok());
}

TEST(Figure, RejectsWhatIsNotThere) {
  Result<Scene> sc = parse_scene(R"({"version": 1, "input": {"shape": [4, 4, 1], "data": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]},
    "layers": [{"type": "MaxPooling2D", "pool_size": 2}]})");
  ASSERT_TRUE(sc.ok());
  Result<SceneRun> run = run_scene_full(*sc);
  ASSERT_TRUE(run.ok());
  EXPECT_FALSE(render_walk_frame(*sc, *run, 1, 0).ok());
  EXPECT_FALSE(render_walk_frame(*sc, *run, 0, 4).ok());
  FigureOptions o;
  o.filter = 1;
  EXPECT_FALSE(render_walk_frame(*sc, *run, 0, 0, o).ok());
  EXPECT_TRUE(render_walk_frame(*sc, *run, 0, 3).ok());
  EXPECT_EQ(text_width("12", 2), 22);
}

}  // namespace
}  // namespace cs
