#!/usr/bin/env bash
# build-web.sh - the deployable web folder, or one self-contained HTML file.
#   scripts/build-web.sh                  build both WebAssembly presets and assemble
#                                         build/web-dist/ (SIMD + scalar builds, pages, JS API)
#   scripts/build-web.sh --single-file    also write build/web-dist/convscope.html: the page,
#                                         its CSS/JS and the SIMD .wasm (base64) in one file
#                                         that works opened from file:// (LMS uploads, no server)
# Options: --with-scalar (the single file carries the non-SIMD build too, ~2x size),
#          --no-build (use existing build folders), --from WEB_DIR (default build/wasm/web),
#          --out DIR, --test (open the single file in headless Chromium: tests/browser/single.mjs).
# file:// pages have no CSP; the single file uses inline <script>/<style>, so it
# is not for serving under the strict CSP (serve the folder for that).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
single=0; build=1; test=0; scalar=0
from="$ROOT/build/wasm/web"; out="$ROOT/build/web-dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --single-file) single=1 ;;
    --with-scalar) scalar=1 ;;
    --no-build) build=0 ;;
    --test) test=1 ;;
    --from) from="${2:?--from wants a folder}"; shift ;;
    --out) out="${2:?--out wants a folder}"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "build-web: error: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
scalar_dir="$(dirname "$from")/../wasm-scalar/web"
if [ "$build" = 1 ]; then
  source scripts/env.sh
  bash scripts/build.sh wasm --target web_dist
  bash scripts/build.sh wasm-scalar --target web_dist
  from="$ROOT/build/wasm/web"; scalar_dir="$ROOT/build/wasm-scalar/web"
fi
for f in index.html embed.html main.js app.css convscope.js convscope.wasm convscope.mjs; do
  [ -f "$from/$f" ] || { echo "build-web: error: $from/$f is missing; build the wasm preset first" >&2; exit 1; }
done
mkdir -p "$out"
if { [ "$single" = 0 ] || [ "$build" = 1 ]; } && [ "$(cd "$from" && pwd)" != "$(cd "$out" && pwd)" ]; then
  cp -r "$from"/. "$out"/
  if [ -f "$scalar_dir/convscope-scalar.js" ]; then
    cp "$scalar_dir/convscope-scalar.js" "$scalar_dir/convscope-scalar.wasm" "$out"/
  elif [ "$single" = 0 ]; then
    echo "build-web: warning: no scalar build in $scalar_dir: browsers without WASM SIMD get an error" >&2
  fi
fi
if [ "$single" = 1 ]; then
  [ "$scalar" = 0 ] || [ -f "$scalar_dir/convscope-scalar.js" ] || { echo "build-web: error: --with-scalar: no $scalar_dir/convscope-scalar.js" >&2; exit 1; }
  node --input-type=module - "$from" "$out/convscope.html" "$([ "$scalar" = 1 ] && echo "$scalar_dir")" <<'JS'
import fs from 'node:fs';
import path from 'node:path';
const [from, dest, scalarDir] = process.argv.slice(2);
const read = (f) => fs.readFileSync(path.join(from, f), 'utf8');
// Inline <script> text must not close its element early.
const safe = (js) => js.replace(/<\/script/gi, '<\\/script');
function build(name, dir, js, wasm) {
  const code = fs.readFileSync(path.join(dir, js), 'utf8').replace(/export default createConvScopeModule;\s*$/, '');
  const b64 = fs.readFileSync(path.join(dir, wasm)).toString('base64');
  return `<script type="module">\n${safe(code)}\nconst WASM = "${b64}";\n` +
    `(globalThis.__convscopeBuilds ||= {})[${JSON.stringify(name)}] = { factory: createConvScopeModule,\n` +
    `  wasmBinary: () => Uint8Array.from(atob(WASM), (c) => c.charCodeAt(0)) };\n</script>\n`;
}
let html = read('index.html');
const icon = 'data:image/svg+xml;base64,' + fs.readFileSync(path.join(from, 'favicon.svg')).toString('base64');
html = html.replace(/<link rel="icon"[^>]*>/, `<link rel="icon" href="${icon}" type="image/svg+xml">`);
html = html.replace(/<link rel="stylesheet" href="app.css">/, () => `<style>\n${read('app.css')}</style>`);
const builds = build('simd', from, 'convscope.js', 'convscope.wasm') +
  (scalarDir ? build('scalar', scalarDir, 'convscope-scalar.js', 'convscope-scalar.wasm') : '');
// Choose before main.js runs: the same SIMD probe as main.js.
const chooser = `<script type="module">
const probe = new Uint8Array([0,97,115,109,1,0,0,0,1,5,1,96,0,1,123,3,2,1,0,10,10,1,8,0,65,0,253,15,253,98,11]);
let simd = false; try { simd = WebAssembly.validate(probe); } catch {}
const b = globalThis.__convscopeBuilds, name = simd || !b.scalar ? 'simd' : 'scalar';
globalThis.__convscopeInline = { build: name, ...b[name], single: true, simdMissing: !simd && !b.scalar };
</script>\n`;
html = html.replace(/<script type="module" src="main.js"><\/script>/,
  () => `${builds}${chooser}<script type="module">\n${safe(read('main.js'))}</script>`);
fs.writeFileSync(dest, html);
console.log(`single file: ${dest} (${(fs.statSync(dest).size / 1024 / 1024).toFixed(2)} MB)`);
JS
  if [ "$test" = 1 ]; then
    exec node "$ROOT/tests/browser/single.mjs" "$out/convscope.html"
  fi
fi
[ "$single" = 1 ] || echo "web folder: $out (serve it: node scripts/static-server.mjs $out)"
