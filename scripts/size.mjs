// What @pullsecret/wasm weighs, printed by every build (docs/dev/size.md):
// - what `import '@pullsecret/wasm'` loads: index.js, every module it imports, and the .wasm;
// - the whole package as `npm pack` would publish it;
// - which crates the wasm bytes come from (twiggy over the optimised module with its names,
//   when twiggy is installed: `cargo install twiggy`).
// The product target for the import is 256 KiB gzip (the brief); since issue 17's `explain` (85 KB
// raw, 35 KiB gzip: the workload check, the events reader and the answers) it is over that, and
// the build prints so on every run; `fix` (issue 17 part 8) added 10 KiB more, and building the
// YAML scanner for speed (crates/pullsecret-yaml-events, issue 16's Secret within 1.5x of JSON)
// about 15; kustomize builds in the workload check (namespaces, images), about 6.
// The build fails above the ceilings: 346 KiB gzip for the import (a stop-gap until the team
// decides how to get back under the target, docs/dev/size.md), 384 KiB for the package.
// Run: node scripts/size.mjs [NAMED.wasm] [--json]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const KiB = 1024;
const TARGET = { import: 256 * KiB };
const BUDGET = { import: 346 * KiB, package: 384 * KiB };
const pkg = 'npm/wasm';
const kib = (n) => `${(n / KiB).toFixed(1)} KiB`;
const gz = (b) => gzipSync(b, { level: 9 }).length;

/** index.js and every relative module it imports, transitively, plus the .wasm it fetches. */
function importClosure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*['"](\.[^'"]+)['"]/g)) {
      visit(join(dirname(file), m[1] ?? m[2]));
    }
  };
  visit(entry);
  for (const f of [...seen]) {
    const wasm = f.replace(/\.js$/, '_bg.wasm');
    if (existsSync(wasm)) seen.add(wasm);
  }
  return [...seen];
}

const files = importClosure(join(pkg, 'index.js'));
const sizes = files.map((f) => {
  const b = readFileSync(f);
  return { file: relative(pkg, f), raw: b.length, gzip: gz(b) };
});
const imported = { raw: sizes.reduce((s, f) => s + f.raw, 0), gzip: sizes.reduce((s, f) => s + f.gzip, 0) };

const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: pkg, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
const whole = { tarball: packed.size, unpacked: packed.unpackedSize, files: packed.entryCount };

/** Shallow bytes of the optimised module grouped by crate (the first path segment of each name). */
function crates(named) {
  if (!named || !existsSync(named)) return null;
  let rows;
  try {
    rows = JSON.parse(execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'json', named], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  } catch {
    return null; // twiggy is not installed
  }
  // Names are what the shipped module is stripped of: not counted.
  const code = rows.filter((r) => !/^"function names"|^"local names"|^"global names"|^"data names"|^"type names"|^"module name"|^custom section/.test(r.name));
  const total = code.reduce((s, r) => s + r.shallow_size, 0);
  const groups = new Map();
  for (const r of code) {
    const n = r.name;
    let g;
    if (/^data segment|^"function names"|^custom section|^type\[|^table|^import|^export|^elem|^global|^memory/.test(n)) g = n.startsWith('data') ? 'data (strings, tables)' : 'wasm structure (names, types, exports)';
    else if (/^[a-zA-Z]+_[0-9a-f]{16}$| shim$/.test(n)) g = 'pullsecret_wasm (exports, with what they inline)';
    else if (/^<[a-z0-9]+ as (core|alloc|std)\b/.test(n)) g = 'core, alloc, std';
    else if (/^<[a-z0-9]+>::|^__rust|^__externref|^__wbindgen/.test(n)) g = /^__externref|^__wbindgen/.test(n) ? 'wasm_bindgen' : 'core, alloc, std';
    else {
      g = /^<?&?(?:mut )?(?:dyn )?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(n)?.[1] ?? 'other';
      if (g === 'core' || g === 'alloc' || g === 'std') g = 'core, alloc, std';
      if (g === 'pullsecret_wasm') g = 'pullsecret_wasm (exports, with what they inline)';
    }
    groups.set(g, (groups.get(g) ?? 0) + r.shallow_size);
  }
  return { total, groups: [...groups].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => ({ name, bytes, share: bytes / total })) };
}
const named = process.argv.slice(2).find((a) => !a.startsWith('--'));
const byCrate = crates(named);

const log = (s) => console.error(s);
log(`@pullsecret/wasm: import '@pullsecret/wasm' loads ${kib(imported.gzip)} gzip (${kib(imported.raw)} raw; target ${kib(TARGET.import)}, ceiling ${kib(BUDGET.import)})`);
if (imported.gzip > TARGET.import) log(`  OVER THE TARGET by ${kib(imported.gzip - TARGET.import)}: see docs/dev/size.md (a second entry point for explain is the plan)`);
for (const s of sizes) log(`  ${s.file.padEnd(30)} ${kib(s.gzip).padStart(10)} gzip ${kib(s.raw).padStart(10)} raw`);
log(`  whole package (npm pack): ${kib(whole.tarball)} tarball, ${kib(whole.unpacked)} unpacked, ${whole.files} files (budget ${kib(BUDGET.package)})`);
if (byCrate) {
  log(`  the optimised module by crate (twiggy, shallow bytes; ${kib(byCrate.total)} of code and data):`);
  for (const g of byCrate.groups.filter((g) => g.share >= 0.01)) log(`    ${g.name.padEnd(50)} ${kib(g.bytes).padStart(10)} ${(100 * g.share).toFixed(1).padStart(5)}%`);
} else {
  log('  (by crate: install twiggy, `cargo install twiggy`, for the breakdown)');
}
if (process.argv.includes('--json')) console.log(JSON.stringify({ imported, files: sizes, package: whole, byCrate }));
const over = [];
if (imported.gzip > BUDGET.import) over.push(`the import is ${kib(imported.gzip)} gzip, over ${kib(BUDGET.import)}`);
if (whole.tarball > BUDGET.package) over.push(`the package is ${kib(whole.tarball)}, over ${kib(BUDGET.package)}`);
if (over.length) {
  log(`size budget exceeded: ${over.join('; ')}`);
  process.exit(1);
}
