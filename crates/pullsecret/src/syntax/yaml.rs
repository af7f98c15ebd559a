//! A YAML reader for the Kubernetes manifests people paste, keeping the byte span of every node.
//!
//! Why it exists: Secrets arrive as the output of `kubectl get secret -o yaml` or `oc get
//! secret/pull-secret -o yaml`, as Helm-rendered multi-document streams, or hand-written with
//! `stringData` block scalars (`input.rs`); ServiceAccounts and other objects are pasted to be
//! changed and printed again (`tree.rs`). Diagnostics point at a line and column of the manifest,
//! so every node keeps its byte span, and a literal block scalar remembers where its content
//! starts and how far it is indented, so that a position inside a `stringData` config maps back
//! to the manifest.
//!
//! What it uses: the `saphyr-parser` crate's event parser (YAML 1.2, `no_std`, no recursion),
//! through `pullsecret-yaml-events` (which compiles its scanner outside the core, see there),
//! does all of the reading: indentation, block and flow collections, plain, quoted and block
//! scalars with their folding, escapes and chomping, comments, tags, anchors, documents.
//!
//! What it adds on top, our rules (go-yaml v2's, as kubectl and `sigs.k8s.io/yaml` read YAML,
//! where they differ from plain YAML 1.2 events):
//! - the tree: a mapping keeps every entry in order, duplicate keys included (go-yaml v2 accepts
//!   them and the last one wins, as in [`YNode::get`]); keys must be scalars (`? key` too);
//! - every scalar keeps its style, so that YAML 1.1 resolution (`yes`, `on`, `0777`) is applied
//!   later to plain scalars only (`tree.rs`, `goyaml.rs`); tags are ignored;
//! - an alias (`*a`) is a copy of its anchor's node, as go-yaml decodes it (CRDs, Compose files
//!   and CI configs use them beside the manifests of a repository); a copied scalar keeps its
//!   anchor's span (positions inside the value are in the anchor's text), a copied collection
//!   takes the alias's own span and keeps the anchor's inside, so that the collections of a
//!   document stay in text order for the editors. Copies may add at most [`ALIAS_GROWTH`]
//!   times the text: a YAML bomb (`&b [*a, *a, …]`, nested) is refused, as go-yaml refuses
//!   "excessive aliasing";
//! - a merge key (`<<: *base`, or a sequence of them) merges the mappings in, as go-yaml v2
//!   does: the mapping's own keys win, then the earlier of the merged ones; a merged key the
//!   mapping overrides is dropped (it is no duplicate);
//! - tabs as go-yaml takes them: read after a key's `:` (the crate refuses `key:<tab>value`),
//!   refused in indentation and after `- ` or `? ` (the crate lets some through);
//! - a byte-order mark inside a value is a character of it (the crate refuses it in plain and
//!   block scalars);
//! - nesting deeper than [`MAX_DEPTH`] is refused (the crate itself stops flow nesting at 255);
//! - byte offsets (the crate counts characters) placed where the tools built on this module
//!   expect them: a node starts after its tag and anchor, a block sequence at its first `-`, a
//!   block mapping at its first key, a flow collection at its bracket; a block scalar starts at
//!   its `|` or `>` and ends with its last non-blank line; a quoted scalar ends at its closing
//!   quote; an empty value sits just after its `:` (and the spaces after it) or its `- `;
//! - errors are fixed messages at a byte offset, never the crate's text and never document text
//!   (passwords may be in the YAML).
//!
//! It depends only on `crate::syntax::json` (its `Span`, and its tree for [`YNode::from_json`]).

use crate::syntax::json::{self, Span};
use pullsecret_yaml_events::{events, Event, ScalarStyle as Style, ScanError};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Collections nested deeper than this are refused ([`super::MAX_DEPTH`]; no manifest comes
/// close; the trees built from this one are walked recursively).
pub use super::MAX_DEPTH;

/// The messages of the two depth limits (ours, and the crate's for flow collections).
const TOO_DEEP: &str = "collections nested more than 1000 levels deep";
const FLOW_TOO_DEEP: &str = "flow collections nested more than 255 levels deep";

/// A YAML (or JSON) node with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct YNode {
    pub span: Span,
    pub kind: YKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum YKind {
    Scalar(Scalar),
    Map(Vec<YEntry>),
    Seq(Vec<YNode>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    pub value: String,
    pub style: ScalarStyle,
    /// For literal block scalars: byte offset of the first content line and the content
    /// indentation, so that a position inside the value maps back to the manifest.
    pub block: Option<(usize, usize)>,
}

/// How a scalar was written. JSON strings read as `Double`; JSON numbers, booleans and null as `Plain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    Single,
    Double,
    Literal,
    Folded,
}

#[derive(Clone, Debug, PartialEq)]
pub struct YEntry {
    pub key: String,
    pub key_span: Span,
    pub value: YNode,
}

impl YNode {
    pub fn get(&self, key: &str) -> Option<&YNode> {
        match &self.kind {
            YKind::Map(entries) => entries
                .iter()
                .rev()
                .find(|e| e.key == key)
                .map(|e| &e.value),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[YEntry] {
        match &self.kind {
            YKind::Map(entries) => entries,
            _ => &[],
        }
    }

    /// A sequence's items; none for anything else.
    pub fn items(&self) -> &[YNode] {
        match &self.kind {
            YKind::Seq(items) => items,
            _ => &[],
        }
    }

    /// The strings of a sequence (`[a, b]`); items that are not strings are skipped, as a
    /// typed client would refuse them.
    pub fn strings(&self) -> impl Iterator<Item = &str> + Clone {
        self.items().iter().filter_map(YNode::as_str)
    }

    /// The scalar's text, unless it is a null (`~`, `null`, empty plain).
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            YKind::Scalar(s) if !s.is_null() => Some(&s.value),
            _ => None,
        }
    }

    /// A null scalar (`~`, `null`, empty plain).
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, YKind::Scalar(s) if s.is_null())
    }

    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            YKind::Scalar(s) if s.is_null() => "null",
            YKind::Scalar(_) => "scalar",
            YKind::Map(_) => "mapping",
            YKind::Seq(_) => "sequence",
        }
    }

    fn null(at: usize) -> YNode {
        YNode {
            span: Span::new(at, at),
            kind: YKind::Scalar(Scalar {
                value: String::new(),
                style: ScalarStyle::Plain,
                block: None,
            }),
        }
    }

    /// The same tree from a JSON document (a Secret written as JSON).
    pub fn from_json(n: &json::Node<'_>) -> YNode {
        use json::Value;
        let scalar = |value: String, style| {
            YKind::Scalar(Scalar {
                value,
                style,
                block: None,
            })
        };
        let kind = match &n.value {
            Value::Null => scalar("null".into(), ScalarStyle::Plain),
            Value::Bool(b) => scalar(if *b { "true" } else { "false" }.into(), ScalarStyle::Plain),
            Value::Number(t) => scalar((*t).into(), ScalarStyle::Plain),
            Value::String(s) => scalar(s.as_ref().into(), ScalarStyle::Double),
            Value::Array(items) => YKind::Seq(items.iter().map(YNode::from_json).collect()),
            Value::Object(members) => YKind::Map(
                members
                    .iter()
                    .map(|m| YEntry {
                        key: m.key.as_ref().into(),
                        key_span: m.key_span,
                        value: YNode::from_json(&m.value),
                    })
                    .collect(),
            ),
        };
        YNode { span: n.span, kind }
    }
}

impl Scalar {
    pub fn is_null(&self) -> bool {
        self.style == ScalarStyle::Plain
            && matches!(self.value.as_str(), "" | "~" | "null" | "Null" | "NULL")
    }
}

/// A YAML syntax problem at a byte offset. Messages never include document text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub offset: usize,
    pub message: &'static str,
}

impl YamlError {
    /// Whether the error is a depth limit (the `too-deep` code), not a syntax error.
    pub fn too_deep(&self) -> bool {
        self.message == TOO_DEEP || self.message == FLOW_TOO_DEEP
    }
}

/// Reads every document of a YAML stream.
pub fn parse_stream(text: &str) -> Result<Vec<YNode>, YamlError> {
    // Two spellings the crate refuses and go-yaml reads are given to the crate rewritten, with
    // the same length (offsets hold) and the same number of characters:
    // - a tab right after a key's `:` (`key:<tab>value`): a space;
    // - a byte-order mark that does not start a line: YAML 1.2 refuses it inside a plain or
    //   block scalar, go-yaml keeps it as a character of the value (a config pasted into
    //   `stringData` from a Windows editor may start with one, and is then reported as a BOM in
    //   the config, not as a YAML error). It reads as U+FFFE, put back in values. (go-yaml
    //   refuses U+FFFE itself; a text holding one is read as it is.)
    let b = text.as_bytes();
    let bom = text.contains('\u{FEFF}') && !text.contains(BOM_STAND_IN);
    let tabs: Vec<usize> = (1..b.len())
        .filter(|&i| b[i] == b'\t' && b[i - 1] == b':')
        .collect();
    let mut read = Cow::Borrowed(text);
    if bom || !tabs.is_empty() {
        let mut v = b.to_vec();
        for &i in &tabs {
            v[i] = b' ';
        }
        if bom {
            for i in 0..v.len().saturating_sub(2) {
                let line_start = i == 0 || matches!(v[i - 1], b'\n' | b'\r');
                if v[i..i + 3] == [0xEF, 0xBB, 0xBF] && !line_start {
                    v[i + 1..i + 3].copy_from_slice(&[0xBF, 0xBE]);
                }
            }
        }
        read = Cow::Owned(String::from_utf8(v).unwrap_or_else(|_| text.into()));
    }
    let at = Offsets::new(text);
    let mut restore = Vec::new();
    let docs = read_stream(text, &read, &at, bom, &tabs, &mut restore);
    if restore.is_empty() {
        return docs;
    }
    // Some of those tabs were inside quoted or block scalars, where they are content: read
    // again with them put back (it changes no structure, so twice is enough).
    let mut v = read.into_owned().into_bytes();
    for i in restore {
        v[i] = b'\t';
    }
    let read = String::from_utf8(v).unwrap_or_else(|_| text.into());
    read_stream(text, &read, &at, bom, &[], &mut Vec::new())
}

/// Stands in for U+FEFF inside a line: the same UTF-8 length, one character too.
const BOM_STAND_IN: char = '\u{FFFE}';

fn read_stream(
    text: &str,
    read: &str,
    at: &Offsets<'_>,
    bom: bool,
    tabs: &[usize],
    restore: &mut Vec<usize>,
) -> Result<Vec<YNode>, YamlError> {
    let mut b = Builder {
        b: text.as_bytes(),
        at,
        bom,
        docs: Vec::new(),
        open: Vec::new(),
        prev_end: 0,
        anchors: HashMap::new(),
        budget: text.len().saturating_mul(ALIAS_GROWTH).saturating_add(4096),
    };
    for ev in events(read) {
        let (ev, span) = ev.map_err(|e| b.scan_error(&e))?;
        let start = b.at.byte(span.start.index());
        let end = b.at.byte(span.end.index()).max(start);
        if let Event::Scalar(_, style, ..) = &ev {
            if *style != Style::Plain {
                let from = tabs.partition_point(|&t| t < start);
                let to = tabs.partition_point(|&t| t < end);
                restore.extend_from_slice(&tabs[from..to]);
            }
        }
        b.event(ev, start, end)?;
    }
    Ok(b.docs)
}

/// The crate counts characters; spans here are byte offsets. ASCII text (almost every
/// manifest) maps one to one; otherwise every 64th character's offset is kept.
struct Offsets<'t> {
    s: &'t str,
    every: Vec<usize>,
}

const STRIDE: usize = 64;

impl<'t> Offsets<'t> {
    fn new(s: &'t str) -> Self {
        let every = if s.is_ascii() {
            Vec::new()
        } else {
            s.char_indices().step_by(STRIDE).map(|(i, _)| i).collect()
        };
        Offsets { s, every }
    }

    fn byte(&self, index: usize) -> usize {
        if self.every.is_empty() {
            return index.min(self.s.len());
        }
        match self.every.get(index / STRIDE) {
            Some(&from) => self.s[from..]
                .char_indices()
                .nth(index % STRIDE)
                .map_or(self.s.len(), |(i, _)| from + i),
            None => self.s.len(),
        }
    }
}

/// A collection whose end event has not come yet.
struct Open {
    start: usize,
    flow: bool,
    /// Its anchor's id (`&name`), 0 for none.
    anchor: usize,
    /// `Map` or `Seq`, filled as its children end.
    kind: YKind,
    /// A mapping's key, waiting for its value.
    key: Option<(String, Span)>,
    /// The indexes of a mapping's merge keys (`<<`, plain: a quoted one is an ordinary key).
    merges: Vec<usize>,
}

struct Builder<'t> {
    b: &'t [u8],
    at: &'t Offsets<'t>,
    /// Byte-order marks were replaced by [`BOM_STAND_IN`] for the crate.
    bom: bool,
    docs: Vec<YNode>,
    open: Vec<Open>,
    /// Where the previous event ended: a block scalar's indicator is searched from there.
    prev_end: usize,
    /// Every anchored node by anchor id (the last of a name wins, as in YAML).
    anchors: HashMap<usize, YNode>,
    /// What copies of anchored nodes may still add ([`weight`]).
    budget: usize,
}

/// Alias copies may add this many times the text's length (in [`weight`]): far above what
/// anchors in a real file expand to, and linear, where a YAML bomb is exponential.
pub const ALIAS_GROWTH: usize = 4;

const ALIAS: &str = "an alias (*name) to an anchor that is not defined before it";
const ALIAS_BOMB: &str =
    "aliases expand to more than four times the text (a YAML bomb?); go-yaml refuses excessive aliasing";
const MERGE: &str = "a merge key (<<) takes a mapping or a sequence of mappings";

/// What a copy of `node` costs: one per node, plus its scalars' bytes.
fn weight(node: &YNode) -> usize {
    match &node.kind {
        YKind::Scalar(s) => 1 + s.value.len(),
        YKind::Seq(items) => items.iter().map(weight).fold(1, usize::saturating_add),
        YKind::Map(entries) => entries
            .iter()
            .map(|e| 1 + e.key.len() + weight(&e.value))
            .fold(1, usize::saturating_add),
    }
}

fn is_blank(c: Option<&u8>) -> bool {
    matches!(c, None | Some(b' ' | b'\t' | b'\n' | b'\r'))
}

impl Builder<'_> {
    fn fail<T>(offset: usize, message: &'static str) -> Result<T, YamlError> {
        Err(YamlError { offset, message })
    }

    fn event(&mut self, ev: Event<'_>, start: usize, end: usize) -> Result<(), YamlError> {
        // An implicit document start is placed at the document's first token, which for a
        // block scalar is its content, past the indicator.
        if ev == Event::DocumentStart(false) {
            return Ok(());
        }
        let prev = std::mem::replace(&mut self.prev_end, end);
        let block = !self.open.last().is_some_and(|o| o.flow);
        match ev {
            Event::Alias(id) => {
                let Some(anchored) = self.anchors.get(&id) else {
                    return Self::fail(start, ALIAS);
                };
                let mut node = Self::copy(&mut self.budget, anchored, start)?;
                if !matches!(node.kind, YKind::Scalar(_)) {
                    node.span = Span::new(start, end.max(start));
                }
                self.add(node)
            }
            Event::Scalar(value, style, anchor, _) => {
                // (a block scalar's event starts at its content, an empty one's at its `:`)
                let text = !value.is_empty() || style != Style::Plain;
                if block && text && !matches!(style, Style::Literal | Style::Folded) {
                    self.check_tabs(start)?;
                }
                let mut value = value.into_owned();
                if self.bom && value.contains(BOM_STAND_IN) {
                    value = value.replace(BOM_STAND_IN, "\u{FEFF}");
                }
                let node = self.scalar(value, style, start, end, prev);
                self.anchor(anchor, &node, start)?;
                self.add(node)
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.open.len() >= MAX_DEPTH {
                    return Self::fail(start, TOO_DEEP);
                }
                let seq = matches!(ev, Event::SequenceStart(..));
                // A flow start event spans its bracket (and maybe spaces after it); a block one
                // is empty, or spans its properties.
                let bracket = self.b[start..end]
                    .iter()
                    .rev()
                    .find(|c| !matches!(c, b' ' | b'\t' | b'\r' | b'\n'));
                let flow = matches!(bracket, Some(b'[' | b'{'));
                if block {
                    self.check_tabs(start)?;
                }
                let mut start = self.skip_properties(start, true);
                let in_map = self
                    .open
                    .last()
                    .is_some_and(|o| matches!(o.kind, YKind::Map(_)));
                if seq && !flow && in_map {
                    // An indentless sequence (`key:` then `- item` at the key's column) is
                    // reported after its first `- `. A block sequence that is a mapping's
                    // value starts its line.
                    let ls = self.line_start(start);
                    let first = ls
                        + self.b[ls..start]
                            .iter()
                            .take_while(|&&c| c == b' ' || c == b'\t')
                            .count();
                    if self.b.get(first) == Some(&b'-') {
                        start = first;
                    }
                }
                if block {
                    self.check_tabs(start)?;
                }
                let kind = if seq {
                    YKind::Seq(Vec::new())
                } else {
                    YKind::Map(Vec::new())
                };
                self.open.push(Open {
                    start,
                    flow,
                    anchor,
                    kind,
                    key: None,
                    merges: Vec::new(),
                });
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(open) = self.open.pop() else {
                    return Ok(());
                };
                let end = if open.flow {
                    match self.b.get(start) {
                        Some(b']' | b'}') => start + 1,
                        _ => end,
                    }
                } else {
                    match &open.kind {
                        YKind::Map(entries) => entries
                            .last()
                            .map_or(open.start, |e| e.value.span.end.max(e.key_span.end)),
                        YKind::Seq(items) => items.last().map_or(open.start, |n| n.span.end),
                        YKind::Scalar(_) => open.start,
                    }
                };
                let kind = match open.kind {
                    YKind::Map(entries) => YKind::Map(Self::merge(entries, &open.merges)?),
                    kind => kind,
                };
                let node = YNode {
                    span: Span::new(open.start, end.max(open.start)),
                    kind,
                };
                self.anchor(open.anchor, &node, open.start)?;
                self.add(node)
            }
            _ => Ok(()),
        }
    }

    /// Keeps a copy of the anchored `node` for its aliases (at the cost of a copy).
    fn anchor(&mut self, id: usize, node: &YNode, at: usize) -> Result<(), YamlError> {
        if id != 0 {
            let copy = Self::copy(&mut self.budget, node, at)?;
            self.anchors.insert(id, copy);
        }
        Ok(())
    }

    /// A copy of `node`, paid from the budget ([`ALIAS_GROWTH`]).
    fn copy(budget: &mut usize, node: &YNode, at: usize) -> Result<YNode, YamlError> {
        match budget.checked_sub(weight(node)) {
            Some(left) => {
                *budget = left;
                Ok(node.clone())
            }
            None => Self::fail(at, ALIAS_BOMB),
        }
    }

    /// A mapping's merge keys (`<<`, plain; at the indexes `merges`, ascending) replaced by the
    /// entries they merge, as go-yaml v2 decodes them: the mapping's own keys win, then those of
    /// the earlier merge key and the earlier mapping of a sequence; a merged entry whose key is
    /// already taken is dropped. The merged entries come first, so that the last of a key
    /// ([`YNode::get`]) is the one go-yaml keeps. Linear in the entries.
    fn merge(entries: Vec<YEntry>, merges: &[usize]) -> Result<Vec<YEntry>, YamlError> {
        if merges.is_empty() {
            return Ok(entries);
        }
        let (mut own, mut sources) = (Vec::new(), Vec::new());
        let mut next = merges.iter().peekable();
        for (i, e) in entries.into_iter().enumerate() {
            if next.next_if(|&&m| m == i).is_some() {
                sources.push(e.value);
            } else {
                own.push(e);
            }
        }
        // The mappings merged in, in order of precedence.
        let mut maps = Vec::new();
        for source in sources {
            match source.kind {
                YKind::Map(map) => maps.push(map),
                YKind::Seq(items) => {
                    for item in items {
                        match item.kind {
                            YKind::Map(map) => maps.push(map),
                            _ => return Self::fail(item.span.start, MERGE),
                        }
                    }
                }
                YKind::Scalar(_) => return Self::fail(source.span.start, MERGE),
            }
        }
        let mut taken: HashSet<String> = own.iter().map(|e| e.key.clone()).collect();
        let mut merged = Vec::new();
        for map in maps {
            // The last of a key within one mapping is the one it holds.
            let from = merged.len();
            for e in map.into_iter().rev() {
                if taken.insert(e.key.clone()) {
                    merged.push(e);
                }
            }
            merged[from..].reverse();
        }
        merged.extend(own);
        Ok(merged)
    }

    /// A finished node goes into its collection, or is a document.
    fn add(&mut self, node: YNode) -> Result<(), YamlError> {
        let Some(open) = self.open.last_mut() else {
            self.docs.push(node);
            return Ok(());
        };
        match &mut open.kind {
            YKind::Seq(items) => items.push(node),
            YKind::Map(entries) => match open.key.take() {
                Some((key, key_span)) => entries.push(YEntry {
                    key,
                    key_span,
                    value: node,
                }),
                None => match node.kind {
                    YKind::Scalar(s) => {
                        if s.style == ScalarStyle::Plain && s.value == "<<" {
                            open.merges.push(entries.len());
                        }
                        open.key = Some((s.value, node.span));
                    }
                    _ => return Self::fail(node.span.start, "mapping keys must be scalars"),
                },
            },
            YKind::Scalar(_) => {}
        }
        Ok(())
    }

    /// go-yaml refuses a tab before a block node on its line: in its indentation, or between
    /// the node and the `-` or `?` before it (the crate lets some of these through). After a
    /// key's `:` tabs are fine.
    fn check_tabs(&self, at: usize) -> Result<(), YamlError> {
        let b = self.b;
        let (mut i, mut tab) = (at.min(b.len()), false);
        while i > 0 && matches!(b[i - 1], b' ' | b'\t') {
            tab |= b[i - 1] == b'\t';
            i -= 1;
        }
        if !tab {
            return Ok(());
        }
        match i
            .checked_sub(1)
            .map(|p| (b[p], p.checked_sub(1).map(|q| b[q])))
        {
            None | Some((b'\n' | b'\r', _)) => Self::fail(at, "tab character used for indentation"),
            // (`---` followed by a tab is fine)
            Some((b'?', _)) | Some((b'-', None | Some(b' ' | b'\t' | b'\n' | b'\r'))) => {
                Self::fail(at, "tab character after '-' or '?' (use spaces)")
            }
            _ => Ok(()),
        }
    }

    fn scalar(&self, value: String, style: Style, start: usize, end: usize, prev: usize) -> YNode {
        let b = self.b;
        if style == Style::Plain && value.is_empty() {
            // An empty value (`key:`, `- `, `{a: }`, an empty document): after its properties,
            // or after the `:` and the spaces that follow it.
            if matches!(b.get(start), Some(b'!' | b'&')) {
                return YNode::null(self.skip_properties(start, false));
            }
            let mut at = start;
            let Some(open) = self.open.last() else {
                return YNode::null(at);
            };
            let is_key = matches!(open.kind, YKind::Map(_)) && open.key.is_none();
            if !is_key {
                if b.get(at) == Some(&b':') {
                    at += 1;
                }
                at = self.skip_space(at, open.flow);
            }
            return YNode::null(at);
        }
        let (style, span, block) = match style {
            Style::Plain => {
                let start = self.skip_properties(start, true).min(end);
                (ScalarStyle::Plain, Span::new(start, end), None)
            }
            Style::SingleQuoted | Style::DoubleQuoted => {
                let start = self.skip_properties(start, true).min(end);
                // The crate's span may take in the spaces after the closing quote.
                let mut e = end;
                while e > start + 1 && matches!(b[e - 1], b' ' | b'\t') {
                    e -= 1;
                }
                let style = if style == Style::SingleQuoted {
                    ScalarStyle::Single
                } else {
                    ScalarStyle::Double
                };
                (style, Span::new(start, e), None)
            }
            Style::Literal | Style::Folded => {
                let literal = style == Style::Literal;
                let (span, block) = self.block_scalar(start, end, prev);
                if literal {
                    (ScalarStyle::Literal, span, Some(block))
                } else {
                    (ScalarStyle::Folded, span, None)
                }
            }
        };
        YNode {
            span,
            kind: YKind::Scalar(Scalar {
                value,
                style,
                block,
            }),
        }
    }

    /// A block scalar's span (from its `|` or `>` to the end of its last non-blank line), and
    /// where its content starts (the line after the indicator) with the content indentation.
    /// The crate's span starts at the content (or at the node's properties).
    fn block_scalar(&self, start: usize, end: usize, prev: usize) -> (Span, (usize, usize)) {
        let b = self.b;
        // Between the previous event and the indicator there are only spaces, comments, the
        // `:`, `-`, `?` and `---` indicators and the node's tag and anchor.
        let mut i = prev.min(start);
        let header = loop {
            match b.get(i) {
                _ if i >= end => break start,
                Some(b'|' | b'>') => break i,
                Some(b'#') if i == 0 || is_blank(b.get(i - 1)) => i = self.eol(i),
                Some(b'!' | b'&') => {
                    while !is_blank(b.get(i)) {
                        i += 1;
                    }
                }
                _ => i += 1,
            }
        };
        let content_start = (self.eol(header) + 1).min(b.len());
        let mut explicit = None;
        for c in b.iter().skip(header + 1).take(2) {
            if let d @ b'1'..=b'9' = *c {
                explicit = Some((d - b'0') as usize);
            }
        }
        // The indentation of the enclosing block collection (none at the top level).
        let parent = self.open.last().map(|o| o.start - self.line_start(o.start));
        let indent = match explicit {
            Some(n) => parent.map_or(n, |p| p + n),
            None => {
                let mut j = content_start;
                let found = loop {
                    let ls = j;
                    while b.get(j) == Some(&b' ') {
                        j += 1;
                    }
                    match b.get(j) {
                        Some(b'\n' | b'\r') => j += 1,
                        None => break None,
                        Some(_) => break Some(j - ls),
                    }
                };
                match (found, parent) {
                    (Some(n), Some(p)) if n > p => n,
                    (Some(n), None) => n,
                    (_, p) => p.map_or(0, |p| p + 1),
                }
            }
        };
        // The last line with content (not only spaces) before the crate's end of the scalar.
        let mut last = content_start;
        let mut ls = content_start;
        while ls < end {
            let le = self.eol(ls);
            let mut te = le;
            while te > ls && b[te - 1] == b'\r' {
                te -= 1;
            }
            let spaces = b[ls..te].iter().take_while(|&&c| c == b' ').count();
            if ls + spaces < te {
                if spaces < indent {
                    break;
                }
                last = te;
            }
            ls = le + 1;
        }
        let span = Span::new(header, last.max(header + 1).min(b.len()).max(header));
        (span, (content_start, indent))
    }

    /// Past a node's `!tag` and `&anchor`, and the spaces after them (and line breaks and
    /// comments, when the node may start on a later line).
    fn skip_properties(&self, mut i: usize, lines: bool) -> usize {
        while matches!(self.b.get(i), Some(b'!' | b'&')) {
            while !is_blank(self.b.get(i)) {
                i += 1;
            }
            i = self.skip_space(i, lines);
        }
        i
    }

    fn skip_space(&self, mut i: usize, lines: bool) -> usize {
        loop {
            match self.b.get(i) {
                Some(b' ' | b'\t') => i += 1,
                Some(b'\n' | b'\r') if lines => i += 1,
                Some(b'#') if lines => i = self.eol(i),
                _ => return i,
            }
        }
    }

    /// The offset of the line break ending the line of `i` (or the end of the text).
    fn eol(&self, i: usize) -> usize {
        self.b
            .iter()
            .skip(i)
            .position(|&c| c == b'\n')
            .map_or(self.b.len(), |p| i + p)
    }

    fn line_start(&self, i: usize) -> usize {
        self.b[..i.min(self.b.len())]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1)
    }

    /// The crate's error as one of our fixed messages (its own text is not passed on).
    fn scan_error(&self, e: &ScanError) -> YamlError {
        let offset = self.at.byte(e.marker().index());
        let info = e.info();
        let has = |end: &str| info.ends_with(end);
        let starts = |s: &str| info.starts_with(s);
        let message = if has("quoted scalar, found unexpected end of stream") {
            if self.b.get(offset) == Some(&b'\'') {
                "unterminated single-quoted string"
            } else {
                "unterminated double-quoted string"
            }
        } else if has("unknown anchor") {
            ALIAS
        } else if starts("tab") {
            "tab character used for indentation"
        } else if has("found a tab") {
            "tab character where YAML does not allow one"
        } else if starts("mapping values are not allowed") {
            "mapping values are not allowed here (a ': ' inside a plain value; quote it)"
        } else if starts("block sequence entries") {
            "a sequence cannot start on the same line as a mapping key"
        } else if starts("unexpected character") {
            "a plain value cannot start with '@', '`' or '%' (quote it)"
        } else if has("escape character") || has("hexadecimal number") || has("escape code") {
            "invalid escape in double-quoted string"
        } else if has("after double-quoted scalar") {
            "unexpected text after a quoted scalar"
        } else if starts("while scanning a block scalar") {
            "unexpected text after a block scalar indicator"
        } else if starts("while parsing a flow mapping") {
            "expected ',' or '}' in a flow mapping"
        } else if starts("while parsing a flow sequence") {
            "expected ',' or ']' in a flow sequence"
        } else if starts("simple key") {
            "expected a mapping key followed by ':' (on the same line, within 1024 characters)"
        } else if starts("invalid indentation") {
            "unexpected indentation"
        } else if starts("illegal placement of ':'") {
            "a ':' where none is allowed (quote the value)"
        } else if has("must be followed by a valid YAML whitespace") {
            "tab character after '-' (use spaces)"
        } else if has("is only valid inside a block") {
            "a '- ' item inside a flow collection"
        } else if starts("misplaced bracket") {
            "a closing bracket without its opening one"
        } else if starts("mapping keys are not allowed") {
            "a '? ' key where none is allowed"
        } else if starts("comments must be separated") {
            "a comment needs a space before its '#'"
        } else if starts("while scanning an anchor or alias") {
            "an anchor (&) or alias (*) without a name"
        } else if starts("while scanning a tag") || starts("while parsing a tag") {
            "invalid tag (!)"
        } else if starts("recursion limit") {
            FLOW_TOO_DEEP
        } else if has("byte order mark must not appear inside a document") {
            "a byte-order mark inside a document"
        } else if has("unprintable character") {
            "a NUL character, which YAML does not allow"
        } else if has("eof") || has("end of stream") {
            "unexpected end of input"
        } else if has("did not find expected node content") {
            "expected a value here"
        } else if has("did not find expected key") || has("expected '-' indicator") {
            "unexpected indentation"
        } else if has("<document start>") {
            "unexpected content after the end of a node (check the indentation)"
        } else {
            "invalid YAML"
        };
        YamlError { offset, message }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> YNode {
        let mut d = parse_stream(s).unwrap();
        assert_eq!(d.len(), 1, "{d:?}");
        d.remove(0)
    }

    fn s<'n>(n: &'n YNode, path: &[&str]) -> &'n str {
        let mut n = n;
        for k in path {
            n = n.get(k).unwrap_or_else(|| panic!("no {k}"));
        }
        n.as_str().unwrap()
    }

    #[test]
    fn kubectl_output() {
        let y = "apiVersion: v1\ndata:\n  .dockerconfigjson: eyJhdXRocyI6e319\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: foo\ntype: kubernetes.io/dockerconfigjson\n";
        let d = doc(y);
        assert_eq!(s(&d, &["data", ".dockerconfigjson"]), "eyJhdXRocyI6e319");
        assert!(d
            .get("metadata")
            .unwrap()
            .get("creationTimestamp")
            .unwrap()
            .is_null());
        assert_eq!(s(&d, &["type"]), "kubernetes.io/dockerconfigjson");
        let v = d.get("data").unwrap().get(".dockerconfigjson").unwrap();
        assert_eq!(&y[v.span.start..v.span.end], "eyJhdXRocyI6e319");
    }

    #[test]
    fn oc_get_output_with_managed_fields_and_annotations() {
        let y = r#"apiVersion: v1
data:
  .dockerconfigjson: e30=
kind: Secret
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"Secret"}
    note: "a long
      folded \"quoted\" value"
    other: 'it''s'
  managedFields:
  - apiVersion: v1
    fieldsType: FieldsV1
    fieldsV1:
      f:data:
        .: {}
        f:.dockerconfigjson: {}
    manager: kubectl-create
  - {a: [1, "two"], b: x}
  name: pull-secret   # trailing comment
  namespace: openshift-config
type: kubernetes.io/dockerconfigjson
"#;
        let d = doc(y);
        assert_eq!(
            s(
                &d,
                &[
                    "metadata",
                    "annotations",
                    "kubectl.kubernetes.io/last-applied-configuration"
                ]
            ),
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\"}\n"
        );
        assert_eq!(
            s(&d, &["metadata", "annotations", "note"]),
            "a long folded \"quoted\" value"
        );
        assert_eq!(s(&d, &["metadata", "annotations", "other"]), "it's");
        assert_eq!(s(&d, &["metadata", "name"]), "pull-secret");
        let YKind::Seq(mf) = &d
            .get("metadata")
            .unwrap()
            .get("managedFields")
            .unwrap()
            .kind
        else {
            panic!()
        };
        assert_eq!(mf.len(), 2);
        assert_eq!(s(&mf[0], &["manager"]), "kubectl-create");
        assert_eq!(s(&mf[1], &["b"]), "x");
    }

    #[test]
    fn block_scalars_chomping_and_positions() {
        let y = "stringData:\n  .dockerconfigjson: |-\n    {\"auths\": {}}\n    \nkind: Secret\n";
        let d = doc(y);
        let v = d
            .get("stringData")
            .unwrap()
            .get(".dockerconfigjson")
            .unwrap();
        assert_eq!(v.as_str().unwrap(), "{\"auths\": {}}");
        let YKind::Scalar(sc) = &v.kind else { panic!() };
        let (start, indent) = sc.block.unwrap();
        assert_eq!(&y[start + indent..start + indent + 1], "{");
        assert_eq!(s(&d, &["kind"]), "Secret");
        assert_eq!(
            doc("a: >\n  x\n  y\n\n  z\n")
                .get("a")
                .unwrap()
                .as_str()
                .unwrap(),
            "x y\nz\n"
        );
        assert_eq!(
            doc("a: |+\n  x\n\nb: 1\n")
                .get("a")
                .unwrap()
                .as_str()
                .unwrap(),
            "x\n\n"
        );
    }

    #[test]
    fn streams_and_errors() {
        assert_eq!(
            parse_stream("---\na: 1\n---\nb: 2\n...\n").unwrap().len(),
            2
        );
        assert!(parse_stream("a: *x\n").is_err());
        assert!(parse_stream("a: b: c\n").is_err());
        assert!(parse_stream("a: \"x\n").is_err());
        let e = parse_stream("a:\n\tb: 1\n").unwrap_err();
        assert!(e.message.contains("tab"), "{e:?}");
        assert_eq!(doc("- a\n- b: c\n  d: e\n").entries().len(), 0);
    }

    fn span_text<'t>(y: &'t str, n: &YNode) -> &'t str {
        &y[n.span.start..n.span.end]
    }

    #[test]
    fn spans_where_the_tools_expect_them() {
        let y = "a:\n- x\n- - y\nb: &anc !!str  \"q\"  \nc: # comment\nd:\n  - \ne: {f: , g}\n";
        let d = doc(y);
        let a = d.get("a").unwrap();
        assert_eq!(
            a.span.start, 3,
            "an indentless sequence starts at its first '-'"
        );
        let YKind::Seq(items) = &a.kind else { panic!() };
        assert_eq!(
            items[1].span.start, 9,
            "a compact nested sequence at its own '-'"
        );
        assert_eq!(span_text(y, d.get("b").unwrap()), "\"q\"");
        let c = d.get("c").unwrap();
        assert!(c.is_null());
        assert_eq!(&y[c.span.start..c.span.start + 1], "#");
        let YKind::Seq(items) = &d.get("d").unwrap().kind else {
            panic!()
        };
        assert_eq!(&y[items[0].span.start..], "\ne: {f: , g}\n");
        let e = d.get("e").unwrap();
        assert_eq!(span_text(y, e), "{f: , g}");
        assert_eq!(&y[e.get("f").unwrap().span.start..][..1], ",");
        assert_eq!(&y[e.get("g").unwrap().span.start..][..1], "}");
        assert_eq!(span_text(y, &d.entries()[0].value), "- x\n- - y");

        // Literal blocks: from the indicator to the last non-blank line; content position.
        let y = "k:\r\n  lit: |-  # c\r\n    {\"a\":\r\n     1}\r\n\r\n  n: 1\r\n";
        let d = doc(y);
        let lit = d.get("k").unwrap().get("lit").unwrap();
        assert_eq!(lit.as_str(), Some("{\"a\":\n 1}"));
        assert_eq!(span_text(y, lit), "|-  # c\r\n    {\"a\":\r\n     1}");
        let YKind::Scalar(sc) = &lit.kind else {
            panic!()
        };
        assert_eq!(sc.block, Some((y.find("    {").unwrap(), 4)));
        let y = "- |2\n    x\n";
        let YKind::Seq(items) = &doc(y).kind else {
            panic!()
        };
        let YKind::Scalar(sc) = &items[0].kind else {
            panic!()
        };
        assert_eq!((sc.value.as_str(), sc.block), ("  x\n", Some((5, 2))));

        // Byte offsets, whatever the characters before.
        let y = "ü: é😀\nk: \"v\"\n";
        let d = doc(y);
        assert_eq!(span_text(y, d.get("ü").unwrap()), "é😀");
        assert_eq!(span_text(y, d.get("k").unwrap()), "\"v\"");
    }

    /// Aliases and merge keys as go-yaml v2 decodes them (`kubectl kustomize` prints the
    /// expanded objects), within a linear budget.
    #[test]
    fn aliases_copy_their_anchor_and_merge_keys_merge() {
        let one = |t: &str| parse_stream(t).unwrap().remove(0);
        let s = |n: &YNode, k: &str| n.get(k).and_then(YNode::as_str).map(String::from);
        // A scalar, a mapping and a sequence; a scalar keeps its anchor's span (where its text
        // is), a collection takes the alias's span, and inside it the anchor's.
        let d = one("a: &x 1\nb: *x\nm: &m {k: v}\nn: *m\nq: &q [1, 2]\nr: *q\n");
        assert_eq!(s(&d, "b").as_deref(), Some("1"));
        assert_eq!(d.get("b").unwrap().span, Span::new(6, 7));
        let n = d.get("n").unwrap();
        assert_eq!(
            (s(n, "k").as_deref(), n.span),
            (Some("v"), Span::new(30, 32))
        );
        assert_eq!(n.entries()[0].key_span, Span::new(21, 22));
        assert!(matches!(&d.get("r").unwrap().kind, YKind::Seq(items) if items.len() == 2));
        // The last anchor of a name wins; an alias names what came before it.
        let d = one("a: &x 1\nb: *x\nc: &x 2\nd: *x\n");
        assert_eq!(
            (s(&d, "b"), s(&d, "d")),
            (Some("1".into()), Some("2".into()))
        );
        // Merge keys: own keys win, then the earlier mapping of a sequence; a quoted `<<` is
        // a key like any other.
        let d = one("base: &b {image: a, name: b}\nmore: &c {image: c, port: 1}\nx:\n  <<: [*b, *c]\n  name: own\n");
        let x = d.get("x").unwrap();
        assert_eq!(
            (s(x, "image"), s(x, "name"), s(x, "port")),
            (Some("a".into()), Some("own".into()), Some("1".into()))
        );
        assert!(x.get("<<").is_none());
        // Each key once: an overridden merged key is no duplicate.
        let keys: Vec<&str> = x.entries().iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["image", "port", "name"]);
        // Many merge keys in one mapping: linear.
        let many = format!("x: {{{}}}\n", vec!["<<: {k: v}"; 100_000].join(", "));
        assert_eq!(one(&many).get("x").unwrap().entries().len(), 1);
        let quoted = one("b: &b {k: v}\nx:\n  \"<<\": *b\n");
        assert!(quoted.get("x").unwrap().get("<<").is_some());
        assert_eq!(parse_stream("x:\n  <<: 1\n").unwrap_err().message, MERGE);
        assert_eq!(parse_stream("x:\n  <<: [1]\n").unwrap_err().message, MERGE);
        // A YAML bomb: each level doubles; refused before it grows past four times the text.
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..30 {
            bomb.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n", p = i - 1));
        }
        assert_eq!(parse_stream(&bomb).unwrap_err().message, ALIAS_BOMB);
        // Many small aliases of one small anchor are fine.
        let many = format!("a: &a x\nb: [{}]\n", vec!["*a"; 10_000].join(", "));
        assert!(parse_stream(&many).is_ok());
    }

    #[test]
    fn go_yaml_rules_on_top() {
        // go-yaml reads a tab after a key's `:`; a tab inside a value stays.
        let y = "a:\tb\nc: {d:\te}\nf: \"x:\ty\"\ng: |\n  h:\ti\n";
        let d = doc(y);
        assert_eq!(s(&d, &["a"]), "b");
        assert_eq!(s(&d, &["c", "d"]), "e");
        assert_eq!(s(&d, &["f"]), "x:\ty");
        assert_eq!(s(&d, &["g"]), "h:\ti\n");
        // go-yaml refuses tabs that indent, or that follow `- ` or `? `.
        for bad in ["\ta: 1\n", "a:\n \tb: 1\n", "- \tx\n", "a:\n  -\tx\n"] {
            let e = parse_stream(bad).unwrap_err();
            assert!(e.message.contains("tab"), "{bad:?}: {e:?}");
        }
        assert!(parse_stream("a: [1,\t2]\nb: x\t# c\n").is_ok());
        // A byte-order mark inside a value is a character of it, as in go-yaml.
        let y = "s: |\n  \u{feff}{}\nt: a\u{feff}b\n";
        assert_eq!(s(&doc(y), &["s"]), "\u{feff}{}\n");
        assert_eq!(s(&doc(y), &["t"]), "a\u{feff}b");
        // Duplicate keys are kept, the last one wins; `? key` works as in go-yaml; styles stay.
        let d = doc("k: 1\nk: 2\n? q\n: 3\nt: !!str 4\nu: '5'\n");
        assert_eq!(d.entries().len(), 5);
        assert_eq!(s(&d, &["k"]), "2");
        assert_eq!(s(&d, &["q"]), "3");
        let style = |k: &str| match &d.get(k).unwrap().kind {
            YKind::Scalar(sc) => sc.style,
            _ => panic!(),
        };
        assert_eq!(
            (style("t"), style("u")),
            (ScalarStyle::Plain, ScalarStyle::Single)
        );
        // Refused: an alias before its anchor, collections as keys, too deep.
        assert_eq!(parse_stream("a: *x\nb: &x 1\n").unwrap_err().message, ALIAS);
        assert!(parse_stream("? [a]\n: b\n").is_err());
        assert!(parse_stream("{[a]: b}\n").is_err());
        let deep = |n: usize| parse_stream(&("- ".repeat(n) + "x\n")).map(|_| ());
        assert!(deep(MAX_DEPTH).is_ok());
        assert_eq!(
            deep(MAX_DEPTH + 1).map_err(|e| e.offset),
            Err(2 * MAX_DEPTH)
        );
        assert!(parse_stream(&"[".repeat(100_000)).is_err());
    }

    #[test]
    fn errors_are_fixed_messages() {
        for bad in [
            "a: \"s3cr3t\n",
            "a: 's3cr3t\n",
            "a: \"s3cr3t\\q\"\n",
            "a: s3cr3t: b\n",
            "a: [s3cr3t\n",
            "a: {s3cr3t\n",
            "a: @s3cr3t\n",
            "a: |x s3cr3t\n",
            "a:\n\ts3cr3t: 1\n",
            "s3cr3t\nb: 1\n",
            "a: *s3cr3t\n",
            "a: !<s3cr3t\n",
        ] {
            let e = parse_stream(bad).unwrap_err();
            assert!(!e.message.contains("s3cr3t"), "{bad:?}: {e:?}");
            assert!(e.offset <= bad.len());
        }
    }
}
