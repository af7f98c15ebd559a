//! pullsecret's network half: carries out the core's verification plan over HTTP(S).
//!
//! Why it exists apart from the core: the core runs in browsers (no sockets, and registries
//! send no CORS headers) and decides everything about a check — which entries, which
//! credential, every request of the auth handshake, where a credential may go, what each
//! answer means ([`pullsecret::verify`]). This crate only opens the connections: rustls with
//! the system's trust store plus `--ca-file` (or no verification with `insecure`), a timeout per
//! request, no redirect followed by itself (the core's flow decides), a `User-Agent` naming
//! pullsecret, and the registries checked in parallel, at most [`PARALLEL`] at a time.
//!
//! May use: the `pullsecret` core; `ureq`, `rustls` (ring), `rustls-native-certs`.

use pullsecret::verify::{self, Job, Method, Request, Response, Unreachable, UnreachableKind};
use pullsecret::{Error, ErrorCode, VerifyOptions, VerifyReport};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use ureq::tls::{Certificate, RootCerts, TlsConfig};

/// How many credentials are checked at once.
pub const PARALLEL: usize = 8;

/// The most body read from an answer (a token response is a few KiB).
const BODY_LIMIT: u64 = 64 * 1024;

/// Checks the credentials of `text` (any form `parse` reads) as `opts.client` would send them.
/// Fails only when no client could read the file, an image is not a reference, or `caFile`
/// cannot be read; every network problem is an entry's `unreachable` outcome.
pub fn verify(text: &str, opts: &VerifyOptions) -> Result<VerifyReport, Error> {
    let jobs = verify::plan(text, opts)?;
    let agent = agent(opts)?;
    let results = run_parallel(&jobs, |job| job.run(opts.insecure, |req| send(&agent, req)));
    Ok(VerifyReport::new(opts.client, results))
}

/// Runs `f` on every job, [`PARALLEL`] at a time, keeping the jobs' order.
fn run_parallel<T: Send>(jobs: &[Job], f: impl Fn(&Job) -> T + Sync) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let workers = PARALLEL.min(jobs.len());
    let mut done: Vec<(usize, T)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        mine.push((i, f(job)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
}

fn option_error(message: String) -> Error {
    Error::option(ErrorCode::InvalidOption, message)
}

/// The file at `path`, at most [`pullsecret::MAX_INPUT`] bytes and one more (a device or an
/// endless pipe given as `caFile` is not read without end).
fn read_bounded(path: &str) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(pullsecret::MAX_INPUT as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The system's roots, plus `caFile`'s certificates.
fn roots(ca_file: Option<&str>) -> Result<RootCerts, Error> {
    let native = rustls_native_certs::load_native_certs();
    let mut certs: Vec<Certificate<'static>> = native
        .certs
        .iter()
        .map(|c| Certificate::from_der(c.as_ref()).to_owned())
        .collect();
    if let Some(path) = ca_file {
        let pem = read_bounded(path).map_err(|e| {
            // The system's words, without Rust's ` (os error N)`.
            let e = e.to_string();
            let e = e.split(" (os error ").next().unwrap_or(&e);
            option_error(format!("verify: caFile: cannot read {path}: {e}"))
        })?;
        if pem.len() > pullsecret::MAX_INPUT {
            return Err(option_error(format!(
                "verify: caFile: {path} is larger than {} MiB: not a PEM file",
                pullsecret::MAX_INPUT >> 20
            )));
        }
        let before = certs.len();
        for item in ureq::tls::parse_pem(&pem) {
            match item {
                Ok(ureq::tls::PemItem::Certificate(c)) => certs.push(c.to_owned()),
                Ok(_) => {}
                Err(e) => {
                    return Err(option_error(format!(
                        "verify: caFile: {path} is not PEM: {e}"
                    )))
                }
            }
        }
        if certs.len() == before {
            return Err(option_error(format!(
                "verify: caFile: {path} holds no PEM certificate"
            )));
        }
    }
    Ok(RootCerts::new_with_certs(&certs))
}

fn agent(opts: &VerifyOptions) -> Result<ureq::Agent, Error> {
    if opts.timeout_ms == 0 {
        return Err(option_error("verify: timeoutMs must be more than 0".into()));
    }
    // ring, not aws-lc-rs: it builds with the plain C cross compilers of the Node addon's
    // targets (aws-lc-rs needs cmake and more). Deprecated in rustls 0.23.3x only for lacking
    // post-quantum key exchange, which a registry login does not need.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = TlsConfig::builder()
        .root_certs(roots(opts.ca_file.as_deref())?)
        .disable_verification(opts.insecure)
        .unversioned_rustls_crypto_provider(provider)
        .build();
    let config = ureq::Agent::config_builder()
        .tls_config(tls)
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_millis(u64::from(opts.timeout_ms))))
        .user_agent(concat!(
            "pullsecret/",
            env!("CARGO_PKG_VERSION"),
            " (+verify)"
        ))
        .build();
    Ok(config.new_agent())
}

/// Sends one request of the flow and reads what the flow needs of the answer.
fn send(agent: &ureq::Agent, req: &Request) -> Result<Response, Unreachable> {
    let mut b = ureq::http::Request::builder()
        .method(req.method.as_str())
        .uri(&req.url);
    if let Some(a) = &req.authorization {
        b = b.header("authorization", a.expose());
    }
    if let Some(a) = req.accept {
        b = b.header("accept", a);
    }
    let answer = match &req.form {
        Some(form) => b
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form.expose().to_string())
            .map_err(|e| protocol(e.to_string()))
            .and_then(|r| agent.run(r).map_err(unreachable)),
        None => b
            .body(())
            .map_err(|e| protocol(e.to_string()))
            .and_then(|r| agent.run(r).map_err(unreachable)),
    };
    let mut resp = answer?;
    let headers = resp.headers();
    let www_authenticate = headers
        .get_all("www-authenticate")
        .iter()
        .filter_map(|v| v.to_str().ok().map(String::from))
        .collect();
    let location = headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    let status = resp.status().as_u16();
    let body = if req.method == Method::Head {
        Vec::new()
    } else {
        // A body over the limit is not a token response: read as empty.
        resp.body_mut()
            .with_config()
            .limit(BODY_LIMIT)
            .read_to_vec()
            .unwrap_or_default()
    };
    Ok(Response {
        status,
        www_authenticate,
        location,
        body,
    })
}

fn protocol(detail: String) -> Unreachable {
    Unreachable {
        kind: UnreachableKind::Protocol,
        detail,
    }
}

/// A transport error in the flow's terms. ureq's messages name hosts and TLS alerts, never a
/// header or body.
fn unreachable(e: ureq::Error) -> Unreachable {
    use std::io::ErrorKind;
    let kind = match &e {
        ureq::Error::Timeout(_) => UnreachableKind::Timeout,
        ureq::Error::HostNotFound => UnreachableKind::Dns,
        ureq::Error::ConnectionFailed => UnreachableKind::Connect,
        // std's resolver reports `getaddrinfo`'s failure as an uncategorised I/O error.
        ureq::Error::Io(io) if io.to_string().contains("failed to lookup address") => {
            UnreachableKind::Dns
        }
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::TimedOut | ErrorKind::WouldBlock => UnreachableKind::Timeout,
            ErrorKind::InvalidData => UnreachableKind::Tls,
            _ => UnreachableKind::Connect,
        },
        // A TLS client's hello answered by an HTTP server: `HTTP/1.1 400` is no TLS record.
        ureq::Error::Rustls(rustls::Error::InvalidMessage(
            rustls::InvalidMessage::InvalidContentType,
        )) => UnreachableKind::PlainHttp,
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => UnreachableKind::Tls,
        _ => UnreachableKind::Protocol,
    };
    let detail = match &e {
        ureq::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    };
    Unreachable { kind, detail }
}
