//! Runs every vector in `tests/vectors/` through the core (the npm packages run the same files).

use pullsecret::{
    add, convert, create, lookup, merge, parse, remove, to_secret, validate, CreateOptions,
    SecretOptions,
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

/// Options as the bindings read them: the vector's options object through the core's
/// `options::from` (JavaScript names in messages).
fn opts<T: serde::de::DeserializeOwned>(c: &Value, key: &str) -> Result<T, pullsecret::Error> {
    let function = c["fn"].as_str().unwrap();
    pullsecret::options::from(function, c.get(key).cloned().unwrap_or(Value::Null))
}

/// A result as the bindings return it.
fn out<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

fn run(c: &Value) -> Result<Value, pullsecret::Error> {
    let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
    Ok(match c["fn"].as_str().unwrap() {
        // With options, `validate(input, options)`: the core's `validate_with`.
        "validate" if c.get("options").is_some() => out(&pullsecret::validate_with(
            &s("input"),
            &opts(c, "options")?,
        )),
        "validate" => out(&validate(&s("input"))),
        "parse" => out(&parse(&s("input"))?),
        "create" => Value::String(create(&opts(c, "options")?)?),
        "toSecret" => Value::String(to_secret(&s("input"), &opts(c, "options")?)?),
        "createSecret" => Value::String(to_secret(
            &create(&opts::<CreateOptions>(c, "create")?)?,
            &opts::<SecretOptions>(c, "options")?,
        )?),
        "lookup" => {
            let o: pullsecret::LookupOptions = opts(c, "options")?;
            let direct = lookup(&s("input"), &s("image"), &o);
            // The handle answers exactly as the function: the same result or the same error,
            // for every client, also when asked twice.
            let handle = pullsecret::PullSecret::new(&s("input"));
            for _ in 0..2 {
                assert_eq!(handle.lookup(&s("image"), &o), direct, "PullSecret::lookup");
            }
            out(&direct?)
        }
        "convert" => {
            // Back to the vectors' shape: text files as `text`, binary ones as `base64`.
            let mut v = out(&convert(&s("input"), &opts(c, "options")?)?);
            for f in v["files"].as_array_mut().unwrap() {
                let f = f.as_object_mut().unwrap();
                let content = f.remove("content").unwrap();
                match content {
                    Value::String(t) => f.insert("text".into(), Value::String(t)),
                    Value::Array(bytes) => {
                        let bytes: Vec<u8> =
                            bytes.iter().map(|b| b.as_u64().unwrap() as u8).collect();
                        f.insert("base64".into(), Value::String(base64(&bytes)))
                    }
                    other => panic!("content {other}"),
                };
            }
            v
        }
        "explain" => out(&pullsecret::explain(&s("input"), &opts(c, "options")?)?),
        "fix" => {
            let o: pullsecret::FixOptions = opts(c, "options")?;
            let fixed = pullsecret::fix(&s("input"), &o)?;
            // What `fix` leaves has nothing more for the same repairs.
            let again = pullsecret::fix(&fixed.text, &o)?;
            assert_eq!(again.text, fixed.text, "fix of the fixed text");
            assert!(
                again.fixes.is_empty(),
                "fix of the fixed text: {:?}",
                again.fixes
            );
            out(&fixed)
        }
        "globalPullSecret" => out(&pullsecret::global_pull_secret(
            &s("input"),
            &opts(c, "options")?,
        )?),
        "add" => Value::String(add(&s("input"), &opts(c, "options")?)?),
        "remove" => out(&remove(&s("input"), &s("registry"), &opts(c, "options")?)?),
        "merge" => {
            let inputs: Vec<&str> = c["inputs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            out(&merge(&inputs, &opts(c, "options")?)?)
        }
        // cluster objects (objects.json)
        "link" => out(&pullsecret::link(&s("input"), &opts(c, "options")?)?),
        "grantPull" => out(&pullsecret::grant_pull(&opts(c, "options")?)?),
        "podSnippet" => Value::String(pullsecret::pod_snippet(&opts(c, "options")?)?),
        "workflowSnippet" => Value::String(pullsecret::workflow_snippet(&opts(c, "options")?)?),
        "delegatedAuth" => out(&pullsecret::delegated_auth(&opts(c, "options")?)?),
        other => panic!("unknown fn {other}"),
    })
}

/// Standard padded base64 (for the archive's bytes in the vectors).
fn base64(b: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in b.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                A[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
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
