//! Query words → the facts' tags (支持方式, 适用对象, 行业), from the vocabulary itself and the curated
//! list in `data/tags.tsv`, whose header documents the format.
//!
//! Design choice: a word that names a sector, a group or a kind of support (餐饮, 个体工商户, 贴息) should
//! reach the points the facts tag with it even where their text words it otherwise, so a concept also
//! carries the tags its typed word and its thesaurus readings name (奶茶店 → 餐饮 → 住宿餐饮). Every
//! vocabulary word names itself; the list adds the everyday and technical words for each. Like the
//! thesaurus, the list is parsed when the index is built and shipped in it, so the browser carries no
//! parser (its float parsing alone is kilobytes of wasm); a tag is stored as its vocabulary word and
//! read back through the vocabulary, so an index naming a tag this build does not know fails to load
//! instead of matching nothing. This module owns the format and lookup; how a tag match is scored is
//! `search::score`'s.

use rustc_hash::FxHashMap;

use crate::data::field::FilterKey;
use crate::data::vocab::{Beneficiary, Industry, Support};

/// A value of one of the facts' tag fields, spelt as the vocabulary spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tag {
    pub key: FilterKey,
    pub word: &'static str,
}

impl Tag {
    /// The tag a vocabulary word is, in whichever of the three lists has it.
    pub fn parse(word: &str) -> Option<Tag> {
        let tag = |key, word| Some(Tag { key, word });
        if let Some(s) = Support::parse(word) {
            return tag(FilterKey::Support, s.as_str());
        }
        if let Some(b) = Beneficiary::parse(word) {
            return tag(FilterKey::Beneficiary, b.as_str());
        }
        Industry::parse(word).and_then(|i| tag(FilterKey::Industry, i.as_str()))
    }

    /// Every tag of the three vocabularies.
    pub(crate) fn all() -> impl Iterator<Item = Tag> {
        let support = Support::ALL.iter().map(|s| Tag { key: FilterKey::Support, word: s.as_str() });
        let groups = Beneficiary::ALL.iter().map(|b| Tag { key: FilterKey::Beneficiary, word: b.as_str() });
        let sectors = Industry::ALL.iter().map(|i| Tag { key: FilterKey::Industry, word: i.as_str() });
        support.chain(groups).chain(sectors)
    }
}

impl serde::Serialize for Tag {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.word)
    }
}

impl<'de> serde::Deserialize<'de> for Tag {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Tag, D::Error> {
        let word = String::deserialize(deserializer)?;
        // Quoted by hand: `{:?}` would bring Rust's string escaping and its Unicode tables into the wasm.
        Tag::parse(&word).ok_or_else(|| serde::de::Error::custom(format!("“{word}” is no tag of this build")))
    }
}

/// One line of the list: `word<TAB>weight<TAB>tag tag …`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub word: String,
    pub weight: f32,
    pub tags: Vec<Tag>,
}

/// Parses the list; `#` starts a comment line. Errors name the line, and a tag outside the vocabulary
/// lists the valid words.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(tsv: &str) -> Result<Vec<Entry>, String> {
    let mut out = Vec::new();
    for (n, word, weight, tags) in super::synonyms::weighted_lines(tsv, ["word", "weight", "tags"])? {
        if word.trim().is_empty() || !(0.0..=1.0).contains(&weight) {
            return Err(format!("line {n}: empty word or weight outside 0..=1"));
        }
        let tags = tags
            .split_whitespace()
            .map(|t| {
                Tag::parse(t).ok_or_else(|| {
                    format!("line {n}: {t:?} is no tag; valid: {}；{}；{}", Support::words(), Beneficiary::words(), Industry::words())
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if tags.is_empty() {
            return Err(format!("line {n}: no tags"));
        }
        out.push(Entry { word: word.trim().to_string(), weight, tags });
    }
    Ok(out)
}

/// The committed list.
#[cfg(not(target_arch = "wasm32"))]
pub const CURATED: &str = include_str!("../../data/tags.tsv");

/// Lookup by the folded word.
#[derive(Debug, Clone, Default)]
pub struct TagWords {
    map: FxHashMap<Vec<char>, Vec<(Tag, f32)>>,
}

impl TagWords {
    /// The vocabulary's own words (weight 1) and the list's entries.
    pub fn new(entries: &[Entry], fold: impl Fn(&str) -> Vec<char>) -> TagWords {
        let mut map: FxHashMap<Vec<char>, Vec<(Tag, f32)>> = FxHashMap::default();
        for tag in Tag::all() {
            map.entry(fold(tag.word)).or_default().push((tag, 1.0));
        }
        for e in entries {
            let tags = map.entry(fold(&e.word)).or_default();
            for &t in &e.tags {
                if !tags.iter().any(|(x, _)| *x == t) {
                    tags.push((t, e.weight));
                }
            }
        }
        TagWords { map }
    }

    pub fn get(&self, word: &[char]) -> &[(Tag, f32)] {
        self.map.get(word).map_or(&[], |v| v.as_slice())
    }

    pub fn contains(&self, word: &[char]) -> bool {
        self.map.contains_key(word)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_names_bad_lines() {
        let e = parse("# c\n奶茶\t0.9\t住宿餐饮\n贴息\t1\t融资支持\n").unwrap();
        assert_eq!(e[0].tags, [Tag { key: FilterKey::Industry, word: "住宿餐饮" }]);
        assert_eq!(e[1].tags[0].key, FilterKey::Support);
        assert_eq!(parse("奶茶 住宿餐饮").unwrap_err(), "line 1: expected word<TAB>weight<TAB>tags");
        assert!(parse("奶茶\t1\t餐饮业").unwrap_err().contains("\"餐饮业\" is no tag; valid: 资金奖补"));
    }

    #[test]
    fn the_curated_list_parses_and_every_vocabulary_word_names_itself() {
        let words = TagWords::new(&parse(CURATED).unwrap(), |s| s.chars().collect());
        let of = |w: &str| words.get(&w.chars().collect::<Vec<_>>()).iter().map(|(t, _)| t.word).collect::<Vec<_>>();
        for tag in Tag::all() {
            assert!(of(tag.word).contains(&tag.word), "{}", tag.word);
        }
    }
}
