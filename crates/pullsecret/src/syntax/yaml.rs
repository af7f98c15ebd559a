//! A YAML reader for the Kubernetes manifests people paste.
//!
//! Secrets arrive as the output of `kubectl get secret -o yaml`, `oc get secret/pull-secret -o
//! yaml`, or hand-written manifests with `stringData` block scalars. This reader handles the YAML
//! those use: block and flow mappings and sequences, plain, single- and double-quoted scalars
//! (multi-line, with folding and escapes), literal and folded block scalars with chomping and
//! indentation indicators, comments, tags, anchors, and multi-document streams. Aliases (`*a`)
//! and complex keys (`? k`) are rejected with a clear error. Every node keeps its byte span, and
//! literal block scalars remember where their content sits so that diagnostics inside a
//! `stringData` config can point at the right line of the manifest.
//!
//! A full YAML library would cost more WebAssembly size than the whole rest of pullsecret
//! (see README, "Dependencies"); manifests need only this part of YAML.

use crate::syntax::json::{self, Span};

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

    /// The scalar's text, unless it is a null (`~`, `null`, empty plain).
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            YKind::Scalar(s) if !s.is_null() => Some(&s.value),
            _ => None,
        }
    }

    #[cfg(test)]
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

/// Reads every document of a YAML stream.
pub fn parse_stream(text: &str) -> Result<Vec<YNode>, YamlError> {
    let mut p = P {
        s: text,
        b: text.as_bytes(),
        i: 0,
    };
    let mut docs = Vec::new();
    loop {
        p.skip_lines();
        if p.eof() {
            break;
        }
        if p.col(p.i) == 0 && p.b[p.i] == b'%' {
            p.to_eol();
            continue;
        }
        if p.doc_marker(b"---") {
            p.i += 3;
            p.skip_spaces();
            p.skip_comment();
        } else if p.doc_marker(b"...") {
            p.i += 3;
            continue;
        }
        p.skip_lines();
        if p.eof() || p.doc_marker(b"---") || p.doc_marker(b"...") {
            docs.push(YNode::null(p.i));
            continue;
        }
        let node = p.block_node(-1)?;
        docs.push(node);
        p.skip_lines();
        if !p.eof() && !p.doc_marker(b"---") && !p.doc_marker(b"...") {
            return p.fail("unexpected content after the end of a node (check the indentation)");
        }
    }
    Ok(docs)
}

struct P<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

fn is_ws_or_end(c: Option<&u8>) -> bool {
    matches!(c, None | Some(b' ' | b'\t' | b'\n' | b'\r'))
}

impl<'a> P<'a> {
    fn eof(&self) -> bool {
        self.i >= self.b.len()
    }

    fn fail<T>(&self, message: &'static str) -> Result<T, YamlError> {
        Err(YamlError {
            offset: self.i.min(self.b.len()),
            message,
        })
    }

    fn col(&self, i: usize) -> usize {
        i - self.line_start(i)
    }

    fn line_start(&self, i: usize) -> usize {
        self.b[..i]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1)
    }

    fn doc_marker(&self, m: &[u8]) -> bool {
        self.col(self.i) == 0
            && self.b[self.i..].starts_with(m)
            && is_ws_or_end(self.b.get(self.i + 3))
    }

    fn skip_spaces(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    fn skip_comment(&mut self) {
        if self.b.get(self.i) == Some(&b'#') {
            self.to_eol();
        }
    }

    fn to_eol(&mut self) {
        while let Some(&c) = self.b.get(self.i) {
            if c == b'\n' {
                break;
            }
            self.i += 1;
        }
    }

    fn at_eol(&self) -> bool {
        matches!(self.b.get(self.i), None | Some(b'\n' | b'\r'))
    }

    /// Skips spaces, comments and line breaks: leaves `i` on the next content character.
    fn skip_lines(&mut self) {
        loop {
            self.skip_spaces();
            self.skip_comment();
            match self.b.get(self.i) {
                Some(b'\n' | b'\r') => self.i += 1,
                _ => return,
            }
        }
    }

    /// Spaces only (no tabs) before `i` on its line: the line's indentation ends at `i`.
    fn check_indent(&self) -> Result<(), YamlError> {
        let ls = self.line_start(self.i);
        if self.b[ls..self.i].contains(&b'\t')
            && self.b[ls..self.i].iter().all(|&c| c == b' ' || c == b'\t')
        {
            return self.fail("tab character used for indentation");
        }
        Ok(())
    }

    fn is_seq_item(&self) -> bool {
        self.b.get(self.i) == Some(&b'-') && is_ws_or_end(self.b.get(self.i + 1))
    }

    /// Skips `!tag` and `&anchor` properties; rejects aliases.
    fn properties(&mut self) -> Result<(), YamlError> {
        loop {
            match self.b.get(self.i) {
                Some(b'!' | b'&') => {
                    while !is_ws_or_end(self.b.get(self.i)) {
                        self.i += 1;
                    }
                    self.skip_spaces();
                }
                Some(b'*') => {
                    return self.fail("YAML aliases (*name) are not supported in a Secret")
                }
                _ => return Ok(()),
            }
        }
    }

    /// A node starting at `i` (the first content character), inside a block whose indentation is `parent`.
    fn block_node(&mut self, parent: isize) -> Result<YNode, YamlError> {
        self.check_indent()?;
        self.properties()?;
        if self.at_eol() || self.b.get(self.i) == Some(&b'#') {
            // properties alone on a line: the node follows on the next lines
            let at = self.i;
            self.skip_lines();
            if self.eof() || (self.col(self.i) as isize) <= parent {
                return Ok(YNode::null(at));
            }
            return self.block_node(parent);
        }
        let c = self.col(self.i);
        if self.is_seq_item() {
            return self.block_seq(c);
        }
        if self.b[self.i] == b'?' && is_ws_or_end(self.b.get(self.i + 1)) {
            return self.fail("complex mapping keys (? key) are not supported");
        }
        if self.looks_like_key() {
            return self.block_map(c);
        }
        self.inline_value(parent)
    }

    /// A value that starts on the current line after `key: ` or `- `.
    fn inline_value(&mut self, parent: isize) -> Result<YNode, YamlError> {
        self.properties()?;
        match self.b.get(self.i) {
            Some(b'|' | b'>') => self.block_scalar(parent),
            Some(b'[' | b'{') => {
                let n = self.flow_node()?;
                self.skip_spaces();
                self.skip_comment();
                if !self.at_eol() {
                    return self.fail("unexpected text after a flow collection");
                }
                Ok(n)
            }
            Some(b'"') => {
                let n = self.double_quoted()?;
                self.end_of_inline()?;
                Ok(n)
            }
            Some(b'\'') => {
                let n = self.single_quoted()?;
                self.end_of_inline()?;
                Ok(n)
            }
            Some(b'-') if self.is_seq_item() => {
                self.fail("a sequence cannot start on the same line as a mapping key")
            }
            _ => self.plain_multiline(parent),
        }
    }

    fn end_of_inline(&mut self) -> Result<(), YamlError> {
        self.skip_spaces();
        self.skip_comment();
        if self.at_eol() {
            Ok(())
        } else {
            self.fail("unexpected text after a quoted scalar")
        }
    }

    /// Whether the text at `i` is `key:` (plain or quoted key on this line).
    fn looks_like_key(&self) -> bool {
        let mut j = self.i;
        match self.b.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                j += 1;
                while let Some(&c) = self.b.get(j) {
                    if c == b'\n' {
                        return false;
                    }
                    if q == b'"' && c == b'\\' {
                        j += 2;
                        continue;
                    }
                    if c == q {
                        if q == b'\'' && self.b.get(j + 1) == Some(&b'\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j += 1;
                }
                j += 1;
                while matches!(self.b.get(j), Some(b' ' | b'\t')) {
                    j += 1;
                }
                self.b.get(j) == Some(&b':') && is_ws_or_end(self.b.get(j + 1))
            }
            Some(b'[' | b'{' | b'#' | b'|' | b'>') => false,
            _ => self.plain_key_end(self.i).is_some(),
        }
    }

    /// End of a plain key starting at `from` (offset of its `:`), if this line is `key: ...`.
    fn plain_key_end(&self, from: usize) -> Option<usize> {
        let mut j = from;
        while let Some(&c) = self.b.get(j) {
            match c {
                b'\n' | b'\r' => return None,
                b':' if is_ws_or_end(self.b.get(j + 1)) => return Some(j),
                b'#' if j > from && matches!(self.b[j - 1], b' ' | b'\t') => return None,
                _ => j += 1,
            }
        }
        None
    }

    fn block_map(&mut self, indent: usize) -> Result<YNode, YamlError> {
        let start = self.i;
        let mut entries = Vec::new();
        loop {
            self.check_indent()?;
            let key_start = self.i;
            let key = match self.b.get(self.i) {
                Some(b'"') => match self.double_quoted()?.kind {
                    YKind::Scalar(s) => s.value,
                    _ => unreachable!(),
                },
                Some(b'\'') => match self.single_quoted()?.kind {
                    YKind::Scalar(s) => s.value,
                    _ => unreachable!(),
                },
                _ => {
                    let Some(end) = self.plain_key_end(self.i) else {
                        return self.fail("expected a mapping key followed by ':'");
                    };
                    let k = self.s[self.i..end].trim_end().into();
                    self.i = end;
                    k
                }
            };
            let key_span = Span::new(key_start, self.i);
            self.skip_spaces();
            if self.b.get(self.i) != Some(&b':') {
                return self.fail("expected ':' after a mapping key");
            }
            self.i += 1;
            self.skip_spaces();
            let value = if self.at_eol() || self.b.get(self.i) == Some(&b'#') {
                let at = self.i;
                self.skip_lines();
                if self.eof() || self.doc_marker(b"---") || self.doc_marker(b"...") {
                    YNode::null(at)
                } else {
                    let c = self.col(self.i);
                    if c > indent {
                        self.block_node(indent as isize)?
                    } else if c == indent && self.is_seq_item() {
                        self.block_seq(indent)?
                    } else {
                        YNode::null(at)
                    }
                }
            } else {
                self.inline_value(indent as isize)?
            };
            entries.push(YEntry {
                key,
                key_span,
                value,
            });
            self.skip_lines();
            if self.eof() || self.doc_marker(b"---") || self.doc_marker(b"...") {
                break;
            }
            let c = self.col(self.i);
            if c < indent {
                break;
            }
            if c > indent {
                return self.fail("unexpected indentation");
            }
            if self.is_seq_item() {
                return self.fail("a sequence item where a mapping key was expected");
            }
        }
        let end = entries
            .last()
            .map_or(start, |e| e.value.span.end.max(e.key_span.end));
        Ok(YNode {
            span: Span::new(start, end),
            kind: YKind::Map(entries),
        })
    }

    fn block_seq(&mut self, indent: usize) -> Result<YNode, YamlError> {
        let start = self.i;
        let mut items = Vec::new();
        loop {
            self.check_indent()?;
            self.i += 1; // '-'
            self.skip_spaces();
            let item = if self.at_eol() || self.b.get(self.i) == Some(&b'#') {
                let at = self.i;
                self.skip_lines();
                if !self.eof() && self.col(self.i) > indent && !self.doc_marker(b"---") {
                    self.block_node(indent as isize)?
                } else {
                    YNode::null(at)
                }
            } else {
                // compact forms: "- key: v" or "- - x" start a block at this column
                let c = self.col(self.i);
                if self.is_seq_item() {
                    self.block_seq(c)?
                } else if self.looks_like_key() {
                    self.block_map(c)?
                } else {
                    self.inline_value(indent as isize)?
                }
            };
            items.push(item);
            self.skip_lines();
            if self.eof() || self.doc_marker(b"---") || self.doc_marker(b"...") {
                break;
            }
            let c = self.col(self.i);
            if c < indent || (c == indent && !self.is_seq_item()) {
                break;
            }
            if c > indent {
                return self.fail("unexpected indentation");
            }
        }
        let end = items.last().map_or(start, |n| n.span.end);
        Ok(YNode {
            span: Span::new(start, end),
            kind: YKind::Seq(items),
        })
    }

    /// A plain scalar in block context; continuation lines must be indented more than `parent`.
    fn plain_multiline(&mut self, parent: isize) -> Result<YNode, YamlError> {
        let start = self.i;
        if matches!(self.b.get(self.i), Some(b'@' | b'`')) {
            return self.fail("a plain scalar cannot start with '@' or '`'");
        }
        let mut value = String::new();
        let mut end;
        loop {
            let line_from = self.i;
            while let Some(&c) = self.b.get(self.i) {
                if c == b'\n' || c == b'\r' {
                    break;
                }
                if c == b':' && is_ws_or_end(self.b.get(self.i + 1)) {
                    return self.fail("mapping values are not allowed here (a ': ' inside a plain value; quote it)");
                }
                if c == b'#' && self.i > line_from && matches!(self.b[self.i - 1], b' ' | b'\t') {
                    break;
                }
                self.i += 1;
            }
            let text = self.s[line_from..self.i].trim_end_matches([' ', '\t']);
            value.push_str(text);
            end = line_from + text.len();
            if self.b.get(self.i) == Some(&b'#') {
                self.to_eol();
                break;
            }
            // look ahead for a continuation line
            let save = self.i;
            let mut breaks = 0;
            let mut j = self.i;
            let next = loop {
                while matches!(self.b.get(j), Some(b'\r')) {
                    j += 1;
                }
                if self.b.get(j) != Some(&b'\n') {
                    break None;
                }
                j += 1;
                breaks += 1;
                let ls = j;
                while matches!(self.b.get(j), Some(b' ' | b'\t')) {
                    j += 1;
                }
                match self.b.get(j) {
                    Some(b'\n' | b'\r') => continue,
                    None => break None,
                    Some(_) => break Some((ls, j)),
                }
            };
            match next {
                Some((ls, j))
                    if (j - ls) as isize > parent
                        && self.b[j] != b'#'
                        && !(j == ls
                            && (self.b[j..].starts_with(b"---")
                                || self.b[j..].starts_with(b"..."))) =>
                {
                    if breaks == 1 {
                        value.push(' ');
                    } else {
                        for _ in 1..breaks {
                            value.push('\n');
                        }
                    }
                    self.i = j;
                    if self.is_seq_item() && (j - ls) as isize <= parent + 2 {
                        self.i = save;
                        break;
                    }
                }
                _ => {
                    self.i = save;
                    break;
                }
            }
        }
        Ok(YNode {
            span: Span::new(start, end),
            kind: YKind::Scalar(Scalar {
                value,
                style: ScalarStyle::Plain,
                block: None,
            }),
        })
    }

    /// Folds a raw line break inside a quoted scalar: trailing spaces already trimmed by the
    /// caller; consumes the break and following blank lines and leading spaces.
    fn fold_quoted_break(&mut self, out: &mut String) {
        let mut breaks = 0;
        loop {
            while matches!(self.b.get(self.i), Some(b'\r')) {
                self.i += 1;
            }
            if self.b.get(self.i) == Some(&b'\n') {
                self.i += 1;
                breaks += 1;
                while matches!(self.b.get(self.i), Some(b' ' | b'\t')) {
                    self.i += 1;
                }
            } else {
                break;
            }
        }
        if breaks == 1 {
            out.push(' ');
        } else {
            for _ in 1..breaks {
                out.push('\n');
            }
        }
    }

    fn double_quoted(&mut self) -> Result<YNode, YamlError> {
        let start = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(&c) = self.b.get(self.i) else {
                return Err(YamlError {
                    offset: start,
                    message: "unterminated double-quoted string",
                });
            };
            match c {
                b'"' => {
                    self.i += 1;
                    break;
                }
                b'\\' => {
                    self.i += 1;
                    let Some(&e) = self.b.get(self.i) else {
                        return Err(YamlError {
                            offset: start,
                            message: "unterminated double-quoted string",
                        });
                    };
                    self.i += 1;
                    let ch = match e {
                        b'0' => '\0',
                        b'a' => '\u{7}',
                        b'b' => '\u{8}',
                        b't' | b'\t' => '\t',
                        b'n' => '\n',
                        b'v' => '\u{b}',
                        b'f' => '\u{c}',
                        b'r' => '\r',
                        b'e' => '\u{1b}',
                        b' ' => ' ',
                        b'"' => '"',
                        b'/' => '/',
                        b'\\' => '\\',
                        b'N' => '\u{85}',
                        b'_' => '\u{a0}',
                        b'L' => '\u{2028}',
                        b'P' => '\u{2029}',
                        b'x' | b'u' | b'U' => {
                            let n = match e {
                                b'x' => 2,
                                b'u' => 4,
                                _ => 8,
                            };
                            let hex = self.s.get(self.i..self.i + n).unwrap_or("");
                            let Some(v) =
                                u32::from_str_radix(hex, 16).ok().filter(|_| hex.len() == n)
                            else {
                                return self.fail("invalid escape in double-quoted string");
                            };
                            self.i += n;
                            char::from_u32(v).unwrap_or('\u{FFFD}')
                        }
                        b'\r' | b'\n' => {
                            // escaped line break: join without a space
                            if e == b'\r' && self.b.get(self.i) == Some(&b'\n') {
                                self.i += 1;
                            }
                            while matches!(self.b.get(self.i), Some(b' ' | b'\t')) {
                                self.i += 1;
                            }
                            continue;
                        }
                        _ => return self.fail("invalid escape in double-quoted string"),
                    };
                    out.push(ch);
                }
                b'\n' | b'\r' => {
                    let t = out.trim_end_matches([' ', '\t']).len();
                    out.truncate(t);
                    self.fold_quoted_break(&mut out);
                }
                _ => {
                    let run = self.i;
                    while let Some(&c) = self.b.get(self.i) {
                        if matches!(c, b'"' | b'\\' | b'\n' | b'\r') {
                            break;
                        }
                        self.i += 1;
                    }
                    out.push_str(&self.s[run..self.i]);
                }
            }
        }
        Ok(YNode {
            span: Span::new(start, self.i),
            kind: YKind::Scalar(Scalar {
                value: out,
                style: ScalarStyle::Double,
                block: None,
            }),
        })
    }

    fn single_quoted(&mut self) -> Result<YNode, YamlError> {
        let start = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(&c) = self.b.get(self.i) else {
                return Err(YamlError {
                    offset: start,
                    message: "unterminated single-quoted string",
                });
            };
            match c {
                b'\'' if self.b.get(self.i + 1) == Some(&b'\'') => {
                    out.push('\'');
                    self.i += 2;
                }
                b'\'' => {
                    self.i += 1;
                    break;
                }
                b'\n' | b'\r' => {
                    let t = out.trim_end_matches([' ', '\t']).len();
                    out.truncate(t);
                    self.fold_quoted_break(&mut out);
                }
                _ => {
                    let run = self.i;
                    while let Some(&c) = self.b.get(self.i) {
                        if matches!(c, b'\'' | b'\n' | b'\r') {
                            break;
                        }
                        self.i += 1;
                    }
                    out.push_str(&self.s[run..self.i]);
                }
            }
        }
        Ok(YNode {
            span: Span::new(start, self.i),
            kind: YKind::Scalar(Scalar {
                value: out,
                style: ScalarStyle::Single,
                block: None,
            }),
        })
    }

    /// `|` or `>` block scalar; `parent` is the indentation of the enclosing block.
    fn block_scalar(&mut self, parent: isize) -> Result<YNode, YamlError> {
        let start = self.i;
        let literal = self.b[self.i] == b'|';
        self.i += 1;
        let (mut chomp, mut explicit) = (0i8, None::<usize>);
        for _ in 0..2 {
            match self.b.get(self.i) {
                Some(b'-') => chomp = -1,
                Some(b'+') => chomp = 1,
                Some(&d @ b'1'..=b'9') => explicit = Some((d - b'0') as usize),
                _ => break,
            }
            self.i += 1;
        }
        self.skip_spaces();
        self.skip_comment();
        if !self.at_eol() {
            return self.fail("unexpected text after a block scalar indicator");
        }
        if self.b.get(self.i) == Some(&b'\r') {
            self.i += 1;
        }
        if self.b.get(self.i) == Some(&b'\n') {
            self.i += 1;
        }
        let base = parent.max(0) as usize;
        // Find the content indentation.
        let content_start = self.i;
        let indent = match explicit {
            Some(n) => base.max(0) + n - if parent < 0 { 1 } else { 0 },
            None => {
                let mut j = self.i;
                let mut found = None;
                while j < self.b.len() {
                    let ls = j;
                    while self.b.get(j) == Some(&b' ') {
                        j += 1;
                    }
                    match self.b.get(j) {
                        Some(b'\n') => j += 1,
                        Some(b'\r') => j += 1,
                        None => break,
                        Some(_) => {
                            found = Some(j - ls);
                            break;
                        }
                    }
                }
                match found {
                    Some(n) if n as isize > parent => n,
                    _ => (parent + 1).max(0) as usize,
                }
            }
        };
        let mut lines: Vec<&str> = Vec::new();
        let mut end = self.i;
        while self.i < self.b.len() {
            let ls = self.i;
            let mut j = ls;
            while self.b.get(j) == Some(&b' ') && j - ls < indent {
                j += 1;
            }
            let le = self.b[ls..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(self.b.len(), |p| ls + p);
            let line = self.s[ls..le].trim_end_matches('\r');
            let blank = line.trim_start_matches(' ').is_empty();
            if j - ls < indent && !blank {
                break;
            }
            if !blank
                && self.col(ls) == 0
                && j == ls
                && (line.starts_with("---") || line.starts_with("..."))
            {
                break;
            }
            lines.push(if blank {
                ""
            } else {
                &self.s[j..ls + line.len()]
            });
            if !blank {
                end = ls + line.len();
            }
            self.i = if le < self.b.len() { le + 1 } else { le };
        }
        // Trailing blank lines belong to chomping, not content; give them back to the stream.
        let content_lines = lines
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(0, |p| p + 1);
        let trailing = lines.len() - content_lines;
        let mut value = String::new();
        if literal {
            for l in &lines[..content_lines] {
                value.push_str(l);
                value.push('\n');
            }
        } else {
            let mut prev_more_indented = false;
            let mut pending_breaks = 0usize;
            for (k, l) in lines[..content_lines].iter().enumerate() {
                if l.is_empty() {
                    pending_breaks += 1;
                    continue;
                }
                let more = l.starts_with(' ') || l.starts_with('\t');
                if k > 0 {
                    if more || prev_more_indented {
                        value.push('\n');
                        for _ in 0..pending_breaks {
                            value.push('\n');
                        }
                    } else if pending_breaks == 0 {
                        value.push(' ');
                    } else {
                        for _ in 0..pending_breaks {
                            value.push('\n');
                        }
                    }
                } else {
                    for _ in 0..pending_breaks {
                        value.push('\n');
                    }
                }
                pending_breaks = 0;
                value.push_str(l);
                prev_more_indented = more;
            }
            if content_lines > 0 {
                value.push('\n');
            }
        }
        match chomp {
            -1 => {
                while value.ends_with('\n') {
                    value.pop();
                }
            }
            1 => {
                for _ in 0..trailing {
                    value.push('\n');
                }
            }
            _ => {}
        }
        Ok(YNode {
            span: Span::new(start, end.max(start + 1)),
            kind: YKind::Scalar(Scalar {
                value,
                style: if literal {
                    ScalarStyle::Literal
                } else {
                    ScalarStyle::Folded
                },
                block: if literal {
                    Some((content_start, indent))
                } else {
                    None
                },
            }),
        })
    }

    fn skip_flow_ws(&mut self) {
        loop {
            match self.b.get(self.i) {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.i += 1,
                Some(b'#') => self.to_eol(),
                _ => return,
            }
        }
    }

    fn flow_node(&mut self) -> Result<YNode, YamlError> {
        self.skip_flow_ws();
        self.properties()?;
        let start = self.i;
        match self.b.get(self.i) {
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_flow_ws();
                    match self.b.get(self.i) {
                        Some(b']') => {
                            self.i += 1;
                            break;
                        }
                        None => return self.fail("unterminated flow sequence"),
                        _ => {}
                    }
                    items.push(self.flow_node()?);
                    self.skip_flow_ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {}
                        _ => return self.fail("expected ',' or ']' in a flow sequence"),
                    }
                }
                Ok(YNode {
                    span: Span::new(start, self.i),
                    kind: YKind::Seq(items),
                })
            }
            Some(b'{') => {
                self.i += 1;
                let mut entries = Vec::new();
                loop {
                    self.skip_flow_ws();
                    match self.b.get(self.i) {
                        Some(b'}') => {
                            self.i += 1;
                            break;
                        }
                        None => return self.fail("unterminated flow mapping"),
                        _ => {}
                    }
                    let key_node = self.flow_node()?;
                    let YKind::Scalar(key) = key_node.kind else {
                        return self.fail("flow mapping keys must be scalars");
                    };
                    self.skip_flow_ws();
                    let value = if self.b.get(self.i) == Some(&b':') {
                        self.i += 1;
                        self.skip_flow_ws();
                        if matches!(self.b.get(self.i), Some(b',' | b'}')) {
                            YNode::null(self.i)
                        } else {
                            self.flow_node()?
                        }
                    } else {
                        YNode::null(self.i)
                    };
                    entries.push(YEntry {
                        key: key.value,
                        key_span: key_node.span,
                        value,
                    });
                    self.skip_flow_ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {}
                        _ => return self.fail("expected ',' or '}' in a flow mapping"),
                    }
                }
                Ok(YNode {
                    span: Span::new(start, self.i),
                    kind: YKind::Map(entries),
                })
            }
            Some(b'"') => self.double_quoted(),
            Some(b'\'') => self.single_quoted(),
            None => self.fail("unexpected end of input in a flow collection"),
            _ => {
                while let Some(&c) = self.b.get(self.i) {
                    match c {
                        b',' | b'[' | b']' | b'{' | b'}' | b'\n' | b'\r' => break,
                        b':' if is_ws_or_end(self.b.get(self.i + 1))
                            || matches!(self.b.get(self.i + 1), Some(b',' | b']' | b'}')) =>
                        {
                            break
                        }
                        b'#' if self.i > start && matches!(self.b[self.i - 1], b' ' | b'\t') => {
                            break
                        }
                        _ => self.i += 1,
                    }
                }
                let text = self.s[start..self.i].trim_end();
                Ok(YNode {
                    span: Span::new(start, start + text.len()),
                    kind: YKind::Scalar(Scalar {
                        value: text.into(),
                        style: ScalarStyle::Plain,
                        block: None,
                    }),
                })
            }
        }
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
}
