//! Facet counts for the current query.
//!
//! Design choice: disjunctive counting, as InstantSearch does it: the counts of a key are taken over
//! the query's hits filtered by every *other* key's choices, so choosing 2022 still shows how many hits
//! 2021 would add. Values are ordered by count, then by first appearance in document order, so the
//! output is deterministic. This module owns counting; it must not rank.

use std::collections::{BTreeMap, HashMap};

use crate::data::Point;

use super::filter::{passes, values, KEYS};
use super::{FacetCount, Filter};

/// Counts over `hits` (in document order), per key, with disjunctive semantics.
pub fn counts(hits: &[&Point], filters: &[Filter]) -> BTreeMap<String, Vec<FacetCount>> {
    let mut out = BTreeMap::new();
    for key in KEYS {
        let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
        for p in hits.iter().filter(|p| passes(p, filters, Some(key))) {
            for v in values(p, key) {
                let order = seen.len();
                seen.entry(v).or_insert((0, order)).0 += 1;
            }
        }
        let mut list: Vec<(String, (usize, usize))> = seen.into_iter().collect();
        list.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
        out.insert(key.to_string(), list.into_iter().map(|(value, (count, _))| FacetCount { value, count }).collect());
    }
    out
}
