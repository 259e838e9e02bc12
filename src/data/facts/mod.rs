//! Policy facts (`../shared/spec/policy-facts.md`): who a point is for, what it gives, where and until
//! when — derived from the point's text, its document number and the document tables.
//!
//! Design choice: *rules first, a short curated list of overrides second*. Every fact of every point
//! is computed by general rules (one module per kind of fact), so another agency's list gets the same
//! facts with no hand work and a rule fixed once is fixed everywhere; what the rules still get wrong
//! is corrected in `data/facts-overrides.tsv`, one line per point and field with the reason in words,
//! which `data check` audits (a stale or misspelt override is reported, never silently applied). The
//! rules read a point as a careful reader does: sentence by sentence, deciding which sentences are
//! concrete measures ([`claimable`]) and reading support types, groups and sectors only where the
//! conventions say a tag is earned ([`tags`]); figures get their role from their own clause
//! ([`amounts`]); end dates from the words around them ([`dates`]); the region from the issuer and
//! the subject ([`region`]). This module owns the pipeline; the words are the vocabulary's
//! (`super::vocab`) and the report's format is [`report`]'s.

pub mod amounts;
pub mod claimable;
pub mod dates;
pub mod overrides;
pub mod region;
pub mod report;
pub mod tags;
mod text;

use serde_json::Value;

pub use super::model::Facts;
use super::model::{Dataset, Document, Point, SCHEMA_VERSION};

/// The facts the rules derive for `point`. A point that is not claimable gets no support types and
/// no largest benefit: nobody can receive anything from a target or a duty.
pub fn derive(point: &Point, documents: &[Document]) -> Facts {
    let amounts = amounts::amounts(&point.text);
    let sentences = claimable::read(&point.text, &amounts);
    let claimable = claimable::claimable(&sentences);
    Facts {
        support: if claimable { tags::support(&sentences) } else { Vec::new() },
        beneficiaries: tags::beneficiaries(&point.text, &sentences, &amounts),
        industries: tags::industries(&point.text, &sentences),
        region: region::region(point, documents),
        claimable,
        max_benefit_yuan: if claimable { amounts::max_benefit(&amounts) } else { None },
        amounts,
        valid_until: dates::valid_until(&point.text),
    }
}

/// `data build`'s facts step: the rules for every point, then the overrides (see [`overrides`]).
pub fn build(dataset: &mut Dataset, overrides: &overrides::Overrides) -> overrides::Outcome {
    let rules: Vec<Facts> = dataset.points.iter().map(|p| derive(p, &dataset.documents)).collect();
    for (point, facts) in dataset.points.iter_mut().zip(rules.iter().cloned()) {
        facts.store(point);
    }
    overrides.apply(dataset, &rules)
}

/// The fields a point carries when its facts were derived (schema 2).
const FACT_FIELDS: [&str; 8] = ["support", "beneficiaries", "industries", "region", "claimable", "amounts", "max_benefit_yuan", "valid_until"];

/// A dataset read for indexing, and how many of its points had their facts derived here.
#[derive(Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    pub derived: usize,
}

/// Reads a dataset (the schema of `data/policies.json`) for `policy-search index`: a list from before
/// schema 2 has no facts, and a point that lacks any fact field has not had them derived, so those
/// points get the rules' facts (never the overrides, which are about this province's list). Facts a
/// schema-2 point carries are kept as they are: they may be curated.
pub fn load(json: &[u8]) -> Result<Loaded, serde_json::Error> {
    let raw: Value = serde_json::from_slice(json)?;
    let old_schema = raw.get("schema_version").and_then(Value::as_u64).is_none_or(|v| v < u64::from(SCHEMA_VERSION));
    let lacking: Vec<bool> = raw
        .get("points")
        .and_then(Value::as_array)
        .map(|points| points.iter().map(|p| old_schema || FACT_FIELDS.iter().any(|f| p.get(f).is_none())).collect())
        .unwrap_or_default();
    let mut dataset: Dataset = serde_json::from_value(raw)?;
    let mut derived = 0;
    for (i, lacks) in lacking.into_iter().enumerate() {
        if lacks {
            derive(&dataset.points[i], &dataset.documents).store(&mut dataset.points[i]);
            derived += 1;
        }
    }
    Ok(Loaded { dataset, derived })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::vocab::Beneficiary;

    fn dataset_json(schema: u32, point: &str) -> String {
        format!(r#"{{"schema_version":{schema},"source":"x","documents":[],"points":[{point}]}}"#)
    }

    const BARE_POINT: &str = r#"{"id":1,"chapter":"c","category":"k","subcategory":null,"no":1,"text":"对小微企业给予一次性奖励 50 万元。","docnos":["晋综改规发〔2025〕1号"],"docnos_raw":[],"year":null,"agency":null,"flags":{"repealed":false,"truncated":false,"no_docno":false,"duplicate_of":null}"#;

    #[test]
    fn a_list_without_facts_gets_the_rules_facts() {
        for json in [dataset_json(1, &format!("{BARE_POINT}}}")), dataset_json(2, &format!("{BARE_POINT}}}"))] {
            let loaded = load(json.as_bytes()).unwrap();
            let p = &loaded.dataset.points[0];
            assert_eq!(loaded.derived, 1);
            assert!(p.claimable);
            assert_eq!((p.region.as_str(), p.max_benefit_yuan), ("综改示范区", Some(5e5)));
            assert_eq!(p.beneficiaries, [Beneficiary::SmallAndMicro]);
        }
    }

    #[test]
    fn facts_a_schema_2_point_carries_are_kept() {
        let point = format!(
            r#"{BARE_POINT},"support":[],"beneficiaries":[],"industries":[],"region":"全省","claimable":false,"amounts":[],"max_benefit_yuan":null,"valid_until":null}}"#
        );
        let loaded = load(dataset_json(2, &point).as_bytes()).unwrap();
        assert_eq!(loaded.derived, 0);
        assert!(!loaded.dataset.points[0].claimable);
    }
}
