//! Scoring: BM25 per concept with field weights, whole-word bonus, coverage and proximity.
//!
//! Design choice: scores are per *concept*, not per alternative: a concept's IDF comes from the points
//! that have any of its alternatives, and a point gets its best alternative's BM25 (text) plus
//! saturated heading and title matches, times that alternative's weight — so a synonym never counts
//! twice and a rare synonym cannot outweigh the typed word. Occurrences aligned with charabia's word
//! boundaries count fully, fragments less (排序 inside 快速排序 is found, but ranks below a whole word).
//! A point is *full* when it has every required concept; partial points are scaled by the share of
//! concept weight they cover. Adjacent concepts and phrases found side by side earn a proximity bonus.
//! A point tagged with a tag the concept names (`Concept::tags`: 餐饮 → 住宿餐饮) and without its words
//! has the concept too, scored like a heading match ([`TAG_WEIGHT`] times the tag's weight, and with the
//! tag's IDF where that is lower than the words': a tag is only as telling as it is specific), for
//! coverage but not fullness (its text does not say it): the facts reach the points aimed at that
//! sector, group or instrument that word it otherwise, and the points whose words match keep their
//! scores, so the full matches are the same with or without tags.
//!
//! Cost follows the hits, not the corpus: per concept, the points it matches are a sorted sparse
//! list, and the occurrences found for scoring are kept for proximity. Reading a point's word
//! boundaries is a cache miss per point, so [`score`] gives every matching point an upper bound (each
//! occurrence counted as a whole word) and [`Scores::exact`] computes the exact score of the few the
//! caller may show; coverage, fullness and IDF never depend on alignment, so they are exact from the
//! start. This module owns the numbers; it must not filter, page or build hits.

use crate::analysis::query::{Alt, Plan};
use crate::data::docno::DocNo;
use crate::index::corpus::{occurrences, Corpus, Field};

const K1: f32 = 1.2;
const B: f32 = 0.75;
const HEADING_WEIGHT: f32 = 0.5;
const TITLE_WEIGHT: f32 = 0.3;
const DOCNO_WEIGHT: f32 = 2.0;
/// A tag match counts like a heading match.
pub const TAG_WEIGHT: f32 = HEADING_WEIGHT;
const PHRASE_BONUS: f32 = 1.0;
/// Weak (non-required) concepts count this much towards coverage.
const WEAK_COVERAGE: f32 = 0.5;
const MAX_POSITIONS: usize = 16;

/// A point that matches at least one concept, with an upper bound of its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub point: usize,
    /// At least the exact score ([`Scores::exact`]); equal when no occurrence is a word fragment.
    pub bound: f32,
    /// Has every required concept.
    pub full: bool,
    /// Share of the query's concept weight the point has (0..=1).
    pub coverage: f32,
    /// How many required concepts the point has.
    pub required: u16,
    /// The proximity bonus and how many of the query's phrases the text has: exact already.
    proximity: f32,
    phrases: u32,
}

/// The matching points of a query, ascending, and what [`Scores::exact`] needs to score them exactly.
pub struct Scores<'a> {
    pub scored: Vec<Scored>,
    /// Share of the query's concept weight that some point has (0..=1): what is left is weight no
    /// point can cover, words the list does not use.
    pub known: f32,
    corpus: &'a Corpus,
    prepared: Vec<Vec<Prepared<'a>>>,
    concepts: Vec<ConceptHits>,
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

/// Per-concept results: its IDF, its coverage weight, an upper bound of its best alternative score in
/// each point it has (ascending), and where each string of each alternative occurs (alternative by
/// alternative, their strings in order).
struct ConceptHits {
    idf: f32,
    weight: f32,
    required: bool,
    best: Vec<(u32, f32)>,
    occurrences: Vec<Occurrences>,
    /// The tag score (before IDF) of each point that has the concept only through a tag, ascending.
    tagged: Vec<(u32, f32)>,
}

/// One alternative string's text occurrences, kept from scoring for proximity and exact scores.
struct Occurrences {
    /// (point, start), ascending.
    hits: Vec<(u32, u32)>,
    len: u32,
}

impl Occurrences {
    /// The occurrences in point `p`, searching from `from`, which is left where they start (points
    /// asked for in ascending order cost a walk of the list, not a search each).
    fn at(&self, p: u32, from: &mut usize) -> &[(u32, u32)] {
        let lo = *from + self.hits[*from..].partition_point(|h| h.0 < p);
        let hi = lo + self.hits[lo..].iter().take_while(|h| h.0 == p).count();
        *from = lo;
        &self.hits[lo..hi]
    }
}

/// An alternative prepared for scoring: its strings, which distinct headings and titles have it, and
/// the points those give.
struct Prepared<'a> {
    alt: &'a Alt,
    terms: Vec<&'a Vec<char>>,
    heading: Vec<bool>,
    title: Vec<bool>,
    in_fields: Vec<u32>,
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
    Prepared { alt, terms, heading, title, in_fields }
}

/// At least as many points as have the alternative: those with it in their heading or title, plus
/// those whose text has it (for a loose alternative, its rarest part).
fn estimate(corpus: &Corpus, a: &Prepared) -> usize {
    a.terms.iter().map(|t| corpus.text_points(t)).min().unwrap_or(0) + a.in_fields.len()
}

/// Per point (ascending), how often the alternative occurs in the text — an upper bound of its term
/// frequency, in which fragments count less (see [`exact_tf`]); for a loose alternative, the least
/// frequent part's. Also each string's occurrences.
fn text_counts(corpus: &Corpus, a: &Prepared, keep: impl Fn(u32) -> bool + Copy) -> (Vec<(u32, f32)>, Vec<Occurrences>) {
    let mut acc: Option<Vec<(u32, f32)>> = None;
    let mut found = Vec::with_capacity(a.terms.len());
    for term in &a.terms {
        let hits = corpus.text_hits_where(term, a.alt.numeric, keep);
        let mut counts: Vec<(u32, f32)> = Vec::with_capacity(hits.len());
        for &(p, _) in &hits {
            match counts.last_mut() {
                Some(last) if last.0 == p => last.1 += 1.0,
                _ => counts.push((p, 1.0)),
            }
        }
        acc = Some(match acc {
            None => counts,
            Some(prev) => prev
                .into_iter()
                .filter_map(|(p, t)| counts.binary_search_by_key(&p, |x| x.0).ok().map(|k| (p, t.min(counts[k].1))))
                .collect(),
        });
        found.push(Occurrences { hits, len: term.len() as u32 });
    }
    (acc.unwrap_or_default(), found)
}

/// The alternative's term frequency in point `p` from its strings' occurrences: whole words count
/// fully, fragments less; for a loose alternative, the least frequent part's (0 if a part is absent).
fn exact_tf(corpus: &Corpus, strings: &[Occurrences], p: u32) -> f32 {
    let bounds = &corpus.bounds[p as usize];
    let mut tf: Option<f32> = None;
    for o in strings {
        let here = o.at(p, &mut 0);
        if here.is_empty() {
            return 0.0;
        }
        let mut t = 0.0;
        for &(_, s) in here {
            t += alignment(bounds, s as usize, (s + o.len) as usize);
        }
        tf = Some(tf.map_or(t, |min: f32| min.min(t)));
    }
    tf.unwrap_or(0.0)
}

/// Score of one alternative in one point with text term frequency `tf`, before IDF (0 when absent).
fn alt_score(corpus: &Corpus, a: &Prepared, p: usize, tf: f32) -> f32 {
    let head = a.heading[corpus.heading_of[p] as usize];
    let title = a.title[corpus.title_of[p] as usize];
    if tf == 0.0 && !head && !title {
        return 0.0;
    }
    // Without the term in the text BM25 is 0, and the text's length (a cache miss) is not read.
    let bm25 = if tf == 0.0 {
        0.0
    } else {
        let len = corpus.field(p, Field::Text).len() as f32;
        tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / corpus.avg_len))
    };
    a.alt.weight * (bm25 + if head { HEADING_WEIGHT } else { 0.0 } + if title { TITLE_WEIGHT } else { 0.0 })
}

/// The alternative's scores (before IDF) in the points `keep` accepts that have it in their text
/// (`tfs`), heading or title: the two sorted lists merged, ascending, zero scores left out.
fn alt_scores(corpus: &Corpus, a: &Prepared, tfs: &[(u32, f32)], keep: impl Fn(u32) -> bool) -> Vec<(u32, f32)> {
    let mut out = Vec::with_capacity(tfs.len().max(a.in_fields.len()));
    let mut fields = a.in_fields.iter().copied().peekable();
    let mut texts = tfs.iter().copied().peekable();
    while let Some(p) = match (texts.peek(), fields.peek()) {
        (Some(&(t, _)), Some(&f)) => Some(t.min(f)),
        (Some(&(t, _)), None) => Some(t),
        (None, Some(&f)) => Some(f),
        (None, None) => None,
    } {
        let tf = texts.next_if(|&(t, _)| t == p).map_or(0.0, |(_, tf)| tf);
        fields.next_if_eq(&p);
        if !keep(p) {
            continue;
        }
        let s = alt_score(corpus, a, p as usize, tf);
        if s > 0.0 {
            out.push((p, s));
        }
    }
    out
}

/// Two ascending (point, score) lists as one, with the higher score where both have a point.
pub fn merge_max(a: Vec<(u32, f32)>, b: Vec<(u32, f32)>) -> Vec<(u32, f32)> {
    if a.is_empty() {
        return b;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                let s = x.1.max(y.1);
                let p = x.0;
                a.next();
                b.next();
                (p, s)
            }
            (Some(x), Some(y)) if x.0 < y.0 => a.next().expect("peeked"),
            (Some(_), Some(_)) | (None, Some(_)) => b.next().expect("peeked"),
            (Some(_), None) => a.next().expect("peeked"),
            (None, None) => break,
        };
        out.push(next);
    }
    out
}

/// A point's tag score in an ascending (point, score) list (0 when untagged).
fn tag_score(tags: &[(u32, f32)], p: u32) -> f32 {
    tags.binary_search_by_key(&p, |t| t.0).map_or(0.0, |i| tags[i].1)
}

/// The strings an alternative needs: itself, or all its parts for a loose match.
fn alt_terms(alt: &Alt) -> Vec<&Vec<char>> {
    if alt.parts.is_empty() {
        vec![&alt.term]
    } else {
        alt.parts.iter().collect()
    }
}

/// Whether a document number is one the query asks for (a query's number without an issuer prefix
/// asks for every issuer's).
pub fn asks_for(plan: &Plan, d: &DocNo) -> bool {
    plan.docnos.iter().any(|q| q.serial == d.serial && q.year_digits == d.year_digits && (q.prefix.is_empty() || q.prefix == d.prefix))
}

/// Scores every point that matches at least one concept or has a document number the query asks for
/// (`asked`, ascending, see [`asks_for`]), with upper bounds. `tagged[k]` is, ascending, each point
/// tagged with one of concept `k`'s tags and the best such tag's weight (empty for a concept with no
/// tags, or when `tagged` is shorter than the plan).
pub fn score<'a>(corpus: &'a Corpus, plan: &'a Plan, asked: &[u32], tagged: &[Vec<(u32, f32)>]) -> Scores<'a> {
    let no_tags = Vec::new();
    let tagged_of = |k: usize| tagged.get(k).unwrap_or(&no_tags);
    let n = corpus.len();
    let mut hit_count = vec![0u16; n];
    // Rarest concepts first. A common concept (in more than 1/8 of the points) after a rarer one is
    // scored only where earlier concepts matched: elsewhere it could add only a sliver of coverage,
    // never a full match, and scanning it everywhere is what costs time on a large corpus.
    let prepared: Vec<Vec<Prepared>> = plan.concepts.iter().map(|c| c.alts.iter().map(|a| prepare(corpus, a)).collect()).collect();
    // Counting a common word's points costs about as much as scoring it, and one concept needs no
    // order: it is not counted.
    let estimates: Vec<usize> = if plan.concepts.len() < 2 {
        vec![0; plan.concepts.len()]
    } else {
        prepared.iter().enumerate().map(|(k, alts)| (alts.iter().map(|a| estimate(corpus, a)).sum::<usize>() + tagged_of(k).len()).min(n)).collect()
    };
    let mut order: Vec<usize> = (0..plan.concepts.len()).collect();
    crate::sort::sort_by_key(&mut order, |&k| (estimates[k], k));
    let mut slots: Vec<Option<ConceptHits>> = (0..plan.concepts.len()).map(|_| None).collect();
    for (rank, &k) in order.iter().enumerate() {
        let c = &plan.concepts[k];
        let restrict = rank > 0 && estimates[k] > n / 8;
        let counts = &hit_count;
        let keep = |p: u32| !restrict || counts[p as usize] > 0;
        let mut best: Vec<(u32, f32)> = Vec::new();
        let mut occurrences = Vec::new();
        for prepared in &prepared[k] {
            let (tfs, found) = text_counts(corpus, prepared, keep);
            occurrences.extend(found);
            best = merge_max(best, alt_scores(corpus, prepared, &tfs, keep));
        }
        // The IDF is the words' own: a specific word (学徒) that names a broad tag (用工人才) stays as
        // telling as it is where a text says it. A point tagged without the words has the concept only
        // as surely as the tag is specific, so it counts with the tag's IDF when that is lower: the
        // one text that says 动漫 ranks above every 文化旅游 point. A word no text has takes the tag's.
        let worded = best.len();
        let tags: Vec<(u32, f32)> = tagged_of(k)
            .iter()
            .filter(|&&(p, _)| keep(p) && best.binary_search_by_key(&p, |b| b.0).is_err())
            .map(|&(p, w)| (p, TAG_WEIGHT * w))
            .collect();
        // A restricted concept saw only some of its points: its IDF comes from its postings instead.
        let matched = if worded > 0 { worded } else { tags.len() };
        let idf = idf(n, if restrict { matched.max(estimates[k]) } else { matched });
        let tag_share = if worded > 0 { (self::idf(n, tagged_of(k).len()) / idf).min(1.0) } else { 1.0 };
        let tags: Vec<(u32, f32)> = tags.into_iter().map(|(p, s)| (p, s * tag_share)).collect();
        if !tags.is_empty() {
            best = merge_max(best, tags.clone());
        }
        let weight = if c.required { idf } else { idf * WEAK_COVERAGE };
        for &(p, _) in &best {
            hit_count[p as usize] += 1;
        }
        slots[k] = Some(ConceptHits { idf, weight, required: c.required, best, occurrences, tagged: tags });
    }
    let mut concepts: Vec<ConceptHits> = slots.into_iter().map(|c| c.expect("every concept scored")).collect();
    if !plan.docnos.is_empty() {
        let best: Vec<(u32, f32)> = asked.iter().map(|&p| (p, DOCNO_WEIGHT)).collect();
        for &(p, _) in &best {
            hit_count[p as usize] += 1;
        }
        let idf = idf(n, best.len());
        concepts.push(ConceptHits { idf, weight: idf, required: true, best, occurrences: Vec::new(), tagged: Vec::new() });
    }
    let total_weight: f32 = concepts.iter().map(|c| c.weight).sum::<f32>().max(f32::MIN_POSITIVE);
    let known = concepts.iter().filter(|c| !c.best.is_empty()).map(|c| c.weight).sum::<f32>() / total_weight;
    // Points come in ascending order, so each concept's sorted lists are read with a cursor.
    let mut next = vec![0usize; concepts.len()];
    let mut from: Vec<Vec<usize>> = concepts.iter().map(|c| vec![0; c.occurrences.len()]).collect();
    let mut found = vec![0f32; concepts.len()];
    // Phrases only add to points with two concepts or more: found through the postings for those
    // points rather than by scanning each of their texts.
    let phrases: Vec<Vec<u32>> = plan
        .phrases
        .iter()
        .map(|phrase| {
            let mut points: Vec<u32> =
                corpus.text_hits_where(phrase, false, |p| hit_count[p as usize] >= 2).into_iter().map(|(p, _)| p).collect();
            points.dedup();
            points
        })
        .collect();
    let mut next_phrase = vec![0usize; phrases.len()];
    let mut scored = Vec::with_capacity(hit_count.iter().filter(|&&hits| hits > 0).count());
    for (p, &hits) in hit_count.iter().enumerate() {
        if hits == 0 {
            continue;
        }
        let mut bound = 0.0;
        let mut covered = 0.0;
        let mut full = true;
        let mut required = 0;
        for (i, c) in concepts.iter().enumerate() {
            found[i] = match c.best.get(next[i]) {
                Some(&(q, b)) if q as usize == p => {
                    next[i] += 1;
                    b
                }
                _ => 0.0,
            };
            if found[i] > 0.0 {
                bound += c.idf * found[i];
                covered += c.weight;
                required += u16::from(c.required);
                // Present through its tag alone: the point is about it, but does not say it, so it is
                // never a full match (what a full match shows, the words, it cannot show).
                full &= !(c.required && !c.tagged.is_empty() && tag_score(&c.tagged, p as u32) > 0.0);
            } else {
                full &= !c.required;
            }
        }
        let mut proximity = 0.0;
        let mut in_phrases = 0;
        if hits >= 2 {
            proximity = self::proximity(&concepts[..plan.concepts.len()], &found, &mut from, p as u32);
            for (points, next) in phrases.iter().zip(&mut next_phrase) {
                if points.get(*next) == Some(&(p as u32)) {
                    *next += 1;
                    in_phrases += 1;
                }
            }
        }
        let coverage = covered / total_weight;
        let mut s = Scored { point: p, bound: 0.0, full, coverage, required, proximity, phrases: in_phrases };
        s.bound = s.finish(bound);
        scored.push(s);
    }
    Scores { scored, known, corpus, prepared, concepts }
}

impl Scored {
    /// The score from the sum of the concepts' scores: bonuses added, a partial match scaled down.
    fn finish(&self, concepts: f32) -> f32 {
        let mut score = concepts + self.proximity;
        for _ in 0..self.phrases {
            score += PHRASE_BONUS;
        }
        if self.full {
            score
        } else {
            score * self.coverage
        }
    }
}

impl Scores<'_> {
    /// Whether some point has the plan's concept `k`.
    pub fn matched(&self, k: usize) -> bool {
        !self.concepts[k].best.is_empty()
    }

    /// The exact score of `scored[i]`: what its bound would be with each occurrence counted by how
    /// it aligns with word boundaries.
    pub fn exact(&self, i: usize) -> f32 {
        let s = &self.scored[i];
        let p = s.point as u32;
        let mut sum = 0.0;
        for (k, c) in self.concepts.iter().enumerate() {
            let Ok(at) = c.best.binary_search_by_key(&p, |b| b.0) else { continue };
            // Document numbers (after the plan's concepts) have no alternatives to refine.
            let best = match self.prepared.get(k) {
                None => c.best[at].1,
                Some(alts) => {
                    let mut strings = c.occurrences.as_slice();
                    let mut best = 0f32;
                    for a in alts {
                        let (own, rest) = strings.split_at(a.terms.len());
                        strings = rest;
                        best = best.max(alt_score(self.corpus, a, s.point, exact_tf(self.corpus, own, p)));
                    }
                    best.max(tag_score(&c.tagged, p))
                }
            };
            sum += c.idf * best;
        }
        s.finish(sum)
    }
}

/// Text positions of a concept's alternatives in point `p` (at most [`MAX_POSITIONS`] per string).
fn positions(concept: &ConceptHits, from: &mut [usize], p: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for (o, from) in concept.occurrences.iter().zip(from) {
        out.extend(o.at(p, from).iter().take(MAX_POSITIONS).map(|&(_, s)| (s, s + o.len)));
    }
    out
}

/// Bonus for consecutive concepts found close together in point `p`'s text; `found` is each
/// concept's best score there.
fn proximity(concepts: &[ConceptHits], found: &[f32], from: &mut [Vec<usize>], p: u32) -> f32 {
    let mut bonus = 0.0;
    // Concept i's positions serve both its pairs, so they are found once.
    let mut left: Option<Vec<(u32, u32)>> = None;
    for i in 1..concepts.len() {
        if found[i - 1] == 0.0 || found[i] == 0.0 {
            left = None;
            continue;
        }
        let a = left.take().unwrap_or_else(|| positions(&concepts[i - 1], &mut from[i - 1], p));
        let b = positions(&concepts[i], &mut from[i], p);
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
        left = Some(b);
    }
    bonus
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::data::{Dataset, Point};
    use crate::index::Index;

    /// An index over one point per text (all in one chapter and category, so only the text differs).
    fn index(texts: &[&str]) -> Index {
        let points = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Point { id: i as u32 + 1, chapter: "甲".into(), category: "乙".into(), no: i as u32 + 1, text: t.to_string(), ..Point::default() })
            .collect();
        Index::of(&Dataset { schema_version: crate::data::model::SCHEMA_VERSION, source: "t".into(), points, documents: vec![] })
    }

    /// Each point's exact score for `query` (0 when it does not match), and the bounds too.
    fn scores(index: &Index, query: &str) -> Vec<(f32, f32, bool)> {
        let plan = crate::analysis::query::analyze(&index.tables, &index.corpus, query);
        let s = super::score(&index.corpus, &plan, &[], &[]);
        let mut out = vec![(0.0, 0.0, false); index.points().len()];
        for (i, scored) in s.scored.iter().enumerate() {
            out[scored.point] = (s.exact(i), scored.bound, scored.full);
        }
        out
    }

    #[test]
    fn the_ordering_follows_the_textbook_invariants() {
        // (why, query, the text that must rank higher, the text that must rank lower)
        let table: [(&str, &str, &str, &str); 5] = [
            ("more occurrences", "贷款", "贷款贴息，贷款担保", "贷款贴息，融资担保"),
            ("a shorter text", "贷款贴息", "给予贷款贴息", "给予贷款贴息并支持企业开展多种形式的技术改造和设备更新"),
            ("a whole word over a fragment", "排序", "实施排序规则", "实施快速排序规则"),
            ("words side by side", "稳岗 返还", "落实稳岗返还", "稳岗工作，返还资金"),
            ("every concept over some", "小微企业 税收优惠", "小微企业税收优惠", "大型企业税收优惠"),
        ];
        for (why, query, better, worse) in table {
            let index = index(&[better, worse, "无关的填充文字，用来让语料不止两条"]);
            let s = scores(&index, query);
            assert!(s[0].0 > s[1].0, "{why}: {query:?} scored {better:?} {} and {worse:?} {}", s[0].0, s[1].0);
        }
    }

    #[test]
    fn a_point_tagged_without_the_words_counts_as_the_tag_is_specific() {
        // One text says 动漫; four points carry the tag it names, that one among them.
        let index = index(&["动漫作品扶持", "文旅项目一", "文旅项目二", "文旅项目三", "无关一", "无关二", "无关三", "无关四"]);
        let plan = crate::analysis::query::analyze(&index.tables, &index.corpus, "动漫");
        let tagged = vec![vec![(0, 1.0), (1, 1.0), (2, 1.0), (3, 1.0)]];
        let s = super::score(&index.corpus, &plan, &[], &tagged);
        let exact = |p: usize| s.scored.iter().position(|x| x.point == p).map(|i| s.exact(i)).unwrap();
        assert!((exact(1) - super::idf(8, 4) * super::TAG_WEIGHT).abs() < 1e-4, "{}", exact(1));
        assert!(exact(0) > 2.0 * exact(1), "the text that says it: {} against {}", exact(0), exact(1));
    }

    #[test]
    fn a_bound_is_never_below_the_exact_score_and_fullness_means_every_required_concept() {
        let texts = ["快速排序与排序算法", "排序", "小微企业贷款贴息", "贷款", "贴息贷款贴息", "与此无关"];
        let index = index(&texts);
        for query in ["排序", "贷款贴息", "小微企业 贷款", "贷款 贴息"] {
            for (p, (exact, bound, full)) in scores(&index, query).into_iter().enumerate() {
                assert!(bound + 1e-4 >= exact, "{query:?} on {:?}: bound {bound} < exact {exact}", texts[p]);
                let has_all = query.split(' ').all(|w| texts[p].contains(w));
                assert_eq!(full, has_all, "{query:?} on {:?}", texts[p]);
            }
        }
    }
}
