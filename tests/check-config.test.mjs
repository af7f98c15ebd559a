// `pullsecret check` configured as a linter is: `.pullsecret.yaml` (rules off or re-levelled, per
// path with `overrides`, `strict` and `namespace`), `--rule CODE=LEVEL`, `--config`/`--no-config`,
// inline `# pullsecret-ignore: CODE` and `# pullsecret-ignore-file: CODE` comments, and
// `--write-baseline`/`--baseline` (only new findings fail; robust to lines moving; no secret in
// the baseline file). Each test builds its repository in a temporary directory and runs there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

import { run as runCli } from './lib/cli.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const NOW = '--now=2026-01-01T00:00:00Z';
const CANARY = 'canary-Baseline-pw-7731';
const env = { ...process.env, NO_COLOR: '1' };

/** A Secret kept in plain text (secret-in-plain-text), an entry without `auth` (missing-auth)
 * and an `email` (email-deprecated, an info), holding the canary password. */
const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: regcred
  namespace: apps
type: kubernetes.io/dockerconfigjson
stringData:
  .dockerconfigjson: '{"auths":{"registry.example.com":{"username":"u","password":"${CANARY}","email":"a@b.c"}}}'
`;

/** A Pod using regcred whose image no entry matches (anonymous-pull, a warning). */
const pod = (name, image = 'nginx', before = '') => `${before}apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: apps
spec:
  imagePullSecrets: [{name: regcred}]
  containers:
    - name: c
      image: ${image}
`;

/** A temporary repository holding `files` ({path: text}). */
const repo = (files) => {
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-config-'));
  mkdirSync(join(dir, '.git')); // the config lookup stops here
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
};

/** `pullsecret check ARGS` in `dir`. */
const check = (dir, args = [], options = {}) => runCli(['check', ...args, NOW], undefined, { cwd: dir, env, ...options });

/** `check -o json` in `dir`: the document, validated against the schema, and the exit status. */
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateDoc = ajv.compile(JSON.parse(readFileSync(join(root, 'docs/schemas/check.schema.json'), 'utf8')));
const checkJson = (dir, args = []) => {
  const r = check(dir, [...args, '-o', 'json']);
  const doc = JSON.parse(r.stdout);
  assert.ok(validateDoc(doc), JSON.stringify(validateDoc.errors));
  return { doc, status: r.status, stderr: r.stderr };
};

/** The codes of `doc`'s findings, with their severities, per file. */
const findings = (doc) =>
  Object.fromEntries(
    doc.files.map((f) => [
      f.path,
      [...f.diagnostics, ...f.objects.flatMap((o) => o.diagnostics), ...(f.workloads ?? []).flatMap((w) => w.diagnostics)]
        .map((d) => `${d.severity} ${d.code}`)
        .sort(),
    ]),
  );

test('without a config: the findings as the catalogue sets them', () => {
  const dir = repo({ 'secret.yaml': SECRET, 'pod.yaml': pod('web') });
  const { doc, status } = checkJson(dir);
  assert.equal(status, 0);
  assert.deepEqual(findings(doc), {
    'pod.yaml': ['warning anonymous-pull'],
    'secret.yaml': ['info email-deprecated', 'warning missing-auth', 'warning secret-in-plain-text'],
  });
  assert.equal(doc.summary.baselined, 0);
});

test('.pullsecret.yaml: a rule off removes its findings, a level changes counts, verdict and status in every format', () => {
  const dir = repo({
    '.pullsecret.yaml': 'rules:\n  missing-auth: off\n  anonymous-pull: error\n  email-deprecated: warning\n',
    'secret.yaml': SECRET,
    'pod.yaml': pod('web'),
  });
  const { doc, status } = checkJson(dir);
  assert.equal(status, 1);
  assert.deepEqual(findings(doc), {
    'pod.yaml': ['error anonymous-pull'],
    'secret.yaml': ['warning email-deprecated', 'warning secret-in-plain-text'],
  });
  const podFile = doc.files.find((f) => f.path === 'pod.yaml');
  assert.equal(podFile.status, 'fails');
  assert.equal(podFile.errors, 1);
  const secret = doc.files.find((f) => f.path === 'secret.yaml');
  assert.deepEqual([secret.status, secret.errors, secret.warnings], ['warnings', 0, 2]);
  assert.deepEqual([secret.objects[0].errors, secret.objects[0].warnings, secret.objects[0].valid], [0, 2, true]);
  assert.deepEqual([doc.summary.errors, doc.summary.warnings, doc.summary.failedFiles], [1, 2, 1]);

  const text = check(dir);
  assert.equal(text.status, 1);
  assert.match(text.stdout, /^✘ pod\.yaml: 1 error, 0 warnings$/m);
  assert.match(text.stdout, /pod\.yaml:10:14 error anonymous-pull /);
  assert.doesNotMatch(text.stdout, /missing-auth/);
  assert.match(text.stdout, /1 error, 2 warnings: errors, though no client fails$/m);

  const github = check(dir, ['--format=github']);
  assert.match(github.stdout, /^::error file=pod\.yaml,line=10,.*title=anonymous-pull::/m);
  assert.doesNotMatch(github.stdout, /missing-auth/);
  const sarif = JSON.parse(check(dir, ['--format=sarif']).stdout);
  const results = sarif.runs[0].results.map((r) => `${r.level} ${r.ruleId}`).sort();
  assert.ok(results.includes('error anonymous-pull'), results.join());
  assert.ok(!results.some((r) => r.endsWith('missing-auth')), results.join());
  const junit = check(dir, ['--format=junit']);
  assert.match(junit.stdout, /anonymous-pull/);
  assert.doesNotMatch(junit.stdout, /missing-auth/);
});

test('.pullsecret.yaml: overrides by path (globs relative to the config file), later rules win; strict and namespace', () => {
  const dir = repo({
    '.pullsecret.yaml': [
      'rules:',
      '  secret-in-plain-text: error',
      'overrides:',
      '  - paths: ["apps/legacy/**"]',
      '    rules:',
      '      secret-in-plain-text: off',
      '      missing-auth: info',
      '',
    ].join('\n'),
    'apps/legacy/old/secret.yaml': SECRET,
    'apps/web/secret.yaml': SECRET,
  });
  const { doc, status } = checkJson(dir);
  assert.equal(status, 1);
  assert.deepEqual(findings(doc), {
    'apps/legacy/old/secret.yaml': ['info email-deprecated', 'info missing-auth'],
    'apps/web/secret.yaml': ['error secret-in-plain-text', 'info email-deprecated', 'warning missing-auth'],
  });
  // Run from a subdirectory: the config is found above, the globs stay relative to it.
  const sub = checkJson(join(dir, 'apps'), ['.']);
  assert.deepEqual(findings(sub.doc)['legacy/old/secret.yaml'], ['info email-deprecated', 'info missing-auth']);

  // strict: an anonymous pull is an error; namespace: objects without one.
  const strict = repo({
    '.pullsecret.yaml': 'strict: true\nnamespace: apps\n',
    'secret.yaml': SECRET,
    'pod.yaml': pod('web').replace('  namespace: apps\n', ''),
  });
  const s = checkJson(strict);
  assert.equal(s.status, 1);
  assert.deepEqual(findings(s.doc)['pod.yaml'], ['error anonymous-pull']);
  // the flag wins over the file
  assert.equal(check(strict, ['--strict=false']).status, 0);
});

test('--rule CODE=LEVEL wins over the file; --no-config and --config FILE', () => {
  const dir = repo({
    '.pullsecret.yaml': 'rules:\n  anonymous-pull: error\n',
    'other.yaml': 'rules:\n  anonymous-pull: off\n',
    'secret.yaml': SECRET,
    'pod.yaml': pod('web'),
  });
  assert.equal(check(dir).status, 1);
  const flag = checkJson(dir, ['--rule', 'anonymous-pull=warning', '--rule=missing-auth=off']);
  assert.equal(flag.status, 0);
  assert.deepEqual(findings(flag.doc)['pod.yaml'], ['warning anonymous-pull']);
  assert.ok(!findings(flag.doc)['secret.yaml'].includes('warning missing-auth'));
  const none = checkJson(dir, ['--no-config', '.']);
  assert.deepEqual(findings(none.doc)['pod.yaml'], ['warning anonymous-pull']);
  const named = checkJson(dir, ['--config', 'other.yaml', 'pod.yaml', 'secret.yaml']);
  assert.deepEqual(findings(named.doc)['pod.yaml'], []);
});

test('an unknown rule is a usage error (exit 2) naming the nearest code', () => {
  const dir = repo({ '.pullsecret.yaml': 'rules:\n  anonymus-pull: off\n', 'pod.yaml': pod('web') });
  const r = check(dir);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /unknown rule `anonymus-pull` \(did you mean `anonymous-pull`\?/);
  const flag = check(dir, ['--no-config', '--rule', 'secret-in-plaintext=off']);
  assert.equal(flag.status, 2);
  assert.match(flag.stderr, /did you mean `secret-in-plain-text`/);
  const level = check(dir, ['--no-config', '--rule', 'anonymous-pull=loud']);
  assert.equal(level.status, 2);
  assert.match(level.stderr, /off, info, warning or error/);
  const key = check(repo({ '.pullsecret.yaml': 'rulez: {}\n' }));
  assert.equal(key.status, 2);
  assert.match(key.stderr, /rulez/);
});

test('a .pullsecret.yaml that links out of the repository is refused, one inside it is read', () => {
  const outside = repo({ 'config.yaml': 'rules:\n  anonymous-pull: error\n' });
  const dir = repo({ 'secret.yaml': SECRET, 'pod.yaml': pod('web'), 'conf/lint.yaml': 'rules:\n  anonymous-pull: off\n' });
  symlinkSync(join(outside, 'config.yaml'), join(dir, '.pullsecret.yaml'));
  const out = check(dir);
  assert.equal(out.status, 2);
  assert.equal(out.stdout, '');
  assert.match(out.stderr, /\.pullsecret\.yaml: a symlink out of the repository is not followed/);
  // Named with --config, the user's choice, it is read.
  assert.equal(check(dir, ['--config', join(outside, 'config.yaml')]).status, 1);
  rmSync(join(dir, '.pullsecret.yaml'));
  symlinkSync(join('conf', 'lint.yaml'), join(dir, '.pullsecret.yaml'));
  const inside = checkJson(dir);
  assert.equal(inside.status, 0, inside.stderr);
  assert.deepEqual(findings(inside.doc)['pod.yaml'], []);
});

test('inline ignores: on the line, on the line above, in the whole file', () => {
  const onLine = pod('a').replace('image: nginx', 'image: nginx # pullsecret-ignore: anonymous-pull');
  const above = pod('b').replace('      image: nginx', '      # pullsecret-ignore: anonymous-pull, missing-auth\n      image: nginx');
  const elsewhere = pod('c').replace('  containers:', '  # pullsecret-ignore: anonymous-pull\n  containers:');
  const wholeFile = `# pullsecret-ignore-file: secret-in-plain-text missing-auth\n${SECRET}`;
  const dir = repo({
    'a.yaml': onLine,
    'b.yaml': above,
    'c.yaml': elsewhere,
    'secret.yaml': wholeFile,
    'typo.yaml': pod('d').replace('image: nginx', 'image: nginx # pullsecret-ignore: anonymous-pul'),
  });
  const { doc, status, stderr } = checkJson(dir);
  assert.equal(status, 0);
  const f = findings(doc);
  assert.deepEqual(f['a.yaml'], []);
  assert.deepEqual(f['b.yaml'], []);
  assert.deepEqual(f['c.yaml'], ['warning anonymous-pull']);
  assert.deepEqual(f['secret.yaml'], ['info email-deprecated']);
  assert.deepEqual(f['typo.yaml'], ['warning anonymous-pull']);
  assert.match(stderr, /typo\.yaml:10: pullsecret-ignore: unknown rule `anonymous-pul` \(did you mean `anonymous-pull`/);
});

test('baseline: written today, only new findings fail; robust to lines moving; counted per fingerprint; no secret in it', () => {
  const dir = repo({
    '.pullsecret.yaml': 'rules:\n  anonymous-pull: error\n',
    'secret.yaml': SECRET,
    'pod.yaml': pod('web'),
  });
  const write = check(dir, ['--write-baseline', 'baseline.json', 'pod.yaml', 'secret.yaml']);
  assert.equal(write.status, 1, 'writing a baseline reports as usual');
  const text = readFileSync(join(dir, 'baseline.json'), 'utf8');
  assert.ok(!text.includes(CANARY) && !text.includes(Buffer.from(CANARY).toString('base64')), 'no secret in the baseline');
  const base = JSON.parse(text);
  assert.equal(base.schemaVersion, 1);
  assert.deepEqual(
    base.findings.map((f) => `${f.path} ${f.code}`),
    ['pod.yaml anonymous-pull', 'secret.yaml missing-auth', 'secret.yaml secret-in-plain-text'],
  );
  for (const f of base.findings) assert.match(f.fingerprint, /^[0-9a-f]{16}$/);

  const args = ['--baseline', 'baseline.json', 'pod.yaml', 'secret.yaml'];
  const clean = check(dir, args);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /0 errors, 0 warnings \(3 baselined\): all pulls will work$/m);
  assert.equal(checkJson(dir, args).doc.summary.baselined, 3);

  // Lines move: still the same findings.
  writeFileSync(join(dir, 'pod.yaml'), pod('web', 'nginx', '# a comment\n\n\n'));
  writeFileSync(join(dir, 'secret.yaml'), `# moved down\n\n${SECRET}`);
  assert.equal(check(dir, args).status, 0);

  // A new finding fails, alone.
  writeFileSync(join(dir, 'pod.yaml'), pod('web') + '---\n' + pod('api', 'busybox'));
  const { doc, status } = checkJson(dir, args);
  assert.equal(status, 1);
  assert.deepEqual(findings(doc)['pod.yaml'], ['error anonymous-pull']);
  assert.match(JSON.stringify(doc.files[0].workloads), /busybox/);
  assert.equal(doc.summary.baselined, 3);

  // A new duplicate of a recorded finding still counts.
  writeFileSync(join(dir, 'pod.yaml'), pod('web') + '---\n' + pod('web'));
  const dup = checkJson(dir, args);
  assert.equal(dup.status, 1);
  assert.equal(dup.doc.summary.errors, 1);

  // Not a baseline: a usage error.
  writeFileSync(join(dir, 'bad.json'), '{"findings": 3}');
  const bad = check(dir, ['--baseline', 'bad.json', 'pod.yaml']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /bad\.json: not a pullsecret baseline/);
});
