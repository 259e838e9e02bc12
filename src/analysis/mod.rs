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
    /// The variant pairs given on load: for a head alone, those of the chars the index's own
    /// strings use (what it folds on load); queries fold with [`Tables::query_variants`].
    pub variants: Variants,
    pub readings: Readings,
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
        readings.add(pinyin, &variants, &[]);
        Tables { readings, synonyms, tags, variants }
    }

    /// The variant table queries fold with: every pair once the readings are added, before that
    /// the pairs given on load.
    pub fn query_variants(&self) -> &Variants {
        self.readings.0.get().map_or(&self.variants, |r| &r.variants)
    }

    /// The pinyin table: empty until the readings are added.
    pub fn pinyin(&self) -> &PinyinTable {
        static NONE: std::sync::OnceLock<PinyinTable> = std::sync::OnceLock::new();
        self.readings.0.get().map_or_else(|| NONE.get_or_init(PinyinTable::default), |r| &r.pinyin)
    }
}

/// What may arrive after the rest: the pinyin table, and the variant pairs of the chars only a
/// query can bring (traditional characters the corpus never uses). The widget shows its first
/// results before downloading them, as only pinyin queries, homophone repairs and such characters
/// use them. Until they are added, [`Tables::pinyin`] knows no character and
/// [`Tables::query_variants`] folds only the corpus's own chars, so such a query finds what it
/// would find without them; the UI searches again once they are added. The texts, thesaurus and
/// tag words were folded on load with the pairs given then, which are all the pairs of their
/// chars, so a query folded afterwards meets them exactly as with the whole index.
#[derive(Debug, Default)]
pub struct Readings(std::sync::OnceLock<Late>);

#[derive(Debug)]
struct Late {
    pinyin: PinyinTable,
    /// The pairs given on load and the late ones.
    variants: Variants,
}

impl Readings {
    /// Adds the readings: the pinyin and the pairs `more` that join `variants`, the table given
    /// on load. The first call with any wins (empty data adds nothing, as it would read the same
    /// as none).
    pub fn add(&self, pinyin: &PinyinData, variants: &Variants, more: &[(char, char)]) {
        if !pinyin.syllables.is_empty() || !more.is_empty() {
            self.0.get_or_init(|| Late { pinyin: PinyinTable::new(pinyin), variants: variants.clone().with(more) });
        }
    }

    pub fn is_added(&self) -> bool {
        self.0.get().is_some()
    }
}
