//! `runtime::pattern`: `\w` and `\d` read as ASCII. (Here rather than in the module: the
//! runtime's sources are copied into generated crates, whose hygiene scan allows no asserts.)

use awsgen_runtime::pattern::{Pattern, ascii_classes};
#[test]
fn perl_classes_become_ascii_inside_and_outside_brackets() {
    assert_eq!(
        ascii_classes(r"^[\w+=,.@\-/]{1,1000}$"),
        r"^[0-9A-Za-z_+=,.@\-/]{1,1000}$"
    );
    assert_eq!(
        ascii_classes(r"(\w|\/|-){1,10}\d"),
        r"([0-9A-Za-z_]|\/|-){1,10}[0-9]"
    );
    assert_eq!(ascii_classes(r"\W\D[\W]"), r"[^0-9A-Za-z_][^0-9][\W]");
    // Escaped backslashes and brackets, a literal `]` first in a class, `\s` untouched.
    assert_eq!(
        ascii_classes(r"\\w\[\w\][]\w]\s"),
        r"\\w\[[0-9A-Za-z_]\][]0-9A-Za-z_]\s"
    );
    assert_eq!(ascii_classes(r"[^]\d]"), r"[^]0-9]");
    assert_eq!(ascii_classes("plain"), "plain");
}

#[test]
fn word_and_digit_classes_match_ascii_only_as_in_java() {
    let p = Pattern::new(r"^[\w-]{1,5}\d$");
    assert_eq!(p.is_match("ab_-1"), Some(true));
    assert_eq!(p.is_match("é1"), Some(false));
    assert_eq!(p.is_match("a\u{0661}"), Some(false)); // ARABIC-INDIC DIGIT ONE
    assert_eq!(Pattern::new(r"^\s$").is_match("\u{2003}"), Some(true));
}
