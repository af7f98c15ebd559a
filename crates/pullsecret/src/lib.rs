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
//! - [`to_secret`] prints the Secret byte for byte as kubectl prints it;
//! - [`convert`] writes the credentials as Podman `auth.json`, Docker `config.json`,
//!   `.dockercfg`, rkt `auth.d` files, a Flatcar Butane config or the Mesos `docker.tar.gz`;
//! - [`add`], [`remove`] and [`merge`] edit files keeping every byte they do not change.
//!
//! No secret ever appears in an error, a diagnostic or `Debug` output.

extern crate alloc;

mod b64;
mod butane;
mod config;
mod convert;
mod create;
mod diagnostic;
mod document;
mod edit;
mod error;
mod global;
mod gojson;
mod goyaml;
mod hash;
mod input;
mod json;
mod keycheck;
mod keys;
mod labels;
mod layout;
mod lines;
mod lookup;
mod mesos;
mod objects;
mod options;
mod pack;
mod redact;
mod reference;
mod repeats;
mod rkt;
mod secret;
mod sort;
mod text;
mod tree;
mod validate;
mod yaml;

pub use config::Format;
pub use convert::{convert, Content, ConvertOptions, Converted, Note, OutputFile, Snippet, Target};
pub use create::{create, CreateOptions, DEFAULT_SERVER};
pub use diagnostic::{Code, Diagnostic, Severity};
pub use document::{parse, Credential, Document};
pub use edit::{
    add, merge, merge_json, remove, AddOptions, Conflict, EditStyle, Edited, MergeOptions, Merged,
    OnConflict, RemoveOptions, Section,
};
pub use error::{Error, ErrorCode};
pub use global::{global_pull_secret, GlobalPullSecretOptions, PullSecretVariant, RegistryLogin};
pub use input::{SecretInfo, Source};
pub use lines::Position;
pub use lookup::{lookup, Lookup, LookupOptions, LookupStatus, Match};
pub use objects::{
    delegated_auth, grant_pull, link, pod_snippet, workflow_snippet, DelegatedAuthOptions,
    GrantOptions, LinkOptions, WorkloadOptions, IMAGE_PULLER_ROLE,
};
pub use redact::Secret;
pub use secret::{to_secret, OutputFormat, SecretOptions, SecretType};
pub use validate::{validate, Client, EntrySummary, Report, Status, Verdict};
