//! Types a parsed waiter path against the operation's output structure, so that the emitter can
//! compile it into Rust over the typed output (no JMESPath at run time). Each expression gets a
//! [`Ty`]: a value reached by a path (`Option<&T>`), a projection (`Option<Vec<&T>>`, `None`
//! where JMESPath gives null), a boolean, a string, or a number. Absent values follow JMESPath:
//! they compare equal only to absent values, and `length` of an absent value (an error in
//! JMESPath) compares as absent, so the acceptor does not match.

use super::jmespath::{Ast, CompareOp};
use super::{Comparator, Expected};
use crate::ir::{Model, Scalar, ShapeId, ShapeKind};

/// The type of an expression's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// A value of this shape reached by a path: `Option<&T>`.
    Node(ShapeId),
    /// A projection of values of this shape: `Option<Vec<&T>>`.
    List(ShapeId),
    /// `bool` (comparisons, `&&`, `||`, `!` of booleans).
    Bool,
    /// `Option<&str>` (string literals, `a || 'b'`).
    Str,
    /// `Option<f64>` (number literals, `length`).
    Num,
}

/// What a comparison compares, both sides converted to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    /// `Option<&str>` (strings and enums).
    Str,
    /// `Option<f64>` (numbers).
    Num,
    /// `Option<bool>`.
    Bool,
}

/// A typed expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// Its type.
    pub ty: Ty,
    /// What it computes.
    pub kind: ExprKind,
}

/// The typed expression forms.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// The output, or the element a filter is looking at.
    Current,
    /// Member `member` of the structure `structure`, on each value of `base` (a value or a
    /// projection; a projection drops absent members).
    Field {
        /// The value(s) of the structure.
        base: Box<Expr>,
        /// The structure's shape.
        structure: ShapeId,
        /// The member's model name.
        member: String,
    },
    /// `base[]`: a list's items, or a projection of lists flattened one level.
    Flatten(Box<Expr>),
    /// `base.*` on a map: its values.
    Values(Box<Expr>),
    /// `base[?predicate]`: the items of a list for which `predicate` (typed on the item) holds.
    Filter {
        /// The list or projection.
        base: Box<Expr>,
        /// A [`Ty::Bool`] expression whose current node is the item.
        predicate: Box<Expr>,
    },
    /// `length(arg)`: characters of a string, items of a list, projection or map.
    Length(Box<Expr>),
    /// A comparison.
    Compare(CompareOp, Operand, Box<Expr>, Box<Expr>),
    /// `&&` of booleans.
    And(Box<Expr>, Box<Expr>),
    /// `||` of booleans.
    Or(Box<Expr>, Box<Expr>),
    /// `!` of a boolean.
    Not(Box<Expr>),
    /// `a || b` of strings: `a` unless it is absent or empty.
    StrOr(Box<Expr>, Box<Expr>),
    /// A string literal.
    Str(String),
    /// A number literal.
    Num(f64),
    /// A boolean literal.
    Bool(bool),
}

/// Types `ast` with the structure `root` as the current node.
pub fn type_expr(model: &Model, root: &ShapeId, ast: &Ast) -> Result<Expr, String> {
    Typer { model }.expr(root, ast)
}

/// Checks that `expr` can be compared with `expected` by `comparator`.
pub fn check_comparison(
    model: &Model,
    expr: &Expr,
    comparator: Comparator,
    expected: &Expected,
) -> Result<(), String> {
    let want = match expected {
        Expected::String(_) => Operand::Str,
        Expected::Boolean(_) => Operand::Bool,
    };
    let typer = Typer { model };
    let got = match comparator {
        Comparator::Equals => typer.operand(&expr.ty),
        Comparator::All | Comparator::Any => match typer.items(&expr.ty) {
            Some(item) => typer.operand(&Ty::Node(item)),
            None => {
                return Err(format!(
                    "all/any comparison of {}, which is not a list",
                    typer.describe(&expr.ty)
                ));
            }
        },
    };
    if got == Some(want) {
        Ok(())
    } else {
        Err(format!(
            "compares {} with {}",
            match comparator {
                Comparator::Equals => typer.describe(&expr.ty),
                _ => format!("the items of {}", typer.describe(&expr.ty)),
            },
            match expected {
                Expected::String(s) => format!("the string `{s}`"),
                Expected::Boolean(b) => format!("the boolean `{b}`"),
            }
        ))
    }
}

struct Typer<'a> {
    model: &'a Model,
}

fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

impl Typer<'_> {
    fn expr(&self, current: &ShapeId, ast: &Ast) -> Result<Expr, String> {
        Ok(match ast {
            Ast::Current => Expr {
                ty: Ty::Node(current.clone()),
                kind: ExprKind::Current,
            },
            Ast::Field(base, name) => {
                let base = self.expr(current, base)?;
                let (structure, projected) = match &base.ty {
                    Ty::Node(id) => (id.clone(), false),
                    Ty::List(id) => (id.clone(), true),
                    other => return Err(format!("`.{name}` on {}", self.describe(other))),
                };
                let ShapeKind::Structure(s) = &self.model.shape(&structure).kind else {
                    return Err(format!(
                        "`.{name}` on `{structure}`, which is not a structure"
                    ));
                };
                let member = s
                    .members
                    .iter()
                    .find(|m| m.name == *name)
                    .ok_or_else(|| format!("`{structure}` has no member `{name}`"))?;
                let target = member.target.clone();
                Expr {
                    ty: if projected {
                        Ty::List(target)
                    } else {
                        Ty::Node(target)
                    },
                    kind: ExprKind::Field {
                        base: boxed(base),
                        structure,
                        member: name.clone(),
                    },
                }
            }
            Ast::Flatten(base) => {
                let base = self.expr(current, base)?;
                let item = match &base.ty {
                    Ty::Node(id) | Ty::List(id) => match &self.model.shape(id).kind {
                        ShapeKind::List(l) => l.member.target.clone(),
                        _ => {
                            return Err(format!(
                                "`[]` on `{id}`, which is not a list (JMESPath gives null or \
                                 keeps the value)"
                            ));
                        }
                    },
                    other => return Err(format!("`[]` on {}", self.describe(other))),
                };
                Expr {
                    ty: Ty::List(item),
                    kind: ExprKind::Flatten(boxed(base)),
                }
            }
            Ast::Values(base) => {
                let base = self.expr(current, base)?;
                let value = match &base.ty {
                    Ty::Node(id) => match &self.model.shape(id).kind {
                        ShapeKind::Map(m) => m.value.target.clone(),
                        _ => return Err(format!("`.*` on `{id}`, which is not a map")),
                    },
                    other => return Err(format!("`.*` on {}", self.describe(other))),
                };
                Expr {
                    ty: Ty::List(value),
                    kind: ExprKind::Values(boxed(base)),
                }
            }
            Ast::Filter(base, predicate) => {
                let base = self.expr(current, base)?;
                let item = self
                    .items(&base.ty)
                    .ok_or_else(|| format!("`[?…]` on {}", self.describe(&base.ty)))?;
                let predicate = self.expr(&item, predicate)?;
                if predicate.ty != Ty::Bool {
                    return Err(format!(
                        "a filter on {}, which is not a comparison",
                        self.describe(&predicate.ty)
                    ));
                }
                Expr {
                    ty: Ty::List(item),
                    kind: ExprKind::Filter {
                        base: boxed(base),
                        predicate: boxed(predicate),
                    },
                }
            }
            Ast::Call(name, args) => {
                if name != "length" || args.len() != 1 {
                    return Err(format!(
                        "function `{name}` with {} argument(s) is not supported",
                        args.len()
                    ));
                }
                let arg = self.expr(current, &args[0])?;
                let ok = match &arg.ty {
                    Ty::List(_) | Ty::Str => true,
                    Ty::Node(id) => matches!(
                        &self.model.shape(id).kind,
                        ShapeKind::List(_)
                            | ShapeKind::Map(_)
                            | ShapeKind::Scalar(Scalar::String)
                            | ShapeKind::Enum(_)
                    ),
                    Ty::Bool | Ty::Num => false,
                };
                if !ok {
                    return Err(format!("`length` of {}", self.describe(&arg.ty)));
                }
                Expr {
                    ty: Ty::Num,
                    kind: ExprKind::Length(boxed(arg)),
                }
            }
            Ast::Compare(op, left, right) => {
                let left = self.expr(current, left)?;
                let right = self.expr(current, right)?;
                let (l, r) = (self.operand(&left.ty), self.operand(&right.ty));
                let operand = match (l, r) {
                    (Some(l), Some(r)) if l == r => l,
                    _ => {
                        return Err(format!(
                            "`{op}` of {} and {}",
                            self.describe(&left.ty),
                            self.describe(&right.ty)
                        ));
                    }
                };
                if !matches!(op, CompareOp::Eq | CompareOp::Ne) && operand != Operand::Num {
                    return Err(format!("`{op}` of values that are not numbers"));
                }
                Expr {
                    ty: Ty::Bool,
                    kind: ExprKind::Compare(*op, operand, boxed(left), boxed(right)),
                }
            }
            Ast::And(left, right) | Ast::Or(left, right) => {
                let is_and = matches!(ast, Ast::And(..));
                let left = self.expr(current, left)?;
                let right = self.expr(current, right)?;
                if left.ty == Ty::Bool && right.ty == Ty::Bool {
                    let (l, r) = (boxed(left), boxed(right));
                    Expr {
                        ty: Ty::Bool,
                        kind: if is_and {
                            ExprKind::And(l, r)
                        } else {
                            ExprKind::Or(l, r)
                        },
                    }
                } else if !is_and
                    && self.operand(&left.ty) == Some(Operand::Str)
                    && self.operand(&right.ty) == Some(Operand::Str)
                {
                    Expr {
                        ty: Ty::Str,
                        kind: ExprKind::StrOr(boxed(left), boxed(right)),
                    }
                } else {
                    return Err(format!(
                        "`{}` of {} and {} (only booleans, or strings with `||`)",
                        if is_and { "&&" } else { "||" },
                        self.describe(&left.ty),
                        self.describe(&right.ty)
                    ));
                }
            }
            Ast::Not(operand) => {
                let operand = self.expr(current, operand)?;
                if operand.ty != Ty::Bool {
                    return Err(format!("`!` of {}", self.describe(&operand.ty)));
                }
                Expr {
                    ty: Ty::Bool,
                    kind: ExprKind::Not(boxed(operand)),
                }
            }
            Ast::Literal(value) => match value {
                serde_json::Value::String(s) => Expr {
                    ty: Ty::Str,
                    kind: ExprKind::Str(s.clone()),
                },
                serde_json::Value::Bool(b) => Expr {
                    ty: Ty::Bool,
                    kind: ExprKind::Bool(*b),
                },
                serde_json::Value::Number(n) => Expr {
                    ty: Ty::Num,
                    kind: ExprKind::Num(n.as_f64().ok_or("a number literal out of range")?),
                },
                other => return Err(format!("literal `{other}` is not supported")),
            },
        })
    }

    /// What a comparison may convert a value of `ty` to.
    fn operand(&self, ty: &Ty) -> Option<Operand> {
        match ty {
            Ty::Str => Some(Operand::Str),
            Ty::Num => Some(Operand::Num),
            Ty::Bool => Some(Operand::Bool),
            Ty::List(_) => None,
            Ty::Node(id) => match &self.model.shape(id).kind {
                ShapeKind::Enum(_) | ShapeKind::Scalar(Scalar::String) => Some(Operand::Str),
                ShapeKind::Scalar(Scalar::Boolean) => Some(Operand::Bool),
                ShapeKind::Scalar(
                    Scalar::Byte
                    | Scalar::Short
                    | Scalar::Integer
                    | Scalar::Long
                    | Scalar::Float
                    | Scalar::Double,
                ) => Some(Operand::Num),
                _ => None,
            },
        }
    }

    /// The item shape of a list value or projection.
    fn items(&self, ty: &Ty) -> Option<ShapeId> {
        match ty {
            Ty::List(id) => Some(id.clone()),
            Ty::Node(id) => match &self.model.shape(id).kind {
                ShapeKind::List(l) => Some(l.member.target.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    fn describe(&self, ty: &Ty) -> String {
        match ty {
            Ty::Node(id) => format!("`{id}` (a {})", self.model.shape(id).kind.describe()),
            Ty::List(id) => format!("a projection of `{id}`"),
            Ty::Bool => "a boolean expression".into(),
            Ty::Str => "a string".into(),
            Ty::Num => "a number".into(),
        }
    }
}
