// digits_fetch.mjs - web/digits.mjs against the web folder served on
// loopback: the bytes equal digits.bin, progress rises to 1, a missing or
// foreign file is an error; and the default page does not reference it.
//   node tests/js/digits_fetch.mjs WEB_DIR
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.resolve(process.argv[2] || path.join(root, 'build/wasm/web'));
const { startServer } = await import(pathToFileURL(path.join(root, 'scripts/static-server.mjs')).href);
const { fetchDigits } = await import(pathToFileURL(path.join(dir, 'digits.mjs')).href);
const server = await startServer(dir, { port: 0 });
await new Promise((r) => (server.listening ? r() : server.once('listening', r)));
const origin = `http://127.0.0.1:${server.address().port}`;
try {
  const seen = [];
  const t0 = performance.now();
  const d = await fetchDigits({ url: `${origin}/digits.bin`, onProgress: (f) => seen.push(f) });
  const ms = performance.now() - t0;
  const file = fs.readFileSync(path.join(dir, 'digits.bin'));
  assert.equal(d.count, 10000);
  assert.equal(d.rows, 28);
  assert.equal(d.cols, 28);
  assert.ok(Buffer.from(d.bytes).equals(file), 'fetched bytes equal digits.bin');
  assert.ok(seen.length > 2 && seen.at(-1) === 1, `progress ends at 1 (${seen.length} steps)`);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1], 'progress never goes back');
  await assert.rejects(fetchDigits({ url: `${origin}/nothing.bin` }), /404/);
  await assert.rejects(fetchDigits({ url: `${origin}/main.js` }), /not a ConvScope digits file/);
  // Not part of the default page: no page preloads it, no static import pulls it in
  // (scripts/bench-web.sh measures what the page really fetches).
  for (const f of ['index.html', 'embed.html']) {
    assert.ok(!fs.readFileSync(path.join(dir, f), 'utf8').includes('digits'), `${f} does not load the digits`);
  }
  assert.ok(!/^\s*import\s[^(]*digits/m.test(fs.readFileSync(path.join(dir, 'main.js'), 'utf8')),
    'main.js does not import digits.mjs statically');
  console.log(`digits_fetch: ok (${file.length} bytes over loopback in ${ms.toFixed(0)} ms, ${seen.length} progress steps)`);
} finally {
  server.close();
}
