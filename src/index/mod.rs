//! Index: the one versioned binary format, written natively and read in the browser.
//!
//! Design choice: [`Index`] is the stored data ([`format::Stored`], the only thing serialised) plus a
//! [`corpus::Corpus`] derived from it on load, so the download carries no postings and the reader can
//! never see postings that disagree with the text. `build` (native only, it runs charabia) makes the
//! stored part from a [`Dataset`]; `from_bytes` checks magic and version. This module owns the format,
//! the builder and the lookups by id and document number; it must not rank or analyse queries.

#[cfg(not(target_arch = "wasm32"))]
mod build;
pub mod corpus;
pub mod facets;
pub mod format;
pub mod postings;

use std::fmt;

#[cfg(not(target_arch = "wasm32"))]
pub use build::build;
pub use format::{IndexError, FORMAT_VERSION, MAGIC};

#[cfg(not(target_arch = "wasm32"))]
use crate::data::Dataset;
use crate::data::{Document, Point};
use crate::analysis::Tables;
use corpus::Corpus;
use facets::FacetTable;
use format::Stored;

pub struct Index {
    stored: Stored,
    by_id: rustc_hash::FxHashMap<u32, usize>,
    by_docno: rustc_hash::FxHashMap<String, usize>,
    /// The analyzer's tables (variants, pinyin, thesaurus) made from the stored ones.
    pub(crate) tables: Tables,
    pub(crate) corpus: Corpus,
    pub(crate) facets: FacetTable,
}

impl fmt::Debug for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Index")
            .field("source", &self.stored.source)
            .field("points", &self.stored.points.len())
            .field("documents", &self.stored.documents.len())
            .finish_non_exhaustive()
    }
}

impl Index {
    /// The index of `stored`, with its postings built.
    pub(crate) fn from_stored(stored: Stored) -> Index {
        let index = Index::deferred(stored);
        index.prepare();
        index
    }

    /// The index of `stored` without its postings: a small corpus is scanned until [`Index::prepare`]
    /// builds them (a large one builds them on first need).
    fn deferred(stored: Stored) -> Index {
        let tables = Tables::new(&stored.variants, &stored.pinyin, &stored.synonyms, &stored.tags);
        let corpus = Corpus::new(&stored, &tables.variants);
        let by_id = stored.points.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let by_docno =
            stored.documents.iter().enumerate().filter_map(|(i, d)| d.docno.clone().map(|n| (n, i))).collect();
        let facets = FacetTable::new(&stored.points);
        Index { stored, by_id, by_docno, tables, corpus, facets }
    }

    /// Reads an index written by [`Index::to_bytes`], refusing other files and format versions.
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, IndexError> {
        format::decode(bytes).map(Index::from_stored)
    }

    /// [`Index::from_bytes`] for a page that wants its first results soon: the postings, most of the
    /// work of loading, are left for [`Index::prepare`] once the browser is idle. Results are the
    /// same either way.
    pub fn from_bytes_deferred(bytes: &[u8]) -> Result<Index, IndexError> {
        format::decode(bytes).map(Index::deferred)
    }

    /// [`Index::from_bytes_deferred`] over the head of a file alone (see [`format::encode_parts`]):
    /// everything but the readings — the pinyin and the variant pairs of characters the corpus
    /// never uses — which [`Index::add_readings`] adds when they arrive. Until then a query finds
    /// what it would find without them.
    pub fn from_head_bytes_deferred(bytes: &[u8]) -> Result<Index, IndexError> {
        format::decode_head(bytes).map(Index::deferred)
    }

    /// Adds the readings part of the file whose head this index was read from; does nothing when
    /// the index has its readings already. The texts need none of its variant pairs, so they stay
    /// as folded; queries fold with all pairs from now on (see `analysis::Readings`).
    pub fn add_readings(&self, bytes: &[u8]) -> Result<(), IndexError> {
        if !self.has_readings() {
            let readings = format::decode_readings(bytes)?;
            self.tables.readings.add(&readings.pinyin, &self.tables.variants, &readings.variants);
        }
        Ok(())
    }

    /// Whether the index has its readings (always, unless read from a head alone).
    pub fn has_readings(&self) -> bool {
        self.tables.readings.is_added()
    }

    /// Builds whatever [`Index::from_bytes_deferred`] left out; does nothing the second time.
    pub fn prepare(&self) {
        self.corpus.build_postings();
    }

    /// Whether [`Index::prepare`] has nothing left to do.
    pub fn is_prepared(&self) -> bool {
        self.corpus.has_postings()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        format::encode(&self.stored)
    }

    /// The file in its two parts, the head and the readings (see [`format::encode_parts`]).
    pub fn to_parts(&self) -> (Vec<u8>, Vec<u8>) {
        format::encode_parts(&self.stored)
    }

    /// Encoded size of each stored part, e.g. `("pinyin", 20_000)`.
    pub fn part_sizes(&self) -> Vec<(&'static str, usize)> {
        format::part_sizes(&self.stored)
    }

    /// Where the indexed dataset came from.
    pub fn source(&self) -> &str {
        &self.stored.source
    }

    pub fn points(&self) -> &[Point] {
        &self.stored.points
    }

    pub fn point(&self, id: u32) -> Option<&Point> {
        self.by_id.get(&id).map(|&i| &self.stored.points[i])
    }

    pub fn documents(&self) -> &[Document] {
        &self.stored.documents
    }

    pub fn document_by_docno(&self, canonical: &str) -> Option<&Document> {
        self.by_docno.get(canonical).map(|&i| &self.stored.documents[i])
    }

    /// A dataset's index, built in memory (what `build` + `to_bytes` + `from_bytes` would give).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of(dataset: &Dataset) -> Index {
        build(dataset)
    }
}
