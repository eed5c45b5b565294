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

# The Korean font: NanumGothic (Debian fonts-nanum, SIL OFL), subset at build
# time to exactly the Hangul glyphs of the catalogue's Korean texts
# (cmake/korean_glyphs.py reads src/i18n/catalogue.cpp), embedded like the UI
# font. theme_apply() merges it into the atlas only while Korean is shown.
set(CONVSCOPE_KO_FONT "/usr/share/fonts/truetype/nanum/NanumGothic.ttf" CACHE FILEPATH "Korean UI font (TTF)")

function(convscope_embed_korean_font target)
  if(NOT EXISTS "${CONVSCOPE_KO_FONT}")
    message(FATAL_ERROR "Korean font not found at ${CONVSCOPE_KO_FONT}; run scripts/setup.sh (Debian package fonts-nanum)")
  endif()
  set(gen "${CMAKE_CURRENT_BINARY_DIR}/generated")
  set(catalogue "${CMAKE_CURRENT_SOURCE_DIR}/src/i18n/catalogue.cpp")
  add_custom_command(OUTPUT ${gen}/ko_glyphs.txt
    COMMAND ${CMAKE_COMMAND} -E make_directory ${gen}
    COMMAND ${CONVSCOPE_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/korean_glyphs.py ${catalogue} ${gen}/ko_glyphs.txt
    DEPENDS ${catalogue} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/korean_glyphs.py VERBATIM)
  add_custom_command(OUTPUT ${gen}/ko_font.ttf
    COMMAND ${CONVSCOPE_PYTHON3} -m fontTools.subset ${CONVSCOPE_KO_FONT}
      --text-file=${gen}/ko_glyphs.txt --output-file=${gen}/ko_font.ttf
      --layout-features= --no-hinting --notdef-outline
    DEPENDS ${CONVSCOPE_KO_FONT} ${gen}/ko_glyphs.txt VERBATIM)
  add_custom_command(OUTPUT ${gen}/ko_font.cpp
    COMMAND ${CMAKE_COMMAND} -DIN=${gen}/ko_font.ttf -DOUT=${gen}/ko_font.cpp
      -DNAME=kKoFontTtf -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/EmbedBinary.cmake
    DEPENDS ${gen}/ko_font.ttf ${CMAKE_CURRENT_SOURCE_DIR}/cmake/EmbedBinary.cmake VERBATIM)
  target_sources(${target} PRIVATE ${gen}/ko_font.cpp)
endfunction()
