// smoke.mjs - browser smoke test: headless Chromium (Debian's, via
// playwright-core) loads the served web build; no console errors; the canvas
// draws a real picture; the WASM build reports its instruction set.
//   node tests/browser/smoke.mjs WEB_DIR [SCREENSHOT.png]
import fs from 'node:fs';
import { launchBrowser } from './browser.mjs';
import { startServer } from '../../scripts/static-server.mjs';
import { pngStats } from '../tools/png_stats.mjs';

const dir = process.argv[2];
const shot = process.argv[3] || 'browser-smoke.png';
const server = await startServer(dir, { port: 0 });
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchBrowser();
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  await page.goto(url);
  await page.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 3, null, { timeout: 30000 });
  const isa = await page.evaluate(() => globalThis.__convscope.isa);
  const png = await page.locator('#canvas').screenshot({ path: shot });
  const s = pngStats(png);
  console.log(`smoke: ${url} drew ${s.colors} colours (${s.width}x${s.height}), kernels: ${isa}`);
  if (s.colors < 16 || s.dominantShare > 0.97) problems.push('the canvas is blank');
  if (isa !== 'wasmsimd') problems.push(`expected the SIMD build, kernels report '${isa}'`);
  for (const p of problems) console.error('error: ' + p);
  failed = problems.length > 0;
} catch (err) {
  console.error('error: ' + err.message);
  failed = true;
} finally {
  await browser.close();
  server.close();
}
if (!failed) console.log('smoke: ok');
process.exit(failed ? 1 : 0);
