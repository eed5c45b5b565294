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

# Upstream versions, not Debian revisions: the newest Debian revision of
# each on the mirror (1.90.1+ds-2 after +ds-1, a +deb13u1 update) is used.
IMGUI_UPSTREAM=1.90.1
SDL2_UPSTREAM=2.26.5
STB_UPSTREAM=0.0~git20241109.5c20573        # stb_image 2.30 (trixie); bookworm's 2.27 has JPEG decoder bugs
STB_IMAGE_VERSION=2.30
HDF5_UPSTREAM=1.14.5                        # trixie; the model file reader, native and WebAssembly
ZLIB_UPSTREAM=1.3.dfsg+really1.3.1          # trixie; zlib 1.3.1 + contrib/minizip for WebAssembly
APT_PACKAGES=(build-essential cmake ninja-build emscripten libsdl2-dev googletest
  libbenchmark-dev chromium xvfb xauth imagemagick fonts-dejavu-core fonts-nanum python3-fonttools
  libclang-rt-14-dev clang-14 dpkg-dev patch pkgconf zlib1g-dev libminizip-dev python3-h5py)
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
  SDL2 development files, zlib + minizip development files, python3 with h5py,
  GoogleTest sources (GTEST_SOURCE_DIR), Google Benchmark,
  Node.js >= 18, Chromium (CHROMIUM_PATH), Xvfb, and set
    IMGUI_SOURCE_DIR=/path/to/imgui-1.90.1       (Dear ImGui sources, with backends/)
    SDL2_WASM_PREFIX=/path/to/sdl2-wasm-install  (SDL2 2.26.5 built with emcmake, installed)
    STB_SOURCE_DIR=/path/to/stb                  (holding stb_image.h v2.28 or newer and stb_image_write.h)
    HDF5_NATIVE_PREFIX, HDF5_WASM_PREFIX         (HDF5 1.14.5, static, native and emcmake builds)
    ZLIB_WASM_PREFIX                             (zlib 1.3.1 + minizip built with emcc: lib/libz.a,
                                                  lib/libminizip.a, include/minizip/*.h)
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

# shellcheck source=scripts/debian_source.sh
source "$ROOT/scripts/debian_source.sh"

if [ ! -f "$IMGUI_SOURCE_DIR/imgui.h" ]; then
  source_package imgui "$IMGUI_UPSTREAM" "$IMGUI_SOURCE_DIR" \
    "set IMGUI_SOURCE_DIR to Dear ImGui $IMGUI_UPSTREAM's sources (with backends/; github.com/ocornut/imgui tag v$IMGUI_UPSTREAM)"
  [ -f "$IMGUI_SOURCE_DIR/backends/imgui_impl_opengl3.cpp" ] || die "imgui source lacks backends/"
fi

if [ ! -f "$STB_SOURCE_DIR/stb_image_write.h" ]; then
  source_package libstb "$STB_UPSTREAM" "$STB_SOURCE_DIR" \
    "set STB_SOURCE_DIR to a folder holding stb_image.h $STB_IMAGE_VERSION and stb_image_write.h (github.com/nothings/stb)"
  grep -q "stb_image - v$STB_IMAGE_VERSION" "$STB_SOURCE_DIR/stb_image.h" \
    || die "libstb $STB_UPSTREAM does not hold stb_image $STB_IMAGE_VERSION; set STB_SOURCE_DIR to a folder that does"
fi

# [SECTION] SDL2 for WebAssembly, built once and cached by version
if [ ! -f "$SDL2_WASM_PREFIX/lib/libSDL2.a" ]; then
  src="$CONVSCOPE_CACHE/sdl2-src-2.26.5"
  if [ ! -f "$src/CMakeLists.txt" ]; then
    source_package libsdl2 "$SDL2_UPSTREAM" "$src" \
      "set SDL2_WASM_PREFIX to SDL2 $SDL2_UPSTREAM built with emcmake and installed (shared/TOOLCHAIN.md)"
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

# [SECTION] HDF5 1.14.5 (native and WebAssembly), zlib 1.3.1 + minizip (WebAssembly)
# The model file reader (src/modelio) uses the same HDF5 natively and in the
# page, built once per target from Debian trixie's source package (bookworm's
# libhdf5-dev is 1.10.8), with our fixes in scripts/patches/hdf5-1.14.5/ (found
# by fuzz/model_fuzz.cpp; docs/reliability.md). Each install records the hash
# of the patches it was built with; a changed patch set rebuilds it.
# Emscripten's fenv.h lacks FE_INVALID, hence the -D.
HDF5_OPTIONS=(-DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DBUILD_STATIC_LIBS=ON
  -DBUILD_TESTING=OFF -DHDF5_BUILD_TOOLS=OFF -DHDF5_BUILD_EXAMPLES=OFF -DHDF5_BUILD_UTILS=OFF
  -DHDF5_BUILD_HL_LIB=OFF -DHDF5_BUILD_FORTRAN=OFF -DHDF5_BUILD_CPP_LIB=OFF -DHDF5_BUILD_JAVA=OFF
  -DHDF5_ENABLE_Z_LIB_SUPPORT=OFF -DHDF5_ENABLE_SZIP_SUPPORT=OFF -DHDF5_ENABLE_THREADSAFE=OFF
  -DHDF5_ENABLE_PARALLEL=OFF)
HDF5_SRC="$CONVSCOPE_CACHE/hdf5-src-1.14.5"
HDF5_PATCHES=("$ROOT"/scripts/patches/hdf5-1.14.5/*.patch)
HDF5_STAMP=$(cat "${HDF5_PATCHES[@]}" | sha256sum | cut -c1-16)

hdf5_source() {
  [ -f "$HDF5_SRC/convscope-patched" ] && return
  rm -rf "$HDF5_SRC"
  source_package hdf5 "$HDF5_UPSTREAM" "$HDF5_SRC" \
    "set HDF5_NATIVE_PREFIX and HDF5_WASM_PREFIX to static HDF5 $HDF5_UPSTREAM installs built with scripts/patches/hdf5-1.14.5"
  local p
  for p in "${HDF5_PATCHES[@]}"; do
    patch -s -d "$HDF5_SRC" -p1 <"$p" || die "applying $p to HDF5 1.14.5 failed"
  done
  touch "$HDF5_SRC/convscope-patched"
}

hdf5_current() {  # hdf5_current PREFIX: built, and with today's patches
  [ -f "$1/lib/libhdf5.a" ] && [ "$(cat "$1/convscope-patches" 2>/dev/null)" = "$HDF5_STAMP" ]
}

build_hdf5() {  # build_hdf5 LABEL PREFIX [CONFIGURE-WRAPPER] [CMAKE OPTION...]
  local label="$1" prefix="$2" wrapper="$3" t0 log bld
  shift 3
  hdf5_source
  say "building HDF5 1.14.5 ($label), once"
  t0=$(date +%s) log="$CONVSCOPE_CACHE/hdf5-$label-build.log" bld="$CONVSCOPE_CACHE/hdf5-$label-build"
  rm -rf "$bld"
  $wrapper cmake -S "$HDF5_SRC" -B "$bld" -G Ninja "${HDF5_OPTIONS[@]}" \
      -DCMAKE_INSTALL_PREFIX="$prefix" "$@" >"$log" 2>&1 \
    && cmake --build "$bld" -j"$(nproc)" >>"$log" 2>&1 && cmake --install "$bld" >>"$log" 2>&1 \
    || die "building HDF5 1.14.5 ($label) failed; see $log"
  echo "$HDF5_STAMP" >"$prefix/convscope-patches"
  rm -rf "$bld"
  say "HDF5 1.14.5 ($label) installed to $prefix in $(( $(date +%s) - t0 )) s"
}

hdf5_current "$HDF5_NATIVE_PREFIX" || build_hdf5 native "$HDF5_NATIVE_PREFIX" "" \
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON
hdf5_current "$HDF5_WASM_PREFIX" || build_hdf5 wasm "$HDF5_WASM_PREFIX" emcmake \
  -DCMAKE_C_FLAGS=-DFE_INVALID=0

# zlib's own configure with emcc, then minizip's three sources (ioapi, unzip,
# zip) into libminizip.a; headers as include/minizip/*.h, like Debian's.
# (-sUSE_ZLIB=1 would download zlib at link time and fails offline.)
build_zlib_wasm() {
  local src="$CONVSCOPE_CACHE/zlib-src-1.3.1" t0 log bld mz f
  if [ ! -f "$src/zlib.h" ]; then
    source_package zlib "$ZLIB_UPSTREAM" "$src" \
      "set ZLIB_WASM_PREFIX to zlib 1.3.1 + minizip built with emcc (lib/libz.a, lib/libminizip.a, include/minizip/*.h)"
  fi
  say "building zlib 1.3.1 + minizip for WebAssembly, once"
  t0=$(date +%s) log="$CONVSCOPE_CACHE/zlib-wasm-build.log" bld="$CONVSCOPE_CACHE/zlib-wasm-build"
  rm -rf "$bld" && cp -r "$src" "$bld"
  (cd "$bld" && emconfigure ./configure --static --prefix="$ZLIB_WASM_PREFIX" \
     && emmake make -j"$(nproc)" libz.a && emmake make install) >"$log" 2>&1 \
    || die "building zlib 1.3.1 for WebAssembly failed; see $log"
  mz="$bld/contrib/minizip"
  for f in ioapi unzip zip; do
    emcc -O2 -I"$ZLIB_WASM_PREFIX/include" -DIOAPI_NO_64 -c "$mz/$f.c" -o "$bld/mz_$f.o" >>"$log" 2>&1 \
      || die "compiling minizip's $f.c for WebAssembly failed; see $log"
  done
  mkdir -p "$ZLIB_WASM_PREFIX/include/minizip"
  emar rcs "$ZLIB_WASM_PREFIX/lib/libminizip.a" "$bld"/mz_*.o && \
    cp "$mz"/{ioapi,unzip,zip,crypt}.h "$ZLIB_WASM_PREFIX/include/minizip/" \
    || die "installing minizip for WebAssembly into $ZLIB_WASM_PREFIX failed"
  rm -rf "$bld" "$src"
  say "zlib 1.3.1 + minizip for WebAssembly installed to $ZLIB_WASM_PREFIX in $(( $(date +%s) - t0 )) s"
}
[ -f "$ZLIB_WASM_PREFIX/lib/libminizip.a" ] && [ -f "$ZLIB_WASM_PREFIX/lib/libz.a" ] || build_zlib_wasm
[ ! -d "$HDF5_SRC" ] || rm -rf "$HDF5_SRC"  # 200 MB; the tarball stays in the apt cache

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
for p in "$HDF5_NATIVE_PREFIX" "$HDF5_WASM_PREFIX"; do
  hdf5_current "$p" || die "HDF5 1.14.5 with scripts/patches/hdf5-1.14.5 not found at $p (set HDF5_NATIVE_PREFIX / HDF5_WASM_PREFIX to a static install built with those patches, holding convscope-patches = $HDF5_STAMP)"
done
[ -f "$ZLIB_WASM_PREFIX/lib/libminizip.a" ] || die "zlib + minizip for WebAssembly not found at $ZLIB_WASM_PREFIX (set ZLIB_WASM_PREFIX)"

say "everything present ($(( $(date +%s) - START )) s)"
