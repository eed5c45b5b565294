// keyboard_reach_test.cpp - the views by keyboard and by touch, driven
// headless: an ImGui context with no window and no GPU, keys sent with
// io.AddKeyEvent as the SDL backend sends them. Issue 6: the stack panel's
// receptive-field pin and the image panel's lens, by keys alone. Issue 5:
// a two-finger pinch zooms the grid under the fingers about their midpoint.
// Built where the app is (the UI library is linked into the test binary).
// [SECTION] Headless ImGui
// [SECTION] Stack panel: pin by keys
// [SECTION] Image panel: the lens by keys
// [SECTION] Grids: pinch zoom
#include <gtest/gtest.h>

#if __has_include("imgui.h")

#include <cmath>
#include <functional>
#include <vector>

#include "imgui.h"
#include "model/session.h"
#include "ui/grid_view.h"
#include "ui/image_panel.h"
#include "ui/stack_panel.h"

namespace cs {
namespace {

// [SECTION] Headless ImGui

class Headless {
 public:
  Headless() {
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // as platform/main.cpp sets it
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->AddFontDefault();
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // built, never uploaded
  }
  ~Headless() { ImGui::DestroyContext(ctx_); }
  Headless(const Headless&) = delete;
  Headless& operator=(const Headless&) = delete;

  // One frame: `draw` inside a full-screen window, as the app lays out.
  void frame(const std::function<void()>& draw) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    draw();
    ImGui::End();
    ImGui::Render();
  }
  // A key pressed in one frame and released in the next.
  void press(ImGuiKey key, const std::function<void()>& draw, bool shift = false) {
    ImGuiIO& io = ImGui::GetIO();
    if (shift) io.AddKeyEvent(ImGuiMod_Shift, true);
    io.AddKeyEvent(key, true);
    frame(draw);
    io.AddKeyEvent(key, false);
    if (shift) io.AddKeyEvent(ImGuiMod_Shift, false);
    frame(draw);
  }

 private:
  ImGuiContext* ctx_ = nullptr;
};

// [SECTION] Stack panel: pin by keys

// The stack tab as App::frame runs it: the view reads a const Session,
// hover and commands are applied after the frame. `stepped` counts the
// frames in which the app's arrow shortcut (step the walk) would fire.
struct StackTab {
  Session session;
  int stepped = 0;
  void draw() {
    if (ImGui::IsKeyPressed(ImGuiKey_RightArrow) || ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) ++stepped;
    CellRef hover;
    CommandQueue q;
    draw_stack_panel(session, 1200.0f, &hover, q);
    if (!(hover == session.selection()) && !session.pinned()) session.hover(hover);
    for (Command& c : q) c(session);
  }
};

TEST(KeyboardReach, StackPanelPinsACellByKeysAlone) {
  Headless ui;
  StackTab tab;
  const auto draw = [&] { tab.draw(); };
  ui.frame(draw);
  ui.frame(draw);
  EXPECT_FALSE(tab.session.selection().valid()) << "nothing is selected before a key is pressed";

  // Tab reaches the input grid: its cursor starts in the middle and selects
  // as a hover does (the field is shown, nothing pinned yet).
  ui.press(ImGuiKey_Tab, draw);
  EXPECT_EQ(tab.session.selection(), (CellRef{0, 3, 3, 0}));
  EXPECT_FALSE(tab.session.pinned());

  // Tab again: the Conv2D output (7x7). Right, Right, Up move the cursor.
  ui.press(ImGuiKey_Tab, draw);
  EXPECT_EQ(tab.session.selection(), (CellRef{1, 3, 3, 0}));
  ui.press(ImGuiKey_RightArrow, draw);
  ui.press(ImGuiKey_RightArrow, draw);
  ui.press(ImGuiKey_UpArrow, draw);
  EXPECT_EQ(tab.session.selection(), (CellRef{1, 2, 5, 0}));
  EXPECT_EQ(tab.stepped, 0) << "arrow keys on a focused grid must not also step the walk";

  // Enter pins it: its receptive field on the input is a 3x3 window.
  ui.press(ImGuiKey_Enter, draw);
  ASSERT_TRUE(tab.session.pinned());
  EXPECT_EQ(tab.session.selection(), (CellRef{1, 2, 5, 0}));
  ASSERT_NE(tab.session.field(), nullptr);
  EXPECT_EQ(tab.session.field()->masks[0].count, 9);

  // Moving on leaves the pin where it is; Space pins another cell.
  ui.press(ImGuiKey_DownArrow, draw);
  EXPECT_EQ(tab.session.selection(), (CellRef{1, 2, 5, 0}));
  ui.press(ImGuiKey_Space, draw);
  EXPECT_EQ(tab.session.selection(), (CellRef{1, 3, 5, 0}));
  EXPECT_TRUE(tab.session.pinned());
  // Space again on the pinned cell releases it.
  ui.press(ImGuiKey_Space, draw);
  EXPECT_FALSE(tab.session.pinned());
  EXPECT_EQ(tab.stepped, 0);
}

TEST(KeyboardReach, ArrowKeysStepTheWalkWhenNoGridHasFocus) {
  // The app's shortcut is untouched where the keyboard cursor is not in play.
  Headless ui;
  StackTab tab;
  const auto draw = [&] { tab.draw(); };
  ui.frame(draw);
  ui.press(ImGuiKey_RightArrow, draw);
  EXPECT_EQ(tab.stepped, 1);
}

// [SECTION] Image panel: the lens by keys

TEST(KeyboardReach, ImageLensFollowsTheKeyboardCursor) {
  Headless ui;
  Tensor t;
  t.shape = {12, 16, 1};
  t.data.resize(12 * 16);
  for (std::size_t i = 0; i < t.data.size(); ++i) t.data[i] = static_cast<float>(i);
  GridCursor cursor;
  LensAt lens;
  const auto draw = [&] {
    lens = draw_picture("##picture", nullptr, ImVec2(160, 120), t, 0, "input", &cursor);
  };
  ui.frame(draw);
  EXPECT_LT(lens.y, 0) << "no lens before the picture has focus (and no mouse)";

  ui.press(ImGuiKey_Tab, draw);
  EXPECT_TRUE(lens.keyboard);
  EXPECT_EQ(lens.y, 6);
  EXPECT_EQ(lens.x, 8);
  ui.press(ImGuiKey_RightArrow, draw);
  ui.press(ImGuiKey_DownArrow, draw);
  EXPECT_EQ(lens.y, 7);
  EXPECT_EQ(lens.x, 9);
  ui.press(ImGuiKey_LeftArrow, draw, /*shift=*/true);  // Shift: 8 cells
  EXPECT_EQ(lens.x, 1);
  ui.press(ImGuiKey_LeftArrow, draw);
  ui.press(ImGuiKey_UpArrow, draw, /*shift=*/true);
  EXPECT_EQ(lens.y, 0);
  EXPECT_EQ(lens.x, 0);
  EXPECT_TRUE(lens.keyboard);
  EXPECT_EQ(cursor.y, 0);
  EXPECT_EQ(cursor.x, 0);
}

// [SECTION] Grids: pinch zoom

TEST(TouchReach, PinchZoomsTheGridUnderTheFingersAboutTheirMidpoint) {
  Headless ui;
  std::vector<float> v(28 * 28, 0.5f);
  GridStyle st;
  st.cell = 12.0f;
  ImVec2 box_min;
  const auto draw = [&] {
    ImGui::Dummy(ImVec2(10, 10));
    box_min = ImGui::GetCursorScreenPos();
    draw_grid("##in", v.data(), 28, 28, 1, st, nullptr, 0);
    draw_grid("##other", v.data(), 4, 4, 1, st, nullptr, 0);
  };
  ui.frame(draw);
  const auto zoom_of = [](const char* name) {
    for (const GridTrace& g : grid_frame_trace())
      if (g.name == name) return g.zoom;
    return GridZoom{-1.0f, ImVec2()};
  };
  EXPECT_EQ(zoom_of("##in").scale, 1.0f);

  // The fingers land around content point (100, 60) of the 28x28 grid and
  // spread to twice their distance over three frames, without moving.
  const ImVec2 centre(box_min.x + 100.0f, box_min.y + 60.0f);
  GridPinch p;
  p.active = p.began = true;
  p.centre = centre;
  p.scale = std::cbrt(2.0f);
  grid_set_pinch(p);
  ui.frame(draw);
  p.began = false;
  grid_set_pinch(p);
  ui.frame(draw);
  grid_set_pinch(p);
  ui.frame(draw);
  const GridZoom z = zoom_of("##in");
  EXPECT_NEAR(z.scale, 2.0f, 1e-4f);
  // The point under the fingers stays there: (100, 60) * 2 - pan = (100, 60).
  EXPECT_NEAR(z.pan.x, 100.0f, 1e-3f);
  EXPECT_NEAR(z.pan.y, 60.0f, 1e-3f);
  EXPECT_EQ(zoom_of("##other").scale, 1.0f) << "only the grid under the fingers zooms";

  // Two fingers moving 30 px left pan the content with them.
  p.scale = 1.0f;
  p.pan = ImVec2(-30.0f, 0.0f);
  p.centre = ImVec2(centre.x - 30.0f, centre.y);
  grid_set_pinch(p);
  ui.frame(draw);
  EXPECT_NEAR(zoom_of("##in").pan.x, 130.0f, 1e-3f);

  // Pinching far in stops at the whole grid (scale 1, no pan).
  p.pan = ImVec2();
  p.scale = 0.1f;
  grid_set_pinch(p);
  ui.frame(draw);
  EXPECT_EQ(zoom_of("##in").scale, 1.0f);
  EXPECT_EQ(zoom_of("##in").pan.x, 0.0f);
  grid_set_pinch(GridPinch{});
  ui.frame(draw);
}

}  // namespace
}  // namespace cs

#endif  // __has_include("imgui.h")
