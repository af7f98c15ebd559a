export * from './api.js';

/** Loads the WebAssembly module (browsers, bundlers): a URL, Response, bytes or Module; default: next to the JS. */
export declare function init(input?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Loads the WebAssembly module synchronously (Node, workers) from its bytes or a compiled Module. */
export declare function initSync(module: BufferSource | WebAssembly.Module): void;
