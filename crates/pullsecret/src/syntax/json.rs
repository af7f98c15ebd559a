//! A JSON reader that keeps byte spans.
//!
//! serde_json answers "is this valid and what does it hold", but a linter for credential files
//! needs more: where every key and value sits (for line/column diagnostics), every member of an
//! object even when a key repeats (Go keeps the last one silently, we must say so), and the exact
//! text of each value (so edits can splice the original bytes and lose nothing). This reader
//! builds that tree in one pass, borrowing strings from the input when they have no escapes.
//!
//! It accepts exactly RFC 8259 JSON, as Go's `encoding/json` does: no comments, no trailing
//! commas, no leading zeros, control characters must be escaped. Lone surrogate escapes decode
//! to U+FFFD, as in Go.

use std::borrow::Cow;

/// Byte range `[start, end)` in the text that was parsed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// A JSON value with the span it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    pub span: Span,
    pub value: Value<'a>,
}

/// The JSON data model. Numbers keep their source text: nothing here needs arithmetic.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Object(Vec<Member<'a>>),
}

/// One `"key": value` pair, in source order. Repeated keys are all kept.
#[derive(Clone, Debug, PartialEq)]
pub struct Member<'a> {
    pub key: Cow<'a, str>,
    pub key_span: Span,
    pub value: Node<'a>,
}

impl<'a> Value<'a> {
    /// The JSON type name, as used in messages ("object", "string", ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[Member<'a>]> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }
}

/// What went wrong, without echoing input text (it may be a secret).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    UnexpectedEnd,
    UnexpectedChar(char),
    TrailingData,
    ControlCharInString,
    InvalidEscape,
    InvalidNumber,
    InvalidLiteral,
    TooDeep,
}

impl SyntaxErrorKind {
    /// A message that names the problem but never quotes string contents.
    pub fn message(&self) -> String {
        match self {
            SyntaxErrorKind::UnexpectedEnd => "unexpected end of JSON input".into(),
            SyntaxErrorKind::UnexpectedChar(c) => {
                // Only describe structural characters literally; letters/digits could be part of a
                // secret pasted in the wrong place, so name their class instead.
                if c.is_ascii_punctuation() {
                    format!("invalid character '{}'", c.encode_utf8(&mut [0; 4]))
                } else if c.is_ascii_alphanumeric() {
                    "invalid character (a letter or digit where JSON expects a value or punctuation)".into()
                } else if c.is_whitespace() {
                    format!("invalid whitespace character U+{:04X}", *c as u32)
                } else {
                    format!("invalid character U+{:04X}", *c as u32)
                }
            }
            SyntaxErrorKind::TrailingData => "invalid character after top-level value".into(),
            SyntaxErrorKind::ControlCharInString => "unescaped control character in string".into(),
            SyntaxErrorKind::InvalidEscape => "invalid escape sequence in string".into(),
            SyntaxErrorKind::InvalidNumber => "invalid number".into(),
            SyntaxErrorKind::InvalidLiteral => {
                "invalid literal (expected true, false or null; strings need double quotes)".into()
            }
            SyntaxErrorKind::TooDeep => format!("nesting deeper than {MAX_DEPTH} levels"),
        }
    }
}

/// A syntax error at a byte offset of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub kind: SyntaxErrorKind,
}

/// Nesting limit ([`super::MAX_DEPTH`]). Go allows 10000; real credential files nest 4 deep. The
/// bound keeps the recursive reader's (and every tree walker's) stack use small in WebAssembly.
pub use super::MAX_DEPTH;

/// Parses one JSON value filling the whole text (surrounding whitespace allowed).
pub fn parse(text: &str) -> Result<Node<'_>, SyntaxError> {
    let mut p = Parser::new(text);
    p.ws();
    let node = p.value(0)?;
    p.ws();
    if p.i < p.b.len() {
        return Err(SyntaxError {
            offset: p.i,
            kind: SyntaxErrorKind::TrailingData,
        });
    }
    Ok(node)
}

/// Parses a stream of JSON values, one after another with optional whitespace between them, as
/// Go's `json.Decoder` reads them (kubectl's `YAMLOrJSONDecoder` for a text that starts with
/// `{`): `jq '.items[]'` prints such a stream, and so does `kubectl create … -o json` of several
/// objects. Returns the values read and the error that stopped the stream, if any.
pub fn parse_stream(text: &str) -> (Vec<Node<'_>>, Option<SyntaxError>) {
    let mut p = Parser::new(text);
    let mut values = Vec::new();
    p.ws();
    loop {
        match p.value(0) {
            Ok(v) => values.push(v),
            Err(e) => return (values, Some(e)),
        }
        p.ws();
        if p.i == p.b.len() {
            return (values, None);
        }
    }
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            s: text,
            b: text.as_bytes(),
            i: 0,
        }
    }

    #[inline]
    fn ws(&mut self) {
        while let Some(&c) = self.b.get(self.i) {
            if c == b' ' || c == b'\n' || c == b'\r' || c == b'\t' {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    fn err<T>(&self, kind: SyntaxErrorKind) -> Result<T, SyntaxError> {
        Err(SyntaxError {
            offset: self.i,
            kind,
        })
    }

    fn unexpected<T>(&self) -> Result<T, SyntaxError> {
        match self.s[self.i..].chars().next() {
            Some(c) => self.err(SyntaxErrorKind::UnexpectedChar(c)),
            None => self.err(SyntaxErrorKind::UnexpectedEnd),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        let start = self.i;
        let value = match self.b.get(self.i) {
            None => return self.err(SyntaxErrorKind::UnexpectedEnd),
            Some(b'{') => {
                if depth >= MAX_DEPTH {
                    return self.err(SyntaxErrorKind::TooDeep);
                }
                self.object(depth)?
            }
            Some(b'[') => {
                if depth >= MAX_DEPTH {
                    return self.err(SyntaxErrorKind::TooDeep);
                }
                self.array(depth)?
            }
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return self.unexpected(),
        };
        Ok(Node {
            span: Span::new(start, self.i),
            value,
        })
    }

    fn literal(&mut self, word: &str, v: Value<'a>) -> Result<Value<'a>, SyntaxError> {
        if self.b[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(v)
        } else {
            self.err(SyntaxErrorKind::InvalidLiteral)
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while matches!(self.b.get(self.i), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Value<'a>, SyntaxError> {
        let start = self.i;
        if self.b[self.i] == b'-' {
            self.i += 1;
        }
        match self.b.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            None => return self.err(SyntaxErrorKind::UnexpectedEnd),
            _ => return self.err(SyntaxErrorKind::InvalidNumber),
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return self.err(SyntaxErrorKind::InvalidNumber);
            }
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return self.err(SyntaxErrorKind::InvalidNumber);
            }
        }
        Ok(Value::Number(&self.s[start..self.i]))
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.b.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::Array(items));
                }
                _ => return self.unexpected(),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        self.i += 1;
        let mut members = Vec::new();
        self.ws();
        if self.b.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.ws();
            if self.b.get(self.i) != Some(&b'"') {
                return self.unexpected();
            }
            let key_start = self.i;
            let key = self.string()?;
            let key_span = Span::new(key_start, self.i);
            self.ws();
            if self.b.get(self.i) != Some(&b':') {
                return self.unexpected();
            }
            self.i += 1;
            self.ws();
            let value = self.value(depth + 1)?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Value::Object(members));
                }
                _ => return self.unexpected(),
            }
        }
    }

    /// Reads a string starting at the opening quote. Borrows when there is no escape.
    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.i += 1;
        let start = self.i;
        // Fast path: scan to the closing quote with no escapes, 8 bytes at a time, jumping to
        // the first `"`, `\\` or control character.
        loop {
            while let Some(w) = self.b.get(self.i..self.i + 8) {
                let special = special_bytes(u64::from_le_bytes(w.try_into().unwrap_or([0; 8])));
                if special == 0 {
                    self.i += 8;
                } else {
                    // Straight to the first byte that ends the run.
                    self.i += special.trailing_zeros() as usize / 8;
                    break;
                }
            }
            match self.b.get(self.i) {
                None => return self.err(SyntaxErrorKind::UnexpectedEnd),
                Some(b'"') => {
                    let s = &self.s[start..self.i];
                    self.i += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(&c) if c < 0x20 => return self.err(SyntaxErrorKind::ControlCharInString),
                Some(_) => self.i += 1,
            }
        }
        let mut out = String::with_capacity(self.i - start + 16);
        out.push_str(&self.s[start..self.i]);
        loop {
            match self.b.get(self.i) {
                None => return self.err(SyntaxErrorKind::UnexpectedEnd),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.b.get(self.i) {
                        None => return self.err(SyntaxErrorKind::UnexpectedEnd),
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                // A high surrogate pairs only with a following \uDC00-\uDFFF.
                                let save = self.i;
                                if self.b.get(self.i) == Some(&b'\\')
                                    && self.b.get(self.i + 1) == Some(&b'u')
                                {
                                    self.i += 2;
                                    let lo = self.hex4()?;
                                    if (0xDC00..0xE000).contains(&lo) {
                                        char::from_u32(
                                            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00),
                                        )
                                        .unwrap_or('\u{FFFD}')
                                    } else {
                                        self.i = save;
                                        '\u{FFFD}'
                                    }
                                } else {
                                    '\u{FFFD}'
                                }
                            } else {
                                char::from_u32(hi).unwrap_or('\u{FFFD}')
                            };
                            out.push(c);
                            continue;
                        }
                        Some(_) => return self.err(SyntaxErrorKind::InvalidEscape),
                    };
                    out.push(c);
                    self.i += 1;
                }
                Some(&c) if c < 0x20 => return self.err(SyntaxErrorKind::ControlCharInString),
                Some(_) => {
                    let run = self.i;
                    while let Some(&c) = self.b.get(self.i) {
                        if c == b'"' || c == b'\\' || c < 0x20 {
                            break;
                        }
                        self.i += 1;
                    }
                    out.push_str(&self.s[run..self.i]);
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.b.get(self.i) {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                None => return self.err(SyntaxErrorKind::UnexpectedEnd),
                _ => return self.err(SyntaxErrorKind::InvalidEscape),
            };
            v = v * 16 + d as u32;
            self.i += 1;
        }
        Ok(v)
    }
}

/// The bytes of the 8 in `w` (little-endian) that end a string's plain run (`"`, `\\` or
/// below 0x20), as their high bits. Zero: all 8 are plain. Otherwise the lowest set bit marks the
/// first such byte exactly (the borrows of the zero-byte test only mark bytes after a real one).
#[inline]
fn special_bytes(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    below_space | zero(w ^ (ONES * b'"' as u64)) | zero(w ^ (ONES * b'\\' as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `special_bytes` finds exactly the first byte that ends a plain run, whatever follows it.
    #[test]
    fn special_bytes_finds_the_first_exactly() {
        let plain = |b: u8| b != b'"' && b != b'\\' && b >= 0x20;
        for b in 0..=255u8 {
            for at in 0..8 {
                for fill in [
                    b'a', 0x80, 0xff, b'!', b'#', b'[', b']', 0x00, b'"', 0x21, 0x5d,
                ] {
                    let mut w = [b'a'; 8];
                    w[at] = b;
                    for x in &mut w[at + 1..] {
                        *x = fill;
                    }
                    let first = w.iter().position(|&c| !plain(c));
                    let m = special_bytes(u64::from_le_bytes(w));
                    let got = (m != 0).then(|| m.trailing_zeros() as usize / 8);
                    assert_eq!(got, first, "{w:?}");
                }
            }
        }
    }

    fn err(s: &str) -> SyntaxError {
        parse(s).unwrap_err()
    }

    #[test]
    fn keeps_spans_and_duplicates() {
        let n = parse(r#" {"a": 1, "a": "x\ny"} "#).unwrap();
        assert_eq!(n.span, Span::new(1, 22));
        let m = n.value.as_object().unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].key, "a");
        assert_eq!(m[0].key_span, Span::new(2, 5));
        assert_eq!(m[1].value.value, Value::String("x\ny".into()));
        assert!(matches!(m[1].value.value, Value::String(Cow::Owned(_))));
        assert!(matches!(m[0].key, Cow::Borrowed(_)));
    }

    #[test]
    fn rejects_what_go_rejects() {
        assert_eq!(err("").kind, SyntaxErrorKind::UnexpectedEnd);
        assert_eq!(err("{} x").kind, SyntaxErrorKind::TrailingData);
        assert_eq!(err("{} x").offset, 3);
        assert_eq!(err(r#"{"a":01}"#).offset, 6);
        assert_eq!(
            err(r#"{"a":1,}"#).kind,
            SyntaxErrorKind::UnexpectedChar('}')
        );
        assert_eq!(
            err("{\"a\":\"\t\"}").kind,
            SyntaxErrorKind::ControlCharInString
        );
        assert_eq!(err(r#"{"a":"\x"}"#).kind, SyntaxErrorKind::InvalidEscape);
        assert_eq!(
            err("\u{feff}{}").kind,
            SyntaxErrorKind::UnexpectedChar('\u{feff}')
        );
        assert_eq!(err("[1.]").kind, SyntaxErrorKind::InvalidNumber);
        assert_eq!(
            err(&"[".repeat(MAX_DEPTH + 1)).kind,
            SyntaxErrorKind::TooDeep
        );
    }

    #[test]
    fn reads_a_stream_value_by_value() {
        let (values, error) = parse_stream(" {\"a\":1}{}\n\t[2] {\"b\":3} ");
        assert_eq!(error, None);
        let spans: Vec<Span> = values.iter().map(|v| v.span).collect();
        assert_eq!(
            spans,
            [
                Span::new(1, 8),
                Span::new(8, 10),
                Span::new(12, 15),
                Span::new(16, 23)
            ]
        );
        // An error stops the stream where it is: in the second value, not at its start.
        let (values, error) = parse_stream("{} {\"a\": x}");
        assert_eq!(values.len(), 1);
        assert_eq!(error.map(|e| e.offset), Some(9));
        assert_eq!(
            parse_stream("").1.map(|e| e.kind),
            Some(SyntaxErrorKind::UnexpectedEnd)
        );
    }

    #[test]
    fn decodes_escapes_like_go() {
        let n = parse(r#""\u00e9\ud83d\ude00\ud800x\/""#).unwrap();
        assert_eq!(n.value, Value::String("é😀\u{FFFD}x/".into()));
    }

    #[test]
    fn messages_never_quote_letters() {
        let e = err(r#"{"a": s3cr3t}"#);
        assert!(
            !e.kind.message().contains('s'.to_string().as_str())
                || !e.kind.message().contains("s3cr3t")
        );
        assert!(!e.kind.message().contains("s3"));
    }
}
