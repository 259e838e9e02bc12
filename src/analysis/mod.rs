//! Analysis: turning policy text and queries into the same terms.
//!
//! The main design choice: every normalisation shared by index and query is a *char → char* fold
//! ([`normalize`]), so a folded text has one original char behind each of its chars and highlights map
//! back exactly. Word segmentation (charabia with jieba) runs only when the index is built
//! ([`segment`], native only) and is shipped as word boundaries; the browser's query analyzer
//! ([`query`]) segments queries with the vocabulary those boundaries spell, so index and query cannot
//! disagree, and matching itself is by substring, so a segmentation slip can cost rank but never recall.
//! The analyzer reads the corpus only through [`lexicon::Lexicon`], which the index implements, so this
//! module never imports the index. It owns folding, variants, pinyin, synonyms, tag words, spelling and
//! query analysis; it must not know about ranking, the index bytes or the UI.

pub mod lexicon;
pub mod normalize;
pub mod pinyin;
pub mod query;
#[cfg(not(target_arch = "wasm32"))]
pub mod segment;
pub mod spell;
pub mod synonyms;
pub mod tags;
pub mod variants;

use normalize::fold;
use pinyin::{PinyinData, PinyinTable};
use synonyms::{Entry, Synonyms};
use tags::TagWords;
use variants::Variants;

/// The analyzer's own tables, made on load from what the index stores (variant pairs, pinyin
/// readings, thesaurus entries, tag words): the same tables fold the texts and the queries.
#[derive(Debug, Default)]
pub struct Tables {
    pub variants: Variants,
    pub pinyin: Readings,
    pub synonyms: Synonyms,
    pub tags: TagWords,
}

impl Tables {
    /// The tables; an empty `pinyin` leaves the readings to be added later (see [`Readings`]).
    pub fn new(variants: &[(char, char)], pinyin: &PinyinData, synonyms: &[Entry], tags: &[tags::Entry]) -> Tables {
        let variants = Variants::new(variants);
        let synonyms = Synonyms::new(synonyms, |s| fold(s, &variants).chars);
        let tags = TagWords::new(tags, |s| fold(s, &variants).chars);
        let readings = Readings::default();
        readings.add(pinyin);
        Tables { pinyin: readings, synonyms, tags, variants }
    }
}

/// The pinyin table, which may arrive after the rest: the widget shows its first results before
/// downloading the readings, which only pinyin queries and homophone repairs use. Until they are
/// added it reads as a table that knows no character, so such a query finds what it would find
/// without pinyin; the UI searches again once they are added.
#[derive(Debug, Default)]
pub struct Readings(std::sync::OnceLock<PinyinTable>);

impl Readings {
    /// Adds the readings; the first call with any wins (empty data adds nothing, as it would read
    /// the same as none).
    pub fn add(&self, data: &PinyinData) {
        if !data.syllables.is_empty() {
            self.0.get_or_init(|| PinyinTable::new(data));
        }
    }

    pub fn is_added(&self) -> bool {
        self.0.get().is_some()
    }
}

impl std::ops::Deref for Readings {
    type Target = PinyinTable;

    fn deref(&self) -> &PinyinTable {
        static NONE: std::sync::OnceLock<PinyinTable> = std::sync::OnceLock::new();
        self.0.get().unwrap_or_else(|| NONE.get_or_init(PinyinTable::default))
    }
}
