//! Template structure: text, interpolations and the supported directives as a tree.

use super::expr::{self, Expr};
use super::lexer::{Piece, split};
use super::{MAX_NESTING, SyntaxError};

/// A template node.
#[derive(Debug)]
pub(crate) enum Node {
    Text(String),
    Interp(Expr, usize),
    If(Vec<(Expr, Vec<Node>)>, Vec<Node>, usize),
    List {
        seq: Expr,
        var: String,
        body: Vec<Node>,
        empty: Vec<Node>,
        pos: usize,
    },
    /// `<#sep>`: the rest of a list body, output only between items.
    Sep(Vec<Node>),
    Assign(Vec<(String, Expr)>, usize),
}

/// Parses a template.
pub(crate) fn parse(src: &str) -> Result<Vec<Node>, SyntaxError> {
    let pieces = split(src)?;
    let mut p = TreeParser { pieces, pos: 0 };
    let (nodes, end) = p.block(0)?;
    match end {
        End::Eof => Ok(nodes),
        End::Close(name, at) => Err(SyntaxError::new(at, format!("Unexpected closing tag </#{name}>"))),
        End::Branch(name, _, at) => Err(SyntaxError::new(at, format!("Unexpected <#{name}>"))),
    }
}

/// How a block ended.
enum End<'t> {
    Eof,
    Close(&'t str, usize),
    /// `elseif`, `else` or `sep`, with its args.
    Branch(&'t str, (&'t str, usize), usize),
}

struct TreeParser<'t> {
    pieces: Vec<Piece<'t>>,
    pos: usize,
}

impl<'t> TreeParser<'t> {
    fn block(&mut self, depth: usize) -> Result<(Vec<Node>, End<'t>), SyntaxError> {
        let mut nodes = Vec::new();
        while self.pos < self.pieces.len() {
            let piece = std::mem::replace(&mut self.pieces[self.pos], Piece::Text(""));
            self.pos += 1;
            match piece {
                Piece::Text(t) => nodes.push(Node::Text(t.to_owned())),
                Piece::Interp(src, at) => nodes.push(Node::Interp(expr::parse(src, at)?, at)),
                Piece::Close(name, at) => return Ok((nodes, End::Close(name, at))),
                Piece::Open(name, args, args_at, at) => {
                    if depth >= MAX_NESTING {
                        return Err(SyntaxError::new(at, "Directives nested too deeply"));
                    }
                    match name {
                        "if" => nodes.push(self.if_chain(args, args_at, at, depth)?),
                        "list" => nodes.push(self.list(args, args_at, at, depth)?),
                        "assign" => nodes.push(assign(args, args_at, at)?),
                        "elseif" | "else" | "sep" => {
                            return Ok((nodes, End::Branch(name, (args, args_at), at)));
                        }
                        other => {
                            return Err(SyntaxError::new(at, format!("Unknown directive: #{other}.")));
                        }
                    }
                }
            }
        }
        Ok((nodes, End::Eof))
    }

    fn if_chain(&mut self, args: &str, args_at: usize, at: usize, depth: usize) -> Result<Node, SyntaxError> {
        let mut branches = vec![(expr::parse(args, args_at)?, Vec::new())];
        loop {
            let (body, end) = self.block(depth + 1)?;
            let target = match branches.last_mut() {
                Some(b) => &mut b.1,
                None => return Err(SyntaxError::new(at, "Empty if")),
            };
            *target = body;
            match end {
                End::Branch("elseif", (a, a_at), _) => branches.push((expr::parse(a, a_at)?, Vec::new())),
                End::Branch("else", _, _) => {
                    let (otherwise, end) = self.block(depth + 1)?;
                    expect_close(end, "if", at)?;
                    return Ok(Node::If(branches, otherwise, at));
                }
                end => {
                    expect_close(end, "if", at)?;
                    return Ok(Node::If(branches, Vec::new(), at));
                }
            }
        }
    }

    fn list(&mut self, args: &str, args_at: usize, at: usize, depth: usize) -> Result<Node, SyntaxError> {
        let split =
            args.rfind(" as ").ok_or_else(|| SyntaxError::new(args_at, "Expected \"as\" in #list"))?;
        let seq = expr::parse(&args[..split], args_at)?;
        let var = args[split + 4..].trim();
        if var.is_empty() || !var.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(SyntaxError::new(args_at + split + 4, "Expected a loop variable name"));
        }
        let (mut body, mut end) = self.block(depth + 1)?;
        if let End::Branch("sep", _, _) = end {
            let (sep, next) = self.block(depth + 1)?;
            body.push(Node::Sep(sep));
            end = match next {
                End::Close("sep", _) => {
                    let (rest, next) = self.block(depth + 1)?;
                    body.extend(rest);
                    next
                }
                other => other,
            };
        }
        let mut empty = Vec::new();
        if let End::Branch("else", _, _) = end {
            let (e, next) = self.block(depth + 1)?;
            empty = e;
            end = next;
        }
        expect_close(end, "list", at)?;
        Ok(Node::List { seq, var: var.to_owned(), body, empty, pos: at })
    }
}

fn expect_close(end: End<'_>, name: &str, at: usize) -> Result<(), SyntaxError> {
    match end {
        End::Close(n, _) if n == name => Ok(()),
        End::Close(n, a) => Err(SyntaxError::new(a, format!("Expected </#{name}>, found </#{n}>"))),
        End::Branch(n, _, a) => Err(SyntaxError::new(a, format!("Unexpected <#{n}> in #{name}"))),
        End::Eof => Err(SyntaxError::new(at, format!("Unclosed #{name}: expected </#{name}>"))),
    }
}

/// `<#assign a = 1 b = "x">`.
fn assign(args: &str, args_at: usize, at: usize) -> Result<Node, SyntaxError> {
    let mut pairs = Vec::new();
    let mut rest = args;
    let mut offset = args_at;
    while !rest.trim_start().is_empty() {
        let eq = rest.find('=').ok_or_else(|| SyntaxError::new(offset, "Expected \"=\" in #assign"))?;
        let name = rest[..eq].trim();
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(SyntaxError::new(offset, "Expected a variable name in #assign"));
        }
        let value_src = &rest[eq + 1..];
        let value_at = offset + eq + 1;
        let end = next_assignment(value_src).unwrap_or(value_src.len());
        pairs.push((name.to_owned(), expr::parse(&value_src[..end], value_at)?));
        rest = &value_src[end..];
        offset = value_at + end;
    }
    if pairs.is_empty() {
        return Err(SyntaxError::new(at, "Empty #assign"));
    }
    Ok(Node::Assign(pairs, at))
}

/// Where a second `name =` starts in `src` (outside strings), if any. Only the first byte of
/// a whitespace run is tried: trying every byte rescans the run each time, which is
/// quadratic in its length.
fn next_assignment(src: &str) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut quote = None;
    for i in 0..bytes.len() {
        match (quote, bytes[i]) {
            (Some(q), b) if b == q => quote = None,
            (None, b'"' | b'\'') => quote = Some(bytes[i]),
            (None, b) if b.is_ascii_whitespace() && (i == 0 || !bytes[i - 1].is_ascii_whitespace()) => {
                let tail = src[i..].trim_start();
                let name_len = tail.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(tail.len());
                if name_len > 0
                    && tail[name_len..].trim_start().starts_with('=')
                    && !tail[name_len..].trim_start().starts_with("==")
                {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}
