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
use crate::edit::login::{LoginInput, RegistryLogin};
use crate::edit::{AddOptions, EditStyle};
use crate::emit::secret::SecretType;
use crate::model::input::Source;
use crate::model::redact::Secret;
use crate::model::tree::shell_quote;
use crate::model::tree::OutputFormat;
use serde::{Deserialize, Serialize};

/// Which pull secret is edited (read as `openshift`, `hypershift`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase", expecting = "one of openshift, hypershift")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

/// Options of [`global_pull_secret`], read from `{logins: [{registry, username, password,
/// email?} | {registry, authBasic: "user:password", email?}], variant?: "openshift"|"hypershift",
/// file?, style?: "preserve"|"podman", output?, creationTimestamp?}`; a single login may also be
/// given at the top level (`registry`, `authBasic` or `username`/`password`, `email`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "GlobalPullSecretInput")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(as = "GlobalPullSecretInput"))]
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

/// [`GlobalPullSecretOptions`] as given: `logins`, and one login at the top level.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub(crate) struct GlobalPullSecretInput {
    /// The logins to add or replace.
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    logins: Vec<RegistryLogin>,
    /// One login at the top level: its registry (with `username`/`password` or `authBasic`,
    /// and `email`).
    registry: Option<String>,
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    username: String,
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    password: Secret,
    email: Option<String>,
    auth_basic: Option<Secret>,
    /// `openshift` (`openshift-config/pull-secret`, default) or `hypershift`
    /// (`kube-system/additional-pull-secret`).
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    variant: PullSecretVariant,
    /// The file name used in the printed commands (default `pull-secret.json` or
    /// `additional-pull-secret.json`).
    file: Option<String>,
    /// How the config is edited (see `add`); default `preserve`.
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    style: EditStyle,
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    output: OutputFormat,
    /// Print `creationTimestamp: null`, as kubectl 1.33 and older do.
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    creation_timestamp: bool,
}

impl TryFrom<GlobalPullSecretInput> for GlobalPullSecretOptions {
    type Error = &'static str;
    fn try_from(i: GlobalPullSecretInput) -> Result<Self, Self::Error> {
        let mut logins = i.logins;
        if let Some(registry) = i.registry {
            logins.push(RegistryLogin::try_from(LoginInput {
                registry,
                username: i.username,
                password: i.password,
                email: i.email,
                auth_basic: i.auth_basic,
            })?);
        }
        Ok(GlobalPullSecretOptions {
            logins,
            variant: i.variant,
            file: i.file,
            style: i.style,
            output: i.output,
            creation_timestamp: i.creation_timestamp,
        })
    }
}

/// What [`global_pull_secret`] returns: the new `.dockerconfigjson`, the updated Secret (name
/// and namespace kept from a pasted Secret), and the `oc` commands.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GlobalPullSecretResult {
    /// The Secret's name and namespace.
    pub name: String,
    pub namespace: String,
    /// The new `.dockerconfigjson` text.
    pub config: String,
    /// The updated Secret, printed as `-o yaml|json`.
    pub secret: String,
    /// The file name used in the commands.
    pub file: String,
    /// `oc get secret/... --template=... > FILE`.
    pub fetch_command: String,
    /// `oc set data secret/...` (or `oc create secret generic ...` for a new HyperShift one).
    pub command: String,
    /// Registries added, and registries whose entry was replaced.
    pub added: Vec<String>,
    pub replaced: Vec<String>,
}

/// `Debug` shows the config's and Secret's sizes only: they hold credentials.
impl std::fmt::Debug for GlobalPullSecretResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GlobalPullSecretResult")
            .field("name", &self.name)
            .field("namespace", &self.namespace)
            .field(
                "config",
                &format_args!("<{} bytes redacted>", self.config.len()),
            )
            .field(
                "secret",
                &format_args!("<{} bytes redacted>", self.secret.len()),
            )
            .field("added", &self.added)
            .field("replaced", &self.replaced)
            .finish()
    }
}

/// Adds or replaces registry logins in the current pull secret (its config file, its base64, or
/// the pasted `oc get secret/pull-secret -n openshift-config -o yaml`; empty for a new
/// HyperShift additional pull secret).
pub fn global_pull_secret(
    current: &str,
    opts: &GlobalPullSecretOptions,
) -> Result<GlobalPullSecretResult, Error> {
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
        if let Source::Secret { secret: info } = &doc.source {
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
    Ok(GlobalPullSecretResult {
        name,
        namespace,
        config,
        secret,
        file: file.into(),
        fetch_command: fetch,
        command,
        added,
        replaced,
    })
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
