//! Tests of `awsgen_codegen::naming` from the outside: properties over arbitrary strings, the
//! obstacle names inside parsed Rust items, and every name in the vendored models.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use awsgen_codegen::naming::{
    self, NON_RAW_KEYWORDS, RESERVED_KEYWORDS, STRICT_KEYWORDS, Scope, WEAK_KEYWORDS, field_ident,
    field_name, module_ident, module_name, pascal_case, snake_case, split_words, to_ident,
    type_ident, type_name, variant_ident, variant_name,
};
use proptest::prelude::*;
use serde_json::Value;

/// Whether `name` would pass rustc's `non_snake_case` check: lowercase ASCII, digits and single
/// `_`, not starting with `_` or a digit.
fn is_lint_clean_snake(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.contains("__")
}

/// Whether `name` would pass rustc's `non_camel_case_types` check, and more: starts with an
/// ASCII capital, and `_` appears only between two digits.
fn is_lint_clean_pascal(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    chars.first().is_some_and(char::is_ascii_uppercase)
        && chars.iter().enumerate().all(|(i, &c)| {
            c.is_ascii_alphanumeric()
                || (c == '_'
                    && i > 0
                    && chars[i - 1].is_ascii_digit()
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        })
}

/// Parses an identifier's text back with `syn`, raw or not.
fn parses_as_ident(text: &str) -> bool {
    syn::parse_str::<syn::Ident>(text).is_ok_and(|parsed| parsed == text)
}

/// Checks every output of the naming functions for one input.
fn check_all(input: &str) -> Result<(), TestCaseError> {
    for id in [
        field_ident(input),
        type_ident(input),
        variant_ident(input),
        module_ident(input),
        to_ident(input),
    ] {
        let text = id.to_string();
        prop_assert!(parses_as_ident(&text), "{input:?} gave {text:?}");
    }

    let field = field_name(input);
    prop_assert!(
        is_lint_clean_snake(field.trim_end_matches('_')),
        "{field:?}"
    );
    if let Some(escaped) = field.strip_suffix('_') {
        prop_assert!(NON_RAW_KEYWORDS.contains(&escaped), "{field:?}");
    }
    prop_assert_eq!(field_name(&field), field.clone());
    let printed = field_ident(input).to_string();
    prop_assert_eq!(printed.trim_start_matches("r#"), field.as_str());

    let module = module_name(input);
    prop_assert!(
        is_lint_clean_snake(module.trim_end_matches('_')),
        "{module:?}"
    );
    prop_assert!(!naming::is_keyword(&module), "{module:?}");
    prop_assert_eq!(module_name(&module), module.clone());
    prop_assert_eq!(module_ident(input).to_string(), module);

    let ty = type_name(input);
    prop_assert!(is_lint_clean_pascal(&ty), "{ty:?}");
    prop_assert_eq!(type_ident(input).to_string(), ty.clone());
    prop_assert_eq!(variant_name(input), ty);

    let snake = snake_case(input);
    prop_assert_eq!(snake_case(&snake), snake.clone());
    let lowered: Vec<String> = split_words(input)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect();
    prop_assert_eq!(split_words(&snake), lowered);
    prop_assert_eq!(pascal_case(&snake), pascal_case(input));
    Ok(())
}

/// Strings built from the pieces that break naming: keywords, digits, separators, capitals,
/// unit and version fragments, non-ASCII letters and emoji.
fn nasty_string() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "type", "self", "Self", "super", "crate", "_", "r#", "gen", "async", "match", "true", "1",
        "2", "10", "v2", "V6", "MiB", "GiB", "ARNs", "IDs", "s", "DB", "HTTP", "Foo", "bar", "-",
        "_", ".", "::", " ", "/", "*", "é", "日本", "😀", "\u{0}", "\u{200d}", "ǅ", "İ", "ß", "Ⅻ",
        "٣", "\t",
    ]);
    prop::collection::vec(pieces, 0..8).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn any_unicode_string_gives_valid_names(input in any::<String>()) {
        check_all(&input)?;
    }

    #[test]
    fn any_chars_including_controls_give_valid_names(
        chars in prop::collection::vec(any::<char>(), 0..24)
    ) {
        check_all(&chars.into_iter().collect::<String>())?;
    }

    #[test]
    fn nasty_strings_give_valid_names(input in nasty_string()) {
        check_all(&input)?;
    }

    #[test]
    fn ascii_names_give_valid_names(input in "[A-Za-z0-9_. :/-]{0,24}") {
        check_all(&input)?;
    }

    #[test]
    fn scopes_hand_out_distinct_valid_names(
        inputs in prop::collection::vec(nasty_string(), 0..24)
    ) {
        let mut fields = Scope::with_reserved(naming::RESERVED_BUILDER_METHODS);
        let mut variants = Scope::with_reserved(naming::RESERVED_ENUM_VARIANTS);
        let mut modules = Scope::new();
        let mut seen = [Vec::new(), Vec::new(), Vec::new()];
        for input in &inputs {
            let claimed = [
                fields.claim(field_name(input)),
                variants.claim(variant_name(input)),
                modules.claim(module_name(input)),
            ];
            prop_assert!(parses_as_ident(&to_ident(&claimed[0]).to_string()));
            prop_assert!(is_lint_clean_pascal(&claimed[1]), "{:?}", claimed[1]);
            prop_assert!(is_lint_clean_snake(claimed[2].trim_end_matches('_')));
            prop_assert_eq!(to_ident(&claimed[2]).to_string(), claimed[2].clone());
            for (seen, name) in seen.iter_mut().zip(claimed) {
                prop_assert!(!seen.contains(&name), "{name:?} handed out twice");
                seen.push(name);
            }
        }
        prop_assert!(!seen[0].iter().any(|n| n == "build"));
        prop_assert!(!seen[1].iter().any(|n| n == "Unknown"));
    }
}

#[test]
fn obstacle_names_parse_as_items() {
    let obstacles = [
        "type",
        "self",
        "Self",
        "super",
        "crate",
        "_",
        "match",
        "async",
        "await",
        "gen",
        "try",
        "dyn",
        "union",
        "macro_rules",
        "raw",
        "1abc",
        "",
        "a-b",
        "a_b",
        "true",
        "false",
        "😀",
        "::",
        "r#type",
        "Unknown",
        "build",
        "default",
        "none",
    ];
    let mut fields = Scope::with_reserved(naming::RESERVED_BUILDER_METHODS);
    let mut variants = Scope::with_reserved(naming::RESERVED_ENUM_VARIANTS);
    let mut types = Scope::new();
    let mut modules = Scope::new();
    let mut source = String::new();
    let mut field_list = Vec::new();
    let mut variant_list = Vec::new();
    for name in obstacles {
        let field = to_ident(&fields.claim(field_name(name)));
        let variant = to_ident(&variants.claim(variant_name(name)));
        let ty = to_ident(&types.claim(type_name(name)));
        let module = to_ident(&modules.claim(module_name(name)));
        source += &format!(
            "pub mod {module} {{ pub struct {ty} {{ pub {field}: u8 }} \
             impl {ty} {{ pub fn {field}(&self) -> u8 {{ self.{field} }} }} }}\n"
        );
        field_list.push(format!("pub {field}: u8,"));
        variant_list.push(format!("{variant},"));
    }
    source += &format!(
        "pub struct Everything {{ {} }}\npub enum Values {{ {} Unknown(String) }}\n",
        field_list.concat(),
        variant_list.concat()
    );
    if let Err(error) = syn::parse_file(&source) {
        panic!("{error}\n{source}");
    }
    // The quote!/prettyplease route the emitters take prints the same identifiers.
    let field = field_ident("type");
    let variant = variant_ident("");
    let tokens = quote::quote! {
        pub struct S { pub #field: u8 }
        pub enum E { #variant }
    };
    let file: syn::File = syn::parse2(tokens).expect("quoted items parse");
    let printed = prettyplease::unparse(&file);
    assert!(printed.contains("pub r#type: u8"), "{printed}");
    assert!(printed.contains("Empty"), "{printed}");
}

#[test]
fn every_keyword_is_escaped() {
    let all = STRICT_KEYWORDS
        .iter()
        .chain(RESERVED_KEYWORDS)
        .chain(NON_RAW_KEYWORDS);
    for &keyword in all {
        assert!(naming::is_keyword(keyword), "{keyword}");
        let field = field_ident(keyword).to_string();
        assert!(
            field.starts_with("r#") || field.ends_with('_') || field == "underscore",
            "{keyword} -> {field}"
        );
        assert!(parses_as_ident(&field), "{keyword} -> {field}");
        assert!(!naming::is_keyword(&module_name(keyword)), "{keyword}");
        assert!(
            !naming::is_keyword(&type_name(keyword)),
            "{keyword} -> {}",
            type_name(keyword)
        );
    }
    for &keyword in WEAK_KEYWORDS {
        assert!(!naming::is_keyword(keyword), "{keyword}");
        assert_eq!(field_ident(keyword).to_string(), keyword);
    }
}

/// The names one service model gives to each namespace the emitters fill.
#[derive(Default)]
struct ModelNames {
    /// Shape and operation names: one namespace of types per service.
    types: Vec<String>,
    /// Member names, per structure or union.
    members: BTreeMap<String, Vec<String>>,
    /// Enum values, per enum.
    values: BTreeMap<String, Vec<String>>,
}

fn models_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../models")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

fn object(value: &Value) -> impl Iterator<Item = (&String, &Value)> {
    value.as_object().into_iter().flatten()
}

fn botocore_names(path: &Path) -> ModelNames {
    let model = read_json(path);
    let mut names = ModelNames::default();
    names
        .types
        .extend(object(&model["operations"]).map(|(name, _)| name.clone()));
    for (name, shape) in object(&model["shapes"]) {
        names.types.push(name.clone());
        let members: Vec<String> = object(&shape["members"]).map(|(m, _)| m.clone()).collect();
        if !members.is_empty() {
            names.members.insert(name.clone(), members);
        }
        if let Some(values) = shape["enum"].as_array() {
            let values = values.iter().filter_map(Value::as_str).map(str::to_owned);
            names.values.insert(name.clone(), values.collect());
        }
    }
    names
}

fn smithy_names(path: &Path) -> ModelNames {
    let model = read_json(path);
    let mut names = ModelNames::default();
    for (id, shape) in object(&model["shapes"]) {
        let name = id.rsplit('#').next().unwrap_or(id).to_owned();
        names.types.push(name.clone());
        let members: Vec<String> = object(&shape["members"]).map(|(m, _)| m.clone()).collect();
        if shape["type"] == "enum" || shape["type"] == "intEnum" {
            let values = object(&shape["members"]).map(|(member, body)| {
                match &body["traits"]["smithy.api#enumValue"] {
                    Value::String(value) => value.clone(),
                    Value::Null => member.clone(),
                    other => other.to_string(),
                }
            });
            names.values.insert(name.clone(), values.collect());
        }
        if !members.is_empty() {
            names.members.insert(name, members);
        }
    }
    names
}

fn model_files() -> Vec<(PathBuf, ModelNames)> {
    let mut files = Vec::new();
    let dir = models_dir();
    for service in std::fs::read_dir(dir.join("botocore")).expect("models/botocore") {
        let service = service.expect("dir entry").path();
        for version in std::fs::read_dir(&service).expect("service dir") {
            let path = version.expect("dir entry").path().join("service-2.json");
            if path.exists() {
                let names = botocore_names(&path);
                files.push((path, names));
            }
        }
    }
    for file in std::fs::read_dir(dir.join("smithy")).expect("models/smithy") {
        let path = file.expect("dir entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let names = smithy_names(&path);
            files.push((path, names));
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// Names `names` with `convert` and returns the groups that collide, if any.
fn collisions(names: &[String], convert: fn(&str) -> String) -> Vec<Vec<String>> {
    let mut by_name: BTreeMap<String, BTreeSet<&String>> = BTreeMap::new();
    for name in names {
        by_name.entry(convert(name)).or_default().insert(name);
    }
    by_name
        .into_iter()
        .filter(|(_, group)| group.len() > 1)
        .map(|(converted, group)| {
            std::iter::once(converted)
                .chain(group.into_iter().cloned())
                .collect()
        })
        .collect()
}

#[test]
fn vendored_model_names_are_valid_and_distinct() {
    let files = model_files();
    assert!(
        files.len() >= 4,
        "expected the vendored models, found {files:?}",
        files = files.len()
    );
    let mut problems = Vec::new();
    let mut count = 0;
    for (path, names) in &files {
        let path = path.strip_prefix(models_dir()).unwrap_or(path).display();
        let all_names = names
            .types
            .iter()
            .chain(names.members.values().flatten())
            .chain(names.values.values().flatten());
        for name in all_names {
            count += 1;
            if let Err(error) = check_all(name) {
                problems.push(format!("{path}: {name:?}: {error}"));
            }
        }
        for group in collisions(&names.types, type_name) {
            problems.push(format!("{path}: types collide: {group:?}"));
        }
        for (shape, members) in &names.members {
            for group in collisions(members, field_name) {
                problems.push(format!("{path}: members of {shape} collide: {group:?}"));
            }
        }
        for (shape, values) in &names.values {
            for group in collisions(values, variant_name) {
                problems.push(format!("{path}: values of {shape} collide: {group:?}"));
            }
        }
    }
    assert!(count > 2000, "only {count} names found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
