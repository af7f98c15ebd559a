//! `fix PATH... [--dry-run] [--code CODE]`: the core's safe repairs, written back to each file.
//!
//! Why it exists: a repair is only useful where the file lives. This module finds the files
//! (`walk.rs`, as `check` does), runs the core's `fix` on each, and writes the result atomically
//! (`files.rs`, keeping the file's mode), or with `--dry-run` prints a unified diff (the `similar` crate) and writes
//! nothing. A file that is not UTF-8 is never rewritten: it was read with U+FFFD in place of
//! its bytes, and writing that back would change them. Stdin's repaired text goes to stdout.
//!
//! May use: the crate's `cli`, `io`, `walk`, `files`, `failure`; the core's `fix`.

use super::{in_flag_words, options, plural, print_json};
use crate::cli::{FixArgs, TextOrJson};
use crate::failure::{os_text, Failure};
use crate::files::write_atomic_as;
use crate::io::Io;
use crate::walk::{targets, Target};
use pullsecret::{AppliedFix, FixOptions};
use serde::Serialize;

/// One file's outcome (`-o json`: `{file, changed, written, fixes, diff?, error?}`).
#[derive(Serialize)]
struct FileFix {
    file: String,
    changed: bool,
    written: bool,
    fixes: Vec<AppliedFix>,
    /// With `--dry-run`, the unified diff of a file that would change.
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

pub(crate) fn fix(a: FixArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    // The core names its option (`codes`); the command line calls it `--code`.
    let opts: FixOptions = options("fix", serde_json::json!({ "codes": a.codes }))
        .map_err(|f| in_flag_words(f, &[("fix: codes: ", "--code ")]))?;
    let mut results = Vec::new();
    let mut status = 0;
    let mut stdin_read = false;
    for t in targets(&a.paths, true) {
        let (name, bytes) = match t {
            Target::File(p) => match std::fs::read(&p) {
                Ok(b) => (p, b),
                Err(e) => return Err(Failure::Read { name: p, error: e }),
            },
            Target::Stdin => {
                if stdin_read {
                    return Err(Failure::Usage(String::from("stdin (-) can be read once")));
                }
                let mut b = Vec::new();
                std::io::Read::read_to_end(io.stdin, &mut b).map_err(|error| Failure::Read {
                    name: String::from("<stdin>"),
                    error,
                })?;
                stdin_read = true;
                (String::from("-"), b)
            }
            Target::Unlistable(p, e) => {
                return Err(Failure::Usage(format!("{p}: {}", os_text(&e))));
            }
        };
        let stdin = name == "-";
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                // Stdin's bytes still go on, as they came.
                if stdin && !a.dry_run {
                    io.out(e.as_bytes())?;
                }
                let file = if stdin { String::from("<stdin>") } else { name };
                io.note(&format!(
                    "{file}: not UTF-8, left as it is (fix rewrites text files only)"
                ));
                results.push(FileFix {
                    file,
                    changed: false,
                    written: false,
                    fixes: Vec::new(),
                    diff: None,
                    error: Some(String::from("not UTF-8")),
                });
                continue;
            }
        };
        let fixed = pullsecret::fix(&text, &opts)?;
        let mut written = false;
        let mut diff = None;
        if a.dry_run {
            if fixed.changed {
                status = 1;
                let shown = if stdin { "<stdin>" } else { &name };
                let patch = similar::TextDiff::from_lines(&text, &fixed.text)
                    .unified_diff()
                    .header(shown, shown)
                    .to_string();
                if a.output == TextOrJson::Text {
                    io.out(patch.as_bytes())?;
                }
                diff = Some(patch);
            }
        } else if stdin {
            io.out(fixed.text.as_bytes())?;
        } else if fixed.changed {
            match write_atomic_as(&name, fixed.text.as_bytes(), true) {
                Ok(()) => written = true,
                Err(f) => {
                    status = 1;
                    f.report(io);
                }
            }
        }
        results.push(FileFix {
            file: if stdin { String::from("<stdin>") } else { name },
            changed: fixed.changed,
            written,
            fixes: fixed.fixes,
            diff,
            error: None,
        });
    }
    if a.output == TextOrJson::Json {
        print_json(io, &results)?;
        return Ok(status);
    }
    // The list of repairs: on stderr when stdout carries the text or the diff.
    let to_stderr = a.dry_run || results.iter().any(|r| r.file == "<stdin>");
    let mut lines = String::new();
    let (mut files, mut repairs) = (0, 0);
    for r in &results {
        for f in &r.fixes {
            lines.push_str(&format!(
                "{}:{}:{} fixed {} {}\n",
                r.file,
                f.line,
                f.column,
                f.code.as_str(),
                f.message
            ));
        }
        if r.changed {
            files += 1;
            repairs += r.fixes.len();
        }
    }
    let verb = if a.dry_run {
        "would repair"
    } else {
        "repaired"
    };
    lines.push_str(&format!(
        "{verb} {} in {} of {} checked\n",
        plural(repairs, "finding", "findings"),
        plural(files, "file", "files"),
        results.len()
    ));
    if to_stderr {
        io.note(lines.trim_end());
    } else {
        io.out(lines.as_bytes())?;
    }
    Ok(status)
}
