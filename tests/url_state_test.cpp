// url_state_test.cpp - the shareable-state codec (src/model/url_state.*):
// round trips, base64url against RFC 4648 vectors, and malformed fragments
// rejected with the key named and nothing returned.
#include "model/url_state.h"

#include <gtest/gtest.h>

#include <random>

namespace cs {
namespace {

TEST(UrlState, Base64urlRfc4648Vectors) {
  // RFC 4648 section 10, without padding.
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");  // the two URL-safe letters
  EXPECT_EQ(*base64url_decode("Zm9vYmE"), "fooba");
}

TEST(UrlState, Base64urlRoundTripSeeded) {
  const unsigned seed = 20261130;
  std::mt19937 rng(seed);
  for (int n = 0; n < 200; ++n) {
    std::string bytes(static_cast<std::size_t>(n), '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
    Result<std::string> back = base64url_decode(base64url_encode(bytes));
    ASSERT_TRUE(back.ok()) << "seed " << seed << " length " << n;
    EXPECT_EQ(*back, bytes) << "seed " << seed << " length " << n;
  }
}

TEST(UrlState, Base64urlRejects) {
  EXPECT_FALSE(base64url_decode("Z").ok());       // impossible length
  EXPECT_FALSE(base64url_decode("Zm9v+A").ok());  // '+' is standard base64, not url-safe
  EXPECT_FALSE(base64url_decode("Zh").ok());      // stray bits: "Zg" is the only encoding of "f"
  EXPECT_FALSE(base64url_decode("Zg==").ok());    // no padding in links
}

TEST(UrlState, RoundTripFull) {
  UrlState s;
  s.scene_json = R"({"version": 1, "title": "é 한글"})";
  s.tab = "stack";
  s.layer = 1;
  s.step = 17;
  s.filter = 0;
  s.lang = "ko";
  s.lesson = "padding";
  const std::string text = encode_url_state(s);
  EXPECT_EQ(text.rfind("v=1&tab=stack&layer=1&step=17&filter=0&lang=ko&lesson=padding&scene=", 0),
            0u);
  Result<UrlState> back = decode_url_state("#" + text);
  ASSERT_TRUE(back.ok()) << to_string(back.error());
  EXPECT_EQ(*back, s);
}

TEST(UrlState, EmptyAndPartial) {
  Result<UrlState> e = decode_url_state("");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(*e, UrlState{});
  Result<UrlState> p = decode_url_state("#step=3&&");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->step, 3);
  EXPECT_EQ(p->layer, -1);
  EXPECT_TRUE(p->scene_json.empty());
  EXPECT_EQ(encode_url_state(UrlState{}), "v=1");
}

TEST(UrlState, MalformedNamesTheKey) {
  struct Case {
    const char* text;
    const char* where;
  };
  const Case cases[] = {
      {"v=2", "v"},
      {"tab=weights", "tab"},
      {"step=-1", "step"},
      {"step=01", "step"},
      {"step=1e3", "step"},
      {"layer=", "layer"},
      {"filter=99999999", "filter"},
      {"lang=fr", "lang"},
      {"lesson=Padding", "lesson"},
      {"lesson=../x", "lesson"},
      {"scene=%%%", "scene"},
      {"scene=", "scene"},
      {"step=1&step=2", "step"},
      {"colour=red", "colour"},
      {"step", "step"},
  };
  for (const Case& c : cases) {
    Result<UrlState> r = decode_url_state(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().where, c.where) << c.text;
    EXPECT_FALSE(r.error().message.empty()) << c.text;
  }
}

TEST(UrlState, ValidPrefixThenBadKeyReturnsNothing) {
  // Never halfway: a good step before a bad tab still fails as a whole.
  Result<UrlState> r = decode_url_state("step=4&layer=1&tab=nope");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where, "tab");
}

TEST(UrlState, TooLongIsRefused) {
  std::string s = "scene=" + std::string(kMaxUrlStateLength, 'A');
  Result<UrlState> r = decode_url_state(s);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("at most"), std::string::npos);
}

TEST(UrlState, CompactJsonKeepsStrings) {
  EXPECT_EQ(compact_json("{ \"a b\" : [1, 2,\n 3],\t\"q\\\" x\": \"\" }"),
            "{\"a b\":[1,2,3],\"q\\\" x\":\"\"}");
}

TEST(UrlState, RandomBytesNeverCrash) {
  const unsigned seed = 77;
  std::mt19937 rng(seed);
  const char alphabet[] = "v=1&tabstepfilterlangkoscene-_AZaz09#%";
  for (int i = 0; i < 2000; ++i) {
    std::string s(rng() % 64, ' ');
    for (char& c : s) c = alphabet[rng() % (sizeof alphabet - 1)];
    Result<UrlState> r = decode_url_state(s);
    if (r.ok()) {
      // Whatever decodes re-encodes to something that decodes the same.
      Result<UrlState> again = decode_url_state(encode_url_state(*r));
      ASSERT_TRUE(again.ok()) << "seed " << seed << " case " << i << ": " << s;
      EXPECT_EQ(*again, *r) << "seed " << seed << " case " << i;
    }
  }
}

}  // namespace
}  // namespace cs
