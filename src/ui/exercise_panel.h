// exercise_panel.h - one generated problem at a time: the question, the
// numbers it needs drawn as grids, an answer field, immediate feedback and
// the worked solution; the set's seed and the score. Reads the set; the
// answer being typed lives in ExercisePanelState; returns an action.
#pragma once

#include <cstdint>

#include "model/exercises.h"

namespace cs {

struct ExercisePanelState {
  int index = -1;  // the problem the typed answer belongs to
  ExerciseAnswer answer;
  int seed_field = 1;
};

struct ExerciseAction {
  bool submit = false;
  ExerciseAnswer answer;
  bool next = false;
  bool set_seed = false;
  std::uint32_t seed = 0;
  bool open_walk = false;  // load the problem's scene into the Walk tab
};

ExerciseAction draw_exercise_panel(const ExerciseSet& set, ExercisePanelState* st, float width);

}  // namespace cs
