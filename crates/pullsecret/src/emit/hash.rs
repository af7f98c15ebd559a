//! `--append-hash`: the name suffix kubectl derives from a Secret's content.
//!
//! kubectl (`pkg/util/hash/hash.go` `SecretHash`) marshals `{"data", "kind", "name", "type"}` with
//! Go's `json.Marshal` (keys sorted, `data` values as padded base64), takes the SHA-256 hex digest,
//! keeps its first 10 characters and maps `0 1 3 a e` to `g h k m t` so that no word forms. The name
//! becomes `NAME-HASH`. Labels, annotations and the namespace do not take part.
//!
//! SHA-256 comes from the `sha2` crate (RustCrypto).

use crate::go::json::Writer;
use sha2::{Digest, Sha256};

/// kubectl's `SecretHash` for a Secret named `name` of type `secret_type` whose `data` holds one
/// key, `key`, with the base64 value `value_b64` (a pull secret has exactly one; with one key the
/// sorted `data` map is just that key).
pub fn secret_hash(name: &str, secret_type: &str, key: &str, value_b64: &str) -> String {
    let mut w = Writer::new();
    w.begin_object()
        .key("data")
        .begin_object()
        .field(key, value_b64)
        .end_object()
        .field("kind", "Secret")
        .field("name", name)
        .field("type", secret_type)
        .end_object();
    encode_hash(&Sha256::digest(w.finish().as_bytes()))
}

/// kubectl's `encodeHash`: the first 10 hex digits with `0 1 3 a e` replaced by `g h k m t`.
fn encode_hash(digest: &[u8]) -> String {
    hex(&digest[..5])
        .chars()
        .map(|c| match c {
            '0' => 'g',
            '1' => 'h',
            '3' => 'k',
            'a' => 'm',
            'e' => 't',
            c => c,
        })
        .collect()
}

/// Lower-case hex of `bytes` (digests), as Go's `hex.EncodeToString`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_hash_maps_vowel_like_digits() {
        // Only the first 10 hex digits count; 0 1 3 a e are replaced, every other digit kept.
        let mut d = [0u8; 32];
        d[..5].copy_from_slice(&[0x01, 0x23, 0x45, 0x67, 0x89]);
        assert_eq!(encode_hash(&d), "gh2k456789");
        d[..5].copy_from_slice(&[0xab, 0xcd, 0xef, 0x0a, 0xe1]);
        assert_eq!(encode_hash(&d), "mbcdtfgmth");
    }

    #[test]
    fn secret_hash_matches_kubectl() {
        // kubectl create secret docker-registry foo --docker-username=u --docker-password=p --append-hash
        // prints name foo-528c48bb86 (kubectl 1.32, 1.33, 1.34, 1.37).
        let data = "eyJhdXRocyI6eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiYXV0aCI6ImRUcHcifX19";
        assert_eq!(
            secret_hash(
                "foo",
                "kubernetes.io/dockerconfigjson",
                ".dockerconfigjson",
                data
            ),
            "528c48bb86"
        );
    }
}
