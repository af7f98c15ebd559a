//! Where the command reads and writes: stdin, stdout, stderr and the environment it consults.
//!
//! Why it exists: the native binary and the Node addon (`runCli`) run the same [`crate::run`]
//! with the process's own streams; tests run it with buffers. Input files and stdin are read
//! here, as the JavaScript packages get them: invalid UTF-8 becomes U+FFFD (as Node's `utf8`
//! decoding does, so a UTF-16 or Latin-1 file reaches the core's encoding checks the same way),
//! and no input is read past [`READ_LIMIT`], so that a device, an endless pipe or a symlink to
//! one (`/dev/zero` in a repository under review) cannot make a command hang or exhaust memory.
//! What the reports print of their input reaches the terminal with its control characters
//! escaped ([`printable`]): stderr's notes always, stdout's text reports through
//! [`Io::out_text`] (data outputs, YAML, JSON, archives, are written as they are).
//!
//! May use: `std`.

use crate::failure::Failure;
use std::borrow::Cow;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

/// The streams and environment of one run.
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Whether stdin is a terminal (then a missing FILE is a usage error, not a wait).
    pub stdin_is_terminal: bool,
    /// Whether stdout is a terminal (then the binary mesos archive is refused).
    pub stdout_is_terminal: bool,
    /// `$REGISTRY_AUTH_FILE`: `login`'s default `--to`, as podman's.
    pub registry_auth_file: Option<String>,
}

/// Runs `f` with the process's streams (stdout buffered; flushed by [`crate::run`]).
pub(crate) fn with_std<R>(f: impl FnOnce(&mut Io<'_>) -> R) -> R {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let stdin_is_terminal = stdin.is_terminal();
    let stdout_is_terminal = stdout.is_terminal();
    let mut stdin = stdin.lock();
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut err = std::io::stderr().lock();
    let mut io = Io {
        stdin: &mut stdin,
        stdout: &mut out,
        stderr: &mut err,
        stdin_is_terminal,
        stdout_is_terminal,
        registry_auth_file: std::env::var("REGISTRY_AUTH_FILE").ok(),
    };
    f(&mut io)
}

/// An input's name in messages (`<stdin>` or the path given) and its text.
pub(crate) struct Input {
    pub name: String,
    pub text: String,
}

impl Io<'_> {
    /// Writes to stdout.
    pub(crate) fn out(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        self.stdout.write_all(bytes).map_err(Failure::Stdout)
    }

    /// Writes a text report to stdout, its control characters escaped ([`printable_lines`]).
    pub(crate) fn out_text(&mut self, text: &str) -> Result<(), Failure> {
        self.out(printable_lines(text).as_bytes())
    }

    /// Writes a line (or lines) to stderr, its control characters escaped
    /// ([`printable_lines`]); a failing stderr is ignored (nowhere to say so).
    pub(crate) fn note(&mut self, text: &str) {
        let _ = self.stderr.write_all(printable_lines(text).as_bytes());
        let _ = self.stderr.write_all(b"\n");
    }

    /// Stdin as text (at most [`READ_LIMIT`] bytes of it).
    pub(crate) fn read_stdin(&mut self) -> Result<String, Failure> {
        self.read_stdin_bytes().map(text)
    }

    /// Stdin's bytes (at most [`READ_LIMIT`] of them).
    pub(crate) fn read_stdin_bytes(&mut self) -> Result<Vec<u8>, Failure> {
        read_bounded(&mut *self.stdin, "<stdin>")
    }

    /// FILE, or stdin for `-` or no FILE (refused when stdin is a terminal: it would wait).
    pub(crate) fn input(&mut self, file: Option<&str>) -> Result<Input, Failure> {
        match file {
            None | Some("-") => {
                if file.is_none() && self.stdin_is_terminal {
                    return Err(Failure::Usage(String::from(
                        "give a FILE, or pipe the input and use -",
                    )));
                }
                Ok(Input {
                    name: String::from("<stdin>"),
                    text: self.read_stdin()?,
                })
            }
            Some(path) => Ok(Input {
                name: String::from(path),
                text: read_file(path)?,
            }),
        }
    }
}

/// `text` for a terminal: every control character but the tab written as Rust writes it in a
/// string (`\u{1b}`, `\n`), so that a file name, a registry key or a registry's answer cannot
/// move the cursor, clear the screen or start a line of its own in a report (kubectl's
/// CVE-2021-25743). For one field of a line.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    escaped(text, |c| c != '\t' && c.is_control())
}

/// [`printable`] for a whole report: its own line breaks kept.
pub(crate) fn printable_lines(text: &str) -> Cow<'_, str> {
    escaped(text, |c| c != '\t' && c != '\n' && c.is_control())
}

fn escaped(text: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escape(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How much of one input is read: one byte more than the core reads
/// ([`pullsecret::MAX_INPUT`], 64 MiB), so that a larger input still gets the core's coded
/// `too-large` answer (the JavaScript packages hand over the same cut) and a command never reads
/// without end.
pub(crate) const READ_LIMIT: u64 = pullsecret::MAX_INPUT as u64 + 1;

/// Whether `bytes`, read by [`read_bounded`], were cut at [`READ_LIMIT`].
pub(crate) fn cut(bytes: &[u8]) -> bool {
    bytes.len() as u64 >= READ_LIMIT
}

/// At most [`READ_LIMIT`] bytes of `reader` (`name` is the input's name in the error).
pub(crate) fn read_bounded(reader: &mut dyn Read, name: &str) -> Result<Vec<u8>, Failure> {
    read_bounded_into(reader, name, Vec::new())
}

/// [`read_bounded`] into `bytes` (a regular file's size reserved by the caller).
fn read_bounded_into(
    reader: &mut dyn Read,
    name: &str,
    mut bytes: Vec<u8>,
) -> Result<Vec<u8>, Failure> {
    reader
        .take(READ_LIMIT)
        .read_to_end(&mut bytes)
        .map_err(|error| Failure::Read {
            name: String::from(name),
            error,
        })?;
    Ok(bytes)
}

/// The bytes of the file at `path` (at most [`READ_LIMIT`] of them).
pub(crate) fn read_file_bytes(path: &str) -> Result<Vec<u8>, Failure> {
    read_named(Path::new(path), path)
}

/// The bytes of the file at `path`, named `name` in errors (at most [`READ_LIMIT`] of them).
fn read_named(path: &Path, name: &str) -> Result<Vec<u8>, Failure> {
    let mut file = std::fs::File::open(path).map_err(|error| Failure::Read {
        name: String::from(name),
        error,
    })?;
    // A regular file's size, up to the limit, read in one allocation (a device says 0).
    let size = file.metadata().map_or(0, |m| m.len().min(READ_LIMIT));
    let bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    read_bounded_into(&mut file, name, bytes)
}

/// The text of one of pullsecret's own files (`.pullsecret.yaml`, a baseline), named `name` in
/// errors: UTF-8, and refused above 64 MiB (no such file is that large).
pub(crate) fn read_own_file(path: &Path, name: &str) -> Result<String, Failure> {
    let bytes = read_named(path, name)?;
    if cut(&bytes) {
        return Err(Failure::Usage(format!(
            "{name}: larger than {} MiB, not a pullsecret file",
            pullsecret::MAX_INPUT >> 20
        )));
    }
    String::from_utf8(bytes).map_err(|e| Failure::Read {
        name: String::from(name),
        error: std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error()),
    })
}

/// The text of the file at `path` (at most [`READ_LIMIT`] bytes of it).
pub(crate) fn read_file(path: &str) -> Result<String, Failure> {
    read_file_bytes(path).map(text)
}

/// Bytes as text, invalid UTF-8 replaced by U+FFFD (without a copy when it is valid).
fn text(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{printable, printable_lines};

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        let forged = "a\u{1b}[2J\u{9b}1m\r\nb\tc\u{7f}é✔";
        assert_eq!(printable(forged), "a\\u{1b}[2J\\u{9b}1m\\r\\nb\tc\\u{7f}é✔");
        assert_eq!(
            printable_lines(forged),
            "a\\u{1b}[2J\\u{9b}1m\\r\nb\tc\\u{7f}é✔"
        );
        // Text without one is not copied.
        assert!(matches!(
            printable("plain é ✔\t"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
