//! Pseudo-relevance feedback: the words that characterise a query's best answers.
//!
//! Design choice: a plain-language question shares one or two words with many of its answers, and the
//! ranks after its relaxed matches were filled by how much of the question a point has, which puts a
//! point with a stray question word (企业, 补贴) level with one worded like the best answers. The
//! classic remedy is pseudo-relevance feedback (RM3-style): take the [`FEEDBACK_POINTS`] best answers
//! (the full matches, best first, then the relaxed ones), weigh each word of their texts (charabia's
//! words of 2..=8 Han chars, as stored in the index) by its share of each answer's words, the answers
//! weighted by their scores, times its IDF, and keep the [`EXPANSION_WORDS`] heaviest; a candidate's
//! feedback score is its BM25 over those words. `search` mixes it into the score of the candidates for
//! the free ranks only ([`FEEDBACK_WEIGHT`] of the mix), so it must not: move a full or relaxed match,
//! bring in a point that has none of the query's words (a partial match must share some of the query),
//! nor run for a query the list hardly covers (no confident answer to learn from: the honesty bounds
//! of `search` stand as they were). On the dev queries the result barely depends on the parameters
//! (2–5 points, 10–20 words and a weight of 0.2–0.5 give the same overall nDCG@10 and Recall@20
//! within 0.005); 5 words are too few. Cost, only for queries that leave ranks free: one point count
//! per candidate word (`CANDIDATES_PER_TERM` per word kept) and one postings lookup per word kept.

use crate::data::docno::is_han;
use crate::index::corpus::Corpus;
use crate::sort::sort_by;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Words considered per feedback word kept, before their document frequency is looked up.
const CANDIDATES_PER_TERM: usize = 4;
const MAX_WORD: usize = 8;
/// How many of the best answers the feedback reads.
pub const FEEDBACK_POINTS: usize = 3;
/// How many words characterise them.
pub const EXPANSION_WORDS: usize = 10;
/// The feedback's share of a candidate's score for the free ranks (the rest is its own).
pub const FEEDBACK_WEIGHT: f32 = 0.2;

/// The words of point `p`'s text that charabia made words of 2..=8 Han chars.
fn words(corpus: &Corpus, p: usize) -> impl Iterator<Item = &[char]> {
    let chars = &corpus.texts[p].chars;
    let bounds = &corpus.bounds[p];
    let mut start = 0;
    (1..=chars.len()).filter_map(move |k| {
        if !bounds[k] {
            return None;
        }
        let w = &chars[start..k];
        start = k;
        ((2..=MAX_WORD).contains(&w.len()) && w.iter().all(|&c| is_han(c))).then_some(w)
    })
}

/// The `m` expansion words of the feedback points `top` (point, score), each weighted by how much of
/// the feedback points' text it is (each point as much as its share of their scores) times its IDF.
pub fn terms<'a>(corpus: &'a Corpus, top: &[(usize, f32)], m: usize) -> Vec<(&'a [char], f32)> {
    let total: f32 = top.iter().map(|t| t.1).sum::<f32>().max(f32::MIN_POSITIVE);
    let mut each: Vec<(&[char], f32)> = Vec::new();
    for &(p, s) in top {
        let n = words(corpus, p).count().max(1) as f32;
        each.extend(words(corpus, p).map(|w| (w, s / total / n)));
    }
    let mut words = summed(each);
    let by_weight = |a: &(&[char], f32), b: &(&[char], f32)| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0));
    sort_by(&mut words, by_weight);
    words.truncate(m * CANDIDATES_PER_TERM);
    let n = corpus.len() as f32;
    for w in &mut words {
        let df = corpus.text_points(w.0) as f32;
        w.1 *= (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    }
    sort_by(&mut words, by_weight);
    words.truncate(m);
    words
}

/// `parts` with the parts of one key added up (in their order), ascending by key. A sort and a merge
/// rather than a hash map: it costs the wasm next to nothing (see `crate::sort`).
fn summed<K: Ord + Copy>(mut parts: Vec<(K, f32)>) -> Vec<(K, f32)> {
    sort_by(&mut parts, |a, b| a.0.cmp(&b.0));
    let mut out: Vec<(K, f32)> = Vec::with_capacity(parts.len());
    for (key, part) in parts {
        match out.last_mut() {
            Some(last) if last.0 == key => last.1 += part,
            _ => out.push((key, part)),
        }
    }
    out
}

/// Per point `keep` accepts that has an expansion word, its BM25 over the expansion words, ascending by point.
pub fn scores(corpus: &Corpus, terms: &[(&[char], f32)], keep: impl Fn(u32) -> bool + Copy) -> Vec<(u32, f32)> {
    let mut parts: Vec<(u32, f32)> = Vec::new();
    for &(t, w) in terms {
        let hits = corpus.text_hits_where(t, false, keep);
        let mut i = 0;
        while i < hits.len() {
            let p = hits[i].0;
            let mut tf = 0.0;
            while i < hits.len() && hits[i].0 == p {
                tf += 1.0;
                i += 1;
            }
            let len = corpus.texts[p as usize].chars.len() as f32;
            parts.push((p, w * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / corpus.avg_len))));
        }
    }
    summed(parts)
}
