//! Legacy markdown for old readers, and the form the pod's size limits are measured on.
//!
//! The reference's exact spacing is an artefact of its renderer and is not replicated; the
//! shapes are the same (`**b**`, `_i_`, `[text](href)`, `- ` / `1. ` lists, fenced code,
//! `:shortcode:` emoji, `(Button:Send)` for form controls).

use crate::out::{Md, Out, OutEl};

/// Renders the root's children as markdown. `size_hint` is the message length, which the
/// markdown rarely exceeds (tags shrink to marks), so the buffer seldom grows.
pub(crate) fn markdown(children: &[Out], size_hint: usize) -> String {
    let mut buf = String::with_capacity(size_hint);
    for child in children {
        walk(&mut buf, child);
    }
    buf
}

fn walk(buf: &mut String, node: &Out) {
    match node {
        Out::Text(t) | Out::Entity { text: t, .. } => buf.push_str(t),
        Out::El(el) => element(buf, el),
    }
}

fn children(buf: &mut String, el: &OutEl) {
    el.children.iter().for_each(|c| walk(buf, c));
}

fn wrap(buf: &mut String, el: &OutEl, mark: &str) {
    buf.push_str(mark);
    children(buf, el);
    buf.push_str(mark);
}

fn element(buf: &mut String, el: &OutEl) {
    match &el.md {
        Md::Plain => children(buf, el),
        Md::Hidden => {}
        Md::Bold => wrap(buf, el, "**"),
        Md::Italic => wrap(buf, el, "_"),
        Md::Sub => wrap(buf, el, "~"),
        Md::Sup => wrap(buf, el, "^"),
        Md::Link(href) => {
            buf.push('[');
            children(buf, el);
            buf.push_str("](");
            buf.push_str(href);
            buf.push(')');
        }
        Md::Heading(n) => {
            newline(buf);
            (0..*n).for_each(|_| buf.push('#'));
            buf.push(' ');
            children(buf, el);
            buf.push('\n');
        }
        Md::BulletList | Md::OrderedList => list(buf, el),
        Md::ListItem | Md::Block => {
            newline(buf);
            children(buf, el);
            buf.push('\n');
        }
        Md::Pre | Md::Code => {
            buf.push_str("```");
            children(buf, el);
            buf.push_str("```");
        }
        Md::Br => buf.push('\n'),
        Md::Hr => buf.push_str("\n---\n"),
        Md::Image(src) => {
            buf.push_str("![](");
            buf.push_str(src);
            buf.push(')');
        }
        Md::Emoji(code) => {
            buf.push(':');
            buf.push_str(code);
            buf.push(':');
        }
        Md::Button => {
            buf.push_str("(Button:");
            children(buf, el);
            buf.push(')');
        }
        Md::Field(summary) => {
            buf.push('(');
            buf.push_str(summary);
            buf.push(')');
        }
    }
}

fn newline(buf: &mut String) {
    if !buf.is_empty() && !buf.ends_with('\n') {
        buf.push('\n');
    }
}

fn list(buf: &mut String, el: &OutEl) {
    newline(buf);
    let mut n = 0;
    for child in el.children.iter() {
        let Out::El(item) = child else { continue };
        n += 1;
        if el.md == Md::OrderedList {
            buf.push_str(&format!("{n}. "));
        } else {
            buf.push_str("- ");
        }
        children(buf, item);
        buf.push('\n');
    }
}
