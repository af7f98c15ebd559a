//! The reports of a run over many files (`check`, and `validate` of several paths): what each
//! file's outcome is, the run's summary, and one module per output format (`text`, `json`,
//! `github`, `sarif`, `junit`).
//!
//! Why it exists: CI systems show findings inline only in their own formats, and every format
//! must say the same thing. So the verdict of a file and the counts of the run are decided once,
//! here, from the core's reports, and each format only writes them out.
//!
//! - A file *fails* when the core reports an error in it; *N pulls will fail* counts, over its
//!   objects, the clients (kubelet, containers/image, docker) whose verdict on the object is
//!   `fails` (one broken Secret that kubelet and docker cannot read: 2 pulls).
//! - In repository mode (`check`) a file whose every finding only says that it holds no pull
//!   secret ([`pullsecret::Code::means_no_pull_secret`]: a Deployment, a ConfigMap, an Opaque
//!   Secret, any JSON file without registry entries) and which has no Secret holding a config is
//!   counted, not reported; so is a JSON file of objects without a credential field in them.
//!   `validate` reports it as it reports one file.
//! - In `check`, each file also carries the reports of its workloads and ServiceAccounts (the
//!   core's `check_workloads`): their findings count with the file's, an image whose pull
//!   fails is one failing pull (kubelet's), and a file of workloads without a pull secret is
//!   reported for its workloads alone (the "no pull secret" findings are not shown).
//!
//! - `check`'s policy (`.pullsecret.yaml`, `--rule`, inline ignores, `--baseline`: the
//!   `policy` module) has already removed or re-levelled findings in the reports, so every
//!   count here follows it.
//!
//! May use: the core's report types, `serde_json`, `std`.

pub(crate) mod github;
pub(crate) mod json;
pub(crate) mod junit;
pub(crate) mod sarif;
pub(crate) mod text;

use pullsecret::{
    Client, Diagnostic, FileStatus, Format, ObjectReport, Report, Severity, Source, WorkloadReport,
};

/// One input of the run and what became of it.
pub(crate) struct Checked {
    /// The path as given or walked (`<stdin>` for `-`).
    pub path: String,
    pub outcome: Outcome,
    /// A template that was not rendered (`{{ … }}` or `{% … %}` where the syntax breaks): in repository
    /// mode counted with the files without a pull secret.
    pub template: bool,
    /// `check`: the file's workloads and ServiceAccounts against every file's pull secrets.
    pub workloads: Vec<WorkloadReport>,
}

pub(crate) enum Outcome {
    /// The file could not be read: the system's words.
    Unreadable(String),
    /// The core's report.
    Checked(Report),
}

/// A file's outcome in one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// No error, no warning.
    Works,
    /// Warnings, no error.
    Warnings,
    /// At least one error.
    Fails,
    /// Repository mode: the file holds no pull secret (counted, not reported).
    NoPullSecret,
    /// The file could not be read.
    Unreadable,
}

impl Verdict {
    /// The word of the JSON report.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Verdict::Works => "works",
            Verdict::Warnings => "warnings",
            Verdict::Fails => "fails",
            Verdict::NoPullSecret => "no-pull-secret",
            Verdict::Unreadable => "unreadable",
        }
    }
}

/// The files of a run, in report order, and how they are read.
pub(crate) struct Run {
    pub files: Vec<Checked>,
    /// `check`: files without a pull secret are counted, not reported.
    pub repository: bool,
    /// Show the routine infos (and, in text, every file).
    pub verbose: bool,
    /// Text and github: failures only.
    pub quiet: bool,
    /// `check --baseline`: the findings left out because the baseline has them.
    pub baselined: usize,
}

/// Whether `report` only says that its input holds no pull secret (see the module comment).
fn holds_no_pull_secret(report: &Report) -> bool {
    report
        .diagnostics
        .iter()
        .all(Diagnostic::means_no_pull_secret)
        && report.objects.iter().all(|o| {
            o.kind.is_none()
                && ((o.entries.is_empty()
                    && o.diagnostics.iter().all(Diagnostic::means_no_pull_secret))
                    || unrelated_json(o))
        })
}

/// A JSON file of objects with not one credential field in them (a dashboard, a tool's
/// settings): the core reads any such file as a legacy `.dockercfg`, as `validate` must for a
/// file the user names; in a repository it is not a pull secret.
fn unrelated_json(o: &ObjectReport) -> bool {
    o.format == Some(Format::DockerCfg) && o.source == Source::File && !o.has_credential_fields()
}

/// The clients whose verdict on `o` is `fails`.
pub(crate) fn failing_clients(o: &ObjectReport) -> impl Iterator<Item = Client> + '_ {
    Client::ALL
        .into_iter()
        .filter(|c| o.clients.get(*c).status == FileStatus::Fails)
}

impl Checked {
    pub(crate) fn verdict(&self, repository: bool) -> Verdict {
        match &self.outcome {
            Outcome::Unreadable(_) => Verdict::Unreadable,
            Outcome::Checked(_)
                if self.secrets_report(repository).is_none() && self.workloads.is_empty() =>
            {
                Verdict::NoPullSecret
            }
            Outcome::Checked(_) if self.errors(repository) > 0 => Verdict::Fails,
            Outcome::Checked(_) if self.warnings(repository) > 0 => Verdict::Warnings,
            Outcome::Checked(_) => Verdict::Works,
        }
    }

    /// The core's report when it is about pull secrets: always in `validate`; in repository
    /// mode, not for a template or a file that holds no pull secret.
    pub(crate) fn secrets_report(&self, repository: bool) -> Option<&Report> {
        self.report()
            .filter(|r| !(repository && (self.template || holds_no_pull_secret(r))))
    }

    /// Errors shown for the file: its pull secrets' and its workloads'.
    pub(crate) fn errors(&self, repository: bool) -> usize {
        self.secrets_report(repository).map_or(0, |r| r.errors)
            + self.workloads.iter().map(|w| w.errors).sum::<usize>()
    }

    pub(crate) fn warnings(&self, repository: bool) -> usize {
        self.secrets_report(repository).map_or(0, |r| r.warnings)
            + self.workloads.iter().map(|w| w.warnings).sum::<usize>()
    }

    /// The core's report, unless the file could not be read.
    pub(crate) fn report(&self) -> Option<&Report> {
        match &self.outcome {
            Outcome::Checked(r) => Some(r),
            Outcome::Unreadable(_) => None,
        }
    }

    /// The pulls that will fail: per pull secret, the clients that fail on it; per workload,
    /// the images kubelet cannot pull.
    pub(crate) fn failing_pulls(&self, repository: bool) -> usize {
        self.secrets_report(repository).map_or(0, |r| {
            r.objects.iter().map(|o| failing_clients(o).count()).sum()
        }) + self
            .workloads
            .iter()
            .map(|w| w.failing_pulls())
            .sum::<usize>()
    }

    /// The clients that fail on any object (kubelet for a workload's failing pull), in the
    /// core's order.
    pub(crate) fn failing_client_names(&self, repository: bool) -> Vec<&'static str> {
        let objects = self
            .secrets_report(repository)
            .map_or(&[][..], |r| &r.objects[..]);
        let workloads_fail = self.workloads.iter().any(|w| w.failing_pulls() > 0);
        Client::ALL
            .into_iter()
            .filter(|c| {
                (*c == Client::Kubelet && workloads_fail)
                    || objects
                        .iter()
                        .any(|o| o.clients.get(*c).status == FileStatus::Fails)
            })
            .map(|c| c.as_str())
            .collect()
    }
}

impl Run {
    /// The diagnostics a report shows: all, or all but the routine infos.
    pub(crate) fn shown<'d>(&self, ds: &'d [Diagnostic]) -> impl Iterator<Item = &'d Diagnostic> {
        let verbose = self.verbose;
        ds.iter().filter(move |d| is_shown(verbose, d))
    }

    /// The files whose findings are reported (not those without a pull secret or workload in
    /// repository mode, nor the unreadable ones).
    pub(crate) fn reported(&self) -> impl Iterator<Item = &Checked> {
        self.files.iter().filter(|f| {
            !matches!(
                f.verdict(self.repository),
                Verdict::NoPullSecret | Verdict::Unreadable
            )
        })
    }

    /// Every finding shown for `f`: its pull secrets' (the file's, then each object's), then
    /// its workloads'.
    pub(crate) fn findings<'c>(&self, f: &'c Checked) -> impl Iterator<Item = &'c Diagnostic> {
        let r = f.secrets_report(self.repository);
        let top = r.map_or(&[][..], |r| &r.diagnostics[..]);
        let objects = r.map_or(&[][..], |r| &r.objects[..]);
        let verbose = self.verbose;
        let shown = move |d: &&Diagnostic| is_shown(verbose, d);
        top.iter()
            .chain(objects.iter().flat_map(|o| o.diagnostics.iter()))
            .chain(f.workloads.iter().flat_map(|w| w.diagnostics.iter()))
            .filter(shown)
    }

    /// The run's counts.
    pub(crate) fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.files.len(),
            baselined: self.baselined,
            ..Summary::default()
        };
        for f in &self.files {
            match f.verdict(self.repository) {
                Verdict::Unreadable => {
                    s.unreadable += 1;
                    continue;
                }
                Verdict::NoPullSecret => {
                    s.without_pull_secret += 1;
                    continue;
                }
                Verdict::Fails => s.failed_files += 1,
                Verdict::Works | Verdict::Warnings => {}
            }
            if let Some(r) = f.secrets_report(self.repository) {
                s.objects += r.objects.len();
                s.secrets += r.objects.iter().filter(|o| o.kind.is_some()).count();
            }
            s.workloads += f.workloads.len();
            s.images += f.workloads.iter().map(|w| w.images.len()).sum::<usize>();
            s.errors += f.errors(self.repository);
            s.warnings += f.warnings(self.repository);
            s.failing_pulls += f.failing_pulls(self.repository);
        }
        s
    }

    /// The exit status: 2 when an input could not be read, 1 when a file fails, else 0.
    pub(crate) fn status(&self) -> i32 {
        let verdicts = || self.files.iter().map(|f| f.verdict(self.repository));
        if verdicts().any(|v| v == Verdict::Unreadable) {
            2
        } else if verdicts().any(|v| v == Verdict::Fails) {
            1
        } else {
            0
        }
    }
}

/// A finding is shown unless it is a routine info and the run is not verbose.
fn is_shown(verbose: bool, d: &Diagnostic) -> bool {
    verbose || !(d.severity == Severity::Info && d.code.is_routine())
}

/// The counts of a run.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Summary {
    pub files: usize,
    pub without_pull_secret: usize,
    pub unreadable: usize,
    pub failed_files: usize,
    /// Objects checked: pull Secrets and config files.
    pub objects: usize,
    /// Of which Secrets.
    pub secrets: usize,
    /// Workloads and ServiceAccounts checked against their pull secrets.
    pub workloads: usize,
    /// Their container images.
    pub images: usize,
    pub errors: usize,
    pub warnings: usize,
    pub failing_pulls: usize,
    /// Findings left out by `--baseline`.
    pub baselined: usize,
}

/// `path` as a SARIF/URI reference: relative to the working directory when it is under it,
/// `/`-separated, with the characters a URI cannot hold percent-encoded.
pub(crate) fn uri(path: &str) -> String {
    let p = std::path::Path::new(path);
    let rel = if p.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| p.strip_prefix(&cwd).ok().map(|r| r.to_path_buf()))
    } else {
        Some(p.to_path_buf())
    };
    let (prefix, text) = match rel {
        Some(r) => (
            "",
            r.to_string_lossy()
                .replace('\\', "/")
                .trim_start_matches("./")
                .to_string(),
        ),
        None => ("file://", p.to_string_lossy().replace('\\', "/")),
    };
    format!("{prefix}{}", encode(&text))
}

/// `text` with the bytes a URI path cannot hold percent-encoded.
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
