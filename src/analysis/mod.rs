//! Analysis: turning policy text and queries into the same terms.
//!
//! Will own segmentation with charabia at index-build time (native only), the normalisation shared by
//! index and query (width folding, traditional → simplified, case), pinyin and synonym expansion, and
//! the query analyzer that runs in the wasm using only what the index carries. It must not know about
//! ranking or the UI.
