//! The index bytes: one definition, written natively and read in the browser.
//!
//! Design choice: the file is `MAGIC`, a little-endian `u32` [`FORMAT_VERSION`], then the postcard
//! encoding of [`Stored`] (with the points' texts left empty) followed by [`PackedTexts`], the texts
//! themselves. Stored holds only what cannot be recomputed cheaply in the browser — the points and
//! documents verbatim, charabia's word boundaries, the variant and pinyin tables and the thesaurus;
//! postings, folded texts and the vocabulary are derived on load (~15 ms natively), so they cost no
//! download. Reader and writer share these serde types, so they cannot drift; any change to them bumps
//! the version, and a reader refuses other versions with a clear error. This module owns the byte
//! layout; it must not rank or analyse.
//!
//! The texts are three fifths of the file and are coded for gzip, the one decompressor every browser
//! has (the file travels gzip-compressed whatever the host does, see `www/policy-search.js`). In UTF-8
//! a Chinese character is three bytes whose first byte is nearly always the same, which hides the
//! character statistics from gzip's byte-level Huffman codes. Numbering the characters by frequency
//! and writing the 240 most frequent as one byte (they are most of the text) and the rest as two
//! gives gzip those statistics back: over the 739 points' texts, 99.7 KB of zopfli-compressed UTF-8
//! become 81.8 KB, under brotli's 85.3 KB for the UTF-8.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::analysis::pinyin::PinyinData;
use crate::analysis::synonyms::Entry;
use crate::data::{Document, Point};

pub const MAGIC: [u8; 4] = *b"PSIX";
/// Bump on any change to [`Stored`] or to what its fields mean.
/// Version 2: points carry their facts (`support` … `valid_until`). Version 3: the tag words.
/// Version 4: the texts coded apart, in [`PackedTexts`].
pub const FORMAT_VERSION: u32 = 4;

/// Everything the index file carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    /// Where the dataset came from (its `source` field).
    pub source: String,
    pub points: Vec<Point>,
    pub documents: Vec<Document>,
    /// Per point, parallel to `points`: charabia word boundaries over the original text's chars, as a
    /// bitset over positions `0..=len`.
    pub boundaries: Vec<Vec<u8>>,
    /// Variant char → the corpus's form (see `analysis::variants`).
    pub variants: Vec<(char, char)>,
    pub pinyin: PinyinData,
    pub synonyms: Vec<Entry>,
    /// Query words → the facts' tags (`data/tags.tsv`, see `analysis::tags`).
    pub tags: Vec<crate::analysis::tags::Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexError {
    /// Fewer bytes than the header.
    Truncated,
    /// Not an index file at all.
    BadMagic,
    /// An index of another format version.
    Version { found: u32, expected: u32 },
    /// The header is right but the body does not decode.
    Corrupt(String),
    /// The body decodes but its parts disagree (e.g. boundaries not parallel to points).
    Inconsistent(String),
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexError::Truncated => write!(f, "index file is truncated (shorter than its header)"),
            IndexError::BadMagic => write!(f, "not a policy-search index (bad magic bytes)"),
            IndexError::Version { found, expected } => {
                write!(f, "index format version {found}, this build reads version {expected}: rebuild the index")
            }
            IndexError::Corrupt(e) => write!(f, "index file is corrupt: {e}"),
            IndexError::Inconsistent(e) => write!(f, "index file is inconsistent: {e}"),
        }
    }
}

impl std::error::Error for IndexError {}

/// Encoded bytes per part of [`Stored`], for the build report.
pub fn part_sizes(stored: &Stored) -> Vec<(&'static str, usize)> {
    fn size<T: Serialize + ?Sized>(v: &T) -> usize {
        postcard::to_allocvec(v).map_or(0, |b| b.len())
    }
    let texts = PackedTexts::pack(stored.points.iter().map(|p| p.text.as_str()));
    let text_bytes: usize = stored.points.iter().map(|p| size(&p.text) - 1).sum();
    vec![
        ("points without their texts", size(&stored.points) - text_bytes),
        ("texts", size(&texts)),
        ("documents", size(&stored.documents)),
        ("word boundaries", size(&stored.boundaries)),
        ("variants", size(&stored.variants)),
        ("pinyin", size(&stored.pinyin)),
        ("synonyms", size(&stored.synonyms)),
        ("tags", size(&stored.tags)),
    ]
}

/// The points' texts, in their order: every character replaced by its code in `alphabet`, the
/// characters of all texts ordered by how often they occur (ties by code point, so the bytes are
/// reproducible). A code below [`ONE_BYTE`] is one byte; the next `15 × 256` are two bytes, a lead
/// byte 240–254 and a low byte; the rest are `255` and two bytes, big-endian.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct PackedTexts {
    alphabet: String,
    /// Per text, its length in characters.
    lengths: Vec<u32>,
    codes: Vec<u8>,
}

const ONE_BYTE: usize = 240;
const TWO_BYTES: usize = ONE_BYTE + 15 * 256;
const THREE_BYTES: usize = TWO_BYTES + 65536;

impl PackedTexts {
    fn pack<'a>(texts: impl Iterator<Item = &'a str> + Clone) -> PackedTexts {
        let mut counts: std::collections::BTreeMap<char, usize> = Default::default();
        for c in texts.clone().flat_map(str::chars) {
            *counts.entry(c).or_default() += 1;
        }
        let mut by_frequency: Vec<(char, usize)> = counts.into_iter().collect();
        by_frequency.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        assert!(by_frequency.len() <= THREE_BYTES, "more distinct characters than the text coding has codes");
        let code: std::collections::HashMap<char, usize> =
            by_frequency.iter().enumerate().map(|(i, &(c, _))| (c, i)).collect();
        let mut packed = PackedTexts {
            alphabet: by_frequency.iter().map(|&(c, _)| c).collect(),
            lengths: Vec::new(),
            codes: Vec::new(),
        };
        for text in texts {
            packed.lengths.push(text.chars().count() as u32);
            for c in text.chars() {
                match code[&c] {
                    i if i < ONE_BYTE => packed.codes.push(i as u8),
                    i if i < TWO_BYTES => packed.codes.extend([(ONE_BYTE + (i - ONE_BYTE) / 256) as u8, (i - ONE_BYTE) as u8]),
                    i => packed.codes.extend([255, ((i - TWO_BYTES) >> 8) as u8, (i - TWO_BYTES) as u8]),
                }
            }
        }
        packed
    }

    fn unpack(&self) -> Result<Vec<String>, IndexError> {
        let alphabet: Vec<char> = self.alphabet.chars().collect();
        let corrupt = || IndexError::Corrupt("the texts' codes run out or fall outside their alphabet".into());
        let mut codes = self.codes.iter().map(|&b| b as usize);
        let mut texts = Vec::with_capacity(self.lengths.len());
        for &length in &self.lengths {
            let mut text = String::with_capacity(length as usize * 3);
            for _ in 0..length {
                let lead = codes.next().ok_or_else(corrupt)?;
                let i = match lead {
                    b if b < ONE_BYTE => b,
                    255 => TWO_BYTES + (codes.next().ok_or_else(corrupt)? << 8) + codes.next().ok_or_else(corrupt)?,
                    b => ONE_BYTE + (b - ONE_BYTE) * 256 + codes.next().ok_or_else(corrupt)?,
                };
                text.push(*alphabet.get(i).ok_or_else(corrupt)?);
            }
            texts.push(text);
        }
        if codes.next().is_some() {
            return Err(corrupt());
        }
        Ok(texts)
    }
}

pub fn encode(stored: &Stored) -> Vec<u8> {
    let packed = PackedTexts::pack(stored.points.iter().map(|p| p.text.as_str()));
    let mut textless = stored.clone();
    for point in &mut textless.points {
        point.text = String::new();
    }
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend(postcard::to_allocvec(&(textless, packed)).expect("the index serialises"));
    out
}

/// Out of line, so the browser's optimising tier can pick up what is hot in it (see `corpus`).
#[inline(never)]
pub fn decode(bytes: &[u8]) -> Result<Stored, IndexError> {
    if bytes.len() < 8 {
        return Err(if bytes.starts_with(&MAGIC[..bytes.len().min(4)]) && bytes.len() < 8 {
            IndexError::Truncated
        } else {
            IndexError::BadMagic
        });
    }
    if bytes[..4] != MAGIC {
        return Err(IndexError::BadMagic);
    }
    let found = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
    if found != FORMAT_VERSION {
        return Err(IndexError::Version { found, expected: FORMAT_VERSION });
    }
    let (mut stored, packed): (Stored, PackedTexts) =
        postcard::from_bytes(&bytes[8..]).map_err(|e| IndexError::Corrupt(e.to_string()))?;
    let texts = packed.unpack()?;
    if texts.len() != stored.points.len() {
        return Err(IndexError::Inconsistent(format!("{} texts for {} points", texts.len(), stored.points.len())));
    }
    for (point, text) in stored.points.iter_mut().zip(texts) {
        point.text = text;
    }
    if stored.boundaries.len() != stored.points.len() {
        return Err(IndexError::Inconsistent(format!(
            "{} boundary sets for {} points",
            stored.boundaries.len(),
            stored.points.len()
        )));
    }
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> Stored {
        Stored {
            source: "t".into(),
            points: vec![],
            documents: vec![],
            boundaries: vec![],
            variants: vec![('稅', '税')],
            pinyin: PinyinData::default(),
            synonyms: vec![],
            tags: vec![],
        }
    }

    #[test]
    fn round_trips() {
        assert_eq!(decode(&encode(&empty())).unwrap(), empty());
    }

    #[test]
    fn texts_of_every_code_length_round_trip() {
        // 300 distinct characters reach the two-byte codes; one character 5000 times over the rest
        // and a rare astral one reach the three-byte codes only with a larger alphabet, so that case
        // is packed directly.
        let many: String = (0x4e00u32..0x4e00 + 300).filter_map(char::from_u32).collect();
        let texts = ["", "专精特新", many.as_str(), "a😀b\n"];
        let packed = PackedTexts::pack(texts.iter().copied());
        assert_eq!(packed.unpack().unwrap(), texts);
        let wide: String = (0x4e00u32..0x4e00 + 4500).filter_map(char::from_u32).collect();
        let packed = PackedTexts::pack([wide.as_str()].into_iter());
        assert!(packed.codes.contains(&255));
        assert_eq!(packed.unpack().unwrap(), [wide]);
    }

    #[test]
    fn the_most_frequent_characters_take_one_byte() {
        let packed = PackedTexts::pack(["的的的的政策"].into_iter());
        assert_eq!(packed.alphabet, "的政策");
        assert_eq!(packed.codes, [0, 0, 0, 0, 1, 2]);
    }

    #[test]
    fn texts_whose_codes_are_cut_short_are_corrupt() {
        let mut packed = PackedTexts::pack(["专精特新"].into_iter());
        packed.codes.pop();
        assert!(matches!(packed.unpack(), Err(IndexError::Corrupt(_))));
        let mut packed = PackedTexts::pack(["专精特新"].into_iter());
        packed.codes[0] = 9;
        assert!(matches!(packed.unpack(), Err(IndexError::Corrupt(_))));
    }

    #[test]
    fn refuses_other_versions_and_files() {
        let mut bytes = encode(&empty());
        bytes[4] = 99;
        assert_eq!(decode(&bytes).unwrap_err(), IndexError::Version { found: 99, expected: FORMAT_VERSION });
        assert_eq!(decode(b"<html>hello</html>").unwrap_err(), IndexError::BadMagic);
        assert_eq!(decode(b"PSI").unwrap_err(), IndexError::Truncated);
        let good = encode(&empty());
        assert!(matches!(decode(&good[..good.len() - 3]), Err(IndexError::Corrupt(_))));
    }
}
