// `pullsecret create secret docker-registry` against `kubectl create secret docker-registry
// --dry-run=client`: wall time per run including process start, interleaved rounds, one run.
// Subjects: kubectl; the native binary; the npm `pullsecret` bin after its install step (the
// native binary behind node_modules/.bin, as npm links it); the npm bin without it (install
// scripts off: Node runs the same Rust CLI through the addon). The outputs must be identical.
// A benchmark, not a test: it prints ratios and fails only when the outputs differ.
// Run: node bench/cli.mjs [rounds]   (scripts/test.sh runs it after the tests)
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kubectls } from '../tests/e2e/kubectl.mjs';
import { nativeBin } from '../tests/lib/cli.mjs';

const rounds = Number(process.argv[2] ?? 30);
const root = fileURLToPath(new URL('..', import.meta.url));
const kube = kubectls().at(-1);
if (!kube) throw new Error('no kubectl: run scripts/fetch-kubectl.sh');
const args = ['create', 'secret', 'docker-registry', 'foo', '--docker-username=u', '--docker-password=p:w', '--docker-server=quay.io', '-n', 'apps', '--dry-run=client', '-o', 'yaml'];
const ours = [...args, `--kubectl-version=${kube.version}`];
const env = { ...process.env, KUBECONFIG: '/dev/null' };

// node_modules as npm lays it out, with the `pullsecret` package's install step run.
const dir = mkdtempSync(join(tmpdir(), 'pullsecret-bench-'));
const nm = join(dir, 'node_modules');
mkdirSync(join(nm, '@pullsecret', 'node-linux-x64-gnu'), { recursive: true });
mkdirSync(join(nm, '.bin'));
symlinkSync(join(root, 'npm/node'), join(nm, '@pullsecret/node'));
const { version } = JSON.parse(readFileSync(join(root, 'npm/cli/package.json'), 'utf8'));
writeFileSync(join(nm, '@pullsecret/node-linux-x64-gnu/package.json'), JSON.stringify({ name: '@pullsecret/node-linux-x64-gnu', version }));
cpSync(nativeBin, join(nm, '@pullsecret/node-linux-x64-gnu/pullsecret'));
for (const f of ['package.json', 'install.cjs', 'platform.cjs', 'bin/pullsecret']) cpSync(join(root, 'npm/cli', f), join(nm, 'pullsecret', f));
chmodSync(join(nm, 'pullsecret/bin/pullsecret'), 0o755);
symlinkSync('../pullsecret/bin/pullsecret', join(nm, '.bin/pullsecret'));
const launcher = join(dir, 'launcher.cjs');
cpSync(join(root, 'npm/cli/bin/pullsecret'), launcher); // the launcher before the swap
const installed = spawnSync(process.execPath, [join(nm, 'pullsecret/install.cjs')], { encoding: 'utf8', env: { ...env, PULLSECRET_INSTALL_VERBOSE: '1' } });
if (!/native binary/.test(installed.stderr)) throw new Error(`install step did not swap: ${installed.stderr}`);
// The launcher resolves @pullsecret/node from its own place: keep it inside node_modules/pullsecret.
cpSync(launcher, join(nm, 'pullsecret/bin/launcher.cjs'));

const subjects = {
  [`kubectl ${kube.version}`]: () => execFileSync(kube.path, args, { env }),
  'pullsecret (native binary)': () => execFileSync(nativeBin, ours, { env }),
  'npm bin, installed': () => execFileSync(join(nm, '.bin/pullsecret'), ours, { env }),
  'npm bin, no install step': () => execFileSync(process.execPath, [join(nm, 'pullsecret/bin/launcher.cjs'), ...ours], { env }),
};
const outs = Object.values(subjects).map((f) => f().toString());
for (const o of outs.slice(1)) if (o !== outs[0]) throw new Error('outputs differ:\n' + outs.join('\n---\n'));
const times = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
for (let r = 0; r < rounds; r++) {
  for (const [name, f] of Object.entries(subjects)) {
    const t = process.hrtime.bigint();
    f();
    times[name].push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const k = median(Object.values(times)[0]);
console.log(`create secret docker-registry: ${rounds} interleaved rounds, identical output (wall time with process start, median)`);
for (const [name, t] of Object.entries(times)) console.log(`  ${name.padEnd(28)} ${median(t).toFixed(2).padStart(8)} ms  ${(median(t) / k).toFixed(3)}x of kubectl`);
