//! Property tests of add / remove / merge over generated files with arbitrary JSON whitespace,
//! key orders, unknown fields and top-level keys.
//!
//! - add then remove of a new key gives back the original bytes;
//! - a file passes through unchanged (merge of one file), and add changes only its own entry;
//! - merge keeps every entry of every input, or names it in a conflict.

use proptest::prelude::*;
use pullsecret::{
    add, merge, parse, remove, AddOptions, EditStyle, MergeOptions, OnConflict, RemoveOptions,
};
use serde_json::Value;

/// Cases per property (`PROPTEST_CASES` overrides).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

/// Whitespace Go's and our JSON readers accept, from none to odd mixtures.
const WS: &[&str] = &[
    "", " ", "\n", "\t", "\r\n", "\n  ", "\n\t\t", "  \n    ", " \t",
];

/// Registry keys: hosts, aliases, schemes, namespaces, escapes and non-ASCII.
const KEYS: &[&str] = &[
    "quay.io",
    "https://quay.io",
    "quay.io/org",
    "docker.io",
    "https://index.docker.io/v1/",
    "registry-1.docker.io",
    "ghcr.io",
    "localhost:5000",
    "r<&>.example",
    "régistry.example",
    "*.example.com",
    "a\"b",
];

#[derive(Clone, Debug)]
enum J {
    Null,
    Num(u16),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9+/=]{0,12}",
        Just("p:w é <&> \\\" \u{2028}".to_string()),
        Just(String::new()),
    ]
}

fn leaf() -> impl Strategy<Value = J> {
    prop_oneof![
        Just(J::Null),
        any::<u16>().prop_map(J::Num),
        string().prop_map(J::Str),
    ]
}

fn unknown_value() -> impl Strategy<Value = J> {
    leaf().prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(J::Arr),
            prop::collection::vec(("[a-z]{1,4}", inner), 0..3)
                .prop_map(dedupe)
                .prop_map(J::Obj),
        ]
    })
}

fn dedupe(mut v: Vec<(String, J)>) -> Vec<(String, J)> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|(k, _)| seen.insert(k.clone()));
    v
}

fn entry() -> impl Strategy<Value = J> {
    let field = prop_oneof![
        string().prop_map(|s| ("auth".to_string(), J::Str(s))),
        string().prop_map(|s| ("email".to_string(), J::Str(s))),
        string().prop_map(|s| ("identitytoken".to_string(), J::Str(s))),
        string().prop_map(|s| ("username".to_string(), J::Str(s))),
        ("x-[a-z]{1,3}", unknown_value()),
    ];
    prop_oneof![
        1 => Just(J::Null),
        6 => prop::collection::vec(field, 0..4).prop_map(dedupe).prop_map(J::Obj),
    ]
}

/// A config: `auths` (always present), maybe credHelpers and unknown top-level keys.
fn config() -> impl Strategy<Value = J> {
    let auths = prop::collection::vec((prop::sample::select(KEYS), entry()), 0..6).prop_map(|v| {
        J::Obj(dedupe(
            v.into_iter().map(|(k, e)| (k.to_string(), e)).collect(),
        ))
    });
    let helpers = prop::collection::vec(
        (
            prop::sample::select(&["gcr.io", "ecr.io", "quay.io"][..]),
            "[a-z]{1,6}",
        ),
        0..3,
    )
    .prop_map(|v| {
        J::Obj(dedupe(
            v.into_iter()
                .map(|(k, h)| (k.to_string(), J::Str(h)))
                .collect(),
        ))
    });
    let others = prop::collection::vec(
        prop_oneof![
            string().prop_map(|s| ("credsStore", J::Str(s))),
            unknown_value().prop_map(|v| ("HttpHeaders", v)),
            unknown_value().prop_map(|v| ("psFormat", v)),
        ],
        0..3,
    );
    (auths, prop::option::of(helpers), others, any::<bool>()).prop_map(
        |(auths, helpers, others, auths_last)| {
            let mut top = vec![];
            if !auths_last {
                top.push(("auths".to_string(), auths.clone()));
            }
            if let Some(h) = helpers {
                top.push(("credHelpers".to_string(), h));
            }
            top.extend(others.into_iter().map(|(k, v)| (k.to_string(), v)));
            if auths_last {
                top.push(("auths".to_string(), auths));
            }
            J::Obj(dedupe(top))
        },
    )
}

/// Writes `j` with whitespace picked from `ws` in turn. Empty objects are `{}` (what every
/// writer produces; the one documented exception to byte-exact add-then-remove).
fn write(j: &J, ws: &[usize], at: &mut usize, out: &mut String) {
    let w = |out: &mut String, at: &mut usize| {
        out.push_str(WS[ws[*at % ws.len()] % WS.len()]);
        *at += 1;
    };
    match j {
        J::Null => out.push_str("null"),
        J::Num(n) => out.push_str(&n.to_string()),
        J::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
        J::Arr(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                w(out, at);
                write(v, ws, at, out);
                w(out, at);
            }
            out.push(']');
        }
        J::Obj(members) => {
            out.push('{');
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                w(out, at);
                out.push_str(&serde_json::to_string(k).unwrap());
                w(out, at);
                out.push(':');
                w(out, at);
                write(v, ws, at, out);
                w(out, at);
            }
            out.push('}');
        }
    }
}

fn file() -> impl Strategy<Value = String> {
    (
        config(),
        prop::collection::vec(0usize..WS.len(), 1..16),
        0usize..3,
    )
        .prop_map(|(j, ws, tail)| {
            let mut out = String::new();
            write(&j, &ws, &mut 0, &mut out);
            out.push_str(["", "\n", "\r\n"][tail]);
            out
        })
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn new_key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,8}\\.new",
        Just("new.example:5000/ns".to_string()),
        Just("https://new.example".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn add_then_remove_gives_back_the_bytes(f in file(), key in new_key(), user in "[a-z]{1,6}", pass in ".{1,12}") {
        let opts = AddOptions { registry: key.clone(), username: user, password: pass.as_str().into(), email: None, style: EditStyle::Preserve };
        let added = add(&f, &opts).unwrap();
        let back = remove(&added, &key, &RemoveOptions::default()).unwrap();
        prop_assert_eq!(back.removed, vec![key]);
        prop_assert_eq!(back.config, f);
    }

    #[test]
    fn add_changes_only_its_entry(f in file(), key in prop_oneof![new_key(), prop::sample::select(KEYS).prop_map(String::from)], user in "[a-z]{1,6}", pass in ".{1,12}") {
        let opts = AddOptions { registry: key.clone(), username: user.clone(), password: pass.as_str().into(), email: None, style: EditStyle::Preserve };
        let added = add(&f, &opts).unwrap();
        let (mut before, mut after) = (json(&f), json(&added));
        let entry = after["auths"].as_object_mut().unwrap().remove(&key).unwrap();
        before["auths"].as_object_mut().unwrap().remove(&key);
        prop_assert_eq!(before, after, "other data changed");
        // The credentials read back are the ones written (auth split at the first colon).
        let doc = parse(&added).unwrap();
        let cred = doc.entries.iter().find(|c| c.registry == key).unwrap();
        prop_assert_eq!(cred.username.as_deref(), Some(user.as_str()));
        prop_assert_eq!(cred.password.as_ref().map(|p| p.expose()), Some(pass.as_str()));
        prop_assert!(entry.get("identitytoken").is_none());
    }

    #[test]
    fn a_file_passes_through_unchanged(f in file()) {
        let m = merge(&[&f], &MergeOptions::default()).unwrap();
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(m.config, f);
    }

    #[test]
    fn podman_style_keeps_the_credentials(f in file()) {
        let m = merge(&[&f], &MergeOptions { on_conflict: OnConflict::Last, style: EditStyle::Podman }).unwrap();
        let (before, after) = (json(&f), json(&m.config));
        let auths = after["auths"].as_object().unwrap();
        prop_assert_eq!(auths.len(), before["auths"].as_object().unwrap().len());
        for (k, v) in before["auths"].as_object().unwrap() {
            for field in ["auth", "identitytoken"] {
                let want = v.get(field).and_then(Value::as_str).filter(|s| !s.is_empty());
                prop_assert_eq!(auths[k].get(field).and_then(Value::as_str), want);
            }
        }
    }

    #[test]
    fn merge_keeps_every_entry(a in file(), b in file(), c in file(), policy in prop::sample::select(&[OnConflict::Last, OnConflict::First][..])) {
        let inputs = [a.as_str(), b.as_str(), c.as_str()];
        let m = merge(&inputs, &MergeOptions { on_conflict: policy, style: EditStyle::Preserve }).unwrap();
        let out = json(&m.config);
        parse(&m.config).unwrap();
        for (i, text) in inputs.iter().enumerate() {
            let input = json(text);
            for (section, name_of) in [("auths", "registry"), ("credHelpers", "registry")] {
                let Some(entries) = input.get(section).and_then(Value::as_object) else { continue };
                for (k, v) in entries {
                    let kept = out.get(section).and_then(|s| s.get(k)) == Some(v);
                    let reported = m.conflicts.iter().any(|c| {
                        c.section.as_str() == section && c.keys.iter().zip(&c.sources).any(|(ck, s)| ck == k && *s == i)
                    });
                    prop_assert!(kept || reported, "{section} {k} of config {i} lost ({name_of})");
                }
            }
            for (k, v) in input.as_object().unwrap() {
                if k == "auths" || k == "credHelpers" { continue; }
                let kept = out.get(k) == Some(v);
                let reported = m.conflicts.iter().any(|c| c.section.as_str() == "config" && c.name == *k && c.sources.contains(&i));
                prop_assert!(kept || reported, "top-level {k} of config {i} lost");
            }
        }
        // Each conflict's kept config follows the policy.
        for c in &m.conflicts {
            let want = match policy { OnConflict::First => c.sources.iter().min(), _ => c.sources.iter().max() };
            prop_assert_eq!(c.kept.as_ref(), want);
        }
    }
}
