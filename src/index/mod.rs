//! Index: the one versioned binary format, written natively and read in the browser.
//!
//! Will own the format's definition (a single set of serde types, so writer and reader cannot
//! disagree), the builder that turns a [`crate::data::Dataset`] into it, and the version check that
//! refuses an index it cannot read. It must not rank or analyse queries.
