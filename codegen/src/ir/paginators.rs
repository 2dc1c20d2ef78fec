//! Paginators in the IR: each operation's [`PaginatorSpec`] (front-end neutral: the botocore
//! front end reads `paginators-1.json` into them, the Smithy one its `@paginated` traits) is
//! checked against the operation's input and output and becomes
//! [`Operation::paginator`](super::Operation): every token, limit and result path must resolve.

use super::{Model, OutputToken, Paginator, ShapeId, ShapeKind, TokenStep};
use crate::error::{CodegenError, Location, Problem, Result};

/// One paginator as a model states it, before it is checked against the operation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PaginatorSpec {
    /// The paginated operation's name.
    pub operation: String,
    /// Input member paths that take the tokens.
    pub input_tokens: Vec<String>,
    /// Output token expressions, one per input token (`NextMarker || Contents[-1].Key`).
    pub output_tokens: Vec<String>,
    /// Input member path that sets the page size.
    pub limit_key: Option<String>,
    /// Output paths that hold the items of a page.
    pub result_keys: Vec<String>,
    /// Output path of a boolean that says whether more pages follow.
    pub more_results: Option<String>,
}

/// Attaches `specs` (read from `file`) to `model`'s operations. Paths must be dotted member
/// names; output tokens may also take a list's last item and name alternatives (`NextMarker ||
/// Contents[-1].Key`). A paginator written with other JMESPath syntax is not generated.
pub fn attach_paginators(model: &mut Model, file: &str, specs: &[PaginatorSpec]) -> Result<()> {
    let mut problems = Vec::new();
    for def in specs {
        let op_name = &def.operation;
        let here = || Location::Operation(op_name.clone());
        let Some(index) = model.operations.iter().position(|o| &o.name == op_name) else {
            problems.push(Problem::new(
                here(),
                "paginated operation is not in the model",
            ));
            continue;
        };
        let input_tokens = &def.input_tokens;
        let output_tokens = &def.output_tokens;
        let result_keys = &def.result_keys;
        let expressions = input_tokens
            .iter()
            .chain(result_keys)
            .chain(def.limit_key.iter())
            .chain(def.more_results.iter());
        if expressions.clone().any(|e| !is_dotted_path(e)) {
            continue;
        }
        let Some(parsed_tokens) = output_tokens
            .iter()
            .map(|t| output_token(t))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
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
        for (text, token) in output_tokens.iter().zip(&parsed_tokens) {
            let mut ends = Vec::new();
            for path in &token.alternatives {
                match resolve_steps(model, op.modeled_output(), path) {
                    Ok(end) => ends.push(end),
                    Err(why) => problems.push(Problem::new(
                        here(),
                        format!("output token `{text}`: {why}"),
                    )),
                }
            }
            // The same Rust type: one shape, or the same scalar (S3's `NextMarker` and
            // `ObjectKey` are both strings).
            let same = |a: &ShapeId, b: &ShapeId| {
                a == b
                    || matches!(
                        (&model.shape(a).kind, &model.shape(b).kind),
                        (ShapeKind::Scalar(x), ShapeKind::Scalar(y)) if x == y
                    )
            };
            if ends.windows(2).any(|w| !same(&w[0], &w[1])) {
                problems.push(Problem::new(
                    here(),
                    format!("output token `{text}`: its alternatives end on different shapes"),
                ));
            }
        }
        let split = |p: &String| p.split('.').map(str::to_owned).collect::<Vec<_>>();
        // Whether the path ends on a list or map; a path that does not resolve is a problem.
        let mut check = |root: Option<&ShapeId>, path: &[String], what: &str| match resolve(
            model, root, path,
        ) {
            Ok(collection) => collection,
            Err(why) => {
                problems.push(Problem::new(
                    here(),
                    format!("{what} `{}`: {why}", path.join(".")),
                ));
                false
            }
        };
        for t in input_tokens {
            check(op.modeled_input(), &split(t), "input token");
        }
        if let Some(limit) = &def.limit_key {
            check(op.modeled_input(), &split(limit), "limit key");
        }
        // botocore also allows result keys that are numbers, strings or structures (DynamoDB
        // `Query`'s `Count`, RDS `DownloadDBLogFilePortion`'s `LogFileData`), which its
        // paginator adds up or concatenates across pages. `items()` gives the page's list or
        // map items, so only those keys take part; the others stay readable on each page.
        let mut item_keys = Vec::new();
        for r in result_keys {
            if check(op.modeled_output(), &split(r), "result key") {
                item_keys.push(split(r));
            }
        }
        if let Some(more) = &def.more_results {
            check(op.modeled_output(), &split(more), "more_results");
        }
        let paginator = Paginator {
            input_tokens: input_tokens.clone(),
            output_tokens: parsed_tokens,
            limit_key: def.limit_key.clone(),
            result_keys: item_keys,
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

/// An output token expression: `A.B`, `A[-1].B`, alternatives joined by `||`; `None` for other
/// syntax.
fn output_token(expression: &str) -> Option<OutputToken> {
    let alternatives = expression
        .split("||")
        .map(|alt| {
            alt.trim()
                .split('.')
                .map(|part| {
                    let (member, last_item) = match part.strip_suffix("[-1]") {
                        Some(m) => (m, true),
                        None => (part, false),
                    };
                    is_dotted_path(member).then(|| TokenStep {
                        member: member.to_owned(),
                        last_item,
                    })
                })
                .collect::<Option<Vec<_>>>()
        })
        .collect::<Option<Vec<_>>>()?;
    Some(OutputToken { alternatives })
}

/// Follows token `steps` from the structure `root`; the shape the path ends on.
fn resolve_steps(
    model: &Model,
    root: Option<&ShapeId>,
    steps: &[TokenStep],
) -> std::result::Result<ShapeId, String> {
    let mut current = root.ok_or("the operation has no such structure")?.clone();
    for step in steps {
        let ShapeKind::Structure(s) = &model.shape(&current).kind else {
            return Err(format!("`{current}` is not a structure"));
        };
        let member = s
            .members
            .iter()
            .find(|m| m.name == step.member)
            .ok_or_else(|| format!("`{current}` has no member `{}`", step.member))?;
        current = member.target.clone();
        if step.last_item {
            let ShapeKind::List(list) = &model.shape(&current).kind else {
                return Err(format!("`[-1]` on `{current}`, which is not a list"));
            };
            current = list.member.target.clone();
        }
    }
    Ok(current)
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
