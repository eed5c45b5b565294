// softmax_view.h - the softmax of one position as a table: each logit z,
// exp(z - max), their sum and each probability as a bar, the current one
// marked. Shared by the Softmax layer and Dense(activation='softmax').
#pragma once

#include "core/activation.h"

namespace cs {

void draw_softmax_table(const SoftmaxStats& s, int current, float width);

}  // namespace cs
