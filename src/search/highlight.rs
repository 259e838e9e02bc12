//! Highlights: char ranges into the original text for every way the query matched.
//!
//! Design choice: highlights are recomputed for the hits on the page from the plan's alternatives
//! (typed words, synonyms, pinyin and homophone readings alike) on the folded text, then mapped through
//! the fold's char map, so a match of 500万元 in `500 万元` or of 稅 in 税 highlights exactly what is
//! shown. This module owns that mapping; it must not decide what matches.

use crate::analysis::query::Plan;
use crate::index::corpus::{occurrences, Corpus};

/// Sorted, merged half-open char ranges into the point's original text.
pub fn ranges(corpus: &Corpus, point: usize, plan: &Plan) -> Vec<[u32; 2]> {
    let text = &corpus.texts[point];
    let mut out: Vec<[u32; 2]> = Vec::new();
    for concept in &plan.concepts {
        for alt in &concept.alts {
            let terms: Vec<&Vec<char>> = if alt.parts.is_empty() { vec![&alt.term] } else { alt.parts.iter().collect() };
            if !terms.iter().all(|t| occurrences(&text.chars, t, alt.numeric).next().is_some()) {
                continue;
            }
            for term in terms {
                for s in occurrences(&text.chars, term, alt.numeric) {
                    let e = s + term.len();
                    out.push([text.orig[s], text.orig[e - 1] + 1]);
                }
            }
        }
    }
    merge(out)
}

pub fn merge(mut ranges: Vec<[u32; 2]>) -> Vec<[u32; 2]> {
    crate::sort::sort(&mut ranges);
    let mut out: Vec<[u32; 2]> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r[0] <= last[1] => last[1] = last[1].max(r[1]),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_and_touching_ranges_merge() {
        assert_eq!(merge(vec![[5, 8], [0, 2], [2, 3], [6, 10]]), vec![[0, 3], [5, 10]]);
    }
}
