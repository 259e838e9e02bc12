//! Facet counts for the current query, and filtering by facet values.
//!
//! Design choice: disjunctive counting, as InstantSearch does it: the counts of a key are taken over
//! the query's hits filtered by every *other* key's choices, so choosing 2022 still shows how many hits
//! 2021 would add. Values are interned once per index ([`FacetTable`]: per key, each point's value ids)
//! so counting 70,000 hits is integer work, not string hashing. Values are ordered by count, then by
//! first appearance in document order, so the output is deterministic. This module owns counting and
//! the value table; the meaning of each key lives in `filter`.

use std::collections::{BTreeMap, HashMap};

use crate::data::Point;

use super::filter::{values, KEYS};
use super::{FacetCount, Filter};

/// Per key: the distinct values (in first-seen order) and each point's value ids.
#[derive(Debug, Default)]
pub struct FacetTable {
    keys: Vec<KeyTable>,
}

#[derive(Debug, Default)]
struct KeyTable {
    values: Vec<String>,
    by_value: HashMap<String, u32>,
    /// CSR: point `p`'s ids are `ids[offsets[p]..offsets[p + 1]]`.
    offsets: Vec<u32>,
    ids: Vec<u32>,
}

impl KeyTable {
    fn of(&self, point: usize) -> &[u32] {
        &self.ids[self.offsets[point] as usize..self.offsets[point + 1] as usize]
    }
}

/// Filters compiled to value ids: per key index, the accepted ids (`None`: the value exists nowhere).
pub struct Compiled {
    per_key: Vec<(usize, Vec<Option<u32>>)>,
}

impl FacetTable {
    pub fn new(points: &[Point]) -> FacetTable {
        let keys = KEYS
            .iter()
            .map(|key| {
                let mut t = KeyTable { offsets: vec![0], ..KeyTable::default() };
                for p in points {
                    for v in values(p, key) {
                        let next = t.values.len() as u32;
                        let id = *t.by_value.entry(v.to_string()).or_insert_with(|| {
                            t.values.push(v.to_string());
                            next
                        });
                        t.ids.push(id);
                    }
                    t.offsets.push(t.ids.len() as u32);
                }
                t
            })
            .collect();
        FacetTable { keys }
    }

    pub fn compile(&self, filters: &[Filter]) -> Compiled {
        let mut per_key: Vec<(usize, Vec<Option<u32>>)> = Vec::new();
        for f in filters {
            // Unknown keys match nothing: an impossible id under a key that does not exist.
            let k = KEYS.iter().position(|k| *k == f.key).unwrap_or(usize::MAX);
            let id = self.keys.get(k).and_then(|t| t.by_value.get(&f.value).copied());
            match per_key.iter_mut().find(|(key, _)| *key == k) {
                Some((_, ids)) => ids.push(id),
                None => per_key.push((k, vec![id])),
            }
        }
        Compiled { per_key }
    }

    /// The points (ascending) with a value of `key` that `accept` takes; each distinct value is tested
    /// once.
    pub fn points_with(&self, key: &str, accept: impl Fn(&str) -> bool) -> Vec<u32> {
        let Some(t) = KEYS.iter().position(|k| *k == key).and_then(|k| self.keys.get(k)) else { return Vec::new() };
        let wanted: Vec<bool> = t.values.iter().map(|v| accept(v)).collect();
        (0..t.offsets.len() - 1).filter(|&p| t.of(p).iter().any(|&id| wanted[id as usize])).map(|p| p as u32).collect()
    }

    /// Whether point `p` passes every compiled filter except those on key index `except`.
    pub fn passes(&self, c: &Compiled, p: usize, except: Option<usize>) -> bool {
        c.per_key.iter().filter(|(k, _)| Some(*k) != except).all(|(k, wanted)| self.has(*k, wanted, p))
    }

    fn has(&self, k: usize, wanted: &[Option<u32>], p: usize) -> bool {
        self.keys.get(k).is_some_and(|t| t.of(p).iter().any(|id| wanted.contains(&Some(*id))))
    }

    /// Counts over `hits` (point indices), per key, with disjunctive semantics.
    pub fn counts(&self, hits: &[usize], c: &Compiled) -> BTreeMap<String, Vec<FacetCount>> {
        // A hit that passes every filter counts under every key; one that fails only key k's filter
        // counts under k alone (k's own choices are not applied to k); one that fails two, nowhere.
        let mut passing: Vec<usize> = Vec::new();
        let mut failing_one: Vec<(usize, usize)> = Vec::new();
        let everywhere = if c.per_key.is_empty() {
            hits
        } else {
            for &p in hits {
                let mut failed = c.per_key.iter().filter(|(k, wanted)| !self.has(*k, wanted, p)).map(|(k, _)| *k);
                match (failed.next(), failed.next()) {
                    (None, _) => passing.push(p),
                    (Some(k), None) => failing_one.push((k, p)),
                    (Some(_), Some(_)) => {}
                }
            }
            &passing
        };
        // Key by key, so each key's table is read in one sweep.
        let counts = self.keys.iter().enumerate().map(|(k, t)| {
            let mut counts = vec![0usize; t.values.len()];
            let own = failing_one.iter().filter(|(key, _)| *key == k).map(|(_, p)| p);
            everywhere.iter().chain(own).for_each(|&p| t.of(p).iter().for_each(|&id| counts[id as usize] += 1));
            counts
        });
        let mut out = BTreeMap::new();
        for ((k, t), counts) in self.keys.iter().enumerate().zip(counts) {
            let mut list: Vec<(usize, usize)> = counts.into_iter().enumerate().filter(|(_, n)| *n > 0).collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            out.insert(
                KEYS[k].to_string(),
                list.into_iter().map(|(id, count)| FacetCount { value: t.values[id].clone(), count }).collect(),
            );
        }
        out
    }
}
