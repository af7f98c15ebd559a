//! Findings about registry keys, and what each client makes of a key.
//!
//! A key that one client matches can be dead for another: `docker.io` works for kubelet and
//! podman but never for docker; `index.docker.io/v1/` works only for kubelet; a glob works only
//! for kubelet; two spellings of one registry make clients pick at random. These checks use the
//! per-client readings in `keys.rs`, so they agree with `lookup`.

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::model::config::Entry;
use crate::model::keys;
use crate::model::reference::valid_domain;
use crate::rules::verdict::{Status, Verdict};
use std::collections::HashMap;

const fn ignored(reason: &'static str) -> Verdict {
    Verdict {
        status: Status::Ignored,
        reason: Some(reason),
    }
}

fn quoted(key: &str) -> String {
    let mut s = String::with_capacity(key.len() + 2);
    s.push('`');
    s.push_str(key);
    s.push('`');
    s
}

/// Checks one key; lowers the verdicts of clients that can never select it.
/// `kubelet_key` is [`keys::kubelet_key`] of the key (computed once per entry by the caller).
pub(crate) fn check_key(
    e: &Entry<'_>,
    kubelet_key: Option<&str>,
    verdicts: &mut [Verdict; 3],
    diags: &mut Vec<Diagnostic>,
) {
    let key = e.key;
    let [kubelet, containers, docker] = verdicts;
    let set = |slot: &mut Verdict, v: Verdict| {
        // A key problem matters only where the entry would otherwise be used.
        if matches!(slot.status, Status::Used | Status::Anonymous) {
            *slot = v;
        }
    };
    let d = |code: Code, msg: String| Diagnostic::new(code, msg, e.pointer.clone(), e.key_span);

    let host = keys::docker_hostname(key);
    let glob = keys::is_glob(key);
    if !glob && !valid_domain(&host) {
        let mut m = quoted(key);
        m.push_str(" is not a registry host any client can match: no image ever uses this entry");
        diags.push(d(Code::KeyInvalid, m).with_severity(Severity::Error));
        let dead = ignored("the key is not a registry host: no image matches it");
        set(kubelet, dead);
        set(containers, dead);
        set(docker, dead);
        return;
    }
    if kubelet_key.is_none() {
        let mut m = quoted(key);
        m.push_str(" cannot be parsed as a URL by kubelet, which skips this entry");
        diags.push(
            d(Code::KeyInvalid, m)
                .with_severity(Severity::Warning)
                .with_help("Remove the characters a URL cannot hold (spaces, `%`), or write the registry's host name (`host[:port]`)."),
        );
        set(
            kubelet,
            ignored("kubelet cannot parse the key as a URL and skips the entry"),
        );
    }

    if glob {
        diags.push(d(
            Code::KeyGlob,
            {
                let mut m = quoted(key);
                m.push_str(" is a glob: only kubelet expands it (one label per `*`, so `*.example.com` does not match `example.com`); podman and docker never match it");
                m
            },
        ));
        set(
            containers,
            ignored("containers/image does not expand globs"),
        );
        set(docker, ignored("docker does not expand globs"));
        return;
    }

    let identity = keys::registry_identity(key);
    let is_hub = identity == "docker.io" || identity.starts_with("docker.io/");
    if key == "https://index.docker.io/v1" {
        diags.push(d(
            Code::KeyHubNoSlash,
            "`https://index.docker.io/v1` lacks the trailing `/`: kubelet and docker never use it for Docker Hub, only podman does; write `https://index.docker.io/v1/`".into(),
        ));
    } else if let Some(why) = keys::hub_alias(key) {
        diags.push(d(Code::KeyHubAlias, why.into()));
    }
    if is_hub || host == "registry-1.docker.io" {
        if key != keys::DOCKER_HUB_KEY {
            set(
                docker,
                ignored("docker reads only `https://index.docker.io/v1/` for Docker Hub"),
            );
        }
        match kubelet_key {
            Some("docker.io") | Some("index.docker.io") => {}
            Some(k) if k.starts_with("docker.io/") => {}
            _ => set(kubelet, ignored("kubelet never matches this spelling against Docker Hub images (`docker.io/...`)")),
        }
        let c = keys::containers_normalize_key(key, false);
        if c != "index.docker.io" && !c.starts_with("docker.io/") {
            set(containers, ignored("containers/image reads this spelling as a namespace that no Docker Hub image has"));
        }
        return;
    }

    let stripped = key
        .strip_prefix("https://")
        .or_else(|| key.strip_prefix("http://"));
    let path = stripped
        .unwrap_or(key)
        .split_once('/')
        .map_or("", |(_, p)| p);
    // kubelet drops only `/v1/` and `/v2/` (with the slash): `/v1` stays a path prefix.
    let api_path = path.is_empty() || ["v1/", "v2/"].contains(&path);
    if stripped.is_some() {
        let mut m = quoted(key);
        if api_path {
            m.push_str(" has a scheme: clients read it as ");
            m.push_str(&quoted(&host));
        } else {
            m.push_str(" has a scheme: podman and docker read it as ");
            m.push_str(&quoted(&host));
            m.push_str(" (the whole registry), kubelet as the path prefix ");
            let mut k = host.to_string();
            k.push('/');
            k.push_str(
                path.strip_prefix("v2/")
                    .or(path.strip_prefix("v1/"))
                    .unwrap_or(path),
            );
            m.push_str(&quoted(&k));
            if ["v1", "v2"].contains(&path) {
                m.push_str(" (kubelet drops only `/v1/` and `/v2/`, with the slash)");
            }
        }
        m.push_str("; `podman login` refuses to write it");
        diags.push(if api_path {
            d(Code::KeyScheme, m)
        } else {
            d(Code::KeyScheme, m)
                .with_severity(Severity::Warning)
                .with_help("Drop the scheme: write `host/namespace` for per-namespace credentials, or the bare host for the whole registry.")
        });
    } else if !path.is_empty() {
        let mut m = quoted(key);
        if path.ends_with('/') {
            m.push_str(" ends with `/`: podman never matches it (namespaces have no trailing `/`)");
            set(
                containers,
                ignored("containers/image compares namespaces without a trailing `/`"),
            );
            diags.push(
                d(Code::KeyPath, m)
                    .with_severity(Severity::Warning)
                    .with_help("Drop the trailing `/`."),
            );
        } else {
            m.push_str(" is a namespace key: kubelet matches it as a path prefix, podman by whole path segments, docker for the whole host when no exact key exists");
            diags.push(d(Code::KeyPath, m));
        }
    }
    if host.bytes().any(|b| b.is_ascii_uppercase()) {
        let mut m = quoted(key);
        m.push_str(" has upper-case letters: clients compare host names case-sensitively, so images written in lower case never use it");
        diags.push(d(Code::KeyUppercase, m));
    }
}

/// Reports keys that name the same registry (`quay.io` and `https://quay.io`).
pub(crate) fn check_same_registry(entries: &[&Entry<'_>], diags: &mut Vec<Diagnostic>) {
    if entries.len() < 2 {
        return;
    }
    let ids: Vec<std::borrow::Cow<str>> = entries
        .iter()
        .map(|e| keys::registry_identity(e.key))
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
    for (later, id) in ids.iter().enumerate() {
        let Some(first) = seen.insert(id, later) else {
            continue;
        };
        let (first, later) = (entries[first], entries[later]);
        let mut m = quoted(first.key);
        m.push_str(" and ");
        m.push_str(&quoted(later.key));
        let (kf, kl) = (keys::kubelet_key(first.key), keys::kubelet_key(later.key));
        m.push_str(" name the same registry: ");
        match (kf.as_deref(), kl.as_deref()) {
            (Some(a), Some(b)) if a == b => m.push_str("kubelet tries both in random order"),
            (Some("docker.io"), Some("index.docker.io"))
            | (Some("index.docker.io"), Some("docker.io")) => m.push_str(
                "kubelet uses `docker.io` (a direct match) and never falls back to the `index.docker.io` spelling",
            ),
            _ => m.push_str("kubelet reads them as different keys"),
        }
        m.push_str(
            ", podman and docker prefer an exact key and otherwise pick one at random; keep one",
        );
        diags.push(
            Diagnostic::new(
                Code::KeyDuplicateRegistry,
                m,
                later.pointer.clone(),
                later.key_span,
            )
            .with_label(first.key_span, "the other key for this registry"),
        );
    }
}
