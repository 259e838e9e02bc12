//! Pinyin: which readings each character has, and what an ASCII query could spell.
//!
//! Design choice: the corpus is never converted to pinyin (that makes homophones match: 景点 ↔ 经典).
//! Instead a query in pinyin, full or initials, is parsed into a sequence of *syllable sets* and the
//! search looks for Chinese strings in the corpus whose characters read that way (see
//! `Index::spell`). The same sets, built from a Chinese query's own readings, find homophone slips
//! (稳岗反还 → 稳岗返还). The table is built natively with the `pinyin` crate for the corpus's chars
//! plus the 6,763 GB2312 hanzi (so a slip with a character the corpus never uses still has a reading)
//! and stored compactly: sorted chars as deltas, tone-less syllables as ids. This module owns the table
//! and the parsing of ASCII; it must not search.

#[cfg(not(target_arch = "wasm32"))]
use std::collections::HashMap;

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

/// The stored form: syllables, then for each char (ascending, delta-coded) how many readings it has
/// and their syllable ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinyinData {
    pub syllables: Vec<String>,
    pub char_deltas: Vec<u32>,
    pub counts: Vec<u8>,
    pub ids: Vec<u16>,
}

/// A set of syllables one typed token can stand for.
pub type SyllableSet = Vec<bool>;

/// One way to read an ASCII string: a syllable set per intended character.
#[derive(Debug, Clone, PartialEq)]
pub struct Parse {
    pub sets: Vec<SyllableSet>,
    /// Tokens that were only an initial or a prefix: a less certain reading.
    pub vague: usize,
}

#[derive(Debug, Clone, Default)]
pub struct PinyinTable {
    syllables: Vec<String>,
    by_text: FxHashMap<String, u16>,
    /// The stored table decoded in place: the chars ascending, and char `chars[i]`'s syllable ids
    /// at `ids[spans[i].0..spans[i].1]`. Looked up by binary search; built with no hashing and one
    /// allocation per array, because it is built on every load in the browser.
    chars: Vec<char>,
    spans: Vec<(u32, u32)>,
    ids: Vec<u16>,
}

const INITIALS: [&str; 23] =
    ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w"];
const MAX_PARSES: usize = 24;
/// Longer ASCII runs are not read as pinyin (bounded work for pasted junk).
pub const MAX_PINYIN_LEN: usize = 40;

impl PinyinTable {
    pub fn new(data: &PinyinData) -> PinyinTable {
        let n = data.char_deltas.len().min(data.counts.len());
        let (mut chars, mut spans) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let (mut code, mut k) = (0u32, 0usize);
        for (&delta, &count) in data.char_deltas.iter().zip(&data.counts) {
            code = code.saturating_add(delta);
            let end = (k + count as usize).min(data.ids.len());
            // Deltas are positive in a well-formed table; anything else is skipped, not trusted.
            if let Some(c) = char::from_u32(code).filter(|&c| chars.last().is_none_or(|&last| last < c)) {
                chars.push(c);
                spans.push((k as u32, end as u32));
            }
            k = end;
        }
        let by_text = data.syllables.iter().enumerate().map(|(i, s)| (s.clone(), i as u16)).collect();
        PinyinTable { syllables: data.syllables.clone(), by_text, chars, spans, ids: data.ids[..k].to_vec() }
    }

    /// Readings of a char (empty for non-hanzi and chars outside the table).
    pub fn readings(&self, c: char) -> &[u16] {
        match self.chars.binary_search(&c) {
            Ok(i) => &self.ids[self.spans[i].0 as usize..self.spans[i].1 as usize],
            Err(_) => &[],
        }
    }

    /// The set of a char's own readings.
    pub fn set_of_char(&self, c: char) -> SyllableSet {
        let mut set = vec![false; self.syllables.len()];
        for &id in self.readings(c) {
            set[id as usize] = true;
        }
        set
    }

    fn set_with_prefix(&self, prefix: &str) -> SyllableSet {
        self.syllables.iter().map(|s| s.starts_with(prefix)).collect()
    }

    /// Ways to read `s` (lowercase ASCII letters) as pinyin, most certain first: full syllables, then
    /// initials (`zjtx`); the last token may be an unfinished syllable (typing in progress).
    pub fn parse(&self, s: &str) -> Vec<Parse> {
        if s.is_empty() || s.len() > MAX_PINYIN_LEN || !s.bytes().all(|b| b.is_ascii_lowercase()) {
            return Vec::new();
        }
        let mut out = Vec::new();
        self.parse_from(s, 0, &mut Vec::new(), 0, &mut out);
        crate::sort::sort_by_key(&mut out, |p| (p.vague, p.sets.len()));
        out
    }

    fn parse_from(&self, s: &str, i: usize, sets: &mut Vec<SyllableSet>, vague: usize, out: &mut Vec<Parse>) {
        if out.len() >= MAX_PARSES {
            return;
        }
        if i == s.len() {
            out.push(Parse { sets: sets.clone(), vague });
            return;
        }
        let rest = &s[i..];
        for len in (1..=rest.len().min(6)).rev() {
            let piece = &rest[..len];
            if self.by_text.contains_key(piece) {
                let last = len == rest.len();
                // A finished-looking last syllable may still be growing (xin → xing).
                let set = if last { self.set_with_prefix(piece) } else { self.set_with_prefix_exact(piece) };
                sets.push(set);
                self.parse_from(s, i + len, sets, vague, out);
                sets.pop();
            }
        }
        for initial in INITIALS {
            if rest.starts_with(initial) && !self.by_text.contains_key(initial) {
                sets.push(self.set_with_prefix(initial));
                self.parse_from(s, i + initial.len(), sets, vague + 1, out);
                sets.pop();
            }
        }
        if !self.by_text.contains_key(rest) && self.syllables.iter().any(|x| x.starts_with(rest)) && rest.len() > 1 {
            sets.push(self.set_with_prefix(rest));
            self.parse_from(s, s.len(), sets, vague + 1, out);
            sets.pop();
        }
    }

    fn set_with_prefix_exact(&self, syllable: &str) -> SyllableSet {
        let mut set = vec![false; self.syllables.len()];
        if let Some(&id) = self.by_text.get(syllable) {
            set[id as usize] = true;
        }
        set
    }
}

/// Builds the stored table with the `pinyin` crate for `chars` (any order, duplicates allowed).
#[cfg(not(target_arch = "wasm32"))]
pub fn build_data(chars: impl IntoIterator<Item = char>) -> PinyinData {
    use pinyin::ToPinyinMulti;
    let mut chars: Vec<char> = chars.into_iter().collect();
    chars.sort_unstable();
    chars.dedup();
    let mut data = PinyinData::default();
    let mut ids: HashMap<String, u16> = HashMap::new();
    let mut prev = 0u32;
    for c in chars {
        let Some(multi) = c.to_pinyin_multi() else { continue };
        let mut own: Vec<u16> = Vec::new();
        for p in multi {
            let plain = p.plain().replace('ü', "v");
            let next = ids.len() as u16;
            let id = *ids.entry(plain.clone()).or_insert_with(|| {
                data.syllables.push(plain);
                next
            });
            if !own.contains(&id) {
                own.push(id);
            }
        }
        data.char_deltas.push(c as u32 - prev);
        prev = c as u32;
        data.counts.push(own.len() as u8);
        data.ids.extend(own);
    }
    data
}

/// The 6,763 hanzi of GB2312, the set an IME offers first (found through their GBK encoding).
#[cfg(not(target_arch = "wasm32"))]
pub fn gb2312_hanzi() -> Vec<char> {
    let mut out = Vec::new();
    for code in 0x4E00u32..=0x9FFF {
        let Some(c) = char::from_u32(code) else { continue };
        let s = c.to_string();
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(&s);
        if !unmappable && bytes.len() == 2 && (0xB0..=0xF7).contains(&bytes[0]) && (0xA1..=0xFE).contains(&bytes[1]) {
            out.push(c);
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn table() -> PinyinTable {
        PinyinTable::new(&build_data("专精特新个转企税收稳岗返还反算力券卷".chars()))
    }

    fn reading(t: &PinyinTable, c: char) -> Vec<&str> {
        t.readings(c).iter().map(|&i| t.syllables[i as usize].as_str()).collect()
    }

    #[test]
    fn readings_come_from_the_pinyin_crate() {
        let t = table();
        assert_eq!(reading(&t, '专'), vec!["zhuan"]);
        assert_eq!(reading(&t, '券'), vec!["quan", "xuan"]);
        assert!(reading(&t, '卷').contains(&"juan"));
        assert!(reading(&t, 'x').is_empty());
    }

    #[test]
    fn full_pinyin_parses_to_one_set_per_syllable() {
        let t = table();
        let best = &t.parse("gezhuanqi")[0];
        assert_eq!(best.sets.len(), 3);
        assert_eq!(best.vague, 0);
    }

    #[test]
    fn initials_parse_as_vague_sets() {
        let t = table();
        let best = &t.parse("zjtx")[0];
        assert_eq!(best.sets.len(), 4);
        assert_eq!(best.vague, 4);
    }

    #[test]
    fn non_letters_and_overlong_strings_do_not_parse() {
        let t = table();
        assert!(t.parse("50万").is_empty());
        assert!(t.parse(&"a".repeat(MAX_PINYIN_LEN + 1)).is_empty());
    }

    #[test]
    fn gb2312_has_its_6763_hanzi() {
        assert_eq!(gb2312_hanzi().len(), 6763);
    }
}
