#!/usr/bin/env bash
# bench-web.sh - the web build's budgets, measured (not asserted):
#   transfer size of the default page with gzip (budget 1.2 MB; an optional
#   Korean font file is reported apart), and the first frame after navigation
#   on loopback in headless Chromium (budget 1.5 s, median of 5 cold loads),
#   plus frames drawn per second while idle. Results go in docs/PERFORMANCE.md.
#   scripts/bench-web.sh [--no-build] [WEB_DIR]   (default build/wasm/web)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
build=1
if [ "${1:-}" = "--no-build" ]; then build=0; shift; fi
dir="${1:-$ROOT/build/wasm/web}"
source scripts/env.sh
if [ "$build" = 1 ]; then bash scripts/build.sh wasm --target web_dist >/dev/null; fi
exec node --input-type=module - "$dir" "$ROOT" <<'JS'
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
const [dir, root] = process.argv.slice(2);
const { launchBrowser } = await import(path.join(root, 'tests/browser/browser.mjs'));
const { startServer } = await import(path.join(root, 'scripts/static-server.mjs'));

// What the default page fetches (the same list the browser asks for, checked below).
const server = await startServer(dir, { port: 0 });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launchBrowser();
const loads = [];
let fetched = new Set(), idleFps = 0;
for (let i = 0; i < 5; i++) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  page.on('request', (r) => fetched.add(new URL(r.url()).pathname));
  await page.goto(origin + '/');
  await page.waitForFunction(() => globalThis.__convscope?.firstFrameMs, null, { timeout: 30000 });
  loads.push(await page.evaluate(() => globalThis.__convscope.firstFrameMs));
  if (i === 0) {
    await new Promise((r) => setTimeout(r, 3000));  // past the 2 s tail after start
    const f0 = await page.evaluate(() => globalThis.__convscope.frames);
    await new Promise((r) => setTimeout(r, 3000));
    idleFps = ((await page.evaluate(() => globalThis.__convscope.frames)) - f0) / 3;
  }
  await ctx.close();
}
await browser.close();
server.close();

let raw = 0, gz = 0, font = 0, fontGz = 0;
const rows = [];
for (const p of [...fetched].sort()) {
  const file = path.join(dir, p === '/' ? 'index.html' : p);
  if (!fs.existsSync(file)) continue;
  const data = fs.readFileSync(file);
  const z = zlib.gzipSync(data, { level: 9 }).length;
  if (/\.(ttf|otf|woff2?)$/.test(p) || /font/i.test(p)) { font += data.length; fontGz += z; continue; }
  raw += data.length; gz += z;
  rows.push(`  ${p.padEnd(24)} ${(data.length / 1024).toFixed(1).padStart(8)} KB  gzip ${(z / 1024).toFixed(1).padStart(7)} KB`);
}
loads.sort((a, b) => a - b);
const median = loads[Math.floor(loads.length / 2)];
const mb = (n) => (n / 1024 / 1024).toFixed(2);
console.log('files the default page loads:');
console.log(rows.join('\n'));
console.log(`transfer (gzip -9): ${mb(gz)} MB of ${mb(raw)} MB  (budget 1.2 MB: ${gz <= 1.2 * 1024 * 1024 ? 'within' : 'OVER'})`);
console.log(`optional font files: ${font ? `${mb(fontGz)} MB gzip (${mb(font)} MB)` : 'none loaded by the default page'}`);
console.log(`first frame after navigation: median ${median.toFixed(0)} ms of ${loads.map((x) => x.toFixed(0)).join(', ')} ms (budget 1500 ms: ${median <= 1500 ? 'within' : 'OVER'})`);
console.log(`idle: ${idleFps.toFixed(2)} frames/s drawn while nothing changes`);
JS
