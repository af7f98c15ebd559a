//! `--append-hash`: the name suffix kubectl derives from a Secret's content.
//!
//! kubectl (`pkg/util/hash/hash.go` `SecretHash`) marshals `{"data", "kind", "name", "type"}` with
//! Go's `json.Marshal` (keys sorted, `data` values as padded base64), takes the SHA-256 hex digest,
//! keeps its first 10 characters and maps `0 1 3 a e` to `g h k m t` so that no word forms. The name
//! becomes `NAME-HASH`. Labels, annotations and the namespace do not take part.
//!
//! SHA-256 is written out here (FIPS 180-4) rather than taken from a crate: it is ~60 lines and
//! keeps the WebAssembly package small; the tests check it against the standard test vectors.

use crate::gojson::Writer;
use alloc::string::String;

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

const H0: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

fn compress(h: &mut [u32; 8], block: &[u8]) {
    let mut w = [0u32; 64];
    for (i, c) in block.chunks_exact(4).enumerate() {
        w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
    }
    for i in 16..64 {
        let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
        let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16]
            .wrapping_add(s0)
            .wrapping_add(w[i - 7])
            .wrapping_add(s1);
    }
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = *h;
    for i in 0..64 {
        let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let ch = (e & f) ^ (!e & g);
        let t1 = hh
            .wrapping_add(s1)
            .wrapping_add(ch)
            .wrapping_add(K[i])
            .wrapping_add(w[i]);
        let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        let t2 = s0.wrapping_add(maj);
        hh = g;
        g = f;
        f = e;
        e = d.wrapping_add(t1);
        d = c;
        c = b;
        b = a;
        a = t1.wrapping_add(t2);
    }
    for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
        *x = x.wrapping_add(y);
    }
}

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    let mut h = H0;
    let mut chunks = data.chunks_exact(64);
    for block in &mut chunks {
        compress(&mut h, block);
    }
    let rest = chunks.remainder();
    let mut tail = [0u8; 128];
    tail[..rest.len()].copy_from_slice(rest);
    tail[rest.len()] = 0x80;
    let len = if rest.len() < 56 { 64 } else { 128 };
    tail[len - 8..len].copy_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in tail[..len].chunks_exact(64) {
        compress(&mut h, block);
    }
    let mut out = [0u8; 32];
    for (o, v) in out.chunks_exact_mut(4).zip(h) {
        o.copy_from_slice(&v.to_be_bytes());
    }
    out
}

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
    encode_hash(&sha256(w.finish().as_bytes()))
}

/// kubectl's `encodeHash`: the first 10 hex digits with `0 1 3 a e` replaced by `g h k m t`.
fn encode_hash(digest: &[u8; 32]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    digest[..5]
        .iter()
        .flat_map(|b| [b >> 4, b & 15])
        .map(|n| match HEX[n as usize] {
            b'0' => 'g',
            b'1' => 'h',
            b'3' => 'k',
            b'a' => 'm',
            b'e' => 't',
            c => c as char,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(d: &[u8]) -> String {
        d.iter().map(|b| alloc::format!("{b:02x}")).collect()
    }

    #[test]
    fn sha256_standard_vectors() {
        // FIPS 180-4 examples and the NIST SHAVS boundary lengths.
        let cases: [(&[u8], &str); 4] = [
            (
                b"",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                b"abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
            (
                b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(hex(&sha256(input)), want);
        }
        let million_a = alloc::vec![b'a'; 1_000_000];
        assert_eq!(
            hex(&sha256(&million_a)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

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
