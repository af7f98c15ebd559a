//! `lookup`: which credential a client sends when it pulls a given image.
//!
//! Each client has its own search: kubelet collects every key that matches as a URL glob (reverse
//! lexicographic order, so longer paths first) and falls back to Docker Hub's key; containers/image
//! tries the exact repository, then each parent namespace, then the host, then any key that
//! normalises to the host; the Docker CLI takes the exact host key (Docker Hub: only
//! `https://index.docker.io/v1/`), else any key whose host name matches. The answer names the
//! rule that matched, and says when a client picks among several keys at random (Go map order).

use crate::diagnostics::{Error, ErrorCode};
use crate::go::base64 as b64;
use crate::model::config::{Entry, Format};
use crate::model::document::{read_config_with, read_input_config};
use crate::model::input::{Locator, Source, TextLines};
use crate::model::keys;
use crate::model::redact::Secret;
use crate::model::reference::{self, ImageRef};
use crate::rules::verdict::Client;
use crate::syntax::lines::Position;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Options of [`lookup`]: `{client: "kubelet"|"containers"|"docker"}` (required).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LookupOptions {
    pub client: Client,
}

/// The outcome of a lookup (serialized lower-case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum LookupStatus {
    /// The first match carries credentials: they are sent.
    Credentials,
    /// An entry matches but carries no credentials: the pull is anonymous.
    Anonymous,
    /// No entry matches: the pull is anonymous.
    None,
    /// The client fails before pulling (the file or the matching entry cannot be read).
    Fails,
    /// The client asks a credential helper; the file's credentials are not used.
    Helper,
}

impl LookupStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LookupStatus::Credentials => "credentials",
            LookupStatus::Anonymous => "anonymous",
            LookupStatus::None => "none",
            LookupStatus::Fails => "fails",
            LookupStatus::Helper => "helper",
        }
    }
}

/// One entry a client would try (serialized `{registry, pointer, rule, username?,
/// hasPassword, line, column}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Match {
    /// The key as written.
    pub registry: String,
    pub pointer: String,
    /// Which rule matched: `host`, `path-prefix`, `glob`, `docker-hub-fallback` (kubelet);
    /// `exact`, `namespace`, `normalized` (containers); `exact`, `hostname` (docker).
    #[serde(serialize_with = "crate::diagnostics::fixed_text")]
    pub rule: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    pub has_password: bool,
    #[serde(flatten)]
    pub position: Position,
}

/// What [`lookup`] returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Lookup {
    pub client: Client,
    /// The normalised repository, e.g. `docker.io/library/nginx`.
    pub image: String,
    /// What the client looks credentials up with (docker: `https://index.docker.io/v1/` for Hub).
    pub server: String,
    pub status: LookupStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The client picks among the first matches in random order (several keys mean the same).
    #[serde(skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub ambiguous: bool,
    /// In the order the client tries them; containers/image and docker try only the first.
    pub matches: Vec<Match>,
}

/// Finds the credentials `opts.client` would use to pull `image` with the file `text` (any form
/// `parse` accepts). To look up several images in one file, read it once with [`PullSecret`].
pub fn lookup(text: &str, image: &str, opts: &LookupOptions) -> Result<Lookup, Error> {
    let image = parse_image(image)?;
    let table = Table::read(text, opts.client == Client::Docker)?;
    Ok(table.lookup(&image, opts.client))
}

pub(crate) fn parse_image(image: &str) -> Result<ImageRef, Error> {
    reference::parse(image).map_err(|m| Error::option(ErrorCode::InvalidOption, m))
}

/// A config (any form `parse` accepts) read once, for many lookups: the file is parsed and
/// every entry's key and credentials are read as each client reads them when it is made, so
/// [`PullSecret::lookup`] costs only the search. Each lookup returns exactly what [`lookup`]
/// returns for the same text (the same result, or the same error).
///
/// ```
/// use pullsecret::{Client, LookupOptions, LookupStatus, PullSecret};
/// let file = r#"{"auths":{"quay.io":{"auth":"dTpw"}}}"#;
/// let secret = PullSecret::new(file);
/// for image in ["quay.io/org/app", "quay.io/other/tool:1"] {
///     let found = secret.lookup(image, &LookupOptions { client: Client::Kubelet })?;
///     assert_eq!(found.status, LookupStatus::Credentials);
/// }
/// # Ok::<(), pullsecret::Error>(())
/// ```
pub struct PullSecret {
    /// The file as kubelet and containers/image read it (a whole JSON value).
    strict: Result<Table, Error>,
    /// As docker reads it (the first JSON value; data after it is ignored): read on the first
    /// docker lookup, and only when the strict reading differs.
    first_value: std::cell::OnceCell<Result<Table, Error>>,
    /// The text, for the docker reading.
    text: String,
}

impl PullSecret {
    /// Reads `text` once. Never fails: a file no client can read gives each lookup the error
    /// [`lookup`] gives.
    pub fn new(text: &str) -> PullSecret {
        PullSecret {
            strict: Table::read(text, false),
            first_value: std::cell::OnceCell::new(),
            text: text.into(),
        }
    }

    /// What `opts.client` sends to pull `image` ([`lookup`] on this file, without reading it
    /// again).
    pub fn lookup(&self, image: &str, opts: &LookupOptions) -> Result<Lookup, Error> {
        let image = parse_image(image)?;
        Ok(self.table(opts.client)?.lookup(&image, opts.client))
    }

    /// The file as `client` reads it.
    pub(crate) fn table(&self, client: Client) -> Result<&Table, Error> {
        let table = match (&self.strict, client) {
            (Ok(t), Client::Docker) if !t.first_value_only => &self.strict,
            (_, Client::Docker) => self
                .first_value
                .get_or_init(|| Table::read(&self.text, true)),
            _ => &self.strict,
        };
        table.as_ref().map_err(Error::clone)
    }
}

/// One entry as a client reads it (for `verify`, which sends what the client sends).
pub(crate) struct EntryCreds<'t> {
    pub key: &'t str,
    pub pointer: &'t str,
    pub position: Position,
    pub creds: &'t Creds,
}

impl Table {
    /// Every effective entry, in file order, with `client`'s reading of its credentials.
    pub(crate) fn entries(&self, client: Client) -> impl Iterator<Item = EntryCreds<'_>> {
        self.rows.iter().map(move |r| EntryCreds {
            key: &r.key,
            pointer: &r.pointer,
            position: r.position,
            creds: match client {
                Client::Kubelet => &r.kubelet,
                Client::Containers => &r.containers,
                Client::Docker => &r.docker,
            },
        })
    }

    /// Every secret field of every entry, as written.
    pub(crate) fn written_secrets(&self) -> impl Iterator<Item = &Secret> {
        self.rows.iter().flat_map(|r| r.written.iter())
    }

    /// Why `client` cannot read the file at all, if it cannot.
    pub(crate) fn blocked(&self, client: Client) -> Option<&'static str> {
        let i = Client::ALL.iter().position(|c| *c == client).unwrap_or(0);
        self.blocked[i].map(|v| v.reason.unwrap_or("the client cannot read this file"))
    }

    /// The credential helper `client` asks instead of the file for `server` (what it looks
    /// credentials up with): containers/image a `credHelpers` entry of the registry; docker
    /// one of the server, else `credsStore`; kubelet none.
    pub(crate) fn helper_of(&self, client: Client, server: &str) -> Option<&str> {
        let named = || {
            let found = self.cred_helpers.iter().rev().find(|(r, _)| r == server);
            found.map(|(_, h)| h.as_str())
        };
        match client {
            Client::Kubelet => None,
            Client::Containers => named(),
            Client::Docker => named()
                .or(self.creds_store.as_deref())
                .filter(|h| !h.is_empty()),
        }
    }
}

impl std::fmt::Debug for PullSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The entries hold user names: show only their number.
        let entries = self.strict.as_ref().map_or(0, |t| t.rows.len());
        f.debug_struct("PullSecret")
            .field("entries", &entries)
            .finish_non_exhaustive()
    }
}

/// What each client reads of one entry, decoded once.
struct Row {
    key: String,
    pointer: String,
    position: Position,
    /// A non-empty `identitytoken`.
    has_token: bool,
    /// kubelet's key (`None`: kubelet cannot parse it and skips the entry).
    kubelet_key: Option<String>,
    /// That key as kubelet's matcher parses it (`None`: it never matches).
    kubelet_url: Option<keys::KubeletUrl>,
    kubelet: Creds,
    containers: Creds,
    docker: Creds,
    /// The entry's secret fields as written (`password`, `auth`, `identitytoken`,
    /// `registrytoken`), for `verify`, which must never print one back.
    written: Box<[Secret]>,
}

/// One reading of a file: what every client's search needs, owned.
pub(crate) struct Table {
    format: Format,
    source: Source,
    /// Per client, why it cannot read the file at all.
    blocked: [Option<crate::rules::verdict::Verdict>; 3],
    kubelet_blind: Option<&'static str>,
    cred_helpers: Vec<(String, String)>,
    creds_store: Option<String>,
    /// The effective entries, in file order.
    rows: Vec<Row>,
    /// Rows with a kubelet key, reverse lexicographic by it; rows of one key in file order.
    kubelet_order: Vec<usize>,
    /// The input was read as its first JSON value only (data after it).
    first_value_only: bool,
    /// Why kubelet cannot decode one of the entries (the first such), found once.
    kubelet_broken: Option<&'static str>,
}

impl Table {
    fn read(text: &str, first_value: bool) -> Result<Table, Error> {
        read_config_with(text, &[], first_value, true, |input, cfg_text, cfg| {
            Table::build(input, cfg_text, cfg, None)
        })
    }

    /// One pull Secret of a manifest stream, read as `lookup` reads a file that is this Secret;
    /// `lines`: the line indexes of the stream's text and body, shared by its Secrets.
    pub(crate) fn from_input<'t>(
        input: crate::model::input::Input<'t>,
        lines: TextLines<'_, 't>,
    ) -> Result<Table, Error> {
        let mut table = None;
        read_input_config(input, &[], false, true, &mut |input, cfg_text, cfg| {
            table = Some(Table::build(input, cfg_text, cfg, Some(lines)));
        })?;
        table.ok_or_else(|| Error::option(ErrorCode::InvalidOption, "no config found"))
    }

    fn build<'t>(
        input: &crate::model::input::Input<'t>,
        cfg_text: &str,
        cfg: &crate::model::config::Config<'_>,
        lines: Option<TextLines<'_, 't>>,
    ) -> Table {
        let refused = crate::rules::verdict::refused(cfg.refused);
        let files = crate::rules::verdict::file_verdicts(input);
        let loc = Locator::new(input, cfg_text, lines);
        let rows: Vec<Row> = cfg
            .effective()
            .map(|e| {
                let kubelet_key = keys::kubelet_key(e.key).map(std::borrow::Cow::into_owned);
                Row {
                    kubelet_url: kubelet_key.as_deref().and_then(keys::KubeletUrl::parse),
                    kubelet_key,
                    key: e.key.into(),
                    pointer: e.pointer.clone(),
                    position: loc.position(e.key_span),
                    has_token: nonempty(e.identity_token).is_some(),
                    kubelet: kubelet_creds(e),
                    containers: containers_creds(e),
                    docker: docker_creds(e),
                    written: [e.password, e.auth, e.identity_token, e.registry_token]
                        .into_iter()
                        .filter_map(nonempty)
                        .map(Secret::from)
                        .collect(),
                }
            })
            .collect();
        let mut kubelet_order: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].kubelet_key.is_some())
            .collect();
        // Reverse lexicographic; entries of one key keep file order (Go map order is random).
        kubelet_order.sort_by(|&a, &b| rows[b].kubelet_key.cmp(&rows[a].kubelet_key));
        let kubelet_broken = rows.iter().find_map(|r| match r.kubelet {
            Creds::Broken(why) => Some(why),
            _ => None,
        });
        Table {
            kubelet_broken,
            format: cfg.format,
            source: input.source.clone(),
            blocked: [0, 1, 2].map(|i| files[i].or(refused[i])),
            kubelet_blind: crate::rules::validate::kubelet_blind(cfg, &input.source),
            cred_helpers: cfg
                .cred_helpers
                .iter()
                .map(|(r, h)| ((*r).into(), (*h).into()))
                .collect(),
            creds_store: cfg.creds_store.map(String::from),
            rows,
            kubelet_order,
            first_value_only: input.first_value_only,
        }
    }

    pub(crate) fn lookup(&self, image: &ImageRef, client: Client) -> Lookup {
        let i = Client::ALL.iter().position(|c| *c == client).unwrap_or(0);
        // A file the client cannot read at all (a BOM; for docker data after the value is fine).
        if let Some(v) = self.blocked[i] {
            return Lookup {
                client,
                image: image.name(),
                server: server_for(client, image),
                // docker warns and pulls anonymously; the others fail.
                status: if client == Client::Docker {
                    LookupStatus::None
                } else {
                    LookupStatus::Fails
                },
                reason: v.reason.map(String::from),
                ambiguous: false,
                matches: Vec::new(),
            };
        }
        match client {
            Client::Kubelet => self.kubelet(image),
            Client::Containers => self.containers(image),
            Client::Docker => self.docker(image),
        }
    }
}

/// What the client looks the image up with (docker: Docker Hub's URL key).
fn server_for(client: Client, image: &ImageRef) -> String {
    match client {
        Client::Docker if image.is_docker_hub() => keys::DOCKER_HUB_KEY.into(),
        Client::Docker => image.domain.clone(),
        _ => image.name(),
    }
}

/// Credentials as one client decodes them from an entry.
#[derive(Clone)]
pub(crate) enum Creds {
    Some {
        username: String,
        /// As the client sends it (`Debug` redacts it).
        password: Secret,
        /// A non-empty `identitytoken`, which containers/image and docker send as an OAuth2
        /// refresh token (kubelet's `DockerConfigEntry` has no such field).
        token: Option<Secret>,
    },
    Empty,
    Broken(&'static str),
}

impl Creds {
    fn has_password(password: &Secret, token: &Option<Secret>) -> bool {
        !password.expose().is_empty() || token.is_some()
    }
}

fn nonempty<'c>(f: Option<crate::model::config::Field<'c>>) -> Option<&'c str> {
    f.map(|f| f.value).filter(|v| !v.is_empty())
}

/// `user:password` at the first `:`; containers/image and docker trim NULs off the password.
fn split(bytes: &[u8], trim_nul: bool) -> Option<(String, String)> {
    let t = crate::syntax::lossy(bytes);
    let (u, p) = t.split_once(':')?;
    let p = if trim_nul { p.trim_matches('\0') } else { p };
    Some((u.into(), p.into()))
}

fn creds(username: String, password: String, token: Option<&str>) -> Creds {
    let (password, token) = (Secret::from(password), token.map(Secret::from));
    if username.is_empty() && !Creds::has_password(&password, &token) {
        Creds::Empty
    } else {
        Creds::Some {
            username,
            password,
            token,
        }
    }
}

/// kubelet (`DockerConfigEntry.UnmarshalJSON`): `auth` overrides the fields; padded or not.
fn kubelet_creds(e: &Entry<'_>) -> Creds {
    match nonempty(e.auth) {
        Some(a) => match b64::kubelet_decode(a) {
            None => {
                Creds::Broken("an `auth` value is not base64: kubelet rejects the whole secret")
            }
            Some(bytes) => match split(&bytes, false) {
                None => {
                    Creds::Broken("an `auth` value has no `:`: kubelet rejects the whole secret")
                }
                Some((u, p)) => creds(u, p, None),
            },
        },
        None => creds(
            nonempty(e.username).unwrap_or("").into(),
            nonempty(e.password).unwrap_or("").into(),
            None,
        ),
    }
}

/// containers/image (`decodeDockerAuth`): only `auth` (padded); no `:` means no credentials.
fn containers_creds(e: &Entry<'_>) -> Creds {
    let auth = e.auth.map_or("", |f| f.value);
    match b64::decode_go(&b64::STD, auth) {
        None => Creds::Broken(
            "the matching entry's `auth` is not padded standard base64: the pull fails",
        ),
        Some(bytes) => match split(&bytes, true) {
            None => Creds::Empty,
            Some((u, p)) => creds(u, p, nonempty(e.identity_token)),
        },
    }
}

/// docker (`LoadFromReader`): `auth` decoded when present, else the fields; tokens count.
fn docker_creds(e: &Entry<'_>) -> Creds {
    match nonempty(e.auth) {
        Some(a) => match b64::decode_go(&b64::STD, a).and_then(|b| split(&b, true)) {
            Some((u, _)) if u.is_empty() => Creds::Broken("an `auth` has an empty username: docker cannot load the config"),
            Some((u, p)) => creds(u, p, nonempty(e.identity_token)),
            None => Creds::Broken("an `auth` value is not padded base64 of `user:password`: docker cannot load the config"),
        },
        None => creds(
            nonempty(e.username).unwrap_or("").into(),
            nonempty(e.password).unwrap_or("").into(),
            nonempty(e.identity_token),
        ),
    }
}

impl Table {
    fn in_secret(&self) -> Option<&str> {
        match &self.source {
            Source::Secret { secret: s } => Some(s.key.as_str()),
            _ => None,
        }
    }

    fn kubelet(&self, image: &ImageRef) -> Lookup {
        kubelet_keyring(&[self], image).lookup
    }

    fn containers(&self, image: &ImageRef) -> Lookup {
        let name = image.name();
        let registry = image.domain.as_str();
        let mut out = empty_lookup(Client::Containers, image);
        let legacy = self.format == Format::DockerCfg;
        if legacy && self.in_secret().is_none() {
            out.reason = Some("legacy `.dockercfg` format: containers/image reads it only as ~/.dockercfg, not with --authfile".into());
            return out;
        }
        if let Some(helper) = self.helper_of(Client::Containers, registry) {
            out.status = LookupStatus::Helper;
            out.reason = Some(helper_reason(helper, false));
            return out;
        }
        let mut found = None;
        for candidate in keys::containers_lookup_order(&name, legacy) {
            if let Some(r) = self.rows.iter().find(|r| r.key == candidate) {
                found = Some((
                    r,
                    if candidate == registry {
                        "exact"
                    } else {
                        "namespace"
                    },
                ));
                break;
            }
        }
        if found.is_none() {
            let want = keys::containers_normalize_registry(registry);
            let mut hits = self
                .rows
                .iter()
                .filter(|r| keys::containers_normalize_key(&r.key, legacy) == want);
            if let Some(r) = hits.next() {
                found = Some((r, "normalized"));
                out.ambiguous = hits.next().is_some();
            }
        }
        if let Some((r, rule)) = found {
            if let Creds::Broken(why) = r.containers {
                out.status = LookupStatus::Fails;
                out.reason = Some(why.into());
            }
            out.matches.push(matched(r, rule, &r.containers));
        }
        finish(out)
    }

    fn docker(&self, image: &ImageRef) -> Lookup {
        let mut out = empty_lookup(Client::Docker, image);
        let server = out.server.clone();
        if self.format == Format::DockerCfg && self.in_secret().is_none() {
            out.reason = Some("legacy `.dockercfg` format: docker no longer reads it".into());
            return out;
        }
        if let Some(r) = self.rows.iter().find(|r| r.key == server) {
            out.matches.push(matched(r, "exact", &r.docker));
        } else {
            let mut hits = self
                .rows
                .iter()
                .filter(|r| keys::docker_hostname(&r.key) == server);
            if let Some(r) = hits.next() {
                out.matches.push(matched(r, "hostname", &r.docker));
                out.ambiguous = hits.next().is_some();
            }
        }
        let found = out.matches.first().map(|m| m.pointer.clone());
        // `LoadFromReader` decodes the `auth` values in Go map order and stops at the first bad
        // one: entries decoded before it keep their credentials, the others carry none.
        let broken = self.rows.iter().find_map(|r| match r.docker {
            Creds::Broken(why) => Some((r.pointer.as_str(), why)),
            _ => None,
        });
        if let Some((pointer, why)) = broken {
            if found.as_deref() == Some(pointer) {
                out.status = LookupStatus::Fails;
                out.reason = Some(why.into());
                return out;
            }
            if found.is_some() {
                out.ambiguous = true;
                out.reason = Some("another entry's `auth` is invalid: docker stops decoding at it in random (Go map) order, so these credentials are sent only sometimes".into());
            }
        }
        if let Some(h) = self.helper_of(Client::Docker, &server) {
            // `nativeStore.Get`: when the helper cannot be run or fails, docker uses the
            // file's entry (kept in `matches`); when it has no credentials, none are sent.
            out.status = LookupStatus::Helper;
            out.reason = Some(helper_reason(h, true));
            return out;
        }
        finish(out)
    }
}

impl Table {
    /// Why kubelet cannot read this file or Secret at all (a BOM), or one of its entries
    /// (it decodes every entry when it reads the secret): then every pull with it fails.
    /// `Some(None)`: it fails for a reason without words.
    pub(crate) fn kubelet_failure(&self) -> Option<Option<&'static str>> {
        let i = Client::ALL
            .iter()
            .position(|c| *c == Client::Kubelet)
            .unwrap_or(0);
        if let Some(v) = self.blocked[i] {
            return Some(v.reason);
        }
        if self.kubelet_blind.is_some() {
            return None;
        }
        self.kubelet_broken.map(Some)
    }
}

/// What kubelet sends for one image with a pod's pull secrets: [`kubelet_keyring`]'s answer.
pub(crate) struct KeyringAnswer {
    /// As [`lookup`] answers for kubelet (for one table, exactly its answer).
    pub lookup: Lookup,
    /// For each match, the index of the table (the pull secret) it is in.
    pub from: Vec<usize>,
    /// The table whose unreadable entry fails the whole keyring.
    pub failed_by: Option<usize>,
}

/// kubelet's search over the keyring of a pod's pull secrets (`tables`, in `imagePullSecrets`
/// order): [`Keyring::lookup`] on a keyring made for one image.
pub(crate) fn kubelet_keyring(tables: &[&Table], image: &ImageRef) -> KeyringAnswer {
    Keyring::new(tables, false).lookup(image)
}

/// A pod's pull secrets as kubelet reads them into one keyring (`MakeDockerKeyring`), ready for
/// the lookups of many images (`BasicDockerKeyring.Lookup`): a Secret kubelet does not read as
/// a pull secret adds nothing; one entry it cannot decode fails every pull; the keys of every
/// Secret are tried reverse-lexicographically, and the credentials of one key in
/// `imagePullSecrets` order, then file order; Docker Hub's key is the fallback. [`lookup`] for
/// kubelet is this search over one table.
pub(crate) struct Keyring<'t> {
    tables: Vec<&'t Table>,
    /// Why kubelet fails every pull, and the table that makes it fail.
    failure: Option<(usize, Option<&'static str>)>,
    /// Every (table, row) with a kubelet key, reverse lexicographic by key; stable, so one
    /// key's rows stay in table order, then file order.
    order: Vec<(usize, usize)>,
    /// With an index (for many lookups): the positions in `order` of the keys of each host
    /// (a key can only match an image of its own host, unless its host is a pattern), of the
    /// keys whose host is a pattern, and of Docker Hub's fallback key.
    index: Option<HostIndex<'t>>,
}

struct HostIndex<'t> {
    by_host: HashMap<&'t str, HostKeys<'t>>,
    patterns: Vec<usize>,
    hub: Vec<usize>,
}

/// The keys of one host: a key matches an image of its host when its path is a string prefix
/// of the image's (and the ports agree), so only the image path's prefixes of the lengths the
/// keys have are looked up: a lookup costs at most one hash per distinct key path length
/// (fewer than 256, the longest image name), not one match per key.
#[derive(Default)]
struct HostKeys<'t> {
    /// Every position, in order.
    all: Vec<usize>,
    by_path: HashMap<&'t str, Vec<usize>>,
    /// The distinct lengths of the paths, ascending.
    lengths: Vec<usize>,
}

impl<'t> Keyring<'t> {
    /// The keyring of `tables`; `indexed` when it will answer many lookups (a workload's
    /// images): then a lookup costs the keys of the image's host, not every key.
    pub(crate) fn new(tables: &[&'t Table], indexed: bool) -> Keyring<'t> {
        let failure = tables
            .iter()
            .enumerate()
            .find_map(|(t, table)| Some((t, table.kubelet_failure()?)));
        let read: Vec<usize> = (0..tables.len())
            .filter(|&t| tables[t].kubelet_blind.is_none())
            .collect();
        let mut order: Vec<(usize, usize)> = Vec::new();
        for &t in &read {
            order.extend(tables[t].kubelet_order.iter().map(|&r| (t, r)));
        }
        if read.len() > 1 {
            let key = |&(t, r): &(usize, usize)| tables[t].rows[r].kubelet_key.as_deref();
            order.sort_by(|a, b| key(b).cmp(&key(a)));
        }
        let index = indexed.then(|| {
            let mut ix = HostIndex {
                by_host: HashMap::new(),
                patterns: Vec::new(),
                hub: Vec::new(),
            };
            for (pos, &(t, r)) in order.iter().enumerate() {
                let row = &tables[t].rows[r];
                if row.kubelet_key.as_deref() == Some("index.docker.io") {
                    ix.hub.push(pos);
                }
                match &row.kubelet_url {
                    Some(u) if u.host_is_pattern() => ix.patterns.push(pos),
                    Some(u) => {
                        let keys = ix.by_host.entry(u.host()).or_default();
                        keys.all.push(pos);
                        keys.by_path.entry(u.path()).or_default().push(pos);
                    }
                    None => {}
                }
            }
            for keys in ix.by_host.values_mut() {
                keys.lengths = keys.by_path.keys().map(|p| p.len()).collect();
                keys.lengths.sort_unstable();
                keys.lengths.dedup();
            }
            ix
        });
        Keyring {
            tables: tables.to_vec(),
            failure,
            order,
            index,
        }
    }

    /// The positions in `order` that may match `image_url`, in order.
    fn candidates(&self, image_url: Option<&keys::KubeletUrl>) -> Vec<usize> {
        match (&self.index, image_url) {
            (None, _) => (0..self.order.len()).collect(),
            (Some(_), None) => Vec::new(),
            (Some(ix), Some(u)) => {
                let mut c: Vec<usize> = ix.patterns.clone();
                if let Some(keys) = ix.by_host.get(u.host()) {
                    let path = u.path();
                    for &len in keys.lengths.iter().take_while(|&&l| l <= path.len()) {
                        if let Some(v) = path.get(..len).and_then(|p| keys.by_path.get(p)) {
                            c.extend(v);
                        }
                    }
                }
                c.sort_unstable();
                c
            }
        }
    }

    /// What kubelet sends to pull `image`.
    pub(crate) fn lookup(&self, image: &ImageRef) -> KeyringAnswer {
        let tables = &self.tables;
        let name = image.name();
        let mut out = KeyringAnswer {
            lookup: empty_lookup(Client::Kubelet, image),
            from: Vec::new(),
            failed_by: None,
        };
        if let Some((t, reason)) = self.failure {
            out.lookup.status = LookupStatus::Fails;
            out.lookup.reason = reason.map(String::from);
            out.failed_by = Some(t);
            return out;
        }
        let row = |(t, r): (usize, usize)| &tables[t].rows[r];
        let key = |at: (usize, usize)| row(at).kubelet_key.as_deref().unwrap_or("");
        let image_url = keys::KubeletUrl::parse(&name);
        let mut prev: Option<&str> = None;
        let mut first = None;
        let l = &mut out.lookup;
        for pos in self.candidates(image_url.as_ref()) {
            let at = self.order[pos];
            let r = row(at);
            let k = key(at);
            let hit = match (&r.kubelet_url, &image_url) {
                (Some(ku), Some(iu)) => ku.matches(iu),
                _ => false,
            };
            if hit {
                let rule = if keys::is_glob(k) {
                    "glob"
                } else if k.contains('/') {
                    "path-prefix"
                } else {
                    "host"
                };
                // Entries whose keys normalise alike are tried in Go map order: random (across
                // Secrets the order is `imagePullSecrets`').
                l.ambiguous |= prev == Some(k) && out.from.last() == Some(&at.0);
                prev = Some(k);
                first = first.or(Some(at));
                l.matches.push(matched(r, rule, &r.kubelet));
                out.from.push(at.0);
            }
        }
        if l.matches.is_empty() && keys::kubelet_is_default_registry(&name) {
            let hub: Vec<usize> = match &self.index {
                Some(ix) => ix.hub.clone(),
                None => (0..self.order.len()).collect(),
            };
            for pos in hub {
                let at = self.order[pos];
                if key(at) == "index.docker.io" {
                    l.ambiguous |= out.from.last() == Some(&at.0);
                    first = first.or(Some(at));
                    let r = row(at);
                    l.matches
                        .push(matched(r, "docker-hub-fallback", &r.kubelet));
                    out.from.push(at.0);
                }
            }
        }
        // kubelet sends an ACR token login's null user with an empty password.
        if let (Some(m), Some(at)) = (l.matches.first(), first) {
            let user = m.username.as_deref().unwrap_or("");
            if crate::rules::validate::is_acr_token_login_with(
                user,
                m.has_password,
                row(at).has_token,
            ) {
                l.status = LookupStatus::Fails;
                l.reason = Some(crate::rules::validate::ACR_KUBELET.into());
            }
        }
        // Nothing matched and a Secret was skipped: say why (for one table, its reason).
        if l.matches.is_empty() {
            if let Some(why) = tables.iter().find_map(|t| t.kubelet_blind) {
                l.reason = Some(why.into());
            }
        }
        let found = std::mem::replace(&mut out.lookup, empty_lookup(Client::Kubelet, image));
        out.lookup = finish(found);
        out
    }

    /// A key of the image's registry host that does not cover the image (another path or
    /// port), and the table it is in: the nearest miss.
    pub(crate) fn near_key(&self, image: &ImageRef) -> Option<(usize, &'t str)> {
        let url = keys::KubeletUrl::parse(&image.name())?;
        let positions: Box<dyn Iterator<Item = usize> + '_> = match &self.index {
            Some(ix) => Box::new(
                ix.by_host
                    .get(url.host())
                    .map_or(&[][..], |k| &k.all[..])
                    .iter()
                    .copied(),
            ),
            None => Box::new(0..self.order.len()),
        };
        positions.into_iter().find_map(|pos| {
            let (t, r) = self.order[pos];
            let row = &self.tables[t].rows[r];
            let u = row.kubelet_url.as_ref()?;
            (u.host() == url.host() && !u.host_is_pattern() && !u.matches(&url))
                .then_some((t, row.key.as_str()))
        })
    }
}

fn matched(r: &Row, rule: &'static str, c: &Creds) -> Match {
    let (username, has_password) = match c {
        Creds::Some {
            username,
            password,
            token,
        } => (Some(username.clone()), Creds::has_password(password, token)),
        _ => (None, false),
    };
    Match {
        registry: r.key.clone(),
        pointer: r.pointer.clone(),
        rule,
        username,
        has_password,
        position: r.position,
    }
}

/// Status and reason from the first match, unless already decided.
fn finish(mut out: Lookup) -> Lookup {
    if out.status == LookupStatus::None {
        out.status = match out.matches.first() {
            None => LookupStatus::None,
            Some(m) if m.username.is_some() || m.has_password => LookupStatus::Credentials,
            Some(_) => LookupStatus::Anonymous,
        };
    }
    if out.reason.is_none() {
        out.reason = match out.status {
            LookupStatus::None => Some("no entry matches this image: the pull is anonymous".into()),
            LookupStatus::Anonymous => {
                Some("the matching entry carries no credentials: the pull is anonymous".into())
            }
            _ => None,
        };
    }
    out
}

/// A lookup with nothing found yet.
fn empty_lookup(client: Client, image: &ImageRef) -> Lookup {
    Lookup {
        client,
        image: image.name(),
        server: server_for(client, image),
        status: LookupStatus::None,
        reason: None,
        ambiguous: false,
        matches: Vec::new(),
    }
}

fn helper_reason(helper: &str, docker: bool) -> String {
    let mut s = String::from("the client asks the credential helper `docker-credential-");
    s.push_str(helper);
    s.push_str(if docker {
        "`; the file's entry is used only if the helper cannot be run or fails"
    } else {
        "`; the file's credentials are not used"
    });
    s
}

fn is_false(b: &bool) -> bool {
    !*b
}
