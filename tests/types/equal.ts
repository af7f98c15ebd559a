// The two packages expose the same API: every exported name of @pullsecret/wasm (less its own
// init/initSync) and of @pullsecret/node (less the ES entry's default export) must be exported by
// the other with an identical type. The names come from the modules themselves, so a function
// added to one package only, or typed differently, fails here.
import type * as Wasm from '@pullsecret/wasm';
import type * as WasmNode from '@pullsecret/wasm/node';
import type * as Node from '@pullsecret/node';

/** True when A and B are identical (not merely mutually assignable). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

/** For each name exported by either module: `true` when both export it with identical types. */
export type Same<A, B> = {
  [K in keyof A | keyof B]: K extends keyof A ? (K extends keyof B ? Equal<A[K], B[K]> : 'only in the first') : 'only in the second';
};
/** What `Same` must be: an error names the property that differs. */
export type AllTrue<A, B> = { [K in keyof A | keyof B]: true };

type WasmApi = Omit<typeof Wasm, 'init' | 'initSync'>;
type NodeApi = Omit<typeof Node, 'default'>;

export const wasmVsNode: AllTrue<WasmApi, NodeApi> = {} as Same<WasmApi, NodeApi>;
export const wasmVsWasmNode: AllTrue<typeof Wasm, typeof WasmNode> = {} as Same<typeof Wasm, typeof WasmNode>;
// The default export of the ES entry is the whole API.
export const nodeDefault: AllTrue<NodeApi, (typeof Node)['default']> = {} as Same<NodeApi, (typeof Node)['default']>;
