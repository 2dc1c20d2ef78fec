//! Permissive serde mirror of botocore's `paginators-1.json`: per operation, the input and
//! output token members, the page-size member and the members holding each page's items.

use indexmap::IndexMap;
use serde::Deserialize;

/// A whole `paginators-1.json`.
#[derive(Debug, Deserialize)]
pub struct PaginatorsFile {
    /// Paginators by operation name.
    pub pagination: IndexMap<String, PaginatorDef>,
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
