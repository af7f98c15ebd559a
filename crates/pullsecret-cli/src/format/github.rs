//! `--format github`: GitHub Actions workflow commands, which the pull request shows as
//! annotations on the lines they name.
//!
//! Why it exists: a pipeline on GitHub needs no SARIF upload to show findings inline. One line
//! per finding, `::error file=PATH,line=L,col=C,endLine=…,endColumn=…,title=CODE::message`
//! (`::warning`, `::notice` for infos), escaped as GitHub's toolkit escapes them
//! (`@actions/core` `escapeData`/`escapeProperty`: `%`, `\r`, `\n`, and in properties `:` and
//! `,`); an unreadable file is an `::error` naming it; the run's summary line ends the output.
//! `--quiet` keeps the errors only.
//!
//! May use: the `format` module.

use super::{Outcome, Run};
use pullsecret::Severity;

/// A message, as `escapeData` escapes it.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value, as `escapeProperty` escapes it.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The workflow commands of `run`.
pub(crate) fn write(run: &Run) -> String {
    let mut out = String::new();
    for f in &run.files {
        if let Outcome::Unreadable(e) = &f.outcome {
            out.push_str(&format!(
                "::error file={},title=unreadable::{}\n",
                property(&f.path),
                data(&format!("cannot read {}: {e}", f.path))
            ));
        }
    }
    for f in run.reported() {
        for d in run.findings(f) {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            if run.quiet && d.severity != Severity::Error {
                continue;
            }
            out.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                property(&f.path),
                d.line,
                d.column,
                d.end_line,
                d.end_column,
                property(d.code.as_str()),
                data(&d.message)
            ));
        }
    }
    if !run.quiet {
        out.push_str(&super::text::summary_line(&run.summary()));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{data, property};

    #[test]
    fn escapes_as_the_actions_toolkit() {
        assert_eq!(data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
