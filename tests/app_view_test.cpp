// app_view_test.cpp - the whole app (App::frame) driven headless, as the
// platform runs it: an ImGui context with the app's theme and fonts, no
// window and no GPU. Issue 15: a lesson's walk plays where it is seen.
#include <gtest/gtest.h>

#if __has_include("imgui.h")

#include <string>

#include "app/app.h"
#include "imgui.h"
#include "model/url_state.h"
#include "ui/theme.h"

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

}  // namespace
}  // namespace cs

#endif
