//! Spelling a pinyin reading as Chinese strings the corpus contains: the beam search behind pinyin
//! queries (zjtx → 专精特新) and homophone repair (稳岗反还 → 稳岗返还).
//!
//! Design choice: candidates are grown one char at a time along the char pairs that actually occur in
//! the texts ([`Lexicon::successors`]), scored by how often they occur, and pruned to a fixed beam, so
//! the search never proposes a string the corpus cannot match and its cost does not depend on the
//! size of the pinyin table. This module owns that search; it reads the corpus only through
//! [`Lexicon`] and knows nothing of queries beyond the syllable sets it is given.

use super::lexicon::Lexicon;
use super::pinyin::{PinyinTable, SyllableSet};

/// Chinese strings in the corpus whose chars read as `sets` say, best first.
/// With `typed` (the typed chars and how many of them may change), only strings that keep all
/// but that many typed chars are considered, and those that keep more come first (homophone
/// repair); pruning the others early keeps the beam small.
pub fn spell(lexicon: &dyn Lexicon, pinyin: &PinyinTable, sets: &[SyllableSet], typed: Option<(&[char], usize)>, limit: usize) -> Vec<Vec<char>> {
    const BEAM: usize = 64;
    if sets.is_empty() || sets.len() > 16 {
        return Vec::new();
    }
    let reads = |ch: char, set: &SyllableSet| pinyin.readings(ch).iter().any(|&id| set[id as usize]);
    let same = |k: usize, ch: char| typed.is_some_and(|(t, _)| t.get(k) == Some(&ch));
    let max_changes = typed.map_or(usize::MAX, |(_, m)| m);
    // (string, score, typed chars changed so far)
    let firsts: Vec<char> = lexicon
        .han_chars()
        .iter()
        .copied()
        .filter(|&ch| reads(ch, &sets[0]) && (same(0, ch) || typed.is_none() || max_changes > 0))
        .collect();
    let counts = lexicon.char_counts(&firsts);
    let mut beam: Vec<(Vec<char>, f32, usize)> = firsts
        .iter()
        .zip(counts)
        .map(|(&ch, count)| {
            let df = count.max(1) as f32;
            let kept = same(0, ch);
            (vec![ch], df.ln() + if kept { 10.0 } else { 0.0 }, usize::from(typed.is_some() && !kept))
        })
        .collect();
    crate::sort::sort_by(&mut beam, |a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    beam.truncate(BEAM * 4);
    for (k, set) in sets.iter().enumerate().skip(1) {
        let mut next = Vec::new();
        let mut lasts: Vec<char> = beam.iter().map(|(s, _, _)| *s.last().expect("beam strings are non-empty")).collect();
        crate::sort::sort(&mut lasts);
        lasts.dedup();
        let successors = lexicon.successors(&lasts);
        for (s, score, changes) in &beam {
            let last = *s.last().expect("beam strings are non-empty");
            let from = successors.partition_point(|&(a, _, _)| a < last);
            let to = successors.partition_point(|&(a, _, _)| a <= last);
            for &(_, ch, hits) in &successors[from..to] {
                let kept = same(k, ch);
                let changes = changes + usize::from(typed.is_some() && !kept);
                if changes <= max_changes && reads(ch, set) {
                    let mut t = s.clone();
                    t.push(ch);
                    next.push((t, score + (hits as f32).ln() + if kept { 10.0 } else { 0.0 }, changes));
                }
            }
        }
        crate::sort::sort_by(&mut next, |a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        next.truncate(BEAM);
        beam = next;
        if beam.is_empty() {
            return Vec::new();
        }
    }
    let mut out: Vec<(Vec<char>, usize, usize)> = beam
        .into_iter()
        .filter_map(|(s, _, _)| {
            // Ranked by how many texts have the string (walking its rarest bigram, so cheap
            // for the distinctive strings that win).
            let points = lexicon.text_points(&s);
            let kept = (0..s.len()).filter(|&k| same(k, s[k])).count();
            (points > 0 || lexicon.occurs(&s)).then_some((s, points, kept))
        })
        .collect();
    crate::sort::sort_by(&mut out, |a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then_with(|| a.0.cmp(&b.0)));
    out.truncate(limit);
    out.into_iter().map(|(s, _, _)| s).collect()
}
