//! pullsecret: container-registry credential files, read and written exactly as the reference
//! tools do.
//!
//! One core for Docker `config.json`, Podman `auth.json`, legacy `.dockercfg` and the Kubernetes
//! Secrets made from them, shared by the WebAssembly package, the Node addon and the CLI:
//!
//! - [`validate`] finds every problem, with a stable code and a position, and says what kubelet,
//!   containers/image (podman, CRI-O, skopeo) and docker will do with each entry;
//! - [`parse`] reads the credentials out of any of those forms;
//! - [`create`] builds a config as `kubectl create secret docker-registry` does;
//! - [`to_secret`] prints the Secret byte for byte as kubectl prints it.
//!
//! No secret ever appears in an error, a diagnostic or `Debug` output.

extern crate alloc;

mod b64;
mod config;
mod create;
mod diagnostic;
mod document;
mod error;
mod gojson;
mod goyaml;
mod input;
mod json;
mod lines;
mod redact;
mod secret;
mod validate;
mod yaml;

pub use config::Format;
pub use create::{create, CreateOptions, DEFAULT_SERVER};
pub use diagnostic::{Code, Diagnostic, Severity};
pub use document::{parse, Credential, Document};
pub use error::{Error, ErrorCode};
pub use input::{SecretInfo, Source};
pub use lines::Position;
pub use redact::Secret;
pub use secret::{to_secret, OutputFormat, SecretOptions, SecretType};
pub use validate::{validate, Client, EntrySummary, Report, Status, Verdict};

/// Turns a message from an options deserializer into an [`Error`], dropping any double-quoted
/// value (a password passed where a flag was expected must not be echoed); serde quotes field
/// names with backticks, which are kept.
pub fn options_error(message: &str) -> Error {
    let mut out = String::with_capacity(message.len());
    let mut quoted: Option<char> = None;
    for c in message.chars() {
        match (quoted, c) {
            (None, '"') => {
                quoted = Some(c);
                out.push_str("(value)");
            }
            (Some(q), c) if c == q => quoted = None,
            (Some(_), _) => {}
            (None, c) => out.push(c),
        }
    }
    Error::option(ErrorCode::InvalidOption, alloc::format!("invalid options: {out}"))
}
