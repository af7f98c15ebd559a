//! Diagnostics: what is wrong or surprising in a credential file, as data.
//!
//! Each diagnostic has a stable [`Code`] (documented in `docs/diagnostics.md`, kept in sync by a
//! test), a [`Severity`], a message that never contains a secret, a JSON pointer to the value it
//! is about, and where it sits in the text the user gave (and, for a Secret or base64 input, in
//! the decoded config).

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

macro_rules! codes {
    ($($variant:ident = $name:literal, $sev:ident, $summary:literal;)*) => {
        /// Every diagnostic pullsecret can emit. The string form is stable API (and what
        /// `Serialize` writes).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        pub enum Code { $(#[serde(rename = $name)] $variant),* }

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
    AuthEmptyUsername = "auth-empty-username", Error, "`auth` decodes to an empty username; docker cannot load the whole config.";
    UsernameColon = "username-colon", Warning, "The username contains `:`; clients split `auth` at the first `:`, so the rest becomes part of the password.";
    CredentialsWhitespace = "credentials-whitespace", Warning, "The decoded username or password starts or ends with whitespace or holds a line break (the `echo` without `-n` mistake).";
    CredentialsNul = "credentials-nul", Warning, "The decoded credentials hold NUL bytes; podman and docker strip them from the password, kubelet keeps them.";
    IdentityToken = "identity-token", Info, "The entry has an `identitytoken`; kubelet ignores it, podman uses it only beside an `auth` with `:`.";
    EmailDeprecated = "email-deprecated", Info, "`email` is deprecated: no registry needs it; docker 29 and podman drop it when they rewrite the file.";
    NoCredentials = "no-credentials", Warning, "An entry carries no credentials (a `credsStore` placeholder); Kubernetes cannot use it.";
    MissingAuth = "missing-auth", Warning, "An entry has `username`/`password` but no `auth`; podman, CRI-O and skopeo ignore it.";
    KeyInvalid = "key-invalid", Error, "A registry key that a client cannot parse, or that no image can match.";
    KeyScheme = "key-scheme", Info, "A key with `http://` or `https://`: every client reads it, `podman login` refuses to write it.";
    KeyPath = "key-path", Info, "A key with a path (a namespace): kubelet, podman and docker apply it differently.";
    KeyHubAlias = "key-hub-alias", Warning, "A Docker Hub spelling other than `https://index.docker.io/v1/`; not every client uses it.";
    KeyHubNoSlash = "key-hub-no-slash", Warning, "`https://index.docker.io/v1` without the trailing `/`: kubelet and docker never use it for Docker Hub.";
    KeyGlob = "key-glob", Info, "A glob key (`*.example.com`): only kubelet expands it.";
    KeyUppercase = "key-uppercase", Warning, "A key with upper-case letters; clients compare host names case-sensitively.";
    KeyDuplicateRegistry = "key-duplicate-registry", Warning, "Two keys name the same registry; clients pick one of them at random.";
    CredHelpers = "cred-helpers", Info, "`credHelpers` or `credsStore` is set; kubelet ignores both, so those registries have no credentials in a Secret.";
    EmptyAuths = "empty-auths", Warning, "The file holds no registry entries.";
    LegacyFormat = "legacy-format", Info, "The file is the legacy `.dockercfg` format (registries at the top level, no `auths`).";
    Base64Input = "base64-input", Info, "The input is the base64 of a config file; it was decoded before checking.";
    SecretNoData = "secret-no-data", Error, "The Secret has no `.dockerconfigjson` or `.dockercfg` value.";
    SecretDataNotBase64 = "secret-data-not-base64", Error, "A `data` value of the Secret is not valid base64.";
    SecretTypeMismatch = "secret-type-mismatch", Error, "The Secret's `type` does not match its data key, so kubelet will not read it.";
    SecretTypeUnsupported = "secret-type-unsupported", Error, "The Secret's `type` is not one kubelet reads pull credentials from.";
    SecretNameInvalid = "secret-name-invalid", Error, "The Secret's name is not a DNS-1123 subdomain; the API server rejects it.";
    SecretNamespaceInvalid = "secret-namespace-invalid", Error, "The Secret's namespace is not a DNS-1123 label; the API server rejects it.";
    SecretTooLarge = "secret-too-large", Error, "The Secret's data exceeds 1 MiB, the API server's limit.";
    SecretTooLargeForApply = "secret-too-large-for-apply", Warning, "The Secret exceeds 256 KiB encoded; client-side `kubectl apply` cannot store it in its annotation.";
    MultipleDocuments = "multiple-documents", Info, "The input holds several YAML documents or list items; only the first Secret was checked.";
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
    /// Where `span` starts in the user's text (1-based line, column in characters).
    pub line: usize,
    pub column: usize,
    /// Where `span` ends in the user's text.
    pub end_line: usize,
    pub end_column: usize,
    /// Where `inner` starts in the decoded config (Secret and base64 input only).
    #[serde(rename = "inner", skip_serializing_if = "Option::is_none")]
    pub inner_position: Option<Position>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub inner: Option<Span>,
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
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
            inner_position: None,
            span,
            inner: None,
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
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

/// [`fixed_text`] for an optional fixed text (serialized only when present).
pub fn fixed_text_opt<S: serde::Serializer>(
    text: &Option<&'static str>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match text {
        Some(t) => fixed_text(t, s),
        None => s.serialize_none(),
    }
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
