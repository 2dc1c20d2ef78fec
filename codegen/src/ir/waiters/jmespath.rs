//! A parser for the JMESPath subset that AWS waiters use (botocore `waiters-2.json` arguments,
//! Smithy `@waitable` paths): member paths, `[]` flattening, `.*` map values, `length(…)`,
//! comparisons, `&&`, `||`, `!`, JSON (`` `0` ``) and raw-string (`'x'`) literals. Anything
//! else is an error that says what, so that a waiter using it is left out, never compiled wrong.

use std::fmt;

/// A parsed expression (untyped).
#[derive(Clone, Debug, PartialEq)]
pub enum Ast {
    /// The current node (`@`, or the start of a path).
    Current,
    /// `base.name` (or a bare `name`, on [`Ast::Current`]).
    Field(Box<Ast>, String),
    /// `base[]`.
    Flatten(Box<Ast>),
    /// `base.*`.
    Values(Box<Ast>),
    /// `base[?predicate]`.
    Filter(Box<Ast>, Box<Ast>),
    /// `name(args…)`.
    Call(String, Vec<Ast>),
    /// `left <op> right`.
    Compare(CompareOp, Box<Ast>, Box<Ast>),
    /// `left && right`.
    And(Box<Ast>, Box<Ast>),
    /// `left || right`.
    Or(Box<Ast>, Box<Ast>),
    /// `!operand`.
    Not(Box<Ast>),
    /// A literal: `` `json` `` or `'raw string'`.
    Literal(serde_json::Value),
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl fmt::Display for CompareOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Eq => "==",
            Self::Ne => "!=",
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Ge => ">=",
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Ident(String),
    Dot,
    Star,
    Flatten,
    FilterOpen,
    Close,
    Open,
    CloseParen,
    Comma,
    At,
    Or,
    And,
    Not,
    Compare(CompareOp),
    Literal(serde_json::Value),
}

/// Parses `text`; an error says what is outside the subset.
pub fn parse(text: &str) -> Result<Ast, String> {
    let tokens = lex(text)?;
    let mut parser = Parser { tokens, at: 0 };
    let ast = parser.expression(0)?;
    match parser.tokens.get(parser.at) {
        None => Ok(ast),
        Some(t) => Err(format!("unexpected {t:?} in `{text}`")),
    }
}

fn lex(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (token, width) = match (c, next) {
            (' ' | '\t' | '\n', _) => {
                i += 1;
                continue;
            }
            ('.', _) => (Token::Dot, 1),
            ('*', _) => (Token::Star, 1),
            ('@', _) => (Token::At, 1),
            ('[', Some(']')) => (Token::Flatten, 2),
            ('[', Some('?')) => (Token::FilterOpen, 2),
            ('[', _) => return Err("index and slice expressions (`[n]`) are not supported".into()),
            (']', _) => (Token::Close, 1),
            ('(', _) => (Token::Open, 1),
            (')', _) => (Token::CloseParen, 1),
            (',', _) => (Token::Comma, 1),
            ('|', Some('|')) => (Token::Or, 2),
            ('|', _) => return Err("pipe expressions (`|`) are not supported".into()),
            ('&', Some('&')) => (Token::And, 2),
            ('!', Some('=')) => (Token::Compare(CompareOp::Ne), 2),
            ('!', _) => (Token::Not, 1),
            ('=', Some('=')) => (Token::Compare(CompareOp::Eq), 2),
            ('<', Some('=')) => (Token::Compare(CompareOp::Le), 2),
            ('<', _) => (Token::Compare(CompareOp::Lt), 1),
            ('>', Some('=')) => (Token::Compare(CompareOp::Ge), 2),
            ('>', _) => (Token::Compare(CompareOp::Gt), 1),
            ('`', _) => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&c| c == '`')
                    .ok_or("unterminated literal")?;
                let body: String = chars[i + 1..i + 1 + end].iter().collect();
                let value = serde_json::from_str(&body)
                    .map_err(|e| format!("literal `{body}` is not JSON: {e}"))?;
                (Token::Literal(value), end + 2)
            }
            ('\'', _) => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&c| c == '\'')
                    .ok_or("unterminated raw string")?;
                let body: String = chars[i + 1..i + 1 + end].iter().collect();
                if body.contains('\\') {
                    return Err("escapes in raw strings are not supported".into());
                }
                (Token::Literal(serde_json::Value::String(body)), end + 2)
            }
            (c, _) if c.is_ascii_alphabetic() || c == '_' => {
                let len = chars[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
                    .count();
                (Token::Ident(chars[i..i + len].iter().collect()), len)
            }
            (c, _) => return Err(format!("`{c}` is not supported")),
        };
        tokens.push(token);
        i += width;
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

/// Binding powers, as JMESPath's grammar orders them.
const OR: u8 = 2;
const AND: u8 = 3;
const COMPARE: u8 = 5;

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn take(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn expect(&mut self, want: &Token) -> Result<(), String> {
        match self.take() {
            Some(t) if &t == want => Ok(()),
            other => Err(format!("expected {want:?}, found {other:?}")),
        }
    }

    fn expression(&mut self, min: u8) -> Result<Ast, String> {
        let mut left = self.prefix()?;
        loop {
            left = match self.peek() {
                Some(Token::Or) if OR > min => {
                    self.at += 1;
                    Ast::Or(Box::new(left), Box::new(self.expression(OR)?))
                }
                Some(Token::And) if AND > min => {
                    self.at += 1;
                    Ast::And(Box::new(left), Box::new(self.expression(AND)?))
                }
                Some(Token::Compare(op)) if COMPARE > min => {
                    let op = *op;
                    self.at += 1;
                    Ast::Compare(op, Box::new(left), Box::new(self.expression(COMPARE)?))
                }
                _ => return Ok(left),
            };
        }
    }

    /// A primary expression followed by its path steps.
    fn prefix(&mut self) -> Result<Ast, String> {
        let base = match self.take() {
            Some(Token::Not) => return Ok(Ast::Not(Box::new(self.prefix()?))),
            Some(Token::Literal(v)) => return Ok(Ast::Literal(v)),
            Some(Token::Open) => {
                let inner = self.expression(0)?;
                self.expect(&Token::CloseParen)?;
                inner
            }
            Some(Token::At) => Ast::Current,
            Some(Token::Ident(name)) if self.peek() == Some(&Token::Open) => {
                self.at += 1;
                let mut args = Vec::new();
                if self.peek() != Some(&Token::CloseParen) {
                    loop {
                        args.push(self.expression(0)?);
                        if self.peek() == Some(&Token::Comma) {
                            self.at += 1;
                        } else {
                            break;
                        }
                    }
                }
                self.expect(&Token::CloseParen)?;
                Ast::Call(name, args)
            }
            Some(Token::Ident(name)) => Ast::Field(Box::new(Ast::Current), name),
            Some(Token::Flatten) => Ast::Flatten(Box::new(Ast::Current)),
            Some(Token::Star) => {
                return Err("wildcard projections (`*`) at the root are not supported".into());
            }
            other => return Err(format!("unexpected {other:?}")),
        };
        self.steps(base)
    }

    fn steps(&mut self, mut base: Ast) -> Result<Ast, String> {
        loop {
            base = match self.peek() {
                Some(Token::Dot) => {
                    self.at += 1;
                    match self.take() {
                        Some(Token::Ident(name)) => Ast::Field(Box::new(base), name),
                        Some(Token::Star) => Ast::Values(Box::new(base)),
                        other => return Err(format!("unexpected {other:?} after `.`")),
                    }
                }
                Some(Token::Flatten) => {
                    self.at += 1;
                    Ast::Flatten(Box::new(base))
                }
                Some(Token::FilterOpen) => {
                    self.at += 1;
                    let predicate = self.expression(0)?;
                    self.expect(&Token::Close)?;
                    Ast::Filter(Box::new(base), Box::new(predicate))
                }
                _ => return Ok(base),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(base: Ast, name: &str) -> Ast {
        Ast::Field(Box::new(base), name.to_owned())
    }

    #[test]
    fn paths_and_projections() {
        let a = field(Ast::Current, "CacheClusters");
        assert_eq!(
            parse("CacheClusters[].CacheClusterStatus").unwrap(),
            field(Ast::Flatten(Box::new(a)), "CacheClusterStatus")
        );
        assert_eq!(
            parse("Table.TableStatus").unwrap(),
            field(field(Ast::Current, "Table"), "TableStatus")
        );
    }

    #[test]
    fn precedence_of_operators() {
        // `||` binds loosest, then `&&`, then comparisons.
        let ast = parse("length(A) > `0` && B != 'x' || C").unwrap();
        let Ast::Or(left, right) = ast else {
            panic!("{ast:?}")
        };
        assert_eq!(*right, field(Ast::Current, "C"));
        let Ast::And(l, r) = *left else { panic!() };
        assert!(matches!(*l, Ast::Compare(CompareOp::Gt, _, _)));
        assert!(matches!(*r, Ast::Compare(CompareOp::Ne, _, _)));
        assert_eq!(
            parse("length(Output || '') > `0`").unwrap(),
            Ast::Compare(
                CompareOp::Gt,
                Box::new(Ast::Call(
                    "length".into(),
                    vec![Ast::Or(
                        Box::new(field(Ast::Current, "Output")),
                        Box::new(Ast::Literal(serde_json::json!("")))
                    )]
                )),
                Box::new(Ast::Literal(serde_json::json!(0)))
            )
        );
    }

    #[test]
    fn outside_the_subset_is_an_error_saying_what() {
        assert!(parse("Items[0].Name").unwrap_err().contains("index"));
        assert!(parse("a | b").unwrap_err().contains("pipe"));
        assert!(parse("a.b)").is_err());
    }
}
