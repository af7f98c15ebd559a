//! Checks on the labels and annotations put on a Secret.
//!
//! `kubectl create secret` has no label flags; `kubectl label --local` adds them and refuses a bad
//! label *value* itself (`IsValidLabelValue`). Bad *keys* kubectl passes on and the API server
//! refuses (`IsQualifiedName`, for labels and annotations alike); pullsecret refuses them up front,
//! so that no manifest it prints is one the cluster would reject for its metadata.

use crate::diagnostics::{Error, ErrorCode};

/// `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`, at most 63 bytes: a label value (or empty) and the
/// name part of a qualified name.
fn is_name_part(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: &u8| c.is_ascii_alphanumeric();
    !b.is_empty()
        && b.len() <= 63
        && alnum(&b[0])
        && alnum(&b[b.len() - 1])
        && b.iter()
            .all(|c| alnum(c) || matches!(c, b'-' | b'_' | b'.'))
}

/// Kubernetes `IsQualifiedName`: `[prefix/]name`.
pub(crate) fn is_qualified_name(s: &str) -> bool {
    match s.split_once('/') {
        Some((prefix, name)) => crate::model::input::dns1123(prefix, false) && is_name_part(name),
        None => is_name_part(s),
    }
}

/// Kubernetes `IsValidLabelValue`: empty, or a name part.
pub(crate) fn is_label_value(s: &str) -> bool {
    s.is_empty() || is_name_part(s)
}

/// Refuses a label or annotation key the API server would refuse; `what` is `label`/`annotation`.
pub(crate) fn check_key(what: &str, key: &str) -> Result<(), Error> {
    if is_qualified_name(key) {
        return Ok(());
    }
    Err(Error::option(
        ErrorCode::InvalidOption,
        format!("invalid {what} key {}: want [DNS-subdomain/]name, name 1-63 of [-_.A-Za-z0-9] with alphanumeric ends", crate::go::json::quote(key)),
    ))
}

/// Refuses a label value as `kubectl label` does (`IsValidLabelValue`).
pub(crate) fn check_label_value(key: &str, value: &str) -> Result<(), Error> {
    if is_label_value(value) {
        return Ok(());
    }
    let mut pair = String::from(key);
    pair.push('=');
    pair.push_str(value);
    Err(Error::option(
        ErrorCode::InvalidOption,
        format!(
            "invalid label value: {}: want empty or 1-63 of [-_.A-Za-z0-9] with alphanumeric ends",
            crate::go::json::quote(&pair)
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values() {
        for ok in ["app", "a.b/c", "example.com/x_y", "Example", "k8s.io/A-1"] {
            assert!(is_qualified_name(ok), "{ok}");
        }
        for bad in [
            "",
            "bad key",
            "a/b/c",
            "-x",
            "UPPER.com/x",
            "a/",
            "/a",
            "x.",
        ] {
            assert!(!is_qualified_name(bad), "{bad}");
        }
        assert!(check_label_value("x", "").is_ok());
        assert!(check_label_value("x", "-a").is_err());
        assert!(check_label_value("x", &"a".repeat(64)).is_err());
        assert!(check_label_value("x", &"a".repeat(63)).is_ok());
    }
}
