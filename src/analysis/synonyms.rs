//! Synonyms, abbreviations, the policy thesaurus and everyday wording (奶茶店 → 餐饮, 电费 → 电价, 多久 →
//! 时限), from a curated list in `data/synonyms.tsv`, whose header documents the format.
//!
//! Design choice: expansions are one-way (what a user types → how the policies word it) and each entry
//! carries a weight, so an abbreviation's full form can count as much as the typed word (高企 →
//! 高新技术企业) while a thesaurus hop counts less (抵押物 → 信用贷款). The list is compiled into the
//! index, so the browser needs nothing else, and another agency's index carries the same thesaurus.
//! This module owns the file format and lookup; it must not decide how expansions are scored.

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

/// One line of the list: `term<TAB>weight<TAB>alternative alternative …`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub term: String,
    pub weight: f32,
    pub alternatives: Vec<String>,
}

/// The lines of a `word<TAB>weight<TAB>list` file such as this one or `data/tags.tsv` (`#` starts a
/// comment line): each line's number (from 1), word, weight and list field. `columns` names the three
/// columns in the error for a line that does not have them.
pub(crate) fn weighted_lines<'a>(tsv: &'a str, columns: [&str; 3]) -> Result<Vec<(usize, &'a str, f32, &'a str)>, String> {
    let mut out = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let [word, weight, list] = line.split('\t').collect::<Vec<_>>()[..] else {
            let [a, b, c] = columns;
            return Err(format!("line {}: expected {a}<TAB>{b}<TAB>{c}", n + 1));
        };
        let weight: f32 = weight.trim().parse().map_err(|_| format!("line {}: bad weight {weight:?}", n + 1))?;
        out.push((n + 1, word, weight, list));
    }
    Ok(out)
}

/// Parses the list. Errors name the line.
pub fn parse(tsv: &str) -> Result<Vec<Entry>, String> {
    let mut out = Vec::new();
    for (n, term, weight, alts) in weighted_lines(tsv, ["term", "weight", "alternatives"])? {
        let alternatives: Vec<String> = alts.split_whitespace().map(str::to_string).collect();
        if term.trim().is_empty() || alternatives.is_empty() || !(0.0..=1.0).contains(&weight) {
            return Err(format!("line {n}: empty term, no alternatives or weight outside 0..=1"));
        }
        out.push(Entry { term: term.trim().to_string(), weight, alternatives });
    }
    Ok(out)
}

/// Lookup by the folded term.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    map: FxHashMap<Vec<char>, Vec<(Vec<char>, f32)>>,
    longest: usize,
}

impl Synonyms {
    pub fn new(entries: &[Entry], fold: impl Fn(&str) -> Vec<char>) -> Synonyms {
        let mut map: FxHashMap<Vec<char>, Vec<(Vec<char>, f32)>> = FxHashMap::default();
        for e in entries {
            let alts = map.entry(fold(&e.term)).or_default();
            for a in &e.alternatives {
                alts.push((fold(a), e.weight));
            }
        }
        let longest = map.keys().map(Vec::len).max().unwrap_or(0);
        Synonyms { map, longest }
    }

    pub fn get(&self, term: &[char]) -> &[(Vec<char>, f32)] {
        self.map.get(term).map_or(&[], |v| v.as_slice())
    }

    pub fn contains(&self, term: &[char]) -> bool {
        self.map.contains_key(term)
    }

    pub fn longest(&self) -> usize {
        self.longest
    }
}

/// The committed list, compiled into the index builder.
pub const CURATED: &str = include_str!("../../data/synonyms.tsv");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_comments() {
        let e = parse("# c\n高企\t1.0\t高新技术企业\n抵押物\t0.7\t信用贷款 担保\n").unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[1].alternatives, vec!["信用贷款", "担保"]);
    }

    #[test]
    fn bad_lines_are_named() {
        assert_eq!(parse("高企 高新技术企业").unwrap_err(), "line 1: expected term<TAB>weight<TAB>alternatives");
        assert!(parse("高企\tx\ty").unwrap_err().contains("bad weight"));
    }

    #[test]
    fn the_curated_list_parses() {
        let entries = parse(CURATED).unwrap();
        assert!(entries.iter().any(|e| e.term == "高企"));
    }
}
