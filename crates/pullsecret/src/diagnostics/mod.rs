//! Layer 2, `diagnostics`: the vocabulary of findings and refusals.
//!
//! [`Diagnostic`] (a finding of `validate`, with a stable [`Code`] from the catalogue) and
//! [`Error`] (why an operation refused its input or options). Both carry positions from the
//! `syntax` layer and never a secret.
//!
//! May use: `syntax`, `go`.

mod diagnostic;
mod error;

pub(crate) use diagnostic::*;
pub use diagnostic::{Code, Diagnostic, Severity};
pub use error::{Error, ErrorCode};
