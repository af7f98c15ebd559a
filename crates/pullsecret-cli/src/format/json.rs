//! `--format json`: the run as one JSON document, `{schemaVersion, files, summary}`.
//!
//! Why it exists: scripts and dashboards read the run without parsing text. The shape is
//! stable and described by a JSON Schema, `docs/schemas/check.schema.json` (the tests validate
//! real outputs against it); `schemaVersion` rises when a field is removed or renamed. Each
//! file carries the core's own sections unchanged (`diagnostics`, `objects`, `reasons`: the
//! `validate` report's, `docs/report.md`), so nothing is lost or re-worded on the way; in
//! `check`, `workloads` holds the core's workload reports (a pull secret's `file` is the path
//! of the file that defines it).
//!
//! May use: the `format` module, `serde_json`.

use super::{Run, Verdict};
use serde_json::{json, Map, Value};

/// The core's workload reports, with each pull secret's `file` (an index into the run's
/// files) written as that file's path.
fn workloads(run: &Run, reports: &[pullsecret::WorkloadReport]) -> Value {
    let mut v = serde_json::to_value(reports).expect("a workload report serializes");
    for w in v.as_array_mut().into_iter().flatten() {
        for p in w["pullSecrets"].as_array_mut().into_iter().flatten() {
            if let Some(i) = p.get("file").and_then(Value::as_u64) {
                let path = usize::try_from(i).ok().and_then(|i| run.files.get(i));
                p["file"] = json!(path.map(|f| f.path.as_str()));
            }
        }
    }
    v
}

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
            if let super::Outcome::Unreadable(e) = &f.outcome {
                o.insert("error".into(), json!(e));
            }
            let report = f.secrets_report(run.repository);
            let mut core = report.map(|r| serde_json::to_value(r).expect("a report serializes"));
            o.insert("errors".into(), json!(f.errors(run.repository)));
            o.insert("warnings".into(), json!(f.warnings(run.repository)));
            let (pulls, clients) = match verdict {
                Verdict::Unreadable | Verdict::NoPullSecret => (0, Vec::new()),
                _ => (
                    f.failing_pulls(run.repository),
                    f.failing_client_names(run.repository),
                ),
            };
            o.insert("failingPulls".into(), json!(pulls));
            o.insert("failingClients".into(), json!(clients));
            for (key, empty) in [
                ("diagnostics", json!([])),
                ("objects", json!([])),
                ("reasons", json!({})),
            ] {
                // Moved out of the report's value, not copied (a big repository's reports).
                let v = core
                    .as_mut()
                    .and_then(Value::as_object_mut)
                    .and_then(|c| c.remove(key));
                o.insert(key.into(), v.unwrap_or(empty));
            }
            if run.repository {
                o.insert("workloads".into(), workloads(run, &f.workloads));
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
            "workloads": s.workloads,
            "images": s.images,
            "configs": s.objects - s.secrets,
            "errors": s.errors,
            "warnings": s.warnings,
            "failingPulls": s.failing_pulls,
            "baselined": s.baselined,
        }
    })
}
