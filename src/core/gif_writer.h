// gif_writer.h - a minimal animated GIF89a encoder (LZW, one global palette,
// looping). Pure: RGBA frames in, bytes out. Used for the stride-walk
// figures teachers put in slides (core/figure.h draws the frames).
#pragma once

#include <cstdint>
#include <string>
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

bool write_file_bytes(const std::string& path, const std::vector<std::uint8_t>& bytes, std::string* error);

}  // namespace cs
