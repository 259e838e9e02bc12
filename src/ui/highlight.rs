//! A text with highlighted character ranges, rendered as text nodes and `<mark>` elements.
//!
//! Design choice: the engine gives half-open *character* ranges; they are turned into byte slices here,
//! clamped, sorted and de-overlapped, so a bad range can only lose a highlight, never panic or
//! split a character.

use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct HighlightedProps {
    pub text: AttrValue,
    pub ranges: Vec<[u32; 2]>,
}

#[function_component(Highlighted)]
pub fn highlighted(props: &HighlightedProps) -> Html {
    let text = props.text.as_str();
    segments(text, &props.ranges)
        .into_iter()
        .map(|(start, end, marked)| {
            let part = text[start..end].to_string();
            if marked {
                html! { <mark>{ part }</mark> }
            } else {
                html! { { part } }
            }
        })
        .collect()
}

/// Byte ranges covering `text` in order, each flagged as highlighted or not.
pub fn segments(text: &str, ranges: &[[u32; 2]]) -> Vec<(usize, usize, bool)> {
    let bytes_at: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
    let chars = bytes_at.len() - 1;
    let mut sorted: Vec<(usize, usize)> = ranges
        .iter()
        .map(|&[s, e]| ((s as usize).min(chars), (e as usize).min(chars)))
        .filter(|(s, e)| s < e)
        .collect();
    crate::sort::sort(&mut sorted);
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in sorted {
        let s = s.max(at);
        if s >= e {
            continue;
        }
        if s > at {
            out.push((bytes_at[at], bytes_at[s], false));
        }
        out.push((bytes_at[s], bytes_at[e], true));
        at = e;
    }
    if at < chars {
        out.push((bytes_at[at], text.len(), false));
    }
    out
}
