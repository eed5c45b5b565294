// exercises_test.cpp - the exercise checker against the engine: hundreds of
// generated problems per kind, each answer recomputed by running the scene
// (reference and fast kernels) instead of trusting the generator's maths;
// the checker accepts the right answer and rejects near misses; sets are
// deterministic per seed; the score counts first tries.
#include "model/exercises.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/engine.h"
#include "core/json.h"
#include "core/validate.h"
#include "i18n/i18n.h"

namespace cs {
namespace {

constexpr int kProblemsPerKind = 300;
constexpr std::uint32_t kSeeds[] = {1, 42, 2026};

Tensor run_one(const Scene& s, Backend b) {
  Result<std::vector<Tensor>> out = run_scene(s, b);
  EXPECT_TRUE(out.ok()) << (out.ok() ? "" : to_string(out.error()));
  return out.ok() ? out->back() : Tensor{};
}

ExerciseAnswer right_answer(const Exercise& e) {
  ExerciseAnswer a;
  a.shape = e.shape, a.value = e.value, a.padding = e.padding, a.choice = e.correct, a.params = e.params;
  return a;
}

TEST(Exercises, EveryKindAgreesWithTheEngine) {
  int checked[static_cast<int>(ExerciseKind::kCount)] = {};
  int same_stride2 = 0;
  for (std::uint32_t seed : kSeeds) {
    for (int i = 0; i < kProblemsPerKind * static_cast<int>(ExerciseKind::kCount) / 3 + 5; ++i) {
      const Exercise e = make_exercise(seed, i);
      SCOPED_TRACE("set seed " + std::to_string(seed) + ", problem " + std::to_string(i));
      ASSERT_EQ(e.scene.layers.size(), 1u);
      ASSERT_TRUE(validate_scene(e.scene).ok()) << to_string(validate_scene(e.scene).error());
      const Layer& l = e.scene.layers[0];
      const Tensor ref = run_one(e.scene, Backend::kReference);
      const Tensor fast = run_one(e.scene, Backend::kFast);
      ASSERT_EQ(ref.shape, fast.shape);
      switch (e.kind) {
        case ExerciseKind::kOutputShape:
          EXPECT_EQ(ref.shape.h, e.shape[0]);
          EXPECT_EQ(ref.shape.w, e.shape[1]);
          EXPECT_EQ(ref.shape.c, e.shape[2]);
          same_stride2 += l.padding == PaddingMode::kSame && l.strides[0] == 2;
          break;
        case ExerciseKind::kOutputValue:
          // Small integers in, small integers out: every summation order is
          // exact, so the kernels must agree bit for bit.
          EXPECT_EQ(ref.at(e.y, e.x, 0), e.value);
          EXPECT_EQ(fast.at(e.y, e.x, 0), e.value);
          EXPECT_NE(worked_solution(e).find(format_float(e.value)), std::string::npos) << worked_solution(e);
          break;
        case ExerciseKind::kKeepSize: {
          Scene padded = e.scene;
          padded.layers[0].padding = PaddingMode::kExplicit;
          padded.layers[0].pads = {e.padding, e.padding, e.padding, e.padding};
          const Tensor same = run_one(padded, Backend::kReference);
          EXPECT_EQ(same.shape.h, e.scene.input.shape.h);
          EXPECT_EQ(same.shape.w, e.scene.input.shape.w);
          padded.layers[0].pads = {e.padding + 1, e.padding + 1, e.padding + 1, e.padding + 1};
          EXPECT_NE(run_one(padded, Backend::kReference).shape.h, e.scene.input.shape.h);
          padded.layers[0].padding = PaddingMode::kSame;  // what Keras calls it
          padded.layers[0].pads = {0, 0, 0, 0};
          EXPECT_EQ(run_one(padded, Backend::kReference).shape.w, e.scene.input.shape.w);
          break;
        }
        case ExerciseKind::kMaxPool: {
          ASSERT_GE(e.choices.size(), 3u);
          ASSERT_GE(e.correct, 0);
          EXPECT_EQ(e.choices[static_cast<std::size_t>(e.correct)], ref.at(e.y, e.x, 0));
          EXPECT_EQ(std::count(e.choices.begin(), e.choices.end(), ref.at(e.y, e.x, 0)), 1);
          break;
        }
        default: {
          long long count = 0;
          for (const Layer& x : e.scene.layers) count += static_cast<long long>(x.kernel.size() + x.bias.size());
          EXPECT_EQ(count, e.params);
          break;
        }
      }
      EXPECT_TRUE(check_answer(e, right_answer(e)));
      ExerciseAnswer wrong = right_answer(e);
      wrong.shape[1] += 1, wrong.value += 1.0f, wrong.padding += 1, wrong.params += 1;
      wrong.choice = (e.correct + 1) % std::max<int>(1, static_cast<int>(e.choices.size()));
      EXPECT_FALSE(check_answer(e, wrong));
      ++checked[static_cast<int>(e.kind)];
    }
  }
  for (int k = 0; k < static_cast<int>(ExerciseKind::kCount); ++k) EXPECT_GE(checked[k], kProblemsPerKind) << k;
  EXPECT_GE(same_stride2, 50);  // 'same' with stride 2 is well covered
}

TEST(Exercises, SameSeedSameSet) {
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(scene_to_json(make_exercise(7, i).scene), scene_to_json(make_exercise(7, i).scene));
  }
  int differ = 0;
  for (int i = 0; i < 20; ++i) differ += scene_to_json(make_exercise(7, i).scene) != scene_to_json(make_exercise(8, i).scene);
  EXPECT_GE(differ, 15);
}

TEST(Exercises, ScoreCountsFirstTries) {
  ExerciseSet set(5);
  ExerciseAnswer wrong = right_answer(set.current());
  wrong.shape[0] += 3, wrong.value += 3, wrong.padding += 3, wrong.params += 3;
  wrong.choice = -1;
  EXPECT_FALSE(set.submit(wrong));
  EXPECT_TRUE(set.submit(right_answer(set.current())));  // feedback, but no point
  EXPECT_EQ(set.score(), 0);
  EXPECT_EQ(set.attempted(), 1);
  set.next();
  EXPECT_TRUE(set.submit(right_answer(set.current())));
  EXPECT_EQ(set.score(), 1);
  EXPECT_EQ(set.attempted(), 2);
  set.set_seed(9);
  EXPECT_EQ(set.score(), 0);
  EXPECT_EQ(set.index(), 0);
}

TEST(Exercises, PromptsAndSolutionsInBothLanguages) {
  for (i18n::Lang lang : {i18n::Lang::kEn, i18n::Lang::kKo}) {
    i18n::set_language(lang);
    for (int i = 0; i < 40; ++i) {
      const Exercise e = make_exercise(3, i);
      const std::string p = exercise_prompt(e), s = worked_solution(e);
      EXPECT_FALSE(p.empty());
      EXPECT_FALSE(s.empty());
      EXPECT_EQ(p.find("ex."), std::string::npos) << p;  // no raw key
      EXPECT_EQ(s.find("ex."), std::string::npos) << s;
    }
  }
  i18n::set_language(i18n::Lang::kEn);
}

}  // namespace
}  // namespace cs
