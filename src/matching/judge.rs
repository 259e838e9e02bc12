//! The three dimensions a point is judged on — region, beneficiaries, industries — each read alone:
//! the point's restriction against the profile's answer (`../shared/spec/policy-facts.md`, "Matching a
//! profile"). Nothing here knows about buckets, dates or order.

use serde::{Deserialize, Serialize};

use super::profile::{Field, Profile};
use crate::data::vocab::{PROVINCE_WIDE, REFORM_ZONE};
use crate::data::Point;

/// How one dimension of a point stands for a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The point states no restriction.
    None,
    Met,
    Unknown,
    Contradicted,
}

/// What a point is matched on: the three judged dimensions, and (in reasons only) the support types a
/// profile's `needs` asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Region,
    Beneficiaries,
    Industries,
    Support,
}

/// A profile answer that met a restriction of the point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub dimension: Dimension,
    /// The profile's field and value, e.g. `size` = `小型`.
    pub answer: Field,
    pub value: String,
    /// The point's value it met, e.g. `小微企业`.
    pub restriction: String,
}

impl Reason {
    /// Which answer met which restriction, as the results word it.
    pub fn describe(&self) -> String {
        format!("{}（您填写的{}）", self.restriction, self.value)
    }
}

/// One dimension's judgement: the reasons when met, the point's values left open when unknown.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    pub status: Status,
    pub reasons: Vec<Reason>,
    pub open: Vec<String>,
}

impl Judged {
    fn bare(status: Status) -> Judged {
        Judged { status, reasons: Vec::new(), open: Vec::new() }
    }

    fn met(reasons: Vec<Reason>) -> Judged {
        Judged { status: Status::Met, reasons, open: Vec::new() }
    }

    fn unknown(open: Vec<String>) -> Judged {
        Judged { status: Status::Unknown, reasons: Vec::new(), open }
    }
}

fn reason(dimension: Dimension, (answer, value): (Field, &str), restriction: &str) -> Reason {
    Reason { dimension, answer, value: value.to_string(), restriction: restriction.to_string() }
}

/// The point's region for the profile's. A 综改示范区 profile is left open for 太原 and 晋中 points,
/// since the zone lies in both.
pub fn region(point: &Point, profile: &Profile) -> Judged {
    let region = point.region.as_str();
    if region.is_empty() || region == PROVINCE_WIDE {
        return Judged::bare(Status::None);
    }
    let open = || Judged::unknown(vec![region.to_string()]);
    match profile.region.as_deref() {
        None => open(),
        Some(own) if own == region => Judged::met(vec![reason(Dimension::Region, (Field::Region, own), region)]),
        Some(REFORM_ZONE) if region == "太原" || region == "晋中" => open(),
        Some(_) => Judged::bare(Status::Contradicted),
    }
}

/// Met when the profile holds any listed value; contradicted when it rules out every one; otherwise
/// the values it does not rule out are left open.
pub fn beneficiaries(point: &Point, profile: &Profile) -> Judged {
    if point.beneficiaries.is_empty() {
        return Judged::bare(Status::None);
    }
    let reasons: Vec<Reason> = (point.beneficiaries.iter())
        .filter_map(|&b| profile.held_by(b).map(|answer| reason(Dimension::Beneficiaries, answer, b.as_str())))
        .collect();
    if !reasons.is_empty() {
        return Judged::met(reasons);
    }
    let open: Vec<String> =
        point.beneficiaries.iter().filter(|&&b| !profile.rules_out(b)).map(|b| b.to_string()).collect();
    if open.is_empty() {
        Judged::bare(Status::Contradicted)
    } else {
        Judged::unknown(open)
    }
}

/// Met on overlap, contradicted when the profile names industries and shares none, open when it
/// names none.
pub fn industries(point: &Point, profile: &Profile) -> Judged {
    if point.industries.is_empty() {
        return Judged::bare(Status::None);
    }
    if profile.industries.is_empty() {
        return Judged::unknown(point.industries.iter().map(|i| i.to_string()).collect());
    }
    let reasons: Vec<Reason> = (point.industries.iter())
        .filter(|i| profile.industries.contains(i))
        .map(|i| reason(Dimension::Industries, (Field::Industries, i.as_str()), i.as_str()))
        .collect();
    if reasons.is_empty() {
        Judged::bare(Status::Contradicted)
    } else {
        Judged::met(reasons)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::vocab::{Beneficiary, Industry};

    fn point(region: &str, beneficiaries: &[&str], industries: &[&str]) -> Point {
        Point {
            region: region.into(),
            beneficiaries: beneficiaries.iter().map(|b| Beneficiary::parse(b).unwrap()).collect(),
            industries: industries.iter().map(|i| Industry::parse(i).unwrap()).collect(),
            ..Point::default()
        }
    }

    fn profile(json: &str) -> Profile {
        Profile::from_json(json).unwrap()
    }

    use Status::*;

    #[test]
    fn region_table() {
        let table = [
            ("全省", r#"{"region": "太原"}"#, None),
            ("全省", "{}", None),
            ("太原", r#"{"region": "太原"}"#, Met),
            ("太原", "{}", Unknown),
            ("太原", r#"{"region": "全省"}"#, Contradicted),
            ("全省", r#"{"region": "全省"}"#, None),
            ("太原", r#"{"region": "大同"}"#, Contradicted),
            ("综改示范区", r#"{"region": "综改示范区"}"#, Met),
            ("综改示范区", r#"{"region": "太原"}"#, Contradicted),
            ("太原", r#"{"region": "综改示范区"}"#, Unknown),
            ("晋中", r#"{"region": "综改示范区"}"#, Unknown),
            ("吕梁", r#"{"region": "综改示范区"}"#, Contradicted),
        ];
        for (point_region, json, status) in table {
            assert_eq!(region(&point(point_region, &[], &[]), &profile(json)).status, status, "{point_region} / {json}");
        }
        let met = region(&point("太原", &[], &[]), &profile(r#"{"region": "太原"}"#));
        assert_eq!(met.reasons, [Reason { dimension: Dimension::Region, answer: Field::Region, value: "太原".into(), restriction: "太原".into() }]);
        assert_eq!(region(&point("晋中", &[], &[]), &profile("{}")).open, ["晋中"]);
    }

    #[test]
    fn beneficiaries_table_with_every_contradiction_the_spec_lists() {
        const FIRM_SMALL: &str = r#"{"entity": "企业", "size": "小型", "traits": ["民营企业", "高新技术企业"]}"#;
        const FIRM_MEDIUM: &str = r#"{"entity": "企业", "size": "中型"}"#;
        const FIRM_LARGE: &str = r#"{"entity": "企业", "size": "大型"}"#;
        const FIRM: &str = r#"{"entity": "企业"}"#;
        const SOLE: &str = r#"{"entity": "个体工商户"}"#;
        const SOLE_MICRO: &str = r#"{"entity": "个体工商户", "size": "微型"}"#;
        let table: &[(&[&str], &str, Status)] = &[
            (&[], SOLE, None),
            // met: held directly, through the size, through the trait chain, through the entity
            (&["高新技术企业"], FIRM_SMALL, Met),
            (&["小微企业"], FIRM_SMALL, Met),
            (&["中小企业"], FIRM_MEDIUM, Met),
            (&["大中型企业"], FIRM_MEDIUM, Met),
            (&["中小企业"], r#"{"traits": ["小型微利企业"]}"#, Met),
            (&["小微企业"], r#"{"entity": "企业", "size": "中型", "traits": ["小微企业"]}"#, Met),
            (&["个体工商户"], SOLE_MICRO, Met),
            (&["小微企业", "个体工商户"], SOLE, Met),
            (&["高校毕业生"], r#"{"traits": ["高校毕业生"]}"#, Met),
            // contradicted: bodies for a profile with an entity
            (&["金融机构"], FIRM, Contradicted),
            (&["园区"], SOLE, Contradicted),
            (&["科研机构"], FIRM_SMALL, Contradicted),
            (&["社会组织"], FIRM, Contradicted),
            (&["金融机构", "园区", "科研机构", "社会组织"], "{}", Unknown),
            // 个体工商户 for an enterprise
            (&["个体工商户"], FIRM, Contradicted),
            (&["个体工商户"], r#"{"size": "小型"}"#, Unknown),
            // a size without an entity rules out, but implies nothing
            (&["小微企业"], r#"{"size": "小型"}"#, Unknown),
            (&["大中型企业"], r#"{"size": "小型"}"#, Contradicted),
            (&["中小企业"], r#"{"traits": ["专精特新中小企业"]}"#, Unknown),
            // size classes the size rules out, and enterprise classes for an 个体工商户
            (&["大中型企业"], FIRM_SMALL, Contradicted),
            (&["小微企业"], FIRM_MEDIUM, Contradicted),
            (&["小型微利企业"], FIRM_MEDIUM, Contradicted),
            (&["小规模纳税人"], FIRM_MEDIUM, Contradicted),
            (&["中小企业"], FIRM_LARGE, Contradicted),
            (&["小微企业", "中小企业"], FIRM_LARGE, Contradicted),
            (&["小微企业"], SOLE_MICRO, Contradicted),
            (&["中小企业"], SOLE, Contradicted),
            (&["大中型企业"], SOLE, Contradicted),
            (&["小型微利企业"], SOLE, Contradicted),
            (&["小规模纳税人"], SOLE_MICRO, Unknown),
            (&["小规模纳税人"], FIRM_SMALL, Unknown),
            (&["小型微利企业"], FIRM_SMALL, Unknown),
            (&["小微企业"], FIRM, Unknown),
            // standings, ownership, 规上, 初创 not among the traits (traits are complete, even when empty)
            (&["专精特新中小企业"], FIRM_SMALL, Contradicted),
            (&["专精特新中小企业"], r#"{"traits": ["专精特新小巨人"]}"#, Contradicted),
            (&["国有企业", "外资企业"], FIRM_SMALL, Contradicted),
            (&["规上企业"], FIRM_LARGE, Contradicted),
            (&["初创企业"], "{}", Contradicted),
            (&["民营企业"], SOLE, Contradicted),
            (&["老字号", "上市挂牌企业", "链主企业", "瞪羚独角兽", "单项冠军", "科技型中小企业"], FIRM_SMALL, Contradicted),
            // people are a condition to check; one open value keeps the point open
            (&["高校毕业生"], FIRM_SMALL, Unknown),
            (&["就业困难人员", "退役军人", "高层次人才"], SOLE, Unknown),
            (&["大中型企业", "高校毕业生"], FIRM_SMALL, Unknown),
            (&["国有企业", "小规模纳税人"], FIRM_SMALL, Unknown),
        ];
        for (listed, json, status) in table {
            assert_eq!(beneficiaries(&point("全省", listed, &[]), &profile(json)).status, *status, "{listed:?} / {json}");
        }
        let open = beneficiaries(&point("全省", &["大中型企业", "高校毕业生", "小规模纳税人"], &[]), &profile(FIRM_SMALL));
        assert_eq!(open.open, ["高校毕业生", "小规模纳税人"], "only the values not ruled out are open");
        let met = beneficiaries(&point("全省", &["小微企业", "民营企业", "国有企业"], &[]), &profile(FIRM_SMALL));
        let said: Vec<(Field, &str, &str)> =
            met.reasons.iter().map(|r| (r.answer, r.value.as_str(), r.restriction.as_str())).collect();
        assert_eq!(said, [(Field::Size, "小型", "小微企业"), (Field::Traits, "民营企业", "民营企业")]);
    }

    #[test]
    fn industries_table() {
        let table: &[(&[&str], &str, Status)] = &[
            (&[], r#"{"industries": ["制造业"]}"#, None),
            (&["制造业", "能源"], r#"{"industries": ["能源"]}"#, Met),
            (&["制造业"], r#"{"industries": ["农业食品"]}"#, Contradicted),
            (&["制造业"], "{}", Unknown),
        ];
        for (listed, json, status) in table {
            assert_eq!(industries(&point("全省", &[], listed), &profile(json)).status, *status, "{listed:?} / {json}");
        }
    }
}
