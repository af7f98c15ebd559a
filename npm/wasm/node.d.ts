// Types of @pullsecret/wasm/node (and of `@pullsecret/wasm` under the `node` condition): the same API.
export * from './index.js';
