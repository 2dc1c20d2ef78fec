//! Behaviour of the validation generated from `tests/tests/validate/constraints.json`: every
//! kind of constraint on every kind of shape, each violation with its path, all at once.
//! Copied into the generated crate as an integration test by `tests/tests/validate_models.rs`.

use awsgen_constraints::constraints::operation::ping::PingInput;
use awsgen_constraints::constraints::operation::put::PutInput;
use awsgen_constraints::constraints::types::{Choice, Mode, Node, Tag};
use awsgen_constraints::runtime::{Blob, Validate};

fn tag(key: Option<&str>, value: Option<&str>) -> Tag {
    let mut tag = Tag::builder().key("k").build().unwrap();
    tag.key = key.map(str::to_owned);
    tag.value = value.map(str::to_owned);
    tag
}

fn node(id: Option<&str>) -> Node {
    let mut node = Node::builder().id("x").build().unwrap();
    node.id = id.map(str::to_owned);
    node
}

#[allow(deprecated)]
fn valid() -> PutInput {
    let mut tree = node(Some("a"));
    tree.children = Some(vec![node(Some("b"))]);
    tree.next = Some(Box::new(node(Some("c"))));
    PutInput::builder()
        .name("abc")
        .count(5)
        .negative(-1)
        .fraction(1)
        .huge(i32::MAX)
        .big(1)
        .tiny(100)
        .ratio(1.5)
        .precise(0.0)
        .data(Blob::new(vec![1, 2, 3, 4]))
        .secret(10)
        .tags(tag(Some("k"), Some("v1")))
        .tags(tag(Some("kkkkk"), None))
        .tags(tag(Some(""), Some("v")))
        .labels("ab", "xyz")
        .secret_labels("kk", tag(Some("k"), None))
        .tree(tree)
        .choice(Choice::Tree(node(Some("d"))))
        .mode(Mode::Fast)
        .matrix(vec!["a".to_owned()])
        .lookahead("x is not checked")
        .old("abc")
        .free("anything at all, of any length: ".repeat(100))
        .build()
        .unwrap()
}

fn lines(result: Result<(), awsgen_constraints::runtime::ValidationError>) -> Vec<String> {
    match result {
        Ok(()) => Vec::new(),
        Err(e) => e.violations().iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn values_inside_every_constraint_validate() {
    assert_eq!(lines(valid().validate()), Vec::<String>::new());
    assert_eq!(PingInput::builder().build().validate(), Ok(()));
    let mut minimal = valid();
    minimal.tags = None;
    minimal.labels = None;
    assert_eq!(minimal.validate(), Ok(()));
}

#[test]
#[allow(deprecated)]
fn every_violation_with_its_path() {
    let mut input = valid();
    input.name = Some("ABC".to_owned());
    input.count = Some(6);
    input.negative = Some(0);
    input.fraction = Some(0);
    input.big = Some(0);
    input.tiny = Some(101);
    input.ratio = Some(f32::NAN);
    input.precise = Some(-0.5);
    input.data = Some(Blob::new(Vec::new()));
    input.secret = Some(11);
    input.tags = Some(vec![
        tag(Some("k"), None),
        tag(Some("toolong"), Some("x")),
        tag(Some("k"), None),
        tag(None, None),
    ]);
    let mut labels = indexmap::IndexMap::new();
    labels.insert("ab".to_owned(), "x".to_owned());
    labels.insert("A".to_owned(), "long".to_owned());
    labels.insert("cd".to_owned(), "y".to_owned());
    input.labels = Some(labels);
    let mut secret = indexmap::IndexMap::new();
    secret.insert("s".to_owned(), tag(None, None));
    input.secret_labels = Some(secret);
    let mut tree = node(Some("a"));
    let mut second = node(None);
    second.next = Some(Box::new(node(Some("UP"))));
    tree.children = Some(vec![node(Some("b")), second, node(Some("c"))]);
    input.tree = Some(tree);
    input.choice = Some(Choice::Short("toolong".to_owned()));
    input.mode = Some(Mode::from("turbo"));
    input.matrix = Some(vec![
        Vec::new(),
        vec!["a".to_owned(), "toolong".to_owned()],
        vec!["b".to_owned()],
    ]);
    input.lookahead = Some("x".to_owned());
    input.old = Some(String::new());

    assert_eq!(
        lines(input.validate()),
        [
            "Name: pattern ^[a-z]+$, but does not match",
            "Count: value <= 5, but value 6",
            "Negative: value <= -1, but value 0",
            "Fraction: value >= 0.5, but value 0",
            "Big: value >= 1, but value 0",
            "Tiny: value <= 100, but value 101",
            "Ratio: value >= -1.5, but value NaN",
            "Ratio: value <= 1.5, but value NaN",
            "Precise: value >= 0, but value -0.5",
            "Data: bytes >= 1, but 0 bytes",
            "Secret: value <= 10, but value <sensitive>",
            "Tags: items <= 3, but 4 items",
            "Tags[1].Key: length <= 5, but length 7",
            "Tags[1].Value: pattern ^v, but does not match",
            "Tags[3].Key: required, but missing",
            "Labels: entries <= 2, but 3 entries",
            "Labels[\"A\"] (key): length >= 2, but length 1",
            "Labels[\"A\"] (key): pattern ^[a-z]+$, but does not match",
            "Labels[\"A\"]: length <= 3, but length 4",
            "SecretLabels[<sensitive key>] (key): length >= 2, but length 1",
            "SecretLabels[<sensitive key>].Key: required, but missing",
            "Tree.Children: items <= 2, but 3 items",
            "Tree.Children[1].Id: required, but missing",
            "Tree.Children[1].Next.Id: pattern ^[a-z]+$, but does not match",
            "Choice.Short: length <= 5, but length 7",
            "Mode: length <= 4, but length 5",
            "Matrix: items <= 2, but 3 items",
            "Matrix[0]: items >= 1, but 0 items",
            "Matrix[1][1]: length <= 5, but length 7",
            "Old: length >= 1, but length 0",
            "Old: pattern ^[a-z]+$, but does not match",
        ]
    );
}

#[test]
fn required_members_and_nested_types_validate_on_their_own() {
    let mut input = valid();
    input.name = None;
    assert_eq!(lines(input.validate()), ["Name: required, but missing"]);
    assert_eq!(lines(node(None).validate()), ["Id: required, but missing"]);
    assert_eq!(
        lines(Choice::Tree(node(Some("9"))).validate()),
        ["Tree.Id: pattern ^[a-z]+$, but does not match"]
    );
    assert_eq!(Choice::Anything("?".repeat(99)).validate(), Ok(()));
}

#[test]
fn recursion_follows_the_data() {
    // A chain 300 nodes deep, broken at the bottom.
    let mut bottom = node(Some("BAD"));
    for _ in 0..300 {
        let mut parent = node(Some("ok"));
        parent.next = Some(Box::new(bottom));
        bottom = parent;
    }
    let mut input = valid();
    input.tree = Some(bottom);
    let errors = lines(input.validate());
    assert_eq!(errors.len(), 1);
    let expected = format!(
        "Tree{}.Id: pattern ^[a-z]+$, but does not match",
        ".Next".repeat(300)
    );
    assert_eq!(errors[0], expected);
}
