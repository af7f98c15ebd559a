//! `fix PATH... [--dry-run] [--code CODE]`: the core's safe repairs, written back to each file.
//!
//! Why it exists: a repair is only useful where the file lives. This module finds the files
//! (`walk.rs`, as `check` does), runs the core's `fix` on each, and writes the result atomically
//! (`files.rs`, keeping the file's mode), or with `--dry-run` prints a unified diff (the `similar` crate) and writes
//! nothing. A file that is not UTF-8 is never rewritten: it was read with U+FFFD in place of
//! its bytes, and writing that back would change them; nor is one larger than the core reads
//! (64 MiB: only that much was read). Stdin's repaired text goes to stdout (such stdin, whole,
//! as it came). A path that cannot be read is named, and the others are still repaired.
//!
//! May use: the crate's `cli`, `io`, `walk`, `files`, `failure`; the core's `fix`.

use super::{in_flag_words, options, plural, print_json};
use crate::cli::{FixArgs, TextOrJson};
use crate::failure::{os_text, Failure};
use crate::files::write_atomic_as;
use crate::io::{cut, read_file_bytes, Io};
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

impl FileFix {
    /// A file left as it is, and why.
    fn untouched(file: String, why: String) -> FileFix {
        FileFix {
            file,
            changed: false,
            written: false,
            fixes: Vec::new(),
            diff: None,
            error: Some(why),
        }
    }
}

/// A path that cannot be read: said on stderr and in the results, as `check` does; the other
/// files are still repaired, and the exit status is 2.
fn unreadable(io: &mut Io<'_>, results: &mut Vec<FileFix>, file: String, why: String) {
    io.note(&format!("error: cannot read {file}: {why}"));
    results.push(FileFix::untouched(file, why));
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
            Target::File(p) => match read_file_bytes(&p) {
                Ok(b) => (p, b),
                Err(Failure::Read { error, .. }) => {
                    unreadable(io, &mut results, p, os_text(&error));
                    status = 2;
                    continue;
                }
                Err(f) => return Err(f),
            },
            Target::Stdin => {
                if stdin_read {
                    return Err(Failure::Usage(String::from("stdin (-) can be read once")));
                }
                let b = io.read_stdin_bytes()?;
                stdin_read = true;
                (String::from("-"), b)
            }
            Target::Unlistable(p, e) => {
                unreadable(io, &mut results, p, os_text(&e));
                status = 2;
                continue;
            }
        };
        let stdin = name == "-";
        if cut(&bytes) {
            // Larger than the core reads: left as it is, every byte (stdin's copied through).
            if stdin && !a.dry_run {
                io.out(&bytes)?;
                std::io::copy(&mut *io.stdin, &mut *io.stdout).map_err(Failure::Stdout)?;
            }
            let file = if stdin { String::from("<stdin>") } else { name };
            let why = format!("larger than {} MiB", pullsecret::MAX_INPUT >> 20);
            io.note(&format!("{file}: {why}, left as it is (too-large)"));
            results.push(FileFix::untouched(file, why));
            continue;
        }
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
                results.push(FileFix::untouched(file, String::from("not UTF-8")));
                continue;
            }
        };
        let fixed = pullsecret::fix(&text, &opts)?;
        let mut written = false;
        let mut diff = None;
        if a.dry_run {
            if fixed.changed {
                status = status.max(1);
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
                    status = status.max(1);
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
        io.out_text(&lines)?;
    }
    Ok(status)
}
