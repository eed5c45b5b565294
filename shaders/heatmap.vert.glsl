// heatmap.vert.glsl - full-quad pass that maps a value texture to colours.
// Shared by OpenGL 3.3 core and WebGL2; the #version line is prepended.
layout(location = 0) in vec2 a_pos;
out vec2 v_uv;
void main() {
  v_uv = vec2(a_pos.x, 1.0 - a_pos.y);
  gl_Position = vec4(a_pos * 2.0 - 1.0, 0.0, 1.0);
}
