// The `pullsecret` CLI: output formats, exit codes, kubectl-compatible flags, and that no secret
// ever reaches its output or errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { run, shellLine } from './lib/cli.mjs';
const dir = mkdtempSync(join(tmpdir(), 'pullsecret-cli-'));
const file = (name, text) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const b64 = (s) => Buffer.from(s).toString('base64');
const CANARY = 'canary-S3cr3t-pw-7781';

test('validate: the issue example reports auth-not-base64 at line 1 with its column, exit 1', () => {
  const p = file('bad.json', '{"auths":{"quay.io":{"auth":"bad"}}}');
  const r = run(['validate', p]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:29 error auth-not-base64 `, 'm'));
});

test('validate: clean file exits 0, JSON output parses, stdin with -', () => {
  const text = `{"auths":{"quay.io":{"auth":"${b64('u:p')}"}}}`;
  const r = run(['validate', '-', '-o', 'json'], text);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.valid, true);
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.objects[0].entries[0].registry, 'quay.io');
  assert.equal(run(['validate', '-'], text).stdout.trim(), '<stdin>: 0 errors, 0 warnings (dockerconfigjson, 1 entry)');
});

test('validate: email-deprecated infos (OpenShift installer/console files) hidden in text unless -v/--verbose; always in JSON', () => {
  const entry = (u) => ({ auth: b64(`${u}:p`), email: `${u}@example.com` });
  const text = JSON.stringify({ auths: { 'cloud.openshift.com': entry('a'), 'quay.io': entry('b'), 'registry.connect.redhat.com': entry('c'), 'registry.redhat.io': entry('d') } });
  const r = run(['validate', '-'], text);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /email-deprecated/);
  assert.equal(r.stdout.trim(), '<stdin>: 0 errors, 0 warnings (dockerconfigjson, 4 entries; 4 infos hidden, -v shows them)');
  for (const v of ['-v', '--verbose']) {
    const rv = run(['validate', '-', v], text);
    assert.equal(rv.status, 0, rv.stderr);
    assert.equal((rv.stdout.match(/ info email-deprecated /g) || []).length, 4, rv.stdout);
    assert.match(rv.stdout, /^<stdin>: 0 errors, 0 warnings \(dockerconfigjson, 4 entries\)$/m);
  }
  const json = JSON.parse(run(['validate', '-', '-o', 'json'], text).stdout);
  assert.equal(json.objects[0].diagnostics.filter((d) => d.code === 'email-deprecated').length, 4);
  // Other infos stay in the default text output.
  assert.match(run(['validate', '-'], '{"auths":{"https://quay.io":{"auth":"dTpw"}}}').stdout, / info key-scheme /);
});

test('validate: a UTF-16 file (PowerShell 5 `>`) is reported as UTF-16, with LE/BE and BOM', () => {
  const cfg = '{"auths":{"quay.io":{"auth":"dTpw"}}}';
  const le = Buffer.from(cfg, 'utf16le');
  const be = Buffer.from(le).swap16();
  for (const [bytes, what] of [
    [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'little-endian, with a byte-order mark'],
    [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'big-endian, with a byte-order mark'],
    [le, 'little-endian, no byte-order mark'],
    [be, 'big-endian, no byte-order mark'],
  ]) {
    const p = join(dir, `utf16-${what.replace(/\W+/g, '-')}.json`);
    writeFileSync(p, bytes);
    const r = run(['validate', p]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, new RegExp(`:1:1 error utf16 the text is UTF-16 \\(${what}\\)`), r.stdout);
  }
});

test('validate: every pull Secret of a stream, exit 1 when any is broken, the Opaque one skipped', () => {
  const secret = (name, type, data) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: apps\ntype: ${type}\ndata:\n  ${data}\n`;
  const pull = (name, cfg) => secret(name, 'kubernetes.io/dockerconfigjson', `.dockerconfigjson: ${b64(cfg)}`);
  const good = '{"auths":{"quay.io":{"auth":"dTpw"}}}';
  const stream = [secret('app-config', 'Opaque', `token: ${b64('x')}`), pull('a', good), pull('b', good), pull('c', '{"auths":{"r.io":{"auth":"bad"}}}')].join('---\n');
  const r = run(['validate', '-'], stream);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(lines.filter((l) => /^<stdin>:\d+:\d+ Secret /.test(l)).map((l) => l.replace(/:.*? Secret /, ' ').replace(/:.*/, '')),
    ['<stdin> apps/a document 2', '<stdin> apps/b document 3', '<stdin> apps/c document 4']);
  assert.match(r.stdout, /^  <stdin>:35:22 error auth-not-base64 /m);
  assert.equal(lines.at(-1), '<stdin>: 1 error, 0 warnings in 3 objects');
  const json = JSON.parse(run(['validate', '-', '-o', 'json'], stream).stdout);
  assert.deepEqual(json.objects.map((o) => [o.index, o.name, o.valid]), [[1, 'a', true], [2, 'b', true], [3, 'c', false]]);
  // Verdict reasons are keys into the report's reasons, each text once.
  const key = json.objects[2].entries[0].clients.kubelet.reason;
  assert.match(key, /^r[0-9a-f]{8}$/);
  assert.match(json.reasons[key], /kubelet rejects the whole secret/);
  assert.equal(json.clients.kubelet.reason, key);
  // The first three alone: exit 0.
  assert.equal(run(['validate', '-'], stream.split('---\n').slice(0, 3).join('---\n')).status, 0);
});

test('usage errors exit 2', () => {
  for (const args of [['validate', join(dir, 'missing.json')], ['frobnicate'], ['validate', '-o', 'xml', '-'], ['create', 'secret', 'docker-registry'], ['create', 'secret', 'docker-registry', 'a', '--bogus']]) {
    const r = run(args, '{}');
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /^error: /);
  }
  assert.equal(run(['create', 'secret', 'docker-registry', 'x', '--docker-username=u']).status, 2);
  assert.equal(run(['create', 'secret', 'docker-registry', 'x', '--docker-username=u', '--docker-password=p', '--dry-run=server']).status, 2);
});

test('create secret: kubectl flag forms all give the same bytes', () => {
  const a = run(['create', 'secret', 'docker-registry', 'foo', '--docker-username=u', '--docker-password=p', '-n', 'ns', '-o', 'json']);
  const b = run(['create', 'secret', 'docker-registry', 'foo', '--docker-username', 'u', '--docker-password', 'p', '-nns', '-ojson', '--dry-run=client']);
  const c = run(['create', 'secret', 'docker-registry', '--namespace=ns', 'foo', '--output=json', '--docker-password=p', '--docker-username=u']);
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  assert.equal(a.stdout, c.stdout);
  assert.equal(JSON.parse(a.stdout).metadata.namespace, 'ns');
  assert.equal(run(['create', 'secret', 'docker-registry', 'foo', '-o', 'name', '--docker-username=u', '--docker-password=p']).stdout, 'secret/foo\n');
});

test('create secret --from-file wraps the file bytes verbatim', () => {
  const cfg = '{\n  "auths": {}\n}\n';
  const r = run(['create', 'secret', 'docker-registry', 'f', `--from-file=.dockerconfigjson=${file('c.json', cfg)}`]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.includes(`.dockerconfigjson: ${b64(cfg)}\n`));
});

test('no secret reaches stdout or stderr of validate, or of failing commands', () => {
  const inputs = [
    `{"auths":{"r.io":{"username":"u","password":"${CANARY}","auth":"${b64('u:other')}"}}}`,
    `{"auths":{"r.io":{"auth":"${CANARY}"}}}`,
    `{"auths":{"r.io":{"auth":${JSON.stringify(b64(CANARY))}}}}`,
    `{"auths":{"r.io":{"auth":"${b64('u:' + CANARY)}"}}} trailing ${CANARY}`,
    `{"auths":{"r.io":{"password": ${CANARY}}}}`,
    `apiVersion: v1\nkind: Secret\ndata:\n  .dockerconfigjson: "${CANARY}"\n`,
    `apiVersion: v1\nkind: Secret\nstringData:\n  .dockerconfigjson: '{"auths":{"r":{"auth":"${CANARY}"}}}'\n`,
  ];
  const leaks = (s) => [CANARY, b64('u:' + CANARY), b64(CANARY)].some((c) => s.includes(c));
  for (const text of inputs) {
    for (const args of [['validate', '-'], ['validate', '-', '-o', 'json'], ['lookup', 'r.io/a', '-'], ['lookup', 'r.io/a', '-', '--client=all', '-o', 'json']]) {
      const r = run(args, text);
      assert.ok(!leaks(r.stdout) && !leaks(r.stderr), `leaked by ${args.join(' ')} for ${text}`);
    }
    // These print credentials on purpose (stdout); their errors and notes (stderr) must not.
    for (const args of [['parse', '-'], ['convert', '-', '--to=auth.json'], ['convert', '-', '--to=dockercfg']]) {
      assert.ok(!leaks(run(args, text).stderr), `stderr of ${args.join(' ')} leaked for ${text}`);
    }
  }
  const r = run(['create', 'secret', 'docker-registry', 'x', `--docker-password=${CANARY}`]);
  assert.equal(r.status, 2);
  assert.ok(!r.stderr.includes(CANARY));
});

test('create secret: pull-secret-only refusals for generic and --from-file, exit 2', () => {
  const cfg = file('pull.json', '{"auths":{"quay.io":{"auth":"dTpw"}}}');
  for (const [args, msg] of [
    [['create', 'secret', 'generic', 'g', `--from-file=.dockerconfigjson=${cfg}`], /--type=kubernetes.io\/dockerconfigjson or --type=kubernetes.io\/dockercfg is required/],
    [['create', 'secret', 'generic', 'g', '--type=kubernetes.io/dockerconfigjson'], /--from-file=KEY=FILE is required/],
    [['create', 'secret', 'generic', 'g', '--type=kubernetes.io/dockerconfigjson', `--from-file=${cfg}`], /key must be \.dockerconfigjson .*got pull\.json/],
    [['create', 'secret', 'docker-registry', 'd', `--from-file=.dockercfg=${cfg}`], /key must be \.dockerconfigjson/],
    [['create', 'secret', 'docker-registry', 'd', `--from-file=${cfg},${cfg}`], /exactly one config file \(got 2\)/],
    [['create', 'secret', 'docker-registry', 'd', '--type=Opaque', `--from-file=${cfg}`], /unknown flag: --type/],
    [['create', 'secret', 'tls', 't'], /only "create secret docker-registry NAME" and "create secret generic NAME"/],
    [['create', 'secret', 'docker-registry', 'd', `--from-file=${cfg}`, '--labels=app'], /labels: item 1 must be KEY=VALUE/],
  ]) {
    const r = run(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, msg);
  }
});

test('create secret: -o name carries the --append-hash suffix; flags ignored with --from-file are named', () => {
  // kubectl create secret docker-registry foo --docker-username=u --docker-password=p --append-hash -o name
  const r = run(['create', 'secret', 'docker-registry', 'foo', '--docker-username=u', '--docker-password=p', '--append-hash', '-o', 'name']);
  assert.equal(r.stdout, 'secret/foo-528c48bb86\n');
  const cfg = file('hash.json', '{"auths":{"quay.io":{"auth":"dTpw"}}}\n');
  const f = run(['create', 'secret', 'docker-registry', 'foo', `--from-file=${cfg}`, `--docker-password=${CANARY}`, '-o', 'name', '--append-hash']);
  assert.equal(f.status, 0, f.stderr);
  assert.equal(f.stdout, 'secret/foo-4d6h6g76h5\n');
  assert.match(f.stderr, /--docker-password ignored/);
  assert.ok(!f.stderr.includes(CANARY));
});

// ---- convert ----

test('convert --to auth.json: podman bytes on stdout, what was dropped on stderr', () => {
  const p = file('docker.json', JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth: 'dTpw' } }, credsStore: 'desktop' }));
  const r = run(['convert', p, '--to', 'auth.json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '{\n\t"auths": {\n\t\t"docker.io": {\n\t\t\t"auth": "dTpw"\n\t\t}\n\t}\n}');
  assert.match(r.stderr, /^dropped: credsStore `desktop`: /m);
  assert.match(r.stderr, /^changed: key `https:\/\/index.docker.io\/v1\/` written as `docker.io`: /m);
});

test('convert --to rkt -o DIR: one auth and one dockerAuth file per registry, mode 0600', () => {
  const p = file('two.json', JSON.stringify({ auths: { 'quay.io': { auth: b64('u:p') }, 'https://r.example:5000': { auth: b64('a:b') } } }));
  const out = join(dir, 'rkt-out');
  const r = run(['convert', p, '--to=rkt', '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  const names = readdirSync(join(out, 'auth.d')).sort();
  assert.deepEqual(names, ['docker-quay.io.json', 'docker-r.example_5000.json', 'quay.io.json', 'r.example_5000.json']);
  for (const n of names) assert.equal(statSync(join(out, 'auth.d', n)).mode & 0o777, 0o600);
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'auth.d', 'r.example_5000.json'), 'utf8')).domains, ['r.example:5000']);
});

test('convert: several files into an existing regular file is a usage error and leaves it untouched', () => {
  const p = file('two2.json', JSON.stringify({ auths: { 'quay.io': { auth: b64('u:p') } } }));
  const target = file('keep.txt', 'old');
  const r = run(['convert', p, '--to', 'rkt', '-o', target]);
  assert.equal(r.status, 2);
  assert.equal(readFileSync(target, 'utf8'), 'old');
});

test('convert: bad input leaves the -o target untouched, exit 1 with the position', () => {
  const target = file('keep2.json', 'old');
  const r = run(['convert', '-', '--to', 'config.json', '-o', target], '{"auths": {"q": {"auth": "dTpw",}}}');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^error: 1:\d+: .*\[json-syntax\]/);
  assert.equal(readFileSync(target, 'utf8'), 'old');
  assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
});

test('convert --to mesos: the archive goes to -o FILE (0600) or a pipe, never to a terminal', () => {
  const p = file('m.json', JSON.stringify({ auths: { 'quay.io': { auth: b64(`u:${CANARY}`) } } }));
  const out = join(dir, 'docker.tar.gz');
  const r = run(['convert', p, '--to', 'mesos', '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual([...readFileSync(out).subarray(0, 3)], [0x1f, 0x8b, 8]);
  assert.equal(statSync(out).mode & 0o777, 0o600);
  assert.deepEqual(JSON.parse(r.stdout.split('# dcos\n')[0].replace('# marathon\n', '')), { uris: ['file:///etc/docker.tar.gz'] });
  const piped = run(['convert', p, '--to', 'mesos'], undefined, { encoding: 'buffer' });
  assert.equal(piped.status, 0);
  assert.deepEqual(piped.stdout, readFileSync(out));
  // util-linux `script` gives the command a terminal as stdout.
  const tty = spawnSync('script', ['-qec', shellLine(['convert', p, '--to', 'mesos']), '/dev/null'], { encoding: 'latin1' });
  assert.equal(tty.status, 2, tty.stdout);
  assert.match(tty.stdout, /refusing to write the binary archive to a terminal/);
  assert.ok(!tty.stdout.includes('\x1f\x8b'));
  for (const s of [r.stdout, r.stderr, piped.stderr.toString()]) assert.ok(!s.includes(CANARY));
});

test('convert --to butane --source: the Butane config and the file to upload, into -o DIR', () => {
  const p = file('b.json', JSON.stringify({ auths: { 'quay.io': { auth: b64('u:p') } } }));
  const out = join(dir, 'butane-out');
  const r = run(['convert', p, '--to', 'butane', '--source', 'https://h.example/c.json', '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readdirSync(out).sort(), ['config.bu', 'config.json']);
  assert.match(readFileSync(join(out, 'config.bu'), 'utf8'), /^        source: "https:\/\/h\.example\/c\.json"\n        verification:\n          hash: sha512-[0-9a-f]{128}\n$/m);
});

test('convert: nothing expressible in the target exits 1 and says why', () => {
  const r = run(['convert', '-', '--to', 'rkt'], JSON.stringify({ auths: { 'quay.io': {} } }));
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^dropped: entry `quay.io`: rkt requires a non-empty user and password/m);
  assert.match(r.stderr, /^error: nothing to write/m);
});

// ---- cluster objects (link, grant-pull, pod, workflow, delegated-auth) ----

const SA = 'apiVersion: v1\nimagePullSecrets:\n- name: default-dockercfg-1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: apps\n';

test('link: -f SA --for=pull prints the object, --patch the merge patch, --print-command the kubectl command', () => {
  const p = file('sa.yaml', SA);
  const r = run(['link', 'default', 'my-pull', '--for=pull', '-f', p]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^imagePullSecrets:\n- name: default-dockercfg-1\n- name: my-pull\n/m);
  assert.equal(run(['link', 'default', 'my-pull', '--for', 'pull', '-f', '-', '--patch'], SA).stdout,
    '{"imagePullSecrets":[{"name":"default-dockercfg-1"},{"name":"my-pull"}]}\n');
  assert.equal(run(['link', 'default', 'my-pull', '--for=pull', '-f', p, '--print-command']).stdout,
    `kubectl patch serviceaccount default -n apps -p '{"imagePullSecrets":[{"name":"default-dockercfg-1"},{"name":"my-pull"}]}'\n`);
  // oc's default is --for=mount: the secret goes to `secrets`.
  assert.match(run(['link', 'builder', 's', '-n', 'ci']).stdout, /^secrets:\n- name: s\n/m);
  const bad = run(['link', 'default', 'x', '-f', file('bad.yaml', 'kind: ServiceAccount\nmetadata: [\n')]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^error: 3:\d+: .*\[yaml-syntax\]/);
  assert.equal(run(['link', 'default']).status, 2);
});

test('grant-pull: user and group RoleBindings, the oc command', () => {
  const r = run(['grant-pull', '--from-namespace=project-a', '-n', 'project-b']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^kind: RoleBinding\n/m);
  assert.match(r.stdout, /^subjects:\n- kind: ServiceAccount\n  name: default\n  namespace: project-a\n/m);
  assert.equal(run(['grant-pull', '--from-namespace=project-a', '--namespace=project-b', '--group', '--print-command']).stdout,
    'oc policy add-role-to-group system:image-puller system:serviceaccounts:project-a --namespace=project-b\n');
  assert.equal(run(['grant-pull', '--from-namespace=a']).status, 2);
});

test('pod, workflow and delegated-auth print manifests; no password in errors', () => {
  assert.match(run(['pod', 'web', '--image=quay.io/a/b', '--secret=s1,s2']).stdout, /imagePullSecrets:\n  - name: s1\n  - name: s2\n/);
  assert.match(run(['workflow', '--generate-name=wf-', '--secret=s']).stdout, /^kind: Workflow\n/m);
  const args = ['delegated-auth', '--auth-server=sso.example.com', '--registry=r.example.com', '--username=u', `--password=${CANARY}`,
    '--auth-secret-name=sso', '--registry-secret-name=reg'];
  const r = run(args);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.split('---\n').length, 2);
  const bad = run([...args.slice(0, -1), '--registry-secret-name=sso']);
  assert.equal(bad.status, 2);
  assert.ok(!bad.stderr.includes(CANARY) && !bad.stderr.includes(b64('u:' + CANARY)));
});

test('global-pull-secret: --to writes the new config atomically with mode 0600, prints the Secret; errors leave the file untouched', async () => {
  const { readFileSync, statSync, readdirSync } = await import('node:fs');
  const current = `{"auths":{"quay.io":{"auth":"${b64('a:b')}","email":"me@example.com"}}}`;
  const p = file('ps.json', current);
  const r = run(['global-pull-secret', `--from=${p}`, '--registry=r.example.com', `--auth-basic=u:${CANARY}`, '--registry', 'quay.io', '--auth-basic', 'c:d', `--to=${p}`]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^kind: Secret\n/m);
  assert.match(r.stdout, /^  name: pull-secret\n  namespace: openshift-config\n/m);
  const cfg = JSON.parse(readFileSync(p, 'utf8'));
  assert.equal(cfg.auths['r.example.com'].auth, b64(`u:${CANARY}`));
  assert.equal(cfg.auths['quay.io'].auth, b64('c:d'));
  assert.equal(cfg.auths['quay.io'].email, 'me@example.com');
  assert.equal(statSync(p).mode & 0o777, 0o600);
  assert.match(r.stderr, new RegExp(`Apply with: oc set data secret/pull-secret -n openshift-config --from-file=.dockerconfigjson=${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
  assert.ok(!r.stderr.includes(CANARY));
  // a refused key (podman style, like oc registry login) fails and leaves the file as it was
  const before = readFileSync(p, 'utf8');
  const bad = run(['global-pull-secret', `--from=${p}`, '--registry=https://x.io', '--auth-basic=u:p', '--style=podman', `--to=${p}`]);
  assert.equal(bad.status, 1);
  assert.equal(readFileSync(p, 'utf8'), before);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  assert.equal(run(['global-pull-secret', '--hypershift', '--registry=quay.io/org', '--auth-basic=u:p', '--print=command']).stdout,
    'oc create secret generic additional-pull-secret -n kube-system --from-file=.dockerconfigjson=additional-pull-secret.json --type=kubernetes.io/dockerconfigjson\n');
  assert.equal(run(['global-pull-secret', '--registry=r', '--auth-basic=u:p']).status, 2);
});

test('create secret: a bare --dry-run takes no argument (pflag NoOptDefVal), so NAME stays NAME', () => {
  const r = run(['create', 'secret', 'docker-registry', '--dry-run', 'foo', '--docker-username=u', '--docker-password=p']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ {2}name: foo$/m);
  assert.equal(run(['create', 'secret', 'docker-registry', 'foo', '--dry-run=server', '--docker-username=u', '--docker-password=p']).status, 2);
});
