//! Image references, normalised as every client normalises them before looking up credentials.
//!
//! kubelet (`parsers.ParseImageName`), containers/image (`reference.ParseNormalizedNamed`) and
//! docker all use distribution's reference grammar: `nginx` is `docker.io/library/nginx`,
//! `index.docker.io/x` is `docker.io/x`, a first component with `.` or `:` (or `localhost`, or an
//! upper-case letter) is a registry host. The tag and digest play no part in credential lookup.

/// A parsed image reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// The registry host as written (after `index.docker.io` → `docker.io`), with its port.
    pub domain: String,
    /// The repository path, e.g. `library/nginx`.
    pub path: String,
}

impl ImageRef {
    /// `domain/path`: what containers/image and kubelet look credentials up with.
    pub fn name(&self) -> String {
        let mut s = String::with_capacity(self.domain.len() + 1 + self.path.len());
        s.push_str(&self.domain);
        s.push('/');
        s.push_str(&self.path);
        s
    }

    /// The image is on Docker Hub.
    pub fn is_docker_hub(&self) -> bool {
        self.domain == "docker.io"
    }
}

/// Parses `image` as `ParseNormalizedNamed` does. The error says what is wrong (never a secret:
/// the input is an image name).
pub fn parse(image: &str) -> Result<ImageRef, &'static str> {
    if image.is_empty() {
        return Err("the image reference is empty");
    }
    if image.len() == 64
        && image
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err("an image reference cannot be a 64-character hexadecimal id");
    }
    // Digest and tag are not part of the name.
    let (name, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    if let Some(d) = digest {
        if !valid_digest(d) {
            return Err(
                "the digest after `@` is not valid (algorithm:hex, at least 32 hex digits)",
            );
        }
    }
    let (name, tag) = match name.rfind(':') {
        Some(i) if !name[i + 1..].contains('/') => (&name[..i], Some(&name[i + 1..])),
        _ => (name, None),
    };
    if let Some(t) = tag {
        if !valid_tag(t) {
            return Err("the tag is not valid (letters, digits, `_`, `.`, `-`; at most 128)");
        }
    }
    let (domain, path) = match name.find('/') {
        Some(i) => {
            let first = &name[..i];
            if first.contains(['.', ':'])
                || first == "localhost"
                || first.bytes().any(|b| b.is_ascii_uppercase())
            {
                (first, &name[i + 1..])
            } else {
                ("docker.io", name)
            }
        }
        None => ("docker.io", name),
    };
    let domain = if domain == "index.docker.io" {
        "docker.io"
    } else {
        domain
    };
    if !valid_domain(domain) {
        return Err("the registry host is not valid");
    }
    if path.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err("the repository name must be lower-case");
    }
    if path.is_empty() || !path.split('/').all(valid_component) {
        return Err("the repository name is not valid (lower-case letters, digits, and `.`, `_`, `__`, `-` between them)");
    }
    let mut full_path = String::with_capacity(path.len() + 8);
    if domain == "docker.io" && !path.contains('/') {
        full_path.push_str("library/");
    }
    full_path.push_str(path);
    if domain.len() + 1 + full_path.len() > 255 {
        return Err("the repository name is longer than 255 characters");
    }
    Ok(ImageRef {
        domain: domain.into(),
        path: full_path,
    })
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn valid_component(c: &str) -> bool {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-')) {
            return false;
        }
    }
    true
}

/// Host labels (`[a-zA-Z0-9]`, inner `-`) joined by dots, or `[IPv6]`, then an optional `:port`.
pub(crate) fn valid_domain(d: &str) -> bool {
    let (host, port) = if let Some(rest) = d.strip_prefix('[') {
        match rest.split_once(']') {
            Some((ip, after))
                if !ip.is_empty() && ip.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') =>
            {
                match after.strip_prefix(':') {
                    Some(p) => return !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()),
                    None => return after.is_empty(),
                }
            }
            _ => return false,
        }
    } else {
        // Bytes, not `char` patterns: this runs for every key of a report.
        match d.bytes().position(|b| b == b':') {
            Some(i) => (&d[..i], Some(&d[i + 1..])),
            None => (d, None),
        }
    };
    if let Some(p) = port {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    !host.is_empty()
        && host.as_bytes().split(|&c| c == b'.').all(|b| {
            !b.is_empty()
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter().all(|x| x.is_ascii_alphanumeric() || *x == b'-')
        })
}

/// `[\w][\w.-]{0,127}`
fn valid_tag(t: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let b = t.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && word(b[0])
        && b.iter().all(|&x| word(x) || x == b'.' || x == b'-')
}

/// `algorithm:hex` with at least 32 hex digits.
fn valid_digest(d: &str) -> bool {
    match d.split_once(':') {
        Some((alg, hex)) => {
            !alg.is_empty()
                && alg.as_bytes()[0].is_ascii_alphabetic()
                && alg
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'.'))
                && hex.len() >= 32
                && hex.bytes().all(|b| b.is_ascii_hexdigit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> String {
        parse(s).unwrap().name()
    }

    #[test]
    fn normalises_like_distribution() {
        assert_eq!(name("nginx"), "docker.io/library/nginx");
        assert_eq!(name("nginx:1.25"), "docker.io/library/nginx");
        assert_eq!(name("index.docker.io/user/app"), "docker.io/user/app");
        assert_eq!(name("docker.io/nginx"), "docker.io/library/nginx");
        assert_eq!(name("user/app"), "docker.io/user/app");
        assert_eq!(name("localhost/app"), "localhost/app");
        assert_eq!(name("quay.io/org/app:1.2"), "quay.io/org/app");
        let digest = "registry.local:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assert_eq!(name(digest), "registry.local:5000/team/app");
        assert_eq!(name("Registry.Local/app"), "Registry.Local/app");
    }

    #[test]
    fn refuses_what_distribution_refuses() {
        for bad in [
            "",
            "Nginx",
            "quay.io/Org/app",
            "quay.io/a..b",
            "quay.io/app:",
            "a//b",
            "quay.io:x/app",
            "app@sha256:12",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
