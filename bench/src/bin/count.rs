//! Runs one benchmark task in a loop, for instruction counting with callgrind
//! (`bench/callgrind.sh` runs it twice with different counts and takes the difference, so start-up
//! and the checks cancel out). `count list` names the tasks; `count check` only runs the checks.

use std::process::ExitCode;

use awsgen_bench::tasks::{Data, TASKS, task};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = Data::new();
    if let Err(e) = awsgen_bench::check::all(&data) {
        eprintln!("check failed: {e}");
        return ExitCode::FAILURE;
    }
    match args.as_slice() {
        [cmd] if cmd == "list" => {
            for (name, _) in TASKS {
                println!("{name}");
            }
        }
        [cmd] if cmd == "check" => println!("all checks pass"),
        [name, n] => {
            let (Some(run), Ok(n)) = (task(name), n.parse::<u64>()) else {
                eprintln!("usage: count <task> <iterations> | list | check");
                return ExitCode::FAILURE;
            };
            for _ in 0..n {
                run(&data);
            }
        }
        _ => {
            eprintln!("usage: count <task> <iterations> | list | check");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
