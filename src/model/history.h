// history.h - undo and redo as whole-scene snapshots.
// Scenes are small (an image-mode scene is ~1 MB), so a snapshot per edit
// is simpler and safer than inverse commands. A drag that paints many cells
// merges into one entry.
#pragma once

#include <string>
#include <vector>

#include "core/scene.h"

namespace cs {

class History {
 public:
  // Call before applying an edit, with the scene as it was. With merge set
  // and the same label as the last record (one drag), no entry is added.
  void record(const Scene& before, const std::string& label, bool merge);
  // Ends a merge run (pointer released).
  void end_gesture() { gesture_open_ = false; }
  bool can_undo() const { return !undo_.empty(); }
  bool can_redo() const { return !redo_.empty(); }
  const std::string& undo_label() const;
  const std::string& redo_label() const;
  // Swap `current` with the neighbouring snapshot; false when there is none.
  bool undo(Scene* current);
  bool redo(Scene* current);
  void clear();
  std::size_t size() const { return undo_.size(); }

 private:
  struct Entry {
    Scene scene;
    std::string label;
  };
  static constexpr std::size_t kMaxEntries = 100;
  std::vector<Entry> undo_, redo_;
  std::string last_label_;
  bool gesture_open_ = false;
};

}  // namespace cs
