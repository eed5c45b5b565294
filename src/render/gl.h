// gl.h - the one place that includes OpenGL: GL 3.3 core natively (Mesa's
// libGL exports the entry points), OpenGL ES 3.0 / WebGL2 under Emscripten.
#pragma once

#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#define CONVSCOPE_GLSL_VERSION "#version 300 es\n"
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
#define CONVSCOPE_GLSL_VERSION "#version 330 core\n"
#endif
