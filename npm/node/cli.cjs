#!/usr/bin/env node
'use strict';
// The `pullsecret` command. Argument handling and printing only: every rule lives in the core.
// Flags follow kubectl's conventions (pflag): --flag=value, --flag value, -n ns, -nns, -o yaml.

const fs = require('node:fs');
const api = require('./index.cjs');

const USAGE = `pullsecret: container-registry credential files and pull secrets, as kubectl, kubelet, podman and docker read them.

Usage:
  pullsecret validate [FILE|-] [-o text|json]
      Check a config.json, auth.json, .dockercfg, base64 config, or Secret (YAML/JSON).
      Prints FILE:LINE:COLUMN severity code message. Exit 0: no error; 1: errors; 2: usage.
  pullsecret lookup IMAGE [FILE|-] [--client=kubelet|containers|docker|all] [-o text|json]
      Which entry each client uses to pull IMAGE (nginx, quay.io/org/app:1.2, host:5000/app@sha256:...),
      in the order it tries them, and the rule that matched. Exit 1 when a client fails outright.
  pullsecret parse [FILE|-]
      Print the credentials as JSON (this output contains the secrets).
  pullsecret create secret docker-registry NAME [flags]
      Print the Secret exactly as 'kubectl create secret docker-registry NAME --dry-run=client' does.
      --docker-server=SERVER     registry key (default https://index.docker.io/v1/)
      --docker-username=USER     --docker-password=PASS     --docker-email=EMAIL
      --from-file=[.dockerconfigjson=]FILE   wrap an existing config file instead
      -n, --namespace=NS         -o, --output=yaml|json|name (default yaml)
      --dry-run=client           accepted; pullsecret never contacts a cluster
      --kubectl-version=1.33     print as kubectl 1.33 and older (creationTimestamp: null)
  pullsecret convert [FILE|-] --to=auth.json|config.json|dockercfg|rkt|butane|mesos [-o FILE|DIR]
      Write the credentials as podman's auth.json, Docker's config.json, a legacy .dockercfg,
      rkt auth.d files, a Flatcar Butane config or the Mesos docker.tar.gz. What the target
      cannot hold (or spells differently) is listed on stderr. Files are written atomically,
      mode 0600; several files (rkt, butane --source) need -o DIR. The binary mesos archive
      is never written to a terminal. Exit 1 when no entry can be expressed in the target.
      --source=URL   butane: fetch the config from URL (verification.hash sha512) instead of inline
      --uri=URI      mesos: the archive's URI in the uris/fetch snippets (default file:///etc/docker.tar.gz)

Diagnostic codes: docs/diagnostics.md`;

class UsageError extends Error {}

/** Splits argv into positionals and flags the way pflag does. `spec`: flag name -> 'string'|'bool'. */
function parseArgs(argv, spec, aliases = {}) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    let name;
    let value;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      value = eq < 0 ? undefined : arg.slice(eq + 1);
    } else if (arg.startsWith('-') && arg.length > 1) {
      name = aliases[arg[1]];
      if (!name) throw new UsageError(`unknown shorthand flag: '${arg[1]}' in ${arg}`);
      value = arg.length > 2 ? arg.slice(arg[2] === '=' ? 3 : 2) : undefined;
    } else {
      positional.push(arg);
      continue;
    }
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown flag: --${name}`);
    if (kind === 'bool') {
      flags[name] = value === undefined ? true : value !== 'false';
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: --${name}`);
      value = argv[++i];
    }
    flags[name] = value;
  }
  return { flags, positional };
}

function readInput(file) {
  if (file === undefined || file === '-') {
    if (file === undefined && process.stdin.isTTY) throw new UsageError('give a FILE, or pipe the input and use -');
    return { name: '<stdin>', text: fs.readFileSync(0, 'utf8') };
  }
  try {
    return { name: file, text: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e.code || e.message}`);
  }
}

function validate(argv) {
  const { flags, positional } = parseArgs(argv, { output: 'string', help: 'bool' }, { o: 'output', h: 'help' });
  if (flags.help) return help();
  if (positional.length > 1) throw new UsageError('validate takes at most one FILE');
  const output = flags.output || 'text';
  if (output !== 'text' && output !== 'json') throw new UsageError(`unknown output format: ${output} (text or json)`);
  const { name, text } = readInput(positional[0]);
  const report = api.validate(text);
  if (output === 'json') {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    const lines = report.diagnostics.map((d) => `${name}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
    const entries = report.entries.length === 1 ? '1 entry' : `${report.entries.length} entries`;
    const plural = (n, w) => `${n} ${w}${n === 1 ? '' : 's'}`;
    lines.push(`${name}: ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')} (${report.format || 'unreadable'}, ${entries})`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return report.valid ? 0 : 1;
}

function parse(argv) {
  const { positional } = parseArgs(argv, {});
  if (positional.length > 1) throw new UsageError('parse takes at most one FILE');
  const { text } = readInput(positional[0]);
  process.stdout.write(JSON.stringify(api.parse(text), null, 2) + '\n');
  return 0;
}

const CLIENTS = ['kubelet', 'containers', 'docker'];

function describeLookup(r) {
  const head = `${r.client}: ${r.status}`;
  const why = r.reason ? ` (${r.reason})` : '';
  const rows = r.matches.map((m, i) => {
    const who = m.username !== undefined ? ` as ${JSON.stringify(m.username)}` : ' with no credentials';
    const tries = r.client === 'kubelet' ? `${i + 1}. ` : '';
    return `  ${tries}${JSON.stringify(m.registry)} at ${m.line}:${m.column}, rule ${m.rule}${who}${m.username !== undefined && !m.hasPassword ? ', no password' : ''}`;
  });
  if (r.ambiguous) rows.push('  several keys mean this registry: the client picks one of them at random');
  return [head + why, ...rows].join('\n');
}

function lookup(argv) {
  const { flags, positional } = parseArgs(argv, { client: 'string', output: 'string', help: 'bool' }, { o: 'output', h: 'help' });
  if (flags.help) return help();
  if (positional.length < 1 || positional.length > 2) throw new UsageError('lookup takes IMAGE and at most one FILE');
  const client = flags.client || 'all';
  if (client !== 'all' && !CLIENTS.includes(client)) throw new UsageError(`unknown client: ${client} (kubelet, containers, docker or all)`);
  const output = flags.output || 'text';
  if (output !== 'text' && output !== 'json') throw new UsageError(`unknown output format: ${output} (text or json)`);
  const [image, file] = positional;
  const { text } = readInput(file);
  const results = (client === 'all' ? CLIENTS : [client]).map((c) => api.lookup(text, image, { client: c }));
  if (output === 'json') {
    process.stdout.write(JSON.stringify(client === 'all' ? results : results[0], null, 2) + '\n');
  } else {
    process.stdout.write(`${results[0].image}\n${results.map(describeLookup).join('\n')}\n`);
  }
  return results.some((r) => r.status === 'fails') ? 1 : 0;
}

const CREATE_FLAGS = {
  'docker-server': 'string',
  'docker-username': 'string',
  'docker-password': 'string',
  'docker-email': 'string',
  'from-file': 'string',
  namespace: 'string',
  output: 'string',
  'dry-run': 'string',
  'kubectl-version': 'string',
  'append-hash': 'bool',
  help: 'bool',
};

function createSecret(argv) {
  if (argv[0] !== 'secret' || argv[1] !== 'docker-registry') {
    throw new UsageError('only "create secret docker-registry NAME" is supported');
  }
  const { flags, positional } = parseArgs(argv.slice(2), CREATE_FLAGS, { n: 'namespace', o: 'output', h: 'help' });
  if (flags.help) return help();
  if (positional.length !== 1) throw new UsageError(`exactly one NAME is required, got ${positional.length}`);
  const dryRun = flags['dry-run'];
  if (dryRun !== undefined && dryRun !== 'client' && dryRun !== true) {
    throw new UsageError(`--dry-run=${dryRun}: pullsecret never contacts a cluster; only --dry-run=client`);
  }
  if (flags['append-hash']) throw new UsageError('--append-hash is not supported yet');
  const output = flags.output || 'yaml';
  if (!['yaml', 'json', 'name'].includes(output)) throw new UsageError(`unable to match a printer suitable for the output format "${output}"`);
  const name = positional[0];
  if (output === 'name') {
    process.stdout.write(`secret/${name}\n`);
    return 0;
  }
  let creationTimestamp = false;
  if (flags['kubectl-version'] !== undefined) {
    const m = /^v?1\.(\d+)/.exec(flags['kubectl-version']);
    if (!m) throw new UsageError(`--kubectl-version must look like 1.33, got ${flags['kubectl-version']}`);
    creationTimestamp = Number(m[1]) <= 33;
  }
  let config;
  if (flags['from-file'] !== undefined) {
    let file = flags['from-file'];
    const eq = file.indexOf('=');
    if (eq >= 0) {
      if (file.slice(0, eq) !== '.dockerconfigjson') throw new UsageError('--from-file key must be .dockerconfigjson');
      file = file.slice(eq + 1);
    }
    config = readInput(file).text;
  } else {
    config = api.create({
      server: flags['docker-server'],
      username: flags['docker-username'] ?? '',
      password: flags['docker-password'] ?? '',
      email: flags['docker-email'],
    });
  }
  const options = { name, output, creationTimestamp, type: 'kubernetes.io/dockerconfigjson' };
  if (flags.namespace !== undefined) options.namespace = flags.namespace;
  process.stdout.write(api.toSecret(config, options));
  return 0;
}

/** Writes `bytes` to `file` atomically: a temp file in the same directory, mode 0600, then rename. */
function writeAtomic(file, bytes) {
  const path = require('node:path');
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes, { mode: 0o600, flag: 'wx' });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new UsageError(`cannot write ${file}: ${e.code || e.message}`);
  }
}

function convert(argv) {
  const path = require('node:path');
  const spec = { to: 'string', output: 'string', source: 'string', uri: 'string', help: 'bool' };
  const { flags, positional } = parseArgs(argv, spec, { o: 'output', h: 'help' });
  if (flags.help) return help();
  if (positional.length > 1) throw new UsageError('convert takes at most one FILE');
  if (!flags.to) throw new UsageError('--to is required (auth.json, config.json, dockercfg, rkt, butane, mesos)');
  const { text } = readInput(positional[0]);
  const options = { to: flags.to };
  if (flags.source !== undefined) options.source = flags.source;
  if (flags.uri !== undefined) options.uri = flags.uri;
  const result = api.convert(text, options);
  const out = flags.output;
  if (result.files.length === 0) {
    process.stderr.write([...result.dropped.map((n) => `dropped: ${n.what}: ${n.why}`), `error: nothing to write: no entry can be expressed as ${flags.to}`].join('\n') + '\n');
    return 1;
  }
  const binary = result.files.some((f) => typeof f.content !== 'string');
  const notes = [
    ...result.dropped.map((n) => `dropped: ${n.what}: ${n.why}`),
    ...result.changed.map((n) => `changed: ${n.what}: ${n.why}`),
  ];
  const snippets = result.snippets.map((s) => `# ${s.name}\n${s.text}`).join('');
  if (out !== undefined) {
    let isDir = out.endsWith('/') || (fs.existsSync(out) && fs.statSync(out).isDirectory());
    if (result.files.length > 1 && !isDir) {
      if (fs.existsSync(out)) throw new UsageError(`${out} is not a directory; ${result.files.length} files need -o DIR`);
      isDir = true;
    }
    const targets = result.files.map((f) => [isDir ? path.join(out, f.path) : out, f]);
    for (const [file] of targets) fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    for (const [file, f] of targets) writeAtomic(file, f.content);
    notes.push(...targets.map(([file, f]) => `wrote ${file} (install as ${f.target})`));
    process.stdout.write(snippets);
  } else if (binary) {
    if (process.stdout.isTTY) throw new UsageError('refusing to write the binary archive to a terminal: use -o FILE or redirect stdout');
    process.stdout.write(result.files[0].content);
    notes.push(...result.snippets.map((s) => `${s.name}: ${s.text.trim().replace(/\s*\n\s*/g, ' ')}`));
  } else if (result.files.length === 1) {
    process.stdout.write(result.files[0].content);
  } else {
    process.stdout.write(result.files.map((f) => `==> ${f.path} <==\n${f.content}`).join('\n'));
  }
  if (notes.length) process.stderr.write(notes.join('\n') + '\n');
  return 0;
}

function help() {
  process.stdout.write(USAGE + '\n');
  return 0;
}

function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validate(rest);
    case 'parse':
      return parse(rest);
    case 'lookup':
      return lookup(rest);
    case 'create':
      return createSecret(rest);
    case 'convert':
      return convert(rest);
    case undefined:
    case 'help':
    case '-h':
    case '--help':
      return help();
    case '--version':
    case 'version':
      process.stdout.write(`pullsecret ${require('./package.json').version}\n`);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\nRun 'pullsecret --help' for usage.\n`);
    process.exitCode = 2;
  } else if (e instanceof api.PullSecretError) {
    const at = e.line ? `${e.line}:${e.column}: ` : '';
    process.stderr.write(`error: ${at}${e.message} [${e.code}]\n`);
    process.exitCode = e.code === 'missing-option' || e.code === 'invalid-option' ? 2 : 1;
  } else {
    throw e;
  }
}
