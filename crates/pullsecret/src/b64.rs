//! Base64 the way Go's `encoding/base64` decodes it.
//!
//! Every reference tool is written in Go, and Go's decoders differ from most others in ways that
//! decide whether a pull works: `\r` and `\n` are skipped anywhere, padding is mandatory for
//! `StdEncoding` and forbidden for `RawStdEncoding`, non-zero trailing bits are accepted, and
//! nothing else (no spaces, no URL-safe alphabet) is tolerated.

use alloc::string::String;
use alloc::vec::Vec;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;

const LENIENT_BITS: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true);

/// `base64.StdEncoding` (padding required).
pub const STD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    LENIENT_BITS.with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
);
/// `base64.RawStdEncoding` (no padding allowed).
pub const RAW_STD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    LENIENT_BITS.with_decode_padding_mode(DecodePaddingMode::RequireNone),
);
/// URL-safe alphabet, either padding (only to recognise the mistake, no Go tool accepts it).
pub const URL_SAFE_ANY: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    LENIENT_BITS.with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Padded standard base64 of `bytes`, as Go's `StdEncoding.EncodeToString`.
pub fn encode(bytes: &[u8]) -> String {
    STD.encode(bytes)
}

/// Decodes like a Go decoder: line breaks anywhere are ignored.
pub fn decode_go(engine: &GeneralPurpose, text: &str) -> Option<Vec<u8>> {
    if text.bytes().any(|c| c == b'\r' || c == b'\n') {
        let cleaned: Vec<u8> = text.bytes().filter(|&c| c != b'\r' && c != b'\n').collect();
        engine.decode(cleaned).ok()
    } else {
        engine.decode(text).ok()
    }
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
}
