//! The hostile-input suite through the core: every case of `tests/hostile/cases.json` (shared
//! with `tests/hostile.test.mjs`, which runs them through `@pullsecret/wasm`, `@pullsecret/node`
//! and the CLI) that a Rust caller can make. Each must give its expected code, never panic or
//! overflow the stack, and never show the canary password.
//!
//! Argument specs: a JSON value, or an object with one `$` key that builds one
//! (`$repeat`, `$concat`, `$indent`, `$base64`, `$base64url` (unpadded, as JWT segments),
//! `$keys`, `$dupkeys`, `$join`, `$deepObject`,
//! `$json`, `$manyLabels`, `$latin1`); the JavaScript-only ones (`$undefined`, `$utf16`, …) are
//! cases marked `"only": ["js"]`.

use pullsecret::*;
use serde_json::{json, Value};

const CASES: &str = include_str!("../../../tests/hostile/cases.json");

/// The text an argument spec stands for (options are built as JSON text too: a 100,000-deep
/// `serde_json::Value` would overflow the stack when dropped).
fn text(spec: &Value) -> String {
    let Value::Object(m) = spec else {
        return match spec {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        };
    };
    let n = |k: &str| m.get(k).and_then(Value::as_u64).unwrap_or(0) as usize;
    let s = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or("");
    if let Some(unit) = m.get("$repeat") {
        return format!(
            "{}{}{}",
            s("prefix"),
            unit.as_str().unwrap().repeat(n("times")),
            s("suffix")
        );
    }
    if let Some(parts) = m.get("$concat") {
        return parts.as_array().unwrap().iter().map(text).collect();
    }
    if let Some(unit) = m.get("$indent") {
        let unit = unit.as_str().unwrap();
        return (0..n("times"))
            .map(|i| format!("{}{unit}\n", " ".repeat(i)))
            .collect();
    }
    if let Some(inner) = m.get("$base64") {
        use base64::Engine;
        return base64::engine::general_purpose::STANDARD.encode(text(inner));
    }
    if let Some(inner) = m.get("$base64url") {
        use base64::Engine;
        return base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text(inner));
    }
    if m.contains_key("$keys") || m.contains_key("$dupkeys") {
        let dup = m.contains_key("$dupkeys");
        let count = n(if dup { "$dupkeys" } else { "$keys" });
        let auth = s("auth");
        let entries: Vec<String> = (0..count)
            .map(|i| {
                let key = if dup { 0 } else { i };
                format!("\"r{key}.example\":{{\"auth\":\"{auth}\"}}")
            })
            .collect();
        return format!("{{\"auths\":{{{}}}}}", entries.join(","));
    }
    if let Some(j) = m.get("$join") {
        let item = j["item"].as_str().unwrap();
        let items: Vec<String> = (0..j["times"].as_u64().unwrap())
            .map(|i| item.replace("%d", &i.to_string()))
            .collect();
        return items.join(j["sep"].as_str().unwrap());
    }
    if m.contains_key("$deepObject") {
        let d = n("$deepObject");
        return format!("{}1{}", "{\"a\":".repeat(d), "}".repeat(d));
    }
    if let Some(count) = m.get("$manyLabels").and_then(Value::as_u64) {
        let labels: Vec<String> = (0..count).map(|i| format!("\"l{i}\":\"v\"")).collect();
        return format!("{{{}}}", labels.join(","));
    }
    if let Some(j) = m.get("$json") {
        return j.as_str().unwrap().into();
    }
    if m.contains_key("$latin1") {
        // Bytes that are not UTF-8, read as a Rust caller must read them (lossily).
        let bytes: Vec<u8> = s("$latin1").chars().map(|c| c as u8).collect();
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    // A plain object: its members may be specs.
    let members: Vec<String> = m
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Value::Object(o) if o.contains_key("$manyLabels") => {
                    let count = o["$manyLabels"].as_u64().unwrap();
                    let labels: Vec<String> =
                        (0..count).map(|i| format!("\"l{i}\":\"v\"")).collect();
                    format!("{{{}}}", labels.join(","))
                }
                Value::Object(o) if o.keys().any(|k| k.starts_with('$')) => {
                    serde_json::to_string(&text(v)).unwrap()
                }
                v => v.to_string(),
            };
            format!("{}:{value}", serde_json::to_string(k).unwrap())
        })
        .collect();
    format!("{{{}}}", members.join(","))
}

fn opts<T: serde::de::DeserializeOwned>(function: &str, spec: Option<&Value>) -> Result<T, Error> {
    let t = spec.map_or_else(|| "{}".into(), text);
    let t = if t == "null" { "{}".into() } else { t };
    options::from(function, &mut serde_json::Deserializer::from_str(&t))
}

/// Runs one case: the report (validate) or the result as JSON text, or the error.
fn call(function: &str, args: &[Value]) -> Result<String, Error> {
    let arg = |i: usize| args.get(i).map(text).unwrap_or_default();
    let o = |i: usize| args.get(i);
    let j = |v: &dyn erased::Ser| v.json();
    match function {
        "validate" if args.len() > 1 => Ok(j(&validate_with(&arg(0), &opts(function, o(1))?))),
        "validate" => Ok(j(&validate(&arg(0)))),
        "parse" => parse(&arg(0)).map(|d| j(&d)),
        "create" => create(&opts(function, o(0))?),
        "toSecret" => to_secret(&arg(0), &opts(function, o(1))?),
        "lookup" => lookup(&arg(0), &arg(1), &opts(function, o(2))?).map(|r| j(&r)),
        "convert" => convert(&arg(0), &opts(function, o(1))?).map(|r| j(&r)),
        "add" => add(&arg(0), &opts(function, o(1))?),
        "remove" => remove(&arg(0), &arg(1), &opts(function, o(2))?).map(|r| j(&r)),
        "merge" => {
            let configs: Vec<String> = args[0].as_array().unwrap().iter().map(text).collect();
            let configs: Vec<&str> = configs.iter().map(String::as_str).collect();
            merge(&configs, &opts(function, o(1))?).map(|r| j(&r))
        }
        "link" => link(&arg(0), &opts(function, o(1))?).map(|r| j(&r)),
        "grantPull" => grant_pull(&opts(function, o(0))?).map(|r| j(&r)),
        "podSnippet" => pod_snippet(&opts(function, o(0))?),
        "workflowSnippet" => workflow_snippet(&opts(function, o(0))?),
        "delegatedAuth" => delegated_auth(&opts(function, o(0))?).map(|r| j(&r)),
        "globalPullSecret" => global_pull_secret(&arg(0), &opts(function, o(1))?).map(|r| j(&r)),
        "explain" => explain(&arg(0), &opts(function, o(1))?).map(|r| j(&r)),
        // The repairs only: the text is the user's own (the canary may rightly be in it).
        "fix" => fix(&arg(0), &opts(function, o(1))?).map(|r| j(&r.fixes)),
        f => panic!("unknown function {f}"),
    }
}

mod erased {
    /// Any serializable result, as JSON text.
    pub trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}

/// Every code a report holds (its objects' and its own diagnostics).
fn report_codes(report: &Value) -> Vec<String> {
    let mut codes = Vec::new();
    let mut add = |ds: &Value| {
        for d in ds.as_array().into_iter().flatten() {
            codes.push(d["code"].as_str().unwrap_or_default().to_string());
        }
    };
    add(&report["diagnostics"]);
    for o in report["objects"].as_array().into_iter().flatten() {
        add(&o["diagnostics"]);
    }
    codes
}

#[test]
fn hostile_inputs() {
    let all: Value = serde_json::from_str(CASES).unwrap();
    let canary = all["canary"].as_str().unwrap();
    let mut ran = 0;
    let mut failures = Vec::new();
    for case in all["cases"].as_array().unwrap() {
        let only = case.get("only").and_then(Value::as_array);
        if only.is_some_and(|o| !o.contains(&json!("rust"))) {
            continue;
        }
        let name = case["name"].as_str().unwrap();
        let function = case["call"].as_str().unwrap();
        let expect = &case["expect"];
        let result = call(function, case["args"].as_array().unwrap());
        let outcome = std::panic::catch_unwind(|| check(name, function, expect, canary, &result));
        if let Err(p) = outcome {
            let m = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(m);
        }
        ran += 1;
        // A normal call still works after each.
        assert!(parse(r#"{"auths":{"r":{"auth":"dTpw"}}}"#).is_ok());
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(ran >= 60, "only {ran} cases ran");
    eprintln!("hostile: {ran} cases through the core");
}

/// Every text of the `validate` cases also through `pullsecret check`'s workload check (its own
/// reader of every object): no panic, no stack overflow, no canary in the reports, and the text
/// as one file or beside a Pod that names its Secrets.
#[test]
fn workload_check_survives_every_hostile_text() {
    let doc: Value = serde_json::from_str(CASES).unwrap();
    let canary = doc["canary"].as_str().unwrap();
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets: [{name: pull}, {name: s}]\n  containers: [{name: c, image: quay.io/x/y}]\n";
    let mut ran = 0;
    for c in doc["cases"].as_array().unwrap() {
        let js_only = c
            .get("only")
            .is_some_and(|o| !o.to_string().contains("rust"));
        if c["call"] != "validate" || js_only {
            continue;
        }
        let text = c["args"].get(0).map(text).unwrap_or_default();
        let files = [Manifests::read(&text), Manifests::read(pod)];
        for opts in [
            RepositoryOptions::default(),
            RepositoryOptions {
                namespace: "x".into(),
                strict: true,
            },
        ] {
            let reports = check_workloads(&files, &opts);
            let out = serde_json::to_string(&reports).unwrap() + &format!("{reports:?}{files:?}");
            assert!(
                !out.contains(canary),
                "{}: the canary is in the workload reports",
                c["name"]
            );
        }
        ran += 1;
    }
    assert!(ran >= 20, "only {ran} validate cases");
}

/// Every text of the cases through `fix`: no panic, no canary in what it says it did, and a
/// repaired text that has nothing more to repair and no more errors than the text given.
#[test]
fn fix_survives_every_hostile_text() {
    let doc: Value = serde_json::from_str(CASES).unwrap();
    let canary = doc["canary"].as_str().unwrap();
    let mut ran = 0;
    for c in doc["cases"].as_array().unwrap() {
        let js_only = c
            .get("only")
            .is_some_and(|o| !o.to_string().contains("rust"));
        if !matches!(c["call"].as_str(), Some("validate" | "fix")) || js_only {
            continue;
        }
        let name = &c["name"];
        let text = c["args"].get(0).map(text).unwrap_or_default();
        let fixed = fix(&text, &Default::default()).unwrap();
        let said = serde_json::to_string(&fixed.fixes).unwrap() + &format!("{fixed:?}");
        assert!(!said.contains(canary), "{name}: the canary is in the fixes");
        assert_eq!(fixed.changed, fixed.text != text, "{name}: changed");
        assert_eq!(
            fixed.changed,
            !fixed.fixes.is_empty(),
            "{name}: a change without a fix"
        );
        if fixed.changed {
            let again = fix(&fixed.text, &Default::default()).unwrap();
            assert!(
                again.fixes.is_empty(),
                "{name}: more to fix: {:?}",
                again.fixes
            );
            // A repair that makes unreadable text readable (a `data` value that was not base64,
            // a second byte-order mark) reveals the findings the text hid.
            let revealed = fixed
                .fixes
                .iter()
                .any(|f| matches!(f.code, Code::SecretDataNotBase64 | Code::Bom));
            let (before, after) = (validate(&text), validate(&fixed.text));
            assert!(
                revealed || after.errors <= before.errors,
                "{name}: {} errors, then {}",
                before.errors,
                after.errors
            );
        }
        ran += 1;
    }
    assert!(ran >= 30, "only {ran} cases");
}

/// Checks one case's outcome (panics with the case's name on a mismatch).
fn check(name: &str, function: &str, expect: &Value, canary: &str, result: &Result<String, Error>) {
    match (result, expect) {
        (Ok(out), e) if function == "validate" => {
            let report: Value = serde_json::from_str(out).unwrap();
            if let Some(code) = e.get("diagnostic").and_then(Value::as_str) {
                let codes = report_codes(&report);
                assert!(
                    codes.iter().any(|c| c == code),
                    "{name}: no {code} in {codes:?}"
                );
            }
            if let Some(valid) = e.get("valid") {
                assert_eq!(&report["valid"], valid, "{name}: valid");
            }
            assert!(!out.contains(canary), "{name}: the canary is in the report");
        }
        (Ok(out), e) if e.get("ok").is_some() || e.get("any").is_some() => {
            // `fix`'s list of repairs (the only output of it that is not the user's text).
            if function == "fix" {
                assert!(!out.contains(canary), "{name}: the canary is in the fixes");
            }
        }
        (Err(err), e) if e.get("any").is_some() => {
            assert!(
                !err.to_string().contains(canary),
                "{name}: the canary is in the error"
            );
        }
        (Err(err), e) if e.get("error").is_some() => {
            if let Some(code) = e["error"].as_str() {
                assert_eq!(err.code.as_str(), code, "{name}: {err}");
            }
            if let Some(m) = e.get("message").and_then(Value::as_str) {
                assert_eq!(err.message, m, "{name}");
            }
            assert!(
                !err.to_string().contains(canary),
                "{name}: the canary is in the error"
            );
            if err.code.as_str() == "too-deep" && !err.message.contains("options") {
                assert!(
                    err.position.is_some(),
                    "{name}: too-deep without a position"
                );
            }
        }
        (r, e) => panic!(
            "{name}: expected {e}, got {:?}",
            r.as_ref().map(|s| s.len())
        ),
    }
}
