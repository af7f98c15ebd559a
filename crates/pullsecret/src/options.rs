//! Reading the options objects of `create` and `to_secret` from JSON.
//!
//! Both npm packages pass options as `JSON.stringify(options)`, so the rules for them (which
//! names exist, which types they take, that unknown names are refused) live once, here, and the
//! wasm and napi packages cannot drift. Messages name the option, never its value: a password
//! given in the wrong place must not be echoed.

use crate::error::{Error, ErrorCode};
use crate::json::{self, Member, Value};
use crate::text::cat;
use alloc::string::String;

/// An options object being read; reports unknown names when finished.
pub(crate) struct Options<'a> {
    members: alloc::vec::Vec<Member<'a>>,
    known: &'static [&'static str],
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
            Value::Null => alloc::vec::Vec::new(),
            other => {
                return Err(invalid(cat(&[
                    "options must be an object, not ",
                    other.type_name(),
                ])))
            }
        };
        Self::from_members(members, known)
    }

    fn from_members(
        members: alloc::vec::Vec<Member<'a>>,
        known: &'static [&'static str],
    ) -> Result<Self, Error> {
        if let Some(m) = members.iter().find(|m| !known.contains(&m.key.as_ref())) {
            return Err(invalid(cat(&[
                "unknown option `",
                &m.key,
                "` (expected one of: ",
                &known.join(", "),
                ")",
            ])));
        }
        Ok(Options { members, known })
    }

    /// An array of option objects (each read with its own `known` names).
    pub(crate) fn objects(
        &self,
        name: &str,
        known: &'static [&'static str],
    ) -> Result<alloc::vec::Vec<Options<'a>>, Error> {
        let bad = |t: &str| {
            invalid(cat(&[
                "option `",
                name,
                "` must be an array of objects, not ",
                t,
            ]))
        };
        match self.get(name) {
            None => Ok(alloc::vec::Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|n| match &n.value {
                    Value::Object(m) => Self::from_members(m.clone(), known),
                    other => Err(bad(other.type_name())),
                })
                .collect(),
            Some(v) => Err(bad(v.type_name())),
        }
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

    pub(crate) fn string(&self, name: &str) -> Result<Option<String>, Error> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_ref().into())),
            Some(v) => Err(invalid(cat(&[
                "option `",
                name,
                "` must be a string, not ",
                v.type_name(),
            ]))),
        }
    }

    pub(crate) fn boolean(&self, name: &str) -> Result<bool, Error> {
        match self.get(name) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(v) => Err(invalid(cat(&[
                "option `",
                name,
                "` must be a boolean, not ",
                v.type_name(),
            ]))),
        }
    }

    /// An object of strings (`{"app": "web"}`), as `(key, value)` pairs in order; a repeated key
    /// keeps its last value, as `JSON.parse` and Go do.
    pub(crate) fn string_map(
        &self,
        name: &str,
    ) -> Result<alloc::vec::Vec<(String, String)>, Error> {
        let members = match self.get(name) {
            None => return Ok(alloc::vec::Vec::new()),
            Some(Value::Object(m)) => m,
            Some(v) => {
                return Err(invalid(cat(&[
                    "option `",
                    name,
                    "` must be an object of strings, not ",
                    v.type_name(),
                ])))
            }
        };
        let mut out: alloc::vec::Vec<(String, String)> = alloc::vec::Vec::new();
        for m in members {
            let Value::String(v) = &m.value.value else {
                return Err(invalid(cat(&[
                    "option `",
                    name,
                    "`: the value of `",
                    &m.key,
                    "` must be a string, not ",
                    m.value.value.type_name(),
                ])));
            };
            out.retain(|(k, _)| *k != m.key);
            out.push((m.key.as_ref().into(), v.as_ref().into()));
        }
        Ok(out)
    }

    /// A list of strings, given as an array or as one comma-separated string (as cobra's
    /// `StringSlice` flags read `--for=pull,mount`).
    pub(crate) fn strings(&self, name: &str) -> Result<alloc::vec::Vec<String>, Error> {
        let bad = |t: &str| {
            invalid(cat(&[
                "option `",
                name,
                "` must be a string or an array of strings, not ",
                t,
            ]))
        };
        match self.get(name) {
            None => Ok(alloc::vec::Vec::new()),
            Some(Value::String(s)) => Ok(s
                .split(',')
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|n| match &n.value {
                    Value::String(s) => Ok(String::from(s.as_ref())),
                    other => Err(bad(other.type_name())),
                })
                .collect(),
            Some(v) => Err(bad(v.type_name())),
        }
    }

    /// `output`: `yaml` (default) or `json`.
    pub(crate) fn output(&self) -> Result<crate::OutputFormat, Error> {
        use crate::OutputFormat::{Json, Yaml};
        Ok(self
            .choice("output", &[("yaml", Yaml), ("json", Json)])?
            .unwrap_or_default())
    }

    /// A string option that must be one of `choices`.
    pub(crate) fn choice<T: Copy>(
        &self,
        name: &str,
        choices: &[(&'static str, T)],
    ) -> Result<Option<T>, Error> {
        Ok(self
            .pick(name, choices.len(), &|i| choices[i].0)?
            .map(|i| choices[i].1))
    }

    /// The body of [`Options::choice`], not generic: the index of the choice named.
    fn pick(
        &self,
        name: &str,
        count: usize,
        choice: &dyn Fn(usize) -> &'static str,
    ) -> Result<Option<usize>, Error> {
        let Some(s) = self.string(name)? else {
            return Ok(None);
        };
        if let Some(i) = (0..count).find(|&i| choice(i) == s) {
            return Ok(Some(i));
        }
        let mut names = String::new();
        for i in 0..count {
            if i > 0 {
                names.push_str(", ");
            }
            names.push_str(choice(i));
        }
        Err(invalid(cat(&[
            "option `",
            name,
            "` must be one of: ",
            &names,
        ])))
    }
}
