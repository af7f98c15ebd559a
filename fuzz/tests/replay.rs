//! Replays every checked-in fuzz input through its target with plain `cargo test`: the corpus
//! (`fuzz/corpus/<target>/`, grown by scripts/fuzz.sh) and the crashes the fuzzer found
//! (`fuzz/crashes/<target>/`, each kept as a regression test once fixed).
//!
//! A crash input that still fails is listed in `fuzz/crashes/KNOWN` (`target/file`, one a line,
//! with the issue that fixes it): it is run in a child thread with a large stack and its panic
//! is expected, so the test stays green while the fix is pending and fails once it is fixed
//! (remove the line then). Inputs that overflow the stack are not run at all (a stack overflow
//! aborts the process): they are listed in KNOWN with `stack` and only checked to exist.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    v.retain(|p| {
        !p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
    });
    v.sort();
    v
}

/// `target/file` → what is known about it (`panic` or `stack`).
fn known() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("crashes/KNOWN")).unwrap_or_default();
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut w = l.split_whitespace();
            let file = w.next().unwrap_or("").to_owned();
            let kind = w.next().unwrap_or("panic").to_owned();
            (file, kind)
        })
        .collect()
}

#[test]
fn every_target_has_a_corpus() {
    for t in pullsecret_fuzz::TARGETS {
        let n = files(&root().join("corpus").join(t)).len();
        assert!(n > 0, "fuzz/corpus/{t} is empty");
    }
}

#[test]
fn corpus_replays() {
    let mut n = 0;
    for t in pullsecret_fuzz::TARGETS {
        let f = pullsecret_fuzz::target(t).unwrap();
        for p in files(&root().join("corpus").join(t)) {
            let data = std::fs::read(&p).unwrap();
            let r = std::panic::catch_unwind(|| f(&data));
            assert!(r.is_ok(), "{} panics", p.display());
            n += 1;
        }
    }
    eprintln!("replayed {n} corpus inputs");
}

#[test]
fn crashes_replay() {
    let known = known();
    for (file, _) in &known {
        assert!(
            root().join("crashes").join(file).is_file(),
            "fuzz/crashes/KNOWN lists {file}, which does not exist"
        );
    }
    for t in pullsecret_fuzz::TARGETS {
        let f = pullsecret_fuzz::target(t).unwrap();
        for p in files(&root().join("crashes").join(t)) {
            let key = format!("{t}/{}", p.file_name().unwrap().to_string_lossy());
            let kind = known
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.as_str());
            if kind == Some("stack") {
                continue;
            }
            let data = std::fs::read(&p).unwrap();
            let r = std::thread::Builder::new()
                .stack_size(256 << 20)
                .spawn(move || f(&data))
                .unwrap()
                .join();
            match kind {
                None => assert!(r.is_ok(), "fuzz/crashes/{key} fails"),
                Some(_) => assert!(
                    r.is_err(),
                    "fuzz/crashes/{key} passes now: remove it from fuzz/crashes/KNOWN"
                ),
            }
        }
    }
}

/// The leak check is not vacuous: each `canary-*` seed's planted password is one the targets
/// look for in their outputs.
#[test]
fn canary_seeds_are_checked() {
    let files = files(&root().join("corpus/validate"));
    let canaries: Vec<_> = files
        .iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("canary-")
        })
        .collect();
    assert!(
        !canaries.is_empty(),
        "no canary-* seed in fuzz/corpus/validate"
    );
    for p in canaries {
        let text = std::fs::read_to_string(p).unwrap();
        let secrets = pullsecret_fuzz::secrets_of(&text);
        assert!(
            secrets
                .iter()
                .any(|s| s.starts_with("canary-Pa55w0rd-9931")),
            "{}: the planted password is not checked",
            p.display()
        );
    }
}
