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
mod keycheck;
mod keys;
mod lines;
mod lookup;
mod options;
mod pack;
mod redact;
mod reference;
mod repeats;
mod secret;
mod sort;
mod validate;
mod yaml;

pub use config::Format;
pub use create::{create, CreateOptions, DEFAULT_SERVER};
pub use diagnostic::{Code, Diagnostic, Severity};
pub use document::{parse, Credential, Document};
pub use error::{Error, ErrorCode};
pub use input::{SecretInfo, Source};
pub use lines::Position;
pub use lookup::{lookup, Lookup, LookupOptions, LookupStatus, Match};
pub use redact::Secret;
pub use secret::{to_secret, OutputFormat, SecretOptions, SecretType};
pub use validate::{validate, Client, EntrySummary, Report, Status, Verdict};
