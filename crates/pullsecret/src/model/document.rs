//! `parse`: the credentials in a file, as plain data.
//!
//! Unlike `validate`, `parse` returns the secrets themselves (the caller asked to read them),
//! decoded the way the clients decode them. It refuses only input that has no readable config
//! at all; entry-level problems are `validate`'s business.

use crate::diagnostics::Error;
use crate::diagnostics::{Code, Severity};
use crate::go::base64 as b64;
use crate::model::config::{Config, Format};
use crate::model::input::{syntax_diagnostic, Input, Source};
use crate::model::redact::Secret;
use crate::syntax::json::{self, Span};
use crate::syntax::lines::LineIndex;
use serde::Serialize;

/// One registry's credentials. Serialized with the secrets in plain text (the caller asked to
/// read them); absent fields are left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Credential {
    pub registry: String,
    /// From `auth` when it decodes (first `:` splits), else the `username` field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// The `auth` text as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_token: Option<Secret>,
}

/// One `credHelpers` entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CredHelper {
    pub registry: String,
    pub helper: String,
}

/// A parsed file. `Debug` output redacts every secret. Entries are an array, so a registry
/// called `__proto__` stays data in JavaScript.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Document {
    pub format: Format,
    pub source: Source,
    pub entries: Vec<Credential>,
    pub cred_helpers: Vec<CredHelper>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creds_store: Option<String>,
    pub other_keys: Vec<String>,
}

/// Codes that leave nothing to read.
const FATAL: &[Code] = &[
    Code::EmptyInput,
    Code::Utf16,
    Code::JsonSyntax,
    Code::YamlSyntax,
    Code::TooDeep,
    Code::TooLarge,
    Code::NotAnObject,
    Code::WrongType,
    Code::SecretNoData,
    Code::SecretDataNotBase64,
];

/// Reads a config (any accepted form) or returns the first fatal problem with its position.
/// Also hands the raw config text to `with_text`.
pub(crate) fn read_config<T>(
    text: &str,
    extra_fatal: &[Code],
    with: impl FnOnce(&Input<'_>, &str, &Config<'_>) -> T,
) -> Result<T, Error> {
    read_config_as(text, extra_fatal, false, with)
}

/// [`read_config`]; with `first_value`, data after the JSON value is not fatal and the first
/// value is read, as docker does.
pub(crate) fn read_config_as<T>(
    text: &str,
    extra_fatal: &[Code],
    first_value: bool,
    with: impl FnOnce(&Input<'_>, &str, &Config<'_>) -> T,
) -> Result<T, Error> {
    read_config_with(text, extra_fatal, first_value, false, with)
}

/// [`read_config_as`], with `refusable`: a value of the wrong JSON type is not fatal (the
/// caller decides per client from `Config::refused`, as `lookup` does).
pub(crate) fn read_config_with<T>(
    text: &str,
    extra_fatal: &[Code],
    first_value: bool,
    refusable: bool,
    with: impl FnOnce(&Input<'_>, &str, &Config<'_>) -> T,
) -> Result<T, Error> {
    let mut with = Some(with);
    let mut out = None;
    read_config_dyn(
        text,
        extra_fatal,
        first_value,
        refusable,
        &mut |input, cfg_text, cfg| {
            out = with.take().map(|f| f(input, cfg_text, cfg));
        },
    )?;
    // `with` runs on every `Ok` path, so `out` is set.
    out.ok_or_else(|| {
        Error::option(
            crate::diagnostics::ErrorCode::Diagnostic(Code::NotAnObject),
            "no config found",
        )
    })
}

/// The body of [`read_config_as`], not generic: one copy in the wasm package instead of one
/// per caller.
fn read_config_dyn(
    text: &str,
    extra_fatal: &[Code],
    first_value: bool,
    refusable: bool,
    with: &mut dyn FnMut(&Input<'_>, &str, &Config<'_>),
) -> Result<(), Error> {
    // A UTF-16 manifest is read decoded, as kubectl reads it (`validate` says it is UTF-16).
    crate::model::manifest::read_decoded(text, |text| {
        read_input_config(Input::read(text), extra_fatal, first_value, refusable, with)
    })
}

/// [`read_config_dyn`] on an input already read (one object of a stream: a Secret among the
/// documents of a manifest).
pub(crate) fn read_input_config(
    mut input: Input<'_>,
    extra_fatal: &[Code],
    first_value: bool,
    refusable: bool,
    with: &mut dyn FnMut(&Input<'_>, &str, &Config<'_>),
) -> Result<(), Error> {
    // Indexes of the whole text only for an error: one Secret of a stream of thousands must
    // not index the stream (that would be quadratic).
    let fail = |input: &Input<'_>, d: &crate::diagnostics::Diagnostic, cfg_text: Option<&str>| {
        let body_ix = LineIndex::new(input.body());
        let mut d = d.clone();
        let cix = cfg_text
            .filter(|_| !input.is_identity())
            .map(LineIndex::new);
        input.place(&mut d, cix.as_ref(), &body_ix);
        let ix = LineIndex::new(input.text);
        let span = if d.code == Code::Bom && d.span == Span::new(0, 0) {
            0..input.base
        } else {
            input.base + d.span.start..input.base + d.span.end
        };
        Error::from_diagnostic(&d, Some(ix.position(span.start)), Some(span))
    };
    let is_fatal = |d: &crate::diagnostics::Diagnostic| {
        d.severity == Severity::Error
            && (FATAL.contains(&d.code) || extra_fatal.contains(&d.code))
            && !(refusable && d.code == Code::WrongType)
    };
    let kept = first_value && input.first_value_only;
    if let Some(d) = input
        .diagnostics
        .iter()
        .find(|d| is_fatal(d) && !(kept && d.code == Code::JsonSyntax))
    {
        return Err(fail(&input, d, None));
    }
    let Some(cfg_text) = input.config.take() else {
        let d = crate::diagnostics::Diagnostic::new(
            Code::NotAnObject,
            "no config found",
            "",
            Span::new(0, 0),
        );
        return Err(fail(&input, &d, None));
    };
    let parsed = match input.parsed.take() {
        Some(n) => n,
        None => match json::parse(&cfg_text) {
            Ok(n) => n,
            Err(e) => {
                let d = if cfg_text.trim().is_empty() {
                    crate::diagnostics::Diagnostic::new(
                        Code::EmptyInput,
                        "the config inside is empty",
                        "",
                        Span::new(0, 0),
                    )
                } else {
                    syntax_diagnostic(e, Span::new(e.offset, e.offset))
                };
                return Err(fail(&input, &d, Some(&cfg_text)));
            }
        },
    };
    let mut diags = Vec::new();
    let cfg = Config::read(&parsed, &mut diags);
    if let Some(d) = diags.iter().find(|d| is_fatal(d)) {
        return Err(fail(&input, d, Some(&cfg_text)));
    }
    let Some(cfg) = cfg else {
        let d = crate::diagnostics::Diagnostic::new(
            Code::NotAnObject,
            "the config must be a JSON object",
            "",
            Span::new(0, 0),
        );
        return Err(fail(&input, &d, Some(&cfg_text)));
    };
    with(&input, &cfg_text, &cfg);
    Ok(())
}

/// Reads the credentials of a config, a Secret or base64 of a config.
pub fn parse(text: &str) -> Result<Document, Error> {
    read_config(text, &[], |input, _, cfg| Document {
        format: cfg.format,
        source: input.source.clone(),
        entries: cfg
            .effective()
            .map(|e| {
                let mut username = e.username.map(|f| String::from(f.value));
                let mut password = e.password.map(|f| Secret::from(f.value));
                if let Some(a) = e.auth.filter(|a| !a.value.is_empty()) {
                    if let Some(bytes) =
                        b64::kubelet_decode(a.value).or_else(|| b64::decode_go(&b64::STD, a.value))
                    {
                        let t = String::from_utf8_lossy(&bytes);
                        if let Some((u, p)) = t.split_once(':') {
                            username = Some(u.into());
                            password = Some(p.into());
                        }
                    }
                }
                Credential {
                    registry: e.key.into(),
                    username,
                    password,
                    auth: e.auth.map(|f| Secret::from(f.value)),
                    email: e.email.map(|f| f.value.into()),
                    identity_token: e.identity_token.map(|f| Secret::from(f.value)),
                }
            })
            .collect(),
        cred_helpers: cfg
            .cred_helpers
            .iter()
            .map(|(k, v)| CredHelper {
                registry: (*k).into(),
                helper: (*v).into(),
            })
            .collect(),
        creds_store: cfg.creds_store.map(String::from),
        other_keys: cfg.other_keys.iter().map(|k| (*k).into()).collect(),
    })
}
