//! Layer 3, `model`: what the user gave us, as data.
//!
//! Input detection and unwrapping (a config, its base64, a Secret as YAML or JSON), the
//! registry entries read as Go clients read them, the credentials `parse` returns, registry
//! keys and image references as each client reads them, generic Kubernetes objects, and
//! [`redact::Secret`], the string that never shows itself; the checks of the JavaScript
//! packages' arguments ([`argument`]) and the reading of options ([`options`]).
//!
//! May use: `syntax`, `go`, `diagnostics`.

pub mod argument;
pub(crate) mod config;
pub(crate) mod document;
pub mod events;
pub(crate) mod input;
pub(crate) mod keys;
pub(crate) mod kustomize;
pub(crate) mod labels;
pub mod manifest;
pub mod options;
pub(crate) mod redact;
pub(crate) mod reference;
pub(crate) mod tree;
