//! rkt registry credentials: `/etc/rkt/auth.d/*.json`.
//!
//! rkt (`rkt/config/auth.go`) reads two kinds from `auth.d`: `auth` v1 (`domains`, `type: basic`,
//! `credentials{user,password}`, sent as HTTP Basic to those hosts) and `dockerAuth` v1
//! (`registries`, `credentials{user,password}`, used by its Docker fetcher). Both require a
//! non-empty user and password, and a domain or registry may appear only once per directory, so
//! this writes one file of each kind per registry host and drops what rkt cannot express.

use crate::emit::convert::{drop_unsupported, rekey, Content, Converted, Cred, Unsupported};
use crate::go::json::Writer;
use crate::model::config::Config;
use crate::model::keys;

/// rkt matches hosts exactly; Docker Hub is `index.docker.io` (rkt's default registry).
fn rkt_host(key: &str) -> (String, Option<&'static str>) {
    let host = keys::docker_hostname(key);
    if matches!(&*host, "docker.io" | "registry-1.docker.io") {
        return (
            "index.docker.io".into(),
            Some("rkt names Docker Hub `index.docker.io`"),
        );
    }
    (
        host.into_owned(),
        Some("rkt matches a bare host[:port]; it has no scheme, path or per-namespace credentials"),
    )
}

fn file_name(host: &str) -> String {
    host.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn body(
    kind: &str,
    list_key: &str,
    host: &str,
    extra: &[(&str, &str)],
    user: &str,
    pass: &str,
) -> String {
    let mut w = Writer::indented("\t");
    w.begin_object()
        .field("rktKind", kind)
        .field("rktVersion", "v1")
        .key(list_key)
        .begin_array()
        .string(host)
        .end_array();
    for (k, v) in extra {
        w.field(k, v);
    }
    w.key("credentials")
        .begin_object()
        .field("user", user)
        .field("password", pass)
        .end_object()
        .end_object();
    let mut s = w.finish();
    s.push('\n');
    s
}

pub(crate) fn write(cfg: &Config<'_>, creds: &[Cred<'_>], out: &mut Converted) {
    const TOKENS: &str = "rkt sends only Basic credentials to Docker registries";
    drop_unsupported(
        cfg,
        creds,
        out,
        &Unsupported {
            helpers: Some("rkt has no credential helpers"),
            store: Some("rkt has no credential store"),
            other_keys: "not a credential",
            email: None,
            identity_token: Some(TOKENS),
            registry_token: Some(TOKENS),
        },
    );
    let mut usable = std::vec::Vec::new();
    for c in creds {
        match &c.user_pass {
            Some((u, p)) if !u.is_empty() && !p.is_empty() => usable.push(c),
            _ => out.drop(
                &format!("entry `{}`", c.key),
                "rkt requires a non-empty user and password (`user not specified` / `password not specified`)",
            ),
        }
    }
    let owned: std::vec::Vec<Cred<'_>> = usable
        .iter()
        .map(|c| Cred {
            key: c.key,
            user_pass: c.user_pass.clone(),
            from_fields: false,
            identity_token: None,
            registry_token: None,
            email: None,
        })
        .collect();
    for (host, c) in rekey(&owned, out, "rkt", &rkt_host) {
        let (u, p) = c
            .user_pass
            .as_ref()
            .map_or(("", ""), |(u, p)| (u.as_str(), p.as_str()));
        let name = file_name(&host);
        let auth = body("auth", "domains", &host, &[("type", "basic")], u, p);
        let docker = body("dockerAuth", "registries", &host, &[], u, p);
        for (file, text) in [
            (format!("{name}.json"), auth),
            (format!("docker-{name}.json"), docker),
        ] {
            out.file(
                format!("auth.d/{file}"),
                format!("/etc/rkt/auth.d/{file}"),
                0o600,
                Content::Text(text),
            );
        }
    }
}
