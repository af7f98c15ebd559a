//! Node-API binding of pullsecret.
//!
//! Thin on purpose: strings in, the core's JSON text out; errors are thrown with the core's error
//! JSON as the message. `@pullsecret/node` passes options as JSON, parses results and throws
//! `PullSecretError`, so the napi and wasm packages behave identically. `validate` returns the
//! packed transport (`pack.rs`), as in the wasm binding.

use napi::bindgen_prelude::Uint32Array;
use napi::{Error as NapiError, Status};
use napi_derive::napi;
use pullsecret::{
    AddOptions, ConvertOptions, CreateOptions, DelegatedAuthOptions, Error,
    GlobalPullSecretOptions, GrantOptions, LinkOptions, LookupOptions, MergeOptions, RemoveOptions,
    SecretOptions, WorkloadOptions,
};

fn fail(e: Error) -> NapiError {
    NapiError::new(Status::GenericFailure, e.to_json())
}

/// The report for `text`, packed (see `pack.rs`); never throws.
#[napi]
pub fn validate(text: String) -> Uint32Array {
    pullsecret::validate(&text).to_packed().into()
}

/// Document JSON for `text`.
#[napi]
pub fn parse(text: String) -> napi::Result<String> {
    pullsecret::parse(&text).map(|d| d.to_json()).map_err(fail)
}

/// Config JSON built as `kubectl create secret docker-registry` builds it; `options` is JSON.
#[napi]
pub fn create(options: String) -> napi::Result<String> {
    pullsecret::create(&CreateOptions::from_json(&options).map_err(fail)?).map_err(fail)
}

/// Secret YAML or JSON, as kubectl prints it; `options` is JSON.
#[napi(js_name = "toSecret")]
pub fn to_secret(config: String, options: String) -> napi::Result<String> {
    pullsecret::to_secret(&config, &SecretOptions::from_json(&options).map_err(fail)?).map_err(fail)
}

/// Lookup JSON: which entry `options.client` uses to pull `image`; `options` is JSON.
#[napi]
pub fn lookup(config: String, image: String, options: String) -> napi::Result<String> {
    pullsecret::lookup(
        &config,
        &image,
        &LookupOptions::from_json(&options).map_err(fail)?,
    )
    .map(|l| l.to_json())
    .map_err(fail)
}

/// Converted JSON: `config` written as `options.to` (files with `text` or `base64`, snippets,
/// dropped, changed); `options` is JSON.
#[napi]
pub fn convert(config: String, options: String) -> napi::Result<String> {
    pullsecret::convert(&config, &ConvertOptions::from_json(&options).map_err(fail)?)
        .map(|c| c.to_json())
        .map_err(fail)
}

/// Config text with the entry for `options.registry` added or replaced; `options` is JSON.
#[napi]
pub fn add(config: String, options: String) -> napi::Result<String> {
    pullsecret::add(&config, &AddOptions::from_json(&options).map_err(fail)?).map_err(fail)
}

/// `{config, removed}` JSON: the entry for `registry` removed; `options` is JSON.
#[napi]
pub fn remove(config: String, registry: String, options: String) -> napi::Result<String> {
    pullsecret::remove(
        &config,
        &registry,
        &RemoveOptions::from_json(&options).map_err(fail)?,
    )
    .map(|e| e.to_json())
    .map_err(fail)
}

/// `{config, conflicts}` JSON: `configs` merged into the first one's layout; `options` is JSON.
#[napi]
pub fn merge(configs: Vec<String>, options: String) -> napi::Result<String> {
    let configs: Vec<&str> = configs.iter().map(String::as_str).collect();
    pullsecret::merge(&configs, &MergeOptions::from_json(&options).map_err(fail)?)
        .map(|m| m.to_json())
        .map_err(fail)
}

// ---- cluster objects (objects.rs) ----

/// Link JSON: the ServiceAccount after `oc secrets link`, its patch and commands; `options` is JSON.
#[napi]
pub fn link(service_account: String, options: String) -> napi::Result<String> {
    pullsecret::link(
        &service_account,
        &LinkOptions::from_json(&options).map_err(fail)?,
    )
    .map_err(fail)
}

/// Grant JSON: the RoleBinding of `oc policy add-role-to-user|group system:image-puller`.
#[napi(js_name = "grantPull")]
pub fn grant_pull(options: String) -> napi::Result<String> {
    pullsecret::grant_pull(&GrantOptions::from_json(&options).map_err(fail)?).map_err(fail)
}

/// A Pod manifest with `imagePullSecrets`; `options` is JSON.
#[napi(js_name = "podSnippet")]
pub fn pod_snippet(options: String) -> napi::Result<String> {
    pullsecret::pod_snippet(&WorkloadOptions::from_json(&options).map_err(fail)?).map_err(fail)
}

/// An Argo Workflow manifest with `imagePullSecrets`; `options` is JSON.
#[napi(js_name = "workflowSnippet")]
pub fn workflow_snippet(options: String) -> napi::Result<String> {
    pullsecret::workflow_snippet(&WorkloadOptions::from_json(&options).map_err(fail)?).map_err(fail)
}

/// Delegated-auth JSON: the auth server's and the registry's Secrets; `options` is JSON.
#[napi(js_name = "delegatedAuth")]
pub fn delegated_auth(options: String) -> napi::Result<String> {
    pullsecret::delegated_auth(&DelegatedAuthOptions::from_json(&options).map_err(fail)?)
        .map_err(fail)
}

/// Global pull secret JSON: the new `.dockerconfigjson`, the updated Secret and the `oc` commands.
#[napi(js_name = "globalPullSecret")]
pub fn global_pull_secret(current: String, options: String) -> napi::Result<String> {
    pullsecret::global_pull_secret(
        &current,
        &GlobalPullSecretOptions::from_json(&options).map_err(fail)?,
    )
    .map_err(fail)
}
