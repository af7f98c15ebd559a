//! Layer 0, `syntax`: text with positions.
//!
//! The span-keeping JSON reader, the YAML reader for pasted manifests and the line index that
//! turns byte offsets into 1-based lines and columns. Everything above works on byte spans and
//! asks this layer for a position only when it reports something.
//!
//! May use: `std` and its crates only. Knows nothing of credentials.

pub(crate) mod json;
pub(crate) mod lines;
pub(crate) mod yaml;
