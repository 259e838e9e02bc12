//! Building an index from a dataset, natively: the only place charabia and the pinyin crate run.
//!
//! Design choice: everything language-specific that the browser needs is computed here once and
//! shipped as small tables (word boundaries, variant pairs, readings), restricted to the characters
//! this corpus uses, so another agency's list gets tables fitted to its own text. This module owns the
//! build; it must not define the format (see `format`) or know how the tables are used.

use std::collections::HashMap;

use crate::analysis::normalize::fold;
use crate::analysis::{pinyin, segment, synonyms, tags, variants};
use crate::data::Dataset;

use super::format::Stored;
use super::Index;

/// Builds the index of `dataset` with the committed synonym list.
pub fn build(dataset: &Dataset) -> Index {
    let mut freq: HashMap<char, usize> = HashMap::new();
    let texts = dataset.points.iter().flat_map(|p| {
        [p.text.as_str(), p.category.as_str(), p.chapter.as_str()].into_iter().chain(p.subcategory.as_deref())
    });
    for text in texts.chain(dataset.documents.iter().map(|d| d.title.as_str())) {
        for c in text.chars() {
            *freq.entry(c).or_default() += 1;
        }
    }
    let mut synonyms = synonyms::parse(synonyms::CURATED).expect("data/synonyms.tsv is valid (tested)");
    let tags = tags::parse(tags::CURATED).expect("data/tags.tsv is valid (tested)");
    for e in &synonyms {
        for c in e.term.chars().chain(e.alternatives.iter().flat_map(|a| a.chars())) {
            freq.entry(c).or_default();
        }
    }
    for c in tags.iter().flat_map(|e| e.word.chars()) {
        freq.entry(c).or_default();
    }
    let mut variants = variants::derive_pairs(&freq);
    crate::sort::sort_by_key(&mut variants, |&(from, to)| (to, from));
    ship_what_occurs(&mut synonyms, dataset, &variants);
    let stored = Stored {
        source: dataset.source.clone(),
        points: dataset.points.clone(),
        documents: dataset.documents.clone(),
        boundaries: dataset.points.iter().map(|p| segment::boundaries(&p.text)).collect(),
        variants,
        pinyin: pinyin::build_data(freq.keys().copied().chain(pinyin::gb2312_hanzi())),
        synonyms,
        tags,
    };
    Index::from_stored(stored)
}

/// Keeps of each thesaurus entry only the alternatives this corpus has, and only the entries left with
/// one: the browser gets no wording it could never match, and a term whose every alternative misses
/// stays an unknown word (a question about what the list does not cover still finds nothing).
fn ship_what_occurs(synonyms: &mut Vec<synonyms::Entry>, dataset: &Dataset, pairs: &[(char, char)]) {
    let variants = variants::Variants::new(pairs);
    let folded: Vec<Vec<char>> = dataset
        .points
        .iter()
        .flat_map(|p| [p.text.as_str(), p.category.as_str(), p.chapter.as_str()].into_iter().chain(p.subcategory.as_deref()))
        .chain(dataset.documents.iter().map(|d| d.title.as_str()))
        .map(|t| fold(t, &variants).chars)
        .collect();
    let occurs = |a: &str| {
        let a = fold(a, &variants).chars;
        folded.iter().any(|t| t.windows(a.len()).any(|w| w == a.as_slice()))
    };
    for e in synonyms.iter_mut() {
        e.alternatives.retain(|a| occurs(a));
    }
    synonyms.retain(|e| !e.alternatives.is_empty());
}

#[cfg(test)]
mod tests {
    use crate::data::{Dataset, Point};

    #[test]
    fn the_thesaurus_ships_only_the_wording_the_corpus_has() {
        let point = Point { id: 1, chapter: "甲".into(), category: "乙".into(), no: 1, text: "鼓励餐饮企业提质升档".into(), ..Point::default() };
        let dataset = Dataset { schema_version: crate::data::model::SCHEMA_VERSION, source: "t".into(), points: vec![point], documents: vec![] };
        let index = super::build(&dataset);
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let alternatives: Vec<String> = index.tables.synonyms.get(&chars("奶茶店")).iter().map(|(a, _)| a.iter().collect()).collect();
        // 住餐, the other sector the list names, is not in this corpus.
        assert_eq!(alternatives, ["餐饮"]);
        // Nothing 网店 stands for is here: it stays an unknown word.
        assert!(!index.tables.synonyms.contains(&chars("网店")));
    }
}
