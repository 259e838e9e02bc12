//! Postings as three flat arrays, built by sorting rather than by appending to a list per key.
//!
//! Design choice: the obvious layout, a hash map from each key (a char, a char pair) to its own growing
//! `Vec`, costs an allocation and a few reallocations per key and a cache miss per push. The index is
//! derived on load, in the browser, where that was most of the load time (~0.8 s in a size-optimised
//! wasm). Here the builder collects `(key, item)` pairs in text order, sorts them with a stable LSD
//! radix sort (a few linear passes, no comparisons, no per-key allocation) and keeps the sorted keys,
//! where each key's run ends, and the items. Lookups binary-search the keys; a key range (all pairs
//! starting with one char) is a contiguous slice. This module owns that layout and the sort; it knows
//! nothing of chars, points or texts.

use std::ops::Range;

/// Items grouped by a `u64` key, keys ascending, items of a key in the order they were added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Postings<T> {
    keys: Vec<u64>,
    ends: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Postings<T> {
    fn default() -> Self {
        Postings { keys: Vec::new(), ends: Vec::new(), items: Vec::new() }
    }
}

/// Digits of at most this many bits: a pass's count table (2^14 slots) stays small and cache-resident.
const DIGIT_BITS: u32 = 14;

impl<T: Copy + PartialEq> Postings<T> {
    /// Groups `pairs` by key; every key must be below `2^key_bits`. Items of one key keep the order of
    /// `pairs`, with consecutive repeats of an item dropped (a point listed once per key).
    pub fn build(pairs: Vec<(u64, T)>, key_bits: u32) -> Postings<T> {
        let sorted = radix_sort(pairs, key_bits);
        let mut out = Postings::default();
        for (key, item) in sorted {
            if out.keys.last() != Some(&key) {
                out.keys.push(key);
                out.ends.push(out.items.len() as u32);
            } else if out.items.last() == Some(&item) {
                continue;
            }
            out.items.push(item);
            *out.ends.last_mut().expect("a key was pushed") = out.items.len() as u32;
        }
        out
    }

    /// The items of `key`, or `None` if no pair had it.
    pub fn get(&self, key: u64) -> Option<&[T]> {
        self.keys.binary_search(&key).ok().map(|i| self.run(i))
    }

    /// Every key in `range` with its items, keys ascending.
    pub fn range(&self, range: Range<u64>) -> impl Iterator<Item = (u64, &[T])> + '_ {
        let lo = self.keys.partition_point(|&k| k < range.start);
        let hi = self.keys.partition_point(|&k| k < range.end);
        (lo..hi).map(move |i| (self.keys[i], self.run(i)))
    }

    /// The distinct keys, ascending.
    pub fn keys(&self) -> &[u64] {
        &self.keys
    }

    fn run(&self, i: usize) -> &[T] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.items[start..self.ends[i] as usize]
    }
}

/// Stable sort by key: least significant digit first, one counting pass per digit.
fn radix_sort<T: Copy>(mut pairs: Vec<(u64, T)>, key_bits: u32) -> Vec<(u64, T)> {
    let passes = key_bits.div_ceil(DIGIT_BITS);
    if passes == 0 || pairs.len() < 2 {
        return pairs;
    }
    let digit_bits = key_bits.div_ceil(passes);
    let mask = (1u64 << digit_bits) - 1;
    let mut scratch = pairs.clone();
    let mut counts = vec![0u32; (1 << digit_bits) + 1];
    for pass in 0..passes {
        let shift = pass * digit_bits;
        let digit = |key: u64| ((key >> shift) & mask) as usize;
        counts.iter_mut().for_each(|c| *c = 0);
        for &(key, _) in &pairs {
            counts[digit(key) + 1] += 1;
        }
        for d in 1..counts.len() {
            counts[d] += counts[d - 1];
        }
        for &pair in &pairs {
            let slot = &mut counts[digit(pair.0)];
            scratch[*slot as usize] = pair;
            *slot += 1;
        }
        std::mem::swap(&mut pairs, &mut scratch);
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_key_keeping_item_order_and_dropping_repeats() {
        let p = Postings::build(vec![(7, 'a'), (3, 'b'), (7, 'c'), (7, 'c'), (3, 'd'), (1 << 40, 'e')], 41);
        assert_eq!(p.keys(), &[3, 7, 1 << 40]);
        assert_eq!(p.get(3), Some(&['b', 'd'][..]));
        assert_eq!(p.get(7), Some(&['a', 'c'][..]));
        assert_eq!(p.get(1 << 40), Some(&['e'][..]));
        assert_eq!(p.get(4), None);
        assert_eq!(p.range(4..8).collect::<Vec<_>>(), vec![(7, &['a', 'c'][..])]);
        assert_eq!(p.range(8..9).count(), 0);
    }

    #[test]
    fn an_item_may_repeat_after_another() {
        let p = Postings::build(vec![(1, 'a'), (1, 'b'), (1, 'a')], 1);
        assert_eq!(p.get(1), Some(&['a', 'b', 'a'][..]));
    }

    #[test]
    fn empty_input_has_no_keys() {
        let p = Postings::<u32>::build(Vec::new(), 42);
        assert!(p.keys().is_empty());
        assert_eq!(p.get(0), None);
    }

    #[test]
    fn radix_sort_agrees_with_a_stable_comparison_sort() {
        // A deterministic pseudo-random sequence of keys over 42 bits, with repeats.
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let pairs: Vec<(u64, usize)> = (0..5000)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                ((x % 997) << 30 | (x >> 50), i)
            })
            .collect();
        let mut expected = pairs.clone();
        expected.sort_by_key(|&(k, _)| k);
        assert_eq!(radix_sort(pairs, 42), expected);
    }
}
