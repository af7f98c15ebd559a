//! Layer 2, `diagnostics`: the vocabulary of findings and refusals.
//!
//! Why it exists: the checks (in `model` and `rules`) and the operations that refuse input share
//! one vocabulary, defined below them so that neither depends on the other. [`Code`] and the
//! catalogue (`catalog.rs`: each code's name, severity, clients, docs and fix, defined once;
//! `docs/diagnostics.md` is generated from it), [`Diagnostic`] (a finding of `validate`, with
//! its `help` and labelled spans) and [`Error`] (why an operation refused its input or options).
//! All carry positions from the `syntax` layer and never a secret.
//!
//! May use: `syntax`, `go`.

mod catalog;
mod diagnostic;
mod error;

pub use catalog::{Code, Example, Family};
pub(crate) use diagnostic::*;
pub use diagnostic::{Diagnostic, Label, Severity};
pub use error::{Error, ErrorCode};
