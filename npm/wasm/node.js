// Node entry of @pullsecret/wasm: the same API, initialised synchronously from the package's .wasm file.
import { readFileSync } from 'node:fs';
import { initSync } from './index.js';

initSync(readFileSync(new URL('./pkg/pullsecret_wasm_bg.wasm', import.meta.url)));

export * from './index.js';
