//! The packed transport: a result tree (objects, arrays, strings, numbers, booleans, null) as
//! 32-bit words plus one UTF-8 string pool, for the npm packages to rebuild as plain objects.
//!
//! A 7,000-entry report is about 2.8 MB of JSON, and `JSON.parse` of it alone took longer than
//! the whole hand-written JavaScript the packages are measured against. The packed form is
//! read by a small generic decoder (`npm/unpack.js`, shared by both packages; it knows this
//! format and nothing about reports): object keys are sent once and then referenced by
//! number, strings are slices of one pool decoded with a single `TextDecoder` call, and fixed
//! texts (codes, statuses, messages) are sent once however often they occur.
//!
//! Layout (`u32` words, sent as a `Uint32Array`): `n`, the pool's length in bytes, `n` op
//! words, then the pool's UTF-8 bytes, four to a word in little-endian order.
//! Ops: `0` null, `1` false, `2` true, `3 v` number, `4 a b` string (pool UTF-16 units
//! `a..b`), `5` object, `6` array, `7` end of object/array. Inside an object each member
//! starts with its key: `8 a b` defines the next key id (ids count from 0) and uses it, a word
//! `9 + id` reuses one.

/// The tree-writing calls shared by [`crate::go::json::Writer`] (JSON text) and [`Packer`], so one
/// `write` function serves both outputs.
pub trait Sink {
    fn begin_object(&mut self) -> &mut Self;
    fn end_object(&mut self) -> &mut Self;
    fn begin_array(&mut self) -> &mut Self;
    fn end_array(&mut self) -> &mut Self;
    /// An object key; the next call writes its value.
    fn key(&mut self, k: &'static str) -> &mut Self;
    fn string(&mut self, s: &str) -> &mut Self;
    /// A string that is a fixed text (a code, a status, a message): sent once by the packer.
    fn static_str(&mut self, s: &'static str) -> &mut Self {
        self.string(s)
    }
    fn bool(&mut self, b: bool) -> &mut Self;
    fn null(&mut self) -> &mut Self;
    fn uint(&mut self, n: usize) -> &mut Self;

    /// Key + string value.
    fn field(&mut self, k: &'static str, v: &str) -> &mut Self {
        self.key(k).string(v)
    }
    /// Key + fixed-text value.
    fn static_field(&mut self, k: &'static str, v: &'static str) -> &mut Self {
        self.key(k).static_str(v)
    }
    /// Key + string value, skipped when `v` is `None`.
    fn opt_field(&mut self, k: &'static str, v: Option<&str>) -> &mut Self {
        if let Some(v) = v {
            self.key(k).string(v);
        }
        self
    }
    /// Key + fixed-text value, skipped when `v` is `None`.
    fn opt_static_field(&mut self, k: &'static str, v: Option<&'static str>) -> &mut Self {
        if let Some(v) = v {
            self.key(k).static_str(v);
        }
        self
    }
}

const NULL: u32 = 0;
const FALSE: u32 = 1;
const TRUE: u32 = 2;
const NUMBER: u32 = 3;
const STRING: u32 = 4;
const OBJECT: u32 = 5;
const ARRAY: u32 = 6;
const END: u32 = 7;
const KEY_DEF: u32 = 8;
const KEY_BASE: u32 = 9;

/// Remembers what was already sent for a `&'static str`, by address and length (fixed texts
/// live for the whole program, so an address names one text). Open addressing, power-of-two.
struct Seen {
    slots: Vec<Option<(&'static str, u32, u32)>>,
    used: usize,
}

impl Seen {
    fn new() -> Self {
        Seen {
            slots: std::vec![None; 64],
            used: 0,
        }
    }

    // Inlined even in the size-optimised wasm build: called for every value of a report.
    #[inline(always)]
    fn slot(&self, s: &'static str) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = ((s.as_ptr() as usize).wrapping_mul(0x9E37_79B9) >> 4) & mask;
        while let Some((t, _, _)) = self.slots[i] {
            if std::ptr::eq(t, s) {
                break;
            }
            i = (i + 1) & mask;
        }
        i
    }

    // Inlined even in the size-optimised wasm build: called for every value of a report.
    #[inline(always)]
    fn get(&self, s: &'static str) -> Option<(u32, u32)> {
        self.slots[self.slot(s)].map(|(_, a, b)| (a, b))
    }

    fn insert(&mut self, s: &'static str, a: u32, b: u32) {
        if (self.used + 1) * 2 > self.slots.len() {
            let grown = std::vec![None; self.slots.len() * 2];
            let old = std::mem::replace(&mut self.slots, grown);
            for e in old.into_iter().flatten() {
                let i = self.slot(e.0);
                self.slots[i] = Some(e);
            }
        }
        let i = self.slot(s);
        self.slots[i] = Some((s, a, b));
        self.used += 1;
    }
}

/// Writes the packed form (see the module comment).
pub struct Packer {
    words: Vec<u32>,
    pool: Vec<u8>,
    /// Length of the pool in UTF-16 code units (JavaScript string offsets).
    units: u32,
    keys: Seen,
    key_count: u32,
    texts: Seen,
}

impl Packer {
    pub fn with_capacity(words: usize, pool: usize) -> Self {
        let mut w = Vec::with_capacity(2 + words + pool / 4);
        w.extend_from_slice(&[0; 2]);
        Packer {
            words: w,
            pool: Vec::with_capacity(pool),
            units: 0,
            keys: Seen::new(),
            key_count: 0,
            texts: Seen::new(),
        }
    }

    // Inlined even in the size-optimised wasm build: called for every value of a report.
    #[inline(always)]
    fn word(&mut self, w: u32) {
        self.words.push(w);
    }

    /// Appends `s` to the pool; returns its range in UTF-16 units.
    fn intern(&mut self, s: &str) -> (u32, u32) {
        let a = self.units;
        let n = if s.is_ascii() {
            s.len() as u32
        } else {
            s.bytes()
                .map(|c| ((c & 0xC0) != 0x80) as u32 + (c >= 0xF0) as u32)
                .sum()
        };
        self.pool.extend_from_slice(s.as_bytes());
        self.units += n;
        (a, self.units)
    }

    // Inlined even in the size-optimised wasm build: called for every value of a report.
    #[inline(always)]
    fn range(&mut self, op: u32, (a, b): (u32, u32)) {
        self.word(op);
        self.word(a);
        self.word(b);
    }

    /// The packed words.
    pub fn finish(mut self) -> Vec<u32> {
        self.words[0] = (self.words.len() - 2) as u32;
        self.words[1] = self.pool.len() as u32;
        let mut chunks = self.pool.chunks_exact(4);
        for c in &mut chunks {
            self.words
                .push(u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        }
        let mut last = [0; 4];
        let rest = chunks.remainder();
        if !rest.is_empty() {
            last[..rest.len()].copy_from_slice(rest);
            self.words.push(u32::from_le_bytes(last));
        }
        self.words
    }
}

impl Sink for Packer {
    fn begin_object(&mut self) -> &mut Self {
        self.word(OBJECT);
        self
    }
    fn end_object(&mut self) -> &mut Self {
        self.word(END);
        self
    }
    fn begin_array(&mut self) -> &mut Self {
        self.word(ARRAY);
        self
    }
    fn end_array(&mut self) -> &mut Self {
        self.word(END);
        self
    }
    fn key(&mut self, k: &'static str) -> &mut Self {
        match self.keys.get(k) {
            Some((id, _)) => self.word(KEY_BASE + id),
            None => {
                let r = self.intern(k);
                self.range(KEY_DEF, r);
                self.keys.insert(k, self.key_count, 0);
                self.key_count += 1;
            }
        }
        self
    }
    fn string(&mut self, s: &str) -> &mut Self {
        let r = self.intern(s);
        self.range(STRING, r);
        self
    }
    fn static_str(&mut self, s: &'static str) -> &mut Self {
        let r = match self.texts.get(s) {
            Some(r) => r,
            None => {
                let r = self.intern(s);
                self.texts.insert(s, r.0, r.1);
                r
            }
        };
        self.range(STRING, r);
        self
    }
    fn bool(&mut self, b: bool) -> &mut Self {
        self.word(if b { TRUE } else { FALSE });
        self
    }
    fn null(&mut self) -> &mut Self {
        self.word(NULL);
        self
    }
    fn uint(&mut self, n: usize) -> &mut Self {
        self.word(NUMBER);
        self.word(n.min(u32::MAX as usize) as u32);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout() {
        let mut p = Packer::with_capacity(0, 0);
        p.begin_object()
            .field("k", "é😀")
            .key("k")
            .begin_array()
            .uint(7)
            .bool(true)
            .null()
            .static_str("x")
            .static_str("x")
            .end_array()
            .end_object();
        let w = p.finish();
        assert_eq!(w[..2], [21, 8]);
        assert_eq!(
            w[2..23],
            [5, 8, 0, 1, 4, 1, 4, 9, 6, 3, 7, 2, 0, 4, 4, 5, 4, 4, 5, 7, 7]
        );
        let pool: Vec<u8> = w[23..].iter().flat_map(|x| x.to_le_bytes()).collect();
        assert_eq!(pool, "ké😀x".as_bytes());
    }
}
