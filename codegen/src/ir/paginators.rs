//! Lowering of botocore paginators into [`Operation::paginator`](super::Operation), checking
//! that every token, limit and result path resolves in the operation's input or output.

use super::{Model, OutputToken, Paginator, ShapeId, ShapeKind, TokenStep};
use crate::error::{CodegenError, Location, Problem, Result};
use crate::model::paginators::PaginatorsFile;

/// Attaches the paginators of `file` to `model`'s operations. Paths must be dotted member names;
/// output tokens may also take a list's last item and name alternatives (`NextMarker ||
/// Contents[-1].Key`). A paginator written with other JMESPath syntax is not generated.
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
            .chain(&result_keys)
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
        for t in &input_tokens {
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
        for r in &result_keys {
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

#[cfg(test)]
mod tests {
    const MODEL: &str = r#"{
      "version": "2.0",
      "metadata": {"apiVersion": "2012-08-10", "protocol": "json", "jsonVersion": "1.0",
                   "targetPrefix": "T", "serviceId": "T", "endpointPrefix": "t"},
      "operations": {"Query": {"name": "Query", "input": {"shape": "In"}, "output": {"shape": "Out"}}},
      "shapes": {
        "In": {"type": "structure", "members": {"Start": {"shape": "Str"}}},
        "Out": {"type": "structure", "members": {
          "Items": {"shape": "List"}, "Count": {"shape": "Int"},
          "Next": {"shape": "Str"}, "Page": {"shape": "In"}}},
        "List": {"type": "list", "member": {"shape": "Str"}},
        "Str": {"type": "string"},
        "Int": {"type": "integer"}
      }
    }"#;

    fn paginate(result_key: &str) -> crate::Result<crate::ir::Model> {
        let mut model = crate::model::load("m.json", MODEL.as_bytes())?;
        let paginators = format!(
            r#"{{"pagination": {{"Query": {{"input_token": "Start", "output_token": "Next",
                "result_key": {result_key}}}}}}}"#
        );
        crate::model::load_paginators(&mut model, "p.json", paginators.as_bytes())?;
        Ok(model)
    }

    #[test]
    fn scalar_and_structure_result_keys_are_accepted_but_only_collections_give_items() {
        // DynamoDB's Query paginator: Items, Count, ScannedCount.
        let model = paginate(r#"["Items", "Count", "Page"]"#).unwrap();
        let p = model.operations[0].paginator.as_ref().unwrap();
        assert_eq!(p.result_keys, vec![vec!["Items".to_owned()]]);
    }

    #[test]
    fn output_tokens_may_take_a_last_item_and_alternatives() {
        // S3 ListObjects: `NextMarker || Contents[-1].Key`.
        let mut model = crate::model::load("m.json", MODEL.as_bytes()).unwrap();
        let paginators = br#"{"pagination": {"Query": {"input_token": "Start",
            "output_token": "Next || Items[-1]", "result_key": "Items"}}}"#;
        crate::model::load_paginators(&mut model, "p.json", paginators).unwrap();
        let p = model.operations[0].paginator.as_ref().unwrap();
        assert_eq!(p.output_tokens[0].to_string(), "Next || Items[-1]");
        assert_eq!(p.output_tokens[0].alternatives.len(), 2);
        assert!(p.output_tokens[0].alternatives[1][0].last_item);
        // Alternatives must agree on what they give (a list is not a string).
        let mut model = crate::model::load("m.json", MODEL.as_bytes()).unwrap();
        let paginators = br#"{"pagination": {"Query": {"input_token": "Start",
            "output_token": "Next || Items", "result_key": "Items"}}}"#;
        let e = crate::model::load_paginators(&mut model, "p.json", paginators)
            .unwrap_err()
            .to_string();
        assert!(e.contains("alternatives end on different shapes"), "{e}");
    }

    #[test]
    fn a_result_key_that_does_not_resolve_is_still_an_error() {
        let e = paginate(r#""Missing""#).unwrap_err().to_string();
        assert!(
            e.contains("operation `Query`: result key `Missing`: `Out` has no member `Missing`"),
            "{e}"
        );
    }
}
