// app_view_test.cpp - the whole app (App::frame) driven headless, as the
// platform runs it: an ImGui context with the app's theme and fonts, no
// window and no GPU. Issue 15: a lesson's walk plays where it is seen; the
// first screen shows real arithmetic; the Walk's glide ends, yields to
// reduced motion and never holds a step back.
#include <gtest/gtest.h>

#if __has_include("imgui.h")

#include <string>

#include "app/app.h"
#include "imgui.h"
#include "model/url_state.h"
#include "ui/theme.h"
#include "ui/walk/motion.h"

namespace cs {
namespace {

class HeadlessApp {
 public:
  explicit HeadlessApp(ImVec2 size = ImVec2(1280, 800)) {
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = size;
    io.DeltaTime = 1.0f / 60.0f;
    theme_apply(15.0f, 1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // built, never uploaded
  }
  ~HeadlessApp() { ImGui::DestroyContext(ctx_); }
  HeadlessApp(const HeadlessApp&) = delete;
  HeadlessApp& operator=(const HeadlessApp&) = delete;

  void frames(int n) {
    for (int i = 0; i < n; ++i) {
      ImGui::NewFrame();
      app.frame(ImGui::GetIO().DeltaTime);
      ImGui::Render();
    }
  }
  void press(ImGuiKey key) {  // one frame down, one up
    ImGui::GetIO().AddKeyEvent(key, true);
    frames(1);
    ImGui::GetIO().AddKeyEvent(key, false);
  }
  bool show_tab(const char* tab) {
    UrlState s;
    s.tab = tab;
    return app.apply_shareable_state(s).ok();
  }

  App app;

 private:
  ImGuiContext* ctx_ = nullptr;
};

TEST(AppView, LessonWalkPlaysOnlyOnceTheWalkIsSeen) {
  HeadlessApp ui;
  ui.frames(2);
  ASSERT_TRUE(ui.app.open_lesson("stride"));
  ui.frames(6);  // the lesson opens on the Lessons tab
  EXPECT_EQ(ui.app.shareable_state(false).tab, "lessons");
  EXPECT_FALSE(ui.app.session().playing()) << "the walk must not play where it cannot be seen";
  EXPECT_TRUE(ui.app.autoplay_pending());
  const int step = ui.app.session().step();
  ASSERT_TRUE(ui.show_tab("walk"));
  ui.frames(4);
  EXPECT_EQ(ui.app.shareable_state(false).tab, "walk");
  EXPECT_TRUE(ui.app.session().playing()) << "on the Walk it starts playing";
  EXPECT_FALSE(ui.app.autoplay_pending());
  EXPECT_EQ(ui.app.session().step(), step) << "from where the lesson put it";
}

TEST(AppView, LessonOpenedFromTheWalkDoesNotPlayOnTheLessonsTab) {
  HeadlessApp ui;
  ASSERT_TRUE(ui.show_tab("walk"));
  ui.frames(3);
  ASSERT_TRUE(ui.app.open_lesson("padding"));  // e.g. from the toolbar's menu, while the Walk is shown
  ui.frames(4);
  EXPECT_EQ(ui.app.shareable_state(false).tab, "lessons");
  EXPECT_FALSE(ui.app.session().playing());
}

TEST(AppView, ReducedMotionNeverStartsALessonsWalk) {
  HeadlessApp ui;
  ui.app.set_reduced_motion(true);
  ASSERT_TRUE(ui.app.open_lesson("stride"));
  ui.frames(3);
  ASSERT_TRUE(ui.show_tab("walk"));
  ui.frames(4);
  EXPECT_FALSE(ui.app.session().playing());
}

TEST(AppView, FirstScreenWindowReadsInkAndGivesNonZero) {
  HeadlessApp ui;
  ui.frames(2);
  const ElementTrace* t = ui.app.session().trace();
  ASSERT_NE(t, nullptr);
  int ink = 0, padding = 0;
  for (const TraceTap& tap : t->taps) {
    ink += !tap.padding && tap.input != 0.0f;
    padding += tap.padding;
  }
  EXPECT_GE(ink, 3) << "the window lies on strokes of the 7";
  EXPECT_EQ(padding, 0) << "not a padding corner";
  EXPECT_NE(t->value, 0.0f) << "and writes a non-zero output";
  EXPECT_GT(ui.app.session().step(), 0);
  EXPECT_TRUE(ui.app.start_offered()) << "a first visit says where to begin";
  // A shared state with an explicit step keeps it, even step 0.
  UrlState zero;
  zero.step = 0;
  ASSERT_TRUE(ui.app.apply_shareable_state(zero).ok());
  EXPECT_EQ(ui.app.session().step(), 0);
}

TEST(AppView, StartOfferIsRememberedWithTheProgress) {
  HeadlessApp ui;
  ui.app.set_progress_string("padding:t,start:seen");
  EXPECT_FALSE(ui.app.start_offered());
  EXPECT_EQ(ui.app.progress_string(), "padding:t,start:seen");
  EXPECT_TRUE(ui.app.lessons().task_done(find_lesson("padding"))) << "the lesson progress is read as before";
  ui.app.set_progress_string("padding:t");
  EXPECT_TRUE(ui.app.start_offered());
}

TEST(AppView, GlideFinishesAndTheAppStopsAnimating) {
  HeadlessApp ui;
  ASSERT_TRUE(ui.show_tab("walk"));
  ui.frames(3);
  EXPECT_FALSE(ui.app.animating()) << "an idle walk requests no frames";
  const int step = ui.app.session().step();
  ui.press(ImGuiKey_RightArrow);
  EXPECT_EQ(ui.app.session().step(), step + 1) << "the key steps at once";
  ui.frames(2);
  WalkMotion m = walk_motion_last();
  EXPECT_TRUE(ui.app.animating()) << "while the window glides the app draws";
  EXPECT_LT(m.progress, 1.0f);
  EXPECT_LT(m.window_dx, 0.0f) << "drawn left of its new place, gliding right";
  EXPECT_GT(m.window_dx, -1.0f);
  EXPECT_TRUE(m.forward) << "the new output cell fades in";
  ui.frames(30);  // half a second: the glide (0.28 s) is over
  m = walk_motion_last();
  EXPECT_EQ(m.progress, 1.0f);
  EXPECT_EQ(m.window_dx, 0.0f);
  EXPECT_EQ(m.window_dy, 0.0f);
  EXPECT_FALSE(ui.app.animating()) << "and stops requesting frames when done";
}

TEST(AppView, ReducedMotionDrawsTheEndStateAtOnce) {
  HeadlessApp ui;
  ui.app.set_reduced_motion(true);
  ASSERT_TRUE(ui.show_tab("walk"));
  ui.frames(3);
  ui.press(ImGuiKey_RightArrow);
  ui.frames(1);
  const WalkMotion m = walk_motion_last();
  EXPECT_EQ(m.progress, 1.0f);
  EXPECT_EQ(m.window_dx, 0.0f);
  EXPECT_EQ(m.window_dy, 0.0f);
  EXPECT_FALSE(ui.app.animating());
}

TEST(AppView, KeyDuringAGlideLandsAtTheNewStepAtOnce) {
  HeadlessApp ui;
  ASSERT_TRUE(ui.show_tab("walk"));
  ui.app.session().set_step(8);  // output (1, 1): two more steps stay on the row
  ui.frames(40);
  ASSERT_FALSE(ui.app.animating());
  const int step = ui.app.session().step();
  ui.press(ImGuiKey_RightArrow);
  ui.frames(3);  // mid-glide
  ASSERT_LT(walk_motion_last().progress, 1.0f);
  const float drawn_dx = walk_motion_last().window_dx;
  ui.press(ImGuiKey_RightArrow);
  EXPECT_EQ(ui.app.session().step(), step + 2) << "the state is at the new step in the same frame";
  ui.frames(1);
  const WalkMotion m = walk_motion_last();
  EXPECT_LT(m.progress, 1.0f);
  // The next glide starts where the window was drawn (still short of step
  // + 1, so more than a cell behind step + 2), not back at step's place.
  EXPECT_LT(drawn_dx, 0.0f);
  EXPECT_LT(m.window_dx, -1.0f);
  EXPECT_GT(m.window_dx, -2.0f);
  EXPECT_EQ(m.window_dy, 0.0f);
}

}  // namespace
}  // namespace cs

#endif
