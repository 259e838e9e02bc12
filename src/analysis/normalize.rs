//! Folding text for matching: one original char in, at most one char out.
//!
//! Design choice: folding never changes the number of chars it keeps (no decomposition, no expansion),
//! so [`Folded::orig`] maps every folded char to exactly one original char and highlights computed on
//! folded text land on what the user sees. It folds full-width ASCII (`４０％` → `40%`), case, and
//! traditional → simplified through [`Variants`]; it drops whitespace from texts (PDF extraction put
//! spaces inside `500 万元`), while queries keep it as a separator. It owns nothing else: no
//! segmentation, no synonyms.

use super::variants::Variants;

/// A folded text and, for each of its chars, the index of the original char it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub chars: Vec<char>,
    pub orig: Vec<u32>,
}

/// Chars that carry no searchable content: controls, zero-width and format chars, variation selectors.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}')
        || matches!(c, '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Pictographs and dingbats a query may contain but no policy text does (emoji, flags, symbols).
pub fn is_pictograph(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}'
        | '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}')
}

/// Folds one char: `None` for whitespace and invisible chars, otherwise its matching form.
pub fn fold_char(c: char, variants: &Variants) -> Option<char> {
    if c.is_whitespace() || is_invisible(c) {
        return None;
    }
    let c = match c {
        // Full-width forms of ASCII (！ to ～) sit at a fixed offset from ASCII.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    Some(variants.simplify(c.to_ascii_lowercase()))
}

/// Calls `keep(i, f)` for each char of `text` that folding keeps, in order: `i` is its index among
/// the original chars, `f` its folded form. What [`fold`] and the index loader share.
#[inline(always)]
pub fn fold_each(text: &str, variants: &Variants, mut keep: impl FnMut(u32, char)) {
    for (i, c) in text.chars().enumerate() {
        // Most of a policy text is CJK ideographs, which only the variant table can change.
        let folded = if ('\u{4E00}'..='\u{9FFF}').contains(&c) { Some(variants.simplify(c)) } else { fold_char(c, variants) };
        if let Some(f) = folded {
            keep(i as u32, f);
        }
    }
}

/// Folds a text, dropping whitespace.
pub fn fold(text: &str, variants: &Variants) -> Folded {
    // Sized once: growing two vectors char by char is most of the cost of folding in the browser.
    let n = text.chars().count();
    let mut out = Folded { chars: Vec::with_capacity(n), orig: Vec::with_capacity(n) };
    fold_each(text, variants, |i, f| {
        out.chars.push(f);
        out.orig.push(i);
    });
    out
}

/// Folds a query, keeping each whitespace run as one `' '` so that it still separates terms.
pub fn fold_query(text: &str, variants: &Variants) -> Folded {
    let mut out = Folded::default();
    for (i, c) in text.chars().enumerate() {
        match fold_char(c, variants) {
            Some(f) => {
                out.chars.push(f);
                out.orig.push(i as u32);
            }
            None if c.is_whitespace() && out.chars.last().is_some_and(|&l| l != ' ') => {
                out.chars.push(' ');
                out.orig.push(i as u32);
            }
            None => {}
        }
    }
    if out.chars.last() == Some(&' ') {
        out.chars.pop();
        out.orig.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(s: &str) -> String {
        fold(s, &Variants::default()).chars.into_iter().collect()
    }

    #[test]
    fn table() {
        for (input, expected) in [
            ("４０％预付款", "40%预付款"),
            ("最高 500 万元", "最高500万元"),
            ("ＡＢＣ abc", "abcabc"),
            ("晋政办发（2022）30号", "晋政办发(2022)30号"),
            ("a\u{200B}b\u{FE0F}", "ab"),
        ] {
            assert_eq!(folded(input), expected, "{input}");
        }
    }

    #[test]
    fn every_folded_char_points_at_its_original() {
        let text = "给予 ５００万元\t奖励";
        let f = fold(text, &Variants::default());
        let orig: Vec<char> = text.chars().collect();
        for (c, &o) in f.chars.iter().zip(&f.orig) {
            assert_eq!(fold_char(orig[o as usize], &Variants::default()), Some(*c));
        }
    }

    #[test]
    fn the_ideograph_fast_path_folds_as_fold_char_does() {
        let v = Variants::new(&[('稅', '税'), ('優', '优')]);
        let text = "稅收優惠\u{4E00}\u{9FFF}\u{3400}㐀 ＡＢ\u{200B}〔2022〕";
        let expected: Vec<char> = text.chars().filter_map(|c| fold_char(c, &v)).collect();
        assert_eq!(fold(text, &v).chars, expected);
    }

    #[test]
    fn query_keeps_one_space_between_terms() {
        let f = fold_query("  拖欠　 中小企业  账款 ", &Variants::default());
        assert_eq!(f.chars.iter().collect::<String>(), "拖欠 中小企业 账款");
    }
}
