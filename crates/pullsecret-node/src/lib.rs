//! Node-API binding of pullsecret.
//!
//! Thin on purpose: options come in as JavaScript objects and are read by the core's
//! `options::from` through napi's serde deserializer (so the messages are the core's, naming
//! the option and never its value); results go out as plain JavaScript objects written by
//! serde; errors are thrown as real `Error`s named `PullSecretError` with the core's stable
//! `code` and, when the problem is in the input, `line` and `column` (`@pullsecret/node` only
//! gives them its `PullSecretError` prototype).
//!
//! May use: the `pullsecret` core's public API; `napi` (with its `serde-json` feature), `serde`,
//! `serde_json` (for the big results, see [`out_json`]).

use napi::bindgen_prelude::{Function, JsObjectValue, Object, Unknown};
use napi::{Env, JsValue, Status};
use napi_derive::napi;
use pullsecret::{
    AddOptions, ConvertOptions, CreateOptions, DelegatedAuthOptions, Error,
    GlobalPullSecretOptions, GrantOptions, LinkOptions, LookupOptions, MergeOptions, RemoveOptions,
    SecretOptions, WorkloadOptions,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

type Result<T> = napi::Result<T>;

/// Throws the core's error as an `Error` with `name`, `code`, `line`, `column`; returns the
/// "exception pending" status the generated glue expects after a throw.
fn fail(env: &Env, e: Error) -> napi::Error {
    let thrown = (|| -> Result<()> {
        let mut err =
            env.create_error(napi::Error::new(Status::GenericFailure, e.message.clone()))?;
        err.set_named_property("name", "PullSecretError")?;
        err.set_named_property("code", e.code.as_str())?;
        if let Some(p) = e.position {
            err.set_named_property("line", p.line as u32)?;
            err.set_named_property("column", p.column as u32)?;
        }
        env.throw(err)
    })();
    match thrown {
        Ok(()) => napi::Error::from_status(Status::PendingException),
        Err(other) => other,
    }
}

/// `function`'s options (its JavaScript name, for messages) from a JavaScript value.
fn read<T: DeserializeOwned>(env: &Env, function: &str, options: Unknown) -> Result<T> {
    // napi's deserializer reads any value (it checks the type itself), not only objects.
    let value = Object::from_raw(env.raw(), options.raw());
    pullsecret::options::from(function, &mut napi::De::new(&value)).map_err(|e| fail(env, e))
}

/// A result as plain JavaScript data written by napi's serializer (absent optional fields left
/// out; bytes as a `Buffer`, a `Uint8Array`).
fn out<'env, T: Serialize>(env: &'env Env, value: &T) -> Result<Unknown<'env>> {
    env.to_js_value(value)
}

/// Big results (`validate`, `parse`: they grow with the input) as `serde_json` text turned
/// into objects by one `JSON.parse`: measured faster than napi's serializer (one napi call per
/// property) for the 7,000-entry report (22 against 34 ms) and for a 2 KB one (40 against
/// 65 µs); see `docs/benchmarks.md`.
fn out_json<'env, T: Serialize>(env: &'env Env, value: &T) -> Result<Unknown<'env>> {
    let json = serde_json::to_string(value).map_err(|e| napi::Error::from_reason(e.to_string()))?;
    let json_object: Object = env.get_global()?.get_named_property("JSON")?;
    let parse: Function<String, Unknown> = json_object.get_named_property("parse")?;
    parse.call(json)
}

/// The report for `text`; never throws.
#[napi(ts_args_type = "text: string", ts_return_type = "Report")]
pub fn validate(env: &Env, text: String) -> Result<Unknown<'_>> {
    out_json(env, &pullsecret::validate(&text))
}

/// The credentials in `text` (a config, its base64, or a Secret).
#[napi(ts_args_type = "text: string", ts_return_type = "Document")]
pub fn parse(env: &Env, text: String) -> Result<Unknown<'_>> {
    let doc = pullsecret::parse(&text).map_err(|e| fail(env, e))?;
    out_json(env, &doc)
}

/// The config `kubectl create secret docker-registry` builds.
#[napi(ts_args_type = "options: CreateOptions", ts_return_type = "string")]
pub fn create(env: &Env, options: Unknown) -> Result<String> {
    let opts = read::<CreateOptions>(env, "create", options)?;
    pullsecret::create(&opts).map_err(|e| fail(env, e))
}

/// The Secret YAML or JSON, as kubectl prints it.
#[napi(
    js_name = "toSecret",
    ts_args_type = "config: string, options: SecretOptions",
    ts_return_type = "string"
)]
pub fn to_secret(env: &Env, config: String, options: Unknown) -> Result<String> {
    let opts = read::<SecretOptions>(env, "toSecret", options)?;
    pullsecret::to_secret(&config, &opts).map_err(|e| fail(env, e))
}

/// Which entry `options.client` uses to pull `image`.
#[napi(
    ts_args_type = "config: string, image: string, options: LookupOptions",
    ts_return_type = "Lookup"
)]
pub fn lookup<'env>(
    env: &'env Env,
    config: String,
    image: String,
    options: Unknown,
) -> Result<Unknown<'env>> {
    let opts = read::<LookupOptions>(env, "lookup", options)?;
    let l = pullsecret::lookup(&config, &image, &opts).map_err(|e| fail(env, e))?;
    out(env, &l)
}

/// `config` written as `options.to`: files (`content` a string, or bytes for the archive),
/// snippets, dropped, changed.
#[napi(
    ts_args_type = "config: string, options: ConvertOptions",
    ts_return_type = "Converted"
)]
pub fn convert<'env>(env: &'env Env, config: String, options: Unknown) -> Result<Unknown<'env>> {
    let opts = read::<ConvertOptions>(env, "convert", options)?;
    let c = pullsecret::convert(&config, &opts).map_err(|e| fail(env, e))?;
    out(env, &c)
}

/// The config text with the entry for `options.registry` added or replaced.
#[napi(
    ts_args_type = "config: string, options: AddOptions",
    ts_return_type = "string"
)]
pub fn add(env: &Env, config: String, options: Unknown) -> Result<String> {
    let opts = read::<AddOptions>(env, "add", options)?;
    pullsecret::add(&config, &opts).map_err(|e| fail(env, e))
}

/// `{config, removed}`: the entry for `registry` removed.
#[napi(
    ts_args_type = "config: string, registry: string, options: RemoveOptions",
    ts_return_type = "Edited"
)]
pub fn remove<'env>(
    env: &'env Env,
    config: String,
    registry: String,
    options: Unknown,
) -> Result<Unknown<'env>> {
    let opts = read::<RemoveOptions>(env, "remove", options)?;
    let r = pullsecret::remove(&config, &registry, &opts).map_err(|e| fail(env, e))?;
    out(env, &r)
}

/// `{config, conflicts}`: `configs` merged into the first one's layout.
#[napi(
    ts_args_type = "configs: string[], options: MergeOptions",
    ts_return_type = "Merged"
)]
pub fn merge<'env>(
    env: &'env Env,
    configs: Vec<String>,
    options: Unknown,
) -> Result<Unknown<'env>> {
    let opts = read::<MergeOptions>(env, "merge", options)?;
    let configs: Vec<&str> = configs.iter().map(String::as_str).collect();
    let m = pullsecret::merge(&configs, &opts).map_err(|e| fail(env, e))?;
    out(env, &m)
}

// ---- cluster objects ----

/// The ServiceAccount after `oc secrets link`, its patch and commands.
#[napi(
    ts_args_type = "serviceAccount: string, options: LinkOptions",
    ts_return_type = "LinkResult"
)]
pub fn link<'env>(
    env: &'env Env,
    service_account: String,
    options: Unknown,
) -> Result<Unknown<'env>> {
    let opts = read::<LinkOptions>(env, "link", options)?;
    let l = pullsecret::link(&service_account, &opts).map_err(|e| fail(env, e))?;
    out(env, &l)
}

/// The RoleBinding of `oc policy add-role-to-user|group system:image-puller`.
#[napi(
    js_name = "grantPull",
    ts_args_type = "options: GrantOptions",
    ts_return_type = "GrantResult"
)]
pub fn grant_pull<'env>(env: &'env Env, options: Unknown) -> Result<Unknown<'env>> {
    let opts = read::<GrantOptions>(env, "grantPull", options)?;
    let g = pullsecret::grant_pull(&opts).map_err(|e| fail(env, e))?;
    out(env, &g)
}

/// A Pod manifest with `imagePullSecrets`.
#[napi(
    js_name = "podSnippet",
    ts_args_type = "options: WorkloadOptions",
    ts_return_type = "string"
)]
pub fn pod_snippet(env: &Env, options: Unknown) -> Result<String> {
    let opts = read::<WorkloadOptions>(env, "podSnippet", options)?;
    pullsecret::pod_snippet(&opts).map_err(|e| fail(env, e))
}

/// An Argo Workflow manifest with `imagePullSecrets`.
#[napi(
    js_name = "workflowSnippet",
    ts_args_type = "options: WorkloadOptions",
    ts_return_type = "string"
)]
pub fn workflow_snippet(env: &Env, options: Unknown) -> Result<String> {
    let opts = read::<WorkloadOptions>(env, "workflowSnippet", options)?;
    pullsecret::workflow_snippet(&opts).map_err(|e| fail(env, e))
}

/// The auth server's and the registry's Secrets.
#[napi(
    js_name = "delegatedAuth",
    ts_args_type = "options: DelegatedAuthOptions",
    ts_return_type = "DelegatedAuthResult"
)]
pub fn delegated_auth<'env>(env: &'env Env, options: Unknown) -> Result<Unknown<'env>> {
    let opts = read::<DelegatedAuthOptions>(env, "delegatedAuth", options)?;
    let d = pullsecret::delegated_auth(&opts).map_err(|e| fail(env, e))?;
    out(env, &d)
}

/// The new `.dockerconfigjson`, the updated Secret and the `oc` commands.
#[napi(
    js_name = "globalPullSecret",
    ts_args_type = "current: string, options: GlobalPullSecretOptions",
    ts_return_type = "GlobalPullSecretResult"
)]
pub fn global_pull_secret<'env>(
    env: &'env Env,
    current: String,
    options: Unknown,
) -> Result<Unknown<'env>> {
    let opts = read::<GlobalPullSecretOptions>(env, "globalPullSecret", options)?;
    let g = pullsecret::global_pull_secret(&current, &opts).map_err(|e| fail(env, e))?;
    out(env, &g)
}
