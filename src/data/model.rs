//! The dataset schema: what one policy point and one document are.
//!
//! This is the single definition of `data/policies.json`. The parser writes it, the index builder reads
//! it, and another agency's list must follow it to be indexed. It owns no parsing and no search logic.

use serde::{Deserialize, Serialize};

use super::vocab::{Amount, AmountRole, Beneficiary, Industry, Support, PROVINCE_WIDE};

/// Bumped whenever a field changes meaning or disappears; adding an optional field does not bump it.
pub const SCHEMA_VERSION: u32 = 2;

/// Level of a document as given by which summary table lists it.
pub const LEVEL_PROVINCE: &str = "省委省政府";
pub const LEVEL_DEPARTMENT: &str = "省直厅局";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub schema_version: u32,
    /// Where the data came from, e.g. the seed file's name.
    pub source: String,
    pub points: Vec<Point>,
    pub documents: Vec<Document>,
}

/// One policy point, exactly as the province published it, with the facts derived from it.
///
/// The facts (`support` … `valid_until`, see `../shared/spec/policy-facts.md`) are fields of the point
/// itself rather than a nested object, so `data/policies.json` reads as the spec does; a dataset
/// without them deserialises with empty facts, and `policy-search index` derives them
/// (`facts::load`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// 1-based position in document order.
    pub id: u32,
    /// The 篇 name without 篇, e.g. `财税金融`.
    pub chapter: String,
    /// The `一、` heading text, without its numeral.
    pub category: String,
    /// The `（一）` heading text, where the category has one.
    pub subcategory: Option<String>,
    /// The number as printed within its chapter.
    pub no: u32,
    /// The policy text: line wraps joined, extraction artefacts removed, otherwise verbatim.
    pub text: String,
    /// Document numbers in canonical form, e.g. `晋政办发〔2022〕30号`.
    pub docnos: Vec<String>,
    /// The document numbers as printed (whitespace trimmed), parallel to `docnos`.
    pub docnos_raw: Vec<String>,
    /// Year of the first document number.
    pub year: Option<u16>,
    /// Issuing body of the first document number, from `data/agencies.tsv`.
    pub agency: Option<String>,
    pub flags: Flags,
    /// 支持方式: what the enterprise receives; empty when nothing concrete.
    #[serde(default)]
    pub support: Vec<Support>,
    /// 适用对象: who the point is restricted to or aimed at; empty = any enterprise.
    #[serde(default)]
    pub beneficiaries: Vec<Beneficiary>,
    /// 行业: sectors the point is restricted to or aimed at; empty = any sector.
    #[serde(default)]
    pub industries: Vec<Industry>,
    /// `全省`, `综改示范区` or a city name.
    #[serde(default = "province_wide")]
    pub region: String,
    /// Whether an enterprise (or its owner or staff) could act on the point.
    #[serde(default)]
    pub claimable: bool,
    /// Every money or percentage figure in `text`.
    #[serde(default)]
    pub amounts: Vec<Amount>,
    /// The largest `benefit` amount one enterprise can receive, in 元.
    #[serde(default)]
    pub max_benefit_yuan: Option<f64>,
    /// An end date stated in the point itself, `YYYY-MM-DD`.
    #[serde(default)]
    pub valid_until: Option<String>,
}

fn province_wide() -> String {
    PROVINCE_WIDE.to_string()
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flags {
    /// The text or its document is marked 已废止.
    pub repealed: bool,
    /// The text is visibly cut off.
    pub truncated: bool,
    /// No document number is printed under the point.
    pub no_docno: bool,
    /// The id of the first earlier point with an identical text.
    pub duplicate_of: Option<u32>,
}

/// One row of the two summary tables at the end of the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The row number as printed within its table.
    pub row: u32,
    pub title: String,
    /// Canonical document number; `None` where the table says 无.
    pub docno: Option<String>,
    /// The document number as printed, with the table's line wraps joined.
    pub docno_raw: Option<String>,
    pub year: Option<u16>,
    pub agency: Option<String>,
    /// [`LEVEL_PROVINCE`] or [`LEVEL_DEPARTMENT`].
    pub level: String,
    /// The title is marked 已废止.
    pub repealed: bool,
    /// Ids of the points that cite this document number.
    pub points: Vec<u32>,
}

impl Point {
    /// The benefit amount behind `max_benefit_yuan`: the figure to show (in the text's own words,
    /// `text[start..end]`) and to mark.
    pub fn max_benefit(&self) -> Option<&Amount> {
        let most = self.max_benefit_yuan?;
        self.amounts.iter().find(|a| a.role == AmountRole::Benefit && a.yuan == Some(most))
    }

    /// The chars `start..end` of the text, e.g. an amount's figure.
    pub fn text_range(&self, start: u32, end: u32) -> String {
        self.text.chars().skip(start as usize).take(end.saturating_sub(start) as usize).collect()
    }
}

/// Every fact of one point, as a value: what the rules say, what the point carries, what a hit
/// reports. The point keeps them as its own fields (see [`Point`]); this is the one list of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facts {
    pub support: Vec<Support>,
    pub beneficiaries: Vec<Beneficiary>,
    pub industries: Vec<Industry>,
    pub region: String,
    pub claimable: bool,
    pub amounts: Vec<Amount>,
    pub max_benefit_yuan: Option<f64>,
    pub valid_until: Option<String>,
}

impl Facts {
    /// The facts `point` carries.
    pub fn of(point: &Point) -> Facts {
        Facts {
            support: point.support.clone(),
            beneficiaries: point.beneficiaries.clone(),
            industries: point.industries.clone(),
            region: point.region.clone(),
            claimable: point.claimable,
            amounts: point.amounts.clone(),
            max_benefit_yuan: point.max_benefit_yuan,
            valid_until: point.valid_until.clone(),
        }
    }

    /// Writes these facts into `point`.
    pub fn store(self, point: &mut Point) {
        point.support = self.support;
        point.beneficiaries = self.beneficiaries;
        point.industries = self.industries;
        point.region = self.region;
        point.claimable = self.claimable;
        point.amounts = self.amounts;
        point.max_benefit_yuan = self.max_benefit_yuan;
        point.valid_until = self.valid_until;
    }
}
