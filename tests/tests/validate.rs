//! Client-side validation of the checked-in generated crate (feature `validate`): a table of
//! valid and invalid `CopySnapshot` inputs of both services with the exact violations each one
//! gives, every violation reported at once, the checked request entry points, and property
//! tests: inputs built inside the constraints validate, and pushing one member outside gives
//! exactly that one violation.

use awsgen_generated::elasticache::operation::copy_snapshot as ec;
use awsgen_generated::memorydb::operation::copy_snapshot as mdb;
use awsgen_generated::runtime::Operation as _;
use awsgen_generated::runtime::Validate;
use awsgen_generated::runtime::validate::{Constraint, Found, Violation};
use proptest::prelude::*;

fn memorydb_valid() -> mdb::CopySnapshotInput {
    mdb::CopySnapshotInput::builder()
        .source_snapshot_name("source")
        .target_snapshot_name("target")
        .build()
        .unwrap()
}

fn elasticache_valid() -> ec::CopySnapshotInput {
    ec::CopySnapshotInput::builder()
        .source_snapshot_name("source")
        .target_snapshot_name("target")
        .build()
        .unwrap()
}

fn memorydb_tag(key: &str) -> awsgen_generated::memorydb::types::Tag {
    awsgen_generated::memorydb::types::Tag::builder()
        .key(key)
        .value("v")
        .build()
}

fn lines(result: Result<(), awsgen_generated::runtime::ValidationError>) -> Vec<String> {
    match result {
        Ok(()) => Vec::new(),
        Err(e) => e.violations().iter().map(ToString::to_string).collect(),
    }
}

type Case<T> = (&'static str, fn(&mut T), &'static [&'static str]);

#[test]
fn memorydb_table() {
    let cases: &[Case<mdb::CopySnapshotInput>] = &[
        ("required members only", |_| {}, &[]),
        (
            "every member at its limit",
            |i| {
                i.target_bucket = Some("a".repeat(255));
                i.kms_key_id = Some("k".repeat(2048));
                i.tags = Some((0..200).map(|n| memorydb_tag(&n.to_string())).collect());
            },
            &[],
        ),
        (
            "bucket of every allowed character",
            |i| {
                i.target_bucket = Some("AZaz09._-".to_owned());
            },
            &[],
        ),
        (
            "length counts code points: 2048 two-byte characters",
            |i| {
                i.kms_key_id = Some("é".repeat(2048));
            },
            &[],
        ),
        (
            "empty strings are present, not missing",
            |i| {
                i.source_snapshot_name = Some(String::new());
                i.kms_key_id = Some(String::new());
            },
            &[],
        ),
        ("empty tag list", |i| i.tags = Some(Vec::new()), &[]),
        (
            "source missing",
            |i| i.source_snapshot_name = None,
            &["SourceSnapshotName: required, but missing"],
        ),
        (
            "both required missing",
            |i| {
                i.source_snapshot_name = None;
                i.target_snapshot_name = None;
            },
            &[
                "SourceSnapshotName: required, but missing",
                "TargetSnapshotName: required, but missing",
            ],
        ),
        (
            "300-character bucket",
            |i| i.target_bucket = Some("b".repeat(300)),
            &["TargetBucket: length <= 255, but length 300"],
        ),
        (
            "bucket with a space",
            |i| i.target_bucket = Some("my bucket".to_owned()),
            &["TargetBucket: pattern ^[A-Za-z0-9._-]+$, but does not match"],
        ),
        (
            "empty bucket does not match `+`",
            |i| i.target_bucket = Some(String::new()),
            &["TargetBucket: pattern ^[A-Za-z0-9._-]+$, but does not match"],
        ),
        (
            "bucket too long and not matching",
            |i| i.target_bucket = Some("ü".repeat(256)),
            &[
                "TargetBucket: length <= 255, but length 256",
                "TargetBucket: pattern ^[A-Za-z0-9._-]+$, but does not match",
            ],
        ),
        (
            "KMS key of 2049 characters",
            |i| i.kms_key_id = Some("k".repeat(2049)),
            &["KmsKeyId: length <= 2048, but length 2049"],
        ),
        (
            "201 tags",
            |i| i.tags = Some((0..201).map(|n| memorydb_tag(&n.to_string())).collect()),
            &["Tags: items <= 200, but 201 items"],
        ),
    ];
    for (name, mutate, expected) in cases {
        let mut input = memorydb_valid();
        mutate(&mut input);
        assert_eq!(lines(input.validate()), *expected, "case: {name}");
    }
}

#[test]
fn elasticache_table() {
    let cases: &[Case<ec::CopySnapshotInput>] = &[
        ("required members only", |_| {}, &[]),
        // ElastiCache's model constrains none of these: anything goes.
        (
            "long and odd values",
            |i| {
                i.target_bucket = Some("not a bucket! ".repeat(100));
                i.kms_key_id = Some("k".repeat(5000));
                i.tags = Some(
                    (0..500)
                        .map(|n| {
                            awsgen_generated::elasticache::types::Tag::builder()
                                .key(n.to_string())
                                .build()
                        })
                        .collect(),
                );
            },
            &[],
        ),
        (
            "target missing",
            |i| i.target_snapshot_name = None,
            &["TargetSnapshotName: required, but missing"],
        ),
        (
            "both missing",
            |i| {
                i.source_snapshot_name = None;
                i.target_snapshot_name = None;
            },
            &[
                "SourceSnapshotName: required, but missing",
                "TargetSnapshotName: required, but missing",
            ],
        ),
    ];
    for (name, mutate, expected) in cases {
        let mut input = elasticache_valid();
        mutate(&mut input);
        assert_eq!(lines(input.validate()), *expected, "case: {name}");
    }
}

#[test]
fn every_violation_is_reported_at_once() {
    let mut input = memorydb_valid();
    input.source_snapshot_name = None;
    input.target_bucket = Some("x y".repeat(100));
    input.kms_key_id = Some("k".repeat(3000));
    input.tags = Some((0..250).map(|n| memorydb_tag(&n.to_string())).collect());
    let err = input.validate().unwrap_err();
    assert_eq!(err.type_name(), "CopySnapshotInput");
    assert_eq!(
        err.to_string(),
        "invalid CopySnapshotInput: 5 constraint violations\n  \
         SourceSnapshotName: required, but missing\n  \
         TargetBucket: length <= 255, but length 300\n  \
         TargetBucket: pattern ^[A-Za-z0-9._-]+$, but does not match\n  \
         KmsKeyId: length <= 2048, but length 3000\n  \
         Tags: items <= 200, but 250 items"
    );
    assert_eq!(
        err.violations()[1],
        Violation::new(
            "TargetBucket",
            Constraint::MaxLength(255),
            Found::Length(300)
        )
    );
    // Printed as the README shows it.
    println!("{err}");
}

#[test]
fn checked_request_building_refuses_invalid_input() {
    let mut input = memorydb_valid();
    input.target_bucket = Some("no spaces".to_owned());
    let err = mdb::CopySnapshot::build_request_checked(&input).unwrap_err();
    assert_eq!(err.violations().len(), 1);
    // The same through the generic entry point and the `Validate` trait.
    let err =
        awsgen_generated::runtime::validate::build_request_checked::<mdb::CopySnapshot>(&input)
            .unwrap_err();
    assert_eq!(err.violations()[0].path(), "TargetBucket");
    assert!(Validate::validate(&input).is_err());

    let mut input = elasticache_valid();
    input.source_snapshot_name = None;
    let err = ec::CopySnapshot::build_request_checked(&input).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid CopySnapshotInput: 1 constraint violation\n  SourceSnapshotName: required, but missing"
    );
}

/// Any string of up to `max` characters (not only ASCII, so lengths count code points).
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..=max).prop_map(|c| c.into_iter().collect())
}

/// A bucket inside the constraints: 1 to 255 characters of `[A-Za-z0-9._-]`.
fn bucket() -> impl Strategy<Value = String> {
    "[A-Za-z0-9._-]{1,255}"
}

prop_compose! {
    fn tag()(key in proptest::option::of(text(20)), value in proptest::option::of(text(20)))
        -> awsgen_generated::memorydb::types::Tag {
        awsgen_generated::memorydb::types::Tag::builder().set_key(key).set_value(value).build()
    }
}

prop_compose! {
    fn memorydb_input()(
        source in text(40),
        target in text(40),
        bucket in proptest::option::of(bucket()),
        kms in proptest::option::of(text(2048)),
        tags in proptest::option::of(proptest::collection::vec(tag(), 0..=200)),
    ) -> mdb::CopySnapshotInput {
        mdb::CopySnapshotInput::builder()
            .source_snapshot_name(source)
            .target_snapshot_name(target)
            .set_target_bucket(bucket)
            .set_kms_key_id(kms)
            .set_tags(tags)
            .build()
            .unwrap()
    }
}

/// One member pushed outside its constraints, with the one violation that must give.
#[derive(Clone, Debug)]
enum Push {
    NoSource,
    NoTarget,
    LongBucket(usize),
    BadBucket(String, usize, char),
    LongKms(usize),
    ManyTags(usize),
}

fn push() -> impl Strategy<Value = Push> {
    prop_oneof![
        Just(Push::NoSource),
        Just(Push::NoTarget),
        (256usize..400).prop_map(Push::LongBucket),
        (
            bucket(),
            any::<usize>(),
            any::<char>().prop_filter("outside the class", |c| {
                !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
            })
        )
            .prop_map(|(b, at, c)| Push::BadBucket(b, at, c)),
        (2049usize..2200).prop_map(Push::LongKms),
        (201usize..230).prop_map(Push::ManyTags),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn memorydb_inputs_inside_the_constraints_validate(input in memorydb_input()) {
        prop_assert_eq!(input.validate(), Ok(()));
    }

    #[test]
    fn elasticache_inputs_with_required_members_validate(
        source in text(40), target in text(40), bucket in proptest::option::of(text(300)),
    ) {
        let input = ec::CopySnapshotInput::builder()
            .source_snapshot_name(source)
            .target_snapshot_name(target)
            .set_target_bucket(bucket)
            .build()
            .unwrap();
        prop_assert_eq!(input.validate(), Ok(()));
    }

    #[test]
    fn one_member_outside_gives_exactly_that_violation(mut input in memorydb_input(), push in push()) {
        let expected = match push {
            Push::NoSource => {
                input.source_snapshot_name = None;
                Violation::new("SourceSnapshotName", Constraint::Required, Found::Missing)
            }
            Push::NoTarget => {
                input.target_snapshot_name = None;
                Violation::new("TargetSnapshotName", Constraint::Required, Found::Missing)
            }
            Push::LongBucket(n) => {
                input.target_bucket = Some("a".repeat(n));
                Violation::new("TargetBucket", Constraint::MaxLength(255), Found::Length(n as u64))
            }
            Push::BadBucket(mut bucket, at, c) => {
                // Replace one character, keeping the length inside 255.
                let at = at % bucket.len();
                bucket.replace_range(at..=at, &c.to_string());
                input.target_bucket = Some(bucket);
                Violation::new("TargetBucket", Constraint::Pattern("^[A-Za-z0-9._-]+$"), Found::NoMatch)
            }
            Push::LongKms(n) => {
                input.kms_key_id = Some("é".repeat(n));
                Violation::new("KmsKeyId", Constraint::MaxLength(2048), Found::Length(n as u64))
            }
            Push::ManyTags(n) => {
                input.tags = Some((0..n).map(|i| memorydb_tag(&i.to_string())).collect());
                Violation::new("Tags", Constraint::MaxItems(200), Found::Items(n as u64))
            }
        };
        let err = input.validate().unwrap_err();
        prop_assert_eq!(err.violations(), &[expected][..]);
    }
}
