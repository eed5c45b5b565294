// lessons.cpp - the eleven lessons: scenes (docs/scene-format.md), the
// checks of their "try this" tasks, and the progress string.
// [SECTION] Scenes
// [SECTION] Tasks
// [SECTION] Track
#include "model/lessons.h"
#include "core/layers/family.h"

#include <algorithm>
#include <cstdlib>

#include "core/shape.h"

namespace cs {

namespace {

bool is_pooling_2d(LayerType t) {
  return layer_family(t).pools() && !is_1d(t);
}

// [SECTION] Scenes

// n numbers "a,b,c" from a small deterministic sequence in [-1, 1]
// (multiples of 0.5), so every product on screen is easy to check by hand.
std::string weights(int n, int seed) {
  std::string s;
  std::uint32_t x = static_cast<std::uint32_t>(seed) * 2654435761u + 1;
  for (int i = 0; i < n; ++i) {
    x = x * 1664525u + 1013904223u;
    const int v = static_cast<int>((x >> 24) % 5) - 2;  // -2..2
    s += (i ? "," : "") + std::string(v < 0 ? "-" : "") + (v == 0 ? "0" : std::abs(v) == 1 ? "0.5" : "1");
  }
  return s;
}

std::string counting(int n, int mod) {
  std::string s;
  for (int i = 0; i < n; ++i) s += (i ? "," : "") + std::to_string(i % mod);
  return s;
}

// A vertical edge: three dark columns, three bright ones.
const char* kEdge6x6 = "0,0,0,1,1,1, 0,0,0,1,1,1, 0,0,0,1,1,1, 0,0,0,1,1,1, 0,0,0,1,1,1, 0,0,0,1,1,1";

std::vector<Lesson> build() {
  std::vector<Lesson> v;
  v.push_back({"dense-vs-conv",
               R"({"version": 1, "title": "Conv1D: 3 shared weights slide over 8 inputs",
                 "input": {"shape": [8, 1], "data": [2, 1, 3, 0, 4, 1, 2, 5]},
                 "layers": [{"type": "Conv1D", "filters": 1, "kernel_size": 3, "use_bias": false,
                             "kernel": [1, 0, -1]}]})",
               3, 1, true, nullptr});
  v.push_back({"filter",
               std::string(R"({"version": 1, "title": "A 3x3 filter finds a vertical edge",
                 "input": {"shape": [6, 6, 1], "data": [)") + kEdge6x6 + R"(]},
                 "layers": [{"type": "Conv2D", "filters": 1, "kernel_size": 3, "use_bias": false,
                             "kernel": [-1, 0, 1, -1, 0, 1, -1, 0, 1]}]})",
               3, 1, false, nullptr});
  v.push_back({"feature-maps",
               std::string(R"({"version": 1, "title": "ReLU keeps the positive part of each map",
                 "input": {"shape": [6, 6, 1], "data": [)") + kEdge6x6 + R"(]},
                 "layers": [{"type": "Conv2D", "filters": 1, "kernel_size": 3, "activation": "relu",
                             "kernel": [1, 0, -1, 1, 0, -1, 1, 0, -1], "bias": [0.5]}]})",
               3, 1, true, nullptr});
  v.push_back({"conv2d-line",
               R"({"version": 1, "title": "Conv2D(10, kernel_size=(3,3), activation='relu', padding='same', strides=1) on 6x6x1",
                 "input": {"shape": [6, 6, 1], "data": [)" + counting(36, 4) + R"(]},
                 "layers": [{"type": "Conv2D", "filters": 10, "kernel_size": [3, 3], "strides": 1,
                             "padding": "same", "activation": "relu", "kernel": [)" + weights(90, 4) + R"(]}]})",
               3, 1, true, nullptr});
  v.push_back({"padding",
               R"({"version": 1, "title": "Valid padding shrinks 5x5 to 3x3",
                 "input": {"shape": [5, 5, 1], "data": [)" + counting(25, 5) + R"(]},
                 "layers": [{"type": "Conv2D", "filters": 1, "kernel_size": 3, "padding": "valid",
                             "use_bias": false, "kernel": [0, 1, 0, 1, 1, 1, 0, 1, 0]}]})",
               3, 0, true, nullptr});
  std::string n36;
  for (int i = 1; i <= 36; ++i) n36 += (i > 1 ? "," : "") + std::to_string(i);
  v.push_back({"stride",
               R"({"version": 1, "title": "Stride: how far the window jumps",
                 "input": {"shape": [6, 6, 1], "data": [)" + n36 + R"(]},
                 "layers": [{"type": "Conv2D", "filters": 1, "kernel_size": 3, "strides": 1,
                             "use_bias": false, "kernel": [0, 0, 0, 0, 1, 0, 0, 0, 0]}]})",
               3, 0, true, nullptr});
  v.push_back({"pooling",
               R"({"version": 1, "title": "Max pooling 2x2: keep the largest of each window",
                 "input": {"shape": [4, 4, 1], "data": [1, 3, 2, 0, 4, 2, 1, 5, 0, 1, 3, 2, 2, 6, 1, 1]},
                 "layers": [{"type": "MaxPooling2D", "pool_size": 2}]})",
               3, 1, true, nullptr});
  v.push_back({"channels",
               R"({"version": 1, "title": "Three input channels, two filters, two maps",
                 "input": {"shape": [5, 5, 3], "data": [)" + counting(75, 3) + R"(]},
                 "layers": [{"type": "Conv2D", "filters": 2, "kernel_size": 3, "use_bias": false,
                             "kernel": [)" + weights(54, 8) + R"(]}]})",
               3, 1, true, nullptr});
  // A 6x6 edge through two 3x3 filters (vertical and horizontal edges), 2x2
  // max pooling, Flatten, and a Dense softmax over three classes.
  v.push_back({"to-a-prediction",
               std::string(R"({"version": 1, "title": "From feature maps to a prediction",
                 "input": {"shape": [6, 6, 1], "data": [)") + kEdge6x6 + R"(]},
                 "layers": [{"type": "Conv2D", "filters": 2, "kernel_size": 3, "padding": "same",
                             "activation": "relu", "use_bias": false,
                             "kernel": [-1, 1, 0, 0, 1, -1, -1, 1, 0, 0, 1, -1, -1, 1, 0, 0, 1, -1]},
                            {"type": "MaxPooling2D", "pool_size": 2},
                            {"type": "Flatten"},
                            {"type": "Dense", "units": 3, "activation": "softmax",
                             "kernel": [)" + weights(54, 11) + R"(], "bias": [0, 0.5, -0.5]}]})",
               3, 1, false, nullptr, 2});
  // The test's example of the stamps: 2x2 input, 2x2 kernel, strides 2.
  v.push_back({"transposed",
               R"({"version": 1, "title": "Transposed convolution: each cell stamps the kernel",
                 "input": {"shape": [2, 2, 1], "data": [1, 2, 3, 4]},
                 "layers": [{"type": "Conv2DTranspose", "filters": 1, "kernel_size": 2, "strides": 2,
                             "use_bias": false, "kernel": [1, 2, 3, 4]}]})",
               3, 1, true, nullptr});
  // The chapter's CNN, untrained (Keras' initialisers from seed 42): the
  // student trains it on the Network tab.
  v.push_back({"cnn-trained",
               R"({"version": 1, "title": "The chapter's CNN, untrained: train it on the Network tab", "seed": 42, "input": {"shape": [28, 28, 1]},
                 "layers": [{"type": "Conv2D", "filters": 32, "kernel_size": 3, "activation": "relu", "padding": "same"},
                            {"type": "MaxPooling2D", "pool_size": 2},
                            {"type": "Conv2D", "filters": 64, "kernel_size": 3, "activation": "relu", "padding": "same"},
                            {"type": "MaxPooling2D", "pool_size": 2},
                            {"type": "Flatten"},
                            {"type": "Dense", "units": 100, "activation": "relu"},
                            {"type": "Dropout", "rate": 0.4},
                            {"type": "Dense", "units": 10, "activation": "softmax"}]})",
               3, 0, false, nullptr});

  // [SECTION] Tasks
  v[0].task_done = [](const Session& s) {  // kernel_size 5: 8 - 5 + 1 = 4 outputs
    return s.valid() && !s.scene().layers.empty() && s.scene().layers[0].kernel_size[1] == 5 &&
           s.run().plan.shapes[1].w == 4;
  };
  v[1].task_done = [](const Session& s) {  // the window on the edge: output 3
    return s.valid() && s.layer() == 0 && s.trace() && s.trace()->value == 3.0f;
  };
  v[2].task_done = [](const Session& s) {  // three filters, three maps
    return s.valid() && !s.scene().layers.empty() && s.scene().layers[0].filters >= 3;
  };
  v[3].task_done = [](const Session& s) {  // 40 parameters: 4 filters of 3*3*1 + 1
    if (!s.valid() || s.scene().layers.empty()) return false;
    const Layer& l = s.scene().layers[0];
    return has_key(l.type, "filters") &&
           conv_param_count(l.kernel_size[0], l.kernel_size[1], s.scene().input.shape.c, l.filters, l.use_bias) == 40;
  };
  v[4].task_done = [](const Session& s) {  // keep 5x5
    return s.valid() && !s.scene().layers.empty() && s.run().plan.shapes[1].h == s.scene().input.shape.h &&
           s.run().plan.shapes[1].w == s.scene().input.shape.w;
  };
  v[5].task_done = [](const Session& s) {  // strides 2: a row and a column are never read
    return s.valid() && !s.scene().layers.empty() && s.scene().layers[0].strides[0] == 2 &&
           s.scene().layers[0].strides[1] == 2 && !s.stride_walk().uncovered_rows.empty();
  };
  v[6].task_done = [](const Session& s) {  // overlapping windows: strides 1 -> 3x3
    return s.valid() && !s.scene().layers.empty() && is_pooling_2d(s.scene().layers[0].type) &&
           s.run().plan.shapes[1].h == 3 && s.run().plan.shapes[1].w == 3;
  };
  v[7].task_done = [](const Session& s) {  // walk the second filter
    return s.valid() && s.filter() == 1 && s.layer() == 0;
  };
  v[8].task_done = [](const Session& s) {  // Flatten: (1, 0) of channel 2 is (1*3 + 0)*2 + 1 = 7
    return s.valid() && s.layer() == 2 && s.step() == 7;
  };
  v[10].train_task = [](const TrainView& t) {  // two epochs trained, validated
    return t.state == TrainState::kDone && t.history.val_accuracy.size() >= 2;
  };
  v[9].task_done = [](const Session& s) {  // strides 1: the stamps overlap, 3x3
    return s.valid() && !s.scene().layers.empty() && s.scene().layers[0].strides[0] == 1 &&
           s.scene().layers[0].strides[1] == 1 && s.run().plan.shapes[1].h == 3;
  };
  return v;
}

}  // namespace

const std::vector<Lesson>& all_lessons() {
  static const std::vector<Lesson> lessons = build();
  return lessons;
}

int find_lesson(std::string_view id) {
  const std::vector<Lesson>& ls = all_lessons();
  for (std::size_t i = 0; i < ls.size(); ++i)
    if (id == ls[i].id) return static_cast<int>(i);
  return -1;
}

std::string lesson_key(const Lesson& l, const char* part) { return std::string("lesson.") + l.id + "." + part; }

// [SECTION] Track

void LessonTrack::open(int index) { current_ = valid(index) ? index : -1; }

bool LessonTrack::update(const Session& s, const TrainView& train) {
  if (!valid(current_)) return false;
  Done& d = done_[static_cast<std::size_t>(current_)];
  const Lesson& l = all_lessons()[static_cast<std::size_t>(current_)];
  const bool done = l.train_task ? l.train_task(train) : l.task_done && l.task_done(s);
  if (d.task || !done) return false;
  d.task = true;
  return true;
}

bool LessonTrack::answered_right(int i) const {
  return valid(i) && done_[static_cast<std::size_t>(i)].answer == all_lessons()[static_cast<std::size_t>(i)].correct;
}

bool LessonTrack::answer_question(int i, int choice) {
  if (!valid(i)) return false;
  done_[static_cast<std::size_t>(i)].answer = choice;
  return answered_right(i);
}

int LessonTrack::completed() const {
  int n = 0;
  for (int i = 0; i < static_cast<int>(done_.size()); ++i) n += task_done(i) && answered_right(i);
  return n;
}

std::string LessonTrack::progress_string() const {
  std::string out;
  for (std::size_t i = 0; i < done_.size(); ++i) {
    const Done& d = done_[i];
    if (!d.task && d.answer < 0) continue;
    out += (out.empty() ? "" : ",") + std::string(all_lessons()[i].id) + ":";
    if (d.task) out += "t";
    if (answered_right(static_cast<int>(i))) {
      out += "q";
    } else if (d.answer >= 0) {
      out += "a" + std::to_string(d.answer);
    }
  }
  return out;
}

void LessonTrack::load_progress(std::string_view text) {
  done_.assign(all_lessons().size(), Done{});
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    const std::size_t colon = item.find(':');
    if (colon == std::string_view::npos) continue;
    const int i = find_lesson(item.substr(0, colon));
    if (i < 0) continue;
    Done& d = done_[static_cast<std::size_t>(i)];
    const Lesson& l = all_lessons()[static_cast<std::size_t>(i)];
    const std::string_view flags = item.substr(colon + 1);
    for (std::size_t k = 0; k < flags.size(); ++k) {
      if (flags[k] == 't') d.task = true;
      if (flags[k] == 'q') d.answer = l.correct;
      if (flags[k] == 'a' && k + 1 < flags.size() && flags[k + 1] >= '0' && flags[k + 1] < '0' + l.choices)
        d.answer = flags[k + 1] - '0';
    }
  }
}

}  // namespace cs
