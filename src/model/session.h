// session.h - the app's whole state, without any UI: the scene and its
// undo history, the computed run, and the walk (layer, filter, step, play
// clock) with the trace and receptive field of what is selected. The ImGui
// views only read a const Session and queue commands; tests drive it
// directly and check what would be shown.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine.h"
#include "core/scene.h"
#include "core/trace.h"
#include "model/history.h"

namespace cs {

// A cell of the stack: level 0 is the scene input, level i + 1 the output
// of layer i. c is the channel (-1: all channels).
struct CellRef {
  int level = -1;
  int y = 0, x = 0, c = 0;
  bool valid() const { return level >= 0; }
  friend bool operator==(const CellRef& a, const CellRef& b) {
    return a.level == b.level && a.y == b.y && a.x == b.x && a.c == b.c;
  }
};

class Session {
 public:
  Session();

  // [SECTION] Scene
  // Loads a scene document. On error keeps the current scene and returns
  // false; load_error() says what was wrong. Success clears the history
  // and makes this scene the one "reset" returns to.
  bool load_json(std::string_view json);
  const std::string& load_error() const { return load_error_; }
  // The same as an Error (code and arguments), for i18n::error_line.
  const Error& load_error_detail() const { return load_error_detail_; }
  std::string to_json() const;
  const Scene& scene() const { return scene_; }
  // The run of the current scene; valid() is false when the scene breaks a
  // rule (kernel larger than the padded input, ...) and error() explains.
  bool valid() const { return valid_; }
  const std::string& error() const { return error_; }
  const Error& error_detail() const { return error_detail_; }  // to_string() of it is error()
  const SceneRun& run() const { return run_; }
  // Bumped by every recompute; views cache GPU textures against it.
  std::uint64_t revision() const { return revision_; }
  // Wall time of the last recompute (engine run), in milliseconds.
  double last_run_ms() const { return last_run_ms_; }
  // Runs the engine n times on the current scene; median milliseconds.
  double bench_recompute(int n) const;
  // Applies an edited scene: records undo, refits weights to shapes,
  // recomputes. merge: part of one drag gesture (one undo entry).
  void apply(Scene edited, const std::string& label, bool merge = false);
  void end_gesture() { history_.end_gesture(); }
  // Training changes the weights many times a second: begin_live records
  // the scene once (the whole run is one undo entry), set_live_layers then
  // swaps in new weights of the same layers without recording.
  void begin_live(const std::string& label) {
    history_.end_gesture();
    history_.record(scene_, label, false);
  }
  void set_live_layers(std::vector<Layer> layers) {
    scene_.layers = std::move(layers);
    recompute();
  }
  // A live camera changes the input many times a second: the first frame
  // is an apply() (one undo entry), later ones swap in a new input of the
  // same shape without recording.
  void set_live_input(Tensor input) {
    scene_.input = std::move(input);
    recompute();
  }
  bool undo();
  bool redo();
  void reset();  // back to the scene as loaded (undoable)
  const History& history() const { return history_; }

  // [SECTION] Walk
  int layer() const { return layer_; }
  int filter() const { return filter_; }
  int step() const { return step_; }
  int step_count() const;
  void set_layer(int layer);
  void set_filter(int filter);
  void set_step(int step);
  void step_by(int delta) { set_step(step_ + delta); }
  bool playing() const { return playing_; }
  void set_playing(bool on);
  float speed() const { return speed_; }  // steps per second
  void set_speed(float steps_per_second);
  void tick(float dt);  // advances the walk while playing
  bool show_pre_activation() const { return show_pre_; }
  void set_show_pre_activation(bool on) { show_pre_ = on; }

  const Geometry2D* geometry() const;        // of the walked layer
  const Tensor* walk_input() const;          // tensor the walked layer reads
  const Tensor* walk_output() const;         // its output (post-activation)
  const Tensor* walk_pre_activation() const; // its pre-activation, if conv
  const ElementTrace* trace() const { return has_trace_ ? &trace_ : nullptr; }
  const StrideWalk& stride_walk() const { return walk_; }
  // Earlier window positions, most recent last (at most `count`).
  std::vector<WindowStep> trail(int count) const;

  // [SECTION] Selection and fields
  void hover(CellRef cell);
  void pin(CellRef cell);  // a second tap on the same cell unpins
  void unpin();
  bool pinned() const { return pinned_.valid(); }
  CellRef selection() const { return pinned_.valid() ? pinned_ : hovered_; }
  // Receptive field (selection on a layer output) or projective field
  // (selection on the input) through the whole stack; null if none.
  const FieldStack* field() const { return has_field_ ? &field_ : nullptr; }

 private:
  void recompute();
  void retrace();
  void refield();

  Scene scene_, loaded_;
  History history_;
  SceneRun run_;
  bool valid_ = false;
  std::string error_, load_error_;
  Error error_detail_, load_error_detail_;
  std::uint64_t revision_ = 0;
  double last_run_ms_ = 0.0;

  int layer_ = 0, filter_ = 0, step_ = 0;
  bool playing_ = false, show_pre_ = false;
  float speed_ = 2.0f, clock_ = 0.0f;
  ElementTrace trace_;
  bool has_trace_ = false;
  StrideWalk walk_;

  CellRef hovered_, pinned_, field_for_;
  FieldStack field_;
  bool has_field_ = false;
};

// Commands queued by the views during a frame and applied after it, so a
// view never changes the state it is drawing.
using Command = std::function<void(Session&)>;
using CommandQueue = std::vector<Command>;

}  // namespace cs
