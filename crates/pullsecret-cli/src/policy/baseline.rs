//! `--write-baseline FILE` and `--baseline FILE`: adopting the check in a repository that
//! already has findings, and failing only on new ones.
//!
//! Why it exists: a repository with 40 findings cannot fix them all the day it adds the check;
//! it records them and fixes them over time, while anything new fails at once.
//!
//! The file is JSON: `{schemaVersion: 1, findings: [{path, code, fingerprint}]}`, sorted. It
//! records the errors and warnings shown (after the config, `--rule` and inline ignores; infos
//! fail nothing and are not recorded). A fingerprint is the first 16 hex digits of the SHA-256
//! of the finding's code, its file's path (relative to the working directory, `/`-separated),
//! the kind, namespace and name of its object or workload, its JSON pointer and its message:
//! never its line, so it survives lines moving, and never a value (messages never hold a
//! secret, and only their hash is written). `--baseline` leaves out each finding whose
//! fingerprint is in the file, as many times as the file has it: a new duplicate still counts.
//! Run the check from the same directory as when the baseline was written.
//!
//! May use: the `policy` module, the `format` module's `Run`, `files::write_atomic`,
//! `io::read_own_file`, `serde`, `serde_json`, `sha2`, `std`.

use super::{retain, Policy};
use crate::failure::Failure;
use crate::format::{Checked, Verdict};
use pullsecret::{Diagnostic, Severity};
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The version of the file's shape.
const SCHEMA_VERSION: u32 = 1;

/// A recorded finding (the file's other fields are for people).
#[derive(Deserialize)]
struct Recorded {
    fingerprint: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct File {
    schema_version: u32,
    findings: Vec<Recorded>,
}

/// The fingerprints of a baseline, each with how many findings it stands for.
#[derive(Debug, Default)]
pub(crate) struct Baseline(HashMap<String, usize>);

/// The fingerprint of `d`, a finding of `owner` (see [`super::retain`]) in the file at `path`.
pub(crate) fn fingerprint(path: &str, owner: &str, d: &Diagnostic) -> String {
    let mut h = Sha256::new();
    for part in [d.code.as_str(), path, owner, &d.pointer, &d.message] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether a file's findings are recorded and matched: those of the files reported (not those
/// without a pull secret nor the unreadable ones), the core's report only when it is shown.
fn scope(f: &Checked) -> Option<bool> {
    match f.verdict(true) {
        Verdict::NoPullSecret | Verdict::Unreadable => None,
        _ => Some(f.secrets_report(true).is_some()),
    }
}

fn counted(d: &Diagnostic) -> bool {
    matches!(d.severity, Severity::Error | Severity::Warning)
}

/// The baseline document of `files`' findings.
pub(crate) fn document(files: &mut [Checked], policy: &Policy) -> serde_json::Value {
    let mut rows: Vec<(String, &'static str, String)> = Vec::new();
    for f in files.iter_mut() {
        let Some(report) = scope(f) else { continue };
        let path = policy.display_path(&f.path);
        retain(f, report, &mut |d, owner| {
            if counted(d) {
                rows.push((path.clone(), d.code.as_str(), fingerprint(&path, owner, d)));
            }
            true
        });
    }
    rows.sort();
    let findings: Vec<_> = rows
        .into_iter()
        .map(|(path, code, fp)| json!({"path": path, "code": code, "fingerprint": fp}))
        .collect();
    json!({"schemaVersion": SCHEMA_VERSION, "findings": findings})
}

/// Writes the baseline of `files` to `file`.
pub(crate) fn write(file: &str, files: &mut [Checked], policy: &Policy) -> Result<(), Failure> {
    let mut text =
        serde_json::to_string_pretty(&document(files, policy)).expect("a baseline serializes");
    text.push('\n');
    crate::files::write_atomic(file, text.as_bytes())
}

/// Reads the baseline in `file`.
pub(crate) fn read(file: &str) -> Result<Baseline, Failure> {
    let text = crate::io::read_own_file(std::path::Path::new(file), file)?;
    parse(&text).map_err(|m| Failure::Usage(format!("{file}: {m}")))
}

fn parse(text: &str) -> Result<Baseline, String> {
    let f: File =
        serde_json::from_str(text).map_err(|e| format!("not a pullsecret baseline ({e})"))?;
    if f.schema_version != SCHEMA_VERSION {
        return Err(format!(
            "baseline schemaVersion {} is not known (this version reads {SCHEMA_VERSION})",
            f.schema_version
        ));
    }
    let mut b = Baseline::default();
    for r in f.findings {
        *b.0.entry(r.fingerprint).or_default() += 1;
    }
    Ok(b)
}

/// Leaves out of `files` the findings in `baseline`; how many were left out.
pub(crate) fn apply(files: &mut [Checked], baseline: &Baseline, policy: &Policy) -> usize {
    let mut left = baseline.0.clone();
    let mut dropped = 0;
    for f in files.iter_mut() {
        let Some(report) = scope(f) else { continue };
        let path = policy.display_path(&f.path);
        retain(f, report, &mut |d, owner| {
            if !counted(d) {
                return true;
            }
            match left.get_mut(&fingerprint(&path, owner, d)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    dropped += 1;
                    false
                }
                _ => true,
            }
        });
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(line: usize, message: &'static str) -> Diagnostic {
        let text = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: e30=\n";
        let mut d = pullsecret::validate(text)
            .all_diagnostics()
            .next()
            .expect("a finding")
            .clone();
        d.line = line;
        d.message = message.into();
        d
    }

    #[test]
    fn fingerprints_ignore_lines_and_see_the_rest() {
        let a = diagnostic(3, "one");
        let moved = diagnostic(30, "one");
        let other = diagnostic(3, "two");
        let fp = |d: &Diagnostic| fingerprint("a.yaml", "Secret ns/x", d);
        assert_eq!(fp(&a), fp(&moved));
        assert_ne!(fp(&a), fp(&other));
        assert_ne!(fp(&a), fingerprint("b.yaml", "Secret ns/x", &a));
        assert_ne!(fp(&a), fingerprint("a.yaml", "Secret ns/y", &a));
        assert_eq!(fp(&a).len(), 16);
    }

    #[test]
    fn baselines_count_duplicates() {
        let b = parse(r#"{"schemaVersion":1,"findings":[{"path":"a","code":"c","fingerprint":"f"},{"fingerprint":"f"}]}"#).unwrap();
        assert_eq!(b.0.get("f"), Some(&2));
        assert!(parse("{}").is_err());
        assert!(parse(r#"{"schemaVersion":2,"findings":[]}"#).is_err());
    }
}
