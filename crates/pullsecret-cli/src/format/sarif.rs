//! `--format sarif`: SARIF 2.1.0, the format code-scanning services (GitHub code scanning,
//! GitLab, Azure DevOps) import.
//!
//! Why it exists: uploaded SARIF shows each finding on its line with the rule's documentation
//! beside it. One run; `tool.driver` is pullsecret with its version and every rule of the core's
//! diagnostic catalogue (`Code::ALL`: id, summary, why, help, default level), so a viewer
//! explains a finding without the docs. Results carry the rule, the level (`error`, `warning`,
//! `note` for infos), the message and the region; columns count Unicode characters, as the
//! core's do (`columnKind: unicodeCodePoints`), and end columns are exclusive, as SARIF's.
//! Paths are URIs relative to the working directory (`uriBaseId` `%SRCROOT%`); an unreadable
//! file is a tool execution notification and makes `executionSuccessful` false. The tests
//! validate the output against the published schema (`tests/schemas/sarif-schema-2.1.0.json`).
//!
//! May use: the `format` module, `serde_json`, the core's catalogue.

use super::{encode, uri, Outcome, Run};
use pullsecret::{Code, Severity};
use serde_json::{json, Value};

/// Where users read about pullsecret: the npm package's page.
const INFORMATION_URI: &str = "https://www.npmjs.com/package/pullsecret";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The rule of every code in the catalogue.
fn rules() -> Vec<Value> {
    Code::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "name": c.as_str(),
                "shortDescription": { "text": c.summary() },
                "fullDescription": { "text": c.why() },
                "help": { "text": c.help() },
                "defaultConfiguration": { "level": level(c.default_severity()) },
                "properties": { "family": c.family().title(), "clients": c.clients() },
            })
        })
        .collect()
}

/// The SARIF log of `run`.
pub(crate) fn document(run: &Run) -> Value {
    let index = |code: Code| Code::ALL.iter().position(|c| *c == code);
    let mut results = Vec::new();
    for f in run.reported() {
        let location = |d: &pullsecret::Diagnostic| {
            let mut region = json!({ "startLine": d.line, "startColumn": d.column });
            if d.end_line > d.line || (d.end_line == d.line && d.end_column > d.column) {
                region["endLine"] = json!(d.end_line);
                region["endColumn"] = json!(d.end_column);
            }
            json!({
                "physicalLocation": {
                    "artifactLocation": artifact(&f.path),
                    "region": region,
                }
            })
        };
        for d in run.findings(f) {
            let mut r = json!({
                "ruleId": d.code.as_str(),
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [location(d)],
            });
            if let Some(i) = index(d.code) {
                r["ruleIndex"] = json!(i);
            }
            results.push(r);
        }
    }
    let notifications: Vec<Value> = run
        .files
        .iter()
        .filter_map(|f| match &f.outcome {
            Outcome::Unreadable(e) => Some(json!({
                "level": "error",
                "message": { "text": format!("cannot read {}: {e}", f.path) },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact(&f.path) } }],
            })),
            Outcome::Checked(_) => None,
        })
        .collect();
    let root = std::env::current_dir().map_or_else(
        |_| String::from("file:///"),
        |d| {
            let path = d.to_string_lossy().replace('\\', "/");
            match path.trim_matches('/') {
                "" => String::from("file:///"),
                p => format!("file:///{}/", encode(p)),
            }
        },
    );
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "pullsecret",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": rules(),
                }
            },
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": { "%SRCROOT%": { "uri": root } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// The artifact location of a path (stdin has no file: `stdin`, without a base).
fn artifact(path: &str) -> Value {
    let u = uri(path);
    if path == "<stdin>" {
        json!({ "uri": "stdin" })
    } else if u.starts_with("file://") {
        json!({ "uri": u })
    } else {
        json!({ "uri": u, "uriBaseId": "%SRCROOT%" })
    }
}
