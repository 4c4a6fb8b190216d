//! The edge: raw message text becomes a small owned DOM, checked for well-formedness.
//!
//! The reference parses with Xerces into a DOM and walks it; we do the same with quick-xml so
//! that every later step (the `data-entity-id` pre-pass, validation innermost-first, the
//! PresentationML-to-MessageML mapping) can look at whole elements. Attributes are sorted by
//! name, as Xerces' `NamedNodeMap` returns them, so "first failure wins" picks the same
//! attribute the reference does.

mod dom;
mod parse;

pub(crate) use dom::{Element, Kids, Node};
pub(crate) use parse::parse;
