//! Facet counts for the current query, and filtering by facet values.
//!
//! Design choice: disjunctive counting, as InstantSearch does it: the counts of a key are taken over
//! the query's hits filtered by every *other* key's choices, so choosing 2022 still shows how many hits
//! 2021 would add. Values are interned once per index ([`FacetTable`]: per key, each point's value ids)
//! so counting 70,000 hits is integer work, not string hashing. Values are ordered by count, then by
//! first appearance in document order, so the output is deterministic. This module owns counting and
//! the value table; the meaning of each key lives in `filter`.

use std::collections::BTreeMap;

use crate::data::Point;
use rustc_hash::FxHashMap;

use super::filter::{for_each_value, KEYS};
use super::{FacetCount, Filter};

/// Per key: the distinct values (in first-seen order) and each point's value ids.
#[derive(Debug, Default)]
pub struct FacetTable {
    keys: Vec<KeyTable>,
}

#[derive(Debug, Default)]
struct KeyTable {
    values: Vec<String>,
    by_value: FxHashMap<String, u32>,
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
    /// Built on every load in the browser; out of line for V8's tiering (see `index::corpus`).
    #[inline(never)]
    pub fn new(points: &[Point]) -> FacetTable {
        let keys = KEYS
            .iter()
            .map(|key| {
                let mut t = KeyTable { offsets: vec![0], ..KeyTable::default() };
                for p in points {
                    for_each_value(p, key, |v| {
                        // Looked up by &str first: a String is made only for a new value.
                        let id = match t.by_value.get(v) {
                            Some(&id) => id,
                            None => {
                                let id = t.values.len() as u32;
                                t.values.push(v.to_string());
                                t.by_value.insert(v.to_string(), id);
                                id
                            }
                        };
                        t.ids.push(id);
                    });
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

    /// The distinct values of `key` that `accept` takes, in first-seen order.
    pub fn values_with(&self, key: &str, accept: impl Fn(&str) -> bool) -> Vec<&str> {
        let Some(t) = self.table(key) else { return Vec::new() };
        t.values.iter().map(String::as_str).filter(|v| accept(v)).collect()
    }

    fn table(&self, key: &str) -> Option<&KeyTable> {
        KEYS.iter().position(|k| *k == key).and_then(|k| self.keys.get(k))
    }

    /// The points (ascending) with a value of `key` that `accept` takes; each distinct value is tested
    /// once.
    pub fn points_with(&self, key: &str, accept: impl Fn(&str) -> bool) -> Vec<u32> {
        let Some(t) = self.table(key) else { return Vec::new() };
        let wanted: Vec<bool> = t.values.iter().map(|v| accept(v)).collect();
        (0..t.offsets.len() - 1).filter(|&p| t.of(p).iter().any(|&id| wanted[id as usize])).map(|p| p as u32).collect()
    }

    /// Whether point `p` passes every compiled filter.
    pub fn passes(&self, c: &Compiled, p: usize) -> bool {
        c.per_key.iter().all(|(k, wanted)| self.has(*k, wanted, p))
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
        let mut out = BTreeMap::new();
        for (k, t) in self.keys.iter().enumerate() {
            // Key by key, so each key's table is read in one sweep.
            let mut counts = vec![0usize; t.values.len()];
            let own = failing_one.iter().filter(|(key, _)| *key == k).map(|(_, p)| p);
            everywhere.iter().chain(own).for_each(|&p| t.of(p).iter().for_each(|&id| counts[id as usize] += 1));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Flags;

    fn point(id: u32, chapter: &str, year: u16) -> Point {
        Point {
            id,
            chapter: chapter.into(),
            category: "c".into(),
            subcategory: None,
            no: id,
            text: "t".into(),
            docnos: vec![],
            docnos_raw: vec![],
            year: Some(year),
            agency: None,
            flags: Flags::default(),
            ..Point::default()
        }
    }

    fn counted(counts: &BTreeMap<String, Vec<FacetCount>>, key: &str) -> Vec<(String, usize)> {
        counts[key].iter().map(|c| (c.value.clone(), c.count)).collect()
    }

    #[test]
    fn each_key_is_counted_over_the_hits_that_pass_the_other_keys_filters() {
        let points = [point(1, "甲", 2021), point(2, "甲", 2022), point(3, "乙", 2022), point(4, "乙", 2021), point(5, "乙", 2021)];
        let table = FacetTable::new(&points);
        let f = |key: &str, value: &str| Filter { key: key.into(), value: value.into() };
        let chosen = table.compile(&[f("chapter", "甲"), f("year", "2022")]);
        let counts = table.counts(&[0, 1, 2, 3, 4], &chosen);
        // Chapters over the 2022 hits (2, 3); years over the 甲 hits (1, 2); other keys over hit 2 alone.
        assert_eq!(counted(&counts, "chapter"), vec![("甲".into(), 1), ("乙".into(), 1)]);
        assert_eq!(counted(&counts, "year"), vec![("2021".into(), 1), ("2022".into(), 1)]);
        assert_eq!(counted(&counts, "category"), vec![("c".into(), 1)]);
        let none = table.compile(&[]);
        assert_eq!(counted(&table.counts(&[0, 1, 2, 3, 4], &none), "year"), vec![("2021".into(), 3), ("2022".into(), 2)]);
    }
}
