// stb_image_impl.cpp - the one translation unit that compiles Debian's
// stb_image (third-party: built without our warning flags, see CMakeLists).
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_ONLY_BMP
#define STBI_ONLY_GIF
#define STBI_NO_STDIO
#define STBI_MAX_DIMENSIONS 32768
#include "stb_image.h"
