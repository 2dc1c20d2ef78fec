//! `cargo xtask conformance`: runs the protocol conformance suites and prints one line per
//! protocol and direction; exits non-zero when a case fails.

use std::process::ExitCode;

use awsgen_conformance::runner::{self, Status};

fn main() -> ExitCode {
    let mut verbose = false;
    let mut filter = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--verbose" | "-v" => verbose = true,
            "--case" => filter = args.next(),
            other => {
                eprintln!(
                    "usage: conformance [--verbose] [--case TEXT]\nunknown argument `{other}`"
                );
                return ExitCode::from(2);
            }
        }
    }
    let results = runner::run(filter.as_deref());
    let mut failed = false;
    for r in &results {
        match &r.status {
            Status::Failed(why) => {
                failed = true;
                if verbose {
                    println!("FAIL {}: {}", r.name, shorten(why));
                }
            }
            Status::Skipped(why) if verbose => println!("SKIP {}: {why}", r.name),
            _ => {}
        }
    }
    for line in runner::summary(&results) {
        println!("{line}");
    }
    if failed {
        if !verbose {
            println!("(run with --verbose to see the failures)");
        }
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Failure messages can quote whole request bodies; keep them readable.
fn shorten(text: &str) -> String {
    const LIMIT: usize = 600;
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}… ({} more bytes)", &text[..cut], text.len() - cut),
        None => text.to_owned(),
    }
}
