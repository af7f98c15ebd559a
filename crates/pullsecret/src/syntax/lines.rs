//! Byte offsets to 1-based line and column.
//!
//! Everything inside pullsecret works on byte offsets; only what is reported to a person is
//! converted, so a clean 1 MB file costs no position bookkeeping at all. Columns count Unicode
//! characters (code points), so a non-ASCII password before an error does not shift the column.
//! `\n`, `\r\n` and a lone `\r` all end a line.

use std::cell::Cell;

/// Line starts of a text, built once per report.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last position computed (offset, 0-based line, column). Reports ask for positions in
    /// increasing order, so counting the column from here keeps a 1 MB one-line file (kubectl
    /// writes `.dockerconfigjson` on one line) linear instead of quadratic.
    last: Cell<(usize, usize, usize)>,
}

/// A 1-based line and column (serialized as `{line, column}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Position {
    pub line: usize,
    pub column: usize,
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
            last: Cell::new((0, 0, 1)),
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let (last_offset, last_line, last_column) = self.last.get();
        let (from, base) = if last_line == line && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (self.starts[line], 1)
        };
        let column = self.text.as_bytes()[from..offset]
            .iter()
            .filter(|&&c| (c & 0xC0) != 0x80)
            .count()
            + base;
        self.last.set((offset, line, column));
        Position {
            line: line + 1,
            column,
        }
    }

    /// Byte offset of a 1-based line and column (inverse of [`position`](Self::position)).
    pub fn offset(&self, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line.saturating_sub(1)) else {
            return self.text.len();
        };
        self.text[start..]
            .char_indices()
            .nth(pos.column.saturating_sub(1))
            .map_or(self.text.len(), |(o, _)| start + o)
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
}
