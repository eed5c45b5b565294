// lessons.h - the guided track that follows the chapter: eleven lessons, each
// a short text, a prepared scene, a "try this" task checked against the
// Session, and a closing question. Texts live in the i18n catalogue under
// "lesson.<id>.<part>"; this file holds what is not text. Progress is a
// short string the platform stores (a file natively, localStorage on the web).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/session.h"
#include "model/training_run.h"

namespace cs {

struct Lesson {
  const char* id;  // "padding": URL (#lesson=padding) and catalogue key part
  std::string scene_json;
  int choices = 3;     // closing question: "lesson.<id>.a0" ... a<choices-1>
  int correct = 0;     // index of the right choice
  bool autoplay = true; // start the walk playing (not where the task is to find a step)
  // True when the student has done the "try this" task in this state.
  bool (*task_done)(const Session& s) = nullptr;
  int layer = 0;  // the layer the walk opens on
  // A task about training (the Network tab's Train): checked on its view.
  bool (*train_task)(const TrainView& v) = nullptr;
};

// The track, in chapter order.
const std::vector<Lesson>& all_lessons();
int find_lesson(std::string_view id);  // index, or -1
// "lesson.<id>.<part>" (title, text, task, hint, question, a0.., why).
std::string lesson_key(const Lesson& l, const char* part);

// Which lesson is open and what the student has done.
class LessonTrack {
 public:
  int current() const { return current_; }
  void open(int index);
  void close() { current_ = -1; }
  // Checks the open lesson's task; true if it has just been completed.
  bool update(const Session& s, const TrainView& train = TrainView{});
  bool task_done(int i) const { return valid(i) && done_[static_cast<std::size_t>(i)].task; }
  // The chosen answer to the closing question (-1: none yet).
  int answer(int i) const { return valid(i) ? done_[static_cast<std::size_t>(i)].answer : -1; }
  bool answered_right(int i) const;
  // Records a choice; true if it is the right one.
  bool answer_question(int i, int choice);
  int completed() const;  // lessons with task done and question right

  // "dense-vs-conv:tq,padding:t" - t: task done, q: question answered
  // right, a<k>: last wrong choice k. Unknown ids are skipped when loading,
  // so old progress survives new lessons.
  std::string progress_string() const;
  void load_progress(std::string_view text);

 private:
  struct Done {
    bool task = false;
    int answer = -1;
  };
  bool valid(int i) const { return i >= 0 && i < static_cast<int>(done_.size()); }
  int current_ = -1;
  std::vector<Done> done_ = std::vector<Done>(all_lessons().size());
};

}  // namespace cs
