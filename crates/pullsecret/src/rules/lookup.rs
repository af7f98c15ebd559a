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
use crate::model::config::{Config, Entry, Format};
use crate::model::document::read_config_with;
use crate::model::input::{Locator, Source};
use crate::model::keys;
use crate::model::reference::{self, ImageRef};
use crate::rules::verdict::Client;
use crate::syntax::lines::Position;
use serde::{Deserialize, Serialize};

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
/// `parse` accepts).
pub fn lookup(text: &str, image: &str, opts: &LookupOptions) -> Result<Lookup, Error> {
    let image = reference::parse(image).map_err(|m| Error::option(ErrorCode::InvalidOption, m))?;
    let docker = opts.client == Client::Docker;
    read_config_with(text, &[], docker, true, |input, cfg_text, cfg| {
        // A file the client cannot read at all (a BOM; for docker data after the value is fine).
        let i = Client::ALL
            .iter()
            .position(|c| *c == opts.client)
            .unwrap_or(0);
        let refused = crate::rules::verdict::refused(cfg.refused)[i];
        if let Some(v) = crate::rules::verdict::file_verdicts(input)[i].or(refused) {
            return Lookup {
                client: opts.client,
                image: image.name(),
                server: server_for(opts.client, &image),
                // docker warns and pulls anonymously; the others fail.
                status: if docker {
                    LookupStatus::None
                } else {
                    LookupStatus::Fails
                },
                reason: v.reason.map(String::from),
                ambiguous: false,
                matches: Vec::new(),
            };
        }
        let loc = Locator::new(input, cfg_text);
        let ctx = Ctx {
            cfg,
            source: &input.source,
            loc: &loc,
        };
        match opts.client {
            Client::Kubelet => ctx.kubelet(&image),
            Client::Containers => ctx.containers(&image),
            Client::Docker => ctx.docker(&image),
        }
    })
}

/// What the client looks the image up with (docker: Docker Hub's URL key).
fn server_for(client: Client, image: &ImageRef) -> String {
    match client {
        Client::Docker if image.is_docker_hub() => keys::DOCKER_HUB_KEY.into(),
        Client::Docker => image.domain.clone(),
        _ => image.name(),
    }
}

struct Ctx<'a, 'c> {
    cfg: &'a Config<'c>,
    source: &'a Source,
    loc: &'a Locator<'a, 'a>,
}

/// Credentials as one client decodes them from an entry.
enum Creds {
    Some {
        username: String,
        has_password: bool,
    },
    Empty,
    Broken(&'static str),
}

fn nonempty<'c>(f: Option<crate::model::config::Field<'c>>) -> Option<&'c str> {
    f.map(|f| f.value).filter(|v| !v.is_empty())
}

fn split(bytes: &[u8], trim_nul: bool) -> Option<(String, bool)> {
    let t = String::from_utf8_lossy(bytes);
    let (u, p) = t.split_once(':')?;
    let p = if trim_nul { p.trim_matches('\0') } else { p };
    Some((u.into(), !p.is_empty()))
}

fn creds(username: String, has_password: bool) -> Creds {
    if username.is_empty() && !has_password {
        Creds::Empty
    } else {
        Creds::Some {
            username,
            has_password,
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
                Some((u, p)) => creds(u, p),
            },
        },
        None => creds(
            nonempty(e.username).unwrap_or("").into(),
            nonempty(e.password).is_some(),
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
            Some((u, p)) => creds(u, p || (nonempty(e.identity_token).is_some())),
        },
    }
}

/// docker (`LoadFromReader`): `auth` decoded when present, else the fields; tokens count.
fn docker_creds(e: &Entry<'_>) -> Creds {
    match nonempty(e.auth) {
        Some(a) => match b64::decode_go(&b64::STD, a).and_then(|b| split(&b, true)) {
            Some((u, _)) if u.is_empty() => Creds::Broken("an `auth` has an empty username: docker cannot load the config"),
            Some((u, p)) => creds(u, p || nonempty(e.identity_token).is_some()),
            None => Creds::Broken("an `auth` value is not padded base64 of `user:password`: docker cannot load the config"),
        },
        None => creds(
            nonempty(e.username).unwrap_or("").into(),
            nonempty(e.password).is_some() || nonempty(e.identity_token).is_some(),
        ),
    }
}

impl Ctx<'_, '_> {
    fn result(&self, client: Client, image: &ImageRef) -> Lookup {
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

    fn matched(&self, e: &Entry<'_>, rule: &'static str, c: &Creds) -> Match {
        let (username, has_password) = match c {
            Creds::Some {
                username,
                has_password,
            } => (Some(username.clone()), *has_password),
            _ => (None, false),
        };
        Match {
            registry: e.key.into(),
            pointer: e.pointer.clone(),
            rule,
            username,
            has_password,
            position: self.loc.position(e.key_span),
        }
    }

    fn in_secret(&self) -> Option<&str> {
        match self.source {
            Source::Secret { secret: s } => Some(s.key.as_str()),
            _ => None,
        }
    }

    fn kubelet(&self, image: &ImageRef) -> Lookup {
        let name = image.name();
        let mut out = self.result(Client::Kubelet, image);
        if let Some(why) = crate::rules::validate::kubelet_blind(self.cfg, self.source) {
            out.reason = Some(why.into());
            return out;
        }
        // Decoding happens when the secret is read: one bad entry fails every pull.
        let entries: Vec<(&Entry<'_>, Creds)> = self
            .cfg
            .effective()
            .map(|e| (e, kubelet_creds(e)))
            .collect();
        if let Some((_, Creds::Broken(why))) =
            entries.iter().find(|(_, c)| matches!(c, Creds::Broken(_)))
        {
            out.status = LookupStatus::Fails;
            out.reason = Some((*why).into());
            return out;
        }
        let mut index: Vec<(String, usize)> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, (e, _))| keys::kubelet_key(e.key).map(|k| (k, i)))
            .collect();
        // Reverse lexicographic; entries of one key keep file order (Go map order is random).
        index.sort_by(|a, b| b.0.cmp(&a.0));
        let mut prev: Option<&str> = None;
        for (k, i) in &index {
            if keys::kubelet_matches(k, &name) {
                let rule = if keys::is_glob(k) {
                    "glob"
                } else if k.contains('/') {
                    "path-prefix"
                } else {
                    "host"
                };
                // Entries whose keys normalise alike are tried in Go map order: random.
                out.ambiguous |= prev == Some(k.as_str());
                prev = Some(k);
                out.matches
                    .push(self.matched(entries[*i].0, rule, &entries[*i].1));
            }
        }
        if out.matches.is_empty() && keys::kubelet_is_default_registry(&name) {
            for (k, i) in &index {
                if k == "index.docker.io" {
                    out.ambiguous |= !out.matches.is_empty();
                    out.matches.push(self.matched(
                        entries[*i].0,
                        "docker-hub-fallback",
                        &entries[*i].1,
                    ));
                }
            }
        }
        // kubelet sends an ACR token login's null user with an empty password.
        if let Some(m) = out.matches.first() {
            let e = entries.iter().find(|(e, _)| e.pointer == m.pointer);
            let user = m.username.as_deref().unwrap_or("");
            if e.is_some_and(|(e, _)| {
                crate::rules::validate::is_acr_token_login(user, m.has_password, e)
            }) {
                out.status = LookupStatus::Fails;
                out.reason = Some(crate::rules::validate::ACR_KUBELET.into());
            }
        }
        self.finish(out)
    }

    /// Status and reason from the first match, unless already decided.
    fn finish(&self, mut out: Lookup) -> Lookup {
        if out.status == LookupStatus::None {
            out.status = match out.matches.first() {
                None => LookupStatus::None,
                Some(m) if m.username.is_some() || m.has_password => LookupStatus::Credentials,
                Some(_) => LookupStatus::Anonymous,
            };
        }
        if out.reason.is_none() {
            out.reason = match out.status {
                LookupStatus::None => {
                    Some("no entry matches this image: the pull is anonymous".into())
                }
                LookupStatus::Anonymous => {
                    Some("the matching entry carries no credentials: the pull is anonymous".into())
                }
                _ => None,
            };
        }
        out
    }

    fn containers(&self, image: &ImageRef) -> Lookup {
        let name = image.name();
        let registry = image.domain.as_str();
        let mut out = self.result(Client::Containers, image);
        let legacy = self.cfg.format == Format::DockerCfg;
        if legacy && self.in_secret().is_none() {
            out.reason = Some("legacy `.dockercfg` format: containers/image reads it only as ~/.dockercfg, not with --authfile".into());
            return out;
        }
        if let Some((_, helper)) = self
            .cfg
            .cred_helpers
            .iter()
            .rev()
            .find(|(r, _)| *r == registry)
        {
            out.status = LookupStatus::Helper;
            out.reason = Some(helper_reason(helper, false));
            return out;
        }
        let entries: Vec<&Entry<'_>> = self.cfg.effective().collect();
        let mut found = None;
        for candidate in keys::containers_lookup_order(&name, legacy) {
            if let Some(e) = entries.iter().find(|e| e.key == candidate) {
                found = Some((
                    *e,
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
            let mut hits = entries
                .iter()
                .filter(|e| keys::containers_normalize_key(e.key, legacy) == want);
            if let Some(e) = hits.next() {
                found = Some((*e, "normalized"));
                out.ambiguous = hits.next().is_some();
            }
        }
        if let Some((e, rule)) = found {
            let c = containers_creds(e);
            if let Creds::Broken(why) = c {
                out.status = LookupStatus::Fails;
                out.reason = Some(why.into());
            }
            out.matches.push(self.matched(e, rule, &c));
        }
        self.finish(out)
    }

    fn docker(&self, image: &ImageRef) -> Lookup {
        let mut out = self.result(Client::Docker, image);
        let server = out.server.clone();
        if self.cfg.format == Format::DockerCfg && self.in_secret().is_none() {
            out.reason = Some("legacy `.dockercfg` format: docker no longer reads it".into());
            return out;
        }
        let entries: Vec<(&Entry<'_>, Creds)> =
            self.cfg.effective().map(|e| (e, docker_creds(e))).collect();
        if let Some((e, c)) = entries.iter().find(|(e, _)| e.key == server) {
            out.matches.push(self.matched(e, "exact", c));
        } else {
            let mut hits = entries
                .iter()
                .filter(|(e, _)| keys::docker_hostname(e.key) == server);
            if let Some((e, c)) = hits.next() {
                out.matches.push(self.matched(e, "hostname", c));
                out.ambiguous = hits.next().is_some();
            }
        }
        let found = out.matches.first().map(|m| m.pointer.clone());
        // `LoadFromReader` decodes the `auth` values in Go map order and stops at the first bad
        // one: entries decoded before it keep their credentials, the others carry none.
        let broken = entries.iter().find_map(|(e, c)| match c {
            Creds::Broken(why) => Some((e.pointer.clone(), *why)),
            _ => None,
        });
        if let Some((pointer, why)) = broken {
            if found.as_deref() == Some(pointer.as_str()) {
                out.status = LookupStatus::Fails;
                out.reason = Some(why.into());
                return out;
            }
            if found.is_some() {
                out.ambiguous = true;
                out.reason = Some("another entry's `auth` is invalid: docker stops decoding at it in random (Go map) order, so these credentials are sent only sometimes".into());
            }
        }
        let helper = self
            .cfg
            .cred_helpers
            .iter()
            .rev()
            .find(|(r, _)| *r == server)
            .map(|(_, h)| *h)
            .or(self.cfg.creds_store);
        if let Some(h) = helper.filter(|h| !h.is_empty()) {
            // `nativeStore.Get`: when the helper cannot be run or fails, docker uses the
            // file's entry (kept in `matches`); when it has no credentials, none are sent.
            out.status = LookupStatus::Helper;
            out.reason = Some(helper_reason(h, true));
            return out;
        }
        self.finish(out)
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
