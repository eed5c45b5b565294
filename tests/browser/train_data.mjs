// train_data.mjs - training in the page beyond the bundled digits, in
// headless Chromium under the strict CSP: the student's own idx files
// (picked or dropped: here handed in as Files) become the training set with
// 20% kept for validation, and the model trains on them; a pair missing its
// labels gets a message naming the file; three runs of two epochs on the
// digits (six epochs) leave the engine's memory where the first run left it
// and the JS heap within a few MB (memory flat across epochs).
//   node tests/browser/train_data.mjs WEB_DIR [OUT_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { startServer } from '../../scripts/static-server.mjs';

const [dir, outDir] = process.argv.slice(2);
const server = await startServer(dir, { port: 0, csp: true });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launchBrowser();
let passed = 0, failed = 0;
const check = (ok, what) => { if (ok) { passed++; console.log('ok: ' + what); } else { failed++; console.error('FAIL: ' + what); } };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const train = (page) => page.evaluate(() => globalThis.__convscope.train);

// 200 pictures 28x28: class k is a bright bar at rows 2k+4..2k+6 (learnable).
function idxPair(n) {
  const images = new Uint8Array(16 + n * 784), labels = new Uint8Array(8 + n);
  new DataView(images.buffer).setUint32(0, 0x803); new DataView(images.buffer).setUint32(4, n);
  new DataView(images.buffer).setUint32(8, 28); new DataView(images.buffer).setUint32(12, 28);
  new DataView(labels.buffer).setUint32(0, 0x801); new DataView(labels.buffer).setUint32(4, n);
  for (let i = 0; i < n; ++i) {
    const k = i % 10;
    labels[8 + i] = k;
    for (let y = 2 * k + 4; y < 2 * k + 7; ++y)
      for (let x = 4 + (i % 3); x < 24 - (i % 5); ++x) images[16 + i * 784 + y * 28 + x] = 255;
  }
  return { images: Array.from(images), labels: Array.from(labels) };
}

async function openSmallModel() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [], requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${origin}/index.html#tab=network`);
  await page.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 2, null, { timeout: 30000 });
  await page.evaluate(() => globalThis.__convscope.openBundled('digits-small-cnn.json'));
  await page.waitForFunction(() => /28x28x1, 6 layers/.test(globalThis.__convscope.scene), null, { timeout: 60000 });
  await sleep(300);
  await page.mouse.move(5, 5);
  await page.mouse.move(8, 8);
  await sleep(300);
  return { page, errors, requests };
}

// Scrolls the page (the wheel over the canvas) until the Train button is
// on screen, then clicks it.
async function pressTrain(page) {
  const height = page.viewportSize().height;
  for (let i = 0; i < 20; ++i) {
    const t = await train(page);
    if (t?.button && t.button[2] > 0 && t.button[1] > 0 && t.button[1] + t.button[3] < height - 4) break;
    await page.mouse.move(800, 500);
    await page.mouse.wheel(0, t?.button && t.button[1] < 0 ? -200 : 200);
    await sleep(250);
  }
  const b = (await train(page))?.button;
  if (b) await page.mouse.click(b[0] + b[2] / 2, b[1] + b[3] / 2);
  return b;
}

const waitState = (page, state, ms) => page.waitForFunction((s) => globalThis.__convscope.train?.state === s, state,
  { timeout: ms }).then(() => true, () => false);

try {
  if (outDir) fs.mkdirSync(outDir, { recursive: true });
  {  // The student's own idx files.
    const { page, errors, requests } = await openSmallModel();
    const pair = idxPair(200);
    await page.evaluate(({ images, labels }) => globalThis.__convscope.deliverData([
      new File([new Uint8Array(images)], 'bars-images-idx3-ubyte'),
      new File([new Uint8Array(labels)], 'bars-labels-idx1-ubyte')]), pair);
    const read = await page.waitForFunction(() => globalThis.__convscope.train?.train_n > 0, null, { timeout: 30000 })
      .then(() => true, () => false);
    const t = await train(page);
    check(read && t.train_n === 160 && t.val_n === 40 && /bars-images-idx3-ubyte/.test(t.data),
      `own idx files: 160 training and 40 validation examples (${JSON.stringify({ data: t.data, train_n: t.train_n, val_n: t.val_n })})`);
    await pressTrain(page);
    const done = await waitState(page, 'done', 120000);
    const after = await train(page);
    check(done && after.val_accuracy.length === 2 && after.examples === 2 * 160,
      `two epochs on them (${after.examples} examples seen, val_accuracy ${JSON.stringify(after.val_accuracy)})`);
    if (outDir) await page.screenshot({ path: path.join(outDir, 'train-own-data-1280x800.png') });
    await page.evaluate(({ images }) => globalThis.__convscope.deliverData([
      new File([new Uint8Array(images)], 'lonely-images-idx3-ubyte')]), pair);
    const named = await page.waitForFunction(() => /lonely-images-idx3-ubyte.*labels/.test(globalThis.__convscope.train?.error ?? ''),
      null, { timeout: 30000 }).then(() => true, () => false);
    check(named, `images without labels: the message names the file (${(await train(page)).error})`);
    const f0 = await page.evaluate(() => globalThis.__convscope.frames);
    await page.mouse.move(640, 400);
    await page.mouse.move(650, 410);
    await sleep(300);
    check((await page.evaluate(() => globalThis.__convscope.frames)) > f0, 'the page still draws after the refusal');
    check(errors.length === 0, `no console errors (${errors.join(' | ')})`);
    const outside = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    check(outside.length === 0, `no request leaves the origin (${outside.join(', ')})`);
    await page.close();
  }
  {  // Memory across six epochs of the digits (three runs of two).
    const { page, errors } = await openSmallModel();
    const memory = [];
    for (let run = 0; run < 3; ++run) {
      await pressTrain(page);
      await waitState(page, 'running', 60000);
      const done = await waitState(page, 'done', 180000);
      await sleep(500);
      const m = await page.evaluate(() => ({ wasm: globalThis.__convscope.wasmBytes, js: performance.memory?.usedJSHeapSize ?? 0 }));
      memory.push({ ...m, done });
      console.log(`after run ${run + 1} (${2 * (run + 1)} epochs): engine memory ${(m.wasm / 1048576).toFixed(1)} MB, ` +
        `JS heap ${(m.js / 1048576).toFixed(1)} MB${done ? '' : ' (run did not finish)'}`);
    }
    const [a, , c] = memory;
    check(memory.every((m) => m.done), `three runs of two epochs each finish (${memory.map((m) => m.done).join(', ')})`);
    check(c.wasm === a.wasm, `the engine's memory after six epochs is what it was after two (${a.wasm} -> ${c.wasm} bytes)`);
    check(c.js - a.js < 8 * 1048576, `the JS heap grows less than 8 MB from epoch 2 to epoch 6 (${((c.js - a.js) / 1048576).toFixed(2)} MB)`);
    check(errors.length === 0, `no console errors (${errors.join(' | ')})`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
