//! `data/facts-overrides.tsv`: the curated corrections to the rules, and their audit.
//!
//! Design choice: an override replaces one field of one point and must say why, and it is checked
//! every time it is applied: a misspelt word, an unknown field, a point that does not exist or a
//! second line for the same point and field is an error naming the line (nothing is applied in
//! part), and an override that no longer changes anything is reported as stale, so the file only
//! ever holds genuine rule failures. An override changes only its field; a `max_benefit_yuan` must be
//! a figure of the point's text, so the widget can still mark it. This module owns the file's format
//! and the audit; formatting the audit for people is `report`'s.

use std::fmt;

use super::Facts;
use crate::data::model::Dataset;
// A problem with a line of the file is reported like one in the seed: the line and what is wrong.
use crate::data::seed::ParseError;
use crate::data::field;
use crate::data::vocab::{self, Beneficiary, Industry, Support};

/// The fields an override may set.
pub const FIELDS: [&str; 7] = ["support", "beneficiaries", "industries", "region", "claimable", "max_benefit_yuan", "valid_until"];

/// A field's new value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Support(Vec<Support>),
    Beneficiaries(Vec<Beneficiary>),
    Industries(Vec<Industry>),
    Region(String),
    Claimable(bool),
    MaxBenefit(Option<f64>),
    ValidUntil(Option<String>),
}

impl Value {
    pub fn field(&self) -> &'static str {
        match self {
            Value::Support(_) => "support",
            Value::Beneficiaries(_) => "beneficiaries",
            Value::Industries(_) => "industries",
            Value::Region(_) => "region",
            Value::Claimable(_) => "claimable",
            Value::MaxBenefit(_) => "max_benefit_yuan",
            Value::ValidUntil(_) => "valid_until",
        }
    }

    /// The same field's value in `facts`.
    fn of(&self, facts: &Facts) -> Value {
        match self {
            Value::Support(_) => Value::Support(facts.support.clone()),
            Value::Beneficiaries(_) => Value::Beneficiaries(facts.beneficiaries.clone()),
            Value::Industries(_) => Value::Industries(facts.industries.clone()),
            Value::Region(_) => Value::Region(facts.region.clone()),
            Value::Claimable(_) => Value::Claimable(facts.claimable),
            Value::MaxBenefit(_) => Value::MaxBenefit(facts.max_benefit_yuan),
            Value::ValidUntil(_) => Value::ValidUntil(facts.valid_until.clone()),
        }
    }

    fn store(&self, facts: &mut Facts) {
        match self.clone() {
            Value::Support(v) => facts.support = v,
            Value::Beneficiaries(v) => facts.beneficiaries = v,
            Value::Industries(v) => facts.industries = v,
            Value::Region(v) => facts.region = v,
            Value::Claimable(v) => facts.claimable = v,
            Value::MaxBenefit(v) => facts.max_benefit_yuan = v,
            Value::ValidUntil(v) => facts.valid_until = v,
        }
    }
}

/// Spelt as the file spells it: list words joined by 、 (`-` for none), `null` for no value.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list<T: fmt::Display>(words: &[T]) -> String {
            if words.is_empty() {
                "-".into()
            } else {
                words.iter().map(|w| w.to_string()).collect::<Vec<_>>().join("、")
            }
        }
        match self {
            Value::Support(v) => f.write_str(&list(v)),
            Value::Beneficiaries(v) => f.write_str(&list(v)),
            Value::Industries(v) => f.write_str(&list(v)),
            Value::Region(v) => f.write_str(v),
            Value::Claimable(v) => write!(f, "{v}"),
            Value::MaxBenefit(Some(v)) => write!(f, "{v}"),
            Value::ValidUntil(Some(v)) => f.write_str(v),
            Value::MaxBenefit(None) | Value::ValidUntil(None) => f.write_str("null"),
        }
    }
}

/// One line of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub line: usize,
    pub id: u32,
    pub value: Value,
    pub reason: String,
}

/// The parsed file: its overrides, and the lines that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub items: Vec<Override>,
    pub errors: Vec<ParseError>,
}

/// An override that changes what the rules say: the disagreement `data check` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub over: Override,
    pub rules: Value,
}

/// What applying the file did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub changes: Vec<Change>,
    /// Overrides that say what the rules already say.
    pub stale: Vec<Override>,
    /// Unreadable lines, unknown points, duplicates, amounts not in the text.
    pub errors: Vec<ParseError>,
}

impl Overrides {
    /// Reads the file: `id<TAB>field<TAB>value<TAB>reason`, `#` comments and blank lines ignored.
    pub fn parse(text: &str) -> Overrides {
        let mut out = Overrides::default();
        for (n, raw) in text.lines().enumerate() {
            let line = n + 1;
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            match parse_line(raw) {
                Ok((id, value, reason)) => out.items.push(Override { line, id, value, reason }),
                Err(message) => out.errors.push(ParseError { line, message }),
            }
        }
        out
    }

    /// Applies the overrides over the rules' facts (`rules[i]` for `dataset.points[i]`), which the
    /// points already carry.
    pub fn apply(&self, dataset: &mut Dataset, rules: &[Facts]) -> Outcome {
        let mut outcome = Outcome { errors: self.errors.clone(), ..Outcome::default() };
        let mut seen: Vec<(u32, &str, usize)> = Vec::new();
        for o in &self.items {
            let Some(index) = dataset.points.iter().position(|p| p.id == o.id) else {
                outcome.errors.push(ParseError { line: o.line, message: format!("no point {}", o.id) });
                continue;
            };
            if let Some((_, _, first)) = seen.iter().find(|(id, f, _)| *id == o.id && *f == o.value.field()) {
                outcome.errors.push(ParseError { line: o.line, message: format!("point {} {} is already set on line {first}", o.id, o.value.field()) });
                continue;
            }
            seen.push((o.id, o.value.field(), o.line));
            let point = &mut dataset.points[index];
            if let Value::MaxBenefit(Some(v)) = o.value {
                if !point.amounts.iter().any(|a| a.yuan == Some(v)) {
                    outcome.errors.push(ParseError { line: o.line, message: format!("no figure of point {}'s text is worth {v} 元", o.id) });
                    continue;
                }
            }
            let rule = o.value.of(&rules[index]);
            if rule == o.value {
                outcome.stale.push(o.clone());
                continue;
            }
            let mut facts = Facts::of(point);
            o.value.store(&mut facts);
            facts.store(point);
            outcome.changes.push(Change { over: o.clone(), rules: rule });
        }
        outcome
    }
}

fn parse_line(raw: &str) -> Result<(u32, Value, String), String> {
    let cols: Vec<&str> = raw.split('\t').map(str::trim).collect();
    let [id, field, value, reason] = cols[..] else {
        return Err(format!("expected 4 tab-separated columns (id, field, value, reason), found {}", cols.len()));
    };
    let id: u32 = id.parse().map_err(|_| format!("{id:?} is not a point id"))?;
    if reason.is_empty() {
        return Err("the reason is empty: say why the rules are wrong here".into());
    }
    let value = parse_value(field, value)?;
    Ok((id, value, reason.to_string()))
}

fn parse_value(field: &str, value: &str) -> Result<Value, String> {
    /// Words in the vocabulary's order, as the rules produce them, so equal sets compare equal.
    fn words<T: Ord>(value: &str, parse: fn(&str) -> Option<T>, valid: fn() -> String) -> Result<Vec<T>, String> {
        if value == "-" {
            return Ok(Vec::new());
        }
        let mut words = value
            .split(['、', ','])
            .map(|w| parse(w.trim()).ok_or_else(|| format!("{:?} is not one of {}", w.trim(), valid())))
            .collect::<Result<Vec<T>, String>>()?;
        words.sort();
        words.dedup();
        Ok(words)
    }
    fn nullable<T>(value: &str, parse: impl Fn(&str) -> Option<T>, expected: &str) -> Result<Option<T>, String> {
        match value {
            "null" => Ok(None),
            _ => parse(value).map(Some).ok_or_else(|| format!("{value:?} is not {expected} or null")),
        }
    }
    match field {
        "support" => words(value, Support::parse, Support::words).map(Value::Support),
        "beneficiaries" => words(value, Beneficiary::parse, Beneficiary::words).map(Value::Beneficiaries),
        "industries" => words(value, Industry::parse, Industry::words).map(Value::Industries),
        "region" if vocab::REGIONS.contains(&value) => Ok(Value::Region(value.to_string())),
        "region" => Err(format!("{value:?} is not one of {}", vocab::REGIONS.join("、"))),
        "claimable" => match value {
            "true" => Ok(Value::Claimable(true)),
            "false" => Ok(Value::Claimable(false)),
            _ => Err(format!("{value:?} is not true or false")),
        },
        "max_benefit_yuan" => nullable(value, |v| v.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0), "an amount in 元").map(Value::MaxBenefit),
        "valid_until" => nullable(value, |v| field::is_date(v).then(|| v.to_string()), "a date YYYY-MM-DD").map(Value::ValidUntil),
        _ => Err(format!("unknown field {field:?}: expected one of {}", FIELDS.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Point;

    fn dataset() -> Dataset {
        let point = Point { id: 7, text: "给予获奖单位 100 万元奖励。".into(), ..Point::default() };
        Dataset { schema_version: 2, source: "t".into(), points: vec![point], documents: vec![] }
    }

    fn run(file: &str) -> (Dataset, Outcome) {
        let mut d = dataset();
        let rules: Vec<Facts> = d.points.iter().map(|p| super::super::derive(p, &[])).collect();
        for (p, f) in d.points.iter_mut().zip(rules.iter().cloned()) {
            f.store(p);
        }
        let outcome = Overrides::parse(file).apply(&mut d, &rules);
        (d, outcome)
    }

    #[test]
    fn an_override_replaces_its_field_and_is_reported_as_a_change() {
        let (d, o) = run("# comment\n7\tbeneficiaries\t园区、金融机构\t获奖单位是开发区\n7\tmax_benefit_yuan\tnull\t钱给开发区\n");
        assert!(o.errors.is_empty(), "{:?}", o.errors);
        assert_eq!(d.points[0].beneficiaries, [Beneficiary::FinancialInstitution, Beneficiary::Park]);
        assert_eq!(d.points[0].max_benefit_yuan, None);
        assert_eq!(o.changes.len(), 2);
        assert_eq!(o.changes[1].rules, Value::MaxBenefit(Some(1e6)));
    }

    #[test]
    fn stale_overrides_are_reported_and_bad_lines_are_errors_naming_the_line() {
        let (_, o) = run("7\tregion\t全省\t原本就是全省\n");
        assert_eq!((o.stale.len(), o.changes.len()), (1, 0));
        let (_, o) = run(concat!(
            "7\tsupport\t资金补贴\tx\n",
            "7\tsize\t大型\tx\n",
            "8\tclaimable\ttrue\tx\n",
            "7\tregion\t火星\tx\n",
            "7\tclaimable\tfalse\t\n",
            "7\tmax_benefit_yuan\t123\tx\n",
            "7\tclaimable\tfalse\tx\n",
            "7\tclaimable\ttrue\tx\n",
        ));
        let lines: Vec<usize> = o.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 2, 4, 5, 3, 6, 8]);
        assert!(o.errors[0].message.contains("\"资金补贴\" is not one of 资金奖补、"), "{}", o.errors[0]);
    }
}
