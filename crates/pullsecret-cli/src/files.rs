//! Writing files as the trusted tools do: atomically, mode 0600, through symlinks.
//!
//! Why it exists: a credential file half-written, or briefly world-readable, is a broken pull or
//! a leak. Each write goes to a temporary file in the target's directory (created 0600 by
//! `tempfile`), is flushed to disk, then renamed over the target (`tempfile`'s `persist`), and
//! the directory is synced: a reader sees the old file or the new one, never a mix.
//! - A symlink is followed: the link's target is written and the link kept, as docker's
//!   `configfile.Save` does (`filepath.EvalSymlinks`); a dangling link is replaced.
//! - The new file is 0600, or the old file's mode where that is stricter (0400 stays 0400).
//! - A SIGINT or SIGTERM during the write removes the temporary file: the native binary's
//!   signal handler calls [`remove_pending_files`]. A SIGKILL can leave only the temporary file
//!   (`.NAME.XXXXXX.tmp` beside the target); the target is then the old file, whole.
//!
//! May use: `tempfile`, `std`.

use crate::failure::Failure;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files being written (normally none, or one).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the temporary files of writes in progress: for a signal handler, before it exits.
pub fn remove_pending_files() {
    let pending = match PENDING.lock() {
        Ok(p) => p,
        Err(poisoned) => poisoned.into_inner(),
    };
    for path in pending.iter() {
        let _ = std::fs::remove_file(path);
    }
}

fn pending(path: &Path, add: bool) {
    let mut p = match PENDING.lock() {
        Ok(p) => p,
        Err(poisoned) => poisoned.into_inner(),
    };
    if add {
        p.push(path.to_path_buf());
    } else {
        p.retain(|q| q != path);
    }
}

/// The file a write to `file` replaces: the symlink's final target, or `file` itself.
fn resolve(file: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(file)
        .map(|m| m.file_type().is_symlink())
        .unwrap_or(false);
    if is_link {
        if let Ok(target) = std::fs::canonicalize(file) {
            return target;
        }
    }
    file.to_path_buf()
}

/// Writes `bytes` to `file` atomically (see the module comment); `file` is the name in messages.
/// A credential file: an existing file keeps at most its owner's read and write bits.
pub(crate) fn write_atomic(file: &str, bytes: &[u8]) -> Result<(), Failure> {
    write_atomic_as(file, bytes, false)
}

/// [`write_atomic`], with `keep_mode`: an existing file keeps its mode as it is (`fix` rewrites
/// files of a repository, whose modes are the user's), a new one is 0600.
pub(crate) fn write_atomic_as(file: &str, bytes: &[u8], keep_mode: bool) -> Result<(), Failure> {
    let fail = |error: std::io::Error| Failure::Write {
        name: String::from(file),
        error,
    };
    let target = resolve(Path::new(file));
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let base = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mode = new_mode(&target, keep_mode);
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{base}."))
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(fail)?;
    pending(tmp.path(), true);
    let written = (|| {
        let mut f = tmp.as_file();
        f.write_all(bytes)?;
        set_mode(f, mode)?;
        f.sync_all()
    })();
    let path = tmp.path().to_path_buf();
    let result = match written {
        Ok(()) => tmp.persist(&target).map(|_| ()).map_err(|e| e.error),
        Err(e) => Err(e), // dropping `tmp` removes it
    };
    pending(&path, false);
    result.map_err(fail)?;
    // The rename itself reaches the disk with the directory (best effort: not every file
    // system lets a directory be opened for syncing).
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(unix)]
fn new_mode(target: &Path, keep: bool) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    match std::fs::metadata(target) {
        Ok(m) if keep => m.permissions().mode() & 0o7777,
        Ok(m) => m.permissions().mode() & 0o600,
        Err(_) => 0o600,
    }
}

#[cfg(not(unix))]
fn new_mode(_: &Path, _: bool) -> u32 {
    0o600
}

#[cfg(unix)]
fn set_mode(f: &std::fs::File, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &std::fs::File, _: u32) -> std::io::Result<()> {
    Ok(())
}

/// Creates `dir` and its parents, mode 0700 (they hold credential files).
pub(crate) fn create_dirs(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}
