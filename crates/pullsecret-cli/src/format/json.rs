//! `--format json`: the run as one JSON document, `{schemaVersion, files, summary}`.
//!
//! Why it exists: scripts and dashboards read the run without parsing text. The shape is
//! stable and described by a JSON Schema, `docs/schemas/check.schema.json` (the tests validate
//! real outputs against it); `schemaVersion` rises when a field is removed or renamed. Each
//! file carries the core's own sections unchanged (`diagnostics`, `objects`, `reasons`: the
//! `validate` report's, `docs/report.md`), so nothing is lost or re-worded on the way.
//!
//! May use: the `format` module, `serde_json`.

use super::{Run, Verdict};
use serde_json::{json, Map, Value};

/// The version of this document's shape.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// The JSON document of `run`.
pub(crate) fn document(run: &Run) -> Value {
    let files: Vec<Value> = run
        .files
        .iter()
        .map(|f| {
            let verdict = f.verdict(run.repository);
            let mut o = Map::new();
            o.insert("path".into(), json!(f.path));
            o.insert("status".into(), json!(verdict.as_str()));
            let report = match &f.outcome {
                super::Outcome::Unreadable(e) => {
                    o.insert("error".into(), json!(e));
                    None
                }
                super::Outcome::Checked(_) if verdict == Verdict::NoPullSecret => None,
                super::Outcome::Checked(r) => Some(r),
            };
            let core = report.map(|r| serde_json::to_value(r).expect("a report serializes"));
            let r = report.map_or((0, 0), |r| (r.errors, r.warnings));
            o.insert("errors".into(), json!(r.0));
            o.insert("warnings".into(), json!(r.1));
            let (pulls, clients) = match report {
                Some(_) => (f.failing_pulls(), f.failing_client_names()),
                None => (0, Vec::new()),
            };
            o.insert("failingPulls".into(), json!(pulls));
            o.insert("failingClients".into(), json!(clients));
            for (key, empty) in [
                ("diagnostics", json!([])),
                ("objects", json!([])),
                ("reasons", json!({})),
            ] {
                let v = core.as_ref().and_then(|c| c.get(key).cloned());
                o.insert(key.into(), v.unwrap_or(empty));
            }
            Value::Object(o)
        })
        .collect();
    let s = run.summary();
    json!({
        "schemaVersion": SCHEMA_VERSION,
        "files": files,
        "summary": {
            "valid": run.status() == 0,
            "files": s.files,
            "filesWithoutPullSecrets": s.without_pull_secret,
            "unreadableFiles": s.unreadable,
            "failedFiles": s.failed_files,
            "objects": s.objects,
            "secrets": s.secrets,
            "configs": s.objects - s.secrets,
            "errors": s.errors,
            "warnings": s.warnings,
            "failingPulls": s.failing_pulls,
        }
    })
}
