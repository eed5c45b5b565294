// cli_common.h - what every convscope-cli command shares: the exit codes,
// the one error line it prints, reading and writing files (with the
// system's reason when that fails) and the command line parsed into
// a file and --options. Used by main.cpp, cmd_train.cpp and model_load.cpp.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"

namespace cs::cli {

// Exit codes (README "The engine on its own").
constexpr int kExitOk = 0;
constexpr int kExitBadInput = 2;  // the scene, model, data or a file is bad
constexpr int kExitUsage = 64;    // the command line itself (sysexits.h EX_USAGE)

// Prints one line on stderr and returns kExitBadInput:
// "FILE:LINE:COLUMN: error: <where>: <what>" when `e` has a position in
// `file` ("-" is "<stdin>"), else "error: <where>: <what>".
int fail(const Error& e, const std::string& file = "");
int fail(const std::string& where, const std::string& what);
// "usage error: <where>: <what> (convscope-cli COMMAND --help)"; returns kExitUsage.
int usage_error(const std::string& command, const std::string& where, const std::string& what);
// The line fail() prints, without the newline (for tests and messages).
std::string error_line(const Error& e, const std::string& file);

// The whole file, or stdin for "-"; an Error {path, "cannot open the
// file: <strerror>"} when it cannot be read.
Result<std::string> read_file(const std::string& path);
// Writes bytes to `path`; an Error {path, "cannot write the file: ..."}.
Result<bool> write_file(const std::string& path, const std::string& bytes);
Result<bool> write_file(const std::string& path, const std::vector<std::uint8_t>& bytes);

// A command's options: each takes a value unless it is a flag.
struct OptionSpec {
  const char* name;
  bool flag = false;
};

// The command line after the command: one FILE (or "-") and --options.
struct Args {
  std::string command, file;
  std::map<std::string, std::string> opt;  // flags map to ""
  bool has(const char* name) const { return opt.count(name) != 0; }
  std::string get(const char* name, const char* def = "") const { return has(name) ? opt.at(name) : def; }
};

// One command: its name, options, help text (its usage lines and what it
// prints) and what runs it.
struct Command {
  const char* name;
  std::vector<OptionSpec> options;
  const char* file_name;  // what its FILE is, for "needs ..." ("a FILE (or - for stdin)")
  const char* help;
  int (*run)(const Args&);
};

// Parses args[1..] for args[0] into *a; an exit code (a usage error) on an
// unknown option, a missing value, a second FILE or none.
int parse_args(const std::vector<std::string>& args, const std::vector<OptionSpec>& spec,
               const char* file_name, Args* a);
// Whether the command line asks for the command's help.
bool wants_help(const std::vector<std::string>& args);

// A whole number in [lo, hi] (no sign for lo >= 0, no blanks).
bool to_int(const std::string& s, int lo, int hi, int* out);
bool to_double(const std::string& s, double* out);
// --name N in [lo, hi], or def when absent; an exit code (a usage error).
int int_option(const Args& a, const char* name, int lo, int hi, int def, int* out);

}  // namespace cs::cli
