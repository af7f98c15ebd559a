//! Recognising what the user gave us, and unwrapping it down to config text.
//!
//! People paste many things and call them all "the pull secret": a Docker `config.json`, a
//! Podman `auth.json`, a legacy `.dockercfg`, the base64 they copied out of `data:`, or the whole
//! Secret from `kubectl get secret -o yaml` (or `-o json`). This module tells them apart, unwraps
//! Secrets and base64 to the config text inside, and remembers how to map a position in that
//! config back to the text the user actually sees.

use crate::diagnostics::{pointer, Code, Diagnostic, Severity};
use crate::go::base64 as b64;
use crate::syntax::json::{self, Span};
use crate::syntax::lines::{LineIndex, Position};
use crate::syntax::yaml::{self, ScalarStyle, YKind, YNode};
use crate::syntax::MAX_INPUT;
use std::borrow::Cow;

/// Where the config came from. Serialized as `{kind: "file"|"base64"|"secret", secret?}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Source {
    /// The text is the config itself.
    File,
    /// The text is the base64 of the config.
    Base64,
    /// The text is a Kubernetes Secret holding the config.
    Secret { secret: SecretInfo },
}

impl Source {
    pub fn kind(&self) -> &'static str {
        match self {
            Source::File => "file",
            Source::Base64 => "base64",
            Source::Secret { .. } => "secret",
        }
    }
}

/// What we learned about a Secret wrapper (serialized as `{name?, namespace?, type?, key, field,
/// syntax}`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct SecretInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub secret_type: Option<String>,
    /// The data key the config was read from (`.dockerconfigjson` or `.dockercfg`).
    pub key: String,
    /// `data` (base64) or `stringData` (plain).
    #[serde(serialize_with = "crate::diagnostics::fixed_text")]
    #[cfg_attr(feature = "ts", ts(type = "\"data\" | \"stringData\""))]
    pub field: &'static str,
    /// `yaml` or `json`.
    #[serde(serialize_with = "crate::diagnostics::fixed_text")]
    #[cfg_attr(feature = "ts", ts(type = "\"yaml\" | \"json\""))]
    pub syntax: &'static str,
    /// kubelet reads this Secret as a pull secret: its type is one of the two pull-secret types
    /// and the config sits under that type's key.
    #[serde(skip)]
    pub kubelet_reads: bool,
}

/// How to map a span of the config text back to the user's text.
#[derive(Clone, Copy, Debug)]
enum Origin {
    /// The config is the user's text (after an optional BOM).
    Identity,
    /// The config is encoded inside this span (base64, or a quoted string): point at the span.
    Within(Span),
    /// The config is a literal block scalar (`span`, from its `|`): content starts at this
    /// offset with this indentation.
    Block {
        content_start: usize,
        indent: usize,
        span: Span,
    },
    /// The config is an item of a JSON array read with its spans in the user's text; a
    /// finding about the whole config (span 0..0) points at the item's start.
    Item(usize),
}

/// How the config text sits in the body (after a BOM), for `fix`: spans are body offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Embedding {
    /// The config is the body's text from this offset on (a file, or an item of a JSON array).
    Text(usize),
    /// The config is base64 in this span: the whole input, or a Secret's `data` value (quotes
    /// included when it is quoted).
    Encoded(Span),
    /// The config is a `stringData` value written as this scalar (quotes included).
    Scalar(Span),
    /// The config is a `stringData` literal block scalar (from its `|`), its content indented
    /// by `indent` spaces.
    Block { span: Span, indent: usize },
}

/// The user's text, read down to the config inside it.
pub struct Input<'t> {
    /// The whole text the user gave.
    pub text: &'t str,
    /// Bytes skipped at the start (a BOM), so spans into `body` map to `text`.
    pub base: usize,
    pub source: Source,
    /// The config text, when one was found.
    pub config: Option<Cow<'t, str>>,
    /// For a plain JSON file: the already-parsed tree (no second parse).
    pub parsed: Option<json::Node<'t>>,
    /// A JSON file with data after its value: `config` is the first value (what docker reads).
    pub first_value_only: bool,
    /// The text was read as Kubernetes objects (YAML, a Secret, a stream), which kubectl reads,
    /// not as a config file, which the clients read.
    manifest: bool,
    origin: Origin,
    /// Findings about the wrapper (spans in the user's text).
    pub diagnostics: Vec<Diagnostic>,
}

/// Where one object of the input sits: its document, its item in a List or JSON array, and
/// what its own fields say (serialized into the report's object sections).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjectMeta {
    /// 0-based index of the YAML document or of the value in a JSON stream (0 for one JSON
    /// value and plain files).
    pub document: usize,
    /// 0-based index in the `items` of a List or in a JSON array.
    pub item: Option<usize>,
    /// The object's `kind`, when it has one.
    pub kind: Option<String>,
    pub name: Option<String>,
    pub namespace: Option<String>,
    /// Where the object starts, in the body (after a BOM).
    pub start: usize,
}

/// The user's text read as a stream of objects: every document of a YAML stream, every item of
/// a `List`/`*List` or a JSON array, or the one config the text is.
pub struct Stream<'t> {
    /// The whole text the user gave.
    pub text: &'t str,
    /// Bytes skipped at the start (a BOM).
    pub base: usize,
    /// Findings about the stream itself, which belong to no object (spans in the body).
    pub diagnostics: Vec<Diagnostic>,
    /// The objects to check, in the order of the text.
    pub objects: Vec<(ObjectMeta, Input<'t>)>,
    /// The documents, when the text was read as a YAML stream (spans in the body): the
    /// repository check reads its workloads from the same tree instead of parsing it again.
    pub docs: Vec<YNode>,
}

/// The result of parsing the text as JSON.
type JsonParse<'t> = Result<json::Node<'t>, json::SyntaxError>;

/// The fix when the input is none of the things pullsecret reads.
const NOT_A_CONFIG_HELP: &str =
    "Give a config file (`{\"auths\": {…}}`), its base64, or a Kubernetes Secret holding one.";

const SECRET_TYPES: [(&str, &str); 2] = [
    ("kubernetes.io/dockerconfigjson", ".dockerconfigjson"),
    ("kubernetes.io/dockercfg", ".dockercfg"),
];

/// Whether `text` is a UTF-16 file read as UTF-8 (the BOM as `U+FFFD U+FFFD`, then every
/// other character a NUL), or handed over as NUL-interleaved text: its byte order and BOM.
fn utf16(text: &str) -> Option<&'static str> {
    let (bom, rest) = if let Some(r) = text.strip_prefix("\u{fffd}\u{fffd}") {
        (true, r)
    } else if let Some(r) = text.strip_prefix('\u{feff}') {
        (true, r)
    } else {
        (false, text)
    };
    let head: Vec<char> = rest.chars().take(64).collect();
    if head.len() < 2 {
        return None;
    }
    // The NULs sit at every even (big-endian) or every odd (little-endian) position.
    let nul_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == parity)
            .all(|(_, c)| *c == '\0')
    };
    let some_text = |parity: usize| {
        head.iter()
            .enumerate()
            .any(|(i, c)| i % 2 == parity && *c != '\0')
    };
    let order = if nul_at(1) && some_text(0) {
        "little-endian"
    } else if nul_at(0) && some_text(1) {
        "big-endian"
    } else {
        return None;
    };
    Some(match (order, bom) {
        ("little-endian", true) => "little-endian, with a byte-order mark",
        ("little-endian", false) => "little-endian, no byte-order mark",
        (_, true) => "big-endian, with a byte-order mark",
        _ => "big-endian, no byte-order mark",
    })
}

/// The text of a UTF-16 file with a byte-order mark that was read as UTF-8 (see [`utf16`]),
/// decoded back, when nothing was lost in that reading: every character ASCII. go-yaml decodes
/// such a file (it reads the byte-order mark), so kubectl and kustomize apply the manifests in it;
/// `None` for any other text (without a byte-order mark go-yaml fails on the NULs too).
pub(crate) fn utf16_decoded(text: &str) -> Option<String> {
    let rest = text
        .strip_prefix("\u{fffd}\u{fffd}")
        .or_else(|| text.strip_prefix('\u{feff}'))?;
    let mut chars = rest.chars();
    let little_endian = rest.starts_with(|c: char| c != '\0');
    let mut out = String::with_capacity(rest.len() / 2);
    while let Some(a) = chars.next() {
        let (c, nul) = match chars.next() {
            Some(b) if little_endian => (a, b),
            Some(b) => (b, a),
            None => return None,
        };
        if nul != '\0' || c == '\0' || !c.is_ascii() {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

/// `text` as a UTF-16 file of it reads as UTF-8 (what `String::from_utf8_lossy` and a
/// `TextDecoder` make of it): `bom` (`"\u{fffd}\u{fffd}"` for the mark's two bytes, or
/// `"\u{feff}"` as a decoder that knows it keeps it), then a NUL beside each ASCII character.
#[cfg(test)]
pub(crate) fn utf16_as_read(text: &str, bom: &str, little_endian: bool) -> String {
    let mut out = String::from(bom);
    for c in text.chars() {
        out.extend(if little_endian { [c, '\0'] } else { ['\0', c] });
    }
    out
}

/// The finding for a UTF-16 manifest read as decoded ([`utf16_decoded`]): a warning, since
/// kubectl and kustomize apply it, where other tools (and `git diff`) do not read it as text.
pub(crate) fn utf16_read_as_decoded(text: &str) -> Diagnostic {
    let mut m = String::from("the text is UTF-16 (");
    m.push_str(utf16(text).unwrap_or("with a byte-order mark"));
    m.push_str("): kubectl and kustomize decode it, so its objects were checked as decoded; most other tools read UTF-8 only, and git shows the file as binary, without a diff");
    Diagnostic::new(Code::Utf16, m, "", Span::new(0, 0))
        .with_severity(Severity::Warning)
        .with_help(Code::Utf16.help())
}

impl<'t> Input<'t> {
    pub fn read(text: &'t str) -> Input<'t> {
        Input::read_with(text, None)
    }

    /// [`Input::read`], with the text's JSON parse when the caller already has it.
    fn read_with(text: &'t str, parsed: Option<JsonParse<'t>>) -> Input<'t> {
        let mut input = Input::empty(text);
        if text.len() > MAX_INPUT {
            input.diagnostics.push(too_large());
            return input;
        }
        if let Some(what) = utf16(text) {
            let mut m = String::from("the text is UTF-16 (");
            m.push_str(what);
            m.push_str("): every client reads UTF-8 only and fails on this file; save it as UTF-8 without BOM");
            input.diagnostics.push(
                Diagnostic::new(Code::Utf16, m, "", Span::new(0, 0)).with_help(Code::Utf16.help()),
            );
            return input;
        }
        let mut body = text;
        if let Some(rest) = text.strip_prefix('\u{feff}') {
            input.base = 3;
            body = rest;
            input.diagnostics.push(Diagnostic::new(
                Code::Bom,
                "the text starts with a UTF-8 byte-order mark; kubelet, the API server and podman reject it (save the file without BOM)",
                "",
                Span::new(0, 0),
            ));
        }
        let trimmed = body.trim_start_matches([' ', '\t', '\r', '\n']);
        let lead = body.len() - trimmed.len();
        if trimmed.trim_end_matches([' ', '\t', '\r', '\n']).is_empty() {
            input.diagnostics.push(Diagnostic::new(
                Code::EmptyInput,
                "the input is empty",
                "",
                Span::new(0, 0),
            ));
            return input;
        }
        match trimmed.as_bytes()[0] {
            b'{' | b'[' => input.read_json(body, parsed),
            _ if looks_like_base64(trimmed) => input.read_base64(body, lead),
            _ => input.read_yaml(body),
        }
        if input.manifest {
            if let Some(d) = input.diagnostics.iter_mut().find(|d| d.code == Code::Bom) {
                *d = manifest_bom();
            }
        }
        input
    }

    /// Reads every object of the text (see [`Stream`]). A YAML stream, a `List` and a JSON
    /// array of objects give one object per pull Secret or config they hold; other objects
    /// (an `Opaque` Secret, a ConfigMap) are skipped. Anything else is one object, read as
    /// [`Input::read`] reads it.
    pub fn read_all(text: &'t str) -> Stream<'t> {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let trimmed = body.trim_start_matches([' ', '\t', '\r', '\n']);
        let mut stream = Stream {
            text,
            base: text.len() - body.len(),
            diagnostics: Vec::new(),
            objects: Vec::new(),
            docs: Vec::new(),
        };
        let single = |stream: &mut Stream<'t>, parsed: Option<JsonParse<'t>>| {
            let input = Input::read_with(text, parsed);
            let meta = ObjectMeta {
                kind: secret_kind(&input.source),
                name: input.source_secret().and_then(|s| s.name.clone()),
                namespace: input.source_secret().and_then(|s| s.namespace.clone()),
                start: 0,
                ..ObjectMeta::default()
            };
            stream.objects.push((meta, input));
        };
        if text.len() > MAX_INPUT
            || trimmed.trim_end_matches([' ', '\t', '\r', '\n']).is_empty()
            || looks_like_base64(trimmed)
        {
            single(&mut stream, None);
            return stream;
        }
        if matches!(trimmed.as_bytes()[0], b'{' | b'[') {
            // Parsed once: a stream's items are read from this tree, one object from it too.
            let parsed = json::parse(body);
            let values = match &parsed {
                Err(e) if e.kind == json::SyntaxErrorKind::TrailingData => kubernetes_stream(body),
                _ => None,
            };
            let values = match (parsed, values) {
                (_, Some(Ok(values))) => values,
                (Ok(node), None) if json_items(&node).is_some() => vec![node],
                // A broken stream: its syntax error belongs to the stream, as for YAML.
                (_, Some(Err(_))) => {
                    stream.diagnostics = Input::read(text).diagnostics;
                    return stream;
                }
                // One object (a config, a Secret, or text that is not JSON): read as before.
                (parsed, None) => {
                    single(&mut stream, Some(parsed));
                    return stream;
                }
            };
            stream.bom();
            let mut skipped = None;
            for (document, value) in values.iter().enumerate() {
                match json_items(value) {
                    Some(items) => {
                        for (i, item) in items.iter().enumerate() {
                            stream.json_object(body, item, document, Some(i), &mut skipped);
                        }
                    }
                    // A value of a stream that is no List.
                    None => stream.json_object(body, value, document, None, &mut skipped),
                }
            }
            let at = values[0].span.start;
            stream.finish_empty(skipped, Span::new(at, at), "JSON");
            return stream;
        }
        let docs = match yaml::parse_stream(body) {
            Ok(d) => d,
            Err(_) => {
                // The syntax error belongs to the stream: read as before, reported at the top.
                stream.diagnostics = Input::read(text).diagnostics;
                return stream;
            }
        };
        stream.bom();
        let mut skipped = None;
        for (di, d) in docs.iter().enumerate() {
            let kind = d.get("kind").and_then(YNode::as_str);
            match (kind, d.get("items").map(|n| &n.kind)) {
                (Some(k), Some(YKind::Seq(items))) if k.ends_with("List") => {
                    for (i, item) in items.iter().enumerate() {
                        stream.secret(item, "yaml", di, Some(i), &mut skipped);
                    }
                }
                _ => stream.secret(d, "yaml", di, None, &mut skipped),
            }
        }
        let at = docs
            .first()
            .map_or(Span::new(0, 0), |d| Span::new(d.span.start, d.span.start));
        stream.finish_empty(skipped, at, "YAML");
        stream.docs = docs;
        stream
    }

    /// One Secret of a manifest, read as a pull secret: `node` is a Secret of `text`'s body,
    /// which starts `base` bytes in (after a BOM); `syntax` is `yaml` or `json`.
    pub(crate) fn from_secret_node(
        text: &'t str,
        base: usize,
        node: &YNode,
        syntax: &'static str,
    ) -> Input<'t> {
        let mut input = Input::empty(text);
        input.base = base;
        input.read_secret(node, syntax);
        input
    }

    /// An input with nothing read yet.
    fn empty(text: &'t str) -> Input<'t> {
        Input {
            text,
            base: 0,
            source: Source::File,
            config: None,
            parsed: None,
            first_value_only: false,
            manifest: false,
            origin: Origin::Identity,
            diagnostics: Vec::new(),
        }
    }

    /// The Secret wrapper, when the input is a Secret.
    pub fn source_secret(&self) -> Option<&SecretInfo> {
        match &self.source {
            Source::Secret { secret } => Some(secret),
            _ => None,
        }
    }

    fn read_json(&mut self, body: &'t str, parsed: Option<JsonParse<'t>>) {
        let parsed = parsed.unwrap_or_else(|| json::parse(body));
        let stream = match &parsed {
            Err(e) if e.kind == json::SyntaxErrorKind::TrailingData => kubernetes_stream(body),
            _ => None,
        };
        match stream {
            // A stream of objects: its first pull Secret, as for a YAML stream.
            Some(Ok(values)) => {
                self.manifest = true;
                let trees: Vec<YNode> = values.iter().map(YNode::from_json).collect();
                match pick_secret(&trees) {
                    Some(secret) => self.read_secret(secret, "json"),
                    None => self.diagnostics.push(
                        Diagnostic::new(
                            Code::NotAnObject,
                            "expected a JSON config file, its base64, or a Kubernetes Secret (found JSON objects without a Secret)",
                            "",
                            Span::new(values[0].span.start, values[0].span.start),
                        )
                        .with_help(NOT_A_CONFIG_HELP),
                    ),
                }
                return;
            }
            // The error that stopped the stream, where it is (not at the second value's start).
            Some(Err(e)) => {
                self.manifest = true;
                self.diagnostics
                    .push(syntax_diagnostic(e, Span::new(e.offset, e.offset)));
                return;
            }
            None => {}
        }
        match parsed {
            Err(e) => {
                self.diagnostics
                    .push(syntax_diagnostic(e, Span::new(e.offset, e.offset)));
                // docker decodes only the first value: keep it for docker's verdicts.
                if e.kind == json::SyntaxErrorKind::TrailingData {
                    if let Ok(node) = json::parse(&body[..e.offset]) {
                        if !is_secret_object(&node) {
                            self.config = Some(Cow::Borrowed(&body[..e.offset]));
                            self.parsed = Some(node);
                            self.first_value_only = true;
                        }
                    }
                }
            }
            Ok(node) => {
                if is_secret_object(&node) {
                    let tree = YNode::from_json(&node);
                    // A List: its first pull Secret, as for YAML.
                    match pick_secret(std::slice::from_ref(&tree)) {
                        Some(secret) => self.read_secret(secret, "json"),
                        None => self.read_secret(&tree, "json"),
                    }
                } else {
                    self.config = Some(Cow::Borrowed(body));
                    self.parsed = Some(node);
                }
            }
        }
    }

    fn read_base64(&mut self, body: &'t str, lead: usize) {
        let trimmed = body.trim_matches([' ', '\t', '\r', '\n']);
        let span = Span::new(lead, lead + trimmed.len());
        let decoded =
            b64::decode_go(&b64::STD, trimmed).or_else(|| b64::decode_go(&b64::RAW_STD, trimmed));
        let text = decoded.map(crate::syntax::lossy_owned);
        match text {
            Some(t) if t.trim_start().starts_with('{') => {
                self.source = Source::Base64;
                self.diagnostics.push(Diagnostic::new(
                    Code::Base64Input,
                    "the input is base64; checked the config it encodes",
                    "",
                    span,
                ));
                self.config = Some(Cow::Owned(t));
                self.origin = Origin::Within(span);
            }
            _ => self.diagnostics.push(
                Diagnostic::new(
                    Code::NotAnObject,
                    "expected a JSON config file, its base64, or a Kubernetes Secret",
                    "",
                    span,
                )
                .with_help(NOT_A_CONFIG_HELP),
            ),
        }
    }

    fn read_yaml(&mut self, body: &'t str) {
        self.manifest = true;
        let docs = match yaml::parse_stream(body) {
            Ok(d) => d,
            Err(e) => {
                self.diagnostics.push(Diagnostic::new(
                    if e.too_deep() {
                        Code::TooDeep
                    } else {
                        Code::YamlSyntax
                    },
                    if e.too_deep() {
                        format!("YAML {}", e.message)
                    } else {
                        format!("YAML syntax error: {}", e.message)
                    },
                    "",
                    Span::new(e.offset, e.offset),
                ));
                return;
            }
        };
        let first = pick_secret(&docs);
        let Some(first) = first else {
            let span = docs
                .first()
                .map_or(Span::new(0, 0), |d| Span::new(d.span.start, d.span.start));
            self.diagnostics.push(
                Diagnostic::new(
                    Code::NotAnObject,
                    "expected a JSON config file, its base64, or a Kubernetes Secret (found YAML without a Secret)",
                    "",
                    span,
                )
                .with_help(NOT_A_CONFIG_HELP),
            );
            return;
        };
        self.read_secret(first, "yaml");
    }

    fn read_secret(&mut self, root: &YNode, syntax: &'static str) {
        self.manifest = true;
        let meta = root.get("metadata");
        let get_meta = |k: &str| {
            meta.and_then(|m| m.get(k))
                .and_then(YNode::as_str)
                .map(String::from)
        };
        let secret_type = root.get("type").and_then(YNode::as_str).map(String::from);
        let type_span = root
            .get("type")
            .map(|n| n.span)
            .unwrap_or(Span::new(root.span.start, root.span.start));
        // stringData wins over data, as the API server merges it.
        let find = |key: &str| -> Option<(&'static str, &YNode)> {
            for field in ["stringData", "data"] {
                if let Some(v) = root.get(field).and_then(|d| d.get(key)) {
                    return Some((
                        if field == "data" {
                            "data"
                        } else {
                            "stringData"
                        },
                        v,
                    ));
                }
            }
            None
        };
        let expected_key = SECRET_TYPES
            .iter()
            .find(|(t, _)| Some(*t) == secret_type.as_deref())
            .map(|(_, k)| *k);
        let found = match expected_key {
            Some(k) => find(k).map(|f| (k, f)).or_else(|| {
                let other = if k == ".dockerconfigjson" {
                    ".dockercfg"
                } else {
                    ".dockerconfigjson"
                };
                find(other).map(|f| (other, f))
            }),
            None => find(".dockerconfigjson")
                .map(|f| (".dockerconfigjson", f))
                .or_else(|| find(".dockercfg").map(|f| (".dockercfg", f))),
        };
        let Some((key, (field, value))) = found else {
            let at = root
                .get("data")
                .or(root.get("stringData"))
                .map_or(root.span, |n| n.span);
            self.diagnostics.push(Diagnostic::new(
                Code::SecretNoData,
                "the Secret has no `.dockerconfigjson` or `.dockercfg` in `data` or `stringData`",
                "/data",
                Span::new(at.start, at.start),
            ));
            return;
        };
        // Where the config sits: labelled on the type findings.
        let key_span = root
            .get(field)
            .map_or(&[][..], YNode::entries)
            .iter()
            .rev()
            .find(|e| e.key == key)
            .map_or(value.span, |e| e.key_span);
        match (&secret_type, expected_key) {
            (Some(t), Some(k)) if k != key => self.diagnostics.push(
                Diagnostic::new(
                    Code::SecretTypeMismatch,
                    format!("type `{t}` needs the data key `{k}`, but the Secret has `{key}`: kubelet ignores this Secret"),
                    "/type",
                    type_span,
                )
                .with_label(key_span, "the config is under this data key"),
            ),
            // `Opaque` is the usual Secret: kubelet skips it silently, which is only suspicious.
            (Some(t), None) => self.diagnostics.push(Diagnostic::new(
                Code::SecretTypeUnsupported,
                format!("type `{t}` is not read by kubelet as a pull secret; use `kubernetes.io/dockerconfigjson` (or `kubernetes.io/dockercfg`)"),
                "/type",
                type_span,
            ).with_severity(if t == "Opaque" { Severity::Warning } else { Severity::Error })),
            (None, _) => self.diagnostics.push(
                Diagnostic::new(
                    Code::SecretTypeMismatch,
                    "the Secret has no `type`, so it is `Opaque`: kubelet ignores it as a pull secret; set `type: kubernetes.io/dockerconfigjson`",
                    "/type",
                    Span::new(root.span.start, root.span.start),
                )
                .with_help("Set `type: kubernetes.io/dockerconfigjson` (`kubernetes.io/dockercfg` for a `.dockercfg` key).")
                .with_label(key_span, "the config is under this data key"),
            ),
            _ => {}
        }
        self.check_metadata(meta);
        self.check_size(root);
        self.source = Source::Secret {
            secret: SecretInfo {
                name: get_meta("name"),
                namespace: get_meta("namespace"),
                kubelet_reads: expected_key == Some(key),
                secret_type,
                key: key.into(),
                field,
                syntax,
            },
        };
        let value_pointer = pointer(&[field, key]);
        let Some(raw) = value.as_str() else {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::WrongType,
                    format!(
                        "the Secret's `{key}` must be a string, not a {}",
                        value.type_name()
                    ),
                    value_pointer,
                    value.span,
                )
                .with_help("Give the config as one string: base64 under `data`, or a `|` block under `stringData`."),
            );
            return;
        };
        if raw.starts_with("ENC[") && is_sops(root) {
            // Encrypted in the repository (SOPS): nothing to read until it is decrypted.
            self.diagnostics.push(Diagnostic::new(
                Code::SopsEncrypted,
                format!("`{field}.{key}` is encrypted with SOPS: its credentials are checked once it is decrypted"),
                value_pointer,
                value.span,
            ));
            return;
        }
        if field == "data" {
            match b64::decode_go(&b64::STD, raw) {
                Some(bytes) => {
                    let once = String::from_utf8_lossy(&bytes);
                    self.config = Some(Cow::Owned(match self.double_base64(&once, field, key, value.span) {
                        Some(config) => config,
                        None => once.into_owned(),
                    }));
                    self.origin = Origin::Within(value.span);
                }
                None => self.diagnostics.push(Diagnostic::new(
                    Code::SecretDataNotBase64,
                    format!("`data.{key}` is not valid base64 (padded standard alphabet); the API server rejects it"),
                    value_pointer,
                    value.span,
                )),
            }
        } else if let Some(config) = self.double_base64(raw, field, key, value.span) {
            self.config = Some(Cow::Owned(config));
            self.origin = Origin::Within(value.span);
        } else {
            self.config = Some(Cow::Owned(raw.into()));
            self.origin = match &value.kind {
                YKind::Scalar(s) if s.style == ScalarStyle::Literal => {
                    let (content_start, indent) = s.block.unwrap_or((value.span.start, 0));
                    Origin::Block {
                        content_start,
                        indent,
                        span: value.span,
                    }
                }
                _ => Origin::Within(value.span),
            };
        }
    }

    /// The config inside `text` (a Secret's value, decoded as the API server decodes it) when
    /// `text` is still base64 of a config: reported as `secret-data-double-base64` at the value's
    /// `span`, and the config returned to be checked.
    fn double_base64(
        &mut self,
        text: &str,
        field: &'static str,
        key: &str,
        span: Span,
    ) -> Option<String> {
        let t = text.trim_matches([' ', '\t', '\r', '\n']);
        if !looks_like_base64(t) {
            return None;
        }
        let bytes = b64::decode_go(&b64::STD, t).or_else(|| b64::decode_go(&b64::RAW_STD, t))?;
        let config = String::from_utf8(bytes).ok()?;
        if !config.trim_start().starts_with('{') {
            return None;
        }
        let message = if field == "data" {
            format!("`data.{key}` is base64 of base64: the API server decodes it once and refuses the result, which is not JSON; checked the config inside")
        } else {
            format!("`stringData.{key}` is base64: the API server stores it as it is and refuses it, since it is not JSON; checked the config inside")
        };
        self.diagnostics.push(Diagnostic::new(
            Code::SecretDataDoubleBase64,
            message,
            pointer(&[field, key]),
            span,
        ));
        Some(config)
    }

    /// The body text (after a BOM) in which spans of the wrapper are expressed.
    pub fn body(&self) -> &'t str {
        &self.text[self.base..]
    }

    /// How the config text is written in the body, for a writer that changes it (`fix`).
    pub(crate) fn embedding(&self) -> Embedding {
        match (self.origin, &self.source) {
            (Origin::Identity, _) => Embedding::Text(0),
            (Origin::Item(start), _) => Embedding::Text(start),
            (Origin::Block { span, indent, .. }, _) => Embedding::Block { span, indent },
            (Origin::Within(span), Source::Secret { secret }) if secret.field == "stringData" => {
                Embedding::Scalar(span)
            }
            (Origin::Within(span), _) => Embedding::Encoded(span),
        }
    }

    /// Whether the config text is the user's text itself (spans need no mapping).
    pub fn is_identity(&self) -> bool {
        matches!(self.origin, Origin::Identity)
    }

    /// Moves a diagnostic whose span is in the config text out to the user's text, keeping the
    /// config span as `inner`; its labels move the same way.
    pub fn place(
        &self,
        d: &mut Diagnostic,
        config_index: Option<&LineIndex<'_>>,
        body_index: &LineIndex<'_>,
    ) {
        if self.is_identity() {
            return;
        }
        (d.span, d.inner) = self.place_span(d.span, config_index, body_index);
        for l in &mut d.labels {
            (l.span, l.inner) = self.place_span(l.span, config_index, body_index);
        }
    }

    /// A span of the config text as a span of the user's text, and the config span as `inner`
    /// (`None` when the config is the user's text).
    pub fn place_span(
        &self,
        span: Span,
        config_index: Option<&LineIndex<'_>>,
        body_index: &LineIndex<'_>,
    ) -> (Span, Option<Span>) {
        match self.origin {
            Origin::Identity => (span, None),
            Origin::Item(start) if span == Span::new(0, 0) => (Span::new(start, start), None),
            Origin::Item(_) => (span, None),
            Origin::Within(outer) => (outer, Some(span)),
            Origin::Block {
                content_start,
                indent,
                ..
            } => {
                let Some(ci) = config_index else {
                    return (span, Some(span));
                };
                let p = ci.position(span.start);
                let first = body_index.position(content_start);
                let start = body_index.offset(Position {
                    line: first.line + p.line - 1,
                    column: indent + p.column,
                });
                let len = span.end - span.start;
                (
                    Span::new(start, (start + len).min(self.body().len())),
                    Some(span),
                )
            }
        }
    }
}

/// The API server's `IsDNS1123Subdomain` (names) or `IsDNS1123Label` (namespaces).
pub(crate) fn dns1123(s: &str, label: bool) -> bool {
    let max = if label { 63 } else { 253 };
    let ok_part = |p: &str| {
        let b = p.as_bytes();
        !b.is_empty()
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
    };
    !s.is_empty()
        && s.len() <= max
        && if label {
            ok_part(s)
        } else {
            s.split('.').all(ok_part)
        }
}

/// The rule [`dns1123`] checks, in words, for messages.
pub(crate) fn dns1123_rule(label: bool) -> &'static str {
    if label {
        "a DNS-1123 label: at most 63 lower-case letters, digits and `-`, starting and ending with a letter or digit"
    } else {
        "a DNS-1123 subdomain: at most 253 lower-case letters, digits, `-` and `.`, each part starting and ending with a letter or digit"
    }
}

/// The API server refuses Secrets whose data add up to more than 1 MiB.
const MAX_SECRET_SIZE: usize = 1 << 20;
/// Client-side `kubectl apply` keeps the whole object in an annotation; annotations are limited to 256 KiB.
const MAX_ANNOTATIONS_SIZE: usize = 256 << 10;

impl Input<'_> {
    fn check_metadata(&mut self, meta: Option<&YNode>) {
        for (field, label) in [("name", false), ("namespace", true)] {
            let Some(node) = meta.and_then(|m| m.get(field)) else {
                continue;
            };
            let Some(v) = node.as_str() else { continue };
            if dns1123(v, label) {
                continue;
            }
            let code = if label {
                Code::SecretNamespaceInvalid
            } else {
                Code::SecretNameInvalid
            };
            let rule = dns1123_rule(label);
            let mut msg = String::from("the Secret's ");
            msg.push_str(field);
            msg.push_str(" must be ");
            msg.push_str(rule);
            msg.push_str("; the API server rejects it");
            self.diagnostics.push(Diagnostic::new(
                code,
                msg,
                pointer(&["metadata", field]),
                node.span,
            ));
        }
    }

    fn check_size(&mut self, root: &YNode) {
        // Bytes the API server counts (decoded `data` plus `stringData`) and the base64 text
        // `kubectl apply` would keep in its annotation.
        let mut size: usize = 0;
        for field in ["data", "stringData"] {
            for e in root.get(field).map_or(&[][..], YNode::entries) {
                let Some(v) = e.value.as_str() else { continue };
                size += if field == "data" {
                    v.len() / 4 * 3
                } else {
                    v.len()
                };
            }
        }
        let encoded = size.div_ceil(3) * 4;
        let at = Span::new(root.span.start, root.span.start);
        if size > MAX_SECRET_SIZE {
            self.diagnostics.push(Diagnostic::new(
                Code::SecretTooLarge,
                "the Secret's data is larger than 1 MiB: the API server rejects it; split the credentials over several pull secrets",
                "/data",
                at,
            ));
        } else if encoded > MAX_ANNOTATIONS_SIZE {
            self.diagnostics.push(Diagnostic::new(
                Code::SecretTooLargeForApply,
                "the Secret is larger than 256 KiB once base64-encoded: client-side `kubectl apply` cannot store it in its last-applied annotation; use `kubectl create`, `replace` or `apply --server-side`",
                "/data",
                at,
            ));
        }
    }
}

fn is_secret_object(n: &json::Node<'_>) -> bool {
    let Some(members) = n.value.as_object() else {
        return false;
    };
    let get = |k: &str| {
        members
            .iter()
            .rev()
            .find(|m| m.key == k)
            .map(|m| &m.value.value)
    };
    match get("kind").and_then(|v| v.as_str()) {
        Some("Secret") | Some("List") | Some("SecretList") => true,
        _ => get("apiVersion").is_some() && (get("data").is_some() || get("stringData").is_some()),
    }
}

impl<'t> Stream<'t> {
    /// An object of JSON (an item of a List or an array, a value of a stream): a config file
    /// when it is shaped like one, else a Secret or an object to skip.
    fn json_object(
        &mut self,
        body: &'t str,
        item: &json::Node<'t>,
        document: usize,
        index: Option<usize>,
        skipped: &mut Option<Span>,
    ) {
        let members = item.value.as_object().unwrap_or_default();
        let get = |k: &str| members.iter().rev().find(|m| m.key == k).map(|m| &m.value);
        let config_shaped = item.value.as_object().is_some()
            && get("kind").and_then(|v| v.value.as_str()).is_none()
            && ["apiVersion", "data", "stringData"]
                .iter()
                .all(|k| get(k).is_none());
        if config_shaped {
            let mut input = Input::empty(self.text);
            input.base = self.base;
            input.config = Some(Cow::Borrowed(&body[item.span.start..item.span.end]));
            input.parsed = Some(item.clone());
            input.origin = Origin::Item(item.span.start);
            let meta = ObjectMeta {
                document,
                item: index,
                start: item.span.start,
                ..ObjectMeta::default()
            };
            self.objects.push((meta, input));
            return;
        }
        let tree = YNode::from_json(item);
        self.secret(&tree, "json", document, index, skipped);
    }

    /// Adds `node` (a document or an item) when it is a Secret kubelet may read as a pull secret:
    /// one of the two pull-secret types, or any Secret holding `.dockerconfigjson`/`.dockercfg`.
    /// Other objects are skipped; the first skipped Secret is remembered in `skipped`.
    fn secret(
        &mut self,
        node: &YNode,
        syntax: &'static str,
        document: usize,
        item: Option<usize>,
        skipped: &mut Option<Span>,
    ) {
        let kind = node.get("kind").and_then(YNode::as_str);
        let secret_like = kind == Some("Secret")
            || (kind.is_none() && (node.get("data").is_some() || node.get("stringData").is_some()));
        if !secret_like {
            return;
        }
        if !is_pull_secret(node) {
            skipped.get_or_insert(Span::new(node.span.start, node.span.start));
            return;
        }
        let meta_node = node.get("metadata");
        let get_meta = |k: &str| {
            meta_node
                .and_then(|m| m.get(k))
                .and_then(YNode::as_str)
                .map(String::from)
        };
        let mut input = Input::empty(self.text);
        input.base = self.base;
        input.read_secret(node, syntax);
        let meta = ObjectMeta {
            document,
            item,
            kind: kind.map(String::from),
            name: get_meta("name"),
            namespace: get_meta("namespace"),
            start: node.span.start,
        };
        self.objects.push((meta, input));
    }

    /// The byte-order mark of a stream, reported at the top.
    fn bom(&mut self) {
        if self.base > 0 {
            self.diagnostics.push(manifest_bom());
        }
    }

    /// When no object was found: say why, at the top of the report.
    fn finish_empty(&mut self, skipped: Option<Span>, at: Span, found: &'static str) {
        if !self.objects.is_empty() {
            return;
        }
        self.diagnostics.push(match skipped {
            Some(span) => Diagnostic::new(
                Code::SecretNoData,
                "no Secret in the input holds `.dockerconfigjson` or `.dockercfg` or has a pull-secret type: kubelet reads none of them as a pull secret",
                "/data",
                span,
            ),
            None => Diagnostic::new(
                Code::NotAnObject,
                format!("expected a JSON config file, its base64, or a Kubernetes Secret (found {found} without a Secret)"),
                "",
                at,
            )
            .with_help(NOT_A_CONFIG_HELP),
        });
    }
}

/// A UTF-8 byte-order mark before a manifest (a Secret, a stream, a List): kubectl and kustomize
/// skip it (go-yaml does), so it never reaches the API server, unlike one before a config file,
/// which Go's JSON decoders reject.
fn manifest_bom() -> Diagnostic {
    Diagnostic::new(
        Code::Bom,
        "the text starts with a UTF-8 byte-order mark: kubectl and kustomize skip it, so the objects reach the cluster without it (a tool that reads the file as JSON, such as jq, fails on it)",
        "",
        Span::new(0, 0),
    )
    .with_severity(Severity::Info)
}

/// The Secret `parse` and `lookup` read from a stream or a List: the first pull Secret (as
/// `validate` picks them), else the first Secret. A chart's `Opaque` Secret before its pull
/// secret is not the one they mean.
fn pick_secret(docs: &[YNode]) -> Option<&YNode> {
    let mut secrets: Vec<&YNode> = Vec::new();
    for d in docs {
        match d.get("kind").and_then(YNode::as_str) {
            Some("Secret") => secrets.push(d),
            Some("List") | Some("SecretList") => {
                if let Some(YKind::Seq(items)) = d.get("items").map(|n| &n.kind) {
                    secrets.extend(
                        items
                            .iter()
                            .filter(|i| i.get("kind").and_then(YNode::as_str) == Some("Secret")),
                    );
                }
            }
            _ if d.get("data").is_some() || d.get("stringData").is_some() => secrets.push(d),
            _ => {}
        }
    }
    secrets
        .iter()
        .find(|s| is_pull_secret(s))
        .or(secrets.first())
        .copied()
}

/// A Secret kubelet may read as a pull secret: one of the two pull-secret types, or any Secret
/// holding `.dockerconfigjson`/`.dockercfg` (checked, and told why kubelet ignores it).
/// The object was encrypted with SOPS (`sops encrypt`): a top-level `sops` mapping with its
/// `mac` or `version`, and the encrypted values written `ENC[AES256_GCM,data:…]`.
pub(crate) fn is_sops(node: &YNode) -> bool {
    node.get("sops")
        .is_some_and(|s| s.get("mac").is_some() || s.get("version").is_some())
}

pub(crate) fn is_pull_secret(node: &YNode) -> bool {
    let typed = node
        .get("type")
        .and_then(YNode::as_str)
        .is_some_and(|t| SECRET_TYPES.iter().any(|(st, _)| *st == t));
    typed
        || ["data", "stringData"].iter().any(|f| {
            node.get(f).is_some_and(|d| {
                d.get(".dockerconfigjson").is_some() || d.get(".dockercfg").is_some()
            })
        })
}

/// The items of a JSON input that holds several objects: a `List`/`*List`'s `items`, or an
/// array of objects of which at least one is a Kubernetes object (`kind` or `apiVersion`). An
/// array of configs alone stays one (unreadable) config file: no client reads a top-level array.
pub(crate) fn json_items<'n, 'a>(n: &'n json::Node<'a>) -> Option<&'n [json::Node<'a>]> {
    match &n.value {
        json::Value::Array(items) => {
            let k8s = |m: &json::Member<'_>| m.key == "kind" || m.key == "apiVersion";
            (items.iter().all(|i| i.value.as_object().is_some())
                && items
                    .iter()
                    .any(|i| i.value.as_object().is_some_and(|m| m.iter().any(k8s))))
            .then_some(&items[..])
        }
        json::Value::Object(members) => {
            let get = |k: &str| members.iter().rev().find(|m| m.key == k).map(|m| &m.value);
            let kind = get("kind")?.value.as_str()?;
            match &get("items")?.value {
                json::Value::Array(items) if kind.ends_with("List") => Some(&items[..]),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The values of a JSON stream that kubectl reads object by object (`YAMLOrJSONDecoder`), for
/// a text `json::parse` stopped at data after its first value: when that value is a Kubernetes
/// object (it has a `kind`, as kubectl requires of each), every value of the stream, or the
/// syntax error that stopped it; when it is not (a config file followed by more data, whose
/// first value docker reads), `None`. A stream of anything but objects is not one either.
pub(crate) fn kubernetes_stream(
    body: &str,
) -> Option<Result<Vec<json::Node<'_>>, json::SyntaxError>> {
    let (values, error) = json::parse_stream(body);
    let first = values.first()?.value.as_object()?;
    // The last `kind`, as Go keeps the last of a repeated key.
    first
        .iter()
        .rev()
        .find(|m| m.key == "kind")?
        .value
        .value
        .as_str()?;
    match error {
        Some(e) => Some(Err(e)),
        None => values
            .iter()
            .all(|v| v.value.as_object().is_some())
            .then_some(Ok(values)),
    }
}

fn secret_kind(source: &Source) -> Option<String> {
    matches!(source, Source::Secret { .. }).then(|| "Secret".to_string())
}

/// A single run of base64 characters (line breaks allowed), long enough to hold a config.
pub(crate) fn looks_like_base64(t: &str) -> bool {
    let t = t.trim_end_matches([' ', '\t', '\r', '\n']);
    t.len() >= 8
        && t.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'\r' | b'\n'))
}

/// The `too-large` finding for a text above [`MAX_INPUT`], at its start. (The message does not
/// give the size: the packages hand over only the first 64 MiB and one character of a larger
/// string, so that the crossing itself stays bounded.)
pub(crate) fn too_large() -> Diagnostic {
    Diagnostic::new(
        Code::TooLarge,
        format!(
            "the input is larger than the {} MiB pullsecret reads",
            MAX_INPUT >> 20
        ),
        "",
        Span::new(0, 0),
    )
}

/// A JSON syntax error as a diagnostic.
pub fn syntax_diagnostic(e: json::SyntaxError, span: Span) -> Diagnostic {
    let message = match e.kind {
        json::SyntaxErrorKind::UnexpectedChar('\u{feff}') => {
            return Diagnostic::new(
                Code::Bom,
                "a UTF-8 byte-order mark inside the JSON text",
                "",
                span,
            )
            .with_help("Remove the byte-order mark.")
        }
        json::SyntaxErrorKind::TooDeep => {
            return Diagnostic::new(
                Code::TooDeep,
                format!("JSON {}", e.kind.message()),
                "",
                span,
            )
        }
        k => format!("JSON syntax error: {}", k.message()),
    };
    let d = Diagnostic::new(Code::JsonSyntax, message, "", span).with_severity(Severity::Error);
    if e.kind == json::SyntaxErrorKind::TrailingData {
        d.with_help("Remove what follows the JSON value: only docker ignores it.")
    } else {
        d
    }
}

/// Maps spans in the config text to 1-based positions in the user's text, for results that
/// point at entries (lookup matches, edits).
pub(crate) struct Locator<'i, 't> {
    input: &'i Input<'t>,
    text: Ix<'i, 't>,
    body: Ix<'i, 't>,
    config: Option<LineIndex<'i>>,
}

/// A line index made for one locator, or the one its caller shares among many (every Secret of
/// a manifest stream: an index of the whole text per Secret would make a stream of thousands
/// of Secrets quadratic).
enum Ix<'i, 't> {
    Own(LineIndex<'t>),
    Shared(&'i LineIndex<'t>),
}

impl<'t> std::ops::Deref for Ix<'_, 't> {
    type Target = LineIndex<'t>;
    fn deref(&self) -> &LineIndex<'t> {
        match self {
            Ix::Own(ix) => ix,
            Ix::Shared(ix) => ix,
        }
    }
}

/// The line indexes of a text and of its body (after a BOM; the same index without one).
pub(crate) type TextLines<'i, 't> = (&'i LineIndex<'t>, &'i LineIndex<'t>);

impl<'i, 't> Locator<'i, 't> {
    /// A locator for `input`; with `lines`, the indexes of `input.text` and its body.
    pub(crate) fn new(
        input: &'i Input<'t>,
        config_text: &'i str,
        lines: Option<TextLines<'i, 't>>,
    ) -> Self {
        let (text, body) = match lines {
            Some((t, b)) => (Ix::Shared(t), Ix::Shared(b)),
            None => (
                Ix::Own(LineIndex::new(input.text)),
                Ix::Own(LineIndex::new(input.body())),
            ),
        };
        Locator {
            input,
            text,
            body,
            config: if input.is_identity() {
                None
            } else {
                Some(LineIndex::new(config_text))
            },
        }
    }

    /// Where a config span starts, in the user's text.
    pub(crate) fn position(&self, span: Span) -> Position {
        let (span, _) = self
            .input
            .place_span(span, self.config.as_ref(), &self.body);
        self.text.position(self.input.base + span.start)
    }
}
