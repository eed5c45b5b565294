#!/usr/bin/env bash
# setup.sh - installs and fetches everything ConvScope builds and tests with.
# Idempotent: a second run with everything present only checks and exits.
# Debian packages via apt (never editing the machine's apt sources), Dear ImGui
# and SDL2 (for WebAssembly) from Debian source packages into a cache outside
# the checkout, npm packages from the lockfile. See shared/TOOLCHAIN.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"

START=$(date +%s)
say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

IMGUI_VERSION=1.90.1+ds-1
SDL2_VERSION=2.26.5+dfsg-1
STB_VERSION=0.0~git20241109.5c20573+ds-1   # stb_image 2.30 (trixie); bookworm's 2.27 has JPEG decoder bugs
APT_PACKAGES=(build-essential cmake ninja-build emscripten libsdl2-dev googletest
  libbenchmark-dev chromium xvfb xauth imagemagick fonts-dejavu-core fonts-nanum python3-fonttools
  libclang-rt-14-dev clang-14 dpkg-dev)
# Node.js may come from elsewhere (e.g. NodeSource); Debian's only if absent.
command -v node >/dev/null || APT_PACKAGES+=(nodejs)
command -v npm >/dev/null || APT_PACKAGES+=(npm)

# [SECTION] Debian packages
missing_packages() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

is_debian_like() { command -v apt-get >/dev/null && command -v dpkg-query >/dev/null; }

if is_debian_like; then
  mapfile -t MISSING < <(missing_packages)
  if ((${#MISSING[@]})); then
    say "installing Debian packages: ${MISSING[*]}"
    SUDO=""
    if [ "$(id -u)" != 0 ]; then
      command -v sudo >/dev/null || die "missing packages ${MISSING[*]}; run as root or install them with apt-get"
      SUDO=sudo
    fi
    $SUDO apt-get update -q || die "apt-get update failed; check the network to the Debian mirror"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${MISSING[@]}" \
      || die "apt-get install ${MISSING[*]} failed"
  fi
else
  cat >&2 <<EOF
setup: this is not a Debian-like machine, so packages cannot be installed here.
  Provide: cmake >= 3.22, ninja, a C++17 compiler, Emscripten 3.1.x (emcc on PATH),
  SDL2 development files, GoogleTest sources (GTEST_SOURCE_DIR), Google Benchmark,
  Node.js >= 18, Chromium (CHROMIUM_PATH), Xvfb, and set
    IMGUI_SOURCE_DIR=/path/to/imgui-1.90.1       (Dear ImGui sources, with backends/)
    SDL2_WASM_PREFIX=/path/to/sdl2-wasm-install  (SDL2 2.26.5 built with emcmake, installed)
    STB_SOURCE_DIR=/path/to/stb                  (holding stb_image.h, v2.28 or newer)
  then run scripts/test.sh again.
EOF
  [ -n "${IMGUI_SOURCE_DIR:-}" ] && [ -n "${SDL2_WASM_PREFIX:-}" ] || exit 1
fi

# [SECTION] Debian source packages (Dear ImGui 1.90.1, stb_image 2.30, SDL2 2.26.5)
# A private apt configuration under the cache lets apt download source
# packages from the machine's own mirror without touching its source lists.
mirror_url() {
  local u
  u=$(grep -hoE '^(URIs:|deb) +http[^ ]*/debian' /etc/apt/sources.list.d/*.sources \
        /etc/apt/sources.list 2>/dev/null | head -n1 | awk '{print $2}')
  [ -n "$u" ] || u=$(grep -hoE 'https?://[^ ]*/debian/?' /etc/apt/sources.list.d/* /etc/apt/sources.list 2>/dev/null | head -n1)
  echo "${u%/}"
}

fetch_sources() {  # fetch_sources PKG=VERSION...
  local apt_dir="$CONVSCOPE_CACHE/apt" mirror
  mirror=$(mirror_url)
  [ -n "$mirror" ] || die "could not read a Debian mirror from /etc/apt/sources.list(.d); set IMGUI_SOURCE_DIR and SDL2_WASM_PREFIX instead"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/src"
  cat >"$apt_dir/sources.list" <<EOF
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm main
EOF
  local opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=-"
              -o "Dir::State::Lists=$apt_dir/lists" -o "APT::Sandbox::User=root")
  if [ -z "$(ls "$apt_dir/lists" 2>/dev/null | grep Sources)" ]; then
    say "reading source package lists from $mirror"
    apt-get "${opts[@]}" update -q >/dev/null || die "apt-get update (source lists) failed against $mirror"
  fi
  (cd "$apt_dir/src" && apt-get "${opts[@]}" source --download-only "$@" >/dev/null) \
    || die "downloading source packages $* failed"
}

unpack_source() {  # unpack_source GLOB DEST
  local dsc
  dsc=$(ls "$CONVSCOPE_CACHE"/apt/src/$1 2>/dev/null | head -n1)
  [ -n "$dsc" ] || die "source package $1 not found in $CONVSCOPE_CACHE/apt/src"
  rm -rf "$2.tmp" && dpkg-source --no-check -x "$dsc" "$2.tmp" >/dev/null && mv "$2.tmp" "$2"
}

if [ ! -f "$IMGUI_SOURCE_DIR/imgui.h" ]; then
  fetch_sources "imgui=$IMGUI_VERSION"
  unpack_source 'imgui_1.90.1*.dsc' "$IMGUI_SOURCE_DIR"
  [ -f "$IMGUI_SOURCE_DIR/backends/imgui_impl_opengl3.cpp" ] || die "imgui source lacks backends/"
  say "Dear ImGui 1.90.1 unpacked to $IMGUI_SOURCE_DIR"
fi

if [ ! -f "$STB_SOURCE_DIR/stb_image.h" ]; then
  fetch_sources "libstb=$STB_VERSION"
  unpack_source 'libstb_0.0~git20241109*.dsc' "$STB_SOURCE_DIR"
  say "stb_image 2.30 unpacked to $STB_SOURCE_DIR"
fi

# [SECTION] SDL2 for WebAssembly, built once and cached by version
if [ ! -f "$SDL2_WASM_PREFIX/lib/libSDL2.a" ]; then
  src="$CONVSCOPE_CACHE/sdl2-src-2.26.5"
  if [ ! -f "$src/CMakeLists.txt" ]; then
    fetch_sources "libsdl2=$SDL2_VERSION"
    unpack_source 'libsdl2_2.26.5*.dsc' "$src"
  fi
  say "building SDL2 2.26.5 for WebAssembly (a few minutes, once)"
  bld="$CONVSCOPE_CACHE/sdl2-wasm-build"
  rm -rf "$bld"
  emcmake cmake -S "$src" -B "$bld" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_INSTALL_PREFIX="$SDL2_WASM_PREFIX" -DSDL_SHARED=OFF -DSDL_STATIC=ON \
      -DSDL_TEST=OFF -DSDL_AUDIO=OFF -DSDL_JOYSTICK=OFF -DSDL_HAPTIC=OFF \
      -DSDL_SENSOR=OFF -DSDL_POWER=OFF -DSDL_HIDAPI=OFF -DSDL_FILESYSTEM=OFF \
      -DSDL_LOCALE=OFF -DSDL_MISC=OFF -DSDL_ATOMIC=ON -DSDL_THREADS=OFF \
      -DSDL_PTHREADS=OFF >"$CONVSCOPE_CACHE/sdl2-wasm-build.log" 2>&1 \
    || die "configuring SDL2 for WebAssembly failed; see $CONVSCOPE_CACHE/sdl2-wasm-build.log"
  cmake --build "$bld" -j"$(nproc)" >>"$CONVSCOPE_CACHE/sdl2-wasm-build.log" 2>&1 \
    && cmake --install "$bld" >>"$CONVSCOPE_CACHE/sdl2-wasm-build.log" 2>&1 \
    || die "building SDL2 for WebAssembly failed; see $CONVSCOPE_CACHE/sdl2-wasm-build.log"
  rm -rf "$bld"
  say "SDL2 for WebAssembly installed to $SDL2_WASM_PREFIX"
fi

# [SECTION] Sample photo: Chelsea the cat, CC0 (scikit-image's data, by Stefan
# van der Walt), taken from Debian's python3-skimage package without installing it.
SAMPLE="$CONVSCOPE_CACHE/samples/chelsea.png"
if [ ! -f "$SAMPLE" ]; then
  say "fetching the sample photo (Debian package python3-skimage, CC0 image)"
  tmp="$CONVSCOPE_CACHE/samples/deb"
  mkdir -p "$tmp"
  (cd "$tmp" && apt-get download python3-skimage >/dev/null 2>&1) \
    || die "apt-get download python3-skimage failed (needs the Debian mirror); or put a PNG at $SAMPLE"
  dpkg-deb -x "$tmp"/python3-skimage_*.deb "$tmp/x" || die "cannot unpack python3-skimage"
  cp "$tmp"/x/usr/lib/python3/dist-packages/skimage/data/chelsea.png "$SAMPLE"
  rm -rf "$tmp"
fi

# [SECTION] npm packages (playwright-core drives Debian's Chromium; tfjs is the reference)
if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || \
   [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  say "installing npm packages from package-lock.json"
  (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) \
    || die "npm ci failed; the npm registry must be reachable"
fi

# [SECTION] Checks
command -v emcc >/dev/null || die "emcc not found (Debian package emscripten)"
[ -x "$CHROMIUM_PATH" ] || die "Chromium not found at $CHROMIUM_PATH (Debian package chromium)"
[ -d "$GTEST_SOURCE_DIR" ] || die "GoogleTest sources not found at $GTEST_SOURCE_DIR (Debian package googletest)"

say "everything present ($(( $(date +%s) - START )) s)"
