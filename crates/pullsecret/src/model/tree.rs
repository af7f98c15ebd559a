//! Generic Kubernetes objects: read from a pasted manifest, printed as kubectl prints them.
//!
//! The cluster-object outputs (a ServiceAccount with a linked secret, a RoleBinding, a Pod) are
//! either built here from scratch or are someone's existing object with one list changed. An
//! existing object must keep every field it had, including ones pullsecret knows nothing about,
//! so it is read into the generic [`Yaml`] tree (the same tree `goyaml.rs` prints) instead of a
//! typed struct. Printing follows kubectl on unstructured objects (`kubectl patch --local -o`):
//! YAML through `sigs.k8s.io/yaml` (keys in go-yaml order), JSON as Go's `json.MarshalIndent` of
//! a map (keys sorted bytewise, four spaces), patches as compact `json.Marshal`. Objects built
//! from typed structs (kubectl's `-o json` of a RoleBinding) keep their struct order in JSON.

use crate::diagnostics::Code;
use crate::diagnostics::{Error, ErrorCode};
use crate::go::json::Writer;
use crate::go::yaml::{self as goyaml, Yaml};
use crate::syntax::json;
use crate::syntax::lines::LineIndex;
use crate::syntax::yaml::{self, ScalarStyle, YKind, YNode};

/// `-o yaml` or `-o json` (read as `yaml`, `json`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase", expecting = "one of yaml, json")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum OutputFormat {
    #[default]
    Yaml,
    Json,
}

/// Reads one object from YAML or JSON text; with `kind`, its `kind` (when given) must be that.
/// Errors carry the line and column.
#[inline(never)] // out of line gzips smaller (README "Size")
pub(crate) fn read(text: &str, kind: Option<&str>) -> Result<Yaml, Error> {
    let at = |offset: usize, code: Code, message: String| Error {
        code: ErrorCode::Diagnostic(code),
        message,
        position: Some(LineIndex::new(text).position(offset)),
        span: Some(offset..offset),
        input: None,
    };
    if text.len() > crate::syntax::MAX_INPUT {
        let d = crate::model::input::too_large();
        return Err(Error {
            code: ErrorCode::Diagnostic(d.code),
            message: String::from(&*d.message),
            position: Some(crate::syntax::lines::Position { line: 1, column: 1 }),
            span: Some(0..0),
            input: None,
        });
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let base = text.len() - body.len();
    let node = if body.trim_start().starts_with('{') {
        let n = json::parse(body).map_err(|e| {
            if e.kind == json::SyntaxErrorKind::TooDeep {
                at(
                    base + e.offset,
                    Code::TooDeep,
                    format!("JSON {}", e.kind.message()),
                )
            } else {
                at(
                    base + e.offset,
                    Code::JsonSyntax,
                    format!("JSON syntax error: {}", e.kind.message()),
                )
            }
        })?;
        YNode::from_json(&n)
    } else {
        let mut docs = yaml::parse_stream(body).map_err(|e| {
            if e.too_deep() {
                at(
                    base + e.offset,
                    Code::TooDeep,
                    format!("YAML {}", e.message),
                )
            } else {
                at(
                    base + e.offset,
                    Code::YamlSyntax,
                    format!("YAML syntax error: {}", e.message),
                )
            }
        })?;
        docs.retain(|d| !matches!(&d.kind, YKind::Scalar(s) if s.is_null()));
        if docs.len() != 1 {
            return Err(at(
                base + docs.get(1).map_or(0, |d| d.span.start),
                Code::NotAnObject,
                format!("expected one object, found {} documents", docs.len()),
            ));
        }
        docs.pop().unwrap_or_else(|| unreachable!())
    };
    if !matches!(node.kind, YKind::Map(_)) {
        return Err(at(
            base + node.span.start,
            Code::NotAnObject,
            format!("expected an object, found a {}", node.type_name()),
        ));
    }
    if let (Some(want), Some(k)) = (kind, node.get("kind")) {
        if k.as_str() != Some(want) {
            return Err(at(
                base + k.span.start,
                Code::NotAnObject,
                // a kind is a name: echo only a name-like one, never pasted text
                match k
                    .as_str()
                    .filter(|k| k.len() <= 63 && k.bytes().all(|b| b.is_ascii_alphanumeric()))
                {
                    Some(found) => format!("expected a {want}, found kind `{found}`"),
                    None => format!("expected a {want}, found another kind"),
                },
            ));
        }
    }
    Ok(from_node(&node))
}

/// A YAML/JSON node as a value, resolved the way `sigs.k8s.io/yaml` turns YAML into JSON.
fn from_node(n: &YNode) -> Yaml {
    match &n.kind {
        YKind::Scalar(s) if s.style != ScalarStyle::Plain => Yaml::Str(s.value.clone()),
        YKind::Scalar(s) if s.is_null() => Yaml::Null,
        YKind::Scalar(s) => match crate::go::yaml::resolves_to_bool(&s.value) {
            // YAML 1.1, as sigs.k8s.io/yaml reads it: `yes`, `on`, `n` are booleans too.
            Some(b) => Yaml::Bool(b),
            None if is_number(&s.value) => Yaml::Num(s.value.clone()),
            None => Yaml::Str(s.value.clone()),
        },
        YKind::Seq(items) => Yaml::Seq(items.iter().map(from_node).collect()),
        YKind::Map(entries) => {
            // Go maps keep the last of duplicate keys.
            let mut out: Vec<(String, Yaml)> = Vec::with_capacity(entries.len());
            for e in entries {
                let v = from_node(&e.value);
                match out.iter_mut().find(|(k, _)| *k == e.key) {
                    Some(slot) => slot.1 = v,
                    None => out.push((e.key.clone(), v)),
                }
            }
            Yaml::Map(out)
        }
    }
}

/// A plain scalar that JSON can carry as a number (decimal integer or float).
#[allow(clippy::unnecessary_map_or)] // is_none_or needs Rust 1.82; rust-version is 1.80
fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (mantissa, exp) = match digits.find(['e', 'E']) {
        Some(i) => (&digits[..i], Some(&digits[i + 1..])),
        None => (digits, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    all_digits(int)
        && (int == "0" || !int.starts_with('0'))
        && frac.map_or(true, all_digits)
        && exp.map_or(true, |e| {
            all_digits(e.strip_prefix(['+', '-']).unwrap_or(e))
        })
}

/// The member `key` of a mapping.
pub(crate) fn get<'a>(y: &'a Yaml, key: &str) -> Option<&'a Yaml> {
    match y {
        Yaml::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

/// The string member `key` of a mapping.
pub(crate) fn get_str<'a>(y: &'a Yaml, key: &str) -> Option<&'a str> {
    match get(y, key) {
        Some(Yaml::Str(s)) => Some(s),
        _ => None,
    }
}

/// Takes the member `key` out of a mapping, leaving `null` in its place.
pub(crate) fn take(y: &mut Yaml, key: &str) -> Option<Yaml> {
    match y {
        Yaml::Map(m) => m
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| std::mem::replace(v, Yaml::Null)),
        _ => None,
    }
}

/// Sets `key` in a mapping (replacing it in place, or appending).
pub(crate) fn set(y: &mut Yaml, key: &str, value: Yaml) {
    if let Yaml::Map(m) = y {
        match m.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => m.push((key.into(), value)),
        }
    }
}

/// `{"name": name}`: a `LocalObjectReference`.
pub(crate) fn name_ref(name: &str) -> Yaml {
    Yaml::strs(&[("name", name)])
}

/// Prints as `kubectl -o yaml` does (every mapping in go-yaml key order; sorts `y` in place).
pub(crate) fn to_yaml(y: &mut Yaml) -> String {
    fn sort(y: &mut Yaml) {
        match y {
            Yaml::Map(m) => {
                goyaml::sort_keys(m);
                m.iter_mut().for_each(|(_, v)| sort(v));
            }
            Yaml::Seq(s) => s.iter_mut().for_each(sort),
            _ => {}
        }
    }
    sort(y);
    goyaml::to_string(y)
}

/// Prints as Go's `json.MarshalIndent(v, "", "    ")` + newline (`kubectl -o json`). `sort`:
/// keys in Go map order (an unstructured object); else in the order given (a typed struct).
pub(crate) fn to_json(y: &Yaml, sort: bool) -> String {
    let mut w = Writer::indented("    ");
    write_json(&mut w, y, sort);
    let mut s = w.finish();
    s.push('\n');
    s
}

/// Compact Go `json.Marshal` of the members `keys` (given in byte order) of a mapping: the
/// merge patch that sets those fields, the text of a `kubectl patch -p`.
pub(crate) fn patch(y: &Yaml, keys: &[&str]) -> String {
    let mut w = Writer::new();
    w.begin_object();
    for k in keys {
        if let Some(v) = get(y, k) {
            w.key(k);
            write_json(&mut w, v, true);
        }
    }
    w.end_object();
    w.finish()
}

fn write_json(w: &mut Writer, y: &Yaml, sort: bool) {
    match y {
        Yaml::Str(s) => {
            w.string(s);
        }
        Yaml::Bool(b) => {
            w.bool(*b);
        }
        Yaml::Num(n) => {
            w.raw(n);
        }
        Yaml::Null => {
            w.null();
        }
        Yaml::Seq(items) => {
            w.begin_array();
            for i in items {
                write_json(w, i, sort);
            }
            w.end_array();
        }
        Yaml::Map(m) => {
            let mut entries: Vec<&(String, Yaml)> = m.iter().collect();
            if sort {
                entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            }
            w.begin_object();
            for (k, v) in entries {
                w.key(k);
                write_json(w, v, sort);
            }
            w.end_object();
        }
    }
}

/// Prints a built object in the requested format: YAML, or JSON in the struct order given.
pub(crate) fn print(mut y: Yaml, output: crate::model::tree::OutputFormat) -> String {
    match output {
        crate::model::tree::OutputFormat::Yaml => to_yaml(&mut y),
        crate::model::tree::OutputFormat::Json => to_json(&y, false),
    }
}

/// Whether kubectl `version` (`1.33`, `v1.34.1`) prints `creationTimestamp: null` in a new
/// object: 1.33 and older do; 1.34 omits it (kubernetes PR #130989, the field became `omitzero`).
/// The `pullsecret` command's `--kubectl-version`.
pub fn kubectl_prints_creation_timestamp(version: &str) -> Result<bool, Error> {
    let minor = version
        .strip_prefix('v')
        .unwrap_or(version)
        .strip_prefix("1.")
        .map(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap_or("")
        })
        .and_then(|m| m.parse::<u32>().ok());
    match minor {
        Some(m) => Ok(m <= 33),
        None => Err(Error::option(
            ErrorCode::InvalidOption,
            "kubectl version must look like 1.33 or v1.34.1",
        )),
    }
}

/// `metadata` of a new object as kubectl builds it: `name`, `namespace`, and with
/// `creation_timestamp` the `creationTimestamp: null` of kubectl 1.33 and older.
pub(crate) fn new_metadata(
    name_key: &str,
    name: &str,
    namespace: Option<&str>,
    creation_timestamp: bool,
) -> Yaml {
    let mut m = Yaml::strs(&[(name_key, name)]);
    if let Some(ns) = namespace {
        m = m.with("namespace", Yaml::str(ns));
    }
    if creation_timestamp {
        m = m.with("creationTimestamp", Yaml::Null);
    }
    m
}

/// Quotes `s` for a POSIX shell when it needs it (`'...'`, with `'` as `'\''`).
pub(crate) fn shell_quote(s: &str) -> String {
    let safe = !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'-' | b'_' | b'.' | b'/' | b':' | b'=' | b'@' | b',' | b'+'
                )
        });
    if safe {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_resolve_as_yaml_1_1() {
        // kubectl reads manifests with sigs.k8s.io/yaml (go-yaml v2): `yes`/`off` are booleans.
        let y = read(
            "kind: ServiceAccount\nautomountServiceAccountToken: yes\nx: Off\ny: 'yes'\nz: yesno\n",
            None,
        )
        .unwrap();
        let Yaml::Map(m) = y else { panic!("not a map") };
        let get = |k: &str| {
            m.iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        assert_eq!(get("automountServiceAccountToken"), Yaml::Bool(true));
        assert_eq!(get("x"), Yaml::Bool(false));
        assert_eq!(get("y"), Yaml::Str("yes".into()));
        assert_eq!(get("z"), Yaml::Str("yesno".into()));
    }

    #[test]
    fn numbers() {
        for ok in ["0", "12", "-3", "1.5", "1e3", "2.5E-2"] {
            assert!(is_number(ok), "{ok}");
        }
        for bad in ["", "01", "1.", ".5", "1e", "0x1", "1_000", "abc", "-"] {
            assert!(!is_number(bad), "{bad}");
        }
    }

    #[test]
    fn reads_yaml_and_json_alike() {
        let y = read("a: 1\nb: \"1\"\nc: true\nd:\ne: [x]\n", None).unwrap();
        let j = read(r#"{"a":1,"b":"1","c":true,"d":null,"e":["x"]}"#, None).unwrap();
        assert_eq!(y, j);
        assert_eq!(
            patch(&y, &["a", "b", "c", "d", "e"]),
            r#"{"a":1,"b":"1","c":true,"d":null,"e":["x"]}"#
        );
    }

    #[test]
    fn refuses_non_objects_with_position() {
        let e = read("a: [\n", None).unwrap_err();
        assert_eq!(e.code.as_str(), "yaml-syntax");
        assert!(e.position.is_some());
        assert_eq!(
            read("- a\n", None).unwrap_err().code.as_str(),
            "not-an-object"
        );
        assert_eq!(
            read("a: 1\n---\nb: 2\n", None).unwrap_err().code.as_str(),
            "not-an-object"
        );
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("a-b"), "a-b");
        assert_eq!(shell_quote(r#"{"a":1}"#), r#"'{"a":1}'"#);
        assert_eq!(shell_quote("it's"), r#"'it'\''s'"#);
    }
}
