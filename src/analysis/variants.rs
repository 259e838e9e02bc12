//! Character variants: traditional (and other variant) forms folded to the corpus's simplified forms.
//!
//! Design choice: the table is *derived*, not curated. At build time every CJK ideograph is converted
//! to simplified with `zhconv` (MediaWiki's conversion tables) and passed through charabia's Chinese
//! normaliser (which maps variants to one lemma); a char is mapped to a char the corpus uses when
//! zhconv turns it into that char or, failing that, when it shares charabia's lemma with it. So the
//! index carries only the pairs this corpus needs (about a thousand, not tens of thousands), and
//! query folding agrees with charabia's notion of "the same character" wherever zhconv has no
//! opinion. Nearly all of them fold only queries (traditional characters the simplified corpus does
//! not use), so the index ships them with the pinyin readings, after the first results, and the
//! table can grow by them after load ([`Variants::with`]). This module owns the table and its
//! lookup; folding itself lives in [`super::normalize`].

#[cfg(not(target_arch = "wasm32"))]
use std::collections::HashMap;

use rustc_hash::FxHashMap;

/// Variant → the corpus's form.
#[derive(Debug, Clone, Default)]
pub struct Variants {
    map: FxHashMap<char, char>,
    /// One bit per value of a char's low 16 bits: set when some variant has those bits. Folding
    /// looks up every char of the corpus on load, nearly all of them not variants; the bit answers
    /// those without hashing.
    maybe: Vec<u64>,
}

impl Variants {
    pub fn new(pairs: &[(char, char)]) -> Variants {
        Variants { map: FxHashMap::default(), maybe: vec![0u64; 1 << 10] }.with(pairs)
    }

    /// This table with `pairs` added; a pair for a char the table already folds replaces its own.
    pub fn with(mut self, pairs: &[(char, char)]) -> Variants {
        self.map.reserve(pairs.len());
        for &(from, to) in pairs {
            let low = from as usize & 0xFFFF;
            self.maybe[low / 64] |= 1 << (low % 64);
            self.map.insert(from, to);
        }
        self
    }

    /// Inlined into folding's per-char loop, unlike the rare hash lookup.
    #[inline(always)]
    pub fn simplify(&self, c: char) -> char {
        let low = c as usize & 0xFFFF;
        match self.maybe.get(low / 64) {
            Some(bits) if bits & (1 << (low % 64)) != 0 => self.lookup(c),
            _ => c,
        }
    }

    #[inline(never)]
    fn lookup(&self, c: char) -> char {
        self.map.get(&c).copied().unwrap_or(c)
    }
}

/// Derives the pairs from charabia's normaliser: for each lemma shared by a corpus char, every other
/// ideograph with that lemma maps to the corpus's most frequent char with it.
#[cfg(not(target_arch = "wasm32"))]
pub fn derive_pairs(corpus_freq: &HashMap<char, usize>) -> Vec<(char, char)> {
    use charabia::Tokenize;
    let lemma = |c: char| -> String {
        let s = c.to_string();
        let lemma: String = s.as_str().tokenize().map(|t| t.lemma().to_string()).collect();
        lemma
    };
    let mut by_lemma: HashMap<String, char> = HashMap::new();
    let mut corpus: Vec<(&char, &usize)> = corpus_freq.iter().filter(|(c, _)| is_ideograph(**c)).collect();
    crate::sort::sort_by(&mut corpus, |a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (&c, _) in corpus {
        by_lemma.entry(lemma(c)).or_insert(c);
    }
    let all: Vec<char> = (0x3400u32..=0x9FFF).filter_map(char::from_u32).filter(|&c| is_ideograph(c)).collect();
    // One call over newline-separated chars: no multi-char phrase rule can fire across them.
    let joined: String = all.iter().flat_map(|&c| [c, '\n']).collect();
    let simplified = zhconv::zhconv(&joined, zhconv::Variant::ZhHans);
    let mut pairs = Vec::new();
    for (&c, simp) in all.iter().zip(simplified.split('\n')) {
        let mut s = simp.chars();
        let by_zhconv = match (s.next(), s.next()) {
            (Some(t), None) if t != c && corpus_freq.contains_key(&t) => Some(t),
            _ => None,
        };
        // A traditional char inside the corpus is folded too (text and query alike); charabia's
        // lemmas only fill in for chars the corpus does not use.
        let by_lemma = || by_lemma.get(&lemma(c)).copied().filter(|_| !corpus_freq.contains_key(&c));
        if let Some(target) = by_zhconv.or_else(by_lemma) {
            pairs.push((c, target));
        }
    }
    pairs
}

#[cfg(not(target_arch = "wasm32"))]
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_chars_pass_through() {
        let v = Variants::new(&[('稅', '税')]);
        assert_eq!(v.simplify('稅'), '税');
        assert_eq!(v.simplify('税'), '税');
        assert_eq!(v.simplify('x'), 'x');
    }

    #[test]
    fn a_char_sharing_a_variants_low_bits_is_not_mistaken_for_it() {
        // 稅 is U+7A05; U+27A05 (CJK extension B) has the same low 16 bits, so it passes the bitmap.
        let v = Variants::new(&[('稅', '税')]);
        let twin = char::from_u32('稅' as u32 + 0x20000).unwrap();
        assert_eq!(v.simplify(twin), twin);
        assert_eq!(Variants::default().simplify('稅'), '稅');
    }

    #[test]
    fn pairs_added_later_fold_as_if_they_had_been_there_from_the_start() {
        let later = Variants::new(&[('稅', '税')]).with(&[('數', '数'), ('稅', '税')]);
        let at_once = Variants::new(&[('稅', '税'), ('數', '数')]);
        for c in "稅數税数x".chars() {
            assert_eq!(later.simplify(c), at_once.simplify(c), "{c}");
        }
        assert_eq!(later.simplify('數'), '数');
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn charabia_lemmas_fold_traditional_to_the_corpus_form() {
        let freq: HashMap<char, usize> = "数字化转型税收优惠知识产权".chars().map(|c| (c, 1)).collect();
        let v = Variants::new(&derive_pairs(&freq));
        let folded: String = "數字化轉型稅收優惠知識產權".chars().map(|c| v.simplify(c)).collect();
        assert_eq!(folded, "数字化转型税收优惠知识产权");
    }
}
