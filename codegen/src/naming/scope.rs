//! [`Scope`]: deterministic unique names within one namespace (the fields of a struct, the
//! variants of an enum, the files of a module, the types of a service).

use std::collections::HashSet;

/// Hands out unique names within one namespace, deterministically: the result of each
/// [`claim`](Scope::claim) depends only on the reserved set and the earlier claims, in order.
///
/// # Rules
///
/// - The **style** of a candidate decides its suffixes: a candidate starting with an ASCII
///   capital is `PascalCase`, anything else snake case.
/// - A **reserved** candidate is escaped first, as keywords are: `Value` in Pascal case
///   (`Unknown` → `UnknownValue`), `_` in snake case (`build` → `build_`).
/// - The **first claim** of a name keeps it. Later claims of a taken (or reserved) name get the
///   first free numeric suffix from 2: `foo_2`, `foo_3` in snake case (a trailing `_` is
///   dropped first: `build_` → `build_2`); `Foo2`, `Foo3` in Pascal case, or `V1_2` when the
///   name already ends in a digit. A suffixed name is itself checked against every taken and
///   reserved name.
///
/// Suffixes only append ASCII letters, digits and `_`, so a valid identifier from
/// [`field_name`](super::field_name) / [`type_name`](super::type_name) stays valid and stays
/// clear of keywords. Candidates are compared exactly (case-sensitively), so claim names that
/// went through the same naming function.
///
/// ```
/// use awsgen_codegen::naming::{Scope, variant_name, RESERVED_ENUM_VARIANTS};
///
/// let mut variants = Scope::with_reserved(RESERVED_ENUM_VARIANTS);
/// assert_eq!(variants.claim(variant_name("a-b")), "AB");
/// assert_eq!(variants.claim(variant_name("a_b")), "AB2");
/// assert_eq!(variants.claim(variant_name("Unknown")), "UnknownValue");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Scope {
    taken: HashSet<String>,
    reserved: HashSet<String>,
}

impl Scope {
    /// An empty scope with no reserved names.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty scope whose `reserved` names are never handed out; claiming one gives its
    /// escaped form (see the type's rules).
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: HashSet::new(),
            reserved: reserved.iter().map(|&name| name.to_owned()).collect(),
        }
    }

    /// Whether `name` is reserved or has already been handed out.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name) || self.reserved.contains(name)
    }

    /// Claims `candidate`, returning it or, if it is reserved or taken, the first free escaped
    /// or suffixed form of it. The returned name is taken from then on.
    pub fn claim(&mut self, candidate: String) -> String {
        let pascal = candidate.starts_with(|c: char| c.is_ascii_uppercase());
        let base = if self.reserved.contains(&candidate) {
            if pascal {
                format!("{candidate}Value")
            } else {
                format!("{candidate}_")
            }
        } else {
            candidate
        };
        let mut name = base.clone();
        let mut n: u64 = 2;
        while self.contains(&name) {
            name = suffixed(&base, n, pascal);
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

/// `base` with the numeric suffix `n` in the given style.
fn suffixed(base: &str, n: u64, pascal: bool) -> String {
    if pascal {
        if base.ends_with(|c: char| c.is_ascii_digit()) {
            format!("{base}_{n}")
        } else {
            format!("{base}{n}")
        }
    } else {
        format!("{}_{n}", base.trim_end_matches('_'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::naming::{field_name, type_name, variant_name};

    fn claims(scope: &mut Scope, names: &[&str]) -> Vec<String> {
        names.iter().map(|&n| scope.claim(n.to_owned())).collect()
    }

    #[test]
    fn first_come_keeps_the_name() {
        let mut scope = Scope::new();
        assert_eq!(
            claims(&mut scope, &["foo", "foo", "foo", "bar"]),
            ["foo", "foo_2", "foo_3", "bar"]
        );
        let mut scope = Scope::new();
        assert_eq!(
            claims(&mut scope, &["Foo", "Foo", "V1", "V1", "V1"]),
            ["Foo", "Foo2", "V1", "V1_2", "V1_3"]
        );
    }

    #[test]
    fn suffixed_names_do_not_collide() {
        let mut scope = Scope::new();
        assert_eq!(
            claims(&mut scope, &["foo_2", "foo", "foo", "foo_3", "foo"]),
            ["foo_2", "foo", "foo_3", "foo_3_2", "foo_4"]
        );
        let mut scope = Scope::new();
        assert_eq!(
            claims(&mut scope, &["Foo2", "Foo", "Foo"]),
            ["Foo2", "Foo", "Foo3"]
        );
    }

    #[test]
    fn reserved_names_are_escaped() {
        let mut scope = Scope::with_reserved(&["Unknown", "Unhandled", "build", "build_2"]);
        assert_eq!(
            claims(
                &mut scope,
                &[
                    "Unknown",
                    "Unknown",
                    "UnknownValue",
                    "Unhandled",
                    "build",
                    "build",
                    "build_"
                ]
            ),
            [
                "UnknownValue",
                "UnknownValue2",
                "UnknownValue3",
                "UnhandledValue",
                "build_",
                "build_3",
                "build_4",
            ]
        );
        assert!(scope.contains("build_2"));
    }

    #[test]
    fn model_collisions_get_distinct_names() {
        let mut variants = Scope::with_reserved(crate::naming::RESERVED_ENUM_VARIANTS);
        let got: Vec<_> = ["a-b", "a_b", "A B", "unknown", "", "Empty"]
            .iter()
            .map(|v| variants.claim(variant_name(v)))
            .collect();
        assert_eq!(got, ["AB", "AB2", "AB3", "UnknownValue", "Empty", "Empty2"]);

        let mut fields = Scope::with_reserved(crate::naming::RESERVED_BUILDER_METHODS);
        let got: Vec<_> = ["FooBar", "foo_bar", "fooBar", "Build", "self", "self_"]
            .iter()
            .map(|m| fields.claim(field_name(m)))
            .collect();
        assert_eq!(
            got,
            [
                "foo_bar",
                "foo_bar_2",
                "foo_bar_3",
                "build_",
                "self_",
                "self_2"
            ]
        );

        let mut types = Scope::new();
        assert_eq!(types.claim(type_name("DBProxy")), "DbProxy");
        assert_eq!(types.claim(type_name("DbProxy")), "DbProxy2");
    }
}
