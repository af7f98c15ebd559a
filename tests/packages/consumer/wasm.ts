// @pullsecret/wasm as a TypeScript consumer sees it (strict, no skipLibCheck).
import { init, initSync, validate, create, toSecret, PullSecretError, type Report } from '@pullsecret/wasm';
import * as viaNode from '@pullsecret/wasm/node';

await init();
await init(new URL('https://example.com/pullsecret_wasm_bg.wasm'));
initSync(new Uint8Array());
// @ts-expect-error initSync needs the module bytes
initSync();
const report: Report = validate('{}');
const version: 1 = report.schemaVersion;
const valid: boolean = report.valid;
const codes: string[] = report.objects.flatMap((o) => o.diagnostics.map((d) => d.code));
const yaml: string = toSecret(create({ username: 'u', password: 'p' }), { name: 'pull' });
const same: typeof validate = viaNode.validate;
try {
  create({ username: 'u', password: '' });
} catch (e) {
  if (e instanceof PullSecretError) console.log(e.code, e.line, e.column);
}
// @ts-expect-error validate takes text or an object
validate(42);
export { version, valid, codes, yaml, same };
