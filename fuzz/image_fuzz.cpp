// image_fuzz.cpp - libFuzzer target: any bytes as a picture file through
// cs::decode_image (PNG, JPEG, BMP, GIF via stb_image, with our size checks),
// then downscale_to_fit and the image-mode scene, as the app does on a drop.
// Every result is a picture of the stated size or an "image" error.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "core/validate.h"
#include "model/image.h"

namespace {

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "image_fuzz: invariant broken: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  cs::Result<cs::Image> img = cs::decode_image(data, size);
  if (!img) {
    check(img.error().where == "image", "errors are about the image");
    check(!img.error().message.empty(), "an error has a message");
    return 0;
  }
  check(img->w > 0 && img->h > 0, "a decoded picture has a size");
  check(img->rgb.size() == static_cast<std::size_t>(img->w) * static_cast<std::size_t>(img->h) * 3,
        "RGB size");
  const int sides[] = {1, 7, cs::kImageModeMaxSide};
  for (int side : sides) {
    const cs::Image small = cs::downscale_to_fit(*img, side);
    check(small.w >= 1 && small.h >= 1 && small.w <= std::max(side, 1) && small.h <= side,
          "downscaled size");
    check(small.rgb.size() ==
              static_cast<std::size_t>(small.w) * static_cast<std::size_t>(small.h) * 3,
          "size");
  }
  const cs::Image fit = cs::downscale_to_fit(*img, cs::kImageModeMaxSide);
  const cs::Scene scene = cs::make_image_scene(fit, (size & 1) != 0, 8);
  check(cs::validate_scene(scene).ok(), "the image scene is valid");
  return 0;
}
