//! WebAssembly binding of pullsecret.
//!
//! Thin on purpose: strings in, the core's JSON text out; errors cross as the core's error JSON.
//! `@pullsecret/wasm` passes options as JSON, parses results and throws `PullSecretError`.
//! `validate` returns the packed transport (`pack.rs`) instead of JSON: its reports are the big
//! ones, and the package's generic decoder rebuilds them several times faster than `JSON.parse`.

use pullsecret::{CreateOptions, Error, LookupOptions, SecretOptions};
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

mod alloc;

#[global_allocator]
static ALLOC: alloc::Classes = alloc::Classes::new();
