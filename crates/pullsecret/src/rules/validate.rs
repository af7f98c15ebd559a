//! `validate`: every finding about a credential file, and what each client will do with it.
//!
//! The checks encode the reading rules of the three client families (see
//! `auth-semantics.md`): kubelet (`pkg/credentialprovider`), containers/image (podman, CRI-O,
//! skopeo, buildah, oc) and the Docker CLI. For each entry the report says whether each client
//! uses it, ignores it (and why), or fails because of it.

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::go::base64::{self as b64, AuthDecoding};
use crate::model::config::{Config, Entry, Format, Refused};
use crate::model::input::{syntax_diagnostic, Input, ObjectMeta, Source};
use crate::rules::expiry::Clock;
use crate::rules::verdict::*;
use crate::syntax::json::{self, Span};
use crate::syntax::lines::{LineIndex, Position};
use serde::Serialize;

/// The summary of one entry. Never holds a password or token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct EntrySummary {
    pub registry: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    pub has_password: bool,
    pub has_auth: bool,
    #[serde(skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub has_identity_token: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub pointer: String,
    /// Where the key is in the user's text (1-based; column in characters).
    pub line: usize,
    pub column: usize,
    /// What each client does with the entry.
    #[serde(rename = "clients")]
    pub verdicts: Clients<Verdict>,
    /// Span of the key in the user's text.
    #[serde(skip)]
    pub span: Span,
    /// Span of the key in the decoded config, for Secret and base64 input.
    #[serde(skip)]
    pub inner: Option<Span>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Whether a client can read the file at all (serialized as `ok`, `fails`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FileStatus {
    #[default]
    Ok,
    Fails,
}

/// What one client makes of the whole file: the worst any entry causes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct ClientSummary {
    pub status: FileStatus,
    /// Why it fails, as a key into the report's `reasons`.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::rules::verdict::reason_opt"
    )]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub reason: Option<&'static str>,
    /// Entries whose credentials the client sends (0 when it fails).
    pub used_entries: usize,
}

/// What `validate` found in one object of the input: a pull Secret of a stream or a List, or the
/// config file the input is. Every position is in the user's whole text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ObjectReport {
    /// 0-based index of the YAML document (or the value of a JSON stream) the object is in (0
    /// for one JSON value and plain files).
    pub index: usize,
    /// 0-based index of the object in the `items` of a `List`/`*List`, or in a JSON array.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub item: Option<usize>,
    /// The object's `kind` (`Secret`); absent for a config file.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub namespace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<String>,
    /// Where the object starts (1-based; column in characters).
    pub line: usize,
    pub column: usize,
    /// How the config is written (`null` when no config could be read).
    pub format: Option<Format>,
    pub source: Source,
    /// No error in this object.
    pub valid: bool,
    pub errors: usize,
    pub warnings: usize,
    /// What each client makes of this object as a whole.
    pub clients: Clients<ClientSummary>,
    /// One row per registry entry, with what each client does with it.
    pub entries: Vec<EntrySummary>,
    /// The findings about this object, in text order.
    pub diagnostics: Vec<Diagnostic>,
}

/// The current version of [`Report`]'s shape (`schemaVersion`).
pub const SCHEMA_VERSION: u32 = 1;

/// The result of [`validate`](crate::rules::validate): one section per object of the input and
/// a summary over all of them; every position is in the user's text.
///
/// `{schemaVersion, valid, errors, warnings, clients, diagnostics, objects}`. A config file,
/// its base64 or a single Secret is a report with one object. A YAML stream, a `List`/`*List`
/// (JSON or YAML) and a JSON array of objects give one object per pull Secret (type
/// `kubernetes.io/dockerconfigjson`/`dockercfg`, or any Secret holding one of their keys) and
/// per config; other objects are skipped without a finding. `diagnostics` at the top holds what
/// belongs to no object: a YAML syntax error (the stream is not read at all), a byte-order mark
/// before a stream, or that no object of the input is a pull secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Report {
    /// The version of this shape: 1.
    #[cfg_attr(feature = "ts", ts(type = "1"))]
    pub schema_version: u32,
    /// No error anywhere: at the top nor in any object.
    pub valid: bool,
    /// Errors and warnings over the whole input (top and every object).
    pub errors: usize,
    pub warnings: usize,
    /// Per client, the worst over the objects: `fails` when it fails on any of them (with that
    /// object's reason); `usedEntries` adds up the entries it sends credentials from.
    pub clients: Clients<ClientSummary>,
    /// Findings about the input that belong to no object.
    pub diagnostics: Vec<Diagnostic>,
    /// Every object checked, in the order of the text.
    pub objects: Vec<ObjectReport>,
    /// The text of every verdict reason used in the report, once, by key: a verdict's or a
    /// client summary's `reason` is a key (`r` and 8 hex digits, stable for a given text).
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string>"))]
    pub reasons: Reasons,
}

/// Each reason of a report once, serialized as `{key: text}` in key order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reasons(Vec<(ReasonKey, &'static str)>);

impl Reasons {
    /// Collects the reasons of every verdict and client summary of `objects` (and `top`).
    fn collect(objects: &[ObjectReport], top: &Clients<ClientSummary>) -> Reasons {
        let mut texts: Vec<&'static str> = Vec::new();
        let mut add = |r: Option<&'static str>| {
            // Few distinct texts: compare by address first, then by text.
            if let Some(t) = r {
                if !texts.iter().any(|x| std::ptr::eq(*x, t) || *x == t) {
                    texts.push(t);
                }
            }
        };
        for c in Client::ALL {
            add(top.get(c).reason);
        }
        for o in objects {
            for c in Client::ALL {
                add(o.clients.get(c).reason);
            }
            for e in &o.entries {
                for c in Client::ALL {
                    add(e.verdicts.get(c).reason);
                }
            }
        }
        let mut v: Vec<_> = texts.into_iter().map(|t| (reason_key(t), t)).collect();
        v.sort();
        Reasons(v)
    }

    /// The text of a reason key.
    pub fn get(&self, key: &str) -> Option<&'static str> {
        self.0
            .iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, t)| *t)
    }
}

/// A fixed text serialized as [`fixed_text`](crate::diagnostics::fixed_text) does.
struct FixedText(&'static str);

impl Serialize for FixedText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::diagnostics::fixed_text(&self.0, s)
    }
}

impl Serialize for Reasons {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, t) in &self.0 {
            m.serialize_entry(k, &FixedText(t))?;
        }
        m.end()
    }
}

impl Report {
    pub fn error_count(&self) -> usize {
        self.errors
    }

    pub fn warning_count(&self) -> usize {
        self.warnings
    }

    pub fn is_valid(&self) -> bool {
        self.valid
    }

    /// Every finding: the input's, then each object's, in text order.
    pub fn all_diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .chain(self.objects.iter().flat_map(|o| o.diagnostics.iter()))
    }

    /// The first error, as an [`Error`](crate::diagnostics::Error).
    pub fn first_error(&self) -> Option<crate::diagnostics::Error> {
        let d = self
            .all_diagnostics()
            .find(|d| d.severity == Severity::Error)?;
        Some(crate::diagnostics::Error::from_diagnostic(
            d,
            Some(Position {
                line: d.line,
                column: d.column,
            }),
            None,
        ))
    }
}

impl ObjectReport {
    /// Whether any entry has a credential field (`auth`, `username`, `password`, `email`,
    /// `identitytoken`, `registrytoken`), even one of the wrong JSON type. A JSON file of
    /// objects reads as a legacy `.dockercfg` (registries at the top level); without one such
    /// field anywhere, it is more likely some other JSON (a dashboard, a tool's settings).
    pub fn has_credential_fields(&self) -> bool {
        let credential_field = |pointer: &str| {
            pointer.rsplit('/').next().is_some_and(|f| {
                crate::model::config::ENTRY_FIELDS
                    .iter()
                    .any(|c| f.eq_ignore_ascii_case(c))
            })
        };
        self.entries.iter().any(|e| {
            e.username.is_some()
                || e.has_password
                || e.has_auth
                || e.has_identity_token
                || e.email.is_some()
        }) || self
            .diagnostics
            .iter()
            .any(|d| d.code == Code::WrongType && credential_field(&d.pointer))
    }
}

fn count(diags: &[Diagnostic], s: Severity) -> usize {
    diags.iter().filter(|d| d.severity == s).count()
}

/// Fills in the counts, the client summary and every position (in the user's text, indexed by
/// `ix`, and in the decoded `config_text` for Secret and base64 input).
fn finish(
    report: &mut ObjectReport,
    ix: &LineIndex<'_>,
    base: usize,
    config_text: Option<&str>,
    file_verdicts: [Option<Verdict>; 3],
    summary_fails: [Option<Verdict>; 3],
) {
    report.errors = count(&report.diagnostics, Severity::Error);
    report.warnings = count(&report.diagnostics, Severity::Warning);
    report.valid = report.errors == 0;
    for (i, summary) in report.clients.iter_mut().enumerate() {
        let client = Client::ALL[i];
        let verdicts = || report.entries.iter().map(|e| *e.verdicts.get(client));
        let fail = file_verdicts[i]
            .or_else(|| verdicts().find(|v| v.status == Status::FailsAll))
            .or_else(|| {
                // Every pull this file serves fails: no entry is sent (or tried anonymously)
                // and at least one makes its registry's pulls fail.
                let served =
                    verdicts().any(|v| matches!(v.status, Status::Used | Status::Anonymous));
                let failing = verdicts().find(|v| v.status == Status::FailsRegistry);
                failing.filter(|_| !served)
            })
            .or(summary_fails[i]);
        let used = report
            .entries
            .iter()
            .filter(|e| e.verdicts.get(client).status == Status::Used)
            .count();
        *summary = match fail {
            Some(f) => ClientSummary {
                status: FileStatus::Fails,
                reason: f.reason,
                used_entries: 0,
            },
            None => ClientSummary {
                status: FileStatus::Ok,
                reason: None,
                used_entries: used,
            },
        };
    }
    for e in &mut report.entries {
        let p = ix.position(base + e.span.start);
        (e.line, e.column) = (p.line, p.column);
    }
    let inner_ix = config_text.map(LineIndex::new);
    place(&mut report.diagnostics, ix, base, inner_ix.as_ref());
}

/// Every position of `diags` in the user's text (and in the config inside, with `inner_ix`).
fn place(
    diags: &mut [Diagnostic],
    ix: &LineIndex<'_>,
    base: usize,
    inner_ix: Option<&LineIndex<'_>>,
) {
    // The BOM finding is about the BOM itself.
    let offset = |d: &Diagnostic, at: usize| {
        if d.code == Code::Bom && d.span == Span::new(0, 0) {
            0
        } else {
            base + at
        }
    };
    for d in diags {
        let s = ix.position(offset(d, d.span.start));
        let e = ix.position(offset(d, d.span.end));
        (d.line, d.column, d.end_line, d.end_column) = (s.line, s.column, e.line, e.column);
        if let (Some(inner), Some(ii)) = (d.inner, inner_ix) {
            d.inner_position = Some(ii.position(inner.start));
        }
        for l in &mut d.labels {
            let s = ix.position(base + l.span.start);
            let e = ix.position(base + l.span.end);
            (l.line, l.column, l.end_line, l.end_column) = (s.line, s.column, e.line, e.column);
            if let (Some(inner), Some(ii)) = (l.inner, inner_ix) {
                l.inner_position = Some(ii.position(inner.start));
            }
        }
    }
}

/// Options of `validate(input, options)` (in Rust, `validate_with`): `{now?, expiryWindow?}`.
/// Without `now` no token's expiry is checked: the core never reads a clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct ValidateOptions {
    /// The time to check tokens' expiry against, in seconds since the Unix epoch (UTC), as JWT
    /// `exp` counts: `Date.now() / 1000` (a fraction is dropped; milliseconds are refused).
    /// Given, passwords and identity tokens that are JWTs or Amazon ECR tokens are read for
    /// their expiry (`token-expired`, `token-expiring`) and short-lived Google access tokens
    /// noted (`token-short-lived`). Absent: no expiry check.
    #[serde(deserialize_with = "crate::model::options::unix_seconds")]
    #[cfg_attr(feature = "ts", ts(type = "number", optional))]
    pub now: Option<i64>,
    /// How far ahead of `now` a token counts as expiring, in seconds (default 604800: 7 days).
    #[serde(deserialize_with = "crate::model::options::duration_seconds")]
    #[cfg_attr(feature = "ts", ts(type = "number", optional))]
    pub expiry_window: i64,
}

/// The default `expiryWindow`: 7 days, in seconds.
pub const DEFAULT_EXPIRY_WINDOW: i64 = 7 * 86_400;

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions {
            now: None,
            expiry_window: DEFAULT_EXPIRY_WINDOW,
        }
    }
}

/// Runs every check on every object of the input. Never fails: problems are diagnostics.
/// Reads no clock, so no token's expiry is checked: [`validate_with`] takes the time.
pub fn validate(text: &str) -> Report {
    validate_with(text, &ValidateOptions::default())
}

/// [`validate`], with the time to check tokens' expiry against (`now`) and how far ahead a
/// token counts as expiring (`expiryWindow`).
pub fn validate_with(text: &str, options: &ValidateOptions) -> Report {
    if let Some(decoded) = crate::model::manifest::utf16_manifest(text) {
        return validate_stream(&decoded, read_utf16(text, &decoded), options);
    }
    validate_stream(text, Input::read_all(text), options)
}

/// The objects of a UTF-16 manifest's `decoded` text, with the finding that says so.
pub(crate) fn read_utf16<'t>(text: &str, decoded: &'t str) -> crate::model::input::Stream<'t> {
    let mut stream = Input::read_all(decoded);
    stream
        .diagnostics
        .insert(0, crate::model::input::utf16_read_as_decoded(text));
    stream
}

/// [`validate_with`] of a text already read as a stream.
pub(crate) fn validate_stream(
    text: &str,
    stream: crate::model::input::Stream<'_>,
    options: &ValidateOptions,
) -> Report {
    let clock = options.now.map(|now| Clock {
        now,
        window: options.expiry_window,
    });
    let base = stream.base;
    // One index of the whole text for every object: positions stay linear in the input.
    let ix = LineIndex::new(text);
    // The text after a BOM (the same text, and index, without one).
    let after_bom = (base > 0).then(|| LineIndex::new(&text[base..]));
    let body_ix = after_bom.as_ref().unwrap_or(&ix);
    let objects: Vec<ObjectReport> = stream
        .objects
        .into_iter()
        .map(|(meta, input)| validate_object(input, meta, &ix, body_ix, clock))
        .collect();
    let mut diagnostics = stream.diagnostics;
    sort(&mut diagnostics);
    place(&mut diagnostics, &ix, base, None);
    let errors =
        count(&diagnostics, Severity::Error) + objects.iter().map(|o| o.errors).sum::<usize>();
    let warnings =
        count(&diagnostics, Severity::Warning) + objects.iter().map(|o| o.warnings).sum::<usize>();
    // An error that belongs to no object and leaves nothing readable: no client reads anything.
    let unreadable = diagnostics
        .iter()
        .filter(|_| objects.is_empty())
        .filter(|d| d.severity == Severity::Error)
        .find_map(|d| input_verdict(d.code));
    let mut clients = Clients::<ClientSummary>::default();
    for (i, summary) in clients.iter_mut().enumerate() {
        let client = Client::ALL[i];
        let per = objects.iter().map(|o| o.clients.get(client));
        *summary = match (
            unreadable,
            per.clone().find(|c| c.status == FileStatus::Fails),
        ) {
            (Some(v), _) => ClientSummary {
                status: FileStatus::Fails,
                reason: v.reason,
                used_entries: 0,
            },
            (None, Some(f)) => *f,
            (None, None) => ClientSummary {
                status: FileStatus::Ok,
                reason: None,
                used_entries: per.map(|c| c.used_entries).sum(),
            },
        };
    }
    Report {
        schema_version: SCHEMA_VERSION,
        valid: errors == 0,
        errors,
        warnings,
        reasons: Reasons::collect(&objects, &clients),
        clients,
        diagnostics,
        objects,
    }
}

/// Every check of one object.
fn validate_object(
    mut input: Input<'_>,
    meta: ObjectMeta,
    ix: &LineIndex<'_>,
    body_ix: &LineIndex<'_>,
    clock: Option<Clock>,
) -> ObjectReport {
    let mut file_verdicts = file_verdicts(&input);
    let at = ix.position(input.base + meta.start);
    let mut report = ObjectReport {
        index: meta.document,
        item: meta.item,
        kind: meta.kind,
        namespace: meta.namespace,
        name: meta.name,
        line: at.line,
        column: at.column,
        source: input.source.clone(),
        format: None,
        valid: true,
        errors: 0,
        warnings: 0,
        clients: Clients::default(),
        entries: Vec::new(),
        diagnostics: std::mem::take(&mut input.diagnostics),
    };
    let Some(config_text) = input.config.take() else {
        sort(&mut report.diagnostics);
        finish(&mut report, ix, input.base, None, file_verdicts, [None; 3]);
        return report;
    };
    let mut inner_diags = Vec::new();
    let parsed = match input.parsed.take() {
        Some(n) => Some(n),
        None if config_text.trim().is_empty() => {
            inner_diags.push(
                Diagnostic::new(
                    Code::EmptyInput,
                    "the config inside is empty",
                    "",
                    Span::new(0, 0),
                )
                .with_help("Put the config file's content inside."),
            );
            or_unreadable(&mut file_verdicts, true);
            None
        }
        None => match json::parse(&config_text) {
            Ok(n) => Some(n),
            Err(e) => {
                inner_diags.push(syntax_diagnostic(e, Span::new(e.offset, e.offset)));
                or_unreadable(&mut file_verdicts, false);
                None
            }
        },
    };
    let mut summary_fails = [None; 3];
    if let Some(root) = &parsed {
        if let Some(cfg) = Config::read(root, &mut inner_diags) {
            report.format = Some(cfg.format);
            for (f, r) in file_verdicts.iter_mut().zip(refused(cfg.refused)) {
                *f = f.or(r);
            }
            summary_fails = check_config(
                &cfg,
                &input.source,
                clock,
                &mut inner_diags,
                &mut report.entries,
            );
        } else {
            // An array, a string, a number: Go's json.Unmarshal rejects the whole file.
            for f in &mut file_verdicts {
                *f = f.or(Some(NOT_AN_OBJECT));
            }
        }
    }
    for e in &mut report.entries {
        for (v, f) in e.verdicts.iter_mut().zip(file_verdicts) {
            *v = f.unwrap_or(*v);
        }
    }
    // Map config spans to the user's text.
    let config_ix = if input.is_identity() {
        None
    } else {
        Some(LineIndex::new(&config_text))
    };
    for d in &mut inner_diags {
        input.place(d, config_ix.as_ref(), body_ix);
    }
    if !input.is_identity() {
        for e in &mut report.entries {
            (e.span, e.inner) = input.place_span(e.span, config_ix.as_ref(), body_ix);
        }
    }
    report.diagnostics.append(&mut inner_diags);
    sort(&mut report.diagnostics);
    drop(parsed);
    let inner_text = (!input.is_identity()).then_some(&*config_text);
    finish(
        &mut report,
        ix,
        input.base,
        inner_text,
        file_verdicts,
        summary_fails,
    );
    report
}

/// In the order of the text (stable). `sort_by_cached_key` sorts small `(key, index)` pairs
/// and then moves each diagnostic (a large struct) once, instead of many times.
fn sort(d: &mut [Diagnostic]) {
    d.sort_by_cached_key(|d| (d.span.start, d.inner.map_or(0, |s| s.start)));
}

fn check_config(
    cfg: &Config<'_>,
    source: &Source,
    clock: Option<Clock>,
    diags: &mut Vec<Diagnostic>,
    out: &mut Vec<EntrySummary>,
) -> [Option<Verdict>; 3] {
    let in_secret = matches!(source, Source::Secret { .. });
    let secret_key = match source {
        Source::Secret { secret: s } => Some(s.key.as_str()),
        _ => None,
    };
    if cfg.format == Format::DockerCfg {
        let (sev, msg, help) = match secret_key {
            Some(".dockerconfigjson") => (
                Severity::Error,
                "this is legacy `.dockercfg` content (no `auths`) under `.dockerconfigjson`: kubelet finds no credentials in it, silently; wrap it in {\"auths\": ...}",
                "Wrap the entries in `{\"auths\": …}`, or make the Secret `kubernetes.io/dockercfg` with the key `.dockercfg`.",
            ),
            Some(_) => (
                Severity::Info,
                "legacy `.dockercfg` format, as the `kubernetes.io/dockercfg` type expects",
                "Nothing to fix for a `kubernetes.io/dockercfg` Secret; for a new Secret prefer `kubernetes.io/dockerconfigjson` with the entries wrapped in `{\"auths\": …}`.",
            ),
            None => (
                Severity::Info,
                "legacy `.dockercfg` format: podman reads it only as ~/.dockercfg (not with --authfile), docker no longer reads it",
                Code::LegacyFormat.help(),
            ),
        };
        diags.push(
            Diagnostic::new(Code::LegacyFormat, msg, "", Span::new(0, 0))
                .with_severity(sev)
                .with_help(help),
        );
    } else if secret_key == Some(".dockercfg") {
        diags.push(
            Diagnostic::new(
                Code::SecretTypeMismatch,
                "`.dockercfg` holds `{\"auths\": ...}` content: kubelet reads `auths` as a registry name and finds no credentials",
                "",
                Span::new(0, 0),
            )
            .with_severity(Severity::Error)
            .with_help("Put this config under `.dockerconfigjson` with type `kubernetes.io/dockerconfigjson`, or unwrap the entries out of `auths`."),
        );
    }
    if cfg.entries.is_empty() {
        let mut msg = String::from("the file holds no registry credentials");
        let mut help = Code::EmptyAuths.help();
        if cfg.creds_store.is_some() || !cfg.cred_helpers.is_empty() {
            msg.push_str(": credentials live in a credential helper (`credsStore`/`credHelpers`), which Kubernetes cannot use");
            help = HELPER_HELP;
        }
        let sev = if in_secret {
            Severity::Error
        } else {
            Severity::Warning
        };
        diags.push(
            Diagnostic::new(Code::EmptyAuths, msg, "", Span::new(0, 0))
                .with_severity(sev)
                .with_help(help),
        );
    }
    if cfg.creds_store.is_some() || !cfg.cred_helpers.is_empty() {
        let (ptr, span, msg) = match cfg.creds_store {
            Some(_) => {
                let mut m = String::from("`credsStore` is set: docker asks that credential store for every registry (the file's entries are used only when it cannot be run); kubelet and containers/image (podman, CRI-O, skopeo) do not read `credsStore` and use only the credentials under `auths`");
                if !cfg.cred_helpers.is_empty() {
                    m.push_str("; `credHelpers` sends its registries to their helpers in docker and podman, never in kubelet");
                }
                ("/credsStore", cfg.creds_store_span, m)
            }
            None => (
                "/credHelpers",
                cfg.cred_helpers_span,
                String::from("`credHelpers` is set: docker and podman ask the named helper for those registries; kubelet ignores credential helpers, so a Secret made from this file carries only the credentials under `auths`"),
            ),
        };
        let sev = if in_secret {
            Severity::Warning
        } else {
            Severity::Info
        };
        diags.push(
            Diagnostic::new(Code::CredHelpers, msg, ptr, span.unwrap_or(Span::new(0, 0)))
                .with_severity(sev),
        );
    }
    let kubelet_blind = kubelet_blind(cfg, source);
    out.reserve(cfg.entries.len());
    let live: Vec<&Entry<'_>> = cfg.entries.iter().filter(|e| !e.shadowed).collect();
    // Docker Desktop's file: every entry a placeholder of the credential helper. kubelet and
    // containers/image get no credential at all from it.
    let only_placeholders = (cfg.creds_store.is_some() || !cfg.cred_helpers.is_empty())
        && !live.is_empty()
        && live.iter().all(|e| is_placeholder(e));
    // kubelet's reading of each key, once: the key checks and the Docker Hub fallback use it.
    let kubelet_keys: Vec<Option<std::borrow::Cow<str>>> = live
        .iter()
        .map(|e| crate::model::keys::kubelet_key(e.key))
        .collect();
    for (e, k) in live.iter().zip(&kubelet_keys) {
        out.push(check_entry(
            e,
            k.as_deref(),
            cfg,
            in_secret || only_placeholders,
            kubelet_blind,
            clock,
            diags,
        ));
    }
    if cfg.format == Format::DockerConfigJson {
        crate::rules::keycheck::check_same_registry(&live, diags);
    }
    // kubelet's Docker Hub fallback (`index.docker.io`) is consulted only when no key matched:
    // a `docker.io` entry always matches first.
    if kubelet_keys
        .iter()
        .any(|k| k.as_deref() == Some("docker.io"))
    {
        let first = out.len() - live.len();
        for (summary, k) in out[first..].iter_mut().zip(&kubelet_keys) {
            let kubelet = &mut summary.verdicts.kubelet;
            if k.as_deref() == Some("index.docker.io")
                && matches!(kubelet.status, Status::Used | Status::Anonymous)
            {
                *kubelet = v(
                    Status::Ignored,
                    "a `docker.io` entry matches Docker Hub images first: kubelet never falls back to this spelling",
                );
            }
        }
    }
    if only_placeholders {
        [
            Some(v(Status::FailsAll, "no entry carries credentials: they are placeholders of a credential helper, which kubelet does not use")),
            Some(v(Status::FailsAll, "no entry carries credentials: they are placeholders of docker's credential store, which containers/image does not read")),
            None,
        ]
    } else {
        [None; 3]
    }
}

/// An entry with no credential of any kind (docker writes `{}` when a store holds them).
fn is_placeholder(e: &Entry<'_>) -> bool {
    !e.invalid
        && [e.auth, e.username, e.password, e.identity_token]
            .iter()
            .all(|f| nonempty(*f).is_none())
}

/// The fix when the credentials live in a credential helper.
const HELPER_HELP: &str = "Export the credentials from the helper (`docker login` writes them only to the store) and write them as `auth` under `auths`.";

/// Why kubelet finds no credentials in this Secret at all, if it does not.
pub(crate) fn kubelet_blind(cfg: &Config<'_>, source: &Source) -> Option<&'static str> {
    let Source::Secret { secret: s } = source else {
        return None;
    };
    if !s.kubelet_reads {
        Some("kubelet does not read this Secret as a pull secret (its `type` and data key are not a pull-secret pair)")
    } else if (cfg.format == Format::DockerCfg) != (s.key == ".dockercfg") {
        Some("the Secret's data key and content format do not match: kubelet finds no credentials")
    } else {
        None
    }
}

fn nonempty<'c>(
    f: Option<crate::model::config::Field<'c>>,
) -> Option<crate::model::config::Field<'c>> {
    f.filter(|f| !f.value.is_empty())
}

fn check_entry(
    e: &Entry<'_>,
    kubelet_key: Option<&str>,
    cfg: &Config<'_>,
    in_secret: bool,
    kubelet_blind: Option<&'static str>,
    clock: Option<Clock>,
    diags: &mut Vec<Diagnostic>,
) -> EntrySummary {
    let auth = nonempty(e.auth);
    let user_field = nonempty(e.username);
    let pass_field = nonempty(e.password);
    let token = nonempty(e.identity_token);
    let mut username = user_field.map(|f| String::from(f.value));
    let mut has_password = pass_field.is_some();
    let mut verdicts = [USED; 3];
    let [kubelet, containers, docker] = &mut verdicts;

    if e.refused == Refused::ALL {
        // `auth` (or the entry) of the wrong type: every client's json.Unmarshal fails for
        // the whole file (reported as wrong-type). A field only some clients read is refused
        // by those through the file-level verdicts.
        let [k, c, d] = WRONG_TYPE;
        (*kubelet, *containers, *docker) = (k, c, d);
    } else if let Some(a) = auth {
        let before = diags.len();
        if let Some((u, p)) = check_auth(e, a, &mut verdicts, diags) {
            username = Some(u);
            has_password = p;
        }
        if in_secret {
            // In a Secret, kubelet is the reader: its failure is the Secret's.
            for d in &mut diags[before..] {
                if d.code == Code::AcrTokenLogin {
                    d.severity = Severity::Error;
                }
            }
        }
    } else if user_field.is_some() || pass_field.is_some() {
        diags.push(Diagnostic::new(
            Code::MissingAuth,
            "the entry has `username`/`password` but no `auth`: kubelet and docker use it, podman, CRI-O and skopeo ignore it; add `auth`",
            e.pointer.clone(),
            e.key_span,
        ));
        *containers = v(
            Status::Ignored,
            "no `auth`: containers/image does not read `username`/`password`",
        );
    } else {
        check_no_credentials(e, cfg, in_secret, token.is_some(), &mut verdicts, diags);
    }
    check_fields(e, auth.is_some(), diags);
    if e.refused != Refused::ALL {
        crate::rules::keycheck::check_key(e, kubelet_key, &mut verdicts, diags);
    }
    let [kubelet, containers, docker] = &mut verdicts;
    // Format-level blindness overrides entry-level verdicts.
    if let Some(why) = kubelet_blind {
        *kubelet = v(Status::Ignored, why);
    }
    if containers.status != Status::FailsAll && has_helper(cfg, e.key) {
        *containers = v(
            Status::Ignored,
            "`credHelpers` names a helper for this registry: podman asks it instead (a missing or failing helper fails the pull)",
        );
    }
    // docker/cli's `nativeStore.Get` asks the helper first and falls back to the file's entry
    // only when the helper cannot be run or fails; a helper that has no credentials for the
    // registry blanks them (seen with the real Docker CLI and a store answering "not found").
    if docker.status == Status::Used
        && (cfg.creds_store.is_some_and(|s| !s.is_empty()) || has_helper(cfg, e.key))
    {
        *docker = v(
            Status::Used,
            "docker asks its credential helper first: this entry is sent only if the helper cannot be run or fails (a helper without this registry sends none)",
        );
    }
    if cfg.format == Format::DockerCfg && !in_secret {
        *containers = v(
            Status::Ignored,
            "legacy format: containers/image reads it only as ~/.dockercfg",
        );
        *docker = v(
            Status::Ignored,
            "legacy format: docker no longer reads .dockercfg",
        );
    }
    // Last: an expired token fails only where the entry's credentials are still sent.
    if let Some(clock) = clock.filter(|_| e.refused != Refused::ALL) {
        crate::rules::expiry::check(e, clock, &mut verdicts, diags);
    }
    EntrySummary {
        registry: e.key.into(),
        username,
        has_password,
        has_auth: auth.is_some(),
        has_identity_token: token.is_some(),
        email: nonempty(e.email).map(|f| f.value.into()),
        pointer: e.pointer.clone(),
        line: 0,
        column: 0,
        span: e.key_span,
        inner: None,
        verdicts: verdicts.into(),
    }
}

/// The checks of an `auth` value: its base64, its `:`, and what it says against the
/// `username`/`password` fields. Lowers `verdicts`; returns the decoded username and whether a
/// password follows, when `auth` decodes to a pair.
fn check_auth(
    e: &Entry<'_>,
    a: crate::model::config::Field<'_>,
    verdicts: &mut [Verdict; 3],
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, bool)> {
    let ptr = |field: &str| format!("{}/{field}", e.pointer);
    let [kubelet, containers, docker] = verdicts;
    let decoding = b64::classify_auth(a.value);
    let bytes = match &decoding {
        AuthDecoding::Std(b) => Some(b),
        AuthDecoding::Unpadded(b) => {
            diags.push(Diagnostic::new(
                Code::AuthUnpadded,
                "`auth` is base64 without `=` padding: kubelet accepts it, but podman, CRI-O, skopeo and docker fail; re-encode with padding",
                ptr("auth"),
                a.span,
            ));
            *containers = v(
                Status::FailsRegistry,
                "`auth` is not padded base64: pulls from this registry fail",
            );
            *docker = v(
                Status::FailsAll,
                "`auth` is not padded base64: docker cannot load the config",
            );
            Some(b)
        }
        AuthDecoding::UrlSafe(_) => {
            diags.push(Diagnostic::new(
                Code::AuthUrlSafe,
                "`auth` uses the URL-safe base64 alphabet (`-` or `_`); every client needs the standard alphabet (`+`, `/`)",
                ptr("auth"),
                a.span,
            ));
            None
        }
        AuthDecoding::Invalid => {
            diags.push(Diagnostic::new(
                Code::AuthNotBase64,
                "`auth` is not valid base64: kubelet fails every pull that uses this secret, docker cannot load the file, podman fails pulls from this registry",
                ptr("auth"),
                a.span,
            ));
            None
        }
    };
    match bytes {
        None => {
            *kubelet = v(
                Status::FailsAll,
                "`auth` is not base64: kubelet rejects the whole secret",
            );
            *containers = v(
                Status::FailsRegistry,
                "`auth` is not base64: pulls from this registry fail",
            );
            *docker = v(
                Status::FailsAll,
                "`auth` is not base64: docker cannot load the config",
            );
            None
        }
        Some(bytes) => {
            let text = crate::syntax::lossy(bytes);
            match text.split_once(':') {
                None => {
                    diags.push(Diagnostic::new(
                        Code::AuthNoColon,
                        "`auth` decodes to text without `:`; it must be base64 of `username:password`",
                        ptr("auth"),
                        a.span,
                    ));
                    *kubelet = v(
                        Status::FailsAll,
                        "`auth` has no `:`: kubelet rejects the whole secret",
                    );
                    if containers.status == Status::Used {
                        *containers =
                            v(Status::Ignored, "`auth` has no `:`: read as no credentials");
                    }
                    *docker = v(
                        Status::FailsAll,
                        "`auth` has no `:`: docker cannot load the config",
                    );
                    None
                }
                Some((u, p)) => {
                    let (u_field, p_field) =
                        (e.username.map(|f| f.value), e.password.map(|f| f.value));
                    // `auth` built from a username with `:` is split at the first `:`;
                    // that is reported as `username-colon`, not as a mismatch.
                    let split_user = u_field.is_some_and(|f| {
                        f.contains(':')
                            && text.strip_prefix(f).and_then(|r| r.strip_prefix(':')) == p_field
                    });
                    let user_differs =
                        !split_user && u_field.is_some_and(|f| !f.is_empty() && f != u);
                    let pass_differs =
                        !split_user && p_field.is_some_and(|f| !f.is_empty() && f != p);
                    check_credentials(u, p, (&e.pointer, "auth"), a.span, diags);
                    if u.is_empty() {
                        diags.push(Diagnostic::new(
                            Code::AuthEmptyUsername,
                            "`auth` decodes to an empty username (`:password`): docker refuses to load the whole config, kubelet and podman send an empty user name",
                            ptr("auth"),
                            a.span,
                        ));
                    }
                    if user_differs || pass_differs {
                        let which = match (user_differs, pass_differs) {
                            (true, true) => "`username` and `password` differ",
                            (true, false) => "`username` differs",
                            _ => "`password` differs",
                        };
                        let mut d = Diagnostic::new(
                            Code::AuthMismatch,
                            format!("{which} from what `auth` holds; every client uses `auth`"),
                            ptr("auth"),
                            a.span,
                        );
                        for (differs, field) in
                            [(user_differs, e.username), (pass_differs, e.password)]
                        {
                            if let Some(f) = field.filter(|_| differs) {
                                d = d.with_label(f.span, "differs from what `auth` holds");
                            }
                        }
                        diags.push(d);
                    }
                    if is_acr_token_login(u, !p.is_empty(), e) {
                        diags.push(
                            Diagnostic::new(
                                Code::AcrTokenLogin,
                                "an ACR token login (`az acr login`: the null user, no password, an `identitytoken`): kubelet ignores the identity token and sends the null user with an empty password, so its pulls from this registry fail; podman and docker use the token",
                                ptr("auth"),
                                a.span,
                            )
                            .with_label(
                                nonempty(e.identity_token).map_or(a.span, |t| t.span),
                                "kubelet does not read this",
                            ),
                        );
                        if kubelet.status == Status::Used {
                            *kubelet = v(Status::FailsRegistry, ACR_KUBELET);
                        }
                    }
                    if u.is_empty() && docker.status == Status::Used {
                        *docker = v(
                            Status::FailsAll,
                            "`auth` has an empty username: docker cannot load the config",
                        );
                    }
                    Some((u.into(), !p.is_empty()))
                }
            }
        }
    }
}

/// The user `az acr login` writes beside an identity token.
const ACR_NULL_USER: &str = "00000000-0000-0000-0000-000000000000";

/// kubelet's verdict on an ACR token login.
pub(crate) const ACR_KUBELET: &str = "an ACR token login: kubelet ignores `identitytoken` and sends the null user with an empty password; pulls from this registry fail";

/// `az acr login`'s entry: the null user, no password, an identity token. kubelet sends the
/// user with an empty password.
pub(crate) fn is_acr_token_login(user: &str, has_password: bool, e: &Entry<'_>) -> bool {
    is_acr_token_login_with(user, has_password, nonempty(e.identity_token).is_some())
}

/// [`is_acr_token_login`], given whether the entry has a non-empty identity token.
pub(crate) fn is_acr_token_login_with(user: &str, has_password: bool, has_token: bool) -> bool {
    user == ACR_NULL_USER && !has_password && has_token
}

/// An entry without `auth`, `username` or `password`: a placeholder (or an identity token
/// alone), which Kubernetes cannot use.
fn check_no_credentials(
    e: &Entry<'_>,
    cfg: &Config<'_>,
    in_secret: bool,
    has_token: bool,
    verdicts: &mut [Verdict; 3],
    diags: &mut Vec<Diagnostic>,
) {
    let [kubelet, containers, docker] = verdicts;
    let (why, help) = if has_token {
        (
            "the entry has only an `identitytoken`: kubelet ignores identity tokens and podman needs an `auth` beside it",
            Code::IdentityToken.help(),
        )
    } else if cfg.creds_store.is_some() || !cfg.cred_helpers.is_empty() {
        (
            "the entry has no credentials: it is a placeholder for a credential helper (`credsStore`/`credHelpers`), which kubelet never asks (nor podman, CRI-O and skopeo, for `credsStore`): they get no credential from it",
            HELPER_HELP,
        )
    } else {
        (
            "the entry has no credentials (an empty entry, as docker writes when a credential store holds the secret): Kubernetes cannot use it",
            "Write `auth` (the padded base64 of `username:password`), or remove the entry.",
        )
    };
    let sev = if in_secret {
        Severity::Error
    } else {
        Severity::Warning
    };
    diags.push(
        Diagnostic::new(Code::NoCredentials, why, e.pointer.clone(), e.key_span)
            .with_severity(sev)
            .with_help(help),
    );
    *kubelet = v(
        Status::Anonymous,
        "no credentials: kubelet matches this entry and pulls anonymously",
    );
    *containers = v(
        Status::Ignored,
        "no credentials: the search continues in other files",
    );
    *docker = v(
        Status::Anonymous,
        "no credentials: docker pulls anonymously",
    );
    if cfg.creds_store.is_some_and(|s| !s.is_empty()) || has_helper(cfg, e.key) {
        *docker = v(
            Status::Ignored,
            "docker asks the credential helper: this entry is only its placeholder",
        );
    }
    if has_token {
        *docker = USED;
    }
}

/// Findings about single fields that do not change what a client sends: a `:` in the
/// username, whitespace in separate credentials, an identity token, an email.
fn check_fields(e: &Entry<'_>, has_auth: bool, diags: &mut Vec<Diagnostic>) {
    let ptr = |field: &str| format!("{}/{field}", e.pointer);
    let (user_field, pass_field) = (nonempty(e.username), nonempty(e.password));
    if let Some(uf) = user_field.filter(|f| f.value.contains(':')) {
        diags.push(Diagnostic::new(
            Code::UsernameColon,
            "`username` contains `:`: every client splits `auth` at the first `:`, so the rest of the username becomes part of the password and the login fails",
            ptr("username"),
            uf.span,
        ));
    }
    if !has_auth {
        if let (Some(uf), Some(pf)) = (user_field, pass_field) {
            check_credentials(uf.value, pf.value, (&e.pointer, "password"), pf.span, diags);
        }
    }
    if let Some(t) = nonempty(e.identity_token) {
        diags.push(Diagnostic::new(
            Code::IdentityToken,
            "`identitytoken`: kubelet ignores it, podman uses it only beside an `auth` with `:`, docker exchanges it for a token",
            ptr("identitytoken"),
            t.span,
        ));
    }
    if let Some(m) = nonempty(e.email) {
        diags.push(Diagnostic::new(
            Code::EmailDeprecated,
            "`email` is deprecated: no registry reads it, and docker 29 and podman drop it when they rewrite the file",
            ptr("email"),
            m.span,
        ));
    }
}

/// containers/image asks `credHelpers[registry]` before reading any `auths` entry of that registry.
fn has_helper(cfg: &Config<'_>, key: &str) -> bool {
    if cfg.cred_helpers.is_empty() {
        return false;
    }
    let k = key.strip_prefix("http://").unwrap_or(key);
    let k = k.strip_prefix("https://").unwrap_or(k);
    let host = k.split('/').next().unwrap_or(k);
    cfg.cred_helpers.iter().any(|(r, _)| *r == host)
}

/// Findings about decoded credentials that every client accepts but that rarely are what the
/// user meant: surrounding whitespace or line breaks (`echo` without `-n`) and NUL bytes.
/// `at` is the entry's pointer and the field's name, joined only for a finding.
fn check_credentials(
    user: &str,
    pass: &str,
    at: (&str, &str),
    span: Span,
    diags: &mut Vec<Diagnostic>,
) {
    let ptr = || format!("{}/{}", at.0, at.1);
    let odd_space = |s: &str| {
        s.starts_with(char::is_whitespace)
            || s.ends_with(char::is_whitespace)
            || crate::syntax::lines::has_line_break(s.as_bytes())
    };
    let which = |u: bool, p: bool| match (u, p) {
        (true, true) => "the username and the password",
        (true, false) => "the username",
        _ => "the password",
    };
    // Google's `_json_key` logins: the password is a service-account key, JSON whose line
    // breaks and indentation are insignificant (or that JSON in base64, often wrapped).
    let json_key = match user {
        "_json_key" => pass.trim_start().starts_with('{'),
        "_json_key_base64" => true,
        _ => false,
    };
    let (su, sp) = (odd_space(user), odd_space(pass) && !json_key);
    if su || sp {
        let mut m = String::from(which(su, sp));
        m.push_str(" starts or ends with whitespace or holds a line break (often `echo` without `-n`): every client sends it as is, and the registry refuses the login");
        diags.push(Diagnostic::new(Code::CredentialsWhitespace, m, ptr(), span));
    }
    let (nu, np) = (user.as_bytes().contains(&0), pass.as_bytes().contains(&0));
    if nu || np {
        let mut m = String::from(which(nu, np));
        m.push_str(" holds NUL bytes: podman and docker strip leading and trailing NULs from the password, kubelet sends them as they are; remove them");
        diags.push(Diagnostic::new(Code::CredentialsNul, m, ptr(), span));
    }
}

#[cfg(test)]
mod tests {
    use super::validate;

    /// A credential field anywhere, even of the wrong type, marks a legacy-shaped file as
    /// credentials; objects without one (a dashboard) do not.
    #[test]
    fn credential_fields() {
        let has = |t: &str| validate(t).objects[0].has_credential_fields();
        assert!(!has(r#"{"a": {"title": "x"}, "b": {"panels": {}}}"#));
        assert!(has(r#"{"quay.io": {"auth": "dTpw"}}"#));
        assert!(has(r#"{"quay.io": {"Auth": 5}}"#));
        assert!(has(r#"{"quay.io": {"email": "a@b.c"}}"#));
        assert!(has(r#"{"auths": {"quay.io": {"identitytoken": "t"}}}"#));
        assert!(!has(r#"{"auths": {"quay.io": {}}}"#));
    }
}
