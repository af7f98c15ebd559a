//! The Mesos/Marathon (and DC/OS) credential archive.
//!
//! Marathon's "Using a Private Docker Registry" recipe is `cd ~ && tar -czf docker.tar.gz
//! .docker`, copied to every agent and listed in the app's `uris` (DC/OS: `fetch`); the fetcher
//! extracts it into the sandbox, which is the task's `$HOME`, so Docker finds
//! `.docker/config.json`. The archive therefore holds `.docker/` (0700, as Docker creates it)
//! and `.docker/config.json` (0600, as Docker writes it).
//!
//! The ustar archive is written by the `tar` crate and gzipped by `flate2` (its pure-Rust
//! `miniz_oxide` backend, which also builds for WebAssembly). Entries carry uid/gid 0, no user or
//! group names and mtime 0, and the gzip header mtime 0 and OS Unix, so the same input gives the
//! same bytes on every surface.

use crate::diagnostics::{Error, ErrorCode};
use crate::emit::convert::{Content, Converted, Snippet};
use crate::go::json::Writer;
use flate2::{Compression, GzBuilder};
use std::io;
use tar::{Builder, EntryType, Header};

/// Where the Marathon documentation puts the archive on each agent.
pub const DEFAULT_URI: &str = "file:///etc/docker.tar.gz";

/// A ustar header with the fixed fields described above.
fn header(kind: EntryType, mode: u32, size: u64) -> Header {
    let mut h = Header::new_ustar();
    h.set_entry_type(kind);
    h.set_mode(mode);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(0);
    h.set_size(size);
    h
}

/// `docker.tar.gz` holding `.docker/` and `.docker/config.json` with `config_json`.
fn archive(config_json: &[u8]) -> io::Result<Vec<u8>> {
    let gz = GzBuilder::new()
        .mtime(0)
        .operating_system(3)
        .write(Vec::new(), Compression::best());
    let mut tar = Builder::new(gz);
    let mut dir = header(EntryType::Directory, 0o700, 0);
    tar.append_data(&mut dir, ".docker/", io::empty())?;
    let mut file = header(EntryType::Regular, 0o600, config_json.len() as u64);
    tar.append_data(&mut file, ".docker/config.json", config_json)?;
    tar.into_inner()?.finish()
}

pub(crate) fn write(
    config_json: &str,
    uri: Option<&str>,
    out: &mut Converted,
) -> Result<(), Error> {
    // Writing into a `Vec` with fixed short member names cannot fail; should it ever, refuse
    // rather than panic (a panic traps the wasm module). The io error is not shown: the message
    // must never risk carrying the config's content.
    let archive = archive(config_json.as_bytes()).map_err(|_| {
        Error::option(
            ErrorCode::Unsupported,
            "the Mesos archive could not be written",
        )
    })?;
    let uri = uri.unwrap_or(DEFAULT_URI);
    // A `file://` URI is a path on every agent; any other URI is where the agents fetch it.
    let target = uri.strip_prefix("file://").unwrap_or(uri);
    out.file(
        "docker.tar.gz".into(),
        target.into(),
        0o600,
        Content::Bytes(archive),
    );
    let snippet = |f: &dyn Fn(&mut Writer)| -> String {
        let mut w = Writer::indented("  ");
        w.begin_object();
        f(&mut w);
        w.end_object();
        let mut s = w.finish();
        s.push('\n');
        s
    };
    out.snippets.push(Snippet {
        name: "marathon".into(),
        text: snippet(&|w| {
            w.key("uris").begin_array().string(uri).end_array();
        }),
    });
    out.snippets.push(Snippet {
        name: "dcos".into(),
        text: snippet(&|w| {
            w.key("fetch")
                .begin_array()
                .begin_object()
                .field("uri", uri)
                .end_object()
                .end_array();
        }),
    });
    Ok(())
}
