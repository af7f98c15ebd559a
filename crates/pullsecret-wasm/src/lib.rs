//! WebAssembly binding of pullsecret.
//!
//! Thin on purpose: options come in as JavaScript objects and are read by the core's
//! `options::from` through serde-wasm-bindgen (so the messages are the core's, naming the option
//! and never its value); results go out as plain JavaScript objects written by serde; errors are
//! thrown as `PullSecretError` (the class `@pullsecret/wasm` exports, from `npm/wasm/error.js`),
//! a real `Error` with the core's stable `code` and, when the problem is in the input, `line`
//! and `column`.
//!
//! May use: the `pullsecret` core's public API; `wasm-bindgen`, `js-sys`, `serde`,
//! `serde-wasm-bindgen`.

use pullsecret::{
    AddOptions, ConvertOptions, CreateOptions, DelegatedAuthOptions, Error,
    GlobalPullSecretOptions, GrantOptions, LinkOptions, LookupOptions, MergeOptions, RemoveOptions,
    SecretOptions, WorkloadOptions,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(raw_module = "../error.js")]
extern "C" {
    /// `npm/wasm/error.js`'s class (imported from the generated glue in `npm/wasm/pkg/`).
    type PullSecretError;
    #[wasm_bindgen(constructor)]
    fn new(init: &js_sys::Object) -> PullSecretError;
}

/// The core's error as a thrown `PullSecretError` (`{code, message, line?, column?}`).
fn fail(e: Error) -> JsValue {
    let init = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        // Setting a property of a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&init, &JsValue::from_str(k), &v);
    };
    set("code", JsValue::from_str(e.code.as_str()));
    set("message", JsValue::from_str(&e.message));
    if let Some(p) = e.position {
        set("line", JsValue::from(p.line as u32));
        set("column", JsValue::from(p.column as u32));
    }
    PullSecretError::new(&init).into()
}

/// `function`'s options (its JavaScript name, for messages) from a JavaScript value.
fn read<T: DeserializeOwned>(function: &str, options: JsValue) -> Result<T, JsValue> {
    pullsecret::options::from(function, serde_wasm_bindgen::Deserializer::from(options))
        .map_err(fail)
}

/// A result as plain JavaScript data: objects (not `Map`s), absent optional fields left out,
/// bytes as a `Uint8Array`.
fn out<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    const SER: serde_wasm_bindgen::Serializer =
        serde_wasm_bindgen::Serializer::json_compatible().serialize_bytes_as_arrays(false);
    value
        .serialize(&SER)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// The report for `text` (UTF-8 bytes: the package encodes with `TextEncoder`, much faster
/// than the glue's per-character copy of a 1 MB string); never throws. Written straight into
/// JavaScript objects by serde-wasm-bindgen: measured faster than `serde_json` text plus one
/// `JSON.parse` for the 7,000-entry report (31 against 38 ms) and for a 2 KB one (65 against
/// 81 µs); see `docs/benchmarks.md`.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn validate(text: &[u8]) -> Result<JsValue, JsValue> {
    let text = String::from_utf8_lossy(text);
    out(&pullsecret::validate(&text))
}

/// The credentials in `text` (a config, its base64, or a Secret).
#[wasm_bindgen(unchecked_return_type = "Document")]
pub fn parse(text: &str) -> Result<JsValue, JsValue> {
    out(&pullsecret::parse(text).map_err(fail)?)
}

/// The config `kubectl create secret docker-registry` builds.
#[wasm_bindgen]
pub fn create(
    #[wasm_bindgen(unchecked_param_type = "CreateOptions")] options: JsValue,
) -> Result<String, JsValue> {
    pullsecret::create(&read::<CreateOptions>("create", options)?).map_err(fail)
}

/// The Secret YAML or JSON, as kubectl prints it.
#[wasm_bindgen(js_name = toSecret)]
pub fn to_secret(
    config: &str,
    #[wasm_bindgen(unchecked_param_type = "SecretOptions")] options: JsValue,
) -> Result<String, JsValue> {
    pullsecret::to_secret(config, &read::<SecretOptions>("toSecret", options)?).map_err(fail)
}

/// Which entry `options.client` uses to pull `image`.
#[wasm_bindgen(unchecked_return_type = "Lookup")]
pub fn lookup(
    config: &str,
    image: &str,
    #[wasm_bindgen(unchecked_param_type = "LookupOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts = read::<LookupOptions>("lookup", options)?;
    out(&pullsecret::lookup(config, image, &opts).map_err(fail)?)
}

/// `config` written as `options.to`: files (`content` a string, or a `Uint8Array` for the
/// archive), snippets, dropped, changed.
#[wasm_bindgen(unchecked_return_type = "Converted")]
pub fn convert(
    config: &str,
    #[wasm_bindgen(unchecked_param_type = "ConvertOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts = read::<ConvertOptions>("convert", options)?;
    out(&pullsecret::convert(config, &opts).map_err(fail)?)
}

/// The config text with the entry for `options.registry` added or replaced.
#[wasm_bindgen]
pub fn add(
    config: &str,
    #[wasm_bindgen(unchecked_param_type = "AddOptions")] options: JsValue,
) -> Result<String, JsValue> {
    pullsecret::add(config, &read::<AddOptions>("add", options)?).map_err(fail)
}

/// `{config, removed}`: the entry for `registry` removed.
#[wasm_bindgen(unchecked_return_type = "Edited")]
pub fn remove(
    config: &str,
    registry: &str,
    #[wasm_bindgen(unchecked_param_type = "RemoveOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts = read::<RemoveOptions>("remove", options)?;
    out(&pullsecret::remove(config, registry, &opts).map_err(fail)?)
}

/// `{config, conflicts}`: `configs` (config texts) merged into the first one's layout.
#[wasm_bindgen(unchecked_return_type = "Merged")]
pub fn merge(
    configs: Vec<String>,
    #[wasm_bindgen(unchecked_param_type = "MergeOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts = read::<MergeOptions>("merge", options)?;
    let configs: Vec<&str> = configs.iter().map(String::as_str).collect();
    out(&pullsecret::merge(&configs, &opts).map_err(fail)?)
}

// ---- cluster objects ----

/// The ServiceAccount after `oc secrets link`, its patch and commands.
#[wasm_bindgen(unchecked_return_type = "LinkResult")]
pub fn link(
    service_account: &str,
    #[wasm_bindgen(unchecked_param_type = "LinkOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts = read::<LinkOptions>("link", options)?;
    out(&pullsecret::link(service_account, &opts).map_err(fail)?)
}

/// The RoleBinding of `oc policy add-role-to-user|group system:image-puller`.
#[wasm_bindgen(js_name = grantPull, unchecked_return_type = "GrantResult")]
pub fn grant_pull(
    #[wasm_bindgen(unchecked_param_type = "GrantOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts = read::<GrantOptions>("grantPull", options)?;
    out(&pullsecret::grant_pull(&opts).map_err(fail)?)
}

/// A Pod manifest with `imagePullSecrets`.
#[wasm_bindgen(js_name = podSnippet)]
pub fn pod_snippet(
    #[wasm_bindgen(unchecked_param_type = "WorkloadOptions")] options: JsValue,
) -> Result<String, JsValue> {
    pullsecret::pod_snippet(&read::<WorkloadOptions>("podSnippet", options)?).map_err(fail)
}

/// An Argo Workflow manifest with `imagePullSecrets`.
#[wasm_bindgen(js_name = workflowSnippet)]
pub fn workflow_snippet(
    #[wasm_bindgen(unchecked_param_type = "WorkloadOptions")] options: JsValue,
) -> Result<String, JsValue> {
    pullsecret::workflow_snippet(&read::<WorkloadOptions>("workflowSnippet", options)?)
        .map_err(fail)
}

/// The auth server's and the registry's Secrets.
#[wasm_bindgen(js_name = delegatedAuth, unchecked_return_type = "DelegatedAuthResult")]
pub fn delegated_auth(
    #[wasm_bindgen(unchecked_param_type = "DelegatedAuthOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts = read::<DelegatedAuthOptions>("delegatedAuth", options)?;
    out(&pullsecret::delegated_auth(&opts).map_err(fail)?)
}

/// The new `.dockerconfigjson`, the updated Secret and the `oc` commands.
#[wasm_bindgen(js_name = globalPullSecret, unchecked_return_type = "GlobalPullSecretResult")]
pub fn global_pull_secret(
    current: &str,
    #[wasm_bindgen(unchecked_param_type = "GlobalPullSecretOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts = read::<GlobalPullSecretOptions>("globalPullSecret", options)?;
    out(&pullsecret::global_pull_secret(current, &opts).map_err(fail)?)
}
