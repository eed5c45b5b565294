// export.mjs - the Network tab's Export in headless Chromium under the strict
// CSP (issue 12's round trip): the chapter's .keras opens through the Worker,
// Save .keras and Save as TF.js (the JS API's exportModel, what the buttons
// do) download the files the Worker wrote, both reopen in the page as a
// student's dropped files, and the model answers the same to 1e-6.
// Screenshots with the Save buttons at laptop and phone size go to OUT_DIR.
//   node tests/browser/export.mjs WEB_DIR [OUT_DIR]
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

async function open(viewport) {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const errors = [], downloads = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.goto(`${origin}/index.html#tab=network`);
  await page.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 2, null, { timeout: 30000 });
  await page.evaluate(() => globalThis.__convscope.openChapterModel());
  await page.waitForFunction(() => /28x28x1, 8 layers/.test(globalThis.__convscope.scene), null, { timeout: 60000 }).catch(async (e) => { console.error("scene: " + await page.evaluate(() => globalThis.__convscope.scene) + " errors: " + errors.join(" | ")); throw e; });
  await sleep(300);
  await page.mouse.move(5, 5);
  await sleep(300);
  return { page, errors, downloads };
}

const probabilities = (page) => page.evaluate(() => globalThis.__convscope.probabilities);

async function exportAs(page, format) {
  await page.evaluate((f) => { globalThis.__convscope.lastExport = null; globalThis.__convscope.exportModel(f); }, format);
  await page.waitForFunction(() => globalThis.__convscope.lastExport, null, { timeout: 60000 });
  return page.evaluate(() => globalThis.__convscope.lastExport);
}

// The exported files handed back in as a student drops them; waits for the reopened model's answer.
async function reopen(page) {
  await page.evaluate(() => { globalThis.__convscope.probabilitiesText = ''; globalThis.__convscope.probabilities = null; });
  await page.evaluate(() => globalThis.__convscope.deliverFiles(
    globalThis.__convscope.exportedFiles.map((f) => new File([f.bytes], f.name))));
  await page.waitForFunction(() => (globalThis.__convscope.probabilities ?? []).length === 10, null, { timeout: 60000 });
  await sleep(200);
  return probabilities(page);
}

const maxDiff = (a, b) => (a && b && a.length === b.length ? Math.max(...a.map((v, i) => Math.abs(v - b[i]))) : Infinity);

try {
  if (outDir) fs.mkdirSync(outDir, { recursive: true });
  const { page, errors, downloads } = await open({ width: 1280, height: 800 });
  const want = await probabilities(page);
  check(want?.length === 10 && Math.abs(want.reduce((a, b) => a + b, 0) - 1) < 1e-5,
    `the chapter's model answers with 10 probabilities (${JSON.stringify(want?.map((v) => +v.toFixed(4)))})`);
  if (outDir) await page.screenshot({ path: path.join(outDir, 'export-1280x800.png') });

  const keras = await exportAs(page, 'keras');
  check(keras.ok && keras.files.length === 1 && keras.files[0].name === 'convscope-model.keras' && keras.files[0].size > 1000,
    `Save .keras gives one file (${JSON.stringify(keras)})`);
  await sleep(300);
  check(/notice: .*convscope-model\.keras/.test(await page.evaluate(() => globalThis.__convscope.scene)),
    'a notice names the file saved');
  const fromKeras = await reopen(page);
  check(maxDiff(fromKeras, want) <= 1e-6, `the reopened .keras answers the same (max difference ${maxDiff(fromKeras, want)})`);

  const tfjs = await exportAs(page, 'tfjs');
  check(tfjs.ok && tfjs.files.map((f) => f.name).join(',') === 'model.json,group1-shard1of1.bin',
    `Save as TF.js gives model.json and its shard (${JSON.stringify(tfjs)})`);
  const fromTfjs = await reopen(page);
  check(maxDiff(fromTfjs, want) <= 1e-6, `the reopened model.json answers the same (max difference ${maxDiff(fromTfjs, want)})`);
  // Class names beside the model: a labels.txt of the wrong length is a message naming it; the right one names the bars.
  const labels = (text) => page.evaluate((t) => globalThis.__convscope.deliverFiles([new File([t], 'labels.txt')]), text);
  await labels('a\nb\nc\nd\ne\nf\ng\nh\ni\n');
  await sleep(400);
  check(/notice: .*labels\.txt.*has 9 names, but the model has 10 outputs/.test(await page.evaluate(() => globalThis.__convscope.scene)),
    'a labels.txt with 9 names for 10 outputs gets a message naming the file');
  await labels(['T-shirt', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'].map((n) => 'my ' + n).join('\n'));
  await sleep(400);
  await page.mouse.move(9, 9);
  await sleep(300);
  if (outDir) await page.screenshot({ path: path.join(outDir, 'labels-1280x800.png') });
  await sleep(500);
  check(['convscope-model.keras', 'model.json', 'group1-shard1of1.bin'].every((n) => downloads.includes(n)),
    `the browser was handed the downloads (${downloads.join(', ')})`);
  check(errors.length === 0, `no page errors (${errors.join(' | ')})`);
  await page.close();

  const phone = await open({ width: 390, height: 844 });
  if (outDir) await phone.page.screenshot({ path: path.join(outDir, 'export-390x844.png') });
  await phone.page.close();
} catch (e) {
  failed++;
  console.error('FAIL: ' + (e && e.stack ? e.stack : e));
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
