//! The policy of a `check` run: which findings count, and at which severity.
//!
//! Why it exists: a repository adopts the check as it adopts a linter. Its `.pullsecret.yaml`
//! and `--rule` flags turn rules off or change their severity (per path with `overrides`,
//! `config`), comments silence one finding (`ignores`), and a baseline leaves out the findings
//! recorded when the check was adopted (`baseline`). All of it is applied here, to each file's
//! reports right after the check and before anything is counted, so the file's errors and
//! warnings, its verdict (✔ ⚠ ✘), the exit status and every output format follow without
//! knowing about it: a finding turned off or ignored is removed from the core's report (the
//! file's, each object's, each workload's diagnostics, with their `errors`, `warnings` and
//! `valid` recounted), a re-levelled one keeps its place with the new severity.
//!
//! What a policy does not change: the clients' verdicts. A pull that fails still fails, so a
//! file's and the run's `failingPulls` (and the headline's "N pulls will fail") still count it;
//! but a file fails (exit 1) only on the errors that remain.
//!
//! The rules of a file are, in order, the config's `rules`, then each `overrides` entry whose
//! globs (`globset`, relative to the config file's directory, `*` not crossing `/`, `**` any
//! depth) match the file's path, then `--rule` flags: the last word on a code wins.
//!
//! May use: the `format` module's `Checked`, `globset`, `serde`, `serde_json`, `sha2`, the
//! core's report types, `std`.

pub(crate) mod baseline;
pub(crate) mod config;
pub(crate) mod ignores;

use crate::failure::Failure;
use crate::format::{Checked, Outcome};
use config::{Config, Level, Rules};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignores::Ignores;
use pullsecret::{Code, Diagnostic, Severity};
use std::path::{Component, Path, PathBuf};

/// The rules of a run (see the module comment).
pub(crate) struct Policy {
    rules: Rules,
    /// Each `overrides` entry: its globs and rules.
    overrides: Vec<(GlobSet, Rules)>,
    flags: Rules,
    /// The config file's directory (absolute), the globs' base.
    dir: Option<PathBuf>,
    cwd: PathBuf,
}

impl Policy {
    /// The policy of `config` (if any) and the `--rule` flags.
    pub(crate) fn new(config: Option<&Config>, flags: Rules) -> Result<Policy, Failure> {
        let mut overrides = Vec::new();
        for o in config.map_or(&[][..], |c| &c.overrides[..]) {
            let mut set = GlobSetBuilder::new();
            for p in &o.paths {
                let glob = GlobBuilder::new(p.trim_start_matches("./"))
                    .literal_separator(true)
                    .build()
                    .map_err(|e| Failure::Usage(format!("overrides: path `{p}`: {}", e.kind())))?;
                set.add(glob);
            }
            let set = set
                .build()
                .map_err(|e| Failure::Usage(format!("overrides: {e}")))?;
            overrides.push((set, o.rules.clone()));
        }
        Ok(Policy {
            rules: config.map_or_else(Rules::new, |c| c.rules.clone()),
            overrides,
            flags,
            dir: config.map(|c| c.dir.clone()),
            cwd: normalise(&std::env::current_dir().unwrap_or_default()),
        })
    }

    /// Whether the policy changes nothing.
    pub(crate) fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.overrides.is_empty() && self.flags.is_empty()
    }

    /// The rules of the file at `path` (as given or walked; `<stdin>` has no path).
    fn rules_for(&self, path: &str) -> Vec<(Code, Level)> {
        let mut out = self.rules.clone();
        if let Some(dir) = &self.dir {
            if path != "<stdin>" {
                let abs = normalise(&self.cwd.join(path));
                if let Ok(rel) = abs.strip_prefix(dir) {
                    for (set, rules) in &self.overrides {
                        if set.is_match(rel) {
                            out.extend_from_slice(rules);
                        }
                    }
                }
            }
        }
        out.extend_from_slice(&self.flags);
        out
    }

    /// Applies the rules and `ignores` to `f`'s findings.
    pub(crate) fn apply(&self, f: &mut Checked, ignores: &Ignores) {
        let rules = self.rules_for(&f.path);
        if rules.is_empty() && ignores.file.is_empty() && ignores.lines.is_empty() {
            return;
        }
        retain(f, true, &mut |d, _| {
            if ignores.silences(d.code, d.line) {
                return false;
            }
            match rules.iter().rev().find(|(c, _)| *c == d.code) {
                Some((_, Level::Off)) => false,
                Some((_, Level::Set(s))) => {
                    d.severity = *s;
                    true
                }
                None => true,
            }
        });
    }

    /// A path relative to the working directory when under it, `/`-separated (the baseline's).
    pub(crate) fn display_path(&self, path: &str) -> String {
        if path == "<stdin>" {
            return String::from(path);
        }
        let abs = normalise(&self.cwd.join(path));
        let p = abs.strip_prefix(&self.cwd).unwrap_or(&abs);
        p.to_string_lossy().replace('\\', "/")
    }
}

/// `path` with its `.` and `..` components resolved in the text (no symlink is read).
pub(crate) fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Keeps the findings of `f` for which `keep` (given the finding and its owner: `""` for the
/// file, `Kind namespace/name` for an object or workload) is true, and recounts. The core's
/// report is left alone unless `report`.
pub(crate) fn retain(
    f: &mut Checked,
    report: bool,
    keep: &mut dyn FnMut(&mut Diagnostic, &str) -> bool,
) {
    if let (Outcome::Checked(r), true) = (&mut f.outcome, report) {
        r.diagnostics.retain_mut(|d| keep(d, ""));
        let (mut errors, mut warnings) = count(&r.diagnostics);
        for o in &mut r.objects {
            let id = owner(o.kind.as_deref(), o.namespace.as_deref(), o.name.as_deref());
            o.diagnostics.retain_mut(|d| keep(d, &id));
            (o.errors, o.warnings) = count(&o.diagnostics);
            o.valid = o.errors == 0;
            errors += o.errors;
            warnings += o.warnings;
        }
        (r.errors, r.warnings) = (errors, warnings);
        r.valid = errors == 0;
    }
    for w in &mut f.workloads {
        let id = owner(Some(&w.kind), Some(&w.namespace), w.name.as_deref());
        w.diagnostics.retain_mut(|d| keep(d, &id));
        (w.errors, w.warnings) = count(&w.diagnostics);
    }
}

/// The errors and warnings of `ds`.
fn count(ds: &[Diagnostic]) -> (usize, usize) {
    let n = |s: Severity| ds.iter().filter(|d| d.severity == s).count();
    (n(Severity::Error), n(Severity::Warning))
}

/// An object's identity in a fingerprint: kind, namespace and name (none for a config file).
fn owner(kind: Option<&str>, namespace: Option<&str>, name: Option<&str>) -> String {
    format!(
        "{} {}/{}",
        kind.unwrap_or(""),
        namespace.unwrap_or(""),
        name.unwrap_or("")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(yaml: &str, flags: &[&str]) -> Policy {
        let c = config::parse(yaml, PathBuf::from("/repo")).unwrap();
        let flags = flags.iter().map(|f| config::flag(f).unwrap()).collect();
        let Ok(mut p) = Policy::new(Some(&c), flags) else {
            panic!("a policy")
        };
        p.cwd = PathBuf::from("/repo");
        p
    }

    fn level(p: &Policy, path: &str, code: &str) -> Option<Level> {
        let code = Code::from_name(code).unwrap();
        p.rules_for(path)
            .iter()
            .rev()
            .find(|(c, _)| *c == code)
            .map(|(_, l)| *l)
    }

    const YAML: &str = "rules:\n  email-deprecated: off\n  anonymous-pull: error\noverrides:\n  - paths: [\"apps/legacy/**\", \"vendor/*.yaml\"]\n    rules:\n      email-deprecated: warning\n      secret-in-plain-text: off\n";

    #[test]
    fn later_rules_win_and_overrides_match_paths() {
        let p = policy(YAML, &[]);
        assert_eq!(
            level(&p, "apps/web/a.yaml", "email-deprecated"),
            Some(Level::Off)
        );
        assert_eq!(
            level(&p, "apps/legacy/x/a.yaml", "email-deprecated"),
            Some(Level::Set(Severity::Warning))
        );
        assert_eq!(
            level(&p, "./apps/legacy/a.yaml", "secret-in-plain-text"),
            Some(Level::Off)
        );
        assert_eq!(
            level(&p, "vendor/a.yaml", "secret-in-plain-text"),
            Some(Level::Off)
        );
        // `*` does not cross `/`
        assert_eq!(level(&p, "vendor/x/a.yaml", "secret-in-plain-text"), None);
        assert_eq!(level(&p, "apps/web/a.yaml", "secret-in-plain-text"), None);
        assert_eq!(level(&p, "<stdin>", "secret-in-plain-text"), None);
        assert_eq!(
            level(&p, "/repo/apps/legacy/a.yaml", "email-deprecated"),
            Some(Level::Set(Severity::Warning))
        );
        // outside the config's directory, no override applies
        assert_eq!(
            level(&p, "/elsewhere/apps/legacy/a.yaml", "email-deprecated"),
            Some(Level::Off)
        );
    }

    #[test]
    fn flags_win_over_the_file() {
        let p = policy(YAML, &["email-deprecated=info"]);
        assert_eq!(
            level(&p, "apps/legacy/a.yaml", "email-deprecated"),
            Some(Level::Set(Severity::Info))
        );
    }

    #[test]
    fn paths_are_normalised() {
        assert_eq!(normalise(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        let p = policy("{}", &[]);
        assert_eq!(p.display_path("./x/../y/z.yaml"), "y/z.yaml");
        assert_eq!(p.display_path("/other/z.yaml"), "/other/z.yaml");
    }

    #[test]
    fn applying_removes_relevels_and_recounts() {
        let text = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n  namespace: a\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '{\"auths\":{\"r.example\":{\"username\":\"u\",\"password\":\"p\",\"email\":\"e@x\"}}}'\n";
        let mut report = pullsecret::validate(text);
        pullsecret::flag_plain_text_secrets(&mut report);
        let codes = |f: &Checked| -> Vec<(String, Severity)> {
            let Outcome::Checked(r) = &f.outcome else {
                unreachable!()
            };
            r.all_diagnostics()
                .map(|d| (d.code.as_str().to_string(), d.severity))
                .collect()
        };
        let mut f = Checked {
            path: String::from("apps/s.yaml"),
            outcome: Outcome::Checked(report),
            template: false,
            workloads: Vec::new(),
        };
        assert!(codes(&f).contains(&(String::from("missing-auth"), Severity::Warning)));
        assert_eq!((f.errors(true), f.warnings(true)), (0, 2));
        let p = policy(
            "rules:\n  missing-auth: error\n  secret-in-plain-text: off\n",
            &[],
        );
        p.apply(&mut f, &Ignores::default());
        assert!(codes(&f).contains(&(String::from("missing-auth"), Severity::Error)));
        assert!(!codes(&f).iter().any(|(c, _)| c == "secret-in-plain-text"));
        assert_eq!((f.errors(true), f.warnings(true)), (1, 0));
        let Outcome::Checked(r) = &f.outcome else {
            unreachable!()
        };
        assert!(!r.valid && !r.objects[0].valid);
        assert_eq!(f.verdict(true), crate::format::Verdict::Fails);
        // an inline ignore on the finding's line
        let line = r.all_diagnostics().next().map_or(0, |d| d.line);
        let ignores = Ignores::read(&format!(
            "{}# pullsecret-ignore: missing-auth\n",
            "\n".repeat(line - 1)
        ));
        p.apply(&mut f, &ignores);
        assert_eq!((f.errors(true), f.warnings(true)), (0, 0));
        assert_eq!(f.verdict(true), crate::format::Verdict::Works);
    }

    #[test]
    fn a_bad_glob_is_a_usage_error() {
        let c = config::parse("overrides:\n  - paths: [\"a/[\"]\n", PathBuf::new()).unwrap();
        assert!(Policy::new(Some(&c), Vec::new()).is_err());
    }
}
