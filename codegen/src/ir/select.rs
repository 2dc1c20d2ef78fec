//! Selection pass: prunes a model to some operations and the closure of shapes they reach
//! (inputs, outputs, errors, and everything their members target; with every operation
//! selected, every error of the model too).

use std::collections::{BTreeMap, BTreeSet};

use super::{Model, ShapeId, ShapeKind};
use crate::error::{CodegenError, Location, Problem, Result};

/// Which operations to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Every operation of the model.
    All,
    /// These operations, by model name.
    Operations(Vec<String>),
}

/// Returns the model restricted to the selected operations and their shape closure.
///
/// Unknown operation names and reachable shapes the generator cannot generate are errors.
pub fn select_operations(model: &Model, selection: &Selection) -> Result<Model> {
    let operations: Vec<_> = match selection {
        Selection::All => model.operations.clone(),
        Selection::Operations(names) => {
            let unknown: Vec<&str> = names
                .iter()
                .filter(|n| model.operation(n).is_none())
                .map(String::as_str)
                .collect();
            if !unknown.is_empty() {
                return Err(CodegenError::Config {
                    file: model.source.clone(),
                    message: format!(
                        "no operation named {} in this model ({} operations, e.g. {})",
                        unknown
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        model.operations.len(),
                        model
                            .operations
                            .iter()
                            .take(3)
                            .map(|o| format!("`{}`", o.name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
            model
                .operations
                .iter()
                .filter(|op| names.contains(&op.name))
                .cloned()
                .collect()
        }
    };

    // Every error of the model when all operations are selected: an error response can name an
    // error the operation does not list, which is then read as that error (as botocore does).
    let all_errors = model
        .shapes
        .iter()
        .filter(|(_, shape)| *selection == Selection::All && shape.error.is_some())
        .map(|(id, _)| id);
    let roots = operations
        .iter()
        .flat_map(|op| [&op.input, &op.output].into_iter().chain(op.errors.iter()))
        .chain(all_errors);
    let reached = closure(model, roots);

    let mut problems: Vec<Problem> = reached
        .iter()
        .filter_map(|id| {
            let shape = model.shape(id);
            shape
                .unsupported
                .as_ref()
                .map(|why| Problem::new(Location::Shape(id.to_string()), why.clone()))
        })
        .collect();
    problems.extend(collection_cycles(model, &reached));
    if !problems.is_empty() {
        return Err(CodegenError::Model {
            file: model.source.clone(),
            problems,
        });
    }

    let shapes: BTreeMap<_, _> = reached
        .into_iter()
        .map(|id| {
            let shape = model.shape(&id).clone();
            (id, shape)
        })
        .collect();
    Ok(Model {
        source: model.source.clone(),
        format: model.format,
        service: model.service.clone(),
        operations,
        shapes,
    })
}

/// Every shape reachable from `roots` (roots included).
pub fn closure<'a>(
    model: &Model,
    roots: impl IntoIterator<Item = &'a ShapeId>,
) -> BTreeSet<ShapeId> {
    let mut reached = BTreeSet::new();
    let mut stack: Vec<ShapeId> = roots.into_iter().cloned().collect();
    while let Some(id) = stack.pop() {
        if !reached.insert(id.clone()) {
            continue;
        }
        stack.extend(targets(&model.shape(&id).kind).cloned());
    }
    reached
}

/// The shapes a shape's members target, in member order.
pub fn targets(kind: &ShapeKind) -> impl Iterator<Item = &ShapeId> {
    let (members, list, map): (&[super::Member], _, _) = match kind {
        ShapeKind::Structure(s) | ShapeKind::Union(s) => (&s.members, None, None),
        ShapeKind::List(l) => (&[], Some(&l.member), None),
        ShapeKind::Map(m) => (&[], None, Some((&m.key, &m.value))),
        _ => (&[], None, None),
    };
    members
        .iter()
        .chain(list)
        .chain(map.into_iter().flat_map(|(k, v)| [k, v]))
        .map(|m| &m.target)
}

/// Lists and maps that contain themselves with no structure in between (`List = [List]`) have
/// no finite Rust type; each such shape is reported.
pub(crate) fn collection_cycles(model: &Model, reached: &BTreeSet<ShapeId>) -> Vec<Problem> {
    let element = |id: &ShapeId| match &model.shape(id).kind {
        ShapeKind::List(l) => Some(l.member.target.clone()),
        ShapeKind::Map(m) => Some(m.value.target.clone()),
        _ => None,
    };
    let mut problems = Vec::new();
    for start in reached {
        let mut seen = BTreeSet::new();
        let mut current = element(start);
        while let Some(id) = current {
            if &id == start {
                problems.push(Problem::new(
                    Location::Shape(start.to_string()),
                    "a list or map that contains itself with no structure in between has no \
                     finite type; put a structure between them",
                ));
                break;
            }
            if !seen.insert(id.clone()) {
                break;
            }
            current = element(&id);
        }
    }
    problems
}
