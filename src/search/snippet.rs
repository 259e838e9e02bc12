//! Snippets: the window of a long point that shows the most of its matches.
//!
//! Design choice: a fixed-width window (in chars) placed to cover the most highlighted chars, starting a
//! little before the first match it covers so the match has context; short texts are shown whole.
//! Highlights are re-based onto the snippet. This module owns the window choice only.

use super::Snippet;

/// Texts up to this many chars are shown whole.
pub const SNIPPET_CHARS: usize = 120;
const CONTEXT: u32 = 16;

pub fn snippet(text: &str, highlights: &[[u32; 2]]) -> Snippet {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len() as u32;
    let width = SNIPPET_CHARS as u32;
    let start = if len <= width {
        0
    } else {
        let covered = |s: u32| -> u32 {
            highlights.iter().map(|h| h[1].min(s + width).saturating_sub(h[0].max(s))).sum()
        };
        let mut best = (0u32, 0u32);
        for h in highlights {
            let s = h[0].saturating_sub(CONTEXT).min(len - width);
            let c = covered(s);
            if c > best.0 {
                best = (c, s);
            }
        }
        best.1
    };
    let end = (start + width).min(len);
    let rel = highlights
        .iter()
        .filter(|h| h[1] > start && h[0] < end)
        .map(|h| [h[0].max(start) - start, h[1].min(end) - start])
        .collect();
    Snippet { text: chars[start as usize..end as usize].iter().collect(), start, highlights: rel }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_whole() {
        let s = snippet("给予奖励", &[[2, 4]]);
        assert_eq!((s.text.as_str(), s.start, s.highlights), ("给予奖励", 0, vec![[2, 4]]));
    }

    #[test]
    fn long_texts_show_the_densest_window_with_context() {
        let text: String = "甲".repeat(300) + "奖励" + &"乙".repeat(300);
        let s = snippet(&text, &[[300, 302]]);
        assert_eq!(s.start, 300 - CONTEXT);
        assert_eq!(s.text.chars().count(), SNIPPET_CHARS);
        assert_eq!(s.highlights, vec![[CONTEXT, CONTEXT + 2]]);
    }
}
