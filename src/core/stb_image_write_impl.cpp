// stb_image_write_impl.cpp - the one translation unit that compiles
// stb_image_write (third-party, from the stb source package setup fetches:
// built without our warning flags, see CMakeLists). PNG to memory only.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include "stb_image_write.h"
