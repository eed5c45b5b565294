// shots_layout.mjs - screenshots of the three layouts for docs/screenshots:
// a phone (390x844), a 900 px course-page iframe (compact) and a laptop
// (1280x800), in English and Korean; the Walk tab and the Stack tab.
//   node tests/browser/shots_layout.mjs WEB_DIR OUTDIR
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { startServer } from '../../scripts/static-server.mjs';

const [dir, out] = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convscope-shots-'));
fs.writeFileSync(path.join(hostDir, 'host.html'), `<!doctype html><meta charset="utf-8"><title>course</title><link rel="icon" href="data:,">
<body style="font:16px system-ui;margin:20px"><h1>Lesson 3: padding</h1><p>Read the text, then try the padding below.</p><div id="col" style="width:900px"></div><p>After the embed.</p>`);
const server = await startServer(hostDir, { port: 0, also: [dir] });
const A = `http://127.0.0.1:${server.address().port}`;
const browser = await launchBrowser();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ready = (f) => f.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 3, null, { timeout: 30000 });
try {
  for (const lang of ['en', 'ko']) {
    for (const [name, w, h] of [['390x844', 390, 844], ['1280x800', 1280, 800]]) {
      const page = await browser.newPage({ viewport: { width: w, height: h } });
      await page.goto(`${A}/index.html#v=1&tab=walk&lang=${lang}`);
      await ready(page);
      await sleep(800);
      await page.screenshot({ path: path.join(out, `layout-${name}-${lang}.png`) });
      await page.close();
    }
    const page = await browser.newPage({ viewport: { width: 960, height: 900 } });
    await page.goto(`${A}/index.html`);
    await page.waitForFunction(() => globalThis.__convscope?.embedSnippet, null, { timeout: 30000 });
    const snippet = await page.evaluate((u) => globalThis.__convscope.embedSnippet(u), `${A}/embed.html#v=1&tab=walk&lang=${lang}`);
    await page.goto(`${A}/host.html`);
    await page.evaluate((html) => document.getElementById('col').append(document.createRange().createContextualFragment(html)), snippet);
    let frame = null;
    for (let i = 0; i < 100 && !frame; i++) { frame = page.frames().find((f) => f.url().includes('/embed.html')); if (!frame) await sleep(100); }
    await ready(frame);
    await sleep(1200);
    await page.screenshot({ path: path.join(out, `layout-900-iframe-${lang}.png`), fullPage: true });
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
  fs.rmSync(hostDir, { recursive: true, force: true });
}
