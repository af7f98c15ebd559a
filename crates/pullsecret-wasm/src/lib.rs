//! WebAssembly binding of pullsecret.
//!
//! Thin on purpose: strings in, the core's JSON text out; errors cross as the core's error JSON.
//! `@pullsecret/wasm` passes options as JSON, parses results and throws `PullSecretError`.
//! Returning one JSON string is also the fast path: a single `JSON.parse` in JavaScript beats
//! thousands of property sets across the boundary for a 7,000-entry report.
//! `validate` returns the packed transport (`pack.rs`) instead of JSON: its reports are the big
//! ones; writing the packed form is much cheaper than JSON, and the package's generic decoder
//! rebuilds the objects faster than `JSON.parse`.

use pullsecret::{
    AddOptions, ConvertOptions, CreateOptions, DelegatedAuthOptions, Error,
    GlobalPullSecretOptions, GrantOptions, LinkOptions, LookupOptions, MergeOptions, RemoveOptions,
    SecretOptions, WorkloadOptions,
};
use wasm_bindgen::prelude::*;

fn fail(e: Error) -> JsValue {
    JsValue::from_str(&e.to_json())
}

/// The report for `text` (UTF-8 bytes: the package encodes with `TextEncoder`, much faster
/// than the glue's per-character copy of a 1 MB string), packed (see `pack.rs`); never throws.
#[wasm_bindgen]
pub fn validate(text: &[u8]) -> Vec<u32> {
    let text = String::from_utf8_lossy(text);
    pullsecret::validate(&text).to_packed()
}

/// Document JSON for `text`.
#[wasm_bindgen]
pub fn parse(text: &str) -> Result<String, JsValue> {
    pullsecret::parse(text).map(|d| d.to_json()).map_err(fail)
}

/// Config JSON built as `kubectl create secret docker-registry` builds it; `options` is JSON.
#[wasm_bindgen]
pub fn create(options: &str) -> Result<String, JsValue> {
    pullsecret::create(&CreateOptions::from_json(options).map_err(fail)?).map_err(fail)
}

/// Secret YAML or JSON, as kubectl prints it; `options` is JSON.
#[wasm_bindgen(js_name = toSecret)]
pub fn to_secret(config: &str, options: &str) -> Result<String, JsValue> {
    pullsecret::to_secret(config, &SecretOptions::from_json(options).map_err(fail)?).map_err(fail)
}

/// Lookup JSON: which entry `options.client` uses to pull `image`; `options` is JSON.
#[wasm_bindgen]
pub fn lookup(config: &str, image: &str, options: &str) -> Result<String, JsValue> {
    pullsecret::lookup(
        config,
        image,
        &LookupOptions::from_json(options).map_err(fail)?,
    )
    .map(|l| l.to_json())
    .map_err(fail)
}

/// Converted JSON: `config` written as `options.to` (files with `text` or `base64`, snippets,
/// dropped, changed); `options` is JSON.
#[wasm_bindgen]
pub fn convert(config: &str, options: &str) -> Result<String, JsValue> {
    pullsecret::convert(config, &ConvertOptions::from_json(options).map_err(fail)?)
        .map(|c| c.to_json())
        .map_err(fail)
}

/// Config text with the entry for `options.registry` added or replaced; `options` is JSON.
#[wasm_bindgen]
pub fn add(config: &str, options: &str) -> Result<String, JsValue> {
    pullsecret::add(config, &AddOptions::from_json(options).map_err(fail)?).map_err(fail)
}

/// `{config, removed}` JSON: the entry for `registry` removed; `options` is JSON.
#[wasm_bindgen]
pub fn remove(config: &str, registry: &str, options: &str) -> Result<String, JsValue> {
    pullsecret::remove(
        config,
        registry,
        &RemoveOptions::from_json(options).map_err(fail)?,
    )
    .map(|e| e.to_json())
    .map_err(fail)
}

/// `{config, conflicts}` JSON: `configs` (a JSON array of config texts) merged into the first
/// one's layout; `options` is JSON.
#[wasm_bindgen]
pub fn merge(configs: &str, options: &str) -> Result<String, JsValue> {
    pullsecret::merge_json(configs, &MergeOptions::from_json(options).map_err(fail)?)
        .map(|m| m.to_json())
        .map_err(fail)
}

// ---- cluster objects (objects.rs) ----

/// Link JSON: the ServiceAccount after `oc secrets link`, its patch and commands; `options` is JSON.
#[wasm_bindgen]
pub fn link(service_account: &str, options: &str) -> Result<String, JsValue> {
    pullsecret::link(
        service_account,
        &LinkOptions::from_json(options).map_err(fail)?,
    )
    .map_err(fail)
}

/// Grant JSON: the RoleBinding of `oc policy add-role-to-user|group system:image-puller`.
#[wasm_bindgen(js_name = grantPull)]
pub fn grant_pull(options: &str) -> Result<String, JsValue> {
    pullsecret::grant_pull(&GrantOptions::from_json(options).map_err(fail)?).map_err(fail)
}

/// A Pod manifest with `imagePullSecrets`; `options` is JSON.
#[wasm_bindgen(js_name = podSnippet)]
pub fn pod_snippet(options: &str) -> Result<String, JsValue> {
    pullsecret::pod_snippet(&WorkloadOptions::from_json(options).map_err(fail)?).map_err(fail)
}

/// An Argo Workflow manifest with `imagePullSecrets`; `options` is JSON.
#[wasm_bindgen(js_name = workflowSnippet)]
pub fn workflow_snippet(options: &str) -> Result<String, JsValue> {
    pullsecret::workflow_snippet(&WorkloadOptions::from_json(options).map_err(fail)?).map_err(fail)
}

/// Delegated-auth JSON: the auth server's and the registry's Secrets; `options` is JSON.
#[wasm_bindgen(js_name = delegatedAuth)]
pub fn delegated_auth(options: &str) -> Result<String, JsValue> {
    pullsecret::delegated_auth(&DelegatedAuthOptions::from_json(options).map_err(fail)?)
        .map_err(fail)
}

/// Global pull secret JSON: the new `.dockerconfigjson`, the updated Secret and the `oc` commands.
#[wasm_bindgen(js_name = globalPullSecret)]
pub fn global_pull_secret(current: &str, options: &str) -> Result<String, JsValue> {
    pullsecret::global_pull_secret(
        current,
        &GlobalPullSecretOptions::from_json(options).map_err(fail)?,
    )
    .map_err(fail)
}
