// heatmap.frag.glsl - colours one float value per texel through a colormap.
// u_range maps values to [0,1]; u_map picks viridis (0), cividis (1) or a
// blue-white-orange diverging map (2) whose sign also shows in lightness.
precision highp float;
in vec2 v_uv;
out vec4 o_color;
uniform sampler2D u_values;
uniform vec2 u_range;
uniform int u_map;

vec3 viridis(float t) {
  const vec3 c0 = vec3(0.2777, 0.0054, 0.3340);
  const vec3 c1 = vec3(0.1050, 1.4046, 1.3846);
  const vec3 c2 = vec3(-0.3308, 0.2148, 0.0951);
  const vec3 c3 = vec3(-4.6342, -5.7991, -19.3324);
  const vec3 c4 = vec3(6.2282, 14.1799, 56.6906);
  const vec3 c5 = vec3(4.7763, -13.7451, -65.3530);
  const vec3 c6 = vec3(-5.4354, 4.6459, 26.3124);
  return c0 + t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * (c5 + t * c6)))));
}

vec3 cividis(float t) {
  const vec3 c0 = vec3(-0.0083, 0.1353, 0.2955);
  const vec3 c1 = vec3(0.1700, 0.5627, 1.4810);
  const vec3 c2 = vec3(4.3549, -0.2800, -3.8463);
  const vec3 c3 = vec3(-14.2610, 0.2398, 4.9745);
  const vec3 c4 = vec3(19.6478, -0.7091, -2.2690);
  const vec3 c5 = vec3(-8.6549, 0.6989, -0.2620);
  return clamp(c0 + t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * c5)))), 0.0, 1.0);
}

vec3 diverging(float t) {
  // t = 0.5 is zero: negative is blue and darker, positive orange and lighter.
  vec3 neg = vec3(0.13, 0.40, 0.67);
  vec3 mid = vec3(0.97, 0.97, 0.97);
  vec3 pos = vec3(0.90, 0.47, 0.10);
  return t < 0.5 ? mix(neg, mid, t * 2.0) : mix(mid, pos, (t - 0.5) * 2.0);
}

void main() {
  float v = texture(u_values, v_uv).r;
  if (v != v) { o_color = vec4(1.0, 0.0, 1.0, 1.0); return; }  // NaN: magenta
  float t = clamp((v - u_range.x) / max(u_range.y - u_range.x, 1e-20), 0.0, 1.0);
  vec3 c = u_map == 1 ? cividis(t) : (u_map == 2 ? diverging(t) : viridis(t));
  o_color = vec4(c, 1.0);
}
