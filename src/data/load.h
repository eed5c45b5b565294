// load.h - datasets for training and evaluation, by name or path: the one
// entry the CLI and the app call. The readers live here, outside the core
// (which only sees core/dataset.h).
#pragma once
#include <string>
#include "core/dataset.h"
#include "core/result.h"
namespace cs {
struct DataSplit { Dataset train, validation; };  // validation may be empty
// spec: "mnist" (the bundled digits, 8,000 training / 2,000 validation, seeded split),
// or a path: a BATCH.json ({"x": {"shape": [N, H, W, C], "data": [...]}, "y": [...]}),
// MNIST idx files, a folder or .zip of PNGs per class. Errors name the file and what is wrong.
Result<DataSplit> load_data(const std::string& spec);
}
