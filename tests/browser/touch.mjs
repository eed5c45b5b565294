// touch.mjs - two fingers on a phone: headless Chromium with a
// 390x844 touch screen at 3x pixels, touches sent with CDP
// Input.dispatchTouchEvent as a real screen sends them. A pinch over the
// 28x28 input zooms that grid about the fingers' midpoint (cells visibly
// larger), two fingers pan it, pinching in goes back to the whole grid; a
// pinch over the feature map does not click a cell through SDL's emulated
// mouse (the step, the scene and the link stay the same), also when the
// second finger lands late; a one-finger drag still scrubs the timeline;
// Ctrl + wheel zooms as well.
// The zoom is read from globalThis.__convscope.grids (src/platform/webapi.cpp).
//   node tests/browser/touch.mjs WEB_DIR [OUT_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { startServer } from '../../scripts/static-server.mjs';
import { decodePng } from '../tools/png_stats.mjs';

const [dir, outDir = 'browser-touch'] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer(dir, { port: 0 });
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchBrowser();
let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log('ok: ' + what); } else { failed++; console.error('FAIL: ' + what); }
}

// A 28x28 digit-sized input (a ring on a dither) through one Conv2D 3x3.
function sceneFragment() {
  const n = 28, data = [];
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const r = (y - 14) ** 2 + (x - 14) ** 2;
      data.push(r < 64 && r > 20 ? 9 : (x + y) % 3);
    }
  }
  const scene = { version: 1, title: 'touch', input: { shape: [n, n, 1], data },
    layers: [{ type: 'Conv2D', filters: 1, kernel_size: 3, padding: 'same', activation: 'relu',
      kernel: [[[[1]], [[0]], [[-1]]], [[[1]], [[0]], [[-1]]], [[[1]], [[0]], [[-1]]]], bias: [0] }] };
  return 'v=1&tab=walk&scene=' + Buffer.from(JSON.stringify(scene)).toString('base64url');
}

const frames = (page) => page.evaluate(() => globalThis.__convscope.frames);
// Frames are drawn while something happens and for a short tail after it
// (idle means idle): wait until at least one more was drawn and they stop.
async function settle(page) {
  const f0 = await frames(page);
  await page.waitForFunction((f) => globalThis.__convscope.frames > f, f0, { timeout: 10000 });
  let last = -1;
  for (let now = await frames(page); now !== last; now = await frames(page)) { last = now; await page.waitForTimeout(250); }
}
const grid = (page, name) => page.evaluate((n) => (globalThis.__convscope.grids || []).find((g) => g.name === n), name);
const state = (page) => page.evaluate(() => globalThis.__convscope.state || '');
const field = (fragment, key) => (fragment.split('&').find((p) => p.startsWith(key + '=')) || '').slice(key.length + 1);

// Device pixels of a screenshot inside a CSS-pixel rectangle.
function crop(png, scale, r) {
  const img = decodePng(png);
  const x0 = Math.round(r.x * scale), y0 = Math.round(r.y * scale);
  const w = Math.round(r.w * scale), h = Math.round(r.h * scale);
  const px = (x, y) => { const i = ((y0 + y) * img.width + x0 + x) * 4; return [img.rgba[i], img.rgba[i + 1], img.rgba[i + 2]]; };
  return { w, h, px };
}
// The cell size on screen: each pixel row's longest run of one colour (a
// cell's inside, between its grid lines), the median over the rows. Rows
// through a printed number break a run, hence the median.
function cellRun(c) {
  const longest = [];
  const same = (a, b) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) <= 24;
  for (let y = 0; y < c.h; y++) {
    let best = 0, run = 1;
    for (let x = 1; x < c.w; x++) {
      run = same(c.px(x - 1, y), c.px(x, y)) ? run + 1 : 1;
      best = Math.max(best, run);
    }
    longest.push(best);
  }
  longest.sort((a, b) => a - b);
  return longest[longest.length >> 1];
}
function changedShare(a, b) {
  let n = 0;
  for (let y = 0; y < a.h; y++) for (let x = 0; x < a.w; x++) {
    const p = a.px(x, y), q = b.px(x, y);
    if (Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]) > 30) n++;
  }
  return n / (a.w * a.h);
}
// The timeline slider's grab (theme.cpp: SliderGrab 0.59, 0.65, 0.78): the
// first such pixel above the input grid, in CSS pixels.
function findTimelineGrab(png, scale, aboveCss) {
  const img = decodePng(png);
  for (let y = 0; y < Math.min(img.height, aboveCss * scale); y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      if (Math.abs(img.rgba[i] - 150) < 4 && Math.abs(img.rgba[i + 1] - 166) < 4 && Math.abs(img.rgba[i + 2] - 199) < 4) {
        return { x: x / scale + 4, y: y / scale + 8 };
      }
    }
  }
  return null;
}

try {
  const scale = 3;
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: scale,
    hasTouch: true, isMobile: true });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url + '#' + sceneFragment());
  await page.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 3 &&
    (globalThis.__convscope.grids || []).some((g) => g.name === '##in'), null, { timeout: 30000 });
  await page.waitForFunction(() => (globalThis.__convscope.state || '').includes('scene='), null, { timeout: 10000 });
  await settle(page);
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent',
    { type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 1 })) });
  // Two fingers at centre +- `from` px spread to +- `to` px (and move by
  // `dx`) in `steps` moves; `late` ms: the second finger lands that late;
  // `anchor`: the first finger stays still (SDL's emulated mouse would then
  // press and release on one spot: a click, unless it is kept out).
  async function pinch(cx, cy, from, to, { steps = 10, dx = 0, late = 0, anchor = false } = {}) {
    const at = (d, ox) => [anchor ? [cx - from, cy] : [cx - d + ox, cy], [cx + d + ox, cy]];
    if (late) { await touch('touchStart', [at(from, 0)[0]]); await page.waitForTimeout(late); }
    await touch('touchStart', at(from, 0));
    for (let i = 1; i <= steps; i++) {
      await touch('touchMove', at(from + ((to - from) * i) / steps, (dx * i) / steps));
      await page.waitForTimeout(20);
    }
    await touch('touchEnd', []);
    await settle(page);
  }

  const start = await state(page);
  const input0 = await grid(page, '##in');
  check(input0 && input0.zoom === 1, `the 28x28 input grid is drawn whole at first (${JSON.stringify(input0)})`);
  // The part of the box on screen (the phone clips the right padding column).
  const seen = { x: input0.x + 2, y: input0.y + 2, w: Math.min(input0.w, 390 - 16 - input0.x) - 4, h: input0.h - 4 };
  const before = await page.screenshot({ path: path.join(outDir, 'touch-390x844-before.png') });

  // Pinch out over the middle of the input: 40 px apart -> 160 px (x4).
  const cx = Math.round(seen.x + seen.w / 2), cy = Math.round(seen.y + seen.h / 2);
  await pinch(cx, cy, 20, 80);
  const zoomed = await grid(page, '##in');
  const after = await page.screenshot({ path: path.join(outDir, 'touch-390x844-pinched.png') });
  check(zoomed.zoom > 3 && zoomed.zoom < 4.5, `a pinch (fingers 40 -> 160 px apart) zooms the input x${zoomed.zoom.toFixed(2)}`);
  // About the midpoint: the content under it stays under it, p * s - pan = p.
  const p = { x: cx - zoomed.x, y: cy - zoomed.y };
  const drift = Math.hypot(p.x * zoomed.zoom - zoomed.panX - p.x, p.y * zoomed.zoom - zoomed.panY - p.y);
  check(drift < 3, `the point between the fingers stays put (drift ${drift.toFixed(1)} px)`);
  const others = (await page.evaluate(() => globalThis.__convscope.grids)).filter((g) => g.name !== '##in');
  check(others.every((g) => g.zoom === 1), 'only the grid under the fingers zooms');
  const r0 = cellRun(crop(before, scale, seen)), r1 = cellRun(crop(after, scale, seen));
  const share = changedShare(crop(before, scale, seen), crop(after, scale, seen));
  check(r1 > 2.5 * r0, `cells are visibly larger on screen: ${r0} device pixels across before, ${r1} after (x${(r1 / r0).toFixed(1)})`);
  check(share > 0.3, `the grid region changed (${(share * 100).toFixed(0)}% of its pixels)`);
  check((await state(page)) === start, 'the pinch changed nothing in the link (scene, step)');

  // Two fingers moving together pan the zoomed grid with them.
  await pinch(cx, cy, 40, 40, { dx: -60 });
  const panned = await grid(page, '##in');
  check(Math.abs(panned.panX - zoomed.panX - 60) < 3 && Math.abs(panned.zoom - zoomed.zoom) < 0.05,
    `two fingers moving 60 px left pan the grid (panX ${zoomed.panX} -> ${panned.panX})`);
  await page.screenshot({ path: path.join(outDir, 'touch-390x844-panned.png') });
  // Pinching in goes back to the whole grid.
  await pinch(cx, cy, 150, 20);
  const whole = await grid(page, '##in');
  check(whole.zoom === 1 && whole.panX === 0 && whole.panY === 0, `pinching in returns to the whole grid (x${whole.zoom})`);
  check((await state(page)) === start, 'panning and zooming out changed nothing in the link');

  // Over the feature map, where a tap sets the step: a pinch must not tap,
  // whether the second finger lands at once, late (held press dropped),
  // or after the first finger's press was already delivered.
  await page.mouse.move(200, 600);
  for (let i = 0; i < 30 && (await grid(page, '##out')).y > 300; i++) {
    await page.mouse.wheel(0, 150);
    await settle(page);
  }
  const out = await grid(page, '##out');
  const ox = Math.round(out.x + Math.min(out.w, 360 - out.x) / 2), oy = Math.round(out.y + Math.min(out.h, 830 - out.y) / 2);
  check(oy > 60 && oy < 830, `the feature map is on screen after scrolling (centre ${ox}, ${oy})`);
  await pinch(ox, oy, 15, 45, { anchor: true });
  await pinch(ox, oy, 45, 15, { anchor: true, late: 40 });
  await pinch(ox, oy, 15, 45, { anchor: true, late: 250 });
  const outZoomed = await grid(page, '##out');
  check(outZoomed.zoom > 1.5, `the feature map zooms too (x${outZoomed.zoom.toFixed(2)})`);
  check(field(await state(page), 'step') === field(start, 'step'),
    `pinches over the feature map did not tap a cell (step=${field(await state(page), 'step')})`);
  await page.screenshot({ path: path.join(outDir, 'touch-390x844-feature-map.png') });
  await pinch(ox, oy, 150, 15);

  // One finger still drags as before: scrub the timeline slider.
  await page.mouse.move(200, 590);  // the wheel scrolls the window under the pointer
  await page.mouse.move(200, 600);
  for (let i = 0; i < 30 && (await grid(page, '##in')).y < 300; i++) {
    await page.mouse.wheel(0, -150);
    await settle(page);
  }
  const top = await grid(page, '##in');
  const shot = await page.screenshot({ path: path.join(outDir, 'touch-390x844-top.png') });
  const grab = findTimelineGrab(shot, scale, top.y);
  check(grab !== null, `the timeline slider is found above the input at y ${top.y} (${JSON.stringify(grab)})`);
  if (grab) {
    await touch('touchStart', [[grab.x, grab.y]]);
    for (let i = 1; i <= 10; i++) { await touch('touchMove', [[grab.x + i * 15, grab.y]]); await page.waitForTimeout(20); }
    await touch('touchEnd', []);
    await settle(page);
    const now = await state(page);
    const step = Number(field(now, 'step'));
    check(step > 100, `a one-finger drag on the timeline moves the walk (step ${field(start, 'step')} -> ${step})`);
    check(field(now, 'scene') === field(start, 'scene'), 'and no cell value changed (same scene in the link)');
    // A one-finger tap still taps: back to the start of the slider.
    await touch('touchStart', [[grab.x - 2, grab.y]]);
    await touch('touchEnd', []);
    await settle(page);
    check(Number(field(await state(page), 'step')) < step, `a one-finger tap on the slider moves it (step ${field(await state(page), 'step')})`);
  }
  // Ctrl + wheel (how browsers report a touchpad pinch) zooms the grid too.
  const inNow = await grid(page, '##in');
  await page.mouse.move(inNow.x + 100, inNow.y + 100);
  await page.keyboard.down('Control');
  for (let i = 0; i < 3; i++) { await page.mouse.wheel(0, -100); await page.waitForTimeout(60); }
  await settle(page);
  await page.keyboard.up('Control');
  const wheeled = await grid(page, '##in');
  check(wheeled.zoom > 1.15, `Ctrl + wheel zooms the grid under the pointer (x${wheeled.zoom.toFixed(2)})`);
  await page.screenshot({ path: path.join(outDir, 'touch-390x844-after.png') });
  check(errors.length === 0, `no console errors (${errors.join(' | ')})`);
} catch (err) {
  failed++;
  console.error('FAIL: ' + (err.stack || err.message));
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
