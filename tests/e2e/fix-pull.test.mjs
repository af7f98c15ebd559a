// Proof that `pullsecret fix` repairs, against real clients: each auth file below fails a pull
// from a real htpasswd registry with skopeo (containers/image, as podman and CRI-O), for a reason
// `validate` reports and `fix` repairs; after `pullsecret fix FILE` skopeo, podman and the Docker
// CLI all pull, and the file differs from the original only where the repair is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startLab, stopLab, writeAuthFile, clients, childPids } from './lib/registry.mjs';
import { USERS } from './lib/cases.mjs';
import { run } from '../lib/cli.mjs';

const api = createRequire(import.meta.url)('../../npm/node/index.cjs');
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
let lab;

before(async () => {
  lab = await startLab({ users: USERS, pushAs: 'e2e-basic' });
});

after(async () => {
  await stopLab(lab);
  assert.deepEqual(childPids(), [], 'no process left behind');
});

/** Broken files for the HTTP registry `H`: what is wrong, and the code `validate` gives it. */
const CASES = [
  {
    code: 'auth-unpadded',
    file: (H) => JSON.stringify({ auths: { [H]: { auth: b64(`e2e-utf8:${USERS['e2e-utf8']}`).replace(/=+$/, '') } } }, null, 2),
  },
  {
    code: 'auth-url-safe',
    file: (H) => `{"auths":{"${H}":{"auth":"${Buffer.from(`e2e-b64:${USERS['e2e-b64']}`).toString('base64url')}"}}}`,
  },
  { code: 'bom', file: (H) => `\ufeff{"auths":{"${H}":{"auth":"${b64(`e2e-basic:${USERS['e2e-basic']}`)}"}}}` },
  {
    code: 'missing-auth',
    file: (H) => `{\n\t"auths": {\n\t\t"${H}": {\n\t\t\t"username": "e2e-colon",\n\t\t\t"password": "${USERS['e2e-colon']}"\n\t\t}\n\t}\n}`,
  },
  {
    code: 'credentials-whitespace',
    file: (H) => JSON.stringify({ auths: { [H]: { auth: b64(`e2e-space:${USERS['e2e-space']}\n`) } } }),
  },
  {
    code: 'no-credentials',
    // An empty placeholder for the exact registry, and the real credentials under a path key:
    // containers/image takes the placeholder's key first and finds nothing in it.
    file: (H) => JSON.stringify({ auths: { [`${H}/test`]: { auth: b64(`e2e-basic:${USERS['e2e-basic']}`) }, [`${H}/test/tiny`]: {} } }),
  },
];

for (const c of CASES) {
  test(`${c.code}: skopeo fails before fix, skopeo, podman and docker pull after`, async () => {
    const reg = lab.http;
    const image = `${reg.host}/${lab.repo}`;
    const text = c.file(reg.host);
    const codes = api.validate(text).objects.flatMap((o) => o.diagnostics).map((d) => d.code);
    assert.ok(codes.includes(c.code), `validate finds ${c.code}: ${codes}`);
    const { file } = writeAuthFile(lab, text);
    const before = await clients.skopeo(lab, reg, file, image);
    assert.equal(before.ok, false, `skopeo pulled with the broken file: ${before.said}`);
    const r = run(['fix', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(` fixed ${c.code} `));
    const fixed = readFileSync(file, 'utf8');
    assert.equal(fixed, api.fix(text).text);
    for (const name of ['skopeo', 'podman', 'docker']) {
      const after = await clients[name](lab, reg, file, image);
      assert.ok(after.ok, `${name} after fix: ${after.said}`);
    }
  });
}
