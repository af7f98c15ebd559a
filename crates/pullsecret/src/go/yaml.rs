//! YAML text exactly as kubectl prints it.
//!
//! `kubectl -o yaml` goes through `sigs.k8s.io/yaml`: Go `json.Marshal`, then the JSON is read
//! back into generic maps and written by go-yaml v2 (`go.yaml.in/yaml/v2`). So every mapping is
//! sorted, sequences inside mappings are "indentless", and each string's style is decided by two
//! go-yaml rules that we reproduce here:
//!
//! 1. `encode.go` `stringv`: a string that would *resolve* to something other than a string when
//!    written plain (`"123"`, `"true"`, `"y"`, `"null"`, `"2024-01-02"`, `"1:20"`) is double-quoted;
//!    a string with a newline is a literal block (`|`).
//! 2. `emitterc.go` `yaml_emitter_analyze_scalar` / `select_scalar_style`: a plain string that
//!    contains indicators (`: `, ` #`, leading `-`…) becomes single-quoted, and one with
//!    characters go-yaml deems unprintable (tabs, astral-plane characters, …) double-quoted with
//!    escapes. Long quoted or plain strings are folded at column 80.
//!
//! Only what kubectl's objects need is here: mappings, sequences, strings, booleans, null.

/// A YAML node to print. Mapping keys are printed in the order given; callers sort them
/// (go-yaml sorts a generic map's keys as [`sort_keys`] does; `tree::to_yaml` applies it).
#[derive(Clone, Debug, PartialEq)]
pub enum Yaml {
    Str(String),
    Bool(bool),
    /// A number, as its JSON text (printed plain).
    Num(String),
    Null,
    Map(Vec<(String, Yaml)>),
    Seq(Vec<Yaml>),
}

impl Yaml {
    /// A string scalar (not generic, not inlined: one copy for the many built objects).
    #[inline(never)]
    pub fn str(s: &str) -> Yaml {
        Yaml::Str(s.into())
    }

    /// A mapping of strings, in the order given (the fixed parts of built objects).
    pub fn strs(entries: &[(&str, &str)]) -> Yaml {
        Yaml::Map(
            entries
                .iter()
                .map(|(k, v)| (String::from(*k), Yaml::str(v)))
                .collect(),
        )
    }

    /// This mapping with `key: value` appended (building objects entry by entry, out of line:
    /// one copy for every built object).
    #[inline(never)]
    pub fn with(mut self, key: &str, value: Yaml) -> Yaml {
        if let Yaml::Map(m) = &mut self {
            m.push((key.into(), value));
        }
        self
    }

    /// A sequence of one item.
    pub fn one(item: Yaml) -> Yaml {
        Yaml::Seq(std::vec![item])
    }
}

/// Puts a mapping's entries in go-yaml's order for `map[string]interface{}`.
pub(crate) fn sort_keys(entries: &mut [(String, Yaml)]) {
    // The order is found on indices (cheap to move), then the entries are put in it once.
    let mut order: Vec<usize> = (0..entries.len()).collect();
    merge_sort(&mut order, &|a, b| {
        natural_less(&entries[*a].0, &entries[*b].0)
    });
    let sorted: Vec<(String, Yaml)> = order.iter().map(|&i| entries[i].clone()).collect();
    for (slot, e) in entries.iter_mut().zip(sorted) {
        *slot = e;
    }
}

/// A stable merge sort that tolerates a comparison that is not a total order. go-yaml's
/// `keyList.Less` is not one for some keys (runs of digits that overflow, mixes of letters and
/// zeros), and Go's `sort.Sort` does not mind; the standard library's sorts panic when they
/// notice (since Rust 1.81), which would let a pasted ServiceAccount crash the WebAssembly
/// module or the Node process (the fuzzer found it: `fuzz/crashes/link`). For a total order the
/// result is the standard stable sort's; otherwise some permutation, never a panic.
fn merge_sort<T: Copy>(v: &mut [T], less: &dyn Fn(&T, &T) -> std::cmp::Ordering) {
    let n = v.len();
    if n < 2 {
        return;
    }
    let mut buf: Vec<T> = v.to_vec();
    let mut width = 1;
    // Bottom-up: runs of `width` merged from `v` into `buf`, then copied back.
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                if less(&v[j], &v[i]) == std::cmp::Ordering::Less {
                    buf[k] = v[j];
                    j += 1;
                } else {
                    buf[k] = v[i];
                    i += 1;
                }
                k += 1;
            }
            while i < mid {
                buf[k] = v[i];
                i += 1;
                k += 1;
            }
            while j < end {
                buf[k] = v[j];
                j += 1;
                k += 1;
            }
            start = end;
        }
        v.copy_from_slice(&buf);
        width *= 2;
    }
}

/// go-yaml v2 `keyList.Less` for string keys: non-letters sort before letters, runs of digits
/// compare by numeric value, everything else by code point.
fn natural_less(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let less = |x: bool| if x { Ordering::Less } else { Ordering::Greater };
    for i in 0..ar.len().min(br.len()) {
        if ar[i] == br[i] {
            continue;
        }
        let al = ar[i].is_alphabetic();
        let bl = br[i].is_alphabetic();
        if al && bl {
            return ar[i].cmp(&br[i]);
        }
        if al || bl {
            return less(bl);
        }
        let (mut an, mut bn) = (0i64, 0i64);
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && ar[j - 1].is_ascii_digit() {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && ar[ai].is_ascii_digit() {
            an = an.wrapping_mul(10).wrapping_add(ar[ai] as i64 - '0' as i64);
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && br[bi].is_ascii_digit() {
            bn = bn.wrapping_mul(10).wrapping_add(br[bi] as i64 - '0' as i64);
            bi += 1;
        }
        if an != bn {
            return less(an < bn);
        }
        if ai != bi {
            return less(ai < bi);
        }
        return ar[i].cmp(&br[i]);
    }
    ar.len().cmp(&br.len())
}

/// Prints a document the way `sigs.k8s.io/yaml.Marshal` does (always ends with a newline).
pub fn to_string(doc: &Yaml) -> String {
    let mut e = Emitter {
        out: String::with_capacity(256),
        column: 0,
        whitespace: true,
        indention: true,
    };
    match doc {
        Yaml::Map(m) if !m.is_empty() => e.block_map(m, 0, false),
        Yaml::Seq(s) if !s.is_empty() => e.block_seq(s, 0),
        other => {
            e.node_inline(other, 0, false);
        }
    }
    if !e.out.ends_with('\n') {
        e.out.push('\n');
    }
    e.out
}

const BEST_WIDTH: usize = 80;
const BEST_INDENT: usize = 2;

struct Emitter {
    out: String,
    column: usize,
    whitespace: bool,
    indention: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

impl Emitter {
    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    fn write_indent(&mut self, indent: usize) {
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn indicator(
        &mut self,
        s: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for c in s.chars() {
            self.put(c);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    /// Block mapping whose keys start at `indent`. `inline_first`: the first key continues the
    /// current line (mapping inside a sequence item).
    fn block_map(&mut self, m: &[(String, Yaml)], indent: usize, inline_first: bool) {
        for (i, (k, v)) in m.iter().enumerate() {
            if !(inline_first && i == 0) {
                self.write_indent(indent);
            }
            self.scalar(k, indent, true);
            self.indicator(":", false, false, false);
            match v {
                Yaml::Map(inner) if !inner.is_empty() => {
                    self.block_map(inner, indent + BEST_INDENT, false)
                }
                // go-yaml writes sequences in a mapping "indentless": "- " at the key's column.
                Yaml::Seq(items) if !items.is_empty() => self.block_seq(items, indent),
                other => self.node_inline(other, indent, false),
            }
        }
    }

    fn block_seq(&mut self, items: &[Yaml], indent: usize) {
        for item in items {
            self.write_indent(indent);
            self.indicator("-", true, false, true);
            match item {
                Yaml::Map(inner) if !inner.is_empty() => {
                    self.put(' ');
                    self.whitespace = true;
                    self.block_map(inner, indent + BEST_INDENT, true)
                }
                Yaml::Seq(inner) if !inner.is_empty() => {
                    self.block_seq(inner, indent + BEST_INDENT)
                }
                other => self.node_inline(other, indent, false),
            }
        }
    }

    /// A scalar or empty collection after `key:` or `-`, in a block at `indent`.
    fn node_inline(&mut self, v: &Yaml, indent: usize, key: bool) {
        match v {
            Yaml::Str(s) => self.scalar(s, indent, key),
            Yaml::Bool(b) => self.write_plain(
                if *b { "true" } else { "false" },
                indent + BEST_INDENT,
                false,
            ),
            Yaml::Num(n) => self.write_plain(n, indent + BEST_INDENT, false),
            Yaml::Null => self.write_plain("null", indent + BEST_INDENT, false),
            Yaml::Map(_) => self.indicator("{}", true, false, false),
            Yaml::Seq(_) => self.indicator("[]", true, false, false),
        }
    }

    /// A string scalar; `indent` is the enclosing block's indent (the scalar's own indent, used
    /// for folding, is one step more, as go-yaml's `increase_indent(flow=true)`).
    fn scalar(&mut self, s: &str, indent: usize, simple_key: bool) {
        let style = select_style(s, simple_key);
        let ind = indent + BEST_INDENT;
        match style {
            Style::Plain => self.write_plain(s, ind, !simple_key),
            Style::Single => self.write_single(s, ind, !simple_key),
            Style::Double => self.write_double(s, ind, !simple_key),
            Style::Literal => self.write_literal(s, ind),
        }
    }

    fn write_plain(&mut self, s: &str, indent: usize, allow_breaks: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent(indent);
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
            i += 1;
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_single(&mut self, s: &str, indent: usize, allow_breaks: bool) {
        self.indicator("'", true, false, false);
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        let mut breaks = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i + 1 < chars.len()
                    && chars[i + 1] != ' '
                {
                    self.write_indent(indent);
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                // Only U+2028/U+2029 get here (`\n` makes a literal block, `\r` and NEL force
                // double quotes): go-yaml writes the character raw and counts it as a new line, so
                // the text after it is indented (`write_break`, then `write_indent`).
                if c == '\n' && !breaks {
                    self.put_break();
                }
                if c == '\n' {
                    self.put_break();
                } else {
                    self.out.push(c);
                    self.column = 0;
                }
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent(indent);
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.indicator("'", false, false, false);
    }

    fn write_double(&mut self, s: &str, indent: usize, allow_breaks: bool) {
        self.indicator("\"", true, false, false);
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        // go-yaml's `is_bom(value, i)` looks at the start of the value, not at `i`: a value that
        // starts with U+FEFF has every character escaped (`"\uFEFF\x62\x6F\x6D"`), as kubectl prints.
        let bom = s.starts_with('\u{FEFF}');
        for (i, &c) in chars.iter().enumerate() {
            if bom || !is_printable(c) || c == '\u{FEFF}' || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                let short = match c {
                    '\0' => Some('0'),
                    '\u{7}' => Some('a'),
                    '\u{8}' => Some('b'),
                    '\t' => Some('t'),
                    '\n' => Some('n'),
                    '\u{b}' => Some('v'),
                    '\u{c}' => Some('f'),
                    '\r' => Some('r'),
                    '\u{1b}' => Some('e'),
                    '"' => Some('"'),
                    '\\' => Some('\\'),
                    '\u{85}' => Some('N'),
                    '\u{a0}' => Some('_'),
                    '\u{2028}' => Some('L'),
                    '\u{2029}' => Some('P'),
                    _ => None,
                };
                match short {
                    Some(e) => self.put(e),
                    None => {
                        let v = c as u32;
                        let (p, w) = if v <= 0xFF {
                            ('x', 2)
                        } else if v <= 0xFFFF {
                            ('u', 4)
                        } else {
                            ('U', 8)
                        };
                        self.put(p);
                        for k in (0..w).rev() {
                            let d = (v >> (4 * k)) & 15;
                            self.put(char::from(b"0123456789ABCDEF"[d as usize]));
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i + 1 < chars.len()
                {
                    self.write_indent(indent);
                    if chars[i + 1] == ' ' {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.indicator("\"", false, false, false);
    }

    fn write_literal(&mut self, s: &str, indent: usize) {
        self.indicator("|", true, false, false);
        let chars: Vec<char> = s.chars().collect();
        if chars.first().is_some_and(|&c| c == ' ' || is_break(c)) {
            self.indicator(&BEST_INDENT.to_string(), false, false, false);
        }
        let chomp = match chars.len() {
            0 => Some("-"),
            n if !is_break(chars[n - 1]) => Some("-"),
            1 => Some("+"),
            n if is_break(chars[n - 2]) => Some("+"),
            _ => None,
        };
        if let Some(c) = chomp {
            self.indicator(c, false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for &c in &chars {
            if is_break(c) {
                self.put_break();
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent(indent);
                    breaks = false;
                }
                self.put(c);
                self.indention = false;
            }
        }
        // The literal ends its line: whatever follows starts on a new one.
        self.whitespace = true;
        self.indention = true;
    }
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// go-yaml's `is_printable` (on the UTF-8 encoding): note that tab and every character outside
/// the Basic Multilingual Plane count as unprintable.
fn is_printable(c: char) -> bool {
    let v = c as u32;
    v == 0x0A
        || (0x20..=0x7E).contains(&v)
        || (0xA0..=0xD7FF).contains(&v)
        || ((0xE000..=0xFFFD).contains(&v) && v != 0xFEFF)
}

#[derive(Default)]
struct Analysis {
    multiline: bool,
    flow_plain_allowed: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

/// `yaml_emitter_analyze_scalar`.
fn analyze(s: &str) -> Analysis {
    if s.is_empty() {
        return Analysis {
            multiline: false,
            flow_plain_allowed: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let (mut block_ind, mut flow_ind) = (false, false);
    if s.starts_with("---") || s.starts_with("...") {
        block_ind = true;
        flow_ind = true;
    }
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break, mut prev_space, mut prev_break) =
        (false, false, false, false);
    let mut preceded_by_ws = true;
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    for i in 0..n {
        let c = chars[i];
        let followed_by_ws = i + 1 >= n || chars[i + 1] == ' ' || chars[i + 1] == '\t';
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => {
                    flow_ind = true;
                    block_ind = true;
                }
                '?' | ':' => {
                    flow_ind = true;
                    if followed_by_ws {
                        block_ind = true;
                    }
                }
                '-' if followed_by_ws => {
                    flow_ind = true;
                    block_ind = true;
                }
                _ => {}
            }
        } else {
            match c {
                ',' | '?' | '[' | ']' | '{' | '}' => flow_ind = true,
                ':' => {
                    flow_ind = true;
                    if followed_by_ws {
                        block_ind = true;
                    }
                }
                '#' if preceded_by_ws => {
                    flow_ind = true;
                    block_ind = true;
                }
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + 1 == n {
                trailing_space = true;
            }
            if prev_break {
                break_space = true;
            }
            prev_space = true;
            prev_break = false;
        } else if is_break(c) {
            line_breaks = true;
            if i == 0 {
                leading_break = true;
            }
            if i + 1 == n {
                trailing_break = true;
            }
            if prev_space {
                space_break = true;
            }
            prev_space = false;
            prev_break = true;
        } else {
            prev_space = false;
            prev_break = false;
        }
        preceded_by_ws = c == ' ' || c == '\t' || is_break(c);
    }
    let mut a = Analysis {
        multiline: line_breaks,
        flow_plain_allowed: true,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a = Analysis {
            multiline: a.multiline,
            ..Analysis::default()
        };
    }
    if line_breaks {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
    }
    if flow_ind {
        a.flow_plain_allowed = false;
    }
    if block_ind {
        a.block_plain_allowed = false;
    }
    a
}

/// `encode.go` `stringv` followed by `yaml_emitter_select_scalar_style` (block context).
fn select_style(s: &str, simple_key: bool) -> Style {
    let can_use_plain = resolves_to_str(s) && !is_base60_float(s);
    let mut style = if s.contains('\n') {
        Style::Literal
    } else if can_use_plain {
        Style::Plain
    } else {
        Style::Double
    };
    let a = analyze(s);
    if simple_key && a.multiline {
        style = Style::Double;
    }
    if style == Style::Plain && (!a.block_plain_allowed || (s.is_empty() && simple_key)) {
        style = Style::Single;
    }
    if style == Style::Single && !a.single_quoted_allowed {
        style = Style::Double;
    }
    if style == Style::Literal && (!a.block_allowed || simple_key) {
        style = Style::Double;
    }
    style
}

/// go-yaml v2's `resolve_map`: the 11 true and 11 false spellings of YAML 1.1, then null,
/// NaN and the infinities.
const RESOLVE_MAP: &[&str] = &[
    "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no", "No",
    "NO", "false", "False", "FALSE", "off", "Off", "OFF", "~", "null", "Null", "NULL", ".nan",
    ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
];

/// The boolean a plain scalar resolves to in go-yaml v2 (`yes`, `On`, `n`, `FALSE`, …).
pub fn resolves_to_bool(s: &str) -> Option<bool> {
    let i = RESOLVE_MAP.iter().position(|m| *m == s)?;
    (i < 22).then_some(i < 11)
}

/// go-yaml v2 `resolve("", s)` returns `!!str`.
pub fn resolves_to_str(s: &str) -> bool {
    let hint = match s.as_bytes().first() {
        None => return false, // "" resolves to null
        Some(b'+' | b'-') => 'S',
        Some(b'0'..=b'9') => 'D',
        Some(b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~') => 'M',
        Some(b'.') => '.',
        Some(_) => return true,
    };
    if RESOLVE_MAP.contains(&s) {
        return false;
    }
    match hint {
        'M' => true,
        '.' => !go_parse_float_ok(s),
        _ => {
            if hint == 'D' && is_timestamp(s) {
                return false;
            }
            let plain: String = s.chars().filter(|&c| c != '_').collect();
            if go_parse_int_ok(&plain) || is_yaml_style_float(&plain) && go_parse_float_ok(&plain) {
                return false;
            }
            if let Some(rest) = plain
                .strip_prefix("0b")
                .or_else(|| plain.strip_prefix("-0b"))
            {
                if !rest.is_empty()
                    && rest.bytes().all(|b| b == b'0' || b == b'1')
                    && fits_u64(rest, 2)
                {
                    return false;
                }
            }
            true
        }
    }
}

fn fits_u64(digits: &str, radix: u32) -> bool {
    let mut v: u64 = 0;
    for c in digits.chars() {
        let Some(d) = c.to_digit(radix) else {
            return false;
        };
        match v
            .checked_mul(radix as u64)
            .and_then(|x| x.checked_add(d as u64))
        {
            Some(x) => v = x,
            None => return false,
        }
    }
    true
}

/// `strconv.ParseInt(s, 0, 64)` succeeds, or `strconv.ParseUint(s, 0, 64)` does.
fn go_parse_int_ok(s: &str) -> bool {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let (radix, digits) =
        if let Some(r) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, r)
        } else if let Some(r) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
            (8, r)
        } else if let Some(r) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
            (2, r)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..])
        } else {
            (10, body)
        };
    if digits.is_empty() || !fits_u64(digits, radix) {
        return false;
    }
    // value fits u64; ParseInt needs ≤ i64::MAX (or ≤ 2^63 when negative); ParseUint takes any
    // u64 but no sign.
    let mut v: u128 = 0;
    for c in digits.chars() {
        v = v * radix as u128 + c.to_digit(radix).unwrap_or(0) as u128;
    }
    if neg {
        v <= 1u128 << 63
    } else {
        v <= i64::MAX as u128 || !s.starts_with('+')
    }
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let st = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - st
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// `strconv.ParseFloat(s, 64)` succeeds (decimal forms only; the callers exclude the rest).
fn go_parse_float_ok(s: &str) -> bool {
    if !is_yaml_style_float(s) {
        return false;
    }
    !float_overflows(s)
}

/// The digits of 2^1024 − 2^970, the smallest decimal that `ParseFloat` rounds to infinity
/// (halfway between `f64::MAX` and 2^1024; ties go to the even neighbour, 2^1024). It has 309
/// integer digits. Comparing against it avoids linking the float parser and its tables into the
/// wasm package just to learn whether a number overflows.
const F64_OVERFLOW: &[u8] = b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Whether a decimal float (already matched by `is_yaml_style_float`) is out of `f64` range.
fn float_overflows(s: &str) -> bool {
    let s = s.trim_start_matches(['-', '+']);
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // value = 0.DIGITS × 10^magnitude, DIGITS without leading zeros.
    let digits: Vec<u8> = int
        .bytes()
        .chain(frac.bytes())
        .skip_while(|&b| b == b'0')
        .collect();
    if digits.is_empty() {
        return false;
    }
    let leading_zeros = (int.len() + frac.len() - digits.len()) as i64;
    let (neg, exp_digits) = match exp.as_bytes().first() {
        Some(b'-') => (true, &exp[1..]),
        Some(b'+') => (false, &exp[1..]),
        _ => (false, exp),
    };
    let e = exp_digits.bytes().fold(0i64, |n, d| {
        n.saturating_mul(10).saturating_add((d - b'0') as i64)
    });
    let magnitude = (int.len() as i64 - leading_zeros).saturating_add(if neg { -e } else { e });
    match magnitude.cmp(&309) {
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => {
            let digits = &digits[..digits.iter().rposition(|&d| d != b'0').map_or(0, |i| i + 1)];
            // Compare 0.digits with 0.F64_OVERFLOW (shorter side padded with zeros).
            let n = digits.len().max(F64_OVERFLOW.len());
            let at = |v: &[u8], i: usize| v.get(i).copied().unwrap_or(b'0');
            (0..n)
                .map(|i| at(digits, i).cmp(&at(F64_OVERFLOW, i)))
                .find(|o| o.is_ne())
                != Some(std::cmp::Ordering::Less)
        }
    }
}

/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    if !b.get(i).is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        i += 1;
        let st = i;
        while i < b.len() && b[i].is_ascii_digit() && i - st < 2 {
            i += 1;
        }
        let n = i - st;
        if n == 0 || (n == 2 && b[st] > b'5') {
            return false;
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// go-yaml v2 `parseTimestamp`: Go `time.Parse` with the layouts `2006-1-2T15:4:5.999999999Z07:00`
/// (also with `t`), `2006-1-2 15:4:5.999999999` and `2006-1-2`.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let year: u32 = s[..4].parse().unwrap_or(0);
    let mut i = 5;
    let num = |i: &mut usize| -> Option<u32> {
        let st = *i;
        while *i < b.len() && b[*i].is_ascii_digit() && *i - st < 2 {
            *i += 1;
        }
        if *i == st {
            None
        } else {
            s[st..*i].parse().ok()
        }
    };
    let Some(month) = num(&mut i) else {
        return false;
    };
    if b.get(i) != Some(&b'-') {
        return false;
    }
    i += 1;
    let Some(day) = num(&mut i) else { return false };
    if !(1..=12).contains(&month) {
        return false;
    }
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let dim = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month as usize - 1];
    if day < 1 || day > dim {
        return false;
    }
    if i == b.len() {
        return true;
    }
    let with_zone = match b[i] {
        b'T' | b't' => true,
        b' ' => false,
        _ => return false,
    };
    i += 1;
    let time = |i: &mut usize| -> bool {
        let Some(h) = num(i) else { return false };
        if b.get(*i) != Some(&b':') {
            return false;
        }
        *i += 1;
        let Some(m) = num(i) else { return false };
        if b.get(*i) != Some(&b':') {
            return false;
        }
        *i += 1;
        let Some(sec) = num(i) else { return false };
        if h > 23 || m > 59 || sec > 59 {
            return false;
        }
        if matches!(b.get(*i), Some(b'.' | b',')) && b.get(*i + 1).is_some_and(u8::is_ascii_digit) {
            *i += 1;
            while *i < b.len() && b[*i].is_ascii_digit() {
                *i += 1;
            }
        }
        true
    };
    if !time(&mut i) {
        return false;
    }
    if !with_zone {
        return i == b.len();
    }
    match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            let z = &b[i..];
            z.len() == 6
                && z[1].is_ascii_digit()
                && z[2].is_ascii_digit()
                && z[3] == b':'
                && z[4].is_ascii_digit()
                && z[5].is_ascii_digit()
                && (z[1] - b'0') * 10 + (z[2] - b'0') <= 24
                && (z[4] - b'0') * 10 + (z[5] - b'0') <= 60
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn keys_sort_without_a_total_order_and_without_a_panic() {
        // go-yaml's Less is not a total order for these (the fuzzer's fuzz/crashes/link): the
        // standard sorts panic on them; this one gives some order.
        let keys = [
            "m",
            "4",
            ".",
            "-0",
            ".10",
            ".4c",
            "::",
            ".\u{85}",
            "",
            "-",
            ".0",
            ".00",
            ":",
            "metadata",
            "0",
            "-e",
            "00",
            "0m",
            ".400000000000000000000000000000000000000000000",
        ];
        let mut entries: Vec<(String, Yaml)> =
            keys.iter().map(|k| (k.to_string(), Yaml::Null)).collect();
        for _ in 0..3 {
            sort_keys(&mut entries);
            entries.rotate_left(5);
        }
        assert_eq!(entries.len(), keys.len());
        // A total order: the standard stable sort's result.
        let ordered = ["b10", "a2", "a10", "a", "1", "_x", "B"];
        let mut ours: Vec<(String, Yaml)> = ordered
            .iter()
            .map(|k| (k.to_string(), Yaml::Null))
            .collect();
        let mut std_sorted = ours.clone();
        std_sorted.sort_by(|a, b| natural_less(&a.0, &b.0));
        sort_keys(&mut ours);
        assert_eq!(ours, std_sorted);
    }
    #[test]
    fn float_overflow_matches_the_float_parser() {
        let cases = [
            "1.7976931348623157e308", "1.7976931348623158e308", "1.797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070963302864166928879109465555478519404026306574886715058206819089020007083836762738548458177115317644757302700698555713669596228429148198608349364752927190741684443655107043427115596995080930428801779041744977919e308",
            "1.797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070963302864166928879109465555478519404026306574886715058206819089020007083836762738548458177115317644757302700698555713669596228429148198608349364752927190741684443655107043427115596995080930428801779041744977920e308",
            "1.8e308", "0.00018e312", "18e307", "1e309", "1e308", "-1e309", "+.5e309", "0.0e99999", "000.000", "1e-400", "1e99999999999999999999", "123.", ".1", "17976931348623159e292", "0017976931348623159000e+287",
        ];
        for c in cases {
            let want = !c.parse::<f64>().unwrap().is_finite();
            assert_eq!(float_overflows(c), want, "{c}");
        }
    }

    use super::*;
    use std::vec;

    fn one(v: &str) -> String {
        to_string(&Yaml::Map(vec![("k".into(), Yaml::str(v))]))
    }

    #[test]
    fn quotes_what_resolves_to_other_types() {
        for s in [
            "123",
            "true",
            "y",
            "NO",
            "null",
            "~",
            "",
            "1e3",
            ".5",
            "0x1F",
            "0o17",
            "017",
            "-0b101",
            "2024-01-02",
            "1:20",
            "+12",
            "-.inf",
        ] {
            assert!(one(s).starts_with("k: \""), "{s} -> {}", one(s));
        }
        for s in [
            "foo",
            "0x",
            "1.2.3",
            "2024-13-01",
            "1_000x",
            "abc123",
            ".",
            "0xFFFFFFFFFFFFFFFFFF",
            "yess",
            "2024-1-2x",
        ] {
            assert_eq!(one(s), std::format!("k: {s}\n"), "{s}");
        }
    }

    #[test]
    fn indicators_pick_single_then_double_quotes() {
        assert_eq!(one("a: b"), "k: 'a: b'\n");
        assert_eq!(one("a #b"), "k: 'a #b'\n");
        assert_eq!(one("a#b"), "k: a#b\n");
        assert_eq!(one("-a"), "k: -a\n");
        assert_eq!(one("-"), "k: '-'\n");
        assert_eq!(one("- a"), "k: '- a'\n");
        assert_eq!(one(" a"), "k: ' a'\n");
        assert_eq!(one("it's: x"), "k: 'it''s: x'\n");
        assert_eq!(one("a\tb"), "k: \"a\\tb\"\n");
        assert_eq!(one("😀"), "k: \"\\U0001F600\"\n");
        assert_eq!(one("é"), "k: é\n");
        assert_eq!(one("a\nb"), "k: |-\n  a\n  b\n");
        assert_eq!(one("a\nb\n"), "k: |\n  a\n  b\n");
        assert_eq!(one("a \nb"), "k: \"a \\nb\"\n");
    }

    #[test]
    fn folds_long_text_at_width_80() {
        let long = "word ".repeat(30);
        let long = long.trim_end();
        let out = one(long);
        assert!(out.lines().count() > 1);
        assert!(out.lines().nth(1).unwrap().starts_with("  word"));
    }

    #[test]
    fn nested_layout() {
        let doc = Yaml::Map(vec![
            (
                "a".into(),
                Yaml::Map(vec![
                    ("b".into(), Yaml::str("c")),
                    ("e".into(), Yaml::Map(vec![])),
                ]),
            ),
            (
                "l".into(),
                Yaml::Seq(vec![
                    Yaml::Map(vec![
                        ("p".into(), Yaml::str("x")),
                        ("m".into(), Yaml::str("n")),
                    ]),
                    Yaml::str("z"),
                ]),
            ),
            ("t".into(), Yaml::Null),
        ]);
        assert_eq!(
            to_string(&doc),
            "a:\n  b: c\n  e: {}\nl:\n- p: x\n  m: \"n\"\n- z\nt: null\n"
        );
    }
}
