// train_data.mjs - the 8,000 training digits of the bundled asset (digits.bin,
// docs/datasets.md) in the order convscope-cli train --data mnist sees them, for
// the training benchmark's contenders that are not our engine (bench-train.sh).
// The split is src/data/digits.cpp's: Fisher-Yates from the back over PCG32
// (src/core/init.cpp, Rng32) with seed 42, the first 8,000 of the order train.
//   node bench/train_data.mjs DIGITS.bin OUT.u8 [OUT.json]
// OUT.u8: 8,000 labels, then 8,000 x 784 pixels (bytes); OUT.json: the same as the CLI's
// BATCH.json (k / 255 to 9 digits, the float the engine's reader makes), so that
// convscope-cli train reads exactly these digits and holds no validation part back.

import {readFileSync, writeFileSync} from 'node:fs';
import {pathToFileURL} from 'node:url';

const MASK = (1n << 64n) - 1n;

// cs::Rng32 (PCG32, XSH RR), stream 0.
class Rng32 {
  constructor(seed) {
    this.inc = 1n;
    this.state = 0n;
    this.next();
    this.state = (this.state + BigInt(seed)) & MASK;
    this.next();
  }
  next() {
    const old = this.state;
    this.state = (old * 6364136223846793005n + this.inc) & MASK;
    const xorshifted = Number((((old >> 18n) ^ old) >> 27n) & 0xffffffffn);
    const rot = Number(old >> 59n);
    return ((xorshifted >>> rot) | (xorshifted << ((32 - rot) & 31))) >>> 0;
  }
  below(n) {  // Lemire's rejection, as cs::Rng32::below
    const threshold = (2 ** 32 - n) % n;
    for (;;) {
      const r = this.next();
      if (r >= threshold) return r % n;
    }
  }
}

function splitOrder(n, seed) {
  const order = Array.from({length: n}, (_, i) => i);
  const rng = new Rng32(seed);
  for (let i = n; i > 1; --i) {
    const j = rng.below(i);
    [order[i - 1], order[j]] = [order[j], order[i - 1]];
  }
  return order;
}

// The validation part's digits per class with seed 42 (docs/datasets.md): a check
// that this split is the engine's.
const VALIDATION_PER_CLASS = [189, 247, 190, 190, 181, 186, 190, 230, 205, 192];

/** {labels: Uint8Array(8000), pixels: Uint8Array(8000 x 784), first: Uint8Array(784)} */
export function trainingDigits(file) {
  const b = readFileSync(file);
  if (b.toString('latin1', 0, 4) !== 'CSDG') throw new Error(`${file}: not a digits asset (no CSDG magic)`);
  const n = b.readUInt32LE(8), px = b.readUInt16LE(12) * b.readUInt16LE(14);
  const labels = b.subarray(16, 16 + n), pixels = b.subarray(16 + n, 16 + n + n * px);
  const order = splitOrder(n, 42), train = n - 2000;
  const perClass = new Array(10).fill(0);
  for (let k = train; k < n; ++k) perClass[labels[order[k]]]++;
  if (perClass.join() !== VALIDATION_PER_CLASS.join()) throw new Error(`${file}: the seed-42 split differs from the engine's`);
  const out = {labels: new Uint8Array(train), pixels: new Uint8Array(train * px), first: pixels.slice(0, px)};
  for (let k = 0; k < train; ++k) {
    out.labels[k] = labels[order[k]];
    out.pixels.set(pixels.subarray(order[k] * px, (order[k] + 1) * px), k * px);
  }
  return out;
}

/** The pixels as floats k / 255, as the engine's reader gives them. */
export function toFloats(pixels) {
  return Float32Array.from(pixels, (k) => k / 255);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, out, json] = process.argv.slice(2);
  if (!file || !out) {
    console.error('usage: node bench/train_data.mjs DIGITS.bin OUT.u8 [OUT.json]');
    process.exit(2);
  }
  const d = trainingDigits(file);
  writeFileSync(out, Buffer.concat([d.labels, d.pixels]));
  if (json) {
    const text = Array.from({length: 256}, (_, k) => Math.fround(k / 255).toPrecision(9).replace(/\.?0+$/, ''));
    const data = Array.from(d.pixels, (k) => text[k]).join(',');
    writeFileSync(json, `{"x": {"shape": [${d.labels.length}, 28, 28, 1], "data": [${data}]}, "y": [${d.labels.join(',')}]}\n`);
  }
}
