//! One registry login (`registry`, `username`, `password`, `email`), as `add` and the global
//! pull secret take it, read from options the way `oc registry login --auth-basic` reads it.
//!
//! May use: `syntax`, `go`, `diagnostics`, `model`, `rules`.

use crate::model::redact::Secret;
use serde::Deserialize;

/// One registry login to add or replace. `Debug` redacts the password. Read from `{registry,
/// username, password, email?}` or `{registry, authBasic: "user:password", email?}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "LoginInput")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(as = "LoginInput"))]
pub struct RegistryLogin {
    /// The key, verbatim (`quay.io`, `registry.example.com/team/repo`).
    pub registry: String,
    pub username: String,
    pub password: Secret,
    pub email: Option<String>,
}

/// A login as options give it: `username`/`password`, or `authBasic` in their place.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub(crate) struct LoginInput {
    /// The key, verbatim; may include a repository path (`quay.io/my-org`).
    #[serde(default)]
    pub registry: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub username: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub password: Secret,
    pub email: Option<String>,
    /// `user:password` in place of `username` and `password` (split at the first `:`, as
    /// `oc registry login --auth-basic`).
    pub auth_basic: Option<Secret>,
}

/// `--auth-basic=USER:PASSWORD`, split at the first `:` as oc does; it wins over
/// `username`/`password`.
impl TryFrom<LoginInput> for RegistryLogin {
    type Error = &'static str;
    fn try_from(i: LoginInput) -> Result<Self, Self::Error> {
        let (username, password) = match &i.auth_basic {
            Some(basic) => match basic.expose().split_once(':') {
                Some((u, p)) => (u.into(), p.into()),
                None => return Err("authBasic must be in the form user:password"),
            },
            None => (i.username, i.password),
        };
        Ok(RegistryLogin {
            registry: i.registry,
            username,
            password,
            email: i.email,
        })
    }
}
