//! Layer 1, `go`: Go's encodings, byte for byte.
//!
//! Every reference tool (kubectl, kubelet, containers/image, docker) is written in Go, so its
//! output and its reading rules are Go's: `encoding/json`'s writer (HTML-safe escaping, key
//! order), go-yaml v2's emitter as `kubectl -o yaml` prints (quoting, folding, YAML 1.1
//! resolution) and `encoding/base64`'s decoder rules.
//!
//! May use: `syntax`. Knows nothing of credentials.

pub(crate) mod base64;
pub(crate) mod json;
pub(crate) mod yaml;
