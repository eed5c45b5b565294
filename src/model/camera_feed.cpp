// camera_feed.cpp - the camera's modes and its once-a-second figures.
#include "model/camera_feed.h"

#include <utility>

namespace cs {

void CameraFeed::press_start() {
  if (!start || running()) return;
  mode = Mode::kAsking;
  failure = Failure::kNone;
  detail.clear();
  fps = engine_ms = frame_ms = 0.0;
  window_start_ = -1.0;
  start();
}

void CameraFeed::press_freeze(bool freeze) {
  if (mode != (freeze ? Mode::kLive : Mode::kFrozen)) return;
  mode = freeze ? Mode::kFrozen : Mode::kLive;
  window_start_ = -1.0;  // the pause is not a slow second
  if (hold) hold(freeze);
}

void CameraFeed::press_stop() {
  if (mode == Mode::kOff) return;
  mode = Mode::kOff;
  fps = 0.0;
  if (stop) stop();
}

bool CameraFeed::accept(int w, int h, double t_ms) {
  if (!running()) return false;
  mode = Mode::kLive;
  width = w, height = h;
  ++frames;
  if (window_start_ < 0.0 || t_ms < window_start_) {
    window_start_ = t_ms;
    window_frames_ = 0;
    window_engine_ = window_total_ = 0.0;
  } else if (t_ms - window_start_ >= 1000.0) {  // a second's figures, then a new second
    fps = window_frames_ * 1000.0 / (t_ms - window_start_);
    engine_ms = window_frames_ ? window_engine_ / window_frames_ : 0.0;
    frame_ms = window_frames_ ? window_total_ / window_frames_ : 0.0;
    window_start_ = t_ms;
    window_frames_ = 0;
    window_engine_ = window_total_ = 0.0;
  }
  return true;
}

void CameraFeed::took(double engine, double total) {
  ++window_frames_;
  window_engine_ += engine;
  window_total_ += total;
}

void CameraFeed::failed(Failure f, std::string why) {
  mode = Mode::kOff;
  failure = f;
  detail = std::move(why);
  fps = 0.0;
}

}  // namespace cs
