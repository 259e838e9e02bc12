//! Sort: one compiled sort for the many short lists the engine and the widget order.
//!
//! Design choice: the standard library's sorts are compiled anew for every element type *and* every
//! comparator closure, at 2–4 KB of wasm each; 25 such copies were 58 KB, a tenth of the wasm. Here
//! one non-generic merge sort orders indices through a `&dyn Fn` comparator, and a small generic step
//! moves the elements into that order, so each new sort costs a few hundred bytes. It is stable, and
//! as fast as the lists it is used for need (tens to a few thousand items); the hot, long sorts (the
//! postings built on load, the top of a ranking) keep the standard library's. This module owns nothing
//! but ordering and imports nothing of the crate.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_order(items.len(), &|a, b| cmp(&items[a], &items[b]));
    permute(items, &order);
}

/// Sorts `items` by `key`, keeping items with equal keys in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` ascending.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The stable order of `0..n` under `cmp`: `order[k]` is the index that goes to place `k`. A
/// bottom-up merge sort, compiled once for every caller.
#[inline(never)]
fn sorted_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..n).collect();
    let mut to = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut left, mut right, mut k) = (start, mid, start);
            while left < mid && right < end {
                // The right item goes first only when strictly less: equal items keep their order.
                if cmp(from[right], from[left]) == Ordering::Less {
                    to[k] = from[right];
                    right += 1;
                } else {
                    to[k] = from[left];
                    left += 1;
                }
                k += 1;
            }
            to[k..k + mid - left].copy_from_slice(&from[left..mid]);
            k += mid - left;
            to[k..end].copy_from_slice(&from[right..end]);
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

/// Moves `items[order[k]]` to place `k` for every `k`, following each cycle of the permutation.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; order.len()];
    for first in 0..order.len() {
        let mut at = first;
        while !placed[at] {
            placed[at] = true;
            let from = order[at];
            if from == first {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table() {
        let cases: [(&[i32], &[i32]); 5] =
            [(&[], &[]), (&[1], &[1]), (&[2, 1], &[1, 2]), (&[3, 1, 2, 1], &[1, 1, 2, 3]), (&[5, 4, 3, 2, 1, 0], &[0, 1, 2, 3, 4, 5])];
        for (input, expected) in cases {
            let mut v = input.to_vec();
            sort(&mut v);
            assert_eq!(v, expected, "{input:?}");
        }
    }

    #[test]
    fn equal_keys_keep_their_order() {
        let mut v = vec![(1, 'a'), (0, 'b'), (1, 'c'), (0, 'd'), (1, 'e')];
        sort_by_key(&mut v, |&(k, _)| k);
        assert_eq!(v, [(0, 'b'), (0, 'd'), (1, 'a'), (1, 'c'), (1, 'e')]);
    }

    proptest! {
        #[test]
        fn agrees_with_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut ours = v.clone();
            let mut std_sorted = v;
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            std_sorted.sort_by(|a, b| b.0.cmp(&a.0));
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
