// exercises.h - generated, seeded problems with immediate feedback: predict
// an output shape (including 'same' with stride 2), compute a highlighted
// output value, choose the padding that keeps the size, pick the max-pooling
// result, count parameters. Answers come from the shape maths and the
// engine's trace; the worked solution is written from the same trace. The
// same seed gives every student in a class the same set.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/scene.h"
#include "core/trace.h"

namespace cs {

enum class ExerciseKind : int { kOutputShape, kOutputValue, kKeepSize, kMaxPool, kParams, kCount };

struct Exercise {
  ExerciseKind kind = ExerciseKind::kOutputShape;
  std::uint32_t seed = 0;  // of this problem (set seed + index)
  Scene scene;             // one layer; small enough to draw
  int y = 0, x = 0, c = 0; // highlighted output cell (value, max pool)
  // The right answer, by kind:
  std::array<int, 3> shape{};  // kOutputShape: h, w, channels
  float value = 0.0f;          // kOutputValue
  int padding = 0;             // kKeepSize: zero cells per side
  std::vector<float> choices;  // kMaxPool: candidate values
  int correct = -1;            //   index of the max-pooling result
  long long params = 0;        // kParams
  ElementTrace trace;          // kOutputValue, kMaxPool: the worked arithmetic
};

struct ExerciseAnswer {
  std::array<int, 3> shape{};
  float value = 0.0f;
  int padding = -1;
  int choice = -1;
  long long params = -1;
};

// Problem `index` of the set `set_seed`; kinds rotate so five in a row
// cover every kind. Deterministic on every platform (own LCG, no <random>
// distributions, whose output differs between standard libraries).
Exercise make_exercise(std::uint32_t set_seed, int index);
// Output values are small integers, so an exact comparison is fair; typed
// values are accepted within 1e-4 (what a student can type).
bool check_answer(const Exercise& e, const ExerciseAnswer& a);
// The question and the worked solution, in the current language.
std::string exercise_prompt(const Exercise& e);
std::string worked_solution(const Exercise& e);

// A session of exercises: the set's seed, which problem is shown, the score.
class ExerciseSet {
 public:
  explicit ExerciseSet(std::uint32_t seed = 1) { set_seed(seed); }
  void set_seed(std::uint32_t seed);
  std::uint32_t seed() const { return seed_; }
  int index() const { return index_; }
  const Exercise& current() const { return current_; }
  // Checks an answer to the current problem. Only the first try counts
  // for the score; later tries still get feedback.
  bool submit(const ExerciseAnswer& a);
  bool answered() const { return answered_; }
  bool last_correct() const { return last_correct_; }
  void next();
  int score() const { return score_; }
  int attempted() const { return attempted_; }

 private:
  std::uint32_t seed_ = 1;
  int index_ = 0, score_ = 0, attempted_ = 0;
  bool answered_ = false, last_correct_ = false;
  Exercise current_;
};

}  // namespace cs
