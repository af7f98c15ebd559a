//! Node-API binding of pullsecret.
//!
//! Thin on purpose: each export converts its arguments, calls the core, and returns the core's
//! JSON text; errors are thrown with the core's error JSON as the message. `@pullsecret/node`
//! parses both and throws `PullSecretError`, so the napi and wasm packages behave identically.

use napi::{Error as NapiError, Status};
use napi_derive::napi;
use pullsecret::{options_error, CreateOptions, Error, SecretOptions};

fn fail(e: Error) -> NapiError {
    NapiError::new(Status::GenericFailure, e.to_json())
}

fn options<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> napi::Result<T> {
    serde_json::from_value(value).map_err(|e| fail(options_error(&e.to_string())))
}

/// Report JSON for `text`; never throws.
#[napi]
pub fn validate(text: String) -> String {
    pullsecret::validate(&text).to_json()
}

/// Document JSON for `text`.
#[napi]
pub fn parse(text: String) -> napi::Result<String> {
    pullsecret::parse(&text).map(|d| d.to_json()).map_err(fail)
}

/// Config JSON built as `kubectl create secret docker-registry` builds it.
#[napi]
pub fn create(opts: serde_json::Value) -> napi::Result<String> {
    let opts: CreateOptions = options(opts)?;
    pullsecret::create(&opts).map_err(fail)
}

/// Secret YAML or JSON, as kubectl prints it.
#[napi(js_name = "toSecret")]
pub fn to_secret(config: String, opts: serde_json::Value) -> napi::Result<String> {
    let opts: SecretOptions = options(opts)?;
    pullsecret::to_secret(&config, &opts).map_err(fail)
}
