//! Generates `npm/types.d.ts`, the TypeScript declarations of every value that crosses the
//! JavaScript boundary, from the Rust types themselves, so the packages' types cannot drift from
//! what the core (de)serialises. Fails when the committed file is not current; to rewrite it:
//!
//! ```sh
//! PULLSECRET_WRITE_TYPES=1 cargo test -p pullsecret --features ts --test types
//! ```
//!
//! - The data types come from `ts-rs` (`#[cfg_attr(feature = "ts", derive(ts_rs::TS))]` beside
//!   the serde derives): it reads the serde attributes (`rename_all`, `skip_serializing_if`,
//!   `default`, …) and turns doc comments into TSDoc. Starting from the option and result types
//!   of the binding functions ([`ROOTS`]), every type they mention is declared, once.
//! - The diagnostic codes (`Code`) come from the catalogue (`Code::ALL`, `as_str`, `summary`),
//!   and the error codes (`ErrorCode`) from it plus the operation-only codes.
//! - ts-rs writes each declaration on one line; [`pretty`] lays object types out one field per
//!   line, so the file reads like hand-written declarations.
//!
//! Who uses the file: the wasm crate includes it in wasm-bindgen's `.d.ts`
//! (`typescript_custom_section`), `napi build` puts it at the top of the node package's `napi.d.ts`
//! (its `dtsHeaderFile`), and `tests/types/check.sh` type-checks consumers against both.

use pullsecret::*;
use std::any::TypeId;
use std::collections::{HashMap, HashSet};
use ts_rs::{Config, TypeVisitor, TS};

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../npm/types.d.ts");

/// The option and result types of the binding functions; the types they mention follow.
/// A new binding function's types go here (or `tests/types/check.sh` fails on an unknown name).
macro_rules! roots {
    ($($t:ty),* $(,)?) => {
        fn declare_roots(c: &mut Collect) {
            $(declare::<$t>(c);)*
        }
    };
}
roots!(
    // validate, parse
    ValidateOptions,
    Report,
    Document,
    // create, toSecret, lookup, convert
    CreateOptions,
    SecretOptions,
    LookupOptions,
    Lookup,
    ConvertOptions,
    Converted,
    // add, remove, merge
    AddOptions,
    RemoveOptions,
    Edited,
    MergeOptions,
    Merged,
    // link, grantPull, podSnippet/workflowSnippet, delegatedAuth, globalPullSecret
    LinkOptions,
    LinkResult,
    GrantOptions,
    GrantResult,
    WorkloadOptions,
    DelegatedAuthOptions,
    DelegatedAuthResult,
    GlobalPullSecretOptions,
    GlobalPullSecretResult,
    // explain
    ExplainOptions,
    Explanation,
    FixOptions,
    Fixed,
    AppliedFix,
    // verify, verifyCommand
    VerifyOptions,
    VerifyReport,
    VerifyCommandOptions,
);

/// The codes only an operation raises; every diagnostic code is an error code too.
fn operation_codes() -> Vec<&'static str> {
    ErrorCode::OPERATION.iter().map(|c| c.as_str()).collect()
}

/// Declarations of the roots and of every type they depend on: each type, then the ones it
/// mentions that are not declared yet, by name (ts-rs visits dependencies in no stable order).
struct Collect {
    cfg: Config,
    seen: HashSet<TypeId>,
    /// TypeScript name → declaration: a generic type is declared once for all its uses, and
    /// two Rust types with one TypeScript name are an error.
    names: HashMap<String, String>,
    out: Vec<String>,
}

fn declare<T: TS + 'static + ?Sized>(c: &mut Collect) {
    if !c.seen.insert(TypeId::of::<T>()) {
        return;
    }
    let decl = T::decl(&c.cfg);
    let name = T::ident(&c.cfg);
    match c.names.get(&name) {
        Some(seen) if *seen == decl => {}
        Some(_) => panic!("two Rust types are named {name} in TypeScript"),
        None => {
            c.names.insert(name, decl.clone());
            let docs = T::docs().map(|d| tsdoc(&d, "")).unwrap_or_default();
            c.out.push(format!("{docs}export {}\n", pretty(&decl)));
        }
    }
    let mut mentioned = Mentioned(&c.cfg, Vec::new());
    T::visit_dependencies(&mut mentioned);
    let mut mentioned = mentioned.1;
    mentioned.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, declare) in mentioned {
        declare(c);
    }
}

/// How to declare one type.
type Declare = fn(&mut Collect);

/// The declarable types one type mentions, with how to declare each.
struct Mentioned<'a>(&'a Config, Vec<(String, Declare)>);

impl TypeVisitor for Mentioned<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_none() {
            // A built-in (Vec, Option, HashMap, …): what it is generic over.
            T::visit_generics(self);
            return;
        }
        self.1.push((T::ident(self.0), declare::<T>));
    }
}

fn generate() -> String {
    let mut out = String::from(
        "// Generated from the Rust types of crates/pullsecret by crates/pullsecret/tests/types.rs: do not\n\
         // edit (PULLSECRET_WRITE_TYPES=1 cargo test -p pullsecret --features ts --test types rewrites it;\n\
         // the test fails when it is stale). The values the functions of @pullsecret/wasm and\n\
         // @pullsecret/node take and return.\n\n",
    );

    out.push_str("/** Every diagnostic pullsecret can emit (docs/diagnostics.md). The string form is stable API. */\n");
    out.push_str("export type Code =\n");
    for c in Code::ALL {
        out.push_str(&format!("  /** {} */\n  | '{}'\n", c.summary(), c.as_str()));
    }
    out.truncate(out.len() - 1);
    out.push_str(";\n\n");

    out.push_str("/** What `PullSecretError.code` holds: every diagnostic code, plus the ones only an operation raises. */\n");
    out.push_str("export type ErrorCode = Code");
    for c in operation_codes() {
        out.push_str(&format!(" | '{c}'"));
    }
    out.push_str(";\n\n");

    // The object `readPullSecret` returns (a class of each binding, declared once here so both
    // packages give it the same type).
    out.push_str(
        "/** A config read once (`readPullSecret`): look up many images without parsing it again. */\n\
         export interface PullSecret {\n\
         \x20 /** What `lookup(config, image, options)` returns for this config: the same result, or the same error thrown. */\n\
         \x20 lookup(image: string, options: LookupOptions): Lookup;\n\
         }\n",
    );

    let mut c = Collect {
        cfg: Config::new().with_large_int("number"),
        seen: HashSet::new(),
        names: HashMap::new(),
        out: Vec::new(),
    };
    declare_roots(&mut c);
    for decl in c.out {
        out.push('\n');
        out.push_str(&decl);
    }
    out
}

#[test]
fn types_d_ts_is_current() {
    let generated = generate();
    if std::env::var_os("PULLSECRET_WRITE_TYPES").is_some() {
        std::fs::write(FILE, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(FILE).unwrap_or_default();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(committed.lines().count().min(generated.lines().count()));
        panic!(
            "npm/types.d.ts is not current (first difference at line {}): run\n  \
             PULLSECRET_WRITE_TYPES=1 cargo test -p pullsecret --features ts --test types",
            line + 1
        );
    }
}

// ---- layout ----

/// A doc block (`/**\n * a\n * b\n */\n` as ts-rs writes it, or `/** a */`) as TSDoc indented
/// by `indent`: one line when the text is one line. Rust intra-doc links become code spans with
/// the JavaScript name ([`to_secret`](crate::emit::secret::to_secret) → `toSecret`).
fn tsdoc(block: &str, indent: &str) -> String {
    let block = block.trim();
    let block = block.strip_prefix("/**").unwrap_or(block);
    let block = block.strip_suffix("*/").unwrap_or(block);
    let text = js_links(block);
    let mut lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .map(|l| {
            let l = l.strip_prefix('*').unwrap_or(l);
            l.strip_prefix(' ').unwrap_or(l)
        })
        .collect();
    while lines.first().is_some_and(|l| l.is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    match lines.as_slice() {
        [] => String::new(),
        [one] => format!("{indent}/** {one} */\n"),
        many => {
            let mut s = format!("{indent}/**\n");
            for l in many {
                if l.is_empty() {
                    s.push_str(&format!("{indent} *\n"));
                } else {
                    s.push_str(&format!("{indent} * {l}\n"));
                }
            }
            s.push_str(&format!("{indent} */\n"));
            s
        }
    }
}

/// `` [`name`] `` and `` [`name`](path) `` → `` `name` ``, a snake_case name in camelCase (the
/// binding functions' JavaScript names).
fn js_links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("[`") {
        let Some(len) = rest[start + 2..].find("`]") else {
            break;
        };
        out.push_str(&rest[..start]);
        let name = &rest[start + 2..start + 2 + len];
        let name = name.rsplit("::").next().unwrap_or(name);
        let mut camel = String::new();
        let mut upper = false;
        for ch in name.chars() {
            match ch {
                '_' => upper = true,
                c if upper => {
                    camel.extend(c.to_uppercase());
                    upper = false;
                }
                c => camel.push(c),
            }
        }
        out.push_str(&format!("`{camel}`"));
        rest = &rest[start + 2 + len + 2..];
        // Drop a link target: `(crate::…)`.
        if rest.starts_with('(') {
            if let Some(end) = rest.find(')') {
                rest = &rest[end + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `type X = { a: T, b: U, };` → one field per line (`;`-terminated, docs above their field).
/// Object types nested in a field stay on one line unless a field of theirs has docs.
fn pretty(decl: &str) -> String {
    let mut out = String::new();
    layout(decl, "", &mut out);
    out
}

/// Copies `s`, laying out every top-level `{ … }` (see [`pretty`]).
fn layout(s: &str, indent: &str, out: &mut String) {
    let mut rest = s;
    while let Some(open) = find_top(rest, '{') {
        out.push_str(&rest[..open]);
        let close = matching(rest, open);
        object(&rest[open + 1..close], indent, out);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
}

/// The fields of one object type, without its braces.
fn object(body: &str, indent: &str, out: &mut String) {
    let fields: Vec<&str> = split_top(body, ',')
        .into_iter()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    let has_docs = fields.iter().any(|f| f.starts_with("/**"));
    if !has_docs && indent.len() >= 2 || fields.is_empty() {
        // Nested and undocumented: one line.
        out.push_str("{ ");
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            layout(f, indent, out);
        }
        out.push_str(if fields.is_empty() { "}" } else { " }" });
        return;
    }
    let inner = format!("{indent}  ");
    out.push_str("{\n");
    for f in fields {
        let (docs, field) = match f.strip_prefix("/**") {
            Some(after) => {
                let end = after.find("*/").unwrap() + 2;
                (tsdoc(&f[..end + 3], &inner), after[end..].trim())
            }
            None => (String::new(), f),
        };
        out.push_str(&docs);
        out.push_str(&inner);
        layout(field, &inner, out);
        out.push_str(";\n");
    }
    out.push_str(indent);
    out.push('}');
}

/// Byte offsets of `c` outside brackets, strings and comments.
fn top_level(s: &str, c: char) -> Vec<usize> {
    let mut depth = 0i32;
    let mut found = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        match ch {
            '"' | '\'' => {
                while let Some((_, d)) = chars.next() {
                    if d == '\\' {
                        chars.next();
                    } else if d == ch {
                        break;
                    }
                }
            }
            '/' if s[i..].starts_with("/**") => {
                let end = i + s[i..].find("*/").unwrap() + 2;
                while chars.peek().is_some_and(|(j, _)| *j < end) {
                    chars.next();
                }
            }
            _ if ch == c && depth == 0 => found.push(i),
            '{' | '[' | '(' | '<' => depth += 1,
            '}' | ']' | ')' | '>' if !s[..i].ends_with('=') => depth -= 1,
            _ => {}
        }
    }
    found
}

fn find_top(s: &str, c: char) -> Option<usize> {
    top_level(s, c).first().copied()
}

/// The `}` closing the `{` at `open`.
fn matching(s: &str, open: usize) -> usize {
    open + 1 + find_top(&s[open + 1..], '}').expect("unbalanced braces in a ts-rs declaration")
}

fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for i in top_level(s, sep) {
        parts.push(&s[start..i]);
        start = i + sep.len_utf8();
    }
    parts.push(&s[start..]);
    parts
}

#[test]
fn pretty_lays_out_fields() {
    // As ts-rs writes them.
    let decl =
        "type Diag = { \n/**\n * The code.\n */\ncode: string, severity: Sev, inner?: Inner, \
                map: { [key in string]: string }, at: { line: number, column: number, }, \
                f: (a: number) => { x: string, }, };";
    assert_eq!(
        pretty(decl),
        "type Diag = {\n  /** The code. */\n  code: string;\n  severity: Sev;\n  inner?: Inner;\n  \
         map: { [key in string]: string };\n  at: { line: number; column: number };\n  \
         f: (a: number) => { x: string };\n};"
    );
    let union = "type Source = { \"kind\": \"file\" } | { \"kind\": \"secret\", name: string, };";
    assert_eq!(
        pretty(union),
        "type Source = {\n  \"kind\": \"file\";\n} | {\n  \"kind\": \"secret\";\n  name: string;\n};"
    );
    assert_eq!(
        pretty("type Sev = \"error\" | \"fails-all\";"),
        "type Sev = \"error\" | \"fails-all\";"
    );
}
