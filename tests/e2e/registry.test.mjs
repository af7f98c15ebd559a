// Proof against real clients: for each case pullsecret writes (or is handed) an auth file and
// predicts, per client, whether a pull from a real htpasswd registry succeeds (`lookup`: which
// entry the client uses and whether it can read the file; `parse`: what that entry decodes to);
// then skopeo, podman and the Docker CLI really pull. Prediction and outcome must agree.
// Writes docs/e2e-results.md from the run. Needs scripts/e2e-tools.sh (called by scripts/test.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startLab, stopLab, writeAuthFile, clients, childPids } from './lib/registry.mjs';
import { CASES, USERS, ctxFor } from './lib/cases.mjs';

const api = createRequire(import.meta.url)('../../npm/node/index.cjs');
const CLIENTS = [
  ['skopeo', 'containers'],
  ['podman', 'containers'],
  ['docker', 'docker'],
];
const RANDOM_TRIES = 8;
const results = [];
let lab;

before(async () => {
  lab = await startLab({ users: USERS, pushAs: 'e2e-colon' });
});

after(async () => {
  const pids = lab ? lab.procs.map((p) => p.pid).filter(Boolean) : [];
  await stopLab(lab);
  writeResults();
  assert.deepEqual(childPids(), [], 'no process left behind');
  for (const pid of pids) assert.throws(() => process.kill(pid, 0), /ESRCH/, `registry ${pid} stopped`);
});

/**
 * pullsecret's two predictions for one client: `lookup` (which entry the client uses for this
 * image, or why none) and `validate` (whether the client can read the file, and its verdict on
 * that entry). `ok` null means pullsecret says the outcome is random.
 */
function predict(text, image, client) {
  let lk;
  try {
    lk = api.lookup(text, image, { client });
  } catch (e) {
    lk = { status: 'fails', reason: e.code, matches: [] };
  }
  const m = lk.matches[0];
  const key = m ? ` via ${m.rule} \`${m.registry}\`` : '';
  const lookup = { ok: false, says: `${lk.status}${key}` };
  // docker falls back to the file's entry when the helper cannot be run; none is installed here.
  const fallback = lk.status === 'helper' && client === 'docker' && m && !onPath(helperOf(text, lk.server));
  let credsOk = false;
  if (lk.ambiguous) {
    Object.assign(lookup, { ok: null, says: `random (Go map order)${key}` });
  } else if (lk.status === 'credentials' || fallback) {
    // What that entry carries, as parse decodes it; the registry accepts only USERS.
    const entries = parseFirstValue(text).entries.filter((e) => e.registry === m.registry);
    const e = entries[entries.length - 1];
    credsOk = e.username === m.username && USERS[e.username] !== undefined && USERS[e.username] === e.password;
    const who = `credentials of ${e.username || '""'}${credsOk ? '' : ' (wrong)'}`;
    Object.assign(lookup, { ok: credsOk, says: `${fallback ? 'helper missing, file entry: ' : ''}${who}${key}` });
  }
  const v = api.validate(text);
  const file = v.clients[client];
  const entry = m && v.objects[0].entries.find((x) => x.pointer === m.pointer);
  const validate = { ok: credsOk, says: `file ${file.status}` };
  if (lk.ambiguous) {
    Object.assign(validate, { ok: null });
  } else if (file.status === 'fails') {
    Object.assign(validate, { ok: false });
  } else if (!entry) {
    Object.assign(validate, { ok: false, says: `${validate.says}, no entry for the image` });
  } else {
    const st = entry.clients[client].status;
    Object.assign(validate, { ok: st === 'used' && credsOk, says: `${validate.says}, entry ${st}` });
  }
  return { lookup, validate };
}

/** `parse`, and for data after the JSON value (which docker ignores) `parse` of the text before it. */
function parseFirstValue(text) {
  try {
    return api.parse(text);
  } catch (e) {
    // A value of the wrong type: what the entries carry is the rest of the file (`lookup` and
    // `validate` say which clients refuse the file; this only reads the credentials).
    if (e.code === 'wrong-type') return api.parse(JSON.stringify(dropWrongTypes(JSON.parse(text))));
    if (e.code !== 'json-syntax' || !e.line) throw e;
    const lines = text.split('\n');
    const at = lines.slice(0, e.line - 1).reduce((n, l) => n + l.length + 1, 0) + [...lines[e.line - 1]].slice(0, e.column - 1).join('').length;
    return api.parse(text.slice(0, at));
  }
}

function dropWrongTypes(doc) {
  const strings = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string'));
  const out = {};
  if (doc.auths && typeof doc.auths === 'object') {
    out.auths = Object.fromEntries(Object.entries(doc.auths).filter(([, e]) => e && typeof e === 'object').map(([k, e]) => [k, strings(e)]));
  }
  if (typeof doc.credsStore === 'string') out.credsStore = doc.credsStore;
  if (doc.credHelpers && typeof doc.credHelpers === 'object') out.credHelpers = strings(doc.credHelpers);
  return out;
}

function helperOf(text, server) {
  const doc = parseFirstValue(text);
  return doc.credHelpers.find((h) => h.registry === server)?.helper ?? doc.credsStore;
}

function onPath(helper) {
  return process.env.PATH.split(':').some((d) => existsSync(join(d, `docker-credential-${helper}`)));
}

function redact(s, lab) {
  let out = s.split(lab.dir).join('TMP').split(lab.http.host).join('HOST').split(lab.tls.host).join('HOST');
  for (const p of Object.values(USERS)) out = out.split(p).join('***');
  return out.replace(/[|\n]/g, ' ');
}

for (const c of CASES) {
  test(c.id, async () => {
    const reg = lab[c.reg];
    const ctx = ctxFor(lab, c.reg, api);
    const text = c.file(ctx);
    const image = `${reg.host}/${c.repo ?? reg.repo ?? lab.repo}`;
    const { file } = writeAuthFile(lab, text);
    const row = { id: c.id, what: c.what, reg: c.reg, per: {} };
    results.push(row);
    await Promise.all(
      CLIENTS.map(async ([name, client]) => {
        const { lookup: p, validate: pv } = predict(text, image, client);
        let r = await clients[name](lab, reg, file, image);
        if (p.ok === null) {
          // A random outcome: show how often the pull worked.
          let pulled = r.ok ? 1 : 0;
          for (let i = 1; i < RANDOM_TRIES; i++) pulled += (await clients[name](lab, reg, file, image)).ok ? 1 : 0;
          r = { ok: null, said: `pulled ${pulled} of ${RANDOM_TRIES} times` };
        }
        row.per[name] = { predicted: p.ok, says: redact(p.says, lab), vpredicted: pv.ok, vsays: pv.says, ok: r.ok, said: redact(r.said, lab) };
      }),
    );
    const wrong = [];
    for (const [n, v] of Object.entries(row.per)) {
      if (v.predicted !== v.ok) wrong.push(`${n}: lookup predicted ${v.predicted} (${v.says}), client: ${v.said}`);
      if (v.vpredicted !== v.ok) wrong.push(`${n}: validate predicted ${v.vpredicted} (${v.vsays}), client: ${v.said}`);
    }
    assert.deepEqual(wrong, []);
  });
}

function writeResults() {
  if (!results.length) return;
  const mark = (p) => (p === null ? '✔ or ✘' : p ? '✔' : '✘');
  const cell = (v) => `${mark(v.predicted)} ${v.says}`;
  const vcell = (v) => `${mark(v.vpredicted)} ${v.vsays}`;
  const did = (v) => `${v.ok === null ? '' : v.ok ? '✔ ' : '✘ '}${v.said}`;
  const agree = (v) => (v.predicted === null ? 'either is right' : v.predicted === v.ok && v.vpredicted === v.ok ? 'yes' : '**NO**');
  let n = 0;
  let same = 0;
  const rows = [];
  for (const r of results) {
    for (const [name] of CLIENTS) {
      const v = r.per[name];
      if (!v) continue;
      if (v.predicted !== null) {
        n++;
        if (v.predicted === v.ok && v.vpredicted === v.ok) same++;
      }
      rows.push(`| ${r.id}: ${r.what.replace(/\|/g, '\\|')} | ${r.reg} | ${name} | ${cell(v)} | ${vcell(v)} | ${did(v)} | ${agree(v)} |`);
    }
  }
  const text = [
    '# End-to-end results against real clients',
    '',
    'Generated by `tests/e2e/registry.test.mjs` (`node --test tests/e2e/registry.test.mjs`) from its last run;',
    'do not edit. Each case writes an auth file (pullsecret `create`/`toSecret`, or by hand for the traps),',
    'asks pullsecret (`lookup` + `parse` + `validate` on the file) whether each client will pull, then really',
    "pulls `HOST/test/tiny:v1` from Debian's `docker-registry` (htpasswd, bcrypt) on 127.0.0.1 with",
    '`skopeo inspect --authfile`, `podman pull --authfile` and `docker --config DIR manifest inspect` (`--insecure` for HTTP).',
    '`HOST` is the registry (plain HTTP or TLS with a throw-away CA). The registry accepts only the fixture',
    'users; "wrong" credentials use a wrong password. `lookup` names the entry the client uses for the image (or why',
    'none); `validate` says whether the client can read the file and gives its verdict on that entry. A run agrees',
    'when both predictions match what the client did; "✔ or ✘" is pullsecret saying the outcome is random.',
    '',
    `Agreement: ${same}/${n} client runs (${results.length} cases${n === same ? '' : ', DISAGREEMENTS present'}).`,
    '',
    'Docker Hub (`hub` rows): the clients pull `docker.io/e2e/tiny:v1` through an HTTPS proxy (`HTTPS_PROXY`) that sends',
    "Hub's host names to the TLS registry, whose throw-away certificate names them and is trusted through `SSL_CERT_FILE`;",
    'so Hub key spellings are tested with the real lookup code of each client, offline.',
    '',
    '| case | registry | client | pullsecret `lookup` predicts | pullsecret `validate` predicts | client did | agree |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(new URL('../../docs/e2e-results.md', import.meta.url), text);
}
