//! Endpoint resolution from a service's endpoint rule set (`endpoint-rule-set-1.json`, the
//! Smithy rules language): the compact table the generator lowers a rule set into
//! ([`RuleSet`]), and its evaluator ([`RuleSet::resolve`]) with the standard library
//! ([`library`]) and the partitions ([`partitions`]); the evaluator is `eval.rs`.
//!
//! The table is flat: strings are interned in `strings`, expressions, conditions and rules
//! refer to each other by index, and the children of a tree rule are contiguous in `rules`.
//! Parameters take the first variable slots, in order; each name a condition assigns gets a
//! slot of its own after them. Evaluation follows botocore: rules in order, the first
//! endpoint or error wins, a condition fails on `false` or an unset value, a tree whose rules
//! all fail falls through to the next rule, and what a failed rule assigned is forgotten.

use std::borrow::Cow;
use std::fmt;

pub mod library;
pub mod partitions;

mod eval;

pub use eval::{apply, attr, index, push_template};

use partitions::Partition;

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

pub(super) fn partition_attr(p: &'static Partition, key: &str) -> Option<Value<'static>> {
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
