//! The YAML event parser of `saphyr-parser`, over a `&str`, as a concrete type.
//!
//! Why it exists: `saphyr-parser`'s scanner is generic over its input, so its code is compiled
//! in the crate that iterates a `Parser` — the core, which `@pullsecret/wasm` builds for size
//! (`opt-level = "z"`). There the scanner's per-character helpers (`Chars::next`,
//! `StrInput::peek`) stay out of line and a long scalar reads about four times slower than
//! with the scanner optimised for speed (the 6.3 MB base64 of a 32,000-entry config as one YAML
//! value: 250 ms against 58 ms). [`Events::next`] is not generic and not inlined, so the scanner
//! is instantiated here, and the `wasm` profile builds this crate alone at `opt-level = 3`
//! (`Cargo.toml`), for about 15 KiB gzip. See `docs/dev/size.md` and `docs/dev/benchmarks.md`.
//!
//! May use: `saphyr-parser` only. Nothing else belongs here.
#![no_std]

pub use saphyr_parser::{Event, Marker, ScalarStyle, ScanError, Span};
use saphyr_parser::{Parser, StrInput};

/// The events of a YAML stream, each with its span (character offsets), or the first scan
/// error: `saphyr_parser::Parser::new_from_str`.
pub struct Events<'input>(Parser<'input, StrInput<'input>>);

/// The events of the YAML stream `text`.
pub fn events(text: &str) -> Events<'_> {
    Events(Parser::new_from_str(text))
}

impl<'input> Iterator for Events<'input> {
    type Item = Result<(Event<'input>, Span), ScanError>;

    // Not inlined into the caller: the scanner is compiled here, with this crate's opt-level.
    #[inline(never)]
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }
}
