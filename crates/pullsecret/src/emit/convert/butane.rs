//! A Flatcar Butane config that installs the Docker `config.json` for the `core` user.
//!
//! Flatcar's "Authenticating to Container Registries" page provisions
//! `/home/core/.docker/config.json` with a Butane config (`variant: flatcar`, `version: 1.0.0`),
//! either inline (`contents.inline`) or fetched (`contents.source` + `verification.hash:
//! sha512-<hex>`). The file holds passwords, so it is written 0600 and owned by `core` (the doc's
//! units run as `User=core`), and `.docker` is declared too: Ignition would otherwise create the
//! missing directory owned by root. The sha512 comes from the `sha2` crate (RustCrypto).

use crate::emit::convert::{Content, Converted};
use crate::go::json::push_str;
use sha2::{Digest, Sha512};

const PATH: &str = "/home/core/.docker/config.json";

pub(crate) fn write(config_json: &str, source: Option<&str>, out: &mut Converted) {
    let mut y = String::with_capacity(config_json.len() * 2 + 512);
    y.push_str(
        "variant: flatcar\nversion: 1.0.0\nstorage:\n  directories:\n    - path: /home/core/.docker\n      mode: 0700\n      user:\n        name: core\n      group:\n        name: core\n  files:\n    - path: ",
    );
    y.push_str(PATH);
    y.push_str("\n      mode: 0600\n      user:\n        name: core\n      group:\n        name: core\n      contents:\n");
    match source {
        Some(url) => {
            y.push_str("        source: ");
            push_str(&mut y, url);
            y.push_str("\n        verification:\n          hash: sha512-");
            y.push_str(&crate::emit::hash::hex(&Sha512::digest(
                config_json.as_bytes(),
            )));
            y.push('\n');
        }
        None => {
            // A literal block keeps the file byte for byte; `|-` because Docker writes no
            // final newline.
            y.push_str(if config_json.ends_with('\n') {
                "        inline: |\n"
            } else {
                "        inline: |-\n"
            });
            for line in config_json.lines() {
                if !line.is_empty() {
                    y.push_str("          ");
                }
                y.push_str(line);
                y.push('\n');
            }
        }
    }
    // Inline, the Butane config itself holds the credentials.
    let mode = if source.is_some() { 0o644 } else { 0o600 };
    out.file(
        "config.bu".into(),
        "config.bu".into(),
        mode,
        Content::Text(y),
    );
    if let Some(url) = source {
        out.file(
            "config.json".into(),
            url.into(),
            0o600,
            Content::Text(config_json.into()),
        );
        out.change(
            "the config",
            "served at the `source` URL: upload `config.json` there unchanged; Ignition checks its sha512",
        );
    }
}
