//! Why a command stopped, how it is said on stderr, and its exit status.
//!
//! Usage problems (a flag, a missing or unreadable input, an option the core refuses) exit 2;
//! a failed operation (the input's errors, a conflict, a file that cannot be written) exits 1.
//! Messages are one `error: …` line, as kubectl's (the kubectl differential compares them), and
//! never hold a value the user typed after a flag: clap's own errors are rewritten to the
//! flag's name alone, and the core's messages never quote a credential.
//!
//! May use: `clap`, the core's `Error`.

use crate::io::Io;
use clap::error::{ContextKind, ContextValue, ErrorKind};

pub(crate) enum Failure {
    /// A usage error in our own words.
    Usage(String),
    /// clap could not read the command line (or was asked for help or the version).
    Clap(clap::Error),
    /// An input could not be read.
    Read { name: String, error: std::io::Error },
    /// A file could not be written.
    Write { name: String, error: std::io::Error },
    /// Writing to stdout failed.
    Stdout(std::io::Error),
    /// The core refused.
    Core(pullsecret::Error),
}

impl From<pullsecret::Error> for Failure {
    fn from(e: pullsecret::Error) -> Self {
        Failure::Core(e)
    }
}

/// The operating system's words for `e` (`No such file or directory`), without Rust's
/// ` (os error N)` or the temporary file's path that `tempfile` adds.
pub(crate) fn os_text(e: &std::io::Error) -> String {
    // tempfile wraps the system's error as `{error} at path {path:?}`: the temporary file's
    // name means nothing to the user.
    let text = e.to_string();
    let text = text.split(" at path \"").next().unwrap_or(&text);
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => String::from(&text[..at]),
        _ => String::from(text),
    }
}

impl Failure {
    /// Says the failure on stderr (help and version on stdout) and returns the exit status.
    pub(crate) fn report(self, io: &mut Io<'_>) -> i32 {
        match self {
            Failure::Usage(m) => {
                io.note(&format!("error: {m}\nRun 'pullsecret --help' for usage."));
                2
            }
            Failure::Clap(e) => match e.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let status = if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
                    {
                        2
                    } else {
                        0
                    };
                    let text = e.render().to_string();
                    if status == 0 {
                        let _ = io.out(text.as_bytes());
                    } else {
                        io.note(text.trim_end());
                    }
                    status
                }
                _ => {
                    io.note(clap_message(&e).trim_end());
                    2
                }
            },
            Failure::Read { name, error } => {
                io.note(&format!("error: cannot read {name}: {}", os_text(&error)));
                2
            }
            Failure::Write { name, error } => {
                io.note(&format!("error: cannot write {name}: {}", os_text(&error)));
                1
            }
            Failure::Stdout(error) => {
                // A closed pipe (`pullsecret parse f | head -1`) is the reader's choice: quiet.
                if error.kind() != std::io::ErrorKind::BrokenPipe {
                    io.note(&format!(
                        "error: cannot write to stdout: {}",
                        os_text(&error)
                    ));
                }
                1
            }
            Failure::Core(e) => {
                let at = match e.position {
                    Some(p) => format!("{}:{}: ", p.line, p.column),
                    None => String::new(),
                };
                io.note(&format!("error: {at}{} [{}]", e.message, e.code.as_str()));
                match e.code {
                    pullsecret::ErrorCode::MissingOption | pullsecret::ErrorCode::InvalidOption => {
                        2
                    }
                    _ => 1,
                }
            }
        }
    }
}

/// clap's error without any value the user typed: an unknown `--flag=VALUE` or `-xVALUE` is
/// named by its flag alone (the value may be a password), a stray argument by its place, and a
/// refused value is not repeated (a value parser's reason is said: fixed words). Then the command's usage line, as clap prints it.
fn clap_message(e: &clap::Error) -> String {
    let arg = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let flag_only = |s: &str| -> String {
        if let Some(long) = s.strip_prefix("--") {
            format!("--{}", long.split('=').next().unwrap_or(long))
        } else {
            s.chars().take(2).collect()
        }
    };
    let first = match e.kind() {
        ErrorKind::UnknownArgument => {
            let what = arg(ContextKind::InvalidArg).unwrap_or_default();
            if what.starts_with('-') && what != "-" {
                let mut m = format!("unknown flag: {}", flag_only(&what));
                if let Some(ContextValue::String(s)) = e.get(ContextKind::SuggestedArg) {
                    m.push_str(&format!(" (did you mean {}?)", flag_only(s)));
                }
                m
            } else {
                String::from("too many arguments")
            }
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let flag = arg(ContextKind::InvalidArg).unwrap_or_default();
            let flag = flag.split(' ').next().unwrap_or(&flag).to_string();
            let choices = match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(v)) => format!(" (one of: {})", v.join(", ")),
                _ => String::new(),
            };
            // A value parser's own reason (`must be true or false`, `must be a duration: …`):
            // fixed words written in `cli` and `time`, never the value.
            let why = match std::error::Error::source(e) {
                Some(reason) if e.kind() == ErrorKind::ValueValidation => format!(": {reason}"),
                _ => String::new(),
            };
            format!("invalid value for {flag}{choices}{why}")
        }
        // The rest (a missing argument or value, an unknown command) name flags, placeholders
        // and commands, not values: clap's own words.
        _ => return e.render().to_string(),
    };
    match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(usage)) => {
            format!("error: {first}\n\n{usage}\n\nFor more information, try '--help'.")
        }
        _ => format!("error: {first}\nRun 'pullsecret --help' for usage."),
    }
}
