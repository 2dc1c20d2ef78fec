//! Fuzz target: the generated ec2 response parsers (successes and errors, any status,
//! headers from the input) of every operation of the ec2 output conformance suites.

#![no_main]

use std::sync::LazyLock;

use awsgen_conformance::harness::Entry;
use awsgen_fuzz::corpus::{Protocol, entries};
use libfuzzer_sys::fuzz_target;

static ENTRIES: LazyLock<Vec<&'static Entry>> = LazyLock::new(|| entries(Protocol::Ec2));

fuzz_target!(|data: &[u8]| awsgen_fuzz::run(&ENTRIES, data, false));
