//! Layer 4, `rules`: what each client does with a file.
//!
//! `validate` (every check, with per-client verdicts for kubelet, containers/image and docker),
//! `expiry` (tokens' expiry, checked only against a time the caller gives), the key checks
//! they share with `lookup`, and `lookup` (which credential a pull sends).
//! One computation per answer: the entry table, the client summary and `lookup` all come from
//! the verdicts computed here.
//!
//! May use: `syntax`, `go`, `diagnostics`, `model`.

pub(crate) mod expiry;
pub(crate) mod explain;
pub(crate) mod keycheck;
pub(crate) mod lookup;
pub(crate) mod repository;
pub(crate) mod validate;
pub(crate) mod verdict;
pub mod verify;
pub(crate) mod workloads;
