//! Character-level helpers the rule modules share: clause and sentence boundaries and keyword lists.
//!
//! The rules read a point the way a person does, clause by clause, so they all need the same idea of
//! where a clause ends. This module owns that idea and nothing else; it knows no vocabulary.

/// Ends a clause: a figure's role is decided by the words around it up to these.
pub fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':')
}

/// Ends a sentence: who receives a figure is looked for back to one of these.
pub fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？')
}

/// The start of the clause that contains `at`.
pub fn clause_start(chars: &[char], at: usize) -> usize {
    chars[..at].iter().rposition(|&c| is_clause_break(c)).map_or(0, |i| i + 1)
}

/// The end (exclusive) of the clause that contains `at`.
pub fn clause_end(chars: &[char], at: usize) -> usize {
    chars[at..].iter().position(|&c| is_clause_break(c)).map_or(chars.len(), |i| at + i)
}

/// The start of the sentence that contains `at`.
pub fn sentence_start(chars: &[char], at: usize) -> usize {
    chars[..at].iter().rposition(|&c| is_sentence_break(c)).map_or(0, |i| i + 1)
}

/// The first index at or after `i` that is not whitespace (the list spaces its figures: "400 万元").
pub fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    i
}

/// Whether any of `words` occurs in `text`.
pub fn contains_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// The text's sentences (split after 。；！？), each with its closing mark; together they are the text.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(is_sentence_break)
}

/// The point's body: its text without a leading title sentence ("加强财政支持。") and without the
/// repeal marker, so that "what the point is about" is read from its first real sentence.
pub fn body(text: &str) -> &str {
    let text = text.trim_start_matches("（文件已废止）");
    match text.split_once('。') {
        Some((title, rest)) if title.chars().count() <= 16 && !rest.trim().is_empty() => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_and_sentences() {
        let chars: Vec<char> = "甲乙，丙丁。戊".chars().collect();
        assert_eq!((clause_start(&chars, 3), clause_end(&chars, 3)), (3, 5));
        assert_eq!(sentence_start(&chars, 6), 6);
        assert_eq!(sentences("一。二；三").collect::<Vec<_>>(), ["一。", "二；", "三"]);
    }

    #[test]
    fn body_skips_a_short_title_sentence_and_the_repeal_marker() {
        assert_eq!(body("加强财政支持。省财政给予奖励。"), "省财政给予奖励。");
        assert_eq!(body("（文件已废止）壮大规模。对单位给予奖励。"), "对单位给予奖励。");
        assert_eq!(body("对符合条件的企业给予一次性奖励，最高不超过五十万元。"), "对符合条件的企业给予一次性奖励，最高不超过五十万元。");
    }
}
