#!/usr/bin/env bash
# debian_source_test.sh - scripts/debian_source.sh against fake apt-cache /
# apt-get / dpkg-source on PATH: the newest Debian revision of a pinned
# upstream version is the one fetched (a newer upstream is not), and a
# missing upstream version fails naming the package, the version, what the
# mirror has and how to provide it; a listed revision the mirror no longer
# serves is skipped for an older one of the same upstream version.   tests/tools/debian_source_test.sh SRC
set -euo pipefail
SRC="${1:?usage: debian_source_test.sh SOURCE_DIR}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/cache/apt/lists" "$work/cache/apt/src"
touch "$work/cache/apt/lists/mirror_dists_trixie_main_source_Sources"
cat >"$work/bin/apt-cache" <<'FAKE'
#!/bin/sh
# showsrc imgui: two revisions of 1.90.1, a newer upstream and an older one.
for a; do pkg="$a"; done
[ "$pkg" = imgui ] && printf 'Package: imgui\nVersion: 1.90.1+ds-1\n\nPackage: imgui\nVersion: 1.91.0+ds-1\n\nPackage: imgui\nVersion: 1.90.1+ds-2\n\nPackage: imgui\nVersion: 1.86+ds-1\n'
[ "$pkg" = zlib ] && printf 'Package: zlib\nVersion: 1:1.3.dfsg+really1.3.1-1\n\nPackage: zlib\nVersion: 1:1.3.dfsg+really1.3.1-1+deb13u1\n'
exit 0
FAKE
cat >"$work/bin/apt-get" <<'FAKE'
#!/bin/sh
# source --download-only PKG=VERSION: writes PKG_VERSION.dsc (no epoch).
for a; do last="$a"; done
case "$*" in *" update"*) exit 0 ;; esac
pkg="${last%%=*}"; v="${last#*=}"; v="${v#*:}"
# The mirror lists zlib's +deb13u1 but no longer serves its files (seen).
[ "$v" = 1.3.dfsg+really1.3.1-1+deb13u1 ] && { echo "E: 404  Not Found" >&2; exit 100; }
touch "${pkg}_${v}.dsc"
FAKE
cat >"$work/bin/dpkg-source" <<'FAKE'
#!/bin/sh
# -x DSC DEST: records which .dsc was unpacked.
mkdir -p "$4" && basename "$3" >"$4/unpacked-from"
FAKE
chmod +x "$work/bin/"*
export PATH="$work/bin:$PATH" CONVSCOPE_CACHE="$work/cache"
say() { :; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }
mirror_url() { echo http://mirror.invalid/debian; }
# shellcheck source=scripts/debian_source.sh
source "$SRC/scripts/debian_source.sh"

fail() { echo "debian_source_test: $*" >&2; exit 1; }
[ "$(upstream_of 1:1.3.dfsg+really1.3.1-1+deb13u1)" = 1.3.dfsg+really1.3.1 ] || fail "upstream_of with epoch"
[ "$(newest_revision imgui 1.90.1)" = 1.90.1+ds-2 ] || fail "newest imgui 1.90.1 is $(newest_revision imgui 1.90.1)"
[ "$(newest_revision zlib 1.3.dfsg+really1.3.1)" = 1:1.3.dfsg+really1.3.1-1+deb13u1 ] || fail "newest zlib revision"
source_package imgui 1.90.1 "$work/imgui" "set IMGUI_SOURCE_DIR"
[ "$(cat "$work/imgui/unpacked-from")" = imgui_1.90.1+ds-2.dsc ] || fail "unpacked $(cat "$work/imgui/unpacked-from")"
source_package zlib 1.3.dfsg+really1.3.1 "$work/zlib" "set ZLIB_WASM_PREFIX"
[ "$(cat "$work/zlib/unpacked-from")" = zlib_1.3.dfsg+really1.3.1-1.dsc ] || fail "a listed revision that 404s was not skipped"
if err=$( (source_package imgui 1.92.0 "$work/none" "set IMGUI_SOURCE_DIR to Dear ImGui 1.92.0") 2>&1); then
  fail "a missing upstream version succeeded"
fi
want="setup: error: the Debian mirror has no source package imgui of upstream version 1.92.0 (it has: 1.86+ds-1 1.90.1+ds-1 1.90.1+ds-2 1.91.0+ds-1); set IMGUI_SOURCE_DIR to Dear ImGui 1.92.0, then run setup again"
[ "$err" = "$want" ] || fail "message was: $err"
echo "debian_source_test: ok"
