//! A profile: what an enterprise says about itself (`{ region, entity, size, traits[], industries[],
//! needs[] }`, every field optional), and the 适用对象 that follow from it.
//!
//! Parsing goes through [`Profile::from_json`] (and serde, which calls the same code), so a typo in a
//! field or a value is an error that names it and lists what is valid — in the CLI, the JS API and
//! the URL alike. `null` and `[]` read as "not answered".

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::data::vocab::{vocabulary, Beneficiary, Industry, Support};

vocabulary! {
    /// 主体类型.
    Entity {
        Enterprise = "企业",
        SoleTrader = "个体工商户",
    }
}

vocabulary! {
    /// 规模: the size classes of 《中小企业划型标准规定》.
    Size {
        Large = "大型",
        Medium = "中型",
        Small = "小型",
        Micro = "微型",
    }
}

/// Every region a profile may give (the vocabulary's, which points use too).
pub use crate::data::vocab::REGIONS;

/// The profile's fields, in the spec's order (for the unknown-field message).
pub const FIELDS: [&str; 6] = ["region", "entity", "size", "traits", "industries", "needs"];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Value")]
pub struct Profile {
    /// One of [`REGIONS`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<Entity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// Every standing the enterprise holds: one it does not list, it does not hold.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub traits: Vec<Beneficiary>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub industries: Vec<Industry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<Support>,
}

/// Which answer of the profile something follows from, e.g. `(Size, "小型")` for 小微企业.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Region,
    Entity,
    Size,
    Traits,
    Industries,
    Needs,
}

/// A profile answer: the field and the value given for it.
pub type Answer = (Field, &'static str);

use Beneficiary::*;

/// What a trait implies beyond itself: the spec's chain 小型微利企业 → 小微企业 → 中小企业, and nothing
/// else (in particular not 专精特新小巨人 → 专精特新中小企业).
const TRAIT_IMPLIES: [(Beneficiary, &[Beneficiary]); 2] =
    [(SmallLowProfit, &[SmallAndMicro, SmallAndMedium]), (SmallAndMicro, &[SmallAndMedium])];

impl Size {
    /// The size classes an enterprise of this size holds.
    fn implies(self) -> &'static [Beneficiary] {
        match self {
            Size::Micro | Size::Small => &[SmallAndMicro, SmallAndMedium],
            Size::Medium => &[SmallAndMedium, LargeAndMedium],
            Size::Large => &[LargeAndMedium],
        }
    }

    /// The size classes an enterprise (or 个体工商户) of this size cannot hold. 小型微利企业 and
    /// 小规模纳税人 are tax statuses a small or micro business may or may not have: left open for them.
    fn rules_out(self) -> &'static [Beneficiary] {
        match self {
            Size::Micro | Size::Small => &[LargeAndMedium],
            Size::Medium => &[SmallAndMicro, SmallLowProfit, SmallScaleTaxpayer],
            Size::Large => &[SmallAndMicro, SmallLowProfit, SmallScaleTaxpayer, SmallAndMedium],
        }
    }
}

impl Profile {
    /// Reads a profile from JSON text; see [`ProfileError`] for what is refused.
    pub fn from_json(json: &str) -> Result<Profile, ProfileError> {
        let value: Value = serde_json::from_str(json).map_err(|e| ProfileError::Json(e.to_string()))?;
        Profile::try_from(value)
    }

    /// Whether the profile answers nothing.
    pub fn is_empty(&self) -> bool {
        *self == Profile::default()
    }

    /// Every 适用对象 the profile holds, in the vocabulary's order.
    pub fn holds(&self) -> Vec<Beneficiary> {
        Beneficiary::ALL.iter().copied().filter(|&b| self.held_by(b).is_some()).collect()
    }

    /// The answer that makes the profile hold `b`, if any: the trait itself; for an 个体工商户 the
    /// entity; otherwise a trait implying it, or for a 企业 its size.
    pub fn held_by(&self, b: Beneficiary) -> Option<Answer> {
        if self.traits.contains(&b) {
            return Some((Field::Traits, b.as_str()));
        }
        if self.entity == Some(Entity::SoleTrader) {
            return (b == IndividualBusiness).then_some((Field::Entity, "个体工商户"));
        }
        let implied = TRAIT_IMPLIES.iter().find(|(t, implies)| implies.contains(&b) && self.traits.contains(t));
        if let Some((t, _)) = implied {
            return Some((Field::Traits, t.as_str()));
        }
        let size = self.size.filter(|s| self.entity == Some(Entity::Enterprise) && s.implies().contains(&b));
        size.map(|s| (Field::Size, s.as_str()))
    }

    /// Whether the profile rules out `b` (which it does not hold); otherwise `b` is left open.
    pub fn rules_out(&self, b: Beneficiary) -> bool {
        let sole_trader = self.entity == Some(Entity::SoleTrader);
        let by_size = self.size.is_some_and(|s| s.rules_out().contains(&b));
        match b {
            FinancialInstitution | Park | Research | SocialOrganisation => self.entity.is_some(),
            IndividualBusiness => self.entity == Some(Entity::Enterprise),
            SmallAndMicro | SmallLowProfit | SmallAndMedium | LargeAndMedium => sole_trader || by_size,
            SmallScaleTaxpayer => by_size,
            Private | ForeignInvested | StateOwned | AboveScale | Startup | HighTech | TechSme | Specialised
            | LittleGiant | SingleChampion | ChainLeader | GazelleUnicorn | Listed | TimeHonoured => true,
            Graduates | HardToEmploy | Veterans | HighLevelTalent => false,
        }
    }
}

/// Why a profile was refused; the message names the field or value and lists the valid ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileError {
    /// Not JSON at all (serde_json's message).
    Json(String),
    NotAnObject,
    UnknownField(String),
    /// A field of the wrong JSON type: `expected` is 一个字符串 or 字符串列表.
    WrongType { field: &'static str, expected: &'static str },
    BadValue { field: &'static str, value: String, valid: String },
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfileError::Json(e) => write!(f, "画像不是有效的 JSON：{e}"),
            ProfileError::NotAnObject => write!(f, "画像应是一个 JSON 对象（字段：{}）", FIELDS.join(", ")),
            ProfileError::UnknownField(name) => write!(f, "未知的字段 “{name}”（可用：{}）", FIELDS.join(", ")),
            ProfileError::WrongType { field, expected } => write!(f, "{field} 应是{expected}"),
            ProfileError::BadValue { field, value, valid } => write!(f, "{field} 的值 “{value}” 无效（可用：{valid}）"),
        }
    }
}

impl std::error::Error for ProfileError {}

impl TryFrom<Value> for Profile {
    type Error = ProfileError;

    fn try_from(value: Value) -> Result<Profile, ProfileError> {
        let Value::Object(fields) = value else { return Err(ProfileError::NotAnObject) };
        let mut profile = Profile::default();
        for (name, value) in &fields {
            let Some(&field) = FIELDS.iter().find(|f| **f == name) else {
                return Err(ProfileError::UnknownField(name.clone()));
            };
            if value.is_null() {
                continue;
            }
            match field {
                "region" => {
                    let region = word(field, value, |w| REGIONS.iter().find(|r| **r == w).copied(), || REGIONS.join("、"))?;
                    profile.region = Some(region.to_string());
                }
                "entity" => profile.entity = Some(word(field, value, Entity::parse, Entity::words)?),
                "size" => profile.size = Some(word(field, value, Size::parse, Size::words)?),
                "traits" => profile.traits = list(field, value, Beneficiary::parse, Beneficiary::words)?,
                "industries" => profile.industries = list(field, value, Industry::parse, Industry::words)?,
                _ => profile.needs = list(field, value, Support::parse, Support::words)?,
            }
        }
        Ok(profile)
    }
}

/// One value of a closed list, spelt as the spec spells it (surrounding blanks ignored).
fn word<T>(
    field: &'static str,
    value: &Value,
    parse: impl Fn(&str) -> Option<T>,
    valid: impl Fn() -> String,
) -> Result<T, ProfileError> {
    let Value::String(text) = value else {
        return Err(ProfileError::WrongType { field, expected: "一个字符串" });
    };
    parse(text.trim()).ok_or_else(|| ProfileError::BadValue { field, value: text.clone(), valid: valid() })
}

/// A list of values of a closed list, repeats dropped.
fn list<T: PartialEq>(
    field: &'static str,
    value: &Value,
    parse: impl Fn(&str) -> Option<T>,
    valid: impl Fn() -> String,
) -> Result<Vec<T>, ProfileError> {
    let Value::Array(items) = value else {
        return Err(ProfileError::WrongType { field, expected: "字符串列表" });
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let item = word(field, item, &parse, &valid).map_err(|e| match e {
            ProfileError::WrongType { field, .. } => ProfileError::WrongType { field, expected: "字符串列表" },
            e => e,
        })?;
        if !out.contains(&item) {
            out.push(item);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(json: &str) -> Profile {
        Profile::from_json(json).unwrap()
    }

    fn err(json: &str) -> String {
        Profile::from_json(json).unwrap_err().to_string()
    }

    #[test]
    fn the_specs_shape_parses_and_round_trips() {
        let profile = p(r#"{"region": "太原", "entity": "企业", "size": "小型", "traits": ["民营企业", "高新技术企业"],
                            "industries": ["制造业"], "needs": ["资金奖补", "税费减免", "资金奖补"]}"#);
        assert_eq!(profile.region.as_deref(), Some("太原"));
        assert_eq!((profile.entity, profile.size), (Some(Entity::Enterprise), Some(Size::Small)));
        assert_eq!(profile.traits, [Private, HighTech]);
        assert_eq!(profile.needs, [Support::Grants, Support::TaxAndFeeRelief], "repeats dropped");
        let json = serde_json::to_string(&profile).unwrap();
        assert_eq!(serde_json::from_str::<Profile>(&json).unwrap(), profile);
        assert_eq!(p("{}"), Profile::default());
        assert!(p(r#"{"region": null, "traits": []}"#).is_empty(), "null and [] are not answers");
        assert_eq!(serde_json::to_string(&Profile::default()).unwrap(), "{}");
    }

    #[test]
    fn errors_name_the_field_or_value_and_list_the_valid_ones() {
        let table = [
            (r#"{"foo": 1}"#, "未知的字段 “foo”（可用：region, entity, size, traits, industries, needs）"),
            (r#"{"size": "巨型"}"#, "size 的值 “巨型” 无效（可用：大型、中型、小型、微型）"),
            (r#"{"entity": "公司"}"#, "entity 的值 “公司” 无效（可用：企业、个体工商户）"),
            (r#"{"region": "太原市"}"#, "region 的值 “太原市” 无效（可用：全省、综改示范区、太原、大同、朔州、忻州、阳泉、吕梁、晋中、长治、晋城、临汾、运城）"),
            (r#"{"traits": ["小巨人"]}"#, "traits 的值 “小巨人” 无效（可用：小微企业、"),
            (r#"{"needs": ["贷款"]}"#, "needs 的值 “贷款” 无效（可用：资金奖补、税费减免、"),
            (r#"{"industries": ["养老"]}"#, "industries 的值 “养老” 无效（可用：制造业、"),
            (r#"{"traits": "民营企业"}"#, "traits 应是字符串列表"),
            (r#"{"traits": [1]}"#, "traits 应是字符串列表"),
            (r#"{"size": ["小型"]}"#, "size 应是一个字符串"),
            ("[]", "画像应是一个 JSON 对象（字段：region, entity, size, traits, industries, needs）"),
            ("{region:", "画像不是有效的 JSON："),
        ];
        for (json, message) in table {
            assert!(err(json).starts_with(message), "{json}: {}", err(json));
        }
        assert_eq!(serde_json::from_str::<Profile>(r#"{"size": "巨型"}"#).unwrap_err().to_string(), err(r#"{"size": "巨型"}"#));
        assert_eq!(p(r#"{"size": " 小型 "}"#).size, Some(Size::Small), "blanks around a value are ignored");
    }

    #[test]
    fn holdings_follow_size_entity_and_the_trait_chain() {
        let table: [(&str, &[Beneficiary]); 10] = [
            (r#"{"entity": "企业", "size": "微型"}"#, &[SmallAndMicro, SmallAndMedium]),
            (r#"{"entity": "企业", "size": "小型"}"#, &[SmallAndMicro, SmallAndMedium]),
            (r#"{"entity": "企业", "size": "中型"}"#, &[SmallAndMedium, LargeAndMedium]),
            (r#"{"entity": "企业", "size": "大型"}"#, &[LargeAndMedium]),
            (r#"{"size": "小型"}"#, &[]),
            (r#"{"entity": "个体工商户", "size": "微型"}"#, &[IndividualBusiness]),
            (r#"{"entity": "个体工商户", "traits": ["小型微利企业"]}"#, &[SmallLowProfit, IndividualBusiness]),
            (r#"{"traits": ["小型微利企业"]}"#, &[SmallAndMicro, SmallLowProfit, SmallAndMedium]),
            (r#"{"traits": ["专精特新小巨人", "科技型中小企业"]}"#, &[TechSme, LittleGiant]),
            (r#"{"entity": "企业"}"#, &[]),
        ];
        for (json, holds) in table {
            assert_eq!(p(json).holds(), holds, "{json}");
        }
        let profile = p(r#"{"size": "小型", "traits": ["小型微利企业"]}"#);
        assert_eq!(profile.held_by(SmallAndMicro), Some((Field::Traits, "小型微利企业")), "the trait is named first");
        assert_eq!(profile.held_by(Specialised), None, "a 小巨人 is not assumed to be a 专精特新中小企业");
    }
}
