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
//! Hand-written, with kustomize's own rules (`api/internal/image`, `api/filters/imagetag`, as
//! released in kustomize v5.5 to v5.8, the versions of kubectl 1.32 to 1.37): an `images`
//! item's `name` is matched as kustomize matches it (a regular expression anchored before an
//! optional tag and `sha256` digest; a name with regular-expression syntax beyond `.` is not
//! applied, see [`ImageRewrite::apply`]), so no regex engine is linked for one wildcard.
//!
//! May use: `syntax`.

use crate::syntax::yaml::YNode;

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
            .filter_map(|k| kustomization.get(k))
            .flat_map(YNode::strings)
            .map(String::from)
            .collect();
        let images = kustomization
            .get("images")
            .map_or(&[][..], YNode::items)
            .iter()
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
    /// The image of a container of the `section` list at `pointer` (in its object) as this
    /// item rewrites it, or `None` when the item does not rewrite it. kustomize's images
    /// transformer runs two filters one after the other (`ImageTagTransformer`): one over
    /// every list named `containers` or `initContainers`, wherever it is (`LegacyFilter`: an
    /// Argo `containerSet`'s too, not `ephemeralContainers`, nor Argo's `container`, `script`
    /// or `sidecars`), then one over its default field specs (a pod's and a pod template's
    /// `spec/containers`, `spec/initContainers`), so an image there is rewritten twice. Only a
    /// `tagSuffix` shows it: `nginx:1` becomes `nginx:1-fips-fips` in a Deployment and
    /// `nginx:1-fips` in a CronJob (`kubectl kustomize`).
    pub(crate) fn apply_at(&self, image: &str, section: &str, pointer: &str) -> Option<String> {
        if !REWRITTEN.contains(&section) {
            return None;
        }
        let once = self.apply(image)?;
        Some(if in_default_field_specs(pointer) {
            self.apply(&once).unwrap_or(once)
        } else {
            once
        })
    }

    /// `image` as this item rewrites it once, or `None` when the item does not match it
    /// (kustomize's `imageTagUpdater.SetImageValue`). kustomize reads `name` as a regular
    /// expression before an optional `:tag` and `@sha256:digest` (`IsImageMatched`): its `.`
    /// matches any character, as here; a name with other regular-expression syntax (`*`, `[`,
    /// `(`, …) is not applied, where kustomize would compile it (`a*` rewrites `aaa`).
    fn apply(&self, image: &str) -> Option<String> {
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

    /// kustomize's `IsImageMatched(image, name)`:
    /// `^NAME(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$` (its development version also
    /// takes other digest algorithms; no release does yet).
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
            d.strip_prefix("sha256:")
                .is_some_and(|hex| hex.chars().all(tag_char))
        });
        tag_ok && digest_ok
    }
}

/// The container sections (`manifest::ContainerImage::section`) whose lists kustomize's `LegacyFilter` reaches: fields named `containers` and
/// `initContainers` (an Argo `containerSet` holds `containers`).
const REWRITTEN: [&str; 3] = ["containers", "initContainers", "containerSet"];

/// Whether `pointer` (in its object) is on kustomize's default field specs for images
/// (`builtinpluginconsts.imagesFieldSpecs`): `spec/containers[]/image`,
/// `spec/initContainers[]/image` and the same under `spec/template/spec`.
fn in_default_field_specs(pointer: &str) -> bool {
    let Some(rest) = pointer
        .strip_prefix("/spec/template/spec/")
        .or_else(|| pointer.strip_prefix("/spec/"))
    else {
        return false;
    };
    let item = rest
        .strip_prefix("containers/")
        .or_else(|| rest.strip_prefix("initContainers/"));
    item.and_then(|i| i.strip_suffix("/image"))
        .is_some_and(|i| !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()))
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

    /// Names, tags and digests as kustomize's `Split` separates them (a registry's port is not a
    /// tag; a leading `/` is no registry).
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

    /// Each case checked with `kubectl kustomize` (kustomize v5.5, kubectl 1.32; the digest
    /// and suffix cases with v5.8.1, kubectl 1.37, too) on a CronJob, which only the first of
    /// kustomize's two filters reaches.
    #[test]
    fn rewrites_as_kustomize_does() {
        const CRON_JOB: &str = "/spec/jobTemplate/spec/template/spec/containers/0/image";
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
            (rewrite("nginx", Some("m"), None, None), "nginx:1 2", None),
            // Released kustomize matches only `sha256` digests.
            (
                rewrite("nginx", Some("m"), None, None),
                "nginx@sha512:ab",
                None,
            ),
            (
                rewrite("nginx", Some("m"), None, None),
                "nginx:1@sha256:a",
                Some("m:1@sha256:a"),
            ),
            (
                rewrite("localhost:5000/x", None, Some("2"), None),
                "localhost:5000/x:1",
                Some("localhost:5000/x:2"),
            ),
        ];
        for (r, image, want) in cases {
            let got = r.apply_at(image, "containers", CRON_JOB);
            assert_eq!(got.as_deref(), want, "{r:?} on {image}");
        }
        // Where kustomize differs, knowingly: it compiles `a*` and rewrites `aaa` to `m`.
        let star = rewrite("a*", Some("m"), None, None);
        assert_eq!(star.apply_at("aaa", "containers", CRON_JOB), None);

        // A suffix is added by each filter that reaches the image: twice in a pod's or a pod
        // template's own lists, once elsewhere, never outside the lists kustomize walks.
        let suffix = ImageRewrite {
            tag_suffix: Some("-fips".into()),
            ..rewrite("nginx", None, None, None)
        };
        for (section, pointer, want) in [
            (
                "containers",
                "/spec/template/spec/containers/0/image",
                Some("nginx:1-fips-fips"),
            ),
            (
                "initContainers",
                "/spec/template/spec/initContainers/1/image",
                Some("nginx:1-fips-fips"),
            ),
            (
                "containers",
                "/spec/containers/12/image",
                Some("nginx:1-fips-fips"),
            ),
            ("containers", CRON_JOB, Some("nginx:1-fips")),
            (
                "containerSet",
                "/spec/templates/0/containerSet/containers/0/image",
                Some("nginx:1-fips"),
            ),
            (
                "initContainers",
                "/spec/templates/1/initContainers/0/image",
                Some("nginx:1-fips"),
            ),
            (
                "ephemeralContainers",
                "/spec/ephemeralContainers/0/image",
                None,
            ),
            ("sidecars", "/spec/templates/1/sidecars/0/image", None),
            ("container", "/spec/templates/1/container/image", None),
        ] {
            let got = suffix.apply_at("nginx:1@sha256:a", section, pointer);
            assert_eq!(got.as_deref(), want, "{pointer}");
        }
    }
}
