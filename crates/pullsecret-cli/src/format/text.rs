//! `--format text`: a headline per file, its findings, and the run's summary, for people.
//!
//! Why it exists: in a repository of hundreds of files the question is "will my pulls work?",
//! answered on the first line of each file (`✔ pulls will work`, `⚠ works with warnings`,
//! `✘ N pulls will fail`); the findings follow as `validate` prints them (`FILE:LINE:COLUMN
//! severity code message`), so an editor or terminal jumps to them, then each workload with a
//! finding (a line naming it, its findings under it). Clean files get the headline
//! alone; `--verbose` adds the files without a pull secret and every file's details, `--quiet`
//! keeps only the failing files. Colour only when stdout is a terminal and `NO_COLOR` is unset
//! or empty (no-color.org).
//!
//! May use: the `format` module, `commands::read`'s text report, `io::printable`.

use super::{Run, Summary, Verdict};
use crate::commands::plural;
use crate::commands::read::text_report;
use crate::io::{printable, printable_lines};

const GREEN: &str = "32";
const YELLOW: &str = "33";
const RED: &str = "31";
const DIM: &str = "2";

/// Whether to colour: stdout is a terminal and `NO_COLOR` is unset or empty.
pub(crate) fn colour(stdout_is_terminal: bool) -> bool {
    stdout_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The text report of `run`.
pub(crate) fn write(run: &Run, colour: bool) -> String {
    let paint = |code: &str, s: &str| {
        if colour {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            String::from(s)
        }
    };
    let mut out = String::new();
    for f in &run.files {
        let verdict = f.verdict(run.repository);
        let show = match verdict {
            Verdict::Unreadable => false, // said on stderr
            Verdict::Fails => true,
            Verdict::NoPullSecret => run.verbose && !run.quiet,
            Verdict::Works | Verdict::Warnings => !run.quiet,
        };
        if !show {
            continue;
        }
        if f.report().is_none() {
            continue;
        }
        let secrets = f.secrets_report(run.repository);
        let what_objects = |r: &pullsecret::Report| {
            objects(
                r.objects.iter().filter(|o| o.kind.is_some()).count(),
                r.objects.iter().filter(|o| o.kind.is_none()).count(),
            )
        };
        let mut parts: Vec<String> = secrets.map(what_objects).into_iter().collect();
        if !f.workloads.is_empty() {
            parts.push(plural(f.workloads.len(), "workload", "workloads"));
        }
        let objects = parts.join(", ");
        let (errors, warnings) = (f.errors(run.repository), f.warnings(run.repository));
        let counts = format!(
            "{}, {}",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings")
        );
        let (mark, colour_code, what) = match verdict {
            Verdict::Works => ("✔", GREEN, format!("pulls will work ({objects})")),
            Verdict::Warnings => (
                "⚠",
                YELLOW,
                format!(
                    "works with warnings ({}; {objects})",
                    plural(warnings, "warning", "warnings")
                ),
            ),
            Verdict::Fails => {
                let n = f.failing_pulls(run.repository);
                let what = if n > 0 {
                    format!(
                        "{} will fail ({}; {counts})",
                        plural(n, "pull", "pulls"),
                        f.failing_client_names(run.repository).join(", ")
                    )
                } else {
                    counts.clone()
                };
                ("✘", RED, what)
            }
            _ if f.template => (
                "·",
                DIM,
                String::from("a template, not rendered: check what it renders (helm template … | pullsecret check -)"),
            ),
            _ => ("·", DIM, String::from("no pull secret")),
        };
        let path = printable(&f.path);
        out.push_str(&paint(colour_code, &format!("{mark} {path}: {what}")));
        out.push('\n');
        let details = match verdict {
            Verdict::Fails | Verdict::Warnings => true,
            Verdict::Works => run.verbose,
            _ => false,
        };
        if details {
            let mut text =
                secrets.map_or_else(String::new, |r| text_report(&f.path, r, run.verbose));
            text.push_str(&workloads_report(&f.path, &f.workloads, run));
            for line in printable_lines(&text).lines() {
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    if !run.quiet {
        let s = run.summary();
        let code = if s.errors > 0 || s.unreadable > 0 {
            RED
        } else if s.warnings > 0 {
            YELLOW
        } else {
            GREEN
        };
        out.push_str(&paint(code, &summary_line(&s)));
        out.push('\n');
    }
    out
}

/// A line per workload (`FILE:LINE:COLUMN Deployment web/api: 2 images; pull secrets: a, b`),
/// then its findings, indented. Workloads without a finding to show are left out unless
/// `--verbose`.
fn workloads_report(path: &str, workloads: &[pullsecret::WorkloadReport], run: &Run) -> String {
    let mut out = String::new();
    for w in workloads {
        let shown: Vec<_> = run.shown(&w.diagnostics).collect();
        if shown.is_empty() && !run.verbose {
            continue;
        }
        let name = match &w.name {
            Some(n) => format!("{}/{n}", w.namespace),
            None => w.namespace.clone(),
        };
        let secrets = if w.pull_secrets.is_empty() {
            String::from("no pull secret")
        } else {
            let names: Vec<&str> = w.pull_secrets.iter().map(|p| p.name.as_str()).collect();
            let from = if w.pull_secrets_from == "serviceAccount" && w.kind != "ServiceAccount" {
                format!(
                    " (from the ServiceAccount `{}`)",
                    w.service_account.as_deref().unwrap_or("")
                )
            } else {
                String::new()
            };
            format!("pull secrets {}{from}", names.join(", "))
        };
        let images = if w.kind == "ServiceAccount" {
            String::new()
        } else {
            format!("{}; ", plural(w.images.len(), "image", "images"))
        };
        // Names from the files: a line break in one would start a line of its own.
        out.push_str(&format!(
            "{}:{}:{} {} {}: {images}{}\n",
            printable(path),
            w.line,
            w.column,
            printable(&w.kind),
            printable(&name),
            printable(&secrets)
        ));
        for d in shown {
            out.push_str("  ");
            out.push_str(&crate::commands::read::diagnostic_line(path, d));
            out.push('\n');
        }
    }
    out
}

/// `2 Secrets, 1 config file`.
fn objects(secrets: usize, configs: usize) -> String {
    let mut parts = Vec::new();
    if secrets > 0 || configs == 0 {
        parts.push(plural(secrets, "Secret", "Secrets"));
    }
    if configs > 0 {
        parts.push(plural(configs, "config file", "config files"));
    }
    parts.join(", ")
}

/// The run's summary in one line (also the last line of `--format github`).
pub(crate) fn summary_line(s: &Summary) -> String {
    let mut files = Vec::new();
    if s.without_pull_secret > 0 {
        files.push(format!("{} without a pull secret", s.without_pull_secret));
    }
    if s.unreadable > 0 {
        files.push(format!("{} unreadable", s.unreadable));
    }
    let files = if files.is_empty() {
        String::new()
    } else {
        format!(" ({})", files.join(", "))
    };
    let outcome = if s.failing_pulls > 0 {
        format!("{} will fail", plural(s.failing_pulls, "pull", "pulls"))
    } else if s.errors > 0 {
        String::from("errors, though no client fails")
    } else if s.unreadable > 0 {
        String::from("some files could not be read")
    } else if s.warnings > 0 {
        String::from("pulls will work, with warnings")
    } else {
        String::from("all pulls will work")
    };
    let workloads = if s.workloads > 0 {
        format!(
            ", {} ({})",
            plural(s.workloads, "workload", "workloads"),
            plural(s.images, "image", "images")
        )
    } else {
        String::new()
    };
    let baselined = if s.baselined > 0 {
        format!(" ({} baselined)", s.baselined)
    } else {
        String::new()
    };
    format!(
        "summary: {}{files}, {} ({}){workloads}, {}, {}{baselined}: {outcome}",
        plural(s.files, "file", "files"),
        plural(s.objects, "object", "objects"),
        objects(s.secrets, s.objects - s.secrets),
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
    )
}
