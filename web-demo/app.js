// pullsecret demo page. Everything runs here, on @pullsecret/wasm: nothing is fetched except the
// page's own files, nothing is stored, and user data only ever reaches the DOM through textContent.
import { init, validate, create, toSecret, convert, PullSecretError } from './pullsecret.js';

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
let lastChecked = null;

function scheduleCheck(delay = 150) {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(runCheck, delay);
}

function runCheck() {
  clearTimeout(checkTimer);
  if (!ready) return;
  const text = input.value;
  if (text === lastChecked) return;
  lastChecked = text;
  if (text.trim() === '') {
    renderEmpty();
    return;
  }
  let report;
  try {
    report = validate(text);
  } catch (e) {
    renderFailure(e);
    return;
  }
  renderSummary(report);
  renderAnnotated(text, report.diagnostics);
  renderEntries(report.entries);
}

function renderEmpty() {
  summary.replaceChildren(h('p', { className: 'muted', text: 'Paste a file on the left, drop one on the page, or load an example.' }));
  if (fileNote) summary.prepend(fileNote);
  diagnosticsView.replaceChildren();
  diagnosticsView.classList.add('is-empty');
  renderEntries([]);
}

function renderFailure(e) {
  const code = e instanceof PullSecretError ? `${e.code}: ` : '';
  summary.replaceChildren(h('p', { className: 'form-error', text: `${code}${e.message}` }));
  diagnosticsView.replaceChildren();
  renderEntries([]);
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

function renderSummary(report) {
  const verdict = report.valid
    ? h('span', { className: 'badge badge-ok', text: report.warnings ? '✓ Readable, with warnings' : '✓ Valid' })
    : h('span', { className: 'badge badge-error', text: `✗ ${plural(report.errors, 'error')}` });

  const facts = h('dl', { className: 'facts' },
    h('dt', { text: 'Format' }), h('dd', { text: report.format ?? 'unreadable' }),
    h('dt', { text: 'Source' }), h('dd', { text: describeSource(report) }),
    h('dt', { text: 'Findings' }), h('dd', { text: `${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}` }),
    h('dt', { text: 'Entries' }), h('dd', { text: String(report.entries.length) }),
  );

  const clients = h('div', { className: 'clients' });
  for (const name of ['kubelet', 'containers', 'docker']) {
    const c = report.clients?.[name];
    if (!c) continue;
    let cls = 'client-ok';
    let text = `${name}: ok, uses ${plural(c.usedEntries, 'entry', 'entries')}`;
    if (c.status === 'fails') {
      cls = 'client-fails';
      text = `${name}: cannot read the file`;
    } else if (c.usedEntries === 0) {
      cls = 'client-none';
      text = `${name}: no usable credentials`;
    }
    clients.append(h('span', { className: `client ${cls}`, text, title: c.reason ?? '', data: { client: name, status: c.status } }));
  }
  // Reasons of failing clients are visible too, not only as tooltips.
  const reasons = h('ul', { className: 'client-reasons' });
  for (const name of ['kubelet', 'containers', 'docker']) {
    const c = report.clients?.[name];
    if (c?.status === 'fails' && c.reason) reasons.append(h('li', {}, h('strong', { text: `${name}: ` }), richText(c.reason)));
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

function renderEntries(entries) {
  if (entries.length === 0) {
    entriesBody.replaceChildren(h('tr', { className: 'empty-row' }, h('td', { text: 'No entries.', attrs: { colspan: '7' } })));
    return;
  }
  const yesNo = (v, extra) => h('td', { className: v ? 'yes' : 'no', text: v ? `yes${extra ?? ''}` : 'no' });
  entriesBody.replaceChildren(...entries.map((e) => {
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
        title: v.reason ?? (v.status === 'used' ? `${c} sends these credentials` : ''),
        data: { client: c, status: v.status },
      }));
    });
    return h('tr', { data: { registry: e.registry } }, registry, user, password, yesNo(e.hasAuth), ...cells);
  }));
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
  scheduleCheck();
});

$('file-pick').addEventListener('change', (ev) => {
  loadFile(ev.target.files?.[0]);
  ev.target.value = '';
});

for (const btn of document.querySelectorAll('[data-example]')) {
  btn.addEventListener('click', () => {
    fileNote = null;
    input.value = EXAMPLES[btn.dataset.example];
    runCheck();
    input.scrollTop = 0;
  });
}

$('clear').addEventListener('click', () => {
  fileNote = null;
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

function showFormError(e) {
  formError.replaceChildren();
  if (e instanceof PullSecretError) {
    formError.append(h('code', { text: e.code }), document.createTextNode(' '), richText(e.message));
    if (e.line !== undefined) formError.append(document.createTextNode(` (line ${e.line}, column ${e.column})`));
  } else {
    formError.append(document.createTextNode(String(e?.message ?? e)));
  }
  formError.hidden = false;
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
  const v = (id) => $(id).value;
  const username = v('f-username');
  const password = v('f-password');
  formError.hidden = true;
  if (!explicit && (username === '' || password === '')) {
    setOutput(null);
    return;
  }
  const options = { username, password };
  if (v('f-server') !== '') options.server = v('f-server');
  if (v('f-email') !== '') options.email = v('f-email');
  const name = v('f-name');
  const format = v('f-output') === 'json' ? 'json' : 'yaml';
  const secretOptions = { name, output: format };
  if (v('f-namespace') !== '') secretOptions.namespace = v('f-namespace');
  if ($('f-timestamp').checked) secretOptions.creationTimestamp = true;
  try {
    const text = toSecret(create(options), secretOptions);
    setOutput(text);
    manifest = {
      text,
      filename: `${name.replace(/[^A-Za-z0-9._-]+/g, '_') || 'secret'}.${format}`,
      type: format === 'json' ? 'application/json' : 'application/yaml',
    };
  } catch (e) {
    setOutput(null);
    showFormError(e);
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  buildSecret(true);
});
form.addEventListener('input', () => buildSecret(false));
form.addEventListener('change', () => buildSecret(false));

copyBtn.addEventListener('click', async () => {
  if (!manifest) return;
  try {
    await navigator.clipboard.writeText(manifest.text);
    copyStatus.textContent = 'Copied.';
  } catch {
    // No clipboard API (insecure context, denied permission): select the text instead.
    const range = document.createRange();
    range.selectNodeContents(output);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    copyStatus.textContent = copied ? 'Copied.' : 'Selected: press Ctrl+C (⌘C).';
  }
});

downloadBtn.addEventListener('click', () => {
  if (!manifest) return;
  const url = URL.createObjectURL(new Blob([manifest.text], { type: manifest.type }));
  const a = h('a', { attrs: { href: url, download: manifest.filename } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
});

// ---------------------------------------------------------------------------------------------
// Outputs: the checked config written for each runtime (convert). Converted only when a tab is
// clicked, and cleared when the input changes, so credentials appear only on request.
// ---------------------------------------------------------------------------------------------

const outPanel = $('out-panel');
let outTo = null;

/** Saves `content` (string or bytes) under `name` through a temporary object URL. */
function saveFile(name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h('a', { attrs: { href: url, download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function outFile(f) {
  const binary = typeof f.content !== 'string';
  const name = f.path.split('/').pop();
  const status = h('span', { className: 'copy-status', attrs: { 'aria-live': 'polite' } });
  const copy = h('button', { className: 'btn', text: 'Copy', attrs: { type: 'button' } });
  const save = h('button', { className: 'btn out-download', text: 'Download', attrs: { type: 'button' } });
  copy.hidden = binary;
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(f.content);
      status.textContent = 'Copied.';
    } catch {
      status.textContent = 'Copy failed: use Download.';
    }
  });
  save.addEventListener('click', () => saveFile(name, f.content, binary ? 'application/gzip' : 'application/json'));
  const head = h('div', { className: 'output-head' },
    h('span', { className: 'output-title' }, h('code', { text: f.path }), document.createTextNode(` → ${f.target} (mode ${f.mode.toString(8).padStart(4, '0')})`)),
    h('span', { className: 'output-actions' }, status, copy, save));
  const body = binary
    ? h('p', { className: 'note', text: `gzip archive, ${f.content.length} bytes: download it (binary).` })
    : h('pre', { className: 'secret-output out-text', attrs: { tabindex: '0' }, text: f.content });
  return h('div', { className: 'out-file', data: { path: f.path } }, head, body);
}

function outNotes(title, notes, kind) {
  if (notes.length === 0) return null;
  const list = h('ul', { className: `out-notes out-${kind}` });
  for (const n of notes) list.append(h('li', {}, richText(n.what), document.createTextNode(': '), richText(n.why)));
  return h('div', {}, h('h3', { text: title }), list);
}

function renderOutputs() {
  for (const t of document.querySelectorAll('.out-tab')) t.setAttribute('aria-selected', String(t.dataset.to === outTo));
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
    if (e instanceof PullSecretError) {
      msg.append(h('code', { text: e.code }), document.createTextNode(' '), richText(e.message));
      if (e.line !== undefined) msg.append(document.createTextNode(` (line ${e.line}, column ${e.column})`));
    } else msg.textContent = String(e?.message ?? e);
    outPanel.replaceChildren(msg);
    return;
  }
  const parts = r.files.length ? r.files.map(outFile) : [h('p', { className: 'note', text: 'Nothing to write: no entry can be expressed in this format.' })];
  for (const s of r.snippets) parts.push(h('div', { className: 'out-snippet' }, h('h3', { text: `${s.name} snippet` }), h('pre', { className: 'secret-output', text: s.text })));
  parts.push(outNotes('Dropped', r.dropped, 'dropped'), outNotes('Changed', r.changed, 'changed'));
  outPanel.replaceChildren(...parts.filter(Boolean));
}

for (const tab of document.querySelectorAll('.out-tab')) {
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
// Start
// ---------------------------------------------------------------------------------------------

const status = $('status');
renderEmpty();
init()
  .then(() => {
    ready = true;
    status.hidden = true;
    document.body.classList.add('ready');
    lastChecked = null;
    runCheck();
    buildSecret(false);
  })
  .catch((e) => {
    status.classList.add('status-error');
    status.textContent = `Could not load the WebAssembly module (${e?.message ?? e}). Serve this page over http, e.g. with “bash scripts/demo.sh”.`;
  });
