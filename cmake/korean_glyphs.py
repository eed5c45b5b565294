# korean_glyphs.py - the Hangul syllables and jamo the catalogue's Korean
# texts use, one line of text for `fontTools.subset --text-file`. Run at
# build time by cmake/Fonts.cmake, so the subset always matches the strings.
#   python3 korean_glyphs.py src/i18n/catalogue.cpp OUT.txt
import sys

HANGUL = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7A3)]

text = open(sys.argv[1], encoding="utf-8").read()
chars = sorted({c for c in text if any(lo <= ord(c) <= hi for lo, hi in HANGUL)})
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write("".join(chars) + "\n")
print(f"korean_glyphs: {len(chars)} Hangul glyphs from {sys.argv[1]}")
