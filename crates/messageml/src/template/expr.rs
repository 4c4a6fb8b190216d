//! FreeMarker expressions: a precedence-climbing parser over the tokens of `tokens.rs`.
//!
//! Precedence, loosest first: `||`, `&&`, comparison (`== != = < > <= >=` and `lt gt lte
//! gte`), `..` ranges, `+ -`, `* / %`, unary `! -`, then postfix (`.name`, `[i]`,
//! `?builtin(args)`, `!default`, `??`).

use super::tokens::{Tok, tokenize};
use super::{MAX_NESTING, SyntaxError};

/// Deepest expression tree accepted. Evaluation and drop recurse once per level; 256 levels
/// fit easily in a 2 MiB stack, and real templates stay far below.
pub(crate) const MAX_EXPR_DEPTH: usize = 256;

/// An expression and the depth of its tree.
type Parsed = (Expr, usize);

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Op {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    Str(String),
    Num(f64),
    Bool(bool),
    Var(String),
    Dot(Box<Expr>, String),
    Index(Box<Expr>, Box<Expr>),
    Builtin(Box<Expr>, String, Vec<Expr>),
    Default(Box<Expr>, Option<Box<Expr>>),
    Exists(Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
    List(Vec<Expr>),
    Range(Box<Expr>, Box<Expr>, bool),
}

/// Parses a whole expression from `src` (which starts at byte `base` of the template).
pub(crate) fn parse(src: &str, base: usize) -> Result<Expr, SyntaxError> {
    let toks = tokenize(src, base)?;
    let mut p = Parser { toks, pos: 0, end: base + src.len(), depth: 0 };
    let e = p.expr()?;
    if let Some((t, at)) = p.toks.get(p.pos) {
        return Err(SyntaxError::new(*at, format!("Unexpected {t:?}")));
    }
    Ok(e)
}

/// Parses `name = expr` pairs or `x as y` fragments: exposes the token-level parser.
pub(crate) struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    end: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end, |(_, a)| *a)
    }

    fn eat(&mut self, sym: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Sym(s)) if *s == sym) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_word(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Ident(s)) if s == word) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, sym: &str) -> Result<(), SyntaxError> {
        if self.eat(sym) { Ok(()) } else { Err(SyntaxError::new(self.at(), format!("Expected \"{sym}\""))) }
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(SyntaxError::new(self.at(), "Expression nested too deeply"));
        }
        Ok(())
    }

    /// Checks that a node over children of depth `below` stays within [`MAX_EXPR_DEPTH`]:
    /// evaluating and dropping an expression recurse once per level, so a chain such as
    /// `a.b.c…` or `1+1+…` must not grow the tree without bound.
    fn level(&self, below: usize) -> Result<usize, SyntaxError> {
        if below >= MAX_EXPR_DEPTH {
            return Err(SyntaxError::new(self.at(), "Expression nested too deeply"));
        }
        Ok(below + 1)
    }

    fn expr(&mut self) -> Result<Expr, SyntaxError> {
        self.sized_expr().map(|(e, _)| e)
    }

    fn sized_expr(&mut self) -> Result<Parsed, SyntaxError> {
        self.enter()?;
        let e = self.binary(0);
        self.depth -= 1;
        e
    }

    fn binary_op(&mut self, level: u8) -> Option<Op> {
        let ops: &[(&str, Op)] = match level {
            0 => &[("||", Op::Or)],
            1 => &[("&&", Op::And)],
            2 => &[
                ("==", Op::Eq),
                ("!=", Op::Ne),
                ("=", Op::Eq),
                ("<=", Op::Le),
                (">=", Op::Ge),
                ("<", Op::Lt),
                (">", Op::Gt),
            ],
            4 => &[("+", Op::Add), ("-", Op::Sub)],
            5 => &[("*", Op::Mul), ("/", Op::Div), ("%", Op::Rem)],
            _ => &[],
        };
        for (sym, op) in ops {
            if self.eat(sym) {
                return Some(*op);
            }
        }
        if level == 2 {
            for (word, op) in [("lt", Op::Lt), ("gt", Op::Gt), ("lte", Op::Le), ("gte", Op::Ge)] {
                if self.eat_word(word) {
                    return Some(op);
                }
            }
        }
        None
    }

    fn binary(&mut self, level: u8) -> Result<Parsed, SyntaxError> {
        if level == 6 {
            return self.unary();
        }
        if level == 3 {
            let (lhs, ld) = self.binary(4)?;
            let exclusive = if self.eat("..<") {
                true
            } else if self.eat("..") {
                false
            } else {
                return Ok((lhs, ld));
            };
            let (rhs, rd) = self.binary(4)?;
            let d = self.level(ld.max(rd))?;
            return Ok((Expr::Range(Box::new(lhs), Box::new(rhs), exclusive), d));
        }
        let (mut lhs, mut d) = self.binary(level + 1)?;
        while let Some(op) = self.binary_op(level) {
            let (rhs, rd) = self.binary(level + 1)?;
            d = self.level(d.max(rd))?;
            lhs = Expr::Bin(op, Box::new(lhs), Box::new(rhs));
        }
        Ok((lhs, d))
    }

    fn unary(&mut self) -> Result<Parsed, SyntaxError> {
        if self.eat("!") {
            self.enter()?;
            let (e, d) = self.unary()?;
            self.depth -= 1;
            return Ok((Expr::Not(Box::new(e)), self.level(d)?));
        }
        if self.eat("-") {
            self.enter()?;
            let (e, d) = self.unary()?;
            self.depth -= 1;
            return Ok((Expr::Neg(Box::new(e)), self.level(d)?));
        }
        let primary = self.primary()?;
        self.postfix(primary)
    }

    fn postfix(&mut self, (mut e, mut d): Parsed) -> Result<Parsed, SyntaxError> {
        loop {
            if self.eat(".") {
                match self.toks.get(self.pos) {
                    Some((Tok::Ident(name), _)) => {
                        d = self.level(d)?;
                        e = Expr::Dot(Box::new(e), name.clone());
                        self.pos += 1;
                    }
                    _ => return Err(SyntaxError::new(self.at(), "Expected a name after \".\"")),
                }
            } else if self.eat("[") {
                let (index, id) = self.sized_expr()?;
                self.expect("]")?;
                d = self.level(d.max(id))?;
                e = Expr::Index(Box::new(e), Box::new(index));
            } else if self.eat("??") {
                d = self.level(d)?;
                e = Expr::Exists(Box::new(e));
            } else if self.eat("?") {
                let name = match self.toks.get(self.pos) {
                    Some((Tok::Ident(name), _)) => name.clone(),
                    _ => {
                        return Err(SyntaxError::new(self.at(), "Expected a built-in name after \"?\""));
                    }
                };
                let at = self.at();
                self.pos += 1;
                super::builtins::check_name(&name).map_err(|m| SyntaxError::new(at, m))?;
                let (args, ad) = if self.eat("(") { self.args(")")? } else { (Vec::new(), 0) };
                d = self.level(d.max(ad))?;
                e = Expr::Builtin(Box::new(e), name, args);
            } else if matches!(self.peek(), Some(Tok::Sym("!"))) {
                self.pos += 1;
                let has_default = matches!(
                    self.peek(),
                    Some(Tok::Str(_) | Tok::Num(_) | Tok::Ident(_) | Tok::Sym("(" | "[" | "-"))
                );
                // The default operand recurses through `unary`, so `a!b!c…` is nesting too.
                let default = if has_default {
                    self.enter()?;
                    let (v, vd) = self.unary()?;
                    self.depth -= 1;
                    d = d.max(vd);
                    Some(Box::new(v))
                } else {
                    None
                };
                return Ok((Expr::Default(Box::new(e), default), self.level(d)?));
            } else {
                return Ok((e, d));
            }
        }
    }

    /// Comma-separated expressions up to `close`, with the deepest one's depth.
    fn args(&mut self, close: &str) -> Result<(Vec<Expr>, usize), SyntaxError> {
        let mut args = Vec::new();
        let mut deepest = 0;
        if self.eat(close) {
            return Ok((args, deepest));
        }
        loop {
            let (a, d) = self.sized_expr()?;
            deepest = deepest.max(d);
            args.push(a);
            if self.eat(close) {
                return Ok((args, deepest));
            }
            self.expect(",")?;
        }
    }

    fn primary(&mut self) -> Result<Parsed, SyntaxError> {
        let at = self.at();
        let Some((tok, _)) = self.toks.get(self.pos).cloned() else {
            return Err(SyntaxError::new(at, "Expected an expression"));
        };
        self.pos += 1;
        match tok {
            Tok::Str(s) => Ok((Expr::Str(s), 1)),
            Tok::Num(n) => Ok((Expr::Num(n), 1)),
            Tok::Ident(w) if w == "true" => Ok((Expr::Bool(true), 1)),
            Tok::Ident(w) if w == "false" => Ok((Expr::Bool(false), 1)),
            Tok::Ident(w) => Ok((Expr::Var(w), 1)),
            Tok::Sym("(") => {
                let e = self.sized_expr()?;
                self.expect(")")?;
                Ok(e)
            }
            Tok::Sym("[") => {
                self.enter()?;
                let (items, d) = self.args("]")?;
                self.depth -= 1;
                Ok((Expr::List(items), self.level(d)?))
            }
            other => Err(SyntaxError::new(at, format!("Unexpected {other:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_defaults_and_builtins_parse() {
        let e = parse("data['a'].b!'x'", 0).unwrap();
        assert!(matches!(e, Expr::Default(_, Some(_))));
        let e = parse("x?upper_case", 0).unwrap();
        assert!(matches!(e, Expr::Builtin(_, ref n, _) if n == "upper_case"));
        assert!(matches!(parse("a.b??", 0).unwrap(), Expr::Exists(_)));
    }

    #[test]
    fn comparison_binds_looser_than_arithmetic() {
        let e = parse("1 + 2 == 3 && !false", 0).unwrap();
        assert!(matches!(e, Expr::Bin(Op::And, _, _)));
    }

    #[test]
    fn runaway_nesting_is_a_syntax_error() {
        let src = "(".repeat(500) + "1" + &")".repeat(500);
        assert!(parse(&src, 0).is_err());
    }
}
