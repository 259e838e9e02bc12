//! The index bytes: one definition, written natively and read in the browser.
//!
//! Design choice: the file is `MAGIC`, a little-endian `u32` [`FORMAT_VERSION`], then the postcard
//! encoding of [`Stored`] (with the points' texts, word boundaries, variant pairs and pinyin
//! readings left empty) followed by [`PackedTexts`], which holds the texts and boundaries, and by
//! the variant pairs of the chars the loader folds ([`Stored::folded_on_load`]) — the *head* — and
//! last the [`Readings`]: the pinyin and the other variant pairs. The readings are a tenth of the
//! file that only pinyin queries, homophone repairs and characters the corpus never uses need, so
//! the widget downloads the head alone first ([`encode_parts`], [`decode_head`]) and the readings
//! after its first results ([`decode_readings`]). Nearly every variant pair folds only what a user
//! types (a traditional character; this corpus uses none, so its head has no pair), and the texts
//! were folded on load with every pair of their chars, so the late pairs change how queries fold,
//! never the texts: a query meets the texts as with the whole file. Both halves of the pairs are
//! coded by [`pack_pairs`]: 2,624 bytes gzipped in the readings instead of 4,840 in the head.
//! Stored holds only what cannot be recomputed cheaply in the
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
/// Version 4: the texts coded apart, in [`PackedTexts`]; the readings last. Version 5: the variant
/// pairs coded apart ([`pack_pairs`]), those only queries need moved to the readings.
pub const FORMAT_VERSION: u32 = 5;

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
    /// Variant char → the corpus's form (see `analysis::variants`), ordered by form and then by
    /// variant char. In the file they travel coded ([`pack_pairs`]), split by
    /// [`Stored::folded_on_load`].
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
    let (on_load, for_queries) = stored.split_variants();
    vec![
        ("points without their texts", size(&stored.points) - text_bytes),
        ("texts and word boundaries", size(&texts)),
        ("documents", size(&stored.documents)),
        ("variants folded on load", size(&pack_pairs(&on_load))),
        ("variants for queries", size(&pack_pairs(&for_queries))),
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

impl Stored {
    /// The chars the loader folds with the variant table: those of the points' texts and headings,
    /// the documents' titles (`Corpus::new`), the thesaurus and the tag words (`Tables::new`). The
    /// pairs of these chars travel in the head; queries alone need the others.
    fn folded_on_load(&self) -> rustc_hash::FxHashSet<char> {
        let points = self.points.iter().flat_map(|p| {
            [p.text.as_str(), p.chapter.as_str(), p.category.as_str()].into_iter().chain(p.subcategory.as_deref())
        });
        let titles = self.documents.iter().map(|d| d.title.as_str());
        let synonyms = self.synonyms.iter().flat_map(|e| std::iter::once(e.term.as_str()).chain(e.alternatives.iter().map(String::as_str)));
        let tags = self.tags.iter().map(|e| e.word.as_str()).chain(crate::analysis::tags::Tag::all().map(|t| t.word));
        points.chain(titles).chain(synonyms).chain(tags).flat_map(str::chars).collect()
    }

    /// The variant pairs the head carries ([`Stored::folded_on_load`]) and those the readings do.
    fn split_variants(&self) -> (Vec<Pair>, Vec<Pair>) {
        let on_load = self.folded_on_load();
        self.variants.iter().partition(|(from, _)| on_load.contains(from))
    }
}

/// A variant char and the corpus's form of it.
pub type Pair = (char, char);

/// Variant pairs coded for gzip, ordered by form and then by variant char: each pair as the step
/// from the previous pair's form to its own, then its variant char as the step from the previous
/// pair's variant char when the form is the same, else as the step from its form, zigzag-signed;
/// every step a LEB128 varint. Forms cluster in the CJK blocks and a variant sits near its form, so
/// most pairs take two or three bytes instead of postcard's eight: gzip -9 makes the 1,045 pairs
/// of this corpus 2,624 bytes (postcard: 4,840; ordered by variant char, with the form as a step
/// from it: 2,762).
pub fn pack_pairs(pairs: &[Pair]) -> Vec<u8> {
    let mut sorted = pairs.to_vec();
    crate::sort::sort_by_key(&mut sorted, |&(from, to)| (to, from));
    let mut out = Vec::with_capacity(sorted.len() * 3);
    let (mut last_from, mut last_to) = (0, 0);
    for (from, to) in sorted {
        let (from, to) = (from as u32, to as u32);
        put_varint(&mut out, to - last_to);
        if to == last_to {
            put_varint(&mut out, from - last_from);
        } else {
            let step = i64::from(from) - i64::from(to);
            put_varint(&mut out, ((step << 1) ^ (step >> 63)) as u32);
        }
        (last_from, last_to) = (from, to);
    }
    out
}

/// The pairs [`pack_pairs`] coded, in its order.
pub fn unpack_pairs(bytes: &[u8]) -> Result<Vec<Pair>, IndexError> {
    let corrupt = || IndexError::Corrupt("the variant pairs run out or leave the code points".into());
    let mut bytes = bytes.iter().copied();
    let mut pairs = Vec::new();
    let (mut last_from, mut last_to) = (0u32, 0u32);
    while let Some(step) = take_varint(&mut bytes) {
        let to = step.and_then(|step| last_to.checked_add(step)).ok_or_else(corrupt)?;
        let step = take_varint(&mut bytes).flatten().ok_or_else(corrupt)?;
        let from = if to == last_to {
            last_from.checked_add(step)
        } else {
            u32::try_from(i64::from(to) + (i64::from(step >> 1) ^ -i64::from(step & 1))).ok()
        };
        let from = from.ok_or_else(corrupt)?;
        pairs.push((char::from_u32(from).ok_or_else(corrupt)?, char::from_u32(to).ok_or_else(corrupt)?));
        (last_from, last_to) = (from, to);
    }
    Ok(pairs)
}

fn put_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// `None` at the end of the bytes, `Some(None)` for a varint cut short or wider than a `u32`.
fn take_varint(bytes: &mut impl Iterator<Item = u8>) -> Option<Option<u32>> {
    let first = bytes.next()?;
    let mut n = u32::from(first & 0x7F);
    let mut byte = first;
    for shift in [7, 14, 21, 28] {
        if byte & 0x80 == 0 {
            return Some(Some(n));
        }
        let Some(next) = bytes.next() else { return Some(None) };
        byte = next;
        let bits = u32::from(byte & 0x7F);
        if shift == 28 && bits > 0x0F {
            return Some(None);
        }
        n |= bits << shift;
    }
    Some((byte & 0x80 == 0).then_some(n))
}

/// The readings part: what only pinyin queries, homophone repairs and characters the corpus
/// never uses need.
#[derive(Debug, Clone, PartialEq)]
pub struct Readings {
    pub pinyin: PinyinData,
    /// The variant pairs of chars the index does not fold on load, ordered as in [`Stored`].
    pub variants: Vec<Pair>,
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
    let (on_load, for_queries) = stored.split_variants();
    let mut rest = stored.clone();
    for point in &mut rest.points {
        point.text = String::new();
    }
    rest.boundaries = Vec::new();
    rest.variants = Vec::new();
    rest.pinyin = PinyinData::default();
    let mut head = MAGIC.to_vec();
    head.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    head.extend(postcard::to_allocvec(&(rest, packed, pack_pairs(&on_load))).expect("the index serialises"));
    let readings = postcard::to_allocvec(&(&stored.pinyin, pack_pairs(&for_queries))).expect("the readings serialise");
    (head, readings)
}

/// Reads a whole file, refusing other files and versions.
pub fn decode(bytes: &[u8]) -> Result<Stored, IndexError> {
    let (mut stored, readings) = decode_parts(bytes)?;
    if readings.is_empty() {
        return Err(IndexError::Corrupt("the file ends before the readings".into()));
    }
    let Readings { pinyin, variants } = decode_readings(readings)?;
    stored.pinyin = pinyin;
    stored.variants.extend(variants);
    crate::sort::sort_by_key(&mut stored.variants, |&(from, to)| (to, from));
    Ok(stored)
}

/// Reads the head of a file (a whole file will do too): everything but the readings, so only the
/// variant pairs of the chars the index folds on load.
pub fn decode_head(bytes: &[u8]) -> Result<Stored, IndexError> {
    decode_parts(bytes).map(|(stored, _)| stored)
}

/// Reads the readings part written by [`encode_parts`].
pub fn decode_readings(bytes: &[u8]) -> Result<Readings, IndexError> {
    let (pinyin, pairs): (PinyinData, Vec<u8>) =
        postcard::from_bytes(bytes).map_err(|e| IndexError::Corrupt(format!("the readings: {e}")))?;
    Ok(Readings { pinyin, variants: unpack_pairs(&pairs)? })
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
    let ((mut stored, packed, pairs), rest): ((Stored, PackedTexts, Vec<u8>), &[u8]) =
        postcard::take_from_bytes(&bytes[8..]).map_err(|e| IndexError::Corrupt(e.to_string()))?;
    stored.variants = unpack_pairs(&pairs)?;
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
        without.variants = Vec::new();
        assert_eq!(decode_head(&head).unwrap(), without);
        assert_eq!(decode_readings(&readings).unwrap(), Readings { pinyin: stored.pinyin.clone(), variants: stored.variants.clone() });
        assert!(matches!(decode(&head), Err(IndexError::Corrupt(_))));
    }

    #[test]
    fn the_head_carries_the_variant_pairs_of_the_chars_folded_on_load_and_the_readings_the_rest() {
        let mut stored = empty();
        // 稅 in a text, 著 in a document title, 臺 in a thesaurus alternative; 數 only in queries.
        stored.variants = vec![('臺', '台'), ('數', '数'), ('著', '着'), ('稅', '税')];
        stored.points = vec![Point { id: 1, text: "稅收".into(), ..Point::default() }];
        stored.boundaries = vec![crate::analysis::segment::boundaries("稅收")];
        stored.documents = vec![Document { row: 1, title: "顯著".into(), ..Document::default() }];
        stored.synonyms = vec![Entry { term: "平台".into(), weight: 1.0, alternatives: vec!["平臺".into()] }];
        let (head, readings) = encode_parts(&stored);
        assert_eq!(decode_head(&head).unwrap().variants, [('臺', '台'), ('著', '着'), ('稅', '税')]);
        assert_eq!(decode_readings(&readings).unwrap().variants, [('數', '数')]);
        assert_eq!(decode(&encode(&stored)).unwrap(), stored);
    }

    #[test]
    fn variant_pairs_round_trip_through_their_coding() {
        let max = char::MAX;
        let table: [(&[Pair], &[u8]); 6] = [
            (&[], &[]),
            // 税 is U+7A0E, 稅 U+7A05: the form's step from 0 in three bytes, then -9 zigzagged.
            (&[('稅', '税')], &[0x8E, 0xF4, 0x01, 17]),
            // The same form again: the variant char as the step from the previous one.
            (&[('稅', '税'), ('税', '税')], &[0x8E, 0xF4, 0x01, 17, 0, 9]),
            // Ordered by form: 数 (U+6570) before 税.
            (&[('稅', '税'), ('數', '数')], &[0xF0, 0xCA, 0x01, 16, 0x9E, 0x29, 17]),
            // A variant above its form steps up: +1 zigzagged is 2.
            (&[('b', 'a')], &[97, 2]),
            (&[('\0', '\0'), (max, max)], &[0, 0, 0xFF, 0xFF, 0x43, 0]),
        ];
        for (pairs, bytes) in table {
            assert_eq!(pack_pairs(pairs), bytes, "{pairs:?}");
            let mut sorted = pairs.to_vec();
            sorted.sort_by_key(|&(from, to)| (to, from));
            assert_eq!(unpack_pairs(bytes).unwrap(), sorted, "{pairs:?}");
        }
    }

    #[test]
    fn variant_pairs_cut_short_or_outside_the_code_points_are_corrupt() {
        let surrogate = [0x80, 0xB0, 0x03, 0];
        let beyond_unicode = [0xFF, 0xFF, 0x43, 2];
        for bytes in [&[0x8E, 0xF4, 0x01][..], &[0x8E, 0xF4], &surrogate, &beyond_unicode, &[0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0], &[1, 5]] {
            assert!(matches!(unpack_pairs(bytes), Err(IndexError::Corrupt(_))), "{bytes:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_variant_pairs_round_trip(pairs in proptest::collection::vec((proptest::char::any(), proptest::char::any()), 0..200)) {
            let mut sorted = pairs.clone();
            sorted.sort_by_key(|&(from, to)| (to, from));
            proptest::prop_assert_eq!(unpack_pairs(&pack_pairs(&pairs)).unwrap(), sorted);
        }

        #[test]
        fn any_bytes_unpack_to_pairs_or_an_error(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            if let Ok(pairs) = unpack_pairs(&bytes) {
                proptest::prop_assert!(pairs.len() <= bytes.len() / 2);
            }
        }

        #[test]
        fn any_readings_decode_or_give_an_index_error(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let _ = decode_readings(&bytes);
        }

        #[test]
        fn a_file_with_any_byte_changed_decodes_or_gives_an_index_error(at in 8usize..4096, byte in proptest::num::u8::ANY) {
            let mut stored = empty();
            stored.variants = vec![('臺', '台'), ('數', '数'), ('稅', '税')];
            stored.points = vec![Point { id: 1, text: "稅收优惠".into(), ..Point::default() }];
            stored.boundaries = vec![crate::analysis::segment::boundaries("稅收优惠")];
            stored.pinyin = crate::analysis::pinyin::build_data("税收优惠".chars());
            let mut bytes = encode(&stored);
            let at = at % bytes.len();
            bytes[at] = byte;
            let _ = decode(&bytes);
        }
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
