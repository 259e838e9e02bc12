//! Search: a query in, ranked hits with facets and highlights out.
//!
//! Will own query parsing, BM25-style scoring with field weights, coverage and proximity, filters,
//! facet counts, sorting, and highlights as character ranges into the original text. It returns data,
//! never HTML: rendering belongs to the UI.
