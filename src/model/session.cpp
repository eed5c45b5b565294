// session.cpp - Session: scene edits with history, recompute, walk, fields.
// [SECTION] Scene
// [SECTION] Walk
// [SECTION] Selection and fields
#include "model/session.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/scene_edit.h"
#include "model/default_scene.h"

namespace cs {

Session::Session() {
  if (!load_json(kDefaultSceneJson)) {
    error_ = "built-in scene: " + load_error_;
    error_detail_ = load_error_detail_;
    error_detail_.where = "built-in scene" + (error_detail_.where.empty() ? "" : ": " + error_detail_.where);
    return;
  }
  set_step(kDefaultSceneFirstStep);  // a window over the 7's strokes (default_scene.h)
}

// [SECTION] Scene

bool Session::load_json(std::string_view json) {
  Result<Scene> parsed = parse_scene(json);
  if (!parsed) {
    load_error_detail_ = parsed.error();
    load_error_ = to_string(load_error_detail_);
    return false;
  }
  load_error_.clear();
  load_error_detail_ = {};
  scene_ = std::move(parsed).value();
  loaded_ = scene_;
  history_.clear();
  layer_ = filter_ = step_ = 0;
  playing_ = false;
  hovered_ = pinned_ = {};
  recompute();
  return true;
}

std::string Session::to_json() const { return scene_to_json(scene_); }

void Session::apply(Scene edited, const std::string& label, bool merge) {
  fit_weights(scene_, &edited);
  history_.record(scene_, label, merge);
  scene_ = std::move(edited);
  recompute();
}

bool Session::undo() {
  if (!history_.undo(&scene_)) return false;
  recompute();
  return true;
}

bool Session::redo() {
  if (!history_.redo(&scene_)) return false;
  recompute();
  return true;
}

void Session::reset() { apply(loaded_, "reset to preset"); }

void Session::recompute() {
  const auto t0 = std::chrono::steady_clock::now();
  Result<SceneRun> r = run_scene_full(scene_);
  last_run_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ++revision_;
  valid_ = r.ok();
  if (valid_) {
    run_ = std::move(r).value();
    error_.clear();
    error_detail_ = {};
  } else {
    run_ = {};
    error_detail_ = r.error();
    error_ = to_string(error_detail_);
  }
  const int layers = static_cast<int>(scene_.layers.size());
  layer_ = std::clamp(layer_, 0, std::max(0, layers - 1));
  const Geometry2D* g = geometry();
  filter_ = g ? std::clamp(filter_, 0, std::max(0, g->filters - 1)) : 0;
  step_ = std::clamp(step_, 0, std::max(0, step_count() - 1));
  // The full walk lists every window; large (image-sized) maps skip it.
  walk_ = g && std::int64_t{g->out_h} * g->out_w <= 65536 ? cs::stride_walk(*g) : StrideWalk{};
  retrace();
  has_field_ = false;
  field_for_ = {};
  refield();
}

double Session::bench_recompute(int n) const {
  std::vector<double> ms;
  for (int i = 0; i < std::max(1, n); ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    Result<SceneRun> r = run_scene_full(scene_);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (!r) return -1.0;
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

// [SECTION] Walk

const Geometry2D* Session::geometry() const {
  if (!valid_ || layer_ >= static_cast<int>(run_.plan.geometry.size())) return nullptr;
  return &run_.plan.geometry[static_cast<std::size_t>(layer_)];
}

const Tensor* Session::walk_input() const {
  if (!geometry()) return nullptr;
  return &layer_input(scene_, run_, layer_);
}

const Tensor* Session::walk_output() const {
  return geometry() ? &run_.outputs[static_cast<std::size_t>(layer_)] : nullptr;
}

const Tensor* Session::walk_pre_activation() const {
  if (!geometry() || static_cast<std::size_t>(layer_) >= run_.pre_activation.size()) return nullptr;
  const Tensor& t = run_.pre_activation[static_cast<std::size_t>(layer_)];
  return t.data.empty() ? nullptr : &t;
}

int Session::step_count() const {
  const Geometry2D* g = geometry();
  return g ? g->out_h * g->out_w : 0;
}

void Session::set_layer(int layer) {
  const int n = static_cast<int>(scene_.layers.size());
  if (n == 0) return;
  layer = std::clamp(layer, 0, n - 1);
  if (layer == layer_) return;
  layer_ = layer;
  step_ = 0;
  recompute();
}

void Session::set_filter(int filter) {
  const Geometry2D* g = geometry();
  if (!g) return;
  filter_ = std::clamp(filter, 0, g->filters - 1);
  retrace();
}

void Session::set_step(int step) {
  const int n = step_count();
  if (n == 0) return;
  step_ = std::clamp(step, 0, n - 1);
  retrace();
}

void Session::set_playing(bool on) {
  playing_ = on && step_count() > 0;
  if (playing_ && step_ >= step_count() - 1) set_step(0);  // replay from the start
  clock_ = 0.0f;
}

void Session::set_speed(float steps_per_second) {
  speed_ = std::clamp(steps_per_second, 0.25f, 60.0f);
}

void Session::tick(float dt) {
  if (!playing_) return;
  clock_ += dt * speed_;
  const int advance = static_cast<int>(clock_);
  if (advance <= 0) return;
  clock_ -= static_cast<float>(advance);
  const int last = step_count() - 1;
  set_step(std::min(last, step_ + advance));
  if (step_ >= last) playing_ = false;
}

std::vector<WindowStep> Session::trail(int count) const {
  std::vector<WindowStep> out;
  const Geometry2D* g = geometry();
  if (!g) return out;
  for (int k = std::max(0, step_ - count); k < step_; ++k) out.push_back(window_at_step(*g, k));
  return out;
}

void Session::retrace() {
  has_trace_ = false;
  const Geometry2D* g = geometry();
  if (!g || step_count() == 0) return;
  const WindowStep w = window_at_step(*g, step_);
  Result<ElementTrace> t = trace_scene_element(scene_, run_, layer_, w.out_y, w.out_x, filter_);
  if (t) {
    trace_ = std::move(t).value();
    has_trace_ = true;
  }
}

// [SECTION] Selection and fields

void Session::hover(CellRef cell) {
  hovered_ = cell;
  refield();
}

void Session::pin(CellRef cell) {
  pinned_ = pinned_ == cell ? CellRef{} : cell;
  refield();
}

void Session::unpin() {
  pinned_ = {};
  refield();
}

void Session::refield() {
  const CellRef sel = selection();
  if (sel == field_for_ && (has_field_ || !sel.valid())) return;
  field_for_ = sel;
  has_field_ = false;
  const int layers = static_cast<int>(scene_.layers.size());
  if (!valid_ || !sel.valid() || layers == 0 || sel.level > layers) return;
  Result<FieldStack> f = sel.level == 0
                             ? projective_field(scene_, layers - 1, sel.y, sel.x, std::max(0, sel.c))
                             : receptive_field(scene_, sel.level - 1, sel.y, sel.x, std::max(0, sel.c));
  if (f) {
    field_ = std::move(f).value();
    has_field_ = true;
  }
}

}  // namespace cs
