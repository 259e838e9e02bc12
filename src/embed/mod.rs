//! Embed: the `<policy-search>` custom element, its shadow root, and the JS API (`search()`).
//!
//! Will own everything that touches `wasm-bindgen`: loading the index, mounting the yew app into an open
//! shadow root, attributes, events. It holds no search logic of its own.
