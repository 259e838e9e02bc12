//! Query latency benchmarks (criterion); the measured suite lands in the next commit.
fn main() {}
