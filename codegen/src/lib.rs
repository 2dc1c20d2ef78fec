//! awsgen's generator library: reads AWS service models, lowers them into a validated
//! shape-graph IR, and emits the Rust source of a crate. It returns files in memory and never
//! writes to disk; `xtask` owns all file I/O.

pub mod docs;
