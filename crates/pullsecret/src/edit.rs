//! `add`, `remove` and `merge`: editing credential files without the losses of the reference
//! writers.
//!
//! `podman login` and `oc registry login` (containers/image `SetCredentials` → `modifyJSON`)
//! re-serialise the whole file: other entries lose `email`, `username`, `password` and every
//! unknown field, unknown top-level keys (`credsStore`, `HttpHeaders`, …) vanish, and the layout
//! becomes tab-indented and sorted. The default style here, [`EditStyle::Preserve`], splices the
//! change into the existing text (see `layout.rs`) and keeps every other byte;
//! [`EditStyle::Podman`] reproduces podman's bytes for users who want exactly those.
//!
//! Decisions (documented in the README):
//! - Re-adding an existing key keeps its position, its unknown fields and `email` (unless a new
//!   one is given); `auth` is replaced and `username`/`password` fields, when present, are updated
//!   to match; `identitytoken` and `registrytoken` are dropped, since they belong to the old login
//!   and docker would keep using the old token instead of the new password.
//! - A new entry is `{"auth": …}` (plus `email` when given), inserted at its sorted place when the
//!   existing keys are sorted, else at the end.
//! - Empty input (or `{}`) starts a new file laid out as podman lays it out.
//! - A Secret or base64 input is edited inside: the result is the config text.
//! - `remove` of a key that is not there fails with `not-logged-in`, as `podman logout` does.

use crate::b64;
use crate::config::Format;
use crate::error::{Error, ErrorCode};
use crate::gojson::{self, Writer};
use crate::json::{self, Member, Node, Value};
use crate::keys;
use crate::layout::{self, Item, Style};
use crate::redact::Secret;
use crate::text::{cat, uint};
use alloc::string::String;
use alloc::vec::Vec;

/// How an edited file is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EditStyle {
    /// Splice the change into the existing text; every other byte stays.
    #[default]
    Preserve,
    /// The bytes podman/skopeo/`oc registry login` write: `json.MarshalIndent` with a tab, keys
    /// sorted, no trailing newline, only `auth` and `identitytoken` per entry, only `auths` and
    /// `credHelpers` at the top level (everything else is dropped, as podman drops it).
    Podman,
}

const STYLES: &[(&str, EditStyle)] = &[
    ("preserve", EditStyle::Preserve),
    ("podman", EditStyle::Podman),
];

/// Options of [`add`]. `Debug` redacts the password.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddOptions {
    /// The key to write, verbatim (`quay.io`, `quay.io/org`, `https://index.docker.io/v1/`).
    pub registry: String,
    pub username: String,
    pub password: Secret,
    /// Written only in preserve style; podman style has no `email` and refuses it.
    pub email: Option<String>,
    pub style: EditStyle,
}

impl AddOptions {
    /// Reads `{"registry", "username", "password", "email"?, "style"?}`; unknown names are refused.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let o = crate::options::Options::read(
            text,
            &["registry", "username", "password", "email", "style"],
        )?;
        Ok(AddOptions {
            registry: o.string("registry")?.unwrap_or_default(),
            username: o.string("username")?.unwrap_or_default(),
            password: o.string("password")?.unwrap_or_default().into(),
            email: o.string("email")?,
            style: o.choice("style", STYLES)?.unwrap_or_default(),
        })
    }
}

/// Options of [`remove`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RemoveOptions {
    /// Also remove every key that names the same registry (`quay.io`, `https://quay.io`,
    /// `http://quay.io/v2/`; the Docker Hub spellings), not only the exact key.
    pub aliases: bool,
    pub style: EditStyle,
}

impl RemoveOptions {
    /// Reads `{"aliases"?, "style"?}`; unknown names are refused.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let o = crate::options::Options::read(text, &["aliases", "style"])?;
        Ok(RemoveOptions {
            aliases: o.boolean("aliases")?,
            style: o.choice("style", STYLES)?.unwrap_or_default(),
        })
    }
}

/// Which entry `merge` keeps when configs disagree about a registry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnConflict {
    /// The later config wins (the OpenShift global pull secret "append", self-managed HyperShift).
    #[default]
    Last,
    /// The earlier config wins (managed HyperShift: the original pull secret wins).
    First,
    /// Fail with `merge-conflict`.
    Error,
}

/// Options of [`merge`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeOptions {
    pub on_conflict: OnConflict,
    pub style: EditStyle,
}

impl MergeOptions {
    /// Reads `{"onConflict"?, "style"?}`; unknown names are refused.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let o = crate::options::Options::read(text, &["onConflict", "style"])?;
        Ok(MergeOptions {
            on_conflict: o
                .choice(
                    "onConflict",
                    &[
                        ("last", OnConflict::Last),
                        ("first", OnConflict::First),
                        ("error", OnConflict::Error),
                    ],
                )?
                .unwrap_or_default(),
            style: o.choice("style", STYLES)?.unwrap_or_default(),
        })
    }
}

/// What [`remove`] returns: the new config text and the keys it removed, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edited {
    pub config: String,
    pub removed: Vec<String>,
}

impl Edited {
    /// `{"config", "removed": [...]}`.
    pub fn to_json(&self) -> String {
        let mut w = Writer::with_capacity(self.config.len() + 64);
        w.begin_object().field("config", &self.config);
        w.key("removed").begin_array();
        for k in &self.removed {
            w.string(k);
        }
        w.end_array().end_object();
        w.finish()
    }
}

/// Where a merge conflict is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// Registry entries (`auths`, or the top level of a legacy file), compared by registry.
    Auths,
    /// `credHelpers`, compared by exact key.
    CredHelpers,
    /// Other top-level keys (`credsStore`, `HttpHeaders`, …), compared by exact key.
    Config,
}

impl Section {
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Auths => "auths",
            Section::CredHelpers => "credHelpers",
            Section::Config => "config",
        }
    }
}

/// Configs that disagree about one registry (or one top-level key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub section: Section,
    /// The registry (normalised: `docker.io`, `quay.io`, `quay.io/org`) or the top-level key.
    pub name: String,
    /// The keys as written, one per entry, in config order.
    pub keys: Vec<String>,
    /// For each key, the index of the config it came from.
    pub sources: Vec<usize>,
    /// The config whose entries were kept (`None` with `onConflict: "error"`).
    pub kept: Option<usize>,
}

/// What [`merge`] returns: the merged config and every conflict (each names what was dropped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    pub config: String,
    pub conflicts: Vec<Conflict>,
}

impl Merged {
    /// `{"config", "conflicts": [{"section", "registry"|"key", "keys", "sources", "kept"}]}`.
    pub fn to_json(&self) -> String {
        let mut w = Writer::with_capacity(self.config.len() + 64 + self.conflicts.len() * 96);
        w.begin_object().field("config", &self.config);
        w.key("conflicts").begin_array();
        for c in &self.conflicts {
            write_conflict(&mut w, c);
        }
        w.end_array().end_object();
        w.finish()
    }
}

fn write_conflict(w: &mut Writer, c: &Conflict) {
    let name_key = if c.section == Section::Config {
        "key"
    } else {
        "registry"
    };
    w.begin_object()
        .field("section", c.section.as_str())
        .field(name_key, &c.name);
    w.key("keys").begin_array();
    for k in &c.keys {
        w.string(k);
    }
    w.end_array().key("sources").begin_array();
    for s in &c.sources {
        w.uint(*s);
    }
    w.end_array();
    if let Some(k) = c.kept {
        w.key("kept").uint(k);
    }
    w.end_object();
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// A config read for editing: the text before it (a BOM, kept), its own text, its format.
struct Loaded {
    prefix: String,
    text: String,
    format: Format,
}

fn load(text: &str) -> Result<Loaded, Error> {
    if text.trim_matches([' ', '\t', '\r', '\n']).is_empty() {
        return Ok(Loaded {
            prefix: String::new(),
            text: "{}".into(),
            format: Format::DockerConfigJson,
        });
    }
    crate::document::read_config(text, &[], |input, cfg_text, cfg| Loaded {
        prefix: if input.is_identity() {
            text[..input.base].into()
        } else {
            String::new()
        },
        text: cfg_text.into(),
        format: cfg.format,
    })
}

/// The parsed tree of a loaded config (already checked by `read_config`).
fn tree(l: &Loaded) -> Node<'_> {
    json::parse(&l.text).unwrap_or(Node {
        span: json::Span::new(0, 0),
        value: Value::Object(Vec::new()),
    })
}

fn root_members<'n, 'a>(root: &'n Node<'a>) -> &'n [Member<'a>] {
    root.value.as_object().unwrap_or(&[])
}

/// Indices (in the root) of the objects holding registry entries: every `auths` object (Go
/// merges repeated ones), or the root itself (`None`) for a legacy file.
fn entry_objects(root: &Node<'_>, format: Format) -> Vec<Option<usize>> {
    if format == Format::DockerCfg {
        return alloc::vec![None];
    }
    root_members(root)
        .iter()
        .enumerate()
        .filter(|(_, m)| m.key.eq_ignore_ascii_case("auths") && m.value.value.as_object().is_some())
        .map(|(i, _)| Some(i))
        .collect()
}

fn object_at<'n, 'a>(root: &'n Node<'a>, at: Option<usize>) -> &'n Node<'a> {
    match at {
        None => root,
        Some(i) => &root_members(root)[i].value,
    }
}

fn keep_all(n: usize) -> Vec<Item> {
    (0..n).map(Item::Keep).collect()
}

/// Indices of `keys` grouped by equal key: groups in key order, each in input order. (One
/// non-generic sort instead of a `BTreeMap` per element type: the wasm package stays small.)
fn groups<K: AsRef<str>>(keys: &[K]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    crate::sort::indices(&mut order, &|a, b| keys[a].as_ref().cmp(keys[b].as_ref()));
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut prev: Option<usize> = None;
    for i in order {
        match (prev, out.last_mut()) {
            (Some(p), Some(g)) if keys[p].as_ref() == keys[i].as_ref() => g.push(i),
            _ => out.push(alloc::vec![i]),
        }
        prev = Some(i);
    }
    out
}

fn option_error(code: ErrorCode, message: impl Into<String>) -> Error {
    Error::option(code, message)
}

// ---------------------------------------------------------------------------------------------
// add
// ---------------------------------------------------------------------------------------------

/// Adds or replaces the entry for `opts.registry` with `auth` = base64 of the UTF-8
/// `username:password`, as `podman login` / `oc registry login --to=FILE` do, without their
/// losses (see the module docs). Input: a config (empty for a new file), its base64 or a Secret;
/// output: the config text.
pub fn add(config: &str, opts: &AddOptions) -> Result<String, Error> {
    check_add_options(opts)?;
    let loaded = load(config)?;
    if opts.style == EditStyle::Podman {
        check_podman_add(&loaded, opts)?;
    }
    let root = tree(&loaded);
    let style = Style::detect(&loaded.text, &root);
    let mut creds = String::with_capacity(opts.username.len() + opts.password.expose().len() + 1);
    creds.push_str(&opts.username);
    creds.push(':');
    creds.push_str(opts.password.expose());
    let auth = b64::encode(creds.as_bytes());
    let new_entry = || {
        let mut w = Writer::new();
        w.begin_object().field("auth", &auth);
        w.opt_field("email", opts.email.as_deref());
        w.end_object();
        w.finish()
    };
    let objects = entry_objects(&root, loaded.format);
    // The effective entry of this key: the last one (Go keeps the last of repeated keys).
    let existing = objects
        .iter()
        .flat_map(|&o| {
            root_members(object_at(&root, o))
                .iter()
                .enumerate()
                .filter(|(_, m)| m.key == opts.registry.as_str())
                .map(move |(i, _)| (o, i))
        })
        .last();
    let text = loaded.text.as_str();
    let rewritten_root = match existing {
        Some((o, i)) => {
            let obj = object_at(&root, o);
            let member = &root_members(obj)[i];
            let new_obj = if let Some(fields) = member.value.value.as_object() {
                let entry = update_entry(text, &member.value, fields, opts, &auth, &style);
                let mut items = keep_all(root_members(obj).len());
                items[i] = Item::Verbatim(i, entry);
                layout::rewrite_object(text, obj, &items, &style)
            } else {
                let mut items = keep_all(root_members(obj).len());
                items[i] = Item::Replace(i, new_entry());
                layout::rewrite_object(text, obj, &items, &style)
            };
            replace_in_root(text, &root, o, new_obj, &style)
        }
        None => match objects.last() {
            Some(&o) => {
                let obj = object_at(&root, o);
                let items = with_new(text, obj, &opts.registry, new_entry());
                let new_obj = layout::rewrite_object(text, obj, &items, &style);
                replace_in_root(text, &root, o, new_obj, &style)
            }
            None => {
                // No `auths` object: replace an `"auths": null`, or add the member.
                let mut w = Writer::new();
                w.begin_object()
                    .key(&opts.registry)
                    .raw(&new_entry())
                    .end_object();
                let auths = w.finish();
                let members = root_members(&root);
                let items = match members
                    .iter()
                    .rposition(|m| m.key.eq_ignore_ascii_case("auths"))
                {
                    Some(i) => {
                        let mut items = keep_all(members.len());
                        items[i] = Item::Replace(i, auths);
                        items
                    }
                    None => with_new(text, &root, "auths", auths),
                };
                layout::rewrite_object(text, &root, &items, &style)
            }
        },
    };
    finish(&loaded, &root, rewritten_root, opts.style)
}

fn check_add_options(opts: &AddOptions) -> Result<(), Error> {
    let missing: Vec<&str> = [
        ("registry", opts.registry.is_empty()),
        ("username", opts.username.is_empty()),
        ("password", opts.password.expose().is_empty()),
    ]
    .iter()
    .filter(|(_, m)| *m)
    .map(|(n, _)| *n)
    .collect();
    if !missing.is_empty() {
        return Err(option_error(
            ErrorCode::MissingOption,
            cat(&[&missing.join(", "), " must not be empty"]),
        ));
    }
    if opts.username.contains(':') {
        return Err(option_error(
            ErrorCode::InvalidOption,
            "the username must not contain `:`: every client splits `auth` at the first `:`, so the rest would become part of the password",
        ));
    }
    Ok(())
}

fn check_podman_add(loaded: &Loaded, opts: &AddOptions) -> Result<(), Error> {
    if let Some(problem) = keys::containers_key_problem(&opts.registry) {
        return Err(option_error(
            ErrorCode::KeyRefused,
            cat(&[problem, " (registry `", &opts.registry, "`)"]),
        ));
    }
    if opts.email.is_some() {
        return Err(option_error(
            ErrorCode::Unsupported,
            "podman style has no `email` field: podman drops it (use the preserve style to keep it)",
        ));
    }
    check_podman_format(loaded)?;
    let root = tree(loaded);
    // podman login (containers/common `Login`) refuses to log in over an identity token, which
    // containers/image returns only beside an `auth` holding `user:`.
    let objects = entry_objects(&root, loaded.format);
    let current = objects
        .iter()
        .flat_map(|&o| root_members(object_at(&root, o)))
        .filter(|m| m.key == opts.registry.as_str())
        .last();
    if let Some(fields) = current.and_then(|m| m.value.value.as_object()) {
        let field = |name: &str| {
            fields
                .iter()
                .rev()
                .filter(|f| f.key.eq_ignore_ascii_case(name))
                .find_map(|f| f.value.value.as_str())
        };
        let auth_has_colon = field("auth")
            .and_then(|a| b64::decode_go(&b64::STD, a))
            .is_some_and(|d| d.contains(&b':'));
        if auth_has_colon && field("identitytoken").is_some_and(|t| !t.is_empty()) {
            return Err(option_error(
                ErrorCode::Unsupported,
                cat(&["podman refuses to log in to `", &opts.registry, "`: currently logged in, the entry holds an identity token (the preserve style replaces it)"]),
            ));
        }
    }
    for m in root_members(&root) {
        if m.key.eq_ignore_ascii_case("credHelpers") {
            if let Some(h) = m.value.value.as_object() {
                if h.iter().any(|h| h.key == opts.registry.as_str()) {
                    return Err(option_error(
                        ErrorCode::Unsupported,
                        cat(&["`credHelpers` names `", &opts.registry, "`: podman would hand the credentials to that helper and leave the file unchanged"]),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn check_podman_format(loaded: &Loaded) -> Result<(), Error> {
    if loaded.format == Format::DockerCfg {
        return Err(option_error(
            ErrorCode::Unsupported,
            "the file is a legacy .dockercfg: podman does not write that format (its entries would all be lost); use the preserve style",
        ));
    }
    Ok(())
}

/// The items of `obj` with a new member `key` at its place.
fn with_new(text: &str, obj: &Node<'_>, key: &str, value: String) -> Vec<Item> {
    let members = root_members(obj);
    let _ = text;
    let at = layout::insert_position(members.iter().map(|m| m.key.as_ref()), key);
    let mut items = keep_all(members.len());
    items.insert(at, Item::New(key.into(), value));
    items
}

/// The new text of an existing entry object: `auth` (and `username`/`password` when present)
/// set, `email` set when given, tokens of the old login dropped, everything else kept.
fn update_entry(
    text: &str,
    entry: &Node<'_>,
    fields: &[Member<'_>],
    opts: &AddOptions,
    auth: &str,
    style: &Style,
) -> String {
    let q = |s: &str| {
        let mut o = String::new();
        gojson::push_str(&mut o, s);
        o
    };
    let mut items = Vec::with_capacity(fields.len() + 2);
    let (mut has_auth, mut has_email) = (false, false);
    for (i, f) in fields.iter().enumerate() {
        let item = match f.key.to_ascii_lowercase().as_str() {
            "auth" => {
                has_auth = true;
                Item::Replace(i, q(auth))
            }
            "username" => Item::Replace(i, q(&opts.username)),
            "password" => Item::Replace(i, q(opts.password.expose())),
            "email" => {
                has_email = true;
                match &opts.email {
                    Some(e) => Item::Replace(i, q(e)),
                    None => Item::Keep(i),
                }
            }
            "identitytoken" | "registrytoken" => continue,
            _ => Item::Keep(i),
        };
        items.push(item);
    }
    if !has_auth {
        items.push(Item::New("auth".into(), q(auth)));
    }
    if let (false, Some(e)) = (has_email, &opts.email) {
        items.push(Item::New("email".into(), q(e)));
    }
    layout::rewrite_object(text, entry, &items, style)
}

/// The root's new text once the entry object at `o` (`None`: the root) is `new_obj`.
fn replace_in_root(
    text: &str,
    root: &Node<'_>,
    o: Option<usize>,
    new_obj: String,
    style: &Style,
) -> String {
    match o {
        None => new_obj,
        Some(i) => {
            let mut items = keep_all(root_members(root).len());
            items[i] = Item::Verbatim(i, new_obj);
            layout::rewrite_object(text, root, &items, style)
        }
    }
}

/// The output text: the root replaced, the bytes around it kept (or podman's bytes).
fn finish(
    loaded: &Loaded,
    root: &Node<'_>,
    new_root: String,
    style: EditStyle,
) -> Result<String, Error> {
    let text = &loaded.text;
    let mut out = String::with_capacity(loaded.prefix.len() + text.len() + new_root.len());
    out.push_str(&loaded.prefix);
    out.push_str(&text[..root.span.start]);
    out.push_str(&new_root);
    out.push_str(&text[root.span.end..]);
    Ok(match style {
        EditStyle::Preserve => out,
        EditStyle::Podman => podman_bytes(&out[loaded.prefix.len()..]),
    })
}

// ---------------------------------------------------------------------------------------------
// podman style
// ---------------------------------------------------------------------------------------------

/// The file as containers/image `modifyJSON` writes it after reading `text` into
/// `dockerConfigFile{auths map[string]{auth, identitytoken}, credHelpers map[string]string}`
/// with Go's rules (case-insensitive field names, last duplicate wins, `null` is unset).
fn podman_bytes(text: &str) -> String {
    let Ok(root) = json::parse(text) else {
        return String::new();
    };
    // (key, auth, identitytoken) in file order; Go keeps the last of a repeated key.
    let mut auths: Vec<(&str, Option<&str>, Option<&str>)> = Vec::new();
    let mut helpers: Vec<(&str, &str)> = Vec::new();
    for m in root_members(&root) {
        if m.key.eq_ignore_ascii_case("auths") {
            for e in m.value.value.as_object().unwrap_or(&[]) {
                let (mut auth, mut token) = (None, None);
                for f in e.value.value.as_object().unwrap_or(&[]) {
                    let v = f.value.value.as_str();
                    if f.key.eq_ignore_ascii_case("auth") {
                        auth = v.or(auth);
                    } else if f.key.eq_ignore_ascii_case("identitytoken") {
                        token = v.or(token);
                    }
                }
                auths.push((&e.key, auth, token));
            }
        } else if m.key.eq_ignore_ascii_case("credHelpers") {
            for h in m.value.value.as_object().unwrap_or(&[]) {
                helpers.push((&h.key, h.value.value.as_str().unwrap_or("")));
            }
        }
    }
    let auth_keys: Vec<&str> = auths.iter().map(|a| a.0).collect();
    let helper_keys: Vec<&str> = helpers.iter().map(|h| h.0).collect();
    let mut w = Writer::indented("\t");
    w.begin_object().key("auths").begin_object();
    for g in groups(&auth_keys) {
        let (k, auth, token) = auths[g[g.len() - 1]];
        w.key(k).begin_object();
        w.opt_field("auth", auth.filter(|a| !a.is_empty()));
        w.opt_field("identitytoken", token.filter(|t| !t.is_empty()));
        w.end_object();
    }
    w.end_object();
    if !helpers.is_empty() {
        w.key("credHelpers").begin_object();
        for g in groups(&helper_keys) {
            let (k, v) = helpers[g[g.len() - 1]];
            w.field(k, v);
        }
        w.end_object();
    }
    w.end_object();
    w.finish()
}

// ---------------------------------------------------------------------------------------------
// remove
// ---------------------------------------------------------------------------------------------

/// Removes the entry with exactly the key `registry` (with `aliases`, every key naming the same
/// registry) and reports the keys removed. Fails with `not-logged-in` when none is there.
pub fn remove(config: &str, registry: &str, opts: &RemoveOptions) -> Result<Edited, Error> {
    let loaded = load(config)?;
    if opts.style == EditStyle::Podman {
        check_podman_format(&loaded)?;
    }
    let root = tree(&loaded);
    let style = Style::detect(&loaded.text, &root);
    let text = loaded.text.as_str();
    let identity = keys::registry_identity(registry);
    let matches = |k: &str| k == registry || opts.aliases && keys::registry_identity(k) == identity;
    let mut removed = Vec::new();
    let mut new_objects: Vec<(Option<usize>, String)> = Vec::new();
    for o in entry_objects(&root, loaded.format) {
        let obj = object_at(&root, o);
        let members = root_members(obj);
        let gone: Vec<usize> = (0..members.len())
            .filter(|&i| matches(&members[i].key))
            .collect();
        if gone.is_empty() {
            continue;
        }
        removed.extend(gone.iter().map(|&i| String::from(members[i].key.as_ref())));
        let items: Vec<Item> = (0..members.len())
            .filter(|i| !gone.contains(i))
            .map(Item::Keep)
            .collect();
        new_objects.push((o, layout::rewrite_object(text, obj, &items, &style)));
    }
    if removed.is_empty() {
        return Err(option_error(
            ErrorCode::NotLoggedIn,
            if opts.aliases {
                cat(&[
                    "not logged in: no key of the file names the registry `",
                    &identity,
                    "`",
                ])
            } else {
                cat(&[
                    "not logged in: the file has no key `",
                    registry,
                    "` (removing with aliases also matches other spellings of the registry)",
                ])
            },
        ));
    }
    let new_root = rewrite_root(text, &root, new_objects, Vec::new(), &style);
    Ok(Edited {
        config: finish(&loaded, &root, new_root, opts.style)?,
        removed,
    })
}

/// The root's new text with the given entry objects replaced (`None`: the root itself) and the
/// given root items changed.
fn rewrite_root(
    text: &str,
    root: &Node<'_>,
    objects: Vec<(Option<usize>, String)>,
    extra: Vec<Item>,
    style: &Style,
) -> String {
    let mut items = keep_all(root_members(root).len());
    for (o, t) in objects {
        match o {
            None => return t,
            Some(i) => items[i] = Item::Verbatim(i, t),
        }
    }
    // Changes to existing members first (they are addressed by index), then new members.
    let (news, changes): (Vec<Item>, Vec<Item>) = extra
        .into_iter()
        .partition(|it| matches!(it, Item::New(..)));
    for item in changes.into_iter().chain(news) {
        match item {
            Item::Keep(_) => {}
            Item::Replace(i, _) | Item::Verbatim(i, _) => items[i] = item,
            Item::New(ref k, _) => {
                let keys = items.iter().filter_map(|it| match it {
                    Item::Keep(i) | Item::Replace(i, _) | Item::Verbatim(i, _) => {
                        Some(root_members(root)[*i].key.as_ref())
                    }
                    Item::New(k, _) => Some(k.as_str()),
                });
                let at = layout::insert_position(keys, k);
                items.insert(at, item);
            }
        }
    }
    layout::rewrite_object(text, root, &items, style)
}

// ---------------------------------------------------------------------------------------------
// merge
// ---------------------------------------------------------------------------------------------

/// One member of a config being merged.
struct Found<'n, 'a> {
    source: usize,
    /// The entry object it is in (`None`: the root of a legacy file).
    object: Option<usize>,
    index: usize,
    member: &'n Member<'a>,
}

/// Merges configs into the first one's layout and format: every entry of every config is in
/// the result or named in a conflict. Conflicts are found under normalised registry names
/// (`quay.io` and `https://quay.io` conflict); `onConflict` picks the config whose entries stay.
pub fn merge(configs: &[&str], opts: &MergeOptions) -> Result<Merged, Error> {
    if configs.is_empty() {
        return Err(option_error(
            ErrorCode::MissingOption,
            "merge needs at least one config",
        ));
    }
    let loaded: Vec<Loaded> = configs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            load(c).map_err(|mut e| {
                e.message = cat(&["config ", &uint(i), ": ", &e.message]);
                e
            })
        })
        .collect::<Result<_, _>>()?;
    if opts.style == EditStyle::Podman {
        check_podman_format(&loaded[0])?;
    }
    let roots: Vec<Node<'_>> = loaded.iter().map(tree).collect();
    let base = &loaded[0];
    let text = base.text.as_str();
    let root = &roots[0];
    let style = Style::detect(text, root);
    let legacy_base = base.format == Format::DockerCfg;

    // Every registry entry, grouped by the registry it names.
    let mut all: Vec<Found<'_, '_>> = Vec::new();
    let mut identities: Vec<String> = Vec::new();
    for (s, r) in roots.iter().enumerate() {
        for o in entry_objects(r, loaded[s].format) {
            let members = root_members(object_at(r, o));
            for (i, m) in members.iter().enumerate() {
                // Later configs contribute their effective entries (the last of a repeated key).
                if s > 0 && members[i + 1..].iter().any(|n| n.key == m.key) {
                    continue;
                }
                identities.push(keys::registry_identity(&m.key).into_owned());
                all.push(Found {
                    source: s,
                    object: o,
                    index: i,
                    member: m,
                });
            }
        }
    }
    let mut conflicts = Vec::new();
    let mut drop_base: Vec<(Option<usize>, usize)> = Vec::new();
    let mut replace_base: Vec<(Option<usize>, usize, String)> = Vec::new();
    let mut new_entries: Vec<(String, String)> = Vec::new();
    for g in groups(&identities) {
        let found: Vec<&Found<'_, '_>> = g.iter().map(|&i| &all[i]).collect();
        let found = &found[..];
        let name = &identities[g[0]];
        let winner = resolve(name, found, Section::Auths, opts, &mut conflicts);
        let base_entries: Vec<&Found<'_, '_>> =
            found.iter().copied().filter(|f| f.source == 0).collect();
        if winner == 0 {
            continue;
        }
        let mut replaced = Vec::new();
        for f in found.iter().filter(|f| f.source == winner) {
            let value = &loaded[winner].text[f.member.value.span.start..f.member.value.span.end];
            match base_entries
                .iter()
                .rfind(|b| b.member.key == f.member.key && !replaced.contains(&(b.object, b.index)))
            {
                Some(b) => {
                    replaced.push((b.object, b.index));
                    if !layout::same_value(&b.member.value.value, &f.member.value.value) {
                        replace_base.push((b.object, b.index, value.into()));
                    }
                }
                None => new_entries.push((String::from(&*f.member.key), value.into())),
            }
        }
        for b in base_entries {
            if !replaced.contains(&(b.object, b.index)) {
                drop_base.push((b.object, b.index));
            }
        }
    }

    // credHelpers and the other top-level keys, by exact key.
    let mut helper_changes = KeyedChanges::default();
    let mut config_changes = KeyedChanges::default();
    for (section, changes) in [
        (Section::CredHelpers, &mut helper_changes),
        (Section::Config, &mut config_changes),
    ] {
        let mut all: Vec<Found<'_, '_>> = Vec::new();
        for (s, r) in roots.iter().enumerate() {
            if loaded[s].format == Format::DockerCfg {
                continue;
            }
            let members = root_members(r);
            // (root member, index in its object, member)
            let pool: Vec<(usize, usize, &Member<'_>)> = match section {
                Section::CredHelpers => members
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.key.eq_ignore_ascii_case("credHelpers"))
                    .flat_map(|(i, m)| {
                        root_members(&m.value)
                            .iter()
                            .enumerate()
                            .map(move |(j, h)| (i, j, h))
                    })
                    .collect(),
                _ => members
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| {
                        !m.key.eq_ignore_ascii_case("auths")
                            && !m.key.eq_ignore_ascii_case("credHelpers")
                    })
                    .map(|(i, m)| (i, i, m))
                    .collect(),
            };
            for (j, &(i, index, m)) in pool.iter().enumerate() {
                if s > 0 && pool[j + 1..].iter().any(|(_, _, n)| n.key == m.key) {
                    continue;
                }
                all.push(Found {
                    source: s,
                    object: Some(i),
                    index,
                    member: m,
                });
            }
        }
        let names: Vec<&str> = all.iter().map(|f| f.member.key.as_ref()).collect();
        for g in groups(&names) {
            let found: Vec<&Found<'_, '_>> = g.iter().map(|&i| &all[i]).collect();
            let found = &found[..];
            let name = names[g[0]];
            if legacy_base && found.iter().any(|f| f.source > 0) {
                return Err(option_error(
                    ErrorCode::Unsupported,
                    cat(&["the first config is a legacy .dockercfg, which cannot hold the top-level key `", name, "` of a later config"]),
                ));
            }
            let winner = resolve(name, found, section, opts, &mut conflicts);
            let base_last = found.iter().rfind(|f| f.source == 0);
            let Some(w) = found.iter().rfind(|f| f.source == winner) else {
                continue;
            };
            if winner == 0 {
                continue;
            }
            let value = &loaded[winner].text[w.member.value.span.start..w.member.value.span.end];
            match base_last {
                Some(b) => {
                    if !layout::same_value(&b.member.value.value, &w.member.value.value) {
                        changes
                            .replace
                            .push((b.object.unwrap_or(0), b.index, value.into()));
                    }
                }
                None => changes.new.push((String::from(name), value.into())),
            }
        }
    }
    if opts.on_conflict == OnConflict::Error && !conflicts.is_empty() {
        let names: Vec<&str> = conflicts.iter().map(|c| c.name.as_str()).collect();
        return Err(option_error(
            ErrorCode::MergeConflict,
            cat(&[
                "the configs disagree about: ",
                &names.join(", "),
                " (onConflict: \"last\" or \"first\" picks one)",
            ]),
        ));
    }

    // Write: each entry object of the base, then the root.
    let objects = entry_objects(root, base.format);
    let target = objects.last().copied();
    let mut new_objects = Vec::new();
    for &o in &objects {
        let obj = object_at(root, o);
        let n = root_members(obj).len();
        let mut slots: Vec<Option<Item>> = (0..n).map(|i| Some(Item::Keep(i))).collect();
        for (_, i) in drop_base.iter().filter(|(ro, _)| *ro == o) {
            slots[*i] = None;
        }
        for (_, i, v) in replace_base.iter().filter(|(ro, _, _)| *ro == o) {
            slots[*i] = Some(Item::Replace(*i, v.clone()));
        }
        let mut items: Vec<Item> = slots.into_iter().flatten().collect();
        if Some(o) == target {
            insert_items(&mut items, obj, &new_entries);
        }
        let unchanged = items.len() == n && items.iter().all(|it| matches!(it, Item::Keep(_)));
        if !unchanged {
            new_objects.push((o, layout::rewrite_object(text, obj, &items, &style)));
        }
    }
    let mut extra = Vec::new();
    if objects.is_empty() && !new_entries.is_empty() {
        let mut w = Writer::new();
        w.begin_object();
        for (k, v) in &new_entries {
            w.key(k).raw(v);
        }
        w.end_object();
        extra.push(auths_or_replace_null(root, "auths", w.finish()));
    }
    // credHelpers: into the base's (last) credHelpers object, or a new one.
    let helpers_at = root_members(root).iter().rposition(|m| {
        m.key.eq_ignore_ascii_case("credHelpers") && m.value.value.as_object().is_some()
    });
    if !helper_changes.is_empty() {
        match helpers_at {
            Some(h) => {
                let obj = &root_members(root)[h].value;
                let n = root_members(obj).len();
                let mut items = keep_all(n);
                for (ri, i, v) in &helper_changes.replace {
                    if *ri == h {
                        items[*i] = Item::Replace(*i, v.clone());
                    }
                }
                insert_items(&mut items, obj, &helper_changes.new);
                extra.push(Item::Verbatim(
                    h,
                    layout::rewrite_object(text, obj, &items, &style),
                ));
            }
            None => {
                let mut w = Writer::new();
                w.begin_object();
                for (k, v) in &helper_changes.new {
                    w.key(k).raw(v);
                }
                w.end_object();
                extra.push(auths_or_replace_null(root, "credHelpers", w.finish()));
            }
        }
    }
    for (_, i, v) in config_changes.replace {
        extra.push(Item::Replace(i, v));
    }
    for (k, v) in config_changes.new {
        extra.push(Item::New(k, v));
    }
    let new_root = rewrite_root(text, root, new_objects, extra, &style);
    Ok(Merged {
        config: finish(base, root, new_root, opts.style)?,
        conflicts,
    })
}

#[derive(Default)]
struct KeyedChanges {
    /// (root member, index in its object, new value)
    replace: Vec<(usize, usize, String)>,
    new: Vec<(String, String)>,
}

impl KeyedChanges {
    fn is_empty(&self) -> bool {
        self.replace.is_empty() && self.new.is_empty()
    }
}

/// A root item setting `key` to `value`: replaces a `"key": null` member, else a new member.
fn auths_or_replace_null(root: &Node<'_>, key: &str, value: String) -> Item {
    match root_members(root)
        .iter()
        .rposition(|m| m.key.eq_ignore_ascii_case(key) && matches!(m.value.value, Value::Null))
    {
        Some(i) => Item::Replace(i, value),
        None => Item::New(key.into(), value),
    }
}

/// Adds new members `(key, value)` to `items` (members of `obj`): each at its sorted place when
/// the keys are sorted, else at the end. Linear after one sort of the new keys.
fn insert_items(items: &mut Vec<Item>, obj: &Node<'_>, news: &[(String, String)]) {
    let members = root_members(obj);
    let key_of = |it: &Item| -> String {
        match it {
            Item::Keep(i) | Item::Replace(i, _) | Item::Verbatim(i, _) => {
                String::from(members[*i].key.as_ref())
            }
            Item::New(k, _) => k.clone(),
        }
    };
    let keys: Vec<String> = items.iter().map(key_of).collect();
    let sorted = keys.windows(2).all(|w| w[0] <= w[1]);
    let mut order: Vec<usize> = (0..news.len()).collect();
    if sorted {
        crate::sort::indices(&mut order, &|a, b| news[a].0.cmp(&news[b].0));
    }
    let mut old: Vec<Option<Item>> = core::mem::take(items).into_iter().map(Some).collect();
    let mut j = if sorted { 0 } else { old.len() };
    items.extend(old[..j].iter_mut().filter_map(Option::take));
    for n in order {
        while j < old.len() && keys[j] <= news[n].0 {
            items.extend(old[j].take());
            j += 1;
        }
        items.push(Item::New(news[n].0.clone(), news[n].1.clone()));
    }
    items.extend(old.into_iter().flatten());
}

/// Decides which config's entries stay in a group and records a conflict when configs differ.
/// Returns the winning config.
fn resolve(
    name: &str,
    found: &[&Found<'_, '_>],
    section: Section,
    opts: &MergeOptions,
    conflicts: &mut Vec<Conflict>,
) -> usize {
    let first = found[0].source;
    let last = found[found.len() - 1].source;
    if first == last {
        return first;
    }
    // The same key with the same value everywhere is not a conflict: nothing is lost.
    let m0 = found[0].member;
    let identical = found.iter().all(|f| {
        f.member.key == m0.key && layout::same_value(&f.member.value.value, &m0.value.value)
    });
    if identical {
        return first;
    }
    let kept = match opts.on_conflict {
        OnConflict::Last => Some(last),
        OnConflict::First => Some(first),
        OnConflict::Error => None,
    };
    conflicts.push(Conflict {
        section,
        name: name.into(),
        keys: found
            .iter()
            .map(|f| String::from(f.member.key.as_ref()))
            .collect(),
        sources: found.iter().map(|f| f.source).collect(),
        kept,
    });
    kept.unwrap_or(first)
}
