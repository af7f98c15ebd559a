//! The catalogue in the report: every finding carries a `help`, and labelled spans point at the
//! other places that explain it (oxc-style), in the user's text and, for Secrets and base64
//! input, in the decoded config.

use pullsecret::{validate_with, Code, Example, Report, ValidateOptions};
use serde_json::{json, Value};

/// `validate` at the time the catalogue's examples are read at (2026-01-01T00:00:00Z, as in
/// `tests/docs.rs`), so the token examples raise their codes too.
fn validate(text: &str) -> Report {
    validate_with(
        text,
        &ValidateOptions {
            now: Some(1_767_225_600),
            ..Default::default()
        },
    )
}

/// The report with every finding (the input's and each object's) under `diagnostics`.
fn report(text: &str) -> Value {
    let mut r = serde_json::to_value(validate(text)).unwrap();
    let mut all = r["diagnostics"].as_array().unwrap().clone();
    for o in r["objects"].as_array().unwrap() {
        all.extend(o["diagnostics"].as_array().unwrap().iter().cloned());
    }
    r["diagnostics"] = Value::Array(all);
    r
}

fn finding<'r>(r: &'r Value, code: &str) -> &'r Value {
    r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {r}"))
}

/// Standard padded base64 (the `base64` crate, as the core uses it).
fn b64(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

#[test]
fn every_finding_carries_help_and_labels_only_when_there_are_some() {
    for &c in Code::ALL {
        let Example::Input(text) = c.example() else {
            continue;
        };
        let r = report(text);
        let report = validate(text);
        let diags: Vec<_> = report.all_diagnostics().collect();
        for (d, json) in diags.iter().zip(r["diagnostics"].as_array().unwrap()) {
            assert!(!d.help.is_empty(), "{}: empty help", d.code.as_str());
            assert_eq!(json["help"], d.help, "{}", d.code.as_str());
            match json.get("labels") {
                None => assert!(d.labels.is_empty()),
                Some(l) => assert_eq!(l.as_array().unwrap().len(), d.labels.len()),
            }
        }
    }
}

#[test]
fn a_duplicate_key_labels_the_first_one() {
    let r = report(
        "{\"auths\":{\"quay.io\":{\"auth\":\"dTpw\"},\n\"quay.io\":{\"auth\":\"dTpxcQ==\"}}}",
    );
    let d = finding(&r, "duplicate-key");
    assert_eq!((&d["line"], &d["column"]), (&json!(2), &json!(1)));
    assert_eq!(d["help"], Code::DuplicateKey.help());
    assert_eq!(
        d["labels"],
        json!([{"message": "first defined here", "line": 1, "column": 11, "endLine": 1, "endColumn": 20}])
    );
}

#[test]
fn a_second_key_for_one_registry_labels_the_other() {
    let r = report(
        "{\"auths\":{\n\"quay.io\":{\"auth\":\"dTpw\"},\n\"https://quay.io\":{\"auth\":\"dTpw\"}}}",
    );
    let d = finding(&r, "key-duplicate-registry");
    assert_eq!(d["line"], 3);
    assert_eq!(d["labels"][0]["message"], "the other key for this registry");
    assert_eq!(
        (&d["labels"][0]["line"], &d["labels"][0]["column"]),
        (&json!(2), &json!(1))
    );
}

#[test]
fn auth_mismatch_labels_the_fields_that_differ() {
    let text = format!(
        "{{\"auths\":{{\"quay.io\":{{\n\"username\":\"alice\",\n\"password\":\"x\",\n\"auth\":\"{}\"}}}}}}",
        b64("bob:x")
    );
    let d = finding(&report(&text), "auth-mismatch").clone();
    let labels = d["labels"].as_array().unwrap();
    assert_eq!(labels.len(), 1, "only the username differs: {d}");
    assert_eq!(labels[0]["message"], "differs from what `auth` holds");
    assert_eq!(
        (&labels[0]["line"], &labels[0]["column"]),
        (&json!(2), &json!(12))
    );
}

#[test]
fn a_secret_type_finding_labels_the_data_key() {
    let text = format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/dockercfg\ndata:\n  .dockerconfigjson: {}\n",
        b64(r#"{"auths":{"r.io":{"auth":"dTpw"}}}"#)
    );
    let r = report(&text);
    let d = finding(&r, "secret-type-mismatch");
    assert_eq!(d["line"], 5);
    assert_eq!(
        d["labels"][0]["message"],
        "the config is under this data key"
    );
    assert_eq!(
        (&d["labels"][0]["line"], &d["labels"][0]["column"]),
        (&json!(7), &json!(3))
    );
    // No type at all: a specific fix.
    let r = report(&text.replace("type: kubernetes.io/dockercfg\n", ""));
    let d = finding(&r, "secret-type-mismatch");
    assert!(d["help"].as_str().unwrap().starts_with("Set `type:"), "{d}");
}

#[test]
fn labels_inside_a_secret_point_into_the_decoded_config_too() {
    let config = "{\"auths\":{\"quay.io\":{\"auth\":\"dTpw\"},\n\"quay.io\":{\"auth\":\"dTpw\"}}}";
    let text = format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {}\n",
        b64(config)
    );
    let r = report(&text);
    let d = finding(&r, "duplicate-key");
    let label = &d["labels"][0];
    // In the manifest: the base64 value, as for the finding itself.
    assert_eq!(
        (&label["line"], &label["column"]),
        (&d["line"], &d["column"])
    );
    assert_eq!(d["inner"], json!({"line": 2, "column": 1}));
    assert_eq!(label["inner"], json!({"line": 1, "column": 11}));
}

#[test]
fn a_check_that_knows_better_gives_its_own_fix() {
    let trailing = report(r#"{"auths":{}} x"#);
    assert_eq!(
        finding(&trailing, "json-syntax")["help"],
        "Remove what follows the JSON value: only docker ignores it."
    );
    let slash = report(r#"{"auths":{"quay.io/org/":{"auth":"dTpw"}}}"#);
    assert_eq!(
        finding(&slash, "key-path")["help"],
        "Drop the trailing `/`."
    );
    let plain = report(r#"{"auths":{"quay.io/org":{"auth":"dTpw"}}}"#);
    assert_eq!(finding(&plain, "key-path")["help"], Code::KeyPath.help());
}
