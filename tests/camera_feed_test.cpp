// camera_feed_test.cpp - image mode's live camera without a browser
// (model/camera_feed.h, ui/image_panel.h): the modes a press leads to, the
// once-a-second figures, and frames through the picture path (the first
// one undoable, later ones swapping only the input).
#include "model/camera_feed.h"

#include <gtest/gtest.h>

#include "model/image.h"
#include "model/session.h"
#include "ui/image_panel.h"

namespace cs {
namespace {

int g_starts = 0, g_stops = 0;
bool g_held = false;

CameraFeed web_camera() {
  CameraFeed c;
  c.start = [] { ++g_starts; };
  c.hold = [](bool held) { g_held = held; };
  c.stop = [] { ++g_stops; };
  return c;
}

Image frame(int w, int h, std::uint8_t v) {
  Image img{w, h, {}};
  img.rgb.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3, v);
  return img;
}

TEST(CameraFeed, PressesLeadFromAskingToLiveFrozenAndOff) {
  CameraFeed desktop;
  EXPECT_FALSE(desktop.available());
  desktop.press_start();
  EXPECT_EQ(desktop.mode, CameraFeed::Mode::kOff);

  CameraFeed c = web_camera();
  g_starts = g_stops = 0;
  c.press_start();
  EXPECT_EQ(c.mode, CameraFeed::Mode::kAsking);
  EXPECT_EQ(g_starts, 1);
  EXPECT_TRUE(c.accept(640, 480, 0.0));
  EXPECT_EQ(c.mode, CameraFeed::Mode::kLive);
  c.press_freeze(true);
  EXPECT_EQ(c.mode, CameraFeed::Mode::kFrozen);
  EXPECT_TRUE(g_held);
  EXPECT_FALSE(c.accept(640, 480, 40.0)) << "a frame in flight when Freeze was pressed is dropped";
  c.press_freeze(false);
  EXPECT_FALSE(g_held);
  c.press_stop();
  EXPECT_EQ(c.mode, CameraFeed::Mode::kOff);
  EXPECT_EQ(g_stops, 1);
  EXPECT_FALSE(c.accept(640, 480, 80.0));
}

TEST(CameraFeed, RefusalIsKeptUntilTheNextPress) {
  CameraFeed c = web_camera();
  c.press_start();
  c.failed(CameraFeed::Failure::kRefused, "NotAllowedError: Permission denied");
  EXPECT_EQ(c.mode, CameraFeed::Mode::kOff);
  EXPECT_EQ(c.failure, CameraFeed::Failure::kRefused);
  c.press_start();
  EXPECT_EQ(c.failure, CameraFeed::Failure::kNone);
  EXPECT_TRUE(c.detail.empty());
}

TEST(CameraFeed, FiguresAreTheLastWholeSecond) {
  CameraFeed c = web_camera();
  c.press_start();
  // 31 frames 1000/30 ms apart: the 31st closes a second of 30 frames.
  for (int i = 0; i <= 30; ++i) {
    ASSERT_TRUE(c.accept(640, 480, i * 1000.0 / 30.0));
    c.took(2.0, 5.0);
  }
  EXPECT_NEAR(c.fps, 30.0, 1e-9);
  EXPECT_NEAR(c.engine_ms, 2.0, 1e-12);
  EXPECT_NEAR(c.frame_ms, 5.0, 1e-12);
  EXPECT_EQ(c.frames, 31);
}

TEST(CameraFeed, FramesTakeThePicturePathWithOneUndoEntry) {
  Session s;
  ImagePanelState st;
  load_camera_frame(frame(640, 480, 10), &st, &s);
  ASSERT_TRUE(s.valid());
  EXPECT_EQ(s.scene().input.shape.h, 192);  // downscaled as pictures are (kImageModeMaxSide)
  EXPECT_EQ(s.scene().input.shape.w, 256);
  EXPECT_EQ(s.scene().input.shape.c, 3);
  const std::size_t entries = s.history().size();
  const std::uint64_t revision = s.revision();
  load_camera_frame(frame(640, 480, 200), &st, &s);
  EXPECT_EQ(s.history().size(), entries) << "a later frame records no undo entry";
  EXPECT_GT(s.revision(), revision) << "every feature map is recomputed";
  EXPECT_NEAR(s.scene().input.data[0], 200.0f / 255.0f, 1e-6f);
  st.grayscale = true;  // another shape: the image scene is made again
  load_camera_frame(frame(640, 480, 200), &st, &s);
  EXPECT_EQ(s.scene().input.shape.c, 1);
}

}  // namespace
}  // namespace cs
