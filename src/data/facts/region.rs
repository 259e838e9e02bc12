//! `region`: where a point applies.
//!
//! Design choice: the issuer decides first — a document of the 综改示范区 (number prefixed 晋综改 or
//! 晋综示, or a title the zone issued) applies there only — and the text decides only when the whole
//! point is about one place: it opens with the zone or a city as its subject, or its first sentence
//! restricts the benefit to the zone and the text returns to it. A place named as context, a pilot,
//! the zone listed beside the cities, or one clause about the zone stays 全省. This module reads
//! places and nothing else.

use crate::data::model::{Document, Point};
use crate::data::vocab::{CITIES, PROVINCE_WIDE, REFORM_ZONE};

/// Document-number prefixes of the 综改示范区's own documents.
const ZONE_PREFIXES: &[&str] = &["晋综改", "晋综示"];

/// How the text names the zone.
const ZONE_NAMES: &[&str] = &["综改示范区", "转型综合改革示范区"];

/// The point's region: [`REFORM_ZONE`], a city, or [`PROVINCE_WIDE`].
pub fn region(point: &Point, documents: &[Document]) -> String {
    let issued_by_zone = point.docnos.first().is_some_and(|d| ZONE_PREFIXES.iter().any(|p| d.starts_with(p)))
        || documents.iter().any(|d| d.docno.is_some() && d.docno.as_ref() == point.docnos.first() && zone_issued(&d.title));
    let body = super::text::body(&point.text);
    let opens_with_zone = ["山西综改示范区", "山西转型综改示范区", "综改示范区"].iter().any(|n| body.starts_with(n));
    let first = super::text::sentences(body).next().unwrap_or(body);
    let about_zone = zone_mentions(first) >= 1 && zone_mentions(&point.text) >= 2;
    if issued_by_zone || opens_with_zone || about_zone {
        return REFORM_ZONE.to_string();
    }
    CITIES
        .iter()
        .find(|c| body.starts_with(&format!("{c}市")))
        .map_or_else(|| PROVINCE_WIDE.to_string(), |c| c.to_string())
}

/// How often `text` names the zone as a place of its own — not beside the cities ("山西转型综改示范区、
/// 各市分别形成…" is everywhere).
fn zone_mentions(text: &str) -> usize {
    ZONE_NAMES
        .iter()
        .flat_map(|n| text.match_indices(n).map(move |(at, _)| &text[at + n.len()..]))
        .filter(|rest| !rest.starts_with("、各市") && !rest.starts_with("和各市"))
        .count()
}

/// A title of a document the zone itself issued ("山西转型综改示范区管委会关于…", "山西综改示范区促进…办法").
fn zone_issued(title: &str) -> bool {
    ["山西综改示范区", "山西转型综改示范区", "山西转型综合改革示范区"].iter().any(|n| title.starts_with(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(docno: &str, text: &str) -> Point {
        Point { docnos: vec![docno.to_string()], text: text.to_string(), ..Point::default() }
    }

    #[test]
    fn regions() {
        assert_eq!(region(&point("晋综改规发〔2025〕1号", "对企业给予奖励。"), &[]), REFORM_ZONE);
        assert_eq!(region(&point("晋政办发〔2021〕18号", "发展配套服务业。山西综改示范区培育引进一批服务企业。"), &[]), REFORM_ZONE);
        assert_eq!(
            region(&point("晋政办发〔2021〕18号", "以山西转型综合改革示范区(以下简称山西综改示范区)为基数，返还山西综改示范区管委会。"), &[]),
            REFORM_ZONE
        );
        // One clause about the zone inside a province-wide point.
        assert_eq!(region(&point("晋政办发〔2025〕3号", "建设数字贸易聚集载体。发挥山西转型综改示范区的示范引领作用。支持太原市申建示范城市。"), &[]), PROVINCE_WIDE);
        assert_eq!(region(&point("晋政办发〔2025〕3号", "太原市对入驻企业给予租金减免。"), &[]), "太原");
        let beside_cities = "实施链长制。推动产业链扩容扩规。山西转型综改示范区、各市人民政府协同招商。力争山西转型综改示范区、各市形成项目。";
        assert_eq!(region(&point("晋政办发〔2024〕13号", beside_cities), &[]), PROVINCE_WIDE);
    }

    #[test]
    fn a_zone_title_in_the_document_table_decides() {
        let doc = Document { row: 1, title: "山西综改示范区促进企业自主创新办法".into(), docno: Some("某发〔2023〕3号".into()), ..Document::default() };
        assert_eq!(region(&point("某发〔2023〕3号", "对企业给予奖励。"), &[doc]), REFORM_ZONE);
    }
}
