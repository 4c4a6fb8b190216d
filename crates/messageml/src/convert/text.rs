//! Text nodes: newline folding.
//!
//! Every run of `\n` becomes one space, except under `pre` and in the direct text of `code`
//! and `textarea`, where newlines are content.

use super::{Built, Ctx, Kind};
use crate::out::Out;

/// The "tag" of a text node in error messages.
pub(crate) const TAG: &str = "text content";

/// Builds a text child in `ctx` (the context inside its parent).
pub(crate) fn build(t: &str, ctx: Ctx<'_>) -> Built {
    let blank = t.chars().all(char::is_whitespace);
    let text = if ctx.in_pre || ctx.keep_direct_newlines { t.to_owned() } else { fold_newlines(t) };
    Built { kind: Kind::Text, blank, out: Out::Text(text) }
}

/// Replaces every run of `\n` with a single space.
pub(crate) fn fold_newlines(t: &str) -> String {
    if !t.contains('\n') {
        return t.to_owned();
    }
    let mut out = String::with_capacity(t.len());
    let mut in_run = false;
    for c in t.chars() {
        if c == '\n' {
            if !in_run {
                out.push(' ');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold_newlines;

    #[test]
    fn a_run_of_newlines_becomes_one_space() {
        assert_eq!(fold_newlines("a\n\n\nb\r\tc\n"), "a b\r\tc ");
    }
}
