//! Splitting template text into literal text, interpolations and directive tags.

use super::SyntaxError;

/// One piece of template source.
#[derive(Debug, PartialEq)]
pub(crate) enum Piece<'t> {
    Text(&'t str),
    /// `${expr}` or `#{expr}`: the expression source and its byte offset.
    Interp(&'t str, usize),
    /// `<#name args>`: name, args source, args offset, tag offset.
    Open(&'t str, &'t str, usize, usize),
    /// `</#name>`.
    Close(&'t str, usize),
}

/// Splits `src` into pieces.
pub(crate) fn split(src: &str) -> Result<Vec<Piece<'_>>, SyntaxError> {
    let mut pieces = Vec::new();
    let mut pos = 0;
    while pos < src.len() {
        let Some(rel) = next_markup(&src[pos..]) else {
            pieces.push(Piece::Text(&src[pos..]));
            break;
        };
        let start = pos + rel;
        if start > pos {
            pieces.push(Piece::Text(&src[pos..start]));
        }
        let rest = &src[start..];
        pos = if rest.starts_with("<#--") {
            let end = rest.find("-->").ok_or_else(|| SyntaxError::new(start, "Unclosed comment"))?;
            start + end + 3
        } else if rest.starts_with("${") || rest.starts_with("#{") {
            let end = scan_to(src, start + 2, b'}')?;
            pieces.push(Piece::Interp(&src[start + 2..end], start + 2));
            end + 1
        } else if let Some(after) = rest.strip_prefix("</#") {
            let end = after.find('>').ok_or_else(|| SyntaxError::new(start, "Unclosed end tag"))?;
            pieces.push(Piece::Close(after[..end].trim(), start));
            start + 3 + end + 1
        } else if rest.starts_with("<@") || rest.starts_with("</@") {
            return Err(SyntaxError::new(start, "Macro calls (<@…>) are not supported"));
        } else {
            let name_start = start + 2;
            let name_len = src[name_start..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(src.len() - name_start);
            let name = &src[name_start..name_start + name_len];
            let end = scan_to(src, name_start + name_len, b'>')?;
            let mut args_end = end;
            if src.as_bytes().get(end.wrapping_sub(1)) == Some(&b'/') && end > name_start + name_len {
                args_end = end - 1;
            }
            pieces.push(Piece::Open(
                name,
                &src[name_start + name_len..args_end],
                name_start + name_len,
                start,
            ));
            end + 1
        };
    }
    Ok(pieces)
}

fn next_markup(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    (0..bytes.len()).find(|&i| {
        let rest = &bytes[i..];
        rest.starts_with(b"${")
            || rest.starts_with(b"#{")
            || rest.starts_with(b"<#")
            || rest.starts_with(b"</#")
            || rest.starts_with(b"<@")
            || rest.starts_with(b"</@")
    })
}

/// The offset of the first `close` at nesting depth 0 outside string literals.
fn scan_to(src: &str, from: usize, close: u8) -> Result<usize, SyntaxError> {
    let bytes = src.as_bytes();
    let mut depth = 0usize;
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != q {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'}' if depth > 0 => depth -= 1,
            b if b == close && depth == 0 => return Ok(i),
            _ => {}
        }
        i += 1;
    }
    Err(SyntaxError::new(from, format!("Unclosed tag: expected \"{}\"", close as char)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_interpolations_and_tags_are_split() {
        let p = split("a ${x.y} <#if b>c</#if><#-- no -->").unwrap();
        assert_eq!(
            p,
            vec![
                Piece::Text("a "),
                Piece::Interp("x.y", 4),
                Piece::Text(" "),
                Piece::Open("if", " b", 13, 9),
                Piece::Text("c"),
                Piece::Close("if", 17),
            ]
        );
    }

    #[test]
    fn a_brace_inside_a_string_does_not_close_an_interpolation() {
        let p = split("${'}'}").unwrap();
        assert_eq!(p, vec![Piece::Interp("'}'", 2)]);
    }
}
