//! Output is deterministic: generating twice from the same models gives byte-identical files.

use awsgen_tests::{fixtures, generate_all};

#[test]
fn generating_twice_gives_identical_files() {
    let mut models = fixtures();
    models.push("models/botocore/elasticache/2015-02-02/service-2.json".to_owned());
    models.push("models/botocore/memorydb/2021-01-01/service-2.json".to_owned());
    for rel in models {
        let first = generate_all(&rel, "service", "determinism");
        let second = generate_all(&rel, "service", "determinism");
        assert_eq!(first.len(), second.len(), "{rel}: file count differs");
        for (path, text) in &first {
            assert!(
                second.get(path) == Some(text),
                "{rel}: {path} differs between runs"
            );
        }
    }
}
