//! `validate`, `lookup` and `parse`: reading a file and saying what the clients do with it.

use super::{name_of, plural, print_json};
use crate::cli::{LookupArgs, ParseArgs, TextOrJson, ValidateArgs};
use crate::failure::Failure;
use crate::io::{printable, Io};
use pullsecret::{Client, Diagnostic, LookupOptions, LookupStatus, ObjectReport, Severity};
use std::fmt::Write as _;

pub(crate) fn validate(a: ValidateArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    if super::check::several(&a) {
        return super::check::validate_several(a, io);
    }
    let options = super::validate_options(&a.expiry)?;
    let input = io.input(a.files.first().map(String::as_str))?;
    let report = pullsecret::validate_with(&input.text, &options);
    if a.output == TextOrJson::Json {
        print_json(io, &report)?;
    } else {
        io.out_text(&text_report(&input.name, &report, a.verbose))?;
    }
    Ok(if report.valid { 0 } else { 1 })
}

/// `FILE:LINE:COLUMN severity code message`: one finding, as every text report prints it.
pub(crate) fn diagnostic_line(name: &str, d: &Diagnostic) -> String {
    format!(
        "{}:{}:{} {} {} {}",
        printable(name),
        d.line,
        d.column,
        name_of(&d.severity),
        d.code.as_str(),
        printable(&d.message)
    )
}

/// The text report: `FILE:LINE:COLUMN severity code message` lines, a line per object of a
/// stream, and the totals. Routine infos are counted, not shown, unless `verbose`.
pub(crate) fn text_report<'r>(name: &str, report: &'r pullsecret::Report, verbose: bool) -> String {
    // A line break in a file name would start a line of its own.
    let name = &*printable(name);
    let mut hidden = 0usize;
    let mut shown = |ds: &'r [Diagnostic]| -> Vec<&'r Diagnostic> {
        let kept: Vec<&Diagnostic> = ds
            .iter()
            .filter(|d| verbose || !(d.severity == Severity::Info && d.code.is_routine()))
            .collect();
        hidden += ds.len() - kept.len();
        kept
    };
    // "3 infos hidden, -v shows them", or nothing.
    let hidden_note = |hidden: usize, before: &str, after: &str| {
        if hidden == 0 {
            return String::new();
        }
        let n = plural(hidden, "info", "infos");
        format!("{before}{n} hidden, -v shows them{after}")
    };
    let diag = |d: &Diagnostic| diagnostic_line(name, d);
    let counts = |errors: usize, warnings: usize| {
        format!(
            "{}, {}",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings")
        )
    };
    let what = |o: &ObjectReport| {
        let format = o
            .format
            .as_ref()
            .map(name_of)
            .unwrap_or_else(|| String::from("unreadable"));
        format!("{format}, {}", plural(o.entries.len(), "entry", "entries"))
    };
    let mut lines: Vec<String> = shown(&report.diagnostics).into_iter().map(diag).collect();
    if report.objects.len() == 1 && report.diagnostics.is_empty() {
        // One object (a file, a Secret): its findings and one summary line.
        let o = &report.objects[0];
        lines.extend(shown(&o.diagnostics).into_iter().map(diag));
        let note = hidden_note(hidden, "; ", "");
        lines.push(format!(
            "{name}: {} ({}{note})",
            counts(o.errors, o.warnings),
            what(o)
        ));
    } else {
        // A stream or a List: each object's findings under a line naming it.
        for o in &report.objects {
            let mut title: Vec<String> = Vec::new();
            title.push(o.kind.clone().unwrap_or_else(|| name_of(&o.source)));
            match (&o.namespace, &o.name) {
                (Some(ns), Some(n)) if !ns.is_empty() && !n.is_empty() => {
                    title.push(format!("{ns}/{n}"))
                }
                (_, Some(n)) => title.push(n.clone()),
                _ => {}
            }
            if o.index > 0 {
                title.push(format!("document {}", o.index + 1));
            }
            if let Some(item) = o.item {
                title.push(format!("item {}", item + 1));
            }
            title.retain(|t| !t.is_empty());
            lines.push(format!(
                "{name}:{}:{} {}: {}, {} ({})",
                o.line,
                o.column,
                printable(&title.join(" ")),
                if o.valid { "valid" } else { "invalid" },
                counts(o.errors, o.warnings),
                what(o)
            ));
            lines.extend(
                shown(&o.diagnostics)
                    .into_iter()
                    .map(|d| format!("  {}", diag(d))),
            );
        }
        let note = hidden_note(hidden, " (", ")");
        lines.push(format!(
            "{name}: {} in {}{note}",
            counts(report.errors, report.warnings),
            plural(report.objects.len(), "object", "objects")
        ));
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

pub(crate) fn parse(a: ParseArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    let input = io.input(a.file.as_deref())?;
    let doc = pullsecret::parse(&input.text)?;
    print_json(io, &doc)?;
    Ok(0)
}

pub(crate) fn lookup(a: LookupArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    let input = io.input(a.file.as_deref())?;
    let clients: Vec<Client> = match a.client.as_str() {
        "kubelet" => vec![Client::Kubelet],
        "containers" => vec![Client::Containers],
        "docker" => vec![Client::Docker],
        _ => vec![Client::Kubelet, Client::Containers, Client::Docker],
    };
    let mut results = Vec::with_capacity(clients.len());
    for client in clients {
        results.push(pullsecret::lookup(
            &input.text,
            &a.image,
            &LookupOptions { client },
        )?);
    }
    if a.output == TextOrJson::Json {
        if a.client == "all" {
            print_json(io, &results)?;
        } else {
            print_json(io, &results[0])?;
        }
    } else {
        let mut out = format!("{}\n", results[0].image);
        for r in &results {
            describe(&mut out, r);
        }
        io.out_text(&out)?;
    }
    Ok(if results.iter().any(|r| r.status == LookupStatus::Fails) {
        1
    } else {
        0
    })
}

/// One client's answer: its status and reason, then each entry it tries.
fn describe(out: &mut String, r: &pullsecret::Lookup) {
    let quote = |s: &str| serde_json::to_string(s).expect("strings serialize");
    let _ = write!(out, "{}: {}", name_of(&r.client), name_of(&r.status));
    if let Some(reason) = &r.reason {
        let _ = write!(out, " ({reason})");
    }
    out.push('\n');
    for (i, m) in r.matches.iter().enumerate() {
        out.push_str("  ");
        if r.client == Client::Kubelet {
            let _ = write!(out, "{}. ", i + 1);
        }
        let _ = write!(
            out,
            "{} at {}:{}, rule {}",
            quote(&m.registry),
            m.position.line,
            m.position.column,
            m.rule
        );
        match &m.username {
            Some(u) => {
                let _ = write!(out, " as {}", quote(u));
                if !m.has_password {
                    out.push_str(", no password");
                }
            }
            None => out.push_str(" with no credentials"),
        }
        out.push('\n');
    }
    if r.ambiguous {
        out.push_str("  several keys mean this registry: the client picks one of them at random\n");
    }
}
