//! Finding keys that occur more than once, in linear time.
//!
//! Duplicate keys, shadowed entries and keys naming the same registry were found by sorting
//! the 7,000 keys of a large config (about 90,000 string comparisons each time, three times
//! per report); a hash table finds the same pairs with one hash and, almost always, one
//! comparison per key.

use alloc::vec;
use alloc::vec::Vec;

fn hash(s: &str) -> u64 {
    // FNV-1a: small, and good enough for keys that differ in a few characters.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// For each `later` whose key equals an earlier one, `(previous occurrence, later)`, in order
/// of `later`: for a key at `i < j < k`, `(i, j)` and `(j, k)`.
pub(crate) fn repeats<'a>(n: usize, key: &dyn Fn(usize) -> &'a str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if n < 2 {
        return out;
    }
    let size = (n * 2).next_power_of_two();
    let mask = size - 1;
    // Slot: index + 1 of the latest occurrence of a key (0: empty), and its hash.
    let mut slots: Vec<(usize, u64)> = vec![(0, 0); size];
    for j in 0..n {
        let k = key(j);
        let h = hash(k);
        let mut s = h as usize & mask;
        loop {
            let (i, hi) = slots[s];
            if i == 0 {
                slots[s] = (j + 1, h);
                break;
            }
            if hi == h && key(i - 1) == k {
                out.push((i - 1, j));
                slots[s].0 = j + 1;
                break;
            }
            s = (s + 1) & mask;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn pairs_consecutive_occurrences() {
        let keys = ["a", "b", "a", "c", "b", "a"];
        assert_eq!(
            super::repeats(keys.len(), &|i| keys[i]),
            [(0, 2), (1, 4), (2, 5)]
        );
    }
}
