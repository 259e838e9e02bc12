//! What the query analyzer may ask of the indexed corpus.
//!
//! Design choice: the analyzer needs the corpus's vocabulary (to split a query as the texts were
//! split) and its bigram statistics (to spell a pinyin reading as strings the texts contain), but
//! `analysis` sits below `index` and must not import it. So the analyzer states what it needs as this
//! trait, and `index::Corpus` implements it: the dependency points down, and the analyzer can be
//! tested over a hand-made lexicon. This module owns the interface only.

pub trait Lexicon {
    /// Whether the segmenter made `w` a word somewhere in the texts.
    fn is_word(&self, w: &[char]) -> bool;
    /// Whether `term` occurs anywhere (text, heading or title).
    fn occurs(&self, term: &[char]) -> bool;
    /// How many points have `term` in their text.
    fn text_points(&self, term: &[char]) -> usize;
    /// Whether a document number the corpus cites has this issuer prefix (晋政办发).
    fn is_docno_prefix(&self, prefix: &str) -> bool;
    /// The Han chars of the texts, headings and titles, ascending.
    fn han_chars(&self) -> &[char];
    /// How often each of `chars` (ascending) occurs in the texts, parallel to `chars`.
    fn char_counts(&self, chars: &[char]) -> Vec<usize>;
    /// The char pairs `(a, b)` of the texts whose first char is one of `chars` (ascending), with how
    /// often each occurs, ascending; the last char of a text pairs with `'\0'`.
    fn successors(&self, chars: &[char]) -> Vec<(char, char, usize)>;
}
