//! Base64 the way Go's `encoding/base64` decodes it.
//!
//! Every reference tool is written in Go, and Go's decoders differ from most others in ways that
//! decide whether a pull works: `\r` and `\n` are skipped anywhere, padding is mandatory for
//! `StdEncoding` and forbidden for `RawStdEncoding`, non-zero trailing bits are accepted, and
//! nothing else (no spaces, no URL-safe alphabet) is tolerated.
//!
//! The `base64` crate does the coding: its engines are configured per Go encoding (alphabet,
//! padding required or forbidden, trailing bits allowed, as Go without `.Strict()`). The one Go
//! rule the crate has no setting for is added here: `\r` and `\n` are removed wherever they
//! stand, even inside the padding, before the crate decodes.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use base64::alphabet::{self, Alphabet};
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;

/// A Go `base64.Encoding` as far as decoding goes: the `base64` engines tried in turn; the
/// first that decodes wins.
pub struct Engine(&'static [GeneralPurpose]);

/// A `base64` engine for `alphabet` with Go's non-strict decoding and the given padding rule.
const fn go(alphabet: &Alphabet, padding: DecodePaddingMode) -> GeneralPurpose {
    GeneralPurpose::new(
        alphabet,
        GeneralPurposeConfig::new()
            .with_encode_padding(true)
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(padding),
    )
}

/// `base64.StdEncoding` (padding required).
pub const STD: Engine = Engine(&[go(&alphabet::STANDARD, DecodePaddingMode::RequireCanonical)]);
/// `base64.RawStdEncoding` (no padding allowed).
pub const RAW_STD: Engine = Engine(&[go(&alphabet::STANDARD, DecodePaddingMode::RequireNone)]);
/// URL-safe alphabet, either complete padding or none (only to recognise the mistake, no Go
/// tool accepts it). Not `Indifferent`: that would also take partial padding (`Zg=`).
pub const URL_SAFE_ANY: Engine = Engine(&[
    go(&alphabet::URL_SAFE, DecodePaddingMode::RequireCanonical),
    go(&alphabet::URL_SAFE, DecodePaddingMode::RequireNone),
]);

/// Padded standard base64 of `bytes`, as Go's `StdEncoding.EncodeToString`.
pub fn encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
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

/// Decodes like a Go decoder (`DecodeString`, non-strict): line breaks anywhere are ignored.
pub fn decode_go(engine: &Engine, text: &str) -> Option<Vec<u8>> {
    let line_break = |c: &u8| *c == b'\r' || *c == b'\n';
    let text: Cow<'_, [u8]> = if text.as_bytes().iter().any(line_break) {
        Cow::Owned(text.bytes().filter(|c| !line_break(c)).collect())
    } else {
        Cow::Borrowed(text.as_bytes())
    };
    engine.0.iter().find_map(|e| e.decode(&text).ok())
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

/// The hand-written decoder this module had before it used the `base64` crate, kept only for
/// the differential test below.
#[cfg(test)]
#[allow(dead_code)]
mod old {
    use alloc::string::String;
    use alloc::vec::Vec;

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
                            out.extend_from_slice(&[
                                (acc >> 16) as u8,
                                (acc >> 8) as u8,
                                acc as u8,
                            ]);
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
}

#[cfg(test)]
mod differential {
    use super::*;

    /// The old decoder's `kubelet_decode` and `classify_auth`, on its engines.
    fn old_kubelet(text: &str) -> Option<Vec<u8>> {
        if text.trim().ends_with('=') {
            old::decode_go(&old::STD, text)
        } else {
            old::decode_go(&old::RAW_STD, text)
        }
    }

    fn old_classify(text: &str) -> AuthDecoding {
        if let Some(b) = old::decode_go(&old::STD, text) {
            return AuthDecoding::Std(b);
        }
        if let Some(b) = old_kubelet(text).filter(|b| b.contains(&b':')) {
            return AuthDecoding::Unpadded(b);
        }
        if text.bytes().any(|c| c == b'-' || c == b'_') {
            if let Some(b) = old::decode_go(&old::URL_SAFE_ANY, text) {
                return AuthDecoding::UrlSafe(b);
            }
        }
        AuthDecoding::Invalid
    }

    fn same(text: &str) {
        for (new, old) in [
            (&STD, &old::STD),
            (&RAW_STD, &old::RAW_STD),
            (&URL_SAFE_ANY, &old::URL_SAFE_ANY),
        ] {
            assert_eq!(decode_go(new, text), old::decode_go(old, text), "{text:?}");
        }
        assert_eq!(kubelet_decode(text), old_kubelet(text), "{text:?}");
        assert_eq!(classify_auth(text), old_classify(text), "{text:?}");
    }

    /// Every string of length `0..=max` over `symbols`.
    fn all_strings(symbols: &[&str], max: usize) {
        let mut idx: Vec<usize> = Vec::new();
        loop {
            let s: String = idx.iter().map(|&i| symbols[i]).collect();
            same(&s);
            // next: odometer over `symbols`, growing the length when it wraps
            let mut k = 0;
            loop {
                if k == idx.len() {
                    if idx.len() == max {
                        return;
                    }
                    idx.push(0);
                    break;
                }
                idx[k] += 1;
                if idx[k] < symbols.len() {
                    break;
                }
                idx[k] = 0;
                k += 1;
            }
        }
    }

    #[test]
    fn exhaustive_short_inputs() {
        // values 0 and 1 (trailing bits zero / not), 16 and 48 (bits in the middle), both
        // alphabets' 62 and 63, padding, line breaks, a space, a non-ASCII letter.
        all_strings(
            &[
                "A", "B", "Q", "w", "+", "/", "-", "_", "=", "\r", "\n", " ", "\u{e9}",
            ],
            5,
        );
        all_strings(&["A", "B", "/", "_", "=", "\n"], 8);
    }

    /// A fixed xorshift generator: the same cases on every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn random_inputs_and_mutated_encodings() {
        const SYMBOLS: &[u8] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=\r\n \t.:";
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..100_000 {
            // Random text over the symbols.
            let len = rng.below(24);
            let s: String = (0..len)
                .map(|_| SYMBOLS[rng.below(SYMBOLS.len())] as char)
                .collect();
            same(&s);
            // The encoding of random bytes, then mutated the ways real files go wrong.
            let bytes: Vec<u8> = (0..rng.below(40)).map(|_| rng.next() as u8).collect();
            let enc = encode(&bytes);
            assert_eq!(enc, old_encode(&bytes));
            let mut m: Vec<u8> = enc.clone().into_bytes();
            for _ in 0..rng.below(4) {
                let at = rng.below(m.len() + 1);
                match rng.below(7) {
                    0 => m.splice(at..at, *b"\r\n").for_each(drop),
                    1 => m.insert(at, b'\n'),
                    2 => m.push(b'='),
                    3 => {
                        while m.last() == Some(&b'=') {
                            m.pop();
                        }
                    }
                    4 if at < m.len() => m[at] = SYMBOLS[rng.below(SYMBOLS.len())],
                    5 if at < m.len() => {
                        m.remove(at);
                    }
                    // set trailing bits of the last symbol before the padding
                    _ => {
                        let end = m.iter().rposition(|&c| c != b'=').unwrap_or(0);
                        if let Some(c) = m.get_mut(end) {
                            *c = SYMBOLS[rng.below(64)];
                        }
                    }
                }
            }
            same(core::str::from_utf8(&m).unwrap());
        }
    }

    fn old_encode(bytes: &[u8]) -> String {
        old::encode(bytes)
    }

    #[test]
    fn encode_matches_on_every_length_and_byte() {
        let all: Vec<u8> = (0..=255u8).rev().chain(0..=255u8).collect();
        for n in 0..all.len() {
            assert_eq!(encode(&all[..n]), old::encode(&all[..n]));
            assert_eq!(encode(&all[n..]), old::encode(&all[n..]));
        }
    }
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
