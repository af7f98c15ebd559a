//! `docs/diagnostics.md` is generated from the catalogue (`src/diagnostics/catalog.rs`): this
//! test renders the page and fails when the committed file differs. To rewrite it:
//!
//! ```sh
//! UPDATE_DOCS=1 cargo test -p pullsecret --test docs
//! ```
//!
//! It also checks the catalogue itself: well-formed names and texts, and every example input
//! raising its code at its default severity.

use pullsecret::{
    check_workloads, flag_plain_text_secrets, validate_with, Client, ClientSummary, Clients, Code,
    EntrySummary, Example, Family, FileStatus, Manifests, Report, RepositoryOptions,
    ValidateOptions, Verdict,
};
use std::fmt::Write;
use std::path::PathBuf;

const PAGE: &str = "docs/diagnostics.md";
const CATALOGUE: &str = "crates/pullsecret/src/diagnostics/catalog.rs";
const UPDATE: &str = "UPDATE_DOCS=1 cargo test -p pullsecret --test docs";

const INTRO: &str = "\
Every code `validate` (and `check`, for workloads) can emit, like a linter's rule list. *Severity* is the usual one; the
raised or lowered severity in context is given in brackets. *Clients* says in words what
kubelet, containers/image (podman, CRI-O, skopeo, buildah, oc) and the Docker CLI do in general.
Under each example, *What the clients do* is computed, not written: the example is run through
`validate`, and the table gives its report's verdicts for the entry the finding is about
(`used`, `anonymous`, `ignored`, `fails-registry`, `fails-all`, with the report's reason) or,
for a finding about the whole file or Secret, each client's summary (`ok` or `fails`), and says
when the clients disagree. The verdicts are what each client does with the config as given;
whether the API server or kubectl accepts a Secret at all is said in *Clients*. The rules and
their sources are in the team's `auth-semantics.md`. In the report, each finding carries its
code's fix as `help` (or a more specific one), and `labels` point at the other places that
explain it (the first of two duplicate keys, say). The codes of *Repositories* (but
`sops-encrypted`, which `validate` raises) are raised by `pullsecret check` over a set of files
(each example is checked as a repository of one file): they are about where a secret is kept
and about pods, not about how a client reads one config.

The examples are checked as at 2026-01-01T00:00:00Z (`validate` with `now`): the expiry of the
tokens in the examples of `token-expired` and `token-expiring` is fixed, and the time that makes
one expired and the other expiring is this one. Without a time, `validate` checks no expiry.

In `pullsecret check`, each code can be turned off or given another severity (`off`, `info`,
`warning`, `error`) in the repository's `.pullsecret.yaml` (`rules:`, and per path under
`overrides:`) or with `--rule CODE=LEVEL`; a YAML comment `# pullsecret-ignore: CODE` silences
one finding, `# pullsecret-ignore-file: CODE` a whole file, and `--baseline FILE` the findings
recorded when the check was adopted (README, \"Checking a repository\").
";

/// The time every example is read at (2026-01-01T00:00:00Z): the token examples' `exp` values
/// are fixed, so their findings hold at this time and no other.
const EXAMPLE_NOW: i64 = 1_767_225_600;

/// What `validate` reports on an example, read at [`EXAMPLE_NOW`].
fn validate(text: &str) -> Report {
    validate_with(
        text,
        &ValidateOptions {
            now: Some(EXAMPLE_NOW),
            ..Default::default()
        },
    )
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Markdown table cell: no line breaks, `|` escaped.
fn cell(s: &str) -> String {
    s.replace('\n', " ").replace('|', "\\|")
}

fn severity(c: Code) -> String {
    let mut s = c.default_severity().as_str().to_string();
    if let Some(ctx) = c.severity_in_context() {
        write!(s, " ({ctx})").unwrap();
    }
    s
}

/// An example input as a fenced block; invisible characters shown as `<U+XXXX>`.
fn example_block(text: &str, out: &mut String) {
    let t = text.trim_start_matches('\u{feff}');
    let lang = if t.starts_with(['{', '[']) {
        "json"
    } else if t.contains(":\n") || t.contains(": ") {
        "yaml"
    } else {
        "text"
    };
    let mut shown = String::new();
    let mut invisible = Vec::new();
    for ch in text.chars() {
        if ch == '\u{feff}' || (ch.is_control() && ch != '\n') {
            let name = format!("<U+{:04X}>", ch as u32);
            shown.push_str(&name);
            if !invisible.contains(&name) {
                invisible.push(name);
            }
        } else {
            shown.push(ch);
        }
    }
    writeln!(out, "```{lang}\n{}\n```", shown.trim_end_matches('\n')).unwrap();
    for name in invisible {
        writeln!(out, "\n`{name}` stands for that invisible character.").unwrap();
    }
}

/// What one client does, for the table: a status word, the reason, and a verb phrase for the
/// "disagree" line (singular and plural).
struct Row {
    status: String,
    reason: Option<&'static str>,
    verb: (String, String),
}

fn entry_row(v: &Verdict, thing: &str) -> Row {
    use pullsecret::Status::*;
    let verb = match v.status {
        Used => ("uses it".into(), "use it".into()),
        Anonymous => ("pulls anonymously".into(), "pull anonymously".into()),
        Ignored => ("ignores it".into(), "ignore it".into()),
        FailsRegistry => (
            "fails for this registry".into(),
            "fail for this registry".into(),
        ),
        FailsAll => (
            format!("fails on the whole {thing}"),
            format!("fail on the whole {thing}"),
        ),
    };
    Row {
        status: format!("`{}`", v.status.as_str()),
        reason: v.reason,
        verb,
    }
}

fn summary_row(s: &ClientSummary) -> Row {
    match (s.status, s.used_entries) {
        (FileStatus::Fails, _) => Row {
            status: "`fails`".into(),
            reason: s.reason,
            verb: ("fails".into(), "fail".into()),
        },
        (FileStatus::Ok, 0) => Row {
            status: "`ok`, no credentials".into(),
            reason: s.reason,
            verb: ("reads no credentials".into(), "read no credentials".into()),
        },
        (FileStatus::Ok, n) => Row {
            status: format!(
                "`ok`, {n} {} used",
                if n == 1 { "entry" } else { "entries" }
            ),
            reason: s.reason,
            verb: ("uses it".into(), "use it".into()),
        },
    }
}

fn client_name(c: Client) -> &'static str {
    match c {
        Client::Kubelet => "kubelet",
        Client::Containers => "containers/image",
        Client::Docker => "docker",
    }
}

/// The verdicts `validate` gives on a code's example, as a table under the example: for the
/// entry the finding points into; else for the object's only entry; else each client's summary
/// of the object (or of the whole input, for a finding that belongs to no object).
fn verdicts(c: Code, report: &Report, out: &mut String) {
    let at_default =
        |d: &&pullsecret::Diagnostic| d.code == c && d.severity == c.default_severity();
    let object = report
        .objects
        .iter()
        .find(|o| o.diagnostics.iter().any(|d| at_default(&d)))
        .or_else(|| {
            report
                .objects
                .iter()
                .find(|o| o.diagnostics.iter().any(|d| d.code == c))
        });
    let (what, rows): (String, Clients<Row>) = match object {
        None => (
            "the input".into(),
            Client::ALL
                .map(|k| summary_row(report.clients.get(k)))
                .into(),
        ),
        Some(o) => {
            let d = o.diagnostics.iter().find(at_default);
            let d = d
                .or_else(|| o.diagnostics.iter().find(|d| d.code == c))
                .unwrap();
            let pointed = (!d.pointer.is_empty())
                .then(|| {
                    o.entries.iter().find(|e| {
                        d.pointer == e.pointer
                            || d.pointer
                                .strip_prefix(&e.pointer)
                                .is_some_and(|r| r.starts_with('/'))
                    })
                })
                .flatten();
            let thing = if o.kind.is_some() { "Secret" } else { "file" };
            let entry = |e: &EntrySummary| -> Clients<Row> {
                Client::ALL
                    .map(|k| entry_row(e.verdicts.get(k), thing))
                    .into()
            };
            match (pointed, &o.entries[..]) {
                (Some(e), _) => (format!("the entry `{}`", e.registry), entry(e)),
                (None, [e]) => (
                    format!("the {thing}'s only entry, `{}`", e.registry),
                    entry(e),
                ),
                (None, _) => (
                    format!("the {thing}"),
                    Client::ALL.map(|k| summary_row(o.clients.get(k))).into(),
                ),
            }
        }
    };
    writeln!(
        out,
        "**What the clients do** with {what} (from `validate`'s report on the example):\n"
    )
    .unwrap();
    writeln!(out, "| client | verdict | reason |\n|---|---|---|").unwrap();
    for k in Client::ALL {
        let r = rows.get(k);
        writeln!(
            out,
            "| {} | {} | {} |",
            client_name(k),
            r.status,
            cell(r.reason.unwrap_or(""))
        )
        .unwrap();
    }
    // Clients grouped by what they do, in client order: "kubelet uses it, containers/image and
    // docker fail on the whole file".
    let mut groups: Vec<(&str, Vec<Client>)> = Vec::new();
    for k in Client::ALL {
        let s = &rows.get(k).verb.0;
        match groups.iter_mut().find(|(g, _)| g == s) {
            Some((_, ks)) => ks.push(k),
            None => groups.push((s, vec![k])),
        }
    }
    if groups.len() == 1 {
        writeln!(out, "\nThe three clients give the same verdict.\n").unwrap();
    } else {
        let parts: Vec<String> = groups
            .iter()
            .map(|(_, ks)| {
                let names: Vec<&str> = ks.iter().map(|&k| client_name(k)).collect();
                let verb = &rows.get(ks[0]).verb;
                format!(
                    "{} {}",
                    names.join(" and "),
                    if ks.len() == 1 { &verb.0 } else { &verb.1 }
                )
            })
            .collect();
        writeln!(out, "\nThe clients disagree: {}.\n", parts.join(", ")).unwrap();
    }
}

fn render() -> String {
    let mut out = String::new();
    writeln!(out, "# Diagnostic codes\n").unwrap();
    writeln!(
        out,
        "<!-- Generated from the catalogue ({CATALOGUE}) by crates/pullsecret/tests/docs.rs: do not \
         edit by hand. To regenerate: {UPDATE} -->\n"
    )
    .unwrap();
    writeln!(out, "{INTRO}").unwrap();
    writeln!(out, "| code | severity | meaning |\n|---|---|---|").unwrap();
    for &c in Code::ALL {
        writeln!(
            out,
            "| [`{0}`](#{0}) | {1} | {2} |",
            c.as_str(),
            cell(&severity(c)),
            cell(c.summary())
        )
        .unwrap();
    }
    for &f in Family::ALL {
        write!(out, "\n## {}\n", f.title()).unwrap();
        for c in Code::ALL.iter().copied().filter(|c| c.family() == f) {
            writeln!(out, "\n### `{}`\n", c.as_str()).unwrap();
            writeln!(
                out,
                "**Severity:** {}. **Clients:** {}.\n",
                severity(c),
                c.clients()
            )
            .unwrap();
            writeln!(out, "{}\n", c.summary()).unwrap();
            writeln!(out, "**Why:** {}\n", c.why()).unwrap();
            match c.example() {
                Example::Input(t) if t.trim().is_empty() => writeln!(
                    out,
                    "**Example:** an empty file (or one with only whitespace).\n"
                )
                .unwrap(),
                Example::Input(t) => {
                    writeln!(out, "**Example:**\n").unwrap();
                    example_block(t, &mut out);
                    out.push('\n');
                }
                Example::Described(d) => writeln!(out, "**Example:** {d}.\n").unwrap(),
            }
            match c.example() {
                // A workload's finding is about the pod, not about a client's reading of a file.
                Example::Input(_)
                    if c.family() == Family::Repository && c != Code::SopsEncrypted => {}
                Example::Input(t) => verdicts(c, &validate(t), &mut out),
                Example::Described(_) => {}
            }
            writeln!(out, "**Fix:** {}", c.help()).unwrap();
            if let Some(what) = pullsecret::fixable(c) {
                // The example's repair, shown as `pullsecret fix` makes it.
                writeln!(out, "\n**`pullsecret fix`** {what}.").unwrap();
            }
        }
    }
    out
}

#[test]
fn the_page_is_generated_from_the_catalogue() {
    let path = root().join(PAGE);
    let want = render();
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have == want {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| v != "0") {
        std::fs::write(&path, &want).unwrap();
        eprintln!("rewrote {PAGE} from the catalogue");
        return;
    }
    let (n, (h, w)) = have
        .lines()
        .chain(std::iter::repeat("<end of file>"))
        .zip(want.lines().chain(std::iter::repeat("<end of file>")))
        .enumerate()
        .find(|(_, (h, w))| h != w)
        .unwrap();
    panic!(
        "\n{PAGE} is not current: it must be what the catalogue ({CATALOGUE}) renders.\n\
         first difference, line {}:\n  committed: {h}\n  generated: {w}\n\
         Do not edit the page by hand: change the catalogue, then run\n    {UPDATE}\n\
         and commit {PAGE}.\n",
        n + 1
    );
}

#[test]
fn the_catalogue_is_well_formed() {
    let mut names = std::collections::HashSet::new();
    for &c in Code::ALL {
        let name = c.as_str();
        assert!(names.insert(name), "{name} is defined twice");
        assert!(
            !name.is_empty()
                && name.split('-').all(|w| !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
            "{name} is not kebab-case"
        );
        assert_eq!(Code::from_name(name), Some(c));
        for (what, text) in [
            ("summary", c.summary()),
            ("why", c.why()),
            ("help", c.help()),
        ] {
            assert!(
                text.ends_with('.') && text.len() > 10,
                "{name}: the {what} must be a sentence ending with `.`: {text:?}"
            );
        }
        assert!(!c.clients().is_empty(), "{name}: no clients");
    }
    assert_eq!(Code::from_name("no-such-code"), None);
    // Codes come family by family, so the index table and the sections have one order.
    let families: Vec<Family> = Code::ALL.iter().map(|c| c.family()).collect();
    let mut grouped = families.clone();
    grouped.sort_by_key(|f| Family::ALL.iter().position(|g| g == f));
    assert_eq!(families, grouped, "Code::ALL is not grouped by family");
}

#[test]
fn every_example_raises_its_code() {
    let mut failures = Vec::new();
    for &c in Code::ALL {
        let Example::Input(text) = c.example() else {
            continue;
        };
        // The workload family's examples are manifests: checked as a repository of one file.
        let workloads = if c.family() == Family::Repository {
            check_workloads(&[Manifests::read(text)], &RepositoryOptions::default())
                .concat()
                .into_iter()
                .flat_map(|w| w.diagnostics)
                .collect()
        } else {
            Vec::new()
        };
        let mut report = validate(text);
        if c.family() == Family::Repository {
            flag_plain_text_secrets(&mut report);
        }
        let all = || report.all_diagnostics().chain(workloads.iter());
        let found: Vec<_> = all().filter(|d| d.code == c).collect();
        if found.is_empty() {
            let got: Vec<_> = all().map(|d| d.code.as_str()).collect();
            failures.push(format!("{}: the example raises {got:?}", c.as_str()));
        } else if !found.iter().any(|d| d.severity == c.default_severity()) {
            failures.push(format!(
                "{}: the example raises it as {}, not at its default severity",
                c.as_str(),
                found[0].severity.as_str()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
