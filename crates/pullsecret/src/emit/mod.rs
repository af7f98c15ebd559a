//! Layer 6, `emit`: every artefact the workflows need, byte-identical to the tool that makes it.
//!
//! The Secret as kubectl prints it (with its `--append-hash` name), the cluster objects that put
//! a pull secret to use (ServiceAccount links, RoleBindings, Pod and Workflow snippets,
//! delegated-auth Secrets), the OpenShift global pull secret, and `convert` to every runtime's
//! credential file.
//!
//! May use: every layer below (`syntax`, `go`, `diagnostics`, `model`, `rules`, `edit`).

pub(crate) mod convert;
pub(crate) mod global;
pub(crate) mod hash;
pub(crate) mod objects;
pub(crate) mod secret;
