// Types of the CommonJS entry (index.cjs); this package has no "type" field, so this is a
// CommonJS-format declaration file (`.d.cts`), matching `require('@pullsecret/node')`.
// The functions and the data types are generated: napi.d.ts (written by `napi build`) has
// the signatures and TSDoc of the #[napi] functions of crates/pullsecret-node, after the core's
// types; types.d.ts is npm/types.d.ts (generated from the core's Rust types), copied at build.
// index.cjs's functions have exactly those signatures. napi.d.ts also declares the generated
// loader's `__napiBindingTarget`, which index.cjs does not export: hence the types from types.d.ts
// and the functions by name. Written here: the package's own ergonomics (PullSecretError).
export * from './types.js';
export {
  validate, parse, create, toSecret, lookup, readPullSecret, explain, fix, convert, add, remove, merge,
  link, grantPull, podSnippet, workflowSnippet, delegatedAuth, globalPullSecret,
  verify, verifyCommand,
} from './napi.js';
import type { ErrorCode } from './types.js';

/** Thrown by every function: a real `Error` with a stable `code`, and `line`/`column` (1-based) and `span` when the problem is in the input. */
export declare class PullSecretError extends Error {
  constructor(init: { code: ErrorCode | 'not-initialized'; message: string; line?: number; column?: number; span?: { start: number; end: number } });
  /** The core's error code (`not-initialized` is @pullsecret/wasm's, before `init()`; kept here so both packages declare one class). */
  readonly code: ErrorCode | 'not-initialized';
  readonly line?: number;
  readonly column?: number;
  /** The bytes of the input the problem is about: UTF-8 offsets, `start` inclusive, `end` exclusive. */
  readonly span?: { readonly start: number; readonly end: number };
}
