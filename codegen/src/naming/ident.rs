//! Rust identifiers from arbitrary model strings: total functions that never panic and never
//! produce an invalid identifier.
//!
//! # Rules
//!
//! - **Words** come from [`split_words`]. If a name has no ASCII letter or digit, each of its
//!   other characters becomes a word instead: ASCII punctuation by name (`*` → `asterisk`,
//!   `<=` → `lt`,`eq`), any other character as `u` + its lowercase hex code point (`😀` →
//!   `u1f600`), whitespace and control characters dropped. If nothing is left, the single word
//!   is `empty` (so the enum value `""` is the variant `Empty`).
//! - **ASCII only.** Output is ASCII letters, digits and `_`; other characters only break words.
//!   Non-ASCII identifiers trip lints (`uncommon_codepoints`, `confusable_idents`) and cannot be
//!   module file names.
//! - **Leading digit**: prefix `v` (snake case) or `V` (Pascal case): `1abc` → `v1abc`/`V1abc`.
//!   A letter prefix (rather than `_`) keeps names composable (`set_v1abc`, not `set__1abc`, which
//!   `non_snake_case` rejects) and makes the two cases agree.
//! - **Keywords** (every strict and reserved keyword of edition 2024, plus those `syn` refuses as
//!   identifiers): field and function names stay as written and become raw identifiers
//!   (`r#type`, `r#gen`); the names that cannot be raw (`self`, `super`, `crate`, `Self`) get a
//!   `_` suffix in snake case (`self_`) and a `Value` suffix in Pascal case (`SelfValue`); `_`
//!   has no letters and is named like other punctuation (`underscore`). Module names never use raw identifiers: every keyword gets a `_` suffix
//!   (`type_`), and so do the Windows device names (`con_`, `nul_`, `com1_`), since a module is
//!   also a file. Weak keywords (`union`, `macro_rules`, `safe`, `raw`) are ordinary identifiers.
//! - **Generator-reserved names** (`Unknown`, `Unhandled`, `build`, …) are per namespace: see
//!   [`super::Scope::with_reserved`], which gives them the same suffixes (`UnknownValue`,
//!   `build_`).
//!
//! The `*_name` functions return the identifier text without `r#`, which is what emitters
//! compare for uniqueness (see [`super::Scope`]); [`to_ident`] turns such a name into a
//! [`syn::Ident`], raw where needed. The `*_ident` functions do both steps. [`field_name`] and
//! [`module_name`] are idempotent; [`type_name`] is not always (`a-b` → `AB` → `Ab`).
//!
//! To build a derived name (`set_` + field), format it from the *name* (not from the `Ident`,
//! whose `Display` includes `r#`: `set_r#type`) and pass it through the naming function again:
//! `field_name(&format!("set_{name}"))` gives `set_type` for `type` and `set_self` for `self_`,
//! where plain concatenation would give `set_self_` and, with a suffix, `self__mut`.

use proc_macro2::Span;
use syn::Ident;

use super::case::split_words;

/// Strict keywords of Rust 2024: never plain identifiers.
pub const STRICT_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while",
];

/// Reserved keywords of Rust 2024: unused by the language but not plain identifiers either.
/// `syn` accepts `gen` as a plain identifier; rustc 2024 does not.
pub const RESERVED_KEYWORDS: &[&str] = &[
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// The keywords that cannot be written as raw identifiers (`r#self` is an error).
pub const NON_RAW_KEYWORDS: &[&str] = &["_", "self", "super", "crate", "Self"];

/// Weak (contextual) keywords, which are valid identifiers and are not escaped.
pub const WEAK_KEYWORDS: &[&str] = &["macro_rules", "union", "safe", "raw"];

/// File names that Windows reserves whatever the extension; module names avoid them.
const WINDOWS_DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The word used when a name yields no word at all.
const EMPTY_WORD: &str = "empty";

/// Whether `name` is a strict or reserved keyword, or `_`: a name that is not a plain
/// identifier for rustc 2024 or for `syn`, and can only be used raw, if at all.
pub fn is_keyword(name: &str) -> bool {
    name == "_" || STRICT_KEYWORDS.contains(&name) || RESERVED_KEYWORDS.contains(&name)
}

/// The name of an ASCII punctuation character, for names made only of punctuation.
fn punctuation_word(c: char) -> Option<&'static str> {
    Some(match c {
        '!' => "bang",
        '"' => "quote",
        '#' => "hash",
        '$' => "dollar",
        '%' => "percent",
        '&' => "ampersand",
        '\'' => "apostrophe",
        '(' => "lparen",
        ')' => "rparen",
        '*' => "asterisk",
        '+' => "plus",
        ',' => "comma",
        '-' => "dash",
        '.' => "dot",
        '/' => "slash",
        ':' => "colon",
        ';' => "semicolon",
        '<' => "lt",
        '=' => "eq",
        '>' => "gt",
        '?' => "question",
        '@' => "at",
        '[' => "lbracket",
        '\\' => "backslash",
        ']' => "rbracket",
        '^' => "caret",
        '_' => "underscore",
        '`' => "backtick",
        '{' => "lbrace",
        '|' => "pipe",
        '}' => "rbrace",
        '~' => "tilde",
        _ => return None,
    })
}

/// The words of a name for identifier purposes: [`split_words`], else one word per
/// non-whitespace character, else `empty`. Every word is non-empty ASCII alphanumeric.
fn ident_words(name: &str) -> Vec<String> {
    let words = split_words(name);
    if !words.is_empty() {
        return words;
    }
    let words: Vec<String> = name
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .map(|c| match punctuation_word(c) {
            Some(word) => word.to_owned(),
            None => format!("u{:x}", u32::from(c)),
        })
        .collect();
    if words.is_empty() {
        vec![EMPTY_WORD.to_owned()]
    } else {
        words
    }
}

/// Snake-case text of the words, with the leading-digit prefix; never empty.
fn snake_words(name: &str) -> String {
    let joined = ident_words(name)
        .iter()
        .map(|word| word.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if joined.starts_with(|c: char| c.is_ascii_digit()) {
        format!("v{joined}")
    } else {
        joined
    }
}

/// Pascal-case text of the words, with the leading-digit prefix; never empty.
fn pascal_words(name: &str) -> String {
    let mut out = String::new();
    for word in ident_words(name) {
        if out.ends_with(|c: char| c.is_ascii_digit())
            && word.starts_with(|c: char| c.is_ascii_digit())
        {
            out.push('_');
        }
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{out}")
    } else {
        out
    }
}

/// The snake-case name for a struct field, function or builder method, without `r#`.
///
/// Keywords that can be raw are returned as they are (`type`; [`to_ident`] makes it `r#type`);
/// `self`, `super` and `crate` get a `_` suffix. Never empty, always ASCII.
pub fn field_name(name: &str) -> String {
    let snake = snake_words(name);
    if NON_RAW_KEYWORDS.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// The `PascalCase` name for a struct, enum or other type. `Self` becomes `SelfValue`.
pub fn type_name(name: &str) -> String {
    let pascal = pascal_words(name);
    if NON_RAW_KEYWORDS.contains(&pascal.as_str()) {
        format!("{pascal}Value")
    } else {
        pascal
    }
}

/// The `PascalCase` name for the enum variant of a model enum *value* (`"cache.t2.micro"` →
/// `CacheT2Micro`, `""` → `Empty`, `"1a"` → `V1a`). Same rules as [`type_name`].
pub fn variant_name(value: &str) -> String {
    type_name(value)
}

/// The snake-case name of a module, usable as a plain identifier and as a file name: ASCII,
/// lowercase, never raw. Keywords and Windows device names get a `_` suffix (`type_`, `con_`).
/// Names that only clash with the crate layout (`lib`, `main`) are for the emitter to reserve
/// in its [`super::Scope`].
pub fn module_name(name: &str) -> String {
    let snake = snake_words(name);
    if is_keyword(&snake) || WINDOWS_DEVICE_NAMES.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// Whether `name` is a non-empty ASCII identifier that is not only digits and does not start
/// with a digit.
fn is_ascii_ident(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Turns a name into a [`syn::Ident`], raw when it is a keyword (`type` → `r#type`).
///
/// Meant for names from this module's `*_name` functions or from [`super::Scope::claim`], and
/// for the generator's own fixed names. It is total all the same: an optional `r#` prefix is
/// ignored; `self`, `super`, `crate` become `self_`…, `Self` becomes `SelfValue`; and a string
/// that is not an ASCII identifier (or is `_`) goes through [`type_name`] if its first ASCII
/// letter is a capital and [`field_name`] otherwise.
pub fn to_ident(name: &str) -> Ident {
    if let Some(ident) = checked_ident(name.strip_prefix("r#").unwrap_or(name)) {
        return ident;
    }
    let pascal = name
        .chars()
        .find(char::is_ascii_alphabetic)
        .is_some_and(|c| c.is_ascii_uppercase());
    let repaired = if pascal {
        type_name(name)
    } else {
        field_name(name)
    };
    // Both functions return ASCII identifiers other than `_`, so the fallback is never used;
    // it keeps this function obviously total.
    checked_ident(&repaired).unwrap_or_else(|| Ident::new(EMPTY_WORD, Span::call_site()))
}

/// The identifier for `bare` (a name without `r#`) if it is an ASCII identifier other than
/// `_`: raw for keywords, with `_`/`Value` appended for the keywords that cannot be raw.
fn checked_ident(bare: &str) -> Option<Ident> {
    if bare == "_" || !is_ascii_ident(bare) {
        return None;
    }
    let span = Span::call_site();
    Some(if bare == "Self" {
        Ident::new("SelfValue", span)
    } else if NON_RAW_KEYWORDS.contains(&bare) {
        Ident::new(&format!("{bare}_"), span)
    } else if is_keyword(bare) {
        Ident::new_raw(bare, span)
    } else {
        Ident::new(bare, span)
    })
}

/// [`field_name`] as a [`syn::Ident`]: `type` → `r#type`, `self` → `self_`, `1abc` → `v1abc`.
pub fn field_ident(name: &str) -> Ident {
    to_ident(&field_name(name))
}

/// [`type_name`] as a [`syn::Ident`].
pub fn type_ident(name: &str) -> Ident {
    to_ident(&type_name(name))
}

/// [`variant_name`] as a [`syn::Ident`].
pub fn variant_ident(value: &str) -> Ident {
    to_ident(&variant_name(value))
}

/// [`module_name`] as a [`syn::Ident`] (never raw).
pub fn module_ident(name: &str) -> Ident {
    to_ident(&module_name(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(input, field ident, type ident, module name)`; the field column is the ident as
    /// printed, so raw identifiers show their `r#`.
    const TABLE: &[(&str, &str, &str, &str)] = &[
        ("type", "r#type", "Type", "type_"),
        ("match", "r#match", "Match", "match_"),
        ("async", "r#async", "Async", "async_"),
        ("gen", "r#gen", "Gen", "gen_"),
        ("try", "r#try", "Try", "try_"),
        ("dyn", "r#dyn", "Dyn", "dyn_"),
        ("self", "self_", "SelfValue", "self_"),
        ("Self", "self_", "SelfValue", "self_"),
        ("super", "super_", "Super", "super_"),
        ("crate", "crate_", "Crate", "crate_"),
        ("_", "underscore", "Underscore", "underscore"),
        ("union", "union", "Union", "union"),
        ("macro_rules", "macro_rules", "MacroRules", "macro_rules"),
        ("raw", "raw", "Raw", "raw"),
        ("1abc", "v1abc", "V1abc", "v1abc"),
        ("123", "v123", "V123", "v123"),
        ("", "empty", "Empty", "empty"),
        ("   ", "empty", "Empty", "empty"),
        ("\u{0}\t", "empty", "Empty", "empty"),
        ("a-b", "a_b", "AB", "a_b"),
        ("true", "r#true", "True", "true_"),
        ("enabled", "enabled", "Enabled", "enabled"),
        (
            "cache.t2.micro",
            "cache_t2_micro",
            "CacheT2Micro",
            "cache_t2_micro",
        ),
        ("1a", "v1a", "V1a", "v1a"),
        ("1.0", "v1_0", "V1_0", "v1_0"),
        ("::", "colon_colon", "ColonColon", "colon_colon"),
        ("*", "asterisk", "Asterisk", "asterisk"),
        ("<=", "lt_eq", "LtEq", "lt_eq"),
        ("😀", "u1f600", "U1f600", "u1f600"),
        ("日本", "u65e5_u672c", "U65e5U672c", "u65e5_u672c"),
        ("café au lait", "caf_au_lait", "CafAuLait", "caf_au_lait"),
        (
            "DBInstanceIdentifier",
            "db_instance_identifier",
            "DbInstanceIdentifier",
            "db_instance_identifier",
        ),
        ("con", "con", "Con", "con_"),
        ("COM1", "com1", "Com1", "com1_"),
        ("r#type", "r_type", "RType", "r_type"),
    ];

    #[test]
    fn table() {
        let mut failures = Vec::new();
        for &(input, field, ty, module) in TABLE {
            let got = (
                field_ident(input).to_string(),
                type_ident(input).to_string(),
                variant_ident(input).to_string(),
                module_name(input),
            );
            let want = (
                field.to_owned(),
                ty.to_owned(),
                ty.to_owned(),
                module.to_owned(),
            );
            if got != want {
                failures.push(format!("{input:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn every_keyword() {
        let all = STRICT_KEYWORDS
            .iter()
            .chain(RESERVED_KEYWORDS)
            .chain(NON_RAW_KEYWORDS)
            .chain(WEAK_KEYWORDS);
        for &keyword in all {
            let field = field_ident(keyword);
            let ty = type_ident(keyword);
            let module = module_name(keyword);
            let field_text = field.to_string();
            assert!(
                syn::parse_str::<Ident>(&field_text).is_ok(),
                "{keyword}: field {field_text}"
            );
            assert!(
                syn::parse_str::<Ident>(&ty.to_string()).is_ok(),
                "{keyword}: type {ty}"
            );
            assert!(
                syn::parse_str::<Ident>(&module).is_ok() && !is_keyword(&module),
                "{keyword}: module {module}"
            );
            assert!(!module.starts_with("r#"), "{keyword}: module {module}");
            if WEAK_KEYWORDS.contains(&keyword) {
                assert_eq!(field_text, keyword);
            } else if keyword == "_" {
                assert_eq!(field_text, "underscore");
            } else if NON_RAW_KEYWORDS.contains(&keyword) {
                assert_eq!(field_text, format!("{}_", keyword.to_ascii_lowercase()));
            } else {
                assert_eq!(field_text, format!("r#{keyword}"));
            }
        }
    }

    #[test]
    fn to_ident_accepts_generator_names_and_repairs_the_rest() {
        assert_eq!(to_ident("Unknown").to_string(), "Unknown");
        assert_eq!(to_ident("build").to_string(), "build");
        assert_eq!(to_ident("_private").to_string(), "_private");
        assert_eq!(to_ident("type").to_string(), "r#type");
        assert_eq!(to_ident("r#type").to_string(), "r#type");
        assert_eq!(to_ident("r#self").to_string(), "self_");
        assert_eq!(to_ident("Self").to_string(), "SelfValue");
        assert_eq!(to_ident("_").to_string(), "underscore");
        assert_eq!(to_ident("").to_string(), "empty");
        assert_eq!(to_ident("1abc").to_string(), "v1abc");
        assert_eq!(to_ident("Foo Bar").to_string(), "FooBar");
        assert_eq!(to_ident("foo bar").to_string(), "foo_bar");
        assert_eq!(to_ident("café").to_string(), "caf");
        assert_eq!(module_ident("type").to_string(), "type_");
    }

    #[test]
    fn names_are_idempotent_on_the_table() {
        for &(input, ..) in TABLE {
            let field = field_name(input);
            assert_eq!(field_name(&field), field, "field of {input:?}");
            let ty = type_name(input);
            assert_eq!(to_ident(&ty), ty, "type of {input:?} is its own ident");
            let module = module_name(input);
            assert_eq!(module_name(&module), module, "module of {input:?}");
        }
    }
}
