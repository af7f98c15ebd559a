//! Runs every vector in `tests/vectors/` through the core (the npm packages run the same files).

use pullsecret::{
    add, convert, create, lookup, merge, parse, remove, to_secret, validate, AddOptions,
    ConvertOptions, CreateOptions, LookupOptions, MergeOptions, RemoveOptions, SecretOptions,
};
use serde_json::Value;
use std::path::Path;

fn subset(actual: &Value, expected: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!(
                    "{path}: length {} != {} in {actual}",
                    a.len(),
                    e.len()
                ));
            }
            e.iter()
                .zip(a)
                .enumerate()
                .try_for_each(|(i, (e, a))| subset(a, e, &format!("{path}[{i}]")))
        }
        (Value::Object(e), Value::Object(a)) => e.iter().try_for_each(|(k, v)| match a.get(k) {
            Some(av) => subset(av, v, &format!("{path}.{k}")),
            None => Err(format!("{path}.{k}: missing in {actual}")),
        }),
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{path}: expected {e}, got {a}")),
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn run(c: &Value) -> Result<Value, pullsecret::Error> {
    let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
    let secret_opts = |k: &str| SecretOptions::from_json(&c[k].to_string());
    let create_opts = |k: &str| CreateOptions::from_json(&c[k].to_string());
    Ok(match c["fn"].as_str().unwrap() {
        "validate" => serde_json::from_str(&validate(&s("input")).to_json()).unwrap(),
        "parse" => serde_json::from_str(&parse(&s("input"))?.to_json()).unwrap(),
        "create" => Value::String(create(&create_opts("options")?)?),
        "toSecret" => Value::String(to_secret(&s("input"), &secret_opts("options")?)?),
        "createSecret" => Value::String(to_secret(
            &create(&create_opts("create")?)?,
            &secret_opts("options")?,
        )?),
        "lookup" => {
            let opts = LookupOptions::from_json(&c["options"].to_string())?;
            serde_json::from_str(&lookup(&s("input"), &s("image"), &opts)?.to_json()).unwrap()
        }
        "convert" => {
            let opts = ConvertOptions::from_json(&c["options"].to_string())?;
            serde_json::from_str(&convert(&s("input"), &opts)?.to_json()).unwrap()
        }
        "globalPullSecret" => json(&pullsecret::global_pull_secret(
            &s("input"),
            &pullsecret::GlobalPullSecretOptions::from_json(&c["options"].to_string())?,
        )?),
        "add" => Value::String(add(
            &s("input"),
            &AddOptions::from_json(&c["options"].to_string())?,
        )?),
        "remove" => {
            let opts = RemoveOptions::from_json(&c["options"].to_string())?;
            serde_json::from_str(&remove(&s("input"), &s("registry"), &opts)?.to_json()).unwrap()
        }
        "merge" => {
            let opts = MergeOptions::from_json(&c["options"].to_string())?;
            let inputs: Vec<&str> = c["inputs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            serde_json::from_str(&merge(&inputs, &opts)?.to_json()).unwrap()
        }
        // cluster objects (objects.json)
        "link" => json(&pullsecret::link(
            &s("input"),
            &pullsecret::LinkOptions::from_json(&c["options"].to_string())?,
        )?),
        "grantPull" => json(&pullsecret::grant_pull(
            &pullsecret::GrantOptions::from_json(&c["options"].to_string())?,
        )?),
        "podSnippet" => Value::String(pullsecret::pod_snippet(
            &pullsecret::WorkloadOptions::from_json(&c["options"].to_string())?,
        )?),
        "workflowSnippet" => Value::String(pullsecret::workflow_snippet(
            &pullsecret::WorkloadOptions::from_json(&c["options"].to_string())?,
        )?),
        "delegatedAuth" => json(&pullsecret::delegated_auth(
            &pullsecret::DelegatedAuthOptions::from_json(&c["options"].to_string())?,
        )?),
        other => panic!("unknown fn {other}"),
    })
}

#[test]
fn vectors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    let mut failures = Vec::new();
    let mut count = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for c in doc["cases"].as_array().unwrap() {
            count += 1;
            let name = format!(
                "{}: {}",
                file.file_name().unwrap().to_string_lossy(),
                c["name"].as_str().unwrap()
            );
            let outcome = match (run(c), c.get("error")) {
                (Ok(v), None) => subset(&v, &c["expect"], "$"),
                (Err(e), Some(exp)) => {
                    let got = serde_json::json!({
                        "code": e.code.as_str(),
                        "line": e.position.map(|p| p.line),
                        "column": e.position.map(|p| p.column),
                    });
                    subset(&got, exp, "$error")
                }
                (Ok(v), Some(_)) => Err(format!("expected an error, got {v}")),
                (Err(e), None) => Err(format!("unexpected error {e}")),
            };
            if let Err(msg) = outcome {
                failures.push(format!("{name}\n    {msg}"));
            }
        }
    }
    assert!(
        count >= 60,
        "only {count} vectors found in {}",
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "{} of {count} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
