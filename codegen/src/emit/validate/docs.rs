//! The constraints of a member in words, for its documentation: `Length: 0 to 255 characters.
//! Pattern: `^[A-Za-z0-9._-]+$`.`, `At most 200 items.`, `Range: 0 to 100.`

use super::bounds::{self, Own};
use crate::emit::Service;
use crate::emit::docs::code;
use crate::ir::Member;

/// The sentence(s) describing the constraints of `member`'s target, if it has any.
pub fn constraint_doc(svc: &Service<'_>, member: &Member) -> Option<String> {
    let shape = svc.model.shape(&member.target);
    let text = match bounds::own(shape) {
        Own::None => return None,
        Own::String { lengths, pattern } => {
            let mut parts = Vec::new();
            if let Some(range) = span(lengths, "character", "characters") {
                parts.push(format!("Length: {range}."));
            }
            if let Some(p) = pattern {
                let note = if super::pattern_checkable(&p) {
                    ""
                } else {
                    " (not checked by `validate()`: the `regex` crate cannot compile it)"
                };
                parts.push(format!("Pattern: {}{note}.", code(&p)));
            }
            parts.join(" ")
        }
        Own::Blob(lengths) => format!("Length: {}.", span(lengths, "byte", "bytes")?),
        Own::List(lengths) => capitalized(&span(lengths, "item", "items")?),
        Own::Map(lengths) => capitalized(&span(lengths, "entry", "entries")?),
        Own::Int((min, max)) => range(min.map(|m| m.1), max.map(|m| m.1)),
        Own::Float((min, max)) => range(min.map(|m| m.1), max.map(|m| m.1)),
    };
    (!text.is_empty()).then_some(text)
}

/// `1 to 10 items`, `0 to 255 characters`, `at least 1 item`.
fn span((min, max): (Option<u64>, Option<u64>), one: &str, many: &str) -> Option<String> {
    let unit = |n: u64| if n == 1 { one } else { many };
    Some(match (min, max) {
        (None, None) => return None,
        (Some(min), None) => format!("at least {min} {}", unit(min)),
        (None, Some(max)) if one == "item" || one == "entry" => {
            format!("at most {max} {}", unit(max))
        }
        (None, Some(max)) => format!("0 to {max} {}", unit(max)),
        (Some(min), Some(max)) => format!("{min} to {max} {}", unit(max)),
    })
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// `Range: 0 to 100.`, `Range: at least 0.5.`
fn range(min: Option<String>, max: Option<String>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("Range: {min} to {max}."),
        (Some(min), None) => format!("Range: at least {min}."),
        (None, Some(max)) => format!("Range: at most {max}."),
        (None, None) => String::new(),
    }
}
