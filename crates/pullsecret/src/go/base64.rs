//! Base64 the way Go's `encoding/base64` decodes it.
//!
//! Every reference tool is written in Go, and Go's decoders differ from most others in ways that
//! decide whether a pull works: `\r` and `\n` are skipped anywhere, padding is mandatory for
//! `StdEncoding` and forbidden for `RawStdEncoding`, non-zero trailing bits are accepted, and
//! nothing else (no spaces, no URL-safe alphabet) is tolerated.

//!
//! Hand-written rather than the `base64` crate: these rules are the whole point, they take a page,
//! and the crate's general engines cost 7 KiB of the wasm package.

/// A Go `base64.Encoding` as far as decoding goes: alphabet and padding rule.
pub struct Engine {
    url_safe: bool,
    padding: Padding,
}

#[derive(PartialEq, Eq)]
enum Padding {
    /// `StdEncoding`: a final partial quantum must be padded with `=`.
    Required,
    /// `RawStdEncoding`: `=` is not allowed.
    Forbidden,
    /// Either (only used to recognise URL-safe text, which no Go client accepts).
    Any,
}

/// `base64.StdEncoding` (padding required).
pub const STD: Engine = Engine {
    url_safe: false,
    padding: Padding::Required,
};
/// `base64.RawStdEncoding` (no padding allowed).
pub const RAW_STD: Engine = Engine {
    url_safe: false,
    padding: Padding::Forbidden,
};
/// URL-safe alphabet, either padding (only to recognise the mistake, no Go tool accepts it).
pub const URL_SAFE_ANY: Engine = Engine {
    url_safe: true,
    padding: Padding::Any,
};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Padded standard base64 of `bytes`, as Go's `StdEncoding.EncodeToString`.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16
            | (*chunk.get(1).unwrap_or(&0) as u32) << 8
            | *chunk.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                ALPHABET[(n >> (18 - 6 * i) & 63) as usize]
            } else {
                b'='
            });
        }
    }
    out.into_iter().map(char::from).collect()
}

/// The `auth` value of an entry: padded base64 of the UTF-8 `user:password`, as kubectl,
/// podman and docker write it.
pub fn basic(user: &str, pass: &str) -> String {
    let mut s = String::with_capacity(user.len() + pass.len() + 1);
    s.push_str(user);
    s.push(':');
    s.push_str(pass);
    encode(s.as_bytes())
}

impl Engine {
    fn value(&self, c: u8) -> Option<u8> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' if !self.url_safe => 62,
            b'/' if !self.url_safe => 63,
            b'-' if self.url_safe => 62,
            b'_' if self.url_safe => 63,
            _ => return None,
        })
    }

    /// Decodes as Go's `DecodeString` does (non-strict: trailing bits need not be zero).
    fn decode(&self, text: &[u8]) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
        let (mut acc, mut n) = (0u32, 0usize);
        let mut i = 0;
        while i < text.len() {
            let c = text[i];
            i += 1;
            if c == b'=' {
                // Padding ends the input: it must complete a quantum of 2 or 3 symbols, and
                // only line breaks may follow.
                if self.padding == Padding::Forbidden || n < 2 {
                    return None;
                }
                let mut need = 4 - n - 1;
                while need > 0 {
                    match text.get(i) {
                        Some(b'=') => need -= 1,
                        Some(b'\r' | b'\n') => {}
                        _ => return None,
                    }
                    i += 1;
                }
                if text[i..].iter().any(|&c| c != b'\r' && c != b'\n') {
                    return None;
                }
                return Some(flush(out, acc, n));
            }
            let v = self.value(c);
            match v {
                Some(v) => {
                    acc = acc << 6 | v as u32;
                    n += 1;
                    if n == 4 {
                        out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
                        (acc, n) = (0, 0);
                    }
                }
                None if c == b'\r' || c == b'\n' => {}
                None => return None,
            }
        }
        match n {
            0 => Some(out),
            1 => None,
            _ if self.padding == Padding::Required => None,
            _ => Some(flush(out, acc, n)),
        }
    }
}

/// Appends the bytes of a final partial quantum of `n` (2 or 3) symbols.
fn flush(mut out: Vec<u8>, acc: u32, n: usize) -> Vec<u8> {
    let acc = acc << (6 * (4 - n) as u32);
    out.push((acc >> 16) as u8);
    if n == 3 {
        out.push((acc >> 8) as u8);
    }
    out
}

/// Decodes like a Go decoder: line breaks anywhere are ignored.
pub fn decode_go(engine: &Engine, text: &str) -> Option<Vec<u8>> {
    engine.decode(text.as_bytes())
}

/// How a credential `auth` field decodes, per the rules each client uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthDecoding {
    /// Padded standard base64: every client can read it.
    Std(Vec<u8>),
    /// Valid only without padding: kubelet reads it (it picks `RawStdEncoding` when the text does
    /// not end in `=`), containers/image and docker fail.
    Unpadded(Vec<u8>),
    /// URL-safe alphabet (`-`, `_`): no client reads it.
    UrlSafe(Vec<u8>),
    /// Not base64 at all.
    Invalid,
}

/// kubelet's `decodeDockerConfigFieldAuth` choice: `StdEncoding` when the trimmed text ends in
/// `=`, else `RawStdEncoding`. Returns the bytes kubelet would get.
pub fn kubelet_decode(text: &str) -> Option<Vec<u8>> {
    if text.trim().ends_with('=') {
        decode_go(&STD, text)
    } else {
        decode_go(&RAW_STD, text)
    }
}

pub fn classify_auth(text: &str) -> AuthDecoding {
    if let Some(b) = decode_go(&STD, text) {
        return AuthDecoding::Std(b);
    }
    // Short garbage ("bad") is valid unpadded base64 too; call it unpadded only when it decodes
    // to something credential-shaped, else it is simply not base64 for every client.
    if let Some(b) = kubelet_decode(text).filter(|b| b.contains(&b':')) {
        return AuthDecoding::Unpadded(b);
    }
    if text.bytes().any(|c| c == b'-' || c == b'_') {
        if let Some(b) = decode_go(&URL_SAFE_ANY, text) {
            return AuthDecoding::UrlSafe(b);
        }
    }
    AuthDecoding::Invalid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_semantics() {
        assert_eq!(decode_go(&STD, "dTpw").unwrap(), b"u:p");
        assert_eq!(decode_go(&STD, "dTpw\r\ncQ==").unwrap(), b"u:pq");
        assert!(decode_go(&STD, "dTpwcQ").is_none());
        assert_eq!(decode_go(&RAW_STD, "dTpwcQ").unwrap(), b"u:pq");
        assert!(decode_go(&RAW_STD, "dTpwcQ==").is_none());
        assert!(decode_go(&STD, "dTpw ").is_none());
        // trailing bits not zero: Go accepts
        assert_eq!(decode_go(&STD, "dTpwcR==").unwrap(), b"u:pq");
        assert_eq!(
            classify_auth("dTpwcQ"),
            AuthDecoding::Unpadded(b"u:pq".to_vec())
        );
        assert_eq!(
            classify_auth("-_-_"),
            AuthDecoding::UrlSafe(vec![0xfb, 0xff, 0xbf])
        );
        assert_eq!(classify_auth("bad"), AuthDecoding::Invalid);
        assert_eq!(kubelet_decode("dTpwcQ==").unwrap(), b"u:pq".to_vec());
        assert!(kubelet_decode("dTpw ").is_none());
    }

    #[test]
    fn rfc4648_and_go_edge_cases() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), enc);
            assert_eq!(decode_go(&STD, enc).unwrap(), plain.as_bytes());
            assert_eq!(
                decode_go(&RAW_STD, enc.trim_end_matches('=')).unwrap(),
                plain.as_bytes()
            );
        }
        let all: Vec<u8> = (0..=255u8).collect();
        for n in 0..all.len() {
            assert_eq!(decode_go(&STD, &encode(&all[..n])).unwrap(), &all[..n]);
        }
        // Go: line breaks are skipped anywhere, also inside the padding.
        assert_eq!(decode_go(&STD, "Zg=\r\n=\n").unwrap(), b"f");
        for bad in [
            "Zg=", "Z", "Zg==Zg==", "Zg==x", "Zm8==", "=", "Zm9v=", "Zm 9v",
        ] {
            assert!(decode_go(&STD, bad).is_none(), "{bad}");
        }
        assert!(decode_go(&RAW_STD, "Z").is_none());
        assert!(decode_go(&RAW_STD, "Zg==").is_none());
        assert_eq!(decode_go(&URL_SAFE_ANY, "-_8").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(decode_go(&URL_SAFE_ANY, "-_8=").unwrap(), vec![0xfb, 0xff]);
    }
}
