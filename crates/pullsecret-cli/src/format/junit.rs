//! `--format junit`: JUnit XML, the test report every CI system (Jenkins, GitLab, Azure
//! Pipelines, CircleCI) shows without a plug-in.
//!
//! Why it exists: where a pipeline shows only test results, each pull secret becomes a test.
//! One `<testsuite>` per file, one `<testcase>` per object the core checked (named by kind,
//! namespace/name and document) and per workload (`check`), a `<failure>` for an object with errors (its findings as
//! `FILE:LINE:COLUMN severity code message` lines), warnings and infos in `<system-out>`; the
//! findings that belong to no object are a `file` test case; an unreadable file is an
//! `<error>`; a file without a pull secret (repository mode) a `<skipped>` test case. Text is
//! XML-escaped, and the characters XML 1.0 cannot hold become U+FFFD.
//!
//! May use: the `format` module, `commands::read`'s finding line.

use super::{Outcome, Run, Verdict};
use crate::commands::read::diagnostic_line;
use pullsecret::{Diagnostic, ObjectReport, Severity};
use std::fmt::Write as _;

/// `s` escaped for XML text and attribute values.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A test case's name: `Secret apps/regcred (document 2)`, `config file`.
fn case_name(o: &ObjectReport) -> String {
    let mut name = o
        .kind
        .clone()
        .unwrap_or_else(|| String::from("config file"));
    match (&o.namespace, &o.name) {
        (Some(ns), Some(n)) if !ns.is_empty() => {
            let _ = write!(name, " {ns}/{n}");
        }
        (_, Some(n)) => {
            let _ = write!(name, " {n}");
        }
        _ => {}
    }
    let mut at = Vec::new();
    if o.index > 0 {
        at.push(format!("document {}", o.index + 1));
    }
    if let Some(i) = o.item {
        at.push(format!("item {}", i + 1));
    }
    if !at.is_empty() {
        let _ = write!(name, " ({})", at.join(", "));
    }
    name
}

/// One test case: a failure with the errors, the rest in `system-out`.
fn case<'d>(
    out: &mut String,
    path: &str,
    name: &str,
    line: usize,
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
) {
    let mut errors = Vec::new();
    let mut others = Vec::new();
    for d in diagnostics {
        let text = diagnostic_line(path, d);
        if d.severity == Severity::Error {
            errors.push((d.code.as_str(), text));
        } else {
            others.push(text);
        }
    }
    let _ = write!(
        out,
        "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{line}\"",
        xml(path),
        xml(name),
        xml(path)
    );
    if errors.is_empty() && others.is_empty() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    if let Some((code, _)) = errors.first() {
        let texts: Vec<&str> = errors.iter().map(|(_, t)| t.as_str()).collect();
        let _ = writeln!(
            out,
            "      <failure type=\"{}\" message=\"{}\">{}</failure>",
            xml(code),
            xml(&format!(
                "{} error{}",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            )),
            xml(&texts.join("\n"))
        );
    }
    if !others.is_empty() {
        let _ = writeln!(
            out,
            "      <system-out>{}</system-out>",
            xml(&others.join("\n"))
        );
    }
    out.push_str("    </testcase>\n");
}

/// A workload's test case name: `Deployment web/api (document 2)`.
fn workload_name(w: &pullsecret::WorkloadReport) -> String {
    let mut name = format!("{} {}", w.kind, w.namespace);
    if let Some(n) = &w.name {
        name.push('/');
        name.push_str(n);
    }
    if w.document > 0 {
        name.push_str(&format!(" (document {})", w.document + 1));
    }
    name
}

/// The JUnit XML of `run`.
pub(crate) fn write(run: &Run) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures, mut errors, mut skipped) = (0usize, 0usize, 0usize, 0usize);
    for f in &run.files {
        let mut body = String::new();
        let (mut t, mut fl, mut e, mut s) = (0usize, 0usize, 0usize, 0usize);
        match (&f.outcome, f.verdict(run.repository)) {
            (Outcome::Unreadable(msg), _) => {
                t += 1;
                e += 1;
                let _ = writeln!(
                    body,
                    "    <testcase classname=\"{0}\" name=\"read\" file=\"{0}\">\n      <error type=\"unreadable\" message=\"{1}\"/>\n    </testcase>",
                    xml(&f.path),
                    xml(&format!("cannot read {}: {msg}", f.path))
                );
            }
            (Outcome::Checked(_), Verdict::NoPullSecret) => {
                t += 1;
                s += 1;
                let _ = writeln!(
                    body,
                    "    <testcase classname=\"{0}\" name=\"pull secrets\" file=\"{0}\">\n      <skipped message=\"no pull secret\"/>\n    </testcase>",
                    xml(&f.path)
                );
            }
            (Outcome::Checked(_), _) => {
                let r = f.secrets_report(run.repository);
                let top = r.map_or(&[][..], |r| &r.diagnostics[..]);
                if !top.is_empty() {
                    t += 1;
                    if top.iter().any(|d| d.severity == Severity::Error) {
                        fl += 1;
                    }
                    case(&mut body, &f.path, "file", top[0].line, run.shown(top));
                }
                for o in r.map_or(&[][..], |r| &r.objects[..]) {
                    t += 1;
                    if o.errors > 0 {
                        fl += 1;
                    }
                    let name = case_name(o);
                    case(&mut body, &f.path, &name, o.line, run.shown(&o.diagnostics));
                }
                for w in &f.workloads {
                    t += 1;
                    if w.errors > 0 {
                        fl += 1;
                    }
                    let name = workload_name(w);
                    case(&mut body, &f.path, &name, w.line, run.shown(&w.diagnostics));
                }
            }
        }
        let _ = write!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{t}\" failures=\"{fl}\" errors=\"{e}\" skipped=\"{s}\">\n{body}  </testsuite>\n",
            xml(&f.path)
        );
        tests += t;
        failures += fl;
        errors += e;
        skipped += s;
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pullsecret check\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\">\n{suites}</testsuites>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn escapes_markup_and_what_xml_cannot_hold() {
        assert_eq!(
            xml("a<b>&\"c'\u{1}\td"),
            "a&lt;b&gt;&amp;&quot;c&apos;\u{fffd}\td"
        );
    }
}
