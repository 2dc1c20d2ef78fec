//! The AWS protocol conformance suites, run against generated code. `build.rs` generates, at
//! build time, one service module per suite (from the suite's own model) plus `CopySnapshot` of
//! ElastiCache (`elasticache`) and MemoryDB (`memorydb_json`, `memorydb_cbor`), all at this
//! crate's root as a generated crate would have them; the hand-written modules below run the
//! cases. Run it with `cargo xtask conformance` (`--verbose` lists failures, `--case TEXT`
//! runs the cases whose name contains TEXT).

#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/generated.rs"));

/// The text of the generated code included above, for the hygiene scan of generated sources
/// (`tests/tests/hygiene.rs`).
pub const GENERATED_SOURCE: &str = include_str!(concat!(env!("OUT_DIR"), "/generated.rs"));

pub mod compare;
pub mod expected;
pub mod harness;
pub mod normalize;
pub mod runner;
pub mod skips;
pub mod xml_compare;

/// The dispatch table from (suite module, operation) to generated code.
pub mod dispatch {
    use crate::runtime::ProvideErrorMetadata as _;

    include!(concat!(env!("OUT_DIR"), "/dispatch.rs"));
}

/// The suites and what the generator made of each.
pub mod suites {
    include!(concat!(env!("OUT_DIR"), "/suites.rs"));
}
