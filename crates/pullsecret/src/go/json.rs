//! JSON text exactly as Go's `encoding/json` writes it.
//!
//! kubectl, podman and oc all serialise with `json.Marshal`/`MarshalIndent`, so byte equality
//! with them depends on Go's escaping: `<`, `>`, `&` become `\u003c`, `\u003e`, `\u0026`
//! (HTML-safe mode), U+2028/U+2029 are escaped, `\b \f \n \r \t` use short escapes (Go ≥ 1.22),
//! other control characters are `\u00XX` in lower-case hex, and everything else, non-ASCII
//! included, is written raw.
//!
//! This is the product's output (the bytes kubectl, podman, docker and oc write), not a
//! transport: pullsecret's own results are serialized with serde by the bindings.

/// Bytes that may need escaping: control characters, `"`, `\\`, Go's HTML-safe `<`, `>`, `&`,
/// and 0xE2 (the lead byte of U+2028/U+2029). Everything else is copied in runs.
static NEEDS_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'&' as usize] = true;
    t[0xE2] = true;
    t
};

/// Appends `s` as a Go-escaped JSON string literal, quotes included.
pub fn push_str(out: &mut String, s: &str) {
    out.push('"');
    let b = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !NEEDS_ESCAPE[c as usize] {
            i += 1;
            continue;
        }
        let esc: Option<&str> = match c {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            0x08 => Some("\\b"),
            0x0c => Some("\\f"),
            b'<' => Some("\\u003c"),
            b'>' => Some("\\u003e"),
            b'&' => Some("\\u0026"),
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => {
                Some(if b[i + 2] == 0xA8 {
                    "\\u2028"
                } else {
                    "\\u2029"
                })
            }
            _ if c < 0x20 => None,
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[run..i]);
        match esc {
            Some(e) => out.push_str(e),
            None => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c >> 4) as usize] as char);
                out.push(HEX[(c & 15) as usize] as char);
            }
        }
        i += if c == 0xE2 { 3 } else { 1 };
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// Returns `s` as a Go-escaped JSON string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_str(&mut out, s);
    out
}

/// A streaming JSON writer. Compact by default; `indented` gives Go's
/// `json.MarshalIndent(v, "", indent)` layout (empty objects print as `{}`).
pub struct Writer {
    pub out: String,
    indent: Option<&'static str>,
    depth: usize,
    /// Whether the container being written already has a member/element.
    has_item: std::vec::Vec<bool>,
    /// A key was just written: the next value follows it without a separator.
    pending_value: bool,
}

impl Writer {
    pub fn new() -> Self {
        Self::with_capacity(256)
    }

    pub fn with_capacity(cap: usize) -> Self {
        Writer {
            out: String::with_capacity(cap),
            indent: None,
            depth: 0,
            has_item: std::vec::Vec::new(),
            pending_value: false,
        }
    }

    pub fn indented(indent: &'static str) -> Self {
        Writer {
            indent: Some(indent),
            ..Self::new()
        }
    }

    fn newline(&mut self) {
        if let Some(ind) = self.indent {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str(ind);
            }
        }
    }

    fn before_item(&mut self) {
        if let Some(has) = self.has_item.last_mut() {
            if *has {
                self.out.push(',');
            }
            *has = true;
            self.newline();
        }
    }

    fn open(&mut self, c: char) {
        self.out.push(c);
        self.depth += 1;
        self.has_item.push(false);
    }

    fn close(&mut self, c: char) {
        self.depth -= 1;
        if self.has_item.pop() == Some(true) {
            self.newline();
        }
        self.out.push(c);
    }

    pub fn begin_object(&mut self) -> &mut Self {
        self.before_item_value();
        self.open('{');
        self
    }

    pub fn end_object(&mut self) -> &mut Self {
        self.close('}');
        self
    }

    pub fn begin_array(&mut self) -> &mut Self {
        self.before_item_value();
        self.open('[');
        self
    }

    pub fn end_array(&mut self) -> &mut Self {
        self.close(']');
        self
    }

    /// Writes an object key; the next call writes its value.
    pub fn key(&mut self, k: &str) -> &mut Self {
        self.before_item();
        push_str(&mut self.out, k);
        self.out.push(':');
        if self.indent.is_some() {
            self.out.push(' ');
        }
        self.pending_value = true;
        self
    }

    fn before_item_value(&mut self) {
        if self.pending_value {
            self.pending_value = false;
        } else {
            self.before_item();
        }
    }

    pub fn string(&mut self, s: &str) -> &mut Self {
        self.before_item_value();
        push_str(&mut self.out, s);
        self
    }

    pub fn raw(&mut self, json: &str) -> &mut Self {
        self.before_item_value();
        self.out.push_str(json);
        self
    }

    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.raw(if b { "true" } else { "false" })
    }

    pub fn null(&mut self) -> &mut Self {
        self.raw("null")
    }

    /// Key + string value.
    pub fn field(&mut self, k: &str, v: &str) -> &mut Self {
        self.key(k).string(v)
    }

    /// Key + string value, skipped when `v` is `None`.
    pub fn opt_field(&mut self, k: &str, v: Option<&str>) -> &mut Self {
        if let Some(v) = v {
            self.key(k).string(v);
        }
        self
    }

    pub fn finish(self) -> String {
        self.out
    }
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_go_marshal() {
        assert_eq!(quote("a<b>&c\"\\"), r#""a\u003cb\u003e\u0026c\"\\""#);
        assert_eq!(
            quote("\u{1}\u{8}\u{c}\n\r\t\u{1f}\u{7f}"),
            "\"\\u0001\\b\\f\\n\\r\\t\\u001f\u{7f}\""
        );
        assert_eq!(quote("é😀\u{2028}\u{2029}"), "\"é😀\\u2028\\u2029\"");
    }

    #[test]
    fn indents_like_marshal_indent() {
        let mut w = Writer::indented("    ");
        w.begin_object()
            .field("kind", "Secret")
            .key("metadata")
            .begin_object()
            .field("name", "x")
            .key("e")
            .begin_object()
            .end_object()
            .end_object()
            .end_object();
        assert_eq!(w.finish(), "{\n    \"kind\": \"Secret\",\n    \"metadata\": {\n        \"name\": \"x\",\n        \"e\": {}\n    }\n}");
        let mut w = Writer::new();
        w.begin_array()
            .raw("0")
            .raw("1234567")
            .bool(true)
            .null()
            .end_array();
        assert_eq!(w.finish(), "[0,1234567,true,null]");
    }
}
