// ES module consumer: imports each entry point and runs every function through exercise().
import * as wasm from '@pullsecret/wasm';
import * as wasmNode from '@pullsecret/wasm/node';
import * as node from '@pullsecret/node';
import nodeDefault, { validate, PullSecretError } from '@pullsecret/node';
import { init, initSync, validate as wasmValidate } from '@pullsecret/wasm';
import { exercise, handle } from './exercise.js';

exercise(wasm);
exercise(wasmNode);
exercise(node);
exercise(nodeDefault);
handle(wasm, null);
handle(node, null);

await init();
await init(new URL('https://example.com/pullsecret_wasm_bg.wasm'));
initSync(new Uint8Array());
// @ts-expect-error initSync needs the module bytes
initSync();
wasmValidate('{}');
validate('{}');
const error: Error = new PullSecretError({ code: 'missing-option', message: 'm' });
void error;
