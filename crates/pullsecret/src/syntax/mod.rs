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

pub(crate) mod json;
pub(crate) mod lines;
pub(crate) mod yaml;
