//! Fuzz target: the generated awsJson response parsers (successes and errors, any status) of every
//! operation of the output conformance suites and of `CopySnapshot`.

#![no_main]

use std::sync::LazyLock;

use awsgen_conformance::harness::Entry;
use awsgen_fuzz::corpus::{Protocol, entries};
use libfuzzer_sys::fuzz_target;

static ENTRIES: LazyLock<Vec<&'static Entry>> = LazyLock::new(|| entries(Protocol::Json));

fuzz_target!(|data: &[u8]| awsgen_fuzz::run(&ENTRIES, data, false));
