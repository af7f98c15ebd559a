//! `WWW-Authenticate`: the challenges a registry answers `401` with (RFC 7235 §4.1), read as
//! docker's `registry/challenge` and containers/image's `parseAuthHeader` read them.
//!
//! Why it is written here: it is one small grammar (scheme, then `token68` or
//! `name=value` pairs with quoted strings), and the flow needs only the scheme and the `realm`,
//! `service`, `scope` and `error` parameters; the crates that parse it pull in an HTTP stack the
//! core must not have. Linear in the header; never fails (an unreadable part is skipped, as the
//! Go parsers skip it).
//!
//! May use: nothing but `std`.

/// One challenge: `Bearer realm="…",service="…"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    /// Lower-cased (`basic`, `bearer`).
    pub scheme: String,
    /// Names lower-cased, values unquoted, in header order.
    pub params: Vec<(String, String)>,
}

impl Challenge {
    /// A parameter's value (names are case-insensitive).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every challenge of every `WWW-Authenticate` header, in order.
pub fn parse_all<'h>(headers: impl IntoIterator<Item = &'h str>) -> Vec<Challenge> {
    let mut out = Vec::new();
    for h in headers {
        parse_into(h, &mut out);
    }
    out
}

fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn skip_ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t') {
            self.i += 1;
        }
    }
    fn token(&mut self) -> &'a [u8] {
        let start = self.i;
        while self.i < self.s.len() && is_tchar(self.s[self.i]) {
            self.i += 1;
        }
        &self.s[start..self.i]
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    /// A quoted string after its opening quote: `\` escapes the next byte.
    fn quoted(&mut self) -> Vec<u8> {
        let mut v = Vec::new();
        while let Some(b) = self.peek() {
            self.i += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    if let Some(n) = self.peek() {
                        v.push(n);
                        self.i += 1;
                    }
                }
                _ => v.push(b),
            }
        }
        v
    }
    /// Skips to just after the next `,` (or the end).
    fn skip_item(&mut self) {
        while let Some(b) = self.peek() {
            self.i += 1;
            if b == b',' {
                break;
            }
        }
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn parse_into(header: &str, out: &mut Vec<Challenge>) {
    let mut c = Cursor {
        s: header.as_bytes(),
        i: 0,
    };
    loop {
        // Empty list elements (`, ,`) are allowed.
        while matches!(c.peek(), Some(b' ' | b'\t' | b',')) {
            c.i += 1;
        }
        if c.peek().is_none() {
            return;
        }
        let scheme = c.token();
        if scheme.is_empty() {
            c.skip_item();
            continue;
        }
        let mut challenge = Challenge {
            scheme: text(scheme).to_ascii_lowercase(),
            params: Vec::new(),
        };
        c.skip_ws();
        // Parameters until the next scheme: a token not followed by `=`.
        loop {
            while matches!(c.peek(), Some(b' ' | b'\t' | b',')) {
                c.i += 1;
            }
            let at = c.i;
            let name = c.token();
            if name.is_empty() {
                if c.peek().is_some() {
                    // token68 or stray bytes: not used by the flow.
                    c.skip_item();
                    continue;
                }
                break;
            }
            c.skip_ws();
            if c.peek() != Some(b'=') {
                // The next challenge's scheme.
                c.i = at;
                break;
            }
            c.i += 1;
            // token68 padding (`abc==`) is not a parameter.
            if matches!(c.peek(), Some(b'=' | b',') | None) {
                while c.peek() == Some(b'=') {
                    c.i += 1;
                }
                continue;
            }
            c.skip_ws();
            let value = if c.peek() == Some(b'"') {
                c.i += 1;
                c.quoted()
            } else {
                c.token().to_vec()
            };
            challenge
                .params
                .push((text(name).to_ascii_lowercase(), text(&value)));
        }
        out.push(challenge);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(h: &str) -> Challenge {
        let mut v = parse_all([h]);
        assert_eq!(v.len(), 1, "{h}: {v:?}");
        v.remove(0)
    }

    #[test]
    fn distribution_spec_examples() {
        // docs/spec/auth/token.md, "How to authenticate".
        let c = one(
            r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push""#,
        );
        assert_eq!(c.scheme, "bearer");
        assert_eq!(c.param("realm"), Some("https://auth.docker.io/token"));
        assert_eq!(c.param("service"), Some("registry.docker.io"));
        assert_eq!(
            c.param("scope"),
            Some("repository:samalba/my-app:pull,push")
        );
        // The registry's answer to a token without access.
        let c = one(
            r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull",error="insufficient_scope""#,
        );
        assert_eq!(c.param("error"), Some("insufficient_scope"));
        // The htpasswd registry.
        let c = one(r#"Basic realm="Registry Realm""#);
        assert_eq!(
            (c.scheme.as_str(), c.param("realm")),
            ("basic", Some("Registry Realm"))
        );
    }

    #[test]
    fn several_challenges_spaces_case_and_escapes() {
        let v = parse_all([
            r#"Basic realm="a, b" , BEARER Realm = "https://x/t?a=1" ,service=reg, Negotiate"#,
            r#"Bearer realm="say \"hi\"""#,
        ]);
        let schemes: Vec<&str> = v.iter().map(|c| c.scheme.as_str()).collect();
        assert_eq!(schemes, ["basic", "bearer", "negotiate", "bearer"]);
        assert_eq!(v[0].param("realm"), Some("a, b"));
        assert_eq!(v[1].param("realm"), Some("https://x/t?a=1"));
        assert_eq!(v[1].param("service"), Some("reg"));
        assert_eq!(v[3].param("realm"), Some(r#"say "hi""#));
    }

    #[test]
    fn token68_and_garbage_never_fail() {
        let v = parse_all(["Negotiate abc==, Basic realm=x"]);
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].param("realm"), Some("x"));
        for h in [
            "",
            ",,,",
            "\"",
            "=",
            "Bearer realm=\"unterminated",
            "Basic ===",
            "é",
        ] {
            let _ = parse_all([h]);
        }
        assert!(parse_all([""]).is_empty());
    }
}
