// class_names.h - what a classifier's outputs are called: the sets the
// course uses (MNIST digits; Fashion-MNIST in English and in the book's
// Korean) or names the student types, one per output.
#pragma once

#include <string>
#include <vector>

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

}  // namespace cs
