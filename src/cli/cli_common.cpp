// cli_common.cpp - exit codes, error lines, files and arguments shared by
// every convscope-cli command (cli_common.h).
#include "cli/cli_common.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>

namespace cs::cli {

namespace {

// What `where` adds to a FILE:LINE:COLUMN prefix: readers that name the
// file themselves ("batch.json: y[1]") lose the name, and the JSON
// reader's syntax errors ("line L, column C") lose the position.
std::string where_after_position(const Error& e, const std::string& file) {
  std::string where = e.where;
  if (where.rfind(file + ": ", 0) == 0) where = where.substr(file.size() + 2);
  if (where == "line " + std::to_string(e.line) + ", column " + std::to_string(e.column)) where.clear();
  return where;
}

std::string reason(const char* doing) { return std::string(doing) + ": " + std::strerror(errno); }

}  // namespace

std::string error_line(const Error& e, const std::string& file) {
  const bool positioned = e.line > 0 && !file.empty();
  const std::string where = positioned ? where_after_position(e, file) : e.where;
  std::string line;
  if (positioned) {
    line = (file == "-" ? "<stdin>" : file) + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) + ": ";
  }
  return line + "error: " + (where.empty() ? "" : where + ": ") + e.message;
}

int fail(const Error& e, const std::string& file) {
  std::cerr << error_line(e, file) << "\n";
  return kExitBadInput;
}

int fail(const std::string& where, const std::string& what) { return fail(Error{where, what}); }

int usage_error(const std::string& command, const std::string& where, const std::string& what) {
  std::cerr << "usage error: " << (where.empty() ? "" : where + ": ") << what << " (convscope-cli "
            << (command.empty() ? "" : command + " ") << "--help)\n";
  return kExitUsage;
}

Result<std::string> read_file(const std::string& path) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    if (std::cin.bad()) return Error{"<stdin>", "cannot read standard input"};
    return ss.str();
  }
  errno = 0;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Error{path, reason("cannot open the file")};
  std::string text;
  char buf[65536];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  const bool bad = std::ferror(f) != 0;
  const int saved = errno;
  std::fclose(f);
  errno = saved;
  if (bad) return Error{path, reason("cannot read the file")};
  return text;
}

Result<bool> write_file(const std::string& path, const std::string& bytes) {
  errno = 0;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Error{path, reason("cannot open the file for writing")};
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  const int saved = errno;
  const bool closed = std::fclose(f) == 0;
  if (!written) errno = saved;
  if (!written || !closed) return Error{path, reason("cannot write the file")};
  return true;
}

Result<bool> write_file(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  return write_file(path, std::string(bytes.begin(), bytes.end()));
}

int parse_args(const std::vector<std::string>& args, const std::vector<OptionSpec>& spec,
               const char* file_name, Args* a) {
  a->command = args[0];
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& s = args[i];
    const OptionSpec* o = nullptr;
    for (const OptionSpec& c : spec) {
      if (s == c.name) o = &c;
    }
    if (o && o->flag) {
      a->opt[s] = "";
    } else if (o) {
      if (i + 1 >= args.size()) return usage_error(a->command, s, "expects a value");
      a->opt[s] = args[++i];
    } else if ((s.size() > 1 && s[0] == '-') || !a->file.empty()) {
      return usage_error(a->command, "", "unexpected argument \"" + s + "\" for " + a->command);
    } else {
      a->file = s;
    }
  }
  if (a->file.empty()) return usage_error(a->command, "", a->command + " needs " + file_name);
  return kExitOk;
}

bool wants_help(const std::vector<std::string>& args) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") return true;
  }
  return false;
}

bool to_int(const std::string& s, int lo, int hi, int* out) {
  if (s.empty() || s.size() > 10 || (s[0] != '-' && (s[0] < '0' || s[0] > '9'))) return false;
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (*end != '\0' || errno != 0 || v < lo || v > hi) return false;
  *out = static_cast<int>(v);
  return true;
}

bool to_double(const std::string& s, double* out) {
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return !s.empty() && *end == '\0' && std::isfinite(*out);
}

int int_option(const Args& a, const char* name, int lo, int hi, int def, int* out) {
  *out = def;
  if (a.has(name) && !to_int(a.get(name), lo, hi, out)) {
    return usage_error(a.command, name,
                       "expects a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                           ", got \"" + a.get(name) + "\"");
  }
  return kExitOk;
}

}  // namespace cs::cli
