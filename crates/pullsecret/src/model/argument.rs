//! The JavaScript boundary: every argument of a package function is checked before it is read.
//!
//! Why it exists: `@pullsecret/wasm` and `@pullsecret/node` take the same arguments and must
//! refuse the same ones with the same words. The rules (which types each argument may have, what
//! a lone surrogate is refused as, where a too-long string is cut, how deep options are walked
//! and how a path inside them is written) and the messages are written here once, against
//! [`Js`]: the few questions a binding can answer about a JavaScript value (each binding
//! implements it with its own engine calls, `wasm-bindgen` or Node-API). The bindings only
//! convert; the npm packages only name the functions and wrap errors.
//!
//! The refusals: a wrong-typed argument is `invalid-argument` naming the argument and the type
//! it must have (never its value); a string holding a lone surrogate (which UTF-8 cannot carry:
//! the crossing would silently turn it into U+FFFD) is `invalid-argument` too, or
//! `invalid-option` inside options. Options nested deeper than [`MAX_OPTIONS_DEPTH`] are left to
//! [`options::from`](crate::options::from) (`too-deep`).
//!
//! May use: `syntax`, `diagnostics`, `model::options`.

use crate::diagnostics::{Error, ErrorCode};
use crate::model::options::MAX_OPTIONS_DEPTH;
use crate::syntax::MAX_INPUT;

/// The longest string, in UTF-16 units, that crosses whole: the core refuses a text above
/// [`MAX_INPUT`] bytes of UTF-8 (`too-large`), and a string longer than that in UTF-16 units is
/// above it whatever its characters, so only its first `MAX_UNITS + 1` units cross (unchecked:
/// the core refuses them anyway; copying more into the WebAssembly memory would grow it for good).
pub const MAX_UNITS: usize = MAX_INPUT;

/// What a JavaScript value is, as far as the boundary's rules ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null` or `undefined`.
    Nullish,
    /// A string.
    String,
    /// An array (`Array.isArray`).
    Array,
    /// Any other object, except an `ArrayBuffer` view (a typed array, a `Buffer`, a `DataView`).
    Object,
    /// A number, a boolean, a bigint, a symbol, a function or an `ArrayBuffer` view.
    Other,
}

/// An object's `[key, value]` pairs, as `Object.entries` gives them.
pub type Entries<V> = Vec<(V, V)>;

/// What `JSON.stringify(value)` gave.
pub enum Stringified<V> {
    /// A string.
    Text(V),
    /// Something else (`undefined`: a `toJSON` returning nothing).
    NotText,
    /// It threw (a cycle, a BigInt, nesting deeper than the JavaScript stack); the exception is
    /// dropped unread, as it may quote a value.
    Threw,
}

/// A JavaScript engine as a binding sees it: the questions the rules below ask of a value.
pub trait Js {
    /// A JavaScript value.
    type Value;
    /// The binding's error (a thrown JavaScript value, or a pending exception).
    type Error;
    /// The core's refusal `e`, as the binding throws it.
    fn fail(&self, e: Error) -> Self::Error;
    /// What `value` is.
    fn kind(&self, value: &Self::Value) -> Result<Kind, Self::Error>;
    /// The length of the string `value` in UTF-16 units.
    fn units(&self, value: &Self::Value) -> Result<usize, Self::Error>;
    /// Whether the string `value` holds no lone surrogate (`String.prototype.isWellFormed`).
    fn well_formed(&self, value: &Self::Value) -> Result<bool, Self::Error>;
    /// The string `value` as Rust text, or `None` when it holds a lone surrogate. By default
    /// [`Js::well_formed`], then [`Js::string`]; a binding may do both in one pass.
    fn well_formed_string(&self, value: &Self::Value) -> Result<Option<String>, Self::Error> {
        Ok(if self.well_formed(value)? {
            Some(self.string(value)?)
        } else {
            None
        })
    }
    /// The first `units` UTF-16 units of the string `value` (`value.slice(0, units)`).
    fn prefix(&self, value: &Self::Value, units: usize) -> Result<Self::Value, Self::Error>;
    /// The string `value` as Rust text (a lone surrogate, only possible past [`MAX_UNITS`], as
    /// U+FFFD).
    fn string(&self, value: &Self::Value) -> Result<String, Self::Error>;
    /// `JSON.stringify(value)`.
    fn stringify(&self, value: &Self::Value) -> Result<Stringified<Self::Value>, Self::Error>;
    /// `Object.entries(value)`: its own enumerable string-keyed properties, keys as strings.
    fn entries(&self, value: &Self::Value) -> Result<Entries<Self::Value>, Self::Error>;
    /// The items of the array `value`, `undefined` for a hole.
    fn items(&self, value: &Self::Value) -> Result<Vec<Self::Value>, Self::Error>;
}

fn refuse(code: ErrorCode, message: String) -> Error {
    Error::option(code, message)
}

/// `function: name must be a string` (`invalid-argument`).
pub fn not_string(function: &str, name: &str) -> Error {
    refuse(
        ErrorCode::InvalidArgument,
        format!("{function}: {name} must be a string"),
    )
}

/// What a config argument must be: a string or an object, or also `null` when `nullable`.
fn config_types(function: &str, name: &str, nullable: bool) -> String {
    let null = if nullable { " (or null)" } else { "" };
    format!("{function}: {name} must be a string or an object{null}")
}

/// `function: name must be a string or an object` (`invalid-argument`; `(or null)` when
/// `nullable`).
pub fn not_config(function: &str, name: &str, nullable: bool) -> Error {
    refuse(
        ErrorCode::InvalidArgument,
        config_types(function, name, nullable),
    )
}

/// [`not_config`] for an object `JSON.stringify` throws on: `… that JSON.stringify can write`.
pub fn not_stringifiable(function: &str, name: &str, nullable: bool) -> Error {
    refuse(
        ErrorCode::InvalidArgument,
        format!(
            "{} that JSON.stringify can write",
            config_types(function, name, nullable)
        ),
    )
}

/// `function: configs must be an array of strings or objects` (`invalid-argument`).
pub fn not_config_list(function: &str) -> Error {
    refuse(
        ErrorCode::InvalidArgument,
        format!("{function}: configs must be an array of strings or objects"),
    )
}

/// The end of every lone-surrogate message.
const LONE_SURROGATE: &str = "must be valid Unicode text (it holds a lone surrogate)";

/// Argument `name` of `function` holds a lone surrogate (`invalid-argument`).
pub fn argument_lone_surrogate(function: &str, name: &str) -> Error {
    refuse(
        ErrorCode::InvalidArgument,
        format!("{function}: {name} {LONE_SURROGATE}"),
    )
}

/// The option string at `path` of `function`'s options holds a lone surrogate
/// (`invalid-option`).
pub fn option_lone_surrogate(function: &str, path: &str) -> Error {
    refuse(
        ErrorCode::InvalidOption,
        format!("{function}: {path} {LONE_SURROGATE}"),
    )
}

/// A key of the object at `path` (`""`: the options themselves) holds a lone surrogate
/// (`invalid-option`).
pub fn option_key_lone_surrogate(function: &str, path: &str) -> Error {
    let what = if path.is_empty() {
        String::from("an option name")
    } else {
        format!("a key of {path}")
    };
    option_lone_surrogate(function, &what)
}

/// The path of `key` inside the object (or array) at `path`: `path[key]`, `path.key`, or `key`
/// at the top.
pub fn option_path(path: &str, key: &str, array: bool) -> String {
    if array {
        format!("{path}[{key}]")
    } else if path.is_empty() {
        String::from(key)
    } else {
        format!("{path}.{key}")
    }
}

/// `value`, argument `name` of `function`, as text: a well-formed string, or the first
/// `MAX_UNITS + 1` units of a longer one.
pub fn string<J: Js>(
    js: &J,
    function: &str,
    name: &str,
    value: &J::Value,
) -> Result<String, J::Error> {
    if js.kind(value)? != Kind::String {
        return Err(js.fail(not_string(function, name)));
    }
    checked(js, value, || argument_lone_surrogate(function, name))
}

/// The string `value` as text, cut after [`MAX_UNITS`] units; `lone` when it is not well formed.
fn checked<J: Js>(
    js: &J,
    value: &J::Value,
    lone: impl FnOnce() -> Error,
) -> Result<String, J::Error> {
    if js.units(value)? > MAX_UNITS {
        return js.string(&js.prefix(value, MAX_UNITS + 1)?);
    }
    js.well_formed_string(value)?.ok_or_else(|| js.fail(lone()))
}

/// A config, argument `name` of `function`: a string ([`string`]) or an object, written with
/// `JSON.stringify` (cut after [`MAX_UNITS`] units); with `nullable`, `null` and `undefined`
/// give `""` (a new file).
pub fn config<J: Js>(
    js: &J,
    function: &str,
    name: &str,
    value: &J::Value,
    nullable: bool,
) -> Result<String, J::Error> {
    match js.kind(value)? {
        Kind::Nullish if nullable => Ok(String::new()),
        Kind::String => checked(js, value, || argument_lone_surrogate(function, name)),
        Kind::Array | Kind::Object => match js.stringify(value)? {
            // JSON.stringify writes no lone surrogate (it escapes them).
            Stringified::Text(json) if js.units(&json)? > MAX_UNITS => {
                js.string(&js.prefix(&json, MAX_UNITS + 1)?)
            }
            Stringified::Text(json) => js.string(&json),
            Stringified::NotText => Err(js.fail(not_config(function, name, nullable))),
            Stringified::Threw => Err(js.fail(not_stringifiable(function, name, nullable))),
        },
        Kind::Nullish | Kind::Other => Err(js.fail(not_config(function, name, nullable))),
    }
}

/// `merge`'s configs: an array of [`config`]s, named `configs[i]`.
pub fn configs<J: Js>(js: &J, function: &str, list: &J::Value) -> Result<Vec<String>, J::Error> {
    if js.kind(list)? != Kind::Array {
        return Err(js.fail(not_config_list(function)));
    }
    js.items(list)?
        .iter()
        .enumerate()
        .map(|(i, c)| config(js, function, &format!("configs[{i}]"), c, false))
        .collect()
}

/// Checks `function`'s options before they are read: every string and every key, at any depth
/// below [`MAX_OPTIONS_DEPTH`], must be well formed. Returns whether options were given: when
/// not (`null`, `undefined`), the binding reads `{}`. Other types are left to
/// [`options::from`](crate::options::from) (`invalid-option`).
pub fn options<J: Js>(js: &J, function: &str, value: &J::Value) -> Result<bool, J::Error> {
    if js.kind(value)? == Kind::Nullish {
        return Ok(false);
    }
    walk(js, function, value, "", 0)?;
    Ok(true)
}

/// [`options`] at `path`, `depth` levels down.
fn walk<J: Js>(
    js: &J,
    function: &str,
    value: &J::Value,
    path: &str,
    depth: usize,
) -> Result<(), J::Error> {
    let array = match js.kind(value)? {
        Kind::String if !js.well_formed(value)? => {
            return Err(js.fail(option_lone_surrogate(function, path)))
        }
        Kind::Array => true,
        Kind::Object => false,
        _ => return Ok(()),
    };
    if depth >= MAX_OPTIONS_DEPTH {
        return Ok(());
    }
    for (key, item) in js.entries(value)? {
        if !js.well_formed(&key)? {
            return Err(js.fail(option_key_lone_surrogate(function, path)));
        }
        let at = option_path(path, &js.string(&key)?, array);
        walk(js, function, &item, &at, depth + 1)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JavaScript value, modelled: enough to run the rules without an engine.
    #[derive(Clone, Debug)]
    enum V {
        Null,
        Num,
        Str(Vec<u16>),
        Arr(Vec<V>),
        Obj(Vec<(Vec<u16>, V)>),
        Cycle,
    }

    fn s(t: &str) -> V {
        V::Str(t.encode_utf16().collect())
    }

    struct Model;

    impl Js for Model {
        type Value = V;
        type Error = Error;
        fn fail(&self, e: Error) -> Error {
            e
        }
        fn kind(&self, v: &V) -> Result<Kind, Error> {
            Ok(match v {
                V::Null => Kind::Nullish,
                V::Num => Kind::Other,
                V::Str(_) => Kind::String,
                V::Arr(_) => Kind::Array,
                V::Obj(_) | V::Cycle => Kind::Object,
            })
        }
        fn units(&self, v: &V) -> Result<usize, Error> {
            Ok(match v {
                V::Str(u) => u.len(),
                _ => 0,
            })
        }
        fn well_formed(&self, v: &V) -> Result<bool, Error> {
            Ok(match v {
                V::Str(u) => char::decode_utf16(u.iter().copied()).all(|c| c.is_ok()),
                _ => true,
            })
        }
        fn prefix(&self, v: &V, units: usize) -> Result<V, Error> {
            Ok(match v {
                V::Str(u) => V::Str(u[..units.min(u.len())].to_vec()),
                other => other.clone(),
            })
        }
        fn string(&self, v: &V) -> Result<String, Error> {
            Ok(match v {
                V::Str(u) => String::from_utf16_lossy(u),
                _ => String::new(),
            })
        }
        fn stringify(&self, v: &V) -> Result<Stringified<V>, Error> {
            Ok(match v {
                V::Cycle => Stringified::Threw,
                _ => Stringified::Text(s("{}")),
            })
        }
        fn entries(&self, v: &V) -> Result<Entries<V>, Error> {
            Ok(match v {
                V::Arr(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (s(&i.to_string()), x.clone()))
                    .collect(),
                V::Obj(e) => e
                    .iter()
                    .map(|(k, x)| (V::Str(k.clone()), x.clone()))
                    .collect(),
                V::Cycle => vec![(s("self"), V::Cycle)],
                _ => vec![],
            })
        }
        fn items(&self, v: &V) -> Result<Vec<V>, Error> {
            Ok(match v {
                V::Arr(items) => items.clone(),
                _ => vec![],
            })
        }
    }

    fn message<T: std::fmt::Debug>(r: Result<T, Error>) -> (&'static str, String) {
        let e = r.unwrap_err();
        (e.code.as_str(), e.message)
    }

    #[test]
    fn arguments_are_refused_by_type_without_their_value() {
        assert_eq!(
            message(string(&Model, "lookup", "image", &V::Num)),
            (
                "invalid-argument",
                String::from("lookup: image must be a string")
            )
        );
        assert_eq!(
            message(config(&Model, "add", "config", &V::Num, true)),
            (
                "invalid-argument",
                String::from("add: config must be a string or an object (or null)")
            )
        );
        assert_eq!(
            message(config(&Model, "parse", "input", &V::Null, false)),
            (
                "invalid-argument",
                String::from("parse: input must be a string or an object")
            )
        );
        assert_eq!(
            message(config(&Model, "parse", "input", &V::Cycle, false)),
            (
                "invalid-argument",
                String::from(
                    "parse: input must be a string or an object that JSON.stringify can write"
                )
            )
        );
        assert_eq!(
            message(configs(&Model, "merge", &s("x"))),
            (
                "invalid-argument",
                String::from("merge: configs must be an array of strings or objects")
            )
        );
        assert_eq!(
            message(configs(&Model, "merge", &V::Arr(vec![s("{}"), V::Num]))),
            (
                "invalid-argument",
                String::from("merge: configs[1] must be a string or an object")
            )
        );
        assert_eq!(config(&Model, "add", "config", &V::Null, true).unwrap(), "");
        assert_eq!(
            config(&Model, "add", "config", &V::Obj(vec![]), false).unwrap(),
            "{}"
        );
    }

    #[test]
    fn lone_surrogates_are_refused_and_long_strings_cut() {
        let lone = V::Str(vec![u16::from(b'a'), 0xDC00]);
        assert_eq!(
            message(string(&Model, "remove", "registry", &lone)),
            (
                "invalid-argument",
                String::from(
                    "remove: registry must be valid Unicode text (it holds a lone surrogate)"
                )
            )
        );
        let mut long = vec![u16::from(b'a'); MAX_UNITS + 5];
        long[0] = 0xD800; // past the limit nothing is checked: the core says too-large
        let cut = config(&Model, "parse", "input", &V::Str(long), false).unwrap();
        assert_eq!(cut.chars().count(), MAX_UNITS + 1);
    }

    #[test]
    fn options_name_the_path_of_a_lone_surrogate() {
        let lone = V::Str(vec![0xD800]);
        let key = |k: Vec<u16>, v: V| V::Obj(vec![(k, v)]);
        let u = |t: &str| t.encode_utf16().collect::<Vec<u16>>();
        assert!(!options(&Model, "create", &V::Null).unwrap());
        assert!(options(&Model, "create", &V::Cycle).unwrap());
        assert_eq!(
            message(options(&Model, "create", &key(u("password"), lone.clone()))).1,
            "create: password must be valid Unicode text (it holds a lone surrogate)"
        );
        let labels = key(u("labels"), key(u("a"), V::Arr(vec![s("x"), lone.clone()])));
        assert_eq!(
            message(options(&Model, "toSecret", &labels)),
            (
                "invalid-option",
                String::from(
                    "toSecret: labels.a[1] must be valid Unicode text (it holds a lone surrogate)"
                )
            )
        );
        assert_eq!(
            message(options(&Model, "create", &key(vec![0xD800], s("x")))).1,
            "create: an option name must be valid Unicode text (it holds a lone surrogate)"
        );
        assert_eq!(
            message(options(
                &Model,
                "toSecret",
                &key(u("labels"), key(vec![0xDC00], s("x")))
            ))
            .1,
            "toSecret: a key of labels must be valid Unicode text (it holds a lone surrogate)"
        );
    }
}
