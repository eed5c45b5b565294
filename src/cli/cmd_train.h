// cmd_train.h - convscope-cli's learning commands: grad, train, evaluate
// (src/cli/cmd_train.cpp), over core/train and src/data.
#pragma once

#include <string>
#include <vector>

namespace cs::cli {

extern const char kTrainUsage[];

// Whether args[0] names one of these commands.
bool is_train_command(const std::string& command);
// Runs it (args[0] is the command); the exit code: 0, or 2 for bad input
// with one "error: <where>: <what>" line on stderr.
int run_train_command(const std::vector<std::string>& args);

}  // namespace cs::cli
