//! Chinese labels for filter values, and the citation text — the UI's wording logic (a key's own
//! label is the engine's, `FilterKey::label`).
//!
//! Design choice: keys and values stay the engine's machine values everywhere (state, URL); they are
//! turned into words only here, at render time.

use crate::data::field::FilterKey;
use crate::data::vocab::AmountRole;
use crate::data::{Document, Point};
use crate::index::Index;
use crate::search::Filter;

pub fn value_label(index: &Index, key: FilterKey, value: &str) -> String {
    match key {
        FilterKey::Chapter => format!("{value}篇"),
        FilterKey::Year => format!("{value}年"),
        FilterKey::Flag => match value {
            "repealed" => "已废止".into(),
            "truncated" => "原文截断".into(),
            "no_docno" => "无文号".into(),
            "duplicate" => "重复".into(),
            other => other.into(),
        },
        FilterKey::Document => match index.document_by_docno(value) {
            Some(doc) => format!("{}（{}）", doc.title, value),
            None => value.into(),
        },
        _ => value.into(),
    }
}

pub fn filter_label(index: &Index, filter: &Filter) -> String {
    format!("{}：{}", filter.key.label(), value_label(index, filter.key, &filter.value))
}

/// Where a point sits in the list, e.g. `财税金融篇 · 税费减免类 · 第 12 条`.
pub fn location(point: &Point) -> String {
    let mut parts = vec![format!("{}篇", point.chapter), point.category.clone()];
    if let Some(sub) = &point.subcategory {
        parts.push(sub.clone());
    }
    parts.push(format!("第 {} 条", point.no));
    parts.join(" · ")
}

pub fn document_of<'a>(index: &'a Index, point: &Point) -> Option<&'a Document> {
    point.docnos.first().and_then(|d| index.document_by_docno(d))
}

/// A citation a clerk can paste into a letter.
pub fn citation(index: &Index, point: &Point) -> String {
    let source = match (document_of(index, point), point.docnos.first()) {
        (Some(doc), Some(no)) => format!("《{}》（{}）", doc.title, no),
        (None, Some(no)) => format!("（{no}）"),
        _ => "（无文号）".to_string(),
    };
    format!(
        "山西省惠企政策点清单 {}篇第 {} 条：{} —— {}",
        point.chapter, point.no, point.text, source
    )
}

/// What an amount is for, in the detail's list of figures.
pub fn role_label(role: AmountRole) -> &'static str {
    match role {
        AmountRole::Benefit => "奖补",
        AmountRole::Threshold => "条件",
        AmountRole::Fund => "资金规模",
    }
}

/// The badge of the largest benefit, in the text's own words: `最高 50万元`.
pub fn max_benefit_badge(point: &Point) -> Option<String> {
    point.max_benefit().map(|a| format!("最高 {}", point.text_range(a.start, a.end)))
}
