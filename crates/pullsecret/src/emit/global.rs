//! The OpenShift global pull secret and the HyperShift additional pull secret.
//!
//! The documented update (openshift-docs `images-update-global-pull-secret.adoc`) is three hand
//! steps: `oc get secret/pull-secret -n openshift-config --template=... > FILE`, `oc registry
//! login --registry=R --auth-basic=U:P --to=FILE` per registry, then `oc set data
//! secret/pull-secret -n openshift-config --from-file=.dockerconfigjson=FILE` (which replaces
//! the whole value: no merge on the server). [`global_pull_secret`] does the middle step with
//! [`crate::edit::add`] (preserve style by default; `podman` style gives the bytes `oc registry login`
//! writes, which drop the other entries' `email`) and prints the new file, the updated Secret and
//! the exact commands.
//!
//! Hosted control planes (HyperShift) take extra credentials from a Secret the user creates in
//! the hosted cluster, `kube-system/additional-pull-secret` (`.dockerconfigjson`, at least one
//! entry), merged per `auths` key into the original: on self-managed HCP the user's entry wins,
//! on managed HCP (ROSA/ARO) the original wins, so add a more specific key there
//! (`quay.io/namespace`), per `globalps.go` `mergePullSecrets` and the HCP docs.

use crate::diagnostics::{Error, ErrorCode};
use crate::edit::login::{login, RegistryLogin, LOGIN_KEYS};
use crate::edit::{AddOptions, EditStyle};
use crate::emit::secret::SecretType;
use crate::go::json::Writer;
use crate::model::input::Source;
use crate::model::options::Options;
use crate::model::tree::shell_quote;
use crate::model::tree::OutputFormat;

/// Which pull secret is edited.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PullSecretVariant {
    /// `openshift-config/pull-secret`, applied with `oc set data`.
    #[default]
    OpenShift,
    /// `kube-system/additional-pull-secret` in a hosted cluster (HyperShift / HCP).
    HyperShift,
}

impl PullSecretVariant {
    /// The Secret's default name and namespace.
    pub fn secret(self) -> (&'static str, &'static str) {
        match self {
            PullSecretVariant::OpenShift => ("pull-secret", "openshift-config"),
            PullSecretVariant::HyperShift => ("additional-pull-secret", "kube-system"),
        }
    }
}

/// Options of [`global_pull_secret`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GlobalPullSecretOptions {
    pub logins: Vec<RegistryLogin>,
    pub variant: PullSecretVariant,
    /// The file name used in the printed commands (default `pull-secret.json` or
    /// `additional-pull-secret.json`).
    pub file: Option<String>,
    /// How the config is edited (see [`crate::edit::add`]); default preserve.
    pub style: EditStyle,
    pub output: OutputFormat,
    pub creation_timestamp: bool,
}

impl GlobalPullSecretOptions {
    /// Reads `{"logins": [{"registry", "username", "password", "email"?} | {"registry",
    /// "authBasic": "user:password"}], "variant"?: "openshift"|"hypershift", "file"?,
    /// "style"?: "preserve"|"podman", "output"?, "creationTimestamp"?}`; a single login may also
    /// be given at the top level (`registry`, `authBasic` or `username`/`password`).
    pub fn from_json(text: &str) -> Result<Self, Error> {
        const KNOWN: &[&str] = &[
            "logins",
            "registry",
            "username",
            "password",
            "email",
            "authBasic",
            "variant",
            "file",
            "style",
            "output",
            "creationTimestamp",
        ];
        let mut o = Options::read(text, KNOWN)?;
        let mut logins = Vec::new();
        for each in o.objects("logins", LOGIN_KEYS) {
            logins.push(login(&each));
            o.check(each.done());
        }
        if o.string("registry").is_some() {
            logins.push(login(&o));
        }
        o.finish(GlobalPullSecretOptions {
            logins,
            variant: o
                .choice(
                    "variant",
                    &[
                        ("openshift", PullSecretVariant::OpenShift),
                        ("hypershift", PullSecretVariant::HyperShift),
                    ],
                )
                .unwrap_or_default(),
            file: o.string("file"),
            style: o.choice("style", crate::edit::STYLES).unwrap_or_default(),
            output: o.output(),
            creation_timestamp: o.boolean("creationTimestamp"),
        })
    }
}

/// Adds or replaces registry logins in the current pull secret (its config file, its base64, or
/// the pasted `oc get secret/pull-secret -n openshift-config -o yaml`; empty for a new
/// HyperShift additional pull secret). Returns JSON `{"name", "namespace", "config", "secret",
/// "file", "fetchCommand", "command", "added", "replaced"}`: the new `.dockerconfigjson`, the
/// updated Secret (name and namespace kept from a pasted Secret), and the `oc` commands.
pub fn global_pull_secret(current: &str, opts: &GlobalPullSecretOptions) -> Result<String, Error> {
    if opts.logins.is_empty() {
        return Err(Error::option(
            ErrorCode::MissingOption,
            "at least one registry login (registry, username, password) must be specified",
        ));
    }
    let (default_name, default_ns) = opts.variant.secret();
    let (mut name, mut namespace): (String, String) = (default_name.into(), default_ns.into());
    let fresh = current.trim().is_empty();
    let before: Vec<String> = if fresh {
        Vec::new()
    } else {
        let doc = crate::model::document::parse(current)?;
        if doc.format == crate::model::config::Format::DockerCfg {
            // kubelet and CRI-O read the global pull secret as `.dockerconfigjson`
            return Err(Error::option(
                ErrorCode::InvalidOption,
                "the pull secret is a legacy .dockercfg (no `auths`); the global pull secret must be a .dockerconfigjson",
            ));
        }
        if let Source::Secret(info) = &doc.source {
            // keep the pasted Secret's own name and namespace (as `oc set data` edits it in place)
            if let Some(n) = &info.name {
                name = leak_free(n, default_name, false).into();
            }
            if let Some(ns) = &info.namespace {
                namespace = leak_free(ns, default_ns, true).into();
            }
        }
        doc.entries.into_iter().map(|e| e.registry).collect()
    };
    let mut config: String = current.into();
    let (mut added, mut replaced) = (Vec::new(), Vec::new());
    for l in &opts.logins {
        config = crate::edit::add(
            &config,
            &AddOptions {
                registry: l.registry.clone(),
                username: l.username.clone(),
                password: l.password.clone(),
                email: l.email.clone(),
                style: opts.style,
            },
        )?;
        let list = if before.contains(&l.registry) {
            &mut replaced
        } else {
            &mut added
        };
        if !list.contains(&l.registry) {
            list.push(l.registry.clone());
        }
    }
    let secret = crate::emit::secret::render(
        &name,
        Some(&namespace),
        SecretType::DockerConfigJson,
        &crate::go::base64::encode(config.as_bytes()),
        opts.output,
        opts.creation_timestamp,
    );
    let default_file = match opts.variant {
        PullSecretVariant::OpenShift => "pull-secret.json",
        PullSecretVariant::HyperShift => "additional-pull-secret.json",
    };
    let file = opts.file.as_deref().unwrap_or(default_file);
    let (q_name, q_ns, q_file) = (
        shell_quote(&name),
        shell_quote(&namespace),
        shell_quote(file),
    );
    let fetch = format!("oc get secret/{q_name} -n {q_ns} --template='{{{{index .data \".dockerconfigjson\" | base64decode}}}}' > {q_file}");
    let command = if fresh && opts.variant == PullSecretVariant::HyperShift {
        format!("oc create secret generic {q_name} -n {q_ns} --from-file=.dockerconfigjson={q_file} --type=kubernetes.io/dockerconfigjson")
    } else {
        format!("oc set data secret/{q_name} -n {q_ns} --from-file=.dockerconfigjson={q_file}")
    };
    let mut w = Writer::with_capacity(config.len() * 3 + 512);
    w.begin_object()
        .field("name", &name)
        .field("namespace", &namespace)
        .field("config", &config)
        .field("secret", &secret)
        .field("file", file)
        .field("fetchCommand", &fetch)
        .field("command", &command);
    for (key, list) in [("added", &added), ("replaced", &replaced)] {
        w.key(key).begin_array();
        for r in list {
            w.string(r);
        }
        w.end_array();
    }
    w.end_object();
    Ok(w.finish())
}

/// A pasted Secret's name or namespace, or the default when it is not a valid one (it is then
/// not echoed anywhere).
fn leak_free<'a>(found: &'a str, default: &'a str, label: bool) -> &'a str {
    if crate::model::input::dns1123(found, label) {
        found
    } else {
        default
    }
}
