//! `.pullsecret.yaml`: finding the config file of `check`, reading it, and the `--rule` flags.
//!
//! Why it exists: a repository adopts the check as it adopts a linter, with rules turned off or
//! re-levelled, and some only under some paths (`overrides`), kept beside the code. The file is
//! the nearest `.pullsecret.yaml` from the working directory up to the git root (a directory
//! holding `.git`) or the filesystem root; `--config FILE` names one, `--no-config` reads none.
//!
//! The YAML is read with `saphyr-parser`, the event parser the core already uses (no second YAML
//! crate in the binary, the Node addon and its WebAssembly build): its events become a
//! `serde_json::Value` (plain `true`/`false` are booleans, `null`/`~`/empty are null, every
//! other scalar a string: YAML 1.2's core schema, so `off` stays the word `off`), which `serde`
//! reads into [`File`] with unknown keys refused. Rule names are the catalogue's codes
//! (`pullsecret::Code::from_name`); an unknown one is a usage error naming the nearest code.
//! A config file holds no secret, yet its errors quote only its keys and rule names.
//!
//! May use: `saphyr-parser` (through `pullsecret-yaml-events`), `serde`, `serde_json`, the core's
//! `Code` and `Severity`, `io::read_own_file`, `walk::leads_out`, `std`.

use crate::failure::Failure;
use pullsecret::{Code, Severity};
use pullsecret_yaml_events::{events, Event, ScalarStyle};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The config file's name.
pub(crate) const NAME: &str = ".pullsecret.yaml";

/// What a rule becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    /// The finding is dropped.
    Off,
    /// The finding is kept at this severity.
    Set(Severity),
}

/// A rule's level as written: `off`, `info`, `warning` (`warn`), `error` (or `false` for off).
fn level(word: &str) -> Option<Level> {
    Some(match word {
        "off" | "false" | "ignore" => Level::Off,
        "info" => Level::Set(Severity::Info),
        "warning" | "warn" => Level::Set(Severity::Warning),
        "error" => Level::Set(Severity::Error),
        _ => return None,
    })
}

/// A rule table, in the order written (the last word on a code wins).
pub(crate) type Rules = Vec<(Code, Level)>;

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    rules: BTreeMap<String, Value>,
    #[serde(default)]
    overrides: Vec<OverrideFile>,
    strict: Option<bool>,
    namespace: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    paths: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<String, Value>,
}

/// One `overrides` entry: its globs (relative to the config file's directory) and rules.
#[derive(Debug)]
pub(crate) struct Override {
    pub paths: Vec<String>,
    pub rules: Rules,
}

/// The config file, read.
#[derive(Debug, Default)]
pub(crate) struct Config {
    /// The directory the override globs are relative to.
    pub dir: PathBuf,
    pub rules: Rules,
    pub overrides: Vec<Override>,
    pub strict: Option<bool>,
    pub namespace: Option<String>,
}

/// The nearest `.pullsecret.yaml` from `start` up: it stops at the first directory that holds
/// `.git` (the repository's root) or at the filesystem root.
pub(crate) fn find(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        let candidate = dir.join(NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// The config named by `--config`, else the one found from the working directory, else none
/// (`--no-config`, or no file).
pub(crate) fn load(named: Option<&str>, none: bool) -> Result<Option<Config>, Failure> {
    if none {
        return Ok(None);
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let path = match named {
        Some(p) => cwd.join(p),
        None => match find(&cwd) {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    let shown = named.map_or_else(|| path.display().to_string(), String::from);
    // A config found (not named) belongs to the repository under review: a symlink out of it
    // is refused, as the walk refuses one.
    if named.is_none() && crate::walk::leads_out(&path) {
        return Err(Failure::Usage(format!(
            "{shown}: {}",
            crate::walk::OUT_OF_BOUNDS
        )));
    }
    let text = crate::io::read_own_file(&path, &shown)?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or(cwd);
    parse(&text, crate::policy::normalise(&dir))
        .map(Some)
        .map_err(|m| Failure::Usage(format!("{shown}: {m}")))
}

/// Reads the text of a config file whose globs are relative to `dir`.
pub(crate) fn parse(text: &str, dir: PathBuf) -> Result<Config, String> {
    let value = yaml_value(text)?;
    let value = if value.is_null() {
        Value::Object(Map::new())
    } else {
        value
    };
    let file: File = serde_json::from_value(value).map_err(|e| e.to_string())?;
    let mut overrides = Vec::new();
    for o in file.overrides {
        overrides.push(Override {
            paths: o.paths,
            rules: rules(&o.rules, "overrides")?,
        });
    }
    Ok(Config {
        dir,
        rules: rules(&file.rules, "rules")?,
        overrides,
        strict: file.strict,
        namespace: file.namespace,
    })
}

/// A `rules:` mapping as a rule table.
fn rules(map: &BTreeMap<String, Value>, section: &str) -> Result<Rules, String> {
    let mut out = Rules::new();
    for (name, v) in map {
        let code = code(name)?;
        let word = match v {
            Value::String(s) => s.clone(),
            Value::Bool(false) => String::from("off"),
            _ => String::new(),
        };
        let l = level(&word).ok_or_else(|| {
            format!("{section}: {name}: the level must be off, info, warning or error")
        })?;
        out.push((code, l));
    }
    Ok(out)
}

/// The code named `name`, or an error naming the nearest known code.
pub(crate) fn code(name: &str) -> Result<Code, String> {
    Code::from_name(name).ok_or_else(|| {
        let nearest = Code::ALL
            .iter()
            .min_by_key(|c| distance(name, c.as_str()))
            .map_or("", |c| c.as_str());
        format!("unknown rule `{name}` (did you mean `{nearest}`? The codes: docs/diagnostics.md)")
    })
}

/// `--rule CODE=LEVEL`.
pub(crate) fn flag(text: &str) -> Result<(Code, Level), String> {
    let (name, word) = text
        .split_once('=')
        .ok_or_else(|| format!("--rule {text}: expected CODE=LEVEL (off, info, warning, error)"))?;
    let code = code(name.trim())?;
    let l = level(word.trim())
        .ok_or_else(|| format!("--rule {text}: the level must be off, info, warning or error"))?;
    Ok((code, l))
}

/// The Levenshtein distance between `a` and `b` (codes are short ASCII words).
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(prev + usize::from(ca != *cb));
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The first document of `text` as a JSON value (see the module comment).
fn yaml_value(text: &str) -> Result<Value, String> {
    // Open collections: a sequence, or a mapping and its pending key.
    enum Open {
        Seq(Vec<Value>),
        Map(Map<String, Value>, Option<String>),
    }
    let mut open: Vec<Open> = Vec::new();
    let mut done: Option<Value> = None;
    for ev in events(text) {
        let (ev, span) =
            ev.map_err(|e| format!("line {}: not valid YAML: {}", e.marker().line(), e.info()))?;
        let line = span.start.line();
        let value = match ev {
            Event::Scalar(s, style, _, _) => {
                let plain = style == ScalarStyle::Plain;
                match &*s {
                    "true" | "True" | "TRUE" if plain => Value::Bool(true),
                    "false" | "False" | "FALSE" if plain => Value::Bool(false),
                    "" | "~" | "null" | "Null" | "NULL" if plain => Value::Null,
                    _ => Value::String(s.into_owned()),
                }
            }
            Event::SequenceStart(..) => {
                open.push(Open::Seq(Vec::new()));
                continue;
            }
            Event::MappingStart(..) => {
                open.push(Open::Map(Map::new(), None));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match open.pop() {
                Some(Open::Seq(v)) => Value::Array(v),
                Some(Open::Map(m, _)) => Value::Object(m),
                None => continue,
            },
            Event::Alias(_) => return Err(format!("line {line}: aliases are not read here")),
            Event::DocumentEnd if done.is_some() => break,
            _ => continue,
        };
        match open.last_mut() {
            None => done = Some(value),
            Some(Open::Seq(v)) => v.push(value),
            Some(Open::Map(m, key)) => match key.take() {
                None => match value {
                    Value::String(k) => *key = Some(k),
                    Value::Bool(b) => *key = Some(b.to_string()),
                    _ => return Err(format!("line {line}: a key must be a word")),
                },
                Some(k) => {
                    m.insert(k, value);
                }
            },
        }
    }
    Ok(done.unwrap_or(Value::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rules_overrides_and_options() {
        let c = parse(
            "rules:\n  email-deprecated: off\n  anonymous-pull: error\noverrides:\n  - paths: [\"apps/legacy/**\"]\n    rules:\n      secret-in-plain-text: 'off'\nstrict: true\nnamespace: apps\n",
            PathBuf::from("/r"),
        )
        .unwrap();
        assert_eq!(c.rules.len(), 2);
        assert!(c
            .rules
            .contains(&(Code::from_name("email-deprecated").unwrap(), Level::Off)));
        assert!(c.rules.contains(&(
            Code::from_name("anonymous-pull").unwrap(),
            Level::Set(Severity::Error)
        )));
        assert_eq!(c.overrides[0].paths, vec!["apps/legacy/**"]);
        assert_eq!(c.overrides[0].rules[0].1, Level::Off);
        assert_eq!(c.strict, Some(true));
        assert_eq!(c.namespace.as_deref(), Some("apps"));
    }

    #[test]
    fn an_empty_file_is_no_rule() {
        let c = parse("# nothing yet\n", PathBuf::from("/r")).unwrap();
        assert!(c.rules.is_empty() && c.overrides.is_empty() && c.strict.is_none());
    }

    #[test]
    fn unknown_rules_and_keys_are_refused() {
        let e = parse("rules:\n  email-deprecatd: off\n", PathBuf::new()).unwrap_err();
        assert!(
            e.contains("email-deprecatd") && e.contains("email-deprecated"),
            "{e}"
        );
        let e = parse("rulez: {}\n", PathBuf::new()).unwrap_err();
        assert!(e.contains("rulez"), "{e}");
        let e = parse("rules: [\n", PathBuf::new()).unwrap_err();
        assert!(e.starts_with("line 2: not valid YAML"), "{e}");
        let e = parse("rules:\n  anonymous-pull: loud\n", PathBuf::new()).unwrap_err();
        assert!(e.contains("off, info, warning or error"), "{e}");
    }

    #[test]
    fn rule_flags() {
        assert_eq!(
            flag("anonymous-pull=warning").unwrap(),
            (
                Code::from_name("anonymous-pull").unwrap(),
                Level::Set(Severity::Warning)
            )
        );
        assert!(flag("anonymous-pull").is_err());
        assert!(flag("anonymus-pull=off")
            .unwrap_err()
            .contains("anonymous-pull"));
    }

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("same", "same"), 0);
    }
}
