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
        /// 支持方式 (`Point::support`).
        Support = "support",
        /// 适用对象 (`Point::beneficiaries`).
        Beneficiary = "beneficiary",
        /// 行业 (`Point::industries`).
        Industry = "industry",
        /// 地区: `全省`, `综改示范区` or a city.
        Region = "region",
        /// 有效 / 已到期 / 已废止, as of the visitor's date: see [`status`].
        Status = "status",
    }
}

vocabulary! {
    /// Whether a point is in force, as of a date.
    Status {
        Valid = "有效",
        /// Its `valid_until` has passed.
        Expired = "已到期",
        /// It or its document is marked 已废止.
        Repealed = "已废止",
    }
}

/// Whether `s` is a date as statuses compare them: `YYYY-MM-DD`, month 01–12, day 01–31.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| b[r].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')));
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && num(0..4).is_some()
        && num(5..7).is_some_and(|m| (1..=12).contains(&m))
        && num(8..10).is_some_and(|d| (1..=31).contains(&d))
}

/// The status of `point` on `today` (`YYYY-MM-DD`; `None` when no date is known, so nothing expires).
/// Dates in this form compare as strings.
pub fn status(point: &Point, today: Option<&str>) -> Status {
    if point.flags.repealed {
        Status::Repealed
    } else if point.valid_until.as_deref().zip(today).is_some_and(|(until, today)| until < today) {
        Status::Expired
    } else {
        Status::Valid
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
            FilterKey::Support => "支持方式",
            FilterKey::Beneficiary => "适用对象",
            FilterKey::Industry => "行业",
            FilterKey::Region => "地区",
            FilterKey::Status => "状态",
        }
    }
}

/// Calls `each` with every value a point has for a key (several for `document`, `flag` and the facts'
/// lists). No vector is collected: the facet table is built from these on every load in the browser,
/// and a vector per point and key was most of that work. `status` depends on the date asked about,
/// not on the point alone, so it has no stored value here: see [`status`].
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
        FilterKey::Support => point.support.iter().for_each(|s| each(s.as_str())),
        FilterKey::Beneficiary => point.beneficiaries.iter().for_each(|b| each(b.as_str())),
        FilterKey::Industry => point.industries.iter().for_each(|i| each(i.as_str())),
        FilterKey::Region => each(&point.region),
        FilterKey::Status => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::vocab::{Industry, Support};
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
            support: vec![Support::Grants, Support::Financing],
            industries: vec![Industry::Manufacturing],
            region: "太原".into(),
            ..Point::default()
        };
        let table: [(FilterKey, &[&str]); 12] = [
            (FilterKey::Chapter, &["财税金融"]),
            (FilterKey::Category, &["税费减免"]),
            (FilterKey::Subcategory, &[]),
            (FilterKey::Year, &["2022"]),
            (FilterKey::Agency, &[]),
            (FilterKey::Document, &["晋政办发〔2022〕30号", "晋发〔2021〕1号"]),
            (FilterKey::Flag, &["repealed", "duplicate"]),
            (FilterKey::Support, &["资金奖补", "融资支持"]),
            (FilterKey::Beneficiary, &[]),
            (FilterKey::Industry, &["制造业"]),
            (FilterKey::Region, &["太原"]),
            (FilterKey::Status, &[]),
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
        assert_eq!(FilterKey::words(), "chapter, category, subcategory, year, agency, document, flag, support, beneficiary, industry, region, status");
    }

    #[test]
    fn dates_are_checked_before_comparing() {
        for (s, ok) in [("2026-11-30", true), ("2026-1-30", false), ("2026-13-01", false), ("2026-02-00", false), ("20261130xx", false), ("２０26-11-30", false)] {
            assert_eq!(is_date(s), ok, "{s}");
        }
    }

    #[test]
    fn a_point_is_repealed_expired_or_valid_as_of_a_date() {
        let until = |d: &str| Point { valid_until: Some(d.into()), ..Point::default() };
        let table = [
            (until("2023-12-31"), Some("2024-01-01"), Status::Expired),
            (until("2023-12-31"), Some("2023-12-31"), Status::Valid),
            (until("2023-12-31"), None, Status::Valid),
            (Point::default(), Some("2030-01-01"), Status::Valid),
            (Point { flags: Flags { repealed: true, ..Flags::default() }, ..until("2099-12-31") }, Some("2024-01-01"), Status::Repealed),
        ];
        for (point, today, want) in table {
            assert_eq!(status(&point, today), want, "{:?} on {today:?}", point.valid_until);
        }
    }
}
