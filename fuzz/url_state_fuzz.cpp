// url_state_fuzz.cpp - libFuzzer target: any bytes as a link's fragment
// (model/url_state.h). A fragment decodes to a state or to an error naming
// the key; a decoded state encodes to a fragment that decodes to the same
// state; it is applied to a Session the way the page's apply_state does
// (scene, then layer, filter, step: App::apply_shareable_state, which needs
// the UI library, is not linked here). The base64url and JSON-compaction
// helpers are checked on the raw bytes too.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/scene.h"
#include "core/validate.h"
#include "model/session.h"
#include "model/url_state.h"

namespace {

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "url_state_fuzz: invariant broken: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  cs::Result<cs::UrlState> r = cs::decode_url_state(text);
  if (r) {
    const std::string again = cs::encode_url_state(*r);
    cs::Result<cs::UrlState> back = cs::decode_url_state(again);
    check(back.ok(), "an encoded state decodes");
    check(*back == *r, "encode/decode round trip");
    static cs::Session session;  // one app, many links: state carries over as it would
    if (!r->scene_json.empty() && !session.load_json(r->scene_json)) {
      check(!session.load_error().empty(), "a refused scene says why");
    }
    if (r->layer >= 0) session.set_layer(r->layer);
    if (r->filter >= 0) session.set_filter(r->filter);
    if (r->step >= 0) session.set_step(r->step);
    check(session.valid() == cs::validate_scene(session.scene()).ok(),
          "the session's validity is the scene's");
    check(session.step_count() == 0 || session.step() < session.step_count(),
          "the step stays in range");
  } else {
    check(!r.error().message.empty(), "an error has a message");
  }

  // base64url: every byte string survives encode/decode; what arbitrary
  // text decodes to survives a second round.
  const std::string b64 = cs::base64url_encode(text);
  cs::Result<std::string> bytes = cs::base64url_decode(b64);
  check(bytes.ok() && *bytes == text, "base64url round trip");
  cs::Result<std::string> raw = cs::base64url_decode(text);
  if (raw) {
    cs::Result<std::string> twice = cs::base64url_decode(cs::base64url_encode(*raw));
    check(twice.ok() && *twice == *raw, "base64url decode/encode/decode");
  }

  // compact_json keeps valid JSON valid.
  if (size <= 4096 && cs::parse_json(text).ok()) {
    check(cs::parse_json(cs::compact_json(text)).ok(), "compacted JSON still parses");
  }
  return 0;
}
