# Fonts.cmake - the UI font: DejaVu Sans (Debian fonts-dejavu-core, free
# licence) subset at build time to the glyphs the UI uses, then embedded as a
# byte array. Subsetting keeps the wasm small and the glyph atlas small.
find_program(CONVSCOPE_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
set(CONVSCOPE_UI_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" CACHE FILEPATH "UI font (TTF)")

# Latin-1, general punctuation, arrows, math operators, super/subscripts.
set(CONVSCOPE_UI_FONT_UNICODES
  "U+0020-007E,U+00A0-00FF,U+2010-2027,U+2030-203A,U+2070-209F,U+2190-21FF,U+2200-22FF,U+25A0-25FF")

function(convscope_embed_font target)
  if(NOT EXISTS "${CONVSCOPE_UI_FONT}")
    message(FATAL_ERROR "UI font not found at ${CONVSCOPE_UI_FONT}; run scripts/setup.sh (Debian package fonts-dejavu-core)")
  endif()
  set(gen "${CMAKE_CURRENT_BINARY_DIR}/generated")
  add_custom_command(OUTPUT ${gen}/ui_font.ttf
    COMMAND ${CMAKE_COMMAND} -E make_directory ${gen}
    COMMAND ${CONVSCOPE_PYTHON3} -m fontTools.subset ${CONVSCOPE_UI_FONT}
      --unicodes=${CONVSCOPE_UI_FONT_UNICODES} --output-file=${gen}/ui_font.ttf
      --layout-features=kern --no-hinting
    DEPENDS ${CONVSCOPE_UI_FONT} VERBATIM)
  add_custom_command(OUTPUT ${gen}/ui_font.cpp
    COMMAND ${CMAKE_COMMAND} -DIN=${gen}/ui_font.ttf -DOUT=${gen}/ui_font.cpp
      -DNAME=kUiFontTtf -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/EmbedBinary.cmake
    DEPENDS ${gen}/ui_font.ttf ${CMAKE_CURRENT_SOURCE_DIR}/cmake/EmbedBinary.cmake VERBATIM)
  target_sources(${target} PRIVATE ${gen}/ui_font.cpp)
endfunction()
