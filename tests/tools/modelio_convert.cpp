// modelio_convert.cpp - test tool: reads a model with cs::modelio::read_model
// and writes it again as .keras or as TensorFlow.js (model.json + shard), so
// independent readers (h5py in keras_layout.sh, tfjs in Node) can check
// what the writers produce.
//   modelio_convert --keras OUT.keras IN...
//   modelio_convert --tfjs OUT_DIR IN...
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "modelio/model_file.h"

namespace {

bool read_file(const std::string& path, std::vector<std::uint8_t>& out) {
  std::ifstream f(path, std::ios::binary);
  out.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  return static_cast<bool>(f) || f.eof();
}

bool write_file(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(f);
}

int usage() {
  std::fprintf(stderr, "usage: modelio_convert --keras OUT.keras | --tfjs OUT_DIR  IN...\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) return usage();
  const std::string mode = argv[1];
  const std::string out = argv[2];
  if (mode != "--keras" && mode != "--tfjs") return usage();
  std::vector<cs::modelio::InputFile> files;
  for (int i = 3; i < argc; ++i) {
    cs::modelio::InputFile f;
    f.name = argv[i];
    if (!read_file(argv[i], f.bytes)) {
      std::fprintf(stderr, "error: %s: cannot be read\n", argv[i]);
      return 1;
    }
    files.push_back(std::move(f));
  }
  cs::Result<cs::modelio::ModelFile> m = cs::modelio::read_model(files);
  if (!m) {
    std::fprintf(stderr, "error: %s\n", cs::to_string(m.error()).c_str());
    return 1;
  }
  if (mode == "--keras") {
    cs::Result<std::vector<std::uint8_t>> bytes = cs::modelio::write_keras(*m);
    if (!bytes || !write_file(out, *bytes)) {
      std::fprintf(stderr, "error: %s\n",
                   bytes ? out.c_str() : cs::to_string(bytes.error()).c_str());
      return 1;
    }
    return 0;
  }
  cs::Result<std::vector<cs::modelio::InputFile>> written = cs::modelio::write_tfjs(*m);
  if (!written) {
    std::fprintf(stderr, "error: %s\n", cs::to_string(written.error()).c_str());
    return 1;
  }
  for (const cs::modelio::InputFile& f : *written) {
    if (!write_file(out + "/" + f.name, f.bytes)) {
      std::fprintf(stderr, "error: %s/%s: cannot be written\n", out.c_str(), f.name.c_str());
      return 1;
    }
  }
  return 0;
}
