//! One credential's check as a state machine: the requests a client makes on a pull, up to the
//! point of authorisation, and what each answer means.
//!
//! The handshake is the distribution spec's (`docs/spec/auth/token.md`) as docker
//! (`registry/auth`) and containers/image (`docker_client.go`) run it:
//!
//! 1. `GET /v2/` without credentials (the ping). `200`: the registry needs none; `401` names
//!    the scheme in `WWW-Authenticate`.
//! 2. `Basic`: the credentials go with the next request (`GET /v2/`, or with an image straight
//!    to the manifest). `Bearer realm,service`: the token service is asked for a token —
//!    `GET realm?service&scope&account` with the credentials as Basic, or, for an
//!    `identitytoken`, `POST realm` with an OAuth2 `refresh_token` grant (docker and
//!    containers/image both do; kubelet's entries carry no token).
//! 3. With an image: `HEAD /v2/NAME/manifests/REF` with the credential (no layer is fetched).
//!    `401` with `error="insufficient_scope"` or `403`: logged in, no pull access.
//!
//! Where credentials may go is decided here, once: Basic credentials and tokens only to the
//! registry's own origin (scheme, host and port), the credentials to the token service the
//! registry itself names; a redirect to another origin is followed without them (as Go's client
//! drops `Authorization` on such a redirect), a token request is not redirected to another
//! origin at all, and a plain-HTTP token service gets credentials only when the user allowed
//! plain HTTP (`insecure`). At most [`MAX_REQUESTS`] requests per credential, redirects included
//! (the HTTPS → HTTP fallback of `insecure` is the same request again, not counted).
//!
//! May use: `model::redact`, `syntax::json` (the token response), the verify module's types.

use super::challenge::{parse_all, Challenge};
use super::{Exchange, Login, Outcome, Sent, Target, Verification, MAX_REQUESTS};
use crate::model::redact::Secret;

/// An HTTP method the flow uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
        }
    }
}

/// The manifest types a pull accepts (docker's and containers/image's `Accept`).
pub const MANIFEST_ACCEPT: &str = "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.v1+prettyjws";

/// A request to send. `Debug` redacts the credential and the body.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: Method,
    pub url: String,
    /// The `Authorization` header (`Basic …` or `Bearer …`).
    pub authorization: Option<Secret>,
    /// An `application/x-www-form-urlencoded` body (the refresh-token grant).
    pub form: Option<Secret>,
    /// The `Accept` header.
    pub accept: Option<&'static str>,
}

/// What came back: the parts the flow reads. A transport reads at most 64 KiB of body (a token
/// response), and none for `HEAD`.
#[derive(Clone, Default)]
pub struct Response {
    pub status: u16,
    pub www_authenticate: Vec<String>,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl std::fmt::Debug for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The body may hold a token.
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("www_authenticate", &self.www_authenticate)
            .field("location", &self.location)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// Why no answer came (serialized kebab-case in reasons).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnreachableKind {
    /// The host name does not resolve.
    Dns,
    /// Refused, reset, no route.
    Connect,
    /// The TLS handshake failed (an untrusted certificate, a plain-HTTP server).
    Tls,
    Timeout,
    /// The answer was not HTTP.
    Protocol,
    /// A TLS handshake was answered in plain HTTP.
    PlainHttp,
}

/// A request that got no answer; `detail` is the transport's words (never a credential).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreachable {
    pub kind: UnreachableKind,
    pub detail: String,
}

/// What the flow wants next.
#[derive(Debug)]
pub enum Step {
    Send(Request),
    Done(Verification),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Ping,
    /// `GET /v2/` with Basic credentials.
    Login,
    Token,
    Manifest,
}

/// One credential's check. Feed [`Flow::start`]'s request to the network and each answer to
/// [`Flow::respond`] until it is [`Step::Done`] (or let [`Flow::run`] do it).
#[derive(Debug)]
pub struct Flow {
    target: Target,
    insecure: bool,
    scheme: &'static str,
    stage: Stage,
    sent: u8,
    /// The token, as an `Authorization` value, once the token service gave one.
    bearer: Option<Secret>,
    /// The request in flight (for redirects).
    last: Option<(Request, Sent)>,
    /// The token service, once named.
    realm: Option<String>,
    /// What the current stage's request carried before any redirect (a redirect to another
    /// host drops it, but the registry had already authorised it).
    stage_sent: Sent,
    redirecting: bool,
    requests: Vec<Exchange>,
}

impl Flow {
    pub fn new(target: Target, insecure: bool) -> Flow {
        Flow {
            target,
            insecure,
            scheme: "https",
            stage: Stage::Ping,
            sent: 0,
            bearer: None,
            last: None,
            realm: None,
            stage_sent: Sent::None,
            redirecting: false,
            requests: Vec::new(),
        }
    }

    /// Runs the flow to its end with `send`.
    pub fn run(
        mut self,
        send: &mut impl FnMut(&Request) -> Result<Response, Unreachable>,
    ) -> Verification {
        let mut step = self.start();
        loop {
            match step {
                Step::Done(v) => return v,
                Step::Send(req) => step = self.respond(send(&req)),
            }
        }
    }

    /// The first request: the ping.
    pub fn start(&mut self) -> Step {
        let url = format!("{}/v2/", self.origin());
        self.send(Stage::Ping, get(url), Sent::None)
    }

    fn origin(&self) -> String {
        format!("{}://{}", self.scheme, self.target.api_host)
    }

    fn username(&self) -> &str {
        match &self.target.login {
            Login::Anonymous => "",
            Login::Credentials { username, .. } => username,
        }
    }

    fn who(&self) -> String {
        match self.username() {
            "" => "the credentials".into(),
            u => format!("the credentials of `{u}`"),
        }
    }

    fn repo(&self) -> Option<&str> {
        self.target.repository.as_ref().map(|(r, _)| r.as_str())
    }

    fn send(&mut self, stage: Stage, req: Request, sent: Sent) -> Step {
        if self.sent >= MAX_REQUESTS {
            return self.done(
                Outcome::Unreachable,
                format!("gave up after {MAX_REQUESTS} requests: the registry asked for more (redirects count)"),
                None,
            );
        }
        self.sent += 1;
        self.stage = stage;
        if !std::mem::take(&mut self.redirecting) {
            self.stage_sent = sent;
        }
        self.requests.push(Exchange {
            method: req.method.as_str(),
            url: req.url.clone(),
            sent,
            status: None,
        });
        self.last = Some((req.clone(), sent));
        Step::Send(req)
    }

    fn done(&mut self, outcome: Outcome, reason: String, fix: Option<String>) -> Step {
        let mut v = self.target.about.clone();
        v.fix = fix.unwrap_or_else(|| fix_for(outcome, &v, &reason));
        v.outcome = outcome;
        v.reason = reason;
        v.requests = std::mem::take(&mut self.requests);
        // What the servers said (challenges, `Location`, the transport's words) is quoted in
        // reasons and URLs: a server that echoes a credential back must not make us print it.
        let secrets = self.secrets();
        if !secrets.is_empty() {
            v.reason = scrub(&v.reason, &secrets);
            v.fix = scrub(&v.fix, &secrets);
            for x in &mut v.requests {
                x.url = scrub(&x.url, &secrets);
            }
        }
        Step::Done(v)
    }

    /// Every secret this check holds or was given, as it may come back: those of the whole file
    /// (its credential among them; a server may echo what an earlier check sent it) and the
    /// issued token (4 characters and more: shorter ones would blank out ordinary words).
    fn secrets(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .target
            .secrets
            .iter()
            .map(|s| s.expose().to_string())
            .collect();
        if let Some(b) = &self.bearer {
            out.push(b.expose().trim_start_matches("Bearer ").to_string());
        }
        out.retain(|s| s.chars().count() >= 4);
        // Longest first, so a secret inside another is not left half shown.
        out.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        out.dedup();
        out
    }

    /// Feeds the answer to the request [`Step::Send`] asked for.
    pub fn respond(&mut self, answer: Result<Response, Unreachable>) -> Step {
        let Some((last, sent)) = self.last.take() else {
            return self.start();
        };
        let r = match answer {
            Ok(r) => r,
            Err(e) => return self.unreachable(last, e),
        };
        if let Some(x) = self.requests.last_mut() {
            x.status = Some(r.status);
        }
        if matches!(r.status, 301 | 302 | 303 | 307 | 308) {
            if let Some(loc) = r.location.as_deref() {
                return self.redirect(last, sent, loc);
            }
        }
        let foreign =
            origin_of(&last.url) != Some(self.origin().as_str()) && self.stage != Stage::Token;
        match self.stage {
            Stage::Ping => match r.status {
                200..=299 => self.open_registry(),
                401 if foreign => self.foreign_challenge(&last.url),
                401 => self.challenged(&r, &last.url),
                404 => self.done(
                    Outcome::NotFound,
                    format!("no registry API at {}: GET answered 404", last.url),
                    None,
                ),
                429 => self.rate_limited(&last.url),
                s => self.done(
                    Outcome::Unreachable,
                    format!("GET {} answered {s}: not a registry's answer", last.url),
                    None,
                ),
            },
            Stage::Login => match r.status {
                200..=299 => self.done(
                    Outcome::Ok,
                    format!("{} accepted {}", last.url, self.who()),
                    None,
                ),
                401 if foreign => self.foreign_challenge(&last.url),
                401 => self.done(
                    Outcome::Unauthorized,
                    format!("{} refused {}", last.url, self.who()),
                    None,
                ),
                403 => self.done(
                    Outcome::Denied,
                    format!("{} accepted {} but denies access", last.url, self.who()),
                    None,
                ),
                429 => self.rate_limited(&last.url),
                s => self.done(
                    Outcome::Unreachable,
                    format!("GET {} answered {s}", last.url),
                    None,
                ),
            },
            Stage::Token => self.token_answer(&r, &last.url),
            Stage::Manifest => self.manifest_answer(&r, &last.url, self.stage_sent, foreign),
        }
    }

    fn unreachable(&mut self, last: Request, e: Unreachable) -> Step {
        use UnreachableKind::*;
        // docker's insecure registries: HTTPS (unverified) first, then plain HTTP.
        if self.insecure
            && self.stage == Stage::Ping
            && self.scheme == "https"
            && self.sent == 1
            && matches!(e.kind, Tls | Protocol | Connect | PlainHttp)
        {
            if let Some(x) = self.requests.last_mut() {
                x.status = None;
            }
            self.scheme = "http";
            self.sent = 0;
            let url = format!("{}/v2/", self.origin());
            return self.send(Stage::Ping, get(url), Sent::None);
        }
        let what = match e.kind {
            Dns => "the host name does not resolve",
            Connect => "no connection",
            Tls => "the TLS handshake failed",
            Timeout => "no answer within the timeout",
            Protocol => "the answer is not HTTP",
            PlainHttp => "the server speaks plain HTTP, not TLS (pass --insecure if the registry is meant to be plain HTTP)",
        };
        self.done(
            Outcome::Unreachable,
            format!(
                "{} {}: {what} ({})",
                last.method.as_str(),
                last.url,
                e.detail
            ),
            None,
        )
    }

    fn redirect(&mut self, last: Request, sent: Sent, location: &str) -> Step {
        let Some(to) = resolve(&last.url, location) else {
            return self.done(
                Outcome::Unreachable,
                format!(
                    "{} redirected to `{location}`, which is not an HTTP URL",
                    last.url
                ),
                None,
            );
        };
        let same = origin_of(&to).is_some() && origin_of(&to) == origin_of(&last.url);
        if !same && self.stage == Stage::Token && sent != Sent::None {
            return self.done(
                Outcome::Unauthorized,
                format!("the token service {} redirected to another host ({}): the credentials are not sent there", last.url, origin_of(&to).unwrap_or("?")),
                Some("use the token service's final URL as the registry's realm, or check the registry's auth configuration".into()),
            );
        }
        let method = if matches!(sent, Sent::RefreshToken) || last.method != Method::Post {
            last.method
        } else {
            Method::Get
        };
        let (authorization, form, sent) = if same {
            (last.authorization, last.form, sent)
        } else {
            (None, None, Sent::None)
        };
        let stage = self.stage;
        self.redirecting = true;
        self.send(
            stage,
            Request {
                method,
                url: to,
                authorization,
                form,
                accept: last.accept,
            },
            sent,
        )
    }

    /// `429 Too Many Requests` (Docker Hub's pull limit, a registry's API quota).
    fn rate_limited(&mut self, url: &str) -> Step {
        self.done(
            Outcome::Unreachable,
            format!("{url} answered 429 Too Many Requests: the registry refuses requests from here for now (a rate limit)"),
            Some("wait and run again; on Docker Hub, pulls with credentials have a higher limit than anonymous ones".into()),
        )
    }

    /// A 401 from an origin the credentials do not belong to (reached by a redirect).
    fn foreign_challenge(&mut self, url: &str) -> Step {
        let reason = format!(
            "{} redirected to {url}, which asks for credentials: pullsecret never sends a registry's credentials to another host",
            self.origin()
        );
        self.done(Outcome::Unauthorized, reason, Some("check the registry's address: a registry that redirects its API to another host gets no credentials (Go's HTTP client drops them on such a redirect too)".into()))
    }

    /// `/v2/` answered without asking for credentials.
    fn open_registry(&mut self) -> Step {
        match self.target.repository.clone() {
            Some((repo, reference)) => {
                let url = format!("{}/v2/{repo}/manifests/{reference}", self.origin());
                self.send(Stage::Manifest, head(url, None), Sent::None)
            }
            None => self.done(
                Outcome::OkAnonymous,
                format!("{}/v2/ answers without credentials: the registry does not check them there (pass an image to check a repository)", self.origin()),
                None,
            ),
        }
    }

    fn challenged(&mut self, r: &Response, url: &str) -> Step {
        let challenges = parse_all(r.www_authenticate.iter().map(String::as_str));
        let bearer = challenges
            .iter()
            .find(|c| c.scheme == "bearer" && c.param("realm").is_some());
        if let Some(c) = bearer {
            return self.ask_token(c);
        }
        if challenges.iter().any(|c| c.scheme == "basic") {
            let Some(auth) = self.target.login.basic_authorization() else {
                return self.needs_credentials(url);
            };
            return match self.target.repository.clone() {
                Some((repo, reference)) => {
                    let url = format!("{}/v2/{repo}/manifests/{reference}", self.origin());
                    self.send(Stage::Manifest, head(url, Some(auth)), Sent::Basic)
                }
                None => {
                    let url = format!("{}/v2/", self.origin());
                    let mut req = get(url);
                    req.authorization = Some(auth);
                    self.send(Stage::Login, req, Sent::Basic)
                }
            };
        }
        // Named only when it is a scheme of the HTTP authentication registry: a server's
        // free text is not repeated.
        const KNOWN: [&str; 9] = [
            "basic",
            "bearer",
            "digest",
            "hoba",
            "mutual",
            "negotiate",
            "ntlm",
            "scram-sha-256",
            "aws4-hmac-sha256",
        ];
        let mut schemes: Vec<&str> = challenges
            .iter()
            .map(|c| {
                KNOWN
                    .iter()
                    .find(|k| **k == c.scheme)
                    .copied()
                    .unwrap_or("another scheme")
            })
            .collect();
        schemes.dedup();
        self.done(
            Outcome::Unauthorized,
            format!(
                "{url} asks for authentication no client here speaks ({})",
                if schemes.is_empty() {
                    "no WWW-Authenticate challenge".into()
                } else {
                    schemes.join(", ")
                }
            ),
            None,
        )
    }

    fn needs_credentials(&mut self, url: &str) -> Step {
        let what = match self.repo() {
            Some(r) => format!("to pull {r}"),
            None => "at /v2/".into(),
        };
        self.done(
            Outcome::Unauthorized,
            format!(
                "{url} asks for credentials {what}, and the file has none the client sends for it"
            ),
            None,
        )
    }

    fn ask_token(&mut self, c: &Challenge) -> Step {
        let realm = c.param("realm").unwrap_or_default().to_string();
        let Some(realm_origin) = origin_of(&realm) else {
            return self.done(
                Outcome::Unreachable,
                format!("the registry names a token service that is not an HTTP URL: `{realm}`"),
                None,
            );
        };
        let has_creds = matches!(self.target.login, Login::Credentials { .. });
        if realm_origin.starts_with("http:") && has_creds && !self.insecure {
            return self.done(
                Outcome::Unreachable,
                format!("the token service {realm} is plain HTTP: credentials are sent to it only with --insecure"),
                Some("serve the token service over HTTPS, or pass --insecure if this is a test registry".into()),
            );
        }
        let mut query = Vec::new();
        if let Some(s) = c.param("service") {
            query.push(("service", s.to_string()));
        }
        if let Some(repo) = self.repo() {
            query.push(("scope", format!("repository:{repo}:pull")));
        }
        self.realm = Some(realm.clone());
        match self.target.login.clone() {
            Login::Credentials {
                token: Some(token), ..
            } => {
                let mut form = vec![("grant_type", "refresh_token".to_string())];
                form.extend(query);
                form.push(("client_id", "pullsecret".into()));
                form.push(("refresh_token", token.expose().to_string()));
                let req = Request {
                    method: Method::Post,
                    url: realm,
                    authorization: None,
                    form: Some(Secret::from(encode_form(&form))),
                    accept: None,
                };
                self.send(Stage::Token, req, Sent::RefreshToken)
            }
            Login::Credentials { username, .. } => {
                if !username.is_empty() {
                    query.push(("account", username.clone()));
                }
                let mut req = get(with_query(&realm, &query));
                req.authorization = self.target.login.basic_authorization();
                self.send(Stage::Token, req, Sent::Basic)
            }
            Login::Anonymous => {
                let req = get(with_query(&realm, &query));
                self.send(Stage::Token, req, Sent::None)
            }
        }
    }

    fn token_answer(&mut self, r: &Response, url: &str) -> Step {
        let realm = self.realm.clone().unwrap_or_else(|| url.to_string());
        match r.status {
            200..=299 => {
                let Some(token) = token_of(&r.body) else {
                    return self.done(
                        Outcome::Unreachable,
                        format!(
                            "the token service {realm} answered {} without a token",
                            r.status
                        ),
                        None,
                    );
                };
                self.bearer = Some(Secret::from(format!("Bearer {}", token.expose())));
                match self.target.repository.clone() {
                    Some((repo, reference)) => {
                        let url = format!("{}/v2/{repo}/manifests/{reference}", self.origin());
                        let auth = self.bearer.clone();
                        self.send(Stage::Manifest, head(url, auth), Sent::Bearer)
                    }
                    None => self.done(
                        Outcome::Ok,
                        format!(
                            "the token service {realm} issued a token for {}",
                            self.who()
                        ),
                        None,
                    ),
                }
            }
            400 | 401 => {
                let what = match self.target.login {
                    Login::Credentials { token: Some(_), .. } => {
                        "the identity token (an OAuth2 refresh token: expired or revoked)"
                            .to_string()
                    }
                    _ => self.who(),
                };
                self.done(
                    Outcome::Unauthorized,
                    format!("the token service {realm} refused {what} ({})", r.status),
                    None,
                )
            }
            403 => self.done(
                Outcome::Denied,
                format!(
                    "the token service {realm} accepted {} but refused the pull scope (403)",
                    self.who()
                ),
                None,
            ),
            429 => self.rate_limited(url),
            s => self.done(
                Outcome::Unreachable,
                format!("the token service {realm} answered {s}"),
                None,
            ),
        }
    }

    fn manifest_answer(&mut self, r: &Response, url: &str, sent: Sent, foreign: bool) -> Step {
        let repo = self.repo().unwrap_or_default().to_string();
        match r.status {
            200..=299 if sent == Sent::None => self.done(
                Outcome::OkAnonymous,
                format!(
                    "HEAD {url} answered {}: {repo} pulls without credentials",
                    r.status
                ),
                None,
            ),
            200..=299 if origin_of(url) != Some(self.origin().as_str()) => self.done(
                Outcome::Ok,
                format!(
                    "{} accepted {} and redirected the manifest to {}, which served it ({}; no credentials sent there): the pull is authorised",
                    self.origin(),
                    self.who(),
                    origin_of(url).unwrap_or(url),
                    r.status
                ),
                None,
            ),
            200..=299 => self.done(
                Outcome::Ok,
                format!(
                    "HEAD {url} answered {} with {}: the pull is authorised",
                    r.status,
                    self.who()
                ),
                None,
            ),
            401 if foreign => self.foreign_challenge(url),
            401 => {
                let challenges = parse_all(r.www_authenticate.iter().map(String::as_str));
                let scope = challenges
                    .iter()
                    .any(|c| c.param("error") == Some("insufficient_scope"));
                let has_creds = matches!(self.target.login, Login::Credentials { .. });
                if sent == Sent::None && has_creds && self.bearer.is_none() {
                    // `/v2/` was open; the repository is not: authenticate now.
                    return self.challenged(r, url);
                }
                match (scope, has_creds) {
                    (_, false) => self.needs_credentials(url),
                    (true, true) => self.done(
                        Outcome::Denied,
                        format!(
                            "{} may log in but may not pull {repo} (401 insufficient_scope)",
                            self.who()
                        ),
                        None,
                    ),
                    (false, true) => self.done(
                        Outcome::Unauthorized,
                        format!("HEAD {url} refused {} (401)", self.who()),
                        None,
                    ),
                }
            }
            403 => self.done(
                Outcome::Denied,
                format!("{} may log in but may not pull {repo} (403)", self.who()),
                None,
            ),
            404 => self.done(
                Outcome::NotFound,
                format!("HEAD {url} answered 404: no such repository or tag"),
                None,
            ),
            429 => self.rate_limited(url),
            s => self.done(
                Outcome::Unreachable,
                format!("HEAD {url} answered {s}"),
                None,
            ),
        }
    }
}

/// `text` with every occurrence of each secret replaced by `<redacted>` (also
/// percent-encoded, as a secret would appear in a URL).
fn scrub(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_string();
    for s in secrets {
        if out.contains(s.as_str()) {
            out = out.replace(s.as_str(), "<redacted>");
        }
        let mut encoded = String::new();
        escape_into(&mut encoded, s);
        if encoded != *s && out.contains(&encoded) {
            out = out.replace(&encoded, "<redacted>");
        }
    }
    out
}

fn get(url: String) -> Request {
    Request {
        method: Method::Get,
        url,
        authorization: None,
        form: None,
        accept: None,
    }
}

fn head(url: String, authorization: Option<Secret>) -> Request {
    Request {
        method: Method::Head,
        url,
        authorization,
        form: None,
        accept: Some(MANIFEST_ACCEPT),
    }
}

/// The fix for an outcome, in words.
pub(super) fn fix_for(outcome: Outcome, v: &Verification, _reason: &str) -> String {
    let host = &v.host;
    match outcome {
        Outcome::Ok | Outcome::OkAnonymous | Outcome::Skipped => String::new(),
        Outcome::Unauthorized if v.registry.is_none() => format!("add credentials for {host} to the file (`pullsecret add`), or log in (`podman login`, `docker login`) and use the file it writes"),
        Outcome::Unauthorized => "the credentials are wrong, revoked or expired: log in again (`podman login`, `docker login`) or issue a new token, and update the entry".into(),
        Outcome::Denied => format!("give {} pull access to the repository (a robot or service account's permissions), or use an account that has it", v.username.as_deref().map_or("the account".into(), |u| format!("`{u}`"))),
        Outcome::NotFound => "check the image's repository and tag, and the registry's address".into(),
        Outcome::Unreachable => format!("check that {host} is the registry's address and reachable from here; for a private CA pass --ca-file, for a plain-HTTP or self-signed registry --insecure"),
        Outcome::Unusable => "run `pullsecret validate` on the file: it names this entry's error, and `pullsecret fix` repairs what it can".into(),
    }
}

/// `scheme://host[:port]` of an absolute http(s) URL.
pub(super) fn origin_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if end == 0 {
        return None;
    }
    Some(&url[..url.len() - rest.len() + end])
}

/// A `Location` against the URL it answered.
fn resolve(base: &str, location: &str) -> Option<String> {
    if origin_of(location).is_some() {
        return Some(location.into());
    }
    let origin = origin_of(base)?;
    if let Some(rest) = location.strip_prefix("//") {
        let scheme = &origin[..origin.find(':')?];
        let to = format!("{scheme}://{rest}");
        return origin_of(&to).is_some().then_some(to);
    }
    if location.starts_with('/') {
        return Some(format!("{origin}{location}"));
    }
    // Relative to the base's directory.
    let path = &base[origin.len()..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let dir = if dir.is_empty() { "/" } else { dir };
    Some(format!("{origin}{dir}{location}"))
}

/// `application/x-www-form-urlencoded` (and query) encoding.
fn encode_form(pairs: &[(&str, String)]) -> String {
    let mut s = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            s.push('&');
        }
        escape_into(&mut s, k);
        s.push('=');
        escape_into(&mut s, v);
    }
    s
}

fn escape_into(out: &mut String, s: &str) {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

fn with_query(realm: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return realm.into();
    }
    let sep = if realm.contains('?') { '&' } else { '?' };
    format!("{realm}{sep}{}", encode_form(pairs))
}

/// `token` or `access_token` of a token response (distribution's `getToken`: `token` wins).
fn token_of(body: &[u8]) -> Option<Secret> {
    let text = std::str::from_utf8(body).ok()?;
    let node = crate::syntax::json::parse(text).ok()?;
    let members = node.value.as_object()?;
    let field = |name: &str| {
        members
            .iter()
            .find(|m| m.key == name)
            .and_then(|m| m.value.value.as_str())
            .filter(|s| !s.is_empty())
            .map(Secret::from)
    };
    field("token").or_else(|| field("access_token"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_and_redirect_targets() {
        assert_eq!(
            origin_of("https://r.io:5000/v2/"),
            Some("https://r.io:5000")
        );
        assert_eq!(origin_of("http://r.io?x"), Some("http://r.io"));
        assert_eq!(origin_of("ftp://r.io/"), None);
        assert_eq!(origin_of("https:///x"), None);
        assert_eq!(
            resolve("https://a/v2/x/y", "/v2/z").as_deref(),
            Some("https://a/v2/z")
        );
        assert_eq!(
            resolve("https://a/v2/x/y", "z").as_deref(),
            Some("https://a/v2/x/z")
        );
        assert_eq!(
            resolve("https://a/v2/", "//b:1/v2/").as_deref(),
            Some("https://b:1/v2/")
        );
        assert_eq!(
            resolve("https://a/v2/", "http://b/v2/").as_deref(),
            Some("http://b/v2/")
        );
    }

    #[test]
    fn forms_escape_every_reserved_byte() {
        let f = encode_form(&[
            ("scope", "repository:a/b:pull".into()),
            ("x", "é &=+".into()),
        ]);
        assert_eq!(f, "scope=repository%3Aa%2Fb%3Apull&x=%C3%A9%20%26%3D%2B");
        assert_eq!(
            with_query("https://t/token?a=1", &[("b", "2".into())]),
            "https://t/token?a=1&b=2"
        );
    }

    #[test]
    fn token_responses() {
        assert_eq!(
            token_of(br#"{"token":"a","access_token":"b"}"#)
                .unwrap()
                .expose(),
            "a"
        );
        assert_eq!(token_of(br#"{"access_token":"b"}"#).unwrap().expose(), "b");
        assert!(token_of(br#"{"token":""}"#).is_none());
        assert!(token_of(b"not json").is_none());
    }
}
