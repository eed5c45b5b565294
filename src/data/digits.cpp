// digits.cpp - the bundled digits asset (scripts/make-digits.mjs writes it
// into the build folder), where "mnist" finds it, and the seeded split.

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <system_error>

#include "core/errors.h"
#include "core/init.h"
#include "data/readers.h"

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <unistd.h>
#endif

namespace cs {

namespace {

std::uint32_t le16(const std::uint8_t* p) { return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8; }
std::uint32_t le32(const std::uint8_t* p) { return le16(p) | le16(p + 2) << 16; }

// The running executable's folder, or "" where it cannot be known (WebAssembly).
std::string executable_dir() {
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) return exe.parent_path().string();
#endif
  return {};
}

}  // namespace

Result<Dataset> read_digits_asset(const std::uint8_t* bytes, std::size_t size, const std::string& where) {
  if (size < kDigitsHeaderBytes) {
    return make_error(where, "is cut short: " + istr(static_cast<std::int64_t>(size)) +
                                 " bytes, less than the 16-byte header");
  }
  if (std::memcmp(bytes, kDigitsMagic, 4) != 0) {
    return make_error(where, "is not a ConvScope digits file (it does not start with \"CSDG\")");
  }
  const std::uint32_t version = le16(bytes + 4), classes = le16(bytes + 6), count = le32(bytes + 8),
                      rows = le16(bytes + 12), cols = le16(bytes + 14);
  if (version != kDigitsVersion) {
    return make_error(where, "has format version " + istr(version) + "; this build reads version " +
                                 istr(kDigitsVersion) + " (rebuild it with scripts/make-digits.mjs)");
  }
  if (classes < 1 || classes > 256 || rows < 1 || cols < 1 || count < 1) {
    return make_error(where, "has an impossible header: " + istr(count) + " examples of " + istr(rows) + "x" +
                                 istr(cols) + " pixels in " + istr(classes) + " classes");
  }
  const std::uint64_t pixels = std::uint64_t{rows} * cols;
  const std::uint64_t want = kDigitsHeaderBytes + std::uint64_t{count} * (1 + pixels);
  if (size != want) {
    return make_error(where, std::string(size < want ? "is cut short" : "is longer than its header says") + ": " +
                                 istr(count) + " examples of " + istr(rows) + "x" + istr(cols) + " need " +
                                 istr(static_cast<std::int64_t>(want)) + " bytes, the file has " +
                                 istr(static_cast<std::int64_t>(size)));
  }
  Dataset d;
  d.shape.h = static_cast<int>(rows);
  d.shape.w = static_cast<int>(cols);
  d.shape.c = 1;
  d.classes = static_cast<int>(classes);
  for (std::uint32_t c = 0; c < classes; ++c) d.class_names.push_back(std::to_string(c));
  const std::uint8_t* labels = bytes + kDigitsHeaderBytes;
  d.y.resize(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    if (labels[i] >= classes) {
      return make_error(where, "example " + istr(i) + " has label " + istr(labels[i]) + ", outside 0.." +
                                   istr(classes - 1));
    }
    d.y[i] = labels[i];
  }
  const std::uint8_t* px = labels + count;
  d.x.resize(static_cast<std::size_t>(count * pixels));
  for (std::size_t i = 0; i < d.x.size(); ++i) d.x[i] = static_cast<float>(px[i]) / 255.0f;
  return d;
}

Result<std::string> find_digits_asset() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (const char* env = std::getenv("CONVSCOPE_DATA"); env && *env) {
    fs::path p(env);
    if (fs::is_directory(p, ec)) p /= kDigitsFileName;
    if (fs::is_regular_file(p, ec)) return p.string();
    return make_error("mnist", "the bundled digits are not at " + p.string() +
                                   " (CONVSCOPE_DATA); build the digits_asset target, or unset CONVSCOPE_DATA");
  }
  // Beside the executable, then (WebAssembly under Node, which has no
  // executable path) the working directory.
  std::string tried;
  for (const std::string& dir : {executable_dir(), std::string(".")}) {
    if (dir.empty()) continue;
    for (const fs::path& p : {fs::path(dir) / "data" / kDigitsFileName, fs::path(dir) / kDigitsFileName}) {
      if (fs::is_regular_file(p, ec)) return p.string();
      tried += (tried.empty() ? "" : ", ") + p.string();
    }
  }
  return make_error("mnist", "the bundled digits (" + std::string(kDigitsFileName) + ") were not found" +
                                 (tried.empty() ? std::string() : " at " + tried) +
                                 "; build the digits_asset target, or set CONVSCOPE_DATA to its folder");
}

std::vector<std::size_t> split_order(std::size_t n, std::uint64_t seed) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  Rng32 rng(seed);
  for (std::size_t i = n; i > 1; --i) {  // Fisher-Yates, from the back
    const std::size_t j = rng.below(static_cast<std::uint32_t>(i));
    std::swap(order[i - 1], order[j]);
  }
  return order;
}

DataSplit split_dataset(const Dataset& all, std::size_t validation, std::uint64_t seed) {
  const std::size_t n = all.size();
  if (validation > n) validation = n;
  const std::vector<std::size_t> order = split_order(n, seed);
  const std::size_t per = static_cast<std::size_t>(all.shape.elements());
  DataSplit s;
  for (Dataset* d : {&s.train, &s.validation}) {
    d->shape = all.shape;
    d->classes = all.classes;
    d->class_names = all.class_names;
  }
  for (std::size_t k = 0; k < n; ++k) {
    Dataset& d = k < n - validation ? s.train : s.validation;
    const std::size_t i = order[k];
    d.y.push_back(all.y[i]);
    d.x.insert(d.x.end(), all.example(i), all.example(i) + per);
  }
  return s;
}

}  // namespace cs
