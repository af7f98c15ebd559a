//! One stable sort for the whole crate.
//!
//! `slice::sort_by` is generic: every element type and comparator gets its own copy of the
//! driftsort machinery (about 3 KiB of wasm each, a dozen copies in all). The wasm package must
//! stay small, so every sort here goes through one non-generic merge sort over indices, with the
//! comparison behind `&dyn Fn`. Stable, O(n log n), one allocation of scratch space.

use alloc::vec::Vec;
use core::cmp::Ordering;

/// Sorts indices stably by `cmp`.
pub(crate) fn indices(v: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    let n = v.len();
    if n < 2 {
        return;
    }
    let mut buf: Vec<usize> = v.to_vec();
    let mut width = 1;
    // Bottom-up merge, ping-ponging between `v` and `buf`; `from_v` tracks where the runs are.
    let mut from_v = true;
    while width < n {
        let (src, dst): (&[usize], &mut [usize]) = if from_v {
            (&*v, &mut buf[..])
        } else {
            (&buf[..], &mut *v)
        };
        merge_pass(src, dst, width, cmp);
        from_v = !from_v;
        width *= 2;
    }
    if !from_v {
        v.copy_from_slice(&buf);
    }
}

fn merge_pass(
    src: &[usize],
    dst: &mut [usize],
    width: usize,
    cmp: &dyn Fn(usize, usize) -> Ordering,
) {
    let n = src.len();
    let mut start = 0;
    while start < n {
        let mid = (start + width).min(n);
        let end = (start + 2 * width).min(n);
        let (mut i, mut j, mut k) = (start, mid, start);
        while i < mid && j < end {
            // Take from the right run only when strictly smaller: keeps the sort stable.
            if cmp(src[j], src[i]) == Ordering::Less {
                dst[k] = src[j];
                j += 1;
            } else {
                dst[k] = src[i];
                i += 1;
            }
            k += 1;
        }
        dst[k..k + (mid - i)].copy_from_slice(&src[i..mid]);
        k += mid - i;
        dst[k..k + (end - j)].copy_from_slice(&src[j..end]);
        start = end;
    }
}

/// Sorts a vector stably by `cmp` (through [`indices`]; only the final move is generic).
pub(crate) fn by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    indices(&mut order, &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_stably() {
        for n in 0..40usize {
            let mut v: Vec<(usize, usize)> = (0..n).map(|i| ((i * 7919) % 5, i)).collect();
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            super::by(&mut v, |a, b| a.0.cmp(&b.0));
            assert_eq!(v, want, "n={n}");
        }
    }
}
