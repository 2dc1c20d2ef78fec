//! Fuzz target: error parsing of every protocol (status always 300–599, with or without an
//! `X-Amzn-ErrorType` header), over the operations of the output conformance suites and
//! `CopySnapshot`.

#![no_main]

use std::sync::LazyLock;

use awsgen_conformance::harness::Entry;
use awsgen_fuzz::corpus::{Protocol, entries};
use libfuzzer_sys::fuzz_target;

static ENTRIES: LazyLock<Vec<&'static Entry>> =
    LazyLock::new(|| Protocol::ALL.into_iter().flat_map(entries).collect());

fuzz_target!(|data: &[u8]| awsgen_fuzz::run(&ENTRIES, data, true));
