// The containers/image lookup vectors (tests/vectors/lookup-containers.json, translated from
// containers/image's own test tables) checked against the real thing: skopeo resolves the
// credentials offline with `skopeo login --get-login`, using the containers/image code that
// podman, buildah, CRI-O and oc share. Every vector must give the username skopeo prints (or
// none where skopeo reports "not logged in"), for the repository name our lookup normalised.
// A vector whose input is a `kubernetes.io/dockercfg` Secret stands for a legacy-format file:
// skopeo reads that only as ~/.dockercfg, so the test puts it there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lookup, parse } from '../../npm/wasm/node.js';

const { cases } = JSON.parse(
  readFileSync(new URL('../vectors/lookup-containers.json', import.meta.url), 'utf8'),
);

/** The username skopeo resolves for `name` with `files` laid out under a fresh HOME, or null. */
function skopeoLogin(name, files, authfile) {
  const home = mkdtempSync(join(tmpdir(), 'pullsecret-skopeo-'));
  try {
    mkdirSync(join(home, 'xdg'));
    for (const [rel, content] of Object.entries(files)) writeFileSync(join(home, rel), content);
    const args = ['login', '--get-login'];
    if (authfile) args.push('--authfile', join(home, authfile));
    args.push(name);
    const env = { PATH: process.env.PATH, HOME: home, XDG_RUNTIME_DIR: join(home, 'xdg') };
    const p = spawnSync('skopeo', args, { env, encoding: 'utf8' });
    assert.ok(p.error === undefined, `skopeo did not run: ${p.error}`);
    return p.status === 0 ? p.stdout.trim() : null;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

test('skopeo resolves the containers/image lookup vectors the same way', async (t) => {
  let checked = 0;
  for (const c of cases.filter((c) => !c.error)) {
    await t.test(c.name, () => {
      const { image } = lookup(c.input, c.image, c.options);
      // `parse` refuses a file with a wrong-typed value (which skopeo may still read): not legacy.
      let doc = null;
      try {
        doc = parse(c.input);
      } catch (e) {
        if (e.code !== 'wrong-type') throw e;
      }
      const legacy = doc?.source.kind === 'secret' && doc?.format === 'dockercfg';
      const username = legacy
        ? skopeoLogin(image, { '.dockercfg': JSON.parse(c.input).stringData['.dockercfg'] })
        : skopeoLogin(image, { 'auth.json': c.input }, 'auth.json');
      const want = c.expect.matches.length ? c.expect.matches[0].username : null;
      assert.equal(username, want, `skopeo for ${image}`);
      checked++;
    });
  }
  assert.ok(checked >= 50, `only ${checked} vectors checked`);
});
