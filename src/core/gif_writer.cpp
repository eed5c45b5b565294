// gif_writer.cpp - GIF89a: header, global colour table, NETSCAPE2.0 loop
// extension, then per frame a graphic control extension and an LZW-coded
// image. LZW here is the variable-width flavour GIF requires: codes start at
// min_code_size + 1 bits and grow when the next code would not fit; at 4096
// entries a clear code resets the table.
// [SECTION] Palette
// [SECTION] LZW
// [SECTION] File
#include "core/gif_writer.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace cs {

namespace {

// 0xRRGGBB of an RGBA pixel.
std::uint32_t rgb_of(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | std::uint32_t{p[2]};
}

// [SECTION] LZW

class BitSink {
 public:
  explicit BitSink(std::vector<std::uint8_t>* out) : out_(out) {}
  void put(int code, int bits) {
    acc_ |= static_cast<std::uint32_t>(code) << nbits_;
    nbits_ += bits;
    while (nbits_ >= 8) {
      byte(static_cast<std::uint8_t>(acc_ & 255));
      acc_ >>= 8;
      nbits_ -= 8;
    }
  }
  void finish() {
    if (nbits_ > 0) byte(static_cast<std::uint8_t>(acc_ & 255));
    flush_block();
    out_->push_back(0);  // block terminator
  }

 private:
  void byte(std::uint8_t b) {
    block_.push_back(b);
    if (block_.size() == 255) flush_block();
  }
  void flush_block() {
    if (block_.empty()) return;
    out_->push_back(static_cast<std::uint8_t>(block_.size()));
    out_->insert(out_->end(), block_.begin(), block_.end());
    block_.clear();
  }
  std::vector<std::uint8_t>* out_;
  std::vector<std::uint8_t> block_;
  std::uint32_t acc_ = 0;
  int nbits_ = 0;
};

void lzw_encode(const std::vector<std::uint8_t>& idx, int min_code_size, std::vector<std::uint8_t>* out) {
  out->push_back(static_cast<std::uint8_t>(min_code_size));
  const int clear = 1 << min_code_size, eoi = clear + 1;
  BitSink sink(out);
  // Dictionary: (prefix code, next index) -> code.
  std::unordered_map<std::uint32_t, int> dict;
  int next = eoi + 1, bits = min_code_size + 1;
  sink.put(clear, bits);
  if (idx.empty()) {
    sink.put(eoi, bits);
    sink.finish();
    return;
  }
  int prefix = idx[0];
  for (std::size_t i = 1; i < idx.size(); ++i) {
    const std::uint32_t key = (static_cast<std::uint32_t>(prefix) << 8) | idx[i];
    auto it = dict.find(key);
    if (it != dict.end()) {
      prefix = it->second;
      continue;
    }
    sink.put(prefix, bits);
    if (next < 4096) {
      dict[key] = next++;
      // The decoder widens after it has added code (1 << bits) - 1... it lags
      // one entry behind the encoder, so widen when next exceeds the width.
      if (next > (1 << bits) && bits < 12) ++bits;
    } else {
      sink.put(clear, bits);
      dict.clear();
      next = eoi + 1;
      bits = min_code_size + 1;
    }
    prefix = idx[i];
  }
  sink.put(prefix, bits);
  sink.put(eoi, bits);
  sink.finish();
}

void put16(std::vector<std::uint8_t>* out, int v) {
  out->push_back(static_cast<std::uint8_t>(v & 255));
  out->push_back(static_cast<std::uint8_t>((v >> 8) & 255));
}

}  // namespace

// [SECTION] Palette

void GifPalette::add(const std::uint8_t* rgba, std::size_t bytes) {
  for (std::size_t i = 0; i + 3 < bytes && !cube_; i += 4) {
    const std::uint32_t c = rgb_of(rgba + i);
    if (index_.count(c)) continue;
    if (colors_.size() == 256) {  // too many: a fixed 6x7x6 cube instead
      cube_ = true;
      index_.clear();
      colors_.clear();
      for (int r = 0; r < 6; ++r)
        for (int g = 0; g < 7; ++g)
          for (int b = 0; b < 6; ++b)
            colors_.push_back((std::uint32_t(r * 255 / 5) << 16) | (std::uint32_t(g * 255 / 6) << 8) |
                              std::uint32_t(b * 255 / 5));
      return;
    }
    index_[c] = static_cast<std::uint8_t>(colors_.size());
    colors_.push_back(c);
  }
}

std::uint8_t GifPalette::lookup(std::uint32_t c) const {
  if (!cube_) {
    const auto it = index_.find(c);
    return it != index_.end() ? it->second : 0;  // a colour add() never saw: the first
  }
  const int r = static_cast<int>((c >> 16) & 255) * 6 / 256;
  const int g = static_cast<int>((c >> 8) & 255) * 7 / 256;
  const int b = static_cast<int>(c & 255) * 6 / 256;
  return static_cast<std::uint8_t>((r * 7 + g) * 6 + b);
}

// [SECTION] File

GifStream::GifStream(int w, int h, const GifPalette& palette, int frames, int loop)
    : w_(w), h_(h), palette_(palette), idx_(static_cast<std::size_t>(w) * static_cast<std::size_t>(h)) {
  const std::size_t n = palette.colors().size();
  int table_bits = 1;  // colour table of 2^table_bits entries, at least 2
  while ((std::size_t{1} << table_bits) < n) ++table_bits;
  min_code_size_ = std::max(2, table_bits);
  const char* sig = "GIF89a";
  out_.insert(out_.end(), sig, sig + 6);
  put16(&out_, w);
  put16(&out_, h);
  out_.push_back(static_cast<std::uint8_t>(0xF0 | (table_bits - 1)));  // global table, 8-bit colour
  out_.push_back(0);                                                    // background index
  out_.push_back(0);                                                    // aspect
  for (int i = 0; i < (1 << table_bits); ++i) {
    const std::uint32_t c = static_cast<std::size_t>(i) < n ? palette.colors()[static_cast<std::size_t>(i)] : 0;
    out_.push_back(static_cast<std::uint8_t>(c >> 16));
    out_.push_back(static_cast<std::uint8_t>((c >> 8) & 255));
    out_.push_back(static_cast<std::uint8_t>(c & 255));
  }
  if (frames > 1) {  // NETSCAPE2.0: loop count
    const std::uint8_t app[] = {0x21, 0xFF, 11, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0', 3, 1};
    out_.insert(out_.end(), app, app + sizeof app);
    put16(&out_, loop);
    out_.push_back(0);
  }
}

void GifStream::add(const std::uint8_t* rgba, std::size_t bytes, int delay_cs) {
  out_.insert(out_.end(), {0x21, 0xF9, 4, 0x04});  // graphic control: disposal "leave in place"
  put16(&out_, std::clamp(delay_cs, 0, 65535));
  out_.push_back(0);
  out_.push_back(0);
  out_.push_back(0x2C);  // image descriptor
  put16(&out_, 0);
  put16(&out_, 0);
  put16(&out_, w_);
  put16(&out_, h_);
  out_.push_back(0);  // no local table, not interlaced
  for (std::size_t i = 0; i < idx_.size(); ++i) {
    idx_[i] = 4 * i + 3 < bytes ? palette_.lookup(rgb_of(rgba + 4 * i)) : 0;
  }
  lzw_encode(idx_, min_code_size_, &out_);
}

std::vector<std::uint8_t> GifStream::finish() {
  out_.push_back(0x3B);  // trailer
  return std::move(out_);
}

std::vector<std::uint8_t> encode_gif(const std::vector<GifFrame>& frames, int w, int h, int loop) {
  GifPalette palette;
  for (const GifFrame& f : frames) palette.add(f.rgba.data(), f.rgba.size());
  GifStream gif(w, h, palette, static_cast<int>(frames.size()), loop);
  for (const GifFrame& f : frames) gif.add(f.rgba.data(), f.rgba.size(), f.delay_cs);
  return gif.finish();
}

bool write_file_bytes(const std::string& path, const std::vector<std::uint8_t>& bytes, std::string* error) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    if (error) *error = "cannot open " + path + " for writing";
    return false;
  }
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  const bool closed = std::fclose(f) == 0;
  if (!(ok && closed) && error) *error = "cannot write " + path;
  return ok && closed;
}

}  // namespace cs
