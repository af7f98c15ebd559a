//! Reading options objects: one function, [`from`], for every surface.
//!
//! Why it exists: every options type derives `serde::Deserialize`, and the WebAssembly binding
//! (serde-wasm-bindgen), the Node addon (napi's `serde_json::Value`) and the Rust tests
//! (`serde_json`) each bring their own `Deserializer`. Their error messages quote the offending
//! value (`invalid type: string "p:w", expected a boolean`), which must never happen here: a
//! password given in the wrong place would be echoed. So [`from`] first copies the options into
//! a small [`Value`] tree (dropping whatever the foreign deserializer says), then deserializes
//! the options type from that tree with our own error type, tracking the path with
//! `serde_path_to_error`, and writes messages that name the option, never its value:
//! `create: username must be a string`, `toSecret: unknown option `foo``,
//! `convert: to must be one of auth.json, config.json, …`, `lookup: missing option client`.
//!
//! It also keeps the reading rules the packages had before serde: `null` (and JavaScript
//! `undefined`) means "not given", a repeated key keeps its last value (as `JSON.parse` and
//! Go do), options must be an object (or `null`), and lists may be given as one
//! comma-separated string ([`string_list`], as cobra's `StringSlice` flags read them).
//!
//! May use: `syntax`, `go`, `diagnostics` (it sits in `model` because the option types of
//! every layer above use it).

use crate::diagnostics::{Code, Error, ErrorCode};
use serde::de::{
    self, value::MapDeserializer, value::SeqDeserializer, DeserializeOwned, DeserializeSeed,
    IntoDeserializer, Unexpected, Visitor,
};
use serde::{Deserialize, Deserializer};
use std::cell::Cell;
use std::fmt;

/// Reads the options of `function` (its JavaScript name, used in messages) from any serde
/// deserializer. Errors are `invalid-option`, or `missing-option` for a required option, and
/// name the option (with its path inside the object) but never its value.
pub fn from<'de, T, D>(function: &str, deserializer: D) -> Result<T, Error>
where
    T: DeserializeOwned,
    D: Deserializer<'de>,
{
    // The foreign deserializer's error may quote the value: it is dropped unread.
    let value = Value::read(deserializer).map_err(|deep| {
        if deep {
            Error::option(
                ErrorCode::Diagnostic(Code::TooDeep),
                format!("{function}: options nested deeper than {MAX_OPTIONS_DEPTH} levels"),
            )
        } else {
            Error::option(
                ErrorCode::InvalidOption,
                format!(
                    "{function}: options must be plain data (objects, arrays, strings, booleans)"
                ),
            )
        }
    })?;
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        message(function, &path, e.into_inner())
    })
}

/// The message and code for `error` at `path` (`.` at the top level).
fn message(function: &str, path: &str, error: DeError) -> Error {
    let top = path == ".";
    let at = |name: &str| {
        if top {
            String::from(name)
        } else {
            format!("{path}.{name}")
        }
    };
    let (code, text) = match error {
        DeError::Type { expected } if top => (
            ErrorCode::InvalidOption,
            format!("options must be {}", phrase(&expected)),
        ),
        DeError::Type { expected } => (
            ErrorCode::InvalidOption,
            format!("{path} must be {}", phrase(&expected)),
        ),
        DeError::Variant { expected } => {
            let what = if top { "the value" } else { path };
            (
                ErrorCode::InvalidOption,
                format!("{what} must be one of {}", expected.join(", ")),
            )
        }
        DeError::Unknown { field, expected } => {
            // The path ends with the unknown name itself.
            let name = if top { field.as_str() } else { path };
            let mut m = format!("unknown option `{name}`");
            if !expected.is_empty() {
                m.push_str(" (expected one of: ");
                m.push_str(&expected.join(", "));
                m.push(')');
            }
            (ErrorCode::InvalidOption, m)
        }
        DeError::Missing { field } => (
            ErrorCode::MissingOption,
            format!("missing option {}", at(field)),
        ),
        DeError::Custom(m) if top => (ErrorCode::InvalidOption, m),
        DeError::Custom(m) => (ErrorCode::InvalidOption, format!("{path}: {m}")),
    };
    Error::option(code, format!("{function}: {text}"))
}

/// serde's `expected` texts in the words of JSON and JavaScript.
fn phrase(expected: &str) -> &str {
    match expected {
        "a sequence" => "an array",
        "a map" => "an object",
        "a string" | "a borrowed string" => "a string",
        e if e.starts_with("struct ") => "an object",
        e => e,
    }
}

/// Why the options could not be read. Holds option names and our own texts, never a value.
#[derive(Debug)]
pub(crate) enum DeError {
    /// The value has the wrong type (or an unusable value): what was expected.
    Type { expected: String },
    /// A name that is not one of the choices.
    Variant { expected: &'static [&'static str] },
    /// An option that does not exist.
    Unknown {
        field: String,
        expected: &'static [&'static str],
    },
    /// A required option is not given.
    Missing { field: &'static str },
    /// Our own checks' message (the readers in this crate write it; no value in it).
    Custom(String),
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeError::Type { expected } => write!(f, "expected {expected}"),
            DeError::Variant { expected } => write!(f, "expected one of {}", expected.join(", ")),
            DeError::Unknown { field, .. } => write!(f, "unknown option `{field}`"),
            DeError::Missing { field } => write!(f, "missing option {field}"),
            DeError::Custom(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::Custom(msg.to_string())
    }
    fn invalid_type(_: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        DeError::Type {
            expected: expected.to_string(),
        }
    }
    fn invalid_value(_: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        DeError::Type {
            expected: expected.to_string(),
        }
    }
    fn invalid_length(_: usize, expected: &dyn de::Expected) -> Self {
        DeError::Type {
            expected: expected.to_string(),
        }
    }
    fn unknown_variant(_: &str, expected: &'static [&'static str]) -> Self {
        DeError::Variant { expected }
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError::Unknown {
            field: field.into(),
            expected,
        }
    }
    fn missing_field(field: &'static str) -> Self {
        DeError::Missing { field }
    }
    fn duplicate_field(_: &'static str) -> Self {
        // Repeated keys are resolved (last wins) before a struct sees them.
        DeError::Custom("an option is given twice".into())
    }
}

/// Options as plain data, copied out of the caller's deserializer. Object members keep their
/// order (and repeats: structs keep the last, as `JSON.parse` does).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    /// `null`, or JavaScript `undefined`: not given.
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Value::Null => Unexpected::Unit,
            Value::Bool(b) => Unexpected::Bool(*b),
            Value::Number(n) => Unexpected::Float(*n),
            Value::String(s) => Unexpected::Str(s),
            Value::Array(_) => Unexpected::Seq,
            Value::Object(_) => Unexpected::Map,
        }
    }
}

/// How deep an options object may nest (no option nests more than three levels): deeper, or a
/// cyclic JavaScript object, is refused with `too-deep` instead of recursing.
pub const MAX_OPTIONS_DEPTH: usize = 64;

/// Reads a [`Value`] at `depth`, setting `deep` (and failing) past [`MAX_OPTIONS_DEPTH`].
#[derive(Clone, Copy)]
struct Seed<'c> {
    depth: usize,
    deep: &'c Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        if self.depth > MAX_OPTIONS_DEPTH {
            self.deep.set(true);
            return Err(de::Error::custom("too deep"));
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("plain data")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        DeserializeSeed::deserialize(self, d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n as f64))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n as f64))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::Number(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.into()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        let inner = Seed {
            depth: self.depth + 1,
            deep: self.deep,
        };
        while let Some(v) = a.next_element_seed(inner)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        let inner = Seed {
            depth: self.depth + 1,
            deep: self.deep,
        };
        while let Some(k) = a.next_key::<String>()? {
            let v = a.next_value_seed(inner)?;
            out.push((k, v));
        }
        Ok(Value::Object(out))
    }
}

impl Value {
    /// Reads any deserializer's value; `Err(true)` when it nests deeper than
    /// [`MAX_OPTIONS_DEPTH`], `Err(false)` for the foreign deserializer's own errors (dropped
    /// unread: they may quote the value).
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Value, bool> {
        let deep = Cell::new(false);
        DeserializeSeed::deserialize(
            Seed {
                depth: 0,
                deep: &deep,
            },
            d,
        )
        .map_err(|_| deep.get())
    }
}

impl<'de> IntoDeserializer<'de, DeError> for Value {
    type Deserializer = Value;
    fn into_deserializer(self) -> Value {
        self
    }
}

impl<'de> Deserializer<'de> for Value {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(b),
            Value::Number(n) => v.visit_f64(n),
            Value::String(s) => v.visit_string(s),
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter());
                let out = v.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(out)
            }
            Value::Object(members) => {
                let mut map = MapDeserializer::new(members.into_iter());
                let out = v.visit_map(&mut map)?;
                map.end()?;
                Ok(out)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self {
            Value::Null => v.visit_none(),
            other => v.visit_some(other),
        }
    }

    /// An options object: members set to `null` are not given, a repeated key keeps its last
    /// value; `null` is an empty object; anything else (an array too) is refused.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        let members = match self {
            Value::Null => Vec::new(),
            Value::Object(members) => members,
            other => return Err(de::Error::invalid_type(other.unexpected(), &v)),
        };
        // A repeated key keeps its last value (at its last place); `null` is not given. Linear:
        // the keys are looked up in a set, from the end.
        let mut seen = std::collections::HashSet::with_capacity(members.len());
        let last: Vec<bool> = members
            .iter()
            .rev()
            .map(|(k, _)| seen.insert(k.clone()))
            .collect();
        let kept: Vec<(String, Value)> = members
            .into_iter()
            .zip(last.into_iter().rev())
            .filter(|((_, val), last)| *last && *val != Value::Null)
            .map(|(m, _)| m)
            .collect();
        let mut map = MapDeserializer::new(kept.into_iter());
        let out = v.visit_map(&mut map)?;
        map.end()?;
        Ok(out)
    }

    /// Enums are chosen by name (a string).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        match self {
            Value::String(s) => v.visit_enum(IntoDeserializer::<DeError>::into_deserializer(s)),
            other => Err(de::Error::invalid_type(other.unexpected(), &v)),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map identifier ignored_any
    }
}

/// How TypeScript declares a [`string_list`] option (`#[ts(as = "StringList")]` on the field).
#[cfg(feature = "ts")]
pub(crate) struct StringList;
#[cfg(feature = "ts")]
ts_inline!(StringList, "Array<string> | string");

/// How TypeScript declares a [`string_map`] option (`#[ts(as = "StringMap")]` on the field).
#[cfg(feature = "ts")]
pub(crate) struct StringMap;
#[cfg(feature = "ts")]
ts_inline!(StringMap, "Record<string, string> | Array<string>");

/// The largest number of seconds since the epoch read as a time: 99,999,999,999 (the year
/// 5138). `Date.now()` (milliseconds, about 1.8e12 today) is above it, so the usual mistake is
/// refused instead of read as a date thousands of years ahead.
const MAX_UNIX_SECONDS: f64 = 99_999_999_999.0;

/// The longest duration read: 100 years, in seconds.
const MAX_DURATION: f64 = 100.0 * 366.0 * 86_400.0;

/// A number of whole seconds (a fraction dropped) within `0..=max`, else a message naming
/// `expected` (never the value).
fn whole_seconds<'de, D: Deserializer<'de>>(
    d: D,
    expected: &'static str,
    max: f64,
) -> Result<i64, D::Error> {
    struct V(&'static str, f64);
    impl Visitor<'_> for V {
        type Value = i64;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_f64<E: de::Error>(self, n: f64) -> Result<i64, E> {
            if n.is_finite() && (0.0..=self.1).contains(&n) {
                Ok(n.floor() as i64)
            } else {
                Err(E::invalid_value(Unexpected::Other("a number"), &self))
            }
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<i64, E> {
            self.visit_f64(n as f64)
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<i64, E> {
            self.visit_f64(n as f64)
        }
    }
    d.deserialize_any(V(expected, max))
}

/// A time option: seconds since the Unix epoch (`Date.now() / 1000`), a fraction dropped.
pub(crate) fn unix_seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    whole_seconds(
        d,
        "a number of seconds since the epoch (Date.now() / 1000, not milliseconds)",
        MAX_UNIX_SECONDS,
    )
    .map(Some)
}

/// A duration option: a number of seconds, 0 to 100 years, a fraction dropped.
pub(crate) fn duration_seconds<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    whole_seconds(d, "a number of seconds from 0 to 100 years", MAX_DURATION)
}

/// A timeout option: milliseconds from 1 to 600,000 (10 minutes), a fraction dropped.
pub(crate) fn timeout_millis<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    const WHAT: &str = "a number of milliseconds from 1 to 600000";
    let n = whole_seconds(d, WHAT, 600_000.0)?;
    u32::try_from(n)
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| de::Error::invalid_value(Unexpected::Other("a number"), &WHAT))
}

/// A list of strings given as an array, or as one comma-separated string (as cobra's
/// `StringSlice` flags read `--for=pull,mount`); empty parts of the string are skipped.
pub(crate) fn string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or an array of strings")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Vec<String>, E> {
            Ok(s.split(',')
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect())
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<Vec<String>, A::Error> {
            let mut out = Vec::new();
            while let Some(s) = a.next_element::<ListItem>()? {
                out.push(s.0);
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

/// One string of a [`string_list`] array (its own type, so a wrong item is reported with the
/// list's wording).
struct ListItem(String);

impl<'de> Deserialize<'de> for ListItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ListItem;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string (in a string or an array of strings)")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ListItem, E> {
                Ok(ListItem(s.into()))
            }
        }
        d.deserialize_string(V)
    }
}

/// An object of strings (`{"app": "web"}`), or an array of `KEY=VALUE` strings as kubectl's
/// `-l`/`--annotations` and `kubectl label` take them (`["app=web"]`: the `pullsecret` command
/// and the demo page pass their text this way), as `(key, value)` pairs in order; a repeated key
/// keeps its last value (at its last place).
pub(crate) fn string_map<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<(String, String)>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<(String, String)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object of strings or an array of KEY=VALUE strings")
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            let mut out: Vec<(String, String)> = Vec::new();
            while let Some((k, v)) = a.next_entry::<String, String>()? {
                out.push((k, v));
            }
            keep_last(&mut out);
            Ok(out)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            let mut out: Vec<(String, String)> = Vec::new();
            let mut index = 0;
            while let Some(item) = a.next_element::<String>()? {
                // kubectl's `KEY=VALUE` (`kubectl label`/`annotate`, `-l`): split at the first
                // `=`; a key is required. The message gives the item's place, not its text.
                match item.split_once('=') {
                    Some((k, v)) if !k.is_empty() => out.push((k.into(), v.into())),
                    _ => {
                        return Err(de::Error::custom(format!(
                            "item {} must be KEY=VALUE (a non-empty key, `=`, then the value)",
                            index + 1
                        )))
                    }
                }
                index += 1;
            }
            keep_last(&mut out);
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

/// Drops every entry of `out` whose key comes again later: a repeated key keeps its last value,
/// at its last place. Linear (a set of the keys seen from the end), for 100,000 labels too.
fn keep_last(out: &mut Vec<(String, String)>) {
    let mut seen = std::collections::HashSet::with_capacity(out.len());
    let mut keep: Vec<bool> = out
        .iter()
        .rev()
        .map(|(k, _)| seen.insert(k.as_str()))
        .collect();
    keep.reverse();
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Demo {
        #[serde(default)]
        name: String,
        #[serde(default)]
        flag: bool,
        required: Option<String>,
        #[serde(default, deserialize_with = "string_list")]
        list: Vec<String>,
        #[serde(default, deserialize_with = "string_map")]
        labels: Vec<(String, String)>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase", deny_unknown_fields, default)]
    struct Times {
        #[serde(deserialize_with = "unix_seconds")]
        now: Option<i64>,
        #[serde(deserialize_with = "duration_seconds")]
        window: i64,
    }

    impl Default for Times {
        fn default() -> Self {
            Times {
                now: None,
                window: 7,
            }
        }
    }

    #[test]
    fn times_are_whole_seconds_and_milliseconds_are_refused() {
        let t = |v: serde_json::Value| from::<Times, _>("demo", v);
        assert_eq!(
            t(serde_json::json!({"now": 1767225600.9, "window": 60})).unwrap(),
            Times {
                now: Some(1_767_225_600),
                window: 60
            }
        );
        assert_eq!(
            t(serde_json::json!({"now": null})).unwrap(),
            Times::default()
        );
        for (v, m) in [
            (serde_json::json!({"now": 1767225600123_i64}), "demo: now must be a number of seconds since the epoch (Date.now() / 1000, not milliseconds)"),
            (serde_json::json!({"now": -1}), "demo: now must be a number of seconds since the epoch (Date.now() / 1000, not milliseconds)"),
            (serde_json::json!({"now": "2026-01-01"}), "demo: now must be a number of seconds since the epoch (Date.now() / 1000, not milliseconds)"),
            (serde_json::json!({"window": -5}), "demo: window must be a number of seconds from 0 to 100 years"),
            (serde_json::json!({"window": true}), "demo: window must be a number of seconds from 0 to 100 years"),
        ] {
            let e = t(v).unwrap_err();
            assert_eq!(e.message, m);
            assert_eq!(e.code, ErrorCode::InvalidOption);
        }
    }

    fn read(v: serde_json::Value) -> Result<Demo, Error> {
        from("demo", v)
    }

    #[test]
    fn messages_name_the_option_never_the_value() {
        let e = read(serde_json::json!({"flag": "p:w"})).unwrap_err();
        assert_eq!(e.message, "demo: flag must be a boolean");
        assert_eq!(e.code, ErrorCode::InvalidOption);
        let e = read(serde_json::json!({"nmae": "x"})).unwrap_err();
        assert!(
            e.message.starts_with("demo: unknown option `nmae`"),
            "{}",
            e.message
        );
        let e = read(serde_json::json!({"labels": {"app": 5}})).unwrap_err();
        assert_eq!(e.message, "demo: labels.app must be a string");
        let e = read(serde_json::json!({"list": ["a", true]})).unwrap_err();
        assert_eq!(
            e.message,
            "demo: list[1] must be a string (in a string or an array of strings)"
        );
        let e = read(serde_json::json!(["x"])).unwrap_err();
        assert_eq!(e.message, "demo: options must be an object");
    }

    #[test]
    fn null_is_not_given_and_lists_split() {
        let d =
            read(serde_json::json!({"name": null, "list": "a,,b", "labels": {"k": "v"}})).unwrap();
        assert_eq!(d.name, "");
        assert_eq!(d.list, ["a", "b"]);
        assert_eq!(d.labels, [("k".to_string(), "v".to_string())]);
        assert_eq!(read(serde_json::Value::Null).unwrap().list.len(), 0);
    }
}
