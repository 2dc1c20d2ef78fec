//! Waiters (botocore `waiters-2.json`, Smithy `smithy.waiters#waitable`): both front ends give
//! [`WaiterSpec`]s, and [`attach_waiters`] parses each output path's JMESPath, types it against
//! the operation's output ([`typing`]) and attaches the waiter to its operation. A waiter that
//! uses something outside the supported subset is recorded in
//! [`Operation::left_out_waiters`](super::Operation::left_out_waiters) with the reason, never
//! generated wrong.

pub mod jmespath;
pub mod typing;

use super::Model;
use crate::error::{CodegenError, Location, Problem, Result};
pub use typing::{Expr, ExprKind, Operand, Ty};

/// Smithy's default `minDelay` (seconds).
pub const DEFAULT_MIN_DELAY: u64 = 2;
/// Smithy's default `maxDelay` (seconds); also the maximum delay of botocore waiters, which
/// only state a fixed `delay`.
pub const DEFAULT_MAX_DELAY: u64 = 120;

/// A waiter as a front end reads it, before its paths are checked.
#[derive(Clone, Debug, PartialEq)]
pub struct WaiterSpec {
    /// The waiter's name (`CacheClusterAvailable`).
    pub name: String,
    /// The operation it polls.
    pub operation: String,
    /// Documentation (plain text).
    pub docs: Option<String>,
    /// Least delay between attempts, in seconds.
    pub min_delay: u64,
    /// Greatest delay between attempts, in seconds.
    pub max_delay: u64,
    /// Whether the waiter is deprecated.
    pub deprecated: bool,
    /// Acceptors in the model's order.
    pub acceptors: Vec<AcceptorSpec>,
}

/// One acceptor as read.
#[derive(Clone, Debug, PartialEq)]
pub struct AcceptorSpec {
    /// The state it moves the waiter to.
    pub state: AcceptorState,
    /// What it matches.
    pub matcher: MatcherSpec,
}

/// A matcher as read.
#[derive(Clone, Debug, PartialEq)]
pub enum MatcherSpec {
    /// A JMESPath over the output compared with `expected`.
    Output {
        /// The expression.
        path: String,
        /// How the result is compared.
        comparator: Comparator,
        /// What it is compared with.
        expected: Expected,
    },
    /// An error with this code.
    ErrorCode(String),
    /// `true`: the call succeeded; `false`: it failed with any error.
    Success(bool),
    /// The response has this HTTP status.
    Status(u16),
    /// A matcher the generator does not support, and why.
    Unsupported(String),
}

/// The state an acceptor moves a waiter to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptorState {
    /// The wait is over, successfully.
    Success,
    /// The wait is over: the resource will not reach the state.
    Failure,
    /// Poll again.
    Retry,
}

/// How an output path's result is compared with the expected value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    /// The result equals it (botocore `path`; Smithy `stringEquals`, `booleanEquals`).
    Equals,
    /// The result is a non-empty list whose every element equals it (`pathAll`,
    /// `allStringEquals`).
    All,
    /// The result is a list with an element equal to it (`pathAny`, `anyStringEquals`).
    Any,
}

/// The value an output path is compared with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A string.
    String(String),
    /// A boolean.
    Boolean(bool),
}

/// A waiter ready to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct Waiter {
    /// The waiter's name (`CacheClusterAvailable`).
    pub name: String,
    /// Documentation (plain text).
    pub docs: Option<String>,
    /// Least delay between attempts, in seconds.
    pub min_delay: u64,
    /// Greatest delay between attempts, in seconds.
    pub max_delay: u64,
    /// Whether the waiter is deprecated.
    pub deprecated: bool,
    /// Acceptors in the model's order: the first that matches decides.
    pub acceptors: Vec<Acceptor>,
}

/// A checked acceptor.
#[derive(Clone, Debug, PartialEq)]
pub struct Acceptor {
    /// The state it moves the waiter to.
    pub state: AcceptorState,
    /// What it matches.
    pub matcher: Matcher,
}

/// A checked matcher.
#[derive(Clone, Debug, PartialEq)]
pub enum Matcher {
    /// A typed expression over the output, compared with `expected`.
    Output {
        /// The expression as the model writes it (for docs).
        path: String,
        /// The expression, typed against the output.
        expr: Expr,
        /// How the result is compared.
        comparator: Comparator,
        /// What it is compared with.
        expected: Expected,
    },
    /// An error with this code.
    ErrorCode(String),
    /// `true`: the call succeeded; `false`: it failed with any error.
    Success(bool),
    /// The response has this HTTP status.
    Status(u16),
}

/// A waiter the generator leaves out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOutWaiter {
    /// The waiter's name.
    pub name: String,
    /// Why it is not generated.
    pub reason: String,
}

/// Attaches `specs` to their operations in `model`, checking every path against the
/// operation's output. A waiter of an operation the model does not have is a problem of the
/// model file `file`; a waiter outside the supported subset is left out with the reason.
pub fn attach_waiters(model: &mut Model, file: &str, specs: Vec<WaiterSpec>) -> Result<()> {
    let mut problems = Vec::new();
    for spec in specs {
        let Some(index) = model
            .operations
            .iter()
            .position(|o| o.name == spec.operation)
        else {
            problems.push(Problem::new(
                Location::Operation(spec.operation.clone()),
                format!(
                    "waiter `{}` polls an operation that is not in the model",
                    spec.name
                ),
            ));
            continue;
        };
        let output = model.operations[index].modeled_output().cloned();
        match check(model, output.as_ref(), &spec) {
            Ok(waiter) => model.operations[index].waiters.push(waiter),
            Err(reason) => model.operations[index]
                .left_out_waiters
                .push(LeftOutWaiter {
                    name: spec.name,
                    reason,
                }),
        }
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

/// `spec` checked against the output structure `output`, or why it cannot be generated.
fn check(
    model: &Model,
    output: Option<&super::ShapeId>,
    spec: &WaiterSpec,
) -> std::result::Result<Waiter, String> {
    let mut acceptors = Vec::new();
    for a in &spec.acceptors {
        let matcher = match &a.matcher {
            MatcherSpec::Output {
                path,
                comparator,
                expected,
            } => {
                let output = output.ok_or("an output path on an operation without output")?;
                let ast = jmespath::parse(path).map_err(|e| format!("path `{path}`: {e}"))?;
                let expr = typing::type_expr(model, output, &ast)
                    .map_err(|e| format!("path `{path}`: {e}"))?;
                typing::check_comparison(model, &expr, *comparator, expected)
                    .map_err(|e| format!("path `{path}`: {e}"))?;
                Matcher::Output {
                    path: path.clone(),
                    expr,
                    comparator: *comparator,
                    expected: expected.clone(),
                }
            }
            MatcherSpec::ErrorCode(code) => Matcher::ErrorCode(code.clone()),
            MatcherSpec::Success(s) => Matcher::Success(*s),
            MatcherSpec::Status(s) => Matcher::Status(*s),
            MatcherSpec::Unsupported(why) => return Err(why.clone()),
        };
        acceptors.push(Acceptor {
            state: a.state,
            matcher,
        });
    }
    if spec.min_delay == 0 || spec.min_delay > spec.max_delay {
        return Err(format!(
            "delays must satisfy 0 < minDelay <= maxDelay, found {} and {}",
            spec.min_delay, spec.max_delay
        ));
    }
    Ok(Waiter {
        name: spec.name.clone(),
        docs: spec.docs.clone(),
        min_delay: spec.min_delay,
        max_delay: spec.max_delay,
        deprecated: spec.deprecated,
        acceptors,
    })
}
