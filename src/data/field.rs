//! The fields a point can be filtered and faceted by: [`FilterKey`], and the values a point has for
//! each.
//!
//! Design choice: the keys are one closed enum with one spelling each (`chapter`, `year`, …), so the
//! CLI, the URL, the element's attributes and the JS API parse the same words into the same type, and
//! a key added here reaches every face (the compiler finds each `match` that must learn it). The key
//! belongs to the dataset, not to search: the index builds its facet table from
//! [`for_each_value`] on load, below the search that filters by it. This module owns the keys, their
//! labels and what value a point has for each; what a filter does with them is `search::filter`'s.

use super::vocab::vocabulary;
use super::Point;

vocabulary! {
    /// A filterable field of a point.
    FilterKey {
        /// The 篇, e.g. `财税金融`.
        Chapter = "chapter",
        /// The `一、` heading.
        Category = "category",
        /// The `（一）` heading.
        Subcategory = "subcategory",
        /// The year of the point's first document number, e.g. `2022`.
        Year = "year",
        /// The issuing body of the first document number.
        Agency = "agency",
        /// Any of the point's document numbers, canonical (`晋政办发〔2022〕30号`).
        Document = "document",
        /// `repealed`, `truncated`, `no_docno`, `duplicate`.
        Flag = "flag",
    }
}

impl FilterKey {
    /// The key's name for people, as facets, chips and forms show it.
    pub fn label(self) -> &'static str {
        match self {
            FilterKey::Chapter => "篇章",
            FilterKey::Category => "类别",
            FilterKey::Subcategory => "子类",
            FilterKey::Year => "年份",
            FilterKey::Agency => "发文机关",
            FilterKey::Document => "文件",
            FilterKey::Flag => "标记",
        }
    }
}

/// Calls `each` with every value a point has for a key (several for `document` and `flag`). No
/// vector is collected: the facet table is built from these on every load in the browser, and a
/// vector per point and key was most of that work.
pub fn for_each_value(point: &Point, key: FilterKey, mut each: impl FnMut(&str)) {
    match key {
        FilterKey::Chapter => each(&point.chapter),
        FilterKey::Category => each(&point.category),
        FilterKey::Subcategory => point.subcategory.as_deref().into_iter().for_each(each),
        FilterKey::Year => {
            if let Some(year) = point.year {
                each(&year.to_string());
            }
        }
        FilterKey::Agency => point.agency.as_deref().into_iter().for_each(each),
        FilterKey::Document => point.docnos.iter().for_each(|d| each(d)),
        FilterKey::Flag => {
            let f = &point.flags;
            [(f.repealed, "repealed"), (f.truncated, "truncated"), (f.no_docno, "no_docno"), (f.duplicate_of.is_some(), "duplicate")]
                .into_iter()
                .filter(|(on, _)| *on)
                .for_each(|(_, name)| each(name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Flags;

    fn values(point: &Point, key: FilterKey) -> Vec<String> {
        let mut out = Vec::new();
        for_each_value(point, key, |v| out.push(v.to_string()));
        out
    }

    #[test]
    fn each_key_reads_its_field() {
        let p = Point {
            chapter: "财税金融".into(),
            category: "税费减免".into(),
            docnos: vec!["晋政办发〔2022〕30号".into(), "晋发〔2021〕1号".into()],
            year: Some(2022),
            flags: Flags { repealed: true, duplicate_of: Some(3), ..Flags::default() },
            ..Point::default()
        };
        let table: [(FilterKey, &[&str]); 7] = [
            (FilterKey::Chapter, &["财税金融"]),
            (FilterKey::Category, &["税费减免"]),
            (FilterKey::Subcategory, &[]),
            (FilterKey::Year, &["2022"]),
            (FilterKey::Agency, &[]),
            (FilterKey::Document, &["晋政办发〔2022〕30号", "晋发〔2021〕1号"]),
            (FilterKey::Flag, &["repealed", "duplicate"]),
        ];
        for (key, want) in table {
            assert_eq!(values(&p, key), want, "{key}");
        }
    }

    #[test]
    fn every_key_has_one_spelling_and_a_label() {
        for &key in FilterKey::ALL {
            assert_eq!(FilterKey::parse(key.as_str()), Some(key));
            assert!(!key.label().is_empty());
        }
        assert_eq!(FilterKey::parse("Chapter"), None);
        assert_eq!(FilterKey::words(), "chapter, category, subcategory, year, agency, document, flag");
    }
}
