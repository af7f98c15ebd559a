// The packed @pullsecret/wasm in the bundlers users have: the one-page app of app/ (installed
// into .out/consumer by prepare.mjs) is built by Vite, webpack 5, esbuild and Rollup, each
// build is served on 127.0.0.1 and opened in headless Chromium, and the page must show the
// report validate returns in Node. Each bundler gets only what the README says it needs:
// Vite (build and dev server) and webpack nothing; esbuild the .wasm copied next to the bundle; Rollup the
// import-meta-assets plugin (with node-resolve, which Rollup needs for any npm package).
// vitest runs app/validate.test.js against the same installed package.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { PACKAGES } from './packages.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const consumer = join(here, '.out', 'consumer');
const app = join(consumer, 'app');
const dist = join(here, '.out', 'dist');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };
const withBundlers = PACKAGES.filter((p) => p.bundlers).map((p) => p.dir);

// The report the page must show: the installed package in Node (its `node` condition).
const consumerRequire = createRequire(join(consumer, 'package.json'));
const { validate } = await import(consumerRequire.resolve('@pullsecret/wasm/node'));
const { INPUT } = await import(join(app, 'input.js'));
const expected = validate(INPUT);

/** The app's index.html beside a bundle whose entry is main.js: as an ES module, or as a classic deferred script (webpack's default output). */
function page(dir, module) {
  const html = readFileSync(join(here, 'app', 'index.html'), 'utf8');
  writeFileSync(join(dir, 'index.html'), module ? html : html.replace('<script type="module" src="./main.js">', '<script defer src="./main.js">'));
}

const BUILDS = {
  async vite(out) {
    const { build } = await import('vite');
    await build({ root: app, configFile: false, logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
  },
  async webpack(out) {
    const { default: webpack } = await import('webpack');
    const stats = await new Promise((resolve, reject) =>
      webpack({ mode: 'production', context: app, entry: './main.js', output: { path: out, filename: 'main.js', clean: true }, performance: { hints: false } }, (err, s) => (err ? reject(err) : resolve(s))),
    );
    assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
    page(out, false);
  },
  async esbuild(out) {
    const esbuild = await import('esbuild');
    await esbuild.build({ entryPoints: [join(app, 'main.js')], bundle: true, format: 'esm', outdir: out, logLevel: 'warning' });
    // The one setting: the .wasm next to the bundle (esbuild does not follow new URL(…, import.meta.url)).
    copyFileSync(consumerRequire.resolve('@pullsecret/wasm/pullsecret_wasm_bg.wasm'), join(out, 'pullsecret_wasm_bg.wasm'));
    page(out, true);
  },
  async rollup(out) {
    const { rollup } = await import('rollup');
    const { nodeResolve } = await import('@rollup/plugin-node-resolve');
    const { importMetaAssets } = await import('@web/rollup-plugin-import-meta-assets');
    const bundle = await rollup({ input: join(app, 'main.js'), plugins: [nodeResolve({ browser: true }), importMetaAssets()] });
    await bundle.write({ dir: out, format: 'es', entryFileNames: 'main.js' });
    await bundle.close();
    page(out, true);
  },
};

/** Serves `root` on 127.0.0.1 at a random port (each build at its own origin's root, as deployed). */
async function serve(root) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root + sep)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return { origin: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((resolve) => (server.close(resolve), server.closeAllConnections())) };
}

let profileDir;
let context;
const requests = [];
const problems = [];

before(async () => {
  profileDir = mkdtempSync(join(tmpdir(), 'pullsecret-bundlers-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.on('request', (r) => requests.push(r.url()));
  context.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  context.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));
  context.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  context.on('weberror', (e) => problems.push(`pageerror: ${e.error().message}`));
});

after(async () => {
  try {
    await context?.close();
  } finally {
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }
});

for (const [name, build] of Object.entries(BUILDS)) {
  test(`${name}: the app built from the tarball runs validate in Chromium`, { skip: !withBundlers.includes('npm/wasm') }, async () => {
    const out = join(dist, name);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    await build(out);
    const wasmFiles = readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.wasm'));
    assert.equal(wasmFiles.length, 1, `one .wasm in the build: ${wasmFiles.join(', ')}`);
    problems.length = 0;
    requests.length = 0;
    const { origin, close } = await serve(out);
    const tab = await context.newPage();
    tab.setDefaultTimeout(15_000);
    try {
      await tab.goto(origin);
      await tab.waitForSelector('body.ready').catch((e) => assert.fail(`${e.message}\n${problems.join('\n')}`));
      const report = JSON.parse(await tab.locator('#report').textContent());
      assert.deepEqual(report, expected);
      assert.equal(report.valid, false);
      assert.deepEqual(report.objects[0].diagnostics.map((d) => [d.code, d.line]), [['auth-not-base64', 3]]);
      assert.ok(requests.some((u) => u.startsWith(origin) && u.endsWith('.wasm')), `the .wasm came from the build: ${requests.join(', ')}`);
      assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:')), []);
      assert.deepEqual(problems, []);
    } finally {
      await tab.close();
      await close();
    }
  });
}

test('vite dev server: the app runs validate in Chromium (dependency optimiser included)', { skip: !withBundlers.includes('npm/wasm') }, async () => {
  const { createServer } = await import('vite');
  const server = await createServer({ root: app, configFile: false, logLevel: 'warn', server: { host: '127.0.0.1', port: 0, strictPort: false } });
  await server.listen();
  problems.length = 0;
  requests.length = 0;
  const tab = await context.newPage();
  tab.setDefaultTimeout(30_000);
  try {
    const origin = server.resolvedUrls.local[0];
    await tab.goto(origin);
    await tab.waitForSelector('body.ready').catch((e) => assert.fail(`${e.message}\n${problems.join('\n')}`));
    assert.deepEqual(JSON.parse(await tab.locator('#report').textContent()), expected);
    assert.ok(requests.some((u) => u.startsWith(origin) && u.endsWith('.wasm')), requests.join(', '));
    assert.deepEqual(problems, []);
  } finally {
    await tab.close();
    await server.close();
  }
});

test('vitest runs a test of the installed package (Node environment)', { skip: !withBundlers.includes('npm/wasm') }, () => {
  const vitest = join(here, 'node_modules', 'vitest', 'vitest.mjs');
  let output;
  try {
    output = execFileSync(process.execPath, [vitest, 'run', '--root', app, '--reporter', 'verbose'], { cwd: consumer, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', CI: '1' } });
  } catch (e) {
    assert.fail(`vitest failed:\n${e.stdout}${e.stderr}`);
  }
  assert.match(output, /Tests\s+2 passed \(2\)/, output);
});
