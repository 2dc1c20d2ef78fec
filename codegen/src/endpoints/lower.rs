//! JSON rule set → [`Table`]: parameters, rules (children of a tree contiguous), conditions,
//! expressions, template strings and `getAttr` paths, with every reference resolved to a slot
//! and every function checked; problems name the service and the rule.

use std::collections::{BTreeMap, HashMap};

use awsgen_runtime::endpoint::{
    Condition, Expr, Function, List, Outcome, Param, ParamType, Rule, Segment,
};
use serde_json::{Map, Value as Json};

use super::{RuleSetError, Table};

/// Lowers the rule set `json` of `service`.
pub fn lower(service: &str, json: &Json) -> Result<Table, RuleSetError> {
    let mut l = Lowering {
        table: Table {
            service: service.to_owned(),
            ..Table::default()
        },
        interned: HashMap::new(),
        assigned: BTreeMap::new(),
        at: "parameters".to_owned(),
    };
    let params = json
        .get("parameters")
        .and_then(Json::as_object)
        .ok_or_else(|| l.error("no `parameters` object"))?;
    let mut scope = Vec::new();
    // Sorted by name: the output must not depend on whether serde_json keeps file order
    // (its `preserve_order` feature, which another crate of a build may turn on).
    for (name, spec) in sorted(params) {
        l.at = format!("parameter {name}");
        let slot = l.u32(scope.len())?;
        l.param(name, spec)?;
        scope.push((name.clone(), slot));
    }
    l.table.slots = l.u32(l.table.params.len())?;
    let rules = json
        .get("rules")
        .and_then(Json::as_array)
        .ok_or_else(|| l.error("no `rules` list"))?;
    l.table.root = l.rules(rules, "rules", &mut scope)?;
    Ok(l.table)
}

struct Lowering {
    table: Table,
    interned: HashMap<String, u32>,
    /// Slot of each assigned name (one per name across the rule set).
    assigned: BTreeMap<String, u32>,
    /// Where we are, for messages.
    at: String,
}

impl Lowering {
    fn error(&self, message: impl Into<String>) -> RuleSetError {
        RuleSetError {
            service: self.table.service.clone(),
            at: self.at.clone(),
            message: message.into(),
        }
    }

    fn u32(&self, n: usize) -> Result<u32, RuleSetError> {
        u32::try_from(n).map_err(|_| self.error("the rule set is too large"))
    }

    fn string(&mut self, s: &str) -> Result<u32, RuleSetError> {
        if let Some(&i) = self.interned.get(s) {
            return Ok(i);
        }
        let i = self.u32(self.table.strings.len())?;
        self.table.strings.push(s.to_owned());
        self.interned.insert(s.to_owned(), i);
        Ok(i)
    }

    fn push_expr(&mut self, e: Expr) -> Result<u32, RuleSetError> {
        let i = self.u32(self.table.exprs.len())?;
        self.table.exprs.push(e);
        Ok(i)
    }

    fn list(&mut self, items: &[u32]) -> Result<List, RuleSetError> {
        let start = self.u32(self.table.lists.len())?;
        self.table.lists.extend_from_slice(items);
        Ok(List {
            start,
            len: self.u32(items.len())?,
        })
    }

    fn param(&mut self, name: &str, spec: &Json) -> Result<(), RuleSetError> {
        let kind = match spec.get("type").and_then(Json::as_str) {
            Some(t) if t.eq_ignore_ascii_case("string") => ParamType::String,
            Some(t) if t.eq_ignore_ascii_case("boolean") => ParamType::Boolean,
            Some(t) if t.eq_ignore_ascii_case("stringArray") => ParamType::StringArray,
            other => return Err(self.error(format!("unknown parameter type {other:?}"))),
        };
        let default = match spec.get("default") {
            None | Some(Json::Null) => None,
            Some(d) => Some(self.data(d)?),
        };
        let built_in = match spec.get("builtIn").and_then(Json::as_str) {
            Some(b) => Some(self.string(b)?),
            None => None,
        };
        let param = Param {
            name: self.string(name)?,
            kind,
            required: spec.get("required").and_then(Json::as_bool) == Some(true),
            default,
            built_in,
        };
        self.table.params.push(param);
        Ok(())
    }

    /// Rules at `path`, their slots in `rules` contiguous.
    fn rules(
        &mut self,
        rules: &[Json],
        path: &str,
        scope: &mut Vec<(String, u32)>,
    ) -> Result<List, RuleSetError> {
        let start = self.u32(self.table.rules.len())?;
        let placeholder = Rule {
            conditions: List { start: 0, len: 0 },
            outcome: Outcome::Tree(List { start: 0, len: 0 }),
        };
        self.table
            .rules
            .extend(std::iter::repeat_n(placeholder, rules.len()));
        for (i, rule) in rules.iter().enumerate() {
            let at = format!("{path}[{i}]");
            let depth = scope.len();
            let lowered = self.rule(rule, &at, scope)?;
            scope.truncate(depth);
            let index = usize::try_from(start)
                .ok()
                .and_then(|s| s.checked_add(i))
                .unwrap_or(usize::MAX);
            match self.table.rules.get_mut(index) {
                Some(slot) => *slot = lowered,
                None => return Err(self.error("rule index out of range")),
            }
        }
        Ok(List {
            start,
            len: self.u32(rules.len())?,
        })
    }

    fn rule(
        &mut self,
        rule: &Json,
        at: &str,
        scope: &mut Vec<(String, u32)>,
    ) -> Result<Rule, RuleSetError> {
        self.at = at.to_owned();
        let rule = rule
            .as_object()
            .ok_or_else(|| self.error("a rule is not an object"))?;
        let mut conditions = Vec::new();
        let empty = Vec::new();
        let given = match rule.get("conditions") {
            None => &empty,
            Some(c) => c
                .as_array()
                .ok_or_else(|| self.error("`conditions` is not a list"))?,
        };
        for (i, condition) in given.iter().enumerate() {
            self.at = format!("{at}.conditions[{i}]");
            if condition.get("fn").is_none() {
                return Err(self.error("a condition is not a function call"));
            }
            let expr = self.expr(condition, scope)?;
            let assign = match condition.get("assign") {
                None => None,
                Some(name) => {
                    let name = name
                        .as_str()
                        .ok_or_else(|| self.error("`assign` is not a string"))?;
                    if scope.iter().any(|(n, _)| n == name) {
                        return Err(self.error(format!("`{name}` is assigned twice in scope")));
                    }
                    let slot = match self.assigned.get(name) {
                        Some(&s) => s,
                        None => {
                            let s = self.table.slots;
                            self.table.slots = s
                                .checked_add(1)
                                .ok_or_else(|| self.error("too many slots"))?;
                            self.assigned.insert(name.to_owned(), s);
                            s
                        }
                    };
                    scope.push((name.to_owned(), slot));
                    Some(slot)
                }
            };
            conditions.push(Condition { expr, assign });
        }
        self.at = at.to_owned();
        let start = self.u32(self.table.conditions.len())?;
        let len = self.u32(conditions.len())?;
        self.table.conditions.extend(conditions);
        let conditions = List { start, len };
        let outcome = match rule.get("type").and_then(Json::as_str) {
            Some("tree") => {
                let children = rule
                    .get("rules")
                    .and_then(Json::as_array)
                    .ok_or_else(|| self.error("a tree rule has no `rules` list"))?;
                Outcome::Tree(self.rules(children, &format!("{at}.rules"), scope)?)
            }
            Some("error") => {
                let message = rule
                    .get("error")
                    .ok_or_else(|| self.error("an error rule has no `error`"))?;
                Outcome::Error(self.expr(message, scope)?)
            }
            Some("endpoint") => self.endpoint(rule, scope)?,
            other => return Err(self.error(format!("unknown rule type {other:?}"))),
        };
        Ok(Rule {
            conditions,
            outcome,
        })
    }

    fn endpoint(
        &mut self,
        rule: &Map<String, Json>,
        scope: &[(String, u32)],
    ) -> Result<Outcome, RuleSetError> {
        let endpoint = rule
            .get("endpoint")
            .and_then(Json::as_object)
            .ok_or_else(|| self.error("an endpoint rule has no `endpoint` object"))?;
        let url = endpoint
            .get("url")
            .ok_or_else(|| self.error("an endpoint has no `url`"))?;
        let url = self.expr(url, scope)?;
        let properties = match endpoint.get("properties") {
            None | Some(Json::Null) => None,
            Some(p) if p.as_object().is_some_and(Map::is_empty) => None,
            Some(p) => Some(self.properties(p, scope)?),
        };
        let mut pairs = Vec::new();
        if let Some(headers) = endpoint.get("headers").and_then(Json::as_object) {
            for (name, values) in sorted(headers) {
                let values = values
                    .as_array()
                    .ok_or_else(|| self.error(format!("header `{name}` is not a list")))?;
                let items = values
                    .iter()
                    .map(|v| self.expr(v, scope))
                    .collect::<Result<Vec<_>, _>>()?;
                let items = self.list(&items)?;
                pairs.push(self.string(name)?);
                pairs.push(self.push_expr(Expr::Array(items))?);
            }
        }
        Ok(Outcome::Endpoint {
            url,
            properties,
            headers: self.list(&pairs)?,
        })
    }

    /// Endpoint properties: objects, lists and literals, with template strings resolved
    /// (as botocore does: `ref` and `fn` are not evaluated inside properties).
    fn properties(&mut self, json: &Json, scope: &[(String, u32)]) -> Result<u32, RuleSetError> {
        match json {
            Json::String(s) => self.template(s, scope),
            Json::Array(items) => {
                let items = items
                    .iter()
                    .map(|i| self.properties(i, scope))
                    .collect::<Result<Vec<_>, _>>()?;
                let items = self.list(&items)?;
                self.push_expr(Expr::Array(items))
            }
            Json::Object(members) => {
                let mut pairs = Vec::new();
                for (k, v) in sorted(members) {
                    pairs.push(self.string(k)?);
                    pairs.push(self.properties(v, scope)?);
                }
                let pairs = self.list(&pairs)?;
                self.push_expr(Expr::Object(pairs))
            }
            other => self.data(other),
        }
    }

    /// A literal (parameter defaults): no templates, no references.
    fn data(&mut self, json: &Json) -> Result<u32, RuleSetError> {
        match json {
            Json::Bool(b) => self.push_expr(Expr::Bool(*b)),
            Json::Number(n) => {
                let n = n
                    .as_i64()
                    .ok_or_else(|| self.error(format!("number {n} is not an integer")))?;
                self.push_expr(Expr::Int(n))
            }
            Json::String(s) => {
                let s = self.string(s)?;
                self.push_expr(Expr::Str(s))
            }
            Json::Array(items) => {
                let items = items
                    .iter()
                    .map(|i| self.data(i))
                    .collect::<Result<Vec<_>, _>>()?;
                let items = self.list(&items)?;
                self.push_expr(Expr::Array(items))
            }
            Json::Object(members) => {
                let mut pairs = Vec::new();
                for (k, v) in sorted(members) {
                    pairs.push(self.string(k)?);
                    pairs.push(self.data(v)?);
                }
                let pairs = self.list(&pairs)?;
                self.push_expr(Expr::Object(pairs))
            }
            Json::Null => Err(self.error("`null` is not a value")),
        }
    }

    fn var(&self, name: &str, scope: &[(String, u32)]) -> Result<u32, RuleSetError> {
        scope
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, slot)| *slot)
            .ok_or_else(|| {
                self.error(format!(
                    "`{name}` is neither a parameter nor assigned in scope"
                ))
            })
    }

    fn expr(&mut self, json: &Json, scope: &[(String, u32)]) -> Result<u32, RuleSetError> {
        match json {
            Json::String(s) => self.template(s, scope),
            Json::Object(o) if o.contains_key("ref") => {
                let name = o
                    .get("ref")
                    .and_then(Json::as_str)
                    .ok_or_else(|| self.error("`ref` is not a string"))?;
                let slot = self.var(name, scope)?;
                self.push_expr(Expr::Var(slot))
            }
            Json::Object(o) if o.contains_key("fn") => self.call(o, scope),
            Json::Array(items) => {
                let items = items
                    .iter()
                    .map(|i| self.expr(i, scope))
                    .collect::<Result<Vec<_>, _>>()?;
                let items = self.list(&items)?;
                self.push_expr(Expr::Array(items))
            }
            other => self.data(other),
        }
    }

    fn call(
        &mut self,
        o: &Map<String, Json>,
        scope: &[(String, u32)],
    ) -> Result<u32, RuleSetError> {
        let name = o
            .get("fn")
            .and_then(Json::as_str)
            .ok_or_else(|| self.error("`fn` is not a string"))?;
        let argv = o
            .get("argv")
            .and_then(Json::as_array)
            .ok_or_else(|| self.error(format!("`{name}` has no `argv` list")))?;
        if name == "getAttr" {
            let [target, path] = argv.as_slice() else {
                return Err(self.error("getAttr takes 2 arguments"));
            };
            let path = path
                .as_str()
                .ok_or_else(|| self.error("the path of getAttr is not a string"))?;
            let target = self.expr(target, scope)?;
            let path = self.path(path)?;
            return self.push_expr(Expr::Attr(target, path));
        }
        let (function, arity) = match name {
            "isSet" => (Function::IsSet, 1),
            "not" => (Function::Not, 1),
            "stringEquals" => (Function::StringEquals, 2),
            "booleanEquals" => (Function::BooleanEquals, 2),
            "substring" => (Function::Substring, 4),
            "uriEncode" => (Function::UriEncode, 1),
            "parseURL" => (Function::ParseUrl, 1),
            "isValidHostLabel" => (Function::IsValidHostLabel, 2),
            "aws.partition" => (Function::Partition, 1),
            "aws.parseArn" => (Function::ParseArn, 1),
            "aws.isVirtualHostableS3Bucket" => (Function::IsVirtualHostableS3Bucket, 2),
            other => return Err(self.error(format!("unknown function `{other}`"))),
        };
        if argv.len() != arity {
            return Err(self.error(format!(
                "`{name}` takes {arity} arguments, not {}",
                argv.len()
            )));
        }
        let args = argv
            .iter()
            .map(|a| self.expr(a, scope))
            .collect::<Result<Vec<_>, _>>()?;
        let args = self.list(&args)?;
        self.push_expr(Expr::Call(function, args))
    }

    /// `a.b[2]`: keys, and an index at the end of a part.
    fn path(&mut self, path: &str) -> Result<List, RuleSetError> {
        let mut segments = Vec::new();
        for part in path.split('.') {
            let (name, index) = match part.split_once('[') {
                Some((name, rest)) => {
                    let digits = rest
                        .strip_suffix(']')
                        .ok_or_else(|| self.error(format!("bad getAttr path `{path}`")))?;
                    let n: u32 = digits
                        .parse()
                        .map_err(|_| self.error(format!("bad getAttr index in `{path}`")))?;
                    (name, Some(n))
                }
                None => (part, None),
            };
            if !name.is_empty() {
                segments.push(Segment::Key(self.string(name)?));
            }
            if let Some(n) = index {
                segments.push(Segment::Index(n));
            }
        }
        let start = self.u32(self.table.paths.len())?;
        let len = self.u32(segments.len())?;
        self.table.paths.extend(segments);
        Ok(List { start, len })
    }

    /// A string: a literal, or a template (`{Region}`, `{PartitionResult#dnsSuffix}`, with
    /// `{{` and `}}` for braces) when it holds a `{name}` of letters and `#`.
    fn template(&mut self, s: &str, scope: &[(String, u32)]) -> Result<u32, RuleSetError> {
        if !has_placeholder(s) {
            let i = self.string(s)?;
            return self.push_expr(Expr::Str(i));
        }
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => name.push(c),
                            None => {
                                return Err(self.error(format!("unclosed `{{` in template `{s}`")));
                            }
                        }
                    }
                    if !literal.is_empty() {
                        let i = self.string(&std::mem::take(&mut literal))?;
                        parts.push(self.push_expr(Expr::Str(i))?);
                    }
                    let mut keys = name.split('#');
                    let var = keys.next().unwrap_or_default();
                    let slot = self.var(var, scope)?;
                    let mut expr = self.push_expr(Expr::Var(slot))?;
                    let keys: Vec<&str> = keys.collect();
                    if !keys.is_empty() {
                        let start = self.u32(self.table.paths.len())?;
                        for key in &keys {
                            let k = self.string(key)?;
                            self.table.paths.push(Segment::Key(k));
                        }
                        let path = List {
                            start,
                            len: self.u32(keys.len())?,
                        };
                        expr = self.push_expr(Expr::Attr(expr, path))?;
                    }
                    parts.push(expr);
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            let i = self.string(&literal)?;
            parts.push(self.push_expr(Expr::Str(i))?);
        }
        let parts = self.list(&parts)?;
        self.push_expr(Expr::Template(parts))
    }
}

/// Whether `s` holds `{x}` with `x` one or more ASCII letters or `#` (botocore's test).
fn has_placeholder(s: &str) -> bool {
    s.split('{').skip(1).any(|rest| {
        rest.split_once('}').is_some_and(|(inside, _)| {
            !inside.is_empty() && inside.bytes().all(|b| b.is_ascii_alphabetic() || b == b'#')
        })
    })
}

/// The members of `object` in name order.
fn sorted(object: &Map<String, Json>) -> Vec<(&String, &Json)> {
    let mut members: Vec<_> = object.iter().collect();
    members.sort_by(|a, b| a.0.cmp(b.0));
    members
}
