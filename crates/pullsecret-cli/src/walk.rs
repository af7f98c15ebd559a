//! The files a `check` (or a `validate` of several paths) reads: the PATHs given, directories
//! walked.
//!
//! Why it exists: a GitOps repository is a tree of manifests among files no one wants checked
//! (build output, vendored charts, editor files). A directory is walked with the `ignore` crate,
//! as ripgrep walks: `.gitignore` (also outside a git checkout), `.ignore` and a
//! `.pullsecretignore` in any directory, hidden files and directories skipped, and only
//! `*.yaml`, `*.yml` and `*.json` kept. Each directory is read in name order, so the list, and
//! every output made from it, is the same on every run and machine. A file named on the
//! command line is always read, whatever its name; `-` is stdin. `validate` does not walk: it
//! reads the files it is given, and a directory is a file it cannot read, as before.
//!
//! May use: `ignore`, `std`.

use std::path::Path;

/// One input of a run, in the order it is reported.
pub(crate) enum Target {
    /// A file to read (the path as the walk built it: the PATH given, joined with the names
    /// below it).
    File(String),
    /// Stdin (`-`).
    Stdin,
    /// A path that could not be listed: the path and the system's words.
    Unlistable(String, std::io::Error),
}

/// The file names a directory walk keeps.
fn wanted(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml" | "json")
    )
}

/// Every target of `paths`, in order: each PATH in the order given, a directory's files in
/// name order (depth first) when `walk_dirs`, else the directory itself (which cannot be read).
pub(crate) fn targets(paths: &[String], walk_dirs: bool) -> Vec<Target> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(Target::Stdin);
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() && walk_dirs => walk(p, &mut out),
            Ok(_) => out.push(Target::File(p.clone())),
            Err(e) => out.push(Target::Unlistable(p.clone(), e)),
        }
    }
    if walk_dirs {
        once_each(&mut out);
    }
    out
}

/// Keeps the first name of each file: overlapping PATHs (`check . apps/`, a file and its
/// directory, a symlink beside its target) would otherwise read, report and repair one file
/// twice.
fn once_each(out: &mut Vec<Target>) {
    let mut seen = std::collections::HashSet::new();
    out.retain(|t| match t {
        Target::File(p) => std::fs::canonicalize(p).map_or(true, |c| seen.insert(c)),
        _ => true,
    });
}

fn walk(dir: &str, out: &mut Vec<Target>) {
    let walker = ignore::WalkBuilder::new(dir)
        .add_custom_ignore_filename(".pullsecretignore")
        // `.gitignore` counts in a tree that is not (yet) a git checkout, as in a CI workspace
        // restored from a cache.
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.file_type().is_some_and(|t| t.is_file() || t.is_symlink())
                    && wanted(e.path())
                    && !e.path().is_dir()
                {
                    let path = e.path().to_string_lossy();
                    // `check .` (the default) names files as `apps/x.yaml`, not `./apps/x.yaml`.
                    let path = match path.strip_prefix("./") {
                        Some(rest) if dir == "." => rest,
                        _ => &path,
                    };
                    out.push(Target::File(String::from(path)));
                }
            }
            Err(err) => {
                let path = err_path(&err).unwrap_or_else(|| String::from(dir));
                let io = err
                    .io_error()
                    .map(|e| std::io::Error::new(e.kind(), e.to_string()))
                    .unwrap_or_else(|| std::io::Error::other(err.to_string()));
                out.push(Target::Unlistable(path, io));
            }
        }
    }
}

/// The path an `ignore` error is about, when it names one.
fn err_path(err: &ignore::Error) -> Option<String> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.to_string_lossy().into_owned()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            err_path(err)
        }
        _ => None,
    }
}
