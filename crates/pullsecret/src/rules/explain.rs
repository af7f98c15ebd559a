//! "Why can't my pod pull?": a pasted Pod (or workload) with its ServiceAccount and Secrets, and
//! optionally the pod's events, answered per image in plain words: the entry kubelet sends, or
//! why none is sent, what the registry said, and the fix.
//!
//! Why it exists: `ImagePullBackOff` has a dozen causes that look alike from the outside (a key
//! for another path, a Secret in another namespace or of type `Opaque`, a broken entry that
//! fails the whole keyring, a revoked password, a rate limit, an untrusted certificate), and
//! the events say only half: what the registry answered, never which credential was sent. The
//! answer here joins the two: the workload check's answer for the image
//! ([`check_workloads`](super::workloads::check_workloads), the one computation of which
//! credential is sent) and the events' failure for it ([`events`](crate::model::events)).
//!
//! May use: `diagnostics`, `model` (`events`, `reference`), `rules::workloads`.

use crate::diagnostics::{Code, Diagnostic, Error, ErrorCode};
use crate::model::events::{self, PullEvent, PullFailure};
use crate::model::reference;
use crate::rules::workloads::{
    check_texts, is_unrendered, ImagePull, Manifests, PullSecretRef, PullStatus, RepositoryOptions,
    SecretStatus, WorkloadReport,
};
use crate::syntax::lines::Position;
use serde::{Deserialize, Serialize};

/// Options of [`explain`]: `{namespace?: string, events?: string}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct ExplainOptions {
    /// The namespace of objects without `metadata.namespace`. Default `default`.
    pub namespace: Option<String>,
    /// What the cluster said: the text of `kubectl describe pod` (its `Events:`) or of
    /// `kubectl get events`.
    pub events: Option<String>,
}

/// What [`explain`] answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Explanation {
    /// Each workload of the input, in order.
    pub workloads: Vec<WorkloadExplanation>,
    /// The pull events read from `options.events`.
    pub events: Vec<PullEvent>,
}

/// One workload and the answer for each of its images.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct WorkloadExplanation {
    /// Which of the inputs it is in (0 for one text).
    pub input: usize,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub namespace: String,
    pub line: usize,
    pub column: usize,
    /// Whose `imagePullSecrets` the pod gets: `pod`, `serviceAccount` or `none`.
    #[serde(serialize_with = "crate::diagnostics::fixed_text")]
    #[cfg_attr(feature = "ts", ts(type = "\"pod\" | \"serviceAccount\" | \"none\""))]
    pub pull_secrets_from: &'static str,
    pub pull_secrets: Vec<PullSecretRef>,
    pub images: Vec<ImageExplanation>,
    /// The workload check's findings (errors and warnings; the per-image infos are the
    /// answers).
    pub diagnostics: Vec<Diagnostic>,
}

/// The answer for one image.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct ImageExplanation {
    /// What kubelet sends: the workload check's answer for the image (`status`, `secret`,
    /// `registry`, `rule`, `reason`, …).
    #[serde(flatten)]
    pub pull: ImagePull,
    /// What the registry or runtime answered, from the events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<PullFailure>,
    /// The events say the image was pulled.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub pulled: bool,
    /// The answer, in plain words.
    pub answer: String,
    /// What to do.
    pub fix: String,
}

/// Explains every image of every workload in `text` (a YAML stream or JSON of a Pod or
/// workload, with its ServiceAccount and Secrets). Throws when the text holds no workload.
pub fn explain(text: &str, opts: &ExplainOptions) -> Result<Explanation, Error> {
    explain_all(&[text], opts)
}

/// [`explain`] over several texts read as one (the files of `pullsecret explain FILE...`).
pub fn explain_all(texts: &[&str], opts: &ExplainOptions) -> Result<Explanation, Error> {
    let manifests: Vec<Manifests> = texts.iter().map(|t| Manifests::read(t)).collect();
    let repo = RepositoryOptions {
        namespace: opts.namespace.clone().unwrap_or_else(|| "default".into()),
        strict: false,
    };
    let reports = check_texts(&manifests, &repo);
    let events = opts.events.as_deref().map(events::read).unwrap_or_default();
    let workloads: Vec<WorkloadExplanation> = reports
        .into_iter()
        .enumerate()
        .flat_map(|(input, rs)| rs.into_iter().map(move |r| (input, r)))
        .filter(|(_, r)| r.kind != "ServiceAccount")
        .map(|(input, r)| workload(input, r, &events))
        .collect();
    if workloads.is_empty() {
        // A text that cannot be read at all says why (with its position), as `validate` does.
        const UNREADABLE: [Code; 6] = [
            Code::TooLarge,
            Code::TooDeep,
            Code::Utf16,
            Code::YamlSyntax,
            Code::JsonSyntax,
            Code::EmptyInput,
        ];
        for (input, t) in texts.iter().enumerate() {
            let report = crate::rules::validate::validate(t);
            let found = report
                .all_diagnostics()
                .find(|d| UNREADABLE.contains(&d.code))
                .cloned();
            if let Some(d) = found {
                let at = Position {
                    line: d.line,
                    column: d.column,
                };
                let mut e = Error::from_diagnostic(&d, Some(at), None);
                e.input = (texts.len() > 1).then_some(input);
                return Err(e);
            }
        }
        return Err(Error::option(
            ErrorCode::Diagnostic(Code::NotAnObject),
            "explain: the input holds no Pod or workload; paste the Pod (or its Deployment, Job, …) with its ServiceAccount and pull Secrets",
        ));
    }
    Ok(Explanation { workloads, events })
}

fn workload(input: usize, r: WorkloadReport, events: &[PullEvent]) -> WorkloadExplanation {
    let missing: Vec<&str> = events
        .iter()
        .flat_map(|e| match e {
            PullEvent::MissingSecrets { names, .. } => names.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        })
        .collect();
    let images = r
        .images
        .iter()
        .map(|i| image(i, &r, events, &missing))
        .collect();
    WorkloadExplanation {
        input,
        kind: r.kind,
        name: r.name,
        namespace: r.namespace,
        line: r.line,
        column: r.column,
        pull_secrets_from: r.pull_secrets_from,
        pull_secrets: r.pull_secrets,
        images,
        // The findings about names (the per-image ones are the answers).
        diagnostics: r
            .diagnostics
            .into_iter()
            .filter(|d| {
                !matches!(
                    d.code,
                    Code::ImagePullCredential
                        | Code::AnonymousPull
                        | Code::InvalidImage
                        | Code::ImageUnrendered
                )
            })
            .collect(),
    }
}

/// The events' last word on `image` (the spec's string, or the same repository).
fn failure_of(image: &str, events: &[PullEvent]) -> (Option<PullFailure>, bool) {
    let name = |s: &str| reference::parse(s).ok().map(|r| r.name());
    let want = name(image);
    let same = |e: &str| e == image || (want.is_some() && name(e) == want);
    let mut out = (None, false);
    for e in events {
        match e {
            PullEvent::Failed {
                image: e, failure, ..
            } if same(e) => out = (Some(*failure), false),
            PullEvent::Pulled { image: e, .. } if same(e) => out = (None, true),
            _ => {}
        }
    }
    out
}

fn image(
    i: &ImagePull,
    w: &WorkloadReport,
    events: &[PullEvent],
    missing: &[&str],
) -> ImageExplanation {
    let (failure, pulled) = failure_of(&i.image, events);
    let parsed = reference::parse(&i.image).ok();
    let host = parsed
        .as_ref()
        .map_or_else(String::new, |r| r.domain.clone());
    // The key to add: the registry, or its first namespace (`quay.io/team`) where a key
    // for another namespace of the same registry shows that the Secrets are per team.
    let key = match &parsed {
        Some(r) if !r.is_docker_hub() && i.reason.contains("is for the same registry") => {
            format!("{}/{}", r.domain, r.path.split('/').next().unwrap_or(""))
        }
        _ => host.clone(),
    };
    let secret = i.secret.as_deref().unwrap_or("");
    let mut answer = format!("{}.", capitalised(&i.reason));
    let registry_said = failure.map(said);
    if let Some(s) = registry_said {
        answer.push(' ');
        answer.push_str(s);
    }
    if pulled {
        answer.push_str(" The events say it was pulled.");
    }
    let not_credentials = matches!(failure, Some(PullFailure::Tls | PullFailure::Network));
    let fix: String = match (i.status, failure) {
        (_, Some(f)) if not_credentials => network_fix(f, &host),
        (PullStatus::Invalid, _) | (_, Some(PullFailure::InvalidName)) => String::from(
            "Write the image as `registry/repository:tag` in lower case (a digest as `@sha256:…`).",
        ),
        (PullStatus::Fails, _) => format!(
            "Repair the Secret `{secret}`: `pullsecret validate` shows each broken entry and its fix. Until then kubelet fails every image of the pod, whatever Secret the image needs."
        ),
        (PullStatus::Credentials | PullStatus::Node, Some(PullFailure::Unauthorized)) => format!(
            "Log in again and put the new credentials in `{secret}` (`pullsecret add` replaces the entry in place); `pullsecret verify` checks them against the registry without pulling."
        ),
        (PullStatus::Credentials | PullStatus::Node, Some(PullFailure::Denied)) => String::from(
            "Give the account (robot, service account) pull access to this repository, or use credentials that have it.",
        ),
        (PullStatus::Credentials | PullStatus::Node, Some(PullFailure::NotFound)) => String::from(
            "Check the repository and tag (`skopeo inspect docker://IMAGE` with the same credentials), and that this account can see the repository.",
        ),
        (_, Some(PullFailure::RateLimited)) => format!(
            "Pull with credentials: add an entry for `{host}` (Docker Hub: `docker.io`) to a pull secret the pod gets; authenticated pulls have a higher limit."
        ),
        (PullStatus::Credentials | PullStatus::Node, _) => String::from(
            "Nothing to fix in the pull secrets. If the pull still fails, paste the pod's events (`kubectl describe pod`) to see what the registry answered.",
        ),
        (PullStatus::Unknown, _) if is_unrendered(&i.image) => String::from(
            "Explain what renders: `helm template …` or `flux build kustomization …`, piped to `pullsecret explain -`.",
        ),
        (PullStatus::Unknown, _) => unknown_fix(w, missing),
        (PullStatus::Anonymous, None) if pulled => String::from(
            "Nothing to fix: the image is public (the events say it was pulled without credentials).",
        ),
        (PullStatus::Anonymous, _) => {
            let private = matches!(
                failure,
                Some(PullFailure::Unauthorized | PullFailure::Denied | PullFailure::NotFound)
            );
            let lead = if private {
                "The image is private: "
            } else {
                "Nothing to fix if the image is public. If it is private, "
            };
            format!(
                "{lead}add an entry for `{key}` to a pull secret the pod gets (`pullsecret add` edits a Secret in place), and name that Secret in the pod's `imagePullSecrets` (or its ServiceAccount's){}.",
                near_fix(w)
            )
        }
    };
    ImageExplanation {
        pull: i.clone(),
        failure,
        pulled,
        answer,
        fix,
    }
}

/// What the registry's (or runtime's) answer means, in a sentence.
fn said(f: PullFailure) -> &'static str {
    match f {
        PullFailure::Unauthorized => "The registry answered 401 Unauthorized: it accepts no anonymous pull of this image, or refuses the credentials sent (wrong, expired or revoked).",
        PullFailure::Denied => "The registry answered that access is denied: the login worked, but the account may not pull this repository.",
        PullFailure::NotFound => "The registry answered that the image does not exist: a wrong repository or tag, or one this account cannot see (registries answer \"not found\" to hide private repositories).",
        PullFailure::RateLimited => "The registry limited the pull rate (Docker Hub limits anonymous pulls per IP address).",
        PullFailure::Tls => "The node does not trust the registry's TLS certificate: no credential was even tried.",
        PullFailure::Network => "The node could not reach the registry (DNS, connection or timeout): no credential was even tried.",
        PullFailure::InvalidName => "kubelet could not parse the image reference (`InvalidImageName`).",
        PullFailure::Other => "The pull failed for a reason the events do not name in words pullsecret knows.",
    }
}

fn network_fix(f: PullFailure, host: &str) -> String {
    match f {
        PullFailure::Tls => format!(
            "Not a pull-secret problem: make the node trust the registry's CA (CRI-O and podman: `/etc/containers/certs.d/{host}/ca.crt`; containerd: `/etc/containerd/certs.d/{host}/hosts.toml`)."
        ),
        _ => format!(
            "Not a pull-secret problem: check that the node resolves and reaches `{host}` (DNS, firewall, proxy settings of the container runtime)."
        ),
    }
}

/// The fix when a pull secret the pod names is not in the input (or cannot be read there).
fn unknown_fix(w: &WorkloadReport, missing: &[&str]) -> String {
    let unknown: Vec<&PullSecretRef> = w
        .pull_secrets
        .iter()
        .filter(|p| {
            matches!(
                p.status,
                SecretStatus::NotFound | SecretStatus::Unverifiable
            )
        })
        .collect();
    let ns = &w.namespace;
    if let Some(p) = unknown.iter().find(|p| missing.contains(&p.name.as_str())) {
        return format!(
            "kubelet could not get the Secret `{}` in namespace `{ns}` (the events say so): create it there (`kubectl create secret docker-registry {} -n {ns} …`, or `pullsecret create` and `pullsecret to-secret`), or fix the name.",
            p.name, p.name
        );
    }
    match unknown.first() {
        Some(p) if p.status == SecretStatus::Unverifiable => format!(
            "Check the Secret `{0}` as the cluster has it: `kubectl get secret {0} -n {ns} -o yaml | pullsecret validate -`.",
            p.name
        ),
        Some(p) => format!(
            "Paste the Secret `{0}` too (`kubectl get secret {0} -n {ns} -o yaml`), or check it in the cluster: `kubectl get secret {0} -n {ns} -o yaml | pullsecret validate -`.",
            p.name
        ),
        None => String::from("Paste the pod's pull Secrets too."),
    }
}

/// A hint from the workload's findings: the named Secret is of the wrong type, or in another
/// namespace.
fn near_fix(w: &WorkloadReport) -> &'static str {
    let has = |c: Code| w.diagnostics.iter().any(|d| d.code == c);
    if has(Code::PullSecretWrongType) {
        "; the Secret the pod names has a type kubelet skips: give it `type: kubernetes.io/dockerconfigjson`"
    } else if has(Code::PullSecretOtherNamespace) {
        "; the Secret the pod names is in another namespace: create it in the pod's namespace"
    } else {
        ""
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: web\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: app\n    image: quay.io/team/app:1\n  - name: cache\n    image: docker.io/library/redis:7\n";
    const SECRET: &str = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\n  namespace: web\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '{\"auths\":{\"quay.io\":{\"auth\":\"dTpwYXNzd29yZDEyMw==\"}}}'\n";

    fn opts(events: &str) -> ExplainOptions {
        ExplainOptions {
            events: Some(events.into()),
            ..ExplainOptions::default()
        }
    }

    #[test]
    fn joins_what_kubelet_sends_with_what_the_registry_said() {
        let text = format!("{POD}---\n{SECRET}");
        let events = "  Warning  Failed  1m  kubelet  Failed to pull image \"quay.io/team/app:1\": rpc error: 401 UNAUTHORIZED\n  Warning  Failed  1m  kubelet  Failed to pull image \"docker.io/library/redis:7\": toomanyrequests: rate limit\n";
        let e = explain(&text, &opts(events)).unwrap();
        assert_eq!(e.workloads.len(), 1);
        let [app, cache] = &e.workloads[0].images[..] else {
            panic!()
        };
        assert_eq!(
            (app.pull.status, app.failure),
            (PullStatus::Credentials, Some(PullFailure::Unauthorized))
        );
        assert!(
            app.answer
                .starts_with("Kubelet sends the entry `quay.io` of the Secret `regcred`"),
            "{}",
            app.answer
        );
        assert!(
            app.fix
                .starts_with("Log in again and put the new credentials in `regcred`"),
            "{}",
            app.fix
        );
        assert_eq!(
            (cache.pull.status, cache.failure),
            (PullStatus::Anonymous, Some(PullFailure::RateLimited))
        );
        assert!(cache.fix.contains("`docker.io`"), "{}", cache.fix);
        let out = serde_json::to_string(&e).unwrap();
        assert!(!out.contains("password123") && !out.contains("dTpwYXNzd29yZDEyMw"));
    }

    #[test]
    fn a_secret_the_cluster_lacks_and_a_private_image_without_credentials() {
        let events = "Warning FailedToRetrieveImagePullSecret kubelet Unable to retrieve some image pull secrets (regcred); attempting to pull the image may not succeed.\nWarning Failed kubelet Failed to pull image \"quay.io/team/app:1\": unauthorized: authentication required\n";
        let e = explain(POD, &opts(events)).unwrap();
        let app = &e.workloads[0].images[0];
        assert_eq!(app.pull.status, PullStatus::Unknown);
        assert!(
            app.fix
                .starts_with("kubelet could not get the Secret `regcred` in namespace `web`"),
            "{}",
            app.fix
        );
        let no_secret = POD.replace("  imagePullSecrets:\n  - name: regcred\n", "");
        let e = explain(&no_secret, &opts(events)).unwrap();
        let app = &e.workloads[0].images[0];
        assert_eq!(app.pull.status, PullStatus::Anonymous);
        assert!(
            app.fix
                .starts_with("The image is private: add an entry for `quay.io`"),
            "{}",
            app.fix
        );
    }

    #[test]
    fn not_a_credential_problem_and_no_workload() {
        let events = "Failed to pull image \"quay.io/team/app:1\": x509: certificate signed by unknown authority\n";
        let e = explain(&format!("{POD}---\n{SECRET}"), &opts(events)).unwrap();
        assert!(e.workloads[0].images[0]
            .fix
            .starts_with("Not a pull-secret problem"));
        let err = explain(SECRET, &ExplainOptions::default()).unwrap_err();
        assert_eq!(err.code, ErrorCode::Diagnostic(Code::NotAnObject));
        let code = |t: &str| explain(t, &ExplainOptions::default()).unwrap_err().code;
        assert_eq!(code(""), ErrorCode::Diagnostic(Code::EmptyInput));
        assert_eq!(
            code(&"[".repeat(100_000)),
            ErrorCode::Diagnostic(Code::TooDeep)
        );
        assert_eq!(code("a: [\n"), ErrorCode::Diagnostic(Code::YamlSyntax));
        let e = explain(&"- ".repeat(5000), &opts(&"(".repeat(100_000))).unwrap_err();
        assert_eq!(
            (e.code, e.position.is_some()),
            (ErrorCode::Diagnostic(Code::TooDeep), true)
        );
    }
}
