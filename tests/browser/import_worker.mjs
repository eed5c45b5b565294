// import_worker.mjs - the model file module in a Web Worker in headless Chromium
// (Debian's, via playwright-core), under the app's strict CSP: a page imports
// convscope_import.mjs, reads the textbook's .keras through workerClient() (the
// wasm runs in convscope_import_worker.mjs, off the page's thread), gets a
// damaged file's error back as a ModelFileError, writes and re-reads a .keras,
// and survives a worker that is killed mid-call or cannot start.
//   node tests/browser/import_worker.mjs BUILD_DIR
// Prints `N passed, M failed`; exits 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {launchBrowser} from './browser.mjs';
import {startServer} from '../../scripts/static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = path.resolve(process.argv[2] ?? path.join(ROOT, 'build/wasm'));
const real = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/data/modelio/real-expected.json'), 'utf8'));

// The build folder, with the repository behind it for /models/.
const server = await startServer(buildDir, {port: 0, csp: true, also: [ROOT]});
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launchBrowser();
let passed = 0;
let failed = 0;
const expect = (name, got, want) => {
  if (JSON.stringify(got) === JSON.stringify(want)) {
    passed++;
  } else {
    failed++;
    console.error(`FAIL ${name}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
};
try {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text()}`);
  });
  await page.goto(`${origin}/convscope_import.mjs`);
  const r = await page.evaluate(async () => {
    const out = {};
    const {workerClient, ModelFileError} = await import('/convscope_import.mjs');
    const client = workerClient();
    const bytes = new Uint8Array(await (await fetch('/models/best-cnn-model.keras')).arrayBuffer());
    const t0 = performance.now();
    const m = await client.readModel([{name: 'best-cnn-model.keras', bytes}]);
    out.readMs = performance.now() - t0;
    out.layers = m.layers.map((l) => [l.name, l.className]);
    const kernel = m.layers[1].arrays[0];
    out.kernel = {shape: kernel.shape, first: Array.from(kernel.data.subarray(0, 5)), typed: kernel.data instanceof Float32Array};
    try {
      await client.readModel([{name: 'cut.keras', bytes: bytes.slice(0, 1000)}]);
    } catch (e) {
      out.error = {isModelFileError: e instanceof ModelFileError, where: e.where, message: e.message};
    }
    const written = await client.writeKeras(m);
    out.rereadLayers = (await client.readModel([{name: 'w.keras', bytes: written}])).layers.length;
    const pendingCall = client.readModel([{name: 'best-cnn-model.keras', bytes}]);
    client.terminate();
    try {
      await pendingCall;
    } catch (e) {
      out.terminated = `${e.where}: ${e.message}`;
    }
    out.afterRestart = (await client.readModel([{name: 'w.keras', bytes: written}])).layers.length;
    const broken = workerClient(new URL('/no-such-worker.mjs', location.href));
    try {
      await broken.readModel([{name: 'w.keras', bytes: written}]);
    } catch (e) {
      out.noWorker = {isModelFileError: e instanceof ModelFileError, where: e.where};
    }
    client.terminate();
    return out;
  });
  expect('layers', r.layers, real.keras.layers.map((l) => [l.name, l.class_name]));
  expect('conv2d kernel', r.kernel, {shape: [3, 3, 1, 32], first: real.keras.arrays.conv2d[0].first.map(Math.fround), typed: true});
  expect('damaged file: an error message', r.error, {isModelFileError: true, where: 'cut.keras',
    message: 'is not a readable zip archive: its directory is missing or damaged (is the file cut short?)'});
  expect('written .keras reads back', r.rereadLayers, 9);
  expect('killed worker: the pending call fails', r.terminated, 'worker: terminated');
  expect('a new worker after that', r.afterRestart, 9);
  expect('worker that cannot start: an error', r.noWorker, {isModelFileError: true, where: 'worker'});
  expect('no page or console errors', problems, []);
  console.log(`read best-cnn-model.keras in the worker in ${r.readMs.toFixed(0)} ms (first call, with loading)`);
} catch (e) {
  failed++;
  console.error(`FAIL ${e.message}`);
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
