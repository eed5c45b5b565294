// embed.mjs - ConvScope inside other pages, in headless Chromium:
// two instances on one host page through the JS API (web/convscope.mjs);
// padding changed through the API changes the output shape; malformed
// states rejected whole; iframes sized by their height messages; the
// postMessage API across origins, with a foreign origin ignored and
// malformed payloads answered with an error.
//   node tests/browser/embed.mjs WEB_DIR SCALAR_WEB_DIR
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { startServer } from '../../scripts/static-server.mjs';

const [dir, scalarDir] = process.argv.slice(2);
const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convscope-host-'));
fs.writeFileSync(path.join(hostDir, 'host.html'), `<!doctype html><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">
<h1>A course page</h1><p>Some text before.</p><div id="a"></div><p>Between.</p><div id="b"></div><p>After.</p>`);
const also = [dir, ...(scalarDir ? [scalarDir] : [])];
const hostServer = await startServer(hostDir, { port: 0, also });   // origin A: host + app
const appServer = await startServer(dir, { port: 0, also: also.slice(1) });  // origin B: app only
const A = `http://127.0.0.1:${hostServer.address().port}`;
const B = `http://127.0.0.1:${appServer.address().port}`;
const browser = await launchBrowser();
let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log('ok: ' + what); } else { failed++; console.error('FAIL: ' + what); }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function hostPage() {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()} for ${r.url()}`); });
  await page.goto(A + '/host.html');
  return { page, errors };
}
const frameOf = (page, part) => page.frames().find((f) => f.url().includes(part));

try {
  // 1. Two instances through the JS API on one host page.
  {
    const { page, errors } = await hostPage();
    await page.evaluate(async () => {
      const { createConvScope } = await import('/convscope.mjs');
      const scene = await (await fetch('/scenes/chapter.json')).json();
      globalThis.heights = [];
      globalThis.a = createConvScope(document.getElementById('a'), { scene });
      globalThis.b = createConvScope(document.getElementById('b'), { lang: 'en', controls: 'minimal' });
      globalThis.changes = [];
      a.on('change', (s) => changes.push(s));
      a.on('height', (h) => heights.push(h));
      await Promise.all([a.ready, b.ready]);
    });
    const titles = await page.evaluate(() => [a.getState().scene?.title, b.getState().scene?.title]);
    check(titles[0] && titles[0].startsWith('A handwritten 7: two edge filters') && titles[1] && titles[0] !== titles[1],
      `two instances hold different scenes ('${titles[0]}' / '${titles[1]}')`);
    const fa = frameOf(page, 'id=cs1'), fb = frameOf(page, 'id=cs2');
    await fa.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 2);
    await fb.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 2);
    const shapeA = await fa.evaluate(() => globalThis.__convscope.scene);
    check(/walked layer -> 8x8x2/.test(shapeA), `instance A runs the chapter scene (${shapeA})`);

    // Padding through the API: 'same' -> 'valid' makes 8x8 -> 6x6.
    const res = await page.evaluate(async () => {
      const scene = structuredClone(a.getState().scene);
      scene.layers[0].padding = 'valid';
      const s = await a.setState(scene);
      return { padding: s.scene.layers[0].padding, changes: changes.length };
    });
    await fa.waitForFunction(() => /walked layer -> 6x6x2/.test(globalThis.__convscope.scene), null, { timeout: 5000 }).catch(() => {});
    const shapeA2 = await fa.evaluate(() => globalThis.__convscope.scene);
    check(res.padding === 'valid' && /walked layer -> 6x6x2/.test(shapeA2), `padding 'valid' through the API: output ${shapeA2}`);
    const shapeB = await fb.evaluate(() => globalThis.__convscope.scene);
    check(!/6x6x2/.test(shapeB), 'the other instance is untouched');
    await sleep(300);
    check((await page.evaluate(() => changes.at(-1)?.scene?.layers?.[0]?.padding)) === 'valid', "a 'change' event carries the new scene");

    // Malformed states: rejected with a message, nothing applied.
    const before = await page.evaluate(() => a.getState().fragment);
    const rejects = await page.evaluate(async () => {
      const out = [];
      for (const bad of [{ colour: 'red' }, { step: 99999 }, { step: 1, tab: 'nowhere' }, 42,
        { scene: { version: 1, input: { shape: [0, 0, 1] }, layers: [] } }]) {
        try { await a.setState(bad); out.push('applied'); } catch (e) { out.push(e.message); }
      }
      return out;
    });
    console.log('rejections: ' + rejects.join(' | '));
    check(rejects.every((m) => m !== 'applied' && m.length > 5), 'malformed states are rejected with a message');
    await sleep(300);
    check((await page.evaluate(() => a.getState().fragment)) === before &&
      (await fa.evaluate(() => globalThis.__convscope.state)) === before, 'a rejected state changes nothing');

    // Sized by the height messages; a wider container gives a taller frame.
    const h1 = await page.evaluate(() => ({ css: a.element.getBoundingClientRect().height, last: heights.at(-1) }));
    check(h1.last > 300 && Math.abs(h1.css - h1.last) < 1, `iframe height follows its message (${h1.css} px, reported ${h1.last})`);
    await page.evaluate(() => { document.getElementById('a').style.width = '400px'; });
    await page.waitForFunction(() => heights.at(-1) !== undefined && Math.abs(a.element.getBoundingClientRect().height - heights.at(-1)) < 1 && heights.length > 1,
      null, { timeout: 5000 }).catch(() => {});
    const h2 = await page.evaluate(() => ({ css: a.element.getBoundingClientRect().height, all: heights }));
    check(h2.all.length > 1 && Math.abs(h2.css - h2.all.at(-1)) < 1, `resized container: heights ${h2.all.join(' -> ')}`);
    await page.evaluate(() => { b.destroy(); });
    check((await page.evaluate(() => document.querySelectorAll('iframe').length)) === 1, 'destroy() removes the instance');
    check(errors.length === 0, `no console errors on the host page (${errors.join(' | ')})`);
    await page.close();
  }

  // 2. Cross-origin postMessage API with an allow-list.
  {
    const { page, errors } = await hostPage();
    await page.evaluate(({ B, A }) => {
      globalThis.got = [];
      addEventListener('message', (e) => {
        if (e.data && e.data.source === 'convscope') {
          got.push(e.data);
          const f = [...document.querySelectorAll('iframe')].find((x) => x.contentWindow === e.source);
          if (e.data.type === 'convscope:height' && f) f.style.height = e.data.height + 'px';  // the host sizes it
        }
      });
      for (const [id, origins] of [['open', ''], ['allowed', A]]) {
        const f = document.createElement('iframe');
        f.id = id;
        f.style.width = '700px';
        f.src = `${B}/embed.html?id=${id}` + (origins ? `&origins=${encodeURIComponent(origins)}`
          : '&scene=scenes/chapter.json&controls=minimal&readonly');
        document.body.append(f);
      }
    }, { A, B });
    await page.waitForFunction(() => got.filter((m) => m.type === 'convscope:height').length >= 2, null, { timeout: 30000 });
    const fo = frameOf(page, 'id=open'), fl = frameOf(page, 'id=allowed');
    await fo.waitForFunction(() => globalThis.__convscope?.state);
    await fl.waitForFunction(() => globalThis.__convscope?.state);
    const hs = await page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.getBoundingClientRect().height));
    check(hs.every((h) => h >= 400), `cross-origin iframes sized by their height messages (${hs.join(', ')} px)`);
    check(!(await page.evaluate(() => got.some((m) => m.id === 'open' && m.type !== 'convscope:height'))),
      'an embed that does not allow the host sends it nothing but its height');

    const openScene = await fo.evaluate(() => globalThis.__convscope.scene);
    check(/^8x8x1/.test(openScene), `embed.html?scene=scenes/chapter.json opens that scene (${openScene})`);
    const stOpen = await fo.evaluate(() => globalThis.__convscope.state);
    await page.evaluate(() => document.getElementById('open').contentWindow.postMessage(
      { type: 'convscope:setState', state: { step: 3 }, requestId: 1 }, '*'));
    await sleep(500);
    check((await fo.evaluate(() => globalThis.__convscope.state)) === stOpen, 'a message from a foreign origin is ignored');

    await page.evaluate(() => document.getElementById('allowed').contentWindow.postMessage(
      { type: 'convscope:setState', state: { step: 3 }, requestId: 2 }, '*'));
    await page.waitForFunction(() => got.some((m) => m.requestId === 2), null, { timeout: 5000 }).catch(() => {});
    const applied = await page.evaluate(() => got.find((m) => m.requestId === 2));
    check(applied && applied.type === 'convscope:applied' && applied.state.step === 3, 'an allowed origin sets the step');
    const stAllowed = await fl.evaluate(() => globalThis.__convscope.state);
    for (const [n, payload] of [[3, 'hello'], [4, { type: 'convscope:setState', state: 42 }],
      [5, { type: 'convscope:setState', state: { step: 2, lang: 'xx' } }], [6, { type: 'convscope:explode' }]]) {
      await page.evaluate(({ n, payload }) => document.getElementById('allowed').contentWindow.postMessage(
        typeof payload === 'string' ? payload : { ...payload, requestId: n }, '*'), { n, payload });
    }
    await sleep(600);
    const errs = await page.evaluate(() => got.filter((m) => m.type === 'convscope:error').map((m) => m.message));
    console.log('errors answered: ' + errs.join(' | '));
    check(errs.length === 4, `malformed payloads are answered with an error message (${errs.length} of 4)`);
    check((await fl.evaluate(() => globalThis.__convscope.state)) === stAllowed, 'malformed payloads change nothing (not even the valid step in one)');
    check(errors.length === 0, `no console errors on the cross-origin host (${errors.join(' | ')})`);
    await page.close();
  }

  // 3. readonly: an edit by the student (typing a kernel weight) is taken
  // back; the same edit without readonly changes the scene.
  {
    const results = {};
    let found = null;  // vertical offset of the walk panel (the toolbar may wrap to 2 rows)
    for (const mode of ['controls=minimal', 'controls=minimal&readonly']) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${B}/embed.html?${mode}`);
      await page.waitForFunction(() => globalThis.__convscope?.state, null, { timeout: 30000 });
      await sleep(500);
      const sceneOf = () => page.evaluate(() => /scene=([^&]+)/.exec(globalThis.__convscope.state)[1]);
      const before = await sceneOf();
      for (const dy of found === null ? [0, 32, 64] : [found]) {
        await page.mouse.click(462, 186 + dy);  // the kernel's first weight (minimal layout, 1280 px)
        await sleep(300);
        await page.mouse.dblclick(516, 348 + dy);  // its "weight" field below the kernel: type a value
        await sleep(200);
        await page.keyboard.press('Control+A');
        await page.keyboard.type('5');
        await page.keyboard.press('Enter');
        await sleep(600);
        results[mode] = before !== (await sceneOf());
        if (results[mode] && found === null) found = dy;
        if (results[mode]) break;
      }
      if (found === null) found = 0;
      await page.close();
    }
    check(results['controls=minimal'] && !results['controls=minimal&readonly'],
      `typing a weight edits the scene (${results['controls=minimal']}), but not in a readonly embed (${results['controls=minimal&readonly']})`);
  }
} catch (err) {
  failed++;
  console.error('FAIL: ' + (err.stack || err.message));
} finally {
  await browser.close();
  hostServer.close();
  appServer.close();
  fs.rmSync(hostDir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
