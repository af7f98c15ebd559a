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

pub(crate) mod create;
mod layout;
pub(crate) mod login;

use crate::diagnostics::{Error, ErrorCode};
use crate::go::base64 as b64;
use crate::go::json::{self as gojson, Writer};
use crate::model::config::Format;
use crate::model::keys;
use crate::model::redact::Secret;
use crate::syntax::json::{self, Member, Node, Value};
use layout::{Item, Style};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How an edited file is written (read as `preserve`, `podman`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase", expecting = "one of preserve, podman")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum EditStyle {
    /// Splice the change into the existing text; every other byte stays.
    #[default]
    Preserve,
    /// The bytes podman/skopeo/`oc registry login` write: `json.MarshalIndent` with a tab, keys
    /// sorted, no trailing newline, only `auth` and `identitytoken` per entry, only `auths` and
    /// `credHelpers` at the top level (everything else is dropped, as podman drops it).
    Podman,
}

/// Options of [`add`]. `Debug` redacts the password. Read from `{registry, username, password,
/// email?, style?}`, or with `authBasic: "user:password"` (split at the first `:`, as `oc
/// registry login --auth-basic`) in place of `username`/`password`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "AddInput")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(as = "AddInput"))]
pub struct AddOptions {
    /// The key to write, verbatim (`quay.io`, `quay.io/org`, `https://index.docker.io/v1/`).
    pub registry: String,
    pub username: String,
    pub password: Secret,
    /// Written only in preserve style; podman style has no `email` and refuses it.
    pub email: Option<String>,
    pub style: EditStyle,
}

/// [`AddOptions`] as given: a login (see [`login::LoginInput`]) and a style.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub(crate) struct AddInput {
    /// The key to write, verbatim (`quay.io`, `quay.io/org`, `https://index.docker.io/v1/`).
    #[serde(default)]
    registry: String,
    /// Must not be empty or contain `:` (clients split `auth` at the first `:`).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    username: String,
    /// Any text, `:` included; `auth` is the base64 of the UTF-8 `username:password`.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    password: Secret,
    /// Written only in preserve style; podman style has no `email` and refuses it.
    email: Option<String>,
    /// `user:password` in place of `username` and `password` (split at the first `:`, as
    /// `oc registry login --auth-basic`).
    auth_basic: Option<Secret>,
    /// Default `preserve`.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    style: EditStyle,
}

impl TryFrom<AddInput> for AddOptions {
    type Error = &'static str;
    fn try_from(i: AddInput) -> Result<Self, Self::Error> {
        let l = login::LoginInput {
            registry: i.registry,
            username: i.username,
            password: i.password,
            email: i.email,
            auth_basic: i.auth_basic,
        };
        let l = login::RegistryLogin::try_from(l)?;
        Ok(AddOptions {
            registry: l.registry,
            username: l.username,
            password: l.password,
            email: l.email,
            style: i.style,
        })
    }
}

/// Options of [`remove`]: `{aliases?, style?}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RemoveOptions {
    /// Also remove every key that names the same registry (`quay.io`, `https://quay.io`,
    /// `http://quay.io/v2/`; the Docker Hub spellings), not only the exact key.
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub aliases: bool,
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub style: EditStyle,
}

/// Which entry `merge` keeps when configs disagree about a registry (read as `last`, `first`,
/// `error`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase", expecting = "one of last, first, error")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum OnConflict {
    /// The later config wins (the OpenShift global pull secret "append", self-managed HyperShift).
    #[default]
    Last,
    /// The earlier config wins (managed HyperShift: the original pull secret wins).
    First,
    /// Fail with `merge-conflict`.
    Error,
}

/// Options of [`merge`]: `{onConflict?, style?}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeOptions {
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub on_conflict: OnConflict,
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub style: EditStyle,
}

/// What [`remove`] returns: the new config text and the keys it removed, in file order.
/// `Debug` shows the config's size only: it holds credentials.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Edited {
    pub config: String,
    pub removed: Vec<String>,
}

impl std::fmt::Debug for Edited {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Edited")
            .field("config", &Redacted(self.config.len()))
            .field("removed", &self.removed)
            .finish()
    }
}

impl std::fmt::Debug for Merged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Merged")
            .field("config", &Redacted(self.config.len()))
            .field("conflicts", &self.conflicts)
            .finish()
    }
}

/// A config's length in place of its text.
struct Redacted(usize);

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} bytes redacted>", self.0)
    }
}

/// Where a merge conflict is (serialized as `auths`, `credHelpers`, `config`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
// The shape of the `Serialize` impl below (`registry` or `key` by section; `kept` left out
// when `None`), which ts-rs cannot read.
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(type = "{ section: \"auths\" | \"credHelpers\", \
        /** The registry, normalised (`docker.io`, `quay.io`, `quay.io/org`). */ registry: string, \
        /** The keys as written, one per entry, in config order. */ keys: Array<string>, \
        /** For each key, the index of the config it came from. */ sources: Array<number>, \
        /** The config whose entries were kept (absent with `onConflict: \"error\"`). */ kept?: number, } \
        | { section: \"config\", /** The top-level key (`credsStore`, `HttpHeaders`, …). */ key: string, \
        keys: Array<string>, sources: Array<number>, kept?: number, }")
)]
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
/// `Debug` shows the config's size only: it holds credentials.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Merged {
    pub config: String,
    pub conflicts: Vec<Conflict>,
}

/// `{section, registry|key, keys, sources, kept?}`: the name is `key` in the `config` section
/// (a top-level key), `registry` elsewhere.
impl Serialize for Conflict {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let name_key = if self.section == Section::Config {
            "key"
        } else {
            "registry"
        };
        let mut m = s.serialize_struct("Conflict", 5)?;
        m.serialize_field("section", &self.section)?;
        m.serialize_field(name_key, &self.name)?;
        m.serialize_field("keys", &self.keys)?;
        m.serialize_field("sources", &self.sources)?;
        match self.kept {
            Some(k) => m.serialize_field("kept", &k)?,
            None => m.skip_field("kept")?,
        }
        m.end()
    }
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// A config read for editing: the text before it (a BOM, kept), its own text, its format.
struct Loaded<'c> {
    prefix: &'c str,
    text: &'c str,
    format: Format,
}

/// Reads `text` (a config, its base64 or a Secret; empty is a new file) and runs `edit` on it
/// and its tree: the config is parsed once, by `read_config`, which also refuses what no client
/// can read.
fn with_loaded<T>(
    text: &str,
    edit: &mut dyn FnMut(&Loaded<'_>, &Node<'_>) -> Result<T, Error>,
) -> Result<T, Error> {
    if text.trim_matches([' ', '\t', '\r', '\n']).is_empty() {
        let empty = Node {
            span: json::Span::new(0, 2),
            value: Value::Object(Vec::new()),
        };
        let loaded = Loaded {
            prefix: "",
            text: "{}",
            format: Format::DockerConfigJson,
        };
        return edit(&loaded, &empty);
    }
    crate::model::document::read_config(text, &[], |input, cfg_text, cfg| {
        let loaded = Loaded {
            prefix: if input.is_identity() {
                &text[..input.base]
            } else {
                ""
            },
            text: cfg_text,
            format: cfg.format,
        };
        edit(&loaded, cfg.root)
    })?
}

fn root_members<'n, 'a>(root: &'n Node<'a>) -> &'n [Member<'a>] {
    root.value.as_object().unwrap_or(&[])
}

/// The id of the root object; any other object id is the index of a root member.
const ROOT: usize = usize::MAX;

/// The object with id `id`: the root, or the value of a root member.
fn object_node<'n, 'a>(root: &'n Node<'a>, id: usize) -> &'n Node<'a> {
    if id == ROOT {
        root
    } else {
        &root_members(root)[id].value
    }
}

/// Ids of the objects holding registry entries: every `auths` object (Go merges repeated
/// ones), or the root itself for a legacy file.
fn entry_objects(root: &Node<'_>, format: Format) -> Vec<usize> {
    if format == Format::DockerCfg {
        return std::vec![ROOT];
    }
    let mut out = Vec::new();
    for (i, m) in root_members(root).iter().enumerate() {
        if m.key.eq_ignore_ascii_case("auths") && m.value.value.as_object().is_some() {
            out.push(i);
        }
    }
    out
}

/// Indices `0..n` grouped by equal `key`: `order` holds them sorted stably by key, and group
/// `g` is `order[starts[g]..starts[g + 1]]`. (One non-generic sort instead of a `BTreeMap` per
/// element type, and no vector per group: the wasm package stays small.)
struct Groups {
    order: Vec<usize>,
    starts: Vec<usize>,
}

impl Groups {
    fn new<'k>(n: usize, key: &dyn Fn(usize) -> &'k str) -> Self {
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| key(a).cmp(key(b)));
        let mut starts = Vec::new();
        for j in 0..n {
            if j == 0 || key(order[j]) != key(order[j - 1]) {
                starts.push(j);
            }
        }
        starts.push(n);
        Groups { order, starts }
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    fn get(&self, g: usize) -> &[usize] {
        &self.order[self.starts[g]..self.starts[g + 1]]
    }
}

// ---------------------------------------------------------------------------------------------
// Changes: every edit is a list of them, written by one function
// ---------------------------------------------------------------------------------------------

/// One change to an object of the file (`obj`: [`ROOT`] or a root member's index): `item` put
/// in place, or with `drop` the member `item` names removed.
struct Change {
    obj: usize,
    drop: bool,
    item: Item,
}

fn set(obj: usize, item: Item) -> Change {
    Change {
        obj,
        drop: false,
        item,
    }
}

/// The root's new text once `changes` are made: changed member objects first, then the root.
fn apply(text: &str, root: &Node<'_>, style: &Style, mut changes: Vec<Change>) -> String {
    let mut touched = std::vec![false; root_members(root).len()];
    for c in &changes {
        if c.obj != ROOT {
            touched[c.obj] = true;
        }
    }
    for (r, &t) in touched.iter().enumerate() {
        if t {
            let t = rewrite(text, object_node(root, r), r, &mut changes, style);
            changes.push(set(ROOT, Item::Verbatim(r, t)));
        }
    }
    rewrite(text, root, ROOT, &mut changes, style)
}

fn item_key<'s>(members: &'s [Member<'_>], item: &'s Item) -> &'s str {
    match item {
        Item::Keep(i) | Item::Replace(i, _) | Item::Verbatim(i, _) => &members[*i].key,
        Item::New(k, _) => k,
    }
}

/// A dropped member, while [`rewrite`] collects the items.
const GONE: Item = Item::Keep(usize::MAX);

/// The new text of object `obj` (id `id`) with its changes (taken out of `changes`). New
/// members go at their sorted place when the keys are sorted, else at the end, in order:
/// linear after one sort of the new keys.
fn rewrite(text: &str, obj: &Node<'_>, id: usize, changes: &mut [Change], style: &Style) -> String {
    let members = root_members(obj);
    let mut old: Vec<Item> = (0..members.len()).map(Item::Keep).collect();
    let mut news: Vec<Item> = Vec::new();
    for c in changes.iter_mut() {
        if c.obj != id {
            continue;
        }
        let item = std::mem::replace(&mut c.item, GONE);
        match item {
            Item::New(..) => news.push(item),
            Item::Keep(i) | Item::Replace(i, _) | Item::Verbatim(i, _) => {
                old[i] = if c.drop { GONE } else { item }
            }
        }
    }
    let gone = |it: &Item| matches!(it, Item::Keep(usize::MAX));
    let mut sorted = true;
    let mut prev = "";
    for it in old.iter().filter(|it| !gone(it)) {
        let k = item_key(members, it);
        sorted &= prev <= k;
        prev = k;
    }
    let mut order: Vec<usize> = (0..news.len()).collect();
    if sorted {
        order.sort_by(|&a, &b| item_key(members, &news[a]).cmp(item_key(members, &news[b])));
    }
    let mut items = Vec::with_capacity(old.len() + news.len());
    let mut next = 0;
    for o in old {
        if gone(&o) {
            continue;
        }
        while sorted
            && next < order.len()
            && item_key(members, &news[order[next]]) < item_key(members, &o)
        {
            items.push(std::mem::replace(&mut news[order[next]], GONE));
            next += 1;
        }
        items.push(o);
    }
    for &n in &order[next..] {
        items.push(std::mem::replace(&mut news[n], GONE));
    }
    layout::rewrite_object(text, obj, &items, style)
}

/// A root change setting `key` to the object of the new members `news`: it replaces the last
/// `key` member when there is one (with `null_only`, when that one is `null`), else it is added.
fn set_root(root: &Node<'_>, key: &str, news: &[Item], null_only: bool) -> Change {
    let mut w = Writer::new();
    w.begin_object();
    for it in news {
        if let Item::New(k, v) = it {
            w.key(k).raw(v);
        }
    }
    w.end_object();
    let value = w.finish();
    let at = root_members(root).iter().rposition(|m| {
        m.key.eq_ignore_ascii_case(key) && (!null_only || matches!(m.value.value, Value::Null))
    });
    set(
        ROOT,
        match at {
            Some(i) => Item::Replace(i, value),
            None => Item::New(key.into(), value),
        },
    )
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
    edit_one(config, opts.style, &mut |loaded, root, style| {
        if opts.style == EditStyle::Podman {
            check_podman_add(loaded, root, opts)?;
        }
        Ok(std::vec![add_change(loaded, root, style, opts)])
    })
}

/// What `add` or `remove` does to a loaded config: check it and list the changes.
type Changes<'e> = dyn FnMut(&Loaded<'_>, &Node<'_>, &Style<'_>) -> Result<Vec<Change>, Error> + 'e;

/// The frame of `add` and `remove`: reads `config`, lets `edit` check it and list the changes,
/// writes them (one copy of the reading and writing, not one per operation).
fn edit_one(config: &str, style: EditStyle, edit: &mut Changes<'_>) -> Result<String, Error> {
    with_loaded(config, &mut |loaded, root| {
        let layout = Style::detect(loaded.text, root);
        let changes = edit(loaded, root, &layout)?;
        let new_root = apply(loaded.text, root, &layout, changes);
        finish(loaded, root, new_root, style)
    })
}

/// The change `add` makes: the entry updated, or a new one at its place.
fn add_change(
    loaded: &Loaded<'_>,
    root: &Node<'_>,
    style: &Style<'_>,
    opts: &AddOptions,
) -> Change {
    let auth = b64::basic(&opts.username, opts.password.expose());
    let mut w = Writer::new();
    w.begin_object().field("auth", &auth);
    w.opt_field("email", opts.email.as_deref());
    w.end_object();
    let new_entry = w.finish();
    let objects = entry_objects(root, loaded.format);
    // The effective entry of this key: the last one (Go keeps the last of repeated keys).
    let mut existing = None;
    for &o in &objects {
        for (i, m) in root_members(object_node(root, o)).iter().enumerate() {
            if m.key == opts.registry.as_str() {
                existing = Some((o, i));
            }
        }
    }
    let text = loaded.text;
    match (existing, objects.last()) {
        (Some((o, i)), _) => {
            let entry = &root_members(object_node(root, o))[i].value;
            set(
                o,
                match entry.value.as_object() {
                    Some(fields) => {
                        Item::Verbatim(i, update_entry(text, entry, fields, opts, &auth, style))
                    }
                    None => Item::Replace(i, new_entry),
                },
            )
        }
        (None, Some(&o)) => set(o, Item::New(opts.registry.clone(), new_entry)),
        // No `auths` object: replace an `"auths": null`, or add the member.
        (None, None) => set_root(
            root,
            "auths",
            &[Item::New(opts.registry.clone(), new_entry)],
            false,
        ),
    }
}

fn check_add_options(opts: &AddOptions) -> Result<(), Error> {
    let mut missing = String::new();
    for (name, empty) in [
        ("registry", opts.registry.is_empty()),
        ("username", opts.username.is_empty()),
        ("password", opts.password.expose().is_empty()),
    ] {
        if empty {
            if !missing.is_empty() {
                missing.push_str(", ");
            }
            missing.push_str(name);
        }
    }
    if !missing.is_empty() {
        missing.push_str(" must not be empty");
        return Err(Error::option(ErrorCode::MissingOption, missing));
    }
    if opts.username.contains(':') {
        return Err(Error::option(
            ErrorCode::InvalidOption,
            "the username must not contain `:`: every client splits `auth` at the first `:`, so the rest would become part of the password",
        ));
    }
    Ok(())
}

fn check_podman_add(loaded: &Loaded, root: &Node<'_>, opts: &AddOptions) -> Result<(), Error> {
    let registry = opts.registry.as_str();
    if let Some(problem) = keys::containers_key_problem(registry) {
        return Err(Error::option(
            ErrorCode::KeyRefused,
            format!("{problem} (registry `{registry}`)"),
        ));
    }
    if opts.email.is_some() {
        return Err(Error::option(
            ErrorCode::Unsupported,
            "podman style has no `email` field: podman drops it (use the preserve style to keep it)",
        ));
    }
    check_podman_format(loaded)?;
    // podman login (containers/common `Login`) refuses to log in over an identity token, which
    // containers/image returns only beside an `auth` holding `user:`.
    let mut current = None;
    for o in entry_objects(root, loaded.format) {
        for m in root_members(object_node(root, o)) {
            if m.key == registry {
                current = Some(m);
            }
        }
    }
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
            return Err(Error::option(
                ErrorCode::Unsupported,
                format!("podman refuses to log in to `{registry}`: currently logged in, the entry holds an identity token (the preserve style replaces it)"),
            ));
        }
    }
    for m in root_members(root) {
        if m.key.eq_ignore_ascii_case("credHelpers")
            && root_members(&m.value).iter().any(|h| h.key == registry)
        {
            return Err(Error::option(
                ErrorCode::Unsupported,
                format!("`credHelpers` names `{registry}`: podman would hand the credentials to that helper and leave the file unchanged"),
            ));
        }
    }
    Ok(())
}

fn check_podman_format(loaded: &Loaded) -> Result<(), Error> {
    if loaded.format == Format::DockerCfg {
        return Err(Error::option(
            ErrorCode::Unsupported,
            "the file is a legacy .dockercfg: podman does not write that format (its entries would all be lost); use the preserve style",
        ));
    }
    Ok(())
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
        let k = |name: &str| f.key.eq_ignore_ascii_case(name);
        let item = if k("auth") {
            has_auth = true;
            Item::Replace(i, q(auth))
        } else if k("username") {
            Item::Replace(i, q(&opts.username))
        } else if k("password") {
            Item::Replace(i, q(opts.password.expose()))
        } else if k("email") {
            has_email = true;
            match &opts.email {
                Some(e) => Item::Replace(i, q(e)),
                None => Item::Keep(i),
            }
        } else if k("identitytoken") || k("registrytoken") {
            continue;
        } else {
            Item::Keep(i)
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

/// The output text: the root replaced, the bytes around it kept (or podman's bytes).
fn finish(
    loaded: &Loaded,
    root: &Node<'_>,
    new_root: String,
    style: EditStyle,
) -> Result<String, Error> {
    let text = &loaded.text;
    let mut out = String::with_capacity(loaded.prefix.len() + text.len() + new_root.len());
    out.push_str(loaded.prefix);
    out.push_str(&text[..root.span.start]);
    out.push_str(&new_root);
    out.push_str(&text[root.span.end..]);
    match style {
        EditStyle::Preserve => Ok(out),
        // `out` is the edit of a file that parsed, so it parses; never write an empty file if not.
        EditStyle::Podman => podman_bytes(&out[loaded.prefix.len()..]).ok_or_else(|| {
            Error::option(
                ErrorCode::Unsupported,
                "the edited file could not be re-read for podman style",
            )
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// podman style
// ---------------------------------------------------------------------------------------------

/// The file as containers/image `modifyJSON` writes it after reading `text` into
/// `dockerConfigFile{auths map[string]{auth, identitytoken}, credHelpers map[string]string}`
/// with Go's rules (case-insensitive field names, last duplicate wins, `null` is unset).
fn podman_bytes(text: &str) -> Option<String> {
    let root = json::parse(text).ok()?;
    // (key, auth, identitytoken) in file order; Go keeps the last of a repeated key.
    let mut auths: Vec<(&str, Option<&str>, Option<&str>)> = Vec::new();
    let mut helpers: Vec<(&str, Option<&str>, Option<&str>)> = Vec::new();
    for m in root_members(&root) {
        if m.key.eq_ignore_ascii_case("auths") {
            for e in root_members(&m.value) {
                let (mut auth, mut token) = (None, None);
                for f in root_members(&e.value) {
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
            for h in root_members(&m.value) {
                helpers.push((&h.key, Some(h.value.value.as_str().unwrap_or("")), None));
            }
        }
    }
    let mut w = Writer::indented("\t");
    w.begin_object();
    for (name, list) in [("auths", &auths), ("credHelpers", &helpers)] {
        if name == "credHelpers" && list.is_empty() {
            continue;
        }
        w.key(name).begin_object();
        let groups = Groups::new(list.len(), &|i| list[i].0);
        for g in 0..groups.len() {
            let g = groups.get(g);
            let (k, auth, token) = list[g[g.len() - 1]];
            if name == "credHelpers" {
                w.field(k, auth.unwrap_or(""));
                continue;
            }
            w.key(k).begin_object();
            w.opt_field("auth", auth.filter(|a| !a.is_empty()));
            w.opt_field("identitytoken", token.filter(|t| !t.is_empty()));
            w.end_object();
        }
        w.end_object();
    }
    w.end_object();
    Some(w.finish())
}

// ---------------------------------------------------------------------------------------------
// remove
// ---------------------------------------------------------------------------------------------

/// Removes the entry with exactly the key `registry` (with `aliases`, every key naming the same
/// registry) and reports the keys removed. Fails with `not-logged-in` when none is there.
pub fn remove(config: &str, registry: &str, opts: &RemoveOptions) -> Result<Edited, Error> {
    let mut removed = Vec::new();
    let config = edit_one(config, opts.style, &mut |loaded, root, _| {
        if opts.style == EditStyle::Podman {
            check_podman_format(loaded)?;
        }
        remove_changes(loaded, root, registry, opts, &mut removed)
    })?;
    Ok(Edited { config, removed })
}

/// The changes `remove` makes; the removed keys go to `removed`.
fn remove_changes(
    loaded: &Loaded<'_>,
    root: &Node<'_>,
    registry: &str,
    opts: &RemoveOptions,
    removed: &mut Vec<String>,
) -> Result<Vec<Change>, Error> {
    let identity = keys::registry_identity(registry);
    let mut changes = Vec::new();
    for o in entry_objects(root, loaded.format) {
        for (i, m) in root_members(object_node(root, o)).iter().enumerate() {
            if m.key == registry || opts.aliases && keys::registry_identity(&m.key) == identity {
                removed.push(String::from(m.key.as_ref()));
                changes.push(Change {
                    obj: o,
                    drop: true,
                    item: Item::Keep(i),
                });
            }
        }
    }
    if removed.is_empty() {
        return Err(Error::option(
            ErrorCode::NotLoggedIn,
            if opts.aliases {
                format!("not logged in: no key of the file names the registry `{identity}`")
            } else {
                format!("not logged in: the file has no key `{registry}` (removing with aliases also matches other spellings of the registry)")
            },
        ));
    }
    Ok(changes)
}

// ---------------------------------------------------------------------------------------------
// merge
// ---------------------------------------------------------------------------------------------

/// One member of a config being merged.
struct Found<'n, 'a> {
    source: usize,
    /// The object it is in (an object id: see [`ROOT`]).
    object: usize,
    index: usize,
    member: &'n Member<'a>,
}

/// Merges configs into the first one's layout and format: every entry of every config is in
/// the result or named in a conflict. Conflicts are found under normalised registry names
/// (`quay.io` and `https://quay.io` conflict); `onConflict` picks the config whose entries stay.
/// `credHelpers` and the other top-level keys are compared by exact key, in the same loop.
/// Every member of `section` in every config: all of the first config's, and the effective
/// ones of later configs (the last of a repeated key; registry entries per `auths` object).
fn section_members<'n, 'a>(
    roots: &'n [Node<'a>],
    loaded: &[Loaded<'_>],
    section: Section,
) -> Vec<Found<'n, 'a>> {
    let auths = section == Section::Auths;
    let mut all: Vec<Found<'n, 'a>> = Vec::new();
    for (s, r) in roots.iter().enumerate() {
        let legacy = loaded[s].format == Format::DockerCfg;
        let mut objects = Vec::new();
        match section {
            Section::Auths => objects = entry_objects(r, loaded[s].format),
            _ if legacy => {}
            Section::CredHelpers => {
                for (i, m) in root_members(r).iter().enumerate() {
                    if m.key.eq_ignore_ascii_case("credHelpers") {
                        objects.push(i);
                    }
                }
            }
            Section::Config => objects.push(ROOT),
        }
        let first = all.len();
        for o in objects {
            for (index, member) in root_members(object_node(r, o)).iter().enumerate() {
                let k = &member.key;
                if section == Section::Config
                    && (k.eq_ignore_ascii_case("auths") || k.eq_ignore_ascii_case("credHelpers"))
                {
                    continue;
                }
                all.push(Found {
                    source: s,
                    object: o,
                    index,
                    member,
                });
            }
        }
        // Later configs contribute their effective entries (the last of a repeated key;
        // registry entries per `auths` object).
        if s > 0 && all.len() > first {
            // Runs compared for repeats: each `auths` object alone, else the whole config.
            let mut runs = Vec::new();
            let mut start = first;
            for j in first + 1..=all.len() {
                if j == all.len() || (auths && all[j].object != all[start].object) {
                    runs.push((start, j));
                    start = j;
                }
            }
            let mut shadowed = std::vec![false; all.len() - first];
            for (a, b) in runs {
                let mut seen: HashMap<&str, usize> = HashMap::with_capacity(b - a);
                for (i, f) in all.iter().enumerate().take(b).skip(a) {
                    if let Some(earlier) = seen.insert(&f.member.key, i) {
                        shadowed[earlier - first] = true;
                    }
                }
            }
            let mut i = 0;
            all.retain(|_| {
                i += 1;
                i - 1 < first || !shadowed[i - 1 - first]
            });
        }
    }
    all
}

pub fn merge(configs: &[&str], opts: &MergeOptions) -> Result<Merged, Error> {
    if configs.is_empty() {
        return Err(Error::option(
            ErrorCode::MissingOption,
            "merge needs at least one config",
        ));
    }
    // Merge holds every config at once, so it keeps a copy of each config's text and parses it
    // a second time (the single-config edits parse once: see `with_loaded`).
    let mut owned: Vec<(&str, String, Format)> = Vec::with_capacity(configs.len());
    for (i, c) in configs.iter().enumerate() {
        let copy = with_loaded(c, &mut |l, _| {
            Ok((l.prefix.len(), l.text.to_owned(), l.format))
        });
        match copy {
            Ok((prefix, text, format)) => owned.push((&c[..prefix], text, format)),
            Err(mut e) => {
                e.message = format!("config {i}: {}", e.message);
                return Err(e);
            }
        }
    }
    let loaded: Vec<Loaded> = owned
        .iter()
        .map(|(prefix, text, format)| Loaded {
            prefix,
            text,
            format: *format,
        })
        .collect();
    if opts.style == EditStyle::Podman {
        check_podman_format(&loaded[0])?;
    }
    // Each text was read by `read_config` above, so it parses.
    let roots: Vec<Node<'_>> = loaded
        .iter()
        .map(|l| {
            json::parse(l.text).unwrap_or(Node {
                span: json::Span::new(0, 0),
                value: Value::Object(Vec::new()),
            })
        })
        .collect();
    let base = &loaded[0];
    let text = base.text;
    let root = &roots[0];
    let style = Style::detect(text, root);
    let legacy_base = base.format == Format::DockerCfg;
    let entries_at = entry_objects(root, base.format).last().copied();
    let helpers_at = root_members(root).iter().rposition(|m| {
        m.key.eq_ignore_ascii_case("credHelpers") && m.value.value.as_object().is_some()
    });

    let mut conflicts = Vec::new();
    let mut changes: Vec<Change> = Vec::new();
    for section in [Section::Auths, Section::CredHelpers, Section::Config] {
        let auths = section == Section::Auths;
        let all = section_members(&roots, &loaded, section);
        // The name each member is compared by: the registry, or the key itself.
        let mut names: Vec<std::borrow::Cow<'_, str>> = Vec::with_capacity(all.len());
        for f in &all {
            names.push(if auths {
                keys::registry_identity(&f.member.key)
            } else {
                std::borrow::Cow::Borrowed(f.member.key.as_ref())
            });
        }
        // Where new members go; `None`: a new object in the root.
        let target = match section {
            Section::Auths => entries_at,
            Section::CredHelpers => helpers_at,
            Section::Config => Some(ROOT),
        };
        let mut fresh: Vec<Item> = Vec::new();
        let groups = Groups::new(names.len(), &|i| names[i].as_ref());
        for g in 0..groups.len() {
            let g = groups.get(g);
            let name = names[g[0]].as_ref();
            if !auths && legacy_base && g.iter().any(|&i| all[i].source > 0) {
                return Err(Error::option(
                    ErrorCode::Unsupported,
                    format!("the first config is a legacy .dockercfg, which cannot hold the top-level key `{name}` of a later config"),
                ));
            }
            let winner = resolve(name, &all, g, section, opts, &mut conflicts);
            if winner == 0 {
                continue;
            }
            // Each winning entry replaces the base entry with its key; other base registry
            // entries of the group are dropped.
            let mut matched: Vec<usize> = Vec::new();
            for &i in g {
                let f = &all[i];
                if f.source != winner {
                    continue;
                }
                let value =
                    &loaded[winner].text[f.member.value.span.start..f.member.value.span.end];
                let b = g.iter().rev().copied().find(|&b| {
                    all[b].source == 0 && all[b].member.key == f.member.key && !matched.contains(&b)
                });
                match b {
                    Some(b) => {
                        matched.push(b);
                        let b = &all[b];
                        if !layout::same_value(&b.member.value.value, &f.member.value.value)
                            && (section != Section::CredHelpers || Some(b.object) == helpers_at)
                        {
                            changes.push(set(b.object, Item::Replace(b.index, value.into())));
                        }
                    }
                    None => {
                        let new = Item::New(String::from(f.member.key.as_ref()), value.into());
                        match target {
                            Some(o) => changes.push(set(o, new)),
                            None => fresh.push(new),
                        }
                    }
                }
            }
            for &b in g {
                if auths && all[b].source == 0 && !matched.contains(&b) {
                    changes.push(Change {
                        obj: all[b].object,
                        drop: true,
                        item: Item::Keep(all[b].index),
                    });
                }
            }
        }
        if !fresh.is_empty() {
            let key = if auths { "auths" } else { "credHelpers" };
            changes.push(set_root(root, key, &fresh, true));
        }
    }
    if opts.on_conflict == OnConflict::Error && !conflicts.is_empty() {
        let names: Vec<&str> = conflicts.iter().map(|c| c.name.as_str()).collect();
        return Err(Error::option(
            ErrorCode::MergeConflict,
            format!(
                "the configs disagree about: {} (onConflict: \"last\" or \"first\" picks one)",
                names.join(", ")
            ),
        ));
    }
    let new_root = apply(text, root, &style, changes);
    Ok(Merged {
        config: finish(base, root, new_root, opts.style)?,
        conflicts,
    })
}

/// Decides which config's entries stay in group `g` (indices into `all`) and records a
/// conflict when configs differ. Returns the winning config.
fn resolve(
    name: &str,
    all: &[Found<'_, '_>],
    g: &[usize],
    section: Section,
    opts: &MergeOptions,
    conflicts: &mut Vec<Conflict>,
) -> usize {
    let first = all[g[0]].source;
    let last = all[g[g.len() - 1]].source;
    if first == last {
        return first;
    }
    // The same key with the same value everywhere is not a conflict: nothing is lost.
    let m0 = all[g[0]].member;
    let identical = g.iter().all(|&i| {
        let m = all[i].member;
        m.key == m0.key && layout::same_value(&m.value.value, &m0.value.value)
    });
    if identical {
        return first;
    }
    let kept = match opts.on_conflict {
        OnConflict::Last => Some(last),
        OnConflict::First => Some(first),
        OnConflict::Error => None,
    };
    let mut keys = Vec::with_capacity(g.len());
    let mut sources = Vec::with_capacity(g.len());
    for &i in g {
        keys.push(String::from(all[i].member.key.as_ref()));
        sources.push(all[i].source);
    }
    conflicts.push(Conflict {
        section,
        name: name.into(),
        keys,
        sources,
        kept,
    });
    kept.unwrap_or(first)
}
