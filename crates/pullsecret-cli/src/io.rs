//! Where the command reads and writes: stdin, stdout, stderr and the environment it consults.
//!
//! Why it exists: the native binary and the Node addon (`runCli`) run the same [`crate::run`]
//! with the process's own streams; tests run it with buffers. Input files and stdin are read
//! here, as the JavaScript packages get them: invalid UTF-8 becomes U+FFFD (as Node's `utf8`
//! decoding does, so a UTF-16 or Latin-1 file reaches the core's encoding checks the same way).
//!
//! May use: `std`.

use crate::failure::Failure;
use std::io::{IsTerminal, Read, Write};

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

    /// Writes a line (or lines) to stderr; a failing stderr is ignored (nowhere to say so).
    pub(crate) fn note(&mut self, text: &str) {
        let _ = self.stderr.write_all(text.as_bytes());
        let _ = self.stderr.write_all(b"\n");
    }

    /// All of stdin as text.
    pub(crate) fn read_stdin(&mut self) -> Result<String, Failure> {
        let mut bytes = Vec::new();
        self.stdin
            .read_to_end(&mut bytes)
            .map_err(|error| Failure::Read {
                name: String::from("<stdin>"),
                error,
            })?;
        Ok(text(bytes))
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

/// The text of the file at `path`.
pub(crate) fn read_file(path: &str) -> Result<String, Failure> {
    std::fs::read(path)
        .map(text)
        .map_err(|error| Failure::Read {
            name: String::from(path),
            error,
        })
}

/// Bytes as text, invalid UTF-8 replaced by U+FFFD (without a copy when it is valid).
fn text(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}
