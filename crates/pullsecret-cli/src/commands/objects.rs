//! The cluster objects: `link`, `grant-pull`, `pod`, `workflow`, `delegated-auth` and
//! `global-pull-secret`. Printed only: nothing is sent to a cluster.

use super::{creation_timestamp, options};
use crate::cli::{
    DelegatedAuthArgs, GlobalPullSecretArgs, GrantPullArgs, LinkArgs, ObjectFlags, WorkloadArgs,
    YamlOrJson,
};
use crate::failure::Failure;
use crate::files::write_atomic;
use crate::io::Io;
use pullsecret::{
    DelegatedAuthOptions, GlobalPullSecretOptions, GrantOptions, LinkOptions, WorkloadOptions,
};
use serde_json::{json, Map, Value};

/// The options every object printer shares: `output`, `creationTimestamp` and, when given,
/// `namespace`.
fn common(o: &ObjectFlags) -> Result<Map<String, Value>, Failure> {
    let mut m = Map::new();
    m.insert("output".into(), json!(output(o.output)));
    m.insert(
        "creationTimestamp".into(),
        json!(creation_timestamp(&o.kubectl)?),
    );
    if let Some(ns) = &o.namespace {
        m.insert("namespace".into(), json!(ns));
    }
    Ok(m)
}

fn output(o: YamlOrJson) -> &'static str {
    match o {
        YamlOrJson::Yaml => "yaml",
        YamlOrJson::Json => "json",
    }
}

/// Adds `key: value` when the flag was given.
fn put(m: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        m.insert(key.into(), json!(v));
    }
}

fn no_arguments(command: &str, stray: &[String]) -> Result<(), Failure> {
    if stray.is_empty() {
        Ok(())
    } else {
        Err(Failure::Usage(format!(
            "{command} takes no arguments, only flags"
        )))
    }
}

pub(crate) fn link(a: LinkArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    let (service_account, secrets) = a.names.split_first().expect("clap requires two names");
    let sa = match &a.filename {
        Some(f) => io.input(Some(f))?.text,
        None => String::new(),
    };
    let mut m = common(&a.object)?;
    m.insert("serviceAccount".into(), json!(service_account));
    m.insert("secrets".into(), json!(secrets));
    m.insert("for".into(), json!(a.for_));
    let opts: LinkOptions = options("link", Value::Object(m))?;
    let r = pullsecret::link(&sa, &opts)?;
    if a.print_command {
        io.out(format!("{}\n", r.command).as_bytes())?;
    } else if a.patch {
        io.out(format!("{}\n", r.patch).as_bytes())?;
    } else {
        io.out(r.object.as_bytes())?;
    }
    Ok(0)
}

pub(crate) fn grant_pull(a: GrantPullArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    no_arguments("grant-pull", &a.stray)?;
    let mut m = common(&a.object)?;
    put(&mut m, "fromNamespace", &a.from_namespace);
    put(&mut m, "serviceAccount", &a.serviceaccount);
    m.insert("group".into(), json!(a.group));
    put(&mut m, "role", &a.role);
    put(&mut m, "roleBindingName", &a.rolebinding_name);
    let opts: GrantOptions = options("grantPull", Value::Object(m))?;
    let r = pullsecret::grant_pull(&opts)?;
    if a.print_command {
        io.out(format!("{}\n", r.command).as_bytes())?;
    } else {
        io.out(r.object.as_bytes())?;
    }
    Ok(0)
}

pub(crate) fn workload(kind: &str, a: WorkloadArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    let mut m = common(&a.object)?;
    put(&mut m, "name", &a.name_arg.clone().or(a.name.clone()));
    put(&mut m, "generateName", &a.generate_name);
    put(&mut m, "image", &a.image);
    put(&mut m, "container", &a.container);
    // A comma-separated list: the core reads it as cobra's StringSlice does.
    m.insert(
        "secrets".into(),
        json!(a.secret.clone().unwrap_or_default()),
    );
    let text = if kind == "pod" {
        let opts: WorkloadOptions = options("podSnippet", Value::Object(m))?;
        pullsecret::pod_snippet(&opts)?
    } else {
        let opts: WorkloadOptions = options("workflowSnippet", Value::Object(m))?;
        pullsecret::workflow_snippet(&opts)?
    };
    io.out(text.as_bytes())?;
    Ok(0)
}

pub(crate) fn delegated_auth(a: DelegatedAuthArgs, io: &mut Io<'_>) -> Result<i32, Failure> {
    no_arguments("delegated-auth", &a.stray)?;
    let mut m = common(&a.object)?;
    let or_empty = |v: &Option<String>| json!(v.clone().unwrap_or_default());
    m.insert("authServer".into(), or_empty(&a.auth_server));
    m.insert("registry".into(), or_empty(&a.registry));
    m.insert("username".into(), or_empty(&a.username));
    m.insert("password".into(), or_empty(&a.password));
    put(&mut m, "email", &a.email);
    m.insert("authSecretName".into(), or_empty(&a.auth_secret_name));
    m.insert(
        "registrySecretName".into(),
        or_empty(&a.registry_secret_name),
    );
    let opts: DelegatedAuthOptions = options("delegatedAuth", Value::Object(m))?;
    io.out(pullsecret::delegated_auth(&opts)?.manifest.as_bytes())?;
    Ok(0)
}

/// `--registry R --auth-basic U:P` pairs in command-line order: each `--auth-basic` belongs to
/// the `--registry` before it (oc registry login takes one of each per run).
fn logins(a: &GlobalPullSecretArgs, m: &clap::ArgMatches) -> Result<Vec<Value>, Failure> {
    let at = |id: &str| -> Vec<usize> { m.indices_of(id).map(|i| i.collect()).unwrap_or_default() };
    let mut flags: Vec<(usize, bool, &str)> = Vec::new();
    flags.extend(
        at("registry")
            .into_iter()
            .zip(&a.registry)
            .map(|(i, v)| (i, true, v.as_str())),
    );
    flags.extend(
        at("auth_basic")
            .into_iter()
            .zip(&a.auth_basic)
            .map(|(i, v)| (i, false, v.as_str())),
    );
    flags.sort_by_key(|f| f.0);
    let mut logins: Vec<(String, Option<String>)> = Vec::new();
    for (_, is_registry, value) in flags {
        if is_registry {
            logins.push((value.to_string(), None));
        } else {
            match logins.last_mut() {
                Some(last) if last.1.is_none() => last.1 = Some(value.to_string()),
                _ => {
                    return Err(Failure::Usage(String::from(
                        "each --auth-basic must follow its --registry",
                    )))
                }
            }
        }
    }
    if logins.is_empty() {
        return Err(Failure::Usage(String::from(
            "give at least one --registry=R --auth-basic=USER:PASSWORD",
        )));
    }
    logins
        .into_iter()
        .map(|(registry, basic)| match basic {
            Some(b) => Ok(json!({ "registry": registry, "authBasic": b })),
            None => Err(Failure::Usage(format!(
                "--registry={registry} has no --auth-basic=USER:PASSWORD"
            ))),
        })
        .collect()
}

pub(crate) fn global_pull_secret(
    a: GlobalPullSecretArgs,
    matches: &clap::ArgMatches,
    io: &mut Io<'_>,
) -> Result<i32, Failure> {
    no_arguments("global-pull-secret", &a.stray)?;
    let logins = logins(&a, matches)?;
    if a.from.is_none() && !a.hypershift {
        return Err(Failure::Usage(String::from(
            "give the current pull secret with --from=FILE (or - for stdin)",
        )));
    }
    let current = match &a.from {
        Some(f) => io.input(Some(f))?.text,
        None => String::new(),
    };
    let mut m = Map::new();
    m.insert("logins".into(), Value::Array(logins));
    m.insert(
        "variant".into(),
        json!(if a.hypershift {
            "hypershift"
        } else {
            "openshift"
        }),
    );
    if let Some(s) = a.style {
        m.insert("style".into(), json!(s.as_str()));
    }
    put(&mut m, "file", &a.to);
    m.insert("output".into(), json!(output(a.output)));
    m.insert(
        "creationTimestamp".into(),
        json!(creation_timestamp(&a.kubectl)?),
    );
    let opts: GlobalPullSecretOptions = options("globalPullSecret", Value::Object(m))?;
    let r = pullsecret::global_pull_secret(&current, &opts)?;
    if let Some(to) = &a.to {
        write_atomic(to, r.config.as_bytes())?;
        let names: Vec<&str> = a.registry.iter().map(String::as_str).collect();
        io.note(&format!(
            "Saved credentials for {} into {to}\nApply with: {}",
            names.join(", "),
            r.command
        ));
    }
    let text = match a.print.as_str() {
        "config" => format!("{}\n", r.config),
        "command" => format!("{}\n", r.command),
        _ => r.secret,
    };
    io.out(text.as_bytes())?;
    Ok(0)
}
