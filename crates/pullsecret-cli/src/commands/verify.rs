//! `verify FILE... [--image IMAGE]... [--client C]`: the credentials checked against the
//! registries themselves (the only command that uses the network).
//!
//! Why it exists: `validate` sees the form only; a revoked or expired credential is found by
//! asking the registry. The core plans and judges every request (`pullsecret::verify`), the
//! `pullsecret-verify` crate sends them; this module reads the files, turns the flags into the
//! JavaScript API's options (`{client, images, insecure, caFile, timeoutMs}`, read by the core's
//! options reader), and prints a line per credential, or the reports as JSON.
//!
//! May use: the crate's `cli`, `io`, `failure`; the core's `verify` types; `pullsecret-verify`.

use super::{in_flag_words, options, plural, print_json};
use crate::cli::{TextOrJson, VerifyArgs};
use crate::failure::Failure;
use crate::io::{printable, Io};
use pullsecret::{Outcome, VerifyOptions, VerifyReport};
use serde::Serialize;

/// `-o json`: `{ok, files: [{path, client, ok, results} | {path, ok: false, error}]}`.
#[derive(Serialize)]
struct Document {
    ok: bool,
    files: Vec<FileDoc>,
}

#[derive(Serialize)]
struct FileDoc {
    path: String,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    report: Option<VerifyReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ok: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorDoc>,
}

#[derive(Serialize)]
struct ErrorDoc {
    code: &'static str,
    message: String,
}

pub(crate) fn verify(a: VerifyArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    let opts: VerifyOptions = options(
        "verify",
        serde_json::json!({
            "client": a.client,
            "images": a.images,
            "insecure": a.insecure,
            "caFile": a.ca_file,
            "timeoutMs": a.timeout,
        }),
    )?;
    if a.files.iter().filter(|f| *f == "-").count() > 1 {
        return Err(Failure::Usage(String::from("stdin (-) can be read once")));
    }
    let mut files = Vec::new();
    for f in &a.files {
        let input = io.input(Some(f))?;
        let doc = match run(&input.text, &opts) {
            Ok(report) => FileDoc {
                path: input.name,
                report: Some(report),
                ok: None,
                error: None,
            },
            // An option the core refuses (an image that is no reference, an unreadable CA
            // file) is the command line's fault.
            Err(e)
                if matches!(
                    e.code,
                    pullsecret::ErrorCode::InvalidOption | pullsecret::ErrorCode::MissingOption
                ) =>
            {
                return Err(in_flag_words(
                    e.into(),
                    &[("verify: caFile: ", "--ca-file: ")],
                ));
            }
            Err(e) => FileDoc {
                path: input.name,
                report: None,
                ok: Some(false),
                error: Some(ErrorDoc {
                    code: e.code.as_str(),
                    message: match e.position {
                        Some(p) => format!("{}:{}: {}", p.line, p.column, e.message),
                        None => e.message,
                    },
                }),
            },
        };
        files.push(doc);
    }
    let ok = files
        .iter()
        .all(|f| f.report.as_ref().is_some_and(|r| r.ok));
    if a.output == TextOrJson::Json {
        print_json(io, &Document { ok, files })?;
    } else {
        let text = render(
            &files,
            io.stdout_is_terminal && std::env::var_os("NO_COLOR").is_none(),
        );
        io.out(text.as_bytes())?;
    }
    Ok(if ok { 0 } else { 1 })
}

#[cfg(not(target_family = "wasm"))]
fn run(text: &str, opts: &VerifyOptions) -> Result<VerifyReport, pullsecret::Error> {
    pullsecret_verify::verify(text, opts)
}

#[cfg(target_family = "wasm")]
fn run(_: &str, _: &VerifyOptions) -> Result<VerifyReport, pullsecret::Error> {
    Err(pullsecret::Error::option(
        pullsecret::ErrorCode::Unsupported,
        "verify: this build has no network access; use the native `pullsecret` binary",
    ))
}

/// A line per credential: `✔`/`✘`/`–`, the key (or the registry), the image, the outcome and
/// the reason; the fix on the next line.
fn render(files: &[FileDoc], colour: bool) -> String {
    let paint = |code: &str, s: &str| {
        if colour {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let (mut good, mut bad, mut skipped) = (0, 0, 0);
    for f in files {
        match (&f.report, &f.error) {
            (Some(r), _) => {
                out.push_str(&format!("{} ({})\n", printable(&f.path), r.client.as_str()));
                if r.results.is_empty() {
                    out.push_str("  no entries\n");
                }
                for v in &r.results {
                    let mark = match v.outcome {
                        o if o.is_ok() => {
                            good += 1;
                            paint("32", "✔")
                        }
                        Outcome::Skipped => {
                            skipped += 1;
                            paint("2", "–")
                        }
                        _ => {
                            bad += 1;
                            paint("31", "✘")
                        }
                    };
                    let key = v.registry.as_deref().unwrap_or(&v.host);
                    let name = match &v.secret {
                        Some(s) => format!("Secret {s}: {key}"),
                        None => key.to_string(),
                    };
                    let at = v.line.map(|l| format!(" (line {l})")).unwrap_or_default();
                    let image = v
                        .image
                        .as_deref()
                        .map(|i| format!(" for {i}"))
                        .unwrap_or_default();
                    // The registry's own words may be in the reason.
                    out.push_str(&format!(
                        "  {mark} {}{at}{}: {} — {}\n",
                        printable(&name),
                        printable(&image),
                        v.outcome.as_str(),
                        printable(&v.reason)
                    ));
                    if v.fallback {
                        out.push_str("      kubelet then tries the next matching entry\n");
                    }
                    if !v.fix.is_empty() {
                        out.push_str(&format!("      fix: {}\n", printable(&v.fix)));
                    }
                }
            }
            (None, Some(e)) => {
                bad += 1;
                out.push_str(&format!(
                    "{}\n  {} cannot be read: {} [{}]\n",
                    printable(&f.path),
                    paint("31", "✘"),
                    printable(&e.message),
                    e.code
                ));
            }
            (None, None) => {}
        }
    }
    out.push_str(&format!(
        "{}: {good} ok, {bad} failed, {skipped} skipped\n",
        plural(good + bad + skipped, "credential", "credentials")
    ));
    out
}
