//! Search: a query in, ranked hits with facets and highlights out.
//!
//! Design choice: one entry point, [`search`], that is a pure function of the index and a [`Query`]:
//! analyse (`analysis::query`), score every point that matches a concept (`score`), keep only points
//! with every required concept — or, when none has them all, the best few partial ones, marked partial
//! so the UI can say 没有完全匹配的政策 — then count facets (`facet`), filter (`filter`), sort with ties
//! broken by id, page, and build highlights (`highlight`) and snippets (`snippet`) for the page only.
//! An empty query is a browse. It returns data, never HTML: rendering belongs to the UI.

pub mod facet;
pub mod filter;
pub mod highlight;
pub mod score;
pub mod snippet;

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::analysis::query::{analyze, Plan};
use crate::index::Index;

/// Page size when the query says 0.
pub const DEFAULT_PAGE_SIZE: usize = 10;
/// When no point has every required concept, at most this many partial matches are returned…
pub const MAX_PARTIAL: usize = 20;
/// …and only those covering at least this share of the query's weight.
pub const MIN_PARTIAL_COVERAGE: f32 = 0.5;
/// When fewer than this many points match fully, the strongest partial matches follow them (each
/// marked `partial`), so a narrow query still shows what comes closest.
pub const FILL_UP_TO: usize = 10;
/// Coverage a partial match needs to follow full ones.
pub const MIN_FILL_COVERAGE: f32 = 0.6;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Query {
    pub text: String,
    pub filters: Vec<Filter>,
    pub sort: Sort,
    /// 0-based.
    pub page: usize,
    /// 0 means [`DEFAULT_PAGE_SIZE`].
    pub page_size: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// chapter | category | subcategory | year | agency | document | flag
    pub key: String,
    pub value: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    DocumentOrder,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    /// Hits after filters, over all pages.
    pub total: usize,
    /// No point matched every concept: these are the best partial matches.
    pub partial: bool,
    pub hits: Vec<Hit>,
    /// Per filter key, value counts over the hits (disjunctive: a key's own choices are not applied).
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    /// How the query was read, when that differs from what was typed (pinyin, a homophone slip).
    pub suggestion: Option<String>,
    /// A user-facing note that the query was altered (truncated, emoji ignored).
    pub notice: Option<String>,
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
    score: f32,
    partial: bool,
}

pub fn search(index: &Index, query: &Query) -> Results {
    let corpus = &index.corpus;
    let points = index.points();
    let plan: Plan = analyze(corpus, &query.text);
    let mut partial = false;
    let mut ranked: Vec<Ranked> = if plan.is_empty() {
        (0..points.len()).map(|point| Ranked { point, score: 0.0, partial: false }).collect()
    } else {
        let scored = score::score(corpus, &plan);
        let full = scored.iter().filter(|s| s.full).count();
        if full > 0 {
            let mut fill: Vec<_> = scored.iter().filter(|s| !s.full && s.coverage >= MIN_FILL_COVERAGE).collect();
            fill.sort_by(|a, b| b.score.total_cmp(&a.score).then(points[a.point].id.cmp(&points[b.point].id)));
            fill.truncate(FILL_UP_TO.saturating_sub(full));
            // Partial fill-ins rank below every full match whatever their score.
            let floor = scored.iter().filter(|s| s.full).map(|s| s.score).fold(f32::MAX, f32::min);
            let fill: Vec<Ranked> = fill
                .into_iter()
                .map(|s| Ranked { point: s.point, score: s.score.min(floor * 0.999), partial: true })
                .collect();
            scored.into_iter().filter(|s| s.full).map(|s| Ranked { point: s.point, score: s.score, partial: false }).chain(fill).collect()
        } else {
            partial = true;
            let mut best: Vec<_> = scored.into_iter().filter(|s| s.coverage >= MIN_PARTIAL_COVERAGE).collect();
            best.sort_by(|a, b| b.score.total_cmp(&a.score).then(points[a.point].id.cmp(&points[b.point].id)));
            best.truncate(MAX_PARTIAL);
            best.into_iter().map(|s| Ranked { point: s.point, score: s.score, partial: true }).collect()
        }
    };
    let compiled = index.facets.compile(&query.filters);
    let mut matched: Vec<usize> = ranked.iter().map(|r| r.point).collect();
    matched.sort_unstable();
    let facets = index.facets.counts(&matched, &compiled);
    ranked.retain(|r| index.facets.passes(&compiled, r.point, None));
    let by_id = |a: &Ranked, b: &Ranked| points[a.point].id.cmp(&points[b.point].id);
    let by_score = |a: &Ranked, b: &Ranked| b.score.total_cmp(&a.score);
    match query.sort {
        Sort::Relevance => ranked.sort_by(|a, b| by_score(a, b).then(by_id(a, b))),
        Sort::DocumentOrder => ranked.sort_by(by_id),
        Sort::Newest => ranked.sort_by(|a, b| {
            let year = |r: &Ranked| points[r.point].year;
            match (year(a), year(b)) {
                (Some(x), Some(y)) => y.cmp(&x),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
            .then(by_score(a, b))
            .then(by_id(a, b))
        }),
    }
    let size = if query.page_size == 0 { DEFAULT_PAGE_SIZE } else { query.page_size };
    let total = ranked.len();
    let hits = ranked
        .iter()
        .skip(query.page.saturating_mul(size))
        .take(size)
        .map(|r| {
            let p = &points[r.point];
            let highlights = highlight::ranges(corpus, r.point, &plan);
            let snippet = snippet::snippet(&p.text, &highlights);
            Hit { id: p.id, chapter: p.chapter.clone(), no: p.no, score: r.score, highlights, snippet, partial: r.partial }
        })
        .collect();
    Results { total, partial: partial && total > 0, hits, facets, suggestion: plan.suggestion, notice: plan.notice }
}
