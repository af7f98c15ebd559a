// Every package of packages.mjs as a user gets it, from the tarball prepare.mjs packed and
// installed into .out/consumer: its contents (README, LICENSE), Node ESM import, TypeScript
// strict under node16, nodenext and bundler, publint and @arethetypeswrong/cli with nothing reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { PACKAGES } from './packages.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const consumer = join(here, '.out', 'consumer');
// What prepare.mjs packed (tarball, name, files), with the settings of packages.mjs as they are now.
const packed = JSON.parse(readFileSync(join(here, '.out', 'packed.json'), 'utf8')).map((p) => ({ ...p, ...PACKAGES.find((q) => q.dir === p.dir) }));
const tsc = join(root, 'node_modules', '.bin', 'tsc');
const attw = join(here, 'node_modules', '.bin', 'attw');

/** Runs a command; on failure the assertion shows its output. */
function run(cmd, args, cwd) {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    assert.fail(`${cmd} ${args.join(' ')} failed:\n${e.stdout}${e.stderr}`);
  }
}

for (const p of packed) {
  test(`${p.name}: the tarball holds its README, LICENSE and every file its package.json names`, () => {
    for (const f of ['README.md', 'LICENSE', 'package.json', ...(p.contains ?? [])]) assert.ok(p.files.includes(f), `${f} in ${p.files.join(', ')}`);
    assert.equal(readFileSync(join(root, p.dir, 'LICENSE'), 'utf8'), readFileSync(join(root, 'LICENSE'), 'utf8'), `${p.dir}/LICENSE is the root LICENSE`);
    const readme = readFileSync(join(root, p.dir, 'README.md'), 'utf8');
    // A platform package's README sends the reader to @pullsecret/node, which installs it.
    assert.match(readme, new RegExp(`npm install (-g )?${p.direct === false ? '@pullsecret/node' : p.name}\\b`), 'the README says how to install');
    assert.match(readme, /```(js|sh)\n/, 'the README has an example');
  });

  if (p.smoke) {
    test(`${p.name}: Node ESM import in the consumer project (${p.smoke})`, () => {
      assert.equal(run(process.execPath, [p.smoke], consumer).trim(), 'ok');
    });
  }

  if (p.types) {
    for (const mode of ['node16', 'nodenext', 'bundler']) {
      test(`${p.name}: TypeScript strict, moduleResolution ${mode} (${p.types})`, () => {
        const module = mode === 'bundler' ? 'esnext' : mode;
        const config = join(consumer, `tsconfig.${p.types}.${mode}.json`);
        writeFileSync(
          config,
          JSON.stringify({
            compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'], types: [], module, moduleResolution: mode, isolatedModules: true, noUnusedLocals: true },
            files: [p.types],
          }),
        );
        run(tsc, ['-p', config], consumer);
      });
    }
  }

  if (p.lint !== false) test(`${p.name}: publint reports nothing (suggestions included)`, async () => {
    const tarball = readFileSync(p.tarball);
    const { messages, pkg } = await publint({ pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.length) }, level: 'suggestion' });
    assert.deepEqual(messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false })}`), []);
  });

  if (p.entry !== false) test(`${p.name}: @arethetypeswrong/cli reports nothing (${(p.attw ?? []).join(' ') || 'strict profile'})`, () => {
    run(attw, [p.tarball, '--format', 'table-flipped', ...(p.attw ?? [])], consumer);
  });
}
