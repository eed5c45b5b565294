// files.cpp - read_data_files (data/load.h): a dataset from files the
// student picked or dropped as bytes (the web page has no paths): one or two
// pairs of MNIST idx files (a "t10k" or "test" set is the validation set),
// one .zip of PNGs per class, or one BATCH.json. Without a validation set,
// 20% of the examples are split off for it, seeded as the digits are.

#include <algorithm>
#include <map>

#include "core/errors.h"
#include "data/load.h"
#include "data/readers.h"
#include "modelio/zip_io.h"

namespace cs {

namespace {

struct IdxSet {
  const DataFile* images = nullptr;
  const DataFile* labels = nullptr;
};

bool is_test_set(const std::string& name) { return name.rfind("t10k", 0) == 0 || name.rfind("test", 0) == 0; }

std::string names_of(const std::vector<DataFile>& files) {
  std::string list;
  for (const DataFile& f : files) list += (list.empty() ? "" : ", ") + f.name;
  return list;
}

Result<DataSplit> idx_files(const std::map<std::string, IdxSet>& sets) {
  DataSplit out;
  bool have_train = false, have_test = false;
  for (const auto& [name, set] : sets) {
    if (!set.images || !set.labels) {
      const DataFile* f = set.images ? set.images : set.labels;
      return make_error(f->name, std::string("came without its ") + (set.images ? "labels" : "images") + " file (" +
                                     name + (set.images ? kLabelsTag : kImagesTag) + "[.gz]); pick both together");
    }
    Result<Dataset> d = read_idx_pair(set.images->bytes, set.images->name, set.labels->bytes, set.labels->name);
    if (!d) return d.error();
    const bool test = is_test_set(name) && sets.size() > 1;
    if ((test && have_test) || (!test && have_train)) {
      return make_error(set.images->name, "is a second " + std::string(test ? "test" : "training") +
                                              " set; pick one training pair and at most one t10k (test) pair");
    }
    (test ? have_test : have_train) = true;
    (test ? out.validation : out.train) = std::move(*d);
  }
  if (!have_train) return make_error(sets.begin()->second.images->name, "is a test set without a training set");
  if (have_test && !(out.validation.shape == out.train.shape)) {
    return make_error(sets.rbegin()->second.images->name, "has pictures of another size than the training set");
  }
  return out;
}

Result<DataSplit> one_file(const DataFile& f) {
  DataSplit out;
  Result<Dataset> d = modelio::zip::has_zip_magic(f.bytes)
                          ? read_picture_zip(f.bytes, f.name)
                          : read_batch_json(std::string(f.bytes.begin(), f.bytes.end()), f.name);
  if (!d) return d.error();
  out.train = std::move(*d);
  return out;
}

}  // namespace

void keep_validation_share(DataSplit* d) {
  if (d->validation.size() > 0) return;  // the book keeps 20% for validation (train_test_split)
  *d = split_dataset(d->train, std::max<std::size_t>(1, d->train.size() / 5), kDigitsSplitSeed);
}

Result<DataSplit> read_data_files(const std::vector<DataFile>& files) {
  if (files.empty()) return make_error("data", "no file was given");
  std::map<std::string, IdxSet> sets;
  for (const DataFile& f : files) {
    if (const std::string pre = idx_prefix(f.name, kImagesTag); !pre.empty()) {
      sets[pre].images = &f;
    } else if (const std::string lpre = idx_prefix(f.name, kLabelsTag); !lpre.empty()) {
      sets[lpre].labels = &f;
    } else if (files.size() > 1) {
      return make_error(f.name, "is not an idx file (NAME-images-idx3-ubyte[.gz], NAME-labels-idx1-ubyte[.gz]); "
                                "several files must be idx pairs, or give one .zip or BATCH.json (" +
                                    names_of(files) + ")");
    }
  }
  Result<DataSplit> d = sets.empty() ? one_file(files[0]) : idx_files(sets);
  if (!d) return d;
  keep_validation_share(&*d);
  if (d->train.size() == 0) return make_error(files[0].name, "holds too few examples to train on");
  return d;
}

}  // namespace cs
