// `pullsecret explain`: why a pod cannot pull, per image, from the Pod, its ServiceAccount and
// Secrets (files or stdin) and the pod's events (--events). The answers themselves are the
// core's (tests/vectors/explain.json runs them through the core and both packages); this suite
// covers the command: its inputs, text and JSON outputs, exit codes and the canary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './lib/cli.mjs';

const CANARY = 'canary-Expl41n-9931';
const auth = Buffer.from(`bob:${CANARY}`).toString('base64');
const dir = mkdtempSync(join(tmpdir(), 'pullsecret-explain-'));
const file = (name, text) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const pod = file('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: web\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: app\n    image: quay.io/team-b/app:1\n  - name: ok\n    image: quay.io/team-a/ok:2\n');
const secret = file('secret.json', JSON.stringify({
  apiVersion: 'v1', kind: 'Secret', metadata: { name: 'regcred', namespace: 'web' }, type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': Buffer.from(JSON.stringify({ auths: { 'quay.io/team-a': { auth } } })).toString('base64') },
}));
const events = file('events.txt', `Events:\n  Warning  Failed  1m (x4 over 2m)  kubelet  Failed to pull image "quay.io/team-b/app:1": rpc error: 401 UNAUTHORIZED (password ${CANARY}?)\n`);

test('explain FILE... --events FILE: a line per workload, per image a mark, the answer and the fix', () => {
  const r = run(['explain', pod, secret, '--events', events]);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], `Pod web/app (${pod}:1:1): pull secrets regcred`);
  assert.equal(lines[1], '  ✘ quay.io/team-b/app:1 (container app, line 11)');
  assert.match(lines[2], /the key `quay\.io\/team-a` of the Secret `regcred` is for the same registry but does not cover `quay\.io\/team-b\/app`\. The registry answered 401 Unauthorized/);
  assert.match(lines[3], /^ {4}Fix: The image is private: add an entry for `quay\.io\/team-b` /);
  assert.equal(lines[4], '  ✔ quay.io/team-a/ok:2 (container ok, line 13)');
  assert.ok(!(r.stdout + r.stderr).includes(CANARY) && !r.stdout.includes(auth));
  // Without the events: the same answers, no failure, exit 0 (an anonymous pull may work).
  const quiet = run(['explain', pod, secret]);
  assert.equal(quiet.status, 0, quiet.stderr);
  assert.match(quiet.stdout, /^ {2}⚠ quay\.io\/team-b\/app:1 /m);
});

test('explain -o json, stdin, -n; usage errors', () => {
  const config = Buffer.from(JSON.stringify({ auths: { 'quay.io': { auth } } })).toString('base64');
  const stream = `apiVersion: v1\nkind: Secret\nmetadata: {name: regcred, namespace: web}\ntype: kubernetes.io/dockerconfigjson\ndata: {.dockerconfigjson: ${config}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets: [{name: regcred}]\n  containers: [{name: c, image: quay.io/x/y}]\n`;
  const r = run(['explain', '-', '-n', 'web', '-o', 'json'], stream);
  assert.equal(r.status, 0, r.stderr);
  const e = JSON.parse(r.stdout);
  assert.equal(e.workloads[0].namespace, 'web');
  assert.deepEqual(
    [e.workloads[0].images[0].status, e.workloads[0].images[0].secret, e.workloads[0].images[0].registry],
    ['credentials', 'regcred', 'quay.io'],
  );
  assert.ok(!r.stdout.includes(CANARY) && !r.stdout.includes(auth));
  // In another namespace the Secret is not the pod's.
  const other = JSON.parse(run(['explain', '-', '-o', 'json'], stream).stdout);
  assert.equal(other.workloads[0].pullSecrets[0].status, 'other-namespace');
  // No workload, stdin twice, an unreadable file: exit 2 with a message.
  const none = run(['explain', secret]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^error: the input holds no Pod or workload/);
  // A text no one can read: the core's coded error with its position.
  const deep = run(['explain', '-'], '['.repeat(100000));
  assert.equal(deep.status, 1);
  assert.equal(deep.stderr, 'error: 1:1001: JSON nesting deeper than 1000 levels [too-deep]\n');
  const twice = run(['explain', '-', '--events', '-'], 'x');
  assert.equal(twice.status, 2);
  assert.match(twice.stderr, /stdin \(-\) can be read once/);
  const missing = run(['explain', join(dir, 'nope.yaml')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.yaml: No such file or directory/);
});
