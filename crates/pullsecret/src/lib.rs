//! pullsecret: container-registry credential files, read and written exactly as the reference
//! tools do.
//!
//! One core for Docker `config.json`, Podman `auth.json`, legacy `.dockercfg` and the Kubernetes
//! Secrets made from them, shared by the WebAssembly package, the Node addon and the CLI:
//!
//! - [`validate`] finds every problem, with a stable code and a position, and says what kubelet,
//!   containers/image (podman, CRI-O, skopeo) and docker will do with each entry;
//!   [`validate_with`] also reads tokens' expiry (JWT `exp`, Amazon ECR) as at a time it is
//!   given (the core reads no clock);
//! - [`parse`] reads the credentials out of any of those forms;
//! - [`create`] builds a config as `kubectl create secret docker-registry` does;
//! - [`to_secret`] prints the Secret byte for byte as kubectl prints it;
//! - [`convert`] writes the credentials as Podman `auth.json`, Docker `config.json`,
//!   `.dockercfg`, rkt `auth.d` files, a Flatcar Butane config or the Mesos `docker.tar.gz`;
//! - [`add`], [`remove`] and [`merge`] edit files keeping every byte they do not change.
//!
//! No secret ever appears in an error, a diagnostic or `Debug` output.
//!
//! Options types implement `serde::Deserialize` (read them with [`options::from`], which names
//! the option in errors and never its value); results implement `serde::Serialize`, in the
//! shapes the npm packages return.
//!
//! # Examples
//!
//! Check a file: every finding has a stable code, a position and a fix, and every entry says
//! what each client does with it.
//!
//! ```
//! use pullsecret::{validate, Client, Code, Status};
//!
//! let report = validate(r#"{"auths":{"quay.io":{"auth":"bad"}}}"#);
//! assert!(!report.valid);
//! let file = &report.objects[0]; // one section per object; a config file is one object
//! let d = &file.diagnostics[0];
//! assert_eq!((d.code, d.line, d.column), (Code::AuthNotBase64, 1, 29));
//! assert!(!d.help.is_empty());
//! assert_eq!(file.entries[0].verdicts.get(Client::Kubelet).status, Status::FailsAll);
//! ```
//!
//! Build a pull secret as `kubectl create secret docker-registry` does, byte for byte:
//!
//! ```
//! use pullsecret::{create, to_secret, CreateOptions, SecretOptions};
//!
//! let config = create(&CreateOptions {
//!     server: Some("quay.io".into()),
//!     username: "robot".into(),
//!     password: "p:w".into(),
//!     ..Default::default()
//! })?;
//! assert_eq!(config, r#"{"auths":{"quay.io":{"username":"robot","password":"p:w","auth":"cm9ib3Q6cDp3"}}}"#);
//! let yaml = to_secret(&config, &SecretOptions { name: "pull".into(), ..Default::default() })?;
//! assert!(yaml.starts_with("apiVersion: v1\ndata:\n  .dockerconfigjson: "));
//! # Ok::<(), pullsecret::Error>(())
//! ```
//!
//! Ask which credential a pull sends, and edit a file without touching the bytes around the
//! change:
//!
//! ```
//! use pullsecret::{add, lookup, AddOptions, Client, LookupOptions, LookupStatus};
//!
//! let file = "{\n  \"auths\": {\n    \"quay.io\": {\"auth\": \"dTpw\"}\n  }\n}\n";
//! let found = lookup(file, "quay.io/org/app:1.2", &LookupOptions { client: Client::Containers })?;
//! assert_eq!(found.status, LookupStatus::Credentials);
//! assert_eq!(found.matches[0].registry, "quay.io");
//!
//! let edited = add(file, &AddOptions {
//!     registry: "registry.example.com".into(),
//!     username: "u".into(),
//!     password: "p".into(),
//!     ..Default::default()
//! })?;
//! assert!(edited.starts_with("{\n  \"auths\": {\n    \"quay.io\": {\"auth\": \"dTpw\"},"));
//! # Ok::<(), pullsecret::Error>(())
//! ```
//!
//! Options read from JSON (or a JavaScript object) name the option in errors, never its value:
//!
//! ```
//! use pullsecret::{options, CreateOptions};
//!
//! let mut de = serde_json::Deserializer::from_str(r#"{"username": "u", "password": 5}"#);
//! let err = options::from::<CreateOptions, _>("create", &mut de).unwrap_err();
//! assert_eq!(err.message, "create: password must be a string");
//! ```

// TypeScript (feature `ts`, used only by `tests/types.rs` to write `npm/types.d.ts`): the option
// and result types derive `ts_rs::TS` beside their serde derives, with `ts(...)` attributes where
// the serde shape alone does not say it (an option with a default is optional in TypeScript; a
// custom (de)serializer's shape). This macro is for types TypeScript sees inline, like a
// primitive: they get no declaration of their own.
#[cfg(feature = "ts")]
macro_rules! ts_inline {
    ($t:ty, $ts:expr) => {
        impl ts_rs::TS for $t {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name(_: &ts_rs::Config) -> String {
                String::from($ts)
            }
            fn inline(cfg: &ts_rs::Config) -> String {
                <Self as ts_rs::TS>::name(cfg)
            }
        }
    };
}

// The layers, bottom to top: each may use only the ones above it in this list (see
// docs/ARCHITECTURE.md; `tests/layers.rs` fails on an import that points up the layers).

// 0: text with positions.
mod syntax;

// 1: Go's encodings.
mod go;

// 2: findings and errors.
mod diagnostics;

// 3: the input as data.
mod model;

// 4: what each client does with it.
mod rules;

// 5: edits.
mod edit;

// 6: artefacts.
mod emit;

pub use diagnostics::{Code, Diagnostic, Error, ErrorCode, Example, Family, Label, Severity};
pub use edit::create::{create, CreateOptions, DEFAULT_SERVER};
pub use edit::login::RegistryLogin;
pub use edit::{
    add, fix, fixable, merge, remove, AddOptions, AppliedFix, Conflict, EditStyle, Edited,
    FixOptions, Fixed, MergeOptions, Merged, OnConflict, RemoveOptions, Section, FIXES,
};
pub use emit::convert::{
    convert, Content, ConvertOptions, Converted, Note, OutputFile, Snippet, Target,
};
pub use emit::global::{
    global_pull_secret, GlobalPullSecretOptions, GlobalPullSecretResult, PullSecretVariant,
};
pub use emit::objects::{
    delegated_auth, grant_pull, link, pod_snippet, workflow_snippet, DelegatedAuthOptions,
    DelegatedAuthResult, DelegatedSecret, GrantOptions, GrantResult, LinkOptions, LinkResult,
    WorkloadOptions, IMAGE_PULLER_ROLE,
};
pub use emit::secret::{to_secret, SecretOptions, SecretType};
pub use model::argument;
pub use model::config::Format;
pub use model::document::{parse, CredHelper, Credential, Document};
pub use model::events::{PullEvent, PullFailure};
pub use model::input::{SecretInfo, Source};
pub use model::manifest::{utf16_manifest, Provider};
pub use model::options;
pub use model::redact::Secret;
pub use model::tree::{kubectl_prints_creation_timestamp, OutputFormat};
pub use rules::explain::{
    explain, explain_all, ExplainOptions, Explanation, ImageExplanation, WorkloadExplanation,
};
pub use rules::lookup::{lookup, Lookup, LookupOptions, LookupStatus, Match, PullSecret};
pub use rules::repository::{flag_plain_text_secrets, is_unrendered_template};
pub use rules::validate::{
    validate, validate_with, ClientSummary, EntrySummary, FileStatus, ObjectReport, Reasons,
    Report, ValidateOptions, DEFAULT_EXPIRY_WINDOW, SCHEMA_VERSION,
};
pub use rules::verdict::{reason_key, Client, Clients, ReasonKey, Status, Verdict};
pub use rules::verify;
pub use rules::verify::{
    verify_command, Outcome, Verification, VerifyCommandOptions, VerifyOptions, VerifyReport,
};
pub use rules::workloads::{
    check_workloads, validate_and_read, ImagePull, Manifests, PullSecretRef, PullStatus,
    RepositoryOptions, SecretStatus, WorkloadReport,
};
pub use syntax::lines::Position;
pub use syntax::MAX_INPUT;
