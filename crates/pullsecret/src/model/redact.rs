//! A string that never shows itself in `Debug` or `Display`.
//!
//! Passwords, tokens and `auth` values are wrapped in [`Secret`] as soon as they are read, so a
//! stray `{:?}` in a log line, a panic message or a test failure prints `Secret(<redacted>)`.

use std::fmt;

#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// The secret text. Call only to hand it to the user who owns it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret(s.into())
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(s)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Serialized as the plain text: only results the user asked for hold a `Secret` (`parse`'s
/// credentials), and serializing is handing them over.
impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

// A plain string in TypeScript, as it is (de)serialized.
#[cfg(feature = "ts")]
ts_inline!(Secret, "string");
