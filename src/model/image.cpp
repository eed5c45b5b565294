// image.cpp - decode with limits, downscale, and build the image scene.
// Errors carry a code and arguments (core/result.h) for the Korean UI.
#include "model/image.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "model/presets.h"

// stb_image 2.30 (Debian trixie's libstb source), compiled in model/stb_image_impl.cpp.
#include "stb_image.h"

namespace cs {

extern const std::uint8_t kSampleImagePng[];
extern const std::size_t kSampleImagePngSize;

namespace {

// stb_image grows its buffer for PNG pixel data (IDAT) to a chunk's stated
// length before reading the chunk, so a 261-byte file stating a 1 GB chunk
// made it allocate up to 2 GB (found by fuzz/image_fuzz.cpp; in the browser
// WebAssembly memory never shrinks again). Chunks are walked as stb walks
// them (length, type, data, CRC) up to IEND; one longer than what is left
// of the file is refused, which bounds stb's buffer by twice the file size.
bool png_chunks_fit(const std::uint8_t* bytes, std::size_t size) {
  std::size_t p = 8;  // after the signature
  while (size - p >= 8) {
    const std::uint64_t length = (std::uint64_t{bytes[p]} << 24) | (std::uint64_t{bytes[p + 1]} << 16) |
                                 (std::uint64_t{bytes[p + 2]} << 8) | bytes[p + 3];
    const bool iend = bytes[p + 4] == 'I' && bytes[p + 5] == 'E' && bytes[p + 6] == 'N' && bytes[p + 7] == 'D';
    if (length > size - p - 8) return false;
    if (iend) return true;
    p += 8 + static_cast<std::size_t>(length);
    if (size - p < 4) return true;  // cut short: stb says so itself
    p += 4;                         // CRC
  }
  return true;
}

// The format a file's first bytes announce (the signatures stb tests), so a
// damaged file is called damaged rather than "not a picture".
const char* claimed_format(const std::uint8_t* bytes, std::size_t size) {
  const auto starts = [&](const char* sig, std::size_t n) {
    return size >= n && std::equal(sig, sig + n, reinterpret_cast<const char*>(bytes));
  };
  if (starts("\x89PNG\r\n\x1a\n", 8)) return "PNG";
  if (starts("GIF8", 4)) return "GIF";
  if (starts("BM", 2)) return "BMP";
  std::size_t i = 1;  // JPEG: FF, any fill FFs, then the SOI marker D8
  while (i < size && bytes[0] == 0xFF && bytes[i] == 0xFF) ++i;
  if (size >= 2 && bytes[0] == 0xFF && i < size && bytes[i] == 0xD8) return "JPEG";
  return nullptr;
}

Error image_error(std::string message, const char* code, std::vector<std::string> args = {}) {
  Error e{"image", std::move(message)};
  e.code = code;
  e.args = std::move(args);
  return e;
}

std::string too_large(std::uint64_t w, std::uint64_t h) {
  return std::to_string(w) + "x" + std::to_string(h) + " is too large: at most " +
         std::to_string(kMaxImagePixels >> 20) + " M pixels are accepted";
}

}  // namespace

Result<Image> decode_image(const std::uint8_t* bytes, std::size_t size) {
  if (!bytes || size == 0) return image_error("the file is empty", "image_empty");
  if (size > (std::size_t{256} << 20)) return image_error("the file is larger than 256 MB", "image_file_too_large");
  int w = 0, h = 0, comp = 0;
  const int len = static_cast<int>(size);
  // PNG states its size in the first chunk: refuse huge ones by their
  // numbers before stb (whose own guard gives no size) looks at them.
  static const std::uint8_t kPngSig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (size >= 24 && std::equal(kPngSig, kPngSig + 8, bytes)) {
    const auto be32 = [&](std::size_t at) {
      return (std::uint32_t{bytes[at]} << 24) | (std::uint32_t{bytes[at + 1]} << 16) |
             (std::uint32_t{bytes[at + 2]} << 8) | bytes[at + 3];
    };
    const std::uint32_t pw = be32(16), ph = be32(20);
    if (std::uint64_t{pw} * ph > static_cast<std::uint64_t>(kMaxImagePixels)) {
      return image_error(too_large(pw, ph), "image_too_many_pixels",
                         {std::to_string(pw), std::to_string(ph), std::to_string(kMaxImagePixels >> 20)});
    }
  }
  if (size >= 8 && std::equal(kPngSig, kPngSig + 8, bytes) && !png_chunks_fit(bytes, size)) {
    return image_error("the PNG data is damaged (a chunk is longer than the file)", "image_png_chunk_too_long");
  }
  if (!stbi_info_from_memory(bytes, len, &w, &h, &comp)) {
    if (std::string(stbi_failure_reason()) == "too large") {  // stb's own size guard
      return image_error("the picture is too large to open: at most " + std::to_string(kMaxImagePixels >> 20) +
                             " M pixels are accepted",
                         "image_too_large_to_open", {std::to_string(kMaxImagePixels >> 20)});
    }
    // stb tries every format and keeps the last one's reason ("unknown image
    // type"), so a file that announces a format is called a damaged one.
    if (const char* format = claimed_format(bytes, size)) {
      return image_error(std::string("the ") + format + " data is damaged (its header cannot be read)",
                         "image_header_damaged", {format});
    }
    return image_error("not a PNG, JPEG, BMP or GIF image (" + std::string(stbi_failure_reason()) + ")",
                       "image_unknown_format", {stbi_failure_reason()});
  }
  if (w <= 0 || h <= 0) {
    const char* format = claimed_format(bytes, size);
    return image_error(std::string("the ") + (format ? format : "image") + " data is damaged (it states a size of " +
                           std::to_string(w) + "x" + std::to_string(h) + ")",
                       "image_size_damaged", {format ? format : "image", std::to_string(w), std::to_string(h)});
  }
  if (std::int64_t{w} * h > kMaxImagePixels) {
    return image_error(too_large(static_cast<std::uint64_t>(w), static_cast<std::uint64_t>(h)), "image_too_many_pixels",
                       {std::to_string(w), std::to_string(h), std::to_string(kMaxImagePixels >> 20)});
  }
  int n = 0;
  stbi_uc* px = stbi_load_from_memory(bytes, len, &w, &h, &n, 3);
  if (!px) {
    return image_error(std::string("the image data is damaged (") + stbi_failure_reason() + ")",
                       "image_decode_failed", {stbi_failure_reason()});
  }
  Image img;
  img.w = w, img.h = h;
  img.rgb.assign(px, px + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
  stbi_image_free(px);
  return img;
}

Image image_from_rgba(const std::uint8_t* rgba, int w, int h) {
  Image img;
  img.w = w, img.h = h;
  img.rgb.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
  for (std::size_t i = 0, n = static_cast<std::size_t>(w) * static_cast<std::size_t>(h); i < n; ++i) {
    img.rgb[i * 3] = rgba[i * 4], img.rgb[i * 3 + 1] = rgba[i * 4 + 1], img.rgb[i * 3 + 2] = rgba[i * 4 + 2];
  }
  return img;
}

Image downscale_to_fit(const Image& img, int max_side) {
  const int side = std::max(img.w, img.h);
  if (side <= max_side) return img;
  Image out;
  out.w = std::max(1, static_cast<int>(static_cast<std::int64_t>(img.w) * max_side / side));
  out.h = std::max(1, static_cast<int>(static_cast<std::int64_t>(img.h) * max_side / side));
  out.rgb.resize(static_cast<std::size_t>(out.w) * static_cast<std::size_t>(out.h) * 3);
  // Each output pixel averages the source pixels it covers (box filter).
  for (int y = 0; y < out.h; ++y) {
    const int y0 = static_cast<int>(static_cast<std::int64_t>(y) * img.h / out.h);
    const int y1 = std::max(y0 + 1, static_cast<int>(static_cast<std::int64_t>(y + 1) * img.h / out.h));
    for (int x = 0; x < out.w; ++x) {
      const int x0 = static_cast<int>(static_cast<std::int64_t>(x) * img.w / out.w);
      const int x1 = std::max(x0 + 1, static_cast<int>(static_cast<std::int64_t>(x + 1) * img.w / out.w));
      for (int c = 0; c < 3; ++c) {
        std::uint32_t sum = 0;
        for (int sy = y0; sy < y1; ++sy)
          for (int sx = x0; sx < x1; ++sx)
            sum += img.rgb[(static_cast<std::size_t>(sy) * static_cast<std::size_t>(img.w) +
                            static_cast<std::size_t>(sx)) * 3 + static_cast<std::size_t>(c)];
        const std::uint32_t count = static_cast<std::uint32_t>((y1 - y0) * (x1 - x0));
        out.rgb[(static_cast<std::size_t>(y) * static_cast<std::size_t>(out.w) + static_cast<std::size_t>(x)) * 3 +
                static_cast<std::size_t>(c)] = static_cast<std::uint8_t>((sum + count / 2) / count);
      }
    }
  }
  return out;
}

KernelPreset image_filter_preset(int f) {
  static const KernelPreset order[] = {KernelPreset::kSobelX, KernelPreset::kSobelY, KernelPreset::kLaplacian,
                                       KernelPreset::kGaussian, KernelPreset::kSharpen, KernelPreset::kEmboss,
                                       KernelPreset::kBoxBlur, KernelPreset::kIdentity};
  return order[((f % 8) + 8) % 8];
}

Scene make_image_scene(const Image& img, bool grayscale, int filters, bool sample) {
  Scene s;
  char title[96];
  std::snprintf(title, sizeof title, sample ? kSampleSceneTitle : kImageSceneTitle, filters);
  s.title = title;
  const int c = grayscale ? 1 : 3;
  s.input.shape = {img.h, img.w, c, false};
  s.input.data.resize(static_cast<std::size_t>(img.w) * static_cast<std::size_t>(img.h) * static_cast<std::size_t>(c));
  for (std::size_t i = 0, n = static_cast<std::size_t>(img.w) * static_cast<std::size_t>(img.h); i < n; ++i) {
    const float r = img.rgb[i * 3] / 255.0f, g = img.rgb[i * 3 + 1] / 255.0f, b = img.rgb[i * 3 + 2] / 255.0f;
    if (grayscale) {
      s.input.data[i] = 0.299f * r + 0.587f * g + 0.114f * b;  // ITU-R BT.601 luma
    } else {
      s.input.data[i * 3] = r, s.input.data[i * 3 + 1] = g, s.input.data[i * 3 + 2] = b;
    }
  }
  Layer l;
  l.type = LayerType::kConv2D;
  l.filters = filters;
  l.kernel_size = {3, 3};
  l.padding = PaddingMode::kSame;
  l.activation = Activation::kRelu;
  l.kernel.assign(static_cast<std::size_t>(9 * c * filters), 0.0f);
  l.bias.assign(static_cast<std::size_t>(filters), 0.0f);
  for (int f = 0; f < filters; ++f) {
    const std::vector<float> k = make_kernel(image_filter_preset(f), 3, 3, static_cast<std::uint32_t>(f));
    for (int t = 0; t < 9; ++t)
      for (int ci = 0; ci < c; ++ci)  // same slice on every channel, scaled so RGB sums like gray
        l.kernel[(static_cast<std::size_t>(t) * static_cast<std::size_t>(c) + static_cast<std::size_t>(ci)) *
                     static_cast<std::size_t>(filters) + static_cast<std::size_t>(f)] =
            k[static_cast<std::size_t>(t)] / static_cast<float>(c);
  }
  s.layers.push_back(l);
  return s;
}

Result<Image> sample_image() {
  Result<Image> img = decode_image(kSampleImagePng, kSampleImagePngSize);
  if (!img) return img;
  return downscale_to_fit(*img, kImageModeMaxSide);
}

}  // namespace cs
