//! The index bytes: one definition, written natively and read in the browser.
//!
//! Design choice: the file is `MAGIC`, a little-endian `u32` [`FORMAT_VERSION`], then the postcard
//! encoding of [`Stored`] (with the points' texts, word boundaries and pinyin readings left empty)
//! followed by [`PackedTexts`], which holds the texts and boundaries — the *head* — and last the
//! readings. The readings are a tenth of the file that only pinyin queries and homophone repairs
//! use, so the widget downloads the head alone first ([`encode_parts`], [`decode_head`]) and the
//! readings after its first results ([`decode_readings`]). Stored holds only what cannot be recomputed cheaply in the
//! browser — the points and documents verbatim, charabia's word boundaries, the variant and pinyin
//! tables and the thesaurus; postings, folded texts and the vocabulary are derived on load (~15 ms
//! natively), so they cost no download. Reader and writer share these serde types, so they cannot
//! drift; any change to them bumps the version, and a reader refuses other versions with a clear
//! error. This module owns the byte layout; it must not rank or analyse.
//!
//! The texts are most of the file, and they are coded for gzip, the one decompressor every browser
//! has (the file travels gzip-compressed whatever the host does, see `www/policy-search.js`). In UTF-8
//! a Chinese character is three bytes whose first byte is nearly always the same, which hides the
//! text's statistics from gzip's byte-level Huffman codes, and the boundaries were a bitset gzip could
//! not shrink. Cut at their boundaries, the 739 texts are 66,415 words of only 4,089 distinct ones:
//! numbering the words by frequency, one byte for the 240 most frequent, gives gzip those statistics
//! and makes the boundaries free. Texts and boundaries took 99.7 + 10.4 KB zopfli-compressed as UTF-8
//! and bitsets; coded as words they take 77.9 KB (brotli's best on the UTF-8 and bitsets: 95.0 KB).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::analysis::pinyin::PinyinData;
use crate::analysis::synonyms::Entry;
use crate::data::{Document, Point};

pub const MAGIC: [u8; 4] = *b"PSIX";
/// Bump on any change to [`Stored`] or to what its fields mean.
/// Version 2: points carry their facts (`support` … `valid_until`). Version 3: the tag words.
/// Version 4: the texts coded apart, in [`PackedTexts`]; the readings last.
pub const FORMAT_VERSION: u32 = 4;

/// Everything the index file carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    /// Where the dataset came from (its `source` field).
    pub source: String,
    pub points: Vec<Point>,
    pub documents: Vec<Document>,
    /// Per point, parallel to `points`: charabia word boundaries over the original text's chars, as a
    /// bitset over positions `0..=len`. In the file they travel inside [`PackedTexts`].
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
    let texts = PackedTexts::pack(stored.points.iter().zip(&stored.boundaries).map(|(p, b)| (p.text.as_str(), b.as_slice())));
    let text_bytes: usize = stored.points.iter().map(|p| size(&p.text) - 1).sum();
    vec![
        ("points without their texts", size(&stored.points) - text_bytes),
        ("texts and word boundaries", size(&texts)),
        ("documents", size(&stored.documents)),
        ("variants", size(&stored.variants)),
        ("pinyin", size(&stored.pinyin)),
        ("synonyms", size(&stored.synonyms)),
        ("tags", size(&stored.tags)),
    ]
}

/// The points' texts and their word boundaries, coded as words. Each text is cut at its boundaries
/// into words, and stored as the numbers of those words in a word list ordered by how often the
/// words occur (ties in code point order, so the bytes are reproducible); the word list is stored
/// once, its characters numbered the same way. A number below [`ONE_BYTE`] takes one byte, the next
/// `15 × 256` two (a lead byte 240–254 and a low byte), the rest three (`255`, then big-endian).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct PackedTexts {
    /// The characters of the word list, most frequent first.
    alphabet: String,
    /// Per word of the list, its length in characters.
    word_lengths: Vec<u32>,
    /// The characters of every word of the list, in order, as numbers into `alphabet`.
    word_chars: Vec<u8>,
    /// Per text, its length in words.
    text_lengths: Vec<u32>,
    /// The words of every text, in order, as numbers into the word list.
    words: Vec<u8>,
}

const ONE_BYTE: usize = 240;
const TWO_BYTES: usize = ONE_BYTE + 15 * 256;
const THREE_BYTES: usize = TWO_BYTES + 65536;

fn put(out: &mut Vec<u8>, n: usize) {
    match n {
        n if n < ONE_BYTE => out.push(n as u8),
        n if n < TWO_BYTES => out.extend([(ONE_BYTE + (n - ONE_BYTE) / 256) as u8, (n - ONE_BYTE) as u8]),
        n => out.extend([255, ((n - TWO_BYTES) >> 8) as u8, (n - TWO_BYTES) as u8]),
    }
}

fn take(bytes: &mut impl Iterator<Item = u8>) -> Option<usize> {
    let lead = bytes.next()? as usize;
    Some(match lead {
        b if b < ONE_BYTE => b,
        255 => TWO_BYTES + ((bytes.next()? as usize) << 8) + bytes.next()? as usize,
        b => ONE_BYTE + (b - ONE_BYTE) * 256 + bytes.next()? as usize,
    })
}

/// Items numbered by how often they occur, most frequent first (ties in their own order).
fn by_frequency<T: Ord + Clone>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut counts: std::collections::BTreeMap<T, usize> = Default::default();
    for item in items {
        *counts.entry(item).or_default() += 1;
    }
    let mut ordered: Vec<(T, usize)> = counts.into_iter().collect();
    ordered.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    assert!(ordered.len() <= THREE_BYTES, "more distinct words or characters than the text coding has numbers");
    ordered.into_iter().map(|(item, _)| item).collect()
}

fn is_set(bits: &[u8], i: usize) -> bool {
    bits.get(i / 8).is_some_and(|b| b & (1 << (i % 8)) != 0)
}

impl PackedTexts {
    /// Packs texts with their boundary bitsets (see `analysis::segment::boundaries`).
    fn pack<'a>(texts: impl Iterator<Item = (&'a str, &'a [u8])>) -> PackedTexts {
        let split: Vec<Vec<String>> = texts
            .map(|(text, bits)| {
                let mut words: Vec<String> = Vec::new();
                for (i, c) in text.chars().enumerate() {
                    match words.last_mut() {
                        Some(word) if !is_set(bits, i) => word.push(c),
                        _ => words.push(c.to_string()),
                    }
                }
                words
            })
            .collect();
        let list = by_frequency(split.iter().flatten().cloned());
        let number: std::collections::HashMap<&str, usize> =
            list.iter().enumerate().map(|(i, w)| (w.as_str(), i)).collect();
        let alphabet = by_frequency(list.iter().flat_map(|w| w.chars()));
        let char_number: std::collections::HashMap<char, usize> = alphabet.iter().enumerate().map(|(i, &c)| (c, i)).collect();
        let mut packed = PackedTexts {
            alphabet: alphabet.iter().collect(),
            word_lengths: list.iter().map(|w| w.chars().count() as u32).collect(),
            word_chars: Vec::new(),
            text_lengths: split.iter().map(|words| words.len() as u32).collect(),
            words: Vec::new(),
        };
        for c in list.iter().flat_map(|w| w.chars()) {
            put(&mut packed.word_chars, char_number[&c]);
        }
        for word in split.iter().flatten() {
            put(&mut packed.words, number[word.as_str()]);
        }
        packed
    }

    /// The texts and their boundary bitsets, as they were packed.
    fn unpack(&self) -> Result<Vec<(String, Vec<u8>)>, IndexError> {
        let corrupt = |what: &str| IndexError::Corrupt(format!("the texts' {what} run out or fall outside their list"));
        let alphabet: Vec<char> = self.alphabet.chars().collect();
        let mut chars = self.word_chars.iter().copied();
        let mut list: Vec<String> = Vec::with_capacity(self.word_lengths.len());
        for &length in &self.word_lengths {
            let word = (0..length)
                .map(|_| take(&mut chars).and_then(|n| alphabet.get(n).copied()))
                .collect::<Option<String>>()
                .ok_or_else(|| corrupt("characters"))?;
            list.push(word);
        }
        let mut words = self.words.iter().copied();
        let mut texts = Vec::with_capacity(self.text_lengths.len());
        for &length in &self.text_lengths {
            let mut text = String::new();
            let mut starts = Vec::with_capacity(length as usize);
            let mut len = 0;
            for _ in 0..length {
                let n = take(&mut words).filter(|&n| n < list.len()).ok_or_else(|| corrupt("words"))?;
                starts.push(len);
                len += self.word_lengths[n] as usize;
                text.push_str(&list[n]);
            }
            let mut bits = vec![0u8; len / 8 + 1];
            for i in starts.into_iter().chain([0, len]) {
                bits[i / 8] |= 1 << (i % 8);
            }
            texts.push((text, bits));
        }
        if chars.next().is_some() || words.next().is_some() {
            return Err(IndexError::Corrupt("the texts have bytes left over".into()));
        }
        Ok(texts)
    }
}

/// The whole file: the head followed by the readings.
pub fn encode(stored: &Stored) -> Vec<u8> {
    let (mut head, readings) = encode_parts(stored);
    head.extend(readings);
    head
}

/// The file in its two parts, the head and the readings: concatenated they are [`encode`]'s file.
pub fn encode_parts(stored: &Stored) -> (Vec<u8>, Vec<u8>) {
    let packed = PackedTexts::pack(stored.points.iter().zip(&stored.boundaries).map(|(p, b)| (p.text.as_str(), b.as_slice())));
    let mut rest = stored.clone();
    for point in &mut rest.points {
        point.text = String::new();
    }
    rest.boundaries = Vec::new();
    rest.pinyin = PinyinData::default();
    let mut head = MAGIC.to_vec();
    head.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    head.extend(postcard::to_allocvec(&(rest, packed)).expect("the index serialises"));
    (head, postcard::to_allocvec(&stored.pinyin).expect("the readings serialise"))
}

/// Reads a whole file, refusing other files and versions.
pub fn decode(bytes: &[u8]) -> Result<Stored, IndexError> {
    let (mut stored, readings) = decode_parts(bytes)?;
    if readings.is_empty() {
        return Err(IndexError::Corrupt("the file ends before the pinyin readings".into()));
    }
    stored.pinyin = decode_readings(readings)?;
    Ok(stored)
}

/// Reads the head of a file (a whole file will do too): everything but the pinyin readings.
pub fn decode_head(bytes: &[u8]) -> Result<Stored, IndexError> {
    decode_parts(bytes).map(|(stored, _)| stored)
}

/// Reads the readings part written by [`encode_parts`].
pub fn decode_readings(bytes: &[u8]) -> Result<PinyinData, IndexError> {
    postcard::from_bytes(bytes).map_err(|e| IndexError::Corrupt(format!("the pinyin readings: {e}")))
}

/// The head decoded, and the bytes after it.
/// Out of line, so the browser's optimising tier can pick up what is hot in it (see `corpus`).
#[inline(never)]
fn decode_parts(bytes: &[u8]) -> Result<(Stored, &[u8]), IndexError> {
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
    let ((mut stored, packed), rest): ((Stored, PackedTexts), &[u8]) =
        postcard::take_from_bytes(&bytes[8..]).map_err(|e| IndexError::Corrupt(e.to_string()))?;
    let texts = packed.unpack()?;
    if texts.len() != stored.points.len() {
        return Err(IndexError::Inconsistent(format!("{} texts for {} points", texts.len(), stored.points.len())));
    }
    let (texts, boundaries): (Vec<String>, Vec<Vec<u8>>) = texts.into_iter().unzip();
    for (point, text) in stored.points.iter_mut().zip(texts) {
        point.text = text;
    }
    stored.boundaries = boundaries;
    Ok((stored, rest))
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
    fn the_head_and_the_readings_make_the_whole_file() {
        let mut stored = empty();
        stored.pinyin = crate::analysis::pinyin::build_data("专精特新".chars());
        let (head, readings) = encode_parts(&stored);
        assert_eq!([head.clone(), readings.clone()].concat(), encode(&stored));
        let mut without = stored.clone();
        without.pinyin = PinyinData::default();
        assert_eq!(decode_head(&head).unwrap(), without);
        assert_eq!(decode_readings(&readings).unwrap(), stored.pinyin);
        assert!(matches!(decode(&head), Err(IndexError::Corrupt(_))));
    }

    fn packed(texts: &[&str]) -> PackedTexts {
        let bits: Vec<Vec<u8>> = texts.iter().map(|t| crate::analysis::segment::boundaries(t)).collect();
        PackedTexts::pack(texts.iter().zip(&bits).map(|(t, b)| (*t, b.as_slice())))
    }

    #[test]
    fn texts_and_boundaries_of_every_number_length_round_trip() {
        // 300 distinct characters in one word reach the two-byte numbers; 4,500 the three-byte ones.
        let many: String = (0x4e00u32..0x4e00 + 300).filter_map(char::from_u32).collect();
        let wide: String = (0x4e00u32..0x4e00 + 4500).filter_map(char::from_u32).collect();
        let texts = ["", "专精特新企业给予最高500万元奖励", many.as_str(), "a😀b\n", wide.as_str()];
        let bits: Vec<Vec<u8>> = texts.iter().map(|t| crate::analysis::segment::boundaries(t)).collect();
        let packed = PackedTexts::pack(texts.iter().zip(&bits).map(|(t, b)| (*t, b.as_slice())));
        assert!(packed.word_chars.contains(&255));
        let unpacked = packed.unpack().unwrap();
        assert_eq!(unpacked.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), texts);
        assert_eq!(unpacked.into_iter().map(|(_, b)| b).collect::<Vec<_>>(), bits);
    }

    #[test]
    fn the_most_frequent_words_and_characters_take_the_smallest_numbers() {
        // 技术 occurs three times, 企业 once; in the word list each character occurs once, so the
        // characters are numbered in code point order.
        let packed = packed(&["企业技术", "技术", "技术"]);
        assert_eq!(packed.word_lengths, [2, 2]);
        assert_eq!(packed.alphabet, "业企技术");
        assert_eq!(packed.word_chars, [2, 3, 1, 0]);
        assert_eq!(packed.text_lengths, [2, 1, 1]);
        assert_eq!(packed.words, [1, 0, 0, 0]);
    }

    #[test]
    fn texts_whose_numbers_are_cut_short_or_out_of_range_are_corrupt() {
        let mut cut = packed(&["企业技术"]);
        cut.words.pop();
        assert!(matches!(cut.unpack(), Err(IndexError::Corrupt(_))));
        let mut outside = packed(&["企业技术"]);
        outside.words[0] = 9;
        assert!(matches!(outside.unpack(), Err(IndexError::Corrupt(_))));
        let mut left_over = packed(&["企业技术"]);
        left_over.words.push(0);
        assert!(matches!(left_over.unpack(), Err(IndexError::Corrupt(_))));
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
