// single.mjs - the single-file build (scripts/build-web.sh --single-file)
// opened from file:// in headless Chromium: it starts with no console
// errors, requests nothing but itself, steps with the keyboard, and its URL
// hash round trip works there too.
//   node tests/browser/single.mjs path/to/convscope.html
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './browser.mjs';

const file = path.resolve(process.argv[2] || 'build/web-dist/convscope.html');
const url = pathToFileURL(file).href;
const browser = await launchBrowser();
let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log('ok: ' + what); } else { failed++; console.error('FAIL: ' + what); }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [], requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 2 && globalThis.__convscope.state, null, { timeout: 30000 });
  console.log(`single file: first frames after ${Date.now() - t0} ms`);
  const info = await page.evaluate(() => ({ build: globalThis.__convscope.build, isa: globalThis.__convscope.isa }));
  check(info.isa === 'wasmsimd', `the single file runs from file:// (build ${info.build}, kernels ${info.isa})`);
  const other = requests.filter((u) => u !== url && !u.startsWith('data:'));
  check(other.length === 0, `it requests nothing but itself (${other.join(', ') || 'none'})`);
  await page.mouse.click(1200, 780);
  const stepNow = async () => Number(/(?:^|&)step=(\d+)/.exec(await page.evaluate(() => globalThis.__convscope.state))?.[1] ?? -1);
  const first = await stepNow();  // the first screen's step (a window over the 7's strokes)
  for (let i = 0; i < 2; i++) { await page.keyboard.press('ArrowRight'); await sleep(400); }
  await sleep(300);
  const st = await page.evaluate(() => globalThis.__convscope.state);
  check((await stepNow()) === first + 2, `arrow keys step the walk (step ${first} -> ${await stepNow()})`);
  const link = await page.evaluate(() => location.href);
  const p2 = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await p2.goto(link);
  await p2.waitForFunction(() => globalThis.__convscope?.state, null, { timeout: 30000 });
  await sleep(200);
  check((await p2.evaluate(() => globalThis.__convscope.state)) === st, 'a file:// link with its hash reopens the same state');
  check(errors.length === 0, `no console errors (${errors.join(' | ')})`);
} catch (err) {
  failed++;
  console.error('FAIL: ' + (err.stack || err.message));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
