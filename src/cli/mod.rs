//! The command line's own parts: where its files are, and how a search reads in a terminal.
//!
//! Design choice: the command line is one more face of the engine, like the URL, the element's
//! attributes and the JS API, so it parses requests only through `search::request` and prints the
//! engine's `Results` as they are (`--json`) or as text for a person. What it adds is what only a
//! terminal needs: finding the data relative to where it is run (never the build machine's paths),
//! and marking matches with colour when the output is a terminal.

pub mod paths;
pub mod render;
pub mod today;
