//! The objects of a manifest stream that decide an image pull, as data: workloads (where their
//! pod spec sits, its `imagePullSecrets`, ServiceAccount and container images), ServiceAccounts
//! and the Secrets, SealedSecrets, ExternalSecrets and kustomize `secretGenerator`s that provide
//! pull secrets.
//!
//! Why it exists: `validate` reads only what holds credentials; checking a repository asks what
//! every other object *refers to*. A GitOps repository is YAML streams, Kubernetes `List`s and
//! JSON arrays of objects, so this module walks every object of a text (as `input.rs` walks
//! pull Secrets: every document, every item of a `*List`, every item of a JSON array of
//! objects) and reads the few fields kubelet and the API server use, each with its span and
//! JSON pointer, so that a finding points at the line of the name or image it is about.
//!
//! Where the pod spec sits, by kind (the API types): `Pod` → `spec`; `Deployment`, `ReplicaSet`,
//! `StatefulSet`, `DaemonSet`, `Job`, `ReplicationController`, OpenShift `DeploymentConfig`,
//! Argo `Rollout` → `spec.template.spec`; `PodTemplate` → `template.spec`; `CronJob` →
//! `spec.jobTemplate.spec.template.spec`; any other kind with `spec.template.spec.containers`
//! (a custom resource that stamps out pods) → `spec.template.spec`. Argo Workflows
//! (`Workflow`, `WorkflowTemplate`, `ClusterWorkflowTemplate`; `CronWorkflow` under
//! `spec.workflowSpec`) keep `imagePullSecrets` and `serviceAccountName` in `spec` and the
//! images in each template's `container`, `script`, `initContainers`, `sidecars` and
//! `containerSet.containers`.
//!
//! May use: `syntax`, `model::input` (the walk's helpers and a Secret read as a pull secret),
//! `model::labels` (label key and value syntax, which a label selector must hold).

use crate::diagnostics::push_pointer_token;
use crate::model::input::{json_items, kubernetes_stream};
use crate::model::kustomize::Build;
use crate::model::labels;
use crate::syntax::json::{self, Span};
use crate::syntax::yaml::{self, YKind, YNode};
use crate::syntax::MAX_INPUT;

/// One object of a text, with its tree (spans in the body: after a byte-order mark).
pub(crate) struct Object {
    /// 0-based YAML document or value of a JSON stream (0 for one JSON value).
    pub document: usize,
    /// 0-based index in a `List`'s `items` or a JSON array.
    pub item: Option<usize>,
    pub node: YNode,
    /// `yaml` or `json`: how a Secret among the objects is read.
    pub syntax: &'static str,
}

/// The objects of `text` and the length of its byte-order mark. A text that is not YAML or
/// JSON objects (a config file, base64, a syntax error, above the size limit) has none:
/// `validate` says what it is.
pub(crate) fn objects(text: &str) -> (usize, Vec<Object>) {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let base = text.len() - body.len();
    let mut out = Vec::new();
    let trimmed = body.trim_start_matches([' ', '\t', '\r', '\n']);
    if text.len() > MAX_INPUT || trimmed.is_empty() {
        return (base, out);
    }
    if matches!(trimmed.as_bytes()[0], b'{' | b'[') {
        let values = match json::parse(body) {
            Ok(node) => vec![node],
            Err(e) if e.kind == json::SyntaxErrorKind::TrailingData => {
                match kubernetes_stream(body) {
                    Some(Ok(values)) => values,
                    _ => return (base, out),
                }
            }
            Err(_) => return (base, out),
        };
        for (document, node) in values.iter().enumerate() {
            match json_items(node) {
                Some(items) => out.extend(items.iter().enumerate().map(|(i, n)| Object {
                    document,
                    item: Some(i),
                    node: YNode::from_json(n),
                    syntax: "json",
                })),
                None => out.push(Object {
                    document,
                    item: None,
                    node: YNode::from_json(node),
                    syntax: "json",
                }),
            }
        }
        return (base, out);
    }
    let Ok(docs) = yaml::parse_stream(body) else {
        return (base, out);
    };
    (base, from_docs(docs))
}

/// The decoded text of a UTF-16 file (with a byte-order mark, ASCII only) that holds
/// Kubernetes objects (YAML, or JSON objects with a `kind`): kubectl and kustomize decode and
/// apply it, so every reader
/// of manifests reads it decoded, with [`crate::model::input::utf16_read_as_decoded`] to say
/// so. A UTF-16 config file stays unreadable: the clients read its bytes as UTF-8.
///
/// The line and column of every finding about such a text are in this decoded text (what an
/// editor shows); an error's byte `span` is in the text as given ([`utf16_span`]).
pub fn utf16_manifest(text: &str) -> Option<String> {
    let decoded = crate::model::input::utf16_decoded(text)?;
    let trimmed = decoded.trim_start_matches([' ', '\t', '\r', '\n']);
    let manifest = match trimmed.as_bytes().first() {
        None => false,
        // JSON: a config file or objects (its own parse, as fast as the reading that follows).
        Some(b'{' | b'[') => objects(&decoded)
            .1
            .iter()
            .any(|o| o.node.get("kind").and_then(YNode::as_str).is_some()),
        // YAML is a manifest (no client reads a config written in YAML); base64 is a config.
        Some(_) => !crate::model::input::looks_like_base64(trimmed),
    };
    manifest.then_some(decoded)
}

/// `read` of `text`, decoded when it is a UTF-16 manifest ([`utf16_manifest`]), as kubectl
/// reads it: an error's position is in the decoded text, its byte span in the text as given.
pub(crate) fn read_decoded<T>(
    text: &str,
    read: impl FnOnce(&str) -> Result<T, crate::diagnostics::Error>,
) -> Result<T, crate::diagnostics::Error> {
    match utf16_manifest(text) {
        Some(decoded) => read(&decoded).map_err(|mut e| {
            e.span = e.span.map(|s| utf16_span(text, s));
            e
        }),
        None => read(text),
    }
}

/// The bytes of `text`, a UTF-16 text read as UTF-8 that [`utf16_manifest`] decoded, that hold
/// the decoded bytes `span`: each decoded (ASCII) character is two bytes there, one of them
/// NUL, after the byte-order mark as read (two U+FFFD, or U+FEFF).
fn utf16_span(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 6 };
    bom + 2 * span.start..bom + 2 * span.end
}

/// The objects of the documents of a YAML stream (every document; every item of a `*List`).
pub(crate) fn from_docs(docs: Vec<YNode>) -> Vec<Object> {
    let mut out = Vec::new();
    for (document, d) in docs.into_iter().enumerate() {
        let list = d
            .get("kind")
            .and_then(YNode::as_str)
            .is_some_and(|k| k.ends_with("List"));
        match d.kind {
            YKind::Map(entries) if list => {
                let items = entries.into_iter().rev().find(|e| e.key == "items");
                if let Some(YKind::Seq(items)) = items.map(|e| e.value.kind) {
                    out.extend(items.into_iter().enumerate().map(|(i, node)| Object {
                        document,
                        item: Some(i),
                        node,
                        syntax: "yaml",
                    }));
                }
            }
            kind @ YKind::Map(_) => out.push(Object {
                document,
                item: None,
                node: YNode { span: d.span, kind },
                syntax: "yaml",
            }),
            _ => {}
        }
    }
    out
}

/// A name and where it is written: an `imagePullSecrets` item, a `serviceAccountName`.
#[derive(Clone, Debug)]
pub(crate) struct NameRef {
    pub name: String,
    pub span: Span,
    pub pointer: String,
}

/// Where a container's image is.
#[derive(Clone, Debug)]
pub(crate) struct ContainerImage {
    /// `containers`, `initContainers`, `ephemeralContainers`; Argo's `container`, `script`,
    /// `sidecars`, `containerSet`.
    pub section: &'static str,
    /// The container's `name`, or the Argo template's.
    pub container: Option<String>,
    pub image: String,
    pub span: Span,
    pub pointer: String,
}

/// What a pod spec says about pulling.
#[derive(Clone, Debug, Default)]
pub(crate) struct PodSpec {
    /// `serviceAccountName` (or the deprecated `serviceAccount`), when written.
    pub service_account: Option<NameRef>,
    /// `imagePullSecrets[*].name`, in order (empty names left out, as kubelet skips them).
    pub pull_secrets: Vec<NameRef>,
    pub images: Vec<ContainerImage>,
}

/// What makes a Secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Provider {
    Secret,
    /// A Secret encrypted in place with SOPS (decrypted by Flux or a plug-in when applied).
    SopsSecret,
    SealedSecret,
    ExternalSecret,
    /// An External Secrets Operator `ClusterExternalSecret`: an `ExternalSecret` in every
    /// namespace its selectors choose.
    ClusterExternalSecret,
    /// A kustomize `secretGenerator` item: a Secret built from files or literals when the
    /// kustomization is built (`kustomize build`, `kubectl apply -k`, Argo CD, Flux).
    SecretGenerator,
}

impl Provider {
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Secret => "Secret",
            Provider::SopsSecret => "SOPS-encrypted Secret",
            Provider::SealedSecret => "SealedSecret",
            Provider::ExternalSecret => "ExternalSecret",
            Provider::ClusterExternalSecret => "ClusterExternalSecret",
            Provider::SecretGenerator => "kustomize secretGenerator",
        }
    }
}

/// What an object is, for the repository check.
#[derive(Debug)]
pub(crate) enum Role {
    /// A `v1` Secret: its type (`Opaque` when absent, as the API server defaults it).
    Secret {
        secret_type: String,
        /// It holds a config or has a pull-secret type (read as a pull secret).
        pull: bool,
    },
    /// The Secret a controller will make: a Bitnami SealedSecret's (`spec.template`: its
    /// `metadata.name` and `namespace`, else the SealedSecret's; its `type`, else `Opaque`), an
    /// External Secrets Operator `ExternalSecret`'s (`spec.target.name`, else its own name, in
    /// its namespace; `spec.target.template.type`, else `Opaque`).
    ///
    /// An External Secrets Operator `ClusterExternalSecret` makes one in each namespace it
    /// chooses (`chooses`; `getTargetNamespaces` in its controller): an `ExternalSecret` named
    /// `spec.externalSecretName` (else the object's name) with `spec.externalSecretSpec`, so
    /// the Secret is `target.name`, else that name; `target.template.type`, else `Opaque`.
    ///
    /// An External Secrets Operator `target.creationPolicy` of `Merge` or `None` makes no
    /// Secret (`creates`).
    Made {
        by: Provider,
        name: Option<String>,
        namespace: Option<String>,
        secret_type: String,
        chooses: Option<Namespaces>,
        creates: Creation,
    },
    /// A kustomization (`kind: Kustomization` or `Component`, or no `kind` and a
    /// `secretGenerator`, patches or resources): the Secrets its `secretGenerator` makes, the
    /// files its patches are read from (relative to it), and what it builds from.
    Kustomization {
        secrets: Vec<Generated>,
        patches: Vec<String>,
        build: Build,
    },
    /// A `Namespace`: its labels (what a `ClusterExternalSecret` chooses it by).
    Namespace {
        labels: Vec<(String, String)>,
    },
    ServiceAccount {
        pull_secrets: Vec<NameRef>,
    },
    Workload(PodSpec),
    Other,
}

/// A Secret a kustomize `secretGenerator` item makes (kustomize's `SecretArgs`): its name
/// (before the content hash kustomize appends, which it also writes into the references of the
/// same build), its namespace (the kustomization's `namespace`, which overrides the item's), its
/// `type` (`Opaque` when absent) and where its data comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Generated {
    pub(crate) name: String,
    pub(crate) namespace: Option<String>,
    pub(crate) secret_type: String,
    /// The files its data is read from (`files`, `envs`, `env` paths; `literals` as
    /// `literal KEY`): never a value, which may be a credential.
    pub(crate) sources: Vec<String>,
}

impl Generated {
    /// The items of a kustomization's `secretGenerator`, the kustomization's `namespace`
    /// being `namespace`. An item that `merge`s into or `replace`s a base's Secret without a
    /// `type` keeps the base's, so it makes none here.
    fn read(kustomization: &YNode, namespace: Option<&str>) -> Vec<Generated> {
        let text = |n: &YNode, k: &str| n.get(k).and_then(YNode::as_str).map(String::from);
        let Some(YKind::Seq(items)) = kustomization.get("secretGenerator").map(|n| &n.kind) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| {
                let name = text(item, "name")?;
                let secret_type = text(item, "type");
                let behavior = text(item, "behavior");
                if secret_type.is_none() && matches!(behavior.as_deref(), Some("merge" | "replace"))
                {
                    return None;
                }
                let mut sources: Vec<String> = string_items(item.get("files"))
                    .map(|f| f.split_once('=').map_or(f, |(_, path)| path).to_string())
                    .collect();
                sources.extend(string_items(item.get("envs")).map(String::from));
                sources.extend(text(item, "env"));
                sources.extend(
                    string_items(item.get("literals")).map(|l| {
                        format!("literal {}", l.split_once('=').map_or("", |(key, _)| key))
                    }),
                );
                Some(Generated {
                    name,
                    namespace: namespace
                        .map(String::from)
                        .or_else(|| text(item, "namespace")),
                    secret_type: secret_type.unwrap_or_else(|| "Opaque".into()),
                    sources,
                })
            })
            .collect()
    }
}

/// A kustomization's role: its build, the Secrets its `secretGenerator` makes (in the build's
/// `namespace`, read once) and its patch files.
fn kustomization(node: &YNode) -> Role {
    let build = Build::read(node);
    Role::Kustomization {
        secrets: Generated::read(node, build.namespace.as_deref()),
        patches: patch_files(node),
        build,
    }
}

/// The files a kustomization reads patches from, as written (relative to its directory):
/// `patches` and `patchesJson6902` items' `path`, and `patchesStrategicMerge` items that are
/// paths (an item may also be the patch itself, inline). A patch is part of an object that
/// kustomize merges into a resource of the build, not an object of its own.
fn patch_files(kustomization: &YNode) -> Vec<String> {
    let paths = ["patches", "patchesJson6902"].into_iter().flat_map(|k| {
        let items = kustomization.get(k).map_or(&[][..], YNode::items);
        items
            .iter()
            .filter_map(|i| i.get("path").and_then(YNode::as_str))
    });
    let merges =
        string_items(kustomization.get("patchesStrategicMerge")).filter(|p| !p.contains('\n'));
    paths.chain(merges).map(String::from).collect()
}

/// The strings of a sequence (`[a, b]`); nothing for anything else. Items that are not strings
/// are skipped, as a typed client would refuse them.
fn string_items(node: Option<&YNode>) -> impl Iterator<Item = &str> + Clone {
    node.into_iter().flat_map(YNode::strings)
}

/// Whether a controller makes the Secret it names: an External Secrets Operator
/// `target.creationPolicy` (`ExternalSecretCreationPolicy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Creation {
    /// `Owner` (the default), `Orphan`, `CreateOrMerge`; always for a SealedSecret.
    Makes,
    /// `Merge`: no Secret is made; the data is written into one that must already exist.
    Merges,
    /// `None`: no Secret is made.
    MakesNothing,
}

impl Creation {
    /// The `creationPolicy` of an `ExternalSecret` target (`spec.target`, or a
    /// `ClusterExternalSecret`'s `spec.externalSecretSpec.target`).
    fn of(target: Option<&YNode>) -> Creation {
        match target
            .and_then(|t| t.get("creationPolicy"))
            .and_then(YNode::as_str)
        {
            Some("Merge") => Creation::Merges,
            Some("None") => Creation::MakesNothing,
            _ => Creation::Makes,
        }
    }

    /// For a policy that makes no Secret: its name and what it does instead, for messages.
    pub(crate) fn instead(self) -> Option<(&'static str, &'static str)> {
        match self {
            Creation::Makes => None,
            Creation::Merges => Some(("Merge", "it only writes into one that already exists")),
            Creation::MakesNothing => Some(("None", "it leaves the Secret to something else")),
        }
    }
}

/// The namespaces a `ClusterExternalSecret` chooses: the union of `namespaceSelector`
/// (deprecated), `namespaces` (each a selector on the `kubernetes.io/metadata.name` label, which
/// the API server gives every namespace) and `namespaceSelectors`, as its controller's
/// `getTargetNamespaces` builds it. None at all when a selector cannot be converted
/// (`LabelSelectorAsSelector` fails: an unknown operator, `In` without values, `Exists` with
/// some): the controller then makes no `ExternalSecret` at all.
///
/// The namespaces chosen by name alone (`namespaces`, or a selector that is only
/// `kubernetes.io/metadata.name In [...]`) are kept apart, so a repository check finds them with
/// one hash lookup however many there are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Namespaces {
    /// Chosen by name.
    pub(crate) named: Vec<String>,
    /// The other selectors.
    selectors: Vec<Selector>,
}

/// A `metav1.LabelSelector`: every requirement must hold. An empty one chooses every namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Selector(Vec<Requirement>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Requirement {
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    DoesNotExist(String),
}

/// Whether a selector chooses a namespace, when only some of its labels may be known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chosen {
    Yes,
    No,
    /// It depends on labels the files do not show.
    Unknown,
}

/// The label the API server puts on every namespace, with its name.
const NAME_LABEL: &str = "kubernetes.io/metadata.name";

impl Namespaces {
    fn read(spec: Option<&YNode>) -> Namespaces {
        let mut out = Namespaces::default();
        let Some(spec) = spec else { return out };
        let mut selectors = Vec::new();
        if let Some(s) = spec.get("namespaceSelector").filter(|s| !s.is_null()) {
            selectors.push(s);
        }
        if let Some(YKind::Seq(list)) = spec.get("namespaceSelectors").map(|n| &n.kind) {
            // A null item is `labels.Nothing()`: it chooses no namespace.
            selectors.extend(list.iter().filter(|s| !s.is_null()));
        }
        for s in selectors {
            match Selector::read(s) {
                Some(Selector(r)) => match r.as_slice() {
                    [Requirement::In(k, names)] if k == NAME_LABEL => {
                        out.named.extend(names.iter().cloned())
                    }
                    _ => out.selectors.push(Selector(r)),
                },
                // The controller's `getTargetNamespaces` fails: no ExternalSecret anywhere.
                None => return Namespaces::default(),
            }
        }
        // Each is a `matchLabels` selector on the name label: a name that is not a label value
        // fails its conversion, and with it the whole list.
        let names = string_items(spec.get("namespaces"));
        if !names.clone().all(labels::is_label_value) {
            return Namespaces::default();
        }
        out.named.extend(names.map(String::from));
        out
    }

    /// Whether it has selectors besides the names.
    pub(crate) fn has_selectors(&self) -> bool {
        !self.selectors.is_empty()
    }

    /// The size of its selectors (requirements and values): what a repository check's budget
    /// of selector work grows with.
    pub(crate) fn size(&self) -> usize {
        self.selectors.iter().map(|s| 1 + s.cost(0)).sum()
    }

    /// Whether namespace `name` is chosen; `labels` are its labels when a `Namespace` in the
    /// files shows them (else only its name label is known).
    #[cfg(test)]
    pub(crate) fn choose(&self, name: &str, labels: Option<&[(String, String)]>) -> Chosen {
        if self.named.iter().any(|n| n == name) {
            return Chosen::Yes;
        }
        self.choose_by_selectors(name, labels, &mut usize::MAX.clone())
    }

    /// [`Namespaces::choose`] by the selectors alone (the names are looked up apart), within
    /// `budget` units of work (a requirement, each of its values, each label looked through):
    /// when the budget runs out it is 0 and the answer `Unknown`, so that a hostile repository of many
    /// selectors and many namespaces is checked in time linear in its size.
    pub(crate) fn choose_by_selectors(
        &self,
        name: &str,
        labels: Option<&[(String, String)]>,
        budget: &mut usize,
    ) -> Chosen {
        let mut any = Chosen::No;
        for s in &self.selectors {
            let cost = s.cost(labels.map_or(0, <[_]>::len));
            if cost > *budget {
                *budget = 0;
                return Chosen::Unknown;
            }
            *budget -= cost;
            match s.choose(name, labels) {
                Chosen::Yes => return Chosen::Yes,
                Chosen::Unknown => any = Chosen::Unknown,
                Chosen::No => {}
            }
        }
        any
    }
}

impl Selector {
    /// Reads a selector as `metav1.LabelSelectorAsSelector` converts it; `None` where that
    /// fails (`labels.NewRequirement`): an unknown operator, `In`/`NotIn` without values,
    /// `Exists`/`DoesNotExist` with some, a key that is not a qualified name, a value that is
    /// not a label value.
    fn read(node: &YNode) -> Option<Selector> {
        let selector = Selector::read_requirements(node)?;
        let valid = selector.0.iter().all(|r| match r {
            Requirement::In(k, vs) | Requirement::NotIn(k, vs) => {
                labels::is_qualified_name(k) && vs.iter().all(|v| labels::is_label_value(v))
            }
            Requirement::Exists(k) | Requirement::DoesNotExist(k) => labels::is_qualified_name(k),
        });
        valid.then_some(selector)
    }

    fn read_requirements(node: &YNode) -> Option<Selector> {
        let mut reqs = Vec::new();
        for e in node.get("matchLabels").map_or(&[][..], YNode::entries) {
            reqs.push(Requirement::In(
                e.key.clone(),
                vec![e.value.as_str().unwrap_or("").into()],
            ));
        }
        if let Some(YKind::Seq(exprs)) = node.get("matchExpressions").map(|n| &n.kind) {
            for x in exprs {
                let key = x
                    .get("key")
                    .and_then(YNode::as_str)
                    .unwrap_or("")
                    .to_string();
                let values: Vec<String> = string_items(x.get("values")).map(String::from).collect();
                let op = x.get("operator").and_then(YNode::as_str).unwrap_or("");
                reqs.push(match (op, values.is_empty()) {
                    ("In", false) => Requirement::In(key, values),
                    ("NotIn", false) => Requirement::NotIn(key, values),
                    ("Exists", true) => Requirement::Exists(key),
                    ("DoesNotExist", true) => Requirement::DoesNotExist(key),
                    _ => return None,
                });
            }
        }
        Some(Selector(reqs))
    }

    /// The work [`Selector::choose`] does with `labels` labels to look through.
    fn cost(&self, labels: usize) -> usize {
        self.0
            .iter()
            .map(|r| match r {
                Requirement::In(_, v) | Requirement::NotIn(_, v) => 1 + v.len() + labels,
                Requirement::Exists(_) | Requirement::DoesNotExist(_) => 1 + labels,
            })
            .sum()
    }

    fn choose(&self, name: &str, labels: Option<&[(String, String)]>) -> Chosen {
        // The value of `key` on the namespace: `Ok(Some)`, `Ok(None)` (no such label) or
        // `Err(())` (unknown: the namespace is not in the files).
        let value = |key: &str| -> Result<Option<&str>, ()> {
            if key == NAME_LABEL {
                return Ok(Some(name));
            }
            let labels = labels.ok_or(())?;
            Ok(labels
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()))
        };
        let mut all = Chosen::Yes;
        for r in &self.0 {
            let holds = match r {
                Requirement::In(k, vs) => {
                    value(k).map(|v| v.is_some_and(|v| vs.iter().any(|x| x == v)))
                }
                Requirement::NotIn(k, vs) => {
                    value(k).map(|v| !v.is_some_and(|v| vs.iter().any(|x| x == v)))
                }
                Requirement::Exists(k) => value(k).map(|v| v.is_some()),
                Requirement::DoesNotExist(k) => value(k).map(|v| v.is_none()),
            };
            match holds {
                Ok(false) => return Chosen::No,
                Err(()) => all = Chosen::Unknown,
                Ok(true) => {}
            }
        }
        all
    }
}

/// Reads what `node` is (see the module comment for where each kind keeps its pod spec).
pub(crate) fn role(node: &YNode) -> Role {
    let kind = node.get("kind").and_then(YNode::as_str).unwrap_or("");
    let api = node.get("apiVersion").and_then(YNode::as_str).unwrap_or("");
    let at = |path: &[&str]| path_get(node, path);
    let text = |path: &[&str]| at(path).and_then(YNode::as_str).map(String::from);
    match kind {
        "Secret" if api == "v1" || api.is_empty() => Role::Secret {
            secret_type: text(&["type"]).unwrap_or_else(|| "Opaque".into()),
            pull: crate::model::input::is_pull_secret(node),
        },
        "SealedSecret" if api.starts_with("bitnami.com/") => Role::Made {
            by: Provider::SealedSecret,
            name: text(&["spec", "template", "metadata", "name"]),
            namespace: text(&["spec", "template", "metadata", "namespace"]),
            secret_type: text(&["spec", "template", "type"]).unwrap_or_else(|| "Opaque".into()),
            chooses: None,
            creates: Creation::Makes,
        },
        "ExternalSecret" if api.starts_with("external-secrets.io/") => Role::Made {
            by: Provider::ExternalSecret,
            name: text(&["spec", "target", "name"]),
            namespace: None,
            secret_type: text(&["spec", "target", "template", "type"])
                .unwrap_or_else(|| "Opaque".into()),
            chooses: None,
            creates: Creation::of(at(&["spec", "target"])),
        },
        "ClusterExternalSecret" if api.starts_with("external-secrets.io/") => Role::Made {
            by: Provider::ClusterExternalSecret,
            namespace: None,
            name: text(&["spec", "externalSecretSpec", "target", "name"])
                .or_else(|| text(&["spec", "externalSecretName"])),
            secret_type: text(&["spec", "externalSecretSpec", "target", "template", "type"])
                .unwrap_or_else(|| "Opaque".into()),
            chooses: Some(Namespaces::read(node.get("spec"))),
            creates: Creation::of(at(&["spec", "externalSecretSpec", "target"])),
        },
        // A kustomize Component (`kind: Component`) generates into whatever includes it.
        "Kustomization" | "Component" if api.starts_with("kustomize.config.k8s.io/") => {
            kustomization(node)
        }
        "" if ["secretGenerator", "patches", "patchesStrategicMerge"]
            .iter()
            .any(|k| node.get(k).is_some())
            || Build::KEYS
                .iter()
                .any(|k| string_items(node.get(k)).next().is_some()) =>
        {
            kustomization(node)
        }
        "Namespace" if api == "v1" => Role::Namespace {
            labels: path_get(node, &["metadata", "labels"])
                .map(|l| {
                    l.entries()
                        .iter()
                        .filter_map(|e| Some((e.key.clone(), e.value.as_str()?.to_string())))
                        .collect()
                })
                .unwrap_or_default(),
        },
        "ServiceAccount" => Role::ServiceAccount {
            pull_secrets: name_list(node.get("imagePullSecrets"), "/imagePullSecrets"),
        },
        "Pod" => pod(node, &["spec"]),
        "Deployment"
        | "ReplicaSet"
        | "StatefulSet"
        | "DaemonSet"
        | "Job"
        | "ReplicationController"
        | "DeploymentConfig"
        | "Rollout" => pod(node, &["spec", "template", "spec"]),
        "PodTemplate" => pod(node, &["template", "spec"]),
        "CronJob" => pod(node, &["spec", "jobTemplate", "spec", "template", "spec"]),
        "Workflow" | "WorkflowTemplate" | "ClusterWorkflowTemplate"
            if api.starts_with("argoproj.io/") =>
        {
            argo(node, &["spec"])
        }
        "CronWorkflow" if api.starts_with("argoproj.io/") => argo(node, &["spec", "workflowSpec"]),
        _ if matches!(
            at(&["spec", "template", "spec", "containers"]).map(|n| &n.kind),
            Some(YKind::Seq(_))
        ) =>
        {
            pod(node, &["spec", "template", "spec"])
        }
        _ => Role::Other,
    }
}

/// The node at `path` (mapping keys).
pub(crate) fn path_get<'n>(node: &'n YNode, path: &[&str]) -> Option<&'n YNode> {
    path.iter().try_fold(node, |n, k| n.get(k))
}

fn pointer_of(path: &[&str]) -> String {
    let mut p = String::new();
    for t in path {
        push_pointer_token(&mut p, t);
    }
    p
}

/// `[{name: …}, …]` at `pointer`: the non-empty names with their spans.
fn name_list(list: Option<&YNode>, pointer: &str) -> Vec<NameRef> {
    let Some(YKind::Seq(items)) = list.map(|n| &n.kind) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let n = item.get("name")?;
            let name = n.as_str().filter(|s| !s.is_empty())?;
            Some(NameRef {
                name: name.into(),
                span: n.span,
                pointer: format!("{pointer}/{i}/name"),
            })
        })
        .collect()
}

/// The pull-related fields of the pod spec mapping `spec` at `pointer`.
fn pod_fields(spec: &YNode, pointer: &str) -> PodSpec {
    let account = ["serviceAccountName", "serviceAccount"]
        .iter()
        .find_map(|k| {
            let n = spec.get(k)?;
            let name = n.as_str().filter(|s| !s.is_empty())?;
            Some(NameRef {
                name: name.into(),
                span: n.span,
                pointer: format!("{pointer}/{k}"),
            })
        });
    PodSpec {
        service_account: account,
        pull_secrets: name_list(
            spec.get("imagePullSecrets"),
            &format!("{pointer}/imagePullSecrets"),
        ),
        images: Vec::new(),
    }
}

/// A container mapping's image, when it has a non-empty one (an OpenShift DeploymentConfig
/// leaves it empty for an image-change trigger to fill in).
fn image_of(
    c: &YNode,
    section: &'static str,
    container: Option<String>,
    pointer: String,
) -> Option<ContainerImage> {
    let n = c.get("image")?;
    let image = n.as_str().map(str::trim).filter(|s| !s.is_empty())?;
    Some(ContainerImage {
        section,
        container: container.or_else(|| c.get("name").and_then(YNode::as_str).map(String::from)),
        image: image.into(),
        span: n.span,
        pointer: format!("{pointer}/image"),
    })
}

/// The images of the container list `section` of `spec`.
fn containers(spec: &YNode, section: &'static str, pointer: &str, out: &mut Vec<ContainerImage>) {
    if let Some(YKind::Seq(items)) = spec.get(section).map(|n| &n.kind) {
        for (i, c) in items.iter().enumerate() {
            out.extend(image_of(
                c,
                section,
                None,
                format!("{pointer}/{section}/{i}"),
            ));
        }
    }
}

fn pod(node: &YNode, path: &[&str]) -> Role {
    let Some(spec) = path_get(node, path) else {
        return Role::Other;
    };
    let pointer = pointer_of(path);
    let mut p = pod_fields(spec, &pointer);
    for section in ["initContainers", "containers", "ephemeralContainers"] {
        containers(spec, section, &pointer, &mut p.images);
    }
    Role::Workload(p)
}

fn argo(node: &YNode, path: &[&str]) -> Role {
    let Some(spec) = path_get(node, path) else {
        return Role::Other;
    };
    let pointer = pointer_of(path);
    let mut p = pod_fields(spec, &pointer);
    if let Some(YKind::Seq(templates)) = spec.get("templates").map(|n| &n.kind) {
        for (i, t) in templates.iter().enumerate() {
            let tp = format!("{pointer}/templates/{i}");
            let name = t.get("name").and_then(YNode::as_str).map(String::from);
            for single in ["container", "script"] {
                if let Some(c) = t.get(single) {
                    p.images
                        .extend(image_of(c, single, name.clone(), format!("{tp}/{single}")));
                }
            }
            containers(t, "initContainers", &tp, &mut p.images);
            containers(t, "sidecars", &tp, &mut p.images);
            if let Some(set) = t.get("containerSet") {
                let sp = format!("{tp}/containerSet");
                let mut set_images = Vec::new();
                containers(set, "containers", &sp, &mut set_images);
                p.images.extend(set_images.into_iter().map(|mut c| {
                    c.section = "containerSet";
                    c
                }));
            }
        }
    }
    Role::Workload(p)
}

/// `metadata.name` and `metadata.namespace` of an object.
pub(crate) fn name_and_namespace(node: &YNode) -> (Option<String>, Option<String>) {
    let meta = |k: &str| {
        path_get(node, &["metadata", k])
            .and_then(YNode::as_str)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    (meta("name"), meta("namespace"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<Role> {
        objects(text).1.iter().map(|o| role(&o.node)).collect()
    }

    /// A UTF-16 file with its byte-order mark, read as UTF-8.
    fn as_read(text: &str, little_endian: bool) -> String {
        crate::model::input::utf16_as_read(text, "\u{fffd}\u{fffd}", little_endian)
    }

    #[test]
    fn utf16_manifests_are_decoded_utf16_configs_are_not() {
        let secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n";
        for le in [true, false] {
            assert_eq!(
                utf16_manifest(&as_read(secret, le)).as_deref(),
                Some(secret)
            );
        }
        let json = r#"{"kind":"Secret","apiVersion":"v1"}"#;
        assert_eq!(utf16_manifest(&as_read(json, true)).as_deref(), Some(json));
        // A JavaScript string decoded with its byte-order mark as U+FEFF.
        let feff = crate::model::input::utf16_as_read(secret, "\u{feff}", true);
        assert_eq!(utf16_manifest(&feff).as_deref(), Some(secret));
        // A config file: the clients read its bytes, and fail.
        assert_eq!(utf16_manifest(&as_read(r#"{"auths":{}}"#, true)), None);
        // Without the byte-order mark go-yaml fails on the NULs too.
        assert_eq!(utf16_manifest(&as_read(secret, true)[6..]), None);
        // A character outside ASCII was lost in the reading (U+FFFD): not decoded.
        let lost = as_read("apiVersion: v1\nkind: Secret # \u{fffd}\n", true);
        assert_eq!(utf16_manifest(&lost), None);
        // An odd number of characters, or a NUL where a character belongs.
        assert_eq!(utf16_manifest(&format!("{}x", as_read(secret, true))), None);
        assert_eq!(utf16_manifest(&as_read("kind: a\0", true)), None);
        // UTF-8 text is never taken for UTF-16.
        assert_eq!(utf16_manifest(secret), None);
    }

    /// An error about a decoded UTF-16 manifest: its position as an editor shows the file, its
    /// span over the bytes of the text as given that hold the decoded ones.
    #[test]
    fn errors_in_a_utf16_manifest_point_at_both_texts() {
        let text = "apiVersion: v1\r\nkind: Secret\r\ndata: {a: [}\r\n";
        for le in [true, false] {
            let given = as_read(text, le);
            let e = crate::model::document::parse(&given).unwrap_err();
            let p = e.position.unwrap();
            assert_eq!((p.line, p.column), (3, 12), "{}", e.message);
            let span = e.span.unwrap();
            let at = given[span.start..].chars().find(|&c| c != '\0');
            assert_eq!(at, Some('}'), "{span:?}");
        }
    }

    #[test]
    fn reads_every_kind_where_its_pod_spec_sits() {
        let text = "\
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: runner
          imagePullSecrets: [{name: a}, {name: ''}, {name: b}]
          initContainers: [{name: init, image: quay.io/t/init:1}]
          containers: [{name: main, image: 'quay.io/t/app@sha256:0123456789abcdef0123456789abcdef'}, {name: dc}]
---
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
spec:
  workflowSpec:
    imagePullSecrets: [{name: argo}]
    templates:
    - name: step
      container: {image: ghcr.io/o/step}
    - name: set
      containerSet: {containers: [{name: x, image: ghcr.io/o/x}]}
---
kind: List
items:
- {apiVersion: v1, kind: ServiceAccount, metadata: {name: runner}, imagePullSecrets: [{name: sa}]}
- {apiVersion: example.com/v1, kind: Thing, spec: {template: {spec: {containers: [{image: nginx}]}}}}
- {apiVersion: v1, kind: ConfigMap}
";
        let r = roles(text);
        assert_eq!(r.len(), 5);
        let Role::Workload(p) = &r[0] else {
            panic!("{:?}", r[0])
        };
        assert_eq!(p.service_account.as_ref().unwrap().name, "runner");
        let names: Vec<_> = p.pull_secrets.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(
            p.pull_secrets[1].pointer,
            "/spec/jobTemplate/spec/template/spec/imagePullSecrets/2/name"
        );
        let images: Vec<_> = p
            .images
            .iter()
            .map(|i| (i.section, i.image.as_str()))
            .collect();
        assert_eq!(
            images,
            [
                ("initContainers", "quay.io/t/init:1"),
                (
                    "containers",
                    "quay.io/t/app@sha256:0123456789abcdef0123456789abcdef"
                )
            ]
        );
        assert_eq!(
            &text[p.images[0].span.start..p.images[0].span.end],
            "quay.io/t/init:1"
        );
        let Role::Workload(p) = &r[1] else { panic!() };
        assert_eq!(p.pull_secrets[0].name, "argo");
        let images: Vec<_> = p
            .images
            .iter()
            .map(|i| (i.section, i.container.as_deref(), i.pointer.as_str()))
            .collect();
        assert_eq!(
            images,
            [
                (
                    "container",
                    Some("step"),
                    "/spec/workflowSpec/templates/0/container/image"
                ),
                (
                    "containerSet",
                    Some("x"),
                    "/spec/workflowSpec/templates/1/containerSet/containers/0/image"
                )
            ]
        );
        assert!(
            matches!(&r[2], Role::ServiceAccount { pull_secrets } if pull_secrets[0].name == "sa")
        );
        assert!(matches!(&r[3], Role::Workload(p) if p.images[0].image == "nginx"));
        assert!(matches!(r[4], Role::Other));
    }

    #[test]
    fn reads_json_arrays_and_providers() {
        let text = r#"[{"apiVersion":"bitnami.com/v1alpha1","kind":"SealedSecret","metadata":{"name":"s"},"spec":{"template":{"type":"kubernetes.io/dockerconfigjson"}}},
 {"apiVersion":"external-secrets.io/v1beta1","kind":"ExternalSecret","metadata":{"name":"e"},"spec":{"target":{"name":"made"}}},
 {"apiVersion":"v1","kind":"Secret","metadata":{"name":"o"}}]"#;
        let r = roles(text);
        assert!(
            matches!(&r[0], Role::Made { by: Provider::SealedSecret, name: None, secret_type, .. } if secret_type == "kubernetes.io/dockerconfigjson")
        );
        assert!(
            matches!(&r[1], Role::Made { by: Provider::ExternalSecret, name: Some(n), secret_type, .. } if n == "made" && secret_type == "Opaque")
        );
        assert!(
            matches!(&r[2], Role::Secret { secret_type, pull: false } if secret_type == "Opaque")
        );
    }

    #[test]
    fn text_without_objects_has_none() {
        for t in ["", "{\"auths\":{}}x", "a: [", "eyJhdXRocyI6e319"] {
            let (_, objs) = objects(t);
            assert!(
                objs.iter().all(|o| matches!(role(&o.node), Role::Other)),
                "{t}"
            );
        }
    }

    /// A ClusterExternalSecret's namespaces, as its controller's `getTargetNamespaces` chooses
    /// them: `namespaceSelector`, `namespaces` and `namespaceSelectors` ORed, each selector's
    /// requirements ANDed, the name label known for every namespace, other labels only for
    /// the `Namespace` objects the files hold.
    #[test]
    fn cluster_external_secret_namespaces() {
        let ces = |spec: &str| {
            let text = format!("apiVersion: external-secrets.io/v1\nkind: ClusterExternalSecret\nmetadata:\n  name: ces\nspec:\n{spec}");
            match roles(&text).pop() {
                Some(Role::Made {
                    name,
                    secret_type,
                    chooses: Some(namespaces),
                    ..
                }) => (name, secret_type, namespaces),
                r => panic!("{r:?}"),
            }
        };
        let team: &[(String, String)] =
            &[("team".into(), "a".into()), ("tier".into(), "web".into())];
        let bare: &[(String, String)] = &[];
        use Chosen::*;

        // The Secret's name: target.name, else externalSecretName (else the object's, in
        // workloads); its type: the template's, else Opaque.
        let (name, ty, ns) = ces("  externalSecretName: es\n  externalSecretSpec:\n    target:\n      template:\n        type: kubernetes.io/dockerconfigjson\n  namespaces: [apps, web]\n");
        assert_eq!(
            (name.as_deref(), ty.as_str()),
            (Some("es"), "kubernetes.io/dockerconfigjson")
        );
        assert_eq!(ns.choose("apps", None), Yes);
        assert_eq!(ns.choose("web", Some(bare)), Yes);
        assert_eq!(ns.choose("other", None), No);
        let (name, ty, _) =
            ces("  externalSecretName: es\n  externalSecretSpec:\n    target:\n      name: pull\n");
        assert_eq!((name.as_deref(), ty.as_str()), (Some("pull"), "Opaque"));

        // Labels: known for a Namespace in the files, unknown otherwise.
        let (_, _, ns) = ces("  namespaceSelectors:\n  - matchLabels: {team: a}\n");
        assert_eq!(ns.choose("x", Some(team)), Yes);
        assert_eq!(ns.choose("x", Some(bare)), No);
        assert_eq!(ns.choose("x", None), Unknown);
        // matchExpressions, ANDed with matchLabels; a failed requirement settles it even
        // when another is unknown.
        let (_, _, ns) = ces("  namespaceSelector:\n    matchLabels: {team: a}\n    matchExpressions:\n    - {key: tier, operator: NotIn, values: [db]}\n    - {key: kubernetes.io/metadata.name, operator: In, values: [x, y]}\n");
        assert_eq!(ns.choose("x", Some(team)), Yes);
        assert_eq!(ns.choose("z", None), No);
        assert_eq!(ns.choose("y", None), Unknown);
        let (_, _, ns) = ces("  namespaceSelectors:\n  - matchExpressions: [{key: team, operator: Exists}]\n  - matchExpressions: [{key: kubernetes.io/metadata.name, operator: DoesNotExist}]\n");
        assert_eq!(ns.choose("x", Some(team)), Yes);
        assert_eq!(ns.choose("x", Some(bare)), No);
        // An empty selector chooses every namespace; a null one none; none at all, none.
        assert_eq!(
            ces("  namespaceSelectors: [{}]\n").2.choose("any", None),
            Yes
        );
        assert_eq!(
            ces("  namespaceSelectors: [null]\n").2.choose("any", None),
            No
        );
        assert_eq!(ces("  refreshTime: 1m\n").2.choose("any", None), No);
        // A selector the controller cannot convert: it makes no ExternalSecret at all.
        for bad in [
            "  namespaces: [apps]\n  namespaceSelectors:\n  - matchExpressions: [{key: team, operator: Equals, values: [a]}]\n",
            "  namespaces: [apps]\n  namespaceSelectors:\n  - matchExpressions: [{key: team, operator: In}]\n",
            "  namespaces: [apps]\n  namespaceSelector:\n    matchExpressions: [{key: team, operator: Exists, values: [a]}]\n",
            // Keys and values the label syntax refuses (`IsQualifiedName`, `IsValidLabelValue`).
            "  namespaces: [apps]\n  namespaceSelectors:\n  - matchLabels: {\"bad key\": a}\n",
            "  namespaces: [apps]\n  namespaceSelectors:\n  - matchLabels: {team: \"-a\"}\n",
            "  namespaces: [apps]\n  namespaceSelectors:\n  - matchExpressions: [{key: \"/team\", operator: Exists}]\n",
            "  namespaces: [apps]\n  namespaceSelectors:\n  - matchExpressions: [{key: team, operator: In, values: [\"a b\"]}]\n",
            "  namespaces: [apps, \"not a name\"]\n",
        ] {
            assert_eq!(ces(bad).2.choose("apps", None), No, "{bad}");
        }
    }
}
