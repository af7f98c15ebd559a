//! `fix`: repairs what is safely repairable in a file and keeps every other byte.
//!
//! Why it exists: the findings `validate` reports most often have one right repair — padding an
//! `auth`, the `echo` newline at the end of a password, a config encoded twice — which users
//! otherwise make by hand, decoding and re-encoding base64 in a shell and reformatting the file
//! on the way. `fix` makes exactly those repairs and nothing else.
//!
//! How: the repairs follow the report. [`fix`] runs `validate` and repairs only what it found
//! (one computation: a repair never decides on its own that something is wrong), in place:
//! - in the config text (decoded from a Secret's `data`, or a `stringData` value, when it sits
//!   in one), with the lossless editor's object rewriting (`layout.rs`): an entry's changed
//!   field, a new `auth` member, a dropped placeholder entry, the entries wrapped in `auths`;
//! - then around it: the config written back as its wrapper holds it (base64 in the value's
//!   quoting style, a `stringData` block scalar with its header and indentation), the
//!   byte-order mark dropped.
//!
//! What is safe: a repair that gives every client the credentials the author evidently meant,
//! or that removes only what no client can use. Ambiguous findings (`auth` disagreeing with the
//! fields, duplicate keys, a username with `:`) have no repair; [`FIXES`] lists those that do,
//! with what each does, and `docs/diagnostics.md` shows it beside each code.
//!
//! Hand-written because it is the product: a re-serialising writer would lose the layout, key
//! order and unknown fields that users keep under version control.
//!
//! May use: `syntax`, `go`, `diagnostics`, `model`, `rules` (for the report), and the editor's
//! layout (`super`).

use super::layout::{self, Item, Style};
use super::{entry_objects, object_node, root_members};
use crate::diagnostics::{Code, Diagnostic, Error};
use crate::go::base64::{self as b64, AuthDecoding};
use crate::go::json as gojson;
use crate::model::config::{Config, Format};
use crate::model::input::{Embedding, Input};
use crate::rules::validate::validate;
use crate::syntax::json::{self, Member, Span};
use serde::{Deserialize, Deserializer, Serialize};

/// Every code `fix` repairs, with what the repair does (shown in `docs/diagnostics.md`).
pub const FIXES: &[(Code, &str)] = &[
    (Code::Bom, "removes the byte-order mark"),
    (
        Code::AuthUnpadded,
        "adds the `=` padding to `auth` (the credentials are unchanged)",
    ),
    (
        Code::AuthUrlSafe,
        "re-encodes `auth` in the standard alphabet (the credentials are unchanged)",
    ),
    (
        Code::CredentialsWhitespace,
        "removes the line breaks `echo` left at the end of the password (in `auth`, also one whose encoding it repairs, and in `password` when it matches); other whitespace is left for you to judge",
    ),
    (
        Code::MissingAuth,
        "adds `auth`, the base64 of `username:password` (not when the username is empty or holds `:`)",
    ),
    (
        Code::LegacyFormat,
        "wraps the entries in `{\"auths\": …}` under `.dockerconfigjson` (a `.dockercfg` key or file needs no change)",
    ),
    (
        Code::NoCredentials,
        "drops an empty placeholder entry (`{}`, or only `email`); an entry with any credential field is kept, and so is a placeholder that shadows a real entry of the same key",
    ),
    (
        Code::SecretDataDoubleBase64,
        "encodes the config once (`data`) or writes it as text (`stringData`)",
    ),
    (
        Code::SecretDataNotBase64,
        "re-encodes a `data` value that is base64 of a config once spaces, missing padding or the URL-safe alphabet are repaired",
    ),
];

/// What `fix` does for `code`, if it repairs it.
pub fn fixable(code: Code) -> Option<&'static str> {
    FIXES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, what)| *what)
}

/// Options of [`fix`]: `{codes?}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FixOptions {
    /// Only the repairs of these codes (an array, or one comma-separated string); every repair
    /// when absent or empty. A code `fix` does not repair is refused.
    #[serde(deserialize_with = "fix_codes")]
    #[cfg_attr(feature = "ts", ts(as = "Option<FixCodes>", optional))]
    pub codes: Vec<Code>,
}

/// How TypeScript declares [`FixOptions::codes`]: codes, or one comma-separated string.
#[cfg(feature = "ts")]
pub(crate) struct FixCodes;
#[cfg(feature = "ts")]
ts_inline!(FixCodes, "Array<Code> | string");

/// Reads [`FixOptions::codes`]: names of codes in [`FIXES`].
fn fix_codes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Code>, D::Error> {
    let names = crate::model::options::string_list(d)?;
    names
        .iter()
        .map(|n| {
            Code::from_name(n)
                .filter(|c| fixable(*c).is_some())
                .ok_or_else(|| {
                    let known: Vec<&str> = FIXES.iter().map(|(c, _)| c.as_str()).collect();
                    serde::de::Error::custom(format!(
                        "must name codes that fix repairs: {}",
                        known.join(", ")
                    ))
                })
        })
        .collect()
}

/// What [`fix`] returns: the repaired text (the input itself when nothing was repaired) and
/// each repair made, in the order of the text. `Debug` shows the text's size only.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Fixed {
    /// The repaired text: every byte not repaired is the input's.
    pub text: String,
    /// Whether `text` differs from the input.
    pub changed: bool,
    /// The repairs, one per finding repaired.
    pub fixes: Vec<AppliedFix>,
}

impl std::fmt::Debug for Fixed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fixed")
            .field("text", &super::Redacted(self.text.len()))
            .field("changed", &self.changed)
            .field("fixes", &self.fixes)
            .finish()
    }
}

/// One repair: the finding's code and place (as `validate` reported it, in the input) and what
/// was done, in words that never hold a secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppliedFix {
    pub code: Code,
    /// What was done.
    pub message: String,
    /// The finding's JSON pointer.
    pub pointer: String,
    /// Where the finding is in the input (1-based line; column in Unicode characters).
    pub line: usize,
    pub column: usize,
}

/// A finding to repair inside a config: its code, where it starts in the config text, and its
/// place in the input (for the [`AppliedFix`]).
struct Found<'r> {
    code: Code,
    start: usize,
    finding: &'r Diagnostic,
}

/// Repairs the findings of `validate(text)` that have a safe repair ([`FIXES`]; with
/// `options.codes`, only those), keeping every other byte of `text`. Any text is accepted: one
/// with nothing to repair comes back unchanged, with no fixes.
pub fn fix(text: &str, options: &FixOptions) -> Result<Fixed, Error> {
    let wanted =
        |c: Code| fixable(c).is_some() && (options.codes.is_empty() || options.codes.contains(&c));
    // A UTF-16 manifest is read decoded (`validate` reports on the decoded text), and a repair
    // would have to be written back in UTF-16: none is made.
    if crate::model::manifest::utf16_manifest(text).is_some() {
        return Ok(Fixed {
            text: text.to_string(),
            changed: false,
            fixes: Vec::new(),
        });
    }
    let report = validate(text);
    let stream = Input::read_all(text);
    let mut edits: Vec<(Span, String)> = Vec::new();
    let mut fixes = Vec::new();
    let bom = report
        .diagnostics
        .iter()
        .chain(report.objects.iter().flat_map(|o| &o.diagnostics))
        .find(|d| d.code == Code::Bom);
    if let Some(d) = bom.filter(|_| wanted(Code::Bom) && text.starts_with('\u{feff}')) {
        let rest = text.trim_start_matches('\u{feff}');
        let marks = text.len() - rest.len();
        if marks > 3 {
            // After the first mark the next is an invalid character to every reader, so the
            // report saw nothing behind them: the text without its marks is repaired as a text
            // of its own (its positions on line 1 moved back by the marks).
            let mut inner = fix(rest, options)?;
            for f in &mut inner.fixes {
                if f.line == 1 {
                    f.column += marks / 3;
                }
            }
            inner
                .fixes
                .insert(0, applied(d, "removed the byte-order marks".into()));
            inner.changed = true;
            return Ok(inner);
        }
        edits.push((Span::new(0, marks), String::new()));
        fixes.push(applied(d, "removed the byte-order mark".into()));
    }
    // The report has one section per object of the stream, in the same order.
    for ((_, input), object) in stream.objects.iter().zip(&report.objects) {
        fix_object(input, &object.diagnostics, &wanted, &mut edits, &mut fixes);
    }
    // The edits are in the order of the text: the mark at 0, then the objects in order.
    let out = splice(text, &edits);
    fixes.sort_by_key(|f| (f.line, f.column));
    Ok(Fixed {
        changed: out != text,
        text: out,
        fixes,
    })
}

fn applied(d: &Diagnostic, message: String) -> AppliedFix {
    found_fix(d.code, d, message)
}

/// A repair of `code`, placed at the finding `d` (the finding itself, or for a config read out
/// of a value that had to be repaired first, that value's finding).
fn found_fix(code: Code, d: &Diagnostic, message: String) -> AppliedFix {
    AppliedFix {
        code,
        message,
        pointer: d.pointer.clone(),
        line: d.line,
        column: d.column,
    }
}

/// The repairs of one object (`findings`: its section of the report), as edits of the text.
fn fix_object(
    input: &Input<'_>,
    findings: &[Diagnostic],
    wanted: &dyn Fn(Code) -> bool,
    edits: &mut Vec<(Span, String)>,
    fixes: &mut Vec<AppliedFix>,
) {
    let base = input.base;
    let body = input.body();
    let key = input.source_secret().map(|s| s.key.as_str());
    let json_syntax = input.source_secret().is_some_and(|s| s.syntax == "json");
    let find = |c: Code| findings.iter().find(|d| d.code == c && wanted(c));
    let trim_echo = wanted(Code::CredentialsWhitespace);
    let Some(config) = input.config.as_deref() else {
        // A `data` value that is not base64 as the API server reads it, but is the base64 of a
        // config once repaired.
        let Some(d) = find(Code::SecretDataNotBase64) else {
            return;
        };
        let span = d.span;
        let Some(config) = lenient_base64(&body[span.start..span.end]) else {
            return;
        };
        // Its findings, as a file's (positions are the value's, where the user sees them).
        let inner = validate(&config);
        let found: Vec<Found<'_>> = inner
            .objects
            .iter()
            .flat_map(|o| &o.diagnostics)
            .filter(|f| wanted(f.code))
            .map(|f| Found {
                code: f.code,
                start: f.span.start,
                finding: d,
            })
            .collect();
        let fixed = fix_config(&config, key, found, trim_echo, fixes).unwrap_or(config);
        let value = encoded(
            &body[span.start..span.end],
            &b64::encode(fixed.as_bytes()),
            json_syntax,
        );
        edits.push((Span::new(base + span.start, base + span.end), value));
        fixes.push(applied(
            d,
            "re-encoded the value as padded standard base64 on one line".into(),
        ));
        return;
    };
    let embedding = input.embedding();
    // A decoded config that was not UTF-8 was read with U+FFFD in place of its bytes: writing
    // it back would change them, so nothing in it is repaired.
    if matches!(embedding, Embedding::Encoded(_)) && config.contains('\u{fffd}') {
        return;
    }
    let found: Vec<Found<'_>> = findings
        .iter()
        .filter(|d| wanted(d.code))
        .filter_map(|d| {
            let start = match embedding {
                Embedding::Text(offset) => d.span.start.checked_sub(offset)?,
                _ => d.inner?.start,
            };
            Some(Found {
                code: d.code,
                start,
                finding: d,
            })
        })
        .collect();
    let fixed = fix_config(config, key, found, trim_echo, fixes);
    let double = find(Code::SecretDataDoubleBase64);
    if fixed.is_none() && double.is_none() {
        return;
    }
    let new = fixed.as_deref().unwrap_or(config);
    match embedding {
        Embedding::Text(offset) => {
            let start = base + offset;
            edits.push((Span::new(start, start + config.len()), new.into()));
        }
        Embedding::Encoded(span) => {
            let src = &body[span.start..span.end];
            let value = encoded(src, &b64::encode(new.as_bytes()), json_syntax);
            edits.push((Span::new(base + span.start, base + span.end), value));
        }
        Embedding::Scalar(span) | Embedding::Block { span, .. } => {
            let indent = match embedding {
                Embedding::Block { indent, .. } => Some(indent),
                _ => None,
            };
            let src = &body[span.start..span.end];
            let value = scalar(src, new, indent, json_syntax);
            edits.push((Span::new(base + span.start, base + span.end), value));
        }
    }
    if let Some(d) = double {
        let what = if d.pointer.starts_with("/data") {
            "encoded the config once"
        } else {
            "wrote the config as text, not base64"
        };
        fixes.push(applied(d, what.into()));
    }
}

/// The config a `data` value holds when the API server's reading of it fails only on what
/// copying does to base64: spaces and line breaks (a wrapped `base64` output folded by YAML),
/// missing padding, the URL-safe alphabet. `src` is the value as written (quotes, or a block
/// scalar's header, included).
fn lenient_base64(src: &str) -> Option<String> {
    let inner = match src.as_bytes().first()? {
        b'"' | b'\'' => src.get(1..src.len().saturating_sub(1))?,
        b'|' | b'>' => src.split_once('\n')?.1,
        _ => src,
    };
    let compact: String = inner.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if compact.is_empty()
        || !compact
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'-' | b'_'))
    {
        return None;
    }
    let bytes = b64::decode_go(&b64::STD, &compact)
        .or_else(|| b64::decode_go(&b64::RAW_STD, &compact))
        .or_else(|| b64::decode_go(&b64::URL_SAFE_ANY, &compact))?;
    let config = String::from_utf8(bytes).ok()?;
    let node = json::parse(&config).ok()?;
    node.value.as_object()?;
    Some(config)
}

/// Base64 text as a scalar in the style of `src`, the value it replaces: quoted as it was
/// quoted, else plain (a block scalar becomes a plain one; base64 needs no quoting).
fn encoded(src: &str, base64: &str, json_syntax: bool) -> String {
    match src.as_bytes().first() {
        _ if json_syntax => gojson::quote(base64),
        Some(q @ (b'"' | b'\'')) => {
            let q = *q as char;
            format!("{q}{base64}{q}")
        }
        _ => base64.into(),
    }
}

/// `text` as a YAML scalar in the style of `src`, the scalar it replaces: a literal block keeps
/// its header and indentation (each line of `text` indented as before), a single-quoted one
/// stays single-quoted when it can; anything else is written double-quoted (JSON escapes, which
/// YAML reads), as is every value of a JSON manifest.
fn scalar(src: &str, text: &str, indent: Option<usize>, json_syntax: bool) -> String {
    if json_syntax {
        return gojson::quote(text);
    }
    let printable = |s: &str| !s.chars().any(|c| c.is_control() && c != '\t');
    match (src.as_bytes().first(), indent) {
        (Some(b'|'), Some(indent)) => {
            if let Some(block) = literal_block(src, text, indent) {
                return block;
            }
        }
        (Some(b'\''), _) if printable(text) => {
            return format!("'{}'", text.replace('\'', "''"));
        }
        _ => {}
    }
    gojson::quote(text)
}

/// `text` as the literal block scalar `src` was: its header line, then each line indented by
/// `indent`; `None` when the header's chomping would not give `text` back (a different number
/// of final line breaks), or a line could not be written in a block.
fn literal_block(src: &str, text: &str, indent: usize) -> Option<String> {
    let header = src.split(['\r', '\n']).next()?;
    let breaks = text.len() - text.trim_end_matches('\n').len();
    let keep = match (header.contains('-'), header.contains('+')) {
        (true, _) => breaks == 0,
        (_, true) => true,
        _ => breaks == 1,
    };
    let explicit = header.bytes().any(|b| b.is_ascii_digit());
    let body = text.trim_end_matches('\n');
    if !keep
        || body.is_empty()
        || body.contains('\r')
        || body
            .chars()
            .any(|c| c.is_control() && c != '\t' && c != '\n')
        || (!explicit && body.starts_with(' '))
    {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = String::with_capacity(header.len() + body.len() + 16);
    out.push_str(header);
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    Some(out)
}

/// The repaired config text, or `None` when nothing in it was repaired. `found`: the findings
/// to repair, at their starts in `text`; `key`: the Secret data key it sits under, if any;
/// `trim_echo`: the `credentials-whitespace` repair is wanted.
fn fix_config(
    text: &str,
    key: Option<&str>,
    found: Vec<Found<'_>>,
    trim_echo: bool,
    fixes: &mut Vec<AppliedFix>,
) -> Option<String> {
    let root = json::parse(text).ok()?;
    let cfg = Config::read(&root, &mut Vec::new())?;
    let style = Style::detect(text, &root);
    // In the order of the text, as the report lists them (each entry's findings are found by
    // bisection).
    debug_assert!(found.is_sorted_by_key(|f| f.start));
    let mut edits: Vec<(Span, String)> = Vec::new();
    for o in entry_objects(&root, cfg.format) {
        let obj = object_node(&root, o);
        let members = root_members(obj);
        // Keys that also hold a real entry: a placeholder of such a key is not dropped (the
        // entry it shadows would become the one clients send: `duplicate-key` is for the user).
        let real: std::collections::HashSet<&str> = members
            .iter()
            .filter(|m| !placeholder(m))
            .map(|m| &*m.key)
            .collect();
        let mut entry_fixes: Vec<EntryFix> = members
            .iter()
            .map(|m| {
                // The findings inside this entry (from its key to the end of its value).
                let from = found.partition_point(|f| f.start < m.key_span.start);
                let to = found.partition_point(|f| f.start <= m.value.span.end);
                let droppable = !real.contains(&*m.key);
                fix_entry(
                    text,
                    m,
                    &found[from..to],
                    &style,
                    trim_echo,
                    droppable,
                    fixes,
                )
            })
            .collect();
        // A dropped placeholder takes the empty duplicates it shadowed with it (no client reads
        // them; left, the next one would be the next run's finding).
        let dropped: std::collections::HashSet<&str> = members
            .iter()
            .zip(&entry_fixes)
            .filter(|(_, f)| matches!(f, EntryFix::Drop))
            .map(|(m, _)| &*m.key)
            .collect();
        for (m, f) in members.iter().zip(&mut entry_fixes) {
            if matches!(f, EntryFix::Keep) && dropped.contains(&*m.key) && placeholder(m) {
                *f = EntryFix::Drop;
            }
        }
        let mut items = Vec::with_capacity(members.len());
        let mut changed = false;
        for (i, f) in entry_fixes.into_iter().enumerate() {
            match f {
                EntryFix::Keep => items.push(Item::Keep(i)),
                EntryFix::Drop => changed = true,
                EntryFix::Rewrite(t) => {
                    items.push(Item::Verbatim(i, t));
                    changed = true;
                }
            }
        }
        if changed {
            edits.push((obj.span, layout::rewrite_object(text, obj, &items, &style)));
        }
    }
    let mut out = splice(text, &edits);
    let legacy = found.iter().find(|f| f.code == Code::LegacyFormat);
    if let Some(f) =
        legacy.filter(|_| cfg.format == Format::DockerCfg && key == Some(".dockerconfigjson"))
    {
        let end = root.span.end + out.len() - text.len();
        let wrapped = wrap_auths(&out[root.span.start..end], &style);
        out = splice(&out, &[(Span::new(root.span.start, end), wrapped)]);
        fixes.push(found_fix(
            f.code,
            f.finding,
            "wrapped the entries in {\"auths\": …}".into(),
        ));
    }
    (out != text).then_some(out)
}

/// `text` with the `edits` (in the order of the text) made; an edit that starts inside the one
/// before it is left out.
fn splice(text: &str, edits: &[(Span, String)]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for (span, new) in edits {
        if span.start < at {
            continue; // never two edits of one place (each object owns its bytes)
        }
        out.push_str(&text[at..span.start]);
        out.push_str(new);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A legacy config's root object inside `{"auths": …}`, laid out as the file is: on one line
/// when it is on one line, else one level deeper.
fn wrap_auths(root: &str, style: &Style<'_>) -> String {
    if !root.contains('\n') {
        return format!("{{\"auths\"{}{root}}}", style.colon);
    }
    let mut out = String::with_capacity(root.len() + 32);
    out.push('{');
    out.push_str(style.eol);
    out.push_str(style.unit);
    out.push_str("\"auths\"");
    out.push_str(style.colon);
    for (i, line) in root.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.trim_end_matches('\r').is_empty() {
                out.push_str(style.unit);
            }
        }
        out.push_str(line);
    }
    out.push_str(style.eol);
    out.push('}');
    out
}

enum EntryFix {
    Keep,
    Drop,
    /// The entry's new value text.
    Rewrite(String),
}

/// The repairs of one registry entry `m` (`found`: the findings inside it).
fn fix_entry(
    text: &str,
    m: &Member<'_>,
    found: &[Found<'_>],
    style: &Style<'_>,
    trim_echo: bool,
    droppable: bool,
    fixes: &mut Vec<AppliedFix>,
) -> EntryFix {
    let finding = |c: Code| found.iter().find(|f| f.code == c);
    let applied = |f: &Found<'_>, message: String| found_fix(f.code, f.finding, message);
    let Some(fields) = m.value.value.as_object() else {
        return EntryFix::Keep;
    };
    let registry = &m.key;
    if let Some(d) = finding(Code::NoCredentials) {
        if placeholder(m) && droppable {
            fixes.push(applied(d, format!("dropped the empty entry `{registry}`")));
            return EntryFix::Drop;
        }
    }
    // A string field, by Go's case-insensitive match (the last one wins).
    let field = |name: &str| {
        fields
            .iter()
            .rposition(|f| f.key.eq_ignore_ascii_case(name))
            .and_then(|i| Some((i, fields[i].value.value.as_str()?)))
    };
    let mut items: Vec<Item> = (0..fields.len()).map(Item::Keep).collect();
    let mut changed = false;
    let echo = finding(Code::CredentialsWhitespace);
    if let Some((ai, auth)) = field("auth") {
        let (mut bytes, encoding) = match b64::classify_auth(auth) {
            AuthDecoding::Std(b) => (b, None),
            AuthDecoding::Unpadded(b) => (
                b,
                finding(Code::AuthUnpadded).map(|d| (d, "added the `=` padding to `auth`")),
            ),
            AuthDecoding::UrlSafe(b) if b.contains(&b':') => (
                b,
                finding(Code::AuthUrlSafe)
                    .map(|d| (d, "re-encoded `auth` in the standard base64 alphabet")),
            ),
            _ => return EntryFix::Keep,
        };
        // The echo newline: `validate` reports it for an `auth` it can read; for one whose
        // encoding is repaired here it could not, so the same check is made on the bytes read
        // now (placed at the encoding's finding), and one run repairs both.
        let unread = encoding.filter(|_| trim_echo).map(|(f, _)| Found {
            code: Code::CredentialsWhitespace,
            start: f.start,
            finding: f.finding,
        });
        let echo = echo.or(unread.as_ref());
        let mut trimmed = None;
        if let (Some(d), Some(colon)) = (echo, bytes.iter().position(|&b| b == b':')) {
            let keep = bytes.len() - trailing_breaks(&bytes);
            if keep < bytes.len() && keep > colon {
                let password = String::from_utf8_lossy(&bytes[colon + 1..]).into_owned();
                bytes.truncate(keep);
                trimmed = Some((d, password));
            }
        }
        if encoding.is_none() && trimmed.is_none() {
            return EntryFix::Keep;
        }
        items[ai] = Item::Verbatim(ai, gojson::quote(&b64::encode(&bytes)));
        changed = true;
        if let Some((d, message)) = encoding {
            fixes.push(applied(d, format!("`{registry}`: {message}")));
        }
        if let Some((d, old)) = trimmed {
            // A `password` field that said the same keeps saying it.
            if let Some((pi, p)) = field("password").filter(|(_, p)| *p == old) {
                items[pi] = Item::Verbatim(pi, gojson::quote(p.trim_end_matches(['\r', '\n'])));
            }
            fixes.push(applied(
                d,
                format!("`{registry}`: removed the line break at the end of the password"),
            ));
        }
    } else if let Some(d) = finding(Code::MissingAuth) {
        let (Some((_, user)), Some((pi, pass))) = (field("username"), field("password")) else {
            return EntryFix::Keep;
        };
        if user.is_empty() || user.contains(':') {
            return EntryFix::Keep;
        }
        let mut pass = pass;
        if let Some(e) = echo {
            let t = pass.trim_end_matches(['\r', '\n']);
            if t.len() < pass.len() {
                pass = t;
                items[pi] = Item::Verbatim(pi, gojson::quote(pass));
                fixes.push(applied(
                    e,
                    format!("`{registry}`: removed the line break at the end of the password"),
                ));
            }
        }
        items.push(Item::New(
            "auth".into(),
            gojson::quote(&b64::basic(user, pass)),
        ));
        changed = true;
        fixes.push(applied(
            d,
            format!("`{registry}`: added `auth` from `username` and `password`"),
        ));
    }
    if !changed {
        return EntryFix::Keep;
    }
    EntryFix::Rewrite(layout::rewrite_object(text, &m.value, &items, style))
}

/// An entry that holds nothing but perhaps an `email`: what a credential store leaves in the
/// file (`"host": {}`).
fn placeholder(m: &Member<'_>) -> bool {
    m.value
        .value
        .as_object()
        .is_some_and(|fields| fields.iter().all(|f| f.key.eq_ignore_ascii_case("email")))
}

/// How many line breaks (`\n`, `\r`) end `bytes`.
fn trailing_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .rev()
        .take_while(|b| matches!(b, b'\n' | b'\r'))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Fixed {
        fix(text, &FixOptions::default()).unwrap()
    }

    #[test]
    fn repairs_auth_in_place() {
        let f = all("{\n  \"auths\": {\n    \"a.io\": {\"auth\": \"dTpwcQ\"},\n    \"b.io\": {\"auth\": \"dTpw\"}\n  }\n}\n");
        assert_eq!(
            f.text,
            "{\n  \"auths\": {\n    \"a.io\": {\"auth\": \"dTpwcQ==\"},\n    \"b.io\": {\"auth\": \"dTpw\"}\n  }\n}\n"
        );
        assert_eq!(f.fixes.len(), 1);
        assert_eq!(f.fixes[0].code, Code::AuthUnpadded);
        assert_eq!((f.fixes[0].line, f.fixes[0].column), (3, 22));
    }

    #[test]
    fn nothing_to_fix_is_the_same_text() {
        for t in [
            "",
            "not json",
            "{\"auths\":{\"q.io\":{\"auth\":\"dTpw\"}}}",
            "{\"auths\":{\"q.io\":{\"auth\":\"bad\"}}}",
        ] {
            let f = all(t);
            assert_eq!(f.text, t);
            assert!(!f.changed && f.fixes.is_empty());
        }
    }

    /// A UTF-16 manifest (here as a JavaScript string keeps it: U+FEFF, then a NUL beside each
    /// character) that `validate` reads decoded, with an unpadded `auth` it would repair in
    /// UTF-8: the repair would have to be written in UTF-16, so none is made.
    #[test]
    fn a_utf16_manifest_is_left_as_it_is() {
        let secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '{\"auths\":{\"q.io\":{\"auth\":\"dTpwcQ\"}}}'\n";
        assert_eq!(all(secret).fixes.len(), 1, "repaired in UTF-8");
        let utf16 = crate::model::input::utf16_as_read(secret, "\u{feff}", true);
        let report = validate(&utf16);
        assert!(report.objects[0]
            .diagnostics
            .iter()
            .any(|d| d.code == Code::AuthUnpadded));
        let f = all(&utf16);
        assert_eq!(f.text, utf16);
        assert!(!f.changed && f.fixes.is_empty());
    }

    #[test]
    fn echo_newline_trimmed_in_auth_and_password() {
        // auth = base64("u:secret\n"), password "secret\n"
        let t =
            r#"{"auths":{"q.io":{"username":"u","password":"secret\n","auth":"dTpzZWNyZXQK"}}}"#;
        let f = all(t);
        assert_eq!(
            f.text,
            r#"{"auths":{"q.io":{"username":"u","password":"secret","auth":"dTpzZWNyZXQ="}}}"#
        );
        assert!(f
            .fixes
            .iter()
            .all(|x| x.code == Code::CredentialsWhitespace));
    }

    #[test]
    fn missing_auth_added_in_the_entry_layout() {
        let t = "{\n\t\"auths\": {\n\t\t\"q.io\": {\n\t\t\t\"username\": \"u\",\n\t\t\t\"password\": \"p\"\n\t\t}\n\t}\n}";
        let f = all(t);
        assert_eq!(
            f.text,
            "{\n\t\"auths\": {\n\t\t\"q.io\": {\n\t\t\t\"username\": \"u\",\n\t\t\t\"password\": \"p\",\n\t\t\t\"auth\": \"dTpw\"\n\t\t}\n\t}\n}"
        );
    }

    #[test]
    fn only_the_codes_asked() {
        let t = "\u{feff}{\"auths\":{\"q.io\":{\"auth\":\"dTpwcQ\"},\"r.io\":{}}}";
        let opts = FixOptions {
            codes: vec![Code::NoCredentials],
        };
        let f = fix(t, &opts).unwrap();
        assert_eq!(
            f.text,
            "\u{feff}{\"auths\":{\"q.io\":{\"auth\":\"dTpwcQ\"}}}"
        );
        let f = all(t);
        assert_eq!(f.text, "{\"auths\":{\"q.io\":{\"auth\":\"dTpwcQ==\"}}}");
        assert_eq!(f.fixes.len(), 3);
    }

    #[test]
    fn secret_data_reencoded_in_its_quotes() {
        let cfg = r#"{"auths":{"q.io":{"auth":"dTpwcQ"}}}"#;
        let t = format!(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: p\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: \"{}\"\n",
            b64::encode(cfg.as_bytes())
        );
        let f = all(&t);
        let want = b64::encode(br#"{"auths":{"q.io":{"auth":"dTpwcQ=="}}}"#);
        assert!(
            f.text
                .ends_with(&format!(".dockerconfigjson: \"{want}\"\n")),
            "{}",
            f.text
        );
        assert!(f.text.starts_with("apiVersion: v1\nkind: Secret\n"));
    }

    #[test]
    fn double_base64_and_wrapped_base64() {
        let cfg = r#"{"auths":{"q.io":{"auth":"dTpw"}}}"#;
        let once = b64::encode(cfg.as_bytes());
        let twice = b64::encode(once.as_bytes());
        let head = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: p\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ";
        let f = all(&format!("{head}{twice}\n"));
        assert_eq!(f.text, format!("{head}{once}\n"));
        assert_eq!(f.fixes[0].code, Code::SecretDataDoubleBase64);
        // `base64` without -w0, pasted as a plain multi-line scalar (YAML folds it with spaces)
        let wrapped = format!("{}\n    {}", &once[..20], &once[20..]);
        let f = all(&format!("{head}{wrapped}\n"));
        assert_eq!(f.text, format!("{head}{once}\n"));
        assert_eq!(f.fixes[0].code, Code::SecretDataNotBase64);
    }

    #[test]
    fn string_data_block_keeps_its_layout() {
        let t = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: p\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: |\n    {\n      \"auths\": {\n        \"q.io\": {\"auth\": \"dTpwcQ\"},\n        \"r.io\": {}\n      }\n    }\n";
        let f = all(t);
        assert_eq!(
            f.text,
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: p\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: |\n    {\n      \"auths\": {\n        \"q.io\": {\"auth\": \"dTpwcQ==\"}\n      }\n    }\n"
        );
    }

    #[test]
    fn legacy_wrapped_only_under_dockerconfigjson() {
        let legacy = r#"{"q.io":{"auth":"dTpw"}}"#;
        assert_eq!(all(legacy).text, legacy);
        let t = format!(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: p\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '{legacy}'\n"
        );
        let f = all(&t);
        assert!(
            f.text
                .ends_with("'{\"auths\":{\"q.io\":{\"auth\":\"dTpw\"}}}'\n"),
            "{}",
            f.text
        );
        assert_eq!(all(&f.text).fixes, vec![]);
    }

    #[test]
    fn fixing_twice_changes_nothing_more() {
        let t = "\u{feff}{\n  \"q.io\": {\"username\": \"u\", \"password\": \"p\\n\"},\n  \"r.io\": {\"auth\": \"dTpw-_8\"}\n}\n";
        let once = all(t);
        assert!(once.changed);
        let twice = all(&once.text);
        assert_eq!(twice.text, once.text);
        assert!(twice.fixes.is_empty());
    }
}
