//! The files a `check` (or a `validate` of several paths) reads: the PATHs given, directories
//! walked.
//!
//! Why it exists: a GitOps repository is a tree of manifests among files no one wants checked
//! (build output, vendored charts, editor files). A directory is walked with the `ignore` crate,
//! as ripgrep walks: `.gitignore` (also outside a git checkout), `.ignore` and a
//! `.pullsecretignore` in any directory, hidden files and directories skipped, and only
//! `*.yaml`, `*.yml` and `*.json` kept, and of those only regular files and symlinks to regular
//! files (a FIFO or a device, or a symlink to one, would make the read wait or never end). A
//! symlink that leads out of the repository (the nearest directory with `.git`, else the
//! directory walked) is reported, not read, as Argo CD refuses it: a check of an untrusted
//! change must not read, and quote from, the files of the machine it runs on. Each
//! directory is read in name order, so the list, and every output made from it, is the same on
//! every run and machine. A file named on the command line is always read, whatever its name
//! (a pipe from `<(...)` included; [`crate::io`] reads at most 64 MiB and a byte of anything);
//! `-` is stdin. `validate` does not walk: it
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
    let repository = repository_of(Path::new(dir));
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
                if !e.file_type().is_some_and(|t| t.is_file() || t.is_symlink())
                    || !wanted(e.path())
                {
                    continue;
                }
                let lossy = e.path().to_string_lossy();
                // `check .` (the default) names files as `apps/x.yaml`, not `./apps/x.yaml`.
                let path = match lossy.strip_prefix("./") {
                    Some(rest) if dir == "." => rest,
                    _ => &lossy,
                };
                let refused = |why: &str| {
                    let error = std::io::Error::new(std::io::ErrorKind::InvalidData, why);
                    Target::Unlistable(String::from(path), error)
                };
                if e.path_is_symlink() && leaves(e.path(), repository.as_deref()) {
                    out.push(refused(OUT_OF_BOUNDS));
                } else if !readable(&e) {
                    continue;
                } else if e.path().to_str().is_none() {
                    // Its name would not open the file.
                    out.push(refused("the file name is not UTF-8: rename it"));
                } else {
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

/// Why a walked symlink that leads out of its repository is not read.
const OUT_OF_BOUNDS: &str =
    "a symlink out of the repository is not followed (Argo CD refuses one: GHSA-6gcg-hp2x-q54h)";

/// The repository a walked directory belongs to, which its symlinks may not leave: the nearest
/// directory holding `.git` at or above it, else the directory itself (canonical paths).
fn repository_of(dir: &Path) -> Option<std::path::PathBuf> {
    let dir = std::fs::canonicalize(dir).ok()?;
    let root = dir.ancestors().find(|d| d.join(".git").exists());
    Some(root.unwrap_or(&dir).to_path_buf())
}

/// Whether the symlink `path` leads out of `repository` (a dangling one does not: reading it
/// says why it cannot be read).
fn leaves(path: &Path, repository: Option<&Path>) -> bool {
    match (std::fs::canonicalize(path), repository) {
        (Ok(target), Some(root)) => !target.starts_with(root),
        _ => false,
    }
}

/// Whether a walked file (or symlink) is read: a regular file, or a symlink that leads to one.
/// A symlink to a directory is the walk's to follow or not; one to a FIFO, a device or a socket
/// would make the read wait for a writer or never end (a repository under review may hold
/// `x.yaml -> /dev/zero`), so it is skipped as those files themselves are. A dangling symlink
/// is kept: reading it says why it cannot be read.
fn readable(e: &ignore::DirEntry) -> bool {
    !e.path_is_symlink() || std::fs::metadata(e.path()).map_or(true, |m| m.is_file())
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
