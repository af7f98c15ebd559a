//! `create`: a config exactly as `kubectl create secret docker-registry` builds it.
//!
//! kubectl (`pkg/cmd/create/create_secret_docker.go`) writes one entry keyed by
//! `--docker-server` verbatim (default `https://index.docker.io/v1/`), with the fields
//! `username, password, email, auth` in that order, `email` omitted when empty, `auth` the padded
//! base64 of the UTF-8 `username:password`, serialised by Go's `json.Marshal`.

use crate::diagnostics::{Error, ErrorCode};
use crate::go::base64 as b64;
use crate::go::json::Writer;

/// kubectl's default `--docker-server`.
pub const DEFAULT_SERVER: &str = "https://index.docker.io/v1/";

/// Options of [`create`]: `{server?, username, password, email?}`. `Debug` redacts the
/// password.
#[derive(Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct CreateOptions {
    /// Registry key; default `https://index.docker.io/v1/` (Docker Hub, as kubectl).
    pub server: Option<String>,
    pub username: String,
    pub password: String,
    /// Optional; left out of the JSON when empty.
    pub email: Option<String>,
}

impl std::fmt::Debug for CreateOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreateOptions")
            .field("server", &self.server)
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("email", &self.email)
            .finish()
    }
}

/// Builds the `.dockerconfigjson` bytes kubectl would build from the same flags.
pub fn create(opts: &CreateOptions) -> Result<String, Error> {
    let server = opts.server.as_deref().unwrap_or(DEFAULT_SERVER);
    if server.is_empty() || opts.username.is_empty() || opts.password.is_empty() {
        let missing: std::vec::Vec<&str> = [
            ("server", server.is_empty()),
            ("username", opts.username.is_empty()),
            ("password", opts.password.is_empty()),
        ]
        .iter()
        .filter(|(_, m)| *m)
        .map(|(n, _)| *n)
        .collect();
        let missing = missing.join(", ");
        return Err(Error::option(
            ErrorCode::MissingOption,
            format!("{missing} must not be empty (kubectl: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required)"),
        ));
    }
    let mut w = Writer::new();
    w.begin_object()
        .key("auths")
        .begin_object()
        .key(server)
        .begin_object();
    w.field("username", &opts.username)
        .field("password", &opts.password);
    w.opt_field("email", opts.email.as_deref().filter(|e| !e.is_empty()));
    w.field("auth", &b64::basic(&opts.username, &opts.password));
    w.end_object().end_object().end_object();
    Ok(w.finish())
}
