// heatmap.cpp - GPU colormap pass: R32F values -> RGBA texture via an FBO.
#include "render/heatmap.h"

#include <cstdio>

#include "render/embedded_shaders.h"
#include "render/gl.h"

namespace cs {

namespace {

GLuint compile(GLenum kind, const char* body, const char* name) {
  const char* sources[2] = {CONVSCOPE_GLSL_VERSION, body};
  GLuint s = glCreateShader(kind);
  glShaderSource(s, 2, sources, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024] = {};
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    std::fprintf(stderr, "shader %s: %s\n", name, log);
    glDeleteShader(s);
    return 0;
  }
  return s;
}

}  // namespace

Heatmap::~Heatmap() {
  if (program_) glDeleteProgram(program_);
  if (vbo_) glDeleteBuffers(1, &vbo_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
  if (value_tex_) glDeleteTextures(1, &value_tex_);
  if (color_tex_) glDeleteTextures(1, &color_tex_);
}

void Heatmap::drop_gl_objects() {
  program_ = vao_ = vbo_ = value_tex_ = color_tex_ = fbo_ = 0;
  w_ = h_ = 0;
}

bool Heatmap::ensure_program() {
  if (program_) return true;
  const char* vs_src = embedded_shader("heatmap.vert.glsl");
  const char* fs_src = embedded_shader("heatmap.frag.glsl");
  if (!vs_src || !fs_src) return false;
  GLuint vs = compile(GL_VERTEX_SHADER, vs_src, "heatmap.vert.glsl");
  GLuint fs = compile(GL_FRAGMENT_SHADER, fs_src, "heatmap.frag.glsl");
  if (!vs || !fs) return false;
  program_ = glCreateProgram();
  glAttachShader(program_, vs);
  glAttachShader(program_, fs);
  glLinkProgram(program_);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(program_, GL_LINK_STATUS, &ok);
  if (!ok) {
    glDeleteProgram(program_);
    program_ = 0;
    return false;
  }
  static const float quad[12] = {0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1};
  glGenVertexArrays(1, &vao_);
  glGenBuffers(1, &vbo_);
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, vbo_);
  glBufferData(GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  glBindVertexArray(0);
  return true;
}

std::uint32_t Heatmap::update(const float* values, int w, int h, float lo,
                              float hi, Colormap map) {
  if (w <= 0 || h <= 0 || !ensure_program()) return 0;
  GLint prev_fbo = 0, prev_vp[4] = {}, prev_program = 0, prev_vao = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &prev_fbo);
  glGetIntegerv(GL_VIEWPORT, prev_vp);
  glGetIntegerv(GL_CURRENT_PROGRAM, &prev_program);
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &prev_vao);

  if (w != w_ || h != h_) {
    if (!value_tex_) glGenTextures(1, &value_tex_);
    if (!color_tex_) glGenTextures(1, &color_tex_);
    if (!fbo_) glGenFramebuffers(1, &fbo_);
    glBindTexture(GL_TEXTURE_2D, value_tex_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, w, h, 0, GL_RED, GL_FLOAT, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, color_tex_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D,
                           color_tex_, 0);
    w_ = w, h_ = h;
  }
  glBindTexture(GL_TEXTURE_2D, value_tex_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RED, GL_FLOAT, values);

  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glViewport(0, 0, w, h);
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glUseProgram(program_);
  glUniform1i(glGetUniformLocation(program_, "u_values"), 0);
  glUniform2f(glGetUniformLocation(program_, "u_range"), lo, hi);
  glUniform1i(glGetUniformLocation(program_, "u_map"), static_cast<int>(map));
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLES, 0, 6);

  glBindVertexArray(static_cast<GLuint>(prev_vao));
  glUseProgram(static_cast<GLuint>(prev_program));
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(prev_fbo));
  glViewport(prev_vp[0], prev_vp[1], prev_vp[2], prev_vp[3]);
  return color_tex_;
}

}  // namespace cs
