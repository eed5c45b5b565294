// load.cpp - load_data (data/load.h): which reader a spec goes to.
//   "mnist"                       the bundled digits, seeded 8,000 / 2,000 split
//   FOLDER                        idx files in it, else one subfolder of PNGs per class
//   *.json                        BATCH.json
//   *.zip (or zip content)        PNGs per class
//   idx names or content          MNIST / Fashion-MNIST idx files (plain or .gz)
//   digits.bin (by content)       the asset itself, split like "mnist"

#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/errors.h"
#include "data/load.h"
#include "data/readers.h"
#include "modelio/zip_io.h"

namespace cs {

namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& s, const char* tail) {
  const std::size_t n = std::strlen(tail);
  if (s.size() < n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    const char a = s[s.size() - n + i];
    if ((a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) != tail[i]) return false;
  }
  return true;
}

bool folder_has_idx(const std::string& dir) {
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string n = e.path().filename().string();
    if (n.find("-images-idx3-ubyte") != std::string::npos) return true;
  }
  return false;
}

Result<DataSplit> digits_split(const std::vector<std::uint8_t>& bytes, const std::string& where) {
  Result<Dataset> all = read_digits_asset(bytes.data(), bytes.size(), where);
  if (!all) return all.error();
  return split_dataset(*all, kDigitsValidation, kDigitsSplitSeed);
}

Result<DataSplit> train_only(Result<Dataset> d) {
  if (!d) return d.error();
  DataSplit s;
  s.train = std::move(*d);
  return s;
}

}  // namespace

Result<DataSplit> load_data(const std::string& spec) {
  if (spec == "mnist") {
    Result<std::string> path = find_digits_asset();
    if (!path) return path.error();
    Result<std::vector<std::uint8_t>> bytes = read_file_bytes(*path);
    if (!bytes) return bytes.error();
    return digits_split(*bytes, *path);
  }
  if (spec.empty()) return make_error("--data", "is empty; give mnist or a path");
  std::error_code ec;
  if (!fs::exists(spec, ec)) {
    return make_error(spec, "does not exist (expected mnist, a BATCH.json, idx files, or a folder or .zip of PNGs)");
  }
  if (fs::is_directory(spec, ec)) {
    if (folder_has_idx(spec)) return read_idx_path(spec);
    return train_only(read_picture_folder(spec));
  }
  const std::string name = fs::path(spec).filename().string();
  if (name.find("-idx3-ubyte") != std::string::npos || name.find("-idx1-ubyte") != std::string::npos) {
    return read_idx_path(spec);
  }
  Result<std::vector<std::uint8_t>> bytes = read_file_bytes(spec);
  if (!bytes) return bytes.error();
  const std::vector<std::uint8_t>& b = *bytes;
  if (b.empty()) return make_error(spec, "is empty");
  if (b.size() >= 4 && std::memcmp(b.data(), kDigitsMagic, 4) == 0) return digits_split(b, spec);
  if (modelio::zip::has_zip_magic(b)) return train_only(read_picture_zip(b, spec));
  if (ends_with(name, ".zip")) return make_error(spec, "is named .zip but is not a zip archive");
  if (ends_with(name, ".json") || b[0] == '{' || b[0] == ' ' || b[0] == '\n' || b[0] == 0xEF) {
    return train_only(read_batch_json(std::string(b.begin(), b.end()), spec));
  }
  return make_error(spec, "is not a dataset ConvScope reads (mnist, a BATCH.json, MNIST idx files "
                          "NAME-images-idx3-ubyte[.gz], or a folder or .zip of PNGs per class)");
}

}  // namespace cs
