//! Layer 0, `syntax`: text with positions.
//!
//! The span-keeping JSON reader, the YAML reader for pasted manifests and the line index that
//! turns byte offsets into 1-based lines and columns. Everything above works on byte spans and
//! asks this layer for a position only when it reports something.
//!
//! May use: `std` and its crates only. Knows nothing of credentials.

/// How deep collections may nest (JSON arrays and objects, YAML sequences and mappings): deeper
/// input is refused with the `too-deep` code at the position where the limit was passed, instead
/// of recursing further. Every tree built by this layer is at most this deep, so the code that
/// walks, prints or drops one recursively stays within its stack (WebAssembly's is 1 MiB).
/// Real configs nest 4 levels, Kubernetes objects about 15. YAML flow collections (`[[[`)
/// stop earlier, at `saphyr-parser`'s own limit of 255.
pub const MAX_DEPTH: usize = 1000;

/// The largest input text any operation reads (64 MiB, per text): a larger one is refused with
/// the `too-large` code before anything is parsed. Kubernetes refuses Secrets above 1 MiB.
pub const MAX_INPUT: usize = 64 << 20;

/// `bytes` as text, invalid UTF-8 as U+FFFD (as `String::from_utf8_lossy`), checked by std's
/// word-at-a-time validator first: `from_utf8_lossy` walks valid text in smaller steps, and
/// decoded credentials and configs are nearly always valid.
pub(crate) fn lossy(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// [`lossy`] of owned bytes, without a copy when they are valid UTF-8.
pub(crate) fn lossy_owned(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

pub(crate) mod json;
pub(crate) mod lines;
pub(crate) mod yaml;
