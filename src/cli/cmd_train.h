// cmd_train.h - convscope-cli's learning commands: grad, train, evaluate
// (src/cli/cmd_train.cpp), over core/train and src/data.
#pragma once

#include <vector>

#include "cli/cli_common.h"

namespace cs::cli {

// grad, train and evaluate, for main.cpp's dispatch and help.
const std::vector<Command>& train_commands();

}  // namespace cs::cli
