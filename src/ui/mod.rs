//! UI: the yew widget — search box, results, facets, chips, detail view.
//!
//! `state` is the reducer behind every interaction; it has no DOM code and compiles natively so its
//! rules are tested with `cargo test`. The components (one per file, Props beside each) exist only in
//! the wasm build. They render hits from [`crate::search`] as yew text nodes and `<mark>` elements,
//! never as HTML strings, so no text from the data or the query can become markup.

pub mod state;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod chips;
#[cfg(target_arch = "wasm32")]
mod detail;
#[cfg(target_arch = "wasm32")]
mod facets;
#[cfg(target_arch = "wasm32")]
mod highlight;
#[cfg(target_arch = "wasm32")]
mod hooks;
#[cfg(target_arch = "wasm32")]
mod hit;
#[cfg(target_arch = "wasm32")]
mod labels;
#[cfg(target_arch = "wasm32")]
mod match_form;
#[cfg(target_arch = "wasm32")]
mod match_list;
#[cfg(target_arch = "wasm32")]
mod pager;
#[cfg(target_arch = "wasm32")]
mod search_box;
#[cfg(target_arch = "wasm32")]
mod url;

#[cfg(target_arch = "wasm32")]
pub use app::{App, AppProps, Config};
#[cfg(target_arch = "wasm32")]
pub use highlight::{Highlighted, HighlightedProps};

/// The widget's stylesheet, placed in each instance's shadow root by `embed`: `style.css` with its
/// comments and spare whitespace removed by `build.rs`.
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/style.css"));
