//! Scoring: BM25 per concept with field weights, whole-word bonus, coverage and proximity.
//!
//! Design choice: scores are per *concept*, not per alternative: a concept's IDF comes from the points
//! that have any of its alternatives, and a point gets its best alternative's BM25 (text) plus
//! saturated heading and title matches, times that alternative's weight — so a synonym never counts
//! twice and a rare synonym cannot outweigh the typed word. Occurrences aligned with charabia's word
//! boundaries count fully, fragments less (排序 inside 快速排序 is found, but ranks below a whole word).
//! A point is *full* when it has every required concept; partial points are scaled by the share of
//! concept weight they cover. Adjacent concepts and phrases found side by side earn a proximity bonus.
//! This module owns the numbers; it must not filter, page or build hits.

use crate::analysis::query::{Alt, Concept, Plan};
use crate::index::corpus::{occurrences, Corpus, Field};

const K1: f32 = 1.2;
const B: f32 = 0.75;
const HEADING_WEIGHT: f32 = 0.5;
const TITLE_WEIGHT: f32 = 0.3;
const DOCNO_WEIGHT: f32 = 2.0;
const PHRASE_BONUS: f32 = 1.0;
/// Weak (non-required) concepts count this much towards coverage.
const WEAK_COVERAGE: f32 = 0.5;
const MAX_POSITIONS: usize = 16;

#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub point: usize,
    pub score: f32,
    /// Has every required concept.
    pub full: bool,
    /// Share of the query's concept weight the point has (0..=1).
    pub coverage: f32,
}

fn idf(n: usize, df: usize) -> f32 {
    (1.0 + (n as f32 - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
}

/// How much one occurrence counts: whole words fully, fragments less.
fn alignment(bounds: &[bool], s: usize, e: usize) -> f32 {
    match (bounds[s], bounds[e]) {
        (true, true) => 1.0,
        (true, false) | (false, true) => 0.7,
        (false, false) => 0.4,
    }
}

/// Per-concept results: its IDF, its coverage weight, and its best alternative score per point.
struct ConceptHits {
    idf: f32,
    weight: f32,
    required: bool,
    best: Vec<f32>,
}

/// An alternative prepared for scoring: its strings, which distinct headings and titles have it, the
/// points those give, and an upper estimate of the points whose text has it.
struct Prepared<'a> {
    alt: &'a Alt,
    terms: Vec<&'a Vec<char>>,
    heading: Vec<bool>,
    title: Vec<bool>,
    in_fields: Vec<u32>,
    text_estimate: usize,
}

fn prepare<'a>(corpus: &Corpus, alt: &'a Alt) -> Prepared<'a> {
    let terms = alt_terms(alt);
    let has = |field: &[char]| terms.iter().all(|t| occurrences(field, t, alt.numeric).next().is_some());
    let heading: Vec<bool> = corpus.headings.iter().map(|h| has(h)).collect();
    let title: Vec<bool> = corpus.titles.iter().map(|t| has(t)).collect();
    let mut in_fields = corpus.points_where(Field::Heading, &heading);
    in_fields.extend(corpus.points_where(Field::Title, &title));
    in_fields.sort_unstable();
    in_fields.dedup();
    let text_estimate = terms.iter().map(|t| corpus.text_points(t)).min().unwrap_or(0);
    Prepared { alt, terms, heading, title, in_fields, text_estimate }
}

/// Per point (ascending), the alternative's term frequency in the text, whole words counting more
/// than fragments; for a loose alternative, the least frequent part's.
fn text_tf(corpus: &Corpus, a: &Prepared, keep: impl Fn(u32) -> bool + Copy) -> Vec<(u32, f32)> {
    let mut acc: Option<Vec<(u32, f32)>> = None;
    for term in &a.terms {
        let mut tf: Vec<(u32, f32)> = Vec::new();
        for (p, s) in corpus.text_hits_where(term, a.alt.numeric, keep) {
            let (p, s) = (p, s as usize);
            let w = alignment(&corpus.bounds[p as usize], s, s + term.len());
            match tf.last_mut() {
                Some(last) if last.0 == p => last.1 += w,
                _ => tf.push((p, w)),
            }
        }
        acc = Some(match acc {
            None => tf,
            Some(prev) => prev
                .into_iter()
                .filter_map(|(p, t)| tf.binary_search_by_key(&p, |x| x.0).ok().map(|k| (p, t.min(tf[k].1))))
                .collect(),
        });
    }
    acc.unwrap_or_default()
}

/// Score of one alternative in one point with text term frequency `tf`, before IDF (0 when absent).
fn alt_score(corpus: &Corpus, a: &Prepared, p: usize, tf: f32) -> f32 {
    let text = corpus.field(p, Field::Text);
    let head = a.heading[corpus.heading_of[p] as usize];
    let title = a.title[corpus.title_of[p] as usize];
    if tf == 0.0 && !head && !title {
        return 0.0;
    }
    let len = text.len() as f32;
    let bm25 = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / corpus.avg_len));
    a.alt.weight * (bm25 + if head { HEADING_WEIGHT } else { 0.0 } + if title { TITLE_WEIGHT } else { 0.0 })
}

/// The strings an alternative needs: itself, or all its parts for a loose match.
fn alt_terms(alt: &Alt) -> Vec<&Vec<char>> {
    if alt.parts.is_empty() {
        vec![&alt.term]
    } else {
        alt.parts.iter().collect()
    }
}

/// Text positions of a concept's present alternatives in a point (for proximity).
fn positions(corpus: &Corpus, concept: &Concept, p: usize) -> Vec<(u32, u32)> {
    let text = corpus.field(p, Field::Text);
    let mut out = Vec::new();
    for alt in &concept.alts {
        for term in alt_terms(alt) {
            for s in occurrences(text, term, alt.numeric).take(MAX_POSITIONS) {
                out.push((s as u32, (s + term.len()) as u32));
            }
        }
    }
    out
}

/// Scores every point that matches at least one concept (or document number).
pub fn score(corpus: &Corpus, plan: &Plan) -> Vec<Scored> {
    let n = corpus.len();
    let mut hit_count = vec![0u16; n];
    let mut touched: Vec<usize> = Vec::new();
    // Rarest concepts first. A common concept (in more than 1/8 of the points) after a rarer one is
    // scored only where earlier concepts matched: elsewhere it could add only a sliver of coverage,
    // never a full match, and scanning it everywhere is what costs time on a large corpus.
    let prepared: Vec<Vec<Prepared>> = plan.concepts.iter().map(|c| c.alts.iter().map(|a| prepare(corpus, a)).collect()).collect();
    let estimate = |k: usize| prepared[k].iter().map(|a| a.text_estimate + a.in_fields.len()).sum::<usize>().min(n);
    let mut order: Vec<usize> = (0..plan.concepts.len()).collect();
    order.sort_by_key(|&k| (estimate(k), k));
    let mut slots: Vec<Option<ConceptHits>> = (0..plan.concepts.len()).map(|_| None).collect();
    for (rank, &k) in order.iter().enumerate() {
        let c = &plan.concepts[k];
        let restrict = rank > 0 && estimate(k) > n / 8;
        let mut best = vec![0f32; n];
        let mut matched = 0usize;
        for prepared in &prepared[k] {
            let counts = &hit_count;
            let tfs = text_tf(corpus, prepared, |p| !restrict || counts[p as usize] > 0);
            // Points with the alternative in their text, heading or title: the two sorted lists merged.
            let mut fields = prepared.in_fields.iter().copied().peekable();
            let mut texts = tfs.iter().copied().peekable();
            while let Some(p) = match (texts.peek(), fields.peek()) {
                (Some(&(t, _)), Some(&f)) => Some(t.min(f)),
                (Some(&(t, _)), None) => Some(t),
                (None, Some(&f)) => Some(f),
                (None, None) => None,
            } {
                let tf = texts.next_if(|&(t, _)| t == p).map_or(0.0, |(_, tf)| tf);
                fields.next_if_eq(&p);
                let p = p as usize;
                if restrict && hit_count[p] == 0 {
                    continue;
                }
                let s = alt_score(corpus, prepared, p, tf);
                if s > 0.0 && best[p] == 0.0 {
                    matched += 1;
                }
                best[p] = best[p].max(s);
            }
        }
        // A restricted concept saw only some of its points: its IDF comes from its postings instead.
        let idf = idf(n, if restrict { matched.max(estimate(k)) } else { matched });
        let weight = if c.required { idf } else { idf * WEAK_COVERAGE };
        for (p, &b) in best.iter().enumerate() {
            if b > 0.0 {
                if hit_count[p] == 0 {
                    touched.push(p);
                }
                hit_count[p] += 1;
            }
        }
        slots[k] = Some(ConceptHits { idf, weight, required: c.required, best });
    }
    let mut concepts: Vec<ConceptHits> = slots.into_iter().map(|c| c.expect("every concept scored")).collect();
    if !plan.docnos.is_empty() {
        let mut best = vec![0f32; n];
        let mut matched = 0;
        for (p, docnos) in corpus.docnos.iter().enumerate() {
            let hit = docnos.iter().any(|d| {
                plan.docnos.iter().any(|q| {
                    q.serial == d.serial && q.year_digits == d.year_digits && (q.prefix.is_empty() || q.prefix == d.prefix)
                })
            });
            if hit {
                best[p] = DOCNO_WEIGHT;
                matched += 1;
                if hit_count[p] == 0 {
                    touched.push(p);
                }
                hit_count[p] += 1;
            }
        }
        let idf = idf(n, matched);
        concepts.push(ConceptHits { idf, weight: idf, required: true, best });
    }
    touched.sort_unstable();
    let total_weight: f32 = concepts.iter().map(|c| c.weight).sum::<f32>().max(f32::MIN_POSITIVE);
    touched
        .into_iter()
        .map(|p| {
            let mut score = 0.0;
            let mut covered = 0.0;
            let mut full = true;
            for c in &concepts {
                if c.best[p] > 0.0 {
                    score += c.idf * c.best[p];
                    covered += c.weight;
                } else {
                    full &= !c.required;
                }
            }
            if hit_count[p] >= 2 {
                score += proximity(corpus, plan, &concepts, p);
                let text = corpus.field(p, Field::Text);
                for phrase in &plan.phrases {
                    if occurrences(text, phrase, false).next().is_some() {
                        score += PHRASE_BONUS;
                    }
                }
            }
            let coverage = covered / total_weight;
            if !full {
                score *= coverage;
            }
            Scored { point: p, score, full, coverage }
        })
        .collect()
}

/// Bonus for consecutive concepts found close together in the text.
fn proximity(corpus: &Corpus, plan: &Plan, concepts: &[ConceptHits], p: usize) -> f32 {
    let mut bonus = 0.0;
    let k = plan.concepts.len();
    for i in 1..k {
        if concepts[i - 1].best[p] == 0.0 || concepts[i].best[p] == 0.0 {
            continue;
        }
        let a = positions(corpus, &plan.concepts[i - 1], p);
        let b = positions(corpus, &plan.concepts[i], p);
        let mut gap = u32::MAX;
        for &(s1, e1) in &a {
            for &(s2, e2) in &b {
                let g = s2.saturating_sub(e1).max(s1.saturating_sub(e2));
                gap = gap.min(g);
            }
        }
        let w = concepts[i - 1].idf.min(concepts[i].idf);
        bonus += match gap {
            0..=1 => 0.6 * w,
            2..=6 => 0.3 * w,
            7..=20 => 0.1 * w,
            _ => 0.0,
        };
    }
    bonus
}
