// static-server.mjs - a small static file server for the web build.
// Used by scripts/serve.sh and the browser tests. Binds to 127.0.0.1 only,
// serves .wasm as application/wasm, and can send the strict CSP header.
// Files missing from DIR are looked up in each --also DIR (the tests serve
// the SIMD and the scalar build folders as one site this way).
//   node scripts/static-server.mjs DIR [--also DIR2] [--port N] [--csp]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.txt': 'text/plain',
};
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

export function startServer(root, { port = 0, csp = false, host = '127.0.0.1', also = [] } = {}) {
  const bases = [root, ...also].map((r) => path.resolve(r));
  const server = http.createServer((req, res) => {
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch {
      res.writeHead(400).end('bad request'); return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const candidates = bases.map((b) => [b, path.resolve(b, '.' + rel)]);
    if (candidates.some(([b, f]) => !f.startsWith(b + path.sep))) { res.writeHead(403).end('forbidden'); return; }
    const tryNext = (i) => {
      if (i >= candidates.length) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: ' + rel);
        return;
      }
      const file = candidates[i][1];
      fs.readFile(file, (err, data) => {
        if (err) { tryNext(i + 1); return; }
        const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
                          'cache-control': 'no-cache' };
        if (csp) headers['content-security-policy'] = CSP;
        res.writeHead(200, headers).end(data);
      });
    };
    tryNext(0);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--port' && args[i - 1] !== '--also');
  const also = args.flatMap((a, i) => (args[i - 1] === '--also' ? [a] : []));
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? Number(args[portArg + 1]) : 8080;
  if (!dir || !fs.existsSync(dir) || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('usage: node scripts/static-server.mjs DIR [--also DIR2] [--port 0-65535] [--csp]');
    process.exit(2);
  }
  startServer(dir, { port, csp: args.includes('--csp'), also }).then((s) => {
    console.log(`ConvScope is served at http://127.0.0.1:${s.address().port}/  (Ctrl+C stops)`);
  }, (err) => { console.error(`error: cannot listen on port ${port}: ${err.message}`); process.exit(1); });
}
