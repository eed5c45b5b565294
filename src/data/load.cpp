// load.cpp - load_data's dispatch (see load.h). This build reads BATCH.json
// files; the bundled digits, idx files and PNG folders come with src/data's
// readers.

#include "data/load.h"

#include <fstream>
#include <iterator>

#include "core/errors.h"
#include "data/load_batch_json.h"

namespace cs {

Result<DataSplit> load_data(const std::string& spec) {
  if (spec == "mnist")
    return make_error("--data", "the bundled digits are not built into this binary", "");
  std::ifstream f(spec, std::ios::binary);
  if (!f) return make_error(spec, "cannot open the file", "");
  const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (spec.size() < 5 || spec.compare(spec.size() - 5, 5, ".json") != 0)
    return make_error(spec, "this build reads only BATCH.json files (.json)", "");
  Result<Dataset> d = parse_batch_json(text, spec);
  if (!d) return d.error();
  return DataSplit{std::move(*d), Dataset{}};
}

}  // namespace cs
