//! The registry entries of a config, read the way Go clients read them.
//!
//! Go's `encoding/json` binds object keys to struct fields case-insensitively (`"Auths"` and
//! `"AUTH"` work), keeps the last of repeated keys, merges repeated `auths` objects into one map,
//! treats `null` as "not set", and fails the whole file when a field has the wrong type. This
//! module applies those rules to the span-keeping JSON tree, and reports each one that silently
//! changes what the user wrote.

use crate::diagnostics::{push_pointer_token, Code, Diagnostic};
use crate::syntax::json::{Member, Node, Span, Value};
use std::collections::HashMap;

/// The two shapes of a registry credential file (serialized as `dockerconfigjson`, `dockercfg`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Format {
    /// `{"auths": {...}}`: Docker `config.json`, Podman `auth.json`, `.dockerconfigjson`.
    DockerConfigJson,
    /// Registries at the top level: legacy `~/.dockercfg`, Kubernetes `.dockercfg`.
    DockerCfg,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::DockerConfigJson => "dockerconfigjson",
            Format::DockerCfg => "dockercfg",
        }
    }
}

/// A string field of an entry, with where its value is. `Debug` shows the span only: the value
/// may be a password, `auth` or token.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Field<'c> {
    pub value: &'c str,
    pub span: Span,
}

impl std::fmt::Debug for Field<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Field")
            .field("value", &"<redacted>")
            .field("span", &self.span)
            .finish()
    }
}

/// One registry entry as Go clients see it.
/// Which clients' Go decoders refuse a value of the wrong JSON type: each reads only the
/// fields of its own structs (kubelet: `auths` with `username`, `password`, `email`, `auth`;
/// containers/image: `auths` with `auth`, `identitytoken`, and `credHelpers`; docker: all of
/// its `ConfigFile`). A refused file is refused whole.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Refused {
    pub kubelet: bool,
    pub containers: bool,
    pub docker: bool,
}

impl Refused {
    pub const ALL: Refused = Refused {
        kubelet: true,
        containers: true,
        docker: true,
    };

    fn or(self, o: Refused) -> Refused {
        Refused {
            kubelet: self.kubelet || o.kubelet,
            containers: self.containers || o.containers,
            docker: self.docker || o.docker,
        }
    }

    /// Who refuses a wrong-typed field of an entry (`field` in lower case).
    fn entry_field(field: &str) -> Refused {
        Refused {
            kubelet: matches!(field, "auth" | "username" | "password" | "email"),
            containers: matches!(field, "auth" | "identitytoken"),
            docker: true,
        }
    }

    /// What the refusal means, per client, for a message.
    fn effect(self) -> &'static str {
        match (self.kubelet, self.containers, self.docker) {
            (true, true, true) => "Go clients (kubelet, podman, docker) fail to read the whole file (docker warns and pulls anonymously)",
            (true, false, _) => "kubelet rejects the whole secret and docker cannot load the file (it warns and pulls anonymously); podman, CRI-O and skopeo do not read this field and still use the file",
            (false, true, _) => "podman, CRI-O and skopeo fail to read the file and docker cannot load it (it warns and pulls anonymously); kubelet does not read this field",
            _ => "docker cannot load the file (it warns and pulls anonymously); kubelet, podman, CRI-O and skopeo do not read this field",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Entry<'c> {
    /// The key exactly as written (`quay.io`, `https://index.docker.io/v1/`, …).
    pub key: &'c str,
    pub key_span: Span,
    pub pointer: String,
    pub auth: Option<Field<'c>>,
    pub username: Option<Field<'c>>,
    pub password: Option<Field<'c>>,
    pub email: Option<Field<'c>>,
    pub identity_token: Option<Field<'c>>,
    pub registry_token: Option<Field<'c>>,
    /// Fields no client reads, by name (kept by lossless edits).
    pub other_fields: Vec<&'c str>,
    /// A later entry has the same key: Go keeps that one, this one is ignored.
    pub shadowed: bool,
    /// A field has the wrong JSON type (reported as `wrong-type`).
    pub invalid: bool,
    /// Which clients refuse the file because of this entry.
    pub refused: Refused,
}

/// The whole file. `Debug` leaves out `root`, whose values are the credentials.
#[derive(Clone)]
pub struct Config<'c> {
    /// The parsed file the entries were read from (edits rewrite it without parsing again).
    pub root: &'c Node<'c>,
    pub format: Format,
    pub entries: Vec<Entry<'c>>,
    pub cred_helpers: Vec<(&'c str, &'c str)>,
    pub creds_store: Option<&'c str>,
    /// Top-level keys other than `auths`, `credHelpers`, `credsStore` (Docker UI settings,
    /// `HttpHeaders`, …), in order.
    pub other_keys: Vec<&'c str>,
    /// Span of the (last) `auths` object, for conversions that keep its bytes.
    pub auths_span: Option<Span>,
    /// Span of the `credsStore` key (the last one read), for findings about it.
    pub creds_store_span: Option<Span>,
    /// Span of the `credHelpers` key (the last one read).
    pub cred_helpers_span: Option<Span>,
    /// Which clients refuse the whole file for a value of the wrong JSON type.
    pub refused: Refused,
}

impl std::fmt::Debug for Config<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("format", &self.format)
            .field("entries", &self.entries)
            .field("cred_helpers", &self.cred_helpers)
            .field("creds_store", &self.creds_store)
            .field("other_keys", &self.other_keys)
            .field("auths_span", &self.auths_span)
            .finish_non_exhaustive()
    }
}

/// Keys Docker's `ConfigFile` knows: their presence marks a `config.json` even without `auths`.
const DOCKER_KEYS: &[&str] = &[
    "auths",
    "credsstore",
    "credhelpers",
    "httpheaders",
    "psformat",
    "imagesformat",
    "networksformat",
    "pluginsformat",
    "volumesformat",
    "statsformat",
    "detachkeys",
    "experimental",
    "stackorchestrator",
    "currentcontext",
    "proxies",
    "plugins",
    "aliases",
    "features",
    "kubernetes",
    "servicesformat",
    "secretformat",
    "configformat",
    "nodesformat",
    "tasksformat",
    "serviceinspectformat",
];

impl<'c> Config<'c> {
    /// Reads a config from its JSON tree. `diags` receives findings with spans in the config text.
    pub fn read(root: &'c Node<'c>, diags: &mut Vec<Diagnostic>) -> Option<Config<'c>> {
        let Some(members) = root.value.as_object() else {
            diags.push(Diagnostic::new(
                Code::NotAnObject,
                format!(
                    "the config must be a JSON object, not {}",
                    article(root.value.type_name())
                ),
                "",
                Span::new(root.span.start, root.span.start),
            ));
            return None;
        };
        check_duplicates(members, "", diags, true);
        let has_docker_key = members
            .iter()
            .any(|m| DOCKER_KEYS.iter().any(|k| m.key.eq_ignore_ascii_case(k)));
        let legacy = !has_docker_key
            && !members.is_empty()
            && members
                .iter()
                .all(|m| matches!(m.value.value, Value::Object(_) | Value::Null));
        let mut cfg = Config {
            root,
            format: if legacy {
                Format::DockerCfg
            } else {
                Format::DockerConfigJson
            },
            entries: Vec::new(),
            cred_helpers: Vec::new(),
            creds_store: None,
            other_keys: Vec::new(),
            auths_span: None,
            creds_store_span: None,
            cred_helpers_span: None,
            refused: Refused::default(),
        };
        if legacy {
            cfg.refused = read_entries(members, "", &mut cfg.entries, diags);
            cfg.refused = cfg.entries.iter().fold(cfg.refused, |r, e| r.or(e.refused));
            return Some(cfg);
        }
        for m in members {
            let key = m.key.as_ref();
            if key.eq_ignore_ascii_case("auths") {
                match &m.value.value {
                    Value::Object(regs) => {
                        cfg.auths_span = Some(m.value.span);
                        let r = read_entries(regs, &pointer_of(&m.key), &mut cfg.entries, diags);
                        cfg.refused = cfg.refused.or(r);
                    }
                    Value::Null => {}
                    other => {
                        cfg.refused = Refused::ALL;
                        diags.push(wrong_type(
                            &m.value,
                            &pointer_of(key),
                            "an object",
                            other,
                            Refused::ALL,
                        ))
                    }
                }
            } else if key.eq_ignore_ascii_case("credHelpers") {
                cfg.cred_helpers_span = Some(m.key_span);
                match &m.value.value {
                    Value::Object(helpers) => {
                        for h in helpers {
                            match &h.value.value {
                                Value::String(s) => {
                                    cfg.cred_helpers.push((h.key.as_ref(), s.as_ref()))
                                }
                                Value::Null => {}
                                other => {
                                    let mut p = pointer_of(key);
                                    push_pointer_token(&mut p, &h.key);
                                    cfg.refused = cfg.refused.or(HELPERS);
                                    diags
                                        .push(wrong_type(&h.value, &p, "a string", other, HELPERS));
                                }
                            }
                        }
                    }
                    Value::Null => {}
                    other => {
                        cfg.refused = cfg.refused.or(HELPERS);
                        diags.push(wrong_type(
                            &m.value,
                            &pointer_of(key),
                            "an object",
                            other,
                            HELPERS,
                        ))
                    }
                }
            } else if key.eq_ignore_ascii_case("credsStore") {
                match &m.value.value {
                    Value::String(s) => {
                        cfg.creds_store = Some(s.as_ref());
                        cfg.creds_store_span = Some(m.key_span);
                    }
                    Value::Null => {}
                    other => {
                        cfg.refused = cfg.refused.or(STORE);
                        diags.push(wrong_type(
                            &m.value,
                            &pointer_of(key),
                            "a string",
                            other,
                            STORE,
                        ))
                    }
                }
            } else {
                cfg.other_keys.push(key);
            }
        }
        // A repeated `auths` is decoded into the map already there (Go's `encoding/json` reuses
        // it): the entries of every `auths` count, a key repeated across them keeps its last.
        shadow_repeated(&mut cfg.entries);
        cfg.refused = cfg.entries.iter().fold(cfg.refused, |r, e| r.or(e.refused));
        Some(cfg)
    }

    /// Entries Go clients keep (the last of each repeated key).
    pub fn effective(&self) -> impl Iterator<Item = &Entry<'c>> {
        self.entries.iter().filter(|e| !e.shadowed)
    }
}

fn pointer_of(key: &str) -> String {
    let mut p = String::new();
    push_pointer_token(&mut p, key);
    p
}

fn article(t: &str) -> String {
    match t {
        "array" | "object" => format!("an {t}"),
        "null" => "null".into(),
        _ => format!("a {t}"),
    }
}

/// containers/image and docker read `credHelpers`; kubelet does not.
const HELPERS: Refused = Refused {
    kubelet: false,
    containers: true,
    docker: true,
};
/// Only docker reads `credsStore`.
const STORE: Refused = Refused {
    kubelet: false,
    containers: false,
    docker: true,
};

fn wrong_type(
    node: &Node<'_>,
    pointer: &str,
    expected: &str,
    got: &Value<'_>,
    who: Refused,
) -> Diagnostic {
    Diagnostic::new(
        Code::WrongType,
        format!(
            "`{}` must be {expected}, not {}: {}",
            pointer.rsplit('/').next().unwrap_or(""),
            article(got.type_name()),
            who.effect()
        ),
        pointer,
        node.span,
    )
}

/// Reports keys that repeat within one object. `fold_case`: Go struct fields (case-insensitive).
fn check_duplicates(
    members: &[Member<'_>],
    base: &str,
    diags: &mut Vec<Diagnostic>,
    fold_case: bool,
) {
    if members.len() < 2 {
        return;
    }
    // Small objects: quadratic is fastest. Large registry maps: a hash table (exact keys).
    let same = |a: &str, b: &str| {
        if fold_case {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    };
    let mut report = |first: &Member<'_>, later: &Member<'_>| {
        let mut p = String::from(base);
        push_pointer_token(&mut p, &later.key);
        let maps = base.is_empty()
            && ["auths", "credHelpers", "HttpHeaders"]
                .iter()
                .any(|k| later.key.eq_ignore_ascii_case(k))
            && matches!(first.value.value, Value::Object(_))
            && matches!(later.value.value, Value::Object(_));
        let msg = if maps {
            format!("`{}` appears more than once: Go clients decode the later one into the map of the first, so the entries of both count (a key in both keeps the later entry); merge them into one", later.key)
        } else if first.key == later.key {
            format!("`{}` appears more than once in this object; Go clients silently keep only the last one", later.key)
        } else {
            format!("`{}` and `{}` are the same field for Go clients (matched case-insensitively); the last one wins", first.key, later.key)
        };
        diags.push(
            Diagnostic::new(Code::DuplicateKey, msg, p, later.key_span)
                .with_label(first.key_span, "first defined here"),
        );
    };
    if members.len() <= 16 {
        for (j, later) in members.iter().enumerate().skip(1) {
            if let Some(first) = members[..j].iter().find(|m| same(&m.key, &later.key)) {
                report(first, later);
            }
        }
    } else {
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(members.len());
        for (later, m) in members.iter().enumerate() {
            if let Some(first) = seen.insert(&m.key, later) {
                report(&members[first], m);
            }
        }
    }
}

/// The fields of an entry Go clients read (case-insensitively), in the order `read_entries`
/// binds them.
pub(crate) const ENTRY_FIELDS: [&str; 6] = [
    "auth",
    "username",
    "password",
    "email",
    "identitytoken",
    "registrytoken",
];

fn read_entries<'c>(
    regs: &'c [Member<'c>],
    base: &str,
    out: &mut Vec<Entry<'c>>,
    diags: &mut Vec<Diagnostic>,
) -> Refused {
    check_duplicates(regs, base, diags, false);
    let mut refused = Refused::default();
    out.reserve(regs.len());
    let start = out.len();
    for m in regs {
        let mut ptr = String::with_capacity(base.len() + m.key.len() + 2);
        ptr.push_str(base);
        push_pointer_token(&mut ptr, &m.key);
        let fields = match &m.value.value {
            Value::Object(f) => f.as_slice(),
            Value::Null => &[],
            other => {
                diags.push(wrong_type(&m.value, &ptr, "an object", other, Refused::ALL));
                refused = Refused::ALL;
                continue;
            }
        };
        check_duplicates(fields, &ptr, diags, true);
        let mut e = Entry {
            key: m.key.as_ref(),
            key_span: m.key_span,
            pointer: ptr,
            auth: None,
            username: None,
            password: None,
            email: None,
            identity_token: None,
            registry_token: None,
            other_fields: Vec::new(),
            shadowed: false,
            invalid: false,
            refused: Refused::default(),
        };
        for f in fields {
            // Go binds the field names case-insensitively (no lower-cased copy of each key); the
            // names as Go writes them are found by one comparison first.
            let key: &str = f.key.as_ref();
            let exact = ENTRY_FIELDS.iter().position(|n| *n == key);
            let slot = match exact.or_else(|| {
                ENTRY_FIELDS
                    .iter()
                    .position(|n| key.eq_ignore_ascii_case(n))
            }) {
                Some(0) => &mut e.auth,
                Some(1) => &mut e.username,
                Some(2) => &mut e.password,
                Some(3) => &mut e.email,
                Some(4) => &mut e.identity_token,
                Some(5) => &mut e.registry_token,
                _ => {
                    e.other_fields.push(f.key.as_ref());
                    continue;
                }
            };
            match &f.value.value {
                Value::String(s) => {
                    *slot = Some(Field {
                        value: s.as_ref(),
                        span: f.value.span,
                    })
                }
                Value::Null => {}
                other => {
                    let mut p = e.pointer.clone();
                    push_pointer_token(&mut p, &f.key);
                    let who = Refused::entry_field(&f.key.to_ascii_lowercase());
                    diags.push(wrong_type(&f.value, &p, "a string", other, who));
                    e.invalid = true;
                    e.refused = e.refused.or(who);
                }
            }
        }
        out.push(e);
    }
    shadow_repeated(&mut out[start..]);
    refused
}

/// Marks all but the last of each repeated key (exact match, as Go map keys).
fn shadow_repeated(added: &mut [Entry<'_>]) {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(added.len());
    for i in 0..added.len() {
        if let Some(earlier) = seen.insert(added[i].key, i) {
            added[earlier].shadowed = true;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn debug_never_shows_field_values() {
        let text = r#"{"auths":{"r.io":{"auth":"dTpzM2NyM3Q=","username":"u","password":"s3cr3t","identitytoken":"t0k3n"}}}"#;
        let root = crate::syntax::json::parse(text).unwrap();
        let cfg = super::Config::read(&root, &mut std::vec::Vec::new()).unwrap();
        let shown = std::format!("{cfg:?}");
        for secret in ["dTpzM2NyM3Q=", "s3cr3t", "t0k3n"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("r.io"));
    }
}
