// message_fuzz.cpp - libFuzzer target: any bytes as the `state` of a
// postMessage / JS API call (the JSON text web/main.js hands to the app),
// through the same C++ path the page uses: url_state_from_message, then
// plan_shared_state against a live session (model/share_state.h). A message
// is read and planned whole or refused with the key named; a refusal leaves
// the session byte for byte as it was; an accepted one lands exactly on the
// layer, filter and step it asked for, and says the same as a link.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/validate.h"
#include "model/session.h"
#include "model/share_state.h"
#include "model/url_state.h"

namespace {

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "message_fuzz: invariant broken: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static cs::Session session;  // one embed, many messages: state carries over
  cs::Result<cs::UrlState> st = cs::url_state_from_message(text);
  if (!st) {
    check(!st.error().where.empty() && !st.error().message.empty(), "a refused message names the key and why");
    return 0;
  }
  // The link form of the same state reads back the same (scenes within the
  // link's limit; the message form has none).
  const std::string fragment = cs::encode_url_state(*st);
  if (fragment.size() <= cs::kMaxUrlStateLength) {
    cs::Result<cs::UrlState> link = cs::decode_url_state(fragment);
    check(link.ok() && *link == *st, "a message's state survives as a link");
  }
  const std::string before = session.to_json();
  const std::uint64_t revision = session.revision();
  const int step = session.step(), layer = session.layer(), filter = session.filter();
  cs::Result<cs::Session> plan = cs::plan_shared_state(session, *st);
  check(session.to_json() == before && session.revision() == revision && session.step() == step &&
            session.layer() == layer && session.filter() == filter,
        "planning leaves the session alone");
  if (!plan) {
    const std::string& w = plan.error().where;
    check(w == "scene" || w == "image" || w == "layers" || w == "layer" || w == "filter" || w == "step" ||
              w == "lesson",
          "a refusal names the field");
    check(!plan.error().message.empty(), "a refusal says why");
    return 0;
  }
  check(st->layer < 0 || plan->layer() == st->layer, "the layer asked for");
  check(st->filter < 0 || plan->filter() == st->filter, "the filter asked for");
  check(st->step < 0 || plan->step() == st->step, "the step asked for");
  check(plan->valid() == cs::validate_scene(plan->scene()).ok(), "the session's validity is the scene's");
  // Applying the same message again changes nothing more.
  cs::Result<cs::Session> again = cs::plan_shared_state(*plan, *st);
  check(again.ok() && again->to_json() == plan->to_json() && again->step() == plan->step(),
        "a message applied twice is applied once");
  session = std::move(*plan);
  return 0;
}
