//! Rewriting one JSON object of a file while keeping every byte around the change.
//!
//! `add`, `remove` and `merge` must not reformat what they do not touch: other entries keep their
//! fields, spacing and order, unknown keys stay, a compact file stays compact and a tab-indented
//! one stays tab-indented. An object's text is seen as pieces: `{`, then for each member the
//! whitespace before its key (its *lead*), the member itself, the whitespace after its value (its
//! *trail*), separated by commas, then `}`. A rewrite re-emits kept members from their original
//! bytes and gives new members whitespace copied from their neighbours, so that inserting a member
//! and deleting it again restores the original text exactly.

use crate::syntax::json::{self, Member, Node, Span, Value};

/// What to put in a rewritten object, in order.
pub(crate) enum Item {
    /// Member `i` of the original object, unchanged.
    Keep(usize),
    /// Member `i` with its key and colon kept and its value replaced by this JSON text.
    Replace(usize, String),
    /// Member `i` with its key and colon kept and its value replaced by this text, verbatim.
    Verbatim(usize, String),
    /// A new member: the key (unquoted) and its value as compact JSON text, laid out like the file.
    New(String, String),
}

/// How a file lays out its JSON: the indent unit of one level and the text between a key and
/// its value.
/// Its texts are slices of the file (or constants): nothing to allocate or free.
#[derive(Clone, Debug)]
pub(crate) struct Style<'t> {
    pub unit: &'t str,
    pub colon: &'t str,
    pub eol: &'static str,
    /// Separator after a comma in single-line objects (`""` or `" "`).
    pub compact_sep: &'t str,
    /// Members go on their own lines (new members of empty objects too).
    pub multiline: bool,
}

impl<'t> Style<'t> {
    /// `json.MarshalIndent(v, "", "\t")`: what podman writes, used for new files.
    pub(crate) fn podman() -> Self {
        Style {
            unit: "\t",
            colon: ": ",
            eol: "\n",
            compact_sep: "",
            multiline: true,
        }
    }

    /// Reads the layout of `text` (whose root object is `root`).
    pub(crate) fn detect(text: &'t str, root: &Node<'_>) -> Self {
        let Some(members) = root.value.as_object() else {
            return Style::podman();
        };
        if members.is_empty() {
            return Style::podman();
        }
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let colon = first_colon(text, root).unwrap_or(": ");
        let lead0 = &text[root.span.start + 1..members[0].key_span.start];
        let mut unit = indent_after_newline(lead0).filter(|u| !u.is_empty());
        if unit.is_none() {
            // The shortest indentation of any later line (the first of equal ones).
            for l in text.split('\n').skip(1) {
                let w = &l[..l.len() - l.trim_start_matches([' ', '\t']).len()];
                if !w.is_empty() && unit.is_none_or(|u| w.len() < u.len()) {
                    unit = Some(w);
                }
            }
        }
        let mut compact_sep = "";
        if let Some(m) = members.get(1) {
            let before = &text[..m.key_span.start];
            let comma = before.rfind(',').map_or(m.key_span.start, |c| c + 1);
            let sep = &text[comma..m.key_span.start];
            if !sep.contains('\n') {
                compact_sep = sep;
            }
        }
        Style {
            unit: unit.unwrap_or("\t"),
            colon,
            eol,
            compact_sep,
            multiline: text[root.span.start..root.span.end].contains('\n'),
        }
    }
}

/// The text between the first key of the file and its value, if it is plain spacing.
fn first_colon<'t>(text: &'t str, node: &Node<'_>) -> Option<&'t str> {
    let members = node.value.as_object()?;
    let m = members.first()?;
    let c = &text[m.key_span.end..m.value.span.start];
    if c.contains('\n') {
        None
    } else {
        Some(c)
    }
}

/// The whitespace after the last line break of `ws`, if it has one.
fn indent_after_newline(ws: &str) -> Option<&str> {
    ws.rfind('\n').map(|i| &ws[i + 1..])
}

/// The indentation of the line holding byte `at`.
fn line_indent(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// Offsets of the commas (or the closing brace) after each member's value.
fn delimiters(text: &str, obj: Span, members: &[Member<'_>]) -> Vec<usize> {
    members
        .iter()
        .map(|m| {
            let b = text.as_bytes();
            let mut i = m.value.span.end;
            while i < obj.end && !matches!(b[i], b',' | b'}') {
                i += 1;
            }
            i
        })
        .collect()
}

/// Rewrites the object `obj` (a node of `text`) as `items` say; returns the new text of the
/// object's span. `style` lays out new members when the object has no member to copy from.
pub(crate) fn rewrite_object(text: &str, obj: &Node<'_>, items: &[Item], style: &Style) -> String {
    let members = obj.value.as_object().unwrap_or(&[]);
    let n = members.len();
    let delims = delimiters(text, obj.span, members);
    let lead = |i: usize| {
        let from = if i == 0 {
            obj.span.start + 1
        } else {
            delims[i - 1] + 1
        };
        &text[from..members[i].key_span.start]
    };
    let trail = |i: usize| &text[members[i].value.span.end..delims[i]];
    let indent = line_indent(text, obj.span.start);
    // Whitespace for new members, copied from the neighbours when there are any.
    // (In an empty multi-line object: a new line and one level deeper; the closing brace on
    // a new line at the object's own indentation, a prefix of that.)
    let inner = format!("{}{indent}{}", style.eol, style.unit);
    let (first_lead, between, last_trail): (&str, &str, &str) = if n > 0 {
        let between = if n > 1 { lead(1) } else { lead(0) };
        (lead(0), between, trail(n - 1))
    } else if style.multiline {
        (&inner, &inner, &inner[..style.eol.len() + indent.len()])
    } else {
        ("", style.compact_sep, "")
    };
    let colon = members
        .first()
        .map(|m| &text[m.key_span.end..m.value.span.start])
        .filter(|c| !c.contains('\n'))
        .unwrap_or(style.colon);
    let mut out = String::with_capacity(obj.span.end - obj.span.start + 256);
    out.push('{');
    for (j, item) in items.iter().enumerate() {
        if j > 0 {
            out.push(',');
        }
        let my_lead: &str = match item {
            _ if j == 0 => first_lead,
            Item::Keep(i) | Item::Replace(i, _) | Item::Verbatim(i, _) if *i > 0 => lead(*i),
            _ => between,
        };
        out.push_str(my_lead);
        match item {
            Item::Keep(i) => {
                let m = &members[*i];
                out.push_str(&text[m.key_span.start..m.value.span.end]);
            }
            Item::Replace(i, value) => {
                let m = &members[*i];
                out.push_str(&text[m.key_span.start..m.value.span.start]);
                let ind = indent_after_newline(my_lead).unwrap_or(indent);
                push_value(&mut out, value, style, my_lead.contains('\n'), ind);
            }
            Item::Verbatim(i, value) => {
                let m = &members[*i];
                out.push_str(&text[m.key_span.start..m.value.span.start]);
                out.push_str(value);
            }
            Item::New(key, value) => {
                crate::go::json::push_str(&mut out, key);
                out.push_str(colon);
                let multi = my_lead.contains('\n');
                let ind = indent_after_newline(my_lead).unwrap_or(indent);
                push_value(&mut out, value, style, multi, ind);
            }
        }
        let my_trail: &str = match items.get(j + 1) {
            None => last_trail,
            Some(Item::Keep(k) | Item::Replace(k, _) | Item::Verbatim(k, _)) if *k > 0 => {
                trail(k - 1)
            }
            Some(_) => "",
        };
        out.push_str(my_trail);
    }
    out.push('}');
    out
}

/// Appends the compact JSON `value`, laid out in `style` when `multiline` (nested lines indented
/// from `indent`), else in the file's single-line spacing.
fn push_value(out: &mut String, value: &str, style: &Style, multiline: bool, indent: &str) {
    match json::parse(value) {
        Ok(node) => relayout(out, value, &node, style, multiline, indent),
        Err(_) => out.push_str(value),
    }
}

/// Writes `node` (read from `src`) in `style`, copying strings and numbers byte for byte.
pub(crate) fn relayout(
    out: &mut String,
    src: &str,
    node: &Node<'_>,
    style: &Style,
    multiline: bool,
    indent: &str,
) {
    let open_close = |out: &mut String,
                      items: usize,
                      close: char,
                      each: &mut dyn FnMut(&mut String, usize, &str)| {
        if items == 0 {
            out.push(close);
            return;
        }
        let inner = format!("{indent}{}", style.unit);
        for i in 0..items {
            if i > 0 {
                out.push(',');
                if !multiline {
                    out.push_str(style.compact_sep);
                }
            }
            if multiline {
                out.push_str(style.eol);
                out.push_str(&inner);
            }
            each(out, i, &inner);
        }
        if multiline {
            out.push_str(style.eol);
            out.push_str(indent);
        }
        out.push(close);
    };
    match &node.value {
        Value::Object(members) => {
            out.push('{');
            open_close(out, members.len(), '}', &mut |out, i, inner| {
                let m = &members[i];
                out.push_str(&src[m.key_span.start..m.key_span.end]);
                out.push_str(style.colon);
                relayout(out, src, &m.value, style, multiline, inner);
            });
        }
        Value::Array(items) => {
            out.push('[');
            open_close(out, items.len(), ']', &mut |out, i, inner| {
                relayout(out, src, &items[i], style, multiline, inner);
            });
        }
        _ => out.push_str(&src[node.span.start..node.span.end]),
    }
}

/// Whether two JSON values are the same data (member order and spelling included, spans not).
pub(crate) fn same_value(a: &Value<'_>, b: &Value<'_>) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| p.key == q.key && same_value(&p.value.value, &q.value.value))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(&p.value, &q.value))
        }
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Null, Value::Null) => true,
        _ => false,
    }
}
