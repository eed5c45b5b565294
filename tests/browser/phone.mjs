// phone.mjs - one finger on a phone (issue 15): headless Chromium with a
// 390x844 touch screen at 3x pixels, touches sent with CDP
// Input.dispatchTouchEvent as a real screen sends them. A swipe scrolls the
// panel (the content follows the finger, nothing is edited or tapped) while
// the timeline stays in view; a tap still taps (a feature-map cell sets the
// step) and leaves no tooltip behind; tapping the sample photo shows it
// without a second touch; a ko-KR browser opens in Korean on a first visit.
//   node tests/browser/phone.mjs WEB_DIR [OUT_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { startServer } from '../../scripts/static-server.mjs';
import { decodePng } from '../tools/png_stats.mjs';

const [dir, outDir = 'browser-phone'] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer(dir, { port: 0 });
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchBrowser();
let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log('ok: ' + what); } else { failed++; console.error('FAIL: ' + what); }
}

const frames = (page) => page.evaluate(() => globalThis.__convscope.frames);
// Frames are drawn while something happens and for a short tail after it:
// wait until at least one more was drawn and they stop.
async function settle(page) {
  const f0 = await frames(page);
  await page.waitForFunction((f) => globalThis.__convscope.frames > f, f0, { timeout: 10000 }).catch(() => {});
  let last = -1;
  for (let now = await frames(page); now !== last; now = await frames(page)) { last = now; await page.waitForTimeout(250); }
}
const grid = (page, name) => page.evaluate((n) => (globalThis.__convscope.grids || []).find((g) => g.name === n), name);
const state = (page) => page.evaluate(() => globalThis.__convscope.state || '');
const summary = (page) => page.evaluate(() => globalThis.__convscope.scene || '');
const field = (fragment, key) => (fragment.split('&').find((p) => p.startsWith(key + '=')) || '').slice(key.length + 1);

// The first pixel of an RGB colour (within 4) in device pixels, scanning rows
// from `fromY` CSS px in the columns [x0, x1) CSS px; CSS px back.
function findColour(png, scale, rgb, { fromY = 0, toY = 1e9, x0 = 0, x1 = 1e9 } = {}) {
  const img = decodePng(png);
  for (let y = Math.round(fromY * scale); y < Math.min(img.height, toY * scale); y++) {
    for (let x = Math.round(x0 * scale); x < Math.min(img.width, x1 * scale); x++) {
      const i = (y * img.width + x) * 4;
      if (Math.abs(img.rgba[i] - rgb[0]) < 4 && Math.abs(img.rgba[i + 1] - rgb[1]) < 4 && Math.abs(img.rgba[i + 2] - rgb[2]) < 4) {
        return { x: x / scale, y: y / scale };
      }
    }
  }
  return null;
}
function coloursIn(png, scale, r) {
  const img = decodePng(png);
  const seen = new Set();
  for (let y = Math.round(r.y * scale); y < Math.min(img.height, (r.y + r.h) * scale); y += 2) {
    for (let x = Math.round(r.x * scale); x < Math.min(img.width, (r.x + r.w) * scale); x += 2) {
      const i = (y * img.width + x) * 4;
      seen.add((img.rgba[i] << 16) | (img.rgba[i + 1] << 8) | img.rgba[i + 2]);
    }
  }
  return seen.size;
}
const SLIDER_GRAB = [150, 166, 199];  // theme.cpp: SliderGrab 0.59, 0.65, 0.78
const BUTTON = [219, 224, 237];       // theme.cpp: Button 0.86, 0.88, 0.93
const TAB_ACTIVE = [184, 201, 240];   // theme.cpp: TabActive 0.72, 0.79, 0.94

async function openPhone(fragment, locale = 'en-US') {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3,
    hasTouch: true, isMobile: true, locale });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url + (fragment ? '#' + fragment : ''));
  await page.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 3 && (globalThis.__convscope.state || '') !== '',
    null, { timeout: 30000 });
  await settle(page);
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent',
    { type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 1 })) });
  // One finger from (x, y) by (dx, dy) in `steps` moves 20 ms apart.
  const swipe = async (x, y, dx, dy, steps = 12) => {
    await touch('touchStart', [[x, y]]);
    for (let i = 1; i <= steps; i++) { await touch('touchMove', [[x + (dx * i) / steps, y + (dy * i) / steps]]); await page.waitForTimeout(20); }
    await touch('touchEnd', []);
    await settle(page);
  };
  const tap = async (x, y) => {
    await touch('touchStart', [[x, y]]);
    await page.waitForTimeout(40);
    await touch('touchEnd', []);
  };
  return { context, page, errors, swipe, tap };
}

try {
  const scale = 3;
  // [1] A swipe scrolls; the timeline stays; a tap taps and leaves no tooltip.
  {
    const { context, page, errors, swipe, tap } = await openPhone('v=1&tab=walk');
    const start = await state(page);
    const in0 = await grid(page, '##in');
    const top = await page.screenshot({ path: path.join(outDir, 'phone-390x844-top.png') });
    const grab0 = findColour(top, scale, SLIDER_GRAB, { toY: 400 });
    check(in0 && grab0, `the input grid and the timeline are on screen (input at y ${in0 && in0.y}, timeline grab ${JSON.stringify(grab0)})`);
    // Start the swipe on the input grid: a grid that is not being painted scrolls.
    await swipe(200, Math.min(700, in0.y + 60), 0, -300);
    const in1 = await grid(page, '##in');
    const moved = in0.y - (in1 ? in1.y : in0.y);
    check(moved > 200 && moved < 320, `a one-finger swipe up 300 px scrolls the panel ${moved.toFixed(0)} px`);
    const after = await state(page);
    check(field(after, 'step') === field(start, 'step') && field(after, 'scene') === field(start, 'scene'),
      'the swipe changed nothing (step, scene)');
    const scrolled = await page.screenshot({ path: path.join(outDir, 'phone-390x844-swiped.png') });
    const grab1 = findColour(scrolled, scale, SLIDER_GRAB, { toY: 400 });
    check(grab1 && Math.abs(grab1.y - grab0.y) < 2, `the timeline stays in view while the panel scrolls (${JSON.stringify(grab1)})`);
    check(!(await summary(page)).includes('tooltip'), 'no tooltip after the swipe');
    // The feature map: scroll until it is on screen, then tap a cell.
    for (let i = 0; i < 6; i++) {
      const out = await grid(page, '##out');
      if (out && out.y > 250 && out.y + out.h < 820) break;
      await swipe(200, 700, 0, out && out.y < 250 ? 250 : -250);
    }
    const out = await grid(page, '##out');
    const ox = out.x + Math.min(out.w, 370 - out.x) - 8, oy = out.y + out.h - 8;  // the last cell on screen
    await tap(ox, oy);
    await settle(page);
    const stepped = await state(page);
    check(field(stepped, 'step') !== field(start, 'step'), `a tap on a feature-map cell sets the step (${field(start, 'step')} -> ${field(stepped, 'step')})`);
    check(!(await summary(page)).includes('tooltip'), 'no tooltip stays on screen after the tap');
    await page.screenshot({ path: path.join(outDir, 'phone-390x844-tapped.png') });
    check(errors.length === 0, `no console errors (${errors.join(' | ')})`);
    await context.close();
  }

  // [2] The sample photo appears at once: the tap is the only input.
  {
    const { context, page, errors, tap } = await openPhone('v=1&tab=image');
    const before = await page.screenshot({ path: path.join(outDir, 'phone-390x844-image-before.png') });
    const tabBar = findColour(before, scale, TAB_ACTIVE, { toY: 500 });
    const button = tabBar && findColour(before, scale, BUTTON, { fromY: tabBar.y + 24, x0: 8, x1: 60 });
    check(button !== null, `the Sample photo button is found under the tabs (${JSON.stringify(button)})`);
    if (button) {
      await tap(button.x + 20, button.y + 10);
      await page.waitForFunction(() => /x3, 1 layers/.test(globalThis.__convscope.scene || ''), null, { timeout: 10000 });
      let last = -1;  // no more input: wait until the app is idle
      for (let now = await frames(page); now !== last; now = await frames(page)) { last = now; await page.waitForTimeout(300); }
      const shown = await page.screenshot({ path: path.join(outDir, 'phone-390x844-image-after.png') });
      const area = { x: 12, y: button.y + 40, w: 360, h: Math.min(380, 844 - button.y - 40) };
      const n0 = coloursIn(before, scale, area), n1 = coloursIn(shown, scale, area);
      check(n1 > 4 * Math.max(50, n0), `the photo is on screen without a second touch (${n0} -> ${n1} colours)`);
    }
    check(errors.length === 0, `no console errors (${errors.join(' | ')})`);
    await context.close();
  }

  // [3] A ko-KR browser on a first visit opens in Korean; the choice is kept.
  {
    const { context, page } = await openPhone('', 'ko-KR');
    check(field(await state(page), 'lang') === 'ko', `a ko-KR browser opens in Korean (lang=${field(await state(page), 'lang')})`);
    await page.screenshot({ path: path.join(outDir, 'phone-390x844-ko.png') });
    await context.close();
    const en = await openPhone('', 'en-US');
    check(field(await state(en.page), 'lang') === 'en', 'an en-US browser opens in English');
    await en.context.close();
  }
} catch (err) {
  failed++;
  console.error('FAIL: ' + (err.stack || err.message));
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
