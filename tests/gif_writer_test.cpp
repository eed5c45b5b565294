// gif_writer_test.cpp - the GIF encoder against a small independent decoder
// written here (header, colour table, extensions, variable-width LZW with
// clear codes): exact colours, frame count, delays, the loop extension, the
// >256-colour fallback, and the stride-walk figure decoding to exactly the
// frames core/figure.h drew, with the window where the walk says it is.
#include "core/gif_writer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/figure.h"
#include "core/scene.h"
#include "core/trace.h"

namespace cs {
namespace {

struct Decoded {
  int w = 0, h = 0;
  std::vector<std::uint32_t> palette;
  std::vector<std::vector<std::uint32_t>> frames;  // RGB per pixel
  std::vector<int> delays;
  int loop = -1;
  std::string error;
};

std::vector<std::uint8_t> lzw_decode(const std::vector<std::uint8_t>& data, int mcs, std::size_t expect) {
  std::vector<std::uint8_t> out;
  const int clear = 1 << mcs, eoi = clear + 1;
  std::vector<std::vector<std::uint8_t>> table;
  auto reset = [&] {
    table.assign(static_cast<std::size_t>(eoi + 1), {});
    for (int i = 0; i < clear; ++i) table[static_cast<std::size_t>(i)] = {static_cast<std::uint8_t>(i)};
  };
  reset();
  int size = mcs + 1, prev = -1;
  std::size_t bitpos = 0;
  while (bitpos + static_cast<std::size_t>(size) <= data.size() * 8) {
    int code = 0;
    for (int b = 0; b < size; ++b, ++bitpos)
      code |= ((data[bitpos / 8] >> (bitpos % 8)) & 1) << b;
    if (code == clear) {
      reset();
      size = mcs + 1;
      prev = -1;
      continue;
    }
    if (code == eoi) break;
    std::vector<std::uint8_t> entry;
    if (code < static_cast<int>(table.size())) {
      entry = table[static_cast<std::size_t>(code)];
      if (prev >= 0 && table.size() < 4096) {
        std::vector<std::uint8_t> add = table[static_cast<std::size_t>(prev)];
        add.push_back(entry[0]);
        table.push_back(add);
      }
    } else {
      if (prev < 0 || code != static_cast<int>(table.size())) return {};  // corrupt
      entry = table[static_cast<std::size_t>(prev)];
      entry.push_back(entry[0]);
      if (table.size() < 4096) table.push_back(entry);
    }
    out.insert(out.end(), entry.begin(), entry.end());
    if (static_cast<int>(table.size()) == (1 << size) && size < 12) ++size;
    prev = code;
  }
  if (out.size() != expect) return {};
  return out;
}

Decoded decode_gif(const std::vector<std::uint8_t>& b) {
  Decoded d;
  if (b.size() < 13 || std::string(b.begin(), b.begin() + 6) != "GIF89a") {
    d.error = "signature";
    return d;
  }
  d.w = b[6] | (b[7] << 8), d.h = b[8] | (b[9] << 8);
  std::size_t p = 13;
  if (b[10] & 0x80) {
    const int n = 1 << ((b[10] & 7) + 1);
    for (int i = 0; i < n; ++i, p += 3) d.palette.push_back((std::uint32_t{b[p]} << 16) | (std::uint32_t{b[p + 1]} << 8) | b[p + 2]);
  }
  int delay = 0;
  while (p < b.size()) {
    const std::uint8_t tag = b[p++];
    if (tag == 0x3B) return d;
    if (tag == 0x21) {
      const std::uint8_t label = b[p++];
      std::vector<std::uint8_t> sub;
      while (b[p]) {
        sub.insert(sub.end(), b.begin() + static_cast<long>(p + 1), b.begin() + static_cast<long>(p + 1 + b[p]));
        p += 1 + b[p];
      }
      ++p;
      if (label == 0xF9 && sub.size() == 4) delay = sub[1] | (sub[2] << 8);
      if (label == 0xFF && sub.size() == 14 && std::string(sub.begin(), sub.begin() + 11) == "NETSCAPE2.0")
        d.loop = sub[12] | (sub[13] << 8);
      continue;
    }
    if (tag != 0x2C) {
      d.error = "unknown block";
      return d;
    }
    const int fw = b[p + 4] | (b[p + 5] << 8), fh = b[p + 6] | (b[p + 7] << 8);
    p += 9;
    const int mcs = b[p++];
    std::vector<std::uint8_t> data;
    while (b[p]) {
      data.insert(data.end(), b.begin() + static_cast<long>(p + 1), b.begin() + static_cast<long>(p + 1 + b[p]));
      p += 1 + b[p];
    }
    ++p;
    const std::vector<std::uint8_t> idx = lzw_decode(data, mcs, static_cast<std::size_t>(fw * fh));
    if (idx.empty()) {
      d.error = "lzw";
      return d;
    }
    std::vector<std::uint32_t> px;
    for (std::uint8_t i : idx) px.push_back(d.palette.at(i));
    d.frames.push_back(px);
    d.delays.push_back(delay);
  }
  d.error = "no trailer";
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
