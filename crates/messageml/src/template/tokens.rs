//! The tokenizer of FreeMarker expressions (the parser is `expr.rs`).

use super::SyntaxError;

/// An expression token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Str(String),
    Num(f64),
    Ident(String),
    Sym(&'static str),
}

const SYMBOLS: &[&str] = &[
    "??", "..<", "..", "==", "!=", "<=", ">=", "&&", "||", "(", ")", "[", "]", ",", ".", "?", "!", "=", "<",
    ">", "+", "-", "*", "/", "%", ":",
];

pub(crate) fn tokenize(src: &str, base: usize) -> Result<Vec<(Tok, usize)>, SyntaxError> {
    let mut toks = Vec::new();
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let at = base + i;
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'"' || c == b'\'' || (c == b'r' && matches!(bytes.get(i + 1), Some(b'"' | b'\''))) {
            let raw = c == b'r';
            let (s, next) =
                string_literal(src, if raw { i + 1 } else { i }, raw).map_err(|m| SyntaxError::new(at, m))?;
            toks.push((Tok::Str(s), at));
            i = next;
        } else if c.is_ascii_digit() {
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            if bytes.get(j) == Some(&b'.') && bytes.get(j + 1).is_some_and(u8::is_ascii_digit) {
                j += 1;
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    j += 1;
                }
            }
            let n = src[i..j].parse::<f64>().map_err(|_| SyntaxError::new(at, "Bad number"))?;
            toks.push((Tok::Num(n), at));
            i = j;
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' || c == b'@' {
            let mut j = i + 1;
            while j < bytes.len()
                && (bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'_' | b'$' | b'@'))
            {
                j += 1;
            }
            toks.push((Tok::Ident(src[i..j].to_owned()), at));
            i = j;
        } else if let Some(sym) = SYMBOLS.iter().find(|s| src[i..].starts_with(**s)) {
            toks.push((Tok::Sym(sym), at));
            i += sym.len();
        } else {
            let ch = src[i..].chars().next().unwrap_or('?');
            return Err(SyntaxError::new(at, format!("Unexpected character \"{ch}\"")));
        }
    }
    Ok(toks)
}

fn string_literal(src: &str, start: usize, raw: bool) -> Result<(String, usize), String> {
    let quote = src.as_bytes()[start] as char;
    let mut out = String::new();
    let mut chars = src[start + 1..].char_indices();
    while let Some((k, c)) = chars.next() {
        if c == quote {
            return Ok((out, start + 1 + k + 1));
        }
        if c == '\\' && !raw {
            let (_, e) = chars.next().ok_or("Unclosed string literal")?;
            out.push(match e {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                other => other,
            });
        } else {
            out.push(c);
        }
    }
    Err("Unclosed string literal".to_owned())
}
