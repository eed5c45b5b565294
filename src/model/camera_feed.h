// camera_feed.h - image mode's live camera without the browser: what it is
// doing (off, asking, live, frozen), why it is not on (refused, missing),
// and the figures shown beside it (frames per second, engine ms per frame).
// The page's side (getUserMedia, frames into the heap) is platform/webapi.
#pragma once

#include <string>

namespace cs {

struct CameraFeed {
  enum class Mode { kOff, kAsking, kLive, kFrozen };
  enum class Failure { kNone, kRefused, kMissing, kOther };
  Mode mode = Mode::kOff;
  Failure failure = Failure::kNone;
  std::string detail;          // the browser's own words for a failure
  int width = 0, height = 0;   // frames as the camera gives them
  long long frames = 0;        // frames taken into the session
  double fps = 0.0;            // over the last second
  double engine_ms = 0.0;      // mean engine recompute per frame, same second
  double frame_ms = 0.0;       // mean of all per-frame work (copy, downscale, engine)
  // The platform's ways in; null where there is no camera (the desktop).
  void (*start)() = nullptr;
  void (*hold)(bool held) = nullptr;  // Freeze (true) / Live (false)
  void (*stop)() = nullptr;

  bool available() const { return start != nullptr; }
  // Asking or live: the page draws, frames may come.
  bool running() const { return mode == Mode::kAsking || mode == Mode::kLive; }
  void press_start();
  void press_freeze(bool freeze);
  void press_stop();
  // A frame of w x h arrived at t_ms (the page's clock): false when it
  // must be ignored (stopped or frozen meanwhile).
  bool accept(int w, int h, double t_ms);
  // After the session ran the frame: its engine and total milliseconds.
  void took(double engine, double total);
  void failed(Failure f, std::string why);

 private:
  double window_start_ = -1.0;
  int window_frames_ = 0;
  double window_engine_ = 0.0, window_total_ = 0.0;
};

}  // namespace cs
