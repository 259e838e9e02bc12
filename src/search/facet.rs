//! Facet counts for the current query, and filtering by facet values.
//!
//! Design choice: disjunctive counting, as InstantSearch does it: the counts of a key are taken over
//! the query's hits filtered by every *other* key's choices, so choosing 2022 still shows how many hits
//! 2021 would add. Values of one key are alternatives (OR), different keys must all hold (AND). Filters
//! are compiled to the index's value ids ([`FacetView`]) so counting 70,000 hits is integer work.
//! Values are ordered by count, then by first appearance in document order, so the output is
//! deterministic. This module owns counting and filtering; the keys and the table are the index's.

use crate::data::field::FilterKey;
use crate::index::facets::FacetView;

use super::{FacetCount, Facets, Filter};

/// Filters compiled to value ids: per key, the accepted ids (`None`: the value exists nowhere).
pub struct Compiled {
    per_key: Vec<(FilterKey, Vec<Option<u32>>)>,
}

pub fn compile(table: &FacetView, filters: &[Filter]) -> Compiled {
    let mut per_key: Vec<(FilterKey, Vec<Option<u32>>)> = Vec::new();
    for f in filters {
        let id = table.id(f.key, &f.value);
        match per_key.iter_mut().find(|(key, _)| *key == f.key) {
            Some((_, ids)) => ids.push(id),
            None => per_key.push((f.key, vec![id])),
        }
    }
    Compiled { per_key }
}

fn has(table: &FacetView, key: FilterKey, wanted: &[Option<u32>], p: usize) -> bool {
    table.ids(key, p).iter().any(|id| wanted.contains(&Some(*id)))
}

/// Whether point `p` passes every compiled filter.
pub fn passes(table: &FacetView, c: &Compiled, p: usize) -> bool {
    c.per_key.iter().all(|(k, wanted)| has(table, *k, wanted, p))
}

/// Counts over `hits` (point indices), per key, with disjunctive semantics.
pub fn counts(table: &FacetView, hits: &[usize], c: &Compiled) -> Facets {
    // A hit that passes every filter counts under every key; one that fails only key k's filter
    // counts under k alone (k's own choices are not applied to k); one that fails two, nowhere.
    let mut passing: Vec<usize> = Vec::new();
    let mut failing_one: Vec<(FilterKey, usize)> = Vec::new();
    let everywhere = if c.per_key.is_empty() {
        hits
    } else {
        for &p in hits {
            let mut failed = c.per_key.iter().filter(|(k, wanted)| !has(table, *k, wanted, p)).map(|(k, _)| *k);
            match (failed.next(), failed.next()) {
                (None, _) => passing.push(p),
                (Some(k), None) => failing_one.push((k, p)),
                (Some(_), Some(_)) => {}
            }
        }
        &passing
    };
    let mut out = Vec::with_capacity(FilterKey::ALL.len());
    for &key in FilterKey::ALL {
        // Key by key, so each key's table is read in one sweep.
        let values = table.values(key);
        let mut counts = vec![0usize; values.len()];
        let own = failing_one.iter().filter(|(k, _)| *k == key).map(|(_, p)| p);
        everywhere.iter().chain(own).for_each(|&p| table.ids(key, p).iter().for_each(|&id| counts[id as usize] += 1));
        let mut list: Vec<(usize, usize)> = counts.into_iter().enumerate().filter(|(_, n)| *n > 0).collect();
        crate::sort::sort_by(&mut list, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out.push((key, list.into_iter().map(|(id, count)| FacetCount { value: values[id].clone(), count }).collect()));
    }
    Facets(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Point;
    use crate::index::facets::FacetTable;

    fn point(id: u32, chapter: &str, year: u16) -> Point {
        Point { id, chapter: chapter.into(), category: "c".into(), no: id, text: "t".into(), year: Some(year), ..Point::default() }
    }

    fn counted(counts: &Facets, key: FilterKey) -> Vec<(String, usize)> {
        counts[key].iter().map(|c| (c.value.clone(), c.count)).collect()
    }

    fn f(key: FilterKey, value: &str) -> Filter {
        Filter { key, value: value.into() }
    }

    #[test]
    fn each_key_is_counted_over_the_hits_that_pass_the_other_keys_filters() {
        let points = [point(1, "甲", 2021), point(2, "甲", 2022), point(3, "乙", 2022), point(4, "乙", 2021), point(5, "乙", 2021)];
        let table = FacetTable::new(&points);
        let table = table.view(&points, None);
        let chosen = compile(&table, &[f(FilterKey::Chapter, "甲"), f(FilterKey::Year, "2022")]);
        let counts = counts(&table, &[0, 1, 2, 3, 4], &chosen);
        // Chapters over the 2022 hits (2, 3); years over the 甲 hits (1, 2); other keys over hit 2 alone.
        assert_eq!(counted(&counts, FilterKey::Chapter), vec![("甲".into(), 1), ("乙".into(), 1)]);
        assert_eq!(counted(&counts, FilterKey::Year), vec![("2021".into(), 1), ("2022".into(), 1)]);
        assert_eq!(counted(&counts, FilterKey::Category), vec![("c".into(), 1)]);
        let none = compile(&table, &[]);
        assert_eq!(counted(&super::counts(&table, &[0, 1, 2, 3, 4], &none), FilterKey::Year), vec![("2021".into(), 3), ("2022".into(), 2)]);
    }

    #[test]
    fn values_of_one_key_are_alternatives_and_different_keys_must_all_hold() {
        let points = [point(1, "甲", 2021), point(2, "甲", 2022), point(3, "乙", 2022)];
        let table = FacetTable::new(&points);
        let table = table.view(&points, None);
        let kept = |filters: &[Filter]| {
            let c = compile(&table, filters);
            (0..points.len()).filter(|&p| passes(&table, &c, p)).map(|p| points[p].id).collect::<Vec<_>>()
        };
        assert_eq!(kept(&[f(FilterKey::Year, "2021"), f(FilterKey::Year, "2022")]), [1, 2, 3]);
        assert_eq!(kept(&[f(FilterKey::Year, "2022"), f(FilterKey::Chapter, "甲")]), [2]);
        assert_eq!(kept(&[f(FilterKey::Year, "1999")]), Vec::<u32>::new());
    }
}
