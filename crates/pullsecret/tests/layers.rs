//! The core's layers point one way (docs/ARCHITECTURE.md): each top-level module may use only
//! the modules listed before it. A `crate::` path that points up or sideways fails here, as does
//! a new top-level module that is not placed in the order, or a path through the crate root's
//! re-exports (which would hide the layer it comes from).

use std::path::Path;

/// Bottom to top.
const LAYERS: &[&str] = &[
    "syntax",
    "go",
    "diagnostics",
    "model",
    "rules",
    "edit",
    "emit",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Every `crate::NAME` in `text` (NAME: the first path segment), with its line.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '{')
                .collect();
            out.push((n + 1, name));
            rest = after;
        }
    }
    out
}

#[test]
fn imports_point_down_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    let mut seen_layers = std::collections::BTreeSet::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        if top == "lib.rs" {
            continue;
        }
        let top = top.trim_end_matches(".rs").to_string();
        let Some(mine) = LAYERS.iter().position(|l| *l == top) else {
            problems.push(format!(
                "{}: top-level module `{top}` is not in LAYERS",
                rel.display()
            ));
            continue;
        };
        seen_layers.insert(top.clone());
        let text = std::fs::read_to_string(f).unwrap();
        for (line, name) in crate_paths(&text) {
            match LAYERS.iter().position(|l| *l == name) {
                Some(theirs) if theirs <= mine => {}
                Some(_) => problems.push(format!(
                    "{}:{line}: `{top}` uses `crate::{name}`, a layer above it",
                    rel.display()
                )),
                None => problems.push(format!(
                    "{}:{line}: `crate::{name}` is not a layer: name the layer's path",
                    rel.display()
                )),
            }
        }
    }
    for l in LAYERS {
        assert!(seen_layers.contains(*l), "layer `{l}` has no files");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_path_up_the_layers_is_caught() {
    // The checker itself: a `crate::` path is found, whatever surrounds it.
    let found =
        crate_paths("use crate::emit::secret;\n    let x = crate::edit::add(y); // crate::rules");
    let names: Vec<_> = found.iter().map(|(l, n)| (*l, n.as_str())).collect();
    assert_eq!(names, [(1, "emit"), (2, "edit")]);
}
