//! Message text built without `core::fmt`.
//!
//! `format!` links the formatting machinery (`fmt::write`, `Formatter::pad`, integer padding)
//! into the wasm package for messages that only join a few strings and numbers; these helpers do
//! the same with plain pushes (see README "Size").

use alloc::string::String;

/// `parts` joined end to end, as `format!("{}{}…", a, b, …)` would.
pub(crate) fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// Lower-case hex of `bytes` (digests), as Go's `hex.EncodeToString`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// `parts.join(sep)`, not generic (one copy instead of `join`'s per element type).
pub(crate) fn join(parts: &[&str], sep: &str) -> String {
    let mut s = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            s.push_str(sep);
        }
        s.push_str(p);
    }
    s
}

/// The byte offset of the first `needle` (not empty) in `hay`: a plain scan, where `str::find`
/// with a string pattern links the two-way searcher (2 KiB of wasm) for a few short needles.
pub(crate) fn find(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
}

/// The decimal digits of `n`.
pub(crate) fn uint(n: usize) -> String {
    let mut s = String::new();
    crate::gojson::push_uint(&mut s, n);
    s
}

/// `n` as upper-case hex with at least four digits, as `{:04X}` (for `U+XXXX`).
pub(crate) fn hex4(n: u32) -> String {
    let mut s = String::new();
    let mut shift = 28;
    while shift > 0 && shift >= 16 && n >> shift == 0 {
        shift -= 4;
    }
    loop {
        s.push(char::from(b"0123456789ABCDEF"[(n >> shift & 15) as usize]));
        if shift == 0 {
            return s;
        }
        shift -= 4;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_lower_case_two_digits_a_byte() {
        assert_eq!(hex(&[]), "");
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
    }

    #[test]
    fn match_format() {
        assert_eq!(cat(&["a", "", "bc"]), "abc");
        assert_eq!(join(&["a", "b", "c"], ", "), "a, b, c");
        assert_eq!(join(&[], ", "), "");
        for (hay, needle) in [
            ("a://b://", "://"),
            ("x\r\n", "\r\n"),
            ("ab", "abc"),
            ("", "x"),
        ] {
            assert_eq!(find(hay, needle), hay.find(needle));
        }
        for n in [0usize, 7, 10, 500, usize::MAX] {
            assert_eq!(uint(n), alloc::format!("{n}"));
        }
        for n in [0u32, 0x9, 0xA0, 0x2028, 0xFEFF, 0x1F600, 0x10FFFF] {
            assert_eq!(hex4(n), alloc::format!("{n:04X}"));
        }
    }
}
