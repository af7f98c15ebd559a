//! Diagnostics: what is wrong or surprising in a credential file, as data.
//!
//! Each diagnostic has a stable [`Code`] (documented in `docs/diagnostics.md`, kept in sync by a
//! test), a [`Severity`], a message that never contains a secret, a JSON pointer to the value it
//! is about, and where it sits in the text the user gave (and, for a Secret or base64 input, in
//! the decoded config).

use crate::json::Span;
use alloc::string::String;

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

macro_rules! codes {
    ($($variant:ident = $name:literal, $sev:ident, $summary:literal;)*) => {
        /// Every diagnostic pullsecret can emit. The string form is stable API.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code { $($variant),* }

        impl Code {
            /// All codes, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable kebab-case name, e.g. `auth-not-base64`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }

            /// The usual severity (a few codes are raised or lowered by context).
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev),* }
            }

            /// One line saying what the code means.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary),* }
            }
        }
    };
}

codes! {
    EmptyInput = "empty-input", Error, "The input is empty or only whitespace.";
    Bom = "bom", Error, "The text starts with a UTF-8 byte-order mark, which Go's JSON decoder (kubelet, API server, podman) rejects.";
    JsonSyntax = "json-syntax", Error, "The text is not valid JSON.";
    YamlSyntax = "yaml-syntax", Error, "The text is not valid YAML (or uses YAML features a Secret does not need).";
    NotAnObject = "not-an-object", Error, "The top level is not a JSON object.";
    WrongType = "wrong-type", Error, "A field has the wrong JSON type; Go clients fail to read the whole file.";
    DuplicateKey = "duplicate-key", Warning, "The same key appears twice in one object; Go clients keep the last one silently.";
    AuthNotBase64 = "auth-not-base64", Error, "An `auth` value is not base64; kubelet fails every pull that uses this secret.";
    AuthUnpadded = "auth-unpadded", Error, "An `auth` value lacks `=` padding; only kubelet accepts it, podman/CRI-O and docker fail.";
    AuthUrlSafe = "auth-url-safe", Error, "An `auth` value uses the URL-safe base64 alphabet (`-`, `_`), which no client reads.";
    AuthNoColon = "auth-no-colon", Error, "An `auth` value decodes to text without a `:`, so it holds no username:password pair.";
    AuthMismatch = "auth-mismatch", Warning, "`auth` disagrees with the `username`/`password` fields; every client uses `auth`.";
    NoCredentials = "no-credentials", Warning, "An entry carries no credentials (a `credsStore` placeholder); Kubernetes cannot use it.";
    MissingAuth = "missing-auth", Warning, "An entry has `username`/`password` but no `auth`; podman, CRI-O and skopeo ignore it.";
    EmptyAuths = "empty-auths", Warning, "The file holds no registry entries.";
    LegacyFormat = "legacy-format", Info, "The file is the legacy `.dockercfg` format (registries at the top level, no `auths`).";
    Base64Input = "base64-input", Info, "The input is the base64 of a config file; it was decoded before checking.";
    SecretNoData = "secret-no-data", Error, "The Secret has no `.dockerconfigjson` or `.dockercfg` value.";
    SecretDataNotBase64 = "secret-data-not-base64", Error, "A `data` value of the Secret is not valid base64.";
    SecretTypeMismatch = "secret-type-mismatch", Error, "The Secret's `type` does not match its data key, so kubelet will not read it.";
    MultipleDocuments = "multiple-documents", Info, "The input holds several YAML documents or list items; only the first Secret was checked.";
}

/// One finding. `span` is in the text the user gave; `inner` (for Secrets and base64 input) is
/// in the decoded config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// RFC 6901 JSON pointer into the config (or the Secret for Secret-level findings).
    pub pointer: String,
    pub span: Span,
    pub inner: Option<Span>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>, pointer: impl Into<String>, span: Span) -> Self {
        Diagnostic { code, severity: code.default_severity(), message: message.into(), pointer: pointer.into(), span, inner: None }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

/// Appends one RFC 6901 reference token (`~` → `~0`, `/` → `~1`).
pub fn push_pointer_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// A pointer built from tokens.
pub fn pointer(tokens: &[&str]) -> String {
    let mut p = String::new();
    for t in tokens {
        push_pointer_token(&mut p, t);
    }
    p
}
