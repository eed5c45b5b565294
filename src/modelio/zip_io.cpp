// zip_io.cpp - minizip over byte buffers: an ioapi stream in memory (minizip
// 1.1 has no memory I/O of its own), the archive listing and member reads
// with size and CRC checks, and writing stored members.
//
// [SECTION] A minizip stream over memory
// [SECTION] Reading
// [SECTION] Writing

#include "modelio/zip_io.h"

#include <minizip/unzip.h>
#include <minizip/zip.h>

#include <algorithm>
#include <cstring>

#include "modelio/errors.h"

namespace cs::modelio::zip {
namespace {

constexpr std::size_t kMaxEntries = 100000;
constexpr std::size_t kMaxNameBytes = 65535;  // the zip format's 16-bit name length

// [SECTION] A minizip stream over memory

// Reads from `in`, or writes to `out` (growing it); minizip seeks back to
// finish each member's local header, so writes may land before the end.
struct MemoryStream {
  const std::uint8_t* in = nullptr;
  std::size_t in_size = 0;
  std::vector<std::uint8_t>* out = nullptr;
  std::size_t pos = 0;
  bool failed = false;

  std::size_t size() const { return out ? out->size() : in_size; }
};

voidpf ZCALLBACK mem_open(voidpf opaque, const void*, int) { return opaque; }

uLong ZCALLBACK mem_read(voidpf, voidpf stream, void* buf, uLong size) {
  auto* s = static_cast<MemoryStream*>(stream);
  if (!s->in || s->pos >= s->in_size) return 0;
  const std::size_t n = std::min<std::size_t>(size, s->in_size - s->pos);
  std::memcpy(buf, s->in + s->pos, n);
  s->pos += n;
  return static_cast<uLong>(n);
}

uLong ZCALLBACK mem_write(voidpf, voidpf stream, const void* buf, uLong size) {
  auto* s = static_cast<MemoryStream*>(stream);
  if (!s->out) {
    s->failed = true;
    return 0;
  }
  if (s->pos + size > s->out->size()) s->out->resize(s->pos + size);
  std::memcpy(s->out->data() + s->pos, buf, size);
  s->pos += size;
  return size;
}

ZPOS64_T ZCALLBACK mem_tell(voidpf, voidpf stream) {
  return static_cast<MemoryStream*>(stream)->pos;
}

long ZCALLBACK mem_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* s = static_cast<MemoryStream*>(stream);
  const std::size_t base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
                           : origin == ZLIB_FILEFUNC_SEEK_CUR ? s->pos
                                                              : s->size();
  const ZPOS64_T target = static_cast<ZPOS64_T>(base) + offset;
  if (target > s->size()) return -1;
  s->pos = static_cast<std::size_t>(target);
  return 0;
}

int ZCALLBACK mem_close(voidpf, voidpf) { return 0; }
int ZCALLBACK mem_error(voidpf, voidpf stream) {
  return static_cast<MemoryStream*>(stream)->failed;
}

zlib_filefunc64_def memory_functions(MemoryStream* s) {
  zlib_filefunc64_def f;
  f.zopen64_file = mem_open;
  f.zread_file = mem_read;
  f.zwrite_file = mem_write;
  f.ztell64_file = mem_tell;
  f.zseek64_file = mem_seek;
  f.zclose_file = mem_close;
  f.zerror_file = mem_error;
  f.opaque = s;
  return f;
}

}  // namespace

// [SECTION] Reading

struct Reader::State {
  MemoryStream stream;
  unzFile zip = nullptr;
  std::vector<unz64_file_pos> positions;  // parallel to entries_
};

Reader::Reader() : state_(std::make_unique<State>()) {}

Reader::~Reader() {
  if (state_->zip) unzClose(state_->zip);
}

namespace {

// The name and size of the member at minizip's current position.
Result<Entry> current_entry(unzFile zip, const std::string& where) {
  unz_file_info64 info;
  std::vector<char> name(kMaxNameBytes + 1, '\0');
  if (unzGetCurrentFileInfo64(zip, &info, name.data(), static_cast<uLong>(name.size()), nullptr, 0,
                              nullptr, 0) != UNZ_OK) {
    return fail(where, "its list of members is damaged");
  }
  Entry e;
  e.name.assign(name.data(), std::min<std::size_t>(info.size_filename, kMaxNameBytes));
  e.size = info.uncompressed_size;
  return e;
}

}  // namespace

Result<bool> Reader::open(const std::vector<std::uint8_t>& bytes, const std::string& where) {
  where_ = where;
  state_->stream.in = bytes.data();
  state_->stream.in_size = bytes.size();
  zlib_filefunc64_def functions = memory_functions(&state_->stream);
  state_->zip = unzOpen2_64("memory.zip", &functions);
  if (!state_->zip) {
    return fail(where,
                "is not a readable zip archive: its directory is missing or damaged "
                "(is the file cut short?)");
  }
  for (int rc = unzGoToFirstFile(state_->zip); rc != UNZ_END_OF_LIST_OF_FILE;
       rc = unzGoToNextFile(state_->zip)) {
    if (rc != UNZ_OK) return fail(where, "its list of members is damaged");
    if (entries_.size() >= kMaxEntries) return fail(where, "holds more than 100000 members");
    Result<Entry> e = current_entry(state_->zip, where);
    if (!e) return e.error();
    unz64_file_pos pos;
    if (unzGetFilePos64(state_->zip, &pos) != UNZ_OK)
      return fail(where, "its list of members is damaged");
    entries_.push_back(std::move(*e));
    state_->positions.push_back(pos);
  }
  return true;
}

bool Reader::has(const std::string& name) const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [&](const Entry& e) { return e.name == name; });
}

namespace {

Result<bool> check_member(unzFile zip, std::size_t max_bytes, const std::string& where) {
  unz_file_info64 info;
  if (unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
    return fail(where, "its directory entry is damaged");
  }
  if (info.flag & 1) return fail(where, "is encrypted; save the model without a password");
  if (info.compression_method != 0 && info.compression_method != Z_DEFLATED) {
    return fail(where, "is compressed with method " + std::to_string(info.compression_method) +
                           "; only stored and deflated members can be read");
  }
  if (info.uncompressed_size > max_bytes) {
    return fail(where, "is " + std::to_string(info.uncompressed_size) + " bytes, more than the " +
                           std::to_string(max_bytes) + " this reader accepts");
  }
  return true;
}

Result<std::vector<std::uint8_t>> read_open_member(unzFile zip, std::size_t size,
                                                   const std::string& where) {
  std::vector<std::uint8_t> out(size);
  std::size_t got = 0;
  while (got < size) {
    const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(size - got, 1u << 20));
    const int n = unzReadCurrentFile(zip, out.data() + got, chunk);
    if (n < 0) return fail(where, "cannot be unpacked; the archive is damaged or cut short");
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  std::uint8_t extra = 0;
  if (got < size) return fail(where, "is cut short: the archive ends inside it");
  if (unzReadCurrentFile(zip, &extra, 1) != 0) {
    return fail(where, "holds more bytes than its directory entry says; the archive is damaged");
  }
  return out;
}

}  // namespace

Result<std::vector<std::uint8_t>> Reader::read(const std::string& name, std::size_t max_bytes) {
  const std::string where = join_where(where_, name);
  const auto it = std::find_if(entries_.begin(), entries_.end(),
                               [&](const Entry& e) { return e.name == name; });
  if (it == entries_.end()) return fail(where, "is missing from the archive");
  unz64_file_pos pos = state_->positions[static_cast<std::size_t>(it - entries_.begin())];
  if (unzGoToFilePos64(state_->zip, &pos) != UNZ_OK) return fail(where, "cannot be found again");
  Result<bool> ok = check_member(state_->zip, max_bytes, where);
  if (!ok) return ok.error();
  if (unzOpenCurrentFile(state_->zip) != UNZ_OK) {
    return fail(where, "cannot be opened; its local header is damaged");
  }
  Result<std::vector<std::uint8_t>> bytes =
      read_open_member(state_->zip, static_cast<std::size_t>(it->size), where);
  const int closed = unzCloseCurrentFile(state_->zip);
  if (!bytes) return bytes;
  if (closed == UNZ_CRCERROR) return fail(where, "fails its CRC check; the archive is damaged");
  if (closed != UNZ_OK) return fail(where, "cannot be unpacked; the archive is damaged");
  return bytes;
}

// [SECTION] Writing

std::uint32_t dos_time(int year, int month, int day, int hour, int minute, int second) {
  year = std::clamp(year, 1980, 2107);
  const auto date = static_cast<std::uint32_t>(((year - 1980) << 9) | (month << 5) | day);
  const auto time = static_cast<std::uint32_t>((hour << 11) | (minute << 5) | (second / 2));
  return date << 16 | time;
}

Result<std::vector<std::uint8_t>> write_stored(const std::vector<Member>& members,
                                               const std::string& where) {
  std::vector<std::uint8_t> out;
  MemoryStream stream;
  stream.out = &out;
  zlib_filefunc64_def functions = memory_functions(&stream);
  zipFile zf = zipOpen2_64("memory.zip", APPEND_STATUS_CREATE, nullptr, &functions);
  if (!zf) return fail(where, "the zip archive cannot be started");
  bool ok = true;
  for (const Member& m : members) {
    zip_fileinfo info;
    std::memset(&info, 0, sizeof info);
    info.dosDate = m.dos_time ? m.dos_time : dos_time(1980, 1, 1, 0, 0, 0);
    const std::vector<std::uint8_t>& b = *m.bytes;
    const bool big = b.size() >= 0xFFFFFFFFu;
    ok = ok && zipOpenNewFileInZip64(zf, m.name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, 0,
                                     0, big ? 1 : 0) == ZIP_OK;
    for (std::size_t at = 0; ok && at < b.size(); at += 1u << 30) {
      const auto n = static_cast<unsigned>(std::min<std::size_t>(b.size() - at, 1u << 30));
      ok = zipWriteInFileInZip(zf, b.data() + at, n) == ZIP_OK;
    }
    ok = ok && zipCloseFileInZip(zf) == ZIP_OK;
  }
  const bool closed = zipClose(zf, nullptr) == ZIP_OK;
  if (!ok || !closed || stream.failed) return fail(where, "the zip archive cannot be written");
  return out;
}

}  // namespace cs::modelio::zip
