//! The evaluator of a rule set ([`RuleSet::resolve`]) and the rules language's functions.

use std::borrow::Cow;

use super::library as lib;
use super::partitions;
use super::{
    Endpoint, EndpointError, Expr, Function, List, Outcome, ParamType, Rule, RuleSet, Segment,
    Value, partition_attr,
};

/// The element `i` of `slice`.
fn at<T>(slice: &[T], i: u32) -> Option<&T> {
    usize::try_from(i).ok().and_then(|i| slice.get(i))
}

/// The elements `range` of `slice`.
fn span<T>(slice: &[T], range: List) -> Option<&[T]> {
    let start = usize::try_from(range.start).ok()?;
    let end = start.checked_add(usize::try_from(range.len).ok()?)?;
    slice.get(start..end)
}

impl<'a> RuleSet<'a> {
    /// Resolves the endpoint for `params` (by parameter name; unset ones take their default).
    pub fn resolve<'v>(&self, params: &[(&str, Value<'v>)]) -> Result<Endpoint, EndpointError>
    where
        'a: 'v,
    {
        let slots = usize::try_from(self.slots).map_err(|_| self.invalid("too many slots"))?;
        let mut eval = Eval {
            set: self,
            slots: vec![Value::None; slots],
            trail: Vec::new(),
        };
        for (slot, param) in self.params.iter().enumerate() {
            let name = eval.string(param.name)?;
            let given = params
                .iter()
                .find(|(n, v)| *n == name && *v != Value::None)
                .map(|(_, v)| v.clone());
            let value = match (given, param.default) {
                (Some(value), _) => {
                    let ok = matches!(
                        (&value, param.kind),
                        (Value::Str(_), ParamType::String)
                            | (Value::Bool(_), ParamType::Boolean)
                            | (Value::Array(_), ParamType::StringArray)
                    );
                    if !ok {
                        return Err(EndpointError::Param(format!(
                            "parameter {name} should be a {:?}, not {value:?}",
                            param.kind
                        )));
                    }
                    value
                }
                (None, Some(default)) => eval.expr(default)?,
                (None, None) if param.required => {
                    return Err(EndpointError::Param(format!(
                        "Cannot find value for required parameter {name}"
                    )));
                }
                (None, None) => Value::None,
            };
            if let Some(s) = eval.slots.get_mut(slot) {
                *s = value;
            }
        }
        match eval.rules(self.root)? {
            Some(endpoint) => Ok(endpoint),
            None => Err(EndpointError::NoMatch(format!(
                "no rule of the {} rule set matches these parameters",
                self.service
            ))),
        }
    }

    fn invalid(&self, what: &str) -> EndpointError {
        EndpointError::Invalid(format!("malformed rule set of {}: {what}", self.service))
    }
}

/// One evaluation: the variable slots, and which were assigned, in order.
struct Eval<'s, 'a, 'v> {
    set: &'s RuleSet<'a>,
    slots: Vec<Value<'v>>,
    trail: Vec<u32>,
}

impl<'a: 'v, 'v> Eval<'_, 'a, 'v> {
    fn string(&self, i: u32) -> Result<&'a str, EndpointError> {
        at(self.set.strings, i)
            .copied()
            .ok_or_else(|| self.set.invalid("string index out of range"))
    }

    fn list(&self, range: List) -> Result<&'a [u32], EndpointError> {
        span(self.set.lists, range).ok_or_else(|| self.set.invalid("list out of range"))
    }

    fn rules(&mut self, range: List) -> Result<Option<Endpoint>, EndpointError> {
        let rules =
            span(self.set.rules, range).ok_or_else(|| self.set.invalid("rules out of range"))?;
        for rule in rules {
            let mark = self.trail.len();
            let result = self.rule(rule)?;
            // What the rule assigned is out of scope for the next one.
            for slot in self.trail.split_off(mark) {
                if let Some(s) = usize::try_from(slot)
                    .ok()
                    .and_then(|i| self.slots.get_mut(i))
                {
                    *s = Value::None;
                }
            }
            if result.is_some() {
                return Ok(result);
            }
        }
        Ok(None)
    }

    fn rule(&mut self, rule: &Rule) -> Result<Option<Endpoint>, EndpointError> {
        let conditions = span(self.set.conditions, rule.conditions)
            .ok_or_else(|| self.set.invalid("conditions out of range"))?;
        for condition in conditions {
            let value = self.expr(condition.expr)?;
            if matches!(value, Value::None | Value::Bool(false)) {
                return Ok(None);
            }
            if let Some(slot) = condition.assign {
                let s = usize::try_from(slot)
                    .ok()
                    .and_then(|i| self.slots.get_mut(i))
                    .ok_or_else(|| self.set.invalid("slot out of range"))?;
                *s = value;
                self.trail.push(slot);
            }
        }
        match rule.outcome {
            Outcome::Tree(range) => self.rules(range),
            Outcome::Error(message) => match self.expr(message)? {
                Value::Str(s) => Err(EndpointError::Rule(s.into_owned())),
                other => Err(EndpointError::Rule(format!("{other:?}"))),
            },
            Outcome::Endpoint {
                url,
                properties,
                headers,
            } => {
                let url = match self.expr(url)? {
                    Value::Str(s) => s.into_owned(),
                    _ => return Err(self.set.invalid("an endpoint URL is not a string")),
                };
                let properties = match properties {
                    Some(p) => self.expr(p)?.into_owned(),
                    None => Value::Object(Vec::new()),
                };
                let mut resolved = Vec::new();
                for pair in self.list(headers)?.chunks_exact(2) {
                    let (Some(&name), Some(&values)) = (pair.first(), pair.get(1)) else {
                        continue;
                    };
                    let Value::Array(items) = self.expr(values)? else {
                        return Err(self.set.invalid("header values are not a list"));
                    };
                    let mut values = Vec::new();
                    for item in items {
                        match item {
                            Value::Str(s) => values.push(s.into_owned()),
                            _ => return Err(self.set.invalid("a header value is not a string")),
                        }
                    }
                    resolved.push((self.string(name)?.to_owned(), values));
                }
                Ok(Some(Endpoint {
                    url,
                    headers: resolved,
                    properties,
                }))
            }
        }
    }

    fn expr(&self, i: u32) -> Result<Value<'v>, EndpointError> {
        let expr =
            at(self.set.exprs, i).ok_or_else(|| self.set.invalid("expression out of range"))?;
        Ok(match *expr {
            Expr::Bool(b) => Value::Bool(b),
            Expr::Int(n) => Value::Int(n),
            Expr::Str(s) => Value::Str(Cow::Borrowed(self.string(s)?)),
            Expr::Var(slot) => at(&self.slots, slot)
                .cloned()
                .ok_or_else(|| self.set.invalid("slot out of range"))?,
            Expr::Template(parts) => {
                let mut out = String::new();
                for &part in self.list(parts)? {
                    push_template(&mut out, &self.expr(part)?);
                }
                Value::Str(Cow::Owned(out))
            }
            Expr::Array(items) => Value::Array(
                self.list(items)?
                    .iter()
                    .map(|&e| self.expr(e))
                    .collect::<Result<_, _>>()?,
            ),
            Expr::Object(pairs) => {
                let mut members = Vec::new();
                for pair in self.list(pairs)?.chunks_exact(2) {
                    if let (Some(&k), Some(&v)) = (pair.first(), pair.get(1)) {
                        members.push((Cow::Borrowed(self.string(k)?), self.expr(v)?));
                    }
                }
                Value::Object(members)
            }
            Expr::Attr(target, path) => {
                let mut value = self.expr(target)?;
                let path = span(self.set.paths, path)
                    .ok_or_else(|| self.set.invalid("path out of range"))?;
                for segment in path {
                    value = match *segment {
                        Segment::Key(k) => attr(value, self.string(k)?),
                        Segment::Index(n) => index(value, n),
                    };
                }
                value
            }
            Expr::Call(function, args) => {
                let args = self.list(args)?;
                apply(function, |n| match args.get(n) {
                    Some(&e) => self.expr(e),
                    None => Ok(Value::None),
                })?
            }
        })
    }
}

/// Appends a value to a template string (strings as they are, booleans and integers as text,
/// anything else as nothing).
pub fn push_template(out: &mut String, value: &Value<'_>) {
    match value {
        Value::Str(s) => out.push_str(s),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(n) => out.push_str(&n.to_string()),
        _ => {}
    }
}

/// `getAttr` of one key: an object's member or a partition's attribute, else unset.
pub fn attr<'v>(value: Value<'v>, key: &str) -> Value<'v> {
    match value {
        Value::Object(members) => members
            .into_iter()
            .find(|(name, _)| name == key)
            .map_or(Value::None, |(_, v)| v),
        Value::Partition(p) => partition_attr(p, key).unwrap_or(Value::None),
        _ => Value::None,
    }
}

/// `getAttr` of one index: a list's element, else unset.
pub fn index(value: Value<'_>, n: u32) -> Value<'_> {
    match value {
        Value::Array(items) => usize::try_from(n)
            .ok()
            .and_then(|n| items.into_iter().nth(n))
            .unwrap_or(Value::None),
        _ => Value::None,
    }
}

/// Calls `function`, asking `arg` for its arguments in order (argument `n`; unset past the
/// last). Arguments are evaluated when asked for, each once.
pub fn apply<'v>(
    function: Function,
    mut arg: impl FnMut(usize) -> Result<Value<'v>, EndpointError>,
) -> Result<Value<'v>, EndpointError> {
    Ok(match function {
        Function::IsSet => Value::Bool(arg(0)? != Value::None),
        Function::Not => Value::Bool(matches!(arg(0)?, Value::None | Value::Bool(false))),
        Function::StringEquals => match (arg(0)?, arg(1)?) {
            (Value::Str(a), Value::Str(b)) => Value::Bool(a == b),
            (a, b) => {
                return Err(EndpointError::Invalid(format!(
                    "stringEquals needs two strings, not {a:?} and {b:?}"
                )));
            }
        },
        Function::BooleanEquals => match (arg(0)?, arg(1)?) {
            (Value::Bool(a), Value::Bool(b)) => Value::Bool(a == b),
            (a, b) => {
                return Err(EndpointError::Invalid(format!(
                    "booleanEquals needs two booleans, not {a:?} and {b:?}"
                )));
            }
        },
        Function::Substring => match (arg(0)?, arg(1)?, arg(2)?, arg(3)?) {
            (Value::Str(s), Value::Int(start), Value::Int(stop), Value::Bool(reverse)) => {
                lib::substring(&s, start, stop, reverse)
                    .map_or(Value::None, |s| Value::Str(Cow::Owned(s.to_owned())))
            }
            (Value::None, ..) => Value::None,
            _ => {
                return Err(EndpointError::Invalid(
                    "substring: wrong argument types".into(),
                ));
            }
        },
        Function::UriEncode => match arg(0)? {
            Value::Str(s) => Value::Str(Cow::Owned(lib::uri_encode(&s))),
            _ => Value::None,
        },
        Function::ParseUrl => match arg(0)? {
            Value::Str(s) => lib::parse_url(&s).map_or(Value::None, |u| u.into_value()),
            _ => Value::None,
        },
        Function::IsValidHostLabel => match (arg(0)?, arg(1)?) {
            (Value::Str(s), Value::Bool(sub)) => Value::Bool(lib::is_valid_host_label(&s, sub)),
            _ => Value::Bool(false),
        },
        Function::Partition => match arg(0)? {
            Value::Str(s) => Value::Partition(partitions::partition(&s)),
            _ => Value::Partition(partitions::partition("")),
        },
        Function::ParseArn => match arg(0)? {
            Value::Str(s) => lib::parse_arn(&s).map_or(Value::None, |a| a.into_value()),
            _ => Value::None,
        },
        Function::IsVirtualHostableS3Bucket => match (arg(0)?, arg(1)?) {
            (Value::Str(s), Value::Bool(sub)) => {
                Value::Bool(lib::is_virtual_hostable_s3_bucket(&s, sub))
            }
            _ => Value::Bool(false),
        },
    })
}
