// pullsecret demo page. Everything runs here, on @pullsecret/wasm: nothing is fetched except the
// page's own files, nothing is stored, and user data only ever reaches the DOM through textContent.
import {
  init, validate, create, toSecret, convert, lookup, explain, add, remove, merge,
  link, grantPull, podSnippet, workflowSnippet, delegatedAuth, globalPullSecret, verifyCommand, PullSecretError,
} from './pullsecret.js';

const $ = (id) => document.getElementById(id);

/** Creates an element; `props` holds className, text (set via textContent), attrs and dataset. */
function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.title) node.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const [k, v] of Object.entries(props.data ?? {})) node.dataset[k] = String(v);
  for (const c of children) if (c != null) node.append(c);
  return node;
}

/** Text with `code` spans (as the library's messages write them) as nodes. */
function richText(text) {
  const frag = document.createDocumentFragment();
  text.split('`').forEach((part, i) => {
    if (part === '') return;
    frag.append(i % 2 ? h('code', { text: part }) : document.createTextNode(part));
  });
  return frag;
}

const plural = (n, word, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const SEVERITY_RANK = { info: 1, warning: 2, error: 3 };
const RANK_NAME = ['', 'info', 'warning', 'error'];

let ready = false;

// ---------------------------------------------------------------------------------------------
// Shared pieces: errors, copy, download, output blocks, tab rows
// ---------------------------------------------------------------------------------------------

/** Shows an error in `box`: a PullSecretError's code, message and position (never a secret), or any other error's message. */
function showError(box, e) {
  box.replaceChildren();
  if (e instanceof PullSecretError) {
    box.append(h('code', { text: e.code }), document.createTextNode(' '), richText(e.message));
    if (e.line !== undefined) box.append(document.createTextNode(` (line ${e.line}, column ${e.column})`));
  } else {
    box.append(document.createTextNode(String(e?.message ?? e)));
  }
  box.hidden = false;
}

/** Copies `text`; without the clipboard API (insecure context, denied permission) selects `node` and tries the old command. */
async function copyText(text, node, status) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied.';
  } catch {
    const range = document.createRange();
    range.selectNodeContents(node);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    status.textContent = copied ? 'Copied.' : 'Selected: press Ctrl+C (⌘C).';
  }
}

/** Saves `content` (string or bytes) under `name` through a temporary object URL. */
function saveFile(name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h('a', { attrs: { href: url, download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from user text: anything but letters, digits, `.`, `_`, `-` becomes `_`. */
const safeName = (text, fallback) => text.replace(/[^A-Za-z0-9._-]+/g, '_') || fallback;
const MIME = { yaml: 'application/yaml', json: 'application/json', gz: 'application/gzip' };

/**
 * One output: a title, Copy and (with `name`) Download, and the text in a `pre`. Binary content
 * (bytes) is only downloadable. `kind` tags the block for tests and styles.
 */
function outputBlock(title, content, { name, type = 'text/plain', kind } = {}) {
  const binary = typeof content !== 'string';
  const status = h('span', { className: 'copy-status', attrs: { 'aria-live': 'polite' } });
  const body = binary
    ? h('p', { className: 'note', text: `gzip archive, ${content.length} bytes: download it (binary).` })
    : h('pre', { className: 'secret-output out-text', attrs: { tabindex: '0' }, text: content });
  const actions = h('span', { className: 'output-actions' }, status);
  if (!binary) {
    const copy = h('button', { className: 'btn out-copy', text: 'Copy', attrs: { type: 'button' } });
    copy.addEventListener('click', () => copyText(content, body, status));
    actions.append(copy);
  }
  if (name) {
    const save = h('button', { className: 'btn out-download', text: 'Download', attrs: { type: 'button' } });
    save.addEventListener('click', () => saveFile(name, content, type));
    actions.append(save);
  }
  const head = h('div', { className: 'output-head' }, typeof title === 'string' ? h('span', { className: 'output-title', text: title }) : title, actions);
  return h('div', { className: 'out-file', data: kind ? { kind } : {} }, head, body);
}

/** A one-line command to copy (no download: it is meant for a shell). */
const commandBlock = (title, command, kind) => outputBlock(title, command, { kind });

/** A short list under a title (`items` are strings, shown as code), or null when empty. */
function listBlock(title, items, className) {
  if (items.length === 0) return null;
  const list = h('ul', { className: `out-notes ${className}` });
  for (const item of items) list.append(h('li', {}, h('code', { text: item })));
  return h('div', {}, h('h3', { text: title }), list);
}

/**
 * Wires a panel's row of `.out-tab` buttons (data-tab) and its `[data-options]` groups (shown for
 * the tabs they name) to `render(tab)`. Returns `{ current, select(tab) }`; `select(null)` clears.
 */
function tabRow(panel, render) {
  const tabs = panel.querySelectorAll('.out-tab[data-tab]');
  const groups = panel.querySelectorAll('[data-options]');
  const row = {
    current: null,
    select(tab) {
      row.current = tab;
      for (const t of tabs) t.setAttribute('aria-selected', String(t.dataset.tab === tab));
      for (const g of groups) g.hidden = !g.dataset.options.split(' ').includes(tab);
      if (tab) render(tab);
    },
  };
  for (const t of tabs) t.addEventListener('click', () => row.select(t.dataset.tab));
  return row;
}

/**
 * The items of a form field (`-l`'s comma-separated text, or one annotation per line), blanks
 * dropped. The library reads each `KEY=VALUE` item, with the same rule and message as the CLI's
 * `--labels`/`--annotations`.
 */
function items(text, separator) {
  const list = text.split(separator).map((s) => s.trim()).filter(Boolean);
  return list.length ? list : undefined;
}

// ---------------------------------------------------------------------------------------------
// Check a file
// ---------------------------------------------------------------------------------------------

const input = $('input');
const summary = $('summary');
const diagnosticsView = $('diagnostics');
const entriesBody = $('entries').tBodies[0];

const EXAMPLES = {
  broken: `{
  "auths": {
    "https://index.docker.io/v1/": {
      "auth": "dXNlcjpwYXNz"
    },
    "quay.io": {
      "username": "robot",
      "password": "example",
      "auth": "cm9ib3Q6ZXhhbXBsZQ"
    },
    "ghcr.io": {
      "username": "octocat",
      "password": "example"
    },
    "registry.example.com": {"auth": "bad"}
  }
}
`,
  secret: `apiVersion: v1
kind: Secret
metadata:
  name: regcred
  namespace: apps
type: Opaque
data:
  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5leGFtcGxlLmNvbSI6eyJ1c2VybmFtZSI6InJvYm90IiwicGFzc3dvcmQiOiJleGFtcGxlIn0sInF1YXkuaW8iOnsiYXV0aCI6ImRUcHcifX19
`,
  helper: `{
  "auths": {
    "https://index.docker.io/v1/": {},
    "ghcr.io": {}
  },
  "credsStore": "desktop"
}
`,
};

let checkTimer = 0;
let fileNote = null; // a note about the last opened file's encoding, shown until the text changes
let fileName = null; // the name of the opened file, until the text changes (a Safe fix keeps it)
let lastChecked = null;

function scheduleCheck(delay = 150) {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(runCheck, delay);
}

/**
 * The checker worker (checker.js): `validate` and `fix` run there, so a big or hostile paste never
 * blocks the page. Replies to an older text than the latest are dropped. A worker that fails (not
 * a PullSecretError: a trap) is replaced, so the next check starts from a fresh module.
 */
let checker = null;
let checkId = 0;
const checking = new Map(); // id -> text
function startChecker() {
  // Repairs asked of a worker that is being replaced get no answer: fail them now.
  for (const pending of fixing.values()) pending.reject(new Error('the checker stopped; try again'));
  fixing.clear();
  checker = new Worker(new URL('./checker.js', import.meta.url), { type: 'module' });
  checker.onmessage = ({ data }) => {
    if (data.fixId !== undefined) {
      settleFix(data);
      return;
    }
    const text = checking.get(data.id);
    checking.delete(data.id);
    if (data.id !== checkId) return; // a newer text is being checked
    clearTimeout(busyTimer);
    if (data.error) {
      if (data.error.name !== 'PullSecretError') {
        checker.terminate();
        startChecker();
      }
      renderFailure(data.error.name === 'PullSecretError' ? new PullSecretError(data.error) : new Error(data.error.message));
      return;
    }
    const report = data.report;
    renderSummary(report);
    // Every finding in the text: the input's own, then each object's (the view sorts by line).
    renderAnnotated(text, [...report.diagnostics, ...report.objects.flatMap((o) => o.diagnostics)]);
    renderEntries(report.objects, report.reasons);
    renderFixes(data.fixes, text);
  };
  checker.onerror = (ev) => {
    ev.preventDefault();
    checker.terminate();
    startChecker();
    lastChecked = null;
    renderFailure(new Error(`the checker stopped (${ev.message ?? 'error'}); try again`));
  };
}
let busyTimer = 0;

function runCheck() {
  clearTimeout(checkTimer);
  if (!ready) return;
  renderVerify();
  const text = input.value;
  if (text === lastChecked) return;
  lastChecked = text;
  checkId += 1;
  if (text.trim() === '') {
    renderEmpty();
    return;
  }
  checking.set(checkId, text);
  checker.postMessage({ id: checkId, text });
  // Say so when a check takes a while (a big file); the page stays usable meanwhile.
  clearTimeout(busyTimer);
  busyTimer = setTimeout(() => summary.replaceChildren(h('p', { className: 'muted', text: 'Checking…' })), 200);
}

function renderEmpty() {
  summary.replaceChildren(h('p', { className: 'muted', text: 'Paste a file on the left, drop one on the page, or load an example.' }));
  if (fileNote) summary.prepend(fileNote);
  diagnosticsView.replaceChildren();
  diagnosticsView.classList.add('is-empty');
  renderEntries([]);
  renderFixes(null, '');
}

function renderFailure(e) {
  const code = e instanceof PullSecretError ? `${e.code}: ` : '';
  summary.replaceChildren(h('p', { className: 'form-error', text: `${code}${e.message}` }));
  diagnosticsView.replaceChildren();
  renderEntries([]);
  renderFixes(null, input.value);
}

// Safe fixes: what `fix` repairs in the checked text (asked of the worker with each check), one
// button per code with its number of findings, and "Apply all". A click repairs the text in the
// worker and puts it into the input, which checks it again. The buttons' labels are the page's
// own; the core's messages (in the tooltips and the announcement) name registries and fields,
// never a value.

const FIX_LABEL = {
  bom: 'Remove the byte-order mark',
  'auth-unpadded': 'Add the missing `=` padding',
  'auth-url-safe': 'Re-encode `auth` in standard base64',
  'credentials-whitespace': 'Remove the line break after the password',
  'missing-auth': 'Add `auth` from `username` and `password`',
  'legacy-format': 'Wrap the entries in `auths`',
  'no-credentials': 'Drop the empty entries',
  'secret-data-double-base64': 'Encode the config only once',
  'secret-data-not-base64': 'Re-encode the config as standard base64',
};
const fixesBox = $('fixes');
const fixList = $('fix-list');
const fixStatus = $('fix-status');
const fixing = new Map(); // fixId -> { resolve, reject }
let fixId = 0;
let fixedText = null; // the text the last announced repair produced

/** `fix(text, { codes })` in the checker worker (every repair when `codes` is undefined). */
function fixInWorker(text, codes) {
  return new Promise((resolve, reject) => {
    fixId += 1;
    fixing.set(fixId, { resolve, reject });
    checker.postMessage({ fixId, text, codes });
  });
}

function settleFix(data) {
  const pending = fixing.get(data.fixId);
  fixing.delete(data.fixId);
  if (!data.error) {
    pending?.resolve(data.fixed);
    return;
  }
  if (data.error.name !== 'PullSecretError') {
    checker.terminate();
    startChecker();
    lastChecked = null;
  }
  pending?.reject(data.error.name === 'PullSecretError' ? new PullSecretError(data.error) : new Error(data.error.message));
}

/** The fix buttons of the checked `text` (none when `fixes` is null or empty). */
function renderFixes(fixes, text) {
  if (text !== fixedText) fixStatus.replaceChildren();
  const byCode = new Map();
  for (const f of fixes ?? []) {
    if (!byCode.has(f.code)) byCode.set(f.code, []);
    byCode.get(f.code).push(f);
  }
  if (byCode.size === 0) {
    fixesBox.hidden = true;
    fixList.replaceChildren();
    return;
  }
  const button = (className, content, codes, title) => {
    const b = h('button', { className: `btn btn-quiet ${className}`, attrs: { type: 'button' }, data: codes ? { code: codes[0] } : {}, title }, content);
    b.addEventListener('click', () => applyFix(codes));
    return h('li', {}, b);
  };
  const tooltip = (list) => [...list.slice(0, 10).map((f) => f.message.replaceAll('`', '')), list.length > 10 ? `and ${list.length - 10} more` : null].filter(Boolean).join('\n');
  fixList.replaceChildren(
    // One span: the button is a flex box, and its label's code spans must stay inline.
    ...[...byCode].map(([code, list]) => button('fix-one', h('span', {}, richText(`${FIX_LABEL[code] ?? `Repair \`${code}\``} (${list.length})`)), [code], tooltip(list))),
    button('fix-all', 'Apply all', undefined, tooltip(fixes)),
  );
  fixesBox.hidden = false;
}

const setFixBusy = (busy) => {
  for (const b of fixList.querySelectorAll('button')) b.disabled = busy;
};

/** Repairs the input's findings of `codes` (all of them when undefined) and says what was done. */
async function applyFix(codes) {
  const text = input.value;
  setFixBusy(true);
  let fixed;
  try {
    fixed = await fixInWorker(text, codes);
  } catch (e) {
    fixStatus.replaceChildren(h('span', { className: 'form-error', text: `${e instanceof PullSecretError ? `${e.code}: ` : ''}${e.message}` }));
    setFixBusy(false);
    return;
  }
  if (input.value !== text) {
    setFixBusy(false); // edited meanwhile: the repair was of an older text
    return;
  }
  if (!fixed.changed) {
    fixStatus.textContent = 'Nothing left to repair.';
    setFixBusy(false);
    return;
  }
  // As a typed change: the check and every panel that follows the input run on the new text.
  // The buttons stay disabled until its report replaces them.
  input.value = fixed.text;
  lastChecked = null;
  const name = fileName;
  input.dispatchEvent(new Event('input'));
  fileName = name; // the repaired text is still the opened file
  fixedText = fixed.text;
  const shown = fixed.fixes.slice(0, 5);
  const more = fixed.fixes.length - shown.length;
  fixStatus.replaceChildren(document.createTextNode(`Applied ${plural(fixed.fixes.length, 'fix', 'fixes')}: `));
  shown.forEach((f, i) => fixStatus.append(i ? document.createTextNode('; ') : '', richText(f.message)));
  fixStatus.append(more > 0 ? ` and ${more} more.` : '.');
}

function describeSource(report) {
  const { source } = report;
  if (source.kind === 'file') return 'file';
  if (source.kind === 'base64') return 'base64 of a config';
  const s = source.secret ?? {};
  const where = [s.name ? `“${s.name}”` : 'unnamed', s.namespace ? `in ${s.namespace}` : null].filter(Boolean).join(' ');
  const details = [s.syntax?.toUpperCase(), s.key && `${s.key} in ${s.field}`, s.type && `type ${s.type}`].filter(Boolean).join(', ');
  return `Secret ${where}${details ? ` (${details})` : ''}`;
}

/** The badge of a report or of one object: valid, readable with warnings, or its errors. */
function verdictBadge(r) {
  return r.valid
    ? h('span', { className: 'badge badge-ok', text: r.warnings ? '✓ Readable, with warnings' : '✓ Valid' })
    : h('span', { className: 'badge badge-error', text: `✗ ${plural(r.errors, 'error')}` });
}

/** An object's headline: what it is and where it starts. */
function objectTitle(o) {
  const what = o.kind === 'Secret' || o.source.kind === 'secret'
    ? `Secret ${o.name ? `“${o.name}”` : 'unnamed'}${o.namespace ? ` in ${o.namespace}` : ''}`
    : o.source.kind === 'base64' ? 'base64 of a config' : 'config file';
  const where = [o.index ? `document ${o.index + 1}` : null, o.item !== undefined ? `item ${o.item + 1}` : null, `line ${o.line}`].filter(Boolean).join(', ');
  return `${what} (${where})`;
}

function renderSummary(report) {
  // One object (a file, a Secret): its facts. Several (a stream, a List): a headline for each.
  const only = report.objects.length === 1 ? report.objects[0] : null;
  const verdict = verdictBadge(report);
  const facts = only
    ? h('dl', { className: 'facts' },
      h('dt', { text: 'Format' }), h('dd', { text: only.format ?? 'unreadable' }),
      h('dt', { text: 'Source' }), h('dd', { text: describeSource(only) }),
      h('dt', { text: 'Findings' }), h('dd', { text: `${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}` }),
      h('dt', { text: 'Entries' }), h('dd', { text: String(only.entries.length) }))
    : h('div', { className: 'objects' },
      h('p', { className: 'muted', text: `${plural(report.objects.length, 'pull secret')} in the input; ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}` }),
      ...report.objects.map((o) => h('div', { className: 'object-head', data: { index: o.index, item: o.item ?? '' } },
        verdictBadge(o), h('span', { className: 'object-title', text: ` ${objectTitle(o)}: ${o.format ?? 'unreadable'}, ${plural(o.entries.length, 'entry', 'entries')}` }))));

  const clients = h('div', { className: 'clients' });
  for (const name of ['kubelet', 'containers', 'docker']) {
    const c = report.clients?.[name];
    if (!c) continue;
    let cls = 'client-ok';
    let text = `${name}: ok, uses ${plural(c.usedEntries, 'entry', 'entries')}`;
    if (c.status === 'fails') {
      cls = 'client-fails';
      // In a stream, say how many of its pull secrets fail; the reasons are listed below.
      const failing = report.objects.filter((o) => o.clients[name].status === 'fails').length;
      text = report.objects.length > 1 ? `${name}: fails for ${failing} of ${plural(report.objects.length, 'pull secret')}` : `${name}: pulls fail`;
    } else if (c.usedEntries === 0) {
      cls = 'client-none';
      text = `${name}: no usable credentials`;
    }
    clients.append(h('span', { className: `client ${cls}`, text, title: report.reasons[c.reason] ?? '', data: { client: name, status: c.status } }));
  }
  // Reasons of failing clients are visible too, not only as tooltips.
  const reasons = h('ul', { className: 'client-reasons' });
  for (const name of ['kubelet', 'containers', 'docker']) {
    const c = report.clients?.[name];
    if (c?.status === 'fails' && c.reason) reasons.append(h('li', {}, h('strong', { text: `${name}: ` }), richText(report.reasons[c.reason] ?? c.reason)));
  }

  summary.replaceChildren(...[fileNote, h('div', { className: 'summary-head' }, verdict, clients), facts, reasons.childElementCount ? reasons : null].filter(Boolean));
}

/** Splits a line into runs by highlight severity; zero-width findings become carets. */
function highlightLine(lineText, spans) {
  const chars = Array.from(lineText);
  const rank = new Array(chars.length).fill(0);
  const carets = new Map();
  for (const s of spans) {
    const from = Math.max(0, s.from);
    const to = Math.min(chars.length, s.to);
    if (to <= from) {
      const at = Math.min(from, chars.length);
      carets.set(at, Math.max(carets.get(at) ?? 0, s.rank));
      continue;
    }
    for (let i = from; i < to; i++) rank[i] = Math.max(rank[i], s.rank);
  }
  const out = h('span', { className: 'src' });
  let i = 0;
  while (i <= chars.length) {
    if (carets.has(i)) out.append(h('span', { className: `caret sev-${RANK_NAME[carets.get(i)]}`, attrs: { 'aria-hidden': 'true' } }));
    if (i === chars.length) break;
    let j = i + 1;
    while (j < chars.length && rank[j] === rank[i] && !carets.has(j)) j++;
    const run = chars.slice(i, j).join('');
    out.append(rank[i] ? h('mark', { className: `sev-${RANK_NAME[rank[i]]}`, text: run }) : document.createTextNode(run));
    i = j;
  }
  if (chars.length === 0) out.append(document.createTextNode('\u200b'));
  return out;
}

function diagnosticElement(d, lineCount) {
  const line = Math.min(Math.max(d.line || 1, 1), lineCount);
  const pos = [`line ${d.line}, column ${d.column}`];
  if (d.inner) pos.push(`decoded config: line ${d.inner.line}, column ${d.inner.column}`);
  if (d.pointer) pos.push(d.pointer);
  const node = h('div', {
    className: `diag sev-${d.severity}`,
    data: { line, code: d.code, severity: d.severity },
    attrs: { role: 'note', tabindex: '0' },
    title: 'Select in the input',
  },
  h('span', { className: 'sev-badge', text: d.severity }),
  h('code', { className: 'diag-code', text: d.code }),
  h('span', { className: 'diag-msg' }, richText(d.message)),
  h('span', { className: 'diag-pos', text: pos.join(' · ') }));
  const select = () => selectInInput(d.line, d.column, d.endLine, d.endColumn);
  node.addEventListener('click', select);
  node.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      select();
    }
  });
  return node;
}

function renderAnnotated(text, diagnostics) {
  const lines = text.split('\n');
  const byLine = new Map();
  const spansByLine = new Map();
  const addSpan = (line, span) => {
    if (!spansByLine.has(line)) spansByLine.set(line, []);
    spansByLine.get(line).push(span);
  };
  for (const d of diagnostics) {
    const line = Math.min(Math.max(d.line || 1, 1), lines.length);
    if (!byLine.has(line)) byLine.set(line, []);
    byLine.get(line).push(d);
    const rank = SEVERITY_RANK[d.severity] ?? 1;
    if (d.severity === 'info' && d.line === 1 && d.column === 1 && d.endLine === d.line && d.endColumn <= d.column) continue; // whole-file notes
    const endLine = Math.max(d.endLine || d.line, d.line);
    for (let l = line; l <= Math.min(endLine, lines.length); l++) {
      const from = l === line ? (d.column || 1) - 1 : 0;
      const to = l === endLine ? (d.endColumn || d.column || 1) - 1 : Infinity;
      addSpan(l, { from, to, rank });
    }
  }

  const frag = document.createDocumentFragment();
  lines.forEach((lineText, idx) => {
    const n = idx + 1;
    const diags = byLine.get(n) ?? [];
    const worst = diags.reduce((m, d) => Math.max(m, SEVERITY_RANK[d.severity] ?? 0), 0);
    const row = h('div', { className: `line${worst ? ` has-${RANK_NAME[worst]}` : ''}`, data: { line: n } },
      h('span', { className: 'ln', text: String(n), attrs: { 'aria-hidden': 'true' } }),
      highlightLine(lineText.replace(/\r$/, ''), spansByLine.get(n) ?? []));
    frag.append(row);
    for (const d of diags) frag.append(diagnosticElement(d, lines.length));
  });
  if (diagnostics.length === 0) {
    frag.append(h('div', { className: 'all-clear', text: 'No findings: every client reads this file as written.' }));
  }
  diagnosticsView.classList.remove('is-empty');
  diagnosticsView.replaceChildren(frag);
}

const VERDICT_TEXT = {
  used: 'used',
  anonymous: 'anonymous',
  ignored: 'ignored',
  'fails-registry': 'fails registry',
  'fails-all': 'fails all',
};

/** The entry table; with several objects, each object's rows follow its own headline row. */
function renderEntries(objects, reasons = {}) {
  const entries = objects.flatMap((o) => o.entries);
  if (entries.length === 0) {
    entriesBody.replaceChildren(h('tr', { className: 'empty-row' }, h('td', { text: 'No entries.', attrs: { colspan: '7' } })));
    return;
  }
  const yesNo = (v, extra) => h('td', { className: v ? 'yes' : 'no', text: v ? `yes${extra ?? ''}` : 'no' });
  const rows = (list) => list.map((e) => {
    const registry = h('td', { className: 'registry' },
      h('span', { className: 'reg-name', text: e.registry === '' ? '(empty key)' : e.registry }),
      h('button', { className: 'link line-link', text: `line ${e.line}`, attrs: { type: 'button' }, title: 'Select in the input' }));
    registry.querySelector('button').addEventListener('click', () => selectInInput(e.line, e.column, e.line, e.column + Array.from(JSON.stringify(e.registry)).length));
    const user = h('td', { className: 'username' }, e.username !== undefined ? document.createTextNode(e.username) : h('span', { className: 'muted', text: '—' }));
    if (e.email) user.append(h('small', { className: 'email', text: e.email }));
    const password = yesNo(e.hasPassword);
    if (e.hasIdentityToken) password.append(h('small', { text: ' + identity token' }));
    const cells = ['kubelet', 'containers', 'docker'].map((c) => {
      const v = e.clients?.[c] ?? { status: 'unknown' };
      return h('td', {}, h('span', {
        className: `verdict v-${v.status}`,
        text: VERDICT_TEXT[v.status] ?? v.status,
        // A verdict's reason is a key; its text is in the report's `reasons`, once.
        title: (v.reason && reasons[v.reason]) ?? (v.status === 'used' ? `${c} sends these credentials` : ''),
        data: { client: c, status: v.status },
      }));
    });
    return h('tr', { data: { registry: e.registry } }, registry, user, password, yesNo(e.hasAuth), ...cells);
  });
  if (objects.length === 1) {
    entriesBody.replaceChildren(...rows(entries));
    return;
  }
  entriesBody.replaceChildren(...objects.flatMap((o) => [
    h('tr', { className: 'object-row', data: { index: o.index, item: o.item ?? '' } },
      h('th', { attrs: { colspan: '7', scope: 'rowgroup' } }, verdictBadge(o), document.createTextNode(` ${objectTitle(o)}`))),
    ...rows(o.entries),
  ]));
}

/** Selects a 1-based line/column range (columns in Unicode characters) in the textarea. */
function selectInInput(line, column, endLine, endColumn) {
  const text = input.value;
  const offset = (l, c) => {
    let pos = 0;
    for (let i = 1; i < l; i++) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) return text.length;
      pos = nl + 1;
    }
    for (let i = 1; i < c && pos < text.length && text[pos] !== '\n'; i++) {
      pos += text.codePointAt(pos) > 0xffff ? 2 : 1;
    }
    return pos;
  };
  const start = offset(line, column);
  const end = Math.max(start, offset(endLine || line, endColumn || column));
  input.focus();
  input.setSelectionRange(start, end === start ? Math.min(start + 1, text.length) : end);
  // Scroll the textarea so that the line is visible.
  const lineHeight = parseFloat(getComputedStyle(input).lineHeight) || 20;
  input.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

/** Reads a file as bytes so that a BOM or a wrong encoding stays visible to the checker. */
function loadFile(file) {
  if (!file) return;
  if (file.size > 4 * 1024 * 1024) {
    fileNote = h('p', { className: 'file-note', text: `“${file.name}” is ${Math.round(file.size / 1024)} KiB: too large for a credential file, not loaded.` });
    lastChecked = null;
    runCheck();
    return;
  }
  const reader = new FileReader();
  reader.onload = () => {
    const bytes = new Uint8Array(reader.result);
    let text;
    let note = null;
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
      note = 'is UTF-16 (as PowerShell’s “>” writes it): kubelet, podman and docker read only UTF-8. Re-save it as UTF-8; below is the check of its decoded text.';
    } else {
      try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
        note = 'is not valid UTF-8: invalid bytes are shown as �.';
      }
    }
    fileNote = note ? h('p', { className: 'file-note' }, h('strong', { text: file.name }), document.createTextNode(` ${note}`)) : null;
    fileName = file.name;
    input.value = text;
    lastChecked = null;
    runCheck();
    input.scrollTop = 0;
  };
  reader.onerror = () => {
    fileNote = h('p', { className: 'file-note', text: `Could not read “${file.name}”.` });
    lastChecked = null;
    runCheck();
  };
  reader.readAsArrayBuffer(file);
}

input.addEventListener('input', () => {
  fileNote = null;
  fileName = null;
  scheduleCheck();
});

$('file-pick').addEventListener('change', (ev) => {
  loadFile(ev.target.files?.[0]);
  ev.target.value = '';
});

for (const btn of document.querySelectorAll('[data-example]')) {
  btn.addEventListener('click', () => {
    fileNote = null;
    fileName = null;
    input.value = EXAMPLES[btn.dataset.example];
    runCheck();
    input.scrollTop = 0;
  });
}

$('clear').addEventListener('click', () => {
  fileNote = null;
  fileName = null;
  input.value = '';
  runCheck();
  input.focus();
});

// Drop a file anywhere on the page. Plain text drops into the textarea keep their default.
const hasFiles = (ev) => Array.from(ev.dataTransfer?.types ?? []).includes('Files');
let dragDepth = 0;
document.addEventListener('dragenter', (ev) => {
  if (!hasFiles(ev)) return;
  dragDepth++;
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', (ev) => {
  if (!hasFiles(ev)) return;
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) document.body.classList.remove('dragging');
});
document.addEventListener('dragover', (ev) => {
  if (!hasFiles(ev)) return;
  ev.preventDefault();
  ev.dataTransfer.dropEffect = 'copy';
});
document.addEventListener('drop', (ev) => {
  if (!hasFiles(ev)) return;
  ev.preventDefault();
  dragDepth = 0;
  document.body.classList.remove('dragging');
  loadFile(ev.dataTransfer.files[0]);
  document.getElementById('check-panel').scrollIntoView({ behavior: 'smooth', block: 'start' });
});

// ---------------------------------------------------------------------------------------------
// Build a secret
// ---------------------------------------------------------------------------------------------

const form = $('secret-form');
const output = $('secret-output');
const formError = $('form-error');
const copyBtn = $('copy');
const downloadBtn = $('download');
const copyStatus = $('copy-status');
const PLACEHOLDER = 'Fill in a username and a password to see the Secret.';
let manifest = null; // { text, filename, type }

/**
 * The form as the library's options: `login` for `create`/`add`, `secret` for `toSecret`, and what
 * the cluster objects share (`format`, `creationTimestamp`, `namespace`). A bad label is the library's error (`invalid-option`).
 */
function formValues() {
  const v = (id) => $(id).value;
  const login = { username: v('f-username'), password: v('f-password') };
  if (v('f-server') !== '') login.server = v('f-server');
  if (v('f-email') !== '') login.email = v('f-email');
  const format = v('f-output') === 'json' ? 'json' : 'yaml';
  const common = { output: format };
  if ($('f-timestamp').checked) common.creationTimestamp = true;
  const secret = { name: v('f-name'), ...common };
  if (v('f-namespace') !== '') secret.namespace = v('f-namespace');
  if ($('f-append-hash').checked) secret.appendHash = true;
  const labels = items(v('f-labels'), ',');
  const annotations = items(v('f-annotations'), '\n');
  if (labels) secret.labels = labels;
  if (annotations) secret.annotations = annotations;
  return { login, secret, format, common, namespace: secret.namespace };
}

/**
 * The name the built Secret gets: the form's name, or with `--append-hash` the hashed name once
 * the credentials are filled in (the hash covers the data).
 */
function secretName(f) {
  if (!f.secret.appendHash || f.login.username === '' || f.login.password === '') return f.secret.name;
  return JSON.parse(toSecret(create(f.login), { ...f.secret, output: 'json' })).metadata.name;
}

function setOutput(text) {
  const placeholder = text === null;
  output.textContent = placeholder ? PLACEHOLDER : text;
  output.classList.toggle('is-placeholder', placeholder);
  copyBtn.disabled = placeholder;
  downloadBtn.disabled = placeholder;
  copyStatus.textContent = '';
  if (placeholder) manifest = null;
}

/** Builds the Secret; `explicit` (a submit) also reports missing username/password. */
function buildSecret(explicit) {
  if (!ready) return;
  formError.hidden = true;
  try {
    const f = formValues();
    if (!explicit && (f.login.username === '' || f.login.password === '')) {
      setOutput(null);
      return;
    }
    const text = toSecret(create(f.login), f.secret);
    setOutput(text);
    manifest = { text, filename: `${safeName(f.secret.name, 'secret')}.${f.format}`, type: MIME[f.format] };
  } catch (e) {
    setOutput(null);
    showError(formError, e);
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  buildSecret(true);
});
form.addEventListener('input', () => buildSecret(false));
form.addEventListener('change', () => buildSecret(false));

copyBtn.addEventListener('click', () => manifest && copyText(manifest.text, output, copyStatus));
downloadBtn.addEventListener('click', () => manifest && saveFile(manifest.filename, manifest.text, manifest.type));

// ---------------------------------------------------------------------------------------------
// Outputs: the checked config written for each runtime (convert). Converted only when a tab is
// clicked, and cleared when the input changes, so credentials appear only on request.
// ---------------------------------------------------------------------------------------------

const outputsPanel = $('outputs-panel');
const outPanel = $('out-panel');
let outTo = null;

function outFile(f) {
  const binary = typeof f.content !== 'string';
  const title = h('span', { className: 'output-title' }, h('code', { text: f.path }), document.createTextNode(` → ${f.target} (mode ${f.mode.toString(8).padStart(4, '0')})`));
  const block = outputBlock(title, f.content, { name: f.path.split('/').pop(), type: binary ? MIME.gz : MIME.json });
  block.dataset.path = f.path;
  return block;
}

function outNotes(title, notes, kind) {
  if (notes.length === 0) return null;
  const list = h('ul', { className: `out-notes out-${kind}` });
  for (const n of notes) list.append(h('li', {}, richText(n.what), document.createTextNode(': '), richText(n.why)));
  return h('div', {}, h('h3', { text: title }), list);
}

function renderOutputs() {
  for (const t of outputsPanel.querySelectorAll('.out-tab')) t.setAttribute('aria-selected', String(t.dataset.to === outTo));
  if (!outTo || !ready) return;
  const text = input.value;
  if (text.trim() === '') {
    outPanel.replaceChildren(h('p', { className: 'note', text: 'Paste or load a config in “Check a file” first.' }));
    return;
  }
  const options = { to: outTo };
  if (outTo === 'butane' && $('out-source').value !== '') options.source = $('out-source').value;
  if (outTo === 'mesos' && $('out-uri').value !== '') options.uri = $('out-uri').value;
  let r;
  try {
    r = convert(text, options);
  } catch (e) {
    const msg = h('p', { className: 'form-error' });
    showError(msg, e);
    outPanel.replaceChildren(msg);
    return;
  }
  const parts = r.files.length ? r.files.map(outFile) : [h('p', { className: 'note', text: 'Nothing to write: no entry can be expressed in this format.' })];
  for (const s of r.snippets) parts.push(h('div', { className: 'out-snippet' }, h('h3', { text: `${s.name} snippet` }), h('pre', { className: 'secret-output', text: s.text })));
  parts.push(outNotes('Dropped', r.dropped, 'dropped'), outNotes('Changed', r.changed, 'changed'));
  outPanel.replaceChildren(...parts.filter(Boolean));
}

for (const tab of outputsPanel.querySelectorAll('.out-tab')) {
  tab.addEventListener('click', () => {
    outTo = tab.dataset.to;
    renderOutputs();
  });
}
for (const id of ['out-source', 'out-uri']) $(id).addEventListener('change', renderOutputs);
input.addEventListener('input', () => {
  if (outTo === null) return;
  outTo = null;
  renderOutputs();
  outPanel.replaceChildren(h('p', { className: 'note', text: 'The input changed: pick a format to convert it again.' }));
});

// ---------------------------------------------------------------------------------------------
// Which credential? `lookup` of an image in the checked file, for each client. Shows usernames and
// rules, never a password (the library's results hold none).
// ---------------------------------------------------------------------------------------------

const CLIENTS = ['kubelet', 'containers', 'docker'];
const CLIENT_TITLE = { kubelet: 'kubelet', containers: 'podman, CRI-O, skopeo', docker: 'docker' };
const LOOKUP_STATUS = {
  credentials: ['sends credentials', 'v-used'],
  anonymous: ['matched, no credentials', 'v-anonymous'],
  none: ['no entry: anonymous pull', 'v-ignored'],
  fails: ['fails', 'v-fails-all'],
  helper: ['asks a credential helper', 'v-anonymous'],
};
const lookupBody = $('lookup-table').tBodies[0];
const lookupError = $('lookup-error');
let lookupTimer = 0;

function lookupRow(r) {
  const [text, cls] = LOOKUP_STATUS[r.status] ?? [r.status, 'v-unknown'];
  const result = h('td', {}, h('span', { className: `verdict ${cls}`, text, data: { status: r.status } }));
  if (r.reason) result.append(h('small', { className: 'lookup-reason' }, richText(r.reason)));
  if (r.ambiguous) result.append(h('small', { className: 'lookup-reason', text: 'Several keys name this registry: the client picks one at random.' }));
  const tried = h('td', { className: 'lookup-matches' });
  if (r.matches.length === 0) tried.append(h('span', { className: 'muted', text: 'none' }));
  const list = h('ol', {});
  for (const m of r.matches) {
    const who = m.username !== undefined ? ` as ${m.username}` : '';
    list.append(h('li', { data: { registry: m.registry, rule: m.rule } },
      h('code', { className: 'lk-registry', text: m.registry === '' ? '(empty key)' : m.registry }),
      document.createTextNode(` (${m.rule}, line ${m.line})${who}${m.hasPassword ? '' : ', no password'}`)));
  }
  if (r.matches.length) tried.append(list);
  return h('tr', { data: { client: r.client } },
    h('th', { attrs: { scope: 'row' }, text: r.client, title: CLIENT_TITLE[r.client] }),
    result, h('td', {}, h('code', { text: r.server })), tried);
}

function renderLookup() {
  clearTimeout(lookupTimer);
  if (!ready) return;
  lookupError.hidden = true;
  const image = $('lookup-image').value.trim();
  const text = input.value;
  const empty = (msg) => lookupBody.replaceChildren(h('tr', { className: 'empty-row' }, h('td', { text: msg, attrs: { colspan: '4' } })));
  if (image === '') return empty('Enter an image reference to see which entry each client uses.');
  if (text.trim() === '') return empty('Paste or load a config in “Check a file” first.');
  try {
    lookupBody.replaceChildren(...CLIENTS.map((client) => lookupRow(lookup(text, image, { client }))));
  } catch (e) {
    showError(lookupError, e);
    empty('No answer: see the error above.');
  }
}

const scheduleLookup = () => {
  clearTimeout(lookupTimer);
  lookupTimer = setTimeout(renderLookup, 150);
};
$('lookup-image').addEventListener('input', scheduleLookup);
input.addEventListener('input', scheduleLookup);

// ---------------------------------------------------------------------------------------------
// Verify against the registries: a page cannot (no CORS, and it must not send credentials), so
// the panel shows the `pullsecret verify` command for the checked file, as `verifyCommand` writes
// it: the opened file's name (else pull-secret.json) and the image of "Which credential?". The
// command holds no secret. Rendered with each check and each change of the image.
// ---------------------------------------------------------------------------------------------

const verifyOut = $('verify-out');

function renderVerify() {
  if (!ready) return;
  if (input.value.trim() === '') {
    verifyOut.replaceChildren(h('p', { className: 'note', text: 'Paste or load a config in “Check a file” first.' }));
    return;
  }
  const image = $('lookup-image').value.trim();
  try {
    const command = verifyCommand(fileName ?? 'pull-secret.json', image === '' ? {} : { images: [image] });
    const title = fileName === null ? 'With the file saved as pull-secret.json' : `For the opened file, ${fileName}`;
    verifyOut.replaceChildren(commandBlock(title, command, 'command'));
  } catch (e) {
    const msg = h('p', { className: 'form-error' });
    showError(msg, e);
    verifyOut.replaceChildren(msg);
  }
}

$('lookup-image').addEventListener('input', renderVerify);

// ---------------------------------------------------------------------------------------------
// Why can't my pod pull? `explain` of a pasted Pod with its ServiceAccount, Secrets and events:
// per image the entry kubelet sends (or why none is), what the registry answered, and the fix.
// ---------------------------------------------------------------------------------------------

const EXPLAIN_STATUS = {
  credentials: ['✔', 'v-used'],
  node: ['✔', 'v-used'],
  anonymous: ['⚠', 'v-anonymous'],
  unknown: ['⚠', 'v-anonymous'],
  fails: ['✘', 'v-fails-all'],
  invalid: ['✘', 'v-fails-all'],
};
const explainOut = $('explain-out');
const explainError = $('explain-error');
let explainTimer = 0;

function explainImage(i) {
  const failed = i.failure !== undefined || i.status === 'fails' || i.status === 'invalid';
  const [mark, cls] = failed ? ['✘', 'v-fails-all'] : EXPLAIN_STATUS[i.status] ?? ['?', 'v-unknown'];
  const where = i.container !== undefined ? ` (container ${i.container}, line ${i.line})` : ` (line ${i.line})`;
  return h('li', { className: 'explain-image', data: { image: i.image, status: i.status, failure: i.failure ?? '' } },
    h('p', {}, h('span', { className: `verdict ${cls}`, text: mark }), document.createTextNode(' '), h('code', { text: i.image }), document.createTextNode(where)),
    h('p', { className: 'explain-answer' }, richText(i.answer)),
    h('p', { className: 'explain-fix' }, h('strong', { text: 'Fix: ' }), richText(i.fix)));
}

function renderExplain() {
  clearTimeout(explainTimer);
  if (!ready) return;
  explainError.hidden = true;
  const text = $('explain-input').value;
  if (text.trim() === '') {
    explainOut.replaceChildren(h('p', { className: 'note', text: 'Paste a Pod to see how each of its images is pulled.' }));
    return;
  }
  try {
    const e = explain(text, { events: $('explain-events').value, namespace: $('explain-namespace').value.trim() || 'default' });
    explainOut.replaceChildren(...e.workloads.map((w) => {
      const secrets = w.pullSecrets.map((p) => `${p.name} (${p.status})`).join(', ');
      const from = w.pullSecretsFrom === 'pod' ? `pull secrets ${secrets}` : w.pullSecretsFrom === 'serviceAccount' ? `pull secrets ${secrets}, from its ServiceAccount` : 'no pull secret';
      return h('div', { className: 'explain-workload', data: { kind: w.kind } },
        h('h3', { text: `${w.kind} ${w.namespace}/${w.name ?? ''}: ${from}` }),
        ...w.diagnostics.map((d) => h('p', { className: `explain-finding sev-${d.severity}` }, h('code', { text: d.code }), document.createTextNode(' '), richText(d.message))),
        h('ul', {}, ...w.images.map(explainImage)));
    }));
  } catch (e) {
    showError(explainError, e);
    explainOut.replaceChildren();
  }
}

const scheduleExplain = () => {
  clearTimeout(explainTimer);
  explainTimer = setTimeout(renderExplain, 150);
};
for (const id of ['explain-input', 'explain-events', 'explain-namespace']) $(id).addEventListener('input', scheduleExplain);

// ---------------------------------------------------------------------------------------------
// Cluster objects: built from the form's secret name, namespace, credentials and output choices,
// when a tab is picked; they follow the form while it stays picked.
// ---------------------------------------------------------------------------------------------

const objPanel = $('obj-panel');
const objError = $('obj-error');
const val = (id) => $(id).value.trim();
const fileOf = (name, f) => `${safeName(name, 'object')}.${f.format}`;
const objectBlock = (title, text, name, f, kind) => outputBlock(title, text, { name: fileOf(name, f), type: MIME[f.format], kind });

/** Each tab: the form values in, the output blocks out (throws the library's errors). */
const OBJECTS = {
  link(f) {
    const current = $('sa-current').value;
    const options = { secrets: [secretName(f)], for: $('sa-for').value, namespace: f.namespace, ...f.common };
    if (val('sa-name') !== '' || current.trim() === '') options.serviceAccount = val('sa-name') || 'default';
    const r = link(current.trim() === '' ? null : current, options);
    return [
      r.changed ? null : h('p', { className: 'note', text: 'Already linked: the patch changes nothing.' }),
      objectBlock(`ServiceAccount ${r.name}`, r.object, `serviceaccount-${r.name}`, f, 'object'),
      outputBlock('Merge patch', r.patch, { name: 'patch.json', type: MIME.json, kind: 'patch' }),
      commandBlock('kubectl', r.command, 'command'),
      commandBlock('oc', r.ocCommand, 'oc-command'),
    ];
  },
  grant(f) {
    const options = { fromNamespace: val('rb-from'), namespace: val('rb-to') || f.namespace, ...f.common };
    if (val('rb-sa') !== '') options.serviceAccount = val('rb-sa');
    if ($('rb-group').checked) options.group = true;
    const r = grantPull(options);
    return [
      objectBlock(`RoleBinding ${r.name}`, r.object, `rolebinding-${r.name}`, f, 'object'),
      commandBlock('oc', r.command, 'command'),
      commandBlock('kubectl', r.kubectlCommand, 'kubectl-command'),
    ];
  },
  pod(f) {
    const name = val('pod-name');
    const text = podSnippet({ name, image: val('wl-image'), secrets: [secretName(f)], namespace: f.namespace, ...f.common });
    return [objectBlock('Pod', text, `pod-${name}`, f, 'object')];
  },
  workflow(f) {
    const generateName = val('wf-name');
    const text = workflowSnippet({ generateName, image: val('wl-image'), secrets: [secretName(f)], namespace: f.namespace, ...f.common });
    return [objectBlock('Argo Workflow', text, `workflow-${generateName.replace(/-$/, '') || 'workflow'}`, f, 'object')];
  },
  delegated(f) {
    const r = delegatedAuth({
      authServer: val('da-server'),
      registry: f.login.server,
      username: f.login.username,
      password: f.login.password,
      email: f.login.email,
      authSecretName: val('da-auth-name') || `${f.secret.name}-auth`,
      registrySecretName: f.secret.name,
      namespace: f.namespace,
      ...f.common,
    });
    return [
      objectBlock('Both Secrets', r.manifest, 'delegated-auth', f, 'object'),
      ...r.secrets.map((s) => objectBlock(`Secret ${s.name} (for ${s.server})`, s.manifest, s.name, f, 'secret')),
    ];
  },
  global(f) {
    const current = $('gps-current').value;
    const r = globalPullSecret(current.trim() === '' ? null : current, {
      registry: f.login.server,
      username: f.login.username,
      password: f.login.password,
      email: f.login.email,
      variant: $('gps-hypershift').checked ? 'hypershift' : 'openshift',
      style: $('gps-style').value,
      ...f.common,
    });
    return [
      outputBlock(`New .dockerconfigjson (${r.file})`, r.config, { name: r.file, type: MIME.json, kind: 'config' }),
      objectBlock(`Updated Secret ${r.namespace}/${r.name}`, r.secret, r.name, f, 'object'),
      commandBlock('1. Download the current one', r.fetchCommand, 'fetch-command'),
      commandBlock('2. Replace it with the new file', r.command, 'command'),
      listBlock('Added', r.added, 'out-added'),
      listBlock('Replaced', r.replaced, 'out-replaced'),
    ];
  },
};

const objTabs = tabRow($('cluster-panel'), renderObject);

function renderObject(tab = objTabs.current) {
  if (!tab || !ready) return;
  objError.hidden = true;
  try {
    objPanel.replaceChildren(...OBJECTS[tab](formValues()).filter(Boolean));
  } catch (e) {
    showError(objError, e);
    objPanel.replaceChildren();
  }
}

$('cluster-panel').addEventListener('input', () => renderObject());

// ---------------------------------------------------------------------------------------------
// Edit the file: add the form's login, remove a registry, merge a second file. Run when a tab is
// picked or its options change; withdrawn when the checked file changes (as Outputs).
// ---------------------------------------------------------------------------------------------

const editOut = $('edit-out');
const editError = $('edit-error');

/** Each tab: the checked text in, the output blocks out. */
const EDITS = {
  add(text, style) {
    const { login } = formValues();
    const config = add(text, { registry: login.server, username: login.username, password: login.password, email: login.email, style });
    return [outputBlock('New file', config, { name: 'config.json', type: MIME.json, kind: 'config' })];
  },
  remove(text, style) {
    const r = remove(text, val('edit-registry'), { aliases: $('edit-aliases').checked, style });
    return [outputBlock('New file', r.config, { name: 'config.json', type: MIME.json, kind: 'config' }), listBlock('Removed', r.removed, 'out-removed')];
  },
  merge(text, style) {
    const r = merge([text, $('edit-second').value], { onConflict: $('edit-conflict').value, style });
    const conflicts = r.conflicts.map((c) => {
      const what = c.section === 'config' ? `top-level key ${c.key}` : `${c.section} ${c.registry}`;
      const dropped = c.keys.filter((_, i) => c.sources[i] !== c.kept);
      return `${what}: kept file ${c.kept + 1}'s entry, dropped ${dropped.join(', ')}`;
    });
    return [outputBlock('Merged file', r.config, { name: 'config.json', type: MIME.json, kind: 'config' }), listBlock('Conflicts', conflicts, 'out-conflicts')];
  },
};

const editTabs = tabRow($('edit-panel'), renderEdit);

function renderEdit(tab = editTabs.current) {
  if (!tab || !ready) return;
  editError.hidden = true;
  try {
    const blocks = EDITS[tab](input.value, $('edit-style').value).filter(Boolean);
    const check = h('button', { className: 'btn btn-quiet btn-check', text: 'Check this file', attrs: { type: 'button' } });
    check.addEventListener('click', () => {
      input.value = blocks[0].querySelector('pre').textContent;
      input.dispatchEvent(new Event('input'));
      $('check-panel').scrollIntoView({ behavior: 'smooth', block: 'start' });
    });
    editOut.replaceChildren(...blocks, h('p', {}, check));
  } catch (e) {
    showError(editError, e);
    editOut.replaceChildren();
  }
}

$('edit-panel').addEventListener('input', () => renderEdit());
// The form's login feeds "Add" and every cluster object.
form.addEventListener('input', () => {
  renderObject();
  if (editTabs.current === 'add') renderEdit();
});
input.addEventListener('input', () => {
  if (editTabs.current === null) return;
  editTabs.select(null);
  editError.hidden = true;
  editOut.replaceChildren(h('p', { className: 'note', text: 'The file changed: pick an edit to run it again.' }));
});

// ---------------------------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------------------------

const status = $('status');
renderEmpty();
init()
  .then(() => {
    startChecker();
    ready = true;
    status.hidden = true;
    document.body.classList.add('ready');
    lastChecked = null;
    runCheck();
    buildSecret(false);
    renderLookup();
    renderExplain();
  })
  .catch((e) => {
    status.classList.add('status-error');
    status.textContent = `Could not load the WebAssembly module (${e?.message ?? e}). Serve this page over http, e.g. with “bash scripts/demo.sh”.`;
  });
