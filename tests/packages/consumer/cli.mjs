// The `pullsecret` package as installed from its tarball: its install step put the native
// binary of this machine behind node_modules/.bin/pullsecret (no Node starts), and it runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';

const bin = 'node_modules/.bin/pullsecret';
const target = realpathSync(bin);
assert.ok(target.endsWith('/node_modules/pullsecret/bin/pullsecret'), target);
assert.deepEqual([...readFileSync(target).subarray(0, 4)], [0x7f, 0x45, 0x4c, 0x46], 'bin/pullsecret is not the native binary');
const { version } = JSON.parse(readFileSync('node_modules/pullsecret/package.json', 'utf8'));
assert.equal(execFileSync(bin, ['--version'], { encoding: 'utf8' }), `pullsecret ${version}\n`);
const out = execFileSync(bin, ['validate', '-'], { input: '{"auths":{"quay.io":{"auth":"dTpw"}}}', encoding: 'utf8' });
assert.equal(out, '<stdin>: 0 errors, 0 warnings (dockerconfigjson, 1 entry)\n');
console.log('ok');
