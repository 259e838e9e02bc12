//! What a face may ask for: a request's filters, sort and page size, parsed and checked one way.
//!
//! Design choice: the CLI, the URL, the element's attributes and the JS API each receive text (or JS
//! values) and must turn it into a [`Query`](super::Query); they all go through these functions, so
//! the same request gets the same answer and the same [`RequestError`] in every face. Only what a face
//! does with an error differs (the CLI exits with 2, the JS API rejects, an attribute is logged and
//! ignored, a URL parameter is ignored because links outlive versions). A filter is written
//! `key:value` everywhere text is used (CLI `--filter`, URL `ps.f`); a value is checked against the
//! index's values, so a misspelling names itself and lists what exists instead of silently matching
//! nothing. This module owns those rules and messages; it must not search.

use std::fmt;
use std::str::FromStr;

use crate::data::field::{is_date, FilterKey};
use crate::index::Index;

use super::{Filter, Sort};

/// The largest page any face serves: a page is for reading, an export is the dataset itself.
pub const MAX_PAGE_SIZE: usize = 100;
/// How many valid values an error lists before it says how many more there are.
const LISTED_VALUES: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// A filter key that does not exist.
    UnknownKey(String),
    /// A value no point has for this key; `valid` lists the values that exist.
    UnknownValue { key: FilterKey, value: String, valid: Vec<String> },
    /// Filter text that is not `key:value`.
    Malformed(String),
    UnknownSort(String),
    /// A page size outside 1..=[`MAX_PAGE_SIZE`], or not a whole number.
    PageSize(String),
    /// A page number that is not a whole number ≥ 0.
    Page(String),
    /// A date that is not `YYYY-MM-DD`.
    Date(String),
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::UnknownKey(key) => write!(f, "未知的筛选字段 “{key}”（可用：{}）", FilterKey::words()),
            RequestError::UnknownValue { key, value, valid } => {
                let shown = valid.iter().take(LISTED_VALUES).cloned().collect::<Vec<_>>().join(", ");
                let more = match valid.len().saturating_sub(LISTED_VALUES) {
                    0 => String::new(),
                    n => format!(" 等，另有 {n} 个"),
                };
                write!(f, "筛选 {key} 没有值 “{value}”（可用：{shown}{more}）")
            }
            RequestError::Malformed(text) => {
                write!(f, "筛选 “{text}” 应写作 字段:值，如 chapter:财税金融（字段：{}）", FilterKey::words())
            }
            RequestError::UnknownSort(name) => write!(f, "未知的排序 “{name}”（可用：{}）", Sort::words()),
            RequestError::PageSize(raw) => write!(f, "每页条数 “{raw}” 应为 1–{MAX_PAGE_SIZE} 之间的整数"),
            RequestError::Page(raw) => write!(f, "页码 “{raw}” 应为不小于 0 的整数"),
            RequestError::Date(raw) => write!(f, "日期 “{raw}” 应写作 YYYY-MM-DD，如 2025-12-31"),
        }
    }
}

impl std::error::Error for RequestError {}

impl FromStr for FilterKey {
    type Err = RequestError;
    fn from_str(name: &str) -> Result<FilterKey, RequestError> {
        FilterKey::parse(name).ok_or_else(|| RequestError::UnknownKey(name.to_string()))
    }
}

impl FromStr for Sort {
    type Err = RequestError;
    fn from_str(name: &str) -> Result<Sort, RequestError> {
        Sort::parse(name).ok_or_else(|| RequestError::UnknownSort(name.to_string()))
    }
}

/// A filter of `key` for `value`, if the key exists and some point of `index` has that value.
pub fn filter(index: &Index, key: &str, value: &str) -> Result<Filter, RequestError> {
    let key: FilterKey = key.trim().parse()?;
    let value = value.trim();
    match index.facets.id(key, value) {
        Some(_) => Ok(Filter { key, value: value.to_string() }),
        None => Err(RequestError::UnknownValue { key, value: value.to_string(), valid: index.facets.values(key).to_vec() }),
    }
}

/// A filter written `key:value` (the CLI's `--filter` and the URL's `ps.f`).
pub fn parse_filter(index: &Index, text: &str) -> Result<Filter, RequestError> {
    match text.split_once(':') {
        Some((key, value)) if !value.trim().is_empty() => filter(index, key, value),
        _ => Err(RequestError::Malformed(text.to_string())),
    }
}

/// A page size as typed (`--limit`, `page-size`).
pub fn parse_page_size(raw: &str) -> Result<usize, RequestError> {
    // Parsed as an integer: float parsing would cost the wasm several KB for no valid input.
    match raw.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_PAGE_SIZE).contains(&n) => Ok(n),
        _ => Err(RequestError::PageSize(raw.to_string())),
    }
}

/// A page size given as a number (the JS API's `pageSize`); `raw` is how to quote it.
pub fn page_size(n: f64, raw: &str) -> Result<usize, RequestError> {
    match n.fract() == 0.0 && (1.0..=MAX_PAGE_SIZE as f64).contains(&n) {
        true => Ok(n as usize),
        false => Err(RequestError::PageSize(raw.to_string())),
    }
}

/// The date statuses are judged on, `YYYY-MM-DD` (`--today`, the JS API's `today`).
pub fn date(raw: &str) -> Result<String, RequestError> {
    match is_date(raw.trim()) {
        true => Ok(raw.trim().to_string()),
        false => Err(RequestError::Date(raw.to_string())),
    }
}

/// A 0-based page number given as a number; `raw` is how to quote it.
pub fn page(n: f64, raw: &str) -> Result<usize, RequestError> {
    match n.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&n) {
        true => Ok(n as usize),
        false => Err(RequestError::Page(raw.to_string())),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn index() -> Index {
        let json = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/policies.json")).unwrap();
        Index::of(&serde_json::from_slice(&json).unwrap())
    }

    #[test]
    fn a_filter_is_key_colon_value_with_a_known_key_and_an_existing_value() {
        let index = index();
        assert_eq!(parse_filter(&index, "chapter:财税金融"), Ok(Filter { key: FilterKey::Chapter, value: "财税金融".into() }));
        assert_eq!(parse_filter(&index, " year : 2022 ").map(|f| f.key), Ok(FilterKey::Year));
        assert_eq!(parse_filter(&index, "document:晋政办发〔2022〕30号").map(|f| f.key), Ok(FilterKey::Document));
    }

    #[test]
    fn every_bad_request_names_what_was_wrong_and_lists_what_is_valid() {
        let index = index();
        let table: [(Result<Filter, RequestError>, &str); 5] = [
            (parse_filter(&index, "nosuch:x"), "未知的筛选字段 “nosuch”（可用：chapter, category, subcategory, year, agency, document, flag, support, beneficiary, industry, region, status）"),
            (parse_filter(&index, "chapter=财税金融"), "筛选 “chapter=财税金融” 应写作 字段:值"),
            (parse_filter(&index, "chapter:"), "筛选 “chapter:” 应写作 字段:值"),
            (parse_filter(&index, "chapter:财税"), "筛选 chapter 没有值 “财税”（可用：市场建设, 人才支持, 财税金融, 创新支持, 权益保护, 要素保障）"),
            (parse_filter(&index, "flag:deleted"), "筛选 flag 没有值 “deleted”（可用："),
        ];
        for (got, want) in table {
            let message = got.expect_err(want).to_string();
            assert!(message.starts_with(want), "{message:?} should start with {want:?}");
        }
        let many = parse_filter(&index, "document:晋政发〔1999〕1号").unwrap_err().to_string();
        assert!(many.contains(" 等，另有 "), "{many}");
        assert_eq!("sideways".parse::<Sort>().unwrap_err().to_string(), "未知的排序 “sideways”（可用：relevance, newest, document_order, amount）");
    }

    #[test]
    fn page_sizes_are_whole_numbers_from_1_to_the_maximum() {
        assert_eq!(parse_page_size("20"), Ok(20));
        assert_eq!(parse_page_size("100"), Ok(100));
        for bad in ["0", "101", "2.5", "-1", "ten", ""] {
            assert_eq!(parse_page_size(bad), Err(RequestError::PageSize(bad.into())), "{bad}");
        }
        assert_eq!(page(3.0, "3"), Ok(3));
        assert_eq!(page(-1.0, "-1"), Err(RequestError::Page("-1".into())));
    }
}
