//! Diagnostics: what is wrong or surprising in a credential file, as data.
//!
//! Each diagnostic has a stable [`Code`] (defined, with its docs, in the catalogue `catalog.rs`,
//! from which `docs/diagnostics.md` is generated), a [`Severity`], a message that never contains
//! a secret, a `help` saying how to fix it, a JSON pointer to the value it is about, where it sits
//! in the text the user gave (and, for a Secret or base64 input, in the decoded config), and
//! labelled secondary spans where another place explains it (oxc's `LabeledSpan`).

use super::catalog::Code;
use crate::syntax::json::Span;
use crate::syntax::lines::Position;
use serde::Serialize;
use std::borrow::Cow;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Severity {
    /// A client will fail, or silently use no credentials where the user expects some.
    Error,
    /// Works for some clients or by accident; likely to surprise.
    Warning,
    /// Worth knowing; nothing is wrong.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

// TypeScript names the union `Code`; tests/types.rs declares it from `Code::ALL` (with each
// code's summary as TSDoc, which ts-rs would not write).
#[cfg(feature = "ts")]
ts_inline!(Code, "Code");

/// One finding. `span` is in the text the user gave; `inner` (for Secrets and base64 input) is
/// in the decoded config. Serialized as `{code, severity, message, pointer, line, column,
/// endLine, endColumn, inner?: {line, column}}`; the positions are filled in by `validate` once
/// every span is mapped to the user's text (0 until then).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// What is wrong, in one sentence; never contains a secret.
    // Mostly a fixed text: borrowed, so a report with thousands of findings does not copy it
    // thousands of times (nor convert it thousands of times, see [`fixed_text`]).
    #[serde(serialize_with = "cow_text")]
    pub message: Cow<'static, str>,
    /// RFC 6901 JSON pointer into the config (or the Secret for Secret-level findings).
    pub pointer: String,
    /// Where it starts in the text given (1-based line; column in Unicode characters).
    pub line: usize,
    pub column: usize,
    /// Where it ends in the text given.
    pub end_line: usize,
    pub end_column: usize,
    /// For a Secret or base64 input: where it starts in the decoded config.
    #[serde(rename = "inner", skip_serializing_if = "Option::is_none")]
    pub inner_position: Option<Position>,
    /// The bytes the finding is about: UTF-8 offsets into the text its object was read from,
    /// which may start after the input's byte-order mark (the fuzzer found it 3 bytes short of
    /// the raw input there). `line`/`column` are always the input's own coordinates. Not in the
    /// JSON report.
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub inner: Option<Span>,
    /// How to fix it: the code's fix from the catalogue, or a more specific one from the check.
    /// A fixed text, so it can never hold a secret.
    #[serde(serialize_with = "fixed_text")]
    pub help: &'static str,
    /// Other places that explain the finding (the first of two duplicate keys), each with what
    /// it shows there. Absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Label>>", optional))]
    pub labels: Vec<Label>,
}

/// A secondary span of a [`Diagnostic`] with what it shows there, e.g. "first defined here".
/// Serialized as `{message, line, column, endLine, endColumn, inner?: {line, column}}`, the
/// positions filled in by `validate` as for the diagnostic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Label {
    /// A fixed text, so it can never hold a secret.
    #[serde(serialize_with = "fixed_text")]
    pub message: &'static str,
    /// Where it starts in the text given (1-based line; column in Unicode characters).
    pub line: usize,
    pub column: usize,
    /// Where it ends in the text given.
    pub end_line: usize,
    pub end_column: usize,
    /// For a Secret or base64 input: where it starts in the decoded config.
    #[serde(rename = "inner", skip_serializing_if = "Option::is_none")]
    pub inner_position: Option<Position>,
    /// In the text the user gave (like [`Diagnostic::span`]).
    #[serde(skip)]
    pub span: Span,
    /// In the decoded config, for Secret and base64 input (like [`Diagnostic::inner`]).
    #[serde(skip)]
    pub inner: Option<Span>,
}

impl Diagnostic {
    /// A finding that says nothing about pull secrets but that the input holds none
    /// ([`Code::means_no_pull_secret`]), or notes an encoding kubectl reads past (a UTF-8
    /// byte-order mark before a manifest, a UTF-16 manifest read decoded: neither an error). A
    /// check over a repository counts a file whose findings are all such.
    pub fn means_no_pull_secret(&self) -> bool {
        self.code.means_no_pull_secret()
            || (self.severity != Severity::Error && matches!(self.code, Code::Bom | Code::Utf16))
    }

    #[inline(never)] // one copy per argument-type pair instead of one per call site (wasm size)
    pub fn new(
        code: Code,
        message: impl Into<Cow<'static, str>>,
        pointer: impl Into<String>,
        span: Span,
    ) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            pointer: pointer.into(),
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
            inner_position: None,
            span,
            inner: None,
            help: code.help(),
            labels: Vec::new(),
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// A fix more specific than the catalogue's.
    pub fn with_help(mut self, help: &'static str) -> Self {
        self.help = help;
        self
    }

    /// Adds a labelled span (in the same text as `span`).
    pub fn with_label(mut self, span: Span, message: &'static str) -> Self {
        self.labels.push(Label {
            message,
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
            inner_position: None,
            span,
            inner: None,
        });
        self
    }
}

/// Serializes a fixed text (a `&'static str`: a message, a reason, a rule name) as a string,
/// through `serialize_unit_variant`: `serde_json` and napi write it as the string it is, and
/// serde-wasm-bindgen converts each fixed text to a JavaScript string once and reuses it
/// (keyed by address), instead of decoding it again for each of thousands of findings.
pub fn fixed_text<S: serde::Serializer>(text: &&'static str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_unit_variant("Text", 0, text)
}

/// [`fixed_text`] for a message that is fixed text or built.
#[allow(clippy::ptr_arg)] // `serialize_with` passes the field as it is
fn cow_text<S: serde::Serializer>(text: &Cow<'static, str>, s: S) -> Result<S::Ok, S::Error> {
    match text {
        Cow::Borrowed(t) => fixed_text(t, s),
        Cow::Owned(t) => s.serialize_str(t),
    }
}

/// Appends one RFC 6901 reference token (`~` → `~0`, `/` → `~1`).
pub fn push_pointer_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    // Copy runs between the two escaped bytes (both ASCII, so runs split at char boundaries).
    let mut run = 0;
    for (i, b) in token.bytes().enumerate() {
        let esc = match b {
            b'~' => "~0",
            b'/' => "~1",
            _ => continue,
        };
        pointer.push_str(&token[run..i]);
        pointer.push_str(esc);
        run = i + 1;
    }
    pointer.push_str(&token[run..]);
}

/// A pointer built from tokens.
pub fn pointer(tokens: &[&str]) -> String {
    let mut p = String::new();
    for t in tokens {
        push_pointer_token(&mut p, t);
    }
    p
}
