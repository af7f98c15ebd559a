//! The `pullsecret` command.
//!
//! Why it exists: one command for the terminal and for CI, as a native binary (`cargo install
//! --path crates/pullsecret-cli`, or the npm `pullsecret` package's platform binary) and, where no
//! native binary can be installed, through the Node addon (`@pullsecret/node`'s `runCli` calls
//! [`run`]). It reads the command line ([`cli`]), turns flags into the options the JavaScript
//! API takes (read by the core's `options::from`, so every surface shares one set of reading
//! rules and messages), calls the core and prints: it decides nothing about credentials.
//! What is only about the command line lives here: kubectl's `--from-file` syntax, podman's
//! `--password-stdin`, refusing to rewrite a Secret in place, file names in messages, writing
//! files atomically.
//!
//! May use: the `pullsecret` core's public API, `clap`/`clap_complete`, `serde_json` (options in,
//! reports out), `tempfile` (atomic writes), `ignore` (walking a repository for `check`).

mod cli;
mod commands;
mod failure;
mod files;
mod format;
mod io;
mod policy;
mod time;
mod walk;

pub use files::remove_pending_files;
pub use io::Io;

use clap::{CommandFactory, FromArgMatches};
use cli::{Cli, Command};
use failure::Failure;
use std::ffi::OsString;

/// Runs the command line `args` (the first is the program name) with `io`; returns the exit
/// status: 0 fine, 1 findings or a failed operation, 2 usage.
pub fn run<I, T>(args: I, io: &mut Io<'_>) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let status = match dispatch(args, io) {
        Ok(status) => status,
        Err(f) => f.report(io),
    };
    if io.stdout.flush().is_err() && status == 0 {
        return 1;
    }
    status
}

/// [`run`] with the process's own stdin, stdout and stderr.
pub fn run_std<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    io::with_std(|io| run(args, io))
}

fn dispatch<I, T>(args: I, io: &mut Io<'_>) -> Result<i32, Failure>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = match Cli::command().try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => return Err(Failure::Clap(e)),
    };
    let parsed = Cli::from_arg_matches(&matches).map_err(Failure::Clap)?;
    let Some(command) = parsed.command else {
        // `pullsecret` alone: the overview, as `--help`.
        io.out(Cli::command().render_help().to_string().as_bytes())?;
        return Ok(0);
    };
    let sub = |name: &str| matches.subcommand_matches(name).cloned();
    match command {
        Command::Validate(a) => commands::read::validate(a, io),
        Command::Check(a) => commands::check::check(a, io),
        Command::Explain(a) => commands::explain::explain(a, io),
        Command::Fix(a) => commands::fix::fix(a, io),
        Command::Lookup(a) => commands::read::lookup(a, io),
        Command::Verify(a) => commands::verify::verify(a, io),
        Command::Parse(a) => commands::read::parse(a, io),
        Command::Create(a) => commands::create::create(a, io),
        Command::Convert(a) => commands::convert::convert(a, io),
        Command::Login(a) => commands::edit::login(a, io),
        Command::Logout(a) => commands::edit::logout(a, io),
        Command::Merge(a) => commands::edit::merge(a, io),
        Command::Link(a) => commands::objects::link(a, io),
        Command::GrantPull(a) => commands::objects::grant_pull(a, io),
        Command::Pod(a) => commands::objects::workload("pod", a, io),
        Command::Workflow(a) => commands::objects::workload("workflow", a, io),
        Command::DelegatedAuth(a) => commands::objects::delegated_auth(a, io),
        Command::GlobalPullSecret(a) => {
            let m = sub("global-pull-secret").expect("the subcommand that was parsed");
            commands::objects::global_pull_secret(a, &m, io)
        }
        Command::Completion { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "pullsecret", &mut buf);
            io.out(&buf)?;
            Ok(0)
        }
    }
}
