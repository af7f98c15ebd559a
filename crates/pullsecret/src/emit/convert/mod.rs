//! `convert`: one config, written as each runtime wants its credentials.
//!
//! The same credentials end up in many files: Podman's `auth.json`, Docker's `config.json`, the
//! legacy `.dockercfg`, rkt's `auth.d/*.json`, the Mesos `docker.tar.gz`, a Flatcar Butane
//! config. Each writer keeps a different field set and spells registry keys its own way, so a
//! hand conversion silently loses things (a `credHelpers` map, an identity token, a namespaced
//! key). [`convert`] produces the exact bytes for one target and lists everything it dropped or
//! changed, with the reason, so the CLI, the WebAssembly and the Node packages say the same.

mod butane;
mod mesos;
mod rkt;

use crate::diagnostics::Error;
use crate::go::base64 as b64;
use crate::go::json::Writer;
use crate::model::config::Config;
use crate::model::keys;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What to write (read and serialized as `auth.json`, `config.json`, `dockercfg`, `rkt`,
/// `butane`, `mesos`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "lowercase",
    expecting = "one of auth.json, config.json, dockercfg, rkt, butane, mesos"
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Target {
    /// Podman/skopeo/buildah `auth.json`, as `podman login` writes it.
    #[serde(rename = "auth.json")]
    AuthJson,
    /// Docker `config.json`, as the Docker CLI writes it.
    #[serde(rename = "config.json")]
    ConfigJson,
    /// Legacy `.dockercfg` (registries at the top level), kubectl's entry shape.
    DockerCfg,
    /// rkt `/etc/rkt/auth.d/*.json`: one `auth` and one `dockerAuth` file per registry.
    Rkt,
    /// Flatcar Butane config writing `/home/core/.docker/config.json`.
    Butane,
    /// Mesos/Marathon `docker.tar.gz` plus the app definition's `uris`/`fetch` snippets.
    Mesos,
}

impl Target {
    const ALL: [(&'static str, Target); 6] = [
        ("auth.json", Target::AuthJson),
        ("config.json", Target::ConfigJson),
        ("dockercfg", Target::DockerCfg),
        ("rkt", Target::Rkt),
        ("butane", Target::Butane),
        ("mesos", Target::Mesos),
    ];

    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map_or("", |(n, _)| n)
    }
}

/// Options of [`convert`]: `{to, source?, uri?}` (`to` required).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct ConvertOptions {
    pub to: Target,
    /// Butane: fetch the config from this URL (`contents.source`) with its sha512 instead of
    /// inlining it; the file to upload is returned too.
    pub source: Option<String>,
    /// Mesos: where the agents find the archive (default `file:///etc/docker.tar.gz`).
    pub uri: Option<String>,
}

/// A file's bytes: text, or binary (the Mesos archive). Serialized as a string, or as bytes
/// (a `Uint8Array` in JavaScript).
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Content {
    Text(String),
    Bytes(
        #[serde(with = "bytes")]
        #[cfg_attr(feature = "ts", ts(type = "Uint8Array"))]
        Vec<u8>,
    ),
}

/// `Vec<u8>` as bytes, not as a list of numbers.
mod bytes {
    pub fn serialize<S: serde::Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(b)
    }
}

impl Content {
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Content::Text(t) => t.as_bytes(),
            Content::Bytes(b) => b,
        }
    }
}

/// Credentials inside: `Debug` shows only the size.
impl fmt::Debug for Content {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Content::Text(t) => write!(f, "Text(<{} bytes redacted>)", t.len()),
            Content::Bytes(b) => write!(f, "Bytes(<{} bytes redacted>)", b.len()),
        }
    }
}

/// One file to write.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutputFile {
    /// Relative file name to save it under (`auth.json`, `auth.d/quay.io.json`, …).
    pub path: String,
    /// Where it goes on the machine that uses it (`/etc/rkt/auth.d/quay.io.json`, …).
    pub target: String,
    /// Permission bits (`0o600` for anything holding a secret).
    pub mode: u32,
    pub content: Content,
}

/// Something text to paste elsewhere (the Marathon app's `uris`, DC/OS `fetch`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Snippet {
    pub name: String,
    pub text: String,
}

/// A thing the target cannot hold or spells differently, and why. Never contains a secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Note {
    pub what: String,
    pub why: String,
}

/// The result of [`convert`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Converted {
    pub to: Target,
    pub files: Vec<OutputFile>,
    pub snippets: Vec<Snippet>,
    /// Left out of the output.
    pub dropped: Vec<Note>,
    /// Written differently from the input (key spelling, `auth` computed, …).
    pub changed: Vec<Note>,
}

/// One registry's credentials, as the writers need them.
pub(crate) struct Cred<'c> {
    /// The key as written in the input.
    pub key: &'c str,
    /// `user:password` as text, when the entry has credentials.
    pub user_pass: Option<(String, String)>,
    /// `user_pass` came from the `username`/`password` fields (no `auth`).
    pub from_fields: bool,
    pub identity_token: Option<&'c str>,
    pub registry_token: Option<&'c str>,
    pub email: Option<&'c str>,
}

impl Converted {
    fn new(to: Target) -> Self {
        Converted {
            to,
            files: Vec::new(),
            snippets: Vec::new(),
            dropped: Vec::new(),
            changed: Vec::new(),
        }
    }

    pub(crate) fn drop(&mut self, what: &str, why: &str) {
        self.dropped.push(Note {
            what: what.into(),
            why: why.into(),
        });
    }

    pub(crate) fn change(&mut self, what: &str, why: &str) {
        self.changed.push(Note {
            what: what.into(),
            why: why.into(),
        });
    }

    pub(crate) fn file(&mut self, path: String, target: String, mode: u32, content: Content) {
        self.files.push(OutputFile {
            path,
            target,
            mode,
            content,
        });
    }
}

/// Writes the credentials of `config` (a config file, base64 of one, or a Secret) as `opts.to`.
pub fn convert(config: &str, opts: &ConvertOptions) -> Result<Converted, Error> {
    crate::model::document::read_config(config, &[], |_, _, cfg| {
        let mut out = Converted::new(opts.to);
        let creds = credentials(cfg, &mut out);
        match opts.to {
            Target::AuthJson | Target::ConfigJson | Target::DockerCfg => {
                let (text, path, target) = match opts.to {
                    Target::AuthJson => (
                        auth_json(cfg, &creds, &mut out),
                        "auth.json",
                        "${XDG_RUNTIME_DIR}/containers/auth.json",
                    ),
                    Target::ConfigJson => (
                        docker_config_json(cfg, &creds, &mut out),
                        "config.json",
                        "~/.docker/config.json",
                    ),
                    _ => (
                        dockercfg(cfg, &creds, &mut out),
                        ".dockercfg",
                        "~/.dockercfg",
                    ),
                };
                out.file(path.into(), target.into(), 0o600, Content::Text(text));
            }
            Target::Rkt => crate::emit::convert::rkt::write(cfg, &creds, &mut out),
            Target::Butane => {
                let text = docker_config_json(cfg, &creds, &mut out);
                crate::emit::convert::butane::write(&text, opts.source.as_deref(), &mut out)
            }
            Target::Mesos => {
                let text = docker_config_json(cfg, &creds, &mut out);
                crate::emit::convert::mesos::write(&text, opts.uri.as_deref(), &mut out)?
            }
        }
        Ok(out)
    })?
}

/// Each effective entry's credentials: `auth` decoded (first `:` splits), else the
/// `username`/`password` fields.
fn credentials<'c>(cfg: &Config<'c>, out: &mut Converted) -> Vec<Cred<'c>> {
    let mut v = Vec::new();
    for e in cfg.effective() {
        if e.invalid {
            out.drop(
                &format!("entry `{}`", e.key),
                "a field has the wrong JSON type, so the Go clients that read that field refuse this file (see `wrong-type`)",
            );
            continue;
        }
        let from_auth = e
            .auth
            .filter(|a| !a.value.is_empty())
            .map(|a| b64::decode_go(&b64::STD, a.value).or_else(|| b64::kubelet_decode(a.value)));
        let mut from_fields = false;
        let user_pass = match from_auth {
            Some(Some(bytes)) => match String::from_utf8_lossy(&bytes).split_once(':') {
                Some((u, p)) => Some((u.into(), p.into())),
                None => {
                    out.drop(
                        &format!("entry `{}`", e.key),
                        "its `auth` does not decode to user:password",
                    );
                    continue;
                }
            },
            Some(None) => {
                out.drop(&format!("entry `{}`", e.key), "its `auth` is not base64");
                continue;
            }
            None => match (e.username, e.password) {
                (None, None) => None,
                (u, p) => {
                    from_fields = true;
                    Some((
                        u.map_or("", |f| f.value).into(),
                        p.map_or("", |f| f.value).into(),
                    ))
                }
            },
        };
        for f in &e.other_fields {
            out.drop(&format!("field `{f}` of `{}`", e.key), "no client reads it");
        }
        v.push(Cred {
            key: e.key,
            user_pass,
            from_fields,
            identity_token: e.identity_token.map(|f| f.value).filter(|t| !t.is_empty()),
            registry_token: e.registry_token.map(|f| f.value).filter(|t| !t.is_empty()),
            email: e.email.map(|f| f.value).filter(|t| !t.is_empty()),
        });
    }
    v
}

/// Notes the entries whose `auth` this writer computes from `username`/`password`.
fn note_computed_auth(creds: &[Cred<'_>], out: &mut Converted, why: &str) {
    for c in creds.iter().filter(|c| c.from_fields) {
        out.change(
            &format!("entry `{}`", c.key),
            &format!("`auth` computed from its `username` and `password`: {why}"),
        );
    }
}

/// Maps every credential to its key in the output, keeping one credential per output key: the
/// one already spelled that way, else the first. Returns `(output key, cred)` sorted by key, as
/// Go's encoder sorts map keys.
pub(crate) fn rekey<'a, 'c>(
    creds: &'a [Cred<'c>],
    out: &mut Converted,
    target_name: &str,
    map: &dyn Fn(&str) -> (String, Option<&'static str>),
) -> Vec<(String, &'a Cred<'c>)> {
    let mut keyed: Vec<(String, &Cred<'c>)> = Vec::new();
    let mapped: Vec<(String, Option<&'static str>)> = creds.iter().map(|c| map(c.key)).collect();
    for (i, c) in creds.iter().enumerate() {
        let (k, why) = &mapped[i];
        if k.is_empty() {
            out.drop(
                &format!("entry `{}`", c.key),
                "its key names no registry host",
            );
            continue;
        }
        // The entry already spelled this way, else a registry-wide one, else the first.
        let rank = |j: usize| {
            let key = creds[j].key;
            let bare = key
                .strip_prefix("https://")
                .or_else(|| key.strip_prefix("http://"));
            if key == mapped[j].0 {
                0
            } else if bare.is_some() || !key.contains('/') {
                1
            } else {
                2
            }
        };
        let winner = (0..creds.len())
            .filter(|&j| mapped[j].0 == *k)
            .min_by_key(|&j| (rank(j), j))
            .unwrap_or(i);
        if winner != i {
            out.drop(
                &format!("entry `{}`", c.key),
                &format!(
                    "{target_name} reads it as `{k}`, which entry `{}` already provides",
                    creds[winner].key
                ),
            );
            continue;
        }
        if k != c.key {
            out.change(
                &format!("key `{}` written as `{k}`", c.key),
                why.unwrap_or("the spelling this writer uses"),
            );
        }
        keyed.push((k.clone(), c));
    }
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed
}

fn is_hub_host(h: &str) -> bool {
    matches!(h, "docker.io" | "index.docker.io" | "registry-1.docker.io")
}

/// The key `podman login` would write for the registry (or namespace) `key` names.
fn podman_key(key: &str) -> (String, Option<&'static str>) {
    if key.starts_with("http://") || key.starts_with("https://") {
        let host = keys::parse_url(key).map_or("", |u| u.host);
        let host = if is_hub_host(host) { "docker.io" } else { host };
        return (
            host.into(),
            Some("podman login keeps only the host of a URL (`replaceURLByHostPort`), and writes Docker Hub as `docker.io`"),
        );
    }
    let (host, path) = key.split_once('/').unwrap_or((key, ""));
    let valid_path = !path.is_empty()
        && path.split('/').all(|seg| {
            !seg.is_empty()
                && seg
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
        });
    let host_out = if is_hub_host(host) { "docker.io" } else { host };
    let mut k = String::from(host_out);
    if valid_path {
        k.push('/');
        k.push_str(path);
    }
    let why = if !path.is_empty() && !valid_path {
        "containers/image reads a schemeless key with a path as a repository namespace; this path is not one, so only the host is kept"
    } else {
        "podman login writes Docker Hub as `docker.io` (containers/image folds its aliases)"
    };
    (k, Some(why))
}

/// The key the Docker CLI uses for the registry `key` names.
fn docker_key(key: &str) -> (String, Option<&'static str>) {
    let host = keys::docker_hostname(key);
    if is_hub_host(&host) {
        return (
            keys::DOCKER_HUB_KEY.into(),
            Some("the Docker CLI reads Docker Hub credentials only under `https://index.docker.io/v1/`"),
        );
    }
    (
        host.into_owned(),
        Some("the Docker CLI keys credentials by host name (`ConvertToHostname`); it has no per-namespace credentials"),
    )
}

/// Podman `auth.json`: `json.MarshalIndent(…, "", "\t")` of `{auths: {key: {auth, identitytoken}},
/// credHelpers}` (containers/image `modifyJSON`): no trailing newline, everything else dropped.
fn auth_json(cfg: &Config<'_>, creds: &[Cred<'_>], out: &mut Converted) -> String {
    drop_unsupported(
        cfg,
        creds,
        out,
        &Unsupported {
            helpers: None,
            store: Some("containers/image has no credsStore; podman login drops it"),
            other_keys: "podman login drops unknown top-level keys",
            email: Some(AUTH_JSON_FIELDS),
            identity_token: None,
            registry_token: Some(AUTH_JSON_FIELDS),
        },
    );
    note_computed_auth(creds, out, "containers/image reads only `auth`");
    let keyed = rekey(creds, out, "containers/image", &podman_key);
    let mut w = Writer::indented("\t");
    w.begin_object();
    write_auths(&mut w, &keyed, false);
    write_helpers(&mut w, cfg);
    w.end_object();
    w.finish()
}

/// Docker `config.json`: `SaveToWriter` — `MarshalIndent(…, "", "\t")` of `ConfigFile`, entries
/// reduced to `auth`, `identitytoken`, `registrytoken`; `auths`, then `credsStore`, `credHelpers`
/// in the struct's order; no trailing newline.
pub(crate) fn docker_config_json(
    cfg: &Config<'_>,
    creds: &[Cred<'_>],
    out: &mut Converted,
) -> String {
    drop_unsupported(
        cfg,
        creds,
        out,
        &Unsupported {
            helpers: None,
            store: None,
            other_keys: "pullsecret writes credential settings only",
            email: Some("docker/cli v29 removed `email`; no registry uses it"),
            identity_token: None,
            registry_token: None,
        },
    );
    note_computed_auth(
        creds,
        out,
        "the Docker CLI stores credentials only as `auth`",
    );
    let keyed = rekey(creds, out, "the Docker CLI", &docker_key);
    let mut w = Writer::indented("\t");
    w.begin_object();
    write_auths(&mut w, &keyed, true);
    w.opt_field("credsStore", cfg.creds_store);
    write_helpers(&mut w, cfg);
    w.end_object();
    w.finish()
}

/// The `auths` object of podman's and docker's files: `auth`, `identitytoken` and, for docker,
/// `registrytoken`. Docker (`docker`) leaves `auth` out for an empty user and password, as its
/// `encodeAuth` does; podman writes what it was given.
fn write_auths(w: &mut Writer, keyed: &[(String, &Cred<'_>)], docker: bool) {
    w.key("auths").begin_object();
    for (k, c) in keyed {
        w.key(k).begin_object();
        if let Some((u, p)) = &c.user_pass {
            if !(docker && u.is_empty() && p.is_empty()) {
                w.field("auth", &b64::basic(u, p));
            }
        }
        w.opt_field("identitytoken", c.identity_token);
        if docker {
            w.opt_field("registrytoken", c.registry_token);
        }
        w.end_object();
    }
    w.end_object();
}

/// Legacy `.dockercfg`: the registry map at the top level, entries as kubectl's
/// `DockerConfigEntry` (`username, password, email, auth`), compact `json.Marshal`.
fn dockercfg(cfg: &Config<'_>, creds: &[Cred<'_>], out: &mut Converted) -> String {
    drop_unsupported(
        cfg,
        creds,
        out,
        &Unsupported {
            helpers: Some(
                "`.dockercfg` has no credential helpers: those registries get no credentials",
            ),
            store: Some("`.dockercfg` has no credential store"),
            other_keys: "`.dockercfg` holds registry entries only",
            email: None,
            identity_token: Some("`.dockercfg` entries have no identity token"),
            registry_token: Some("`.dockercfg` entries have no registry token"),
        },
    );
    let keyed = rekey(creds, out, ".dockercfg", &|k| (k.into(), None));
    let mut w = Writer::new();
    w.begin_object();
    for (k, c) in &keyed {
        w.key(k).begin_object();
        if let Some((u, p)) = &c.user_pass {
            w.opt_field("username", Some(u.as_str()).filter(|s| !s.is_empty()));
            w.opt_field("password", Some(p.as_str()).filter(|s| !s.is_empty()));
            w.opt_field("email", c.email);
            w.field("auth", &b64::basic(u, p));
        } else {
            w.opt_field("email", c.email);
        }
        w.end_object();
    }
    w.end_object();
    w.finish()
}

const AUTH_JSON_FIELDS: &str = "auth.json entries hold only `auth` and `identitytoken`";

/// What a target cannot hold, with the reason for each (`None`: it holds it).
pub(crate) struct Unsupported<'r> {
    pub helpers: Option<&'r str>,
    pub store: Option<&'r str>,
    pub other_keys: &'r str,
    pub email: Option<&'r str>,
    pub identity_token: Option<&'r str>,
    pub registry_token: Option<&'r str>,
}

/// Notes every part of the input that the target drops.
pub(crate) fn drop_unsupported(
    cfg: &Config<'_>,
    creds: &[Cred<'_>],
    out: &mut Converted,
    u: &Unsupported<'_>,
) {
    if let (Some(why), false) = (u.helpers, cfg.cred_helpers.is_empty()) {
        out.drop("credHelpers", why);
    }
    if let (Some(why), Some(s)) = (u.store, cfg.creds_store) {
        out.drop(&format!("credsStore `{s}`"), why);
    }
    for k in &cfg.other_keys {
        out.drop(&format!("top-level key `{k}`"), u.other_keys);
    }
    for c in creds {
        for (field, present, why) in [
            ("email", c.email.is_some(), u.email),
            (
                "identitytoken",
                c.identity_token.is_some(),
                u.identity_token,
            ),
            (
                "registrytoken",
                c.registry_token.is_some(),
                u.registry_token,
            ),
        ] {
            if let (true, Some(why)) = (present, why) {
                out.drop(&format!("{field} of `{}`", c.key), why);
            }
        }
    }
}

fn write_helpers(w: &mut Writer, cfg: &Config<'_>) {
    if cfg.cred_helpers.is_empty() {
        return;
    }
    // Go keeps the last of repeated keys: reverse, then a stable sort puts it first.
    let mut helpers: Vec<&(&str, &str)> = cfg.cred_helpers.iter().rev().collect();
    helpers.sort_by(|a, b| a.0.cmp(b.0));
    helpers.dedup_by(|b, a| a.0 == b.0);
    w.key("credHelpers").begin_object();
    for (k, v) in helpers {
        w.field(k, v);
    }
    w.end_object();
}
