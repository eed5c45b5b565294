// describe.h - the current step of the walk in words, in the UI language:
// what a screen reader announces (the web layer puts it in an aria-live
// region) and what a student who cannot see the colours reads. Every number
// is the engine's, from the Session's element trace.
#pragma once

#include <string>

#include "model/session.h"

namespace cs {

// "Step 5 of 9: output row 1, column 1, filter 1. The window starts at row
// 2, column 2 of the padded input. Products: 15 times 1, ... Their sum is 198."
std::string describe_step(const Session& session);

}  // namespace cs
