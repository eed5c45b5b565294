// data_fuzz.cpp - libFuzzer target: any bytes through the dataset readers
// (src/data/readers.h). The first byte picks the reader: 0 the digits asset,
// 1 an idx pair (the next two bytes say where the images end and the labels
// begin), 2 a zip of PNG class folders, 3 BATCH.json, 4 gzip alone. Every
// result is an error with a place and a message, or a dataset whose sizes,
// labels and values agree with each other.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "data/readers.h"

namespace {

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "data_fuzz: invariant broken: %s\n", what);
    std::abort();
  }
}

void check_result(const cs::Result<cs::Dataset>& r, bool unit_range) {
  if (!r) {
    check(!r.error().where.empty(), "an error names its file");
    check(!r.error().message.empty(), "an error has a message");
    return;
  }
  const cs::Dataset& d = *r;
  check(d.size() > 0 || !unit_range, "a read set is not empty");
  check(d.shape.h > 0 && d.shape.w > 0 && d.shape.c > 0, "a shape");
  check(d.x.size() == d.size() * static_cast<std::size_t>(d.shape.elements()), "values per example");
  check(d.classes > 0 && d.class_names.size() == static_cast<std::size_t>(d.classes), "class names");
  for (std::int32_t y : d.y) check(y >= 0 && y < d.classes, "labels in range");
  for (float v : d.x) {
    check(std::isfinite(v), "finite values");
    if (unit_range) check(v >= 0.0f && v <= 1.0f, "values in [0, 1]");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t which = data[0] % 5;
  const std::vector<std::uint8_t> rest(data + 1, data + size);
  switch (which) {
    case 0:
      check_result(cs::read_digits_asset(rest.data(), rest.size(), "d.bin"), true);
      break;
    case 1: {
      if (rest.size() < 2) return 0;
      const std::size_t cut = std::min<std::size_t>(rest.size() - 2, std::size_t{rest[0]} << 8 | rest[1]);
      const std::vector<std::uint8_t> images(rest.begin() + 2, rest.begin() + 2 + static_cast<std::ptrdiff_t>(cut));
      const std::vector<std::uint8_t> labels(rest.begin() + 2 + static_cast<std::ptrdiff_t>(cut), rest.end());
      check_result(cs::read_idx_pair(images, "i.idx", labels, "l.idx"), true);
      break;
    }
    case 2:
      check_result(cs::read_picture_zip(rest, "p.zip"), true);
      break;
    case 3:
      check_result(cs::read_batch_json(std::string(rest.begin(), rest.end()), "b.json"), false);
      break;
    default: {
      cs::Result<std::vector<std::uint8_t>> out = cs::gunzip(rest, "g.gz", std::size_t{16} << 20);
      if (out) check(out->size() <= (std::size_t{16} << 20), "the gzip bound holds");
      break;
    }
  }
  return 0;
}
