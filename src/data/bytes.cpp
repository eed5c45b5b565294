// bytes.cpp - whole files and gzip for the dataset readers (data/readers.h).
// zlib is the one the model file reader links (Debian's natively, our 1.3.1
// build for WebAssembly).

#include <zlib.h>

#include <fstream>
#include <limits>

#include "core/errors.h"
#include "data/readers.h"

namespace cs {

namespace {
constexpr std::size_t kMaxFileBytes = std::size_t{1} << 30;
}

Result<std::vector<std::uint8_t>> read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return make_error(path, "cannot be opened (no such file, or no permission to read it)");
  const std::streamoff end = in.tellg();
  if (end < 0) return make_error(path, "cannot be read (its size is unknown)");
  if (static_cast<std::uint64_t>(end) > kMaxFileBytes) {
    return make_error(path, "is larger than 1 GB; that is more than a dataset here may be");
  }
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(end));
  in.seekg(0);
  if (!bytes.empty() && !in.read(reinterpret_cast<char*>(bytes.data()), end)) {
    return make_error(path, "could not be read to the end");
  }
  return bytes;
}

Result<std::vector<std::uint8_t>> gunzip(const std::vector<std::uint8_t>& gz, const std::string& where,
                                         std::size_t max_bytes) {
  if (gz.size() > std::numeric_limits<uInt>::max()) return make_error(where, "gzip: the file is too large");
  z_stream z{};
  // 16 + MAX_WBITS: a gzip header and trailer (CRC-32, length) are required.
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return make_error(where, "gzip: zlib could not start");
  z.next_in = const_cast<Bytef*>(gz.data());
  z.avail_in = static_cast<uInt>(gz.size());
  std::vector<std::uint8_t> out;
  std::vector<std::uint8_t> buf(std::size_t{1} << 16);
  for (;;) {
    z.next_out = buf.data();
    z.avail_out = static_cast<uInt>(buf.size());
    const int rc = inflate(&z, Z_NO_FLUSH);
    const std::size_t got = buf.size() - z.avail_out;
    if (out.size() + got > max_bytes) {
      inflateEnd(&z);
      return make_error(where, "gzip: unpacks to more than " + std::to_string(max_bytes >> 20) +
                                   " MB; that is more than a dataset here may be");
    }
    out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(got));
    if (rc == Z_STREAM_END) {
      // Another member follows (gzip files may be concatenated): go on.
      if (z.avail_in >= 2 && z.next_in[0] == 0x1f && z.next_in[1] == 0x8b) {
        inflateReset(&z);
        continue;
      }
      break;
    }
    if (rc == Z_BUF_ERROR) {  // no input left before the end of the stream
      inflateEnd(&z);
      return make_error(where, "gzip: the file is cut short");
    }
    if (rc != Z_OK) {
      const std::string msg = z.msg ? z.msg : "zlib error " + std::to_string(rc);
      inflateEnd(&z);
      return make_error(where, "gzip: the data is damaged (" + msg + ")");
    }
  }
  inflateEnd(&z);
  return out;
}

}  // namespace cs
