// module_browser.mjs - the JS module in a browser: headless Chromium (Debian's, via
// playwright-core) imports convscope_core.mjs over HTTP under the app's strict CSP, runs
// conv2d / pool2d / run, and loads the scalar build beside it. Node is covered by
// module_api.mjs; this checks the browser half of "Node 18+ and browsers".
//   node tests/js/module_browser.mjs [--build build/wasm] [--scalar build/wasm-scalar]
// (the two build folders are served from their common parent, as siblings.)
// Prints `N passed, M failed`; exits 1 on any failure.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {launchBrowser} from '../browser/browser.mjs';
import {startServer} from '../../scripts/static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let buildDir = path.join(ROOT, 'build/wasm');
let scalarDir = path.join(ROOT, 'build/wasm-scalar');
for (let i = 2; i < process.argv.length; ++i) {
  if (process.argv[i] === '--build') buildDir = path.resolve(process.argv[++i]);
  else if (process.argv[i] === '--scalar') scalarDir = path.resolve(process.argv[++i]);
  else {
    console.error('usage: module_browser.mjs [--build DIR] [--scalar DIR]');
    process.exit(2);
  }
}
const serveRoot = path.dirname(buildDir);
if (path.dirname(scalarDir) !== serveRoot) {
  console.error(`error: ${buildDir} and ${scalarDir} must be sibling folders`);
  process.exit(2);
}
const simdPath = `/${path.basename(buildDir)}/`;
const scalarPath = `/${path.basename(scalarDir)}/`;
const haveScalar = fs.existsSync(path.join(scalarDir, 'convscope_core_scalar_wasm.mjs'));

const server = await startServer(serveRoot, {port: 0, csp: true});
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launchBrowser();
let passed = 0;
let failed = 0;
try {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Failed requests are reported by URL below (the console line has none); the
  // browser's own favicon request is not ours.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  // Any page of the origin will do; the module is imported into it.
  await page.goto(`${origin}${simdPath}convscope_core.mjs`);
  const results = await page.evaluate(async ({withScalar, simdPath, scalarPath}) => {
    const out = {};
    const cs = await import(`${simdPath}convscope_core.mjs`);
    out.isa = cs.isa;
    const x = Float32Array.from({length: 9}, (_, i) => i + 1);
    const r = cs.conv2d(x, [3, 3, 1], new Float32Array(9).fill(1), [3, 3, 1, 1], null, {padding: 'same'});
    out.conv = {shape: r.shape, data: Array.from(r.data), typed: r.data instanceof Float32Array};
    out.pool = Array.from(cs.pool2d(x, [3, 3, 1], {type: 'average', padding: 'same'}).data);
    out.run = JSON.parse(cs.run({version: 1, input: {shape: [2, 2, 1], data: [1, 2, 3, 4]},
      layers: [{type: 'MaxPooling2D', pool_size: 2}]}));
    try {
      cs.conv2d(x, [3, 3, 1], new Float32Array(9), [3, 3, 1, 1], null, {strides: 0});
    } catch (e) {
      out.error = `${e.name}: ${e.message}`;
    }
    if (withScalar) {
      const scalar = await cs.load({variant: 'scalar', baseUrl: scalarPath});
      out.scalarIsa = scalar.isa;
      out.scalarConv = Array.from(scalar.conv2d(x, [3, 3, 1], new Float32Array(9).fill(1), [3, 3, 1, 1], null, {padding: 'same'}).data);
    }
    return out;
  }, {withScalar: haveScalar, simdPath, scalarPath});
  const expect = (name, got, want) => {
    if (JSON.stringify(got) === JSON.stringify(want)) {
      passed++;
    } else {
      failed++;
      console.error(`FAIL ${name}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    }
  };
  const convWant = [12, 21, 16, 27, 45, 33, 24, 39, 28];
  expect('isa', results.isa, 'wasmsimd');
  expect('conv2d', results.conv, {shape: [3, 3, 1], data: convWant, typed: true});
  expect('pool2d average same', results.pool, [3, 4.5, 7.5, 9]);
  expect('run', results.run, {outputs: [{shape: [1, 1, 1], data: [4]}]});
  expect('error', results.error, 'ConvScopeError: strides: strides must be between 1 and 16, got 0');
  if (haveScalar) {
    expect('scalar isa', results.scalarIsa, 'scalar');
    expect('scalar conv2d', results.scalarConv, convWant);
  } else {
    failed++;
    console.error(`FAIL scalar: no build in ${scalarDir} (bash scripts/build.sh wasm-scalar)`);
  }
  expect('no page or console errors', problems, []);
} catch (e) {
  failed++;
  console.error(`FAIL ${e.message}`);
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
