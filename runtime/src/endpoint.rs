//! Endpoint resolution from a service's endpoint rule set (`endpoint-rule-set-1.json`, the
//! Smithy rules language): the compact table the generator lowers a rule set into
//! ([`RuleSet`]), and its evaluator ([`RuleSet::resolve`]) with the standard library
//! (`endpoint_lib`) and the partitions (`partitions`).
//!
//! The table is flat: strings are interned in `strings`, expressions, conditions and rules
//! refer to each other by index, and the children of a tree rule are contiguous in `rules`.
//! Parameters take the first variable slots, in order; each name a condition assigns gets a
//! slot of its own after them. Evaluation follows botocore: rules in order, the first
//! endpoint or error wins, a condition fails on `false` or an unset value, a tree whose rules
//! all fail falls through to the next rule, and what a failed rule assigned is forgotten.

use std::borrow::Cow;
use std::fmt;

use super::endpoint_lib as lib;
use super::partitions::{self, Partition};

/// A range of one of a [`RuleSet`]'s slices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct List {
    /// The first index.
    pub start: u32,
    /// How many.
    pub len: u32,
}

/// The type of a rule-set parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamType {
    /// A string.
    String,
    /// A boolean.
    Boolean,
    /// A list of strings.
    StringArray,
}

/// A rule-set parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// Its name (index into `strings`).
    pub name: u32,
    /// Its type.
    pub kind: ParamType,
    /// Whether resolution fails without a value.
    pub required: bool,
    /// The default value (index into `exprs`).
    pub default: Option<u32>,
    /// The SDK setting it is bound to (`AWS::Region`; index into `strings`).
    pub built_in: Option<u32>,
}

/// A function of the rules language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    /// `isSet(value)`.
    IsSet,
    /// `not(bool)`.
    Not,
    /// `stringEquals(a, b)`.
    StringEquals,
    /// `booleanEquals(a, b)`.
    BooleanEquals,
    /// `substring(s, start, stop, reverse)`.
    Substring,
    /// `uriEncode(s)`.
    UriEncode,
    /// `parseURL(s)`.
    ParseUrl,
    /// `isValidHostLabel(s, allowSubDomains)`.
    IsValidHostLabel,
    /// `aws.partition(region)`.
    Partition,
    /// `aws.parseArn(s)`.
    ParseArn,
    /// `aws.isVirtualHostableS3Bucket(s, allowSubDomains)`.
    IsVirtualHostableS3Bucket,
}

/// One step of a `getAttr` path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    /// An attribute (index into `strings`).
    Key(u32),
    /// An element of a list.
    Index(u32),
}

/// An expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expr {
    /// A boolean literal.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// A string literal (index into `strings`).
    Str(u32),
    /// A template string: the expressions of `lists`, concatenated.
    Template(List),
    /// A parameter or an assigned variable (its slot).
    Var(u32),
    /// A function call with the expressions of `lists` as arguments.
    Call(Function, List),
    /// `getAttr(expr, path)`: the expression, and the path in `paths`.
    Attr(u32, List),
    /// A list of the expressions of `lists`.
    Array(List),
    /// An object: pairs of (key in `strings`, expression) in `lists`.
    Object(List),
}

/// A condition of a rule: an expression, and the slot its value is assigned to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Condition {
    /// The expression (index into `exprs`).
    pub expr: u32,
    /// The variable slot it is assigned to, if any.
    pub assign: Option<u32>,
}

/// What a rule gives when its conditions hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An endpoint: URL, properties and headers.
    Endpoint {
        /// The URL (index into `exprs`).
        url: u32,
        /// The properties object (index into `exprs`).
        properties: Option<u32>,
        /// Pairs of (header name in `strings`, array expression) in `lists`.
        headers: List,
    },
    /// An error with this message (index into `exprs`).
    Error(u32),
    /// The rules of this range of `rules`, in order.
    Tree(List),
}

/// A rule: conditions (a range of `conditions`) and an outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Its conditions.
    pub conditions: List,
    /// What it gives.
    pub outcome: Outcome,
}

/// A service's rule set as a table (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleSet<'a> {
    /// The service, for messages.
    pub service: &'a str,
    /// Interned strings.
    pub strings: &'a [&'a str],
    /// The parameters, in slot order.
    pub params: &'a [Param],
    /// Expressions.
    pub exprs: &'a [Expr],
    /// Lists of indices (arguments, template parts, array items, object and header pairs).
    pub lists: &'a [u32],
    /// `getAttr` paths.
    pub paths: &'a [Segment],
    /// Conditions.
    pub conditions: &'a [Condition],
    /// Rules.
    pub rules: &'a [Rule],
    /// The top-level rules (a range of `rules`).
    pub root: List,
    /// The number of variable slots (parameters first).
    pub slots: u32,
}

/// A value during evaluation, and a parameter's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// Not set.
    None,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A string.
    Str(Cow<'a, str>),
    /// A list.
    Array(Vec<Value<'a>>),
    /// An object, its members in order.
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
    /// What `aws.partition` gives.
    Partition(&'static Partition),
}

impl Value<'_> {
    /// The same value owning its strings.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::None => Value::None,
            Value::Bool(b) => Value::Bool(b),
            Value::Int(i) => Value::Int(i),
            Value::Str(s) => Value::Str(Cow::Owned(s.into_owned())),
            Value::Array(items) => Value::Array(items.into_iter().map(Value::into_owned).collect()),
            Value::Object(members) => Value::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                    .collect(),
            ),
            Value::Partition(p) => Value::Partition(p),
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The member `key` of an object (or a partition's attribute).
    pub fn get(&self, key: &str) -> Option<Value<'_>> {
        match self {
            Value::Object(members) => members
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone()),
            Value::Partition(p) => partition_attr(p, key),
            _ => None,
        }
    }
}

fn partition_attr(p: &'static Partition, key: &str) -> Option<Value<'static>> {
    Some(match key {
        "name" => Value::Str(Cow::Borrowed(p.name)),
        "dnsSuffix" => Value::Str(Cow::Borrowed(p.dns_suffix)),
        "dualStackDnsSuffix" => Value::Str(Cow::Borrowed(p.dual_stack_dns_suffix)),
        "implicitGlobalRegion" => Value::Str(Cow::Borrowed(p.implicit_global_region)),
        "supportsFIPS" => Value::Bool(p.supports_fips),
        "supportsDualStack" => Value::Bool(p.supports_dual_stack),
        _ => return None,
    })
}

/// A resolved endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    /// The URL.
    pub url: String,
    /// Headers to add to the request, each with its values.
    pub headers: Vec<(String, Vec<String>)>,
    /// The endpoint's properties (`authSchemes`, …): an object, empty when the rule has none.
    pub properties: Value<'static>,
}

/// Why no endpoint was resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndpointError {
    /// An error rule of the rule set matched: its message.
    Rule(String),
    /// No rule matched.
    NoMatch(String),
    /// A parameter is missing or has the wrong type.
    Param(String),
    /// The rule set is malformed (or a function got arguments of the wrong type).
    Invalid(String),
}

impl EndpointError {
    /// The message (for [`EndpointError::Rule`], the rule set's own text).
    pub fn message(&self) -> &str {
        match self {
            Self::Rule(m) | Self::NoMatch(m) | Self::Param(m) | Self::Invalid(m) => m,
        }
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot resolve the endpoint: {}", self.message())
    }
}

impl std::error::Error for EndpointError {}

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
