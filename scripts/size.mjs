// Prints the size of @pullsecret/wasm as shipped (wasm + JS glue), raw and gzip.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const files = ['npm/wasm/pkg/pullsecret_wasm_bg.wasm', 'npm/wasm/pkg/pullsecret_wasm.js', 'npm/wasm/index.js', 'npm/wasm/error.js'];
let raw = 0;
let gz = 0;
for (const f of files) {
  const b = readFileSync(f);
  raw += b.length;
  gz += gzipSync(b, { level: 9 }).length;
}
const kib = (n) => (n / 1024).toFixed(1);
console.error(`@pullsecret/wasm size: ${kib(raw)} KiB raw, ${kib(gz)} KiB gzip (wasm + JS glue)`);
if (process.argv.includes('--json')) console.log(JSON.stringify({ raw, gzip: gz }));
