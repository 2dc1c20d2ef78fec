//! Permissive serde mirror of botocore's `paginators-1.json`: per operation, the input and
//! output token members, the page-size member and the members holding each page's items.

use indexmap::IndexMap;
use serde::Deserialize;

use crate::ir::PaginatorSpec;

/// A whole `paginators-1.json`.
#[derive(Debug, Deserialize)]
pub struct PaginatorsFile {
    /// Paginators by operation name.
    pub pagination: IndexMap<String, PaginatorDef>,
}

impl PaginatorsFile {
    /// The paginators in the IR's front-end-neutral form, in file order.
    pub fn specs(self) -> Vec<PaginatorSpec> {
        self.pagination
            .into_iter()
            .map(|(operation, def)| PaginatorSpec {
                operation,
                input_tokens: def.input_token.to_vec(),
                output_tokens: def.output_token.to_vec(),
                limit_key: def.limit_key,
                result_keys: def.result_key.map(|r| r.to_vec()).unwrap_or_default(),
                more_results: def.more_results,
            })
            .collect()
    }
}

/// One paginator.
#[derive(Debug, Deserialize)]
pub struct PaginatorDef {
    /// Input member(s) that take the token.
    pub input_token: OneOrMany,
    /// Output path(s) that give the token.
    pub output_token: OneOrMany,
    /// Input member that sets the page size.
    #[serde(default)]
    pub limit_key: Option<String>,
    /// Output path(s) that hold the items of a page.
    #[serde(default)]
    pub result_key: Option<OneOrMany>,
    /// Output path of a boolean that says whether more pages follow.
    #[serde(default)]
    pub more_results: Option<String>,
}

/// A string or a list of strings.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One.
    One(String),
    /// Several.
    Many(Vec<String>),
}

impl OneOrMany {
    /// As a list.
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
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
