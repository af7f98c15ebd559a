//! The error type of the operations that can refuse their input (`parse`, `create`,
//! `to_secret`). `validate` never fails: it reports.

use crate::diagnostics::{Code, Diagnostic};
use crate::syntax::lines::Position;
use std::fmt;

/// Why an operation refused. Carries a stable code and, when the problem is in the input text,
/// its 1-based position and byte span. The message never contains a credential.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    /// Where the problem starts in the input (1-based line; column in Unicode characters).
    pub position: Option<Position>,
    /// The bytes of the input (UTF-8 offsets, `start..end`) the problem is about.
    pub span: Option<std::ops::Range<usize>>,
    /// Which of several inputs the problem is in (0-based): `merge`'s configs. The message
    /// names it too (`config 1: …`); a caller with names for its inputs (the `pullsecret`
    /// command's file names) uses this instead of reading the text.
    pub input: Option<usize>,
}

/// Error codes: every diagnostic code, plus the ones only an operation can raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// The input has an error-severity diagnostic.
    Diagnostic(Code),
    /// A required option is missing or empty (`username`, `password`, `server`, `name`).
    MissingOption,
    /// An option has a value that cannot be used.
    InvalidOption,
    /// `remove`: no key of the file names the registry (podman logout: "not logged in").
    NotLoggedIn,
    /// `merge` with `onConflict: "error"`: two configs hold different entries for one registry.
    MergeConflict,
    /// `add` in podman style: a key `podman login` refuses to write.
    KeyRefused,
    /// The edit cannot be written in the requested style or format without losing data.
    Unsupported,
    /// A JavaScript function was called with an argument of the wrong type, or with a string
    /// that is not valid Unicode (a lone surrogate); the message names the argument and the
    /// expected type. Raised by the JavaScript bindings, with the rules of `argument`.
    InvalidArgument,
}

impl ErrorCode {
    /// The codes only an operation raises (every diagnostic code is an error code too); the
    /// TypeScript `ErrorCode` union is generated from it (a unit test keeps it complete).
    pub const OPERATION: &'static [ErrorCode] = &[
        ErrorCode::MissingOption,
        ErrorCode::InvalidOption,
        ErrorCode::NotLoggedIn,
        ErrorCode::MergeConflict,
        ErrorCode::KeyRefused,
        ErrorCode::Unsupported,
        ErrorCode::InvalidArgument,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Diagnostic(c) => c.as_str(),
            ErrorCode::MissingOption => "missing-option",
            ErrorCode::InvalidOption => "invalid-option",
            ErrorCode::NotLoggedIn => "not-logged-in",
            ErrorCode::MergeConflict => "merge-conflict",
            ErrorCode::KeyRefused => "key-refused",
            ErrorCode::Unsupported => "unsupported",
            ErrorCode::InvalidArgument => "invalid-argument",
        }
    }
}

impl Error {
    #[inline(never)] // one copy per message type instead of one per call site (wasm size)
    pub fn option(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            position: None,
            span: None,
            input: None,
        }
    }

    /// `d` as an error at `position`, about the bytes `span` of the input.
    pub(crate) fn from_diagnostic(
        d: &Diagnostic,
        position: Option<Position>,
        span: Option<std::ops::Range<usize>>,
    ) -> Self {
        Error {
            code: ErrorCode::Diagnostic(d.code),
            message: String::from(&*d.message),
            position,
            span,
            input: None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(p) => write!(
                f,
                "{}:{}: {} [{}]",
                p.line,
                p.column,
                self.message,
                self.code.as_str()
            ),
            None => write!(f, "{} [{}]", self.message, self.code.as_str()),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn operation_lists_every_operation_code() {
        // A new variant fails to compile here: list it in `OPERATION` too, then here.
        let listed = |c: ErrorCode| match c {
            ErrorCode::Diagnostic(_) => false,
            ErrorCode::MissingOption
            | ErrorCode::InvalidOption
            | ErrorCode::NotLoggedIn
            | ErrorCode::MergeConflict
            | ErrorCode::KeyRefused
            | ErrorCode::Unsupported
            | ErrorCode::InvalidArgument => true,
        };
        assert!(ErrorCode::OPERATION.iter().all(|&c| listed(c)));
        assert_eq!(ErrorCode::OPERATION.len(), 7);
    }
}
