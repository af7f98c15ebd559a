//! The `pullsecret` binary: [`pullsecret_cli::run`] with the process's streams. A SIGINT or
//! SIGTERM while a file is being written removes its temporary file before the process ends.

fn main() {
    #[cfg(unix)]
    let _ = ctrlc::set_handler(|| {
        pullsecret_cli::remove_pending_files();
        std::process::exit(130);
    });
    std::process::exit(pullsecret_cli::run_std(std::env::args_os()));
}
