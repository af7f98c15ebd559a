#!/usr/bin/env node
'use strict';
// The `pullsecret` command. Argument handling and printing only: every rule lives in the core.
// Flags follow kubectl's conventions (pflag): --flag=value, --flag value, -n ns, -nns, -o yaml.

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const api = require('./index.cjs');

const USAGE = `pullsecret: container-registry credential files and pull secrets, as kubectl, kubelet, podman and docker read them.

Usage:
  pullsecret validate [FILE|-] [-o text|json] [-v]
      Check a config.json, auth.json, .dockercfg, base64 config, or Secrets (YAML/JSON): every
      pull Secret of a YAML stream, a List (kubectl get secrets -o json) or a JSON array.
      Prints FILE:LINE:COLUMN severity code message, a line per object, then the totals.
      Exit 0: no error in any object; 1: errors; 2: usage.
      -v, --verbose   also print the routine infos the text output hides (email-deprecated:
                      every file the OpenShift installer and console write has them); -o json has all
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
      --append-hash              append kubectl's hash of the content to the name
      -l, --labels=K=V[,K=V]     --annotations=K=V (repeatable): as 'kubectl label/annotate --local' add them
      --dry-run=client           accepted; pullsecret never contacts a cluster
      --kubectl-version=1.33     print as kubectl 1.33 and older (creationTimestamp: null)
  pullsecret create secret generic NAME --type=kubernetes.io/dockerconfigjson --from-file=.dockerconfigjson=FILE [flags]
      The same, as 'kubectl create secret generic' makes it (also --type=kubernetes.io/dockercfg
      --from-file=.dockercfg=FILE); takes -n, -o, --append-hash, --labels, --annotations, --kubectl-version.
  pullsecret convert [FILE|-] --to=auth.json|config.json|dockercfg|rkt|butane|mesos [-o FILE|DIR]
      Write the credentials as podman's auth.json, Docker's config.json, a legacy .dockercfg,
      rkt auth.d files, a Flatcar Butane config or the Mesos docker.tar.gz. What the target
      cannot hold (or spells differently) is listed on stderr. Files are written atomically,
      mode 0600; several files (rkt, butane --source) need -o DIR. The binary mesos archive
      is never written to a terminal. Exit 1 when no entry can be expressed in the target.
      --source=URL   butane: fetch the config from URL (verification.hash sha512) instead of inline
      --uri=URI      mesos: the archive's URI in the uris/fetch snippets (default file:///etc/docker.tar.gz)
  pullsecret login --registry=R (--auth-basic=USER:PASS | -u USER --password-stdin) --to=FILE
      Add or replace R's entry in FILE (created if missing), offline, like 'oc registry login --skip-check'.
      The password may contain ':' (split at the first). Every other byte of FILE is kept;
      --style=podman writes exactly what podman writes instead. [--email=E]
  pullsecret logout --registry=R [--aliases] FILE
      Remove R's entry (with --aliases, every key naming the same registry). Exit 1 if none.
  pullsecret merge FILE... [-o OUT] [--on-conflict=last|first|error] [--style=preserve|podman]
      Merge configs into the first one's layout; conflicts (found under normalised registry
      names) are reported on stderr. Without -o the result goes to stdout.
  Files are written atomically (temp file in the same directory, fsync, rename), mode 0600;
  on any error the target is untouched.

Cluster objects (print only; nothing is sent to a cluster):
  pullsecret link SERVICEACCOUNT SECRET... [--for=pull|mount|pull,mount] [-f SA.yaml|-] [-n NS] [--patch|--print-command] [-o yaml|json]
      The ServiceAccount after 'oc secrets link' (default --for=mount, as oc), from the object
      'oc get sa NAME -o yaml' printed (-f) or a new one. --patch: the merge patch for
      'kubectl patch serviceaccount NAME -p'; --print-command: that whole command.
  pullsecret grant-pull --from-namespace=A --namespace=B [--serviceaccount=SA | --group] [--rolebinding-name=N] [--print-command] [-o yaml|json]
      The RoleBinding of 'oc policy add-role-to-user system:image-puller system:serviceaccount:A:SA
      --namespace=B' (--group: add-role-to-group system:serviceaccounts:A).
  pullsecret pod NAME --image=IMAGE --secret=S[,S2] [--container=C] [-n NS] [-o yaml|json]
  pullsecret workflow (--generate-name=PREFIX | --name=NAME) --secret=S[,S2] [--image=IMAGE] [-n NS] [-o yaml|json]
      A Pod / an Argo Workflow with imagePullSecrets.
  pullsecret delegated-auth --auth-server=HOST --registry=HOST --username=U --password=P [--email=E]
      --auth-secret-name=N1 --registry-secret-name=N2 [-n NS] [-o yaml|json]
      The two Secrets of a registry that delegates authentication, as two
      'kubectl create secret docker-registry' would print them.
  pullsecret global-pull-secret [--from=FILE|-] --registry=R --auth-basic=USER:PASSWORD [--registry=R2 --auth-basic=...]
      [--hypershift] [--style=preserve|podman] [--to=FILE] [--print=secret|config|command] [-o yaml|json]
      Add or replace logins in the OpenShift global pull secret: --from is its config file or the
      pasted 'oc get secret/pull-secret -n openshift-config -o yaml'. Prints the updated Secret (or
      the new .dockerconfigjson, or the 'oc set data' command); --to writes the new config to FILE
      (0600, atomically), as 'oc registry login --to=FILE' does. --hypershift: kube-system/
      additional-pull-secret of a hosted cluster (--from optional). --style=podman: the bytes
      'oc registry login' writes (other entries lose email); default keeps every other byte.
  All of them take --kubectl-version=1.33 for creationTimestamp: null in new objects.

Diagnostic codes: docs/diagnostics.md`;

class UsageError extends Error {}

/**
 * Splits argv into positionals and flags the way pflag does. `spec`: flag name -> 'string'|'bool'|
 * 'optional' (value only after `=`, bare means true)|
 * 'slice' (repeatable, values split at commas, pflag StringSlice)|'array' (repeatable, StringArray).
 */
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
      if (!name) throw new UsageError(`unknown shorthand flag: '${arg[1]}' in -${arg[1]}`); // never echo the rest: it may be a value
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
    if (kind === 'optional') {
      flags[name] = value === undefined ? true : value;
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: --${name}`);
      value = argv[++i];
    }
    if (kind === 'slice') flags[name] = [...(flags[name] || []), ...value.split(',')];
    else if (kind === 'array') flags[name] = [...(flags[name] || []), value];
    else flags[name] = value;
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

/** Info codes left out of the text output unless -v: routine on files that tools write. */
const QUIET_INFOS = new Set(['email-deprecated']);

function validate(argv) {
  const { flags, positional } = parseArgs(argv, { output: 'string', help: 'bool', verbose: 'bool' }, { o: 'output', h: 'help', v: 'verbose' });
  if (flags.help) return help();
  if (positional.length > 1) throw new UsageError('validate takes at most one FILE');
  const output = flags.output || 'text';
  if (output !== 'text' && output !== 'json') throw new UsageError(`unknown output format: ${output} (text or json)`);
  const { name, text } = readInput(positional[0]);
  const report = api.validate(text);
  if (output === 'json') {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    const plural = (n, w, many = `${w}s`) => `${n} ${n === 1 ? w : many}`;
    // Routine infos (email-deprecated) stay out of the text output unless -v; JSON has them all.
    const hide = (d) => !flags.verbose && d.severity === 'info' && QUIET_INFOS.has(d.code);
    let hidden = 0;
    const shown = (ds) => {
      const kept = ds.filter((d) => !hide(d));
      hidden += ds.length - kept.length;
      return kept;
    };
    const note = () => (hidden ? `; ${plural(hidden, 'info')} hidden, -v shows them` : '');
    const diag = (d) => `${name}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`;
    const counts = (r) => `${plural(r.errors, 'error')}, ${plural(r.warnings, 'warning')}`;
    const what = (o) => `${o.format || 'unreadable'}, ${plural(o.entries.length, 'entry', 'entries')}`;
    const lines = shown(report.diagnostics).map(diag);
    if (report.objects.length === 1 && report.diagnostics.length === 0) {
      // One object (a file, a Secret): its findings and one summary line, as always.
      const [o] = report.objects;
      lines.push(...shown(o.diagnostics).map(diag));
      lines.push(`${name}: ${counts(o)} (${what(o)}${note()})`);
    } else {
      // A stream or a List: each object's findings under a line naming it.
      for (const o of report.objects) {
        const title = [o.kind || o.source.kind, o.namespace && o.name ? `${o.namespace}/${o.name}` : o.name, o.index ? `document ${o.index + 1}` : null, o.item !== undefined ? `item ${o.item + 1}` : null].filter(Boolean).join(' ');
        lines.push(`${name}:${o.line}:${o.column} ${title}: ${o.valid ? 'valid' : 'invalid'}, ${counts(o)} (${what(o)})`);
        lines.push(...shown(o.diagnostics).map((d) => `  ${diag(d)}`));
      }
      lines.push(`${name}: ${counts(report)} in ${plural(report.objects.length, 'object')}${hidden ? ` (${note().slice(2)})` : ''}`);
    }
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
  'from-file': 'slice',
  type: 'string',
  namespace: 'string',
  output: 'string',
  'dry-run': 'optional', // pflag NoOptDefVal: a bare --dry-run takes no argument
  'kubectl-version': 'string',
  'append-hash': 'bool',
  labels: 'slice',
  annotations: 'array',
  help: 'bool',
};

/** `k=v` pairs of --labels/--annotations as an object (a repeated key keeps its last value). */
function pairs(list, what) {
  const out = {};
  for (const item of list || []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`invalid ${what} "${item}": expected KEY=VALUE`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/**
 * kubectl's --from-file for a pull secret: one source, `[KEY=]FILE`. Without KEY, docker-registry
 * uses `.dockerconfigjson` and generic the file's base name (kubectl's rules); KEY must then be the
 * key of the Secret's type, or the API server would refuse the Secret.
 */
function fromFile(sources, kind, type) {
  if (sources.length !== 1) throw new UsageError(`--from-file: give exactly one config file (got ${sources.length})`);
  const source = sources[0];
  const parts = source.split('=');
  if (parts.length > 2) throw new UsageError("key names or file paths cannot contain '='");
  let [key, file] = parts.length === 2 ? parts : [kind === 'docker-registry' ? '.dockerconfigjson' : path.basename(source), source];
  if (key === '') throw new UsageError(`key name for file path ${file} missing`);
  if (file === '') throw new UsageError(`file path for key name ${key} missing`);
  const want = type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
  if (key !== want) throw new UsageError(`--from-file key must be ${want} for type ${type} (got ${key}; the API server refuses a ${type} Secret without it)`);
  return readInput(file).text;
}

function createSecret(argv) {
  const kind = argv[1];
  if (argv[0] !== 'secret' || (kind !== 'docker-registry' && kind !== 'generic')) {
    throw new UsageError('only "create secret docker-registry NAME" and "create secret generic NAME" are supported');
  }
  const { flags, positional } = parseArgs(argv.slice(2), CREATE_FLAGS, { n: 'namespace', o: 'output', h: 'help', l: 'labels' });
  if (flags.help) return help();
  if (positional.length !== 1) throw new UsageError(`exactly one NAME is required, got ${positional.length}`);
  const dryRun = flags['dry-run'];
  if (dryRun !== undefined && dryRun !== 'client' && dryRun !== true) {
    throw new UsageError(`--dry-run=${dryRun}: pullsecret never contacts a cluster; only --dry-run=client`);
  }
  const output = flags.output || 'yaml';
  if (!['yaml', 'json', 'name'].includes(output)) throw new UsageError(`unable to match a printer suitable for the output format "${output}"`);
  const creationTimestamp = oldKubectl(flags);
  let type = 'kubernetes.io/dockerconfigjson';
  if (kind === 'generic') {
    type = flags.type;
    if (type !== 'kubernetes.io/dockerconfigjson' && type !== 'kubernetes.io/dockercfg') {
      throw new UsageError('create secret generic: --type=kubernetes.io/dockerconfigjson or --type=kubernetes.io/dockercfg is required (pullsecret makes pull secrets only)');
    }
    if (!flags['from-file']) throw new UsageError('create secret generic: --from-file=KEY=FILE is required');
  } else if (flags.type !== undefined) {
    throw new UsageError('unknown flag: --type');
  }
  let config;
  if (flags['from-file']) {
    const ignored = ['docker-server', 'docker-username', 'docker-password', 'docker-email'].filter((f) => flags[f] !== undefined);
    if (ignored.length) process.stderr.write(`warning: --from-file given: ${ignored.map((f) => `--${f}`).join(', ')} ignored (as kubectl does)\n`);
    config = fromFile(flags['from-file'], kind, type);
  } else {
    config = api.create({
      server: flags['docker-server'],
      username: flags['docker-username'] ?? '',
      password: flags['docker-password'] ?? '',
      email: flags['docker-email'],
    });
  }
  const options = { name: positional[0], output: output === 'name' ? 'json' : output, creationTimestamp, type };
  if (flags.namespace !== undefined) options.namespace = flags.namespace;
  if (flags['append-hash']) options.appendHash = true;
  if (flags.labels) options.labels = pairs(flags.labels, 'label');
  if (flags.annotations) options.annotations = pairs(flags.annotations, 'annotation');
  const secret = api.toSecret(config, options);
  process.stdout.write(output === 'name' ? `secret/${JSON.parse(secret).metadata.name}\n` : secret);
  return 0;
}

function convert(argv) {
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

// --- login / logout / merge ---------------------------------------------------------------

/** Writes `text` to `file` atomically: a 0600 temp file in the same directory, fsync, rename. */
function writeAtomic(file, text) {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  let fd;
  try {
    fd = fs.openSync(tmp, 'wx', 0o600);
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    try {
      fs.unlinkSync(tmp);
    } catch {}
    throw new WriteError(`cannot write ${file}: ${e.code || e.message}`);
  }
  try {
    const d = fs.openSync(dir, 'r');
    fs.fsyncSync(d);
    fs.closeSync(d);
  } catch {}
}

class WriteError extends Error {}

/** The text of `file`, or '' when it does not exist (a new file). */
function readOrEmpty(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return '';
    throw new UsageError(`cannot read ${file}: ${e.code || e.message}`);
  }
}

const STYLES = ['preserve', 'podman'];
function style(flags) {
  const s = flags.style ?? 'preserve';
  if (!STYLES.includes(s)) throw new UsageError(`unknown style: ${s} (preserve or podman)`);
  return s;
}

/** login/logout rewrite FILE in place with a config: refuse a Secret or base64 (it would be replaced). */
function mustBeConfigFile(file, text) {
  const objects = text.trim() ? api.validate(text).objects : [];
  const kind = objects.length === 1 ? objects[0].source.kind : objects.length ? 'secret' : 'file';
  if (kind !== 'file') {
    const what = kind === 'secret' ? 'a Kubernetes Secret' : 'a base64 config';
    throw new UsageError(`${file} holds ${what}: login and logout edit config files in place (extract the config first)`);
  }
}

/** podman's --password-stdin: every line of stdin, concatenated without line breaks. */
function passwordFromStdin() {
  return fs.readFileSync(0, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).join('');
}

function login(argv) {
  const spec = { registry: 'string', 'auth-basic': 'string', username: 'string', 'password-stdin': 'bool', email: 'string', to: 'string', style: 'string', help: 'bool' };
  const { flags, positional } = parseArgs(argv, spec, { u: 'username', a: 'to', h: 'help' });
  if (flags.help) return help();
  if (positional.length) throw new UsageError('login takes no arguments (use --registry and --to)');
  if (!flags.registry) throw new UsageError('--registry is required');
  const to = flags.to ?? process.env.REGISTRY_AUTH_FILE;
  if (!to) throw new UsageError('--to=FILE is required (or set REGISTRY_AUTH_FILE)');
  let credentials; // the core splits --auth-basic at the first `:`, as oc does
  if (flags['auth-basic'] !== undefined) {
    if (flags['password-stdin'] || flags.username !== undefined) throw new UsageError('You may only specify a single authentication input as --auth-basic or --username/--password-stdin');
    credentials = { authBasic: flags['auth-basic'] };
  } else if (flags['password-stdin']) {
    if (flags.username === undefined) throw new UsageError('Must provide --username with --password-stdin');
    credentials = { username: flags.username, password: passwordFromStdin() };
  } else {
    throw new UsageError('give --auth-basic=USER:PASS, or --username=USER with --password-stdin');
  }
  const existing = readOrEmpty(to);
  mustBeConfigFile(to, existing);
  const config = api.add(existing, { registry: flags.registry, ...credentials, email: flags.email, style: style(flags) });
  writeAtomic(to, config);
  process.stderr.write(`Saved credentials for ${flags.registry} into ${to}\n`);
  return 0;
}

function logout(argv) {
  const spec = { registry: 'string', aliases: 'bool', to: 'string', style: 'string', help: 'bool' };
  const { flags, positional } = parseArgs(argv, spec, { a: 'to', h: 'help' });
  if (flags.help) return help();
  if (!flags.registry) throw new UsageError('--registry is required');
  const files = flags.to !== undefined ? [flags.to, ...positional] : positional;
  if (files.length !== 1) throw new UsageError('logout takes exactly one FILE');
  const file = files[0];
  const text = readInput(file).text;
  mustBeConfigFile(file, text);
  const r = api.remove(text, flags.registry, { aliases: !!flags.aliases, style: style(flags) });
  writeAtomic(file, r.config);
  process.stderr.write(`Removed ${r.removed.join(', ')} from ${file}\n`);
  return 0;
}

function merge(argv) {
  const spec = { output: 'string', 'on-conflict': 'string', style: 'string', help: 'bool' };
  const { flags, positional } = parseArgs(argv, spec, { o: 'output', h: 'help' });
  if (flags.help) return help();
  if (positional.length < 1) throw new UsageError('merge takes at least one FILE');
  const onConflict = flags['on-conflict'] ?? 'last';
  if (!['last', 'first', 'error'].includes(onConflict)) throw new UsageError(`unknown --on-conflict: ${onConflict} (last, first or error)`);
  const inputs = positional.map((f) => readInput(f));
  let r;
  try {
    r = api.merge(inputs.map((i) => i.text), { onConflict, style: style(flags) });
  } catch (e) {
    // The core names a config by its index: name the file instead.
    if (e instanceof api.PullSecretError) e.message = e.message.replace(/^config (\d+): /, (_, i) => `${inputs[i].name}: `);
    throw e;
  }
  for (const c of r.conflicts) {
    const what = c.section === 'config' ? `top-level key ${JSON.stringify(c.key)}` : `${c.section} ${JSON.stringify(c.registry)}`;
    const where = c.keys.map((k, i) => `${JSON.stringify(k)} in ${inputs[c.sources[i]].name}`).join(', ');
    process.stderr.write(`conflict: ${what}: ${where}; kept ${inputs[c.kept].name}\n`);
  }
  if (flags.output !== undefined && flags.output !== '-') {
    writeAtomic(flags.output, r.config);
  } else {
    process.stdout.write(r.config.endsWith('\n') ? r.config : `${r.config}\n`);
  }
  return 0;
}

/** --kubectl-version=1.33 and older print `creationTimestamp: null`. */
function oldKubectl(flags) {
  if (flags['kubectl-version'] === undefined) return false;
  const m = /^v?1\.(\d+)/.exec(flags['kubectl-version']);
  if (!m) throw new UsageError(`--kubectl-version must look like 1.33, got ${flags['kubectl-version']}`);
  return Number(m[1]) <= 33;
}

// ---- cluster objects ----

function objectOutput(flags) {
  const output = flags.output || 'yaml';
  if (output !== 'yaml' && output !== 'json') throw new UsageError(`unknown output format: ${output} (yaml or json)`);
  return output;
}

const OBJECT_FLAGS = { namespace: 'string', output: 'string', 'kubectl-version': 'string', help: 'bool' };
const OBJECT_ALIASES = { n: 'namespace', o: 'output', h: 'help' };

function link(argv) {
  const { flags, positional } = parseArgs(argv, { ...OBJECT_FLAGS, for: 'string', filename: 'string', patch: 'bool', 'print-command': 'bool' }, { ...OBJECT_ALIASES, f: 'filename' });
  if (flags.help) return help();
  if (positional.length < 2) throw new UsageError('link takes SERVICEACCOUNT and at least one SECRET');
  const [serviceAccount, ...secrets] = positional;
  const sa = flags.filename === undefined ? '' : readInput(flags.filename).text;
  const r = api.link(sa, { serviceAccount, secrets, for: flags.for ?? 'mount', namespace: flags.namespace, output: objectOutput(flags), creationTimestamp: oldKubectl(flags) });
  if (flags['print-command']) process.stdout.write(r.command + '\n');
  else if (flags.patch) process.stdout.write(r.patch + '\n');
  else process.stdout.write(r.object);
  return 0;
}

function grantPull(argv) {
  const { flags, positional } = parseArgs(argv, { ...OBJECT_FLAGS, 'from-namespace': 'string', serviceaccount: 'string', group: 'bool', 'rolebinding-name': 'string', role: 'string', 'print-command': 'bool' }, { ...OBJECT_ALIASES, z: 'serviceaccount' });
  if (flags.help) return help();
  if (positional.length) throw new UsageError('grant-pull takes no arguments, only flags');
  const r = api.grantPull({ fromNamespace: flags['from-namespace'], namespace: flags.namespace, serviceAccount: flags.serviceaccount, group: flags.group === true,
    role: flags.role, roleBindingName: flags['rolebinding-name'], output: objectOutput(flags), creationTimestamp: oldKubectl(flags) });
  process.stdout.write(flags['print-command'] ? r.command + '\n' : r.object);
  return 0;
}

function workload(kind, argv) {
  const { flags, positional } = parseArgs(argv, { ...OBJECT_FLAGS, name: 'string', 'generate-name': 'string', image: 'string', container: 'string', secret: 'string' }, OBJECT_ALIASES);
  if (flags.help) return help();
  if (positional.length > 1) throw new UsageError(`${kind} takes at most one NAME`);
  const options = { name: positional[0] ?? flags.name, generateName: flags['generate-name'], namespace: flags.namespace, image: flags.image,
    container: flags.container, secrets: flags.secret ?? [], output: objectOutput(flags), creationTimestamp: oldKubectl(flags) };
  process.stdout.write(kind === 'pod' ? api.podSnippet(options) : api.workflowSnippet(options));
  return 0;
}

function delegatedAuth(argv) {
  const spec = { ...OBJECT_FLAGS, 'auth-server': 'string', registry: 'string', username: 'string', password: 'string', email: 'string', 'auth-secret-name': 'string', 'registry-secret-name': 'string' };
  const { flags, positional } = parseArgs(argv, spec, OBJECT_ALIASES);
  if (flags.help) return help();
  if (positional.length) throw new UsageError('delegated-auth takes no arguments, only flags');
  const r = api.delegatedAuth({ authServer: flags['auth-server'] ?? '', registry: flags.registry ?? '', username: flags.username ?? '', password: flags.password ?? '',
    email: flags.email, authSecretName: flags['auth-secret-name'] ?? '', registrySecretName: flags['registry-secret-name'] ?? '', namespace: flags.namespace,
    output: objectOutput(flags), creationTimestamp: oldKubectl(flags) });
  process.stdout.write(r.manifest);
  return 0;
}

function globalPullSecret(argv) {
  // --registry and --auth-basic repeat, in pairs (oc registry login takes one of each per run).
  const logins = [];
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(registry|auth-basic)(?:=(.*))?$/s.exec(argv[i]);
    if (!m) { rest.push(argv[i]); continue; }
    let value = m[2];
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: --${m[1]}`);
      value = argv[++i];
    }
    if (m[1] === 'registry') logins.push({ registry: value });
    else if (logins.length && logins[logins.length - 1].authBasic === undefined) logins[logins.length - 1].authBasic = value;
    else throw new UsageError('each --auth-basic must follow its --registry');
  }
  const spec = { from: 'string', to: 'string', hypershift: 'bool', style: 'string', print: 'string', output: 'string', 'kubectl-version': 'string', help: 'bool' };
  const { flags, positional } = parseArgs(rest, spec, { o: 'output', h: 'help' });
  if (flags.help) return help();
  if (positional.length) throw new UsageError('global-pull-secret takes no arguments, only flags');
  if (!logins.length) throw new UsageError('give at least one --registry=R --auth-basic=USER:PASSWORD');
  const missing = logins.find((l) => l.authBasic === undefined);
  if (missing) throw new UsageError(`--registry=${missing.registry} has no --auth-basic=USER:PASSWORD`);
  if (flags.from === undefined && !flags.hypershift) throw new UsageError('give the current pull secret with --from=FILE (or - for stdin)');
  const print = flags.print || 'secret';
  if (!['secret', 'config', 'command'].includes(print)) throw new UsageError(`unknown --print: ${print} (secret, config or command)`);
  const current = flags.from === undefined ? '' : readInput(flags.from).text;
  const r = api.globalPullSecret(current, { logins, variant: flags.hypershift ? 'hypershift' : 'openshift', style: flags.style, file: flags.to,
    output: objectOutput(flags), creationTimestamp: oldKubectl(flags) });
  if (flags.to !== undefined) {
    writeAtomic(flags.to, r.config);
    process.stderr.write(`Saved credentials for ${logins.map((l) => l.registry).join(', ')} into ${flags.to}\nApply with: ${r.command}\n`);
  }
  process.stdout.write(print === 'secret' ? r.secret : print === 'config' ? r.config + '\n' : r.command + '\n');
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
    case 'login':
      return login(rest);
    case 'logout':
      return logout(rest);
    case 'merge':
      return merge(rest);
    case 'link':
      return link(rest);
    case 'grant-pull':
      return grantPull(rest);
    case 'pod':
    case 'workflow':
      return workload(command, rest);
    case 'delegated-auth':
      return delegatedAuth(rest);
    case 'global-pull-secret':
      return globalPullSecret(rest);
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
  } else if (e instanceof WriteError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exitCode = 1;
  } else if (e instanceof api.PullSecretError) {
    const at = e.line ? `${e.line}:${e.column}: ` : '';
    process.stderr.write(`error: ${at}${e.message} [${e.code}]\n`);
    process.exitCode = e.code === 'missing-option' || e.code === 'invalid-option' ? 2 : 1;
  } else {
    throw e;
  }
}
