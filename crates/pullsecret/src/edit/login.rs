//! One registry login (`registry`, `username`, `password`, `email`), as `add` and the global
//! pull secret take it, read from options the way `oc registry login --auth-basic` reads it.

use crate::diagnostics::{Error, ErrorCode};
use crate::model::options::Options;
use crate::model::redact::Secret;

/// One registry login to add or replace. `Debug` redacts the password.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegistryLogin {
    /// The key, verbatim (`quay.io`, `registry.example.com/team/repo`).
    pub registry: String,
    pub username: String,
    pub password: Secret,
    pub email: Option<String>,
}

pub(crate) const LOGIN_KEYS: &[&str] = &["registry", "username", "password", "email", "authBasic"];

/// `--auth-basic=USER:PASSWORD`, split at the first `:` as oc does. Problems are kept in `o`.
pub(crate) fn login(o: &Options<'_>) -> RegistryLogin {
    let (username, password) = match o.string("authBasic") {
        Some(basic) => match basic.split_once(':') {
            Some((u, p)) => (u.into(), p.into()),
            None => {
                o.fail(Error::option(
                    ErrorCode::InvalidOption,
                    "authBasic must be in the form user:password",
                ));
                (String::new(), String::new())
            }
        },
        None => (o.text("username"), o.text("password")),
    };
    RegistryLogin {
        registry: o.text("registry"),
        username,
        password: password.into(),
        email: o.string("email"),
    }
}
