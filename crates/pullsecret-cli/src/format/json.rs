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
//! May use: the `format` module, `serde`, `serde_json`.

use super::{Run, Verdict};
use serde::Serialize;
use serde_json::{json, Value};

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

/// The document: written straight to the output by serde (a repository's reports are not
/// copied into a `serde_json::Value` tree first).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Document<'r> {
    schema_version: u32,
    files: Vec<FileDoc<'r>>,
    summary: SummaryDoc,
}

/// One file: its verdict, then the core's sections of its report unchanged.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileDoc<'r> {
    path: &'r str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'r str>,
    errors: usize,
    warnings: usize,
    failing_pulls: usize,
    failing_clients: Vec<&'static str>,
    diagnostics: &'r [pullsecret::Diagnostic],
    objects: &'r [pullsecret::ObjectReport],
    reasons: &'r pullsecret::Reasons,
    #[serde(skip_serializing_if = "Option::is_none")]
    workloads: Option<Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SummaryDoc {
    valid: bool,
    files: usize,
    files_without_pull_secrets: usize,
    unreadable_files: usize,
    failed_files: usize,
    objects: usize,
    secrets: usize,
    workloads: usize,
    images: usize,
    configs: usize,
    errors: usize,
    warnings: usize,
    failing_pulls: usize,
    baselined: usize,
}

/// What a file without a report (unreadable) shows as its reasons.
static NO_REASONS: std::sync::LazyLock<pullsecret::Reasons> =
    std::sync::LazyLock::new(pullsecret::Reasons::default);

/// The JSON document of `run`.
pub(crate) fn document(run: &Run) -> Document<'_> {
    let files = run
        .files
        .iter()
        .map(|f| {
            let verdict = f.verdict(run.repository);
            let report = f.secrets_report(run.repository);
            let (failing_pulls, failing_clients) = match verdict {
                Verdict::Unreadable | Verdict::NoPullSecret => (0, Vec::new()),
                _ => (
                    f.failing_pulls(run.repository),
                    f.failing_client_names(run.repository),
                ),
            };
            FileDoc {
                path: &f.path,
                status: verdict.as_str(),
                error: match &f.outcome {
                    super::Outcome::Unreadable(e) => Some(e),
                    _ => None,
                },
                errors: f.errors(run.repository),
                warnings: f.warnings(run.repository),
                failing_pulls,
                failing_clients,
                diagnostics: report.map_or(&[][..], |r| &r.diagnostics[..]),
                objects: report.map_or(&[][..], |r| &r.objects[..]),
                reasons: report.map_or(&*NO_REASONS, |r| &r.reasons),
                workloads: run.repository.then(|| workloads(run, &f.workloads)),
            }
        })
        .collect();
    let s = run.summary();
    Document {
        schema_version: SCHEMA_VERSION,
        files,
        summary: SummaryDoc {
            valid: run.status() == 0,
            files: s.files,
            files_without_pull_secrets: s.without_pull_secret,
            unreadable_files: s.unreadable,
            failed_files: s.failed_files,
            objects: s.objects,
            secrets: s.secrets,
            workloads: s.workloads,
            images: s.images,
            configs: s.objects - s.secrets,
            errors: s.errors,
            warnings: s.warnings,
            failing_pulls: s.failing_pulls,
            baselined: s.baselined,
        },
    }
}
