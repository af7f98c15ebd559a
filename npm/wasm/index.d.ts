// Types of @pullsecret/wasm. The functions and the data types are generated: wasm-bindgen writes
// pkg/pullsecret_wasm.d.ts from crates/pullsecret-wasm (the signatures and TSDoc of its
// functions, and the core's types from npm/types.d.ts); index.js's functions have exactly those
// signatures. Written here: the package's own ergonomics (init, initSync, PullSecretError).
// An ES module package: relative imports carry their `.js` extension (node16/nodenext).
export * from './pkg/pullsecret_wasm.js';
export { PullSecretError } from './error.js';

/** Loads the WebAssembly module (browsers, bundlers): a URL, Response, bytes or Module; default: next to the JS. */
export declare function init(input?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Loads the WebAssembly module synchronously (Node, workers) from its bytes or a compiled Module. */
export declare function initSync(module: BufferSource | WebAssembly.Module): void;
