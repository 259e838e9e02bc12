//! Filters: which points a set of `key = value` choices keeps.
//!
//! Design choice: values of one key are alternatives (OR), different keys must all hold (AND) — the
//! usual faceted-search semantics, which also lets facet counts leave out their own key's choices
//! (see `facet`). Unknown keys match nothing rather than being silently ignored, so a typo in an
//! embed's preset shows up as an empty result. This module owns the key names and their meaning.

use crate::data::Point;

use super::Filter;

pub const KEYS: [&str; 7] = ["chapter", "category", "subcategory", "year", "agency", "document", "flag"];

/// Calls `each` with every value a point has for a key (several for `document` and `flag`). No
/// vector is collected: the facet table is built from these on every load in the browser, and a
/// vector per point and key was most of that work.
pub fn for_each_value(point: &Point, key: &str, mut each: impl FnMut(&str)) {
    match key {
        "chapter" => each(&point.chapter),
        "category" => each(&point.category),
        "subcategory" => point.subcategory.as_deref().into_iter().for_each(each),
        "year" => {
            if let Some(year) = point.year {
                each(&year.to_string());
            }
        }
        "agency" => point.agency.as_deref().into_iter().for_each(each),
        "document" => point.docnos.iter().for_each(|d| each(d)),
        "flag" => {
            let f = &point.flags;
            [(f.repealed, "repealed"), (f.truncated, "truncated"), (f.no_docno, "no_docno"), (f.duplicate_of.is_some(), "duplicate")]
                .into_iter()
                .filter(|(on, _)| *on)
                .for_each(|(_, name)| each(name));
        }
        _ => {}
    }
}

fn has(point: &Point, f: &Filter) -> bool {
    let mut found = false;
    for_each_value(point, &f.key, |v| found |= v == f.value);
    found
}

/// Whether a point passes every filter whose key is not `except`.
pub fn passes(point: &Point, filters: &[Filter], except: Option<&str>) -> bool {
    let mut keys: Vec<&str> = filters.iter().map(|f| f.key.as_str()).filter(|k| Some(*k) != except).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter().all(|k| filters.iter().filter(|f| f.key == k).any(|f| has(point, f)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Flags;

    fn point() -> Point {
        Point {
            id: 1,
            chapter: "财税金融".into(),
            category: "税费减免".into(),
            subcategory: None,
            no: 1,
            text: "t".into(),
            docnos: vec!["晋政办发〔2022〕30号".into()],
            docnos_raw: vec![],
            year: Some(2022),
            agency: Some("省政府办公厅".into()),
            flags: Flags { repealed: true, ..Flags::default() },
            ..Point::default()
        }
    }

    fn f(key: &str, value: &str) -> Filter {
        Filter { key: key.into(), value: value.into() }
    }

    #[test]
    fn same_key_is_or_different_keys_are_and() {
        let p = point();
        assert!(passes(&p, &[f("year", "2021"), f("year", "2022")], None));
        assert!(!passes(&p, &[f("year", "2022"), f("chapter", "人才支持")], None));
        assert!(passes(&p, &[f("year", "2022"), f("chapter", "人才支持")], Some("chapter")));
        assert!(passes(&p, &[f("document", "晋政办发〔2022〕30号"), f("flag", "repealed")], None));
    }

    #[test]
    fn unknown_keys_and_missing_values_match_nothing() {
        let p = point();
        assert!(!passes(&p, &[f("colour", "red")], None));
        assert!(!passes(&p, &[f("subcategory", "")], None));
    }
}
