//! Content-model checks, run after an element's children are built.

use super::{Children, Kind};
use crate::error::{MessageMlError, Result, child_not_allowed};

/// Only phrasing content (text, a, b, i, img, br, span, emoji, hash, cash, mention, sub,
/// sup, chime) is allowed.
pub(crate) fn phrasing(tag: &str, children: &Children<'_>) -> Result<()> {
    match children.iter().find(|c| !c.blank && !c.kind.is_phrasing()) {
        Some(c) => Err(child_not_allowed(c.tag, tag)),
        None => Ok(()),
    }
}

/// Only elements of the `allowed` kinds, and text only when `text` is true.
pub(crate) fn only(tag: &str, children: &Children<'_>, allowed: &[Kind], text: bool) -> Result<()> {
    for c in children.iter().filter(|c| !c.blank) {
        if c.kind == Kind::Text {
            if !text {
                return Err(MessageMlError::invalid(format!("Element \"{tag}\" may not have text content")));
            }
        } else if !allowed.contains(&c.kind) {
            return Err(child_not_allowed(c.tag, tag));
        }
    }
    Ok(())
}

/// Text only: any child element fails.
pub(crate) fn text_only(tag: &str, children: &Children<'_>) -> Result<()> {
    only(tag, children, &[], true)
}

/// No content at all (whitespace is tolerated).
pub(crate) fn no_content(tag: &str, children: &Children<'_>) -> Result<()> {
    if children.iter().any(|c| !c.blank) {
        return Err(MessageMlError::invalid(format!(
            "Element \"{tag}\" may not have child elements or text content"
        )));
    }
    Ok(())
}

/// At least one child of `kind` (named `class` in the message).
pub(crate) fn needs_child_kind(tag: &str, children: &Children<'_>, kind: Kind, class: &str) -> Result<()> {
    if children.iter().any(|c| c.kind == kind) { Ok(()) } else { Err(crate::error::needs_child(tag, class)) }
}
