//! One module per group of subcommands: flags in, the core's function, output.
//!
//! May use: the crate's `cli`, `io`, `files`, `failure`, `time`; the core's public API.

pub(crate) mod check;
pub(crate) mod convert;
pub(crate) mod create;
pub(crate) mod edit;
pub(crate) mod explain;
pub(crate) mod fix;
pub(crate) mod objects;
pub(crate) mod read;
pub(crate) mod verify;

use crate::cli::{ExpiryFlags, KubectlVersion};
use crate::failure::Failure;
use crate::io::Io;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The options of the JavaScript API's `function`, from the same JSON shape, read by the core's
/// one options reader (its rules and messages).
pub(crate) fn options<T: DeserializeOwned>(
    function: &str,
    value: serde_json::Value,
) -> Result<T, Failure> {
    Ok(pullsecret::options::from(function, value)?)
}

/// A core error about an option, in the command line's words: each `(option prefix, flag)`
/// pair renames the option the message starts with (`fix: codes: …` is `--code …`); the code
/// and exit status stay.
pub(crate) fn in_flag_words(f: Failure, names: &[(&str, &str)]) -> Failure {
    match f {
        Failure::Core(mut e) => {
            if let Some((from, to)) = names.iter().find(|(from, _)| e.message.starts_with(from)) {
                e.message = e.message.replacen(from, to, 1);
            }
            Failure::Core(e)
        }
        other => other,
    }
}

/// `--now` (else the system clock) and `--expiry-window` as `validate`'s options
/// (`{now, expiryWindow}`, seconds), read by the core's options reader. A time or window the
/// core refuses (before 1970, after the year 5138; a window above 100 years) names the flag.
pub(crate) fn validate_options(f: &ExpiryFlags) -> Result<pullsecret::ValidateOptions, Failure> {
    let now = f.now.unwrap_or_else(crate::time::system_now);
    let read = |v: serde_json::Value| options::<pullsecret::ValidateOptions>("validate", v);
    read(serde_json::json!({"now": now, "expiryWindow": f.expiry_window})).map_err(|_| {
        Failure::Usage(String::from(
            if read(serde_json::json!({ "now": now })).is_err() {
                "--now must be a time from 1970 to the year 5138"
            } else {
                "--expiry-window must be at most 100 years"
            },
        ))
    })
}

/// `--kubectl-version`: whether to print `creationTimestamp: null`.
pub(crate) fn creation_timestamp(k: &KubectlVersion) -> Result<bool, Failure> {
    match &k.version {
        None => Ok(false),
        Some(v) => pullsecret::kubectl_prints_creation_timestamp(v).map_err(|_| {
            Failure::Usage(String::from(
                "--kubectl-version must look like 1.33 (or v1.34.1)",
            ))
        }),
    }
}

/// Prints `value` as JSON indented by two spaces, with a final newline (the bytes of
/// `JSON.stringify(v, null, 2)` and a line break). Streamed: a report of any size the core
/// makes is printed (the JavaScript CLI's `JSON.stringify` threw past V8's 512 MiB string limit).
pub(crate) fn print_json<T: Serialize>(io: &mut Io<'_>, value: &T) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *io.stdout, value)
        .map_err(|e| Failure::Stdout(std::io::Error::from(e)))?;
    io.out(b"\n")
}

/// A serde enum's name (`"kubelet"`, `"dockerconfigjson"`): the same word the JSON report has.
pub(crate) fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Object(o)) => match o.get("kind") {
            Some(serde_json::Value::String(s)) => s.clone(),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// `n word` or `n words`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
