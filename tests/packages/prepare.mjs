// Packs every package of packages.mjs into .out/tarballs (printing each tarball's size) and
// installs all the tarballs into a fresh consumer project, .out/consumer, as a user would:
// `file:` dependencies, with `overrides` naming each of our packages so that npm never asks the
// public registry for one of our own names (a package depending on another of ours, e.g. a
// platform package, gets the tarball too). The consumer's own files come from consumer/ and app/.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGES } from './packages.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const out = join(here, '.out');
const tarballs = join(out, 'tarballs');
const consumer = join(out, 'consumer');
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

rmSync(out, { recursive: true, force: true });
mkdirSync(tarballs, { recursive: true });
const packed = [];
for (const p of PACKAGES) {
  const [info] = JSON.parse(npm(['pack', '--json', '--loglevel=error', '--pack-destination', tarballs], join(root, p.dir)));
  const file = join(tarballs, info.filename);
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`packed ${info.name}@${info.version}: ${info.filename} ${kib(statSync(file).size)} (${kib(info.unpackedSize)} unpacked, ${info.entryCount} files)`);
  packed.push({ ...p, name: info.name, version: info.version, tarball: file, files: info.files.map((f) => f.path) });
}
writeFileSync(join(out, 'packed.json'), JSON.stringify(packed, null, 2));

mkdirSync(consumer, { recursive: true });
const spec = (p) => `file:${relative(consumer, p.tarball)}`;
const all = Object.fromEntries(packed.map((p) => [p.name, spec(p)]));
const deps = Object.fromEntries(packed.filter((p) => p.direct !== false).map((p) => [p.name, spec(p)]));
writeFileSync(
  join(consumer, 'package.json'),
  JSON.stringify({ name: 'pullsecret-consumer', private: true, type: 'module', dependencies: deps, overrides: all }, null, 2),
);
npm(['install', '--no-audit', '--no-fund', '--loglevel=error'], consumer);
cpSync(join(here, 'consumer'), consumer, { recursive: true });
cpSync(join(here, 'app'), join(consumer, 'app'), { recursive: true });
for (const p of packed.filter((q) => q.direct !== false)) {
  const installed = JSON.parse(readFileSync(join(consumer, 'node_modules', p.name, 'package.json'), 'utf8'));
  if (installed.version !== p.version) throw new Error(`${p.name}: installed ${installed.version}, packed ${p.version}`);
}
console.log(`installed ${packed.length} tarball(s) into ${relative(root, consumer)}`);
