//! `--format text`: a headline per file, its findings, and the run's summary, for people.
//!
//! Why it exists: in a repository of hundreds of files the question is "will my pulls work?",
//! answered on the first line of each file (`✔ pulls will work`, `⚠ works with warnings`,
//! `✘ N pulls will fail`); the findings follow as `validate` prints them (`FILE:LINE:COLUMN
//! severity code message`), so an editor or terminal jumps to them. Clean files get the headline
//! alone; `--verbose` adds the files without a pull secret and every file's details, `--quiet`
//! keeps only the failing files. Colour only when stdout is a terminal and `NO_COLOR` is unset
//! or empty (no-color.org).
//!
//! May use: the `format` module, `commands::read`'s text report.

use super::{Run, Summary, Verdict};
use crate::commands::plural;
use crate::commands::read::text_report;

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
        let Some(report) = f.report() else { continue };
        let objects = objects(
            report.objects.iter().filter(|o| o.kind.is_some()).count(),
            report.objects.iter().filter(|o| o.kind.is_none()).count(),
        );
        let counts = format!(
            "{}, {}",
            plural(report.errors, "error", "errors"),
            plural(report.warnings, "warning", "warnings")
        );
        let (mark, colour_code, what) = match verdict {
            Verdict::Works => ("✔", GREEN, format!("pulls will work ({objects})")),
            Verdict::Warnings => (
                "⚠",
                YELLOW,
                format!(
                    "works with warnings ({}; {objects})",
                    plural(report.warnings, "warning", "warnings")
                ),
            ),
            Verdict::Fails => {
                let n = f.failing_pulls();
                let what = if n > 0 {
                    format!(
                        "{} will fail ({}; {counts})",
                        plural(n, "pull", "pulls"),
                        f.failing_client_names().join(", ")
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
        out.push_str(&paint(colour_code, &format!("{mark} {}: {what}", f.path)));
        out.push('\n');
        let details = match verdict {
            Verdict::Fails | Verdict::Warnings => true,
            Verdict::Works => run.verbose,
            _ => false,
        };
        if details {
            for line in text_report(&f.path, report, run.verbose).lines() {
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
    format!(
        "summary: {}{files}, {} ({}), {}, {}: {outcome}",
        plural(s.files, "file", "files"),
        plural(s.objects, "object", "objects"),
        objects(s.secrets, s.objects - s.secrets),
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
    )
}
