//! Workloads against their pull secrets: for every pod a repository will run, which Secrets it
//! gets, whether kubelet can use them, and which entry it sends for each image.
//!
//! Why it exists: most `ImagePullBackOff` reports are not a broken config but a reference that
//! leads nowhere: an `imagePullSecrets` name with no Secret, a Secret in another namespace, a
//! type that silently became `Opaque`, a key that does not cover the image. No tool shows
//! these before the pod runs; this module answers them over every object of a set of files.
//!
//! How, as the cluster does it:
//! - a pod's pull secrets are its own `imagePullSecrets`; when it names none, the ServiceAccount
//!   admission plugin copies its ServiceAccount's at creation (`serviceAccountName`, default
//!   `default`); names resolve in the pod's namespace only (`LocalObjectReference`);
//! - kubelet reads them all into one keyring (`MakeDockerKeyring`): Secrets of other types are
//!   skipped without a word, one entry it cannot decode fails every pull of the pod, and the
//!   image is looked up over every key of every Secret (`lookup::Keyring`, the search
//!   `lookup` runs for one file);
//! - a SealedSecret or an ExternalSecret provides the Secret it will create, with its type,
//!   but its entries are not in the repository: images it may cover are "unknown", not
//!   anonymous; a ClusterExternalSecret provides it in each namespace its selectors choose
//!   (evaluated against the files' `Namespace` objects; "may" when they depend on labels of a
//!   namespace the files do not define); one whose `creationPolicy` is `Merge` or `None`
//!   makes none (the not-found finding names it); a kustomize `secretGenerator` item provides
//!   its Secret in the namespace of its build, and may in any other where no kustomization
//!   takes the pod's file;
//! - a kustomization puts the objects of its build (its `resources`, down through their
//!   kustomizations) in its `namespace`, the outermost one winning, and rewrites their images
//!   with its `images`, a base's before its overlay's, as `kubectl kustomize` does
//!   ([`kustomize_builds`]); an object in builds of several namespaces is checked in each;
//! - an object defined twice is read as the last definition, as `kubectl apply -R` and Argo CD
//!   leave the cluster (`duplicate-definition` says kustomize and Flux refuse the build); files
//!   in directories apart (`clusters/dev`, `clusters/prod`: one Application or Flux
//!   Kustomization each) are alternatives, and a name resolves to the nearest definition
//!   ([`Manifests::at`], `Index::nearest`); a file a kustomization names as a patch is part of
//!   an object of the build, not one (neither checked nor a definition); a
//!   Secret both defined and made by a controller as the controllers leave it
//!   (`pull-secret-contended`: a SealedSecret does not replace a plain Secret, an
//!   ExternalSecret does).
//!
//! Reading ([`Manifests::read`]) is per file and owned, so a caller reads files in parallel;
//! the check ([`check_workloads`]) joins them and costs a hash lookup per name and a keyring
//! search per image. Objects without `metadata.namespace` (and no kustomization's) are in
//! [`RepositoryOptions::namespace`].
//!
//! May use: `syntax`, `diagnostics`, `model` (`manifest`, `kustomize`, `input`, `reference`),
//! and the kubelet search of `rules::lookup`.

use crate::diagnostics::{Code, Diagnostic, Error, Severity};
use crate::model::input::{is_sops, Input};
use crate::model::kustomize::{Build, ImageRewrite};
use crate::model::manifest::{
    self, Chosen, ContainerImage, Creation, NameRef, Namespaces, Provider, Role,
};
use crate::rules::lookup::{parse_image, Keyring, LookupStatus, Table};
use crate::syntax::json::Span;
use crate::syntax::lines::{LineIndex, Position};
use serde::{Deserialize, Serialize};
use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Options of [`check_workloads`]: `{namespace?: string, strict?: boolean}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct RepositoryOptions {
    /// The namespace of objects without `metadata.namespace` (as `kubectl apply -n`). Default
    /// `default`.
    pub namespace: String,
    /// A pull secret in none of the files, and an anonymous pull, are errors instead of
    /// warnings (for repositories that hold every Secret and only private images).
    pub strict: bool,
}

impl Default for RepositoryOptions {
    fn default() -> Self {
        RepositoryOptions {
            namespace: String::from("default"),
            strict: false,
        }
    }
}

/// A place in a file: start and end.
#[derive(Clone, Copy, Debug)]
struct Place {
    start: Position,
    end: Position,
    span: Span,
}

/// A name written in a file (an `imagePullSecrets` item, a `serviceAccountName`).
#[derive(Clone, Debug)]
struct Named {
    name: String,
    pointer: String,
    at: Place,
}

/// Where an object is.
#[derive(Clone, Debug)]
struct Located {
    kind: String,
    name: Option<String>,
    namespace: Option<String>,
    document: usize,
    item: Option<usize>,
    at: Position,
}

/// A Secret the files define (or will make).
struct SecretDef {
    object: Located,
    /// The Secret's name and namespace (for a SealedSecret or ExternalSecret, the one it makes).
    name: String,
    namespace: Option<String>,
    provider: Provider,
    secret_type: String,
    /// kubelet's reading of a Secret of a pull-secret type (or with a config under its key).
    table: Option<Result<Table, Error>>,
    /// For a `ClusterExternalSecret`: the namespaces it makes the Secret in (`namespace` is
    /// then `None`).
    chooses: Option<Namespaces>,
    /// For a kustomize `secretGenerator` item: the files its data comes from.
    sources: Vec<String>,
}

impl SecretDef {
    /// The name of what makes it, for messages: the SealedSecret's, ExternalSecret's or
    /// ClusterExternalSecret's own name; a secretGenerator item's (and a plain Secret's) is the
    /// Secret's.
    fn maker(&self) -> &str {
        match self.provider {
            Provider::SecretGenerator => &self.name,
            _ => self.object.name.as_deref().unwrap_or(&self.name),
        }
    }
}

struct AccountDef {
    object: Located,
    pull_secrets: Vec<Named>,
}

struct WorkloadDef {
    object: Located,
    service_account: Option<Named>,
    pull_secrets: Vec<Named>,
    images: Vec<(ContainerImage, Place)>,
}

/// The objects of one file that matter for pulls, read once: Secrets and what makes them,
/// ServiceAccounts, workloads. Owned, so files are read in parallel; [`check_workloads`] joins
/// them.
#[derive(Default)]
pub struct Manifests {
    secrets: Vec<SecretDef>,
    /// ExternalSecrets and ClusterExternalSecrets whose `creationPolicy` (`Merge`, `None`)
    /// makes no Secret, with the policy: only for the hint of a Secret not found.
    unmade: Vec<(SecretDef, Creation)>,
    /// Every `Namespace` with its labels.
    namespaces: Vec<(String, Vec<(String, String)>)>,
    accounts: Vec<AccountDef>,
    workloads: Vec<WorkloadDef>,
    /// The path of the file these objects are in, a directory at a time and the file's name
    /// last ([`Manifests::at`]); empty for a text without a path.
    path: Vec<String>,
    /// The files the kustomizations among these objects read patches from, relative to this
    /// file's directory.
    patches: Vec<String>,
    /// What the first kustomization among these objects builds from: read as a build only in a
    /// file kustomize reads as one ([`KUSTOMIZATION_FILES`]).
    build: Option<Build>,
}

impl std::fmt::Debug for Manifests {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Secrets hold credentials: only the counts.
        f.debug_struct("Manifests")
            .field("secrets", &self.secrets.len())
            .field("service_accounts", &self.accounts.len())
            .field("workloads", &self.workloads.len())
            .finish()
    }
}

impl Manifests {
    /// Every readable pull Secret (plain, not made by a controller or encrypted), as
    /// `namespace/name` (or `name`) with kubelet's reading of it, in file order.
    pub(crate) fn pull_secret_tables(&self) -> impl Iterator<Item = (String, &Table)> {
        self.secrets.iter().filter_map(|s| {
            let Some(Ok(t)) = &s.table else { return None };
            let name = match &s.namespace {
                Some(ns) => format!("{ns}/{}", s.name),
                None => s.name.clone(),
            };
            Some((name, t))
        })
    }

    /// These objects, as the file at `path` (`clusters/dev/app.yaml`, relative to the
    /// repository; `/` or `\\` between directories) holds them. [`check_workloads`] reads
    /// files in directories that are not within one another (`clusters/dev`, `clusters/prod`)
    /// as alternatives, applied apart: a name resolves to the definition nearest the file
    /// that names it, and two alternatives of one object are not a duplicate. Files read
    /// without a path are all in one directory.
    ///
    /// A file that a kustomization of the files names as a patch (`patches`,
    /// `patchesStrategicMerge`) holds parts of objects that kustomize merges into the build's
    /// resources: its objects are neither checked nor read as definitions.
    pub fn at(mut self, path: &str) -> Manifests {
        self.path = Vec::new();
        extend_path(&mut self.path, path);
        self
    }

    /// The directories of the file, outermost first.
    fn dir(&self) -> &[String] {
        self.path.split_last().map_or(&[], |(_, dir)| dir)
    }

    /// Reads every object of `text` (a YAML stream, a `List`, a JSON object or array). A text
    /// without objects (a config file, a syntax error) has none: `validate` says why.
    pub fn read(text: &str) -> Manifests {
        let decoded = manifest::utf16_manifest(text);
        let text = decoded.as_deref().unwrap_or(text);
        let (base, objects) = manifest::objects(text);
        Manifests::from_objects(text, base, objects)
    }

    /// [`Manifests::read`] of the objects already read from `text` (whose body starts `base`
    /// bytes in).
    pub(crate) fn from_objects(
        text: &str,
        base: usize,
        objects: Vec<manifest::Object>,
    ) -> Manifests {
        let mut out = Manifests::default();
        if objects.is_empty() {
            return out;
        }
        let ix = LineIndex::new(text);
        // Shared by every Secret's table (positions of its entries).
        let body_ix = (base > 0).then(|| LineIndex::new(&text[base..]));
        let lines = (&ix, body_ix.as_ref().unwrap_or(&ix));
        let place = |s: Span| Place {
            start: ix.position(base + s.start),
            end: ix.position(base + s.end),
            span: Span::new(base + s.start, base + s.end),
        };
        let named = |n: NameRef| Named {
            name: n.name,
            pointer: n.pointer,
            at: place(n.span),
        };
        for o in objects {
            let (name, namespace) = manifest::name_and_namespace(&o.node);
            let object = Located {
                kind: o
                    .node
                    .get("kind")
                    .and_then(crate::syntax::yaml::YNode::as_str)
                    .unwrap_or("")
                    .into(),
                name: name.clone(),
                namespace: namespace.clone(),
                document: o.document,
                item: o.item,
                at: ix.position(base + o.node.span.start),
            };
            match manifest::role(&o.node) {
                Role::Secret { secret_type, pull } => {
                    let Some(name) = name else { continue };
                    let sops = is_sops(&o.node);
                    let table = (pull && !sops).then(|| {
                        Table::from_input(
                            Input::from_secret_node(text, base, &o.node, o.syntax),
                            lines,
                        )
                    });
                    out.secrets.push(SecretDef {
                        object,
                        name,
                        namespace,
                        provider: if sops {
                            Provider::SopsSecret
                        } else {
                            Provider::Secret
                        },
                        secret_type,
                        table,
                        chooses: None,
                        sources: Vec::new(),
                    });
                }
                Role::Made {
                    by,
                    name: made,
                    namespace: made_ns,
                    secret_type,
                    chooses,
                    creates,
                } => {
                    let Some(made) = made.or(name) else { continue };
                    let def = SecretDef {
                        object,
                        name: made,
                        // A ClusterExternalSecret's Secret is in the namespaces it chooses.
                        namespace: made_ns.or(namespace).filter(|_| chooses.is_none()),
                        provider: by,
                        secret_type,
                        table: None,
                        chooses,
                        sources: Vec::new(),
                    };
                    match creates {
                        Creation::Makes => out.secrets.push(def),
                        unmade => out.unmade.push((def, unmade)),
                    }
                }
                Role::Kustomization {
                    secrets,
                    patches,
                    build,
                } => {
                    out.patches.extend(patches);
                    out.build.get_or_insert(build);
                    for g in secrets {
                        out.secrets.push(SecretDef {
                            object: object.clone(),
                            name: g.name,
                            namespace: g.namespace,
                            provider: Provider::SecretGenerator,
                            secret_type: g.secret_type,
                            table: None,
                            chooses: None,
                            sources: g.sources,
                        });
                    }
                }
                Role::Namespace { labels } => {
                    if let Some(name) = name {
                        out.namespaces.push((name, labels));
                    }
                }
                Role::ServiceAccount { pull_secrets } => {
                    if name.is_none() {
                        continue;
                    }
                    out.accounts.push(AccountDef {
                        object,
                        pull_secrets: pull_secrets.into_iter().map(named).collect(),
                    });
                }
                Role::Workload(spec) => out.workloads.push(WorkloadDef {
                    object,
                    service_account: spec.service_account.map(named),
                    pull_secrets: spec.pull_secrets.into_iter().map(named).collect(),
                    images: spec
                        .images
                        .into_iter()
                        .map(|i| {
                            let at = place(i.span);
                            (i, at)
                        })
                        .collect(),
                }),
                Role::Other => {}
            }
        }
        out
    }
}

/// How a pull secret a workload names was found (serialized kebab-case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SecretStatus {
    /// A pull secret kubelet reads.
    Found,
    /// In none of the files (it may be in the cluster).
    NotFound,
    /// Its type is not a pull-secret type: kubelet skips it.
    WrongType,
    /// Only in another namespace.
    OtherNamespace,
    /// kubelet cannot read it: every pull of the pod fails.
    Unreadable,
    /// A SealedSecret, ExternalSecret, ClusterExternalSecret (one that chooses the namespace,
    /// or may) or kustomize secretGenerator of a pull-secret type: its entries are not in the
    /// files checked.
    Unverifiable,
}

/// One `imagePullSecrets` name of a workload (or of the ServiceAccount it runs as).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct PullSecretRef {
    pub name: String,
    pub status: SecretStatus,
    /// What defines it, when found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<Provider>,
    /// Its type, when found.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub secret_type: Option<String>,
    /// Its namespace, when found (for `other-namespace`, the first other one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The file that defines it: an index into the files given to [`check_workloads`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<usize>,
    /// Where its object starts in that file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

/// What kubelet does for one image (serialized lower-case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PullStatus {
    /// It sends the credentials of a pull secret entry.
    Credentials,
    /// It pulls without credentials.
    Anonymous,
    /// A pull secret it may use is not in the files (missing, sealed, external).
    Unknown,
    /// No pull secret of the pod covers it, but the node's credentials do: the OpenShift
    /// global pull secret (`openshift-config/pull-secret`, or a hosted cluster's
    /// `kube-system/additional-pull-secret`), which every node's kubelet and CRI-O read.
    Node,
    /// The pull fails before reaching the registry (a pull secret it cannot read).
    Fails,
    /// The image reference is not valid (`InvalidImageName`).
    Invalid,
}

/// One container image of a workload and what kubelet sends to pull it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct ImagePull {
    /// `containers`, `initContainers`, `ephemeralContainers`; for Argo `container`,
    /// `script`, `sidecars`, `containerSet`.
    #[serde(serialize_with = "crate::diagnostics::fixed_text")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub section: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    /// The image kubelet pulls: as written, or as a kustomization's `images` rewrote it.
    pub image: String,
    /// The image as the file writes it, when a kustomization's `images` rewrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
    pub line: usize,
    pub column: usize,
    pub status: PullStatus,
    /// The pull secret whose entry is sent first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// That entry's key, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registry: Option<String>,
    /// The rule that matched (`host`, `path-prefix`, `glob`, `docker-hub-fallback`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub rule: Option<&'static str>,
    /// Matching entries kubelet tries after the first, if the pull fails.
    pub alternatives: usize,
    /// The answer in words (never a secret).
    pub reason: String,
}

/// One workload (or ServiceAccount) and its pulls.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct WorkloadReport {
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its namespace (the default namespace when it has none).
    pub namespace: String,
    /// 0-based YAML document, or value of a JSON stream.
    pub document: usize,
    /// 0-based item of a `List` or a JSON array.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    pub line: usize,
    pub column: usize,
    /// The ServiceAccount the pod runs as (absent for a ServiceAccount).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_account: Option<String>,
    /// Whose `imagePullSecrets` the pod gets: `pod`, `serviceAccount` or `none`.
    #[serde(serialize_with = "crate::diagnostics::fixed_text")]
    #[cfg_attr(feature = "ts", ts(type = "\"pod\" | \"serviceAccount\" | \"none\""))]
    pub pull_secrets_from: &'static str,
    pub pull_secrets: Vec<PullSecretRef>,
    pub images: Vec<ImagePull>,
    pub diagnostics: Vec<Diagnostic>,
    pub errors: usize,
    pub warnings: usize,
}

impl WorkloadReport {
    /// Images whose pull fails (an unreadable pull secret, an invalid reference, a first
    /// match kubelet cannot send).
    pub fn failing_pulls(&self) -> usize {
        self.images
            .iter()
            .filter(|i| matches!(i.status, PullStatus::Fails | PullStatus::Invalid))
            .count()
    }
}

/// [`validate_with`](crate::validate_with) of `text` and its [`Manifests`], from one reading
/// of the text (a YAML stream is parsed once for both): what `pullsecret check` does per file.
pub fn validate_and_read(
    text: &str,
    options: &crate::rules::validate::ValidateOptions,
) -> (crate::rules::validate::Report, Manifests) {
    let decoded = manifest::utf16_manifest(text);
    let mut stream = match &decoded {
        Some(decoded) => crate::rules::validate::read_utf16(text, decoded),
        None => Input::read_all(text),
    };
    let text = decoded.as_deref().unwrap_or(text);
    let docs = std::mem::take(&mut stream.docs);
    let base = stream.base;
    let report = crate::rules::validate::validate_stream(text, stream, options);
    let manifests = if docs.is_empty() {
        // JSON (read from its own tree), or text with no YAML documents.
        Manifests::read(text)
    } else {
        Manifests::from_objects(text, base, manifest::from_docs(docs))
    };
    (report, manifests)
}

/// Checks every workload and ServiceAccount of `files` against the pull secrets of all of
/// them: one list of reports per file, in object order. Files with paths
/// ([`Manifests::at`]) are laid out as a repository: patches, alternatives and the kustomize
/// builds among them.
pub fn check_workloads(files: &[Manifests], opts: &RepositoryOptions) -> Vec<Vec<WorkloadReport>> {
    let patch = named_as_patches(files);
    let builds = kustomize_builds(files, &patch);
    check_laid_out(files, opts, patch, builds)
}

/// [`check_workloads`] of texts without paths (`explain`'s): one directory, so no patches,
/// alternatives or builds to lay out, and no code to find them in the packages that only
/// explain.
pub(crate) fn check_texts(
    files: &[Manifests],
    opts: &RepositoryOptions,
) -> Vec<Vec<WorkloadReport>> {
    debug_assert!(
        files.iter().all(|m| m.path.is_empty()),
        "texts have no paths"
    );
    let unplaced = Builds {
        placed: vec![Vec::new(); files.len()],
        chains: Vec::new(),
    };
    check_laid_out(files, opts, vec![false; files.len()], unplaced)
}

/// [`check_workloads`] with the patches and builds found.
fn check_laid_out(
    files: &[Manifests],
    opts: &RepositoryOptions,
    patch: Vec<bool>,
    builds: Builds<'_>,
) -> Vec<Vec<WorkloadReport>> {
    let index = Index::new(files, opts, patch, builds);
    files
        .iter()
        .enumerate()
        .map(|(f, m)| {
            if index.patch[f] {
                // Part of an object of a kustomize build, not one (`Manifests::at`).
                return Vec::new();
            }
            // One report per namespace an object is applied in (kustomize builds may put one
            // file's objects in several), and for a workload per set of images it pulls there
            // (per chain of kustomize `images` rewrites).
            let accounts = m.accounts.iter().flat_map(|a| {
                let namespaces = index.namespaces(f, &a.object);
                namespaces.into_iter().map(|ns| index.account(f, a, ns))
            });
            let workloads = m.workloads.iter().flat_map(|w| {
                let instances = index.instances(f, &w.object);
                instances
                    .into_iter()
                    .map(|(ns, chain)| index.workload(f, w, ns, chain))
            });
            let mut reports: Vec<WorkloadReport> = accounts.chain(workloads).collect();
            reports.sort_by_key(|r| (r.document, r.item, r.line, r.column));
            reports
        })
        .collect()
}

/// Where a Secret is: (file, secret of the file).
type At = (usize, usize);

/// Who writes a Secret defined more than one way, in the order the cluster's controllers settle
/// it ([`Index::current`]): the greatest wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Contender {
    Sealed,
    Plain,
    External,
}

impl Contender {
    fn of(provider: Provider) -> Contender {
        match provider {
            Provider::SealedSecret => Contender::Sealed,
            Provider::Secret | Provider::SopsSecret | Provider::SecretGenerator => Contender::Plain,
            Provider::ExternalSecret | Provider::ClusterExternalSecret => Contender::External,
        }
    }
}

/// The `ClusterExternalSecret` that makes a Secret in a namespace, and whether it surely does.
type ClusterAnswer = (Option<At>, Chosen);

/// Every Secret and ServiceAccount of the files, by namespace and name.
struct Index<'f> {
    files: &'f [Manifests],
    opts: &'f RepositoryOptions,
    /// (namespace, name) → every (file, secret) defining it, in the order `check` walks files
    /// (`kubectl apply -R`'s); [`Index::current`] picks the one the cluster keeps, which every
    /// lookup reads.
    secrets: HashMap<(&'f str, &'f str), Vec<(usize, usize)>>,
    /// name → every (file, secret) of that name, in any namespace.
    by_name: HashMap<&'f str, Vec<(usize, usize)>>,
    /// (namespace, Secret name) → the last `ClusterExternalSecret` that names the namespace.
    cluster_named: HashMap<(&'f str, &'f str), (usize, usize)>,
    /// Secret name → every `ClusterExternalSecret` that makes a Secret of that name in the
    /// namespaces its label selectors choose.
    cluster: HashMap<&'f str, Vec<(usize, usize)>>,
    /// Secret name → the last `ClusterExternalSecret` that makes it anywhere.
    cluster_any: HashMap<&'f str, (usize, usize)>,
    /// Kustomize `secretGenerator` items, kept apart from the Secrets: kustomize puts the
    /// Secret in the kustomization's `namespace` (else the item's, else the one of whatever
    /// builds it), and puts the kustomization's own resources there too, whatever their files
    /// say; which files those are, the files alone do not tell. So a generator of the pod's
    /// namespace makes the Secret there (`generated_in`, by namespace and name), and any other
    /// *may* (`generated`, by name: the last).
    generated_in: HashMap<(&'f str, &'f str), At>,
    generated: HashMap<&'f str, At>,
    /// Secret name → the first `secretGenerator` item that makes it in a known namespace, and
    /// that namespace: for a pod whose build is known, the Secret is there and nowhere else.
    generated_at: HashMap<&'f str, (At, &'f str)>,
    /// What [`Index::cluster_secret`] answered for a namespace and name (a hostile file of
    /// many such objects and many namespaces costs a selector walk per pair, not per pod).
    cluster_memo: RefCell<HashMap<(String, String), ClusterAnswer>>,
    /// The selector work left ([`Namespaces::choose_by_selectors`]): a multiple of the size of
    /// every selector, label and workload in the files, so the check stays linear.
    selector_budget: std::cell::Cell<usize>,
    /// (namespace, Secret name) → the last `ExternalSecret` there (or `ClusterExternalSecret`
    /// naming the namespace) that names the Secret but makes none (`creationPolicy`); Secret
    /// name → the last such `ClusterExternalSecret` choosing by labels. Indexes into
    /// [`Manifests::unmade`], for hints.
    unmade: HashMap<(&'f str, &'f str), At>,
    unmade_cluster: HashMap<&'f str, At>,
    /// Namespace → its labels (the last `Namespace` of that name).
    labels: HashMap<&'f str, &'f [(String, String)]>,
    /// (namespace, name) → every (file, account) defining it, in walk order (the last wins).
    accounts: HashMap<(&'f str, &'f str), Vec<(usize, usize)>>,
    /// One keyring of every pull secret but the node's, and the Secret of each of its tables,
    /// made on first use: which Secrets have an entry for an image (the nearest miss).
    all: OnceCell<(Keyring<'f>, Vec<(usize, usize)>)>,
    /// The OpenShift global pull secrets among the files: node credentials.
    node: Vec<(usize, usize)>,
    /// Each pull secret's own keyring, made on first use (node credentials, nearest misses).
    rings: Vec<Vec<OnceCell<Option<Keyring<'f>>>>>,
    /// The keyring of each list of pull secrets pods get (most pods share a few lists).
    shared: RefCell<HashMap<Vec<At>, Rc<Keyring<'f>>>>,
    /// Per file: a kustomization of the files reads it as a patch ([`Manifests::at`]).
    patch: Vec<bool>,
    /// Where the kustomize builds among the files put each file's objects
    /// ([`kustomize_builds`]); [`Index::namespaces`] and [`Index::instances`] read it.
    builds: Builds<'f>,
    /// Per file and Secret: the namespaces the Secret is in, and those of the object that
    /// defines or makes it, each sorted ([`namespaces_in`]): read per pod, so computed once.
    secret_ns: Vec<Vec<(Vec<&'f str>, Vec<&'f str>)>>,
}

/// The Secrets OpenShift writes to every node's `/var/lib/kubelet/config.json` (the machine
/// config operator; a hosted cluster merges its `additional-pull-secret` in): kubelet's node
/// keyring, tried after the pod's pull secrets (`UnionDockerKeyring`).
const NODE_SECRETS: [(&str, &str); 2] = [
    ("openshift-config", "pull-secret"),
    ("kube-system", "additional-pull-secret"),
];

const PULL_TYPES: [&str; 2] = ["kubernetes.io/dockerconfigjson", "kubernetes.io/dockercfg"];

impl<'f> Index<'f> {
    fn new(
        files: &'f [Manifests],
        opts: &'f RepositoryOptions,
        patch: Vec<bool>,
        builds: Builds<'f>,
    ) -> Index<'f> {
        let mut ix = Index {
            files,
            opts,
            secrets: HashMap::new(),
            by_name: HashMap::new(),
            cluster_named: HashMap::new(),
            cluster: HashMap::new(),
            cluster_any: HashMap::new(),
            generated_in: HashMap::new(),
            generated: HashMap::new(),
            generated_at: HashMap::new(),
            cluster_memo: RefCell::new(HashMap::new()),
            selector_budget: std::cell::Cell::new(0),
            unmade: HashMap::new(),
            unmade_cluster: HashMap::new(),
            labels: HashMap::new(),
            accounts: HashMap::new(),
            all: OnceCell::new(),
            node: Vec::new(),
            rings: files
                .iter()
                .map(|m| m.secrets.iter().map(|_| OnceCell::new()).collect())
                .collect(),
            shared: RefCell::new(HashMap::new()),
            patch,
            builds,
            secret_ns: Vec::with_capacity(files.len()),
        };
        for (f, m) in files.iter().enumerate() {
            let placed = &ix.builds.placed[f];
            let ns_of = |own: &'f Option<String>| -> Vec<&'f str> {
                namespaces_in(placed, own.as_deref().unwrap_or(&opts.namespace))
            };
            let secret_ns = m
                .secrets
                .iter()
                .map(|d| (ns_of(&d.namespace), ns_of(&d.object.namespace)))
                .collect();
            ix.secret_ns.push(secret_ns);
        }
        for (f, m) in files.iter().enumerate() {
            if ix.patch[f] {
                continue;
            }
            for (s, d) in m.secrets.iter().enumerate() {
                if let Some(chooses) = &d.chooses {
                    for ns in &chooses.named {
                        ix.cluster_named.insert((ns, &d.name), (f, s));
                    }
                    if chooses.has_selectors() {
                        ix.cluster.entry(&d.name).or_default().push((f, s));
                    }
                    ix.cluster_any.insert(&d.name, (f, s));
                    continue;
                }
                if d.provider == Provider::SecretGenerator {
                    // Where a build that takes the kustomization puts it; its own namespace
                    // when no build does; not known when neither says.
                    let own = d.namespace.as_deref();
                    let at: &[Placed] = match ix.builds.placed[f].as_slice() {
                        [] => &[(None, None)],
                        at => at,
                    };
                    for ns in at.iter().filter_map(|b| b.0.or(own)) {
                        ix.generated_in.insert((ns, &d.name), (f, s));
                        ix.generated_at.entry(&d.name).or_insert(((f, s), ns));
                    }
                    ix.generated.insert(&d.name, (f, s));
                    continue;
                }
                for &ns in &ix.secret_ns[f][s].0 {
                    ix.secrets.entry((ns, &d.name)).or_default().push((f, s));
                }
                ix.by_name.entry(&d.name).or_default().push((f, s));
            }
            for (u, (d, _)) in m.unmade.iter().enumerate() {
                match &d.chooses {
                    Some(chooses) => {
                        for ns in &chooses.named {
                            ix.unmade.insert((ns, &d.name), (f, u));
                        }
                        if chooses.has_selectors() {
                            ix.unmade_cluster.insert(&d.name, (f, u));
                        }
                    }
                    None => {
                        let own = d.namespace.as_deref().unwrap_or(&opts.namespace);
                        for ns in namespaces_in(&ix.builds.placed[f], own) {
                            ix.unmade.insert((ns, &d.name), (f, u));
                        }
                    }
                }
            }
            for (name, labels) in &m.namespaces {
                ix.labels.insert(name, labels);
            }
            let size: usize = m
                .secrets
                .iter()
                .filter_map(|d| d.chooses.as_ref())
                .map(Namespaces::size)
                .sum::<usize>()
                + m.namespaces.iter().map(|(_, l)| 1 + l.len()).sum::<usize>()
                + m.workloads.len()
                + m.accounts.len();
            ix.selector_budget
                .set(ix.selector_budget.get().saturating_add(16 * size));
            for (a, d) in m.accounts.iter().enumerate() {
                let own = d.object.namespace.as_deref().unwrap_or(&opts.namespace);
                let name = d.object.name.as_deref().unwrap_or("");
                for ns in namespaces_in(&ix.builds.placed[f], own) {
                    ix.accounts.entry((ns, name)).or_default().push((f, a));
                }
            }
        }
        for key in NODE_SECRETS {
            let last = ix.secrets.get(&key).and_then(|v| ix.current(v));
            if let Some(at) = last.filter(|&at| ix.secret(at).provider == Provider::Secret) {
                ix.node.push(at);
            }
        }
        ix.selector_budget
            .set(ix.selector_budget.get().saturating_add(1 << 16));
        ix
    }

    /// Whether the Secret `at` is the definition of its namespace and name the cluster keeps
    /// where it is applied ([`Index::current`] of the definitions nearest its own file);
    /// another is in no keyring.
    fn is_current(&self, at: (usize, usize)) -> bool {
        let d = self.secret(at);
        self.secret_namespaces(at).iter().any(|&ns| {
            let defs = self.secrets.get(&(ns, d.name.as_str()));
            defs.and_then(|v| self.current(&self.nearest(at.0, v))) == Some(at)
        })
    }

    /// Of the definitions `defs` of one object, those a deployment of the file `from` may
    /// apply: the nearest (in the directories that share the most of `from`'s), and those in a
    /// directory that holds `from` (a recursive apply of it takes `from` too). One in a
    /// directory apart (`clusters/prod/` seen from `clusters/dev/`, which has its own) is an
    /// alternative that another deployment applies. All of them when the files have no paths
    /// ([`Manifests::at`]). Linear in `defs`.
    fn nearest(&self, from: usize, defs: &[At]) -> Vec<At> {
        let shared = |f: usize| self.shared_dirs(from, f);
        let best = defs.iter().map(|&(f, _)| shared(f)).max().unwrap_or(0);
        defs.iter()
            .copied()
            .filter(|&(f, _)| {
                let s = shared(f);
                s == best || s == self.files[f].dir().len()
            })
            .collect()
    }

    /// How many leading directories the files `a` and `b` share.
    fn shared_dirs(&self, a: usize, b: usize) -> usize {
        let (a, b) = (self.files[a].dir(), self.files[b].dir());
        a.iter().zip(b).take_while(|(x, y)| x == y).count()
    }

    /// Whether the files `a` and `b` are applied together: one's directory is the other's or
    /// within it (`kubectl apply -R`, Argo CD's recursive directories and Flux's generated
    /// kustomization of a path take every file below the directory they apply).
    fn together(&self, a: usize, b: usize) -> bool {
        let shared = self.shared_dirs(a, b);
        shared == self.files[a].dir().len().min(self.files[b].dir().len())
    }

    /// Of the definitions `defs` of one Secret (in walk order), the one the cluster keeps: an
    /// ExternalSecret's (its operator writes over a Secret it does not own), else a plain
    /// Secret (the SealedSecrets controller does not replace one it did not make), else a
    /// SealedSecret's; the last of its kind, as `kubectl apply -R` and Argo CD leave it.
    fn current(&self, defs: &[At]) -> Option<At> {
        defs.iter()
            .copied()
            .max_by_key(|&at| Contender::of(self.secret(at).provider))
    }

    fn secret(&self, at: (usize, usize)) -> &'f SecretDef {
        &self.files[at.0].secrets[at.1]
    }

    /// The keyring of the pull secrets `at` (whose tables are `tables`), made once per list.
    fn keyring_for(&self, at: &[(usize, usize)], tables: &[&'f Table]) -> Rc<Keyring<'f>> {
        let mut shared = self.shared.borrow_mut();
        Rc::clone(
            shared
                .entry(at.to_vec())
                .or_insert_with(|| Rc::new(Keyring::new(tables, true))),
        )
    }

    /// [`Index::all`]: every pull secret kubelet can read (one with an entry kubelet cannot
    /// decode fails every lookup of its keyring, so alone it answers nothing and is left out),
    /// but the node's.
    fn all_secrets(&self) -> &(Keyring<'f>, Vec<(usize, usize)>) {
        self.all.get_or_init(|| {
            let (mut tables, mut ats) = (Vec::new(), Vec::new());
            for (f, m) in self.files.iter().enumerate() {
                for (s, d) in m.secrets.iter().enumerate() {
                    if let Some(Ok(t)) = &d.table {
                        if t.kubelet_failure().is_none()
                            && !self.node.contains(&(f, s))
                            && self.is_current((f, s))
                        {
                            tables.push(t);
                            ats.push((f, s));
                        }
                    }
                }
            }
            (Keyring::new(&tables, true), ats)
        })
    }

    /// The keyring of one pull secret kubelet reads, alone.
    fn keyring_of(&self, at: (usize, usize)) -> Option<&Keyring<'f>> {
        self.rings[at.0][at.1]
            .get_or_init(|| match &self.secret(at).table {
                Some(Ok(t)) => Some(Keyring::new(&[t], true)),
                _ => None,
            })
            .as_ref()
    }

    /// The namespaces the object `o` of the file `f` is applied in: its own (else
    /// [`RepositoryOptions::namespace`]), or each one a kustomize build that takes the file puts
    /// it in ([`kustomize_builds`]).
    fn namespaces(&self, f: usize, o: &'f Located) -> Vec<&'f str> {
        let own = o.namespace.as_deref().unwrap_or(&self.opts.namespace);
        namespaces_in(&self.builds.placed[f], own)
    }

    /// The ways the workload `o` of the file `f` is applied: per namespace ([`Index::namespaces`]),
    /// each chain of kustomize `images` rewrites a build applies to it there.
    fn instances(&self, f: usize, o: &'f Located) -> Vec<(&'f str, Option<usize>)> {
        let own = o.namespace.as_deref().unwrap_or(&self.opts.namespace);
        instances_in(&self.builds.placed[f], own)
    }

    /// The namespaces the Secret `at` is in, sorted (for one a controller makes, of that
    /// Secret): [`Index::namespaces`], computed once.
    fn secret_namespaces(&self, at: At) -> &[&'f str] {
        &self.secret_ns[at.0][at.1].0
    }

    /// Whether the Secret `at` is in the namespace `ns`.
    fn secret_in(&self, at: At, ns: &str) -> bool {
        self.secret_namespaces(at).binary_search(&ns).is_ok()
    }

    /// The namespace of the Secret `at` to show: `ns` when it is there, else its first.
    fn secret_namespace(&self, at: At, ns: Option<&str>) -> &'f str {
        let all = self.secret_namespaces(at);
        all[ns.and_then(|ns| all.binary_search(&ns).ok()).unwrap_or(0)]
    }

    /// What `name` resolves to in `ns`, and the findings at the name: what is wrong with the
    /// Secret, and a `duplicate-definition` when the files define it more than once (the last
    /// definition is the one resolved).
    fn resolve(
        &self,
        from: usize,
        ns: &str,
        n: &Named,
    ) -> (PullSecretRef, Option<(usize, usize)>, Vec<Diagnostic>) {
        // The definitions a deployment of `from` applies: the nearest, and of those the ones
        // applied with the one the cluster keeps (alternatives in sibling directories are not
        // read together).
        let all = self
            .secrets
            .get(&(ns, n.name.as_str()))
            .map_or(&[][..], Vec::as_slice);
        let mut defs = self.nearest(from, all);
        let current = self.current(&defs);
        if let Some(current) = current {
            defs.retain(|&at| self.together(at.0, current.0));
        }
        let built = !self.builds.placed[from].is_empty();
        let (r, at, d) = self.resolve_one(ns, n, current, built);
        let mut found = Vec::with_capacity(2);
        // The same object defined again (its kind, namespace and name: what kustomize and Argo
        // CD key objects by). A Secret and a SealedSecret that both make it are two objects,
        // whose controllers contend in the cluster: not this finding.
        let defined = current.map_or(0, |current| {
            defs.iter()
                .filter(|&&at| self.same_object(at, current, ns))
                .count()
        });
        if defined > 1 {
            let message = format!(
                "the Secret `{}` is defined {defined} times in namespace `{ns}`: `kubectl apply` and Argo CD keep the last definition (the one read here), kustomize and Flux refuse to build",
                n.name
            );
            found.push(self.finding(Code::DuplicateDefinition, message, n));
        }
        if let Some(current) = current {
            if let Some(d) = self.contended(ns, n, &defs, current) {
                found.push(d);
            }
        }
        found.extend(d);
        (r, at, found)
    }

    /// `pull-secret-contended`: the Secret `n` names in `ns` is defined (`defs`) by a plain
    /// Secret and made by a controller, or made by two kinds of controller; `current` is the
    /// one the cluster keeps.
    fn contended(&self, ns: &str, n: &Named, defs: &[At], current: At) -> Option<Diagnostic> {
        let kept = Contender::of(self.secret(current).provider);
        // The last definition of another kind: the one that loses.
        let other = defs
            .iter()
            .rev()
            .copied()
            .find(|&at| Contender::of(self.secret(at).provider) != kept)?;
        let describe = |at: At| {
            let d = self.secret(at);
            match d.provider {
                Provider::Secret | Provider::SopsSecret => "defined as a Secret".to_string(),
                p => format!("made by the {} `{}`", p.as_str(), d.maker()),
            }
        };
        let lost = Contender::of(self.secret(other).provider);
        let why = match (kept, lost) {
            (Contender::External, Contender::Plain) => "the External Secrets Operator writes over a Secret it does not own at every refresh and every apply of the plain Secret writes it back, so the two alternate; read here: the ExternalSecret's",
            (Contender::External, _) => "the External Secrets Operator writes the Secret, and the SealedSecrets controller does not replace a Secret it did not make; read here: the ExternalSecret's",
            _ => "the SealedSecrets controller does not replace a Secret it did not make (`already exists and is not managed by SealedSecret`, unless that Secret is annotated `sealedsecrets.bitnami.com/managed: \"true\"`); read here: the plain Secret",
        };
        let message = format!(
            "the Secret `{}` in namespace `{ns}` is {} and {}: {why}",
            n.name,
            describe(current),
            describe(other)
        );
        Some(self.finding(Code::PullSecretContended, message, n))
    }

    /// Whether two definitions of a Secret in `ns` are the same object (kind, namespace,
    /// name): both objects in `ns`, or (one that makes its Secret elsewhere, a SealedSecret's
    /// template namespace) both in the same other one. Logarithmic in the namespaces, as it
    /// is asked per pod.
    fn same_object(&self, a: At, b: At, ns: &str) -> bool {
        let object_ns = |at: At| &self.secret_ns[at.0][at.1].1;
        let in_ns = |at: At| object_ns(at).binary_search(&ns).is_ok();
        let same_ns = match (in_ns(a), in_ns(b)) {
            (true, true) => true,
            (false, false) => object_ns(a).first() == object_ns(b).first(),
            _ => false,
        };
        let (a, b) = (&self.secret(a).object, &self.secret(b).object);
        a.kind == b.kind && a.name == b.name && same_ns
    }

    /// [`Index::resolve`] but the duplicate check; `found` is the definition of the files the
    /// cluster keeps, if any; `built`: a kustomize build of the files takes the file that names
    /// it, so its namespace is known.
    fn resolve_one(
        &self,
        ns: &str,
        n: &Named,
        found: Option<At>,
        built: bool,
    ) -> (PullSecretRef, Option<(usize, usize)>, Option<Diagnostic>) {
        let mut r = PullSecretRef {
            name: n.name.clone(),
            status: SecretStatus::NotFound,
            provider: None,
            secret_type: None,
            namespace: None,
            file: None,
            line: None,
            column: None,
        };
        // Else a ClusterExternalSecret that chooses the namespace (or may: its labels are not in
        // the files), else a secretGenerator whose namespace is its builder's (it may be here).
        let (found, chosen) = match found {
            Some(at) => (Some(at), Chosen::Yes),
            // One that surely makes it here before one that may.
            None => match (
                self.cluster_secret(ns, &n.name),
                self.generated_in.get(&(ns, n.name.as_str())),
            ) {
                (sure @ (Some(_), Chosen::Yes), _) => sure,
                (_, Some(&at)) => (Some(at), Chosen::Yes),
                (may @ (Some(_), _), None) => may,
                // A generator whose namespace is known makes it nowhere else: "may" only for
                // one that lands where its builder says, seen from a file no build takes.
                ((None, _), None) => match self.generated.get(n.name.as_str()) {
                    Some(&at) if !(built && self.generated_at.contains_key(n.name.as_str())) => {
                        (Some(at), Chosen::Unknown)
                    }
                    _ => (None, Chosen::No),
                },
            },
        };
        // One that may make it with a type kubelet skips gives no credentials either way: the
        // name leads to no pull secret, as when none makes it here.
        let maybe_skipped = found.filter(|&at| {
            chosen == Chosen::Unknown && !PULL_TYPES.contains(&self.secret(at).secret_type.as_str())
        });
        let found = found.filter(|_| maybe_skipped.is_none());
        let Some(at) = found else {
            let generated_elsewhere = self
                .generated_at
                .get(n.name.as_str())
                .filter(|_| built)
                .copied();
            let elsewhere = self
                .by_name
                .get(n.name.as_str())
                .and_then(|v| v.first().map(|&at| (at, self.secret_namespace(at, None))))
                .or(generated_elsewhere);
            if let Some((other, other_ns)) = elsewhere {
                self.describe(&mut r, other, other_ns);
                r.status = SecretStatus::OtherNamespace;
                let message = format!(
                    "the Secret `{}` is in namespace `{other_ns}`, not in `{ns}`: a pod gets pull secrets from its own namespace only",
                    n.name
                );
                return (
                    r,
                    None,
                    Some(self.finding(Code::PullSecretOtherNamespace, message, n)),
                );
            }
            let mut message = format!(
                "the Secret `{}` is in none of the checked files (namespace `{ns}`): kubelet skips a pull secret it cannot find",
                n.name
            );
            if let Some(at) = maybe_skipped {
                let d = self.secret(at);
                message.push_str(&format!(
                    " (the {} `{}` may make it here, but with type `{}`, which kubelet skips)",
                    d.provider.as_str(),
                    d.maker(),
                    d.secret_type
                ));
            } else if let Some(&at) = self.cluster_any.get(n.name.as_str()) {
                let c = &self.secret(at).object;
                message.push_str(&format!(
                    " (the ClusterExternalSecret `{}` makes it, but its selectors do not choose namespace `{ns}`)",
                    c.name.as_deref().unwrap_or("")
                ));
            } else if let Some(&(f, u)) = self
                .unmade
                .get(&(ns, n.name.as_str()))
                .or_else(|| self.unmade_cluster.get(n.name.as_str()))
            {
                let (d, creation) = &self.files[f].unmade[u];
                if let Some((policy, what)) = creation.instead() {
                    message.push_str(&format!(
                        " (the {} `{}` names it with `creationPolicy: {policy}`, which makes no Secret: {what})",
                        d.provider.as_str(),
                        d.maker()
                    ));
                }
            }
            let mut d = self.finding(Code::PullSecretNotFound, message, n);
            if self.opts.strict {
                d = d.with_severity(Severity::Error);
            }
            return (r, None, Some(d));
        };
        let d = self.secret(at);
        self.describe(&mut r, at, ns);
        if d.chooses.is_some() || chosen == Chosen::Unknown {
            r.namespace = Some(ns.into());
        }
        let kind = d.provider.as_str();
        if !PULL_TYPES.contains(&d.secret_type.as_str()) {
            r.status = SecretStatus::WrongType;
            let made = match d.provider {
                Provider::Secret | Provider::SopsSecret => String::new(),
                Provider::SecretGenerator => format!(
                    " (made by the {kind} `{}`, whose items without `type` make `Opaque` Secrets)",
                    d.maker()
                ),
                _ => format!(" (made by the {kind} `{}`)", d.maker()),
            };
            let message = format!(
                "the Secret `{}`{made} has type `{}`: kubelet reads only `kubernetes.io/dockerconfigjson` and `kubernetes.io/dockercfg` Secrets and skips this one without a word",
                n.name, d.secret_type
            );
            return (
                r,
                None,
                Some(self.finding(Code::PullSecretWrongType, message, n)),
            );
        }
        match &d.table {
            None => {
                r.status = SecretStatus::Unverifiable;
                let from = || match d.sources.as_slice() {
                    [] => String::from("no data"),
                    sources => quoted(sources),
                };
                let message = if chosen == Chosen::Unknown
                    && d.provider == Provider::SecretGenerator
                {
                    let lands = match &d.namespace {
                        Some(at) => format!("kustomize makes it in namespace `{at}` and moves the kustomization's own resources there too"),
                        None => String::from("its kustomization sets no namespace, so it lands in the namespace of the kustomization that builds it (an overlay's `namespace`, else `kubectl apply -k`'s)"),
                    };
                    format!(
                        "the Secret `{}` may come from the {kind} `{}` (from {}): {lands}; whether this workload gets it in `{ns}`, and its entries, are not known here",
                        n.name,
                        d.maker(),
                        from()
                    )
                } else if chosen == Chosen::Unknown {
                    format!(
                        "the Secret `{}` may come from the ClusterExternalSecret `{}`, which chooses namespaces by labels the checked files do not show for `{ns}`: whether it is made there, and its entries, are not known here, so the images it may cover are not checked",
                        n.name,
                        d.maker()
                    )
                } else if d.provider == Provider::SopsSecret {
                    format!(
                        "the Secret `{}` is encrypted with SOPS: its entries are not readable in the repository, so the images it may cover are not checked",
                        n.name
                    )
                } else if d.provider == Provider::SecretGenerator {
                    format!(
                        "the Secret `{}` comes from the {kind} `{}` (from {}): kustomize reads its entries when it builds, so the images it may cover are not checked here (`pullsecret validate` checks a config file)",
                        n.name,
                        d.maker(),
                        from()
                    )
                } else {
                    format!(
                        "the Secret `{}` comes from the {kind} `{}`: its entries are not in the repository, so the images it may cover are not checked",
                        n.name,
                        d.maker()
                    )
                };
                (
                    r,
                    None,
                    Some(self.finding(Code::PullSecretUnverifiable, message, n)),
                )
            }
            Some(Err(e)) => {
                r.status = SecretStatus::Unreadable;
                let message = format!(
                    "kubelet cannot read the Secret `{}` ({}): every image pull of a pod that gets it fails",
                    n.name,
                    e.message
                );
                (
                    r,
                    Some(at),
                    Some(self.finding(Code::PullSecretUnreadable, message, n)),
                )
            }
            Some(Ok(t)) => match t.kubelet_failure() {
                Some(why) => {
                    r.status = SecretStatus::Unreadable;
                    let message = format!(
                        "kubelet cannot read the Secret `{}` ({}): every image pull of a pod that gets it fails",
                        n.name,
                        why.unwrap_or("it is not a config kubelet reads")
                    );
                    (
                        r,
                        Some(at),
                        Some(self.finding(Code::PullSecretUnreadable, message, n)),
                    )
                }
                None => {
                    r.status = SecretStatus::Found;
                    (r, Some(at), None)
                }
            },
        }
    }

    /// The `ClusterExternalSecret` that makes the Secret `name` in namespace `ns`, if one does
    /// (the last such one), else one that may (its selectors depend on labels the files do not
    /// show for `ns`).
    fn cluster_secret(&self, ns: &str, name: &str) -> ClusterAnswer {
        if let Some(&at) = self.cluster_named.get(&(ns, name)) {
            return (Some(at), Chosen::Yes);
        }
        let Some(candidates) = self.cluster.get(name) else {
            return (None, Chosen::No);
        };
        let key = (ns.to_string(), name.to_string());
        if let Some(&answer) = self.cluster_memo.borrow().get(&key) {
            return answer;
        }
        let labels = self.labels.get(ns).copied();
        let mut answer = (None, Chosen::No);
        let mut budget = self.selector_budget.get();
        for &at in candidates.iter().rev() {
            let Some(chooses) = &self.secret(at).chooses else {
                continue;
            };
            match chooses.choose_by_selectors(ns, labels, &mut budget) {
                Chosen::Yes => {
                    answer = (Some(at), Chosen::Yes);
                    break;
                }
                Chosen::Unknown if answer.0.is_none() => answer = (Some(at), Chosen::Unknown),
                _ => {}
            }
            if budget == 0 {
                // Out of budget (a hostile repository): "may" is the answer that claims least.
                break;
            }
        }
        self.selector_budget.set(budget);
        self.cluster_memo.borrow_mut().insert(key, answer);
        answer
    }

    /// What `r` shows of the Secret `at`, found in (or, when it is elsewhere, looked for in)
    /// the namespace `ns`.
    fn describe(&self, r: &mut PullSecretRef, at: (usize, usize), ns: &str) {
        let d = self.secret(at);
        r.provider = Some(d.provider);
        r.secret_type = Some(d.secret_type.clone());
        r.namespace = Some(self.secret_namespace(at, Some(ns)).into());
        r.file = Some(at.0);
        r.line = Some(d.object.at.line);
        r.column = Some(d.object.at.column);
    }

    fn finding(&self, code: Code, message: String, n: &Named) -> Diagnostic {
        placed(
            Diagnostic::new(code, message, n.pointer.clone(), n.at.span),
            n.at,
        )
    }

    fn report(&self, o: &Located, ns: &str) -> WorkloadReport {
        WorkloadReport {
            kind: o.kind.clone(),
            name: o.name.clone(),
            namespace: ns.into(),
            document: o.document,
            item: o.item,
            line: o.at.line,
            column: o.at.column,
            service_account: None,
            pull_secrets_from: "none",
            pull_secrets: Vec::new(),
            images: Vec::new(),
            diagnostics: Vec::new(),
            errors: 0,
            warnings: 0,
        }
    }

    /// The report of the ServiceAccount `a` of the file `f`, applied in the namespace `ns`.
    fn account(&self, f: usize, a: &'f AccountDef, ns: &str) -> WorkloadReport {
        let mut r = self.report(&a.object, ns);
        r.pull_secrets_from = "serviceAccount";
        let name = a.object.name.as_deref().unwrap_or("");
        // The definitions applied with this one (alternatives in sibling directories are not).
        let defined: Vec<(usize, usize)> = self
            .accounts
            .get(&(ns, name))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|&(g, _)| self.together(f, g))
            .collect();
        let replaced = defined
            .last()
            .is_some_and(|&(g, i)| !std::ptr::eq(&self.files[g].accounts[i], a));
        if replaced {
            let message = format!(
                "the ServiceAccount `{name}` is defined {} times in namespace `{ns}` and this is not the last definition: `kubectl apply` and Argo CD keep the last, so pods do not get this one's `imagePullSecrets`; kustomize and Flux refuse to build",
                defined.len()
            );
            let mut d = Diagnostic::new(Code::DuplicateDefinition, message, "", Span::new(0, 0));
            (d.line, d.column) = (a.object.at.line, a.object.at.column);
            (d.end_line, d.end_column) = (d.line, d.column);
            r.diagnostics.push(d);
        }
        for n in &a.pull_secrets {
            let (s, _, d) = self.resolve(f, ns, n);
            r.pull_secrets.push(s);
            r.diagnostics.extend(d);
        }
        count(&mut r);
        r
    }

    /// The report of the workload `w` of the file `f`, applied in the namespace `ns`, its
    /// images rewritten by the chain of kustomize `images` rewrites `chain`.
    fn workload(
        &self,
        f: usize,
        w: &'f WorkloadDef,
        ns: &str,
        chain: Option<usize>,
    ) -> WorkloadReport {
        let mut r = self.report(&w.object, ns);
        let account_name = w
            .service_account
            .as_ref()
            .map_or("default", |n| n.name.as_str());
        r.service_account = Some(account_name.into());
        let account = self
            .accounts
            .get(&(ns, account_name))
            .and_then(|v| self.nearest(f, v).last().copied())
            .map(|(g, a)| &self.files[g].accounts[a]);
        // The pod's own names, else (admission, at creation) its ServiceAccount's.
        let mut keyring: Vec<(usize, usize)> = Vec::new();
        let mut unknown: Vec<String> = Vec::new();
        let mut broken: Option<(String, String)> = None;
        if !w.pull_secrets.is_empty() {
            r.pull_secrets_from = "pod";
            for n in &w.pull_secrets {
                let (s, at, d) = self.resolve(f, ns, n);
                self.collect(&s, at, &mut keyring, &mut unknown, &mut broken);
                r.pull_secrets.push(s);
                r.diagnostics.extend(d);
            }
        } else if let Some(a) = account {
            r.pull_secrets_from = "serviceAccount";
            // Findings about these names are the ServiceAccount's (reported there, once).
            for n in &a.pull_secrets {
                let (s, at, _) = self.resolve(f, ns, n);
                self.collect(&s, at, &mut keyring, &mut unknown, &mut broken);
                r.pull_secrets.push(s);
            }
        } else if let Some(n) = w.service_account.as_ref().filter(|n| n.name != "default") {
            let message = format!(
                "the ServiceAccount `{}` is in none of the checked files: the pull secrets it adds to the pod, if any, are unknown",
                n.name
            );
            r.diagnostics
                .push(self.finding(Code::ServiceAccountNotFound, message, n));
        }
        let tables: Vec<&Table> = keyring
            .iter()
            .filter_map(|&at| match &self.secret(at).table {
                Some(Ok(t)) => Some(t),
                _ => None,
            })
            .collect();
        // Built once per list of pull secrets: every image of every pod that gets these
        // Secrets is looked up in it.
        let ring = self.keyring_for(&keyring, &tables);
        let named = !r.pull_secrets.is_empty();
        for (image, at) in &w.images {
            let rewritten = chain.and_then(|c| self.builds.rewrite(c, image));
            let (pull, d) = self.image(
                w, ns, image, *at, &keyring, &ring, &unknown, &broken, account, named, rewritten,
            );
            r.images.push(pull);
            r.diagnostics.extend(d);
        }
        count(&mut r);
        r
    }

    /// Sorts one resolved name into the keyring, the unknowns or the failure.
    fn collect(
        &self,
        s: &PullSecretRef,
        at: Option<(usize, usize)>,
        keyring: &mut Vec<(usize, usize)>,
        unknown: &mut Vec<String>,
        broken: &mut Option<(String, String)>,
    ) {
        match (s.status, at) {
            (SecretStatus::Found, Some(at)) => keyring.push(at),
            (SecretStatus::Unreadable, Some(at)) if broken.is_none() => {
                let why = match &self.secret(at).table {
                    Some(Err(e)) => e.message.clone(),
                    Some(Ok(t)) => t.kubelet_failure().flatten().unwrap_or("").into(),
                    None => String::new(),
                };
                *broken = Some((s.name.clone(), why));
            }
            (SecretStatus::NotFound | SecretStatus::Unverifiable, _) => {
                unknown.push(s.name.clone())
            }
            _ => {}
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn image(
        &self,
        w: &WorkloadDef,
        ns: &str,
        c: &ContainerImage,
        at: Place,
        keyring: &[(usize, usize)],
        ring: &Keyring<'_>,
        unknown: &[String],
        broken: &Option<(String, String)>,
        account: Option<&AccountDef>,
        named: bool,
        rewritten: Option<String>,
    ) -> (ImagePull, Option<Diagnostic>) {
        // What kubelet pulls: the image as a kustomization's `images` rewrote it, else as
        // written; the findings name both.
        let pulled = rewritten.as_deref().unwrap_or(&c.image);
        let shown = match &rewritten {
            Some(r) => format!("`{r}` (kustomize `images` rewrote `{}`)", c.image),
            None => format!("`{}`", c.image),
        };
        let mut pull = ImagePull {
            section: c.section,
            container: c.container.clone(),
            image: pulled.to_string(),
            written: rewritten.is_some().then(|| c.image.clone()),
            line: at.start.line,
            column: at.start.column,
            status: PullStatus::Anonymous,
            secret: None,
            registry: None,
            rule: None,
            alternatives: 0,
            reason: String::new(),
        };
        let d = |code: Code, message: String| {
            placed(
                Diagnostic::new(code, message, c.pointer.clone(), at.span),
                at,
            )
        };
        let image = match parse_image(pulled) {
            Ok(i) => i,
            Err(_) if is_unrendered(pulled) => {
                pull.status = PullStatus::Unknown;
                pull.reason = format!(
                    "{shown} holds a template expression that was not rendered: the image, and the credential kubelet sends for it, are known once it is rendered (as written, kubelet would report `InvalidImageName`)"
                );
                let found = d(Code::ImageUnrendered, pull.reason.clone());
                return (pull, Some(found));
            }
            Err(e) => {
                pull.status = PullStatus::Invalid;
                pull.reason = format!("{shown} is not a valid image reference: {}", e.message);
                let message = format!("{}: kubelet reports `InvalidImageName`", pull.reason);
                return (pull, Some(d(Code::InvalidImage, message)));
            }
        };
        if let Some((name, why)) = broken {
            pull.status = PullStatus::Fails;
            pull.secret = Some(name.clone());
            pull.reason = format!("kubelet cannot read the pull secret `{name}` ({why}), so it fails every pull of this pod");
            // Said once, at the Secret's name (or at the ServiceAccount).
            return (pull, None);
        }
        let answer = ring.lookup(&image);
        let l = &answer.lookup;
        if let (Some(m), Some(&t)) = (l.matches.first(), answer.from.first()) {
            let secret = &self.secret(keyring[t]).name;
            pull.secret = Some(secret.clone());
            pull.registry = Some(m.registry.clone());
            pull.rule = Some(m.rule);
            pull.alternatives = l.matches.len() - 1;
        }
        match l.status {
            LookupStatus::Credentials => {
                pull.status = PullStatus::Credentials;
                let then = match pull.alternatives {
                    0 => String::new(),
                    1 => String::from("; 1 more matching entry if the pull fails"),
                    n => format!("; {n} more matching entries if the pull fails"),
                };
                let ambiguous = if l.ambiguous {
                    " (several keys of one Secret mean the same: kubelet takes them in random order)"
                } else {
                    ""
                };
                pull.reason = format!(
                    "kubelet sends the entry `{}` of the Secret `{}` (rule {}){ambiguous}{then}",
                    pull.registry.as_deref().unwrap_or(""),
                    pull.secret.as_deref().unwrap_or(""),
                    pull.rule.unwrap_or("")
                );
                let message = format!("{shown}: {}", pull.reason);
                (pull, Some(d(Code::ImagePullCredential, message)))
            }
            LookupStatus::Fails => {
                pull.status = PullStatus::Fails;
                pull.reason = l.reason.clone().unwrap_or_default();
                let message = format!("{shown}: {}", pull.reason);
                let diag = d(Code::ImagePullCredential, message).with_severity(Severity::Error);
                (pull, Some(diag))
            }
            _ => {
                let base = match l.status {
                    LookupStatus::Anonymous => format!(
                        "the entry `{}` of the Secret `{}` matches `{}` but carries no credentials: kubelet pulls it anonymously",
                        pull.registry.as_deref().unwrap_or(""),
                        pull.secret.as_deref().unwrap_or(""),
                        image.name()
                    ),
                    _ if keyring.is_empty() && unknown.is_empty() && !named => format!(
                        "the pod gets no pull secret: kubelet pulls `{}` anonymously",
                        image.name()
                    ),
                    _ if keyring.is_empty() && unknown.is_empty() => format!(
                        "kubelet can use none of the pod's pull secrets: it pulls `{}` anonymously",
                        image.name()
                    ),
                    _ => format!(
                        "no pull secret of the pod has an entry for `{}`: kubelet pulls it anonymously",
                        image.name()
                    ),
                };
                if !unknown.is_empty() && l.status == LookupStatus::None {
                    pull.status = PullStatus::Unknown;
                    pull.reason = format!(
                        "no entry of the pull secrets in the files matches `{}`; {} may cover it but {} not in the repository",
                        image.name(),
                        quoted(unknown),
                        if unknown.len() == 1 { "its entries are" } else { "their entries are" }
                    );
                    return (pull, None);
                }
                if l.status == LookupStatus::None {
                    if let Some(node) = self.node_credentials(&image, &mut pull) {
                        return (pull, Some(d(Code::ImagePullCredential, node)));
                    }
                }
                let hint = self.nearest_miss(w, ns, &image, keyring, ring, account);
                pull.reason = match hint {
                    Some(h) => format!("{base}; {h}"),
                    None => base,
                };
                let mut diag = d(Code::AnonymousPull, format!("{shown}: {}", pull.reason));
                if self.opts.strict {
                    diag = diag.with_severity(Severity::Error);
                }
                (pull, Some(diag))
            }
        }
    }

    /// The node's credentials for `image`, when an OpenShift global pull secret among the
    /// files covers it: fills in `pull` and returns the message.
    fn node_credentials(
        &self,
        image: &crate::model::reference::ImageRef,
        pull: &mut ImagePull,
    ) -> Option<String> {
        for &at in &self.node {
            let d = self.secret(at);
            let Some(ring) = self.keyring_of(at) else {
                continue;
            };
            let answer = ring.lookup(image);
            let l = &answer.lookup;
            if l.status != LookupStatus::Credentials {
                continue;
            }
            let m = l.matches.first()?;
            let ns = self.secret_namespace(at, None);
            pull.status = PullStatus::Node;
            pull.secret = Some(format!("{ns}/{}", d.name));
            pull.registry = Some(m.registry.clone());
            pull.rule = Some(m.rule);
            pull.alternatives = l.matches.len() - 1;
            pull.reason = format!(
                "no pull secret of the pod covers it; kubelet sends the node's credentials: the entry `{}` of the cluster's global pull secret `{ns}/{}` (rule {}), which OpenShift writes to every node's /var/lib/kubelet/config.json",
                m.registry, d.name, m.rule
            );
            return Some(format!("`{}`: {}", pull.image, pull.reason));
        }
        None
    }

    /// Why no pull secret matched, when the files show a near miss: a key for another path
    /// of the same registry in a Secret the pod gets; a Secret with a matching entry that the
    /// pod does not get (another namespace, not named, its ServiceAccount's replaced).
    fn nearest_miss(
        &self,
        w: &WorkloadDef,
        ns: &str,
        image: &crate::model::reference::ImageRef,
        keyring: &[(usize, usize)],
        ring: &Keyring<'_>,
        account: Option<&AccountDef>,
    ) -> Option<String> {
        if let Some((t, key)) = ring.near_key(image) {
            let s = &self.secret(keyring[t]).name;
            return Some(format!(
                "the key `{key}` of the Secret `{s}` is for the same registry but does not cover `{}`",
                image.name()
            ));
        }
        // The Secrets with an entry for the image, in the order of the files: one search of
        // the keyring of them all (linear in Secrets plus images, not their product), then
        // each one asked alone, as the pod would get it.
        let (all, ats) = self.all_secrets();
        let mut candidates: Vec<(usize, usize)> =
            all.lookup(image).from.iter().map(|&t| ats[t]).collect();
        candidates.sort_unstable();
        candidates.dedup();
        let what = || {
            format!(
                "the {} `{}` in `{ns}`",
                w.object.kind,
                w.object.name.as_deref().unwrap_or("")
            )
        };
        for at in candidates {
            if keyring.contains(&at) {
                continue;
            }
            let d = self.secret(at);
            let Some(ring) = self.keyring_of(at) else {
                continue;
            };
            if self.node.contains(&at)
                || ring.lookup(image).lookup.status != LookupStatus::Credentials
            {
                continue;
            }
            if !self.secret_in(at, ns) {
                let d_ns = self.secret_namespace(at, None);
                return Some(format!(
                    "the Secret `{d_ns}/{}` has an entry for it, but it is in namespace `{d_ns}` and {}",
                    d.name,
                    what()
                ));
            }
            let via_account =
                account.is_some_and(|a| a.pull_secrets.iter().any(|n| n.name == d.name));
            if via_account && !w.pull_secrets.is_empty() {
                return Some(format!(
                    "its ServiceAccount names the Secret `{}`, which has an entry for it, but the pod names its own `imagePullSecrets`, which replace the ServiceAccount's",
                    d.name
                ));
            }
            return Some(format!(
                "the Secret `{}` in this namespace has an entry for it, but {} it in `imagePullSecrets`",
                d.name,
                if w.pull_secrets.is_empty() { "neither the pod nor its ServiceAccount names" } else { "the pod does not name" }
            ));
        }
        None
    }
}

/// Whether an image that is not a reference holds a template expression left for a renderer:
/// `{{ … }}` (Helm, Go templates, Jinja), `{% … %}` (Jinja) or `${…}` (Flux's post-build
/// substitution, envsubst). Neither `{` nor `$` is ever part of a reference.
pub(crate) fn is_unrendered(image: &str) -> bool {
    image.contains("{{") || image.contains("{%") || image.contains("${")
}

/// Per file of `files`, whether a kustomization among them names it as a patch.
fn named_as_patches(files: &[Manifests]) -> Vec<bool> {
    let named: HashSet<Vec<String>> = files
        .iter()
        .filter(|m| !m.path.is_empty())
        .flat_map(|m| {
            m.patches.iter().map(|p| {
                let mut at = m.dir().to_vec();
                extend_path(&mut at, p);
                at
            })
        })
        .collect();
    files
        .iter()
        .map(|m| !m.path.is_empty() && named.contains(&m.path))
        .collect()
}

/// The names kustomize reads a directory's kustomization from, in its order
/// (`konfig.RecognizedKustomizationFileNames`).
const KUSTOMIZATION_FILES: [&str; 3] = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/// Where the kustomize builds among the files put each file's objects ([`kustomize_builds`]).
struct Builds<'f> {
    /// Per file, sorted: one [`Placed`] per way a build takes it; empty when none does (the file
    /// is applied as it is).
    placed: Vec<Vec<Placed<'f>>>,
    /// The image rewrites on the way down a build: a kustomization's `images` and the chain
    /// of the kustomizations above it ([`Builds::rewrite`]).
    chains: Vec<(&'f [ImageRewrite], Option<usize>)>,
}

/// How a build places a file's objects: `Some(ns)`, the `namespace` of the outermost
/// kustomization on the way down that sets one (kustomize's namespace transformer runs in each
/// kustomization, an overlay's after its bases'), or `None`: they keep their own; and the
/// chain of `images` rewrites applied to them ([`Builds::chains`]), if any.
type Placed<'f> = (Option<&'f str>, Option<usize>);

impl<'f> Builds<'f> {
    /// The image of the container `c` as the chain `chain` rewrites it (the innermost
    /// kustomization's `images` first, as kustomize builds a base before its overlay), or
    /// `None` when no item changes it.
    fn rewrite(&self, chain: usize, c: &ContainerImage) -> Option<String> {
        let mut out: Option<String> = None;
        let mut at = Some(chain);
        while let Some(chain) = at {
            let (rewrites, outer) = self.chains[chain];
            for r in rewrites {
                let image = out.as_deref().unwrap_or(&c.image);
                if let Some(new) = r.apply_at(image, c.section, &c.pointer) {
                    out = Some(new);
                }
            }
            at = outer;
        }
        out.filter(|new| *new != c.image)
    }
}

/// Per file of `files`: how the kustomize builds among them place its objects ([`Builds`]).
///
/// A build starts at a kustomization (a file of [`KUSTOMIZATION_FILES`]) that no other
/// kustomization of the files takes: an overlay, the path an Argo CD Application or a Flux
/// Kustomization builds. A kustomization takes the files and the directories (their
/// kustomizations) its `resources`, `bases` and `components` name; its own file is placed
/// too (its `secretGenerator` makes Secrets where the build puts it). A resource that is not
/// among the files (a URL, a file not checked), a file named as a patch, and a cycle (which
/// kustomize refuses) place nothing. The work, and the reports of objects placed in several
/// ways, are bounded by a multiple of the files, their objects and images, and their
/// kustomizations' resources and rewrites (a hostile repository of many overlays over one
/// large or deep base stops there, leaving the rest unplaced), so the check stays linear.
fn kustomize_builds<'f>(files: &'f [Manifests], patch: &[bool]) -> Builds<'f> {
    let mut out = Builds {
        placed: vec![Vec::new(); files.len()],
        chains: Vec::new(),
    };
    // Directory → its kustomization (the first of kustomize's names).
    let mut kustomizations: HashMap<&[String], usize> = HashMap::new();
    for name in KUSTOMIZATION_FILES {
        for (f, m) in files.iter().enumerate() {
            if let Some((file, dir)) = m.path.split_last() {
                if file == name && m.build.is_some() && !patch[f] {
                    kustomizations.entry(dir).or_insert(f);
                }
            }
        }
    }
    if kustomizations.is_empty() {
        return out;
    }
    let by_path: HashMap<&[String], usize> = files
        .iter()
        .enumerate()
        .filter(|&(f, m)| !m.path.is_empty() && !patch[f])
        .map(|(f, m)| (m.path.as_slice(), f))
        .collect();
    let mut builds: Vec<usize> = kustomizations.values().copied().collect();
    builds.sort_unstable();
    let build = |k: usize| files[k].build.as_ref();
    let namespace = |k: usize| build(k).and_then(|b| b.namespace.as_deref());
    // What each kustomization takes: files, and kustomizations (`true`).
    let mut takes: HashMap<usize, Vec<(usize, bool)>> = HashMap::new();
    let mut taken: HashSet<usize> = HashSet::new();
    for &k in &builds {
        let m = &files[k];
        let mut to = Vec::new();
        for r in build(k).iter().flat_map(|b| &b.resources) {
            let mut at = m.dir().to_vec();
            extend_path(&mut at, r);
            if let Some(&g) = kustomizations.get(at.as_slice()) {
                to.push((g, true));
                taken.insert(g);
            } else if let Some(&g) = by_path.get(at.as_slice()) {
                to.push((g, false));
            }
        }
        takes.insert(k, to);
    }
    // The work a placement of a file costs per rewrite on its way: its objects and images.
    let weight = |m: &Manifests| {
        let images: usize = m.workloads.iter().map(|w| w.images.len()).sum();
        1 + m.secrets.len() + m.unmade.len() + m.accounts.len() + m.workloads.len() + images
    };
    let mut budget = 1usize << 16;
    for m in files {
        let b = m.build.as_ref();
        let kustomize = b.map_or(0, |b| b.resources.len() + b.images.len());
        budget = budget.saturating_add(16 * (weight(m) + kustomize));
    }
    // Chains of rewrites, one per (kustomization, chain above it).
    let mut chain_ids: HashMap<(usize, Option<usize>), usize> = HashMap::new();
    let mut chain = |k: usize, above: Option<usize>, out: &mut Builds<'f>| -> Option<usize> {
        let images = build(k).map_or(&[][..], |b| b.images.as_slice());
        if images.is_empty() {
            return above;
        }
        let id = *chain_ids.entry((k, above)).or_insert_with(|| {
            out.chains.push((images, above));
            out.chains.len() - 1
        });
        Some(id)
    };
    // Every (kustomization, namespace, chain) reached once, from every build.
    let mut reached: HashSet<(usize, Option<&str>, Option<usize>)> = HashSet::new();
    let mut stack = Vec::new();
    for &k in builds.iter().filter(|k| !taken.contains(k)) {
        let state = (k, namespace(k), chain(k, None, &mut out));
        reached.insert(state);
        stack.push(state);
    }
    let mut put: HashSet<(usize, Placed<'f>)> = HashSet::new();
    let mut place = |g: usize, at: Placed<'f>, budget: &mut usize, out: &mut Builds<'f>| {
        let rewrites = at.1.map_or(0, |c| lengths_of(&out.chains, c));
        let cost = weight(&files[g]).saturating_mul(1 + rewrites);
        if *budget < cost {
            *budget = 0;
        } else if put.insert((g, at)) {
            *budget -= cost;
            out.placed[g].push(at);
        }
    };
    'walk: while let Some((k, ns, rewrites)) = stack.pop() {
        place(k, (ns, rewrites), &mut budget, &mut out);
        for &(g, kustomization) in &takes[&k] {
            if budget == 0 {
                break 'walk;
            }
            budget -= 1;
            if kustomization {
                let inner = (g, ns.or(namespace(g)), chain(g, rewrites, &mut out));
                if reached.insert(inner) {
                    stack.push(inner);
                }
            } else {
                place(g, (ns, rewrites), &mut budget, &mut out);
            }
        }
    }
    for p in &mut out.placed {
        p.sort_unstable();
    }
    out
}

/// How many rewrites the chain `c` applies.
fn lengths_of(chains: &[(&[ImageRewrite], Option<usize>)], c: usize) -> usize {
    let (mut n, mut at) = (0, Some(c));
    while let Some(c) = at {
        n += chains[c].0.len();
        at = chains[c].1;
    }
    n
}

/// The namespaces of an object whose own namespace is `own`, in a file the builds place as
/// `placed` ([`kustomize_builds`]): each once, in order.
fn namespaces_in<'a>(placed: &[Placed<'a>], own: &'a str) -> Vec<&'a str> {
    let mut all: Vec<&str> = instances_in(placed, own).into_iter().map(|i| i.0).collect();
    all.dedup();
    all
}

/// The (namespace, chain of image rewrites) pairs of an object whose own namespace is `own`,
/// in a file the builds place as `placed`: each once, sorted.
fn instances_in<'a>(placed: &[Placed<'a>], own: &'a str) -> Vec<(&'a str, Option<usize>)> {
    let mut all: Vec<(&str, Option<usize>)> = placed
        .iter()
        .map(|&(ns, chain)| (ns.unwrap_or(own), chain))
        .collect();
    if all.is_empty() {
        all.push((own, None));
    }
    all.sort_unstable();
    all.dedup();
    all
}

/// `path` (relative: `/` or `\\` between its parts) appended to the parts in `parts`: `.`
/// and empty parts dropped, `..` taking the last part back (kept when there is none).
fn extend_path(parts: &mut Vec<String>, path: &str) {
    for c in path.split(['/', '\\']) {
        match c {
            "" | "." => {}
            ".." if parts.last().is_some_and(|l| l != "..") => {
                parts.pop();
            }
            c => parts.push(c.to_string()),
        }
    }
}

/// `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``.
fn quoted(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match q.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn placed(mut d: Diagnostic, at: Place) -> Diagnostic {
    d.line = at.start.line;
    d.column = at.start.column;
    d.end_line = at.end.line;
    d.end_column = at.end.column;
    d
}

fn count(r: &mut WorkloadReport) {
    r.errors = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    r.warnings = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pull Secret with `stringData` (plain JSON, easy to read in a test).
    fn secret(name: &str, ns: Option<&str>, config: &str) -> String {
        let ns = ns.map_or(String::new(), |n| format!("\n  namespace: {n}"));
        format!(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}{ns}\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '{config}'\n"
        )
    }

    fn pod(ns: Option<&str>, secrets: &[&str], sa: Option<&str>, images: &[&str]) -> String {
        let mut s = String::from("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n");
        if let Some(n) = ns {
            s.push_str(&format!("  namespace: {n}\n"));
        }
        s.push_str("spec:\n  template:\n    spec:\n");
        if let Some(a) = sa {
            s.push_str(&format!("      serviceAccountName: {a}\n"));
        }
        if !secrets.is_empty() {
            s.push_str("      imagePullSecrets:\n");
            for n in secrets {
                s.push_str(&format!("      - name: {n}\n"));
            }
        }
        s.push_str("      containers:\n");
        for (i, im) in images.iter().enumerate() {
            s.push_str(&format!("      - name: c{i}\n        image: {im}\n"));
        }
        s
    }

    fn check(files: &[String], strict: bool) -> Vec<Vec<WorkloadReport>> {
        let m: Vec<Manifests> = files.iter().map(|t| Manifests::read(t)).collect();
        let opts = RepositoryOptions {
            strict,
            ..RepositoryOptions::default()
        };
        check_workloads(&m, &opts)
    }

    /// [`check`] of files at their paths ([`Manifests::at`]).
    fn check_at(files: &[(&str, String)]) -> Vec<Vec<WorkloadReport>> {
        let m: Vec<Manifests> = files
            .iter()
            .map(|(path, text)| Manifests::read(text).at(path))
            .collect();
        check_workloads(&m, &RepositoryOptions::default())
    }

    fn codes(r: &WorkloadReport) -> Vec<(&'static str, Severity)> {
        r.diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.severity))
            .collect()
    }

    const QUAY: &str = r#"{"auths":{"quay.io":{"auth":"dTpw"}}}"#;

    #[test]
    fn kubelet_uses_the_entry_for_the_image_and_says_which() {
        let text = [
            secret("regcred", None, QUAY),
            pod(None, &["regcred"], None, &["quay.io/team/web:1"]),
        ]
        .join("---\n");
        let r = &check(std::slice::from_ref(&text), false)[0];
        assert_eq!(r.len(), 1);
        let w = &r[0];
        assert_eq!(
            (w.kind.as_str(), w.namespace.as_str(), w.pull_secrets_from),
            ("Deployment", "default", "pod")
        );
        assert_eq!(w.pull_secrets[0].status, SecretStatus::Found);
        assert_eq!(w.pull_secrets[0].line, Some(1));
        let i = &w.images[0];
        assert_eq!(i.status, PullStatus::Credentials);
        assert_eq!(
            (i.secret.as_deref(), i.registry.as_deref(), i.rule),
            (Some("regcred"), Some("quay.io"), Some("host"))
        );
        assert_eq!(codes(w), [("image-pull-credential", Severity::Info)]);
        // The image's position is the line of `image:`.
        let line = text
            .lines()
            .position(|l| l.contains("image: quay.io/team/web"))
            .unwrap()
            + 1;
        assert_eq!((i.line, w.diagnostics[0].line), (line, line));
        assert_eq!(
            w.diagnostics[0].pointer,
            "/spec/template/spec/containers/0/image"
        );
    }

    /// `kubectl get deploy,secret -o json | jq '.items[]'` prints a stream of JSON objects, which
    /// kubectl reads value by value: each value is an object of the file (it was read as a
    /// config file followed by data, the Deployment as its `auths`-less config).
    #[test]
    fn a_json_stream_is_read_value_by_value() {
        let deployment = r#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"apps"},"spec":{"template":{"spec":{"imagePullSecrets":[{"name":"regcred"}],"containers":[{"name":"web","image":"quay.io/team/web:1"}]}}}}"#;
        let secret = r#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"regcred","namespace":"apps"},"type":"kubernetes.io/dockerconfigjson","stringData":{".dockerconfigjson":"{\"auths\":{\"quay.io\":{\"auth\":\"dTpw\"}}}"}}"#;
        let text = format!("{deployment}\n{secret}\n");
        let r = &check(std::slice::from_ref(&text), false)[0];
        assert_eq!(r.len(), 1);
        let w = &r[0];
        assert_eq!((w.kind.as_str(), w.document), ("Deployment", 0));
        assert_eq!(w.pull_secrets[0].status, SecretStatus::Found);
        assert_eq!(w.pull_secrets[0].line, Some(2));
        assert_eq!(w.images[0].status, PullStatus::Credentials);
        // One reading for both: `validate` sees the Secret as the stream's second value.
        let (report, manifests) = validate_and_read(&text, &Default::default());
        assert_eq!(report.errors, 0);
        assert_eq!(report.objects.len(), 1);
        assert_eq!((report.objects[0].index, report.objects[0].line), (1, 2));
        assert_eq!(
            check_workloads(&[manifests], &RepositoryOptions::default())[0].len(),
            1
        );
    }

    /// A manifest saved by PowerShell 5 (`>`: UTF-16 LE with a byte-order mark), read as UTF-8:
    /// kubectl applies it, so `check` reads its workloads and Secrets decoded.
    #[test]
    fn a_utf16_manifest_is_read_decoded() {
        let text = [
            secret("regcred", None, QUAY),
            pod(None, &["regcred"], None, &["quay.io/team/web:1"]),
        ]
        .join("---\n");
        let utf16 = crate::model::input::utf16_as_read(&text, "\u{fffd}\u{fffd}", true);
        let w = &check(std::slice::from_ref(&utf16), false)[0][0];
        assert_eq!(w.images[0].status, PullStatus::Credentials);
        let (report, manifests) = validate_and_read(&utf16, &Default::default());
        assert_eq!(
            (report.diagnostics[0].code, report.diagnostics[0].severity),
            (Code::Utf16, Severity::Warning)
        );
        assert_eq!((report.errors, report.objects.len()), (0, 1));
        let w = &check_workloads(&[manifests], &RepositoryOptions::default())[0][0];
        assert_eq!(w.images[0].status, PullStatus::Credentials);
    }

    #[test]
    fn names_that_lead_nowhere() {
        let external = "apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: ext\nspec:\n  target:\n    name: made\n";
        let files = [
            secret("elsewhere", Some("apps"), QUAY),
            external.to_string(),
            pod(
                Some("web"),
                &["missing", "elsewhere"],
                None,
                &["quay.io/team/web"],
            ),
            pod(None, &["made"], None, &["nginx"]),
        ];
        let r = check(&files, false);
        let w = &r[2][0];
        assert_eq!(
            codes(w),
            [
                ("pull-secret-not-found", Severity::Warning),
                ("pull-secret-other-namespace", Severity::Error),
            ]
        );
        // `missing` may exist in the cluster: the image is unknown, not anonymous.
        assert_eq!(w.images[0].status, PullStatus::Unknown);
        assert!(
            w.images[0].reason.contains("`missing`"),
            "{}",
            w.images[0].reason
        );
        assert!(w.diagnostics[1]
            .message
            .contains("namespace `apps`, not in `web`"));
        // An ExternalSecret without a template type makes an Opaque Secret.
        let w = &r[3][0];
        assert_eq!(codes(w)[0], ("pull-secret-wrong-type", Severity::Error));
        assert!(w.diagnostics[0]
            .message
            .contains("made by the ExternalSecret `ext`"));
        assert!(w.diagnostics[0].message.contains("`Opaque`"));
        assert_eq!(codes(w)[1], ("anonymous-pull", Severity::Warning));
        // --strict: a missing Secret and an anonymous pull are errors.
        let r = check(&files, true);
        assert_eq!(
            codes(&r[2][0])[0],
            ("pull-secret-not-found", Severity::Error)
        );
        assert_eq!(codes(&r[3][0])[1], ("anonymous-pull", Severity::Error));
    }

    #[test]
    fn one_unreadable_secret_fails_every_pull() {
        let broken = secret("broken", None, r#"{"auths":{"ghcr.io":{"auth":"%%%"}}}"#);
        let files = [
            secret("good", None, QUAY),
            broken,
            pod(None, &["good", "broken"], None, &["quay.io/a/b", "nginx"]),
        ];
        let w = &check(&files, false)[2][0];
        assert_eq!(codes(w), [("pull-secret-unreadable", Severity::Error)]);
        assert!(w.images.iter().all(|i| i.status == PullStatus::Fails));
        assert_eq!(w.failing_pulls(), 2);
    }

    /// Two definitions of one object: `kubectl apply -R` and Argo CD leave the last in the
    /// cluster (kustomize and Flux refuse the build): the last is read, and each use says so.
    #[test]
    fn the_last_of_two_definitions_is_read_and_both_are_named() {
        let ghcr = r#"{"auths":{"ghcr.io":{"auth":"dTpw"}}}"#;
        let sa = |secret: &str| {
            format!("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: builder\nimagePullSecrets:\n- name: {secret}\n")
        };
        let files = [
            format!(
                "{}---\n{}",
                secret("regcred", None, QUAY),
                secret("regcred", None, ghcr)
            ),
            pod(None, &["regcred"], None, &["ghcr.io/t/a", "quay.io/t/a"]),
            sa("regcred"),
            sa("other"),
            pod(None, &[], Some("builder"), &["ghcr.io/t/a"]),
            secret("other", Some("apps"), QUAY),
        ];
        let r = check(&files, false);
        let w = &r[1][0];
        // The second definition (line 9 of the first file) is the one kubelet gets.
        assert_eq!(w.pull_secrets[0].line, Some(9));
        assert_eq!(w.images[0].status, PullStatus::Credentials);
        assert_eq!(w.images[1].status, PullStatus::Anonymous);
        let d = &w.diagnostics[0];
        assert_eq!(
            (d.code, d.severity),
            (Code::DuplicateDefinition, Severity::Warning)
        );
        assert!(
            d.message.contains("defined 2 times in namespace `default`"),
            "{}",
            d.message
        );
        // At the name in the pod.
        assert_eq!((d.line, d.column), (9, 15));
        // The first ServiceAccount is replaced by the second: said at the first only.
        assert_eq!(
            codes(&r[2][0])[0],
            ("duplicate-definition", Severity::Warning)
        );
        assert!(r[2][0].diagnostics[0]
            .message
            .contains("not the last definition"));
        assert_eq!(r[2][0].line, 1);
        assert!(codes(&r[3][0])
            .iter()
            .all(|c| c.0 != "duplicate-definition"));
        // The pod gets the last ServiceAccount's `other`, which is in another namespace.
        let w = &r[4][0];
        assert_eq!(w.pull_secrets[0].name, "other");
        assert_eq!(w.images[0].status, PullStatus::Anonymous);
        // A SealedSecret that makes a Secret of the same name is another object: no finding.
        let sealed = "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: regcred\nspec:\n  template:\n    type: kubernetes.io/dockerconfigjson\n";
        let two = [
            secret("regcred", None, QUAY),
            sealed.to_string(),
            pod(None, &["regcred"], None, &["quay.io/t/a"]),
        ];
        let r = check(&two, false);
        assert!(codes(&r[2][0])
            .iter()
            .all(|c| c.0 != "duplicate-definition"));
        // One definition: no finding.
        let one = [
            secret("regcred", None, QUAY),
            pod(None, &["regcred"], None, &["quay.io/t/a"]),
        ];
        let r = check(&one, false);
        assert!(codes(&r[1][0])
            .iter()
            .all(|c| c.0 != "duplicate-definition"));
    }

    /// A ClusterExternalSecret provides its Secret where its selectors choose the namespace
    /// (unknown where they depend on labels the files do not show), and nowhere else.
    /// Files in directories apart (`clusters/dev`, `clusters/prod`) are alternatives that
    /// different deployments apply: a name resolves to the definition nearest the file that
    /// names it, and two alternatives of one object are no duplicate. Within one directory,
    /// or one within the other (a recursive apply takes both), the last is read, as before.
    #[test]
    fn definitions_in_sibling_directories_are_alternatives() {
        let ghcr = r#"{"auths":{"ghcr.io":{"auth":"dTpw"}}}"#;
        let sa = |secret: &str| {
            format!("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: builder\nimagePullSecrets:\n- name: {secret}\n")
        };
        let dups = |r: &WorkloadReport| {
            r.diagnostics
                .iter()
                .filter(|d| d.code == Code::DuplicateDefinition)
                .count()
        };
        let files = [
            ("clusters/dev/regcred.yaml", secret("regcred", None, QUAY)),
            ("clusters/dev/sa.yaml", sa("regcred")),
            (
                "clusters/dev/app.yaml",
                pod(None, &["regcred"], None, &["quay.io/t/a"]),
            ),
            (
                "clusters/dev/job.yaml",
                pod(None, &[], Some("builder"), &["quay.io/t/a"]),
            ),
            ("clusters/prod/regcred.yaml", secret("regcred", None, ghcr)),
            ("./clusters/prod/sa.yaml", sa("other")),
            (
                "clusters/prod/app.yaml",
                pod(None, &["regcred"], None, &["ghcr.io/t/a"]),
            ),
            (
                "clusters\\prod\\job.yaml",
                pod(None, &[], Some("builder"), &["ghcr.io/t/a"]),
            ),
        ];
        let r = check_at(&files);
        // Each app gets its own directory's Secret: both pulls have credentials.
        for (f, line) in [(2, 1), (6, 1)] {
            let w = &r[f][0];
            assert_eq!(
                w.images[0].status,
                PullStatus::Credentials,
                "{f}: {:?}",
                w.images[0]
            );
            assert_eq!(w.pull_secrets[0].file, Some(f - 2), "{f}");
            assert_eq!(w.pull_secrets[0].line, Some(line));
            assert_eq!(dups(w), 0, "{f}");
        }
        // Each job gets its own directory's ServiceAccount: dev's names `regcred`, prod's
        // `other` (found nowhere), and neither account is a duplicate.
        assert_eq!(r[3][0].pull_secrets[0].name, "regcred");
        assert_eq!(r[3][0].images[0].status, PullStatus::Credentials);
        assert_eq!(r[7][0].pull_secrets[0].name, "other");
        assert_eq!(r[7][0].images[0].status, PullStatus::Unknown);
        assert_eq!(dups(&r[1][0]) + dups(&r[5][0]), 0);
        // A base shared by both: neither directory is nearer, so the last is read and named
        // as before, without a duplicate (the two are never applied together).
        let base = [
            (
                "apps/overlays/dev/regcred.yaml",
                secret("regcred", None, QUAY),
            ),
            (
                "apps/overlays/prod/regcred.yaml",
                secret("regcred", None, ghcr),
            ),
            (
                "apps/base/app.yaml",
                pod(None, &["regcred"], None, &["ghcr.io/t/a"]),
            ),
        ];
        let w = &check_at(&base)[2][0];
        assert_eq!((w.pull_secrets[0].file, dups(w)), (Some(1), 0));
        // One directory within the other: a recursive apply takes both, the last is read
        // (walk order) and the duplicate is named, as without paths.
        let nested = [
            ("manifests/regcred.yaml", secret("regcred", None, QUAY)),
            ("manifests/old/regcred.yaml", secret("regcred", None, ghcr)),
            (
                "manifests/old/app.yaml",
                pod(None, &["regcred"], None, &["ghcr.io/t/a"]),
            ),
            ("manifests/sa.yaml", sa("regcred")),
            ("manifests/old/sa.yaml", sa("regcred")),
        ];
        let r = check_at(&nested);
        let w = &r[2][0];
        assert_eq!((w.pull_secrets[0].file, dups(w)), (Some(1), 1));
        assert_eq!(w.images[0].status, PullStatus::Credentials);
        // The app in `manifests/` itself shares only `manifests/` with both: the last.
        let mut top = nested.to_vec();
        top[2].0 = "manifests/app.yaml";
        let w = &check_at(&top)[2][0];
        assert_eq!((w.pull_secrets[0].file, dups(w)), (Some(1), 1));
        // The first ServiceAccount is replaced by the one within its directory (and each says
        // that the Secret it names is defined twice).
        let replaced = |r: &WorkloadReport| {
            r.diagnostics
                .iter()
                .any(|d| d.message.contains("not the last definition"))
        };
        assert_eq!((replaced(&r[3][0]), dups(&r[3][0])), (true, 2));
        assert_eq!((replaced(&r[4][0]), dups(&r[4][0])), (false, 1));
    }

    /// A kustomization's `namespace` puts every object of its build there (checked with
    /// `kubectl kustomize`): a base's objects land in each overlay's namespace, the outermost
    /// kustomization that sets one decides, and a file no build takes keeps its own.
    #[test]
    fn kustomize_builds_put_their_objects_in_their_namespace() {
        fn per_namespace(reports: &[WorkloadReport]) -> Vec<(&str, Vec<SecretStatus>)> {
            let status = |w: &WorkloadReport| w.pull_secrets.iter().map(|p| p.status).collect();
            reports
                .iter()
                .map(|w| (w.namespace.as_str(), status(w)))
                .collect()
        }
        let config = r#"{"auths":{"quay.io":{"auth":"dTpw"}}}"#;
        let status = |w: &WorkloadReport| -> Vec<SecretStatus> {
            w.pull_secrets.iter().map(|p| p.status).collect()
        };
        // One kustomization: its namespace wins over the Secret's own.
        let r = check_at(&[
            (
                "app/kustomization.yaml",
                "namespace: apps\nresources:\n- deploy.yaml\n- ./secret.yaml\n".into(),
            ),
            (
                "app/deploy.yaml",
                pod(None, &["regcred"], None, &["quay.io/t/a"]),
            ),
            ("app/secret.yaml", secret("regcred", Some("other"), config)),
        ]);
        let w = &r[1][0];
        assert_eq!(
            (w.namespace.as_str(), status(w)),
            ("apps", vec![SecretStatus::Found])
        );
        assert_eq!(w.pull_secrets[0].namespace.as_deref(), Some("apps"));
        assert_eq!(w.images[0].status, PullStatus::Credentials);

        // A base in two overlays: one report per namespace; only `prod` has the Secret.
        let files = [
            ("base/kustomization.yaml", "resources:\n- deploy.yaml\n".to_string()),
            ("base/deploy.yaml", pod(Some("base"), &["regcred"], None, &["quay.io/t/a"])),
            (
                "overlays/dev/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: dev\nresources:\n- ../../base\n".into(),
            ),
            (
                "overlays/prod/kustomization.yml",
                "namespace: prod\nbases:\n- ../../base/\nresources:\n- secret.yaml\n".into(),
            ),
            ("overlays/prod/secret.yaml", secret("regcred", None, config)),
            // No build takes it: applied as it is.
            ("loose/deploy.yaml", pod(None, &["regcred"], None, &["quay.io/t/a"])),
        ];
        let r = check_at(&files);
        let base = per_namespace(&r[1]);
        assert_eq!(
            base,
            [
                ("dev", vec![SecretStatus::OtherNamespace]),
                ("prod", vec![SecretStatus::Found]),
            ]
        );
        assert_eq!(
            codes(&r[1][0])[0],
            ("pull-secret-other-namespace", Severity::Error)
        );
        assert_eq!((r[1][1].errors, r[1][1].warnings), (0, 0));
        assert_eq!(r[1][1].images[0].status, PullStatus::Credentials);
        assert_eq!(
            (r[5][0].namespace.as_str(), status(&r[5][0])),
            ("default", vec![SecretStatus::OtherNamespace])
        );

        // The outermost namespace wins over a base's; a kustomization kustomize does not read
        // (another file name) builds nothing; a cycle places nothing and ends.
        let r = check_at(&[
            (
                "base/kustomization.yaml",
                "namespace: base\nresources: [deploy.yaml]\n".into(),
            ),
            (
                "base/deploy.yaml",
                pod(None, &["regcred"], None, &["quay.io/t/a"]),
            ),
            (
                "prod/kustomization.yaml",
                "namespace: prod\nresources: [../base, secret.yaml]\n".into(),
            ),
            ("prod/secret.yaml", secret("regcred", None, config)),
            (
                "other/build.yaml",
                "namespace: other\nresources: [../base]\n".into(),
            ),
            (
                "a/kustomization.yaml",
                "namespace: a\nresources: [../b, deploy.yaml]\n".into(),
            ),
            ("b/kustomization.yaml", "resources: [../a]\n".into()),
            (
                "a/deploy.yaml",
                pod(None, &["regcred"], None, &["quay.io/t/a"]),
            ),
        ]);
        let base = per_namespace(&r[1]);
        assert_eq!(base, [("prod", vec![SecretStatus::Found])]);
        assert_eq!(r[7][0].namespace, "default");

        // A base's secretGenerator makes its Secret where each overlay puts the build: there
        // it is made for sure (not "may").
        let r = check_at(&[
            (
                "base/kustomization.yaml",
                "resources: [deploy.yaml]\nsecretGenerator:\n- name: regcred\n  type: kubernetes.io/dockerconfigjson\n  files: [.dockerconfigjson=config.json]\n".into(),
            ),
            ("base/deploy.yaml", pod(None, &["regcred"], None, &["quay.io/t/a"])),
            ("dev/kustomization.yaml", "namespace: dev\nresources: [../base]\n".into()),
        ]);
        let w = &r[1][0];
        assert_eq!(
            (w.namespace.as_str(), status(w)),
            ("dev", vec![SecretStatus::Unverifiable])
        );
        assert!(
            w.diagnostics[0]
                .message
                .contains("kustomize reads its entries when it builds"),
            "{}",
            w.diagnostics[0].message
        );

        // An overlay's generator makes it in that overlay's namespace only: a pod of another
        // build does not get it (not "may"); one no build takes still may.
        let r = check_at(&[
            ("base/kustomization.yaml", "resources: [deploy.yaml]\n".into()),
            ("base/deploy.yaml", pod(None, &["regcred"], None, &["quay.io/t/a"])),
            ("dev/kustomization.yaml", "namespace: dev\nresources: [../base]\n".into()),
            (
                "prod/kustomization.yaml",
                "namespace: prod\nresources: [../base]\nsecretGenerator:\n- name: regcred\n  type: kubernetes.io/dockerconfigjson\n  files: [.dockerconfigjson=config.json]\n".into(),
            ),
            ("loose/deploy.yaml", pod(Some("dev"), &["regcred"], None, &["quay.io/t/a"])),
        ]);
        let base = per_namespace(&r[1]);
        assert_eq!(
            base,
            [
                ("dev", vec![SecretStatus::OtherNamespace]),
                ("prod", vec![SecretStatus::Unverifiable]),
            ]
        );
        let p = &r[1][0].pull_secrets[0];
        assert_eq!(
            (p.provider, p.namespace.as_deref()),
            (Some(Provider::SecretGenerator), Some("prod"))
        );
        assert!(r[1][0].diagnostics[0]
            .message
            .contains("is in namespace `prod`, not in `dev`"));
        assert_eq!(status(&r[4][0]), [SecretStatus::Unverifiable]);
    }

    /// A kustomization's `images` rewrite what its build pulls, a base's before its overlay's
    /// (checked with `kubectl kustomize`): the credential kubelet sends is the rewritten image's.
    #[test]
    fn kustomize_images_rewrite_what_is_pulled() {
        let config = r#"{"auths":{"registry.corp":{"auth":"dTpw"}}}"#;
        let r = check_at(&[
            (
                "base/kustomization.yaml",
                "resources: [pod.yaml]\nimages:\n- name: nginx\n  newTag: '1.8'\n".into(),
            ),
            ("base/pod.yaml", pod(None, &["regcred"], None, &["nginx:1.7", "nginx-exporter:1"])),
            (
                "prod/kustomization.yaml",
                "namespace: prod\nresources: [../base, secret.yaml]\nimages:\n- name: nginx\n  newName: registry.corp/mirror/nginx\n".into(),
            ),
            ("prod/secret.yaml", secret("regcred", None, config)),
            ("dev/kustomization.yaml", "namespace: dev\nresources: [../base, ../prod/secret.yaml]\n".into()),
        ]);
        let pulls = |w: &WorkloadReport| -> Vec<(String, Option<String>, PullStatus)> {
            w.images
                .iter()
                .map(|i| (i.image.clone(), i.written.clone(), i.status))
                .collect()
        };
        let written = Some("nginx:1.7".to_string());
        let exporter = ("nginx-exporter:1".to_string(), None, PullStatus::Anonymous);
        assert_eq!(r[1][0].namespace, "dev");
        assert_eq!(
            pulls(&r[1][0]),
            [
                ("nginx:1.8".into(), written.clone(), PullStatus::Anonymous),
                exporter.clone()
            ]
        );
        assert_eq!(r[1][1].namespace, "prod");
        assert_eq!(
            pulls(&r[1][1]),
            [
                (
                    "registry.corp/mirror/nginx:1.8".into(),
                    written,
                    PullStatus::Credentials
                ),
                exporter
            ]
        );
        let found = &r[1][1].diagnostics[0];
        assert_eq!(found.line, 12);
        assert!(
            found.message.starts_with("`registry.corp/mirror/nginx:1.8` (kustomize `images` rewrote `nginx:1.7`): kubelet sends the entry `registry.corp` of the Secret `regcred`"),
            "{}",
            found.message
        );
    }

    /// Many overlays over one large base: the reports of the base's objects in each overlay's
    /// namespace stay within a multiple of the input (1,000 × 1,000 would be a million).
    #[test]
    fn kustomize_builds_are_budgeted() {
        let n = 1000;
        let mut base = String::new();
        for i in 0..n {
            base.push_str(&pod(None, &[], None, &[&format!("quay.io/t/{i}")]));
            base.push_str("---\n");
        }
        let mut files = vec![
            (
                "base/kustomization.yaml".to_string(),
                "resources: [app.yaml]\n".to_string(),
            ),
            ("base/app.yaml".to_string(), base),
        ];
        for i in 0..n {
            files.push((
                format!("o{i}/kustomization.yaml"),
                format!("namespace: n{i}\nresources: [../base]\n"),
            ));
        }
        let m: Vec<Manifests> = files
            .iter()
            .map(|(path, text)| Manifests::read(text).at(path))
            .collect();
        let r = check_workloads(&m, &RepositoryOptions::default());
        let reports = r[1].len();
        assert!((n..200_000).contains(&reports), "{reports}");
    }

    /// A file a kustomization names as a patch holds part of an object that kustomize merges
    /// into a resource (`kubectl kustomize` keeps the base's `imagePullSecrets` when a patch
    /// changes the image): it is neither checked as a workload nor read as a definition.
    #[test]
    fn kustomize_patches_are_parts_not_objects() {
        let data_patch = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\n  namespace: apps\nstringData:\n  .dockerconfigjson: '{}'\n";
        let kustomization = "resources:\n- ../../base\npatches:\n- path: web.yaml\n- patch: |-\n    - op: add\npatchesStrategicMerge:\n- ../prod/./secret.yaml\n";
        let mut files = vec![
            (
                "base/deployment.yaml",
                pod(Some("apps"), &["regcred"], None, &["quay.io/t/a"]),
            ),
            ("base/regcred.yaml", secret("regcred", Some("apps"), QUAY)),
            (
                "overlays/prod/kustomization.yaml",
                kustomization.to_string(),
            ),
            (
                "overlays/prod/web.yaml",
                pod(Some("apps"), &[], None, &["quay.io/t/b"]),
            ),
            ("overlays/prod/secret.yaml", data_patch.to_string()),
            (
                "overlays/prod/job.yaml",
                pod(Some("apps"), &["regcred"], None, &["quay.io/t/c"]),
            ),
        ];
        let r = check_at(&files);
        // The base's and the overlay's own workload read the base's Secret (the patch, without
        // a type, would be an `Opaque` Secret kubelet skips).
        for w in [&r[0][0], &r[5][0]] {
            assert_eq!(w.images[0].status, PullStatus::Credentials, "{w:?}");
            assert_eq!(w.pull_secrets[0].file, Some(1));
            assert!(w.diagnostics.iter().all(|d| d.severity == Severity::Info));
        }
        // The patch of the Deployment is no workload of its own.
        assert!(r[3].is_empty());
        // Without the kustomization, the same files are objects: an anonymous pull, and the
        // nearest `regcred` of the overlay's workload is the typeless one.
        files.remove(2);
        let r = check_at(&files);
        assert_eq!(r[2][0].images[0].status, PullStatus::Anonymous);
        assert_eq!(
            codes(&r[4][0])[0],
            ("pull-secret-wrong-type", Severity::Error)
        );
        // Files without paths are never patches.
        let bare: Vec<Manifests> = [kustomization.to_string(), files[2].1.clone()]
            .iter()
            .map(|t| Manifests::read(t))
            .collect();
        assert_eq!(
            check_workloads(&bare, &RepositoryOptions::default())[1].len(),
            1
        );
    }

    /// An image a renderer has not filled in (a Helm template that parses as YAML, Flux's
    /// `${TAG}`) is unknown with `image-unrendered` (info), not `invalid-image` (an error that
    /// would fail every chart of a repository); a reference broken otherwise stays invalid.
    #[test]
    fn unrendered_images_are_unknown_not_invalid() {
        let text = pod(
            None,
            &[],
            None,
            &[
                "\"quay.io/team/web:{{ .Values.image.tag }}\"",
                "\"{{ .Values.image.repository }}\"",
                "ghcr.io/team/api:${TAG}",
                "\"{% if prod %}a{% endif %}\"",
                "quay.io/Team/Web:1",
                "quay.io/team/web:$TAG",
            ],
        );
        let w = &check(&[text], true)[0][0];
        let got: Vec<(PullStatus, &str)> = w
            .images
            .iter()
            .zip(&w.diagnostics)
            .map(|(i, d)| (i.status, d.code.as_str()))
            .collect();
        let unrendered = (PullStatus::Unknown, "image-unrendered");
        let invalid = (PullStatus::Invalid, "invalid-image");
        assert_eq!(
            got,
            [unrendered, unrendered, unrendered, unrendered, invalid, invalid]
        );
        assert_eq!(w.diagnostics[0].severity, Severity::Info);
        assert_eq!((w.errors, w.failing_pulls()), (2, 2));
        assert!(w.images[0].reason.starts_with(
            "`quay.io/team/web:{{ .Values.image.tag }}` holds a template expression that was not rendered"
        ));
    }

    #[test]
    fn cluster_external_secrets_by_namespace() {
        let ces = "apiVersion: external-secrets.io/v1\nkind: ClusterExternalSecret\nmetadata:\n  name: pull-everywhere\nspec:\n  externalSecretSpec:\n    target:\n      name: regcred\n      template:\n        type: kubernetes.io/dockerconfigjson\n  namespaces: [apps]\n  namespaceSelectors:\n  - matchLabels: {pull: \"yes\"}\n";
        let namespace = |name: &str, label: &str| {
            format!("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n  labels: {{pull: \"{label}\"}}\n")
        };
        let files = [
            ces.to_string(),
            format!("{}---\n{}", namespace("web", "yes"), namespace("db", "no")),
            pod(Some("apps"), &["regcred"], None, &["quay.io/t/a"]),
            pod(Some("web"), &["regcred"], None, &["quay.io/t/a"]),
            pod(Some("db"), &["regcred"], None, &["quay.io/t/a"]),
            pod(Some("elsewhere"), &["regcred"], None, &["quay.io/t/a"]),
        ];
        let r = check(&files, false);
        let status = |f: usize| (r[f][0].pull_secrets[0].status, r[f][0].images[0].status);
        // By name, and by a label of a Namespace in the files.
        for f in [2, 3] {
            assert_eq!(status(f), (SecretStatus::Unverifiable, PullStatus::Unknown));
            let p = &r[f][0].pull_secrets[0];
            assert_eq!(p.provider, Some(Provider::ClusterExternalSecret));
            assert_eq!(p.namespace, Some(r[f][0].namespace.clone()));
            assert!(r[f][0].diagnostics[0]
                .message
                .contains("comes from the ClusterExternalSecret `pull-everywhere`"));
        }
        // A Namespace in the files whose labels the selector does not choose.
        assert_eq!(status(4), (SecretStatus::NotFound, PullStatus::Unknown));
        assert!(
            r[4][0].diagnostics[0]
                .message
                .contains("its selectors do not choose namespace `db`"),
            "{}",
            r[4][0].diagnostics[0].message
        );
        // A namespace the files do not define: its labels, so the answer, are unknown.
        assert_eq!(status(5), (SecretStatus::Unverifiable, PullStatus::Unknown));
        assert!(r[5][0].diagnostics[0]
            .message
            .contains("may come from the ClusterExternalSecret"));
        // A plain Secret of the namespace wins over the ClusterExternalSecret.
        let mut files = files.to_vec();
        files.push(secret("regcred", Some("apps"), QUAY));
        let r = check(&files, false);
        assert_eq!(r[2][0].pull_secrets[0].status, SecretStatus::Found);
        assert_eq!(r[2][0].images[0].status, PullStatus::Credentials);
        // One that may make it, as an `Opaque` Secret kubelet skips: no pull secret either way.
        let opaque = String::from("apiVersion: external-secrets.io/v1\nkind: ClusterExternalSecret\nmetadata:\n  name: opaque\nspec:\n  externalSecretName: other\n  namespaceSelectors: [{matchLabels: {a: b}}]\n");
        let r = check(
            &[opaque, pod(Some("x"), &["other"], None, &["quay.io/t/a"])],
            false,
        );
        assert_eq!(r[1][0].pull_secrets[0].status, SecretStatus::NotFound);
        assert!(r[1][0].diagnostics[0]
            .message
            .contains("may make it here, but with type `Opaque`"));
    }

    /// A kustomize `secretGenerator` item makes a Secret of its `type` (`Opaque` when absent) in
    /// the kustomization's namespace (which overrides the item's); without either, in the
    /// namespace of whatever builds it, so it may be in any. As `kubectl kustomize` builds them.
    #[test]
    fn kustomize_secret_generators() {
        const CANARY: &str = "Q0FOQVJZOmNhbmFyeQ==";
        let kustomization = |namespace: &str| {
            format!("{namespace}secretGenerator:\n- name: untyped\n  namespace: elsewhere\n  files: [.dockerconfigjson=config.json]\n- name: regcred\n  type: kubernetes.io/dockerconfigjson\n  files: [.dockerconfigjson=secrets/config.json]\n  literals: ['other={{\"auths\":{{\"x\":{{\"auth\":\"{CANARY}\"}}}}}}']\n- name: patched\n  behavior: merge\n  literals: [a=b]\n")
        };
        let use_them = |ns: &str| {
            pod(
                Some(ns),
                &["untyped", "regcred", "patched"],
                None,
                &["quay.io/t/a"],
            )
        };
        // In the kustomization's namespace, whatever the item says: there it is made for sure.
        for head in [
            "namespace: apps\n",
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: apps\n",
        ] {
            let r = check(
                &[kustomization(head), use_them("apps"), use_them("elsewhere")],
                false,
            );
            let w = &r[1][0];
            let status: Vec<_> = w
                .pull_secrets
                .iter()
                .map(|p| (p.status, p.provider))
                .collect();
            assert_eq!(
                status,
                [
                    (SecretStatus::WrongType, Some(Provider::SecretGenerator)),
                    (SecretStatus::Unverifiable, Some(Provider::SecretGenerator)),
                    // `merge` without a type changes a base's Secret: it makes none.
                    (SecretStatus::NotFound, None),
                ],
                "{head}"
            );
            assert!(w.diagnostics[0].message.contains("made by the kustomize secretGenerator `untyped`, whose items without `type` make `Opaque` Secrets"), "{}", w.diagnostics[0].message);
            assert!(
                w.diagnostics[1]
                    .message
                    .contains("(from `secrets/config.json` and `literal other`)"),
                "{}",
                w.diagnostics[1].message
            );
            // In another namespace the workload may be one of the kustomization's resources,
            // which kustomize moves to `apps` too: "may", and a type kubelet skips leads nowhere.
            let w = &r[2][0];
            let status: Vec<_> = w.pull_secrets.iter().map(|p| p.status).collect();
            assert_eq!(
                status,
                [
                    SecretStatus::NotFound,
                    SecretStatus::Unverifiable,
                    SecretStatus::NotFound
                ]
            );
            assert!(w.diagnostics[1].message.contains("kustomize makes it in namespace `apps` and moves the kustomization's own resources there too; whether this workload gets it in `elsewhere`"), "{}", w.diagnostics[1].message);
            for d in r.iter().flatten().flat_map(|w| &w.diagnostics) {
                assert!(!d.message.contains(CANARY), "{}", d.message);
            }
        }
        // No namespace anywhere: the Secret may be in any namespace.
        let r = check(&[kustomization(""), use_them("apps")], false);
        let w = &r[1][0];
        assert_eq!(w.pull_secrets[1].status, SecretStatus::Unverifiable);
        assert_eq!(w.pull_secrets[1].namespace.as_deref(), Some("apps"));
        assert!(w.diagnostics.iter().any(|d| d
            .message
            .contains("may come from the kustomize secretGenerator `regcred`")));
        assert!(w
            .diagnostics
            .iter()
            .any(|d| d.message.contains("its kustomization sets no namespace")));
        // The item's own namespace holds when the kustomization sets none: `elsewhere`, so
        // in `apps` only "may", and `Opaque`.
        assert_eq!(w.pull_secrets[0].status, SecretStatus::NotFound);
        assert_eq!(w.images[0].status, PullStatus::Unknown);
        // A Component's generator too: its Secret lands where the Component is included.
        let opaque = "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nsecretGenerator:\n- name: plain\n  files: [.dockerconfigjson=c.json]\n".to_string();
        let r = check(
            &[
                opaque,
                pod(Some("apps"), &["plain"], None, &["quay.io/t/a"]),
            ],
            false,
        );
        let w = &r[1][0];
        assert_eq!(w.pull_secrets[0].status, SecretStatus::NotFound);
        let m = &w.diagnostics[0].message;
        assert!(
            m.contains(
                "the kustomize secretGenerator `plain` may make it here, but with type `Opaque`"
            ),
            "{m}"
        );
        // A generator that surely makes it here wins over a ClusterExternalSecret that may.
        let ces = "apiVersion: external-secrets.io/v1\nkind: ClusterExternalSecret\nmetadata: {name: c}\nspec:\n  externalSecretName: regcred\n  externalSecretSpec: {target: {template: {type: kubernetes.io/dockerconfigjson}}}\n  namespaceSelectors: [{matchLabels: {a: b}}]\n".to_string();
        let r = check(
            &[ces, kustomization("namespace: apps\n"), use_them("apps")],
            false,
        );
        assert_eq!(
            r[2][0].pull_secrets[1].provider,
            Some(Provider::SecretGenerator)
        );
    }

    /// A Secret both defined and made by a controller: the SealedSecrets controller leaves a
    /// plain Secret alone, the External Secrets Operator writes over it; each use says so.
    #[test]
    fn a_secret_defined_and_made_is_contended() {
        let sealed = "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: regcred\nspec:\n  template:\n    type: kubernetes.io/dockerconfigjson\n".to_string();
        let external = "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ext\nspec:\n  target:\n    name: regcred\n    template: {type: kubernetes.io/dockerconfigjson}\n".to_string();
        let plain = secret("regcred", None, QUAY);
        let use_it = pod(None, &["regcred"], None, &["quay.io/t/a"]);
        let contended = |w: &WorkloadReport| {
            w.diagnostics
                .iter()
                .find(|d| d.code == Code::PullSecretContended)
                .map(|d| (d.severity, d.message.clone()))
        };
        // Either order: the plain Secret is what kubelet gets against a SealedSecret.
        for files in [
            [plain.clone(), sealed.clone(), use_it.clone()],
            [sealed.clone(), plain.clone(), use_it.clone()],
        ] {
            let w = &check(&files, false)[2][0];
            assert_eq!(w.pull_secrets[0].status, SecretStatus::Found);
            assert_eq!(w.pull_secrets[0].provider, Some(Provider::Secret));
            assert_eq!(w.images[0].status, PullStatus::Credentials);
            let (sev, m) = contended(w).expect("pull-secret-contended");
            assert_eq!(sev, Severity::Warning);
            assert!(
                m.contains("is defined as a Secret and made by the SealedSecret `regcred`"),
                "{m}"
            );
            assert!(m.contains("not managed by SealedSecret"), "{m}");
            assert!(codes(w).iter().all(|c| c.0 != "duplicate-definition"));
        }
        // The ExternalSecret's Secret, in either order, against a plain Secret or a SealedSecret.
        for (files, lost) in [
            (
                [plain.clone(), external.clone(), use_it.clone()],
                "alternate",
            ),
            (
                [external.clone(), plain.clone(), use_it.clone()],
                "alternate",
            ),
            (
                [sealed.clone(), external.clone(), use_it.clone()],
                "SealedSecrets controller does not replace",
            ),
        ] {
            let w = &check(&files, false)[2][0];
            assert_eq!(w.pull_secrets[0].status, SecretStatus::Unverifiable);
            assert_eq!(w.pull_secrets[0].provider, Some(Provider::ExternalSecret));
            assert_eq!(w.images[0].status, PullStatus::Unknown);
            let (_, m) = contended(w).expect("pull-secret-contended");
            assert!(m.contains("made by the ExternalSecret `ext`"), "{m}");
            assert!(m.contains(lost), "{m}");
        }
        // One kind twice is a duplicate, not a contest; one definition is neither.
        for files in [
            [sealed.clone(), sealed.clone(), use_it.clone()],
            [plain.clone(), String::new(), use_it.clone()],
        ] {
            let w = &check(&files, false)[2][0];
            assert_eq!(contended(w), None, "{:?}", codes(w));
        }
        // A SealedSecret's Secret in another namespace does not contend.
        let sealed_elsewhere = sealed.replace(
            "metadata:\n  name: regcred\n",
            "metadata:\n  name: regcred\n  namespace: other\n",
        );
        let w = &check(&[plain.clone(), sealed_elsewhere, use_it.clone()], false)[2][0];
        assert_eq!(contended(w), None);
    }

    /// An ExternalSecret (or ClusterExternalSecret) whose `creationPolicy` is `Merge` or
    /// `None` makes no Secret: the name is not found, with the policy as the hint; `Owner`,
    /// `Orphan` and `CreateOrMerge` make one.
    #[test]
    fn creation_policies_that_make_no_secret() {
        let es = |name: &str, ns: &str, policy: &str| {
            format!("apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {{name: {name}, namespace: {ns}}}\nspec:\n  target:\n    name: regcred\n    creationPolicy: {policy}\n    template: {{type: kubernetes.io/dockerconfigjson}}\n")
        };
        let ces = |policy: &str| {
            format!("apiVersion: external-secrets.io/v1\nkind: ClusterExternalSecret\nmetadata: {{name: everywhere}}\nspec:\n  externalSecretSpec:\n    target: {{name: regcred, creationPolicy: {policy}, template: {{type: kubernetes.io/dockerconfigjson}}}}\n  namespaces: [c]\n")
        };
        let pods = || ["a", "b", "c"].map(|ns| pod(Some(ns), &["regcred"], None, &["quay.io/t/a"]));
        for (policy, makes) in [
            ("Merge", false),
            ("None", false),
            ("Owner", true),
            ("Orphan", true),
            ("CreateOrMerge", true),
        ] {
            let mut files = vec![es("merge", "a", policy), ces(policy)];
            files.extend(pods());
            let r = check(&files, false);
            for (f, who) in [
                (2, "ExternalSecret `merge`"),
                (4, "ClusterExternalSecret `everywhere`"),
            ] {
                let w = &r[f][0];
                let m = &w.diagnostics[0].message;
                if makes {
                    assert_eq!(
                        w.pull_secrets[0].status,
                        SecretStatus::Unverifiable,
                        "{policy}: {m}"
                    );
                } else {
                    assert_eq!(
                        w.pull_secrets[0].status,
                        SecretStatus::NotFound,
                        "{policy}: {m}"
                    );
                    let hint = format!(
                        "the {who} names it with `creationPolicy: {policy}`, which makes no Secret"
                    );
                    assert!(m.contains(&hint), "{policy}: {m}");
                }
            }
            // Neither names namespace `b`: no hint there.
            let m = &r[3][0].diagnostics[0].message;
            let elsewhere = match makes {
                true => SecretStatus::OtherNamespace,
                false => SecretStatus::NotFound,
            };
            assert_eq!(r[3][0].pull_secrets[0].status, elsewhere, "{policy}: {m}");
            assert!(!m.contains("creationPolicy"), "{policy}: {m}");
        }
        // A Secret the files define is what `Merge` writes into: it is found.
        let files = [
            es("merge", "a", "Merge"),
            secret("regcred", Some("a"), QUAY),
            pod(Some("a"), &["regcred"], None, &["quay.io/t/a"]),
        ];
        assert_eq!(
            check(&files, false)[2][0].pull_secrets[0].status,
            SecretStatus::Found
        );
    }

    /// Many ClusterExternalSecrets of one name and many namespaces: the selector work is
    /// budgeted (linear in the files), and past the budget the answer is "may", never a
    /// wrong "not found".
    #[test]
    fn cluster_external_secret_work_is_budgeted() {
        let n = 2000;
        let mut text = String::new();
        for i in 0..n {
            text.push_str(&format!(
                "apiVersion: external-secrets.io/v1\nkind: ClusterExternalSecret\nmetadata: {{name: c{i}}}\nspec:\n  externalSecretName: regcred\n  externalSecretSpec: {{target: {{template: {{type: kubernetes.io/dockercfg}}}}}}\n  namespaceSelectors: [{{matchLabels: {{team: t{i}}}}}]\n---\napiVersion: v1\nkind: Namespace\nmetadata: {{name: ns{i}, labels: {{team: none}}}}\n---\n"
            ));
        }
        let pods: String = (0..n)
            .map(|i| {
                pod(
                    Some(&format!("ns{i}")),
                    &["regcred"],
                    None,
                    &["quay.io/t/a"],
                )
            })
            .collect::<Vec<_>>()
            .join("---\n");
        let r = check(&[text, pods], false);
        let status: Vec<SecretStatus> = r[1].iter().map(|w| w.pull_secrets[0].status).collect();
        // Evaluated: no selector chooses these namespaces.
        assert_eq!(status[0], SecretStatus::NotFound);
        // Past the budget: "may come from".
        assert_eq!(status[n - 1], SecretStatus::Unverifiable);
        let first_unknown = status
            .iter()
            .position(|s| *s == SecretStatus::Unverifiable)
            .unwrap();
        assert!(status[first_unknown..]
            .iter()
            .all(|s| *s == SecretStatus::Unverifiable));
        assert!(r[1][n - 1].diagnostics[0].message.contains("may come from"));
    }

    /// Only the last definition of the OpenShift global pull secret is the node's keyring.
    #[test]
    fn the_node_keyring_is_the_last_global_pull_secret() {
        let global = |config: &str| secret("pull-secret", Some("openshift-config"), config);
        let files = [
            global(QUAY),
            global(r#"{"auths":{"ghcr.io":{"auth":"dTpw"}}}"#),
            pod(None, &[], None, &["quay.io/t/a", "ghcr.io/t/a"]),
        ];
        let r = check(&files, false);
        let w = &r[2][0];
        assert_eq!(
            w.images[0].status,
            PullStatus::Anonymous,
            "{}",
            w.images[0].reason
        );
        assert_eq!(
            w.images[1].status,
            PullStatus::Node,
            "{}",
            w.images[1].reason
        );
    }

    #[test]
    fn the_service_account_adds_its_secrets_only_to_pods_that_name_none() {
        let sa = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: builder\nimagePullSecrets:\n- name: regcred\n- name: gone\n";
        let files = [
            secret("regcred", None, QUAY),
            secret("other", None, r#"{"auths":{"ghcr.io":{"auth":"dTpw"}}}"#),
            sa.to_string(),
            pod(None, &[], Some("builder"), &["quay.io/t/a"]),
            pod(None, &["other"], Some("builder"), &["quay.io/t/a"]),
        ];
        let r = check(&files, false);
        // The ServiceAccount's own finding, once.
        assert_eq!(
            codes(&r[2][0]),
            [("pull-secret-not-found", Severity::Warning)]
        );
        let w = &r[3][0];
        assert_eq!(w.pull_secrets_from, "serviceAccount");
        assert_eq!(w.images[0].status, PullStatus::Credentials);
        assert_eq!(codes(w), [("image-pull-credential", Severity::Info)]);
        // The pod's own names replace the ServiceAccount's: the nearest miss says so.
        let w = &r[4][0];
        assert_eq!(w.images[0].status, PullStatus::Anonymous);
        assert!(
            w.images[0].reason.contains("replace the ServiceAccount's"),
            "{}",
            w.images[0].reason
        );
    }

    #[test]
    fn nearest_misses() {
        let team_a = r#"{"auths":{"quay.io/team-a":{"auth":"dTpw"}}}"#;
        let files = [
            secret("a", None, team_a),
            secret("b", None, r#"{"auths":{"ghcr.io":{"auth":"dTpw"}}}"#),
            pod(
                None,
                &["a"],
                None,
                &[
                    "quay.io/team-b/app",
                    "ghcr.io/o/x",
                    "docker.io/library/redis",
                ],
            ),
        ];
        let w = &check(&files, false)[2][0];
        let reasons: Vec<&str> = w.images.iter().map(|i| i.reason.as_str()).collect();
        assert!(reasons[0].contains("the key `quay.io/team-a` of the Secret `a` is for the same registry but does not cover `quay.io/team-b/app`"), "{}", reasons[0]);
        assert!(reasons[1].contains("the Secret `b` in this namespace has an entry for it, but the pod does not name it"), "{}", reasons[1]);
        assert!(
            reasons[2].ends_with("kubelet pulls it anonymously"),
            "{}",
            reasons[2]
        );
    }

    #[test]
    fn the_openshift_global_pull_secret_is_the_node_s() {
        let files = [
            secret(
                "pull-secret",
                Some("openshift-config"),
                r#"{"auths":{"registry.redhat.io":{"auth":"dTpw"}}}"#,
            ),
            pod(
                Some("apps"),
                &[],
                None,
                &["registry.redhat.io/ubi9/ubi", "quay.io/x/y"],
            ),
        ];
        let w = &check(&files, false)[1][0];
        assert_eq!(w.images[0].status, PullStatus::Node);
        assert_eq!(
            w.images[0].secret.as_deref(),
            Some("openshift-config/pull-secret")
        );
        assert_eq!(
            codes(w),
            [
                ("image-pull-credential", Severity::Info),
                ("anonymous-pull", Severity::Warning)
            ]
        );
        // Not offered as a nearest miss in another namespace.
        assert!(
            !w.images[1].reason.contains("openshift-config"),
            "{}",
            w.images[1].reason
        );
    }

    #[test]
    fn keys_of_all_secrets_are_searched_longest_path_first() {
        let files = [
            secret("host", None, QUAY),
            secret(
                "path",
                None,
                r#"{"auths":{"quay.io/team":{"auth":"dTpw"}}}"#,
            ),
            pod(None, &["host", "path"], None, &["quay.io/team/app"]),
        ];
        let i = &check(&files, false)[2][0].images[0];
        assert_eq!(
            (i.secret.as_deref(), i.rule, i.alternatives),
            (Some("path"), Some("path-prefix"), 1)
        );
    }

    #[test]
    fn sealed_invalid_and_unknown_accounts() {
        let sealed = "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: s\nspec:\n  template:\n    type: kubernetes.io/dockerconfigjson\n";
        let files = [
            sealed.to_string(),
            pod(None, &["s"], None, &["quay.io/Team/x", "quay.io/t/x"]),
            pod(None, &[], Some("robot"), &["nginx"]),
        ];
        let r = check(&files, false);
        let w = &r[1][0];
        assert_eq!(
            codes(w),
            [
                ("pull-secret-unverifiable", Severity::Info),
                ("invalid-image", Severity::Error)
            ]
        );
        assert_eq!(w.images[1].status, PullStatus::Unknown);
        assert_eq!(w.failing_pulls(), 1);
        assert_eq!(
            codes(&r[2][0]),
            [
                ("service-account-not-found", Severity::Info),
                ("anonymous-pull", Severity::Warning)
            ]
        );
    }

    #[test]
    fn one_reading_gives_what_two_give() {
        let opts = crate::rules::validate::ValidateOptions::default();
        let texts = [
            [secret("regcred", None, QUAY), pod(None, &["regcred"], None, &["quay.io/a/b"])].join("---\n"),
            String::from("kind: List\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{image: nginx}]}}\n"),
            String::from(r#"[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"image":"nginx"}]}}]"#),
            String::from("\u{feff}kind: Pod\nspec: {containers: [{image: nginx}]}\n"),
            String::from(r#"{"auths":{"q.io":{"auth":"dTpw"}}}"#),
            String::from("a: ["),
        ];
        for t in &texts {
            let (report, m) = validate_and_read(t, &opts);
            assert_eq!(
                report,
                crate::rules::validate::validate_with(t, &opts),
                "{t}"
            );
            let one = check_workloads(&[m], &RepositoryOptions::default());
            let two = check_workloads(&[Manifests::read(t)], &RepositoryOptions::default());
            assert_eq!(one, two, "{t}");
        }
    }

    #[test]
    fn hostile_text_reads_as_nothing_and_secrets_never_show() {
        let canary = "Canary-Pass-1234567";
        let auth = crate::go::base64::encode(format!("u:{canary}").as_bytes());
        let cfg = format!(r#"{{"auths":{{"quay.io/x":{{"auth":"{auth}"}}}}}}"#);
        let files = [
            secret("c", None, &cfg),
            pod(None, &["c"], None, &["quay.io/y/z", "quay.io/x/a"]),
            "[".repeat(5000),
            "- ".repeat(3000),
            String::from("\u{feff}kind: Pod\nspec: {containers: [{image: nginx}]}\n"),
        ];
        let r = check(&files, false);
        let out = serde_json::to_string(&r).unwrap() + &format!("{r:?}");
        assert!(!out.contains(canary) && !out.contains(&auth));
        assert_eq!(r[4][0].images[0].line, 2, "after a BOM");
        assert!(r[2].is_empty() && r[3].is_empty());
    }
}
