//! The `pattern` constraint: a regular expression a string must match somewhere in it (model
//! patterns are not implicitly anchored; most spell out `^…$`). Each pattern is a `static`
//! compiled on first use, once per process, with the `regex` crate.
//!
//! `\w` and `\d` (and `\W`, `\D` outside classes) are read as ASCII, as Java and
//! ECMAScript regular expressions (the dialects AWS models are written in) read them; the
//! `regex` crate's are Unicode. Besides being the models' meaning, this makes the patterns cheap
//! to compile: App Runner's role ARN pattern, `…\/[\w+=,.@\-/]{1,1000}`, with a Unicode `\w`
//! (some 700 ranges) repeated a thousand times ran for 0.33 s and then failed on `regex`'s size
//! limit (so it went unchecked); with `[0-9A-Za-z_+=,.@\-/]` it compiles in 0.4 ms (release,
//! `regex` 1.13 with `std` + `unicode`).

use std::borrow::Cow;
use std::sync::OnceLock;

use super::validate::{Constraint, Found, Path, Violations};

/// A model's pattern, compiled on first use.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regex::Regex>>,
}

impl Pattern {
    /// The pattern `source`, as the model writes it. Not compiled until first used.
    pub const fn new(source: &'static str) -> Self {
        Self {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern as the model writes it.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether `value` matches, or `None` if the `regex` crate cannot compile the pattern (the
    /// generator checks every pattern it emits, so this does not happen in generated code).
    pub fn is_match(&self, value: &str) -> Option<bool> {
        self.compiled
            .get_or_init(|| regex::Regex::new(&ascii_classes(self.source)).ok())
            .as_ref()
            .map(|regex| regex.is_match(value))
    }

    /// Records a violation at `path` if `value` does not match.
    pub fn check(&self, value: &str, path: &Path<'_>, out: &mut Violations) {
        if self.is_match(value) == Some(false) {
            out.push(path, Constraint::Pattern(self.source), Found::NoMatch);
        }
    }
}

/// `pattern` with the Perl classes `\w` and `\d` spelled as ASCII classes (and `\W`, `\D`
/// as their negations outside brackets; inside brackets these stay as written). Everything else,
/// including `\s` (Unicode in ECMAScript too), is unchanged.
pub fn ascii_classes(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains(['\\']) {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    // Bracket depth (the `regex` crate nests classes: `[a[b]]`), and whether the next character
    // is the first of a class, where `]` is a literal.
    let mut depth = 0usize;
    let mut class_start = false;
    while let Some(c) = chars.next() {
        let first = std::mem::take(&mut class_start);
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push(c);
                    break;
                };
                match (next, depth > 0) {
                    ('w', false) => out.push_str("[0-9A-Za-z_]"),
                    ('w', true) => out.push_str("0-9A-Za-z_"),
                    ('d', false) => out.push_str("[0-9]"),
                    ('d', true) => out.push_str("0-9"),
                    ('W', false) => out.push_str("[^0-9A-Za-z_]"),
                    ('D', false) => out.push_str("[^0-9]"),
                    _ => {
                        out.push(c);
                        out.push(next);
                    }
                }
            }
            '[' => {
                depth += 1;
                out.push(c);
                class_start = true;
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
            }
            ']' if depth > 0 && !first => {
                depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
