//! `check PATH...` (and `validate` of several FILEs): every file of a repository, in parallel,
//! reported in one of the formats of the `format` module.
//!
//! Why it exists: a pipeline asks one question of a whole GitOps repository before merge, and
//! looping `validate` over 500 files costs a process each. The PATHs become a sorted list of
//! files (`walk`); stdin (`-`) is read first, on this thread; then the files are read and given
//! to the core's `validate` on every available core (`std::thread::scope` and a shared atomic
//! index: no thread pool crate, since this crate is also linked into the Node addon and its
//! WebAssembly build, which checks on one thread). Each result goes to its slot, so the output
//! is in the list's order whatever the threads did. A file that cannot be read is named on
//! stderr and the run ends with status 2, after every other file was checked. In `check`, each
//! worker also reads the file's objects (`Manifests`); once every file is read, the core checks
//! every workload against the pull secrets of all files (`check_workloads`: cheap, one pass)
//! and each file gets the reports of its workloads.
//!
//! Tokens' expiry is checked as at one time for the whole run: `--now`, else the system clock
//! read once before the first file (`commands::validate_options`).
//!
//! In `check`, the run's policy (`.pullsecret.yaml`, `--rule`, inline `# pullsecret-ignore`
//! comments, `--baseline`: the `policy` module) is applied to each file's reports once every
//! workload is checked and before anything is counted or printed; each worker reads its file's
//! ignore comments while it has the text.
//!
//! May use: the crate's `cli`, `io`, `walk`, `format`, `failure`, `policy`; the core's `validate_with`,
//! `flag_plain_text_secrets` and `check_workloads`.

use super::print_json;
use crate::cli::{CheckArgs, CheckFormat, TextOrJson, ValidateArgs};
use crate::failure::{os_text, Failure};
use crate::format::{self, Checked, Outcome, Run};
use crate::io::{read_file, Io};
use crate::policy::ignores::Ignores;
use crate::policy::{baseline, config, Policy};
use crate::walk::{targets, Target};
use pullsecret::{check_workloads, Manifests, RepositoryOptions, ValidateOptions};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// What a worker does with one target.
enum Job {
    File(String),
    /// Stdin's text, read before the workers start.
    Text(String, String),
    Failed(String, String),
}

/// One checked input and, in repository mode, its objects for the workload check and its
/// ignore comments.
type Work = (Checked, Manifests, Ignores);

fn work(job: &Job, repository: bool, options: &ValidateOptions) -> Work {
    let unreadable = |path: &str, why: String| {
        let c = Checked {
            path: path.to_string(),
            outcome: Outcome::Unreadable(why),
            template: false,
            workloads: Vec::new(),
        };
        (c, Manifests::default(), Ignores::default())
    };
    match job {
        Job::File(path) => match read_file(path) {
            Ok(text) => read(path, &text, repository, options),
            Err(Failure::Read { error, .. }) => unreadable(path, os_text(&error)),
            Err(_) => unreadable(path, String::from("cannot be read")),
        },
        Job::Text(name, text) => read(name, text, repository, options),
        Job::Failed(path, message) => unreadable(path, message.clone()),
    }
}

/// The core's report on `text`, and whether the text is a template that was not rendered
/// ([`pullsecret::is_unrendered_template`]: `check` counts those and reads on).
fn read(path: &str, text: &str, repository: bool, options: &ValidateOptions) -> Work {
    // In a repository, the workloads too, from the same reading of the text.
    let (mut report, manifests) = if repository {
        let (report, manifests) = pullsecret::validate_and_read(text, options);
        // Where the file is: definitions in sibling directories are alternatives.
        (report, manifests.at(path))
    } else {
        (
            pullsecret::validate_with(text, options),
            Manifests::default(),
        )
    };
    if repository {
        // In a repository, credentials in plain text are a finding too.
        pullsecret::flag_plain_text_secrets(&mut report);
    }
    let template = pullsecret::is_unrendered_template(text, &report);
    let ignores = if repository {
        Ignores::read(text)
    } else {
        Ignores::default()
    };
    let checked = Checked {
        path: path.to_string(),
        outcome: Outcome::Checked(report),
        template,
        workloads: Vec::new(),
    };
    (checked, manifests, ignores)
}

/// How many threads check files: the available cores, at most one per file; one in
/// WebAssembly (the Node addon's fallback runs the CLI on the caller's thread).
fn threads(jobs: usize) -> usize {
    if cfg!(target_family = "wasm") {
        return 1;
    }
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs)
        .max(1)
}

/// Checks every job on every core; the results in the jobs' order.
fn check_all(jobs: &[Job], repository: bool, options: &ValidateOptions) -> Vec<Work> {
    let n = threads(jobs.len());
    if n <= 1 {
        return jobs.iter().map(|j| work(j, repository, options)).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<OnceLock<Work>> = jobs.iter().map(|_| OnceLock::new()).collect();
    std::thread::scope(|s| {
        for _ in 0..n {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let _ = slots[i].set(work(job, repository, options));
            });
        }
    });
    slots
        .into_iter()
        .map(|s| s.into_inner().expect("every job was done"))
        .collect()
}

/// The files of `paths` (directories walked and workloads checked when `repository` is
/// given), checked with `options` (stdin read here, once), with each file's ignore comments
/// (repository mode).
fn checked(
    paths: &[String],
    repository: Option<&RepositoryOptions>,
    options: &ValidateOptions,
    io: &mut Io<'_>,
) -> Result<(Vec<Checked>, Vec<Ignores>), Failure> {
    let walk_dirs = repository.is_some();
    let mut stdin: Option<String> = None;
    let mut jobs = Vec::new();
    for t in targets(paths, walk_dirs) {
        jobs.push(match t {
            Target::File(p) => Job::File(p),
            Target::Stdin => {
                if stdin.is_none() {
                    stdin = Some(io.read_stdin()?);
                }
                Job::Text(
                    String::from("<stdin>"),
                    stdin.clone().expect("read just before"),
                )
            }
            Target::Unlistable(p, e) => Job::Failed(p, os_text(&e)),
        });
    }
    let mut files = Vec::new();
    let mut manifests = Vec::new();
    let mut ignores = Vec::new();
    for (f, m, i) in check_all(&jobs, walk_dirs, options) {
        files.push(f);
        manifests.push(m);
        ignores.push(i);
    }
    if let Some(opts) = repository {
        // Every workload against the pull secrets of every file (one pass, after the reads).
        for (f, w) in files.iter_mut().zip(check_workloads(&manifests, opts)) {
            f.workloads = w;
        }
    }
    for f in &files {
        if let Outcome::Unreadable(e) = &f.outcome {
            io.note(&format!("error: cannot read {}: {e}", f.path));
        }
    }
    Ok((files, ignores))
}

pub(crate) fn check(a: CheckArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    let paths = if a.paths.is_empty() {
        vec![String::from(".")]
    } else {
        a.paths
    };
    let config = config::load(a.config.as_deref(), a.no_config)?;
    let flags = a
        .rules
        .iter()
        .map(|r| config::flag(r))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Failure::Usage)?;
    let policy = Policy::new(config.as_ref(), flags)?;
    let (namespace, strict) = match &config {
        Some(c) => (a.namespace.or(c.namespace.clone()), a.strict.or(c.strict)),
        None => (a.namespace, a.strict),
    };
    let opts = RepositoryOptions {
        namespace: namespace.unwrap_or_else(|| String::from("default")),
        strict: strict.unwrap_or(false),
    };
    let options = super::validate_options(&a.expiry)?;
    let known = a.baseline.as_deref().map(baseline::read).transpose()?;
    let (mut files, ignores) = checked(&paths, Some(&opts), &options, io)?;
    for (f, i) in files.iter_mut().zip(&ignores) {
        for (line, name) in &i.unknown {
            let why = config::code(name).err().unwrap_or_default();
            io.note(&format!(
                "warning: {}:{line}: pullsecret-ignore: {why}",
                f.path
            ));
        }
        if !policy.is_empty() || !i.file.is_empty() || !i.lines.is_empty() {
            policy.apply(f, i);
        }
    }
    if let Some(file) = &a.write_baseline {
        baseline::write(file, &mut files, &policy)?;
    }
    let baselined = known.map_or(0, |b| baseline::apply(&mut files, &b, &policy));
    let run = Run {
        files,
        repository: true,
        verbose: a.verbose,
        quiet: a.quiet,
        baselined,
    };
    print(&run, a.format, io)?;
    Ok(run.status())
}

fn print(run: &Run, f: CheckFormat, io: &mut Io<'_>) -> Result<(), Failure> {
    match f {
        CheckFormat::Text => {
            let colour = format::text::colour(io.stdout_is_terminal);
            io.out(format::text::write(run, colour).as_bytes())
        }
        CheckFormat::Json => print_json(io, &format::json::document(run)),
        CheckFormat::Github => io.out_text(&format::github::write(run)),
        CheckFormat::Sarif => print_json(io, &format::sarif::document(run)),
        CheckFormat::Junit => io.out(format::junit::write(run).as_bytes()),
    }
}

/// Whether `validate` has more than one FILE.
pub(crate) fn several(a: &ValidateArgs) -> bool {
    a.files.len() > 1
}

/// `validate` of several FILEs: each file's report as `validate` prints one, then the run's
/// summary (`-o json`: the document of `check --format json`). Every file is read as a
/// credential file: one without a pull secret is reported, as `validate FILE` reports it; a
/// directory is not walked (that is `check`), and stdin is read only alone.
pub(crate) fn validate_several(a: ValidateArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    if a.files.iter().any(|f| f == "-") {
        return Err(Failure::Usage(String::from(
            "validate reads stdin (-) alone; to check stdin with files, use pullsecret check",
        )));
    }
    let options = super::validate_options(&a.expiry)?;
    let run = Run {
        files: checked(&a.files, None, &options, io)?.0,
        repository: false,
        verbose: a.verbose,
        quiet: false,
        baselined: 0,
    };
    if a.output == TextOrJson::Json {
        print_json(io, &format::json::document(&run))?;
    } else {
        let mut out = String::new();
        for f in &run.files {
            if let Some(r) = f.report() {
                out.push_str(&super::read::text_report(&f.path, r, a.verbose));
            }
        }
        out.push_str(&format::text::summary_line(&run.summary()));
        out.push('\n');
        io.out_text(&out)?;
    }
    Ok(run.status())
}
