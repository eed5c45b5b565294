// lessons_test.cpp - the guided track: eleven lessons in chapter order, each
// scene valid; each "try this" task is open on the fresh scene and done
// after the edit a student would make (driven through the Session, as the
// UI would); questions point at a real choice; progress survives a round
// trip through its string and ignores what it does not know.
#include "model/lessons.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "i18n/i18n.h"
#include "model/describe.h"

namespace cs {
namespace {

const char* const kIds[] = {"dense-vs-conv", "filter", "feature-maps", "conv2d-line",
                            "padding",       "stride", "pooling",      "channels",
                            "to-a-prediction", "transposed", "cnn-trained"};

// The training lesson's task: two epochs of model.fit through the app's
// TrainingRun (a few random digits: the task checks the run, not the score).
TrainView train_two_epochs(const Session& s) {
  auto d = std::make_shared<Dataset>();
  d->shape = s.scene().input.shape;
  d->classes = 10;
  for (int i = 0; i < 40; ++i) {
    for (int k = 0; k < d->shape.elements(); ++k) d->x.push_back(static_cast<float>((i * 7 + k * 13) % 11) / 10.0f);
    d->y.push_back(i % 10);
  }
  TrainingRun run(false);
  run.set_data(d, d);
  TrainSettings t;
  Error e;
  EXPECT_TRUE(run.start(s.scene(), t, &e)) << to_string(e);
  while (run.state() == TrainState::kRunning) run.advance(1.0);
  return run.view();
}

Scene edit_layer0(const Session& s, void (*f)(Layer&)) {
  Scene sc = s.scene();
  f(sc.layers[0]);
  return sc;
}

// What a student does for each task, through the Session.
void do_task(int lesson, Session& s) {
  switch (lesson) {
    case 0: s.apply(edit_layer0(s, [](Layer& l) { l.kernel_size = {1, 5}; }), "kernel_size"); break;
    case 1:
      for (int k = 0; k < s.step_count(); ++k) {
        s.set_step(k);
        if (s.trace() && s.trace()->value == 3.0f) break;
      }
      break;
    case 2: s.apply(edit_layer0(s, [](Layer& l) { l.filters = 3; }), "filters"); break;
    case 3: s.apply(edit_layer0(s, [](Layer& l) { l.filters = 4; }), "filters"); break;
    case 4: s.apply(edit_layer0(s, [](Layer& l) { l.padding = PaddingMode::kSame; }), "padding"); break;
    case 5: s.apply(edit_layer0(s, [](Layer& l) { l.strides = {2, 2}; }), "strides"); break;
    case 6: s.apply(edit_layer0(s, [](Layer& l) { l.strides = {1, 1}; }), "strides"); break;
    case 7: s.set_filter(1); break;
    case 8: s.set_layer(2), s.set_step(7); break;
    default: s.apply(edit_layer0(s, [](Layer& l) { l.strides = {1, 1}; }), "strides"); break;
  }
}

TEST(Lessons, TrackFollowsTheChapter) {
  const std::vector<Lesson>& ls = all_lessons();
  ASSERT_EQ(ls.size(), 11u);
  for (std::size_t i = 0; i < ls.size(); ++i) {
    EXPECT_STREQ(ls[i].id, kIds[i]);
    EXPECT_EQ(find_lesson(kIds[i]), static_cast<int>(i));
    EXPECT_GE(ls[i].correct, 0);
    EXPECT_LT(ls[i].correct, ls[i].choices);
  }
  EXPECT_EQ(find_lesson("convolution"), -1);
  EXPECT_EQ(find_lesson(""), -1);
}

TEST(Lessons, EachTaskIsOpenThenDoneAfterTheStudentsEdit) {
  for (int i = 0; i < static_cast<int>(all_lessons().size()); ++i) {
    const Lesson& l = all_lessons()[static_cast<std::size_t>(i)];
    SCOPED_TRACE(l.id);
    Session s;
    ASSERT_TRUE(s.load_json(l.scene_json)) << s.load_error();
    ASSERT_TRUE(s.valid()) << s.error();
    LessonTrack track;
    track.open(i);
    EXPECT_FALSE(track.update(s));
    EXPECT_FALSE(track.task_done(i));
    const TrainView trained = l.train_task ? train_two_epochs(s) : TrainView{};
    if (!l.train_task) do_task(i, s);
    ASSERT_TRUE(s.valid()) << s.error();
    EXPECT_TRUE(track.update(s, trained));
    EXPECT_TRUE(track.task_done(i));
    EXPECT_FALSE(track.update(s, trained));  // reported once
  }
}

TEST(Lessons, ScenesShowWhatTheTextSays) {
  Session s;
  ASSERT_TRUE(s.load_json(all_lessons()[0].scene_json));
  EXPECT_EQ(s.run().plan.shapes[1].w, 8 - 3 + 1);  // n - k + 1
  ASSERT_TRUE(s.load_json(all_lessons()[3].scene_json));
  EXPECT_EQ(s.run().plan.shapes[1], (TensorShape{6, 6, 10, false}));  // 'same', 10 filters
  ASSERT_TRUE(s.load_json(all_lessons()[4].scene_json));
  EXPECT_EQ(s.run().plan.shapes[1].h, 3);  // valid: 5x5 -> 3x3
  ASSERT_TRUE(s.load_json(all_lessons()[7].scene_json));
  EXPECT_EQ(s.scene().input.shape.c, 3);
  EXPECT_EQ(s.run().plan.shapes[1].c, 2);
}

TEST(Lessons, EveryLessonTextExistsInBothLanguages) {
  for (const Lesson& l : all_lessons()) {
    std::vector<std::string> parts = {"title", "text", "task", "hint", "question", "why"};
    for (int c = 0; c < l.choices; ++c) parts.push_back("a" + std::to_string(c));
    for (const std::string& p : parts) {
      const std::string key = lesson_key(l, p.c_str());
      EXPECT_NE(i18n::lookup(key.c_str(), i18n::Lang::kEn), nullptr) << key;
      EXPECT_NE(i18n::lookup(key.c_str(), i18n::Lang::kKo), nullptr) << key;
    }
  }
}

TEST(Lessons, ProgressRoundTripsAndForgivesUnknownIds) {
  LessonTrack t;
  t.open(find_lesson("padding"));
  Session s;
  ASSERT_TRUE(s.load_json(all_lessons()[4].scene_json));
  do_task(4, s);
  t.update(s);
  EXPECT_TRUE(t.answer_question(4, all_lessons()[4].correct));
  EXPECT_FALSE(t.answer_question(5, (all_lessons()[5].correct + 1) % 3));
  EXPECT_EQ(t.completed(), 1);
  const std::string p = t.progress_string();
  EXPECT_EQ(p, "padding:tq,stride:a" + std::to_string((all_lessons()[5].correct + 1) % 3));
  LessonTrack u;
  u.load_progress("transposed-conv:tq," + p + ",garbage,stride:a9");
  EXPECT_TRUE(u.task_done(4));
  EXPECT_TRUE(u.answered_right(4));
  EXPECT_FALSE(u.task_done(5));
  EXPECT_EQ(u.answer(5), (all_lessons()[5].correct + 1) % 3);  // a9 is out of range: ignored
  EXPECT_EQ(u.completed(), 1);
  u.load_progress("");
  EXPECT_EQ(u.completed(), 0);
  EXPECT_EQ(u.progress_string(), "");
}

}  // namespace
}  // namespace cs

namespace cs {
namespace {

// The words an aria-live region reads out: the engine's numbers, the step
// counted from 1 as on screen, in both languages.
TEST(Lessons, StepInWordsUsesTheTracesNumbers) {
  std::string data;
  for (int i = 1; i <= 36; ++i) data += (i > 1 ? "," : "") + std::to_string(i);
  Session s;
  ASSERT_TRUE(s.load_json(R"({"version": 1, "input": {"shape": [6, 6, 1], "data": [)" + data +
                          R"(]}, "layers": [{"type": "Conv2D", "filters": 1, "kernel_size": 3, "strides": 2,
                          "padding": "same", "use_bias": false, "kernel": [1,1,1,1,1,1,1,1,1]}]})"));
  s.set_step(8);  // bottom-right: TF 'same' with stride 2 pads only bottom/right
  const std::string en = describe_step(s);
  EXPECT_NE(en.find("Step 9 of 9"), std::string::npos) << en;
  EXPECT_NE(en.find("29 times 1"), std::string::npos) << en;
  EXPECT_NE(en.find("is " + std::to_string(static_cast<int>(s.trace()->value))), std::string::npos) << en;
  EXPECT_NE(en.find("5 of the cells are padding"), std::string::npos) << en;
  i18n::set_language(i18n::Lang::kKo);
  const std::string ko = describe_step(s);
  i18n::set_language(i18n::Lang::kEn);
  EXPECT_NE(ko.find("9단계"), std::string::npos) << ko;
  EXPECT_NE(ko.find("29 곱하기 1"), std::string::npos) << ko;
}

}  // namespace
}  // namespace cs
