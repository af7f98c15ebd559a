//! `convert`: the credentials in another client's format, on stdout or written to files.

use super::options;
use crate::cli::ConvertArgs;
use crate::failure::Failure;
use crate::files::{create_dirs, write_atomic};
use crate::io::Io;
use pullsecret::{Content, ConvertOptions, Note};
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

pub(crate) fn convert(a: ConvertArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    let Some(to) = a.to.clone() else {
        return Err(Failure::Usage(String::from(
            "--to is required (auth.json, config.json, dockercfg, rkt, butane, mesos)",
        )));
    };
    let input = io.input(a.file.as_deref())?;
    let mut opts = Map::new();
    opts.insert("to".into(), json!(to));
    if let Some(source) = &a.source {
        opts.insert("source".into(), json!(source));
    }
    if let Some(uri) = &a.uri {
        opts.insert("uri".into(), json!(uri));
    }
    let opts: ConvertOptions = options("convert", Value::Object(opts))?;
    let result = pullsecret::convert(&input.text, &opts)?;
    let note = |kind: &str, n: &Note| format!("{kind}: {}: {}", n.what, n.why);
    let mut notes: Vec<String> = result.dropped.iter().map(|n| note("dropped", n)).collect();
    if result.files.is_empty() {
        notes.push(format!(
            "error: nothing to write: no entry can be expressed as {to}"
        ));
        io.note(&notes.join("\n"));
        return Ok(1);
    }
    notes.extend(result.changed.iter().map(|n| note("changed", n)));
    let bytes = |c: &Content| -> Vec<u8> {
        match c {
            Content::Text(t) => t.clone().into_bytes(),
            Content::Bytes(b) => b.clone(),
        }
    };
    let binary = result
        .files
        .iter()
        .any(|f| matches!(f.content, Content::Bytes(_)));
    if let Some(out) = &a.output {
        let exists_dir = Path::new(out).is_dir();
        let mut is_dir = out.ends_with('/') || exists_dir;
        if result.files.len() > 1 && !is_dir {
            if Path::new(out).exists() {
                return Err(Failure::Usage(format!(
                    "{out} is not a directory; {} files need -o DIR",
                    result.files.len()
                )));
            }
            is_dir = true;
        }
        let targets: Vec<PathBuf> = result
            .files
            .iter()
            .map(|f| {
                if is_dir {
                    Path::new(out).join(&f.path)
                } else {
                    PathBuf::from(out)
                }
            })
            .collect();
        for t in &targets {
            if let Some(parent) = t.parent().filter(|p| !p.as_os_str().is_empty()) {
                create_dirs(parent).map_err(|error| Failure::Write {
                    name: parent.display().to_string(),
                    error,
                })?;
            }
        }
        for (t, f) in targets.iter().zip(&result.files) {
            write_atomic(&t.display().to_string(), &bytes(&f.content))?;
        }
        for (t, f) in targets.iter().zip(&result.files) {
            notes.push(format!("wrote {} (install as {})", t.display(), f.target));
        }
        let snippets: String = result
            .snippets
            .iter()
            .map(|s| format!("# {}\n{}", s.name, s.text))
            .collect();
        io.out(snippets.as_bytes())?;
    } else if binary {
        if io.stdout_is_terminal {
            return Err(Failure::Usage(String::from(
                "refusing to write the binary archive to a terminal: use -o FILE or redirect stdout",
            )));
        }
        io.out(&bytes(&result.files[0].content))?;
        for s in &result.snippets {
            let flat: Vec<&str> = s
                .text
                .split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            notes.push(format!("{}: {}", s.name, flat.join(" ")));
        }
    } else if result.files.len() == 1 {
        io.out(&bytes(&result.files[0].content))?;
    } else {
        let parts: Vec<String> = result
            .files
            .iter()
            .map(|f| {
                format!(
                    "==> {} <==\n{}",
                    f.path,
                    String::from_utf8_lossy(&bytes(&f.content))
                )
            })
            .collect();
        io.out(parts.join("\n").as_bytes())?;
    }
    if !notes.is_empty() {
        io.note(&notes.join("\n"));
    }
    Ok(0)
}
