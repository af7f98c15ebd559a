// vitest (Node environment) runs the packed package as installed: import, init, validate.
import { test, expect } from 'vitest';
import { init, validate, PullSecretError, create } from '@pullsecret/wasm';
import { INPUT } from './input.js';

test('validate through the installed @pullsecret/wasm', async () => {
  await init();
  const report = validate(INPUT);
  expect(report.schemaVersion).toBe(1);
  expect(report.valid).toBe(false);
  expect(report.objects[0].diagnostics.map((d) => [d.code, d.line])).toEqual([['auth-not-base64', 3]]);
  expect(report.clients.kubelet.status).toBe('fails');
});

test('errors are PullSecretError with a code', () => {
  expect(() => create({})).toThrow(PullSecretError);
});
