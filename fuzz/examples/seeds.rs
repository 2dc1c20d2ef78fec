//! Writes the seed corpus of every fuzz target into `fuzz/corpus/<target>/`: each real
//! response of `corpus::samples()` (conformance suite cases and golden responses), encoded for
//! the target. Run it once before fuzzing: `cargo run --example seeds` (in `fuzz/`).

use std::path::Path;

use awsgen_fuzz::corpus::{self, Protocol, Sample};
use awsgen_fuzz::encode;

fn main() {
    let samples = corpus::samples();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let targets: [(&str, Vec<Protocol>, bool); 5] = [
        ("xml_response", vec![Protocol::Query], false),
        ("json_response", vec![Protocol::Json], false),
        ("cbor_response", vec![Protocol::Cbor], false),
        ("rest_json_response", vec![Protocol::RestJson], false),
        ("error_response", Protocol::ALL.to_vec(), true),
    ];
    for (target, protocols, errors_only) in targets {
        let entries: Vec<_> = protocols.iter().flat_map(|p| corpus::entries(*p)).collect();
        let dir = root.join(target);
        std::fs::create_dir_all(&dir).expect("create the corpus directory");
        let mut written = 0;
        for sample in samples
            .iter()
            .filter(|s| protocols.contains(&s.protocol) && (!errors_only || s.is_error()))
        {
            let Some(index) = entries.iter().position(|e| std::ptr::eq(*e, sample.entry)) else {
                continue;
            };
            let data = input(sample, index);
            std::fs::write(dir.join(file_name(&sample.name)), data).expect("write a seed");
            written += 1;
        }
        println!("{target}: {written} seeds ({} operations)", entries.len());
    }
}

fn input(sample: &Sample, index: usize) -> Vec<u8> {
    let headers = corpus::header_map(&sample.headers);
    encode(
        u16::try_from(index).expect("fewer than 65,536 operations"),
        sample.status,
        &headers,
        &sample.body,
    )
}

fn file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
