//! Node-API binding of pullsecret.
//!
//! Thin on purpose: strings in, the core's JSON text out; errors are thrown with the core's error
//! JSON as the message. `@pullsecret/node` passes options as JSON, parses results and throws
//! `PullSecretError`, so the napi and wasm packages behave identically. `validate` returns the
//! packed transport (`pack.rs`), as in the wasm binding.

use napi::bindgen_prelude::Uint32Array;
use napi::{Error as NapiError, Status};
use napi_derive::napi;
use pullsecret::{CreateOptions, Error, LookupOptions, SecretOptions};

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
