//! `verify`: are a file's credentials still good? What a client does on a pull, up to the
//! point of authorisation, planned here and carried out by whoever can open a connection.
//!
//! Why it exists: `validate` checks only the form, so a revoked robot token, a regenerated
//! service-account password or an expired ECR token all look valid until `ImagePullBackOff`.
//! This module decides everything about such a check — which entries, which credential each
//! client sends ([`lookup`](super::lookup)'s reading), every request of the registry's auth
//! handshake, where a credential may go, and what each answer means — and does no I/O: a
//! [`Flow`] is a state machine fed with responses. The network half
//! (`crates/pullsecret-verify`: HTTPS, the system's roots, timeouts, parallelism) only sends
//! the requests it is given, so the CLI and the Node addon share one computation, and the rules
//! here are tested without a network.
//!
//! May use: `diagnostics`, `model` (`keys`, `reference`, `redact`), `rules::lookup`,
//! `rules::verdict`.

mod challenge;
mod flow;

pub use challenge::{parse_all as parse_challenges, Challenge};
pub use flow::{Flow, Method, Request, Response, Step, Unreachable, UnreachableKind};

use crate::diagnostics::Error;
use crate::model::keys;
use crate::model::redact::Secret;
use crate::rules::lookup::{Creds, LookupStatus, PullSecret, Table};
use crate::rules::verdict::Client;
use crate::syntax::lines::Position;
use serde::{Deserialize, Serialize};

/// The default time a request may take, in milliseconds (docker's registry client uses 30 s for
/// a whole pull; 5 s is plenty for one round trip and keeps a check of many registries short).
pub const DEFAULT_TIMEOUT_MS: u32 = 5_000;

/// The most requests one credential costs: the ping, the token, the manifest (redirects count).
pub const MAX_REQUESTS: u8 = 3;

/// Options of `verify`: `{client?, images?, insecure?, caFile?, timeoutMs?}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct VerifyOptions {
    /// Whose reading of the file is checked: which entry it picks for an image, which fields
    /// it sends. Default `kubelet` (the reader of pull secrets).
    #[cfg_attr(feature = "ts", ts(as = "Option<Client>", optional))]
    pub client: Client,
    /// Check the entry the client uses for each of these images (the `lookup` answer), up to a
    /// `HEAD` of its manifest with the repository's pull scope. Empty: every entry is checked
    /// with a login (`GET /v2/` and, for token auth, a token without a scope).
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub images: Vec<String>,
    /// Allow plain HTTP (after HTTPS fails) and TLS without verification, as docker does for its
    /// `insecure-registries`; also lets credentials go to a plain-HTTP token service.
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub insecure: bool,
    /// A PEM file of certificates trusted beside the system's roots.
    pub ca_file: Option<String>,
    /// Per request, in milliseconds (1 to 600000); default 5000.
    #[serde(deserialize_with = "crate::model::options::timeout_millis")]
    #[cfg_attr(feature = "ts", ts(type = "number", optional))]
    pub timeout_ms: u32,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            client: Client::Kubelet,
            images: Vec::new(),
            insecure: false,
            ca_file: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
        }
    }
}

/// What the registry said about one credential (serialized kebab-case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Outcome {
    /// The registry accepted the credentials (and, with an image, would serve its manifest).
    Ok,
    /// No credentials were needed (none were checked).
    OkAnonymous,
    /// The registry refused the credentials: wrong, revoked or expired.
    Unauthorized,
    /// Logged in, but no pull access to the repository.
    Denied,
    /// No such repository, tag or registry API.
    NotFound,
    /// No answer: DNS, connection, TLS, timeout, or an answer that is not a registry's.
    Unreachable,
    /// The client cannot use this entry at all (nothing was sent): see `validate`.
    Unusable,
    /// Nothing to check: no credentials, a credential helper, a pattern key.
    Skipped,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::OkAnonymous => "ok-anonymous",
            Outcome::Unauthorized => "unauthorized",
            Outcome::Denied => "denied",
            Outcome::NotFound => "not-found",
            Outcome::Unreachable => "unreachable",
            Outcome::Unusable => "unusable",
            Outcome::Skipped => "skipped",
        }
    }

    /// A pull with this credential works.
    pub fn is_ok(self) -> bool {
        matches!(self, Outcome::Ok | Outcome::OkAnonymous)
    }
}

/// What was sent with a request (never the credential itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Sent {
    None,
    Basic,
    Bearer,
    /// The `identitytoken`, as an OAuth2 refresh token in a form body.
    RefreshToken,
}

/// One request of the handshake and its answer (`status` absent: no answer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Exchange {
    #[serde(serialize_with = "crate::diagnostics::fixed_text")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub method: &'static str,
    /// Without credentials: a token request's query names the account (the user name) only.
    pub url: String,
    pub sent: Sent,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
}

/// The answer for one credential.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Verification {
    /// In a manifest stream of several pull Secrets: the Secret (`namespace/name`, or `name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// The entry's key as written; absent for an image no entry matches (an anonymous pull).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registry: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// Where the entry's key is (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The registry API host the requests go to (`registry-1.docker.io` for Docker Hub).
    pub host: String,
    /// With `images`: the image as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    pub outcome: Outcome,
    /// What happened, in words.
    pub reason: String,
    /// What to do about it (empty when nothing is to be done).
    pub fix: String,
    /// kubelet tries the image's next matching entry after this one failed.
    #[serde(skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub fallback: bool,
    pub requests: Vec<Exchange>,
}

impl Verification {
    fn at(&mut self, p: Position) {
        self.line = Some(p.line);
        self.column = Some(p.column);
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What `verify` returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VerifyReport {
    pub client: Client,
    /// Every checked credential works (skipped ones do not count; an unusable one fails).
    pub ok: bool,
    pub results: Vec<Verification>,
}

impl VerifyReport {
    /// The report of every job's results, in plan order.
    pub fn new(client: Client, jobs: Vec<Vec<Verification>>) -> VerifyReport {
        // A job passes when its last result does: kubelet stops at the first that works.
        let ok = jobs.iter().all(|j| {
            j.last()
                .is_none_or(|v| v.outcome.is_ok() || v.outcome == Outcome::Skipped)
        });
        VerifyReport {
            client,
            ok,
            results: jobs.into_iter().flatten().collect(),
        }
    }
}

/// The credential a client sends (`Debug` redacts the secrets).
#[derive(Clone, Debug)]
pub(crate) enum Login {
    Anonymous,
    /// `token`: an `identitytoken`, sent to the token service as an OAuth2 refresh token.
    Credentials {
        username: String,
        password: Secret,
        token: Option<Secret>,
    },
}

impl Login {
    /// The `Authorization` value of Basic authentication (`None`: anonymous).
    pub(crate) fn basic_authorization(&self) -> Option<Secret> {
        match self {
            Login::Anonymous => None,
            Login::Credentials {
                username, password, ..
            } => Some(Secret::from(format!(
                "Basic {}",
                basic_value(username, password).expose()
            ))),
        }
    }
}

/// `base64(user:password)`, what Basic authentication sends.
fn basic_value(username: &str, password: &Secret) -> Secret {
    Secret::from(crate::go::base64::encode(
        format!("{username}:{}", password.expose()).as_bytes(),
    ))
}

/// One credential to try against one registry.
#[derive(Clone, Debug)]
pub struct Target {
    pub(crate) about: Verification,
    pub(crate) login: Login,
    /// `host[:port]` of the registry API.
    pub(crate) api_host: String,
    /// With an image: the repository path and the tag or digest.
    pub(crate) repository: Option<(String, String)>,
    /// Every secret of the file, never to be printed even when a server sends one back.
    pub(crate) secrets: std::sync::Arc<Vec<Secret>>,
}

/// One unit of work: settled without the network, or credentials to try in order until one
/// works (kubelet tries every matching entry; the other clients one).
#[derive(Clone, Debug)]
pub enum Job {
    Settled(Box<Verification>),
    Try(Vec<Target>),
}

impl Job {
    /// Runs the job with `send`, which carries one request to the network.
    pub fn run(
        &self,
        insecure: bool,
        mut send: impl FnMut(&Request) -> Result<Response, Unreachable>,
    ) -> Vec<Verification> {
        match self {
            Job::Settled(v) => vec![(**v).clone()],
            Job::Try(targets) => {
                let mut out: Vec<Verification> = Vec::new();
                for t in targets {
                    if let Some(prev) = out.last_mut() {
                        prev.fallback = true;
                    }
                    let v = Flow::new(t.clone(), insecure).run(&mut send);
                    let done = v.outcome.is_ok();
                    out.push(v);
                    if done {
                        break;
                    }
                }
                out
            }
        }
    }
}

/// The registry API host of a key or image domain: Docker Hub's names are served by
/// `registry-1.docker.io`.
fn api_host(host: &str) -> String {
    match host {
        "docker.io" | "index.docker.io" | "registry-1.docker.io" | "registry.hub.docker.com" => {
            "registry-1.docker.io".into()
        }
        h => h.into(),
    }
}

/// The tag or digest of an image reference (`latest` when it has neither).
fn reference_of(image: &str) -> String {
    if let Some((_, d)) = image.split_once('@') {
        return d.into();
    }
    match image.rfind(':') {
        Some(i) if !image[i + 1..].contains('/') => image[i + 1..].into(),
        _ => "latest".into(),
    }
}

fn settled(about: Verification, outcome: Outcome, reason: String) -> Job {
    let mut v = about;
    v.fix = flow::fix_for(outcome, &v, &reason);
    v.outcome = outcome;
    v.reason = reason;
    Job::Settled(Box::new(v))
}

fn blank(host: String, image: Option<&str>) -> Verification {
    Verification {
        secret: None,
        registry: None,
        pointer: None,
        line: None,
        column: None,
        host,
        image: image.map(String::from),
        username: None,
        outcome: Outcome::Skipped,
        reason: String::new(),
        fix: String::new(),
        fallback: false,
        requests: Vec::new(),
    }
}

/// Every secret field of a table as written, and every password, identity token and
/// `user:password` Basic value as any client reads it.
fn secrets_of(table: &Table) -> Vec<Secret> {
    let mut out: Vec<Secret> = table.written_secrets().cloned().collect();
    for client in Client::ALL {
        for e in table.entries(client) {
            if let Creds::Some {
                username,
                password,
                token,
            } = e.creds
            {
                out.push(password.clone());
                out.extend(token.clone());
                out.push(basic_value(username, password));
            }
        }
    }
    out
}

fn login_of(creds: &Creds) -> Login {
    match creds {
        Creds::Some {
            username,
            password,
            token,
        } => Login::Credentials {
            username: username.clone(),
            password: password.clone(),
            token: token.clone(),
        },
        _ => Login::Anonymous,
    }
}

/// What `opts.client` would send, as jobs: per entry (no images), or per image the entries
/// its lookup answer names. A manifest stream with several pull Secrets gives each Secret's
/// jobs in turn (each result names its Secret). Fails only when no client could read the file
/// (`lookup`'s error) or an image is not a reference.
pub fn plan(text: &str, opts: &VerifyOptions) -> Result<Vec<Job>, Error> {
    let images = opts
        .images
        .iter()
        .map(|i| Ok((i.as_str(), crate::rules::lookup::parse_image(i)?)))
        .collect::<Result<Vec<_>, Error>>()?;
    let manifests = crate::rules::workloads::Manifests::read(text);
    let secrets: Vec<(String, &Table)> = manifests.pull_secret_tables().collect();
    let mut jobs = Vec::new();
    if secrets.len() > 1 {
        for (name, table) in secrets {
            plan_table(table, opts.client, &images, Some(&name), &mut jobs);
        }
        return Ok(jobs);
    }
    // One config or Secret: read as the client reads the file (docker: its first JSON value).
    let secret = PullSecret::new(text);
    let table = secret.table(opts.client)?;
    plan_table(table, opts.client, &images, None, &mut jobs);
    Ok(jobs)
}

fn plan_table(
    table: &Table,
    client: Client,
    images: &[(&str, crate::model::reference::ImageRef)],
    secret: Option<&str>,
    jobs: &mut Vec<Job>,
) {
    let secrets = std::sync::Arc::new(secrets_of(table));
    let blank = |host: String, image: Option<&str>| {
        let mut v = blank(host, image);
        v.secret = secret.map(String::from);
        v
    };
    if images.is_empty() {
        for e in table.entries(client) {
            let host = keys::docker_hostname(e.key).into_owned();
            let mut about = blank(api_host(&host), None);
            about.registry = Some(e.key.into());
            about.pointer = Some(e.pointer.into());
            about.at(e.position);
            if let Some(why) = table.blocked(client) {
                jobs.push(settled(about, Outcome::Unusable, why.into()));
                continue;
            }
            if let Creds::Some { username, .. } = e.creds {
                about.username = Some(username.clone());
            }
            let server = if client == Client::Docker && api_host(&host) == "registry-1.docker.io" {
                keys::DOCKER_HUB_KEY
            } else {
                host.as_str()
            };
            if let Some(h) = table.helper_of(client, server) {
                let why = format!("{} asks the credential helper `docker-credential-{h}` for this registry, not the file", client.as_str());
                jobs.push(settled(about, Outcome::Skipped, why));
                continue;
            }
            match e.creds {
                Creds::Broken(why) => jobs.push(settled(about, Outcome::Unusable, (*why).into())),
                Creds::Empty => jobs.push(settled(
                    about,
                    Outcome::Skipped,
                    "the entry carries no credentials".into(),
                )),
                _ if keys::is_glob(e.key) || host.is_empty() => {
                    jobs.push(settled(about, Outcome::Skipped, "the key is a pattern, not a registry: pass an image to check the entry used for it".into()));
                }
                creds => jobs.push(Job::Try(vec![Target {
                    api_host: about.host.clone(),
                    about,
                    login: login_of(creds),
                    repository: None,
                    secrets: secrets.clone(),
                }])),
            }
        }
        return;
    }
    // The credentials of each entry by pointer, for the matches of every image.
    let by_pointer: std::collections::HashMap<&str, &Creds> = table
        .entries(client)
        .map(|e| (e.pointer, e.creds))
        .collect();
    for (image, parsed) in images {
        let found = table.lookup(parsed, client);
        let host = api_host(&parsed.domain);
        let repository = Some((parsed.path.clone(), reference_of(image)));
        let about = blank(host.clone(), Some(image));
        let reason = found.reason.clone().unwrap_or_default();
        match found.status {
            LookupStatus::Fails => {
                let mut about = about;
                if let Some(m) = found.matches.first() {
                    about.registry = Some(m.registry.clone());
                    about.pointer = Some(m.pointer.clone());
                    about.at(m.position);
                }
                jobs.push(settled(about, Outcome::Unusable, reason));
            }
            LookupStatus::Helper => jobs.push(settled(about, Outcome::Skipped, reason)),
            LookupStatus::None | LookupStatus::Anonymous => jobs.push(Job::Try(vec![Target {
                api_host: host.clone(),
                about,
                login: Login::Anonymous,
                repository,
                secrets: secrets.clone(),
            }])),
            LookupStatus::Credentials => {
                // kubelet tries each match in order; the others send the first.
                let take = if client == Client::Kubelet {
                    found.matches.len()
                } else {
                    1
                };
                let mut targets = Vec::new();
                for m in found.matches.iter().take(take) {
                    let Some(creds) = by_pointer.get(m.pointer.as_str()) else {
                        continue;
                    };
                    let mut about = about.clone();
                    about.registry = Some(m.registry.clone());
                    about.pointer = Some(m.pointer.clone());
                    about.at(m.position);
                    about.username = m.username.clone();
                    targets.push(Target {
                        api_host: host.clone(),
                        about,
                        login: login_of(creds),
                        repository: repository.clone(),
                        secrets: secrets.clone(),
                    });
                }
                jobs.push(Job::Try(targets));
            }
        }
    }
}

/// Options of `verifyCommand`: `{images?, client?}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct VerifyCommandOptions {
    /// `--image` arguments.
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub images: Vec<String>,
    /// `--client` (absent: the command's default, kubelet).
    pub client: Option<Client>,
}

/// The `pullsecret verify` command line for a file: what the demo shows, since a browser cannot
/// verify (registries send no CORS headers). Arguments are quoted for a POSIX shell when they
/// need it; nothing of the file's content is in it.
pub fn verify_command(file: &str, opts: &VerifyCommandOptions) -> String {
    let mut s = String::from("pullsecret verify ");
    // A name that starts with `-` would be read as a flag.
    if file.starts_with('-') && file != "-" {
        s.push_str("./");
    }
    s.push_str(&shell_quote(file));
    for i in &opts.images {
        s.push_str(" --image ");
        s.push_str(&shell_quote(i));
    }
    if let Some(c) = opts.client {
        s.push_str(" --client ");
        s.push_str(c.as_str());
    }
    s
}

fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"@%+=:,./-_".contains(&b));
    if plain {
        s.into()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests;
