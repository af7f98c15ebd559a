//! `create secret docker-registry|generic`: the Secret kubectl prints, byte for byte.

use super::{creation_timestamp, options};
use crate::cli::{CreateArgs, CreateWhat, SecretArgs, SecretKind};
use crate::failure::Failure;
use crate::io::{read_file, Io};
use pullsecret::{SecretOptions, SecretType};
use serde_json::{json, Map, Value};

pub(crate) fn create(a: CreateArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    let CreateWhat::Secret { kind } = a.what;
    let (generic, s) = match kind {
        SecretKind::DockerRegistry(s) => (false, s),
        SecretKind::Generic(s) => (true, s),
        SecretKind::Other(_) => {
            return Err(Failure::Usage(String::from(
                "only \"create secret docker-registry NAME\" and \"create secret generic NAME\" are supported",
            )))
        }
    };
    secret(generic, s, io)
}

fn secret(generic: bool, s: SecretArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    let Some(name) = s.name.clone() else {
        return Err(Failure::Usage(String::from(
            "exactly one NAME is required, got 0",
        )));
    };
    match s.dry_run.as_deref() {
        None | Some("client") => {}
        Some(other) => {
            return Err(Failure::Usage(format!(
                "--dry-run={other}: pullsecret never contacts a cluster; only --dry-run=client"
            )))
        }
    }
    let output = s.output.as_str();
    if !matches!(output, "yaml" | "json" | "name") {
        return Err(Failure::Usage(format!(
            "unable to match a printer suitable for the output format \"{output}\""
        )));
    }
    let creation_timestamp = creation_timestamp(&s.kubectl)?;
    let secret_type = if generic {
        match s.secret_type.as_deref() {
            Some("kubernetes.io/dockerconfigjson") => SecretType::DockerConfigJson,
            Some("kubernetes.io/dockercfg") => SecretType::DockerCfg,
            _ => {
                return Err(Failure::Usage(String::from(
                    "create secret generic: --type=kubernetes.io/dockerconfigjson or --type=kubernetes.io/dockercfg is required (pullsecret makes pull secrets only)",
                )))
            }
        }
    } else {
        if s.secret_type.is_some() {
            return Err(Failure::Usage(String::from("unknown flag: --type")));
        }
        SecretType::DockerConfigJson
    };
    if generic && s.from_file.is_empty() {
        return Err(Failure::Usage(String::from(
            "create secret generic: --from-file=KEY=FILE is required",
        )));
    }
    let config = if s.from_file.is_empty() {
        let mut login = Map::new();
        if let Some(server) = &s.docker_server {
            login.insert("server".into(), json!(server));
        }
        login.insert(
            "username".into(),
            json!(s.docker_username.clone().unwrap_or_default()),
        );
        login.insert(
            "password".into(),
            json!(s.docker_password.clone().unwrap_or_default()),
        );
        if let Some(email) = &s.docker_email {
            login.insert("email".into(), json!(email));
        }
        pullsecret::create(&options("create", Value::Object(login))?)?
    } else {
        let ignored: Vec<&str> = [
            ("--docker-server", s.docker_server.is_some()),
            ("--docker-username", s.docker_username.is_some()),
            ("--docker-password", s.docker_password.is_some()),
            ("--docker-email", s.docker_email.is_some()),
        ]
        .iter()
        .filter(|(_, given)| *given)
        .map(|(flag, _)| *flag)
        .collect();
        if !ignored.is_empty() {
            io.note(&format!(
                "warning: --from-file given: {} ignored (as kubectl does)",
                ignored.join(", ")
            ));
        }
        from_file(&s.from_file, generic, secret_type)?
    };
    let mut opts = Map::new();
    opts.insert("name".into(), json!(name));
    opts.insert(
        "output".into(),
        json!(if output == "yaml" { "yaml" } else { "json" }),
    );
    opts.insert("creationTimestamp".into(), json!(creation_timestamp));
    opts.insert("type".into(), json!(secret_type.as_str()));
    if let Some(ns) = &s.namespace {
        opts.insert("namespace".into(), json!(ns));
    }
    if s.append_hash {
        opts.insert("appendHash".into(), json!(true));
    }
    // `KEY=VALUE` items, read by the core (the same reading as the API's and the demo's).
    if !s.labels.is_empty() {
        opts.insert("labels".into(), json!(s.labels));
    }
    if !s.annotations.is_empty() {
        opts.insert("annotations".into(), json!(s.annotations));
    }
    let opts: SecretOptions = options("toSecret", Value::Object(opts))?;
    let secret = pullsecret::to_secret(&config, &opts)?;
    if output == "name" {
        let name = serde_json::from_str::<Value>(&secret)
            .ok()
            .and_then(|v| v["metadata"]["name"].as_str().map(String::from))
            .unwrap_or_default();
        io.out(format!("secret/{name}\n").as_bytes())?;
    } else {
        io.out(secret.as_bytes())?;
    }
    Ok(0)
}

/// kubectl's `--from-file` for a pull secret: one source, `[KEY=]FILE`, with kubectl's messages.
/// Without KEY, docker-registry uses `.dockerconfigjson` and generic the file's base name
/// (kubectl's rules); the key must then be the one of the Secret's type, or the API server would
/// refuse the Secret.
fn from_file(sources: &[String], generic: bool, t: SecretType) -> Result<String, Failure> {
    if sources.len() != 1 {
        return Err(Failure::Usage(format!(
            "--from-file: give exactly one config file (got {})",
            sources.len()
        )));
    }
    let source = sources[0].as_str();
    let parts: Vec<&str> = source.split('=').collect();
    if parts.len() > 2 {
        return Err(Failure::Usage(String::from(
            "key names or file paths cannot contain '='",
        )));
    }
    let (key, file) = if parts.len() == 2 {
        (parts[0].to_string(), parts[1])
    } else if generic {
        let base = std::path::Path::new(source)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (base, source)
    } else {
        (String::from(".dockerconfigjson"), source)
    };
    if key.is_empty() {
        return Err(Failure::Usage(format!(
            "key name for file path {file} missing"
        )));
    }
    if file.is_empty() {
        return Err(Failure::Usage(format!(
            "file path for key name {key} missing"
        )));
    }
    if key != t.data_key() {
        return Err(Failure::Usage(format!(
            "--from-file key must be {} for type {} (got {key}; the API server refuses a {} Secret without it)",
            t.data_key(),
            t.as_str(),
            t.as_str()
        )));
    }
    read_file(file)
}
