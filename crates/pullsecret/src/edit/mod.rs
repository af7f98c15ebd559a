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

mod add;
pub(crate) mod create;
mod fix;
mod layout;
pub(crate) mod login;
mod merge;
mod podman;
mod remove;

pub use add::{add, AddOptions};
pub use fix::{fix, fixable, AppliedFix, FixOptions, Fixed, FIXES};
pub use merge::{merge, Conflict, MergeOptions, Merged, OnConflict, Section};
use podman::{check_podman_format, podman_bytes};
pub use remove::{remove, RemoveOptions};

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

/// A config's length in place of its text.
struct Redacted(usize);

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} bytes redacted>", self.0)
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
// The frame of every edit
// ---------------------------------------------------------------------------------------------

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
