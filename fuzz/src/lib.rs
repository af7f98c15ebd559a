//! The fuzz targets of pullsecret: one function per text-taking entry point of the core, each
//! taking the fuzzer's bytes and asserting what must hold for ANY input:
//!
//! - no panic (a panic is a trap that kills the wasm module and the Node addon's host);
//! - `validate` always returns a report, and every result and error serializes to JSON;
//! - every position (diagnostics, labels, objects, errors) lies within the text given: line and
//!   column inside that line (lines end at `\n`, `\r\n` or a lone `\r`; columns count Unicode
//!   characters), error spans inside the text and on character boundaries;
//! - a password or identity token the input holds only as a secret (decoded from `auth`, or a
//!   `"password": "…"` value) appears in no report, lookup result, error message or `Debug`
//!   output (checked where it is cheap: secrets of 12+ characters with a digit, see
//!   [`secrets_of`]).
//!
//! The same functions run under AFL++ (`fuzz/afl`, `scripts/fuzz.sh`) and in the replay test
//! (`tests/replay.rs`: every file of `fuzz/corpus/<target>/` and `fuzz/crashes/<target>/`), so a
//! crash the fuzzer finds is a regression test as soon as its input is saved.
//!
//! Inputs above [`MAX_INPUT`] bytes are ignored: they only slow the fuzzer down (sizes are the
//! hostile-input suite's job).

use pullsecret::*;
use serde::de::DeserializeOwned;
use std::borrow::Cow;

/// Inputs longer than this are skipped (64 KiB).
pub const MAX_INPUT: usize = 64 * 1024;

/// Every target, by name (also the directory names under `fuzz/corpus` and `fuzz/crashes`).
pub const TARGETS: &[&str] = &[
    "validate",
    "parse",
    "lookup",
    "add",
    "remove",
    "merge",
    "convert",
    "to_secret",
    "link",
    "global_pull_secret",
    "options",
    "workloads",
    "explain",
    "fix",
    "verify",
];

/// The target function of a name in [`TARGETS`].
pub fn target(name: &str) -> Option<fn(&[u8])> {
    Some(match name {
        "validate" => fuzz_validate,
        "parse" => fuzz_parse,
        "lookup" => fuzz_lookup,
        "add" => fuzz_add,
        "remove" => fuzz_remove,
        "merge" => fuzz_merge,
        "convert" => fuzz_convert,
        "to_secret" => fuzz_to_secret,
        "link" => fuzz_link,
        "global_pull_secret" => fuzz_global_pull_secret,
        "options" => fuzz_options,
        "workloads" => fuzz_workloads,
        "explain" => fuzz_explain,
        "fix" => fuzz_fix,
        "verify" => fuzz_verify,
        _ => return None,
    })
}

/// The input as text: the core takes `&str` (the bindings and the CLI refuse invalid UTF-8
/// before it), so invalid UTF-8 is replaced, as a lossy reader would.
fn text(data: &[u8]) -> Option<String> {
    (data.len() <= MAX_INPUT).then(|| String::from_utf8_lossy(data).into_owned())
}

/// `KEY\nREST`: the first line as a key (an image, a registry), the rest as the config.
fn split_key(s: &str) -> (&str, &str) {
    s.split_once('\n').unwrap_or((s, ""))
}

/// Options as the bindings read them (from JSON here, as in the core's tests).
fn read<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    options::from("fuzz", &mut serde_json::Deserializer::from_str(json))
}

fn opts<T: DeserializeOwned>(json: &str) -> T {
    read(json).unwrap_or_else(|e| panic!("harness options {json}: {}", e.message))
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("results serialize to JSON")
}

// ---------------------------------------------------------------------------------------------
// Invariants.

/// The text as an editor shows it, in which positions are counted: a UTF-16 manifest read as
/// UTF-8 is read decoded ([`utf16_manifest`]), any other text as it is.
fn shown(text: &str) -> Cow<'_, str> {
    utf16_manifest(text).map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Line starts as the core counts them (`\n`, `\r\n`, lone `\r`), to check positions.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let b = text.as_bytes();
        let mut starts = vec![0];
        for i in 0..b.len() {
            match b[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if b.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
        }
        Lines { text, starts }
    }

    /// Panics unless `line:column` (1-based, columns in characters) is in the text; the
    /// position just after the last character of a line (its end) counts as in it.
    fn check(&self, what: &str, line: usize, column: usize) {
        assert!(
            line >= 1 && line <= self.starts.len(),
            "{what}: line {line} outside 1..={}",
            self.starts.len()
        );
        let start = self.starts[line - 1];
        let end = self.starts.get(line).copied().unwrap_or(self.text.len());
        let chars = self.text[start..end].chars().count();
        assert!(
            column >= 1 && column <= chars + 1,
            "{what}: column {column} of line {line} outside 1..={}",
            chars + 1
        );
    }

    fn span(&self, what: &str, start: usize, end: usize) {
        assert!(
            start <= end && end <= self.text.len(),
            "{what}: span {start}..{end} outside the text (0..{})",
            self.text.len()
        );
        assert!(
            self.text.is_char_boundary(start) && self.text.is_char_boundary(end),
            "{what}: span {start}..{end} not on character boundaries"
        );
    }
}

fn check_report(text: &str, report: &Report) {
    let text = &*shown(text);
    let lines = Lines::new(text);
    let all = report
        .diagnostics
        .iter()
        .chain(report.objects.iter().flat_map(|o| &o.diagnostics));
    for d in all {
        let what = format!("diagnostic {:?}", d.code);
        lines.check(&what, d.line, d.column);
        lines.check(&what, d.end_line, d.end_column);
        assert!(
            (d.line, d.column) <= (d.end_line, d.end_column),
            "{what}: ends before it starts"
        );
        // `span` is in the coordinates of the object it is about (after a BOM, inside a
        // stream), not of the text given: only its order and size are checked.
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{what}: span {}..{} outside the text",
            d.span.start,
            d.span.end
        );
        assert!(!d.message.is_empty(), "{what}: empty message");
        for l in &d.labels {
            lines.check(&format!("{what} label"), l.line, l.column);
            lines.check(&format!("{what} label"), l.end_line, l.end_column);
        }
    }
    for o in &report.objects {
        lines.check(&format!("object {}", o.index), o.line, o.column);
    }
    if report.valid {
        assert_eq!(report.errors, 0, "a valid report with errors");
    }
}

/// An error names no secret, serializes, and points into the text it is about (`input` says
/// which one for `merge`).
fn check_error(texts: &[&str], e: &Error, secrets: &[String]) {
    assert!(!e.message.is_empty(), "empty error message");
    no_secret("error message", &e.message, secrets);
    let text = texts[e.input.unwrap_or(0).min(texts.len() - 1)];
    let lines = Lines::new(text);
    // The position is in the text as shown, the span in the text as given.
    let shown = shown(text);
    if let Some(p) = e.position {
        Lines::new(&shown).check(&format!("error {}", e.message), p.line, p.column);
    }
    if let Some(s) = &e.span {
        lines.span(&format!("error {}", e.message), s.start, s.end);
    }
}

fn no_secret(what: &str, out: &str, secrets: &[String]) {
    for s in secrets {
        assert!(
            !out.contains(s.as_str()),
            "{what} contains a password of the input ({} characters)",
            s.len()
        );
    }
}

/// The passwords and identity tokens of a config that must appear in no report, error or
/// `Debug` output, where that is cheap to decide: 12 or more characters with a digit; in the
/// input either not at all (decoded from `auth` or a Secret's base64) or once, as a JSON string
/// value (`: "…"`); and no part of a field that is printed (registry, username, email, helper,
/// other keys) or of any key of the input read as JSON.
pub fn secrets_of(text: &str) -> Vec<String> {
    let Ok(doc) = parse(text) else {
        return Vec::new();
    };
    let mut printed: Vec<String> = Vec::new();
    for c in &doc.entries {
        printed.push(c.registry.clone());
        printed.extend(c.username.clone());
        printed.extend(c.email.clone());
    }
    for h in &doc.cred_helpers {
        printed.push(h.registry.clone());
        printed.push(h.helper.clone());
    }
    printed.extend(doc.creds_store.clone());
    printed.extend(doc.other_keys.iter().cloned());
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
        keys(&v, &mut printed);
    }
    let mut out = Vec::new();
    for c in &doc.entries {
        for s in [&c.password, &c.identity_token].into_iter().flatten() {
            let s = s.expose();
            if s.chars().count() < 12
                || !s.bytes().any(|b| b.is_ascii_digit())
                || printed.iter().any(|p| p.contains(s))
            {
                continue;
            }
            let literal = text.matches(s).count();
            let as_value = literal == 1 && {
                let at = text.find(s).unwrap_or(0);
                text[..at].strip_suffix('"').is_some_and(|before| {
                    before.trim_end().ends_with(':') && text[at + s.len()..].starts_with('"')
                })
            };
            if literal == 0 || as_value {
                out.push(s.to_owned());
            }
        }
    }
    out
}

/// [`secrets_of`] the config, less what the argument beside it (an image, a registry: shown in
/// errors, and no secret) contains.
fn secrets_beside(config: &str, argument: &str) -> Vec<String> {
    let mut s = secrets_of(config);
    s.retain(|s| !argument.contains(s.as_str()));
    s
}

fn keys(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                out.push(k.clone());
                keys(v, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Targets.

/// `validate`: never fails, positions in the text, no secret in the report; also with a time
/// given (tokens' expiry read: JWT `exp`, ECR `expiration`), as at one of a few instants picked
/// by the input's length (1970, 2026, 2100 and the latest time accepted).
pub fn fuzz_validate(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let report = validate(&text);
    check_report(&text, &report);
    let secrets = secrets_of(&text);
    no_secret("validate report", &json(&report), &secrets);
    no_secret("validate report (Debug)", &format!("{report:?}"), &secrets);
    const NOW: [i64; 4] = [0, 1_767_225_600, 4_102_444_800, 99_999_999_999];
    let dated = validate_with(
        &text,
        &ValidateOptions {
            now: Some(NOW[text.len() % NOW.len()]),
            ..Default::default()
        },
    );
    check_report(&text, &dated);
    no_secret("validate report with now", &json(&dated), &secrets);
    no_secret(
        "validate report with now (Debug)",
        &format!("{dated:?}"),
        &secrets,
    );
}

/// `parse`: a document or a positioned error; `Debug` redacts every secret.
pub fn fuzz_parse(data: &[u8]) {
    let Some(text) = text(data) else { return };
    match parse(&text) {
        Ok(doc) => {
            json(&doc);
            let secrets = secrets_of(&text);
            no_secret("Document (Debug)", &format!("{doc:?}"), &secrets);
        }
        Err(e) => check_error(&[&text], &e, &[]),
    }
}

/// `lookup`: `IMAGE\nCONFIG`, for each client; the result says whether there is a password,
/// never which.
pub fn fuzz_lookup(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let (image, config) = split_key(&text);
    let secrets = secrets_beside(config, image);
    for client in ["kubelet", "containers", "docker"] {
        let o: LookupOptions = opts(&format!("{{\"client\":\"{client}\"}}"));
        match lookup(config, image, &o) {
            Ok(l) => {
                let shown = shown(config);
                let lines = Lines::new(&shown);
                for m in &l.matches {
                    lines.check("lookup match", m.position.line, m.position.column);
                }
                no_secret("lookup result", &json(&l), &secrets);
            }
            Err(e) => {
                // Errors about the image have no position in the config.
                if e.position.is_some() || e.span.is_some() {
                    check_error(&[config], &e, &secrets);
                } else {
                    no_secret("lookup error", &e.message, &secrets);
                }
            }
        }
    }
}

/// `add`: `REGISTRY\nCONFIG`, both styles.
pub fn fuzz_add(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let (registry, config) = split_key(&text);
    let secrets = secrets_beside(config, registry);
    for style in ["preserve", "podman"] {
        let mut o: AddOptions = opts(&format!(
            "{{\"username\":\"u\",\"password\":\"p:w\",\"style\":\"{style}\"}}"
        ));
        o.registry = registry.to_owned();
        match add(config, &o) {
            Ok(out) => {
                // The output is a config again: reading it must not panic either.
                validate(&out);
            }
            Err(e) => check_error(&[config], &e, &secrets),
        }
    }
}

/// `remove`: `REGISTRY\nCONFIG`, with and without aliases.
pub fn fuzz_remove(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let (registry, config) = split_key(&text);
    let secrets = secrets_beside(config, registry);
    for aliases in [false, true] {
        let o: RemoveOptions = opts(&format!("{{\"aliases\":{aliases}}}"));
        match remove(config, registry, &o) {
            Ok(out) => {
                json(&out);
                validate(&out.config);
            }
            Err(e) => check_error(&[config], &e, &secrets),
        }
    }
}

/// A small valid config merged with the input (both orders), or, when the input holds a NUL
/// byte, the two halves around the first one.
const MERGE_BASE: &str =
    "{\"auths\":{\"quay.io\":{\"auth\":\"dTpw\"},\"https://index.docker.io/v1/\":{\"auth\":\"YTpi\"}},\"credHelpers\":{\"gcr.io\":\"gcloud\"}}";

/// `merge`: every conflict policy.
pub fn fuzz_merge(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let pairs: Vec<[&str; 2]> = match text.split_once('\0') {
        Some((a, b)) => vec![[a, b]],
        None => vec![[MERGE_BASE, &text], [&text, MERGE_BASE]],
    };
    for pair in pairs {
        let secrets: Vec<String> = pair.iter().flat_map(|t| secrets_of(t)).collect();
        for policy in ["first", "last", "error"] {
            let o: MergeOptions = opts(&format!("{{\"onConflict\":\"{policy}\"}}"));
            match merge(&pair, &o) {
                Ok(m) => {
                    json(&m);
                    validate(&m.config);
                }
                Err(e) => check_error(&pair, &e, &secrets),
            }
        }
    }
}

/// `convert`: every target format.
pub fn fuzz_convert(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let secrets = secrets_of(&text);
    for to in [
        "auth.json",
        "config.json",
        "dockercfg",
        "rkt",
        "butane",
        "mesos",
    ] {
        let o: ConvertOptions = opts(&format!("{{\"to\":\"{to}\"}}"));
        match convert(&text, &o) {
            Ok(c) => {
                json(&c);
            }
            Err(e) => check_error(&[&text], &e, &secrets),
        }
    }
}

/// `to_secret`: YAML and JSON, with kubectl's hash suffix and the older timestamp line.
pub fn fuzz_to_secret(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let secrets = secrets_of(&text);
    for o in [
        "{\"name\":\"x\"}",
        "{\"name\":\"x\",\"namespace\":\"n\",\"appendHash\":true,\"output\":\"json\"}",
        "{\"name\":\"x\",\"output\":\"yaml\",\"creationTimestamp\":true,\"labels\":{\"a\":\"b\"}}",
    ] {
        let o: SecretOptions = opts(o);
        match to_secret(&text, &o) {
            Ok(s) => {
                // What it prints is a Secret the core reads back.
                validate(&s);
            }
            Err(e) => check_error(&[&text], &e, &secrets),
        }
    }
}

/// `link`: the input is the ServiceAccount (`oc get sa -o yaml|json`).
pub fn fuzz_link(data: &[u8]) {
    let Some(text) = text(data) else { return };
    for o in [
        "{\"secrets\":[\"pull\"],\"for\":\"pull,mount\"}",
        "{\"secrets\":[\"pull\",\"other\"],\"for\":\"pull\",\"output\":\"json\"}",
    ] {
        let o: LinkOptions = opts(o);
        match link(&text, &o) {
            Ok(r) => {
                json(&r);
            }
            Err(e) => check_error(&[&text], &e, &[]),
        }
    }
}

/// `global_pull_secret`: the input is the current pull secret (config, base64 or Secret).
pub fn fuzz_global_pull_secret(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let secrets = secrets_of(&text);
    for o in [
        "{\"registry\":\"r.io\",\"authBasic\":\"u:p\"}",
        "{\"logins\":[{\"registry\":\"quay.io\",\"username\":\"u\",\"password\":\"p\"}],\"variant\":\"hypershift\",\"output\":\"json\"}",
    ] {
        let Ok(o) = read::<GlobalPullSecretOptions>(o) else {
            continue;
        };
        match global_pull_secret(&text, &o) {
            Ok(r) => {
                json(&r);
            }
            Err(e) => check_error(&[&text], &e, &secrets),
        }
    }
}

/// `options::from`: the first byte picks the options type, the rest is the JSON the bindings
/// would hand over; builders that take only options run on what was read.
pub fn fuzz_options(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Some(text) = text(rest) else { return };
    let values = option_values(&text);
    let read_checked = |e: Error| {
        assert!(!e.message.is_empty(), "empty error message");
        no_secret("option error", &e.message, &values);
        e
    };
    let r: Result<(), Error> = match which % 12 {
        0 => read::<CreateOptions>(&text)
            .map_err(read_checked)
            .and_then(|o| create(&o))
            .map(drop),
        1 => read::<SecretOptions>(&text)
            .map_err(read_checked)
            .and_then(|o| to_secret(MERGE_BASE, &o))
            .map(drop),
        2 => read::<LookupOptions>(&text).map_err(read_checked).map(drop),
        3 => read::<ConvertOptions>(&text)
            .map_err(read_checked)
            .and_then(|o| convert(MERGE_BASE, &o))
            .map(drop),
        4 => read::<AddOptions>(&text)
            .map_err(read_checked)
            .and_then(|o| add(MERGE_BASE, &o))
            .map(drop),
        5 => read::<MergeOptions>(&text).map_err(read_checked).map(drop),
        6 => read::<LinkOptions>(&text).map_err(read_checked).map(drop),
        7 => read::<RemoveOptions>(&text).map_err(read_checked).map(drop),
        8 => read::<GrantOptions>(&text)
            .map_err(read_checked)
            .and_then(|o| grant_pull(&o))
            .map(drop),
        9 => read::<WorkloadOptions>(&text)
            .map_err(read_checked)
            .and_then(|o| pod_snippet(&o))
            .map(drop),
        10 => read::<DelegatedAuthOptions>(&text)
            .map_err(read_checked)
            .and_then(|o| delegated_auth(&o))
            .map(drop),
        _ => read::<GlobalPullSecretOptions>(&text)
            .map_err(read_checked)
            .and_then(|o| global_pull_secret("", &o))
            .map(drop),
    };
    if let Err(e) = r {
        assert!(!e.message.is_empty(), "empty error message");
        json(&e.message);
    }
}

/// The string values of an options text (read as JSON) that an error reading it must not
/// repeat: 12 or more characters with a digit, and no part of a key.
fn option_values(text: &str) -> Vec<String> {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    keys(&v, &mut names);
    let mut out = Vec::new();
    strings(&v, &mut out);
    out.retain(|s| {
        s.chars().count() >= 12
            && s.bytes().any(|b| b.is_ascii_digit())
            && !names.iter().any(|k| k.contains(s.as_str()))
    });
    out
}

fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Object(m) => m.values().for_each(|v| strings(v, out)),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// `Manifests::read` and `check_workloads` (`pullsecret check`'s workload check): the input is
/// up to four files separated by NUL bytes, checked as one repository, with the default options
/// and with `--strict` in another default namespace. A file whose first line is a comment
/// (`#base/kustomization.yaml`) is at that path (`Manifests::at`: alternatives in directories
/// apart, kustomize builds and patches). Every position of a report (the workload, its
/// findings, its images, a pull secret's definition) is inside the file it names, and no
/// password of any file is in the reports (JSON or `Debug`).
pub fn fuzz_workloads(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let files: Vec<&str> = text.splitn(4, '\0').collect();
    let manifests: Vec<Manifests> = files
        .iter()
        .map(|t| {
            let m = Manifests::read(t);
            match t.strip_prefix('#').and_then(|t| t.lines().next()) {
                Some(path) => m.at(path),
                None => m,
            }
        })
        .collect();
    let secrets: Vec<String> = files.iter().flat_map(|t| secrets_of(t)).collect();
    let shown: Vec<Cow<'_, str>> = files.iter().map(|t| shown(t)).collect();
    let lines: Vec<Lines<'_>> = shown.iter().map(|t| Lines::new(t)).collect();
    for o in ["{}", "{\"namespace\":\"apps\",\"strict\":true}"] {
        let o: RepositoryOptions = opts(o);
        let reports = check_workloads(&manifests, &o);
        assert_eq!(reports.len(), files.len(), "one list of reports per file");
        let out = json(&reports) + &format!("{reports:?}{manifests:?}");
        no_secret("workload reports", &out, &secrets);
        for (f, rs) in reports.iter().enumerate() {
            let l = &lines[f];
            for r in rs {
                let what = format!("{} {:?}", r.kind, r.name);
                l.check(&what, r.line, r.column);
                for d in &r.diagnostics {
                    l.check(&what, d.line, d.column);
                    l.check(&what, d.end_line, d.end_column);
                    assert!(
                        (d.line, d.column) <= (d.end_line, d.end_column),
                        "{what}: ends before it starts"
                    );
                    l.span(&what, d.span.start, d.span.end);
                    assert!(!d.message.is_empty(), "{what}: empty message");
                }
                for i in &r.images {
                    l.check(&format!("{what} image"), i.line, i.column);
                    assert!(!i.reason.is_empty(), "{what}: an image without a reason");
                }
                for p in &r.pull_secrets {
                    if let (Some(file), Some(line), Some(column)) = (p.file, p.line, p.column) {
                        assert!(file < files.len(), "{what}: a pull secret in no file");
                        lines[file].check(&format!("{what} pull secret"), line, column);
                    }
                }
                let errors = r
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                assert_eq!(r.errors, errors, "{what}: the error count");
            }
        }
    }
}

/// `explain`: the input is the manifests, then a NUL byte and the events text. The answer (or
/// the error) names no password of the manifests; every position is inside the manifests; each
/// event's line is a line of the events text.
pub fn fuzz_explain(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let (manifests, events) = text.split_once('\0').unwrap_or((&text, ""));
    let secrets = secrets_of(manifests);
    let shown_manifests = shown(manifests);
    let lines = Lines::new(&shown_manifests);
    let opts = ExplainOptions {
        namespace: None,
        events: Some(events.into()),
    };
    match explain(manifests, &opts) {
        Ok(e) => {
            let out = json(&e) + &format!("{e:?}");
            no_secret("explanation", &out, &secrets);
            assert!(!e.workloads.is_empty(), "an explanation without a workload");
            for w in &e.workloads {
                lines.check(&w.kind, w.line, w.column);
                for i in &w.images {
                    lines.check(&i.pull.image, i.pull.line, i.pull.column);
                    assert!(
                        !i.answer.is_empty() && !i.fix.is_empty(),
                        "an image without an answer"
                    );
                }
            }
            let event_lines = events.lines().count();
            for ev in &e.events {
                let line = match ev {
                    PullEvent::Failed { line, .. }
                    | PullEvent::Pulled { line, .. }
                    | PullEvent::MissingSecrets { line, .. } => *line,
                };
                assert!(
                    line >= 1 && line <= event_lines,
                    "event line {line} of {event_lines}"
                );
            }
        }
        Err(e) => check_error(&[manifests], &e, &secrets),
    }
}

/// `fix`: the repairs of any text. What it says it did names no password and points into the
/// text; it changes the text exactly when it names a repair; the repaired text has nothing more
/// to repair and no more errors than the text given.
pub fn fuzz_fix(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let secrets = secrets_of(&text);
    let lines = Lines::new(&text);
    let fixed = fix(&text, &FixOptions::default()).expect("fix takes any text");
    let out = json(&fixed.fixes) + &format!("{fixed:?}");
    no_secret("fixes", &out, &secrets);
    for f in &fixed.fixes {
        lines.check(f.code.as_str(), f.line, f.column);
    }
    assert_eq!(fixed.changed, fixed.text != text, "changed");
    assert_eq!(
        fixed.changed,
        !fixed.fixes.is_empty(),
        "a change without a repair, or one without a change"
    );
    if fixed.changed {
        let again = fix(&fixed.text, &FixOptions::default()).expect("fix takes any text");
        assert!(
            again.fixes.is_empty(),
            "more to repair after fix: {:?}",
            again.fixes
        );
        // A repair that makes unreadable text readable reveals findings the text hid: a `data`
        // value that was not base64, or byte-order marks (after the first, the next one is an
        // invalid character to every reader). Those findings are new, not made by the repair.
        let revealed = fixed
            .fixes
            .iter()
            .any(|f| matches!(f.code, Code::SecretDataNotBase64 | Code::Bom));
        let (before, after) = (validate(&text), validate(&fixed.text));
        assert!(
            revealed || after.errors <= before.errors,
            "fix added errors: {} then {}",
            before.errors,
            after.errors
        );
    }
}

/// `verify`'s plan and flow against a scripted registry: `IMAGE\nCONFIG` (an empty first line:
/// no image), then after a NUL the answers, separated by NULs, each `STATUS\nHeader: value\n…\n\nBODY`
/// (an answer that does not start with a status is a failed connection). The flow must end
/// within its request budget, never send a credential along a redirect to another origin, and
/// show no secret in its report or `Debug`.
pub fn fuzz_verify(data: &[u8]) {
    use pullsecret::verify::{plan, Response, Unreachable, UnreachableKind};
    let Some(all) = text(data) else { return };
    let (input, script) = all.split_once('\0').unwrap_or((&all, ""));
    let (image, config) = split_key(input);
    let secrets = secrets_beside(config, image);
    let opts = VerifyOptions {
        images: if image.is_empty() {
            vec![]
        } else {
            vec![image.to_string()]
        },
        insecure: image.len() % 2 == 1,
        ..Default::default()
    };
    let Ok(jobs) = plan(config, &opts) else {
        return;
    };
    let mut answers = script.split('\0');
    let mut results = Vec::new();
    for job in &jobs {
        let mut last: Option<(String, Option<String>)> = None;
        results.push(job.run(opts.insecure, |req| {
            // After a redirect to another origin, nothing secret goes along.
            if let Some((from, Some(to))) = &last {
                if origin(to) != origin(from) && req.url == *to {
                    assert!(
                        req.authorization.is_none() && req.form.is_none(),
                        "credentials sent along a redirect from {from} to {to}"
                    );
                }
            }
            let answer = answers.next().unwrap_or("");
            let (head, body) = answer.split_once("\n\n").unwrap_or((answer, ""));
            let mut lines = head.split('\n');
            let Some(status) = lines.next().and_then(|l| l.trim().parse::<u16>().ok()) else {
                last = None;
                return Err(Unreachable {
                    kind: UnreachableKind::Connect,
                    detail: "scripted".into(),
                });
            };
            let mut r = Response {
                status,
                body: body.as_bytes().to_vec(),
                ..Default::default()
            };
            for l in lines {
                match l.split_once(':') {
                    Some((k, v)) if k.eq_ignore_ascii_case("www-authenticate") => {
                        r.www_authenticate.push(v.trim().into())
                    }
                    Some((k, v)) if k.eq_ignore_ascii_case("location") => {
                        r.location = Some(v.trim().into())
                    }
                    _ => {}
                }
            }
            last = Some((req.url.clone(), r.location.clone()));
            Ok(r)
        }));
    }
    for v in results.iter().flatten() {
        assert!(
            v.requests.len() <= 4,
            "more than 3 requests (and the HTTP fallback)"
        );
    }
    let report = VerifyReport::new(opts.client, results);
    let out = json(&report) + &format!("{report:?}{jobs:?}");
    no_secret("verify", &out, &secrets);
}

/// `scheme://authority` of a URL (what the fuzz invariant compares).
fn origin(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    &url[..url.len() - rest.len() + end]
}
