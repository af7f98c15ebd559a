// Declares error.js (hand-written, like the class: it is the package's own ergonomics).
import type { ErrorCode } from './pkg/pullsecret_wasm.js';

/** Thrown by every function: a real `Error` with a stable `code`, and `line`/`column` (1-based) and `span` when the problem is in the input. */
export declare class PullSecretError extends Error {
  constructor(init: { code: ErrorCode | 'not-initialized'; message: string; line?: number; column?: number; span?: { start: number; end: number } });
  /** The core's error code; `not-initialized` when a function is called before `init()`/`initSync()`. */
  readonly code: ErrorCode | 'not-initialized';
  readonly line?: number;
  readonly column?: number;
  /** The bytes of the input the problem is about: UTF-8 offsets, `start` inclusive, `end` exclusive. */
  readonly span?: { readonly start: number; readonly end: number };
}
