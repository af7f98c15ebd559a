//! Diagnostics: what is wrong or surprising in a credential file, as data.
//!
//! Each diagnostic has a stable [`Code`] (defined, with its docs, in the catalogue `catalog.rs`,
//! from which `docs/diagnostics.md` is generated), a [`Severity`], a message that never contains
//! a secret, a `help` saying how to fix it, a JSON pointer to the value it is about, where it sits
//! in the text the user gave (and, for a Secret or base64 input, in the decoded config), and
//! labelled secondary spans where another place explains it (oxc's `LabeledSpan`).

use super::catalog::Code;
use crate::syntax::json::Span;
use std::borrow::Cow;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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

/// One finding. `span` is in the text the user gave; `inner` (for Secrets and base64 input) is
/// in the decoded config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// Mostly a fixed text: borrowed, so a report with thousands of findings does not copy it
    /// thousands of times (and the packed transport sends it once).
    pub message: Cow<'static, str>,
    /// RFC 6901 JSON pointer into the config (or the Secret for Secret-level findings).
    pub pointer: String,
    pub span: Span,
    pub inner: Option<Span>,
    /// How to fix it: the code's fix from the catalogue, or a more specific one from the check.
    /// A fixed text, so it can never hold a secret.
    pub help: &'static str,
    /// Other places that explain the finding (the first of two duplicate keys), in the same
    /// coordinates as `span` and `inner`. Usually empty.
    pub labels: Vec<Label>,
}

/// A secondary span of a [`Diagnostic`] with what it shows there, e.g. "first defined here".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// In the text the user gave (like [`Diagnostic::span`]).
    pub span: Span,
    /// In the decoded config, for Secret and base64 input (like [`Diagnostic::inner`]).
    pub inner: Option<Span>,
    /// A fixed text, so it can never hold a secret.
    pub message: &'static str,
}

impl Diagnostic {
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
            span,
            inner: None,
            message,
        });
        self
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
