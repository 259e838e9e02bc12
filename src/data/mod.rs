//! Data: the policy list as a clean, structured dataset.
//!
//! `model` is the schema of `data/policies.json`, `vocab` the words of its facts and `docno` the
//! canonical form of document numbers; they are plain Rust and reach the wasm. Everything that reads
//! the seed or derives from it (`seed`, `agency`, `facts`, `report`) is native-only: the browser never
//! parses the PDF text, it receives a built index.

pub mod docno;
pub mod field;
pub mod model;
pub mod vocab;

#[cfg(not(target_arch = "wasm32"))]
pub mod agency;
#[cfg(not(target_arch = "wasm32"))]
pub mod facts;
#[cfg(not(target_arch = "wasm32"))]
pub mod report;
#[cfg(not(target_arch = "wasm32"))]
pub mod seed;

pub use model::{Dataset, Document, Flags, Point};

/// The dataset as committed in `data/policies.json`: pretty-printed, one trailing newline.
pub fn to_json(dataset: &Dataset) -> String {
    let mut json = serde_json::to_string_pretty(dataset).expect("the dataset serialises");
    json.push('\n');
    json
}
