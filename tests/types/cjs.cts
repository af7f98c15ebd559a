// CommonJS consumer (node16/nodenext only): `require` resolves the CommonJS entry of
// @pullsecret/node (index.d.cts), which must match the ES entry exactly. @pullsecret/wasm is an
// ES module package; it is not required from CommonJS.
import node = require('@pullsecret/node');
import type * as NodeEsm from '@pullsecret/node' with { 'resolution-mode': 'import' };
import type { AllTrue, Same } from './equal.js' with { 'resolution-mode': 'import' };
import type { Module } from './exercise.js' with { 'resolution-mode': 'import' };

type Esm = Omit<typeof NodeEsm, 'default'>;
export const cjsVsEsm: AllTrue<typeof node, Esm> = {} as Same<typeof node, Esm>;
const api: Module = node;

const report = node.validate('{}');
const codes: string[] = report.diagnostics.map((d) => d.code);
// @ts-expect-error `username` is required
node.create({ password: 'p' });
try {
  api.parse('');
} catch (e) {
  if (e instanceof node.PullSecretError) void e.code, codes;
}
