// class_names.h - what a classifier's outputs are called: the sets the
// course uses (MNIST digits; Fashion-MNIST in English and in the book's
// Korean) or names the student types, one per output.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/scene.h"

namespace cs {

enum class ClassSet : int { kNumbers = 0, kDigits = 1, kFashion = 2, kTyped = 3 };

// The set a model most likely means: 10 outputs from a 28x28x1 input are
// Fashion-MNIST when the title says so (the chapter's best-cnn-model is),
// else digits; anything else is numbered.
ClassSet guess_class_set(const Scene& model);

// `count` names for the set in language `korean` or English; typed names
// come from `typed` (comma- or newline-separated), numbered where missing.
std::vector<std::string> class_names(ClassSet set, int count, bool korean, const std::string& typed = "");

// A sidecar file of class names handed in with a model: `labels.txt` (one
// name per line; \r\n ends lines too, a last empty line is no name) or
// `labels.json` (an array of strings), told apart by the name's ending.
// Exactly `count` names (the model's output units), else an Error whose
// `where` is the file name and whose message says what is wrong.
Result<std::vector<std::string>> read_class_names_file(const std::string& name, std::string_view bytes, int count);

// Whether a file name is such a sidecar (labels.txt / labels.json, any folder, any case).
bool is_class_names_file(const std::string& name);

}  // namespace cs
