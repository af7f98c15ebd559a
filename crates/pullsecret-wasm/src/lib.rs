//! WebAssembly binding of pullsecret.
//!
//! Thin on purpose: strings in, the core's JSON text out; errors cross as the core's error JSON.
//! `@pullsecret/wasm` passes options as JSON, parses results and throws `PullSecretError`.
//! Returning one JSON string is also the fast path: a single `JSON.parse` in JavaScript beats
//! thousands of property sets across the boundary for a 7,000-entry report.
//!
//! `no_std` with a panic handler that ignores its message: the core never panics on any input,
//! and std's panic machinery would link `core::fmt` (several KiB of wasm) only to format a message
//! nobody reads (see README "Size").

#![no_std]

extern crate alloc;

use alloc::string::String;
use alloc::vec::Vec;

use pullsecret::{
    AddOptions, ConvertOptions, CreateOptions, Error, LookupOptions, MergeOptions, RemoveOptions,
    SecretOptions,
};
use wasm_bindgen::prelude::*;

fn fail(e: Error) -> JsValue {
    JsValue::from_str(&e.to_json())
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

/// `{config, conflicts}` JSON: `configs` merged into the first one's layout; `options` is JSON.
#[wasm_bindgen]
pub fn merge(configs: Vec<String>, options: &str) -> Result<String, JsValue> {
    let configs: Vec<&str> = configs.iter().map(String::as_str).collect();
    pullsecret::merge(&configs, &MergeOptions::from_json(options).map_err(fail)?)
        .map(|m| m.to_json())
        .map_err(fail)
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

#[global_allocator]
static ALLOC: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
