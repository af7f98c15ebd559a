//! What the cluster said about image pulls, read from pasted `kubectl describe pod` (or
//! `kubectl get events`) text.
//!
//! Why it exists: "why can't my pod pull?" comes with the events kubelet wrote (`Failed to pull
//! image "…": … 401 Unauthorized`, `Unable to retrieve some image pull secrets (regcred)`), and
//! the registry's answer decides the explanation: the same missing credential means "private
//! image" on a 401 and "rate limit" on a 429. The text is free-form (column layout, wrapped
//! lines, whatever the runtime put in the message), so this module looks for the few sentences
//! kubelet writes (`pkg/kubelet/images/image_manager.go`, `kuberuntime_image.go`) and sorts the
//! runtime's message into kinds by the words registries and runtimes use. One pass over the
//! lines, each looked at a bounded number of times: linear in the text.
//!
//! May use: nothing but `std` (the text holds no credentials; only kinds and image names leave).

/// What a registry or runtime answered, in kinds an explanation can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PullFailure {
    /// 401: no credentials, or credentials the registry does not accept.
    Unauthorized,
    /// 403 or `insufficient_scope`: logged in, but no pull access.
    Denied,
    /// 404, `manifest unknown`, `repository does not exist`: no such image, or one the
    /// registry hides from this account.
    NotFound,
    /// 429, `toomanyrequests`: a rate limit (Docker Hub's anonymous pulls).
    RateLimited,
    /// The node does not trust the registry's certificate.
    Tls,
    /// DNS, a refused connection, a timeout.
    Network,
    /// The reference cannot be parsed (`InvalidImageName`).
    InvalidName,
    /// Anything else.
    Other,
}

/// One thing the events say about an image, or about the pod's pull secrets.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase", tag = "event")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PullEvent {
    /// `Failed to pull image "IMAGE": MESSAGE` (or `Failed to apply default image tag`).
    Failed {
        image: String,
        failure: PullFailure,
        /// 1-based line of the text.
        line: usize,
    },
    /// `Successfully pulled image "IMAGE"` or `Container image "IMAGE" already present`.
    Pulled { image: String, line: usize },
    /// `Unable to retrieve some image pull secrets (a, b)`: kubelet could not get these.
    MissingSecrets { names: Vec<String>, line: usize },
}

/// Lines longer than this are read only up to it (a runtime message is a few hundred bytes).
const MAX_LINE: usize = 64 * 1024;

/// Every pull event of `text`, in order.
pub fn read(text: &str) -> Vec<PullEvent> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = cut(line, MAX_LINE);
        if let Some(rest) = after(line, "Failed to pull image \"") {
            if let Some((image, message)) = rest.split_once('"') {
                out.push(PullEvent::Failed {
                    image: image.into(),
                    failure: classify(message),
                    line: line_no,
                });
            }
        } else if let Some(rest) = after(line, "Failed to apply default image tag \"") {
            if let Some((image, _)) = rest.split_once('"') {
                out.push(PullEvent::Failed {
                    image: image.into(),
                    failure: PullFailure::InvalidName,
                    line: line_no,
                });
            }
        } else if let Some(rest) = after(line, "Successfully pulled image \"")
            .or_else(|| after(line, "Container image \"").filter(|r| r.contains("already present")))
        {
            if let Some((image, _)) = rest.split_once('"') {
                out.push(PullEvent::Pulled {
                    image: image.into(),
                    line: line_no,
                });
            }
        } else if let Some(rest) = after(line, "Unable to retrieve some image pull secrets (") {
            if let Some((names, _)) = rest.split_once(')') {
                let names: Vec<String> = names
                    .split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(String::from)
                    .collect();
                out.push(PullEvent::MissingSecrets {
                    names,
                    line: line_no,
                });
            }
        }
    }
    out
}

/// `line` up to `max` bytes (at a character boundary).
fn cut(line: &str, max: usize) -> &str {
    if line.len() <= max {
        return line;
    }
    let mut end = max;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

/// The text after the first `marker` in `line`.
fn after<'l>(line: &'l str, marker: &str) -> Option<&'l str> {
    line.find(marker).map(|i| &line[i + marker.len()..])
}

/// The kind of a runtime's failure message, by the words containerd, CRI-O and registries use.
/// Checked in order: the most specific answer first (a 429 says "rate limit" and often
/// "unauthorized" for an anonymous pull too).
pub fn classify(message: &str) -> PullFailure {
    let m = message.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| m.contains(w));
    if has(&["toomanyrequests", "429 too many", "rate limit"]) {
        PullFailure::RateLimited
    } else if has(&["x509:", "certificate signed by unknown authority", "tls: "]) {
        PullFailure::Tls
    } else if has(&[
        "no such host",
        "i/o timeout",
        "connection refused",
        "network is unreachable",
        "context deadline exceeded",
        "server misbehaving",
    ]) {
        PullFailure::Network
    } else if has(&["invalid reference format", "invalidimagename"]) {
        PullFailure::InvalidName
    } else if has(&[
        "insufficient_scope",
        "403 forbidden",
        ": denied",
        "requested access to the resource is denied",
    ]) {
        PullFailure::Denied
    } else if has(&[
        "401 unauthorized",
        "unauthorized",
        "authentication required",
        "invalid username/password",
        "incorrect username or password",
    ]) {
        PullFailure::Unauthorized
    } else if has(&[
        "not found",
        "manifest unknown",
        "name unknown",
        "repository does not exist",
        "404",
    ]) {
        PullFailure::NotFound
    } else {
        PullFailure::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DESCRIBE: &str = r#"Events:
  Type     Reason                           Age                From               Message
  ----     ------                           ----               ----               -------
  Normal   Scheduled                        2m                 default-scheduler  Successfully assigned web/app-5d9 to node1
  Warning  FailedToRetrieveImagePullSecret  2m                 kubelet            Unable to retrieve some image pull secrets (regcred, other); attempting to pull the image may not succeed.
  Normal   Pulling                          1m (x4 over 2m)    kubelet            Pulling image "quay.io/team/app:1"
  Warning  Failed                           1m (x4 over 2m)    kubelet            Failed to pull image "quay.io/team/app:1": rpc error: code = Unknown desc = failed to pull and unpack image "quay.io/team/app:1": failed to resolve reference "quay.io/team/app:1": unexpected status from HEAD request to https://quay.io/v2/team/app/manifests/1: 401 UNAUTHORIZED
  Warning  Failed                           1m (x4 over 2m)    kubelet            Error: ErrImagePull
  Normal   Pulled                           1m                 kubelet            Successfully pulled image "nginx:1.27" in 1.2s
  Warning  Failed                           1m                 kubelet            Failed to pull image "docker.io/library/redis:7": toomanyrequests: You have reached your pull rate limit.
  Warning  InspectFailed                    1m                 kubelet            Failed to apply default image tag "Bad/Name": couldn't parse image reference "Bad/Name": invalid reference format
"#;

    #[test]
    fn reads_kubelet_s_sentences() {
        let e = read(DESCRIBE);
        assert_eq!(
            e,
            [
                PullEvent::MissingSecrets {
                    names: vec!["regcred".into(), "other".into()],
                    line: 5
                },
                PullEvent::Failed {
                    image: "quay.io/team/app:1".into(),
                    failure: PullFailure::Unauthorized,
                    line: 7
                },
                PullEvent::Pulled {
                    image: "nginx:1.27".into(),
                    line: 9
                },
                PullEvent::Failed {
                    image: "docker.io/library/redis:7".into(),
                    failure: PullFailure::RateLimited,
                    line: 10
                },
                PullEvent::Failed {
                    image: "Bad/Name".into(),
                    failure: PullFailure::InvalidName,
                    line: 11
                },
            ]
        );
    }

    #[test]
    fn classifies_what_registries_and_runtimes_say() {
        for (m, want) in [
            ("pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed", PullFailure::Denied),
            ("reading manifest 1 in quay.io/x/y: manifest unknown", PullFailure::NotFound),
            ("failed to resolve reference: quay.io/x/y:1: not found", PullFailure::NotFound),
            ("reading manifest v1 in registry.example.com/app: unauthorized: authentication required", PullFailure::Unauthorized),
            ("tls: failed to verify certificate: x509: certificate signed by unknown authority", PullFailure::Tls),
            ("dial tcp: lookup registry.internal on 10.0.0.10:53: no such host", PullFailure::Network),
            ("unexpected status code 403 Forbidden", PullFailure::Denied),
            ("something else", PullFailure::Other),
        ] {
            assert_eq!(classify(m), want, "{m}");
        }
    }

    #[test]
    fn hostile_text_is_read_in_one_pass() {
        assert!(read("").is_empty());
        assert!(read("Failed to pull image \"unterminated").is_empty());
        let long = format!("Failed to pull image \"a\": {}", "x".repeat(1 << 20));
        assert_eq!(read(&long).len(), 1);
        let many = "Failed to pull image \"a\": 401 unauthorized\n".repeat(10_000);
        assert_eq!(read(&many).len(), 10_000);
        assert!(read("\u{0}\u{feff}Unable to retrieve some image pull secrets (").is_empty());
    }
}
