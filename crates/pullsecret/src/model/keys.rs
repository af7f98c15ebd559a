//! Registry keys, read the way each client reads them.
//!
//! The same `auths` key means different things to different clients: kubelet parses it as a URL
//! (`url.Parse("https://" + key)`), drops the scheme and a `/v1/` or `/v2/` prefix and matches
//! host labels as globs; containers/image strips a scheme (and then the path) and folds Docker
//! Hub's aliases; the Docker CLI reduces a key to its host name. This module holds those three
//! readings (auth-semantics.md §4.3, §4.4, §5.3, §6) so that `lookup`, the per-entry verdicts and
//! the key diagnostics agree.

use std::borrow::Cow;

/// What Go's `url.Parse` yields for an absolute URL; only the parts the clients use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoUrl<'a> {
    pub scheme: String,
    /// `host[:port]` as written (Go does not change its case).
    pub host: &'a str,
    /// The path, percent-decoded.
    pub path: String,
}

/// Go's `url.Parse`, enough of it to accept and refuse what it does for registry keys.
pub fn parse_url(raw: &str) -> Option<GoUrl<'_>> {
    if raw.bytes().any(|b| b < 0x20 || b == 0x7f) {
        return None;
    }
    let raw = raw.split_once('#').map_or(raw, |(r, _)| r);
    let mut scheme = String::new();
    let mut rest = raw;
    for (i, c) in raw.bytes().enumerate() {
        match c {
            b'a'..=b'z' | b'A'..=b'Z' => {}
            b'0'..=b'9' | b'+' | b'-' | b'.' if i > 0 => {}
            b':' if i == 0 => return None, // "missing protocol scheme"
            b':' => {
                scheme = raw[..i].to_ascii_lowercase();
                rest = &raw[i + 1..];
                break;
            }
            _ => break,
        }
    }
    let rest = rest.split_once('?').map_or(rest, |(r, _)| r);
    let (host, path) = match rest.strip_prefix("//") {
        Some(after) if !scheme.is_empty() || !after.starts_with('/') => {
            let (authority, path) = after
                .find('/')
                .map_or((after, ""), |i| (&after[..i], &after[i..]));
            (parse_authority(authority)?, path)
        }
        _ => {
            if scheme.is_empty() && rest.split('/').next().is_some_and(|s| s.contains(':')) {
                return None; // "first path segment in URL cannot contain colon"
            }
            ("", rest)
        }
    };
    Some(GoUrl {
        scheme,
        host,
        path: unescape(path)?,
    })
}

fn parse_authority(authority: &str) -> Option<&str> {
    let host = match authority.rfind('@') {
        Some(i) => {
            if authority[..i].bytes().any(|b| !userinfo_byte(b)) {
                return None;
            }
            &authority[i + 1..]
        }
        None => authority,
    };
    let port_from = if host.starts_with('[') {
        host.rfind(']')? + 1
    } else {
        host.rfind(':').unwrap_or(host.len())
    };
    if !valid_optional_port(&host[port_from..]) {
        return None;
    }
    // `unescape(host, encodeHost)`: only sub-delims and unreserved characters, `%XX` for non-ASCII.
    let b = host.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let ok = b.len() > i + 2
                    && hex(b[i + 1]).is_some_and(|h| h >= 8)
                    && hex(b[i + 2]).is_some();
                if !ok {
                    return None;
                }
                i += 3;
                continue;
            }
            c if c < 0x80
                && !(c.is_ascii_alphanumeric() || b"-_.~!$&'()*+,;=:[]<>\"".contains(&c)) =>
            {
                return None
            }
            _ => {}
        }
        i += 1;
    }
    Some(host)
}

fn userinfo_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._:~!$&'()*+,;=%@".contains(&b) || b >= 0x80
}

fn valid_optional_port(p: &str) -> bool {
    p.is_empty() || (p.starts_with(':') && p[1..].bytes().all(|b| b.is_ascii_digit()))
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

fn unescape(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.into());
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let v = hex(*b.get(i + 1)?)? * 16 + hex(*b.get(i + 2)?)?;
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// Go's `net.SplitHostPort` as kubelet uses it: on error, the whole host and no port.
pub fn split_host_port(host: &str) -> (&str, &str) {
    if let Some(rest) = host.strip_prefix('[') {
        if let Some((h, after)) = rest.split_once(']') {
            if let Some(p) = after.strip_prefix(':') {
                if !p.contains(':') {
                    return (h, p);
                }
            }
        }
        return (host, "");
    }
    match host.split_once(':') {
        Some((h, p)) if !p.contains(':') => (h, p),
        _ => (host, ""),
    }
}

// ---------------------------------------------------------------------------------------------
// kubelet
// ---------------------------------------------------------------------------------------------

/// kubelet's key for an `auths` key (`BasicDockerKeyring.Add`): `host[:port]` plus the path
/// minus a `/v1` or `/v2` prefix. `None`: `url.Parse` fails and kubelet ignores the entry.
pub fn kubelet_key(key: &str) -> Option<Cow<'_, str>> {
    // Fast path for the common key, `host[:port][/path]` in plain characters: what `url.Parse`
    // does with it is to cut the authority at the first `/` and check the port (no escapes,
    // userinfo, query, fragment or IPv6 literal can occur). Runs for every key of a report.
    let plain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':' | b'/');
    if key.bytes().all(plain) && !key.starts_with("http://") && !key.starts_with("https://") {
        let slash = key.bytes().position(|c| c == b'/');
        let (host, path) = slash.map_or((key, ""), |i| key.split_at(i));
        let port_from = host.bytes().rposition(|c| c == b':').unwrap_or(host.len());
        if !valid_optional_port(&host[port_from..]) {
            return None;
        }
        let stripped = path.starts_with("/v2/") || path.starts_with("/v1/");
        let rest = if stripped { &path[3..] } else { path };
        if rest.is_empty() || rest == "/" {
            return Some(Cow::Borrowed(host));
        }
        if !stripped {
            return Some(Cow::Borrowed(key));
        }
        let mut k = String::with_capacity(host.len() + rest.len());
        k.push_str(host);
        k.push_str(rest);
        return Some(Cow::Owned(k));
    }
    let url = if key.starts_with("https://") || key.starts_with("http://") {
        parse_url(key)?
    } else {
        let mut s = String::with_capacity(key.len() + 8);
        s.push_str("https://");
        s.push_str(key);
        let u = parse_url(&s)?;
        // Re-borrow the host from `key` (the prefix adds 8 bytes before it).
        let start = u.host.as_ptr() as usize - s.as_ptr() as usize - 8;
        let host = &key[start..start + u.host.len()];
        GoUrl {
            scheme: u.scheme,
            host,
            path: u.path,
        }
    };
    let path = if url.path.starts_with("/v2/") || url.path.starts_with("/v1/") {
        &url.path[3..]
    } else {
        &url.path[..]
    };
    let mut k = String::from(url.host);
    if !path.is_empty() && path != "/" {
        k.push_str(path);
    }
    Some(Cow::Owned(k))
}

/// kubelet's `URLsMatchStr(key, image)`: same port, same number of host labels, the image path
/// starts with the key path (a plain string prefix), every label matches as a glob.
#[cfg(test)]
pub fn kubelet_matches(key: &str, image: &str) -> bool {
    match (KubeletUrl::parse(key), KubeletUrl::parse(image)) {
        (Some(k), Some(i)) => k.matches(&i),
        _ => false,
    }
}

/// A key or image as kubelet's `URLsMatchStr` parses it (`url.Parse("https://" + s)`): parse
/// once, match many times (`PullSecret` keeps one per entry).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KubeletUrl {
    host: String,
    port: String,
    path: String,
}

impl KubeletUrl {
    pub fn parse(s: &str) -> Option<KubeletUrl> {
        let mut u = String::with_capacity(s.len() + 8);
        u.push_str("https://");
        u.push_str(s);
        let url = parse_url(&u)?;
        let (host, port) = split_host_port(url.host);
        Some(KubeletUrl {
            host: host.into(),
            port: port.into(),
            path: url.path,
        })
    }

    /// The host, without the port.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The path (`/team` for `quay.io/team`; empty for a host alone).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The host has a pattern character (`*`, `?`, `[`, or `\`, an escape), so it may match
    /// hosts other than itself.
    pub fn host_is_pattern(&self) -> bool {
        self.host.contains(['*', '?', '[', '\\'])
    }

    /// `URLsMatchStr(self, image)`.
    pub fn matches(&self, image: &KubeletUrl) -> bool {
        let (kh, ih) = (&self.host, &image.host);
        if self.port != image.port
            || kh.split('.').count() != ih.split('.').count()
            || !image.path.starts_with(&self.path[..])
        {
            return false;
        }
        kh.split('.')
            .zip(ih.split('.'))
            .all(|(g, t)| glob_match(g, t) == Some(true))
    }
}

/// The key has glob characters in its host, which only kubelet honours.
pub fn is_glob(key: &str) -> bool {
    // Bytes, not `str` patterns: this runs for every key of a report.
    let b = key.as_bytes();
    let host = b
        .windows(3)
        .position(|w| w == b"://")
        .map_or(b, |i| &b[i + 3..]);
    host.iter()
        .take_while(|&&c| c != b'/')
        .any(|&c| matches!(c, b'*' | b'?' | b'['))
}

/// Go's `path/filepath.Match` on one host label, ported line for line (Go 1.16 and later:
/// `matchChunk` keeps parsing a chunk after a mismatch, and a pattern is checked to its end
/// before `false` is returned). `None`: a malformed pattern (`ErrBadPattern`; kubelet then treats
/// the key as not matching).
///
/// Go's algorithm is not a backtracking glob: each chunk after a `*` takes the first place it
/// matches (the last chunk, the first place that ends the name), so a pattern and a name cost at
/// most their lengths multiplied, whatever the stars; and its answers are kubelet's.
pub fn glob_match(pattern: &str, name: &str) -> Option<bool> {
    let (mut pattern, mut name) = (pattern.as_bytes(), name.as_bytes());
    'pattern: while !pattern.is_empty() {
        let (star, chunk, rest) = scan_chunk(pattern);
        pattern = rest;
        if star && chunk.is_empty() {
            // A trailing `*` matches the rest of the name unless it has a `/`.
            return Some(!name.contains(&b'/'));
        }
        // A match at the current place; the last chunk must also end the name.
        let (t, ok, bad) = match_chunk(chunk, name);
        if ok && (t.is_empty() || !pattern.is_empty()) {
            name = t;
            continue;
        }
        if bad {
            return None;
        }
        if star {
            // A match after skipping i+1 bytes; a `*` cannot skip a `/`.
            let mut i = 0;
            while i < name.len() && name[i] != b'/' {
                let (t, ok, bad) = match_chunk(chunk, &name[i + 1..]);
                if ok {
                    if pattern.is_empty() && !t.is_empty() {
                        i += 1;
                        continue;
                    }
                    name = t;
                    continue 'pattern;
                }
                if bad {
                    return None;
                }
                i += 1;
            }
        }
        // Before `false`, the rest of the pattern must be well-formed.
        while !pattern.is_empty() {
            let (_, chunk, rest) = scan_chunk(pattern);
            pattern = rest;
            if match_chunk(chunk, b"").2 {
                return None;
            }
        }
        return Some(false);
    }
    Some(name.is_empty())
}

/// `scanChunk`: the stars at the front, then the chunk up to the next `*` outside a class.
fn scan_chunk(mut pattern: &[u8]) -> (bool, &[u8], &[u8]) {
    let mut star = false;
    while pattern.first() == Some(&b'*') {
        pattern = &pattern[1..];
        star = true;
    }
    let mut in_range = false;
    let mut i = 0;
    while i < pattern.len() {
        match pattern[i] {
            // A trailing `\` is the chunk's error to find.
            b'\\' if i + 1 < pattern.len() => i += 1,
            b'[' => in_range = true,
            b']' => in_range = false,
            b'*' if !in_range => break,
            _ => {}
        }
        i += 1;
    }
    (star, &pattern[..i], &pattern[i..])
}

/// `matchChunk`: whether `chunk` (no `*`) matches the start of `s`, and the rest of `s`;
/// the third value is `ErrBadPattern`. After a mismatch the chunk is still parsed to its end.
fn match_chunk<'s>(mut chunk: &[u8], mut s: &'s [u8]) -> (&'s [u8], bool, bool) {
    const BAD: (&[u8], bool, bool) = (b"", false, true);
    let mut failed = false;
    while !chunk.is_empty() {
        failed |= s.is_empty();
        match chunk[0] {
            b'[' => {
                let mut r = 0u32;
                if !failed {
                    let (c, n) = decode_rune(s);
                    r = c;
                    s = &s[n..];
                }
                chunk = &chunk[1..];
                let negated = chunk.first() == Some(&b'^');
                if negated {
                    chunk = &chunk[1..];
                }
                let mut matched = false;
                let mut ranges = 0;
                loop {
                    if chunk.first() == Some(&b']') && ranges > 0 {
                        chunk = &chunk[1..];
                        break;
                    }
                    let Some((lo, rest)) = get_esc(chunk) else {
                        return BAD;
                    };
                    chunk = rest;
                    let mut hi = lo;
                    if chunk[0] == b'-' {
                        let Some((h, rest)) = get_esc(&chunk[1..]) else {
                            return BAD;
                        };
                        hi = h;
                        chunk = rest;
                    }
                    if lo <= r && r <= hi {
                        matched = true;
                    }
                    ranges += 1;
                }
                if matched == negated {
                    failed = true;
                }
            }
            b'?' => {
                if !failed {
                    if s[0] == b'/' {
                        failed = true;
                    }
                    s = &s[decode_rune(s).1..];
                }
                chunk = &chunk[1..];
            }
            c => {
                let c = if c == b'\\' {
                    chunk = &chunk[1..];
                    match chunk.first() {
                        Some(&c) => c,
                        None => return BAD,
                    }
                } else {
                    c
                };
                if !failed {
                    if c != s[0] {
                        failed = true;
                    }
                    s = &s[1..];
                }
                chunk = &chunk[1..];
            }
        }
    }
    if failed {
        (b"", false, false)
    } else {
        (s, true, false)
    }
}

/// `getEsc`: one character of a class, maybe escaped; `None` is `ErrBadPattern` (also when
/// nothing follows it: a class must be closed).
fn get_esc(chunk: &[u8]) -> Option<(u32, &[u8])> {
    if chunk.is_empty() || chunk[0] == b'-' || chunk[0] == b']' {
        return None;
    }
    let chunk = if chunk[0] == b'\\' {
        &chunk[1..]
    } else {
        chunk
    };
    if chunk.is_empty() {
        return None;
    }
    let (r, n) = decode_rune(chunk);
    let rest = &chunk[n..];
    let invalid = r == 0xFFFD && n == 1;
    (!invalid && !rest.is_empty()).then_some((r, rest))
}

/// `utf8.DecodeRuneInString`: the first character and its length; an invalid byte is U+FFFD of
/// length 1. `s` is not empty.
fn decode_rune(s: &[u8]) -> (u32, usize) {
    let len = match s[0] {
        0x00..=0x7F => return (u32::from(s[0]), 1),
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return (0xFFFD, 1),
    };
    match s.get(..len).and_then(|b| std::str::from_utf8(b).ok()) {
        Some(t) => (t.chars().next().map_or(0xFFFD, u32::from), len),
        None => (0xFFFD, 1),
    }
}

/// kubelet's default-registry test (`isDefaultRegistryMatch`) on a normalised image name.
pub fn kubelet_is_default_registry(image: &str) -> bool {
    let first = image.split('/').next().unwrap_or("");
    if first.is_empty() {
        return false;
    }
    if !image.contains('/') || first == "docker.io" || first == "index.docker.io" {
        return true;
    }
    !first.contains(['.', ':'])
}

// ---------------------------------------------------------------------------------------------
// containers/image
// ---------------------------------------------------------------------------------------------

/// `normalizeRegistry`: Docker Hub's aliases fold to `index.docker.io`.
pub fn containers_normalize_registry(registry: &str) -> &str {
    match registry {
        "registry-1.docker.io" | "docker.io" => "index.docker.io",
        r => r,
    }
}

/// `normalizeAuthFileKey`: strip `http://`, `https://`; only then (or for legacy files) cut the
/// path; fold Hub aliases. A schemeless key with a path stays a namespace key.
pub fn containers_normalize_key(key: &str, legacy: bool) -> &str {
    let a = key.strip_prefix("http://").unwrap_or(key);
    let b = a.strip_prefix("https://").unwrap_or(a);
    let host = if legacy || b.len() != key.len() {
        b.split('/').next().unwrap_or("")
    } else {
        b
    };
    containers_normalize_registry(host)
}

/// The keys containers/image tries verbatim, most specific first: `quay.io/a/b`, `quay.io/a`,
/// `quay.io` (legacy files: only the registry).
pub fn containers_lookup_order(name: &str, legacy: bool) -> Vec<&str> {
    let registry = name.split('/').next().unwrap_or(name);
    if legacy {
        return std::vec![registry];
    }
    let mut out = std::vec![name];
    let mut rest = name;
    while let Some(i) = rest.rfind('/') {
        rest = &rest[..i];
        out.push(rest);
    }
    out
}

/// `validateKey` of `podman login`/`SetCredentials`: the error, if the key cannot be written.
pub fn containers_key_problem(key: &str) -> Option<&'static str> {
    if key.starts_with("http://") || key.starts_with("https://") {
        return Some("podman login and containers/image refuse a key with an `http(s)://` prefix");
    }
    if key.contains('@') {
        return Some("podman login refuses a key with `@`");
    }
    let mut parts = key.splitn(2, '/');
    let _host = parts.next();
    if parts.next().is_some_and(|p| p.contains(':')) {
        return Some("podman login refuses a key with `:` after host[:port]");
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Docker CLI
// ---------------------------------------------------------------------------------------------

/// The key the Docker CLI reads and writes for Docker Hub.
pub const DOCKER_HUB_KEY: &str = "https://index.docker.io/v1/";

/// docker/cli `credentials.ConvertToHostname`: a URL's `host[:port]`, else the text before `/`.
pub fn docker_hostname(key: &str) -> Cow<'_, str> {
    if key.as_bytes().windows(3).any(|w| w == b"://") {
        if let Some(u) = parse_url(key) {
            let (h, p) = split_port(u.host);
            if !h.is_empty() {
                let mut s = String::new();
                let v6 = h.contains(':');
                if v6 && !p.is_empty() {
                    s.push('[');
                }
                s.push_str(h);
                if v6 && !p.is_empty() {
                    s.push(']');
                }
                if !p.is_empty() {
                    s.push(':');
                    s.push_str(p);
                }
                return Cow::Owned(s);
            }
        }
    }
    Cow::Borrowed(key.split('/').next().unwrap_or(""))
}

/// Go's `URL.Hostname()`/`Port()`.
fn split_port(host: &str) -> (&str, &str) {
    let (mut h, mut p) = (host, "");
    if let Some(i) = host.rfind(':') {
        if valid_optional_port(&host[i..]) {
            (h, p) = (&host[..i], &host[i + 1..]);
        }
    }
    if h.starts_with('[') && h.ends_with(']') {
        h = &h[1..h.len() - 1];
    }
    (h, p)
}

// ---------------------------------------------------------------------------------------------
// Across clients
// ---------------------------------------------------------------------------------------------

/// The Docker Hub spellings and who matches which, for the `key-hub-alias` diagnostic.
pub fn hub_alias(key: &str) -> Option<&'static str> {
    Some(match key {
        "https://index.docker.io/v1/" => return None, // the canonical key: every client uses it
        "docker.io" => "`docker.io` is used by kubelet and podman for Docker Hub images, not by docker (which reads only `https://index.docker.io/v1/`)",
        "index.docker.io" | "https://index.docker.io" | "http://index.docker.io" | "http://index.docker.io/v1/" | "https://index.docker.io/v2/" => {
            "this Docker Hub key is used by kubelet (default-registry fallback) and podman, not by docker (which reads only `https://index.docker.io/v1/`)"
        }
        "index.docker.io/v1/" | "index.docker.io/v1" => {
            "without a scheme, this Docker Hub key is used only by kubelet: podman reads it as a namespace, docker reads only `https://index.docker.io/v1/`"
        }
        "registry-1.docker.io" | "https://registry-1.docker.io" => {
            "for Docker Hub images (`docker.io/...`) `registry-1.docker.io` is used only by podman; kubelet and docker use it only for images written `registry-1.docker.io/...`"
        }
        _ => return None,
    })
}

/// The registry a key names, for finding keys that mean the same registry: scheme and `/v1/`,
/// `/v2/` dropped, Hub aliases folded to `docker.io`; a schemeless path is kept (a namespace).
pub fn registry_identity(key: &str) -> Cow<'_, str> {
    let a = key.strip_prefix("http://").unwrap_or(key);
    let b = a.strip_prefix("https://").unwrap_or(a);
    let had_scheme = b.len() != key.len();
    // A byte search: `str::find(char)` costs more than the scan on keys this short.
    let slash = b.bytes().position(|c| c == b'/');
    let (host, path) = slash.map_or((b, ""), |i| (&b[..i], &b[i..]));
    let path = if had_scheme || path.starts_with("/v1") || path.starts_with("/v2") {
        let p = path
            .strip_prefix("/v1")
            .or_else(|| path.strip_prefix("/v2"))
            .unwrap_or(path);
        if had_scheme {
            ""
        } else {
            p
        }
    } else {
        path
    };
    let path = path.trim_end_matches('/');
    let canonical = matches!(
        host,
        "index.docker.io" | "registry-1.docker.io" | "docker.io"
    );
    // Usually host and path are one run of `key`: borrow it (this runs twice per entry).
    if !canonical || host == "docker.io" {
        let start = host.as_ptr() as usize - key.as_ptr() as usize;
        let end = start + host.len();
        if path.is_empty() {
            return Cow::Borrowed(host);
        }
        if path.as_ptr() as usize - key.as_ptr() as usize == end {
            return Cow::Borrowed(&key[start..end + path.len()]);
        }
    }
    let mut s = String::from(if canonical { "docker.io" } else { host });
    s.push_str(path);
    Cow::Owned(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `path/filepath.Match` as Go answers (the cases of Go's own `TestMatch`; `None` is
    /// `ErrBadPattern`).
    #[test]
    fn glob_match_is_go_filepath_match() {
        let cases: &[(&str, &str, Option<bool>)] = &[
            ("abc", "abc", Some(true)),
            ("*", "abc", Some(true)),
            ("*c", "abc", Some(true)),
            ("a*", "a", Some(true)),
            ("a*", "abc", Some(true)),
            ("a*", "ab/c", Some(false)),
            ("a*/b", "abc/b", Some(true)),
            ("a*/b", "a/c/b", Some(false)),
            ("a*b*c*d*e*/f", "axbxcxdxe/f", Some(true)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/f", Some(true)),
            ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", Some(false)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/fff", Some(false)),
            ("a*b?c*x", "abxbbxdbxebxczzx", Some(true)),
            ("a*b?c*x", "abxbbxdbxebxczzy", Some(false)),
            ("ab[c]", "abc", Some(true)),
            ("ab[b-d]", "abc", Some(true)),
            ("ab[e-g]", "abc", Some(false)),
            ("ab[^c]", "abc", Some(false)),
            ("ab[^b-d]", "abc", Some(false)),
            ("ab[^e-g]", "abc", Some(true)),
            ("a\\*b", "a*b", Some(true)),
            ("a\\*b", "ab", Some(false)),
            ("a?b", "a\u{263a}b", Some(true)),
            ("a[^a]b", "a\u{263a}b", Some(true)),
            ("a???b", "a\u{263a}b", Some(false)),
            ("a[^a][^a][^a]b", "a\u{263a}b", Some(false)),
            ("[a-\u{3b6}]*", "\u{3b1}", Some(true)),
            ("*[a-\u{3b6}]", "A", Some(false)),
            ("a?b", "a/b", Some(false)),
            ("a*b", "a/b", Some(false)),
            ("[\\]a]", "]", Some(true)),
            ("[\\-]", "-", Some(true)),
            ("[x\\-]", "x", Some(true)),
            ("[x\\-]", "-", Some(true)),
            ("[x\\-]", "z", Some(false)),
            ("[\\-x]", "x", Some(true)),
            ("[\\-x]", "-", Some(true)),
            ("[\\-x]", "a", Some(false)),
            ("[]a]", "]", None),
            ("[-]", "-", None),
            ("[x-]", "x", None),
            ("[x-]", "-", None),
            ("[x-]", "z", None),
            ("[-x]", "x", None),
            ("[-x]", "-", None),
            ("[-x]", "a", None),
            ("\\", "a", None),
            ("[a-b-c]", "a", None),
            ("[", "a", None),
            ("[^", "a", None),
            ("[^bc", "a", None),
            ("a[", "a", None),
            ("a[", "ab", None),
            ("a[", "x", None),
            ("a/b[", "x", None),
            ("*x", "xxx", Some(true)),
            // Not in Go's table: a range written backwards matches nothing (no error), so its
            // negation matches everything.
            ("[z-a]", "m", Some(false)),
            ("[^z-a]", "m", Some(true)),
        ];
        for &(pattern, name, want) in cases {
            assert_eq!(
                glob_match(pattern, name),
                want,
                "Match({pattern:?}, {name:?})"
            );
        }
    }

    /// Many stars against a long label that almost matches: Go's chunk-by-chunk search costs
    /// the lengths multiplied (a backtracking glob takes exponential time here; the fuzzer's
    /// `verify` target found such a key).
    #[test]
    fn glob_match_with_many_stars_is_not_exponential() {
        let pattern = format!("{}b", "*a".repeat(40));
        let name = "a".repeat(4000);
        assert_eq!(glob_match(&pattern, &name), Some(false));
        assert!(!kubelet_matches(
            "r.***************est",
            &format!("r.test{}/x", "s".repeat(200))
        ));
    }

    /// The fast path for plain keys (borrowing the key) reads each key as `url.Parse` does
    /// with a scheme in front.
    #[test]
    fn kubelet_key_fast_path_is_the_url_reading() {
        for k in [
            "quay.io",
            "quay.io/",
            "quay.io/v1/",
            "quay.io/v2/",
            "quay.io/v1",
            "quay.io/v2/org",
            "quay.io/v2/org/",
            "quay.io/org/v1/x",
            "quay.io//",
            "r-1.example.com:5000",
            "r-1.example.com:5000/v1/ns/app",
            "r_1:5000/",
        ] {
            let url = format!("https://{k}");
            assert_eq!(kubelet_key(k), kubelet_key(&url), "{k}");
        }
    }

    #[test]
    fn kubelet_keys() {
        assert_eq!(
            kubelet_key("https://index.docker.io/v1/").as_deref(),
            Some("index.docker.io")
        );
        assert_eq!(
            kubelet_key("index.docker.io/v1/").as_deref(),
            Some("index.docker.io")
        );
        assert_eq!(
            kubelet_key("https://index.docker.io/v1").as_deref(),
            Some("index.docker.io/v1")
        );
        assert_eq!(
            kubelet_key("http://quay.io/v2/org").as_deref(),
            Some("quay.io/org")
        );
        assert_eq!(kubelet_key("quay.io:443").as_deref(), Some("quay.io:443"));
        assert_eq!(
            kubelet_key("*.example.com").as_deref(),
            Some("*.example.com")
        );
        assert_eq!(kubelet_key("bad host"), None);
        assert_eq!(kubelet_key("host:port"), None);
    }

    #[test]
    fn kubelet_matching() {
        assert!(kubelet_matches("quay.io", "quay.io/org/app"));
        assert!(kubelet_matches("*.example.com", "a.example.com/x"));
        assert!(!kubelet_matches("*.example.com", "example.com/x"));
        assert!(!kubelet_matches("registry:5000", "registry/x"));
        assert!(kubelet_matches(
            "bar.example.com/pong",
            "bar.example.com/pongz"
        ));
        assert!(!kubelet_matches("quay.io/org", "quay.io/other/app"));
        assert!(kubelet_matches("*.*.io", "a.b.io/x"));
        assert!(kubelet_matches("r[ab].io", "ra.io/x"));
        assert!(!kubelet_matches("r[^ab].io", "ra.io/x"));
        // Go's url.Parse reads a leading `[` as an IPv6 literal and fails: kubelet ignores the key.
        assert!(!kubelet_matches("[ab].io", "a.io/x"));
    }

    #[test]
    fn containers_keys() {
        assert_eq!(
            containers_normalize_key("https://index.docker.io/v1/", false),
            "index.docker.io"
        );
        assert_eq!(
            containers_normalize_key("docker.io", false),
            "index.docker.io"
        );
        assert_eq!(
            containers_normalize_key("index.docker.io/v1/", false),
            "index.docker.io/v1/"
        );
        assert_eq!(
            containers_lookup_order("quay.io/a/b", false),
            ["quay.io/a/b", "quay.io/a", "quay.io"]
        );
    }

    #[test]
    fn docker_hostnames() {
        assert_eq!(docker_hostname("https://example.com/v2/"), "example.com");
        assert_eq!(docker_hostname("http://h:5000/x"), "h:5000");
        assert_eq!(docker_hostname("quay.io/ns"), "quay.io");
    }

    #[test]
    fn identities() {
        assert_eq!(
            registry_identity("https://index.docker.io/v1/"),
            "docker.io"
        );
        assert_eq!(
            registry_identity("quay.io"),
            registry_identity("https://quay.io")
        );
        assert_eq!(registry_identity("quay.io/ns"), "quay.io/ns");
    }
}
