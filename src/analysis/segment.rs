//! Word segmentation with charabia (jieba), at index-build time only.
//!
//! Design choice: the browser never segments policy text. The builder records where charabia puts word
//! boundaries (char offsets into the original text) and ships them as a bitset; the query analyzer
//! reads the corpus's vocabulary back from those boundaries. charabia is native-only because jieba
//! costs 2.5 MB brotli in a wasm. This module owns the call into charabia and nothing else.

use charabia::Tokenize;

/// One token: its text as written, charabia's lemma, and its char range in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub lemma: String,
    pub start: usize,
    pub end: usize,
}

/// All tokens, separators included, so they concatenate back to the input.
pub fn tokens(text: &str) -> Vec<Token> {
    text.tokenize()
        .map(|t| Token {
            text: text[t.byte_start..t.byte_end].to_string(),
            lemma: t.lemma().to_string(),
            start: t.char_start,
            end: t.char_end,
        })
        .collect()
}

/// Word boundaries as a bitset over char positions `0..=len`: bit `i` is set when a token starts or
/// ends before char `i`.
pub fn boundaries(text: &str) -> Vec<u8> {
    let len = text.chars().count();
    let mut bits = vec![0u8; len / 8 + 1];
    let mut set = |i: usize| bits[i / 8] |= 1 << (i % 8);
    set(0);
    set(len);
    for t in tokens(text) {
        set(t.start);
        set(t.end);
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.text).filter(|t| !t.trim().is_empty()).collect()
    }

    #[test]
    fn table() {
        for (input, expected) in [
            ("企业技术", vec!["企业", "技术"]),
            ("给予最高500万元奖励", vec!["给予", "最高", "500", "万元", "奖励"]),
            ("４０％预付款", vec!["４０", "％", "预付", "款"]),
        ] {
            assert_eq!(words(input), expected, "{input}");
        }
    }

    #[test]
    fn segments_concatenate_back_to_the_input() {
        for text in ["晋政办发〔2022〕30号对专精特新企业给予最高500万元奖励。", "a b\tc 数 字", ""] {
            let joined: String = tokens(text).into_iter().map(|t| t.text).collect();
            assert_eq!(joined, text);
        }
    }

    #[test]
    fn offsets_are_chars_into_the_original() {
        let text = "对专精特新企业";
        let chars: Vec<char> = text.chars().collect();
        for t in tokens(text) {
            assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.text);
        }
    }

    #[test]
    fn boundary_bits_mark_token_edges() {
        let bits = boundaries("企业技术");
        let set: Vec<usize> = (0..=4).filter(|i| bits[i / 8] & (1 << (i % 8)) != 0).collect();
        assert_eq!(set, vec![0, 2, 4]);
    }
}
