//! `operationContextParams` paths: the JMESPath subset AWS models use to bind an endpoint
//! parameter to values inside an operation's input, parsed once at lowering and resolved
//! against the input's shapes so that an emitter gets members and types, never text.
//!
//! The subset (every path in botocore 1.44.5 is one of these): `a.b.c` (members),
//! `keys(a.b)` (the keys of a map), `a[*].b.c` and `a[*].[b.c, d.e][]` (for each element of a
//! list, one or more member paths, flattened, absent values dropped).

use std::collections::BTreeMap;
use std::fmt;

use super::{Member, Scalar, Shape, ShapeId, ShapeKind};

/// A parsed path. Each `Vec<String>` is a chain of member names (model names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContextPath {
    /// `a.b.c`: the value reached through members (a string, or a list of strings).
    Members(Vec<String>),
    /// `keys(a.b)`: the keys of the map reached through members.
    Keys(Vec<String>),
    /// `a[*].b` or `a[*].[b, c.d][]`: for each element of the list reached through `list`,
    /// every `select` path that reaches a value (an empty path is the element itself).
    Each {
        /// Members leading to the list.
        list: Vec<String>,
        /// Paths from an element.
        select: Vec<Vec<String>>,
    },
}

/// What a resolved path yields, and which members it goes through.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved<'m> {
    /// One string (or enum) value: the members from the input to it.
    String(Vec<&'m Member>),
    /// A list of strings: the members from the input to the list.
    StringList(Vec<&'m Member>),
    /// The keys of a map: the members from the input to the map.
    Keys(Vec<&'m Member>),
    /// For each element of the list reached through the first members, the string values
    /// reached through each of the paths from the element.
    Each(Vec<&'m Member>, Vec<Vec<&'m Member>>),
}

/// Parses `text`; the error says what is outside the subset.
pub fn parse(text: &str) -> Result<ContextPath, String> {
    let unsupported = || {
        format!(
            "path `{text}` is outside the JMESPath subset awsgen binds (`a.b`, `keys(a)`, \
             `a[*].b`, `a[*].[b, c][]`)"
        )
    };
    let text = text.trim();
    if let Some(inner) = text.strip_prefix("keys(").and_then(|r| r.strip_suffix(')')) {
        return members(inner)
            .map(ContextPath::Keys)
            .ok_or_else(unsupported);
    }
    if let Some((head, rest)) = text.split_once("[*]") {
        let list = members(head).ok_or_else(unsupported)?;
        let select = if rest.is_empty() {
            vec![Vec::new()]
        } else if let Some(multi) = rest.strip_prefix(".[").and_then(|r| r.strip_suffix("][]")) {
            multi
                .split(',')
                .map(|p| members(p.trim()))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(unsupported)?
        } else {
            let path = rest.strip_prefix('.').ok_or_else(unsupported)?;
            vec![members(path).ok_or_else(unsupported)?]
        };
        return Ok(ContextPath::Each { list, select });
    }
    members(text)
        .map(ContextPath::Members)
        .ok_or_else(unsupported)
}

/// `a.b.c` as member names; `None` when a part is not an identifier.
fn members(text: &str) -> Option<Vec<String>> {
    let parts: Vec<String> = text.split('.').map(str::to_owned).collect();
    parts
        .iter()
        .all(|p| {
            p.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .then_some(parts)
}

impl fmt::Display for ContextPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContextPath::Members(p) => f.write_str(&p.join(".")),
            ContextPath::Keys(p) => write!(f, "keys({})", p.join(".")),
            ContextPath::Each { list, select } => {
                write!(f, "{}[*]", list.join("."))?;
                match select.as_slice() {
                    [one] if one.is_empty() => Ok(()),
                    [one] => write!(f, ".{}", one.join(".")),
                    many => {
                        let parts: Vec<String> = many.iter().map(|p| p.join(".")).collect();
                        write!(f, ".[{}][]", parts.join(", "))
                    }
                }
            }
        }
    }
}

impl ContextPath {
    /// The path resolved from the input structure `input`: the members it goes through and
    /// what it yields; the error names the member that does not exist or has the wrong type.
    pub fn resolve<'m>(
        &self,
        shapes: &'m BTreeMap<ShapeId, Shape>,
        input: &ShapeId,
    ) -> Result<Resolved<'m>, String> {
        match self {
            ContextPath::Members(path) => {
                let (chain, end) = walk(shapes, input, path)?;
                if is_string(shapes, end) {
                    Ok(Resolved::String(chain))
                } else if list_of_strings(shapes, end) {
                    Ok(Resolved::StringList(chain))
                } else {
                    Err(format!(
                        "`{self}` does not reach a string or a list of strings"
                    ))
                }
            }
            ContextPath::Keys(path) => {
                let (chain, end) = walk(shapes, input, path)?;
                match shapes.get(end).map(|s| &s.kind) {
                    Some(ShapeKind::Map(m)) if is_string(shapes, &m.key.target) => {
                        Ok(Resolved::Keys(chain))
                    }
                    _ => Err(format!("`{self}`: `keys` of something that is not a map")),
                }
            }
            ContextPath::Each { list, select } => {
                let (chain, end) = walk(shapes, input, list)?;
                let Some(ShapeKind::List(l)) = shapes.get(end).map(|s| &s.kind) else {
                    return Err(format!("`{self}`: `[*]` of something that is not a list"));
                };
                let mut paths = Vec::new();
                for path in select {
                    let (sub, end) = walk(shapes, &l.member.target, path)?;
                    if !is_string(shapes, end) {
                        return Err(format!("`{self}`: `{}` is not a string", path.join(".")));
                    }
                    paths.push(sub);
                }
                Ok(Resolved::Each(chain, paths))
            }
        }
    }
}

/// The members `path` goes through from structure `from`, and the shape it ends at.
fn walk<'m>(
    shapes: &'m BTreeMap<ShapeId, Shape>,
    from: &ShapeId,
    path: &[String],
) -> Result<(Vec<&'m Member>, &'m ShapeId), String> {
    let mut chain = Vec::new();
    let mut at = shapes
        .get_key_value(from)
        .map(|(id, _)| id)
        .ok_or_else(|| format!("shape `{from}` does not exist"))?;
    for name in path {
        let Some(ShapeKind::Structure(s)) = shapes.get(at).map(|s| &s.kind) else {
            return Err(format!("`{name}`: shape `{at}` is not a structure"));
        };
        let member = s
            .members
            .iter()
            .find(|m| &m.name == name)
            .ok_or_else(|| format!("shape `{at}` has no member `{name}`"))?;
        chain.push(member);
        at = &member.target;
    }
    Ok((chain, at))
}

fn is_string(shapes: &BTreeMap<ShapeId, Shape>, id: &ShapeId) -> bool {
    matches!(
        shapes.get(id).map(|s| &s.kind),
        Some(ShapeKind::Scalar(Scalar::String) | ShapeKind::Enum(_))
    )
}

fn list_of_strings(shapes: &BTreeMap<ShapeId, Shape>, id: &ShapeId) -> bool {
    matches!(shapes.get(id).map(|s| &s.kind), Some(ShapeKind::List(l)) if is_string(shapes, &l.member.target))
}

/// Problems of the `operationContextParams` of `operations`: each path must resolve against
/// its operation's input. Run by both front ends once the shapes are lowered.
pub fn check(
    operations: &[super::Operation],
    shapes: &BTreeMap<ShapeId, Shape>,
) -> Vec<crate::error::Problem> {
    let mut problems = Vec::new();
    for op in operations {
        for param in &op.endpoint_params {
            let super::EndpointParamSource::Path(path) = &param.source else {
                continue;
            };
            let outcome = match op.modeled_input() {
                Some(input) => path.resolve(shapes, input).map(|_| ()),
                None => Err("the operation has no input".to_owned()),
            };
            if let Err(why) = outcome {
                problems.push(crate::error::Problem::new(
                    crate::error::Location::Operation(op.name.clone()),
                    format!("operationContextParams `{}`: {why}", param.name),
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> ContextPath {
        parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn every_botocore_shape_parses_and_prints_back() {
        // The five paths of botocore 1.44.5 (all DynamoDB), and the element-itself form.
        for (text, expected) in [
            (
                "keys(RequestItems)",
                ContextPath::Keys(vec!["RequestItems".into()]),
            ),
            (
                "TableCreationParameters.TableName",
                ContextPath::Members(vec!["TableCreationParameters".into(), "TableName".into()]),
            ),
            (
                "TransactItems[*].Get.TableName",
                ContextPath::Each {
                    list: vec!["TransactItems".into()],
                    select: vec![vec!["Get".into(), "TableName".into()]],
                },
            ),
            (
                "TransactItems[*].[ConditionCheck.TableName, Put.TableName][]",
                ContextPath::Each {
                    list: vec!["TransactItems".into()],
                    select: vec![
                        vec!["ConditionCheck".into(), "TableName".into()],
                        vec!["Put".into(), "TableName".into()],
                    ],
                },
            ),
            (
                "Delete.Objects[*]",
                ContextPath::Each {
                    list: vec!["Delete".into(), "Objects".into()],
                    select: vec![vec![]],
                },
            ),
        ] {
            assert_eq!(parsed(text), expected, "{text}");
            assert_eq!(expected.to_string(), text);
        }
    }

    #[test]
    fn outside_the_subset_is_an_error_naming_the_path() {
        for text in [
            "a[0]",
            "a[?b == 'c']",
            "length(a)",
            "a[*].[b, c]",
            "a[*]b",
            "",
            "a..b",
            "a.'b'",
        ] {
            let e = parse(text).expect_err(text);
            assert!(e.contains(&format!("`{}`", text.trim())), "{e}");
        }
    }
}
