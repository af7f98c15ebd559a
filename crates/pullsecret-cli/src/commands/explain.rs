//! `explain FILE... [--events FILE]`: why a pod cannot pull, per image, in plain words.
//!
//! Why it exists: the question people paste into a browser ("ImagePullBackOff, why?") deserves
//! the same answer at the terminal. The core's `explain_all` joins the workload check and the
//! events; this module reads the files (stdin at most once, for FILE or for `--events`) and
//! writes the answer: a line per workload, then per image a mark (✔ sent / ⚠ anonymous or
//! unknown / ✘ fails), the answer and the fix. `-o json` prints the core's `Explanation`.
//!
//! May use: the crate's `cli`, `io`, `failure`; the core's `explain_all`.

use super::print_json;
use crate::cli::{ExplainArgs, TextOrJson};
use crate::failure::Failure;
use crate::io::Io;
use pullsecret::{ExplainOptions, Explanation, PullStatus};

pub(crate) fn explain(a: ExplainArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    let stdin_uses = a.files.iter().filter(|f| *f == "-").count()
        + usize::from(a.events.as_deref() == Some("-"))
        + usize::from(a.files.is_empty());
    if stdin_uses > 1 {
        return Err(Failure::Usage(String::from(
            "stdin (-) can be read once: give the manifests or the events as a FILE",
        )));
    }
    let mut texts = Vec::new();
    let mut names = Vec::new();
    if a.files.is_empty() {
        let input = io.input(None)?;
        names.push(input.name);
        texts.push(input.text);
    }
    for f in &a.files {
        let input = io.input(Some(f))?;
        names.push(input.name);
        texts.push(input.text);
    }
    let events = match a.events.as_deref() {
        Some(f) => Some(io.input(Some(f))?.text),
        None => None,
    };
    let opts = ExplainOptions {
        namespace: Some(a.namespace),
        events,
    };
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let e = pullsecret::explain_all(&refs, &opts).map_err(|e| {
        if e.code == pullsecret::ErrorCode::Diagnostic(pullsecret::Code::NotAnObject) {
            // Not a problem in the input's text, a mistake in what was given: usage.
            Failure::Usage(e.message.trim_start_matches("explain: ").to_string())
        } else {
            Failure::Core(e)
        }
    })?;
    if a.output == TextOrJson::Json {
        print_json(io, &e)?;
    } else {
        io.out_text(&text(&e, &names))?;
    }
    Ok(i32::from(fails(&e)))
}

/// A pull fails: a broken pull secret, an invalid image, or a failure in the events.
fn fails(e: &Explanation) -> bool {
    e.workloads.iter().flat_map(|w| &w.images).any(|i| {
        i.failure.is_some() || matches!(i.pull.status, PullStatus::Fails | PullStatus::Invalid)
    })
}

fn text(e: &Explanation, names: &[String]) -> String {
    let mut out = String::new();
    for w in &e.workloads {
        let file = names.get(w.input).map_or("", String::as_str);
        let name = w.name.as_deref().map_or(String::new(), |n| format!("/{n}"));
        let secrets: Vec<&str> = w.pull_secrets.iter().map(|p| p.name.as_str()).collect();
        let from = match w.pull_secrets_from {
            "pod" => format!("pull secrets {}", secrets.join(", ")),
            "serviceAccount" => format!(
                "pull secrets {} (from its ServiceAccount)",
                secrets.join(", ")
            ),
            _ => String::from("no pull secret"),
        };
        out.push_str(&format!(
            "{} {}{name} ({file}:{}:{}): {from}\n",
            w.kind, w.namespace, w.line, w.column
        ));
        for d in &w.diagnostics {
            out.push_str(&format!(
                "  {} {}: {}\n",
                d.severity.as_str(),
                d.code.as_str(),
                d.message
            ));
        }
        for i in &w.images {
            let p = &i.pull;
            let mark = if i.failure.is_some()
                || matches!(p.status, PullStatus::Fails | PullStatus::Invalid)
            {
                "✘"
            } else if matches!(p.status, PullStatus::Credentials | PullStatus::Node) {
                "✔"
            } else {
                "⚠"
            };
            let container = p
                .container
                .as_deref()
                .map_or(String::new(), |c| format!("container {c}, "));
            out.push_str(&format!(
                "  {mark} {} ({container}line {})\n    {}\n    Fix: {}\n",
                p.image, p.line, i.answer, i.fix
            ));
        }
    }
    out
}
