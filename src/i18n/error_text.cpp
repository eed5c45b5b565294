// error_text.cpp - renders an Error's "err.<code>" template (see
// error_text.h for the syntax) in the current language.
#include "i18n/error_text.h"

#include <string_view>
#include <vector>

namespace cs::i18n {

namespace {

using Args = std::vector<std::string>;

// Deep enough for a choice inside a choice inside a part; a template that
// nests further is a catalogue mistake, refused rather than recursed on.
constexpr int kMaxDepth = 8;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Index of the '}' closing the placeholder whose body starts at `from`,
// counting every brace (literal braces inside a choice come in pairs).
std::size_t closing_brace(std::string_view t, std::size_t from) {
  int depth = 1;
  for (std::size_t i = from; i < t.size(); ++i) {
    if (t[i] == '{') ++depth;
    if (t[i] == '}' && --depth == 0) return i;
  }
  return std::string_view::npos;
}

bool render(std::string_view t, const Args& args, Lang lang, int depth, std::string* out);

// "|a=x|b=y|*=z": renders the text whose key equals `value`, else the '*' one.
bool render_choice(std::string_view body, const std::string& value, const Args& args, Lang lang,
                   int depth, std::string* out) {
  std::string_view fallback;
  bool has_fallback = false;
  std::size_t i = 1;  // past the first '|'
  while (i <= body.size()) {
    std::size_t end = i;
    for (int d = 0; end < body.size() && (d > 0 || body[end] != '|'); ++end) {
      if (body[end] == '{') ++d;
      if (body[end] == '}') --d;
    }
    const std::string_view alt = body.substr(i, end - i);
    const std::size_t eq = alt.find('=');
    if (eq == std::string_view::npos) return false;
    const std::string_view key = alt.substr(0, eq), text = alt.substr(eq + 1);
    if (key == value) return render(text, args, lang, depth + 1, out);
    if (key == "*") fallback = text, has_fallback = true;
    i = end + 1;
  }
  return has_fallback && render(fallback, args, lang, depth + 1, out);
}

bool render(std::string_view t, const Args& args, Lang lang, int depth, std::string* out) {
  if (depth > kMaxDepth) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '{' || i + 1 >= t.size() || !is_digit(t[i + 1])) {
      *out += t[i];
      continue;
    }
    std::size_t j = i + 1;
    std::size_t n = 0;
    while (j < t.size() && is_digit(t[j])) n = n * 10 + static_cast<std::size_t>(t[j++] - '0');
    const std::size_t close = closing_brace(t, j);
    if (close == std::string_view::npos || n >= args.size()) return false;
    const std::string_view body = t.substr(j, close - j);
    if (body.empty()) {
      *out += args[n];
    } else if (body[0] == '|') {
      if (!render_choice(body, args[n], args, lang, depth, out)) return false;
    } else if (body[0] == ':') {
      const std::string key = "err." + std::string(body.substr(1)) + "." + args[n];
      const char* part = lookup(key.c_str(), lang);
      const Args rest(args.begin() + static_cast<std::ptrdiff_t>(n) + 1, args.end());
      if (!part || !render(part, rest, lang, depth + 1, out)) return false;
    } else {
      return false;
    }
    i = close;
  }
  return true;
}

}  // namespace

bool render_error(const Error& e, Lang lang, std::string* out) {
  if (e.code.empty()) return false;
  const std::string key = "err." + e.code;
  const char* t = lookup(key.c_str(), lang);
  std::string text;
  if (!t || !render(t, e.args, lang, 0, &text)) return false;
  *out = std::move(text);
  return true;
}

std::string error_text(const Error& e, Lang lang) {
  if (lang == Lang::kEn) return e.message;  // the core's own words, unchanged
  std::string text;
  return render_error(e, lang, &text) ? text : e.message;
}

std::string error_text(const Error& e) { return error_text(e, language()); }

std::string error_line(const Error& e) {
  const std::string text = error_text(e);
  if (e.where.empty()) return text;
  const char* where = e.where == "image"        ? tr("err.where.image")
                      : e.where == "(document)" ? tr("err.where.document")
                                                : e.where.c_str();
  return std::string(where) + ": " + text;
}

}  // namespace cs::i18n
