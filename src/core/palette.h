// palette.h - the colours values are drawn in, the same on screen (ui/grid_view.cpp),
// in the GPU heatmaps (shaders/heatmap.frag.glsl, whose constants a test
// compares with these) and in slide figures (core/figure.cpp): viridis for
// values of one sign, and a diverging map for signed values where 0 is
// near white, negative blue and darker, positive orange (a blue/orange pair
// stays distinct for every common kind of colour blindness).
#pragma once

namespace cs {

struct Rgb {
  float r = 0.0f, g = 0.0f, b = 0.0f;
};

// The diverging map's three stops (the shader repeats them).
inline constexpr Rgb kDivergingNegative{0.13f, 0.40f, 0.67f};
inline constexpr Rgb kDivergingZero{0.97f, 0.97f, 0.97f};
inline constexpr Rgb kDivergingPositive{0.90f, 0.47f, 0.10f};

// t in [0, 1]; 0.5 is zero for the diverging map.
Rgb diverging_rgb(float t);
Rgb viridis_rgb(float t);

}  // namespace cs
