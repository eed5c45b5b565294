// gif_writer.h - a minimal animated GIF89a encoder (LZW, one global palette,
// looping). Pure: RGBA frames in, bytes out. Used for the stride-walk
// figures teachers put in slides (core/figure.h draws the frames).
#pragma once

#include <cstdint>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace cs {

struct GifFrame {
  std::vector<std::uint8_t> rgba;  // w * h * 4 bytes, rows top to bottom
  int delay_cs = 50;               // display time in 1/100 s
};

// All frames share the size w x h. Colours are kept exactly when the frames
// use at most 256 of them (our figures use a few dozen); otherwise they are
// mapped to a 6x7x6 colour cube. Alpha is ignored. loop: 0 = forever.
std::vector<std::uint8_t> encode_gif(const std::vector<GifFrame>& frames, int w, int h, int loop = 0);

// The same, one frame at a time, keeping no frame: show every frame to a
// GifPalette (colours only), then hand them again, in order, to a GifStream.
// Memory is the palette, one frame's indices and the file so far, however
// long the animation (core/figure.cpp's walks draw each frame twice).
class GifPalette {
 public:
  void add(const std::uint8_t* rgba, std::size_t bytes);
  std::uint8_t lookup(std::uint32_t rgb) const;  // an exact colour, or the cube's nearest
  const std::vector<std::uint32_t>& colors() const { return colors_; }

 private:
  std::vector<std::uint32_t> colors_;  // 0xRRGGBB; the 6x7x6 cube once `cube_`
  std::unordered_map<std::uint32_t, std::uint8_t> index_;
  bool cube_ = false;
};

class GifStream {
 public:
  // `frames`: how many will come (a single frame gets no loop extension).
  GifStream(int w, int h, const GifPalette& palette, int frames, int loop = 0);
  void add(const std::uint8_t* rgba, std::size_t bytes, int delay_cs);
  std::vector<std::uint8_t> finish();  // the trailer; the stream is done

 private:
  int w_, h_, min_code_size_;
  const GifPalette& palette_;
  std::vector<std::uint8_t> out_, idx_;
};

bool write_file_bytes(const std::string& path, const std::vector<std::uint8_t>& bytes, std::string* error);

}  // namespace cs
