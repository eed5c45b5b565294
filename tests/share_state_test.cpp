// share_state_test.cpp - model/share_state.*: the postMessage / JS API state
// reader (every form it takes, every refusal naming the key) and the
// all-or-nothing plan a link or message is checked with before it is applied.
#include "model/share_state.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/scene.h"
#include "model/default_scene.h"
#include "model/lessons.h"

namespace cs {
namespace {

const char* kScene =
    R"({"version": 1, "input": {"shape": [4, 4, 1], "data": [0,1,2,3, 4,5,6,7, 8,9,10,11, 12,13,14,15]},
        "layers": [{"type": "Conv2D", "filters": 2, "kernel_size": [3, 3], "padding": "valid",
                    "kernel": [1,0,0,0,1,0,0,0,1, 1,0,0,0,1,0,0,0,1]}]})";

std::string where_of(std::string_view json) {
  Result<UrlState> r = url_state_from_message(json);
  return r ? "applied" : r.error().where;
}

TEST(ShareState, MessageTakesEveryForm) {
  Result<UrlState> a = url_state_from_message(
      std::string(R"({"scene": )") + kScene + R"(, "layer": 0, "step": 3, "filter": 1, "tab": "walk",
                    "lang": "ko", "lesson": "padding", "fragment": "ignored"})");
  ASSERT_TRUE(a.ok()) << to_string(a.error());
  EXPECT_EQ(a->layer, 0);
  EXPECT_EQ(a->step, 3);
  EXPECT_EQ(a->filter, 1);
  EXPECT_EQ(a->tab, "walk");
  EXPECT_EQ(a->lang, "ko");
  EXPECT_EQ(a->lesson, "padding");
  EXPECT_EQ(compact_json(a->scene_json), compact_json(kScene));  // the object's own text
  // A bare scene document, the scene as JSON text, and a fragment string.
  Result<UrlState> bare = url_state_from_message(kScene);
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(compact_json(bare->scene_json), compact_json(kScene));
  std::string as_text = R"({"scene": ")";
  for (char c : compact_json(kScene)) as_text += c == '"' ? std::string("\\\"") : std::string(1, c);
  Result<UrlState> text = url_state_from_message(as_text + "\"}");
  ASSERT_TRUE(text.ok()) << to_string(text.error());
  EXPECT_EQ(text->scene_json, compact_json(kScene));
  // setState(JSON.stringify(scene)): the scene as JSON text in a string.
  Result<UrlState> scene_text = url_state_from_message("\"" + as_text.substr(11) + "\"");
  ASSERT_TRUE(scene_text.ok()) << to_string(scene_text.error());
  EXPECT_EQ(scene_text->scene_json, compact_json(kScene));
  Result<UrlState> frag = url_state_from_message(R"("v=1&step=2&tab=code")");
  ASSERT_TRUE(frag.ok());
  EXPECT_EQ(frag->step, 2);
  EXPECT_EQ(frag->tab, "code");
}

TEST(ShareState, MalformedMessagesNameTheKey) {
  EXPECT_EQ(where_of("{\"step\": "), "state");  // not JSON
  EXPECT_EQ(where_of("42"), "state");
  EXPECT_EQ(where_of("null"), "state");
  EXPECT_EQ(where_of("[1, 2]"), "state");
  EXPECT_EQ(where_of(R"({"step": 2.5})"), "step");
  EXPECT_EQ(where_of(R"({"step": -1})"), "step");
  EXPECT_EQ(where_of(R"({"layer": "1"})"), "layer");
  EXPECT_EQ(where_of(R"({"filter": 1e9})"), "filter");
  EXPECT_EQ(where_of(R"({"tab": "nowhere"})"), "tab");
  EXPECT_EQ(where_of(R"({"tab": 3})"), "tab");
  EXPECT_EQ(where_of(R"({"lang": "fr"})"), "lang");
  EXPECT_EQ(where_of(R"({"lesson": "Bad Id"})"), "lesson");
  EXPECT_EQ(where_of(R"({"scene": 7})"), "scene");
  EXPECT_EQ(where_of(R"({"scene": ""})"), "scene");
  EXPECT_EQ(where_of(R"({"colour": "red"})"), "colour");
  EXPECT_EQ(where_of(R"("v=2")"), "v");
  EXPECT_EQ(where_of(R"({"version": 2, "step": 1})"), "version");  // getState()'s version
  EXPECT_EQ(where_of(R"({"version": "1"})"), "version");
  EXPECT_EQ(where_of(R"({"version": 1, "step": 1})"), "applied");
  Result<UrlState> r = url_state_from_message(R"({"step": 1, "tab": "nowhere"})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("walk, stack"), std::string::npos) << r.error().message;
}

TEST(ShareState, PlanChecksEverythingBeforeAnything) {
  Session s;
  ASSERT_TRUE(s.load_json(kScene));
  const std::string before = s.to_json();
  const std::uint64_t rev = s.revision();
  UrlState bad;
  bad.scene_json = R"({"version": 1, "input": {"shape": [2, 2, 1], "data": [1, 2, 3, 4]}, "layers": []})";
  bad.step = 99;  // the new scene has no layer, so no step 99
  Result<Session> plan = plan_shared_state(s, bad);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().where, "step");
  EXPECT_EQ(s.to_json(), before);
  EXPECT_EQ(s.revision(), rev);
  // A scene the reader refuses: named by the state's key, with the reader's code (the host reads it).
  UrlState typo;
  typo.scene_json = R"({"version": 1, "input": {"shape": [2, 2, 1]}, "layers": [{"type": "Conv2D", "filtres": 1}]})";
  Result<Session> refused = plan_shared_state(s, typo);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().where, "scene");
  EXPECT_EQ(refused.error().code, "unknown_key");

  UrlState good;
  good.step = 3;
  good.filter = 1;
  plan = plan_shared_state(s, good);
  ASSERT_TRUE(plan.ok()) << to_string(plan.error());
  EXPECT_EQ(plan->step(), 3);
  EXPECT_EQ(plan->filter(), 1);
  EXPECT_EQ(s.step(), 0);  // the session itself is untouched

  UrlState filter;
  filter.filter = 2;
  plan = plan_shared_state(s, filter);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(to_string(plan.error()), "filter: 2 does not exist (this layer has 2 filters, numbered from 0)");

  UrlState broken;
  broken.scene_json = R"({"version": 1})";
  plan = plan_shared_state(s, broken);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().where, "scene");
}

TEST(ShareState, LessonViewIsCheckedAgainstTheLessonScene) {
  Session s;  // the default scene
  for (const Lesson& l : all_lessons()) {
    SCOPED_TRACE(l.id);
    Session lesson;
    ASSERT_TRUE(lesson.load_json(l.scene_json));
    UrlState ok;
    ok.lesson = l.id;
    ok.step = lesson.step_count() - 1;
    EXPECT_TRUE(plan_shared_state(s, ok).ok());
    UrlState past = ok;
    past.step = lesson.step_count();
    Result<Session> plan = plan_shared_state(s, past);
    ASSERT_FALSE(plan.ok());
    EXPECT_EQ(plan.error().where, "step");
  }
  UrlState unknown;
  unknown.lesson = "no-such-lesson";
  EXPECT_EQ(plan_shared_state(s, unknown).error().where, "lesson");
}

TEST(ShareState, ImageModeTravelsAsTheSampleAndItsLayers) {
  // An image-mode scene is ~500 KB of JSON: links carry "image=sample" and
  // the layers instead, and reproduce the same session.
  Result<Scene> gray = sample_image_scene(true);
  ASSERT_TRUE(gray.ok()) << to_string(gray.error());
  Scene edited = *gray;
  edited.layers[0].kernel[4] = 2.5f;  // an edited kernel travels with the link
  edited.layers.push_back(edited.layers[0]);
  edited.layers[1] = Layer{};
  edited.layers[1].type = LayerType::kMaxPooling2D;
  edited.layers[1].kernel_size = {2, 2};  // pool_size
  edited.layers[1].strides = {2, 2};
  Session from;
  ASSERT_TRUE(from.load_json(scene_to_json(edited))) << from.load_error();
  EXPECT_GT(from.to_json().size(), 48u * 1024u);

  UrlState link;
  link.image = "sample-gray";
  link.layers_json = compact_json(layers_to_json(from.scene().layers));
  link.layer = 1;
  link.step = 5;
  const std::string fragment = encode_url_state(link);
  EXPECT_LT(fragment.size(), 4096u) << "a short link";
  Result<UrlState> back = decode_url_state(fragment);
  ASSERT_TRUE(back.ok()) << to_string(back.error());
  EXPECT_EQ(*back, link);

  Session to;
  Result<Session> plan = plan_shared_state(to, *back);
  ASSERT_TRUE(plan.ok()) << to_string(plan.error());
  EXPECT_EQ(plan->scene().input.shape, from.scene().input.shape);
  EXPECT_EQ(plan->scene().input.data, from.scene().input.data);
  EXPECT_TRUE(plan->scene().layers == from.scene().layers);
  EXPECT_EQ(plan->layer(), 1);
  EXPECT_EQ(plan->step(), 5);

  // The image alone: image mode's default filters on the RGB sample.
  UrlState rgb;
  rgb.image = "sample";
  plan = plan_shared_state(to, rgb);
  ASSERT_TRUE(plan.ok()) << to_string(plan.error());
  EXPECT_EQ(plan->scene().input.shape.c, 3);
  EXPECT_EQ(plan->scene().layers[0].filters, 8);

  // Refusals name the field.
  UrlState both = rgb;
  both.scene_json = kScene;
  EXPECT_EQ(plan_shared_state(to, both).error().where, "image");
  UrlState orphan;
  orphan.layers_json = link.layers_json;
  EXPECT_EQ(plan_shared_state(to, orphan).error().where, "layers");
  UrlState bad = link;
  bad.layers_json = R"([{"type": "Conv2D", "filters": 1, "kernel_size": 99}])";
  EXPECT_EQ(plan_shared_state(to, bad).error().where, "layers");
  EXPECT_EQ(where_of(R"({"image": "cat"})"), "image");
  EXPECT_EQ(where_of(R"({"layers": {}})"), "layers");
  Result<UrlState> m = url_state_from_message(R"({"image": "sample-gray", "layers": )" + link.layers_json + "}");
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  EXPECT_EQ(m->layers_json, link.layers_json);
  // getState() handed back: version and layers, but no input, so a state and not a scene document.
  Result<UrlState> handed = url_state_from_message(R"({"version": 1, "image": "sample-gray", "layers": )" + link.layers_json + "}");
  ASSERT_TRUE(handed.ok()) << to_string(handed.error());
  EXPECT_EQ(handed->image, "sample-gray");
  EXPECT_TRUE(handed->scene_json.empty());
}

TEST(ShareState, SeededMessagesAreAppliedWholeOrRefused) {
  // Random messages built from valid and invalid pieces: each one is either
  // read and planned completely, or refused with the key named; a refusal
  // never changes the session.
  const unsigned seed = 7;
  std::mt19937 rng(seed);
  const char* values[] = {"0", "1", "2", "3", "5", "17", "-1", "2.5", "\"1\"", "null", "true", "[]", "{}"};
  const char* keys[] = {"layer", "step", "filter", "tab", "lang", "lesson", "scene", "fragment", "zoom"};
  const char* strings[] = {"\"walk\"", "\"code\"", "\"ko\"", "\"en\"", "\"padding\"", "\"stride\"", "\"x\""};
  Session s;
  ASSERT_TRUE(s.load_json(kScene));
  int applied = 0, refused = 0;
  for (int n = 0; n < 500; ++n) {
    std::string m = "{";
    const int count = static_cast<int>(rng() % 4);
    for (int i = 0; i < count; ++i) {
      const char* key = keys[rng() % 9];
      if (m.find(std::string("\"") + key + "\"") != std::string::npos) continue;  // no duplicate keys
      m += std::string(i && m.size() > 1 ? ", " : "") + "\"" + key + "\": ";
      if (std::string(key) == "scene") {
        m += rng() % 2 ? kScene : "{\"version\": 1}";
      } else {
        m += rng() % 2 ? values[rng() % 13] : strings[rng() % 7];
      }
    }
    m += "}";
    const std::string before = s.to_json();
    Result<UrlState> st = url_state_from_message(m);
    if (!st) {
      ++refused;
      EXPECT_FALSE(st.error().where.empty()) << m;
      continue;
    }
    Result<Session> plan = plan_shared_state(s, *st);
    EXPECT_EQ(s.to_json(), before) << m;
    if (!plan) {
      ++refused;
      EXPECT_FALSE(plan.error().message.empty()) << m;
      continue;
    }
    ++applied;
    EXPECT_TRUE(st->step < 0 || plan->step() == st->step) << m;
    EXPECT_TRUE(st->filter < 0 || plan->filter() == st->filter) << m;
    EXPECT_TRUE(st->layer < 0 || plan->layer() == st->layer) << m;
    s = std::move(*plan);
  }
  EXPECT_GT(applied, 50) << "seed " << seed;
  EXPECT_GT(refused, 50) << "seed " << seed;
}

}  // namespace
}  // namespace cs
