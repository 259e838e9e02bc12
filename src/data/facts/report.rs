//! The facts report: counts per value of every field, and the overrides' audit, for
//! `policy-search data check` and `data/REPORT.md`.
//!
//! It only formats; the facts are `derive`'s and the audit is `overrides`'. Every vocabulary word is
//! listed, zero counts included, so a word the rules never produce shows up as such.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::overrides::Outcome;
use crate::data::model::Dataset;
use crate::data::vocab::{AmountKind, AmountRole, Beneficiary, Industry, Support};

/// `word N, word N, …` over a vocabulary, counting the points whose list holds each word.
fn per_word<T: Copy + PartialEq + std::fmt::Display>(all: &[T], lists: impl Iterator<Item = Vec<T>> + Clone) -> String {
    all.iter().map(|w| format!("{w} {}", lists.clone().filter(|l| l.contains(w)).count())).collect::<Vec<_>>().join(", ")
}

/// Counts per value of each fact field, one line per field.
pub fn counts(dataset: &Dataset) -> String {
    let points = &dataset.points;
    let mut out = String::new();
    let _ = writeln!(out, "facts of {} points:", points.len());
    let _ = writeln!(out, "  support: {}", per_word(Support::ALL, points.iter().map(|p| p.support.clone())));
    let _ = writeln!(out, "  beneficiaries: {}", per_word(Beneficiary::ALL, points.iter().map(|p| p.beneficiaries.clone())));
    let _ = writeln!(out, "  industries: {}", per_word(Industry::ALL, points.iter().map(|p| p.industries.clone())));
    let mut regions: BTreeMap<&str, usize> = BTreeMap::new();
    for p in points {
        *regions.entry(p.region.as_str()).or_default() += 1;
    }
    let regions: Vec<String> = regions.iter().map(|(r, n)| format!("{r} {n}")).collect();
    let _ = writeln!(out, "  region: {}", regions.join(", "));
    let claimable = points.iter().filter(|p| p.claimable).count();
    let _ = writeln!(out, "  claimable: true {claimable}, false {}", points.len() - claimable);
    let amounts: Vec<_> = points.iter().flat_map(|p| &p.amounts).collect();
    let roles: Vec<String> = AmountRole::ALL.iter().map(|r| format!("{r} {}", amounts.iter().filter(|a| a.role == *r).count())).collect();
    let kinds: Vec<String> = AmountKind::ALL.iter().map(|k| format!("{k} {}", amounts.iter().filter(|a| a.kind == *k).count())).collect();
    let _ = writeln!(out, "  amounts: {} ({}; {})", amounts.len(), roles.join(", "), kinds.join(", "));
    let _ = writeln!(out, "  max_benefit_yuan: {} points", points.iter().filter(|p| p.max_benefit_yuan.is_some()).count());
    let _ = writeln!(out, "  valid_until: {} points", points.iter().filter(|p| p.valid_until.is_some()).count());
    out
}

/// One line: how many overrides changed the rules, how many are stale, how many are errors.
pub fn audit_summary(outcome: &Outcome) -> String {
    format!(
        "overrides: {} change the rules, {} stale, {} errors\n",
        outcome.changes.len(),
        outcome.stale.len(),
        outcome.errors.len()
    )
}

/// Every disagreement between rules and overrides, every stale override, every error, one per line.
pub fn audit(outcome: &Outcome) -> String {
    let mut out = String::new();
    for c in &outcome.changes {
        let o = &c.over;
        let _ = writeln!(out, "[override] line {}: point {} {}: rules {} → {} ({})", o.line, o.id, o.value.field(), c.rules, o.value, o.reason);
    }
    for o in &outcome.stale {
        let _ = writeln!(out, "[stale override] line {}: point {} {} is already {} by the rules", o.line, o.id, o.value.field(), o.value);
    }
    for e in &outcome.errors {
        let _ = writeln!(out, "[override error] {e}");
    }
    out
}

/// The facts section of `data/REPORT.md`.
pub fn markdown(dataset: &Dataset, outcome: &Outcome) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Facts\n");
    let _ = writeln!(out, "Derived by `src/data/facts` and corrected by `data/facts-overrides.tsv`.\n");
    let _ = writeln!(out, "```\n{}{}```\n", counts(dataset), audit_summary(outcome));
    let _ = writeln!(out, "### Overrides that change the rules ({})\n", outcome.changes.len());
    if outcome.changes.is_empty() {
        let _ = writeln!(out, "None.\n");
        return out;
    }
    for c in &outcome.changes {
        let o = &c.over;
        let _ = writeln!(out, "- point {} `{}`: rules {} → {} — {}", o.id, o.value.field(), c.rules, o.value, o.reason);
    }
    out.push('\n');
    out
}
