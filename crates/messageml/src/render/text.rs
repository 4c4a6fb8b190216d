//! Plain text for search: the DOM `textContent` of the PresentationML, as the reference does.

use crate::out::Out;

/// Concatenates every text node, with no separators.
pub(crate) fn text(children: &[Out]) -> String {
    // Sized exactly up front: growing a string past 1 KB costs more, with glibc's allocator,
    // than this extra walk.
    let mut buf = String::with_capacity(children.iter().map(len).sum());
    for child in children {
        walk(&mut buf, child);
    }
    buf
}

fn len(node: &Out) -> usize {
    match node {
        Out::Text(t) | Out::Entity { text: t, .. } => t.len(),
        Out::El(el) => el.children.iter().map(len).sum(),
    }
}

fn walk(buf: &mut String, node: &Out) {
    match node {
        Out::Text(t) | Out::Entity { text: t, .. } => buf.push_str(t),
        Out::El(el) => el.children.iter().for_each(|c| walk(buf, c)),
    }
}
