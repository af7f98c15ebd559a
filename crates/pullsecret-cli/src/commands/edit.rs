//! `login`, `logout` and `merge`: editing config files, every other byte kept.

use super::options;
use crate::cli::{LoginArgs, LogoutArgs, MergeArgs};
use crate::failure::Failure;
use crate::files::write_atomic;
use crate::io::{read_file, Io};
use pullsecret::{AddOptions, MergeOptions, RemoveOptions, Section, Source};
use serde_json::{json, Map, Value};

/// The text of `file`, or `""` when it does not exist yet (login creates it).
fn read_or_empty(file: &str) -> Result<String, Failure> {
    match read_file(file) {
        Err(Failure::Read { error, .. }) if error.kind() == std::io::ErrorKind::NotFound => {
            Ok(String::new())
        }
        other => other,
    }
}

/// login and logout rewrite FILE in place with a config: a Secret or a base64 config would be
/// replaced by the bare config, so they are refused.
fn must_be_config_file(file: &str, text: &str) -> Result<(), Failure> {
    if text.trim().is_empty() {
        return Ok(());
    }
    let report = pullsecret::validate(text);
    let what = match report.objects.as_slice() {
        [one] => match one.source {
            Source::File => return Ok(()),
            Source::Base64 => "a base64 config",
            Source::Secret { .. } => "a Kubernetes Secret",
        },
        [] => return Ok(()),
        _ => "a Kubernetes Secret",
    };
    Err(Failure::Usage(format!(
        "{file} holds {what}: login and logout edit config files in place (extract the config first)"
    )))
}

/// podman's `--password-stdin`: every line of stdin, joined without the line breaks.
fn password_from_stdin(io: &mut Io<'_>) -> Result<String, Failure> {
    let text = io.read_stdin()?;
    Ok(text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect())
}

fn style(s: crate::cli::Style) -> Value {
    json!(s.as_str())
}

pub(crate) fn login(a: LoginArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    if !a.stray.is_empty() {
        return Err(Failure::Usage(String::from(
            "login takes no arguments (use --registry and --to)",
        )));
    }
    let Some(registry) = a.registry.clone() else {
        return Err(Failure::Usage(String::from("--registry is required")));
    };
    let Some(to) = a.to.clone().or_else(|| io.registry_auth_file.clone()) else {
        return Err(Failure::Usage(String::from(
            "--to=FILE is required (or set REGISTRY_AUTH_FILE)",
        )));
    };
    let mut opts = Map::new();
    opts.insert("registry".into(), json!(registry));
    if let Some(basic) = &a.auth_basic {
        if a.password_stdin || a.username.is_some() {
            return Err(Failure::Usage(String::from(
                "You may only specify a single authentication input as --auth-basic or --username/--password-stdin",
            )));
        }
        // The core splits it at the first `:`, as oc does.
        opts.insert("authBasic".into(), json!(basic));
    } else if a.password_stdin {
        let Some(user) = &a.username else {
            return Err(Failure::Usage(String::from(
                "Must provide --username with --password-stdin",
            )));
        };
        opts.insert("username".into(), json!(user));
        opts.insert("password".into(), json!(password_from_stdin(io)?));
    } else {
        return Err(Failure::Usage(String::from(
            "give --auth-basic=USER:PASS, or --username=USER with --password-stdin",
        )));
    }
    if let Some(email) = &a.email {
        opts.insert("email".into(), json!(email));
    }
    opts.insert("style".into(), style(a.style));
    let existing = read_or_empty(&to)?;
    must_be_config_file(&to, &existing)?;
    let opts: AddOptions = options("add", Value::Object(opts))?;
    let config = pullsecret::add(&existing, &opts)?;
    write_atomic(&to, config.as_bytes())?;
    io.note(&format!("Saved credentials for {registry} into {to}"));
    Ok(0)
}

pub(crate) fn logout(a: LogoutArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    let Some(registry) = a.registry.clone() else {
        return Err(Failure::Usage(String::from("--registry is required")));
    };
    let mut files = a.to.iter().cloned().collect::<Vec<_>>();
    files.extend(a.file.iter().cloned());
    if files.len() != 1 {
        return Err(Failure::Usage(String::from(
            "logout takes exactly one FILE",
        )));
    }
    let file = files.remove(0);
    let text = io.input(Some(&file))?.text;
    must_be_config_file(&file, &text)?;
    let opts: RemoveOptions = options(
        "remove",
        json!({ "aliases": a.aliases, "style": style(a.style) }),
    )?;
    let r = pullsecret::remove(&text, &registry, &opts)?;
    write_atomic(&file, r.config.as_bytes())?;
    io.note(&format!("Removed {} from {file}", r.removed.join(", ")));
    Ok(0)
}

pub(crate) fn merge(a: MergeArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    let mut inputs = Vec::with_capacity(a.files.len());
    for f in &a.files {
        inputs.push(io.input(Some(f))?);
    }
    let opts: MergeOptions = options(
        "merge",
        json!({ "onConflict": a.on_conflict, "style": style(a.style) }),
    )?;
    let texts: Vec<&str> = inputs.iter().map(|i| i.text.as_str()).collect();
    let r = match pullsecret::merge(&texts, &opts) {
        Ok(r) => r,
        Err(mut e) => {
            // The core names a config by its index: name the file instead.
            if let Some(i) = e.input {
                let prefix = format!("config {i}: ");
                if let Some(rest) = e.message.strip_prefix(&prefix) {
                    e.message = format!("{}: {rest}", inputs[i].name);
                }
            }
            return Err(e.into());
        }
    };
    let quote = |s: &str| serde_json::to_string(s).expect("strings serialize");
    for c in &r.conflicts {
        let what = if c.section == Section::Config {
            format!("top-level key {}", quote(&c.name))
        } else {
            format!("{} {}", c.section.as_str(), quote(&c.name))
        };
        let where_: Vec<String> = c
            .keys
            .iter()
            .zip(&c.sources)
            .map(|(k, s)| format!("{} in {}", quote(k), inputs[*s].name))
            .collect();
        let kept = c.kept.map(|k| inputs[k].name.as_str()).unwrap_or("none");
        io.note(&format!(
            "conflict: {what}: {}; kept {kept}",
            where_.join(", ")
        ));
    }
    match a.output.as_deref() {
        Some(out) if out != "-" => write_atomic(out, r.config.as_bytes())?,
        _ => {
            io.out(r.config.as_bytes())?;
            if !r.config.ends_with('\n') {
                io.out(b"\n")?;
            }
        }
    }
    Ok(0)
}
