//! WebAssembly binding of pullsecret.
//!
//! Thin on purpose: each export converts its arguments, calls the core, and returns the core's
//! JSON text; errors cross as the core's error JSON. `@pullsecret/wasm` parses both and throws
//! `PullSecretError`. Returning one JSON string is also the fast path: a single `JSON.parse` in
//! JavaScript beats thousands of property sets across the boundary for a 7,000-entry report.

use pullsecret::{options_error, CreateOptions, Error, SecretOptions};
use wasm_bindgen::prelude::*;

fn fail(e: Error) -> JsValue {
    JsValue::from_str(&e.to_json())
}

fn options<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| fail(options_error(&e.to_string())))
}

/// Report JSON for `text`; never throws.
#[wasm_bindgen]
pub fn validate(text: &str) -> String {
    pullsecret::validate(text).to_json()
}

/// Document JSON for `text`.
#[wasm_bindgen]
pub fn parse(text: &str) -> Result<String, JsValue> {
    pullsecret::parse(text).map(|d| d.to_json()).map_err(fail)
}

/// Config JSON built as `kubectl create secret docker-registry` builds it.
#[wasm_bindgen]
pub fn create(opts: JsValue) -> Result<String, JsValue> {
    let opts: CreateOptions = options(opts)?;
    pullsecret::create(&opts).map_err(fail)
}

/// Secret YAML or JSON, as kubectl prints it.
#[wasm_bindgen(js_name = toSecret)]
pub fn to_secret(config: &str, opts: JsValue) -> Result<String, JsValue> {
    let opts: SecretOptions = options(opts)?;
    pullsecret::to_secret(config, &opts).map_err(fail)
}
