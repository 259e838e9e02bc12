//! policy-search: fully in-browser search over Shanxi province's enterprise-support policy list.
//!
//! The modules follow the data's path, each owning one step (see `ARCHITECTURE.md`):
//! [`data`] (seed text → structured dataset) → [`analysis`] (text → terms) → [`index`] (terms → a
//! versioned binary index) → [`search`] (query → ranked, filtered, highlighted hits), beside it
//! [`matching`] (an enterprise profile → the points it can act on) → [`ui`] (the yew
//! widget) → `embed` (custom element and JS API). `ui`'s state reducer compiles natively so it is
//! tested by `cargo test`; its components and all of `embed` exist only in the wasm build.

pub mod analysis;
pub mod data;
pub mod sort;
pub mod index;
pub mod search;
pub mod matching;

#[cfg(target_arch = "wasm32")]
pub mod embed;
pub mod ui;
