// history_chart.cpp - the history charts as a picture (history_chart.h).

#include "model/history_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

namespace cs {

namespace {

// [SECTION] A 3x5 pixel font: the characters the charts print, each 5 rows
// of 3 bits (the high bit is the left column).
struct Glyph {
  char c;
  std::uint8_t rows[5];
};
constexpr Glyph kGlyphs[] = {
    {'0', {7, 5, 5, 5, 7}}, {'1', {2, 6, 2, 2, 7}}, {'2', {7, 1, 7, 4, 7}}, {'3', {7, 1, 7, 1, 7}},
    {'4', {5, 5, 7, 1, 1}}, {'5', {7, 4, 7, 1, 7}}, {'6', {7, 4, 7, 5, 7}}, {'7', {7, 1, 1, 1, 1}},
    {'8', {7, 5, 7, 5, 7}}, {'9', {7, 5, 7, 1, 7}}, {'.', {0, 0, 0, 0, 2}}, {'a', {0, 3, 5, 5, 3}},
    {'c', {0, 3, 4, 4, 3}}, {'e', {0, 3, 7, 4, 3}}, {'h', {4, 4, 7, 5, 5}}, {'i', {2, 0, 2, 2, 2}},
    {'l', {6, 2, 2, 2, 7}}, {'n', {0, 6, 5, 5, 5}}, {'o', {0, 2, 5, 5, 2}}, {'p', {0, 6, 5, 6, 4}},
    {'r', {0, 5, 6, 4, 4}}, {'s', {0, 3, 6, 3, 6}}, {'t', {2, 7, 2, 2, 3}}, {'u', {0, 5, 5, 5, 3}},
    {'v', {0, 5, 5, 5, 2}}, {'y', {0, 5, 3, 1, 6}}, {'-', {0, 0, 7, 0, 0}},
};
constexpr int kScale = 2, kAdvance = 4 * kScale, kTextH = 5 * kScale;

struct Canvas {
  Mosaic* m;
  void put(int x, int y, const std::uint8_t* c) const {
    if (x < 0 || y < 0 || x >= m->w || y >= m->h) return;
    std::uint8_t* o = &m->rgb[(static_cast<std::size_t>(y) * static_cast<std::size_t>(m->w) + static_cast<std::size_t>(x)) * 3];
    o[0] = c[0], o[1] = c[1], o[2] = c[2];
  }
  void rect(int x0, int y0, int x1, int y1, const std::uint8_t* c) const {
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) put(x, y, c);
  }
  void line(float ax, float ay, float bx, float by, int thick, const std::uint8_t* c) const {
    const int n = std::max(1, static_cast<int>(std::ceil(std::max(std::fabs(bx - ax), std::fabs(by - ay)))));
    for (int i = 0; i <= n; ++i) {
      const float t = static_cast<float>(i) / static_cast<float>(n);
      const int x = static_cast<int>(std::lround(ax + (bx - ax) * t)), y = static_cast<int>(std::lround(ay + (by - ay) * t));
      rect(x - thick / 2, y - thick / 2, x + (thick - 1) / 2, y + (thick - 1) / 2, c);
    }
  }
  void dot(float cx, float cy, int r, const std::uint8_t* c) const {
    for (int y = -r; y <= r; ++y)
      for (int x = -r; x <= r; ++x)
        if (x * x + y * y <= r * r) put(static_cast<int>(std::lround(cx)) + x, static_cast<int>(std::lround(cy)) + y, c);
  }
  void text(int x, int y, const std::string& s, const std::uint8_t* c) const {
    for (char ch : s) {
      for (const Glyph& g : kGlyphs) {
        if (g.c != ch) continue;
        for (int r = 0; r < 5; ++r)
          for (int b = 0; b < 3; ++b)
            if (g.rows[r] & (4 >> b)) rect(x + b * kScale, y + r * kScale, x + b * kScale + kScale - 1, y + r * kScale + kScale - 1, c);
      }
      x += kAdvance;
    }
  }
};

constexpr std::uint8_t kWhite[3] = {255, 255, 255}, kPlot[3] = {250, 250, 250}, kFrame[3] = {180, 180, 180},
                       kGrid[3] = {225, 225, 225}, kGrey[3] = {110, 110, 110}, kTrain[3] = {60, 110, 170},
                       kVal[3] = {230, 120, 25};
constexpr int kPlotW = 300, kPlotH = 160, kMargin = 12, kGap = 24;

std::string two_decimals(float v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", static_cast<double>(v));
  return text;
}

void draw_one(const Canvas& cv, const TrainView& v, bool loss, int ox, int oy) {
  const ChartRange r = chart_range(v, loss);
  cv.text(ox, oy, loss ? "loss" : "accuracy", kGrey);
  const int px = ox, py = oy + kTextH + 6;
  cv.rect(px, py, px + kPlotW - 1, py + kPlotH - 1, kFrame);
  cv.rect(px + 1, py + 1, px + kPlotW - 2, py + kPlotH - 2, kPlot);
  const float epochs = static_cast<float>(std::max(1, v.epochs));
  const auto X = [&](float e) { return static_cast<float>(px + 4) + static_cast<float>(kPlotW - 8) * e / epochs; };
  const auto Y = [&](float y) { return static_cast<float>(py + 4) + static_cast<float>(kPlotH - 8) * (r.top - y) / (r.top - r.bottom); };
  for (int e = 0; e <= v.epochs; ++e) {
    if (e > 0 && e < v.epochs) cv.line(X(static_cast<float>(e)), Y(r.top), X(static_cast<float>(e)), Y(r.bottom), 1, kGrid);
    const std::string n = std::to_string(e);
    cv.text(static_cast<int>(X(static_cast<float>(e))) - static_cast<int>(n.size()) * kAdvance / 2, py + kPlotH + 4, n, kGrey);
  }
  for (std::size_t i = 1; i < v.batches_seen.size(); ++i) {
    const TrainPoint& a = v.batches_seen[i - 1];
    const TrainPoint& b = v.batches_seen[i];
    if (b.epochs - a.epochs > 0.5f) continue;
    cv.line(X(a.epochs), Y(loss ? a.loss : a.accuracy), X(b.epochs), Y(loss ? b.loss : b.accuracy), 2, kTrain);
  }
  const std::vector<double>& val = loss ? v.history.val_loss : v.history.val_accuracy;
  for (std::size_t e = 0; e < val.size(); ++e) {
    if (!std::isfinite(val[e])) continue;
    if (e > 0 && std::isfinite(val[e - 1]))
      cv.line(X(static_cast<float>(e)), Y(static_cast<float>(val[e - 1])), X(static_cast<float>(e + 1)),
              Y(static_cast<float>(val[e])), 2, kVal);
    cv.dot(X(static_cast<float>(e + 1)), Y(static_cast<float>(val[e])), 4, kVal);
  }
  for (const float y : {r.top, r.bottom}) {
    const std::string t = two_decimals(y);
    cv.text(px + kPlotW - 6 - static_cast<int>(t.size()) * kAdvance, y == r.top ? py + 6 : py + kPlotH - 6 - kTextH, t, kGrey);
  }
}

}  // namespace

ChartRange chart_range(const TrainView& v, bool loss) {
  ChartRange r;
  if (loss) {
    r.top = 0.1f, r.bottom = 0.0f;
    for (const TrainPoint& p : v.batches_seen) r.top = std::max(r.top, p.loss);
    for (double x : v.history.val_loss)
      if (std::isfinite(x)) r.top = std::max(r.top, static_cast<float>(x));
    return r;
  }
  r.top = 1.0f, r.bottom = 1.0f;  // accuracy: from just below the lowest value seen, to 1
  for (const TrainPoint& p : v.batches_seen) r.bottom = std::min(r.bottom, p.accuracy);
  for (double x : v.history.val_accuracy)
    if (std::isfinite(x)) r.bottom = std::min(r.bottom, static_cast<float>(x));
  r.bottom = std::floor(std::max(0.0f, r.bottom - 0.02f) * 10.0f) / 10.0f;
  if (r.bottom >= r.top) r.bottom = r.top - 0.1f;
  return r;
}

Mosaic history_chart(const TrainView& v) {
  Mosaic m;
  if (v.batches_seen.empty()) return m;
  m.w = 2 * kPlotW + kGap + 2 * kMargin;
  m.h = kMargin + kTextH + 6 + kPlotH + 4 + kTextH + 8 + kTextH + kMargin;
  m.rgb.assign(static_cast<std::size_t>(m.w) * static_cast<std::size_t>(m.h) * 3, 255);
  const Canvas cv{&m};
  cv.rect(0, 0, m.w - 1, m.h - 1, kWhite);
  draw_one(cv, v, true, kMargin, kMargin);
  draw_one(cv, v, false, kMargin + kPlotW + kGap, kMargin);
  const int ly = m.h - kMargin - kTextH;  // the legend
  cv.rect(kMargin, ly + kTextH / 2 - 1, kMargin + 16, ly + kTextH / 2, kTrain);
  cv.text(kMargin + 22, ly, "train", kGrey);
  cv.dot(static_cast<float>(kMargin + 22 + 6 * kAdvance + 8), static_cast<float>(ly + kTextH / 2), 4, kVal);
  cv.text(kMargin + 22 + 6 * kAdvance + 18, ly, "val", kGrey);
  m.cols = m.rows = 1, m.tile_w = m.w, m.tile_h = m.h, m.channels = 1;
  return m;
}

}  // namespace cs
