//! Search: a query in, ranked hits with facets and highlights out.
//!
//! Design choice: one entry point, [`search`], that is a pure function of the index and a [`Query`]:
//! analyse (`analysis::query`), score every point that matches a concept (`score`), keep the points
//! with every required concept and, when they are fewer than [`RELAX_UP_TO`], follow them with
//! *relaxed* matches — points with most of the query weight that any text can cover, their score
//! scaled by the share they cover, marked partial so the UI can say 部分匹配 — and, where ranks are
//! still free, the next closest after those (a plain-language question's answer often shares one or
//! two of its words), those worded like the best answers first by pseudo-relevance feedback (`prf`),
//! or, for a query mostly of words the list does not use, by the share they cover — then count facets (`facet`), filter (`filter`), order with ties broken by id,
//! page, and build highlights (`highlight`) and snippets (`snippet`) for the page only. Relaxation
//! stays honest: words no text uses cover no point, so a query of one unknown word finds nothing, a
//! query mostly of such words shows at most [`FEW_RELAXED`] relaxed matches, and so does one with no
//! full match that next to nothing comes close to.
//! Ordering goes only as far as the requested page: `score` gives upper bounds, and only the
//! points whose bound could reach the page get their exact score and a sorted place (a common word
//! matches tens of thousands of points on a large corpus). An empty query is a browse. It returns
//! data, never HTML: rendering belongs to the UI.

pub mod facet;
pub mod highlight;
pub mod prf;
pub mod request;
pub mod score;
pub mod snippet;

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::analysis::query::{analyze, Plan};
use crate::data::field::{status, FilterKey, Status};
use crate::data::model::Facts;
use crate::data::vocab::{larger_first, vocabulary};
use crate::data::{docno, Point};
use crate::index::Index;

/// Page size when the query says 0.
pub const DEFAULT_PAGE_SIZE: usize = 10;
/// When fewer points than this match fully, relaxed matches (marked `partial`) follow them up to it:
/// a narrow or wordy query still shows what comes closest. A constant, not the page size, so that
/// every page is a slice of one ordering.
pub const RELAX_UP_TO: usize = 20;
/// A relaxed match needs this share of the weight that the corpus can cover at all (words no text
/// uses count for no point), so it has the query's most important concepts, not a stray one.
pub const MIN_RELAXED_COVERAGE: f32 = 0.4;
/// A point with this many of the query's required concepts is a relaxed match whatever their weight:
/// the answer to a long question has a few of its words, rarely most of them.
pub const MIN_RELAXED_CONCEPTS: u16 = 3;
/// A question with this many required concepts that some text has is long (我们是做纺织服装出口的工厂，
/// 怕汇率波动…): one fewer concept makes a relaxed match there.
pub const LONG_QUESTION: usize = 5;
/// When words the list never uses carry more than this share of the query's weight, the question is
/// mostly about something the list does not cover: only [`FEW_RELAXED`] relaxed matches are shown.
pub const MAX_UNKNOWN_SHARE: f32 = 0.5;
/// How many relaxed matches a query the list hardly covers may show (the honesty bound of the
/// judged questions with no answer).
pub const FEW_RELAXED: usize = 3;
/// The closest points with this much of the coverable weight follow the relaxed matches: up to
/// [`RELAX_UP_TO`] for a query the list answers (some full match, or [`FEW_RELAXED`] relaxed ones), and
/// to [`FEW_RELAXED`] for one it hardly answers.
pub const MIN_FEW_COVERAGE: f32 = 0.2;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Query {
    pub text: String,
    pub filters: Vec<Filter>,
    pub sort: Sort,
    /// 0-based.
    pub page: usize,
    /// 0 means [`DEFAULT_PAGE_SIZE`].
    pub page_size: usize,
    /// The date a point's status is judged on (`YYYY-MM-DD`, the visitor's today); `None`: only
    /// repealed points are out of force.
    pub today: Option<String>,
}

/// Keep the points that have `value` for `key`. Build one from text with [`request::filter`], which
/// checks both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub key: FilterKey,
    pub value: String,
}

vocabulary! {
    /// The order of the hits.
    Sort {
        /// Best match first.
        Relevance = "relevance",
        /// Latest document year first, then by relevance.
        Newest = "newest",
        /// As the list prints them.
        DocumentOrder = "document_order",
        /// The largest amount one enterprise can receive first (`max_benefit_yuan`), points without
        /// one last, then by relevance.
        Amount = "amount",
    }
}

impl Default for Sort {
    fn default() -> Sort {
        Sort::Relevance
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    /// Hits after filters, over all pages.
    pub total: usize,
    /// No point matched every concept: these are the best partial matches.
    pub partial: bool,
    pub hits: Vec<Hit>,
    /// Per filter key, value counts over the hits (disjunctive: a key's own choices are not applied).
    pub facets: Facets,
    /// How the query was read, when that differs from what was typed (pinyin, a homophone slip).
    pub suggestion: Option<String>,
    /// A user-facing note that the query was altered (truncated, emoji ignored).
    pub notice: Option<String>,
    /// How an answer was found when not by the words as typed, in one line: the list's words an
    /// everyday word was read as, and the words no policy uses (已按“餐饮/住餐”“扶持”查找；未收录“辞职”).
    /// The literal search ([`crate::analysis::query::literal_query`], the query in quotes) has none.
    pub explanation: Option<String>,
}

/// Value counts per filter key, every key of [`FilterKey::ALL`] in its order (`facets[FilterKey::Year]`);
/// serialised as a map from key names to counts. A list rather than a `BTreeMap`: the keys are
/// few and known, and a map keyed by the enum would be one more copy of the B-tree code in the wasm.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets(pub Vec<(FilterKey, Vec<FacetCount>)>);

impl Facets {
    /// The counts of `key` (empty if none).
    pub fn get(&self, key: FilterKey) -> &[FacetCount] {
        self.0.iter().find(|(k, _)| *k == key).map_or(&[], |(_, counts)| counts.as_slice())
    }
}

impl std::ops::Index<FilterKey> for Facets {
    type Output = [FacetCount];
    fn index(&self, key: FilterKey) -> &[FacetCount] {
        self.get(key)
    }
}

impl Serialize for Facets {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k.as_str(), v)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: u32,
    pub chapter: String,
    pub no: u32,
    pub score: f32,
    /// Half-open char ranges into the point's text.
    pub highlights: Vec<[u32; 2]>,
    pub snippet: Snippet,
    pub partial: bool,
    /// The point's document number that the query asked for (`晋政办发〔2022〕30号`, or `〔2022〕30号`
    /// without an issuer), as the data spells it: what to mark where the number is shown.
    pub docno: Option<String>,
    pub facts: HitFacts,
}

/// A hit's facts (see `../shared/spec/policy-facts.md`), and its status on the query's date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HitFacts {
    #[serde(flatten)]
    pub facts: Facts,
    pub status: Status,
}

impl HitFacts {
    pub fn of(p: &Point, today: Option<&str>) -> HitFacts {
        HitFacts { facts: Facts::of(p), status: status(p, today) }
    }
}

impl std::ops::Deref for HitFacts {
    type Target = Facts;
    fn deref(&self) -> &Facts {
        &self.facts
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    /// Char offset of the snippet in the point's text.
    pub start: u32,
    /// Relative to `text`.
    pub highlights: Vec<[u32; 2]>,
}

struct Ranked {
    point: usize,
    /// Exact, or until `exact` is set an upper bound (see `score`).
    score: f32,
    exact: bool,
    partial: bool,
    /// Where the point is in `score`'s list (for its exact score).
    scored: usize,
}

/// The order of a sort, a total one (ties of score go to the lower id, then the lower point index).
/// Points are read only to break ties: a `Point` read per hit is a cache miss per hit.
fn order(sort: Sort, points: &[Point]) -> impl Fn(&Ranked, &Ranked) -> Ordering + '_ {
    let by_id = |a: &Ranked, b: &Ranked| points[a.point].id.cmp(&points[b.point].id).then(a.point.cmp(&b.point));
    let by_score = |a: &Ranked, b: &Ranked| b.score.total_cmp(&a.score);
    move |a, b| match sort {
        Sort::Relevance => by_score(a, b).then_with(|| by_id(a, b)),
        Sort::DocumentOrder => by_id(a, b),
        Sort::Amount => larger_first(points[a.point].max_benefit_yuan, points[b.point].max_benefit_yuan)
            .then_with(|| by_score(a, b))
            .then_with(|| by_id(a, b)),
        Sort::Newest => match (points[a.point].year, points[b.point].year) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
        .then_with(|| by_score(a, b))
        .then_with(|| by_id(a, b)),
    }
}

/// Puts the first `k` of `list` in `cmp` order, with exact scores, at its front; the rest stay
/// behind them unordered. A query can match tens of thousands of points, and only a page of them
/// needs ordering and exact scores. An entry's bound never ranks it below where its exact score
/// would, so once the k best bounds are made exact, only entries whose bound ranks above the k-th of
/// those can still get in.
/// `cmp` is a trait object so that the standard sorts below are compiled once (see `crate::sort`).
fn first_exact(list: &mut [Ranked], k: usize, cmp: &dyn Fn(&Ranked, &Ranked) -> Ordering, exact: impl Fn(&mut Ranked)) {
    let k = k.min(list.len());
    if k == 0 {
        return;
    }
    if k < list.len() {
        list.select_nth_unstable_by(k - 1, cmp);
    }
    list[..k].iter_mut().for_each(&exact);
    list[..k].sort_unstable_by(cmp);
    let mut end = k;
    for i in k..list.len() {
        if cmp(&list[i], &list[k - 1]) == Ordering::Less {
            exact(&mut list[i]);
            list.swap(i, end);
            end += 1;
        }
    }
    if end > k {
        list[..end].select_nth_unstable_by(k - 1, cmp);
        list[..k].sort_unstable_by(cmp);
    }
}

pub fn search(index: &Index, query: &Query) -> Results {
    search_within(index, query, None)
}

/// [`search`] among the points whose ids `within` lists (ascending) only, facets included: how the
/// 政策匹配 view lets the search box and the facets refine its matches.
pub fn search_within(index: &Index, query: &Query, within: Option<&[u32]>) -> Results {
    let corpus = &index.corpus;
    let points = index.points();
    let plan: Plan = analyze(&index.tables, corpus, &query.text);
    // The document numbers the query asks for, as the data spells them. The corpus has few distinct
    // ones: each is parsed and compared once, and only for a query that names one.
    let asked_docnos: Vec<&str> = if plan.docnos.is_empty() {
        Vec::new()
    } else {
        index.facets.values_with(FilterKey::Document, |v| docno::parse(v).is_some_and(|d| score::asks_for(&plan, &d)))
    };
    let scores = (!plan.is_empty()).then(|| {
        let asked = match asked_docnos.is_empty() {
            true => Vec::new(),
            false => index.facets.points_with(FilterKey::Document, |v| asked_docnos.contains(&v)),
        };
        // Points present through a tag alone are never full matches, so they matter only when the
        // full matches leave room for relaxed ones: only then are the tagged points looked up.
        let words = score::score(corpus, &plan, &asked, &[]);
        let full = words.scored.iter().filter(|s| s.full).count();
        if full >= RELAX_UP_TO || plan.concepts.iter().all(|c| c.tags.is_empty()) {
            words
        } else {
            score::score(corpus, &plan, &asked, &tagged(index, &plan))
        }
    });
    let exact = |r: &mut Ranked| {
        if let (false, Some(scores)) = (r.exact, &scores) {
            r.score = scores.exact(r.scored);
            r.exact = true;
        }
    };
    let by_relevance = order(Sort::Relevance, points);
    let mut partial = false;
    let mut ranked: Vec<Ranked> = match &scores {
        None => (0..points.len()).map(|point| Ranked { point, score: 0.0, exact: true, partial: false, scored: 0 }).collect(),
        Some(scores) => {
            let scored = &scores.scored;
            let ranked = |(i, s): (usize, &score::Scored)| Ranked { point: s.point, score: s.bound, exact: false, partial: !s.full, scored: i };
            let mut full: Vec<Ranked> = Vec::with_capacity(scored.len());
            full.extend(scored.iter().enumerate().filter(|(_, s)| s.full).map(ranked));
            let mut room = RELAX_UP_TO.saturating_sub(full.len());
            if scores.known < 1.0 - MAX_UNKNOWN_SHARE {
                room = room.min(FEW_RELAXED);
            }
            let known_concepts = plan.concepts.iter().enumerate().filter(|&(k, c)| c.required && scores.matched(k)).count();
            let enough = if known_concepts >= LONG_QUESTION { MIN_RELAXED_CONCEPTS - 1 } else { MIN_RELAXED_CONCEPTS };
            let close = |min: f32, s: &score::Scored| s.coverage >= min * scores.known || s.required >= enough;
            // The points close at `min` but not at `below`.
            let relaxed_from = |min: f32, below: Option<f32>| -> Vec<Ranked> {
                let band = |s: &score::Scored| !s.full && close(min, s) && !below.is_some_and(|b| close(b, s));
                scored.iter().enumerate().filter(|(_, s)| band(s)).map(ranked).collect()
            };
            let mut relaxed = if room == 0 { Vec::new() } else { relaxed_from(MIN_RELAXED_COVERAGE, None) };
            let hardly = full.is_empty() && relaxed.len() < FEW_RELAXED;
            if hardly {
                // Nothing matches fully and next to nothing comes close: the few that come closest, but
                // no more than a few.
                relaxed = relaxed_from(MIN_FEW_COVERAGE, None);
                room = FEW_RELAXED;
            }
            first_exact(&mut relaxed, room, &by_relevance, exact);
            relaxed.truncate(room);
            if !hardly && relaxed.len() < room {
                // A query the list answers, with ranks to spare: the next closest fill them, after the
                // relaxed matches (a question's answer often shares only one or two of its words). When
                // the list covers most of the query, they are found by pseudo-relevance feedback (see
                // `prf`): the points worded like the best answers, and those closest to the query, first.
                // Otherwise the ones with more of the query's weight first — of two points that each have
                // only a part of the question, the larger part is the better answer — then by score.
                let spare = room - relaxed.len();
                let mut more = if scores.known >= 1.0 - MAX_UNKNOWN_SHARE {
                    full.iter_mut().for_each(exact);
                    crate::sort::sort_by(&mut full, &by_relevance);
                    let best: Vec<(usize, f32)> = full.iter().chain(&relaxed).take(prf::FEEDBACK_POINTS).map(|r| (r.point, r.score)).collect();
                    let terms = prf::terms(corpus, &best, prf::EXPANSION_WORDS);
                    let fed = prf::scores(corpus, &terms, |p| scored.binary_search_by_key(&(p as usize), |s| s.point).is_ok());
                    let taken: Vec<usize> = relaxed.iter().map(|r| r.point).collect();
                    let mut more = fed_back(scored, &fed, |s| close(MIN_FEW_COVERAGE, s), &taken, exact);
                    first_exact(&mut more, spare, &by_relevance, exact);
                    more
                } else {
                    let mut more = relaxed_from(MIN_FEW_COVERAGE, Some(MIN_RELAXED_COVERAGE));
                    let share = |r: &Ranked| scored[r.scored].coverage;
                    first_exact(&mut more, spare, &|a: &Ranked, b: &Ranked| share(b).total_cmp(&share(a)).then_with(|| by_relevance(a, b)), exact);
                    more
                };
                more.truncate(spare);
                // Scores that keep that order, each under the one before and the first under the
                // lowest relaxed match.
                let mut cap = relaxed.iter().map(|r| r.score).fold(f32::MAX, f32::min);
                for r in &mut more {
                    cap = r.score.min(cap * 0.999);
                    r.score = cap;
                }
                relaxed.extend(more);
            }
            if !full.is_empty() && !relaxed.is_empty() {
                // Relaxed matches rank below every full match whatever their score: scaled (all exact
                // by now) under the lowest full score, keeping their own order.
                full.iter_mut().for_each(exact);
                let floor = full.iter().map(|r| r.score).fold(f32::MAX, f32::min);
                let top = relaxed.iter().map(|r| r.score).fold(f32::MIN_POSITIVE, f32::max);
                if top >= floor {
                    let scale = floor * 0.999 / top;
                    relaxed.iter_mut().for_each(|r| r.score *= scale);
                }
            }
            partial = full.is_empty();
            full.extend(relaxed);
            full
        }
    };
    if let Some(ids) = within {
        ranked.retain(|r| ids.binary_search(&points[r.point].id).is_ok());
    }
    let table = index.facets.view(points, query.today.as_deref());
    let compiled = facet::compile(&table, &query.filters);
    let matched: Vec<usize> = ranked.iter().map(|r| r.point).collect();
    let facets = facet::counts(&table, &matched, &compiled);
    ranked.retain(|r| facet::passes(&table, &compiled, r.point));
    let size = if query.page_size == 0 { DEFAULT_PAGE_SIZE } else { query.page_size };
    let total = ranked.len();
    let first = query.page.saturating_mul(size);
    if first < total {
        first_exact(&mut ranked, first.saturating_add(size), &order(query.sort, points), exact);
    }
    let hits = ranked
        .iter()
        .skip(first)
        .take(size)
        .map(|r| {
            let p = &points[r.point];
            let highlights = highlight::ranges(corpus, r.point, &plan);
            let snippet = snippet::snippet(&p.text, &highlights);
            let docno = p.docnos.iter().find(|d| asked_docnos.contains(&d.as_str())).cloned();
            let facts = HitFacts::of(p, query.today.as_deref());
            Hit { id: p.id, chapter: p.chapter.clone(), no: p.no, score: r.score, highlights, snippet, partial: r.partial, docno, facts }
        })
        .collect();
    let explanation = scores.as_ref().filter(|_| total > 0 && !plan.literal).and_then(|s| explain(&plan, s));
    Results { total, partial: partial && total > 0, hits, facets, suggestion: plan.suggestion, notice: plan.notice, explanation }
}

/// The candidates for the free ranks under pseudo-relevance feedback: every point of `scored` neither
/// full nor `taken` that `close` accepts or that has an expansion word (`fed`, ascending, see
/// [`prf::scores`]), scored by its own score and its feedback score mixed, each as a share of the
/// highest of these candidates ([`prf::FEEDBACK_WEIGHT`] of the feedback's).
fn fed_back(scored: &[score::Scored], fed: &[(u32, f32)], close: impl Fn(&score::Scored) -> bool, taken: &[usize], exact: impl Fn(&mut Ranked)) -> Vec<Ranked> {
    let fed_of = |p: usize| fed.binary_search_by_key(&(p as u32), |f| f.0).map_or(0.0, |i| fed[i].1);
    let mut pool: Vec<(Ranked, f32)> = Vec::new();
    for (i, s) in scored.iter().enumerate() {
        let f = fed_of(s.point);
        if !s.full && !taken.contains(&s.point) && (f > 0.0 || close(s)) {
            pool.push((Ranked { point: s.point, score: s.bound, exact: false, partial: true, scored: i }, f));
        }
    }
    pool.iter_mut().for_each(|(r, _)| exact(r));
    let top_own = pool.iter().map(|(r, _)| r.score).fold(f32::MIN_POSITIVE, f32::max);
    let top_fed = pool.iter().map(|&(_, f)| f).fold(f32::MIN_POSITIVE, f32::max);
    pool.into_iter()
        .map(|(r, f)| Ranked { score: (1.0 - prf::FEEDBACK_WEIGHT) * r.score / top_own + prf::FEEDBACK_WEIGHT * f / top_fed, ..r })
        .collect()
}

/// Per concept of the plan, the points tagged with one of its tags and the best such tag's weight,
/// ascending (see `score::score`).
fn tagged(index: &Index, plan: &Plan) -> Vec<Vec<(u32, f32)>> {
    plan.concepts
        .iter()
        .map(|c| {
            let mut out: Vec<(u32, f32)> = Vec::new();
            for &(tag, w) in &c.tags {
                let points = index.facets.points_with(tag.key, |v| v == tag.word);
                out = score::merge_max(out, points.into_iter().map(|p| (p, w)).collect());
            }
            out
        })
        .collect()
}

/// The explanation line (see [`Results::explanation`]), when some typed word was read as the list's
/// words or left out for no policy using it.
fn explain(plan: &Plan, scores: &score::Scores) -> Option<String> {
    let quoted = |words: &[String]| words.iter().map(|w| format!("“{w}”")).collect::<String>();
    let mut searched = Vec::new();
    let mut missing = Vec::new();
    for (k, c) in plan.concepts.iter().enumerate() {
        if !scores.matched(k) {
            missing.push(c.label.clone());
        } else if c.required || !c.read_as.is_empty() {
            searched.push(if c.read_as.is_empty() { c.label.clone() } else { c.read_as.join("/") });
        }
    }
    let translated = plan.concepts.iter().any(|c| !c.read_as.is_empty());
    let mut parts = Vec::new();
    if translated || !missing.is_empty() {
        parts.push(format!("已按{}查找", quoted(&searched)));
    }
    if !missing.is_empty() {
        parts.push(format!("政策中没有{}", quoted(&missing)));
    }
    (!parts.is_empty()).then(|| parts.join("；"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic pseudo-random numbers for the selection cases.
    fn numbers(mut seed: u64) -> impl FnMut() -> u32 {
        move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        }
    }

    #[test]
    fn selecting_the_first_entries_by_bounds_gives_the_order_of_the_exact_scores() {
        let mut next = numbers(7);
        for _ in 0..500 {
            let n = (next() % 40) as usize;
            // Few distinct scores, so ties (broken by point) are common; some bounds are exact.
            let exact_of: Vec<f32> = (0..n).map(|_| (next() % 6) as f32).collect();
            let mut list: Vec<Ranked> = (0..n)
                .map(|p| Ranked { point: p, score: exact_of[p] + (next() % 4) as f32, exact: false, partial: false, scored: p })
                .collect();
            let cmp = |a: &Ranked, b: &Ranked| b.score.total_cmp(&a.score).then(a.point.cmp(&b.point));
            let k = (next() % 12) as usize;
            first_exact(&mut list, k, &cmp, |r: &mut Ranked| {
                r.score = exact_of[r.point];
                r.exact = true;
            });
            let mut expected: Vec<(f32, usize)> = exact_of.iter().copied().zip(0..n).collect();
            expected.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            expected.truncate(k);
            let got: Vec<(f32, usize)> = list.iter().take(k).map(|r| (r.score, r.point)).collect();
            assert_eq!(got, expected, "exact scores {exact_of:?}, first {k}");
        }
    }

    /// An index of points about 贷款 with the given facts.
    #[cfg(not(target_arch = "wasm32"))]
    fn with_facts(points: Vec<Point>) -> Index {
        let points = points
            .into_iter()
            .enumerate()
            .map(|(i, p)| Point { id: i as u32 + 1, no: i as u32 + 1, chapter: "甲".into(), category: "乙".into(), text: format!("第{i}项贷款支持"), ..p })
            .collect();
        Index::of(&crate::data::Dataset { schema_version: crate::data::model::SCHEMA_VERSION, source: "t".into(), points, documents: vec![] })
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_amount_sort_puts_the_largest_benefit_first_and_points_without_one_last() {
        let most = |y: Option<f64>| Point { max_benefit_yuan: y, ..Point::default() };
        let index = with_facts(vec![most(None), most(Some(5e5)), most(Some(3e7)), most(None), most(Some(5e5))]);
        let r = search(&index, &Query { text: "贷款".into(), sort: Sort::Amount, ..Query::default() });
        assert_eq!(r.hits.iter().map(|h| h.id).collect::<Vec<_>>(), [3, 2, 5, 1, 4]);
        assert_eq!(r.hits[0].facts.max_benefit_yuan, Some(3e7));
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn status_is_judged_on_the_querys_date_and_filters_and_counts_like_any_key() {
        let until = |d: Option<&str>, repealed: bool| Point {
            valid_until: d.map(String::from),
            flags: crate::data::Flags { repealed, ..Default::default() },
            ..Point::default()
        };
        let index = with_facts(vec![until(Some("2023-12-31"), false), until(None, false), until(None, true), until(Some("2025-12-31"), false)]);
        let on = |today: &str, filters: Vec<Filter>| search(&index, &Query { today: Some(today.into()), filters, ..Query::default() });
        let counts = |r: &Results| r.facets[FilterKey::Status].iter().map(|c| (c.value.clone(), c.count)).collect::<Vec<_>>();
        assert_eq!(counts(&on("2024-06-01", vec![])), [("有效".into(), 2), ("已到期".into(), 1), ("已废止".into(), 1)]);
        assert_eq!(counts(&on("2026-01-01", vec![])), [("已到期".into(), 2), ("有效".into(), 1), ("已废止".into(), 1)]);
        let valid = on("2026-01-01", vec![Filter { key: FilterKey::Status, value: "有效".into() }]);
        assert_eq!(valid.hits.iter().map(|h| (h.id, h.facts.status)).collect::<Vec<_>>(), [(2, Status::Valid)]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_fact_filter_keeps_the_points_tagged_with_it_and_values_of_one_key_are_alternatives() {
        use crate::data::vocab::Support as S;
        let support = |s: Vec<S>| Point { support: s, ..Point::default() };
        let index = with_facts(vec![support(vec![S::Grants]), support(vec![S::Financing, S::Grants]), support(vec![]), support(vec![S::Staffing])]);
        let kept = |values: &[&str]| {
            let filters = values.iter().map(|v| request::filter(&index, "support", v).unwrap()).collect();
            search(&index, &Query { filters, ..Query::default() }).hits.iter().map(|h| h.id).collect::<Vec<_>>()
        };
        assert_eq!(kept(&["资金奖补"]), [1, 2]);
        assert_eq!(kept(&["融资支持", "用工人才"]), [2, 4]);
        assert!(request::filter(&index, "support", "资金补贴").is_err(), "a word outside the vocabulary is refused");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_word_that_names_a_tag_reaches_the_points_tagged_with_it_as_partial_matches_after_the_words() {
        use crate::data::vocab::Industry;
        let point = |text: &str, industries: Vec<Industry>| Point { text: text.into(), industries, ..Point::default() };
        let points = vec![
            point("支持住宿业发展壮大", vec![Industry::Hospitality]),
            point("鼓励餐饮企业提质升档", vec![]),
            point("其他无关的内容", vec![]),
            point("落实税费优惠", vec![Industry::Manufacturing]),
        ];
        let points = points.into_iter().enumerate().map(|(i, p)| Point { id: i as u32 + 1, no: i as u32 + 1, chapter: "甲".into(), category: "乙".into(), ..p }).collect();
        let index = Index::of(&crate::data::Dataset { schema_version: crate::data::model::SCHEMA_VERSION, source: "t".into(), points, documents: vec![] });
        let found = |text: &str| search(&index, &Query { text: text.into(), ..Query::default() }).hits.iter().map(|h| (h.id, h.partial)).collect::<Vec<_>>();
        assert_eq!(found("餐饮"), [(2, false), (1, true)]);
        assert_eq!(found("住宿餐饮"), [(1, true)], "a vocabulary word names itself");
        assert_eq!(found("\"餐饮\""), [(2, false)], "a quoted query is read literally");
    }

    /// An index of `texts` (ids from 1) followed by 40 unrelated points, so that no word of theirs is
    /// common.
    #[cfg(not(target_arch = "wasm32"))]
    fn with_unrelated(texts: &[&str]) -> Index {
        let points = texts
            .iter()
            .map(|t| t.to_string())
            .chain((0..40).map(|k| format!("无关内容第{k}条")))
            .enumerate()
            .map(|(i, text)| Point { id: i as u32 + 1, no: i as u32 + 1, chapter: "甲".into(), category: "乙".into(), text, ..Point::default() })
            .collect();
        Index::of(&crate::data::Dataset { schema_version: crate::data::model::SCHEMA_VERSION, source: "t".into(), points, documents: vec![] })
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn free_ranks_of_an_answered_query_go_to_the_next_closest_after_the_relaxed_matches() {
        let texts = ["给予贷款贴息和担保", "贷款贴息之一", "贷款贴息之二", "贷款贴息之三", "担保之一", "担保之二"];
        let index = with_unrelated(&texts);
        let found = |text: &str| search(&index, &Query { text: text.into(), ..Query::default() }).hits.iter().map(|h| (h.id, h.partial)).collect::<Vec<_>>();
        // One full match, three with two of the three words (relaxed), two with one word (the next closest).
        let got = found("贷款 贴息 担保");
        assert_eq!(got[0], (1, false));
        assert_eq!(got[1..4].iter().map(|h| h.0).collect::<std::collections::BTreeSet<_>>(), [2, 3, 4].into());
        assert_eq!(got[4..].iter().map(|h| h.0).collect::<std::collections::BTreeSet<_>>(), [5, 6].into());
        assert!(got[1..].iter().all(|h| h.1), "{got:?}");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn free_ranks_go_first_to_the_points_worded_like_the_best_answer() {
        // One full match; two points as long as each other with one of the three words each, the one
        // with the lower id unlike it, the other worded like it; one worded like it without any of the
        // query's words.
        let texts = ["给予贷款贴息和奖励，降低融资担保成本", "贷款期满可以到银行办理续贷手续", "创业担保贷款，降低融资担保成本", "降低融资担保成本的措施"];
        let index = with_unrelated(&texts);
        let r = search(&index, &Query { text: "贷款 贴息 奖励".into(), ..Query::default() });
        let got: Vec<(u32, bool)> = r.hits.iter().map(|h| (h.id, h.partial)).collect();
        assert_eq!(got, [(1, false), (3, true), (2, true)], "the point worded like the full match comes first, and one without the query's words never");
        assert!(r.hits[1].score > r.hits[2].score && r.hits[0].score > r.hits[1].score);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_search_within_some_points_finds_and_counts_only_those() {
        let index = with_facts((0..6).map(|_| Point::default()).collect());
        let r = search_within(&index, &Query { text: "贷款".into(), ..Query::default() }, Some(&[2, 5]));
        assert_eq!((r.total, r.hits.iter().map(|h| h.id).collect::<Vec<_>>()), (2, vec![2, 5]));
        assert_eq!(r.facets[FilterKey::Chapter][0].count, 2);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn every_page_is_the_slice_of_the_whole_ordering() {
        let json = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/policies.json")).unwrap();
        let index = Index::of(&serde_json::from_slice(&json).unwrap());
        let year = vec![Filter { key: FilterKey::Year, value: "2022".into() }];
        for text in ["企业", "贷款", "税", "小微企业有哪些税收优惠", "没有抵押物怎么贷款", "拖欠 中小企业 账款", "晋政办发〔2022〕30号", ""] {
            for &sort in Sort::ALL {
                for filters in [vec![], year.clone()] {
                    let query = Query { text: text.into(), filters, sort, ..Query::default() };
                    let whole = search(&index, &Query { page_size: 10_000, ..query.clone() });
                    for page_size in [1, 3, 10] {
                        let pages: Vec<Hit> = (0..)
                            .map(|page| search(&index, &Query { page, page_size, ..query.clone() }))
                            .take_while(|r| !r.hits.is_empty())
                            .flat_map(|r| r.hits)
                            .collect();
                        assert_eq!(pages, whole.hits, "{text:?} by {sort:?} in pages of {page_size}");
                    }
                }
            }
        }
    }
}
