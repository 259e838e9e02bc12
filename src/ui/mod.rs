//! UI: the yew widget — search box, results, facets, chips, detail view — compiled to wasm only.
//!
//! Will own the components (one per file, Props beside each) and `state.rs`, a reducer with no DOM code
//! that is tested natively. It renders hits from [`crate::search`] and never builds HTML from strings.
