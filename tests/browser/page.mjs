// page.mjs - the served page as a good citizen, in headless Chromium:
// no console errors; SIMD or scalar build chosen by feature detection and
// named; the canvas backing store at CSS size x devicePixelRatio; idle means
// idle (frames per second measured); keyboard scoped to the canvas; the
// on-screen keyboard on a phone (hidden input); stepping
// by clicking; URL-hash round trip and a malformed hash refused; a lost and
// restored WebGL context, also mid-animation; the strict CSP header; no request leaves the origin.
//   node tests/browser/page.mjs WEB_DIR SCALAR_WEB_DIR
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { startServer } from '../../scripts/static-server.mjs';
import { decodePng } from '../tools/png_stats.mjs';

const [dir, scalarDir] = process.argv.slice(2);
if (!scalarDir || !fs.existsSync(path.join(scalarDir, 'convscope-scalar.js'))) {
  console.error(`FAIL: no non-SIMD build in '${scalarDir}': build the wasm-scalar preset (scripts/build.sh wasm-scalar)`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const server = await startServer(dir, { port: 0, also: scalarDir ? [scalarDir] : [] });
const cspServer = await startServer(dir, { port: 0, csp: true, also: scalarDir ? [scalarDir] : [] });
const origin = `http://127.0.0.1:${server.address().port}`;
const cspOrigin = `http://127.0.0.1:${cspServer.address().port}`;
const browser = await launchBrowser();
let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log('ok: ' + what); } else { failed++; console.error('FAIL: ' + what); }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A returning student: the first-visit "Start the first lesson" offer was
// taken (app_view_test checks the offer; here it would move the toolbar).
const SEEN_START = () => { try { localStorage.setItem('convscope.progress', 'start:seen'); } catch (e) { /* no storage */ } };

// Opens a page and records console errors, page errors and every request.
async function open(url, { viewport = { width: 1280, height: 800 }, scale = 1, init } = {}) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: scale });
  const errors = [], requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.addInitScript(SEEN_START);
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await page.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 2 && globalThis.__convscope.state,
    null, { timeout: 30000 });
  return { page, errors, requests };
}
const get = (page, expr) => page.evaluate(expr);
const stateOf = (page) => get(page, () => globalThis.__convscope.state);
const stepOf = async (page) => Number(/(?:^|&)step=(\d+)/.exec(await stateOf(page))?.[1] ?? -1);
function differingShare(a, b) {
  const x = decodePng(a), y = decodePng(b);
  if (x.width !== y.width || x.height !== y.height) return 1;
  let n = 0;
  for (let i = 0; i < x.rgba.length; i += 4) {
    if (x.rgba[i] !== y.rgba[i] || x.rgba[i + 1] !== y.rgba[i + 1] || x.rgba[i + 2] !== y.rgba[i + 2]) n++;
  }
  return n / (x.width * x.height);
}
async function framesIn(page, ms) {
  const f0 = await get(page, () => globalThis.__convscope.frames);
  await sleep(ms);
  return (await get(page, () => globalThis.__convscope.frames)) - f0;
}

try {
  // 1. Default page: SIMD build chosen and named, no errors, no foreign requests.
  {
    const { page, errors, requests } = await open(origin + '/');
    const c = await get(page, () => ({ build: globalThis.__convscope.build, isa: globalThis.__convscope.isa }));
    check(c.build === 'simd' && c.isa === 'wasmsimd', `feature detection picks the SIMD build (build ${c.build}, kernels ${c.isa})`);
    const foreign = requests.filter((u) => !u.startsWith(origin + '/'));
    check(foreign.length === 0, `no request leaves the origin (${requests.length} requests${foreign.length ? ': ' + foreign.join(', ') : ''})`);
    check(!requests.some((u) => u.includes('convscope-scalar')), 'the scalar build is not fetched when SIMD works');

    // Idle means idle: after the activity tail (0.75 s after input, 2 s
    // after a page call such as the start state), no frames are drawn.
    await sleep(2500);
    const idle = await framesIn(page, 2000);
    console.log(`idle: ${idle / 2} frames/s drawn while nothing changes`);
    check(idle <= 1, `idle page draws no frames (${idle} in 2 s)`);
    await page.mouse.move(700, 400);
    await page.mouse.move(720, 420);
    const woke = await framesIn(page, 400);
    check(woke >= 2, `pointer movement wakes the loop (${woke} frames in 0.4 s)`);

    // Stepping by clicking "Next >" in the timeline.
    const before = await stepOf(page);
    // "Next >" sits in the timeline row of the main column at x = 540 in the
    // 1280x800 layout; its row moves with the toolbar, so walk down from the
    // top until a click steps by one (everything above it is harmless).
    let clicked = false;
    for (const [x, y] of [[540, 86], [540, 54], ...Array.from({ length: 24 }, (_, i) => [540, 36 + 6 * i])]) {
      await page.mouse.click(x, y);
      await sleep(250);
      if ((await stepOf(page)) === before + 1) { clicked = true; break; }
    }
    check(clicked, `clicking Next > steps the walk (step ${before} -> ${await stepOf(page)})`);
    await page.mouse.click(1200, 780);  // focus the canvas
    for (let i = 0; i < 3; i++) { await page.keyboard.press('ArrowRight'); await sleep(400); }
    await sleep(300);
    const s3 = await stepOf(page);
    check(s3 >= before + 3, `arrow keys on the focused canvas step the walk (step ${s3})`);

    // URL-hash round trip: a link reproduces the state.
    const url1 = await get(page, () => location.href);
    const st1 = await stateOf(page);
    check(url1.endsWith('#' + st1) && st1.includes('scene='), 'the URL hash carries the state (with the scene)');
    await page.mouse.move(1275, 795);  // no hover anywhere
    await sleep(900);
    const shot1 = await page.locator('#canvas').screenshot();
    const p2 = await open(url1);
    await p2.page.mouse.move(1275, 795);
    await sleep(900);
    check((await stateOf(p2.page)) === st1, 'opening the link gives the same state');
    const shot2 = await p2.page.locator('#canvas').screenshot();
    const diff = differingShare(shot1, shot2);
    check(diff < 0.002, `opening the link draws the same screen (${(100 * diff).toFixed(3)}% of pixels differ)`);
    // hashchange applies; a tab and a step.
    const edited = st1.replace(/step=\d+/, 'step=2').replace(/tab=\w+/, 'tab=code');
    await p2.page.evaluate((h) => { location.hash = h; }, edited);
    await p2.page.waitForFunction((h) => globalThis.__convscope.state === h, edited, { timeout: 5000 }).catch(() => {});
    check((await stateOf(p2.page)) === edited, 'hashchange applies step and tab');
    // A malformed hash is refused whole: nothing changes, a message is shown.
    await p2.page.evaluate(() => { location.hash = 'v=1&step=4&tab=nope'; });
    await sleep(400);
    const banner = await get(p2.page, () => document.getElementById('banner').textContent);
    check((await stateOf(p2.page)) === edited && /tab/.test(banner), `a malformed hash is refused with a message ('${banner}')`);
    await p2.page.evaluate(() => { location.hash = 'v=1&step=999999&tab=walk'; });
    await sleep(400);
    check((await stateOf(p2.page)) === edited, 'a step beyond the walk is refused whole (tab not switched either)');
    check(p2.errors.length === 0, `no console errors on the link page (${p2.errors.join(' | ')})`);
    await p2.page.close();

    // "Copy link" / "Copy embed code" in the toolbar's "Share & save..."
    // menu: along the toolbar row, a click, then one on the menu's item
    // (the menu opens under the pointer: `item` 0 is the first line).
    async function clickUntil(points, test, item) {
      for (const [x, y] of points) {
        await page.mouse.click(x, y);
        await sleep(400);
        await page.mouse.click(x + 30, y + 18 + item * 24);
        await sleep(400);
        if (await page.evaluate(test)) return true;
        await page.keyboard.press('Escape');
      }
      return false;
    }
    const xs = [925, 945, ...Array.from({ length: 30 }, (_, i) => 640 + i * 20)];
    const row = [...xs.map((x) => [x, 22]), ...xs.map((x) => [x, 54])];
    await page.evaluate(() => { globalThis.__convscope.lastShared = ''; });
    await clickUntil(row, () => /#v=1&/.test(globalThis.__convscope.lastShared || '') && !/iframe/.test(globalThis.__convscope.lastShared), 0);
    const link = await page.evaluate(() => globalThis.__convscope.lastShared);
    const here = await page.evaluate(() => location.href);
    check(link === here.replace(/\/(index\.html)?#/, '/index.html#'), `Copy link gives this page's link (${link.slice(0, 60)}...)`);
    await page.evaluate(() => { globalThis.__convscope.lastShared = ''; });
    await clickUntil(row, () => /<iframe/.test(globalThis.__convscope.lastShared || ''), 1);
    const code = await page.evaluate(() => globalThis.__convscope.lastShared);
    check(/^<iframe src="http:[^"]+\/embed\.html#v=1&[^"]+"/.test(code), `Copy embed code gives an iframe of embed.html (${code.slice(0, 50)}...)`);

    // Keyboard scoped to the canvas: a host-page input keeps its keys.
    await page.evaluate(() => {
      const i = document.createElement('input');
      i.id = 'probe';
      document.body.prepend(i);
      const b = document.createElement('button');
      b.id = 'probe2';
      b.textContent = 'next';
      i.after(b);
      globalThis.__prevented = [];
      document.addEventListener('keydown', (e) => { if (e.defaultPrevented) globalThis.__prevented.push(e.key); });
    });
    await page.focus('#probe');
    await page.keyboard.type('hello');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    await sleep(200);
    const probe = await get(page, () => ({ v: document.getElementById('probe').value, p: globalThis.__prevented }));
    check(probe.v === 'hello' && probe.p.length === 0, `keys typed in a host input stay there (value '${probe.v}', prevented: ${probe.p.join(',') || 'none'})`);
    check((await stepOf(page)) === s3, 'arrow keys in a host input do not step the walk');
    await page.keyboard.press('Tab');
    check((await get(page, () => document.activeElement.id)) === 'probe2', 'Tab moves focus on the host page');

    // A lost and restored WebGL context.
    const stBefore = await stateOf(page);
    await page.evaluate(() => {
      const gl = document.getElementById('canvas').getContext('webgl2');
      globalThis.__lose = gl.getExtension('WEBGL_lose_context');
      globalThis.__lose.loseContext();
    });
    await sleep(500);
    await page.evaluate(() => globalThis.__lose.restoreContext());
    await sleep(300);
    await page.mouse.move(600, 300);
    await page.mouse.move(610, 310);
    const after = await framesIn(page, 600);
    const shot3 = await page.locator('#canvas').screenshot();
    const distinct = new Set();
    for (let i = 0; i < shot3.length; i += 97) distinct.add(shot3[i]);
    check(after >= 2 && distinct.size > 16, `drawing continues after the context is restored (${after} frames)`);
    check((await stateOf(page)) === stBefore, 'the app keeps its state through the context loss');
    const stepBefore = await stepOf(page);
    await page.mouse.click(1200, 780);
    await page.keyboard.press('ArrowRight');
    await sleep(300);
    const stepAfter = await stepOf(page);
    check(stepAfter === stepBefore + 1, `and keeps working after it; a click gives the canvas focus back from the host page (step ${stepBefore} -> ${stepAfter})`);
    // Lost and restored again while the walk plays (mid-animation, issue 7).
    // A mouse click on an empty spot leaves no item with keyboard focus, so
    // Space plays / pauses the walk rather than pressing a focused button.
    await page.mouse.click(1200, 780);
    await page.keyboard.press('Space');  // play
    const playing = await framesIn(page, 500);
    await page.evaluate(() => globalThis.__lose.loseContext());
    await sleep(400);
    await page.evaluate(() => globalThis.__lose.restoreContext());
    await sleep(200);
    const afterLoss = await framesIn(page, 1000);
    await page.mouse.click(1200, 780);
    await page.keyboard.press('Space');  // pause
    // The state is reported again once the walk stops (not while it plays).
    await page.waitForFunction((s0) => Number(/(?:^|&)step=(\d+)/.exec(globalThis.__convscope.state)?.[1] ?? -1) !== s0,
      stepAfter, { timeout: 3000 }).catch(() => {});
    const stepPlayed = await stepOf(page);
    const shot4 = await page.locator('#canvas').screenshot();
    const distinct4 = new Set();
    for (let i = 0; i < shot4.length; i += 97) distinct4.add(shot4[i]);
    check(playing > 5 && afterLoss > 10 && distinct4.size > 16,
      `a context lost and restored mid-animation: the walk keeps animating and drawing (${playing} frames in 0.5 s before, ${afterLoss} in 1 s after)`);
    check(stepPlayed !== stepAfter && stepPlayed >= 0, `and the walk moved on while playing (step ${stepAfter} -> ${stepPlayed})`);
    check(errors.length === 0, `no console errors on the page (${errors.join(' | ')})`);
    await page.close();
  }

  // 2. High-DPI: the backing store is CSS size x devicePixelRatio.
  {
    const { page, errors } = await open(origin + '/', { viewport: { width: 800, height: 600 }, scale: 2 });
    const d = await get(page, () => {
      const c = document.getElementById('canvas');
      return { w: c.width, h: c.height, cw: c.clientWidth, ch: c.clientHeight, dpr: devicePixelRatio };
    });
    check(d.w === d.cw * 2 && d.h === d.ch * 2, `canvas ${d.w}x${d.h} for ${d.cw}x${d.ch} CSS px at dpr ${d.dpr}`);
    // The canvas follows its container (ResizeObserver), not only the window.
    await page.evaluate(() => { document.getElementById('stage').style.width = '500px'; });
    await page.waitForFunction(() => document.getElementById('canvas').width === 1000, null, { timeout: 5000 }).catch(() => {});
    const w2 = await get(page, () => document.getElementById('canvas').width);
    check(w2 === 1000, `a 500 px container gives a 1000 px backing store (${w2})`);
    check(errors.length === 0, 'no console errors at dpr 2');
    await page.close();
  }

  // 2b. A phone: tapping a number field opens the on-screen keyboard (a
  // hidden input takes focus), typing there reaches the app, Enter gives
  // focus back to the canvas.
  {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await ctx.addInitScript(SEEN_START);
    const page = await ctx.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(origin + '/');
    await page.waitForFunction(() => globalThis.__convscope?.state, null, { timeout: 30000 });
    await sleep(300);
    const active = () => page.evaluate(() => document.activeElement.className || document.activeElement.id);
    // The kernel's "weight to edit" row field sits under the kernel (x = 38 CSS px),
    // below the toolbar and the input grid: scroll the canvas a little, then
    // walk up until a tap lands in it.
    await page.mouse.move(200, 600);
    await page.mouse.wheel(0, 240);
    await sleep(800);  // the scroll and the first screen's glide settle
    let focused = false;
    for (let y = 829; y > 480 && !focused; y -= 6) {
      await page.touchscreen.tap(38, y);
      await sleep(350);
      focused = (await active()) === 'convscope-ime';
    }
    check(focused, 'tapping a number field focuses the hidden input (on-screen keyboard)');
    const before = await page.locator('#canvas').screenshot();
    await page.keyboard.type('1');
    await sleep(400);
    const after = await page.locator('#canvas').screenshot();
    check(differingShare(before, after) > 0 && (await page.evaluate(() => document.querySelector('.convscope-ime').value)) === '',
      'what is typed there is handed to the app (the input empties, the screen changes)');
    await page.keyboard.press('Enter');
    await sleep(400);
    check((await active()) === 'canvas', 'Enter ends the edit and gives focus back to the canvas');
    check(errors.length === 0, `no console errors on the phone (${errors.join(' | ')})`);
    await ctx.close();
  }

  // 3. No SIMD: the probe fails, the scalar build loads and says so.
  {
    const init = () => {
      const validate = WebAssembly.validate;
      WebAssembly.validate = (bytes) => (bytes.length < 64 ? false : validate(bytes));
    };
    const { page, errors, requests } = await open(origin + '/', { init });
    const c = await get(page, () => ({ build: globalThis.__convscope.build, isa: globalThis.__convscope.isa }));
    check(c.build === 'scalar' && c.isa === 'scalar', `without SIMD the scalar build runs (build ${c.build}, kernels ${c.isa})`);
    check(requests.some((u) => u.endsWith('/convscope-scalar.wasm')) && !requests.some((u) => u.endsWith('/convscope.wasm')),
      'only the scalar .wasm is fetched');
    check(errors.length === 0, `no console errors with the scalar build (${errors.join(' | ')})`);
    await page.close();
  }

  // 4. The strict CSP header.
  {
    const { page, errors, requests } = await open(cspOrigin + '/');
    await page.mouse.click(1200, 780);
    await page.keyboard.press('ArrowRight');
    await sleep(300);
    check(errors.length === 0, `page works under the CSP header, no violations (${errors.join(' | ')})`);
    check(requests.every((u) => u.startsWith(cspOrigin + '/')), 'under CSP, no request leaves the origin');
    await page.close();
    const embed = await open(cspOrigin + '/embed.html?scene=scenes/chapter.json&controls=minimal');
    const shape = await get(embed.page, () => globalThis.__convscope.scene);
    check(embed.errors.length === 0 && /^8x8x1/.test(shape), `embed.html with a scene file works under the CSP header (${shape}${embed.errors.length ? '; ' + embed.errors.join(' | ') : ''})`);
    await embed.page.close();
  }
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
