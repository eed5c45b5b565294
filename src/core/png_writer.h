// png_writer.h - PNG encoding (RGBA8, deflate-compressed by stb_image_write).
// Pure: bytes in, bytes out. Used for screenshots and exported figures.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cs {

// rgba holds w*h*4 bytes, rows top to bottom.
std::vector<std::uint8_t> encode_png_rgba(const std::uint8_t* rgba, int w,
                                          int h);
// Writes the PNG to path; false (and a message in *error) on failure.
bool write_png_file(const std::string& path, const std::uint8_t* rgba, int w,
                    int h, std::string* error);

}  // namespace cs
