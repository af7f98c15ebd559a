//! SHA-512 and SHA-256, hand-written (FIPS 180-4).
//!
//! Butane/Ignition verify a remote file with `verification.hash: sha512-<hex>`; pullsecret prints
//! that hash next to the file it belongs to. kubectl's `--append-hash` names a Secret after the
//! SHA-256 of its content (`hash.rs`). A hash crate would cost more WebAssembly than this page of
//! code (measured for `sha2`: +0.7 KiB gzip), and only one-shot digests are needed. SHA-256's
//! constants are the upper 32 bits of SHA-512's first 64 (FIPS 180-4 §4.2.2, §4.2.3, §5.3.3, §5.3.5),
//! so the tables are shared.

const K: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

const H0: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

/// A SHA-2 compression function and its one-shot digest (FIPS 180-4 §6.2 and §6.4): SHA-256 and
/// SHA-512 differ only in the word type, the number of rounds, the rotation amounts, the round
/// constants and the width of the length field.
macro_rules! sha2 {
    (
        $(#[$doc:meta])* $digest:ident, $compress:ident, $w:ty, $len:ty, $rounds:expr,
        k: $k:expr, h0: $h0:expr,
        sigma0: [$a0:expr, $a1:expr, $a2:expr], sigma1: [$b0:expr, $b1:expr, $b2:expr],
        big_sigma0: [$c0:expr, $c1:expr, $c2:expr], big_sigma1: [$d0:expr, $d1:expr, $d2:expr]
    ) => {
        fn $compress(h: &mut [$w; 8], block: &[u8]) {
            const N: usize = std::mem::size_of::<$w>();
            let mut w = [0 as $w; $rounds];
            for (i, c) in block.chunks_exact(N).enumerate() {
                let mut b = [0u8; N];
                b.copy_from_slice(c);
                w[i] = <$w>::from_be_bytes(b);
            }
            for i in 16..$rounds {
                let s0 = w[i - 15].rotate_right($a0) ^ w[i - 15].rotate_right($a1) ^ (w[i - 15] >> $a2);
                let s1 = w[i - 2].rotate_right($b0) ^ w[i - 2].rotate_right($b1) ^ (w[i - 2] >> $b2);
                w[i] = w[i - 16]
                    .wrapping_add(s0)
                    .wrapping_add(w[i - 7])
                    .wrapping_add(s1);
            }
            let mut v = *h;
            for i in 0..$rounds {
                let [a, b, c, d, e, f, g, hh] = v;
                let s1 = e.rotate_right($d0) ^ e.rotate_right($d1) ^ e.rotate_right($d2);
                let ch = (e & f) ^ (!e & g);
                let t1 = hh
                    .wrapping_add(s1)
                    .wrapping_add(ch)
                    .wrapping_add($k(i))
                    .wrapping_add(w[i]);
                let s0 = a.rotate_right($c0) ^ a.rotate_right($c1) ^ a.rotate_right($c2);
                let maj = (a & b) ^ (a & c) ^ (b & c);
                v = [t1.wrapping_add(s0.wrapping_add(maj)), a, b, c, d.wrapping_add(t1), e, f, g];
            }
            for (x, y) in h.iter_mut().zip(v) {
                *x = x.wrapping_add(y);
            }
        }

        $(#[$doc])*
        pub fn $digest(data: &[u8]) -> [u8; 8 * std::mem::size_of::<$w>()] {
            const N: usize = std::mem::size_of::<$w>();
            const BLOCK: usize = 16 * N;
            const LEN: usize = std::mem::size_of::<$len>();
            let mut h: [$w; 8] = $h0;
            let mut chunks = data.chunks_exact(BLOCK);
            for block in &mut chunks {
                $compress(&mut h, block);
            }
            let rest = chunks.remainder();
            let mut tail = [0u8; 2 * BLOCK];
            tail[..rest.len()].copy_from_slice(rest);
            tail[rest.len()] = 0x80;
            let len = if rest.len() < BLOCK - LEN { BLOCK } else { 2 * BLOCK };
            tail[len - LEN..len].copy_from_slice(&((data.len() as $len) * 8).to_be_bytes());
            for block in tail[..len].chunks_exact(BLOCK) {
                $compress(&mut h, block);
            }
            let mut out = [0u8; 8 * N];
            for (o, x) in out.chunks_exact_mut(N).zip(h) {
                o.copy_from_slice(&x.to_be_bytes());
            }
            out
        }
    };
}

sha2!(
    /// The SHA-512 digest of `data`.
    sha512, compress512, u64, u128, 80,
    k: |i: usize| K[i], h0: H0,
    sigma0: [1, 8, 7], sigma1: [19, 61, 6], big_sigma0: [28, 34, 39], big_sigma1: [14, 18, 41]
);

sha2!(
    /// The SHA-256 digest of `data`.
    sha256, compress256, u32, u64, 64,
    k: |i: usize| (K[i] >> 32) as u32, h0: H0.map(|x| (x >> 32) as u32),
    sigma0: [7, 18, 3], sigma1: [17, 19, 10], big_sigma0: [2, 13, 22], big_sigma1: [6, 11, 25]
);

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    // FIPS 180-4 examples (NIST CSRC "SHA512.pdf").
    #[test]
    fn nist_vectors() {
        assert_eq!(hex(&sha512(b"abc")), "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
        assert_eq!(hex(&sha512(b"")), "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
        assert_eq!(hex(&sha512(b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")), "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
    }

    // FIPS 180-4 examples (NIST CSRC "SHA256.pdf"), the padding boundary (55/56/64 bytes) and
    // a million "a" (NIST SHAVS long message).
    #[test]
    fn nist_vectors_256() {
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
        assert_eq!(
            hex(&sha256(&std::vec![b'a'; 1_000_000])),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }
}
