//! The Mesos/Marathon (and DC/OS) credential archive.
//!
//! Marathon's "Using a Private Docker Registry" recipe is `cd ~ && tar -czf docker.tar.gz
//! .docker`, copied to every agent and listed in the app's `uris` (DC/OS: `fetch`); the fetcher
//! extracts it into the sandbox, which is the task's `$HOME`, so Docker finds
//! `.docker/config.json`. The archive therefore holds `.docker/` (0700, as Docker creates it)
//! and `.docker/config.json` (0600, as Docker writes it).

use crate::emit::convert::{Content, Converted, Snippet};
use crate::go::json::Writer;

/// Where the Marathon documentation puts the archive on each agent.
pub const DEFAULT_URI: &str = "file:///etc/docker.tar.gz";

pub(crate) fn write(config_json: &str, uri: Option<&str>, out: &mut Converted) {
    let tar = crate::emit::convert::tar::tar(&[
        crate::emit::convert::tar::Member {
            name: ".docker/",
            mode: 0o700,
            content: None,
        },
        crate::emit::convert::tar::Member {
            name: ".docker/config.json",
            mode: 0o600,
            content: Some(config_json.as_bytes()),
        },
    ]);
    let uri = uri.unwrap_or(DEFAULT_URI);
    // A `file://` URI is a path on every agent; any other URI is where the agents fetch it.
    let target = uri.strip_prefix("file://").unwrap_or(uri);
    out.file(
        "docker.tar.gz".into(),
        target.into(),
        0o600,
        Content::Bytes(crate::emit::convert::gzip::gzip_stored(&tar)),
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
}
