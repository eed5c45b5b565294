// soak.mjs - the served page in headless Chromium for FRAMES animation frames
// (default 10,000) with PER_FRAME (default 10) random actions each: state
// changes through the page's own API (links, and the JSON states postMessage
// and the JS API carry: scene, tab, layer, filter, step), arrow keys, Space (play) and pointer
// moves over the canvas. Checks: no console or page errors, the app keeps
// drawing, states are applied or refused with a reason, and the WebAssembly
// memory and the JS heap (after a forced GC) stop growing. Prints the figures docs/reliability.md quotes.
//   node tests/browser/soak.mjs WEB_DIR [FRAMES] [PER_FRAME]
import { launchBrowser } from './browser.mjs';
import { startServer } from '../../scripts/static-server.mjs';

const [dir, framesArg, perFrameArg] = process.argv.slice(2);
const FRAMES = Number(framesArg || 10000);
const PER_FRAME = Number(perFrameArg || 10);
const WARM_UP = Math.min(1000, Math.floor(FRAMES / 10));
const server = await startServer(dir, { port: 0 });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launchBrowser();
let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log('ok: ' + what); } else { failed++; console.error('FAIL: ' + what); }
}

// Small valid scenes of every layer kind (and one the engine refuses), as
// base64url JSON the way links carry them.
const b64 = (s) => Buffer.from(s).toString('base64url');
const scenes = [
  { version: 1, input: { shape: [6, 6, 1], data: Array.from({ length: 36 }, (_, i) => i % 7) },
    layers: [{ type: 'Conv2D', filters: 2, kernel_size: 3, padding: 'same', activation: 'relu',
      kernel: Array.from({ length: 18 }, (_, i) => (i % 5) - 2) }, { type: 'MaxPooling2D', pool_size: 2 }] },
  { version: 1, input: { shape: [5, 5, 2], data: Array.from({ length: 50 }, (_, i) => (i % 3 ? i : 'NaN')) },
    layers: [{ type: 'AveragePooling2D', pool_size: 2, strides: 1, padding: 'same', count_include_pad: true },
      { type: 'Conv2D', filters: 1, kernel_size: [2, 3], strides: 2, dilation_rate: 1, padding: 'full',
        kernel: [1, 'Infinity', 0, 1, 1, 0, 1, 1, 0, 1, 1, 0] }] },
  { version: 1, input: { shape: [12, 1], data: Array.from({ length: 12 }, (_, i) => Math.sin(i)) },
    layers: [{ type: 'Conv1D', filters: 2, kernel_size: 3, padding: 'same', kernel: [1, 0, 0, 1, -1, 0] },
      { type: 'MaxPooling1D', pool_size: 2 }] },
  { version: 1, input: { shape: [3, 3, 1], data: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
    layers: [{ type: 'Conv2D', filters: 1, kernel_size: 5, kernel: Array(25).fill(1) }] },  // refused: 5x5 on 3x3
].map((s) => b64(JSON.stringify(s)));
const tabs = ['walk', 'stack', 'code', 'image', '1d'];

const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
const errors = [];
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(e.message));
page.on('crash', () => errors.push('the page crashed'));
// Keep every WebAssembly memory the page instantiates (Emscripten exports its
// memory from the module). CDP's Runtime.queryObjects would find them too,
// but crashes this Chromium's renderer.
await page.addInitScript(() => {
  const memories = (globalThis.__soakMemories = []);
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result.instance;
    for (const v of Object.values(instance.exports)) if (v instanceof WebAssembly.Memory) memories.push(v);
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
});
await page.goto(origin + '/index.html');
try {
  await page.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 2 && globalThis.__convscope.applyState,
    null, { timeout: 60000 });
} catch (e) {
  console.error(`FAIL: the page did not start (${e.message.split('\n')[0]}); errors: ${errors.join(' | ')}`);
  console.log('0 passed, 1 failed');
  await browser.close();
  process.exit(1);
}
const cdp = await page.context().newCDPSession(page);
await cdp.send('HeapProfiler.enable');

// Bytes of the page's WebAssembly memories, and the JS heap after a GC.
async function memory() {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => globalThis.__soakMemories.reduce((n, m) => n + m.buffer.byteLength, 0));
  return { wasm, js: heap.usedSize };
}

// One batch of frames inside the page: each frame one action, then wait for
// the app to draw (requestAnimationFrame plus the app's own frame counter).
async function run(frames, seed) {
  return page.evaluate(async ({ frames, seed, scenes, tabs, perFrame }) => {
    let x = seed >>> 0;
    const rnd = (n) => { x = (Math.imul(x ^ (x >>> 15), 2246822507) + 0x9e3779b9) >>> 0; return x % n; };
    const app = globalThis.__convscope;
    const canvas = document.getElementById('canvas');
    let refused = 0, applied = 0;
    const reasons = new Set();
    for (let n = 0; n < frames * perFrame; n++) {
      const a = rnd(100);
      if (a < 45) {
        const parts = ['v=1'];
        if (rnd(8) === 0) parts.push('scene=' + scenes[rnd(scenes.length)]);
        if (rnd(2)) parts.push('tab=' + tabs[rnd(tabs.length)]);
        if (rnd(2)) parts.push('layer=' + rnd(3));
        if (rnd(2)) parts.push('step=' + rnd(40));
        if (rnd(3) === 0) parts.push('filter=' + rnd(3));
        // Every fourth one as a postMessage / JS API state (JSON), the rest as links.
        const fragment = parts.join('&');
        const error = rnd(4) === 0
          ? app.applyMessage(JSON.stringify(Object.fromEntries(parts.slice(1).map((p) => p.split('=')).map(([k, v]) =>
            [k, k === 'scene' ? JSON.parse(atob(v.replace(/-/g, '+').replace(/_/g, '/'))) : /^\d+$/.test(v) ? Number(v) : v]))))
          : app.applyState(fragment);
        if (error) { refused++; reasons.add(error.replace(/[0-9]+/g, 'N')); } else applied++;
      } else if (a < 75) {
        const key = ['ArrowRight', 'ArrowLeft', 'ArrowRight', ' '][rnd(4)];
        canvas.dispatchEvent(new KeyboardEvent('keydown', { key, code: key === ' ' ? 'Space' : key, bubbles: true }));
        canvas.dispatchEvent(new KeyboardEvent('keyup', { key, code: key === ' ' ? 'Space' : key, bubbles: true }));
      } else {
        const r = canvas.getBoundingClientRect();
        canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: r.left + rnd(r.width), clientY: r.top + rnd(r.height), bubbles: true }));
      }
      if (n % perFrame === perFrame - 1) await new Promise(requestAnimationFrame);
    }
    return { refused, applied, reasons: [...reasons], frames: app.frames, state: app.state };
  }, { frames, seed, scenes, tabs, perFrame: PER_FRAME });
}

const t0 = Date.now();
const first = await run(WARM_UP, 1);
const warm = await memory();
let refused = first.refused, applied = first.applied;
const reasons = new Set(first.reasons);
const BATCH = 100;
const series = [warm.wasm];
let half = null;
for (let done = WARM_UP, seed = 2; done < FRAMES; done += BATCH, seed++) {
  const r = await run(Math.min(BATCH, FRAMES - done), seed);
  refused += r.refused;
  applied += r.applied;
  r.reasons.forEach((x) => reasons.add(x));
  const m = await memory();
  series.push(m.wasm);
  if (half === null && done + BATCH >= FRAMES / 2) half = m;
}
const end = await memory();
half = half || end;
const seconds = (Date.now() - t0) / 1000;
const drawn = await page.evaluate(() => globalThis.__convscope.frames);
console.log(`soak: refusals seen: ${[...reasons].slice(0, 6).join(' | ')}`);
console.log(`soak: ${FRAMES} frames x ${PER_FRAME} actions in ${seconds.toFixed(1)} s; ${applied} states applied, ${refused} refused; app frames drawn ${drawn}`);
console.log(`soak: wasm memory ${warm.wasm / 1024} KiB after ${WARM_UP} frames, ${half.wasm / 1024} KiB at half-way, ${end.wasm / 1024} KiB at the end (growth ${(end.wasm - warm.wasm) / 1024} KiB; second half ${(end.wasm - half.wasm) / 1024} KiB)`);
console.log(`soak: wasm memory every ${BATCH} frames (MiB): ${series.map((b) => (b / 1048576).toFixed(1)).join(' ')}`);
console.log(`soak: JS heap (after GC) ${(warm.js / 1024).toFixed(0)} KiB after warm-up, ${(half.js / 1024).toFixed(0)} KiB at half-way, ${(end.js / 1024).toFixed(0)} KiB at the end (growth ${((end.js - warm.js) / 1024).toFixed(0)} KiB)`);
check(warm.wasm > 0, 'the WebAssembly memory was found');
check(errors.length === 0, `no console or page errors${errors.length ? ': ' + errors.slice(0, 3).join(' | ') : ''}`);
check(applied > 0 && refused > 0, 'links were applied, and the refused scene was refused');
check(drawn > first.frames, `the app kept drawing (${drawn} frames in all)`);
// WebAssembly memory only grows, in steps of a few MiB, when the heap first
// needs more (image mode's maps are the largest); a leak keeps growing, so
// the second half may add at most one such step.
check(end.wasm - half.wasm <= 4 << 20 && end.wasm - warm.wasm <= 16 << 20,
  'WebAssembly memory flat in the second half (at most 4 MiB; 16 MiB above warm-up)');
check(end.js - half.js <= 1 << 20 && end.js - warm.js <= 4 << 20,
  'JS heap flat after warm-up (after GC: at most 1 MiB over the second half, 4 MiB in all)');
await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
