// canvas.mjs - the teaching canvas in headless Chromium: laptop (1280x800)
// and phone (390x844, 3x pixels) screenshots, stepping by keyboard, a picture
// handed in as a dropped file (image mode), and the engine's recompute time
// for a 256x256 RGB picture with 8 filters measured in the browser build.
//   node tests/browser/canvas.mjs WEB_DIR OUT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { startServer } from '../../scripts/static-server.mjs';
import { pngStats } from '../tools/png_stats.mjs';

const [dir, outDir = 'browser-shots'] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer(dir, { port: 0 });
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchBrowser();
let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log('ok: ' + what); } else { failed++; console.error('FAIL: ' + what); }
}
async function open(viewport, scale = 1) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: scale });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 3, null, { timeout: 30000 });
  return { page, errors };
}
const frames = (page) => page.evaluate(() => globalThis.__convscope.frames);

try {
  // Laptop.
  const { page, errors } = await open({ width: 1280, height: 800 });
  let shot = await page.screenshot({ path: path.join(outDir, 'web-1280x800.png') });
  let s = pngStats(shot);
  check(s.colors > 200, `laptop screenshot has ${s.colors} colours`);
  // Keyboard scoped to the canvas: Right arrow steps the walk.
  await page.locator('#canvas').click({ position: { x: 1200, y: 780 } });
  for (let i = 0; i < 5; i++) { await page.keyboard.press('ArrowRight'); await page.waitForTimeout(60); }
  const after = await page.screenshot({ path: path.join(outDir, 'web-1280x800-step6.png') });
  check(Buffer.compare(shot, after) !== 0, 'stepping with the arrow key changes the picture');
  // Screen readers: the step's arithmetic in words, in the aria-live region.
  await page.waitForFunction(() => (document.getElementById('live')?.textContent || '').length > 10, null, { timeout: 5000 })
    .catch(() => {});
  const live = await page.evaluate(() => document.getElementById('live')?.textContent || '');
  check(live.length > 10 && /\d/.test(live), `the aria-live region states the step: "${live.slice(0, 90)}..."`);

  // Image mode: a 256x256 RGB picture made in the page, handed in as a file.
  await page.evaluate(async () => {
    const c = new OffscreenCanvas(256, 256), g = c.getContext('2d');
    const grad = g.createLinearGradient(0, 0, 256, 256);
    grad.addColorStop(0, '#203060'); grad.addColorStop(1, '#f0c040');
    g.fillStyle = grad; g.fillRect(0, 0, 256, 256);
    g.fillStyle = '#ffffff'; g.beginPath(); g.arc(128, 128, 70, 0, 2 * Math.PI); g.fill();
    g.fillStyle = '#000000'; g.fillRect(40, 40, 60, 30);
    const blob = await c.convertToBlob({ type: 'image/png' });
    await globalThis.__convscope.deliverFile(new File([blob], 'test-picture.png', { type: 'image/png' }));
  });
  await page.waitForFunction(() => globalThis.__convscope.scene.startsWith('256x256x3'), null, { timeout: 10000 });
  const f0 = await frames(page);
  await page.waitForFunction((n) => globalThis.__convscope.frames > n + 3, f0);
  shot = await page.screenshot({ path: path.join(outDir, 'web-image-mode.png') });
  s = pngStats(shot);
  check(s.colors > 500, `image mode draws the picture and its maps (${s.colors} colours)`);
  const ms = await page.evaluate(() => globalThis.__convscope.benchRecompute(15));
  console.log(`image mode: 256x256x3 -> Conv2D(8, 3x3, same, relu), engine recompute median ${ms.toFixed(2)} ms (wasm ${await page.evaluate(() => globalThis.__convscope.isa)})`);
  check(ms > 0 && ms < 50, `recompute of a 256x256 RGB picture with 8 filters: ${ms.toFixed(2)} ms`);
  // A file that is not a picture gets a message, and the app keeps running.
  await page.evaluate(async () => {
    await globalThis.__convscope.deliverFile(new File([new Uint8Array([1, 2, 3])], 'broken.png', { type: 'image/png' }));
  });
  const f1 = await frames(page);
  await page.waitForFunction((n) => globalThis.__convscope.frames > n + 2, f1);
  check(errors.length === 0, `no console errors on the laptop page (${errors.join(' | ')})`);
  await page.close();

  // Phone: one column, high-DPI.
  const phone = await open({ width: 390, height: 844 }, 3);
  shot = await phone.page.screenshot({ path: path.join(outDir, 'web-390x844.png') });
  s = pngStats(shot);
  check(s.width === 390 * 3 && s.colors > 100, `phone screenshot ${s.width}x${s.height}, ${s.colors} colours`);
  check(phone.errors.length === 0, 'no console errors on the phone page');
  await phone.page.close();
} catch (err) {
  failed++;
  console.error('FAIL: ' + (err.stack || err.message));
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
