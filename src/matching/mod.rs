//! Matching: an enterprise describes itself ([`Profile`]) and gets the points it can act on, each with
//! why it matched and what remains to check — 政策匹配, run wherever the index is, so nothing the
//! enterprise says leaves the page.
//!
//! The contract is `../shared/spec/policy-facts.md`, "A profile" and "Matching a profile". `judge`
//! reads each of a point's three dimensions (region, beneficiaries, industries) as none / met /
//! unknown / contradicted; this file leaves points out (not claimable, repealed, expired as of the
//! `today` it is given, contradicted, or sharing none of the `needs`), buckets the rest — targeted
//! (something met, nothing unknown), general (no restriction), unknown (需核实) — and orders them:
//! bucket, then the largest benefit (none last), then newer, then id.
//!
//! This module owns what a profile answer means for a point. It reads the facts of `data::Point` and
//! must not derive, correct or store them (that is `data`'s), nor rank text (`search`), nor format
//! or show anything (`ui`, `embed`, the CLI). It compiles for wasm32: no clock (the caller passes
//! `today`), no float formatting.
//!
//! Where the spec is silent, the matcher reads it literally when a looser reading could show a point
//! the spec would contradict, and otherwise does what an enterprise owner would find fair:
//! 1. `traits` is always complete: a profile that lists none holds no standing, ownership, 规上 or
//!    初创 (a form's empty multi-select cannot be told from "none"). The judged dev profile 吕梁农产品个体户
//!    gives no traits and has point 648 (民营企业) as contradicted, which agrees.
//! 2. `null` and `[]` are "not answered": an empty `industries` leaves industry-restricted points
//!    unknown rather than contradicting them all; an empty `needs` filters nothing.
//! 3. A profile region of 全省 is a region like any other: 全省 points are none for it, city and zone
//!    points contradicted. A form should offer "不限" (no region) rather than 全省.
//! 4. A `size` without an `entity` implies nothing (the implications are "for a 企业", and the entity
//!    is unknown), so 小微企业 points are unknown for it; what the size rules out is still ruled out.
//!    Without an entity, 个体工商户 points and the bodies (金融机构, 园区, 科研机构, 社会组织) are unknown.
//! 5. An 个体工商户, with or without a `size`, holds 个体工商户 and its traits only — not what its traits
//!    or size would imply for a 企业. Not for it: 小微企业, 中小企业, 大中型企业 and also 小型微利企业 (narrower
//!    than 小微企业, and an enterprise income-tax status). 小规模纳税人 is unknown unless its size rules it out.
//! 6. What a size rules out: 微型, 小型 → 大中型企业; 中型 → 小微企业, 小型微利企业, 小规模纳税人; 大型 → those
//!    and 中小企业. 小型微利企业 and 小规模纳税人 are tax statuses a 小型 or 微型 business may or may not have:
//!    unknown for them. (中型 ruling out 小规模纳税人 agrees with the judged point 454.)
//! 7. Wider includes narrower only along the spec's chain 小型微利企业 → 小微企业 → 中小企业. 科技型中小企业 and
//!    专精特新中小企业 do not imply 中小企业 (a 中小企业 point is 需核实 for such a profile without a size),
//!    and 专精特新小巨人 does not imply 专精特新中小企业 (the spec says so).
//! 8. Met is checked before contradicted, so an inconsistent profile (中型 with the trait 小微企业) meets
//!    what it claims, and a people value in `traits` (the owner is a 退役军人) meets points for them;
//!    otherwise people values are unknown, as the spec says.
//! 9. The 综改示范区 lies in 太原 and 晋中, so a zone profile leaves 太原 and 晋中 points unknown (spec); the
//!    converse is not assumed: a 太原 or 晋中 profile contradicts a zone point (the judged point 206
//!    agrees).
//! 10. A point valid until `today` is still shown; it is expired from the next day.
//! 11. A point left out for several causes reports the first of: not claimable, repealed, expired,
//!     contradicted (region, then beneficiaries, then industries), no needed support. This agrees with
//!     the judges, who list expired points as neither shown nor contradicted.
//! 12. Reasons also say which of the `needs` the point gives (dimension `support`); in the order, a
//!     point with no `year` comes after every dated point of its bucket and benefit.
//! 13. Open conditions list, per unknown dimension, only the point's values the profile does not rule
//!     out, each quoted where the text names it verbatim (first occurrence); every threshold amount is
//!     an open condition, in every bucket.

pub mod judge;
pub mod profile;

use serde::{Deserialize, Serialize};

pub use judge::{Dimension, Reason, Status};
pub use profile::{Entity, Field, Profile, ProfileError, Size, REGIONS};

use crate::data::field::{status, Status as InForce};
use crate::data::vocab::{larger_first, AmountRole};
use crate::data::Point;

/// Which group a shown point is in, in the order the groups are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// Some restriction met, none left open: 精准匹配.
    Targeted,
    /// No restriction at all: 普遍适用.
    General,
    /// Some restriction left open: 需核实.
    Unknown,
}

impl Bucket {
    /// The group's heading.
    pub fn label(self) -> &'static str {
        match self {
            Bucket::Targeted => "精准匹配",
            Bucket::General => "普遍适用",
            Bucket::Unknown => "需核实",
        }
    }
}

/// What an open condition is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpenKind {
    Region,
    Beneficiaries,
    Industries,
    /// A figure the enterprise must reach (revenue, investment, headcount…).
    Threshold,
}

/// A condition the enterprise must still check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenCondition {
    pub kind: OpenKind,
    /// The point's value left open, e.g. `高校毕业生`; none for a threshold.
    pub value: Option<String>,
    /// Half-open char range in the point's text: the threshold's figure, or where the text first names
    /// the open value (none when it does not name it verbatim).
    pub start: Option<u32>,
    pub end: Option<u32>,
}

impl OpenCondition {
    /// The condition as the results word it, in the policy's own words where the text has them:
    /// `条件：“5000 万元”`, `高校毕业生：“高校毕业生”`.
    pub fn describe(&self, point: &Point) -> String {
        let what = match self.kind {
            OpenKind::Threshold => "条件",
            _ => self.value.as_deref().unwrap_or_default(),
        };
        match (self.start, self.end) {
            (Some(s), Some(e)) => format!("{what}：“{}”", point.text_range(s, e)),
            _ => what.to_string(),
        }
    }
}

/// One page of the points shown for a profile, and how many there are in each group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matches {
    pub total: usize,
    pub targeted: usize,
    pub general: usize,
    pub unknown: usize,
    pub matches: Vec<Match>,
}

/// Page `page` (0-based) of `size` of [`match_points`]: what the CLI and the JS API return.
pub fn match_page(points: &[Point], profile: &Profile, today: &str, page: usize, size: usize) -> Matches {
    let all = match_points(points, profile, today);
    let count = |b: Bucket| all.iter().filter(|m| m.bucket == b).count();
    Matches {
        total: all.len(),
        targeted: count(Bucket::Targeted),
        general: count(Bucket::General),
        unknown: count(Bucket::Unknown),
        matches: all.into_iter().skip(page.saturating_mul(size)).take(size).collect(),
    }
}

/// A point shown for a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    pub id: u32,
    pub bucket: Bucket,
    /// Which profile answers met which restriction (and which needs the point gives).
    pub reasons: Vec<Reason>,
    pub open: Vec<OpenCondition>,
}

/// Why a point is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeftOut {
    NotClaimable,
    Repealed,
    /// `valid_until` is before the matcher's `today`.
    Expired,
    Contradicted(Dimension),
    /// The profile has `needs` and the point gives none of them.
    NotNeeded,
}

/// The points shown for `profile` as of `today` (`YYYY-MM-DD`, see `data::field::is_date`), best first.
pub fn match_points(points: &[Point], profile: &Profile, today: &str) -> Vec<Match> {
    let mut shown: Vec<(Match, &Point)> =
        points.iter().filter_map(|p| judge(p, profile, today).ok().map(|m| (m, p))).collect();
    // A total order (ids break ties).
    crate::sort::sort_by(&mut shown, |(a, p), (b, q)| {
        (a.bucket.cmp(&b.bucket))
            .then_with(|| larger_first(p.max_benefit_yuan, q.max_benefit_yuan))
            .then_with(|| q.year.cmp(&p.year))
            .then(a.id.cmp(&b.id))
    });
    shown.into_iter().map(|(m, _)| m).collect()
}

/// One point for a profile as of `today`: shown with its bucket, reasons and open conditions, or why not.
pub fn judge(point: &Point, profile: &Profile, today: &str) -> Result<Match, LeftOut> {
    if !point.claimable {
        return Err(LeftOut::NotClaimable);
    }
    match status(point, Some(today)) {
        InForce::Repealed => return Err(LeftOut::Repealed),
        InForce::Expired => return Err(LeftOut::Expired),
        InForce::Valid => {}
    }
    let dimensions = [
        (OpenKind::Region, Dimension::Region, judge::region(point, profile)),
        (OpenKind::Beneficiaries, Dimension::Beneficiaries, judge::beneficiaries(point, profile)),
        (OpenKind::Industries, Dimension::Industries, judge::industries(point, profile)),
    ];
    if let Some((_, dimension, _)) = dimensions.iter().find(|(_, _, j)| j.status == Status::Contradicted) {
        return Err(LeftOut::Contradicted(*dimension));
    }
    let needed: Vec<Reason> = (point.support.iter())
        .filter(|s| profile.needs.contains(s))
        .map(|s| Reason { dimension: Dimension::Support, answer: Field::Needs, value: s.to_string(), restriction: s.to_string() })
        .collect();
    if !profile.needs.is_empty() && needed.is_empty() {
        return Err(LeftOut::NotNeeded);
    }
    let has = |status| dimensions.iter().any(|(_, _, j)| j.status == status);
    let bucket = if has(Status::Unknown) {
        Bucket::Unknown
    } else if has(Status::Met) {
        Bucket::Targeted
    } else {
        Bucket::General
    };
    let mut reasons = Vec::new();
    let mut open = Vec::new();
    for (kind, _, judged) in dimensions {
        reasons.extend(judged.reasons);
        open.extend(judged.open.into_iter().map(|value| {
            let (start, end) = char_range(&point.text, &value).unzip();
            OpenCondition { kind, value: Some(value), start, end }
        }));
    }
    reasons.extend(needed);
    open.extend(point.amounts.iter().filter(|a| a.role == AmountRole::Threshold).map(|a| OpenCondition {
        kind: OpenKind::Threshold,
        value: None,
        start: Some(a.start),
        end: Some(a.end),
    }));
    Ok(Match { id: point.id, bucket, reasons, open })
}

/// The char range of the first occurrence of `word` in `text`.
fn char_range(text: &str, word: &str) -> Option<(u32, u32)> {
    let byte = text.find(word)?;
    let start = text[..byte].chars().count() as u32;
    Some((start, start + word.chars().count() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::vocab::{Amount, AmountKind, Beneficiary, Industry, Support};
    use crate::data::Flags;

    const TODAY: &str = "2026-11-30";

    /// A claimable, province-wide, unrestricted point giving 资金奖补.
    fn point(id: u32) -> Point {
        Point { id, claimable: true, region: "全省".into(), support: vec![Support::Grants], year: Some(2022), ..Point::default() }
    }

    fn with(id: u32, f: impl FnOnce(&mut Point)) -> Point {
        let mut p = point(id);
        f(&mut p);
        p
    }

    fn profile(json: &str) -> Profile {
        Profile::from_json(json).unwrap()
    }

    const TAIYUAN_SMALL_MAKER: &str = r#"{"region": "太原", "entity": "企业", "size": "小型", "traits": ["民营企业"],
                                          "industries": ["制造业"], "needs": ["资金奖补", "税费减免"]}"#;

    #[test]
    fn left_out_and_buckets_table() {
        use Bucket::*;
        let b = |p: &mut Point, list: &[Beneficiary]| p.beneficiaries = list.to_vec();
        let table: Vec<(Point, Result<Bucket, LeftOut>)> = vec![
            (point(1), Ok(General)),
            (with(2, |p| p.claimable = false), Err(LeftOut::NotClaimable)),
            (with(3, |p| p.flags = Flags { repealed: true, ..Flags::default() }), Err(LeftOut::Repealed)),
            (with(4, |p| p.valid_until = Some("2026-11-29".into())), Err(LeftOut::Expired)),
            (with(5, |p| p.valid_until = Some(TODAY.into())), Ok(General)),
            (with(6, |p| p.valid_until = Some("2027-01-01".into())), Ok(General)),
            (with(7, |p| p.support = vec![Support::Financing]), Err(LeftOut::NotNeeded)),
            (with(8, |p| p.support = vec![]), Err(LeftOut::NotNeeded)),
            (with(9, |p| p.support = vec![Support::Financing, Support::TaxAndFeeRelief]), Ok(General)),
            (with(10, |p| p.region = "太原".into()), Ok(Targeted)),
            (with(11, |p| p.region = "大同".into()), Err(LeftOut::Contradicted(Dimension::Region))),
            (with(12, |p| b(p, &[Beneficiary::SmallAndMicro])), Ok(Targeted)),
            (with(13, |p| b(p, &[Beneficiary::HighTech])), Err(LeftOut::Contradicted(Dimension::Beneficiaries))),
            (with(14, |p| b(p, &[Beneficiary::Graduates])), Ok(Unknown)),
            (with(15, |p| p.industries = vec![Industry::Manufacturing, Industry::Energy]), Ok(Targeted)),
            (with(16, |p| p.industries = vec![Industry::Energy]), Err(LeftOut::Contradicted(Dimension::Industries))),
            (with(17, |p| (p.region, p.industries) = ("太原".into(), vec![Industry::Manufacturing])), Ok(Targeted)),
            (with(18, |p| (p.region, p.beneficiaries) = ("太原".into(), vec![Beneficiary::Veterans])), Ok(Unknown)),
            // precedence of the causes
            (with(19, |p| (p.claimable, p.region) = (false, "大同".into())), Err(LeftOut::NotClaimable)),
            (with(20, |p| (p.valid_until, p.region) = (Some("2023-04-30".into()), "大同".into())), Err(LeftOut::Expired)),
            (with(21, |p| (p.support, p.region) = (vec![], "大同".into())), Err(LeftOut::Contradicted(Dimension::Region))),
        ];
        let profile = profile(TAIYUAN_SMALL_MAKER);
        for (point, expected) in &table {
            assert_eq!(judge(point, &profile, TODAY).map(|m| m.bucket), *expected, "point {}", point.id);
        }
        let shown: Vec<u32> = match_points(&table.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>(), &profile, TODAY)
            .iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(shown, [10, 12, 15, 17, 1, 5, 6, 9, 14, 18]);
    }

    #[test]
    fn an_empty_profile_sees_every_unrestricted_point_as_general_and_the_rest_as_unknown() {
        let points = [
            point(1),
            with(2, |p| p.region = "运城".into()),
            with(3, |p| p.beneficiaries = vec![Beneficiary::SmallScaleTaxpayer]),
            with(4, |p| p.industries = vec![Industry::Health]),
            with(5, |p| p.beneficiaries = vec![Beneficiary::Park]),
            with(6, |p| p.beneficiaries = vec![Beneficiary::Listed]),
        ];
        let got: Vec<(u32, Bucket)> = match_points(&points, &Profile::default(), TODAY).iter().map(|m| (m.id, m.bucket)).collect();
        assert_eq!(got, [(1, Bucket::General), (2, Bucket::Unknown), (3, Bucket::Unknown), (4, Bucket::Unknown), (5, Bucket::Unknown)]);
    }

    #[test]
    fn order_is_bucket_then_benefit_then_newer_then_id() {
        let benefit = |id, yuan: Option<f64>, year: Option<u16>, region: &str| {
            with(id, |p| (p.max_benefit_yuan, p.year, p.region) = (yuan, year, region.into()))
        };
        let points = [
            benefit(1, None, Some(2025), "全省"),
            benefit(2, Some(1e4), Some(2021), "全省"),
            benefit(3, Some(1e6), Some(2021), "全省"),
            benefit(4, Some(1e6), Some(2023), "全省"),
            benefit(5, Some(1e6), Some(2023), "全省"),
            benefit(6, Some(1e6), None, "全省"),
            benefit(7, None, Some(2021), "太原"),
            benefit(8, Some(5e4), Some(2021), "太原"),
            benefit(9, Some(1e9), Some(2025), "晋中"),
            benefit(10, None, None, "全省"),
        ];
        let ids: Vec<u32> = match_points(&points, &profile(r#"{"region": "综改示范区"}"#), TODAY).iter().map(|m| m.id).collect();
        assert_eq!(ids, [4, 5, 3, 6, 2, 1, 10, 9, 8, 7]);
    }

    #[test]
    fn each_match_says_why_and_what_to_check_in_the_points_own_words() {
        let point = with(1, |p| {
            p.text = "对吸纳高校毕业生的制造业企业，年营业收入超过 2000 万元的，给予最高 50 万元奖励。".into();
            p.beneficiaries = vec![Beneficiary::Graduates, Beneficiary::SmallAndMicro];
            p.industries = vec![Industry::Manufacturing];
            p.support = vec![Support::Grants, Support::Staffing];
            p.amounts = vec![
                Amount { start: 23, end: 30, kind: AmountKind::Fixed, yuan: Some(2e7), pct: None, role: AmountRole::Threshold },
                Amount { start: 37, end: 42, kind: AmountKind::Cap, yuan: Some(5e5), pct: None, role: AmountRole::Benefit },
            ];
        });
        let shown = judge(&point, &profile(r#"{"entity": "企业", "size": "中型", "needs": ["用工人才"]}"#), TODAY).unwrap();
        assert_eq!(shown.bucket, Bucket::Unknown);
        let reasons: Vec<(Dimension, Field, &str, &str)> =
            shown.reasons.iter().map(|r| (r.dimension, r.answer, r.value.as_str(), r.restriction.as_str())).collect();
        assert_eq!(reasons, [(Dimension::Support, Field::Needs, "用工人才", "用工人才")]);
        let open: Vec<_> = shown.open.iter().map(|o| (o.kind, o.value.as_deref(), o.start, o.end)).collect();
        assert_eq!(
            open,
            [
                (OpenKind::Beneficiaries, Some("高校毕业生"), Some(3), Some(8)),
                (OpenKind::Industries, Some("制造业"), Some(9), Some(12)),
                (OpenKind::Threshold, None, Some(23), Some(30)),
            ],
            "小微企业 is ruled out by 中型, so only 高校毕业生 is open"
        );
        let json = serde_json::to_string(&shown).unwrap();
        assert!(json.starts_with(r#"{"id":1,"bucket":"unknown","reasons":[{"dimension":"support","answer":"needs","value":"用工人才","restriction":"用工人才"}],"open":[{"kind":"beneficiaries","value":"高校毕业生","start":3,"end":8}"#), "{json}");
        assert_eq!(serde_json::to_string(&LeftOut::Contradicted(Dimension::Region)).unwrap(), r#"{"contradicted":"region"}"#);
    }
}
