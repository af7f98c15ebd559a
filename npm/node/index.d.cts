// Types of the CommonJS entry (index.cjs); this package has no "type" field, so this is a
// CommonJS-format declaration file (`.d.cts`), matching `require('@pullsecret/node')`.
// The functions and the data types are generated: napi.d.ts (scripts/napi-dts.mjs, at build) has
// the signatures and TSDoc of the #[napi] functions of crates/pullsecret-node and the core's
// types from npm/types.d.ts; index.cjs's functions have exactly those signatures. Written here:
// the package's own ergonomics (PullSecretError).
export * from './napi.js';
import type { ErrorCode } from './napi.js';

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
