//! Compact PresentationML serialisation (no indentation, reference escaping).

use crate::escape::{push_escaped, push_escaped_attr, push_escaped_single};
use crate::out::{AttrValue, Out, OutEl, Shape};

/// Serialises the root element's children inside the PresentationML root `div`.
pub(crate) fn presentation_ml(version: &str, children: &[Out], size_hint: usize) -> String {
    let mut buf = String::with_capacity(size_hint + 64);
    buf.push_str("<div data-format=\"PresentationML\" data-version=\"");
    push_escaped_attr(&mut buf, version);
    buf.push_str("\">");
    for child in children {
        write(&mut buf, child);
    }
    buf.push_str("</div>");
    buf
}

fn write(buf: &mut String, node: &Out) {
    match node {
        Out::Text(t) => push_escaped(buf, t),
        Out::El(el) => write_el(buf, el),
        Out::Entity { key, text } => {
            buf.push_str("<span class=\"entity\" data-entity-id=\"");
            push_escaped_attr(buf, key);
            buf.push_str("\">");
            push_escaped(buf, text);
            buf.push_str("</span>");
        }
    }
}

fn write_el(buf: &mut String, el: &OutEl) {
    buf.push('<');
    buf.push_str(el.tag);
    for (name, value) in &el.attrs {
        buf.push(' ');
        buf.push_str(name);
        match value {
            AttrValue::Text(v) => {
                buf.push_str("=\"");
                push_escaped_attr(buf, v);
                buf.push('"');
            }
            AttrValue::Json(v) => {
                buf.push_str("='");
                push_escaped_single(buf, v);
                buf.push('\'');
            }
        }
    }
    if el.shape == Shape::Empty {
        buf.push_str("/>");
        return;
    }
    buf.push('>');
    for child in el.children.iter() {
        write(buf, child);
    }
    buf.push_str("</");
    buf.push_str(el.tag);
    buf.push('>');
}
