// history.cpp - bounded snapshot stacks with merged drag gestures.
#include "model/history.h"

namespace cs {

namespace {
const std::string kEmpty;
}

void History::record(const Scene& before, const std::string& label, bool merge) {
  if (merge && gesture_open_ && label == last_label_) return;
  undo_.push_back({before, label});
  if (undo_.size() > kMaxEntries) undo_.erase(undo_.begin());
  redo_.clear();
  last_label_ = label;
  gesture_open_ = merge;
}

const std::string& History::undo_label() const { return undo_.empty() ? kEmpty : undo_.back().label; }
const std::string& History::redo_label() const { return redo_.empty() ? kEmpty : redo_.back().label; }

bool History::undo(Scene* current) {
  if (undo_.empty()) return false;
  redo_.push_back({*current, undo_.back().label});
  *current = std::move(undo_.back().scene);
  undo_.pop_back();
  gesture_open_ = false;
  return true;
}

bool History::redo(Scene* current) {
  if (redo_.empty()) return false;
  undo_.push_back({*current, redo_.back().label});
  *current = std::move(redo_.back().scene);
  redo_.pop_back();
  gesture_open_ = false;
  return true;
}

void History::clear() {
  undo_.clear();
  redo_.clear();
  gesture_open_ = false;
}

}  // namespace cs
