//! The search as a memo of the query: a keystroke runs exactly one search, and renders once.

use std::rc::Rc;

use yew::prelude::*;

use crate::index::Index;
use crate::search::{search_within, Query, Results};

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// The results of `query` (among the points `within` lists, when given) and how long the engine
/// took, in milliseconds. `readings` is whether the index had its readings (pinyin, traditional
/// characters): the search runs again when they arrive.
#[hook]
pub fn use_search(index: Rc<Index>, query: Query, within: Option<Rc<Vec<u32>>>, readings: bool) -> (Rc<Results>, f64) {
    let searched = use_memo((query, within, readings), move |(query, within, _)| {
        let started = now();
        let results = search_within(&index, query, within.as_deref().map(Vec::as_slice));
        (Rc::new(results), now() - started)
    });
    (searched.0.clone(), searched.1)
}
