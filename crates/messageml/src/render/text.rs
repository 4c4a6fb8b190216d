//! Plain text, for search and for Data Loss Prevention: the text of the PresentationML as a person
//! reads it. Unlike the DOM's `textContent` (which the reference converter uses, and which reads
//! `<p>one</p><p>two</p>` as `onetwo`), a line break stands between blocks and for `br` and `hr`,
//! so that words in separate blocks stay separate words.

use crate::out::Out;

/// Every text node in order, with a line break at each block boundary (never two in a row, none
/// at the ends).
pub(crate) fn text(children: &[Out]) -> String {
    // Sized up front: growing a string past 1 KB costs more, with glibc's allocator, than this
    // extra walk (the line breaks seldom need more).
    let mut buf = String::with_capacity(children.iter().map(len).sum());
    for child in children {
        walk(&mut buf, child);
    }
    let end = buf.trim_end_matches('\n').len();
    buf.truncate(end);
    buf
}

fn len(node: &Out) -> usize {
    match node {
        Out::Text(t) | Out::Entity { text: t, .. } => t.len(),
        Out::El(el) => el.children.iter().map(len).sum(),
    }
}

/// Elements that flow within a line; every other element is a block.
fn is_inline(tag: &str) -> bool {
    matches!(
        tag,
        "a" | "b"
            | "i"
            | "em"
            | "strong"
            | "u"
            | "s"
            | "span"
            | "code"
            | "sub"
            | "sup"
            | "time"
            | "img"
            | "small"
    )
}

fn line_break(buf: &mut String) {
    if !buf.is_empty() && !buf.ends_with('\n') {
        buf.push('\n');
    }
}

fn walk(buf: &mut String, node: &Out) {
    match node {
        Out::Text(t) | Out::Entity { text: t, .. } => buf.push_str(t),
        Out::El(el) if is_inline(el.tag) => el.children.iter().for_each(|c| walk(buf, c)),
        Out::El(el) => {
            line_break(buf);
            el.children.iter().for_each(|c| walk(buf, c));
            line_break(buf);
        }
    }
}
