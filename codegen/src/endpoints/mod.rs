//! Endpoint rule sets (`endpoint-rule-set-1.json`): lowered into the runtime's compact table
//! ([`Table`], the owned form of `runtime::endpoint::RuleSet`), which the client emitter writes
//! out as a `static` and which `cargo xtask endpoint-tests` evaluates in memory, so the emitted
//! table and the tested one come from the same lowering.

mod emit;
mod lower;
pub mod standard;

use std::fmt;

use awsgen_runtime::endpoint::{Condition, Expr, List, Param, Rule, RuleSet, Segment};

pub use emit::tokens;
pub use lower::lower;

/// A lowered rule set, owning its parts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// The service, for messages.
    pub service: String,
    /// Interned strings.
    pub strings: Vec<String>,
    /// Parameters (slots `0..params.len()`).
    pub params: Vec<Param>,
    /// Expressions.
    pub exprs: Vec<Expr>,
    /// Index lists.
    pub lists: Vec<u32>,
    /// `getAttr` paths.
    pub paths: Vec<Segment>,
    /// Conditions.
    pub conditions: Vec<Condition>,
    /// Rules.
    pub rules: Vec<Rule>,
    /// The top-level rules.
    pub root: List,
    /// Variable slots.
    pub slots: u32,
}

impl Table {
    /// The strings as `&str`, for [`Table::rule_set`].
    pub fn strs(&self) -> Vec<&str> {
        self.strings.iter().map(String::as_str).collect()
    }

    /// The runtime's view of the table (`strs` from [`Table::strs`]).
    pub fn rule_set<'a>(&'a self, strs: &'a [&'a str]) -> RuleSet<'a> {
        RuleSet {
            service: &self.service,
            strings: strs,
            params: &self.params,
            exprs: &self.exprs,
            lists: &self.lists,
            paths: &self.paths,
            conditions: &self.conditions,
            rules: &self.rules,
            root: self.root,
            slots: self.slots,
        }
    }
}

/// The rule set of `service`: the model's, else the standard regional one for its endpoint
/// prefix (see [`standard`]).
pub fn for_service(service: &crate::ir::Service, module: &str) -> Result<Table, RuleSetError> {
    if let Some(table) = &service.endpoint_rules {
        return Ok(table.clone());
    }
    let prefix = service
        .endpoint_prefix
        .clone()
        .unwrap_or_else(|| module.replace('_', "-"));
    let name = service.service_id.as_deref().unwrap_or(module);
    lower(name, &standard::rule_set(&prefix))
}

/// A rule set that cannot be lowered: the service, where (`rules[3].rules[0].conditions[1]`),
/// and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSetError {
    /// The service.
    pub service: String,
    /// The rule or parameter at fault.
    pub at: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RuleSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "endpoint rule set of {}: {}: {}",
            self.service, self.at, self.message
        )
    }
}

impl std::error::Error for RuleSetError {}
