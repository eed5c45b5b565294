// error_text.h - the core's errors (validation, scene reading, picture
// import) in the UI's language. The core stays English-only and pure: an
// Error carries a code and plain arguments (core/result.h), and here the
// catalogue's template "err.<code>" turns them into a Korean sentence.
#pragma once

#include <string>

#include "core/result.h"
#include "i18n/i18n.h"

namespace cs::i18n {

// The error's sentence in the current language (or `lang`): English is
// e.message exactly as the core wrote it; Korean renders "err.<code>" with
// e.args. Errors without a template (JSON syntax errors from core/json.cpp,
// which stay English-only) fall back to the English message.
std::string error_text(const Error& e);
std::string error_text(const Error& e, Lang lang);

// "where: text", like cs::to_string(e) in the current language. JSON paths
// ("layers[1].kernel_size") stay as they are; the two labels that are words
// ("image", "(document)") are translated.
std::string error_line(const Error& e);

// Renders e's template in `lang` into *out. False when the code has no
// template or the template does not fit the arguments (an index past the
// end, a choice with no matching key). For tests: the English template
// rendered this way equals e.message.
//
// Template syntax (the "err.*" entries of catalogue.cpp):
//   {N}               argument N
//   {N|a=x|b=y|*=z}   the text after the key equal to argument N ('*': any
//                     other value); the text may hold placeholders itself
//   {N:part}          the template "err.<part>.<argument N>" rendered with
//                     the arguments after N ("{1:json}" says "the number 3")
// A '{' not followed by a digit is plain text.
bool render_error(const Error& e, Lang lang, std::string* out);

}  // namespace cs::i18n
