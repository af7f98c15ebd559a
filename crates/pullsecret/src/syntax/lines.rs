//! Byte offsets to 1-based line and column.
//!
//! Everything inside pullsecret works on byte offsets; only what is reported to a person is
//! converted, so a clean 1 MB file costs no position bookkeeping at all. Columns count Unicode
//! characters (code points), so a non-ASCII password before an error does not shift the column.
//! `\n`, `\r\n` and a lone `\r` all end a line.
//!
//! Constant time per position, for any line length and any order of queries: the first query
//! counts, once, the characters before every [`CHECKPOINT`]-th byte of the text (one linear
//! pass); a column is then the character count at the offset minus the one at its line start,
//! each found from the nearest checkpoint with at most [`CHECKPOINT`] bytes scanned. (Counting
//! from the line start instead made a 1.5 MB one-line base64 with many findings quadratic.)

use std::cell::OnceCell;

/// Bytes between two character-count checkpoints: a position scans at most this many twice.
pub const CHECKPOINT: usize = 256;

/// Line starts of a text, built once per report.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// `chars[k]`: the number of characters in `text[..k * CHECKPOINT]` (the bytes that are
    /// not UTF-8 continuation bytes), built at the first query.
    chars: OnceCell<Vec<usize>>,
}

/// A 1-based line and column (serialized as `{line, column}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// `b` holds a `\r` or `\n`, looked for eight bytes at a time (the zero-byte test of
/// `b ^ '\n'` and `b ^ '\r'`): the search runs over every `auth` and decoded credential.
pub fn has_line_break(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let mut words = b.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().expect("8 bytes"));
        if zero(w ^ (ONES * b'\n' as u64)) || zero(w ^ (ONES * b'\r' as u64)) {
            return true;
        }
    }
    words.remainder().iter().any(|&c| c == b'\n' || c == b'\r')
}

/// Characters (non-continuation bytes) in `b`, eight bytes at a time: a UTF-8 continuation
/// byte is `10xxxxxx`, so its bit 7 is set and bit 6 clear.
fn count(b: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = b.chunks_exact(8);
    let mut continuation = 0;
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().expect("8 bytes"));
        continuation += (w & !(w << 1) & HIGH).count_ones() as usize;
    }
    continuation += words
        .remainder()
        .iter()
        .filter(|&&c| (c & 0xC0) == 0x80)
        .count();
    b.len() - continuation
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let b = text.as_bytes();
        let mut starts = Vec::with_capacity(b.len() / 40 + 1);
        starts.push(0);
        if !b.contains(&b'\r') {
            // The usual case: `\n` only, found with the library's word-at-a-time search.
            starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        } else {
            for i in 0..b.len() {
                match b[i] {
                    b'\n' => starts.push(i + 1),
                    b'\r' if b.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                    _ => {}
                }
            }
        }
        LineIndex {
            text,
            starts,
            chars: OnceCell::new(),
        }
    }

    fn checkpoints(&self) -> &[usize] {
        self.chars.get_or_init(|| {
            let mut out = Vec::with_capacity(self.text.len() / CHECKPOINT + 1);
            let mut n = 0;
            out.push(0);
            for chunk in self.text.as_bytes().chunks_exact(CHECKPOINT) {
                n += count(chunk);
                out.push(n);
            }
            out
        })
    }

    /// Characters in `text[..offset]` (`offset <= text.len()`).
    fn chars_before(&self, offset: usize) -> usize {
        let k = offset / CHECKPOINT;
        self.checkpoints()[k] + count(&self.text.as_bytes()[k * CHECKPOINT..offset])
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let start = self.starts[line];
        let column = if offset - start < CHECKPOINT {
            count(&self.text.as_bytes()[start..offset]) + 1
        } else {
            self.chars_before(offset) - self.chars_before(start) + 1
        };
        Position {
            line: line + 1,
            column,
        }
    }

    /// Byte offset of a 1-based line and column (inverse of [`position`](Self::position)): the
    /// start of the `column`-th character from the line start (counting on past the line end),
    /// or the text's length when there is none.
    pub fn offset(&self, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line.saturating_sub(1)) else {
            return self.text.len();
        };
        let target = self.chars_before(start) + pos.column.saturating_sub(1);
        let checkpoints = self.checkpoints();
        // The last checkpoint with at most `target` characters before it.
        let k = checkpoints.partition_point(|&n| n <= target) - 1;
        let b = self.text.as_bytes();
        let mut n = checkpoints[k];
        for (i, &c) in b.iter().enumerate().skip(k * CHECKPOINT) {
            if (c & 0xC0) != 0x80 {
                if n == target {
                    return i;
                }
                n += 1;
            }
        }
        self.text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_with_and_without_cr() {
        for t in [
            "0123456789abcdef\n0123456\r\n89abcdef0123456789\rxyz0123456789abcdef\n\n",
            "0123456789abcdef\n01234567\n\nabc\n",
        ] {
            let b = t.as_bytes();
            let want: Vec<usize> = (0..b.len())
                .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
                .map(|i| i + 1)
                .collect();
            assert_eq!(LineIndex::new(t).starts[1..], want[..]);
        }
    }

    /// The word-at-a-time count is the byte-at-a-time one, for every byte value, length and
    /// alignment.
    #[test]
    fn count_matches_bytewise() {
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for start in 0..9 {
            for end in start..bytes.len() {
                let b = &bytes[start..end];
                let naive = b.iter().filter(|&&c| (c & 0xC0) != 0x80).count();
                assert_eq!(count(b), naive, "{start}..{end}");
            }
        }
    }

    #[test]
    fn line_breaks_anywhere_in_a_chunk() {
        for len in 0..40 {
            for at in 0..len {
                for c in [b'\n', b'\r'] {
                    let mut b = vec![b'x'; len];
                    assert!(!has_line_break(&b));
                    b[at] = c;
                    assert!(has_line_break(&b), "{len} {at}");
                }
            }
        }
    }

    #[test]
    fn positions() {
        let t = "ab\r\né€x\rz";
        let ix = LineIndex::new(t);
        assert_eq!(ix.position(0), Position { line: 1, column: 1 });
        assert_eq!(ix.position(4), Position { line: 2, column: 1 });
        assert_eq!(
            ix.position(t.find('x').unwrap()),
            Position { line: 2, column: 3 }
        );
        assert_eq!(
            ix.position(t.find('z').unwrap()),
            Position { line: 3, column: 1 }
        );
        assert_eq!(
            ix.offset(Position { line: 2, column: 3 }),
            t.find('x').unwrap()
        );
    }

    /// The checkpoints give exactly what counting from the line start gives, in any order, on
    /// lines shorter and much longer than a checkpoint, with multi-byte characters across
    /// checkpoint boundaries.
    #[test]
    fn same_as_counting_from_the_line_start() {
        let mut t = String::new();
        for i in 0..3000 {
            t.push(match i % 7 {
                0 => 'é',
                1 => '€',
                2 => '𝄞',
                3 if i % 500 == 3 => '\n',
                4 if i % 900 == 4 => '\r',
                _ => 'a',
            });
        }
        let ix = LineIndex::new(&t);
        let naive = |o: usize| {
            let line = ix.starts.partition_point(|&s| s <= o) - 1;
            let s = ix.starts[line];
            Position {
                line: line + 1,
                column: t[s..o].chars().count() + 1,
            }
        };
        let naive_offset = |p: Position| {
            let s = ix.starts[p.line - 1];
            t[s..]
                .char_indices()
                .nth(p.column - 1)
                .map_or(t.len(), |(o, _)| s + o)
        };
        let offsets: Vec<usize> = (0..=t.len())
            .rev()
            .filter(|&o| t.is_char_boundary(o))
            .collect();
        for &o in &offsets {
            let p = ix.position(o);
            assert_eq!(p, naive(o), "offset {o}");
            assert_eq!(ix.offset(p), naive_offset(p), "offset {o}");
            let past = Position {
                line: p.line,
                column: p.column + 700,
            };
            assert_eq!(ix.offset(past), naive_offset(past), "offset {o} + 700");
        }
    }
}
