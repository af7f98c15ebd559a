//! One model, one answer: for every entry of every `validate` vector, `lookup` of an image on
//! that entry's registry must agree with the entry table's verdict for each client, wherever
//! the two answer the same question (the image's first match is that entry, or nothing is
//! sent at all).

use pullsecret::{lookup, validate, Client, FileStatus, LookupOptions, LookupStatus, Status};
use serde_json::Value;

/// An image reference on the registry (and namespace) a key names: `https://quay.io/v1/` →
/// `quay.io/pullsecret-probe`, `quay.io/org` → `quay.io/org/pullsecret-probe`; a Docker Hub
/// key → `docker.io/library/pullsecret-probe` (the verdicts on Hub keys are about Hub images).
/// None for a key that names no registry an image reference can carry (a glob, `__proto__`).
fn image_for(key: &str) -> Option<String> {
    if key.contains(['*', '?', '[', ' ', '%', '@']) || key.is_empty() {
        return None;
    }
    let k = key
        .strip_prefix("https://")
        .or_else(|| key.strip_prefix("http://"))
        .unwrap_or(key);
    let (host, path) = k.split_once('/').unwrap_or((k, ""));
    if ["docker.io", "index.docker.io", "registry-1.docker.io"].contains(&host) {
        return Some("docker.io/library/pullsecret-probe".into());
    }
    // A first component without `.` or `:` (and not `localhost`) is a Docker Hub namespace.
    if !host.contains(['.', ':']) && host != "localhost" {
        return None;
    }
    let path = path.trim_end_matches('/');
    let path = match path {
        "v1" | "v2" if k.ends_with('/') => "",
        p => p.strip_prefix("v2/").unwrap_or(p),
    };
    let mut image = host.to_string();
    if !path.is_empty() {
        image.push('/');
        image.push_str(&path.to_ascii_lowercase());
    }
    image.push_str("/pullsecret-probe");
    Some(image)
}

#[test]
fn lookup_agrees_with_the_entry_table() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    let text = std::fs::read_to_string(root.join("validate.json")).unwrap();
    let cases: Value = serde_json::from_str(&text).unwrap();
    let mut wrong = Vec::new();
    let mut compared = 0;
    for c in cases["cases"].as_array().unwrap() {
        if c["fn"] != "validate" {
            continue;
        }
        let input = c["input"].as_str().unwrap();
        let report = validate(input);
        // `lookup` reads one config: compare on inputs that hold one object.
        let [object] = report.objects.as_slice() else {
            continue;
        };
        for e in &object.entries {
            let Some(image) = image_for(&e.registry) else {
                continue;
            };
            for client in Client::ALL {
                let verdict = e.verdicts.get(client).status;
                let file_fails = object.clients.get(client).status == FileStatus::Fails;
                let failing = matches!(verdict, Status::FailsAll | Status::FailsRegistry);
                let lk = match lookup(input, &image, &LookupOptions { client }) {
                    Ok(lk) => lk,
                    Err(_) => {
                        compared += 1;
                        if !(file_fails || failing) {
                            wrong.push(format!(
                                "{}: `{}` {}: lookup refuses the file, entry {}",
                                c["name"],
                                e.registry,
                                client.as_str(),
                                verdict.as_str()
                            ));
                        }
                        continue;
                    }
                };
                if lk.ambiguous || lk.status == LookupStatus::Helper {
                    continue;
                }
                let first_is_this = lk.matches.first().map(|m| &m.pointer) == Some(&e.pointer);
                // containers/image reads an entry without credentials as none and goes on to
                // the next file: `ignored` in the table, `anonymous` for a one-file lookup.
                let no_creds = verdict == Status::Anonymous
                    || (client == Client::Containers && verdict == Status::Ignored);
                let agrees = match lk.status {
                    LookupStatus::Fails if lk.matches.is_empty() || first_is_this => {
                        failing || file_fails
                    }
                    LookupStatus::Credentials if first_is_this => verdict == Status::Used,
                    LookupStatus::Anonymous if first_is_this => no_creds,
                    // Nothing matches the entry's own registry: the entry cannot be in use.
                    LookupStatus::None if lk.matches.is_empty() => verdict != Status::Used,
                    _ => continue,
                };
                compared += 1;
                if !agrees {
                    wrong.push(format!(
                        "{}: `{}` {} ({image}): lookup {} , entry {}",
                        c["name"],
                        e.registry,
                        client.as_str(),
                        lk.status.as_str(),
                        verdict.as_str()
                    ));
                }
            }
        }
    }
    assert!(compared > 150, "only {compared} comparisons");
    assert!(
        wrong.is_empty(),
        "{} of {compared} disagree:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
