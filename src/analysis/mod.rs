//! Analysis: turning policy text and queries into the same terms.
//!
//! The main design choice: every normalisation shared by index and query is a *char → char* fold
//! ([`normalize`]), so a folded text has one original char behind each of its chars and highlights map
//! back exactly. Word segmentation (charabia with jieba) runs only when the index is built
//! ([`segment`], native only) and is shipped as word boundaries; the browser's query analyzer
//! ([`query`]) segments queries with the vocabulary those boundaries spell, so index and query cannot
//! disagree, and matching itself is by substring, so a segmentation slip can cost rank but never recall.
//! This module owns folding, variants, pinyin, synonyms and query analysis; it must not know about
//! ranking, the index bytes or the UI.

pub mod normalize;
pub mod pinyin;
pub mod query;
#[cfg(not(target_arch = "wasm32"))]
pub mod segment;
pub mod synonyms;
pub mod variants;
