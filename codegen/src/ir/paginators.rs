//! Lowering of botocore paginators into [`Operation::paginator`](super::Operation), checking
//! that every token, limit and result path resolves in the operation's input or output.

use super::{Model, Paginator, ShapeId, ShapeKind};
use crate::error::{CodegenError, Location, Problem, Result};
use crate::model::paginators::PaginatorsFile;

/// Attaches the paginators of `file` to `model`'s operations. Paths must be dotted member names;
/// a paginator written with other JMESPath syntax (`A || B`, `List[-1].Key`) is not generated,
/// since a sans-IO helper cannot express it faithfully.
pub fn attach_paginators(model: &mut Model, file: &str, paginators: &PaginatorsFile) -> Result<()> {
    let mut problems = Vec::new();
    for (op_name, def) in &paginators.pagination {
        let here = || Location::Operation(op_name.clone());
        let Some(index) = model.operations.iter().position(|o| &o.name == op_name) else {
            problems.push(Problem::new(
                here(),
                "paginated operation is not in the model",
            ));
            continue;
        };
        let input_tokens = def.input_token.to_vec();
        let output_tokens = def.output_token.to_vec();
        let result_keys = def
            .result_key
            .as_ref()
            .map(|r| r.to_vec())
            .unwrap_or_default();
        let expressions = input_tokens
            .iter()
            .chain(&output_tokens)
            .chain(&result_keys)
            .chain(def.limit_key.iter())
            .chain(def.more_results.iter());
        if expressions.clone().any(|e| !is_dotted_path(e)) {
            continue;
        }
        let op = &model.operations[index];
        if input_tokens.len() != output_tokens.len() {
            problems.push(Problem::new(
                here(),
                format!(
                    "{} input token(s) but {} output token(s)",
                    input_tokens.len(),
                    output_tokens.len()
                ),
            ));
            continue;
        }
        let split = |p: &String| p.split('.').map(str::to_owned).collect::<Vec<_>>();
        let mut check =
            |root: Option<&ShapeId>, path: &[String], what: &str, want_collection: bool| {
                match resolve(model, root, path) {
                    Ok(kind) if want_collection && !kind => problems.push(Problem::new(
                        here(),
                        format!("{what} `{}` is not a list or map", path.join(".")),
                    )),
                    Ok(_) => {}
                    Err(why) => problems.push(Problem::new(
                        here(),
                        format!("{what} `{}`: {why}", path.join(".")),
                    )),
                }
            };
        for t in &input_tokens {
            check(op.input.as_ref(), &split(t), "input token", false);
        }
        if let Some(limit) = &def.limit_key {
            check(op.input.as_ref(), &split(limit), "limit key", false);
        }
        for t in &output_tokens {
            check(op.output.as_ref(), &split(t), "output token", false);
        }
        for r in &result_keys {
            check(op.output.as_ref(), &split(r), "result key", true);
        }
        if let Some(more) = &def.more_results {
            check(op.output.as_ref(), &split(more), "more_results", false);
        }
        let paginator = Paginator {
            input_tokens: input_tokens.clone(),
            output_tokens: output_tokens.iter().map(split).collect(),
            limit_key: def.limit_key.clone(),
            result_keys: result_keys.iter().map(split).collect(),
            more_results: def.more_results.as_ref().map(split),
        };
        model.operations[index].paginator = Some(paginator);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        problems.sort();
        Err(CodegenError::Model {
            file: file.to_owned(),
            problems,
        })
    }
}

fn is_dotted_path(expression: &str) -> bool {
    !expression.is_empty()
        && expression.split('.').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// Follows `path` from the structure `root`; returns whether it ends on a list or map.
fn resolve(
    model: &Model,
    root: Option<&ShapeId>,
    path: &[String],
) -> std::result::Result<bool, String> {
    let mut current = root.ok_or("the operation has no such structure")?.clone();
    for name in path {
        let ShapeKind::Structure(s) = &model.shape(&current).kind else {
            return Err(format!("`{current}` is not a structure"));
        };
        let member = s
            .members
            .iter()
            .find(|m| &m.name == name)
            .ok_or_else(|| format!("`{current}` has no member `{name}`"))?;
        current = member.target.clone();
    }
    Ok(matches!(
        model.shape(&current).kind,
        ShapeKind::List(_) | ShapeKind::Map(_)
    ))
}
