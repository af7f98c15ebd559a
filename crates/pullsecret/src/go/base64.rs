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

use base64::alphabet::{self, Alphabet};
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use std::borrow::Cow;

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
    let text: Cow<'_, [u8]> = if crate::syntax::lines::has_line_break(text.as_bytes()) {
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
