//! What a kustomization does to the objects of its build that decides a pull: the namespace it
//! puts them in and the images it rewrites, read from `kustomization.yaml` as kustomize reads
//! it.
//!
//! Why it exists: a GitOps repository's base names `image: nginx` and no namespace; what the
//! cluster runs is the overlay's build, where the kustomization's `namespace` and `images`
//! (`newName: registry.corp/mirror/nginx`) apply. Which pull secret a pod gets, and which entry
//! kubelet sends, depend on both. The graph of builds (which kustomization takes which file) is
//! `rules::workloads`'s; this module reads one kustomization and rewrites one image.
//!
//! Hand-written, with kustomize's own rules (`api/internal/image`, `api/filters/imagetag`): an
//! `images` item's `name` is matched as kustomize matches it (a regular expression anchored
//! before an optional tag and digest; a name with regular-expression syntax beyond `.` is not
//! applied, see [`ImageRewrite::apply`]), so no regex engine is linked for one wildcard.
//!
//! May use: `syntax`.

use crate::syntax::yaml::{YKind, YNode};

/// What a kustomization builds from, and what it does to the build: kustomize's `resources`
/// (and the deprecated `bases`) and `components`, as written (paths relative to its directory:
/// a file, or a directory holding a kustomization; a URL is remote); its `namespace`, which its
/// namespace transformer sets on every namespaced object of the build, those of its bases
/// included (the outermost kustomization that sets one decides); its `images`, applied to the
/// build after its bases' own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Build {
    pub(crate) namespace: Option<String>,
    pub(crate) resources: Vec<String>,
    pub(crate) images: Vec<ImageRewrite>,
}

impl Build {
    /// The fields that list what a kustomization builds from.
    pub(crate) const KEYS: [&'static str; 3] = ["resources", "bases", "components"];

    pub(crate) fn read(kustomization: &YNode) -> Build {
        let text = |n: &YNode, k: &str| {
            n.get(k)
                .and_then(YNode::as_str)
                .filter(|v| !v.is_empty())
                .map(String::from)
        };
        let resources = Build::KEYS
            .iter()
            .flat_map(|k| items(kustomization.get(k)))
            .filter_map(YNode::as_str)
            .map(String::from)
            .collect();
        let images = items(kustomization.get("images"))
            .filter_map(|i| {
                Some(ImageRewrite {
                    name: text(i, "name")?,
                    new_name: text(i, "newName"),
                    new_tag: text(i, "newTag"),
                    digest: text(i, "digest"),
                    tag_suffix: text(i, "tagSuffix"),
                })
            })
            .collect();
        Build {
            namespace: text(kustomization, "namespace"),
            resources,
            images,
        }
    }
}

/// The items of a sequence; nothing for anything else.
fn items(node: Option<&YNode>) -> impl Iterator<Item = &YNode> {
    let items = match node.map(|n| &n.kind) {
        Some(YKind::Seq(items)) => items.as_slice(),
        _ => &[],
    };
    items.iter()
}

/// One item of a kustomization's `images` (kustomize's `types.Image`): the images named `name`
/// get `newName`, `newTag`, `digest` or `tagSuffix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImageRewrite {
    pub(crate) name: String,
    pub(crate) new_name: Option<String>,
    pub(crate) new_tag: Option<String>,
    pub(crate) digest: Option<String>,
    pub(crate) tag_suffix: Option<String>,
}

impl ImageRewrite {
    /// `image` as this item rewrites it, or `None` when the item does not match it
    /// (kustomize's `imageTagUpdater.SetImageValue`). kustomize reads `name` as a regular
    /// expression before an optional `:tag` and `@algorithm:digest` (`IsImageMatched`): its
    /// `.` matches any character, as here; a name with other regular-expression syntax
    /// (`*`, `[`, `(`, …) is not applied, which kustomize may do differently.
    pub(crate) fn apply(&self, image: &str) -> Option<String> {
        if !self.matches(image) {
            return None;
        }
        let (name, tag, digest) = split(image);
        let name = self.new_name.as_deref().unwrap_or(name);
        // A new tag or digest replaces both the tag and the digest.
        let (tag, digest): (String, &str) = match (&self.new_tag, &self.digest, &self.tag_suffix) {
            (Some(t), Some(d), _) => (t.clone(), d),
            (Some(t), None, _) => (t.clone(), ""),
            (None, Some(d), _) => (String::new(), d),
            (None, None, Some(suffix)) => (format!("{tag}{suffix}"), ""),
            (None, None, None) => (tag.to_string(), digest),
        };
        let mut out = String::from(name);
        if !tag.is_empty() {
            out.push(':');
            out.push_str(&tag);
        }
        if !digest.is_empty() {
            out.push('@');
            out.push_str(digest);
        }
        Some(out)
    }

    /// kustomize's `IsImageMatched(image, name)`: `^NAME(:[a-zA-Z0-9_.{}-]*)?(@ALG:[a-zA-Z0-9_.{}-]*)?$`,
    /// `ALG` being `[a-zA-Z0-9]+([.+_-][a-zA-Z0-9]+)*`.
    fn matches(&self, image: &str) -> bool {
        const SYNTAX: &[char] = &[
            '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '^', '$', '\\',
        ];
        if self.name.contains(SYNTAX) {
            return false;
        }
        let mut rest = image.chars();
        for want in self.name.chars() {
            match rest.next() {
                Some(c) if c == want || (want == '.' && c != '\n') => {}
                _ => return false,
            }
        }
        let rest = rest.as_str();
        let tag_char = |c: char| c.is_ascii_alphanumeric() || "_.{}-".contains(c);
        let (tag, digest) = match rest.find('@') {
            Some(at) => (&rest[..at], Some(&rest[at + 1..])),
            None => (rest, None),
        };
        let tag_ok = tag.is_empty()
            || tag
                .strip_prefix(':')
                .is_some_and(|t| t.chars().all(tag_char));
        let digest_ok = digest.is_none_or(|d| {
            d.split_once(':').is_some_and(|(alg, hex)| {
                let mut parts = alg.split(['.', '+', '_', '-']);
                parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
                    && hex.chars().all(tag_char)
            })
        });
        tag_ok && digest_ok
    }
}

/// kustomize's `image.Split`: the name, the tag and the digest of `image` (the tag's `:` is
/// the first after the first `/`, so a registry's port is not a tag).
fn split(image: &str) -> (&str, &str, &str) {
    let from = match image.find('/') {
        Some(i) if i > 0 => i,
        _ => 0,
    };
    let search = &image[from..];
    match (search.find('@'), search.find(':')) {
        (None, None) => (image, "", ""),
        (Some(id), Some(ic)) if ic < id => (
            &image[..from + ic],
            &image[from + ic + 1..from + id],
            &image[from + id + 1..],
        ),
        (Some(id), _) => (&image[..from + id], "", &image[from + id + 1..]),
        (None, Some(ic)) => (&image[..from + ic], &image[from + ic + 1..], ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(
        name: &str,
        new_name: Option<&str>,
        tag: Option<&str>,
        digest: Option<&str>,
    ) -> ImageRewrite {
        ImageRewrite {
            name: name.into(),
            new_name: new_name.map(String::from),
            new_tag: tag.map(String::from),
            digest: digest.map(String::from),
            tag_suffix: None,
        }
    }

    /// kustomize's `image_test.go` cases for `Split`, and the ports it must not take for tags.
    #[test]
    fn split_as_kustomize_splits() {
        for (image, want) in [
            ("nginx", ("nginx", "", "")),
            ("nginx:1.7", ("nginx", "1.7", "")),
            ("nginx@sha256:abc", ("nginx", "", "sha256:abc")),
            ("nginx:1.7@sha256:abc", ("nginx", "1.7", "sha256:abc")),
            ("localhost:5000/nginx", ("localhost:5000/nginx", "", "")),
            (
                "localhost:5000/nginx:1.7",
                ("localhost:5000/nginx", "1.7", ""),
            ),
            ("quay.io/a/b@sha256:abc", ("quay.io/a/b", "", "sha256:abc")),
            ("/nginx:1", ("/nginx", "1", "")),
        ] {
            assert_eq!(split(image), want, "{image}");
        }
    }

    /// Checked with `kubectl kustomize` (kustomize v5.5, kubectl 1.32).
    #[test]
    fn rewrites_as_kustomize_does() {
        let cases = [
            (
                rewrite("nginx", Some("registry.corp/mirror/nginx"), None, None),
                "nginx:1.7",
                Some("registry.corp/mirror/nginx:1.7"),
            ),
            (
                rewrite("nginx", None, Some("1.8"), None),
                "nginx@sha256:abc",
                Some("nginx:1.8"),
            ),
            (
                rewrite("nginx", None, None, Some("sha256:def")),
                "nginx:1.7",
                Some("nginx@sha256:def"),
            ),
            (
                rewrite("nginx", None, Some("2"), Some("sha256:def")),
                "nginx",
                Some("nginx:2@sha256:def"),
            ),
            // The name is the whole name: neither a prefix nor the normalised `docker.io/library/nginx`.
            (
                rewrite("nginx", Some("x"), None, None),
                "nginx-exporter:1",
                None,
            ),
            (
                rewrite("nginx", Some("x"), None, None),
                "docker.io/library/nginx:1",
                None,
            ),
            (
                rewrite("quay.io/a/b", Some("mirror/b"), None, None),
                "quay.io/a/b:1",
                Some("mirror/b:1"),
            ),
            // `.` is a regular expression's: any character.
            (
                rewrite("quay.io/a/b", Some("m"), None, None),
                "quayXio/a/b",
                Some("m"),
            ),
            (rewrite("a*", Some("m"), None, None), "aaa", None),
            (rewrite("nginx", Some("m"), None, None), "nginx:1 2", None),
            (
                rewrite("nginx", Some("m"), None, None),
                "nginx@sha512:ab",
                Some("m@sha512:ab"),
            ),
            (
                rewrite("localhost:5000/x", None, Some("2"), None),
                "localhost:5000/x:1",
                Some("localhost:5000/x:2"),
            ),
        ];
        for (r, image, want) in cases {
            assert_eq!(r.apply(image).as_deref(), want, "{r:?} on {image}");
        }
        let suffix = ImageRewrite {
            tag_suffix: Some("-fips".into()),
            ..rewrite("nginx", None, None, None)
        };
        assert_eq!(
            suffix.apply("nginx:1@sha256:a").as_deref(),
            Some("nginx:1-fips")
        );
    }
}
