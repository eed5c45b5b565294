// heatmap.vert.glsl - full-quad pass that maps a value texture to colours.
// Shared by OpenGL 3.3 core and WebGL2; the #version line is prepended.
layout(location = 0) in vec2 a_pos;
out vec2 v_uv;
void main() {
  v_uv = a_pos;  // texel row 0 (the top row of values) lands in colour row 0
  gl_Position = vec4(a_pos * 2.0 - 1.0, 0.0, 1.0);
}
