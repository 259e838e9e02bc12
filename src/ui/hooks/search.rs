//! The search as a memo of the query: a keystroke runs exactly one search, and renders once.

use std::rc::Rc;

use yew::prelude::*;

use crate::index::Index;
use crate::search::{search, Query, Results};

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// The results of `query` and how long the engine took, in milliseconds.
#[hook]
pub fn use_search(index: Rc<Index>, query: Query) -> (Rc<Results>, f64) {
    let searched = use_memo(query, move |query| {
        let started = now();
        let results = search(&index, query);
        (Rc::new(results), now() - started)
    });
    (searched.0.clone(), searched.1)
}
