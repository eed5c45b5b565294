// canvas.mjs - the teaching canvas in headless Chromium: laptop (1280x800)
// and phone (390x844, 3x pixels) screenshots, stepping by keyboard, a picture
// handed in as a dropped file (image mode), and the engine's recompute time
// for a 256x256 RGB picture with 8 filters measured in the browser build;
// the live camera (Chromium's fake device, under the strict CSP): frames
// arrive and the maps change, Freeze holds, a refused camera says so, and
// the frames per second and engine ms are printed against the 30 fps goal.
//   node tests/browser/canvas.mjs WEB_DIR OUT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { FAKE_CAMERA_ARGS, launchBrowser } from './browser.mjs';
import { startServer } from '../../scripts/static-server.mjs';
import { pngStats } from '../tools/png_stats.mjs';

const [dir, outDir = 'browser-shots'] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer(dir, { port: 0 });
const cspServer = await startServer(dir, { port: 0, csp: true });
const url = `http://127.0.0.1:${server.address().port}/`;
const cspOrigin = `http://127.0.0.1:${cspServer.address().port}`;
const browser = await launchBrowser(FAKE_CAMERA_ARGS);
let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log('ok: ' + what); } else { failed++; console.error('FAIL: ' + what); }
}
async function open(viewport, scale = 1, at = url, init = null) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: scale });
  const errors = [], requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  if (init) await page.addInitScript(init);
  await page.goto(at);
  await page.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 3, null, { timeout: 30000 });
  return { page, errors, requests };
}
const frames = (page) => page.evaluate(() => globalThis.__convscope.frames);
const camera = (page) => page.evaluate(() => globalThis.__convscope.camera);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Clicks one of image mode's camera buttons (start, freeze, stop) where the app drew it.
async function pressCamera(page, which) {
  await page.waitForFunction((w) => (globalThis.__convscope.camera?.[w]?.[2] ?? 0) > 0, which, { timeout: 10000 });
  const [x, y, w, h] = (await camera(page))[which];
  await page.mouse.click(x + w / 2, y + h / 2);
}

// The live camera in image mode: Chromium's fake device at 640x480, 30 fps.
async function cameraChecks() {
  const { page, errors, requests } = await open({ width: 1280, height: 800 }, 1, cspOrigin + '/#v=1&tab=image');
  await pressCamera(page, 'start');
  await page.waitForFunction(() => globalThis.__convscope.camera.mode === 'live' && globalThis.__convscope.camera.frames >= 5,
    null, { timeout: 15000 });
  let c = await camera(page);
  check(c.w === 640 && c.h === 480 && c.input === '192x256x3',
    `camera frames arrive: ${c.w}x${c.h}, into image mode as ${c.input} (the picture path)`);
  const maps = new Set();
  for (let i = 0; i < 6; i++) { maps.add((await camera(page)).maps); await sleep(120); }
  check(maps.size >= 3, `the feature maps change from frame to frame (${maps.size} different sums in 6 looks)`);
  // Figures: frames taken over 4 s (the page's count), and the app's own.
  await sleep(1200);
  const a = await page.evaluate(() => ({ n: globalThis.__convscope.camera.frames, drawn: globalThis.__convscope.frames, t: performance.now() }));
  await sleep(4000);
  const b = await page.evaluate(() => ({ n: globalThis.__convscope.camera.frames, drawn: globalThis.__convscope.frames, t: performance.now() }));
  c = await camera(page);
  const readMs = await page.evaluate(() => globalThis.__convscope.cameraReadMs);
  const fps = (b.n - a.n) * 1000 / (b.t - a.t), drawn = (b.drawn - a.drawn) * 1000 / (b.t - a.t);
  const met = fps >= 29;
  // The goal is printed, not asserted: on 2 shared cores the page's drawing
  // (SwiftShader) sets the pace; the camera's own cost is the ms figures.
  console.log(`camera: 640x480 fake camera at 30 fps -> image mode ${c.input}, Conv2D(8, 3x3, same, relu): ` +
    `${fps.toFixed(1)} frames/s taken, ${drawn.toFixed(1)} drawn; the app shows ${c.fps.toFixed(1)} frames/s, ` +
    `engine ${c.engineMs.toFixed(2)} ms per frame, ${c.frameMs.toFixed(2)} ms with copy and downscale, ` +
    `${readMs.toFixed(2)} ms to read the frame in JS; goal 30 frames/s: ${met ? 'met' : 'NOT met'}`);
  check(fps >= 3, `the camera keeps going (${fps.toFixed(1)} frames/s; the goal of 30 is printed above)`);
  // Freeze keeps the frame (the maps stop changing), Live again resumes.
  await pressCamera(page, 'freeze');
  await page.waitForFunction(() => globalThis.__convscope.camera.mode === 'frozen', null, { timeout: 5000 });
  await sleep(200);
  const held = await camera(page);
  await sleep(800);
  c = await camera(page);
  check(c.frames === held.frames && c.maps === held.maps && c.input === '192x256x3',
    `Freeze holds the frame (${held.frames} -> ${c.frames} frames in 0.8 s, maps ${held.maps} -> ${c.maps})`);
  await pressCamera(page, 'freeze');  // now "Live again"
  await page.waitForFunction((n) => globalThis.__convscope.camera.frames > n + 3, held.frames, { timeout: 5000 });
  await pressCamera(page, 'stop');
  await page.waitForFunction(() => globalThis.__convscope.camera.mode === 'off', null, { timeout: 5000 });
  const stopped = await camera(page);
  await sleep(500);
  check((await camera(page)).frames === stopped.frames, 'Live again resumes; Stop camera stops the frames');
  const foreign = requests.filter((u) => !u.startsWith(cspOrigin + '/'));
  check(foreign.length === 0, `with the camera, no request leaves the origin (${foreign.join(', ')})`);
  check(errors.length === 0, `no console errors with the camera under the strict CSP (${errors.join(' | ')})`);
  await page.close();

  // A refused camera (what Chromium answers when the student says no): the
  // message, and pictures still work.
  const refused = await open({ width: 1280, height: 800 }, 1, cspOrigin + '/#v=1&tab=image', () => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await pressCamera(refused.page, 'start');
  await refused.page.waitForFunction(() => globalThis.__convscope.camera.failure === 'refused', null, { timeout: 5000 });
  c = await camera(refused.page);
  check(c.mode === 'off' && c.start[2] > 0, 'a refused camera says so, and the Camera button is back');
  await refused.page.evaluate(async () => {
    const cv = new OffscreenCanvas(64, 48), g = cv.getContext('2d');
    g.fillStyle = '#3060a0'; g.fillRect(0, 0, 64, 48);
    const blob = await cv.convertToBlob({ type: 'image/png' });
    await globalThis.__convscope.deliverFile(new File([blob], 'after-refusal.png', { type: 'image/png' }));
  });
  await refused.page.waitForFunction(() => globalThis.__convscope.scene.startsWith('48x64x3'), null, { timeout: 10000 });
  check(refused.errors.length === 0, 'after the refusal a picture still opens, without console errors');
  await refused.page.close();
}

// The camera on the Network tab: each frame becomes the digits model's
// 28x28x1 input (the picture path: centre crop, grey, resized) and the
// answer follows it; Stop leaves the last frame as the input.
async function networkCameraChecks() {
  const { page, errors } = await open({ width: 1280, height: 800 }, 1, cspOrigin + '/#v=1&tab=network');
  await page.evaluate(() => globalThis.__convscope.openBundled('digits-small-cnn.json'));
  await page.waitForFunction(() => /28x28x1, 6 layers/.test(globalThis.__convscope.scene), null, { timeout: 60000 });
  await pressCamera(page, 'start');
  const live = await page.waitForFunction(() => globalThis.__convscope.camera.mode === 'live' && globalThis.__convscope.camera.frames >= 5,
    null, { timeout: 15000 }).then(() => true, () => false);
  const c = await camera(page);
  check(live && c.input === '28x28x1', `on the Network tab camera frames become the model's input (${c.input}, ${c.frames} frames)`);
  const maps = new Set();
  for (let i = 0; i < 6; i++) { maps.add((await camera(page)).maps); await sleep(150); }
  check(maps.size >= 2, `the model's first feature maps follow the frames (${maps.size} different sums in 6 looks)`);
  if (outDir) await page.screenshot({ path: path.join(outDir, 'web-network-camera.png') });
  await pressCamera(page, 'stop');
  await page.waitForFunction(() => globalThis.__convscope.camera.mode === 'off', null, { timeout: 5000 });
  check(/28x28x1, 6 layers/.test(await page.evaluate(() => globalThis.__convscope.scene)) && errors.length === 0,
    `Stop keeps the model and its last input, without console errors (${errors.join(' | ')})`);
  await page.close();
}

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

  await cameraChecks();
  await networkCameraChecks();
} catch (err) {
  failed++;
  console.error('FAIL: ' + (err.stack || err.message));
} finally {
  await browser.close();
  server.close();
  cspServer.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
