//! Reading the options objects of `create` and `to_secret` from JSON.
//!
//! Both npm packages pass options as `JSON.stringify(options)`, so the rules for them (which
//! names exist, which types they take, that unknown names are refused) live once, here, and the
//! wasm and napi packages cannot drift. Messages name the option, never its value: a password
//! given in the wrong place must not be echoed.
//!
//! The readers do not return a `Result` each: the first problem is kept in the [`Options`] and
//! [`Options::done`] returns it once the caller has read every field (same first error as a
//! `?` after every field, without a copy of the error path per field in the wasm package).

use crate::diagnostics::{Error, ErrorCode};
use crate::syntax::json::{self, Member, Value};
use std::cell::Cell;

/// An options object being read; reports unknown names when finished.
pub(crate) struct Options<'a> {
    members: std::vec::Vec<Member<'a>>,
    known: &'static [&'static str],
    /// The first problem met while reading.
    error: Cell<Option<Error>>,
}

fn invalid(message: String) -> Error {
    Error::option(ErrorCode::InvalidOption, message)
}

impl<'a> Options<'a> {
    pub(crate) fn read(text: &'a str, known: &'static [&'static str]) -> Result<Self, Error> {
        let node =
            json::parse(text).map_err(|_| invalid("options must be a JSON object".into()))?;
        let members = match node.value {
            Value::Object(m) => m,
            Value::Null => std::vec::Vec::new(),
            other => {
                return Err(invalid(format!(
                    "options must be an object, not {}",
                    other.type_name()
                )))
            }
        };
        let o = Self::from_members(members, known);
        o.done()?;
        Ok(o)
    }

    /// Keeps `e` when it is the first problem met.
    pub(crate) fn fail(&self, e: Error) {
        let first = self.error.take().unwrap_or(e);
        self.error.set(Some(first));
    }

    /// The first problem met while reading, if any; call once every field is read.
    pub(crate) fn done(&self) -> Result<(), Error> {
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// `value` read from these options, or the first problem met while reading it.
    pub(crate) fn finish<T>(&self, value: T) -> Result<T, Error> {
        self.done()?;
        Ok(value)
    }

    /// Keeps `result`'s error when it is the first problem met.
    pub(crate) fn check(&self, result: Result<(), Error>) {
        if let Err(e) = result {
            self.fail(e);
        }
    }

    fn from_members(members: std::vec::Vec<Member<'a>>, known: &'static [&'static str]) -> Self {
        let o = Options {
            members,
            known,
            error: Cell::new(None),
        };
        if let Some(m) = o.members.iter().find(|m| !known.contains(&m.key.as_ref())) {
            o.fail(invalid(format!(
                "unknown option `{}` (expected one of: {})",
                m.key,
                known.join(", ")
            )));
        }
        o
    }

    /// An array of option objects (each read with its own `known` names; an unknown name in
    /// one is this object's problem). Moves them out: read once.
    pub(crate) fn objects(
        &mut self,
        name: &str,
        known: &'static [&'static str],
    ) -> std::vec::Vec<Options<'a>> {
        debug_assert!(self.known.contains(&name));
        let mut out = std::vec::Vec::new();
        let Some(m) = self.members.iter_mut().rev().find(|m| m.key == name) else {
            return out;
        };
        let items = match std::mem::replace(&mut m.value.value, Value::Null) {
            Value::Null => return out,
            Value::Array(items) => items,
            v => {
                self.wrong(name, "an array of objects", &v);
                return out;
            }
        };
        for n in items {
            match n.value {
                Value::Object(m) => {
                    let o = Self::from_members(m, known);
                    self.check(o.done());
                    out.push(o);
                }
                other => self.wrong(name, "an array of objects", &other),
            }
        }
        out
    }

    fn get(&self, name: &str) -> Option<&Value<'a>> {
        debug_assert!(self.known.contains(&name));
        self.members
            .iter()
            .rev()
            .find(|m| m.key == name)
            .map(|m| &m.value.value)
            .filter(|v| !matches!(v, Value::Null))
    }

    /// Keeps "option `name` must be `expected`, not ..." as a problem.
    fn wrong(&self, name: &str, expected: &str, found: &Value<'_>) {
        self.fail(invalid(format!(
            "option `{name}` must be {expected}, not {}",
            found.type_name()
        )));
    }

    pub(crate) fn string(&self, name: &str) -> Option<String> {
        match self.get(name) {
            None => None,
            Some(Value::String(s)) => Some(s.as_ref().into()),
            Some(v) => {
                self.wrong(name, "a string", v);
                None
            }
        }
    }

    /// A string option, empty when not given.
    pub(crate) fn text(&self, name: &str) -> String {
        self.string(name).unwrap_or_default()
    }

    pub(crate) fn boolean(&self, name: &str) -> bool {
        match self.get(name) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(v) => {
                self.wrong(name, "a boolean", v);
                false
            }
        }
    }

    /// An object of strings (`{"app": "web"}`), as `(key, value)` pairs in order; a repeated key
    /// keeps its last value, as `JSON.parse` and Go do.
    pub(crate) fn string_map(&self, name: &str) -> std::vec::Vec<(String, String)> {
        let mut out: std::vec::Vec<(String, String)> = std::vec::Vec::new();
        let members = match self.get(name) {
            None => return out,
            Some(Value::Object(m)) => m,
            Some(v) => {
                self.wrong(name, "an object of strings", v);
                return out;
            }
        };
        for m in members {
            let Value::String(v) = &m.value.value else {
                self.fail(invalid(format!(
                    "option `{name}`: the value of `{}` must be a string, not {}",
                    m.key,
                    m.value.value.type_name()
                )));
                return out;
            };
            out.retain(|(k, _)| *k != m.key);
            out.push((m.key.as_ref().into(), v.as_ref().into()));
        }
        out
    }

    /// A list of strings, given as an array or as one comma-separated string (as cobra's
    /// `StringSlice` flags read `--for=pull,mount`).
    pub(crate) fn strings(&self, name: &str) -> std::vec::Vec<String> {
        const EXPECTED: &str = "a string or an array of strings";
        let mut out = std::vec::Vec::new();
        match self.get(name) {
            None => {}
            Some(Value::String(s)) => {
                for p in s.split(',').filter(|p| !p.is_empty()) {
                    out.push(String::from(p));
                }
            }
            Some(Value::Array(items)) => {
                for n in items {
                    match &n.value {
                        Value::String(s) => out.push(String::from(s.as_ref())),
                        other => {
                            self.wrong(name, EXPECTED, other);
                            break;
                        }
                    }
                }
            }
            Some(v) => self.wrong(name, EXPECTED, v),
        }
        out
    }

    /// `output`: `yaml` (default) or `json`.
    pub(crate) fn output(&self) -> crate::model::tree::OutputFormat {
        use crate::model::tree::OutputFormat::{Json, Yaml};
        self.choice("output", &[("yaml", Yaml), ("json", Json)])
            .unwrap_or_default()
    }

    /// A string option that must be one of `choices`.
    pub(crate) fn choice<T: Copy>(&self, name: &str, choices: &[(&'static str, T)]) -> Option<T> {
        self.pick(name, choices.len(), &|i| choices[i].0)
            .map(|i| choices[i].1)
    }

    /// The body of [`Options::choice`], not generic: the index of the choice named.
    fn pick(
        &self,
        name: &str,
        count: usize,
        choice: &dyn Fn(usize) -> &'static str,
    ) -> Option<usize> {
        let s = self.string(name)?;
        if let Some(i) = (0..count).find(|&i| choice(i) == s) {
            return Some(i);
        }
        let mut names = String::new();
        for i in 0..count {
            if i > 0 {
                names.push_str(", ");
            }
            names.push_str(choice(i));
        }
        self.fail(invalid(format!("option `{name}` must be one of: {names}")));
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_problem_wins_and_reading_goes_on() {
        let o = Options::read(r#"{"a": 1, "b": true, "c": "x"}"#, &["a", "b", "c"]).unwrap();
        assert_eq!(o.string("a"), None);
        assert!(o.boolean("b"));
        assert_eq!(o.choice("c", &[("y", 1)]), None);
        let e = o.done().unwrap_err();
        assert_eq!(e.message, "option `a` must be a string, not number");
        assert!(o.done().is_ok());
        let mut o = Options::read(r#"{"l": [{"z": 1}, 2]}"#, &["l"]).unwrap();
        assert_eq!(o.objects("l", &["y"]).len(), 1);
        let e = o.done().unwrap_err();
        assert!(e.message.starts_with("unknown option `z`"), "{}", e.message);
    }
}
