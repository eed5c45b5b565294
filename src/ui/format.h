// format.h - how numbers are written on screen: the shortest text that
// reads back to the same float (so every number is exactly the engine's),
// with -inf and NaN spelled out.
#pragma once

#include <string>

namespace cs {

std::string num(float v);
// "relu" -> "ReLU" etc., as the textbook writes them.
const char* activation_label(int activation);

}  // namespace cs
