//! imagen-rs benchmark harness (issue 7): see `bench/README.md`.
//!
//! `cargo run -p bench --release` runs every part and prints one table;
//! `cargo bench -p bench` runs the criterion benchmark of request signing.

pub mod compile;
pub mod gen_time;
pub mod overhead;
pub mod publish;
pub mod stats;
pub mod storm;
pub mod synth;
pub mod throughput;
pub mod xml;
