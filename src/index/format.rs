//! The index bytes: one definition, written natively and read in the browser.
//!
//! Design choice: the file is `MAGIC`, a little-endian `u32` [`FORMAT_VERSION`], then the postcard
//! encoding of [`Stored`]. Stored holds only what cannot be recomputed cheaply in the browser — the
//! points and documents verbatim, charabia's word boundaries, the variant and pinyin tables and the
//! thesaurus; postings, folded texts and the vocabulary are derived on load (~15 ms natively), so
//! they cost no download. Reader and writer share these serde types, so they cannot drift; any change
//! to them bumps the version, and a reader refuses other versions with a clear error. This module owns
//! the byte layout; it must not rank or analyse.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::analysis::pinyin::PinyinData;
use crate::analysis::synonyms::Entry;
use crate::data::{Document, Point};

pub const MAGIC: [u8; 4] = *b"PSIX";
/// Bump on any change to [`Stored`] or to what its fields mean.
/// Version 2: points carry their facts (`support` … `valid_until`). Version 3: the tag words.
pub const FORMAT_VERSION: u32 = 3;

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
    vec![
        ("points", size(&stored.points)),
        ("documents", size(&stored.documents)),
        ("word boundaries", size(&stored.boundaries)),
        ("variants", size(&stored.variants)),
        ("pinyin", size(&stored.pinyin)),
        ("synonyms", size(&stored.synonyms)),
        ("tags", size(&stored.tags)),
    ]
}

pub fn encode(stored: &Stored) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend(postcard::to_allocvec(stored).expect("the index serialises"));
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
    let stored: Stored = postcard::from_bytes(&bytes[8..]).map_err(|e| IndexError::Corrupt(e.to_string()))?;
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
