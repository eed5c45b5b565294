// load_batch_json.h - BATCH.json: labelled examples as one JSON document,
// {"x": {"shape": [N, H, W, C], "data": [...]}, "y": [labels]}, the format
// convscope-cli grad, train and evaluate read (docs/training.md).
#pragma once

#include <string>
#include <string_view>

#include "core/dataset.h"
#include "core/result.h"

namespace cs {

// `where` names the source in errors (the file name).
Result<Dataset> parse_batch_json(std::string_view text, const std::string& where);

}  // namespace cs
