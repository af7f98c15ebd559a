//! The cluster objects that put a pull secret to use.
//!
//! A pull secret does nothing until something references it. The OpenShift docs walk users
//! through hand-editing each of those references; every one is built here, from the same rules
//! the reference tools apply:
//!
//! - [`link`]: the ServiceAccount change of `oc secrets link SA NAME [--for=pull|mount]`
//!   (openshift/oc `pkg/cli/secrets/link.go`): names not already listed are appended, in sorted
//!   order, to `imagePullSecrets` (pull) or `secrets` (mount, oc's default). Returned as the
//!   full object and as the `kubectl patch` that makes the same change. `imagePullSecrets` of a
//!   ServiceAccount is an atomic list (no strategic-merge key; observed with `kubectl patch
//!   --local`), so the patch carries the whole resulting list, never only the new name.
//! - [`grant_pull`]: the RoleBinding of `oc policy add-role-to-user system:image-puller
//!   system:serviceaccount:A:SA --namespace=B` or `add-role-to-group ... system:serviceaccounts:A`
//!   (`pkg/cli/admin/policy/modify_roles.go`, `policy.go`): named after the role, `roleRef` a
//!   ClusterRole, subjects as library-go's `BuildRBACSubjects` makes them.
//! - [`pod_snippet`], [`workflow_snippet`]: a Pod and an Argo Workflow with `imagePullSecrets`.
//! - [`delegated_auth`]: the two Secrets (authentication server and registry) of a registry that
//!   delegates authentication, each as `kubectl create secret docker-registry` builds it.

use crate::diagnostics::{Error, ErrorCode};
use crate::go::yaml::Yaml;
use crate::model::input::dns1123;
use crate::model::tree::OutputFormat;
use crate::model::tree::{self, name_ref, new_metadata, shell_quote};
use serde::{Deserialize, Serialize};

const RBAC_GROUP: &str = "rbac.authorization.k8s.io";
/// The ClusterRole that lets a ServiceAccount pull from another project's image streams.
pub const IMAGE_PULLER_ROLE: &str = "system:image-puller";

fn invalid(message: String) -> Error {
    Error::option(ErrorCode::InvalidOption, message)
}

fn missing(what: &str) -> Error {
    Error::option(
        ErrorCode::MissingOption,
        format!("{what} must be specified"),
    )
}

/// Checks a name the API server validates as a DNS-1123 subdomain (or label for namespaces).
fn check_name(what: &str, name: &str, label: bool) -> Result<(), Error> {
    if dns1123(name, label) {
        return Ok(());
    }
    Err(invalid(format!(
        "{what} `{name}` is not a valid name: {}",
        crate::model::input::dns1123_rule(label)
    )))
}

fn name_refs(names: &[String]) -> Yaml {
    Yaml::Seq(names.iter().map(|n| name_ref(n)).collect())
}

/// Options of [`link`], read from `{serviceAccount?, secrets, for?, namespace?, output?,
/// creationTimestamp?}`: `secrets` and `for` are arrays or comma-separated strings, `for` holds
/// `pull` and/or `mount` (any case; default `mount`, as oc).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "LinkInput")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(as = "LinkInput"))]
pub struct LinkOptions {
    /// The ServiceAccount's name; required without a ServiceAccount object, else must match it.
    pub service_account: Option<String>,
    /// Secrets to link.
    pub secrets: Vec<String>,
    /// `--for=pull`: add to `imagePullSecrets`.
    pub for_pull: bool,
    /// `--for=mount` (oc's default): add to `secrets`.
    pub for_mount: bool,
    /// For the `kubectl patch` command; must match the object's namespace when both are given.
    pub namespace: Option<String>,
    pub output: OutputFormat,
    /// Print `creationTimestamp: null` in a new ServiceAccount, as kubectl 1.33 and older do.
    pub creation_timestamp: bool,
}

/// [`LinkOptions`] as given (`for` as a list of names).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[derive(Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub(crate) struct LinkInput {
    /// The ServiceAccount's name; required without a ServiceAccount object, else must match it.
    service_account: Option<String>,
    /// Secrets to link: an array, or one comma-separated string.
    #[serde(deserialize_with = "crate::model::options::string_list")]
    #[cfg_attr(feature = "ts", ts(as = "crate::model::options::StringList"))]
    secrets: Vec<String>,
    /// `pull` (`imagePullSecrets`), `mount` (`secrets`) or both; default `mount`, as oc.
    #[serde(
        rename = "for",
        deserialize_with = "crate::model::options::string_list"
    )]
    #[cfg_attr(feature = "ts", ts(type = "\"pull\" | \"mount\" | \"pull,mount\" | \"mount,pull\" | Array<\"pull\" | \"mount\">", optional = nullable))]
    kinds: Vec<String>,
    /// For the `kubectl patch` command; must match the object's namespace when both are given.
    namespace: Option<String>,
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    output: OutputFormat,
    /// Print `creationTimestamp: null` in a new ServiceAccount, as kubectl 1.33 and older do.
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    creation_timestamp: bool,
}

impl TryFrom<LinkInput> for LinkOptions {
    type Error = &'static str;
    fn try_from(i: LinkInput) -> Result<Self, Self::Error> {
        let mut opts = LinkOptions {
            service_account: i.service_account,
            secrets: i.secrets,
            for_pull: false,
            for_mount: i.kinds.is_empty(),
            namespace: i.namespace,
            output: i.output,
            creation_timestamp: i.creation_timestamp,
        };
        for k in &i.kinds {
            match k.to_ascii_lowercase().as_str() {
                "pull" => opts.for_pull = true,
                "mount" => opts.for_mount = true,
                _ => return Err("for must be pull, mount, or both"),
            }
        }
        Ok(opts)
    }
}

/// What [`link`] returns: the full object, the merge patch, the `kubectl patch` command that
/// applies it, and the equivalent `oc secrets link` command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct LinkResult {
    /// The ServiceAccount's name.
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The ServiceAccount after the link, as `kubectl patch --local -o yaml|json` prints it.
    pub object: String,
    /// The merge patch (compact JSON).
    pub patch: String,
    /// `kubectl patch serviceaccount NAME [-n NS] -p PATCH`.
    pub command: String,
    /// `oc secrets link NAME SECRET... [-n NS] --for=...`.
    pub oc_command: String,
    /// The secrets newly listed.
    pub added: Vec<String>,
    /// Whether anything was added.
    pub changed: bool,
}

/// Links secrets to a ServiceAccount as `oc secrets link` does. `service_account` is the
/// object (`oc get sa NAME -o yaml|json`), or empty for a new one.
pub fn link(service_account: &str, opts: &LinkOptions) -> Result<LinkResult, Error> {
    if opts.secrets.is_empty() {
        return Err(missing("at least one secret"));
    }
    for s in &opts.secrets {
        check_name("secret", s, false)?;
    }
    if !opts.for_pull && !opts.for_mount {
        return Err(invalid("for must be present".into()));
    }
    if let Some(ns) = &opts.namespace {
        check_name("namespace", ns, true)?;
    }
    let mut sa = if service_account.trim().is_empty() {
        let name = opts
            .service_account
            .as_deref()
            .ok_or_else(|| missing("serviceAccount (or a ServiceAccount object)"))?;
        check_name("service account", name, false)?;
        Yaml::strs(&[("apiVersion", "v1"), ("kind", "ServiceAccount")]).with(
            "metadata",
            new_metadata(
                "name",
                name,
                opts.namespace.as_deref(),
                opts.creation_timestamp,
            ),
        )
    } else {
        // A UTF-16 manifest is read decoded, as kubectl reads it.
        crate::model::manifest::read_decoded(service_account, |text| {
            tree::read(text, Some("ServiceAccount"))
        })?
    };
    let meta = tree::get(&sa, "metadata");
    let name: String = match (
        meta.and_then(|m| tree::get_str(m, "name")),
        opts.service_account.as_deref(),
    ) {
        (Some(n), Some(o)) if n != o => {
            return Err(invalid(format!(
                "the ServiceAccount given is `{n}`, not `{o}`"
            )))
        }
        (Some(n), _) | (None, Some(n)) => n.into(),
        (None, None) => return Err(missing("the ServiceAccount's metadata.name")),
    };
    let namespace: Option<String> = match (
        meta.and_then(|m| tree::get_str(m, "namespace")),
        opts.namespace.as_deref(),
    ) {
        (Some(n), Some(o)) if n != o => {
            return Err(invalid(format!(
                "the ServiceAccount is in namespace `{n}`, not `{o}`"
            )))
        }
        (Some(n), _) | (None, Some(n)) => Some(n.into()),
        (None, None) => None,
    };

    // oc: the named secrets as a set, minus those already listed, appended in sorted order.
    let mut wanted = opts.secrets.clone();
    wanted.sort();
    wanted.dedup();
    let mut added: Vec<String> = Vec::new();
    let mut changed: Vec<&str> = Vec::new();
    for (field, on) in [
        ("imagePullSecrets", opts.for_pull),
        ("secrets", opts.for_mount),
    ] {
        if !on {
            continue;
        }
        let mut items = match tree::take(&mut sa, field) {
            None | Some(Yaml::Null) => Vec::new(),
            Some(Yaml::Seq(items)) => items,
            Some(_) => {
                return Err(Error::option(
                    ErrorCode::Diagnostic(crate::diagnostics::Code::WrongType),
                    format!("the ServiceAccount's `{field}` is not a list"),
                ))
            }
        };
        for w in &wanted {
            if !items.iter().any(|i| tree::get_str(i, "name") == Some(w)) {
                items.push(name_ref(w));
                if !added.contains(w) {
                    added.push(w.clone());
                }
            }
        }
        tree::set(&mut sa, field, Yaml::Seq(items));
        changed.push(field);
    }
    // The fields in byte order, as `json.Marshal` of a map writes them.
    let patch = tree::patch(&sa, &changed);
    let object = match opts.output {
        OutputFormat::Yaml => tree::to_yaml(&mut sa),
        OutputFormat::Json => tree::to_json(&sa, true),
    };
    let ns_flag = namespace
        .as_deref()
        .map(|n| format!(" -n {}", shell_quote(n)))
        .unwrap_or_default();
    let command = format!(
        "kubectl patch serviceaccount {}{ns_flag} -p {}",
        shell_quote(&name),
        shell_quote(&patch)
    );
    // `for_pull || for_mount` was checked above.
    let kinds = match (opts.for_pull, opts.for_mount) {
        (true, true) => "pull,mount",
        (true, false) => "pull",
        _ => "mount",
    };
    let mut oc_command = format!("oc secrets link {}", shell_quote(&name));
    for s in &wanted {
        oc_command.push(' ');
        oc_command.push_str(&shell_quote(s));
    }
    oc_command.push_str(&ns_flag);
    oc_command.push_str(" --for=");
    oc_command.push_str(kinds);
    Ok(LinkResult {
        name,
        namespace,
        object,
        patch,
        command,
        oc_command,
        changed: !added.is_empty(),
        added,
    })
}

/// Options of [`grant_pull`]: `{fromNamespace, namespace, serviceAccount?, group?, role?,
/// roleBindingName?, output?, creationTimestamp?}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct GrantOptions {
    /// The project whose ServiceAccounts pull (A).
    pub from_namespace: String,
    /// The project that holds the images (B); the RoleBinding lives here.
    pub namespace: String,
    /// The ServiceAccount in A (default `default`); ignored with `group`.
    pub service_account: Option<String>,
    /// Grant every ServiceAccount of A (`add-role-to-group ... system:serviceaccounts:A`).
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub group: bool,
    /// The ClusterRole (default `system:image-puller`).
    pub role: Option<String>,
    /// `--rolebinding-name`; default: the role's name (oc appends `-0`, `-1`, … when a binding of
    /// that name already exists in B, which only the cluster knows).
    pub role_binding_name: Option<String>,
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub output: OutputFormat,
    /// Print `creationTimestamp: null`, as oc/kubectl built on Kubernetes 1.33 and older do.
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub creation_timestamp: bool,
}

/// What [`grant_pull`] returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GrantResult {
    /// The RoleBinding's name.
    pub name: String,
    /// The RoleBinding, printed as `-o yaml|json`.
    pub object: String,
    /// The `oc policy add-role-to-user|group` command.
    pub command: String,
    /// The `kubectl create rolebinding` command.
    pub kubectl_command: String,
}

/// The RoleBinding `oc policy add-role-to-user|add-role-to-group system:image-puller ...
/// --namespace=B` creates.
pub fn grant_pull(opts: &GrantOptions) -> Result<GrantResult, Error> {
    if opts.from_namespace.is_empty() {
        return Err(missing("fromNamespace"));
    }
    if opts.namespace.is_empty() {
        return Err(missing("namespace"));
    }
    check_name("namespace", &opts.from_namespace, true)?;
    check_name("namespace", &opts.namespace, true)?;
    let role = opts.role.as_deref().unwrap_or(IMAGE_PULLER_ROLE);
    if role.is_empty() || role.contains(['/', '%']) || role == "." || role == ".." {
        return Err(invalid(format!("role `{role}` is not a valid name")));
    }
    let name = opts.role_binding_name.as_deref().unwrap_or(role);
    if name.is_empty() || name.contains(['/', '%']) || name == "." || name == ".." {
        return Err(invalid(format!(
            "role binding name `{name}` is not a valid name"
        )));
    }
    let sa = opts.service_account.as_deref().unwrap_or("default");
    let (subject, target, verb, kubectl_flag) = if opts.group {
        let group = format!("system:serviceaccounts:{}", opts.from_namespace);
        (
            Yaml::strs(&[
                ("kind", "Group"),
                ("apiGroup", RBAC_GROUP),
                ("name", &group),
            ]),
            group.clone(),
            "add-role-to-group",
            format!("--group={group}"),
        )
    } else {
        check_name("service account", sa, false)?;
        (
            Yaml::strs(&[
                ("kind", "ServiceAccount"),
                ("name", sa),
                ("namespace", &opts.from_namespace),
            ]),
            format!("system:serviceaccount:{}:{sa}", opts.from_namespace),
            "add-role-to-user",
            format!("--serviceaccount={}:{sa}", opts.from_namespace),
        )
    };
    // rbacv1.RoleBinding field order, for `-o json`.
    let rb = Yaml::strs(&[
        ("kind", "RoleBinding"),
        ("apiVersion", "rbac.authorization.k8s.io/v1"),
    ])
    .with(
        "metadata",
        new_metadata("name", name, Some(&opts.namespace), opts.creation_timestamp),
    )
    .with("subjects", Yaml::one(subject))
    .with(
        "roleRef",
        Yaml::strs(&[
            ("apiGroup", RBAC_GROUP),
            ("kind", "ClusterRole"),
            ("name", role),
        ]),
    );
    let rb_flag = opts
        .role_binding_name
        .as_deref()
        .map(|n| format!(" --rolebinding-name={}", shell_quote(n)))
        .unwrap_or_default();
    let command = format!(
        "oc policy {verb} {} {} --namespace={}{rb_flag}",
        shell_quote(role),
        shell_quote(&target),
        shell_quote(&opts.namespace)
    );
    let kubectl_command = format!(
        "kubectl create rolebinding {} --clusterrole={} {} -n {}",
        shell_quote(name),
        shell_quote(role),
        shell_quote(&kubectl_flag),
        shell_quote(&opts.namespace)
    );
    Ok(GrantResult {
        name: name.into(),
        object: tree::print(rb, opts.output),
        command,
        kubectl_command,
    })
}

/// Options of [`pod_snippet`] and [`workflow_snippet`]: `{name?, generateName?, namespace?,
/// image?, container?, secrets, output?, creationTimestamp?}`; `secrets` is an array or a
/// comma-separated string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct WorkloadOptions {
    /// `metadata.name` (a Pod requires it).
    pub name: Option<String>,
    /// `metadata.generateName` (what an Argo Workflow usually has).
    pub generate_name: Option<String>,
    pub namespace: Option<String>,
    /// The container image (required for a Pod; a Workflow gets a one-container template).
    pub image: Option<String>,
    /// Container name (Pod) or entrypoint template name (Workflow); default: the Pod's name, `main`.
    pub container: Option<String>,
    /// The pull secrets to reference.
    #[serde(deserialize_with = "crate::model::options::string_list")]
    #[cfg_attr(feature = "ts", ts(as = "crate::model::options::StringList"))]
    pub secrets: Vec<String>,
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub output: OutputFormat,
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub creation_timestamp: bool,
}

impl WorkloadOptions {
    fn check(&self) -> Result<(), Error> {
        if self.secrets.is_empty() {
            return Err(missing("at least one secret"));
        }
        for s in &self.secrets {
            check_name("secret", s, false)?;
        }
        if let Some(ns) = &self.namespace {
            check_name("namespace", ns, true)?;
        }
        Ok(())
    }

    fn metadata(&self) -> Result<Yaml, Error> {
        let (key, name) = match (&self.name, &self.generate_name) {
            (Some(n), _) => {
                check_name("name", n, false)?;
                ("name", n.as_str())
            }
            (None, Some(g)) => ("generateName", g.as_str()),
            (None, None) => return Err(missing("name or generateName")),
        };
        Ok(new_metadata(
            key,
            name,
            self.namespace.as_deref(),
            self.creation_timestamp,
        ))
    }
}

/// A Pod that pulls `image` with the given `imagePullSecrets` (the docs' "Example pod
/// specification"), printed as kubectl prints a Pod.
pub fn pod_snippet(opts: &WorkloadOptions) -> Result<String, Error> {
    opts.check()?;
    let name = opts.name.as_deref().ok_or_else(|| missing("name"))?;
    let image = opts.image.as_deref().ok_or_else(|| missing("image"))?;
    let container = opts.container.as_deref().unwrap_or(name);
    check_name("container", container, true)?;
    let pod = Yaml::strs(&[("kind", "Pod"), ("apiVersion", "v1")])
        .with("metadata", opts.metadata()?)
        .with(
            "spec",
            Yaml::strs(&[])
                .with(
                    "containers",
                    Yaml::one(Yaml::strs(&[("name", container), ("image", image)])),
                )
                .with("imagePullSecrets", name_refs(&opts.secrets)),
        );
    Ok(tree::print(pod, opts.output))
}

/// An Argo Workflow (`argoproj.io/v1alpha1`) with `spec.imagePullSecrets` (the docs' "Example
/// ArgoCD workflow"); with `image`, an entrypoint template running it.
pub fn workflow_snippet(opts: &WorkloadOptions) -> Result<String, Error> {
    opts.check()?;
    let entrypoint = opts.container.as_deref().unwrap_or("main");
    let mut spec = Yaml::strs(&[("entrypoint", entrypoint)])
        .with("imagePullSecrets", name_refs(&opts.secrets));
    if let Some(image) = &opts.image {
        spec = spec.with(
            "templates",
            Yaml::one(
                Yaml::strs(&[("name", entrypoint)])
                    .with("container", Yaml::strs(&[("image", image)])),
            ),
        );
    }
    let wf = Yaml::strs(&[("apiVersion", "argoproj.io/v1alpha1"), ("kind", "Workflow")])
        .with("metadata", opts.metadata()?)
        .with("spec", spec);
    Ok(tree::print(wf, opts.output))
}

/// Options of [`delegated_auth`]: `{authServer, registry, username, password, email?,
/// authSecretName, registrySecretName, namespace?, output?, creationTimestamp?}`. `Debug`
/// redacts the password.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct DelegatedAuthOptions {
    /// The authentication server the registry delegates to (e.g. `sso.redhat.com`).
    pub auth_server: String,
    /// The registry (e.g. `privateregistry.example.com`).
    pub registry: String,
    pub username: String,
    pub password: String,
    pub email: Option<String>,
    /// Name of the auth server's Secret.
    pub auth_secret_name: String,
    /// Name of the registry's Secret.
    pub registry_secret_name: String,
    pub namespace: Option<String>,
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub output: OutputFormat,
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub creation_timestamp: bool,
}

impl std::fmt::Debug for DelegatedAuthOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DelegatedAuthOptions")
            .field("auth_server", &self.auth_server)
            .field("registry", &self.registry)
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("auth_secret_name", &self.auth_secret_name)
            .field("registry_secret_name", &self.registry_secret_name)
            .finish()
    }
}

/// One Secret of [`DelegatedAuthResult`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DelegatedSecret {
    pub name: String,
    pub server: String,
    pub manifest: String,
}

/// What [`delegated_auth`] returns: `manifest` is both Secrets, separated by `---` (YAML) or
/// one after the other (JSON), ready for `kubectl apply -f -`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DelegatedAuthResult {
    pub manifest: String,
    pub secrets: Vec<DelegatedSecret>,
}

/// The two Secrets for a registry that delegates authentication: one for the auth server, one
/// for the registry, same credentials, each exactly `oc create secret docker-registry NAME
/// --docker-server=... --docker-username=... --docker-password=... [--docker-email=...]`.
pub fn delegated_auth(opts: &DelegatedAuthOptions) -> Result<DelegatedAuthResult, Error> {
    for (what, v) in [
        ("authServer", &opts.auth_server),
        ("registry", &opts.registry),
        ("authSecretName", &opts.auth_secret_name),
        ("registrySecretName", &opts.registry_secret_name),
    ] {
        if v.is_empty() {
            return Err(missing(what));
        }
    }
    check_name("secret", &opts.auth_secret_name, false)?;
    check_name("secret", &opts.registry_secret_name, false)?;
    if opts.auth_secret_name == opts.registry_secret_name {
        return Err(invalid(
            "authSecretName and registrySecretName must differ".into(),
        ));
    }
    if let Some(ns) = &opts.namespace {
        check_name("namespace", ns, true)?;
    }
    let mut manifests: Vec<(&str, &str, String)> = Vec::new();
    for (name, server) in [
        (&opts.auth_secret_name, &opts.auth_server),
        (&opts.registry_secret_name, &opts.registry),
    ] {
        let config = crate::edit::create::create(&crate::edit::create::CreateOptions {
            server: Some(server.clone()),
            username: opts.username.clone(),
            password: opts.password.clone(),
            email: opts.email.clone(),
        })?;
        let secret = crate::emit::secret::to_secret(
            &config,
            &crate::emit::secret::SecretOptions {
                name: name.clone(),
                namespace: opts.namespace.clone(),
                secret_type: None,
                output: opts.output,
                creation_timestamp: opts.creation_timestamp,
                append_hash: false,
                labels: std::vec::Vec::new(),
                annotations: std::vec::Vec::new(),
            },
        )?;
        manifests.push((name, server, secret));
    }
    let sep = match opts.output {
        OutputFormat::Yaml => "---\n",
        OutputFormat::Json => "",
    };
    let joined = format!("{}{sep}{}", manifests[0].2, manifests[1].2);
    Ok(DelegatedAuthResult {
        manifest: joined,
        secrets: manifests
            .into_iter()
            .map(|(name, server, manifest)| DelegatedSecret {
                name: name.into(),
                server: server.into(),
                manifest,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::input::utf16_as_read;

    /// A ServiceAccount saved as UTF-16 (PowerShell 5's `>`) is linked as kubectl reads it,
    /// decoded; an error's position is in the decoded text and its span in the text as given.
    #[test]
    fn link_reads_a_utf16_service_account_decoded() {
        let opts = LinkOptions {
            secrets: vec!["regcred".into()],
            for_pull: true,
            ..LinkOptions::default()
        };
        let sa = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: builder\n";
        let utf8 = link(sa, &opts).expect("a ServiceAccount");
        for (bom, le) in [
            ("\u{fffd}\u{fffd}", true),
            ("\u{fffd}\u{fffd}", false),
            ("\u{feff}", true),
        ] {
            let got = link(&utf16_as_read(sa, bom, le), &opts).expect("decoded");
            assert_eq!(
                (got.name, got.object),
                (utf8.name.clone(), utf8.object.clone())
            );
        }
        let broken = utf16_as_read(
            "kind: ServiceAccount\nmetadata: [\n",
            "\u{fffd}\u{fffd}",
            true,
        );
        let e = link(&broken, &opts).expect_err("a YAML syntax error");
        assert_eq!(e.code.as_str(), "yaml-syntax");
        assert_eq!(e.position.map(|p| p.line), Some(3));
        let span = e.span.expect("a span");
        assert!(span.end <= broken.len() && broken.is_char_boundary(span.start));
    }
}
