//! The `pattern` constraint: a regular expression a string must match somewhere in it (model
//! patterns are not implicitly anchored; most spell out `^…$`). Each pattern is a `static`
//! compiled on first use, once per process, with the `regex` crate.

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
            .get_or_init(|| regex::Regex::new(self.source).ok())
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
