//! Every case of the protocol conformance suites passes (skips are listed with reasons in
//! `src/skips.rs`).

use awsgen_conformance::runner::{self, Status};

#[test]
fn every_conformance_case_passes() {
    let results = runner::run(None);
    for line in runner::summary(&results) {
        println!("{line}");
    }
    let failures: Vec<String> = results
        .iter()
        .filter_map(|r| match &r.status {
            Status::Failed(why) => Some(format!("{}: {why}", r.name)),
            _ => None,
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} conformance case(s) fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
