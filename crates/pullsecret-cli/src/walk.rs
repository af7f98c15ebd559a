//! The files a `check` (or a `validate` of several paths) reads: the PATHs given, directories
//! walked.
//!
//! Why it exists: a GitOps repository is a tree of manifests among files no one wants checked
//! (build output, vendored charts, editor files). A directory is walked with the `ignore` crate,
//! as ripgrep walks: `.gitignore` (also outside a git checkout), `.ignore` and a
//! `.pullsecretignore` in any directory, hidden files and directories skipped, and only
//! `*.yaml`, `*.yml` and `*.json` kept. Each directory is read in name order, so the list, and
//! every output made from it, is the same on every run and machine. A file named on the
//! command line is always read, whatever its name (a pipe from `<(...)` included: [`crate::io`]
//! reads at most 64 MiB and a byte of anything); `-` is stdin. `validate` does not walk: it
//! reads the files it is given, and a directory is a file it cannot read.
//!
//! A walk may be over an untrusted change, so it never opens what would make it wait, read
//! without end or read the machine's own files: of the walked files only regular files and
//! symlinks to them are read (a FIFO or a device, or a symlink to one, is skipped); a symlink
//! that leads out of the repository (the nearest directory with `.git`, else the directory
//! walked) is reported, not read, as Argo CD refuses it; and the ignore files the walker reads
//! itself are held to the same rules, and to 1 MiB, before it may read them (a directory whose
//! ignore file breaks them is reported and not walked).
//!
//! May use: `ignore`, `std`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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

/// The targets under the directory `dir`, appended to `out` in walk order.
fn walk(dir: &str, out: &mut Vec<Target>) {
    let repository = repository_of(Path::new(dir));
    if let Some(refusal) = unsafe_parent(dir, repository.as_deref()) {
        out.push(refusal);
        return;
    }
    let refusals = Arc::new(Mutex::new(Vec::new()));
    let walker = walker(dir, repository.clone(), Arc::clone(&refusals));
    // A directory left out for its ignore file, in walk order (the filter runs in `next`).
    let flush = |out: &mut Vec<Target>| {
        for (file, why) in refusals.lock().expect("not poisoned").drain(..) {
            out.push(refused(&shown(dir, &file), why));
        }
    };
    for entry in walker {
        flush(out);
        match entry {
            Ok(e) => {
                if !e.file_type().is_some_and(|t| t.is_file() || t.is_symlink())
                    || !wanted(e.path())
                {
                    continue;
                }
                let path = &shown(dir, e.path());
                if e.path_is_symlink() && leaves(e.path(), repository.as_deref()) {
                    out.push(refused(path, OUT_OF_BOUNDS));
                } else if !readable(&e) {
                    continue;
                } else if e.path().to_str().is_none() {
                    // Its name would not open the file.
                    out.push(refused(path, "the file name is not UTF-8: rename it"));
                } else {
                    out.push(Target::File(String::from(path)));
                }
            }
            Err(err) => {
                let path = err_path(&err).unwrap_or_else(|| String::from(dir));
                let io = match err.io_error() {
                    Some(e) => std::io::Error::new(e.kind(), e.to_string()),
                    // Not the walker's words: a glob error quotes a line of an ignore file.
                    None if is_glob_error(&err) => std::io::Error::other(
                        "an ignore file in it holds a pattern that is not a valid glob",
                    ),
                    None => std::io::Error::other(err.to_string()),
                };
                out.push(Target::Unlistable(path, io));
            }
        }
    }
    flush(out);
}

/// The walker over `dir`, which leaves out (and adds to `refusals`) each directory holding an
/// ignore file it must not read.
fn walker(dir: &str, repository: Option<PathBuf>, refusals: Refusals) -> ignore::Walk {
    ignore::WalkBuilder::new(dir)
        .add_custom_ignore_filename(".pullsecretignore")
        // `.gitignore` counts in a tree that is not (yet) a git checkout, as in a CI workspace
        // restored from a cache.
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        // Called before the walker enters a directory and reads its ignore files.
        .filter_entry(move |e| {
            if !e.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            match unsafe_ignore_file(e.path(), repository.as_deref()) {
                Some(found) => {
                    refusals.lock().expect("not poisoned").push(found);
                    false
                }
                None => true,
            }
        })
        .build()
}

/// The ignore files the filter of [`walker`] refused, with why, until they are reported.
type Refusals = Arc<Mutex<Vec<(PathBuf, &'static str)>>>;

/// The walker reads the ignore files of `dir` and of every parent up to `/` before any filter
/// runs: the first it must not read, reported (a parent outside the repository may lead
/// anywhere, it is the machine's own, but must still be a file).
fn unsafe_parent(dir: &str, repository: Option<&Path>) -> Option<Target> {
    let start = std::fs::canonicalize(dir).unwrap_or_else(|_| PathBuf::from(dir));
    start.ancestors().enumerate().find_map(|(i, d)| {
        // `dir`'s own files named as the user named `dir`.
        let named = if i == 0 { Path::new(dir) } else { d };
        let inside = repository.filter(|r| d.starts_with(r));
        let (file, why) = unsafe_ignore_file(named, inside)?;
        Some(refused(&shown(dir, &file), why))
    })
}

/// A walked path as it is reported: `check .` (the default) names files as `apps/x.yaml`, not
/// `./apps/x.yaml`.
fn shown(dir: &str, path: &Path) -> String {
    let lossy = path.to_string_lossy();
    match lossy.strip_prefix("./") {
        Some(rest) if dir == "." => String::from(rest),
        _ => lossy.into_owned(),
    }
}

/// A path that is not read, and why.
fn refused(path: &str, why: &str) -> Target {
    let error = std::io::Error::new(std::io::ErrorKind::InvalidData, why);
    Target::Unlistable(String::from(path), error)
}

/// The ignore files the walk reads in each directory.
const IGNORE_FILES: [&str; 3] = [".gitignore", ".ignore", ".pullsecretignore"];

/// The largest ignore file the walk reads (real ones are a few kilobytes).
const MAX_IGNORE_FILE: u64 = 1 << 20;

/// The first ignore file of `dir` the walker must not read, and why: one that leads out of
/// `repository` (when given), is not a regular file (a FIFO or a device, or a symlink to one:
/// the walker's read would wait or never end) or is larger than [`MAX_IGNORE_FILE`].
fn unsafe_ignore_file(dir: &Path, repository: Option<&Path>) -> Option<(PathBuf, &'static str)> {
    IGNORE_FILES.iter().find_map(|name| {
        let file = dir.join(name);
        let link = std::fs::symlink_metadata(&file).ok()?;
        let why = if link.is_symlink() && leaves(&file, repository) {
            OUT_OF_BOUNDS
        } else {
            match std::fs::metadata(&file) {
                Ok(m) if !m.is_file() => {
                    "an ignore file that is not a regular file (a FIFO or a device): neither it nor the files it governs are read"
                }
                Ok(m) if m.len() > MAX_IGNORE_FILE => {
                    "an ignore file larger than 1 MiB: neither it nor the files it governs are read"
                }
                _ => return None,
            }
        };
        Some((file, why))
    })
}

/// Whether a walk error is about a pattern of an ignore file.
fn is_glob_error(err: &ignore::Error) -> bool {
    match err {
        ignore::Error::Glob { .. } => true,
        ignore::Error::Partial(errs) => errs.iter().any(is_glob_error),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_glob_error(err),
        _ => false,
    }
}

/// Why a walked symlink that leads out of its repository is not read.
pub(crate) const OUT_OF_BOUNDS: &str =
    "a symlink out of the repository is not followed (Argo CD refuses one: GHSA-6gcg-hp2x-q54h)";

/// The repository a walked directory belongs to, which its symlinks may not leave: the nearest
/// directory holding `.git` at or above it, else the directory itself (canonical paths).
fn repository_of(dir: &Path) -> Option<PathBuf> {
    let dir = std::fs::canonicalize(dir).ok()?;
    let root = dir.ancestors().find(|d| d.join(".git").exists());
    Some(root.unwrap_or(&dir).to_path_buf())
}

/// Whether `path` is a symlink that leads out of the repository of its directory.
pub(crate) fn leads_out(path: &Path) -> bool {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink())
        && leaves(
            path,
            repository_of(dir.unwrap_or(Path::new("."))).as_deref(),
        )
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
