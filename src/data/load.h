// src/data/load.h
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "core/dataset.h"
#include "core/result.h"
namespace cs {
struct DataSplit { Dataset train, validation; };  // validation may be empty
// spec: "mnist" (the bundled digits, 8,000 training / 2,000 validation, seeded split),
// or a path: a BATCH.json ({"x": {"shape": [N, H, W, C], "data": [...]}, "y": [...]}),
// MNIST idx files, a folder or .zip of PNGs per class. Errors name the file and what is wrong.
Result<DataSplit> load_data(const std::string& spec);
// Files as bytes (picked or dropped on the web page): idx pairs ("t10k"/"test"
// is the validation set), a .zip of PNGs per class, or a BATCH.json. Without
// a validation set 20% are split off for it (seed 42). Errors name the file.
struct DataFile { std::string name; std::vector<std::uint8_t> bytes; };
Result<DataSplit> read_data_files(const std::vector<DataFile>& files);
// A split without validation examples gets 20% of its training set as its
// validation set (seeded); one with them is left as it is.
void keep_validation_share(DataSplit* d);
}
