//! End-to-end tests of the generated client. The library holds the ElastiCache and MemoryDB
//! operations generated at build time (see `build.rs`), mounted at the crate root as a
//! generated crate would have them (`crate::elasticache`, `crate::memorydb`,
//! `crate::runtime`), [`moto`], which starts the local mock server the tests talk to, and [`pattern`],
//! bodies generated on the fly for the streaming tests.

include!(concat!(env!("OUT_DIR"), "/generated/root.rs"));

pub mod moto;
pub mod pattern;
