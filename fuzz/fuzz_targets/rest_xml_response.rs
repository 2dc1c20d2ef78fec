//! Fuzz target: the generated restXml response parsers (successes and errors, any status,
//! headers from the input) of every operation of the restXml output conformance suites.

#![no_main]

use std::sync::LazyLock;

use awsgen_conformance::harness::Entry;
use awsgen_fuzz::corpus::{Protocol, entries};
use libfuzzer_sys::fuzz_target;

static ENTRIES: LazyLock<Vec<&'static Entry>> = LazyLock::new(|| entries(Protocol::RestXml));

fuzz_target!(|data: &[u8]| awsgen_fuzz::run(&ENTRIES, data, false));
