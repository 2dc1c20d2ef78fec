//! The validation runtime: paths render with the model's member names, each check records
//! exactly the violations its bounds call for (string lengths in code points), and the error
//! lists every violation, one per line.

use awsgen_runtime::pattern::Pattern;
use awsgen_runtime::validate::{Constraint, Found, Path, ValidationError, Violation, Violations};

fn recorded(check: impl FnOnce(&mut Violations, &Path<'_>)) -> Vec<Violation> {
    let mut out = Violations::new();
    let root = Path::ROOT;
    let path = root.member("Name");
    check(&mut out, &path);
    match out.finish("Input") {
        Ok(()) => Vec::new(),
        Err(e) => e.into_violations(),
    }
}

#[test]
fn paths_use_member_names_indexes_and_keys() {
    let root = Path::ROOT;
    assert_eq!(root.to_string(), "");
    let tags = root.member("Tags");
    let third = tags.index(3);
    let key = third.member("Key");
    assert_eq!(key.to_string(), "Tags[3].Key");
    let labels = root.member("Labels");
    let entry = labels.key("env \"x\"");
    assert_eq!(entry.to_string(), r#"Labels["env \"x\""]"#);
    assert_eq!(
        entry.key_itself().to_string(),
        r#"Labels["env \"x\""] (key)"#
    );
    let hidden = labels.sensitive_key();
    assert_eq!(
        hidden.member("Id").to_string(),
        "Labels[<sensitive key>].Id"
    );
}

#[test]
fn string_length_counts_code_points_not_bytes() {
    // 3 code points, 9 bytes.
    let text = "日本語";
    assert!(recorded(|out, p| out.length(text, Some(3), Some(3), p)).is_empty());
    let v = recorded(|out, p| out.length(text, None, Some(2), p));
    assert_eq!(
        v,
        [Violation::new(
            "Name",
            Constraint::MaxLength(2),
            Found::Length(3)
        )]
    );
    let v = recorded(|out, p| out.length(text, Some(4), None, p));
    assert_eq!(
        v,
        [Violation::new(
            "Name",
            Constraint::MinLength(4),
            Found::Length(3)
        )]
    );
    // One emoji is one code point of four bytes.
    assert!(recorded(|out, p| out.length("🦀", Some(1), Some(1), p)).is_empty());
    assert!(recorded(|out, p| out.length("", None, Some(0), p)).is_empty());
    let v = recorded(|out, p| out.length("", Some(1), Some(5), p));
    assert_eq!(v[0].to_string(), "Name: length >= 1, but length 0");
}

#[test]
fn sizes_of_blobs_lists_and_maps() {
    let v = recorded(|out, p| {
        out.bytes(2000, Some(1), Some(1024), p);
        out.items(0, Some(1), Some(10), p);
        out.entries(51, None, Some(50), p);
    });
    let lines: Vec<String> = v.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "Name: bytes <= 1024, but 2000 bytes",
            "Name: items >= 1, but 0 items",
            "Name: entries <= 50, but 51 entries",
        ]
    );
}

#[test]
fn ranges_compare_numbers_and_show_the_model_text() {
    let v = recorded(|out, p| out.int_range(101, Some((0, "0")), Some((100, "100")), false, p));
    assert_eq!(v[0].to_string(), "Name: value <= 100, but value 101");
    assert!(
        recorded(|out, p| out.int_range(100, Some((0, "0")), Some((100, "100")), false, p))
            .is_empty()
    );
    let v = recorded(|out, p| out.int_range(-1, Some((0, "0")), None, true, p));
    assert_eq!(v[0].to_string(), "Name: value >= 0, but value <sensitive>");

    let v = recorded(|out, p| out.float_range(0.25, Some((0.5, "0.5")), None, false, p));
    assert_eq!(v[0].to_string(), "Name: value >= 0.5, but value 0.25");
    // NaN is outside every range.
    let v = recorded(|out, p| {
        out.float_range(f64::NAN, Some((0.5, "0.5")), Some((1.0, "1")), false, p)
    });
    assert_eq!(v.len(), 2);
    assert!(recorded(|out, p| out.float_range(0.5, Some((0.5, "0.5")), None, false, p)).is_empty());
}

#[test]
fn patterns_match_anywhere_and_compile_once() {
    static BUCKET: Pattern = Pattern::new("^[A-Za-z0-9._-]+$");
    static DIGIT: Pattern = Pattern::new(r"\d+");
    static BROKEN: Pattern = Pattern::new("(?!x)");
    assert_eq!(BUCKET.is_match("my-bucket.1"), Some(true));
    assert_eq!(BUCKET.is_match("my bucket"), Some(false));
    // Not anchored: a match anywhere counts.
    assert_eq!(DIGIT.is_match("abc1"), Some(true));
    // Look-around is not supported by `regex`: reported as unknown, never as a violation.
    assert_eq!(BROKEN.is_match("x"), None);
    let v = recorded(|out, p| {
        BUCKET.check("no spaces allowed", p, out);
        BUCKET.check("fine", p, out);
        BROKEN.check("x", p, out);
    });
    assert_eq!(
        v,
        [Violation::new(
            "Name",
            Constraint::Pattern("^[A-Za-z0-9._-]+$"),
            Found::NoMatch
        )]
    );
    assert_eq!(
        v[0].to_string(),
        "Name: pattern ^[A-Za-z0-9._-]+$, but does not match"
    );
}

#[test]
fn the_error_lists_every_violation_one_per_line() {
    let root = Path::ROOT;
    let mut out = Violations::new();
    out.missing(&root.member("SourceSnapshotName"));
    out.length(
        &"x".repeat(300),
        None,
        Some(255),
        &root.member("TargetBucket"),
    );
    let tags = root.member("Tags");
    out.items(201, None, Some(200), &tags);
    assert!(!out.is_empty());
    let err: ValidationError = out.finish("CopySnapshotInput").unwrap_err();
    assert_eq!(err.type_name(), "CopySnapshotInput");
    assert_eq!(err.violations().len(), 3);
    assert_eq!(
        err.to_string(),
        "invalid CopySnapshotInput: 3 constraint violations\n  \
         SourceSnapshotName: required, but missing\n  \
         TargetBucket: length <= 255, but length 300\n  \
         Tags: items <= 200, but 201 items"
    );
    let one = ValidationError::new(
        "X",
        vec![Violation::new("", Constraint::Required, Found::Missing)],
    );
    assert_eq!(
        one.to_string(),
        "invalid X: 1 constraint violation\n  (input): required, but missing"
    );
    assert!(Violations::new().finish("X").is_ok());
}
