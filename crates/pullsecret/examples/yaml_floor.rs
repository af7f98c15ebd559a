//! The floor of `bench/check-repo.mjs`: read every `*.yaml`, `*.yml` and `*.json` file under a
//! directory and parse it with a well-kept YAML library (saphyr-parser, the parser the core's
//! YAML reader is built on, through `pullsecret-yaml-events` as the core reads it: every event
//! of every document), on one thread, doing nothing else.
//! `pullsecret check` does this and everything the checks need on top; the benchmark reports
//! its time as a ratio of this one.
//!
//! Run: `cargo run --profile fast -p pullsecret --example yaml_floor DIR` (prints the files and
//! events read, so the work cannot be optimised away).

use pullsecret_yaml_events as yaml;
use std::path::Path;

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        {
            out.push(p);
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: yaml_floor DIR");
    let mut files = Vec::new();
    walk(Path::new(&dir), &mut files);
    let mut events = 0usize;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for e in yaml::events(&text) {
            if e.is_err() {
                break;
            }
            events += 1;
        }
    }
    println!("{} files, {events} events", files.len());
}
