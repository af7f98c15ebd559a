//! Node-API binding of pullsecret.
//!
//! Thin on purpose: options come in as JavaScript objects and are read by the core's
//! `options::from` through napi's serde deserializer (so the messages are the core's, naming
//! the option and never its value); results go out as plain JavaScript objects written by
//! serde; errors are thrown as real `Error`s named `PullSecretError` with the core's stable
//! `code` and, when the problem is in the input, `line` and `column` (`@pullsecret/node` only
//! gives them its `PullSecretError` prototype).
//!
//! Arguments come in as raw JavaScript values and are checked by the core's
//! [`pullsecret::argument`] rules (types, lone surrogates, the 64 MiB cut, a config given as an
//! object written with `JSON.stringify`), answered here through [`Engine`]: strings are tested
//! for lone surrogates (in Rust on a UTF-16 copy when small, by `String.prototype.isWellFormed`
//! when big) and read as UTF-8 by Node-API.
//!
//! May use: the `pullsecret` core's public API; `napi` (with its `serde-json` feature), `serde`,
//! `serde_json` (for the big results, see [`out_json`]); `pullsecret_cli::run_std` for
//! [`run_cli`] (the `pullsecret` command itself, in this process).
//!
//! TypeScript: `@pullsecret/node` declares its functions from the `#[napi]` attributes here (napi
//! records them while compiling this crate and `napi build` writes `npm/node/napi.d.ts`),
//! so each function's doc comment is its TSDoc and its `ts_args_type`/`ts_return_type` are its
//! signature: the signature of the package's function of the same name (`npm/node/index.cjs`
//! only gives errors its `PullSecretError` prototype). The types they name are the core's, generated from its Rust types into `npm/types.d.ts`. Keep them
//! the same as the wasm binding's (`tests/types/equal.ts` checks it).

use napi::bindgen_prelude::{Function, JsObjectValue, Object, Unknown};
use napi::{Env, JsString, JsValue, Status, ValueType};
use napi_derive::napi;
use pullsecret::argument::{self, Entries, Js, Kind, Stringified};
use pullsecret::{
    AddOptions, ConvertOptions, CreateOptions, DelegatedAuthOptions, Error, ExplainOptions,
    FixOptions, GlobalPullSecretOptions, GrantOptions, LinkOptions, LookupOptions, MergeOptions,
    RemoveOptions, SecretOptions, ValidateOptions, WorkloadOptions,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::OnceCell;

type Result<T> = napi::Result<T>;

/// Throws the core's error as an `Error` with `name`, `code`, `line`, `column`, `span`; returns the
/// "exception pending" status the generated glue expects after a throw.
fn fail(env: &Env, e: Error) -> napi::Error {
    match error_object(env, e).and_then(|err| env.throw(err)) {
        Ok(()) => napi::Error::from_status(Status::PendingException),
        Err(other) => other,
    }
}

/// The core's error as a JavaScript `Error` named `PullSecretError` (not thrown).
fn error_object(env: &Env, e: Error) -> Result<Object<'_>> {
    (|| -> Result<Object<'_>> {
        let mut err =
            env.create_error(napi::Error::new(Status::GenericFailure, e.message.clone()))?;
        err.set_named_property("name", "PullSecretError")?;
        err.set_named_property("code", e.code.as_str())?;
        if let Some(p) = e.position {
            err.set_named_property("line", p.line as u32)?;
            err.set_named_property("column", p.column as u32)?;
        }
        if let Some(s) = e.span {
            let mut span = Object::new(env)?;
            span.set_named_property("start", s.start as u32)?;
            span.set_named_property("end", s.end as u32)?;
            err.set_named_property("span", span)?;
        }
        Ok(err)
    })()
}

/// The longest string (UTF-16 units) checked and converted in Rust from its UTF-16 copy; longer
/// ones are checked by `isWellFormed` and read as UTF-8 by V8, faster for big texts.
const SMALL_STRING: usize = 64 << 10;

/// The Node-API engine, for the core's argument rules ([`pullsecret::argument`]).
struct Engine<'env> {
    env: &'env Env,
    /// `String.prototype.isWellFormed`, looked up on first use; `None` before Node 20.
    is_well_formed: OnceCell<Option<Function<'env, (), bool>>>,
}

impl<'env> Engine<'env> {
    fn new(env: &'env Env) -> Self {
        Engine {
            env,
            is_well_formed: OnceCell::new(),
        }
    }

    /// The global `name.property` (`JSON.stringify`, `Object.entries`).
    fn global(
        &self,
        name: &str,
        property: &str,
    ) -> Result<Function<'env, Unknown<'env>, Unknown<'env>>> {
        self.object(name)?.get_named_property(property)
    }

    /// The global `name` (`JSON`, or a constructor: `String`, `Object`, `Array`) as an object.
    fn object(&self, name: &str) -> Result<Object<'env>> {
        let value: Unknown = self.env.get_global()?.get_named_property(name)?;
        Ok(Object::from_raw(self.env.raw(), value.raw()))
    }

    /// The items of the JavaScript array `array`.
    fn elements(&self, array: Unknown<'env>) -> Result<Vec<Unknown<'env>>> {
        let array = Object::from_raw(self.env.raw(), array.raw());
        let length: u32 = array.get_named_property("length")?;
        (0..length).map(|i| array.get_element(i)).collect()
    }
}

impl<'env> Js for Engine<'env> {
    type Value = Unknown<'env>;
    type Error = napi::Error;

    fn fail(&self, e: Error) -> napi::Error {
        fail(self.env, e)
    }

    fn kind(&self, value: &Unknown<'env>) -> Result<Kind> {
        Ok(match value.get_type()? {
            ValueType::Undefined | ValueType::Null => Kind::Nullish,
            ValueType::String => Kind::String,
            ValueType::Object if value.is_array()? => Kind::Array,
            ValueType::Object if value.is_typedarray()? || value.is_dataview()? => Kind::Other,
            ValueType::Object => Kind::Object,
            _ => Kind::Other,
        })
    }

    fn units(&self, value: &Unknown<'env>) -> Result<usize> {
        // SAFETY: the rules ask only about strings (`kind` said so).
        unsafe { value.cast::<JsString>() }?.utf16_len()
    }

    fn well_formed(&self, value: &Unknown<'env>) -> Result<bool> {
        let native = match self.is_well_formed.get() {
            Some(f) => *f,
            None => {
                let prototype: Object = self.object("String")?.get_named_property("prototype")?;
                let f: Unknown = prototype.get_named_property("isWellFormed")?;
                let f = match f.get_type()? {
                    // SAFETY: a function.
                    ValueType::Function => Some(unsafe { f.cast::<Function<(), bool>>() }?),
                    _ => None,
                };
                *self.is_well_formed.get_or_init(|| f)
            }
        };
        match native {
            Some(f) => f.apply(*value, ()),
            None => {
                // SAFETY: a string.
                let units = unsafe { value.cast::<JsString>() }?.into_utf16()?;
                Ok(char::decode_utf16(units.as_slice().iter().copied()).all(|c| c.is_ok()))
            }
        }
    }

    fn well_formed_string(&self, value: &Unknown<'env>) -> Result<Option<String>> {
        // SAFETY: a string.
        let string = unsafe { value.cast::<JsString>() }?;
        if string.utf16_len()? > SMALL_STRING {
            return Ok(if self.well_formed(value)? {
                Some(self.string(value)?)
            } else {
                None
            });
        }
        // Small strings: checked on a copy of their UTF-16 units (a JavaScript call to
        // `isWellFormed` costs more), a surrogate looked for without branches (vectorised),
        // decoded only when there is one; then read as UTF-8 by V8.
        let copy = string.into_utf16()?;
        let units = copy.as_slice(); // ends with the NUL napi writes
        let units = &units[..units.len().saturating_sub(1)];
        let surrogate = units
            .iter()
            .fold(false, |any, &u| any | (u & 0xF800 == 0xD800));
        if surrogate && char::decode_utf16(units.iter().copied()).any(|c| c.is_err()) {
            return Ok(None);
        }
        self.string(value).map(Some)
    }

    fn prefix(&self, value: &Unknown<'env>, units: usize) -> Result<Unknown<'env>> {
        // SAFETY: a string.
        let all = unsafe { value.cast::<JsString>() }?.into_utf16()?;
        let cut = &all.as_slice()[..units.min(all.as_slice().len())];
        Ok(self.env.create_string_utf16(cut)?.to_unknown())
    }

    fn string(&self, value: &Unknown<'env>) -> Result<String> {
        // SAFETY: a string (napi's own `String` conversion: one UTF-8 copy).
        unsafe { value.cast::<String>() }
    }

    fn stringify(&self, value: &Unknown<'env>) -> Result<Stringified<Unknown<'env>>> {
        match self.global("JSON", "stringify")?.call(*value) {
            Ok(json) if json.get_type()? == ValueType::String => Ok(Stringified::Text(json)),
            Ok(_) => Ok(Stringified::NotText),
            // napi-rs has taken the exception (it is no longer pending); dropped unread, as it
            // may quote a value: the caller throws its own error.
            Err(_) => Ok(Stringified::Threw),
        }
    }

    fn entries(&self, value: &Unknown<'env>) -> Result<Entries<Unknown<'env>>> {
        // A throwing getter or proxy leaves its exception pending: it is what the caller sees.
        let entries = self.global("Object", "entries")?.call(*value)?;
        self.elements(entries)?
            .into_iter()
            .map(|pair| {
                let pair = Object::from_raw(self.env.raw(), pair.raw());
                Ok((pair.get_element(0)?, pair.get_element(1)?))
            })
            .collect()
    }

    fn items(&self, value: &Unknown<'env>) -> Result<Vec<Unknown<'env>>> {
        let items = self.global("Array", "from")?.call(*value)?;
        self.elements(items)
    }
}

/// A config argument (a string, or an object written with `JSON.stringify`) as text.
fn config(env: &Env, function: &str, name: &str, value: Unknown, nullable: bool) -> Result<String> {
    argument::config(&Engine::new(env), function, name, &value, nullable)
}

/// A string argument as text.
fn string(env: &Env, function: &str, name: &str, value: Unknown) -> Result<String> {
    argument::string(&Engine::new(env), function, name, &value)
}

/// `function`'s options (its JavaScript name, for messages) from a JavaScript value, checked
/// first ([`argument::options`]; absent options are `{}`).
fn read<T: DeserializeOwned>(env: &Env, function: &str, options: Unknown) -> Result<T> {
    let value = if argument::options(&Engine::new(env), function, &options)? {
        // napi's deserializer reads any value (it checks the type itself), not only objects.
        Object::from_raw(env.raw(), options.raw())
    } else {
        Object::new(env)?
    };
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

/// Every finding in a config, base64 config or Secrets (YAML or JSON), with a stable code and a
/// position, and what kubelet, containers/image (podman, CRI-O, skopeo) and docker do with each
/// entry. One section per object (`objects`): every pull Secret of a YAML stream, a `List` or a
/// JSON array; a config file is one object. Verdict reasons are keys into `reasons`. Never
/// throws on bad content.
///
/// Tokens' expiry is checked only as at `options.now`, in seconds since the epoch
/// (`{ now: Date.now() / 1000 }`; milliseconds are refused): passwords and identity tokens that
/// are JWTs or Amazon ECR tokens give `token-expired` or, within `options.expiryWindow` seconds
/// (default 7 days), `token-expiring`. Without `now` nothing reads a clock and no expiry is
/// checked.
#[napi(
    ts_args_type = "input: string | object, options?: ValidateOptions",
    ts_return_type = "Report"
)]
pub fn validate<'env>(env: &'env Env, input: Unknown, options: Unknown) -> Result<Unknown<'env>> {
    let text = config(env, "validate", "input", input, false)?;
    let opts = read::<ValidateOptions>(env, "validate", options)?;
    out_json(env, &pullsecret::validate_with(&text, &opts))
}

/// The credentials in a config, base64 config or Secret. Throws `PullSecretError` when there is
/// no readable config.
#[napi(ts_args_type = "input: string | object", ts_return_type = "Document")]
pub fn parse<'env>(env: &'env Env, input: Unknown) -> Result<Unknown<'env>> {
    let text = config(env, "parse", "input", input, false)?;
    let doc = pullsecret::parse(&text).map_err(|e| fail(env, e))?;
    out_json(env, &doc)
}

/// The `.dockerconfigjson` text `kubectl create secret docker-registry` builds from the same
/// flags.
#[napi(ts_args_type = "options: CreateOptions", ts_return_type = "string")]
pub fn create(env: &Env, options: Unknown) -> Result<String> {
    let opts = read::<CreateOptions>(env, "create", options)?;
    pullsecret::create(&opts).map_err(|e| fail(env, e))
}

/// The Secret manifest for a config (or an existing Secret), byte for byte as kubectl prints it.
#[napi(
    js_name = "toSecret",
    ts_args_type = "config: string | object, options: SecretOptions",
    ts_return_type = "string"
)]
pub fn to_secret(env: &Env, config: Unknown, options: Unknown) -> Result<String> {
    let config = self::config(env, "toSecret", "config", config, false)?;
    let opts = read::<SecretOptions>(env, "toSecret", options)?;
    pullsecret::to_secret(&config, &opts).map_err(|e| fail(env, e))
}

/// Which entry of a config (or Secret) a client uses to pull `image` (`nginx`,
/// `quay.io/org/app:1.2`, `host:5000/app@sha256:...`), in the order it tries them.
#[napi(
    ts_args_type = "config: string | object, image: string, options: LookupOptions",
    ts_return_type = "Lookup"
)]
pub fn lookup<'env>(
    env: &'env Env,
    config: Unknown,
    image: Unknown,
    options: Unknown,
) -> Result<Unknown<'env>> {
    let config = self::config(env, "lookup", "config", config, false)?;
    let image = string(env, "lookup", "image", image)?;
    let opts = read::<LookupOptions>(env, "lookup", options)?;
    let l = pullsecret::lookup(&config, &image, &opts).map_err(|e| fail(env, e))?;
    out(env, &l)
}

/// Why a pod cannot pull: `input` holds a Pod (or its Deployment, Job, …), its ServiceAccount
/// and pull Secrets (a YAML stream or JSON); `options.events` the text of `kubectl describe
/// pod`. For each image: the entry kubelet sends or why none is, what the registry answered
/// (from the events), and the fix, in plain words. Throws `PullSecretError` when the input holds
/// no workload.
#[napi(
    ts_args_type = "input: string | object, options?: ExplainOptions",
    ts_return_type = "Explanation"
)]
pub fn explain<'env>(env: &'env Env, input: Unknown, options: Unknown) -> Result<Unknown<'env>> {
    let text = config(env, "explain", "input", input, false)?;
    let opts = read::<ExplainOptions>(env, "explain", options)?;
    let e = pullsecret::explain(&text, &opts).map_err(|e| fail(env, e))?;
    out(env, &e)
}

// ---- a config read once (issue 16): `readPullSecret(config).lookup(image, options)` ----

/// The object `readPullSecret` returns: the core's [`pullsecret::PullSecret`]. Its type is the
/// `PullSecret` interface of `npm/types.d.ts` (shared with `@pullsecret/wasm`), not a class
/// (`napi.d.ts` declares the class; `index.d.cts` does not export it).
#[napi]
pub struct PullSecretHandle {
    inner: pullsecret::PullSecret,
}

#[napi]
impl PullSecretHandle {
    /// What `lookup(config, image, options)` returns, without reading the config again.
    #[napi(skip_typescript)]
    pub fn lookup<'env>(
        &self,
        env: &'env Env,
        image: Unknown,
        options: Unknown,
    ) -> Result<Unknown<'env>> {
        let image = string(env, "lookup", "image", image)?;
        let opts = read::<LookupOptions>(env, "lookup", options)?;
        let l = self.inner.lookup(&image, &opts).map_err(|e| fail(env, e))?;
        out(env, &l)
    }
}

/// A config (or Secret) read once, for many lookups: `lookup(image, options)` on the result
/// returns what `lookup(config, image, options)` returns (the same result or the same error),
/// without parsing the file again. Never throws on bad content: each lookup does.
#[napi(
    js_name = "readPullSecret",
    ts_args_type = "config: string | object",
    ts_return_type = "PullSecret"
)]
pub fn read_pull_secret(env: &Env, config: Unknown) -> Result<PullSecretHandle> {
    let config = self::config(env, "readPullSecret", "config", config, false)?;
    Ok(PullSecretHandle {
        inner: pullsecret::PullSecret::new(&config),
    })
}

/// A config (or Secret) written as Podman `auth.json`, Docker `config.json`, `.dockercfg`, rkt
/// `auth.d` files, a Flatcar Butane config or the Mesos `docker.tar.gz` (a file's `content` is a
/// string, or a `Uint8Array` for the archive); what the target cannot hold is listed.
#[napi(
    ts_args_type = "config: string | object, options: ConvertOptions",
    ts_return_type = "Converted"
)]
pub fn convert<'env>(env: &'env Env, config: Unknown, options: Unknown) -> Result<Unknown<'env>> {
    let config = self::config(env, "convert", "config", config, false)?;
    let opts = read::<ConvertOptions>(env, "convert", options)?;
    let c = pullsecret::convert(&config, &opts).map_err(|e| fail(env, e))?;
    out(env, &c)
}

/// The input with what `validate` finds and can safely repair repaired (`options.codes`: only
/// those repairs), every other byte kept: a byte-order mark, unpadded or URL-safe `auth`, the
/// `echo` newline at the end of a password, a missing `auth`, legacy content under
/// `.dockerconfigjson`, empty placeholder entries, a Secret value encoded twice or wrapped.
/// `fixes` says what was done, each with the finding's code and place. Never throws on content.
#[napi(
    ts_args_type = "input: string | object, options?: FixOptions",
    ts_return_type = "Fixed"
)]
pub fn fix<'env>(env: &'env Env, input: Unknown, options: Unknown) -> Result<Unknown<'env>> {
    let text = config(env, "fix", "input", input, false)?;
    let opts = read::<FixOptions>(env, "fix", options)?;
    let fixed = pullsecret::fix(&text, &opts).map_err(|e| fail(env, e))?;
    out(env, &fixed)
}

/// The config (or the config inside a Secret/base64; empty for a new file) with the entry for
/// `options.registry` added or replaced, `auth` = base64 of UTF-8 `username:password`. Re-adding a
/// key keeps its position, `email` and unknown fields, updates `username`/`password` fields and
/// drops `identitytoken`/`registrytoken` (they belong to the old login).
#[napi(
    ts_args_type = "config: string | object, options: AddOptions",
    ts_return_type = "string"
)]
pub fn add(env: &Env, config: Unknown, options: Unknown) -> Result<String> {
    let config = self::config(env, "add", "config", config, true)?;
    let opts = read::<AddOptions>(env, "add", options)?;
    pullsecret::add(&config, &opts).map_err(|e| fail(env, e))
}

/// The config without the entry for `registry` (exact key; every spelling with `aliases`).
/// Removing a key that is not there throws `not-logged-in`, as `podman logout` does.
#[napi(
    ts_args_type = "config: string | object, registry: string, options?: RemoveOptions",
    ts_return_type = "Edited"
)]
pub fn remove<'env>(
    env: &'env Env,
    config: Unknown,
    registry: Unknown,
    options: Unknown,
) -> Result<Unknown<'env>> {
    let config = self::config(env, "remove", "config", config, false)?;
    let registry = string(env, "remove", "registry", registry)?;
    let opts = read::<RemoveOptions>(env, "remove", options)?;
    let r = pullsecret::remove(&config, &registry, &opts).map_err(|e| fail(env, e))?;
    out(env, &r)
}

/// The configs merged into the first one's layout and format; every entry is in `config` or
/// named in `conflicts`.
#[napi(
    ts_args_type = "configs: Array<string | object>, options?: MergeOptions",
    ts_return_type = "Merged"
)]
pub fn merge<'env>(env: &'env Env, configs: Unknown, options: Unknown) -> Result<Unknown<'env>> {
    let configs = argument::configs(&Engine::new(env), "merge", &configs)?;
    let opts = read::<MergeOptions>(env, "merge", options)?;
    let configs: Vec<&str> = configs.iter().map(String::as_str).collect();
    let m = pullsecret::merge(&configs, &opts).map_err(|e| fail(env, e))?;
    out(env, &m)
}

// ---- cluster objects ----

/// The ServiceAccount change of `oc secrets link`: `serviceAccount` is the object (YAML/JSON, as
/// `oc get sa NAME -o yaml` prints it) or `null` for a new one.
#[napi(
    ts_args_type = "serviceAccount: string | object | null, options: LinkOptions",
    ts_return_type = "LinkResult"
)]
pub fn link<'env>(
    env: &'env Env,
    service_account: Unknown,
    options: Unknown,
) -> Result<Unknown<'env>> {
    let service_account = config(env, "link", "serviceAccount", service_account, true)?;
    let opts = read::<LinkOptions>(env, "link", options)?;
    let l = pullsecret::link(&service_account, &opts).map_err(|e| fail(env, e))?;
    out(env, &l)
}

/// The RoleBinding that lets ServiceAccounts of one project pull images of another, as `oc policy
/// add-role-to-user|add-role-to-group system:image-puller` creates it.
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

/// An Argo Workflow manifest with `imagePullSecrets` (a CRD: not schema-checked).
#[napi(
    js_name = "workflowSnippet",
    ts_args_type = "options: WorkloadOptions",
    ts_return_type = "string"
)]
pub fn workflow_snippet(env: &Env, options: Unknown) -> Result<String> {
    let opts = read::<WorkloadOptions>(env, "workflowSnippet", options)?;
    pullsecret::workflow_snippet(&opts).map_err(|e| fail(env, e))
}

/// Two Secrets for a registry that delegates authentication: one for the auth server, one for the
/// registry, with the same credentials.
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

/// Adds or replaces logins in the current OpenShift pull secret (its config, base64, or the pasted
/// `oc get secret/pull-secret -n openshift-config -o yaml`; `null` for a new HyperShift one).
#[napi(
    js_name = "globalPullSecret",
    ts_args_type = "current: string | object | null, options: GlobalPullSecretOptions",
    ts_return_type = "GlobalPullSecretResult"
)]
pub fn global_pull_secret<'env>(
    env: &'env Env,
    current: Unknown,
    options: Unknown,
) -> Result<Unknown<'env>> {
    let current = config(env, "globalPullSecret", "current", current, true)?;
    let opts = read::<GlobalPullSecretOptions>(env, "globalPullSecret", options)?;
    let g = pullsecret::global_pull_secret(&current, &opts).map_err(|e| fail(env, e))?;
    out(env, &g)
}

/// Runs the `pullsecret` command line `args` (without the program name) in this process, with
/// its stdin, stdout and stderr, exactly as the native `pullsecret` binary does; returns the exit
/// status. `@pullsecret/node/cli` exports it (typed in `npm/node/cli.d.cts`, not in the API's
/// types: it is the command, not a function of the library); the npm `pullsecret` bin calls it
/// where its native binary was not installed (install scripts off).
#[napi(js_name = "runCli", skip_typescript)]
pub fn run_cli(args: Vec<String>) -> i32 {
    pullsecret_cli::run_std(std::iter::once(String::from("pullsecret")).chain(args))
}

// ---- verify: the network, off the main thread ----

/// `verify`'s work on a libuv thread: the core's plan, carried out by `pullsecret-verify`.
pub struct VerifyTask {
    text: String,
    opts: pullsecret::VerifyOptions,
}

impl<'task> napi::ScopedTask<'task> for VerifyTask {
    type Output = std::result::Result<pullsecret::VerifyReport, Error>;
    type JsValue = Unknown<'task>;

    fn compute(&mut self) -> Result<Self::Output> {
        Ok(run_verify(&self.text, &self.opts))
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> Result<Unknown<'task>> {
        match output {
            Ok(report) => out(env, &report),
            // Rejects with the PullSecretError object itself (napi keeps a reference to it).
            Err(e) => Err(napi::Error::from(error_object(env, e)?.to_unknown())),
        }
    }
}

#[cfg(not(target_family = "wasm"))]
fn run_verify(
    text: &str,
    opts: &pullsecret::VerifyOptions,
) -> std::result::Result<pullsecret::VerifyReport, Error> {
    pullsecret_verify::verify(text, opts)
}

#[cfg(target_family = "wasm")]
fn run_verify(
    _: &str,
    _: &pullsecret::VerifyOptions,
) -> std::result::Result<pullsecret::VerifyReport, Error> {
    Err(Error::option(
        pullsecret::ErrorCode::Unsupported,
        "verify: the WebAssembly build has no network access; install a platform package of @pullsecret/node, or run `pullsecret verify`",
    ))
}

/// Are the credentials still good? Asks each registry what the client (`options.client`,
/// default kubelet) would send, up to the point of authorisation: every entry with a login,
/// or with `options.images` the entry used for each image, up to a `HEAD` of its manifest.
/// Runs off the main thread; resolves to one result per credential (`ok`, `ok-anonymous`,
/// `unauthorized`, `denied`, `not-found`, `unreachable`, `unusable`, `skipped`) with the
/// reason, the fix and the requests made (never a credential). HTTPS with the system's roots
/// plus `options.caFile`; plain HTTP and unverified TLS only with `options.insecure`. The
/// only function that uses the network.
#[napi(
    ts_args_type = "input: string | object, options?: VerifyOptions",
    ts_return_type = "Promise<VerifyReport>"
)]
pub fn verify(
    env: &Env,
    input: Unknown,
    options: Unknown,
) -> Result<napi::bindgen_prelude::AsyncTask<VerifyTask>> {
    let text = config(env, "verify", "input", input, false)?;
    let opts = read::<pullsecret::VerifyOptions>(env, "verify", options)?;
    // Without sockets the answer is known now: thrown as a PullSecretError (the package's
    // entry turns it into a rejection). A rejection from the task would lose the error object
    // on this target (napi keeps no reference to it under WebAssembly).
    #[cfg(target_family = "wasm")]
    if let Err(e) = run_verify(&text, &opts) {
        return Err(fail(env, e));
    }
    Ok(napi::bindgen_prelude::AsyncTask::new(VerifyTask {
        text,
        opts,
    }))
}

/// The `pullsecret verify` command line for a file (`options.images`, `options.client`),
/// quoted for a POSIX shell: what to run where the network is (a browser cannot verify).
#[napi(
    js_name = "verifyCommand",
    ts_args_type = "file: string, options?: VerifyCommandOptions",
    ts_return_type = "string"
)]
pub fn verify_command(env: &Env, file: Unknown, options: Unknown) -> Result<String> {
    let file = string(env, "verifyCommand", "file", file)?;
    let opts = read::<pullsecret::VerifyCommandOptions>(env, "verifyCommand", options)?;
    Ok(pullsecret::verify_command(&file, &opts))
}
